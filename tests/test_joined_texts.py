"""Joined texts: every offset in the joined scan leads back to the text and place it came
from, and batching never splits a text (the property the joined scans of PM315, phrase
lists, evidence and the language rules rest on)."""

from hypothesis import given, strategies as st

from pmlint.joined import Joined, batches

TEXTS = st.lists(st.text(alphabet="ab \n.", max_size=12), max_size=20)
SEPARATORS = st.sampled_from(["\n", "\x00", "\n\x00\n"])


@given(TEXTS, SEPARATORS)
def test_every_offset_of_a_text_leads_back_to_it(texts: list[str], separator: str) -> None:
    joined = Joined(texts, separator)
    assert joined.text == separator.join(texts)
    for index, text in enumerate(texts):
        for offset in range(len(text)):
            assert joined.locate(joined.starts[index] + offset) == (index, offset)
            assert joined.text[joined.starts[index] + offset] == text[offset]


@given(TEXTS, SEPARATORS, st.integers(min_value=1, max_value=40))
def test_batches_keep_every_pair_whole_and_in_order(texts: list[str], separator: str, size: int) -> None:
    pairs = [(f"/{index}", text) for index, text in enumerate(texts)]
    seen = []
    for batch, joined in batches(pairs, separator, size):
        assert batch, "no empty batch"
        assert joined.text == separator.join(text for _, text in batch)
        seen.extend(batch)
    assert seen == pairs


def test_a_batch_closes_once_it_reaches_its_size() -> None:
    pairs = [("/a", "x" * 5), ("/b", "y" * 5), ("/c", "z")]
    sizes = [len(batch) for batch, _ in batches(pairs, "\n", 12)]
    assert sizes == [2, 1]

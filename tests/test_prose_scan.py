"""Phrase lists find the same matches whichever way they scan.

`Phrases.finditer` tries its regex only where one of the list's first words starts
when the text is long (`ANCHOR_MIN_CHARS`); that must give exactly what one pass of the
regex over the whole text gives: the same matches, leftmost first, none overlapping.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from pmlint.infer import prose
from pmlint.infer.prose import ANCHOR_MIN_CHARS, find, phrases
from pmlint.settings import DEFAULT_SETTINGS

WORDS = ["page", "paged", "pager", "on", "call", "on-call", "the", "we", "a", "woke", "up", "night", "no", "one",
         "was", "alert", "é", "über", "data", "24/7", "x_page", "re-page", "PAGED", "İ", "ß"]
SEPARATORS = [" ", "  ", "-", "\n", ", ", ". ", "_", "'", "/", "\u00a0", ""]


def _plain(regex: prose.Phrases, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
    """One pass of the regex (after the cheap word filter every scan has always made)."""
    low, words = prose._indexed(text)
    if regex.first_words.isdisjoint(words):
        return []
    return [(match.start(), match.end()) for match in regex.regex.finditer(low, pos, len(low) if endpos is None else endpos)]


def _scanned(regex: prose.Phrases, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
    return [(found.start(), found.end()) for found in regex.finditer(text, pos, endpos)]


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=200).map(
    lambda pairs: "".join(word + separator for word, separator in pairs))
terms = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(texts, terms, st.integers(0, 50))
def test_anchored_scan_finds_what_the_regex_finds(text: str, words: list[str], pos: int) -> None:
    regex = phrases(tuple(words))
    assert regex is not None
    long_text = text * (1 + ANCHOR_MIN_CHARS // max(1, len(text)))  # long enough to be anchored
    for sample in (text, long_text):
        assert _scanned(regex, sample) == _plain(regex, sample)
        assert _scanned(regex, sample, pos) == _plain(regex, sample, pos)
        assert _scanned(regex, sample, pos, len(sample) - pos) == _plain(regex, sample, pos, len(sample) - pos)


@settings(max_examples=300, deadline=None)
@given(texts, terms)
def test_a_joined_scan_finds_what_the_regex_finds(text: str, words: list[str]) -> None:
    """`Phrases.scan` (a large document's strings joined) searches without the lookbehind
    and checks it itself: the same matches, in order, as one pass of the full regex."""
    regex = phrases(tuple(words))
    assert regex is not None and regex.bare is not None
    scanned = [(match.start(), match.end()) for match in regex.scan(text)]
    assert scanned == _plain(regex, text)


def test_every_settings_phrase_list_scans_the_same_way() -> None:
    """The shipped word lists, on a document-sized text that holds each of their phrases."""
    lists = [value for value in DEFAULT_SETTINGS.values() if isinstance(value, list) and value
             and all(isinstance(item, str) for item in value)]
    lists += [value for table in DEFAULT_SETTINGS.values() if isinstance(table, dict)
              for value in table.values() if isinstance(value, list) and all(isinstance(item, str) for item in value)]
    assert len(lists) > 20
    everything = [str(item) for value in lists for item in value]
    text = " The team was paged at night. ".join(
        f"{phrase}{separator}" for phrase, separator in zip(everything, [". ", ", ", " and ", "-", "\n"] * len(everything)))
    anchored = 0
    for value in lists:
        regex = phrases(tuple(value))
        if regex is None:
            continue
        anchored += regex.anchored
        assert _scanned(regex, text) == _plain(regex, text)
        assert [(match.start(), match.end()) for match in regex.scan(text)] == _plain(regex, text)
        found = list(find(regex, [("/a", text[: len(text) // 2]), ("/b", text[len(text) // 2:])]))
        assert found, value  # every list finds its own phrases
    assert anchored > 20  # the fast path is the one the shipped lists take


# -- the engine's word lists (`engine.text.PhraseRegex`) -------------------------------------

ENGINE_WORDS = ["pushed", "fat-fingered", "didn't check", "fat", "didn", "rolled back", "forgot to", "failed", "Bob", "he", "human error", "x_pushed", "PUSHED",
                "should have", "blame", "3am", "ok"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ENGINE_WORDS + WORDS), st.sampled_from(SEPARATORS)), min_size=1,
                max_size=80).map(lambda pairs: "".join(word + separator for word, separator in pairs)),
       st.lists(st.sampled_from(ENGINE_WORDS), min_size=1, max_size=6))
def test_engine_word_list_finds_what_its_regex_finds(text: str, words: list[str]) -> None:
    from pmlint.engine.text import phrase_regex

    regex = phrase_regex(tuple(words))
    assert regex is not None
    for sample in (text, text * (1 + 400 // max(1, len(text)))):  # short: one pass; long: anchored
        expected = [match.span() for match in regex.regex.finditer(sample)]
        assert [match.span() for match in regex.finditer(sample)] == expected
        assert (regex.search(sample).span() if regex.search(sample) else None) == (expected[0] if expected else None)


def test_engine_word_filter_is_used_for_plain_words() -> None:
    from pmlint.engine.text import phrase_regex

    plain = phrase_regex(("pushed", "rolled back"))
    assert plain is not None and plain.first_words == frozenset({"pushed", "rolled"})
    assert phrase_regex(("fat-fingered", "didn't check")).first_words == frozenset({"fat", "didn"})
    assert plain.search("Bob PUSHED it") is not None and plain.search("nothing here, pushedx") is None
    hyphenated = phrase_regex(("_x", "paged"))
    assert hyphenated is not None and hyphenated.first_words is None  # starts with no word: no filter
    assert hyphenated.search("the _x engineer") is not None


def test_a_long_list_of_texts_joined_finds_what_one_by_one_finds() -> None:
    """Above PER_STRING_MAX texts `find` scans them joined (a 5 MB document's strings):
    the same (pointer, offset, phrase) as reading them one at a time."""
    regex = phrases(tuple(DEFAULT_SETTINGS["on_call_burden_phrases"]) + ("was paged", "no one"))
    assert regex is not None and regex.anchored
    sentences = ["The on-call engineer was paged at 03:10.", "No one was paged.", "Nothing here.",
                 "We woke up to alerts, and worked through the night " * 6, ""]
    texts = [(f"/t/{index}", sentences[index % len(sentences)]) for index in range(prose.PER_STRING_MAX + 10)]

    def seen(found: object) -> list[tuple[str, int, str]]:
        return [(pointer, match.start(), match.group()) for pointer, _, match in found]  # type: ignore[attr-defined]

    joined = seen(find(regex, texts))
    assert joined and joined == seen(find(regex, iter(texts)))  # an iterator is read one text at a time
    assert seen(find(regex, texts[:50])) == seen(find(regex, iter(texts[:50])))


@settings(max_examples=300, deadline=None)
@given(texts, terms)
def test_a_text_without_every_word_of_any_phrase_holds_no_match(text: str, words: list[str]) -> None:
    """`viable` lets `scan` skip a long text: it may only say no where the regex finds nothing."""
    regex = phrases(tuple(words))
    assert regex is not None
    if not regex.viable(prose._indexed(text)[1]):
        assert _plain(regex, text) == []


def test_a_joined_text_with_a_first_word_but_no_whole_phrase_is_not_scanned(monkeypatch) -> None:
    regex = phrases(("scheduled maintenance", "their local time"))
    assert regex is not None and regex.bare is not None
    text = "The deploy was scheduled for noon; the local team watched. " * 50
    monkeypatch.setattr(prose.Phrases, "_scan_bare", staticmethod(lambda bare, low: iter([None])))
    assert list(regex.scan(text)) == []  # "maintenance" and "their" are missing: no scan at all
    assert list(regex.scan(text + " during scheduled maintenance")) == [None]  # now it scans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ENGINE_WORDS + WORDS + ["still", "k", "s", "haven", "t"]),
                          st.sampled_from(SEPARATORS)), min_size=1, max_size=80).map(
           lambda pairs: "".join(word + separator for word, separator in pairs)),
       st.lists(st.lists(st.sampled_from(ENGINE_WORDS + ["haven’t", "ſtill", "\u212a", "still k"]), min_size=1,
                         max_size=3).map(" ".join), min_size=1, max_size=6))
def test_engine_word_list_skips_only_texts_without_a_match(text: str, words: list[str]) -> None:
    """`PhraseRegex.viable` (all the words of some phrase in the text) may only turn away
    a text the regex finds nothing in: also for phrases with letters that match ASCII
    ones case-insensitively ("ſ" is "s", the Kelvin sign "k") or none ("’")."""
    from pmlint.engine.text import _lowered, phrase_regex

    regex = phrase_regex(tuple(words))
    assert regex is not None
    expected = [match.span() for match in regex.regex.finditer(text)]
    assert [match.span() for match in regex.finditer(text)] == expected
    if text.isascii() and not regex.viable(_lowered(text)[1]):
        assert expected == []


def test_engine_word_list_is_not_run_on_a_text_without_all_of_a_phrases_words() -> None:
    from pmlint.engine.text import phrase_regex

    regex = phrase_regex(("no root cause was found", "we don’t know why"))
    assert regex is not None and regex.literals is not None and "cause" in regex.literals
    text = "The pool filled; nobody looked at the cause until the second page."
    assert not regex._may_match(text)  # "cause" is there, but not "root", "was", "found"
    assert regex.search("In the end no root cause was found.") is not None
    assert regex.search("We don’t know why.") is not None  # not ASCII: the regex decides


def test_a_phrase_with_a_letter_that_folds_to_ascii_still_finds_the_ascii_text() -> None:
    """'ſ' matches 's' case-insensitively but 'ſ'.lower() is no 's': a literal pre-check
    built from the non-ASCII word would turn 'still' away (found by the property test)."""
    from pmlint.engine.text import phrase_regex

    regex = phrase_regex(("ſtill",))
    assert regex is not None
    assert [match.span() for match in regex.finditer("still ")] == [(0, 5)]
    assert regex.search("it is still down") is not None


LONG_WORDS = WORDS + ["x9", "İstanbul", "ﬁne", "naïve", "K", "\u00a0", "\x00", "a_b", "é1", "2fa"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LONG_WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=60))
def test_a_long_texts_words_are_the_words_the_pattern_finds(pairs: list[tuple[str, str]]) -> None:
    """A text over `_LONG_CHARS` is split into words without the regex: the same words."""
    text = "".join(word + separator for word, separator in pairs)
    text = text * (1 + prose._LONG_CHARS // max(1, len(text)))
    low, words = prose._index(text)
    assert words == frozenset(prose._WORD.findall(low))
    assert prose._words_of_long(low[:300]) == frozenset(prose._WORD.findall(low[:300]))

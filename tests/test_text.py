"""Phrase matching: the fast paths must find exactly what the plain regex finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.engine.rules import load_rules, rule_options
from pmlint.engine.text import mask_quotes_and_code, phrase_regex, required_literal
from pmlint.settings import DEFAULT_SETTINGS


def _option(rule_id: str, name: str) -> list[str]:
    """A built-in rule's word list (the rules own their vocabulary)."""
    rule = next(rule for rule in load_rules() if rule.id == rule_id)
    return next(option.value for option in rule_options(rule) if option.name == name)


#: the blaming phrases (PM701), counterfactuals (PM703) and template prompts (PM013)
PHRASE_LISTS = {"blame_phrases": ("PM701", "words"), "counterfactual_phrases": ("PM703", "words"),
                "template_prompts": ("PM013", "phrases")}

WORDS = ["should", "have", "failed", "to", "human", "error", "if", "only", "the", "x", "Should", "HAVE", "ß",
         "İ", "shouldhave", "-", "fault", "of", "'", "`", "\n", "  ", "careless", "blame", "d"]
text = st.lists(st.sampled_from(WORDS), max_size=30).map(lambda parts: " ".join(parts))


@settings(max_examples=400, deadline=None)
@given(text, st.sampled_from(["blame_phrases", "counterfactual_phrases", "template_prompts"]))
def test_anchored_word_search_equals_plain_regex(sample, setting):
    matcher = phrase_regex(tuple(_option(*PHRASE_LISTS[setting])))
    assert [m.span() for m in matcher.finditer(sample)] == [m.span() for m in matcher.regex.finditer(sample)]
    assert (matcher.search(sample) is None) == (matcher.regex.search(sample) is None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ISUE NAMYD-HX:TBC[]<>{}namelorIpsuT ")), max_size=60))
def test_literal_precheck_never_hides_a_match(sample):
    matcher = phrase_regex((), tuple(DEFAULT_SETTINGS["template_placeholders"]))
    assert (matcher.search(sample) is None) == (matcher.regex.search(sample) is None)


def test_required_literal():
    assert required_literal(r"\bISSUE NAME\b") == "issue name"
    assert required_literal(r"\bXXX+\b") == "xx"
    assert required_literal(r"\{\{[^}]*\}\}") == "{{"
    assert required_literal(r"a|b") is None
    assert required_literal(r"(a|b)c") is None
    assert required_literal(r"\d+ users") is None


def test_masking_keeps_offsets():
    sample = 'He said "should have" and `failed to` but we should have'
    masked = mask_quotes_and_code(sample)
    assert len(masked) == len(sample)
    assert [m.start() for m in phrase_regex(("should have",)).finditer(masked)] == [sample.rindex("should have")]


#: first words of the phrase lists inside longer words ("her" in "other", "failed" after "_"
#: or a letter), which the anchored search must not start a match at, as `\b` does not
NEAR_MISSES = ["other", "there", "whether", "xfailed", "_failed", "éfailed", "failed", "her", "Her", "should", "have",
               "shouldn't", "1should", "human", "error", "-", "'", "\n", "ß", "İ", "blame", "x"]
SEPARATORS = [" ", "", "-", "\n", "'", "_", "  "]
long_text = st.lists(st.tuples(st.sampled_from(NEAR_MISSES), st.sampled_from(SEPARATORS)), min_size=1, max_size=40).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)).map(
    lambda joined: joined * (1 + 4000 // len(joined)))  # long enough to be anchored


@settings(max_examples=200, deadline=None)
@given(long_text, st.sampled_from(["blame_phrases", "counterfactual_phrases", "template_prompts"]))
def test_anchored_search_of_a_long_text_equals_plain_regex(sample, setting):
    """A long text is searched only where a phrase's first word starts at a word boundary."""
    matcher = phrase_regex(tuple(_option(*PHRASE_LISTS[setting])) + ("her", "failed"))
    assert len(sample) > 40 * len(matcher.anchors)
    assert [m.span() for m in matcher.finditer(sample)] == [m.span() for m in matcher.regex.finditer(sample)]


def test_fewest_literals_drops_those_holding_another():
    from pmlint.engine.text import _fewest

    assert _fewest(["attackers", "attacker", "threat", "threat", "actor", "hacker"]) == ("attacker", "threat", "actor",
                                                                                       "hacker")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "ab", "abc", "b", "bc", "ca", "x", ""]), min_size=1, max_size=6),
       st.text(alphabet="abcx ", max_size=12))
def test_fewest_literals_give_the_same_precheck(literals, sample):
    from pmlint.engine.text import _fewest

    assert any(literal in sample for literal in _fewest(literals)) == any(literal in sample for literal in literals)


@settings(max_examples=25, deadline=None)
@given(long_text, long_text, st.sampled_from(["blame_phrases", "counterfactual_phrases", "template_prompts"]))
def test_a_text_longer_than_the_word_cache_is_searched_as_the_plain_regex_does(first, second, setting):
    """Texts over LOWERED_MAX_CHARS (a large document's strings joined) keep their substring
    answers between word lists; another text asked next must not get the first one's."""
    from pmlint.engine.text import LOWERED_MAX_CHARS

    lists = [phrase_regex(tuple(_option(*PHRASE_LISTS[name])) + ("her", "failed"))
             for name in (setting, "blame_phrases", "template_prompts")]
    for sample in (first, second, first):
        sample = sample * (1 + LOWERED_MAX_CHARS // len(sample))
        for matcher in lists:
            assert [m.span() for m in matcher.finditer(sample)] == [m.span() for m in matcher.regex.finditer(sample)]
            assert (matcher.search(sample) is None) == (matcher.regex.search(sample) is None)

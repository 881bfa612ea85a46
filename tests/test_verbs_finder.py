"""The verb finder of the person rules finds what its regex finds.

`language._verbs_finder` turns away an ASCII text that lacks the words of every verb
phrase (`PhraseRegex.viable`) and tries the regex only where a first word starts; both
are there for speed (a large document's thousands of root causes) and must not change
what is found: the same matches as the regex over the whole text, re- prefix included.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.engine.checks import language
from pmlint.engine.rules import load_rules, rule_options


def _verbs() -> tuple[str, ...]:
    rule = next(rule for rule in load_rules() if rule.id == "PM702")
    options = {option.name: option.value for option in rule_options(rule)}
    return tuple(options["person_blame_verbs"]) + tuple(options["person_action_verbs"]) + \
        tuple(options.get("person_omission_verbs") or ())


VERBS = _verbs()
WORDS = sorted({word for verb in VERBS for word in verb.replace("-", " ").split()}) + [
    "re-", "Bob", "the", "without", "backoff", "looked", "at", "over", "X", "didn", "t", "’", "ſ", "é"]
SEPARATORS = [" ", "  ", "\n", "-", "'", ", ", ""]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS), st.booleans()), max_size=25).map(
    lambda parts: "".join((word.upper() if upper else word) + separator for word, separator, upper in parts))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_the_verb_finder_finds_what_its_regex_finds(text: str) -> None:
    finder = language._verbs_finder(VERBS)
    assert finder is not None
    assert [match.span() for match in finder.finditer(text)] == [match.span() for match in finder.regex.finditer(text)]
    long_text = text * (1 + 40 * len(finder.anchors) // max(1, len(text)))  # long enough to be anchored
    assert [match.span() for match in finder.finditer(long_text)] == \
        [match.span() for match in finder.regex.finditer(long_text)]


def test_a_cause_with_first_words_but_no_verb_phrase_is_not_scanned() -> None:
    finder = language._verbs_finder(VERBS)
    cause = "The retries without backoff kept it full; dashboards were looked at by nobody."
    words = language.ascii_words(cause)
    assert finder.first_words & words and not finder.viable(words)
    assert list(finder.finditer(cause)) == list(finder.regex.finditer(cause)) == []


def test_a_re_prefixed_verb_in_a_long_text_is_found_from_its_re() -> None:
    """Found by Hypothesis: on a text long enough to be anchored, "re-deployed" was found
    from "deployed", three characters late (the subject lookback then missed "Bob")."""
    finder = language._verbs_finder(VERBS)
    text = "Bob re-deployed the config. " * (1 + 80 * len(finder.anchors) // 28)
    assert [match.span() for match in finder.finditer(text)] == [match.span() for match in finder.regex.finditer(text)]
    assert next(iter(finder.finditer(text))).group() == "re-deployed"

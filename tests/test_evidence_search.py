"""The evidence search finds the same first match whichever way it scans.

`search_from` searches the kinds of BARE_SEARCHED without the `\\b` that leads each
branch of their pattern and checks the boundary itself (three times as fast on a 5 MB
document); that must give exactly what the full pattern's `search` gives, from any
start to any end.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from pmlint.load import evidence
from pmlint.load.evidence import BARE_SEARCHED, PATTERNS, _bare, search_from, top_level_branches

SEARCHED = [(kind, label, pattern) for kind, labelled in PATTERNS.items() for label, pattern in labelled
            if (kind, label) in BARE_SEARCHED]

#: Words of the patterns searched bare, and near misses (inside other words, after `@`, `_`)
WORDS = ["nobody", "no", "one", "no-one", "none", "of", "us", "was", "were", "not", "paged", "woken", "up", "called",
         "alerted", "pages", "alerts", "sent", "fired", "without", "paging", "waking", "got", "have", "don't",
         "an", "any", "clear", "ops", "on-call", "oncall", "on", "call", "pager", "rotation", "escalation", "/",
         "volunteer", "volunteer-run", "run", "by", "volunteers", "all-volunteer", "we", "we've", "i", "the", "team",
         "added", "adding", "new", "alerts", "monitoring", "dashboards", "slos", "synthetic", "checks", "lessons",
         "learned", "went", "well", "takeaways", "in", "hindsight", "opened", "saw", "watching", "official",
         "sources", "cve-2021-41773", "vulnerability", "published", "root", "cause", "is", "xnobody", "nobodyx",
         "_no", "@we", "é", "ß", "İ", "\x00"]
SEPARATORS = [" ", "  ", "\n", ", ", ". ", "-", "_", "'", "\u2019", "/", "\x00", "\u00a0", ""]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=120).map(
    lambda pairs: "".join(word + separator for word, separator in pairs))


def _span(match: re.Match[str] | None) -> tuple[int, int, tuple] | None:
    return None if match is None else (match.start(), match.end(), match.groups())


def test_every_bare_searched_pattern_has_a_bare_form() -> None:
    """A pattern listed in BARE_SEARCHED whose branches do not all start with `\\b` would
    silently be searched the slow way: the list must name patterns it can speed up."""
    assert SEARCHED and len(SEARCHED) == len(BARE_SEARCHED)
    for kind, label, pattern in SEARCHED:
        assert _bare(pattern) is not None, (kind, label)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 60), st.integers(0, 60))
def test_the_bare_search_finds_what_the_pattern_finds(text: str, start: int, cut: int) -> None:
    end = max(start, len(text) - cut)
    for kind, label, pattern in SEARCHED:
        assert _span(search_from(pattern, text, start, end)) == _span(pattern.search(text, start, end)), (kind, label)


@pytest.mark.parametrize("kind,label", sorted(BARE_SEARCHED))
def test_the_bare_search_agrees_on_real_sentences(kind: str, label: str) -> None:
    pattern = dict(PATTERNS[kind])[label]
    for text in ("nobody was paged overnight", "xnobody was paged", "we were not paged", "without paging anyone",
                 "there's no clear ops on-call/escalation plan", "a volunteer-run project", "run by volunteers",
                 "we've added alerts for high cpu", "lessons learned", "i opened the site and saw a blank page",
                 "watching \"official\" sources", "cve-2021-41773", "the root cause was a typo"):
        for start in range(0, len(text), 3):
            assert _span(search_from(pattern, text, start, len(text))) == _span(pattern.search(text, start)), text


def test_top_level_branches_split_only_at_the_top() -> None:
    assert top_level_branches(r"\ba|\b(?:b|c)d") == [r"\ba", r"\b(?:b|c)d"]
    assert top_level_branches(r"\b[|]x|\by\|z") == [r"\b[|]x", r"\by\|z"]
    assert top_level_branches(r"[]|]a|[^]|]b|c") == ["[]|]a", "[^]|]b", "c"]
    assert top_level_branches(r"[\]|]a|b") == [r"[\]|]a", "b"]


def test_a_pattern_with_a_branch_not_led_by_a_boundary_is_searched_whole() -> None:
    assert _bare(re.compile(r"\bab|cd")) is None
    pattern = re.compile(r"\bab|cd")
    assert search_from(pattern, "xab cd", 0, 6).span() == (4, 6)
    assert evidence._bare(re.compile(r"\bab|\bcd")).pattern == "ab|cd"

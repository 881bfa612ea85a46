"""An event's kind is the same whether its words are matched ignoring case or lower-cased.

`load.markdown.timeline.classify_event` lower-cases an ASCII event and runs the kinds'
patterns without re.IGNORECASE (a third of the time on a 5 MB timeline); the kinds must
be what the patterns ignoring case say, for every ASCII text and any mix of cases.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.load.markdown import timeline

WORDS = ["resolved", "fully", "restored", "service", "services", "is", "was", "incident", "closed", "all", "clear",
         "back", "to", "normal", "mitigated", "mitigation", "applied", "rolled", "failed", "over", "failover", "fail-over",
         "rollback", "completed", "of", "the", "repaired", "error", "rates", "drops", "recovered", "escalated",
         "declared", "an", "sev", "1", "sev2", "raised", "paged", "secondary", "alert", "alerts", "fired", "generated",
         "alarms", "pages", "detected", "noticed", "first", "report", "reported", "by", "users", "customers", "team",
         "alerted", "outage", "started", "begins", "failing", "returning", "errors", "issue", "goes", "away",
         "x", "re", "s", "k", "ſ", "K", "é", "İ"]
SEPARATORS = [" ", "  ", "-", "_", ".", ", ", "\n", ""]


def _kind_ignoring_case(text: str) -> str:
    if not timeline._ANY_KIND.search(text):
        return "other"
    return next((kind for kind, pattern in timeline._KINDS if pattern.search(text)), "other")


events = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS), st.booleans()), max_size=14).map(
    lambda parts: "".join((word.upper() if upper else word) + separator for word, separator, upper in parts))


@settings(max_examples=500, deadline=None)
@given(events)
def test_an_events_kind_is_the_one_the_patterns_give_ignoring_case(text: str) -> None:
    timeline.classify_event.cache_clear()
    assert timeline.classify_event(text) == _kind_ignoring_case(text)


def test_a_non_ascii_event_is_matched_ignoring_case_the_unicode_way() -> None:
    """"ſ" matches "s" when case is ignored: lower-casing would lose that."""
    assert timeline.classify_event("Service ReſOLVED") == _kind_ignoring_case("Service ReſOLVED") == "resolved"

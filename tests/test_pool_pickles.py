"""What the pool's workers send back pickles by position (model.Finding/Span and
history.Collected define __reduce__): the round trip must give back equal values, the
severity as the same Severity member."""

from __future__ import annotations

import pickle

from pmlint.history.collect import Collected
from pmlint.model import Finding, Severity, Span


def test_findings_and_spans_round_trip_equal() -> None:
    for severity in Severity:
        finding = Finding("PM101", "missing-owner", severity, "no owner", "a/b.yaml", Span(3, 5, 4, 9),
                          "/action_items/0", "add an owner", "ownership")
        back = pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == finding
        assert back.severity is severity
        assert type(back.span) is Span and back.span == Span(3, 5, 4, 9)
    bare = Finding("PM001", "x", Severity.INFO, "m", "p", Span.point(1))
    assert pickle.loads(pickle.dumps(bare)) == bare


def test_collected_round_trips_equal() -> None:
    for value in (Collected("INC-1", ("db", "net"), None), Collected(None, (), "bad YAML")):
        assert pickle.loads(pickle.dumps(value)) == value


def test_collected_profile_round_trips_equal() -> None:
    """The report's profiles travel from the workers as objects (pickled by position,
    history.collect registers the reducers): every fact, span and item must come back equal."""
    from datetime import date

    from pmlint.infer import CauseProfile, Fact, ItemProfile, OnCallBurden, Profile

    profile = Profile(
        path="a.yaml", title="DB down", incident_date=Fact(date(2026, 3, 1), False, "`date`", Span(2, 7, 2, 17)),
        severity=Fact("SEV2", True, "a 3-hour outage", None), services=("db", "api"),
        causes=(CauseProfile("disk full", Fact("infrastructure", True, "disk"), "/root_causes/0"),),
        items=(ItemProfile("add alert", "/action_items/0", "@ana", date(2026, 4, 1), "open", "T-1",
                           Fact("detect"), Fact("code", True, "alert")),),
        on_call=OnCallBurden(pages=Fact(3), sleep_interrupted=Fact(True, True, "3 am page", Span(9, 1, 9, 20))),
        time_to_detect_minutes=Fact(12.5), related_incidents=("INC-1",), repeat=Fact(False))
    value = Collected("INC-2", ("db",), None, profile)
    back = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == value
    assert back.profile is not None and back.profile.to_json() == profile.to_json()
    assert back.profile.incident_date is not None and back.profile.incident_date.span == Span(2, 7, 2, 17)

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

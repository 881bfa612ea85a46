"""Time to detect / mitigate: computed from the first milestone of each kind, across zones."""

from __future__ import annotations

from checks_helpers import messages

from pmlint.engine.checks._time import entries, first_of, format_minutes, minutes_between

TIMELINE = """
severity: {severity}
{extra}
timeline:
  - {{at: "{start}", event: Errors rise, kind: started}}
  - {{at: "{detect}", event: Alert fires, kind: detected}}
  - {{at: "2025-06-22T09:00:00Z", event: Second look, kind: detected}}
"""


def doc(severity="SEV2", start="2025-06-21T23:05:00Z", detect="2025-06-21T23:52:00Z", extra=""):
    return TIMELINE.format(severity=severity, start=start, detect=detect, extra=extra)


def test_time_to_detect_states_the_computed_figure_and_limit():
    assert messages(doc(), "PM403") == ["Time to detect was 47 min, over the 30 min SEV2 limit"]


def test_first_detected_entry_counts_not_later_ones():
    assert messages(doc(detect="2025-06-21T23:20:00Z"), "PM403") == []


def test_offsets_are_compared_as_instants():
    # 01:00+02:00 is 23:00Z: 20 minutes after a 22:40Z start, not 2 h 20 min.
    assert messages(doc(start="2025-06-21T22:40:00Z", detect="2025-06-22T01:00:00+02:00"), "PM403") == []
    assert messages(doc(start="2025-06-21T22:40:00Z", detect="2025-06-22T01:30:00+02:00"), "PM403") == [
        "Time to detect was 50 min, over the 30 min SEV2 limit"]


def test_naive_times_use_the_declared_timezone():
    # 23:05 Berlin (naive, zone declared) → 23:25 Berlin: 20 min; as UTC it would read 2 h 20 min.
    text = doc(start="2025-06-21 23:05", detect="2025-06-21T23:25:00+02:00", extra="timezone: Europe/Berlin")
    assert messages(text, "PM403") == []
    text = doc(start="2025-06-21 23:05", detect="2025-06-22T00:00:00+02:00", extra="timezone: Europe/Berlin")
    assert messages(text, "PM403") == ["Time to detect was 55 min, over the 30 min SEV2 limit"]


def test_naive_against_aware_is_not_guessed():
    text = doc(start="2025-06-21 23:05", detect="2025-06-22T05:00:00Z")
    assert messages(text, "PM403") == []


def test_limit_follows_severity_and_settings():
    assert messages(doc(severity="SEV3"), "PM403") == []
    assert messages(doc(severity="SEV1", detect="2025-06-21T23:25:00Z"), "PM403") == [
        "Time to detect was 20 min, over the 15 min SEV1 limit"]
    assert messages(doc(), "PM403", settings={"max_time_to_detect_minutes": {"SEV2": 60}}) == []
    assert messages(doc(severity="SEV9"), "PM403") == []


def test_time_helpers():
    data = {"timezone": "UTC", "timeline": [{"at": "2025-01-01 10:00", "kind": "Started"},
                                            {"at": "2025-01-01T12:30:00Z", "kind": "resolved"}]}
    timeline = entries(data)
    assert minutes_between(first_of(timeline, "started"), first_of(timeline, "resolved")) == 150
    assert minutes_between(first_of(timeline, "started"), first_of(timeline, "mitigated")) is None
    assert format_minutes(47) == "47 min" and format_minutes(150) == "2 h 30 min" and format_minutes(3000) == "2 d 2 h"

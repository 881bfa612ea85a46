"""The night window: wraps midnight, read in the right zone, one finding per document."""

from __future__ import annotations

from datetime import time

from checks_helpers import lint_yaml, messages

from pmlint.engine.checks.on_call import in_window, parse_clock


def test_window_wraps_midnight():
    night = (time(22), time(7))
    assert in_window(time(23, 59), *night) and in_window(time(0, 0), *night) and in_window(time(6, 59), *night)
    assert not in_window(time(7, 0), *night) and not in_window(time(21, 59), *night)
    assert in_window(time(1), time(0), time(6)) and not in_window(time(6), time(0), time(6))
    assert parse_clock("nonsense", time(22)) == time(22)


#: A lone entry before midnight is evening work: reported at info under `strict` only,
#: and says so.
EVENING = "; all before midnight: evening work, not lost sleep, unless someone was paged"


def doc(at: str, extra: str = "") -> str:
    return f'{extra}\ntimeline:\n  - {{at: "{at}", event: On-call rolls back the deploy}}\n  - {{at: "2025-06-21T12:00:00Z", event: Later}}\n'


def test_utc_timestamp_is_read_in_the_document_zone():
    assert messages(doc("2025-06-21T22:30:00Z"), "PM203") == []  # 22:30 UTC: evening, `strict` only
    assert messages(doc("2025-06-21T21:30:00Z"), "PM203", pedantic=True) == []
    # 22:30 UTC is 00:30 in Berlin: after midnight, lost sleep, in the default run
    found = messages(doc("2025-06-21T22:30:00Z", "timezone: Europe/Berlin"), "PM203")
    assert found == ["1 timeline entry falls in the night window 22:00–07:00 (first at 00:30) "
                     "but `on_call.off_hours_pages` is missing"]
    # 21:30 UTC is 23:30 in Berlin: evening work, `strict` only
    assert messages(doc("2025-06-21T21:30:00Z", "timezone: Europe/Berlin"), "PM203") == []
    found = messages(doc("2025-06-21T21:30:00Z", "timezone: Europe/Berlin"), "PM203", pedantic=True)
    assert found == ["1 timeline entry falls in the night window 22:00–07:00 (first at 23:30) "
                     "but `on_call.off_hours_pages` is missing" + EVENING]


def test_night_timezone_setting_wins_over_document_zone():
    text = doc("2025-06-21T22:30:00Z", "timezone: Europe/Berlin")
    assert messages(text, "PM203", settings={"night_timezone": "UTC"}, pedantic=True) == [
        "1 timeline entry falls in the night window 22:00–07:00 (first at 22:30) "
        "but `on_call.off_hours_pages` is missing" + EVENING]
    tokyo = {"night_timezone": "Asia/Tokyo"}
    assert messages(doc("2025-06-21T12:30:00Z"), "PM203", settings=tokyo, pedantic=True) == []  # 21:30 in Tokyo
    assert messages(doc("2025-06-21T15:30:00Z"), "PM203", settings=tokyo) == [  # 00:30 in Tokyo
        "1 timeline entry falls in the night window 22:00–07:00 (first at 00:30) "
        "but `on_call.off_hours_pages` is missing"]


def test_recorded_night_pages_or_custom_window_silence_it():
    assert messages(doc("2025-06-21T23:30:00Z", "on_call: {pages: 1, off_hours_pages: 1}"), "PM203") == []
    assert messages(doc("2025-06-21T23:30:00Z", "on_call: {sleep_interrupted: true}"), "PM203") == []
    assert messages(doc("2025-06-21T23:30:00Z"), "PM203", settings={"night_start": "00:00", "night_end": "06:00"}) == []


def test_night_pages_need_a_paging_reduction_item():
    base = "on_call: {pages: 2, off_hours_pages: 2}\naction_items:\n  - {title: %s}\n"
    assert messages(base % "Fix the null check in the formatter", "PM202") == [
        "2 off-hours pages recorded, but no action item reduces paging or automates the response"]
    assert messages(base % "Route disk warnings to business hours", "PM202") == []
    wont = "on_call: {off_hours_pages: 1}\naction_items:\n  - {title: Tune the alert, status: wont-do}\n"
    assert messages(wont, "PM202") == ["1 off-hours page recorded, but no action item reduces paging or automates the response"]


def test_a_night_read_only_on_utc_clocks_is_strict_only():
    """02:30 UTC is 19:30 in California and 11:30 in Tokyo: with nothing saying where the
    responders are, nobody is known to have lost sleep, so `recommended` is silent and
    `strict` asks at `info`; a declared local zone or `night_timezone` makes it a claim."""
    late = doc("2025-06-22T02:30:00Z")
    assert messages(late, "PM203") == []
    assert [f.severity.name for f in lint_yaml(late, {"PM203"}, pedantic=True)] == ["INFO"]
    assert messages(late, "PM203", settings={"night_timezone": "UTC"}) == [
        "1 timeline entry falls in the night window 22:00–07:00 (first at 02:30) "
        "but `on_call.off_hours_pages` is missing"]
    assert len(messages(doc("2025-06-22T00:30:00Z", "timezone: Europe/London"), "PM203")) == 1

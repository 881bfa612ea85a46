"""Timelines written in forms the Markdown loader did not read (held-out set I): time
stamps in Hugo shortcodes, a status page's timed states in front matter, time-then-date
stamps under a zoned column header, and a dated log (headings that open with dates). Each
is a timeline, so "Missing core section: `timeline`" (PM011) and "times could not be
read" (PM501) are false there; a post with no dates or times at all still gets PM011.
CLI in, findings out, on synthetic documents; property and scaling tests for the readers.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import rule_findings, write
from pmlint.engine.checks.document import _dated_log, _heading_date
from pmlint.infer.window import front_matter_window
from pmlint.load.markdown import load_markdown
from pmlint.load.markdown.states import read_time, status_states
from pmlint.load.markdown.times import parse_stamp, shortcode_line

_NO_TIMES = """# Search was slow

The search service answered slowly for part of the afternoon.

## Root cause

A cache node ran out of memory after a configuration change doubled its key size.

## Action items

- [ ] Alert on cache memory above 80 % (owner: @dana, due: 2025-07-01)
"""


def _missing(run_cli, path) -> list[str]:
    return [item["message"] for item in rule_findings(run_cli, path, "PM011") if "`timeline`" in item["message"]]


def test_a_post_with_no_dates_or_times_still_misses_its_timeline(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _NO_TIMES)
    assert len(_missing(run_cli, path)) == 1


# --- 1. time stamps in shortcodes ---------------------------------------------------------

_SHORTCODES = """# Map tiles deleted

Tiles outside three counties were removed from the tile servers by a cleanup job.

## Update
Levels 0 through 16 have been restored. {{{{< {name} "2024-03-02T12:15:00.000Z" >}}}}

## Update 2
Levels 17-19 are being uploaded. {{{{< {name} "2024-03-05T07:15:00Z" >}}}}

## Update 3
{{{{% {name} when="2024-03-08 09:13 UTC" %}}}} All tiles have been restored.
"""


def test_shortcode_time_stamps_are_a_timeline_whatever_the_shortcode_is_named(run_cli, tmp_path):
    for name in ("track", "update"):
        path = write(tmp_path / f"{name}.md", _SHORTCODES.format(name=name))
        assert _missing(run_cli, path) == []
        timeline = load_markdown(str(path), path.read_text(), {}).data["timeline"]
        assert [entry["at"] for entry in timeline] == [
            "2024-03-02T12:15:00+00:00", "2024-03-05T07:15:00+00:00", "2024-03-08T09:13:00+00:00"]
        assert timeline[2]["event"] == "All tiles have been restored."  # the shortcode is not the event
        assert "{{" not in timeline[0]["event"]


def test_shortcodes_without_a_time_stamp_are_no_timeline(run_cli, tmp_path):
    text = _NO_TIMES.replace("slowly", 'slowly {{< figure src="graph.png" >}}').replace(
        "run out", 'run out {{< track "2024-03-02" >}}')
    path = write(tmp_path / "pm.md", text)
    assert len(_missing(run_cli, path)) == 1


# --- 2. a status page's timed states in front matter -----------------------------------------

_STATES = """---
layout: post
title: Connectivity loss
status: resolved
date: 24-03-2021 01:40
resolvedDate: 24-03-2021 17:00
{key}:
- status: investigating
  content: "Technical problems reported and investigation started."
- status: identified
  content: "The failing router was identified."
  date: 24-03-2021 05:36
- status: update
  content: "Traffic restored in the first region."
  date: 24-03-2021 10:41
- status: resolved
  content: "All regions have been restored."
---
A router failure cut connectivity; see the linked report for details.
"""


def test_front_matter_states_are_the_timeline_read_in_the_documents_date_order(run_cli, tmp_path):
    path = write(tmp_path / "status.md", _STATES.format(key="updates"))
    assert _missing(run_cli, path) == []
    timeline = load_markdown(str(path), path.read_text(), {}).data["timeline"]
    # `24-03-2021` is day first; the untimed first and last states take the page's start and end
    assert [entry["at"] for entry in timeline] == [
        "2021-03-24T01:40:00", "2021-03-24T05:36:00", "2021-03-24T10:41:00", "2021-03-24T17:00:00"]
    assert timeline[0]["event"] == "Investigating: Technical problems reported and investigation started."
    assert timeline[-1]["kind"] == "resolved"


def test_the_page_start_and_resolution_answer_how_long(run_cli, tmp_path):
    path = write(tmp_path / "status.md", _STATES.format(key="incident_states"))
    found = rule_findings(run_cli, path, "PM601")
    assert [item["severity"] for item in found] == ["info"]  # who was affected is still asked
    assert "how long" not in found[0]["message"]
    window = front_matter_window(load_markdown(str(path), path.read_text(), {}))
    assert window is not None and window.value == 15 * 60 + 20 and window.inferred
    assert '"24-03-2021 01:40"' in window.evidence and '"24-03-2021 17:00"' in window.evidence


def test_a_title_that_counts_what_was_hit_answers_who(run_cli, tmp_path):
    """The front matter's title is searched with the body: "Connectivity loss in two
    regions" says what was hit, and the page's start and resolution say how long."""
    text = _STATES.format(key="incident_states").replace("title: Connectivity loss\n",
                                                          "title: Connectivity loss in two regions\n")
    assert rule_findings(run_cli, write(tmp_path / "status.md", text), "PM601") == []


_UPDATES = """---
title: API errors
incident_updates:
- status: resolved
  body: The fix is deployed and error rates are back to normal.
  created_at: "2023-06-01T16:20:00Z"
- status: identified
  body: A bad deploy of the API gateway; we are rolling it back.
  created_at: "2023-06-01T15:05:00Z"
- status: investigating
  body: We are seeing elevated error rates on the API.
  created_at: "2023-06-01T14:50:00Z"
---
The API gateway returned errors after a deploy.
"""


def test_states_listed_newest_first_are_read_oldest_first_and_bound_the_impact(run_cli, tmp_path):
    path = write(tmp_path / "status.md", _UPDATES)
    document = load_markdown(str(path), path.read_text(), {})
    assert [entry["at"] for entry in document.data["timeline"]] == [
        "2023-06-01T14:50:00+00:00", "2023-06-01T15:05:00+00:00", "2023-06-01T16:20:00+00:00"]
    assert _missing(run_cli, path) == []
    assert all("how long" not in item["message"] for item in rule_findings(run_cli, path, "PM601"))


def test_the_first_and_last_states_bound_the_window_when_the_last_says_resolved(tmp_path):
    path = write(tmp_path / "status.md", _UPDATES)
    window = front_matter_window(load_markdown(str(path), path.read_text(), {}))
    assert window is not None and window.value == 90 and window.inferred
    assert "first and last of the front matter's `incident_updates`" in window.evidence
    ongoing = _UPDATES.replace("status: resolved\n  body: The fix is deployed and error rates are back to normal.",
                               "status: monitoring\n  body: A fix is deployed; we are watching error rates.")
    path = write(tmp_path / "ongoing.md", ongoing)
    assert front_matter_window(load_markdown(str(path), path.read_text(), {})) is None


def test_an_untimed_resolution_listed_first_takes_the_pages_end_not_its_start():
    front = {"date": "2023-06-01 14:50", "resolved_at": "2023-06-01 16:20",
             "updates": [{"status": "resolved", "body": "Fixed."},
                         {"status": "identified", "body": "Bad deploy.", "at": "2023-06-01 15:05"},
                         {"status": "investigating", "body": "Errors.", "at": "2023-06-01 14:55"}]}
    _, states = status_states(front)
    assert [state.at for state in states] == ["2023-06-01 16:20", "2023-06-01 15:05", "2023-06-01 14:55"]
    assert states[0].resolved and states[0].at_pointer == "/resolved_at"


def test_a_list_whose_last_state_is_no_resolution_gives_no_window():
    front = {"updates": [{"status": "investigating", "body": "Errors.", "at": "2023-06-01 14:50"},
                         {"status": "identified", "body": "Bad deploy.", "at": "2023-06-01 15:05"}]}
    key, states = status_states(front)
    assert key == "updates" and not states[-1].resolved


def test_a_schema_fields_list_or_untimed_items_are_no_states():
    assert status_states({"related_incidents": [{"id": "a", "title": "x", "date": "2023-01-01 10:00"},
                                                {"id": "b", "title": "y", "date": "2023-02-01 10:00"}]}) is None
    assert status_states({"authors": [{"name": "a"}, {"name": "b"}]}) is None
    assert status_states({"updates": [{"body": "x", "date": "2023-01-01"}, {"body": "y", "date": "2023-01-02"}]}) is None


def test_night_hours_of_unzoned_states_are_no_evidence_of_night_work(run_cli, tmp_path):
    path = write(tmp_path / "status.md", _STATES.format(key="updates"))
    assert rule_findings(run_cli, path, "PM203") == []


# --- 3. time, then date, under a zoned column header ---------------------------------------

_TABLE = """# Customer data sent to the wrong list

On November 28 a misconfigured mailing list sent support emails to the wrong recipients.

## Timeline

| Time (UTC)          | Event |
| ------------------- | ----- |
| 18:30, Nov 27, 2025 | A configuration change is deployed to the mailing list. |
| 06:06, Nov 28, 2025 | The first email is sent to the misconfigured list. |
| 06:15, Nov 28, 2025 | The team corrects the configuration. |

## Root cause

The list was set to deliver to all members instead of the support alias.
"""


def test_time_then_date_stamps_are_read_with_the_headers_zone(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _TABLE)
    assert rule_findings(run_cli, path, "PM501") == []
    timeline = load_markdown(str(path), path.read_text(), {}).data["timeline"]
    assert [entry["at"] for entry in timeline] == [
        "2025-11-27T18:30:00+00:00", "2025-11-28T06:06:00+00:00", "2025-11-28T06:15:00+00:00"]


def test_a_time_then_words_is_still_a_time_alone():
    stamp = parse_stamp("18:30, 5 servers were drained")
    assert stamp is not None and not stamp.has_date and stamp.clock == (18, 30, 0)
    stamp = parse_stamp("18:30, Thursday, 27 November 2025 - deploy")
    assert stamp is not None and stamp.moment == datetime(2025, 11, 27, 18, 30)


# --- 4. a dated log ---------------------------------------------------------------------

_DATED = """# Release incidents

## {first}: v0.1.4 release attempt failed
- The macOS build failed during environment setup.

## Corrective Actions
1. Updated the workflow runner label.

## {second}: installer startup failures
- Initial user report: the app failed to start.
- Release v0.1.7 fixed it.

## {third}: launcher quoting bug
- Root cause: cmd.exe stripped the outer quotes of the path.
"""


def test_dated_headings_in_date_order_are_a_chronology(run_cli, tmp_path):
    for days in (("2026-02-22", "2026-02-23", "2026-02-25"), ("March 3, 2024", "March 1, 2024", "February 28, 2024")):
        path = write(tmp_path / "log.md", _DATED.format(first=days[0], second=days[1], third=days[2]))
        assert _missing(run_cli, path) == [], days


def test_one_date_or_dates_back_and_forth_are_no_chronology(run_cli, tmp_path):
    one = _DATED.format(first="2026-02-22", second="Installer", third="Launcher")
    mixed = _DATED.format(first="2026-02-22", second="2026-03-10", third="2026-02-25")
    for name, text in (("one.md", one), ("mixed.md", mixed)):
        path = write(tmp_path / name, text)
        assert len(_missing(run_cli, path)) == 1, name


def test_a_dated_heading_over_nothing_is_no_entry():
    lines = ["# Log", "## 2026-02-22: started", "## 2026-02-23: continued", "text"]
    headings = [(0, 0), (1, 1), (2, 2), (3, 2)]
    assert _dated_log(lines, headings, set(), 1) is None


# --- properties and scaling ---------------------------------------------------------------

_MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2089, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0))


@settings(max_examples=200, deadline=None)
@given(_MOMENTS, st.sampled_from(["%H:%M, %b %d, %Y", "%H:%M, %d %B %Y", "%H:%M on %Y-%m-%d", "%H:%M %a %b %d %Y"]))
def test_a_time_then_its_date_reads_back_as_written(moment, layout):
    stamp = parse_stamp(moment.strftime(layout) + " something happened")
    assert stamp is not None and stamp.moment == moment


@settings(max_examples=200, deadline=None)
@given(_MOMENTS, st.text(alphabet=st.characters(blacklist_characters="{}\n\r"), max_size=40),
       st.sampled_from(["track", "update", "status-time"]), st.booleans())
def test_a_shortcode_stamp_reads_back_as_written(moment, words, name, before):
    code = f'{{{{< {name} "{moment.strftime("%Y-%m-%dT%H:%M:%S")}.000Z" >}}}}'
    line = f"{words} {code}" if before else f"{code} {words}"
    lifted = shortcode_line(line)
    assert lifted is not None and "{{" not in lifted
    stamp = parse_stamp(lifted)
    assert stamp is not None and stamp.moment == moment and stamp.zone == timezone.utc


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_the_readers_never_raise_on_arbitrary_text(text):
    shortcode_line(text)
    read_time(text)
    read_time(text, True)
    _heading_date(text)
    parse_stamp(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["status", "body", "date", "at", "x"]),
                                st.one_of(st.text(max_size=20), st.none(),
                                          _MOMENTS.map(lambda moment: moment.strftime("%Y-%m-%d %H:%M")))),
                max_size=8))
def test_any_list_of_states_reads_in_order_or_not_at_all(items):
    found = status_states({"date": "2020-01-01 00:00", "updates": items})
    if found is not None:
        key, states = found
        assert key == "updates" and len(states) >= 2 and all(state.text for state in states)


def _ratio(make, run, small: int, large: int) -> float:
    def seconds(size: int) -> float:
        subject = make(size)
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            run(subject)
            best = min(best, time.perf_counter() - began)
        return best

    seconds(small)
    return seconds(large) / seconds(small)


def test_reading_shortcodes_is_linear():
    # hostile: many openings that never close, then one that does
    ratio = _ratio(lambda size: "{{< x " * size + '{{< t "2024-01-01T00:00Z" >}}',
                   lambda line: shortcode_line(line), 2000, 16000)
    assert ratio < 8 * 2.5


def test_reading_dated_headings_is_linear():
    def make(size: int):
        start = datetime(2000, 1, 1)
        lines = ["# Log"]
        for day in range(size):
            lines += [f"## {(start + timedelta(days=day)).date().isoformat()}: step {day}", "- something happened"]
        headings = [(0, 0)] + [(number, 1 if number == 1 else 2) for number, text in enumerate(lines, 1)
                               if text.startswith("#")]
        return lines, headings

    ratio = _ratio(make, lambda made: _dated_log(made[0], made[1], set(), 1), 4000, 32000)
    assert ratio < 8 * 2.5

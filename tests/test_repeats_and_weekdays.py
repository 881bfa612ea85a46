"""PM802 reads a repeat however the document says it, and PM012 checks a date against
the weekday written beside it.

Behaviour first: Markdown in, findings out (`pmlint check --format json`). A repeat said
in prose ("as happened last year", "this has been an issue in the past") is a repeat
incident; a link in the paragraph that says so is the earlier incident's; words that only
sound like one ("to avoid another outage", "the same as the previous version") are not.
A weekday that is not its date's is a slip; when it is the date's in the year the rest
of the document uses, the year is the slip and both dates are quoted. Scaling tests
(ratios) for the two new text scanners.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import rule_findings, write
from test_scaling import assert_linear


def _findings(run_cli, path: Path, rule: str) -> list[dict]:
    _, out, _ = run_cli("check", "--format", "json", "--select", rule, str(path))
    return json.loads(out)["findings"]


REPEAT = """# Disk full on db-1

## Summary

The database disk filled up. {said}

## Timeline

- 2025-06-21 10:00 UTC - Disk alert fires
- 2025-06-21 10:30 UTC - Old logs deleted

## Action items

- Delete old logs weekly
"""


@pytest.mark.parametrize("said, words", [
    ("It is the same issue as in June.", "same issue as"),
    ("It failed for the second time this month.", "second time this"),
    ("The disk filled up, as happened last year.", "as happened last year"),
    ("This has been an issue in the past for the reporting job.", "has been an issue in the past"),
    ("We have seen this error before.", "We have seen this error before"),
    ("We had another disk outage.", "had another disk outage"),
    ("Yet another outage of the same host.", "Yet another outage"),
])
def test_a_repeat_said_in_prose_asks_for_the_link_and_an_architecture_fix(run_cli, tmp_path, said, words):
    path = write(tmp_path / "2025-06-21-disk.md", REPEAT.format(said=said))
    found = _findings(run_cli, path, "PM802")
    assert len(found) == 1, found
    message = found[0]["message"]
    assert message.startswith("The document says this happened before, yet it links no earlier postmortem")
    assert f'inferred a repeat incident from "{words}"' in message
    assert found[0]["severity"] == "warning" and found[0]["line"] == 5


@pytest.mark.parametrize("said", [
    "To avoid another outage we now rotate logs.",
    "The settings are the same as the previous version.",
    "It has never happened before.",
    "The cache behaves as it did before the deploy.",
    "Packages known to have caused issues in the past were updated.",
    "The node was restarted a second time and recovered.",
    "There was another failure mode we had not considered.",
    "As we did last year, we ran a game day before the sale.",
    "We have seen this pattern before in other companies.",
])
def test_words_that_only_sound_like_a_repeat_are_not_one(run_cli, tmp_path, said):
    path = write(tmp_path / "2025-06-21-disk.md", REPEAT.format(said=said))
    assert _findings(run_cli, path, "PM802") == []


def test_the_link_beside_the_words_is_the_earlier_incident(run_cli, tmp_path):
    said = "The cause is the same as an earlier\n[incident](https://docs.example.com/d/1abc)."
    path = write(tmp_path / "2025-06-21-disk.md", REPEAT.format(said=said))
    found = _findings(run_cli, path, "PM802")
    assert len(found) == 1
    assert found[0]["message"].startswith("This is the second incident with this cause (1 related)")
    assert found[0]["line"] == 5  # the words, not the summary's first line


def test_an_architecture_item_answers_a_repeat_said_in_prose(run_cli, tmp_path):
    text = REPEAT.format(said="It is the same issue as in June.").replace(
        "- Delete old logs weekly", "- [prevent] [architecture] Move logs to their own volume")
    path = write(tmp_path / "2025-06-21-disk.md", text)
    assert _findings(run_cli, path, "PM802") == []


DAYS = """# Token exposure

## Timeline

* **Sunday, April 2, 2023**
* 11:21: An internal incident was created
* **{second}**
* 08:43: A new app was created
"""


def test_a_year_that_contradicts_the_weekday_and_the_other_dates_is_a_warning(run_cli, tmp_path):
    path = write(tmp_path / "token.md", DAYS.format(second="Monday, April 3, 2024"))
    found = _findings(run_cli, path, "PM012")
    assert [(f["line"], f["severity"]) for f in found] == [(7, "warning")]
    assert found[0]["message"] == ('Line 7 says "Monday, April 3, 2024", but 2024-04-03 was a Wednesday; April 3 '
                                   'was a Monday in 2023, the year of "Sunday, April 2, 2023" on line 5')


def test_a_weekday_that_fits_no_year_of_the_document_is_info(run_cli, tmp_path):
    path = write(tmp_path / "token.md", DAYS.format(second="Tuesday, 2023-04-03"))
    found = _findings(run_cli, path, "PM012")
    assert [(f["line"], f["severity"]) for f in found] == [(7, "info")]
    assert found[0]["message"] == 'Line 7 says "Tuesday, 2023-04-03", but 2023-04-03 was a Monday'


@pytest.mark.parametrize("second", ["Monday, April 3, 2023", "Monday 3 April 2023", "Monday, 2023-04-03"])
def test_dates_whose_weekday_is_right_are_silent(run_cli, tmp_path, second):
    path = write(tmp_path / "token.md", DAYS.format(second=second))
    assert _findings(run_cli, path, "PM012") == []


def test_a_weekday_in_a_code_block_is_not_read(run_cli, tmp_path):
    text = DAYS.format(second="Monday, April 3, 2023") + "\n```\nTuesday, 2023-04-03 log line\n```\n"
    path = write(tmp_path / "token.md", text)
    assert _findings(run_cli, path, "PM012") == []


@pytest.mark.parametrize("body", ["Monday, 2023-04-0", "Monday, April 3, 202", "the same as an earlier the same ",
                                  "has been an issue in the past for ", "as happened in ", "had another had another ",
                                  "we have seen this we have seen "])
def test_the_new_scanners_stay_linear(body: str) -> None:
    def make(size: int) -> str:
        return "# T\n\n## Summary\n\n" + body * (size // len(body)) + "\n"

    assert_linear("p.md", make, 20_000)


DATE_SECTION = """# Publishing V1 post-mortem

## Date
{date}

## Timeline

| Time | Event |
|---|---|
| 2020-02-05 18:00 | The release is published too early |
| 2020-02-06 08:58 | Nightlies are paused |
"""


def test_a_date_section_before_the_incident_contradicts_the_timeline(run_cli, tmp_path):
    path = write(tmp_path / "postmortem.md", DATE_SECTION.format(date="2020-01-07"))
    found = _findings(run_cli, path, "PM012")
    assert [(f["line"], f["severity"]) for f in found] == [(10, "warning")]
    assert found[0]["message"] == "The timeline start (line 10) says 2020-02-05 but the `date` field (line 4) says 2020-01-07"


@pytest.mark.parametrize("date", ["2020-02-06", "2020-02-12", "Start: Wednesday, 2020-02-05 End: Thursday, 2020-02-06",
                                  "We published this on 2019-01-01 after the review of the release."])
def test_a_date_section_that_dates_the_write_up_or_says_more_is_silent(run_cli, tmp_path, date):
    path = write(tmp_path / "postmortem.md", DATE_SECTION.format(date=date))
    assert _findings(run_cli, path, "PM012") == []


WINDOW = """# Nodes down

Starting December 12 around 11:00, several compute nodes went down.

<!--
start: {start}
stop: {stop}
-->
"""


def test_a_stated_stop_before_its_start_is_reported_with_both_lines(run_cli, tmp_path):
    path = write(tmp_path / "status.md", WINDOW.format(start="2018-12-20T16:40:00", stop="2018-12-17T17:00:00"))
    found = _findings(run_cli, path, "PM012")
    assert [(f["line"], f["severity"]) for f in found] == [(7, "warning")]
    assert found[0]["message"] == "The stop on line 7 (2018-12-17T17:00:00) is before the start on line 6 (2018-12-20T16:40:00)"


@pytest.mark.parametrize("start, stop", [
    ("2018-12-12T10:20:00", "2018-12-19T14:20:00"),  # in order
    ("2018-12-12 23:00 PST", "2018-12-13 01:00 UTC"),  # another zone, within a day: not for PM012 to convert
    ("2018-12-12", "2018-12-12"),  # the same day, no times
])
def test_a_window_in_order_or_across_zones_is_silent(run_cli, tmp_path, start, stop):
    path = write(tmp_path / "status.md", WINDOW.format(start=start, stop=stop))
    assert _findings(run_cli, path, "PM012") == []


def test_a_start_and_an_end_far_apart_are_not_a_pair(run_cli, tmp_path):
    text = WINDOW.format(start="2018-12-20T16:40:00", stop="2018-12-21T17:00:00").replace(
        "stop: 2018-12-21T17:00:00", "\n\n\n\nstop: 2018-12-17T17:00:00")
    path = write(tmp_path / "status.md", text)
    assert _findings(run_cli, path, "PM012") == []


@pytest.mark.parametrize("body", ["start: 2018-12-20T16:40:00\n", "start: 2018-12-20T16:40:00\nstop: 2018-12-17T17:00:00\n",
                                  "start: 2018-12-2" + " " * 30 + "\n"])
def test_stated_windows_stay_linear(body: str) -> None:
    def make(size: int) -> str:
        return "# T\n\n" + body * (size // len(body)) + "\n"

    assert_linear("p.md", make, 20_000)


@pytest.mark.parametrize("said", [
    "A fix is now in place to be more resilient when a similar outage happens again.",
    "If the same issue as last week comes back, the runbook covers it.",
    "We added a canary to prevent a recurrence of the failure.",
])
def test_a_repeat_imagined_is_no_repeat(run_cli, tmp_path, said):
    text = f"# Storage outage\n\n## Summary\n\nThe bucket was unreachable for an hour. {said}\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM802") == []

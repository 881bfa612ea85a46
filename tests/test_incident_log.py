"""A status page's history of many incidents leaves detection, paging and lessons out by its
form: PM401, PM201 and PM801 are `strict`-only there (`omitted_by: [incident-log]`), while
one incident told under date headings is a postmortem like any other. CLI in, findings out.

Held-out reviews called "Detection method not recorded" pedantic on two status-page logs
(a cluster's 2018 log and a cloud status page, both newest first over months)."""

from __future__ import annotations

import time

import pytest

from conftest import rule_findings, write
from pmlint.load.markdown.blocks import parse_blocks
from pmlint.load.markdown.forms import incident_log

_ENTRIES = [("December 21, 2018", "Partial file system failure", "The scratch file system failed on two nodes."),
            ("November 8, 2018", "Planned power outage", "The cluster was shut down for the campus power work."),
            ("September 13, 2018", "Scheduler unreachable", "The job scheduler did not answer for two hours.")]


def _log(entries=_ENTRIES) -> str:
    return "# Cluster status\n\n" + "".join(f"### {day}\n\n#### {title}\n\n{text}\n\n" for day, title, text in entries)


def test_a_log_of_many_incidents_is_not_asked_for_detection_outside_strict(run_cli, tmp_path):
    path = write(tmp_path / "status.md", _log())
    assert rule_findings(run_cli, path, "PM401") == []
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM401", preset="strict")] == ["info"]


@pytest.mark.parametrize("entries", [
    list(reversed(_ENTRIES)),  # oldest first: one incident's chronology under date headings
    [("December 12, 2018", "Power failure", "Power failed."), ("December 13, 2018", "Recovery", "Nodes rebooted."),
     ("December 11, 2018", "Before", "All well.")],  # within days, even newest first: one incident's days
    _ENTRIES[:2],  # two date headings: not enough to tell
])
def test_one_incident_under_date_headings_is_a_postmortem(run_cli, tmp_path, entries):
    path = write(tmp_path / "pm.md", _log(entries))
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM401")] == ["warning"]


def test_a_long_title_with_a_date_is_no_date_heading():
    text = _log([(f"What we learned from the outage on {day}", title, body) for day, title, body in _ENTRIES])
    assert incident_log(parse_blocks(text.splitlines())) is False


def test_reading_the_headings_is_linear():
    def seconds(repeats: int) -> float:
        blocks = parse_blocks(_log(_ENTRIES * repeats).splitlines())
        began = time.perf_counter()
        for _ in range(5):
            incident_log(blocks)
        return time.perf_counter() - began

    seconds(50)
    small, large = min(seconds(200) for _ in range(3)), min(seconds(1600) for _ in range(3))
    assert large / small < 8 * 2.5


# ---- an update written while the incident is open ---------------------------------------

_INTERIM = ("# Server issues\n\nMany of you will already have noticed that we are having some server issues. "
            "The problem is being worked on and we hope to restore all services within the next few days.\n\n"
            "* Resource center\n\nIt is currently being restored from a backup.\n")


def test_an_interim_update_is_not_asked_for_its_plan_or_detection_outside_strict(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _INTERIM)
    assert rule_findings(run_cli, path, "PM313", "PM401") == []
    strict = rule_findings(run_cli, path, "PM313", "PM401", preset="strict")
    assert sorted((item["rule"], item["severity"]) for item in strict) == [("PM313", "info"), ("PM401", "info")]


def test_an_interim_update_still_misses_its_cause(run_cli, tmp_path):
    """What the form has not reached is softened, not what it should say now: no cause."""
    found = rule_findings(run_cli, write(tmp_path / "pm.md", _INTERIM), "PM011")
    assert any("root_causes" in item["message"] and item["severity"] == "warning" for item in found)


@pytest.mark.parametrize("said", ["A full postmortem will follow next week.", "Updates to follow.",
                                  "We will publish a detailed incident report once the review is done."])
def test_a_promised_report_marks_an_interim_update(said):
    from pmlint.load.markdown.forms import interim_update

    assert interim_update(parse_blocks(f"# Outage\n\nThe API was down for an hour. {said}\n".splitlines()))


@pytest.mark.parametrize("said", ["The problem was worked on overnight and resolved at 06:00.",
                                  "We expect to restore backups faster after this change.",
                                  "A permanent fix is being worked on by the platform team."])
def test_a_finished_postmortem_is_no_interim_update(said):
    from pmlint.load.markdown.forms import interim_update

    assert not interim_update(parse_blocks(f"# Outage\n\n{said}\n".splitlines()))


@pytest.mark.parametrize("said", ["We'll do a detailed post mortem for this incident which we will post on our blog.",
                                  "We will write a full post-mortem once the disks are replaced.",
                                  "A detailed post mortem will follow."])
def test_a_post_mortem_promised_in_other_words_marks_an_interim_update(said):
    """"post mortem" written as two words, and the team promising to write one, mark an
    update written while the incident is open (a held-out review called "Lessons not
    recorded" pedantic on a live status entry that promised "a detailed post mortem")."""
    from pmlint.load.markdown.forms import interim_update

    assert interim_update(parse_blocks(f"# Outage\n\nThe servers were down for an hour. {said}\n".splitlines()))


@pytest.mark.parametrize("said", ["We will do a better job of testing restores.",
                                  "We'll write a runbook for the disk swap.",
                                  "This post mortem covers the outage of March 3."])
def test_other_promises_mark_no_interim_update(said):
    from pmlint.load.markdown.forms import interim_update

    assert not interim_update(parse_blocks(f"# Outage\n\nThe servers were down for an hour. {said}\n".splitlines()))

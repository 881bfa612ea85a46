"""On-call burden told in prose on the author's own clock, and night findings a reviewer
would sign (synthetic Markdown written for these tests, never corpus text).

A stated local night ("wake up at 4am", "paged at 2:30 a.m.", "worked until 3am") is the
team's own night even where no zone is given; a customer's night, a negated or hedged
sentence, advice, and a clock written in UTC are not. Behaviour first: CLI in, findings
and the durability profile out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write
from linearity import assert_ten_times_linear

from pmlint.infer.on_call import stated_night_clock
from pmlint.infer.prose import document_texts
from pmlint.load import load_text
from pmlint.model import Document
from pmlint.settings import DEFAULT_SETTINGS


def check(run_cli, path: Path, *extra: str) -> dict:
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--profile", *extra, str(path))
    assert code == 0, err
    return json.loads(out)


def rule(report: dict, rule_id: str) -> list[dict]:
    return [item for item in report["findings"] if item["rule"] == rule_id]


def post(summary: str, actions: str = "- Add an integration test for the certificate loader") -> str:
    return f"""# Certificate outage

## Summary

{summary}

## Root cause

The client pinned one root certificate and the vendor rotated to another.

## Action items

{actions}
"""


WOKEN = "The outage, though brief, was of the wake up at 4am variety, and the on-call engineer had never seen the error."


def test_a_stated_4am_wake_is_night_burden_with_its_evidence(tmp_path, run_cli):
    report = check(run_cli, write(tmp_path / "pm.md", post(WOKEN)))
    found = rule(report, "PM202")
    assert len(found) == 1
    assert found[0]["severity"] == "warning" and found[0]["line"] == 5
    assert found[0]["message"] == ('Someone was woken at night, but no action item reduces paging or automates the '
                                   'response (inferred interrupted sleep from "wake up at 4am")')
    # the durability profile (JSON) carries it, marked inferred, with where it was read
    (profile,) = report["profiles"].values()
    assert profile["on_call"]["sleep_interrupted"] == {"value": True, "inferred": True,
                                                       "evidence": '"wake up at 4am"', "line": 5}


def test_the_text_profile_shows_the_inferred_burden(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", post(WOKEN))
    code, out, _ = run_cli("check", "--exit-zero", "--profile", str(path))
    assert code == 0
    line = next(line for line in out.splitlines() if "on-call burden" in line)
    assert 'interrupted sleep (inferred from "wake up at 4am", line 5)' in line


@pytest.mark.parametrize("summary", [
    "We were paged at 2:30 a.m. when the error rate doubled.",
    "A 3am page told us every request was failing.",
    "Two of us worked until 3am to move the traffic to the new region.",
])
def test_other_stated_night_clocks(tmp_path, run_cli, summary):
    found = rule(check(run_cli, write(tmp_path / "pm.md", post(summary))), "PM202")
    assert len(found) == 1 and "inferred interrupted sleep from" in found[0]["message"], summary


@pytest.mark.parametrize("summary", [
    # a customer's night is not the team's
    "Customers who woke up at 4am found the checkout down.",
    # negated or hedged: nobody lost sleep
    "Nobody had to wake up at 4am: the failover handled it.",
    "This alert could have paged someone at 3am.",
    # advice, not what happened
    "A page at 3am should always be actionable.",
    # daytime on the author's clock
    "The on-call engineer was paged at 10:15am and rolled back.",
    # UTC is how the time is written, not where anyone sleeps
    "We were paged at 02:10 AM UTC when the error rate doubled.",
    # "in the wake of" wakes nobody
    "In the wake of the 2am deploy, error rates doubled.",
    # the document says nobody was paged
    "The nightly job failed at 2am; nobody was paged and we fixed it the next morning. We woke up at 4am anyway.",
])
def test_what_is_no_night_burden(tmp_path, run_cli, summary):
    report = check(run_cli, write(tmp_path / "pm.md", post(summary)))
    assert rule(report, "PM202") == [], summary


def test_an_item_that_reduces_paging_or_absorbs_the_failure_answers_the_night(tmp_path, run_cli):
    for actions in ("- Write a runbook for certificate errors that any on-call engineer can follow",
                    "- Add a second replica with failover so one bad certificate store pages nobody"):
        report = check(run_cli, write(tmp_path / "pm.md", post(WOKEN, actions)))
        assert rule(report, "PM202") == [], actions


NIGHT_TIMELINE = """# Replay stall

## Summary

The replay service stalled and events queued for four hours.

## Timeline

All times CET.

- 2025-04-02 23:20 - Dana restarts the replay workers
- 2025-04-03 01:40 - Dana reverts the cursor change
- 2025-04-03 02:30 - Dana confirms the backlog drains and goes to bed

## Action items

- Add an integration test for the replay cursor
"""


def test_night_timestamps_in_markdown_ask_in_the_documents_terms_at_info(tmp_path, run_cli):
    """Night work read from timestamps alone, in a Markdown post: the finding says who to
    name (who was woken, who could take over) in the document's terms, at `info`: a
    timestamp shows work at night, not a page, and Markdown has no `on_call` field."""
    found = rule(check(run_cli, write(tmp_path / "pm.md", NIGHT_TIMELINE)), "PM203")
    assert len(found) == 1 and found[0]["severity"] == "info" and found[0]["line"] == 11
    assert found[0]["message"].startswith("Responders worked at night: 3 of the 3 timeline entries in the night "
                                          "window 22:00–07:00 show them at work (first at 23:20)")
    assert "`on_call" not in found[0]["message"] and '"## On-call"' in found[0]["message"]


def test_a_stated_zero_that_the_timeline_contradicts_stays_a_warning(tmp_path, run_cli):
    text = NIGHT_TIMELINE + "\n## On-call\n\n- Off-hours pages: 0\n"
    found = rule(check(run_cli, write(tmp_path / "pm.md", text)), "PM203")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "`on_call.off_hours_pages` is 0" in found[0]["message"]


@pytest.mark.parametrize("unit", [
    "Customers woke up at 4am and paged us. ", "at 4am at 4am at 4am ", "nobody had to wake at 2:30 a.m. ",
    "midnight " * 3, "worked 4am", "1am-2am-3am-",
])
def test_the_night_clock_reading_scales_linearly(unit):
    """Ten times the text costs about ten times the time, whatever it repeats (none of
    these units is evidence, so every clock of the document is read)."""

    def build(copies: int) -> Document:
        document = load_text("pm.md", "# Outage\n\n## Summary\n\n" + unit * copies + "\n")
        document_texts(document, ("/action_items", "/timeline"))  # the shared prose index, built once per document
        return document

    def read(document: Document) -> None:
        assert stated_night_clock(document, DEFAULT_SETTINGS) is None

    assert_ten_times_linear(read, 500, unit, setup=build)

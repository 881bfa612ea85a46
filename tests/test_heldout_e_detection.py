"""Detection told as narrative, flaws found by reading code, numbers from the right phrase
(issue 12, held-out set E).

- A notification in a chat tool ("we got notifications on Slack that ..."), an outside
  party flagging the problem ("Acme Security flags account X as malicious"), the author
  using the service and finding it broken ("I opened the app and saw ...") record how the
  incident was detected: no PM401. The author noticing it, with no monitoring item in the
  plan, is PM402's finding.
- A vulnerability a partner or an auditor found by reading code, never exploited, is not
  "detected by a customer, add an alert": PM402 is `info` under `strict` only. A flaw that
  was exploited keeps the warning.
- "A fix was merged three hours later" is not three hours to detect; "the code had been
  running untouched and problem free for over a year" is no year of impact.
"""

from __future__ import annotations

import json

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.load import load_text


def _rules(run_cli, path, *rules, preset="recommended"):
    return rule_findings(run_cli, path, *rules, preset=preset)


# -- 1. detection told as narrative ---------------------------------------------------------

BRIDGE = """\
# Bridge relay stall

## What happened

{detection}
Checking the logs revealed that the relay had lost its peer connections. We restarted it
and block production resumed.

## Lessons

Peer connections need a second path.
"""


@pytest.mark.parametrize("detection", [
    "We got notifications on Slack that `relay-a` is not producing blocks anymore.",
    "On Monday we received a Discord message that the relay was stuck.",
    "A post in #ops-alerts said the relay was not producing blocks.",
    "On 2025-05-05 Acme Security flags contributor `j-doe` as a malicious actor.",
    "A partner flagged it to us on Monday morning.",
    "This morning I opened the explorer to check a transfer and instead of seeing new blocks, the page was empty.",
    "I noticed the site was down when I went to publish a post.",
])
def test_detection_told_as_narrative_is_recorded(tmp_path, run_cli, detection):
    path = write(tmp_path / "relay.md", BRIDGE.format(detection=detection))
    assert _rules(run_cli, path, "PM401") == []
    assert _rules(run_cli, path, "PM401", preset="strict") == []


@pytest.mark.parametrize("detection", [
    "We opened the logs and found that the relay had restarted twice.",
    "We got a new Slack workspace for the team last year.",
    "The relay was flagged for review in the quarterly audit plan.",
])
def test_words_near_detection_that_say_nothing_of_it_still_leave_pm401(tmp_path, run_cli, detection):
    path = write(tmp_path / "relay.md", BRIDGE.format(detection=detection))
    found = _rules(run_cli, path, "PM401")
    assert len(found) == 1 and "found in any section or sentence" in found[0]["message"]


SELF_NOTICED = """\
# Blog downtime

The blog was down for about six hours today.

This morning I opened the blog to read the news and instead of seeing the timeline, the app
had logged me out. The database disk had filled up.

## Action items

{item}
"""


def test_the_author_noticing_without_a_monitoring_item_is_pm402_not_pm401(tmp_path, run_cli):
    path = write(tmp_path / "blog.md", SELF_NOTICED.format(item="- Delete old sessions every night"))
    assert _rules(run_cli, path, "PM401") == []
    found = _rules(run_cli, path, "PM402")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "Detected by employee" in found[0]["message"] and "inferred" in found[0]["message"]
    assert found[0]["line"] == 5  # the sentence that says who noticed


def test_the_author_noticing_with_a_monitoring_item_is_answered(tmp_path, run_cli):
    path = write(tmp_path / "blog.md", SELF_NOTICED.format(
        item="- Alert me when the database disk is 80% full"))
    assert _rules(run_cli, path, "PM401", "PM402") == []


# -- 2. a vulnerability found by reading code -----------------------------------------------

VULN = """\
# Control plane vulnerability

On 2025-02-18 we received a report from one of our partner operators that he had found a
potential vulnerability in the node software. We issued a fixed release the next day.

{exploited}

## Root cause

The control RPCs were served on the public port.

## Action items

- Add a test that the control RPCs are not served on the public port
"""


def test_a_vulnerability_found_by_reading_code_is_strict_only(tmp_path, run_cli):
    path = write(tmp_path / "vuln.md", VULN.format(exploited="We know it has not been exploited on any network."))
    assert _rules(run_cli, path, "PM402") == []
    found = _rules(run_cli, path, "PM402", preset="strict")
    assert [item["severity"] for item in found] == ["info"]
    assert "vulnerability" in found[0]["message"]


def test_an_exploited_vulnerability_keeps_the_warning(tmp_path, run_cli):
    path = write(tmp_path / "vuln.md", VULN.format(
        exploited="The vulnerability was exploited on two networks before the release."))
    found = _rules(run_cli, path, "PM402")
    assert [item["severity"] for item in found] == ["warning"]


# -- 3. numbers from the right phrase -------------------------------------------------------

SYNC = """\
# Mainnet sync outage

Nodes stopped syncing on mainnet. {detect_sentence}

Nine hours after the incident started, an engineer from a partner team identified the cause.
A fix was submitted and merged three hours later, followed by a release two hours later.

## Root cause

The hashing code had been running untouched and problem free for over a year.

## Action items

- Add a test with non-ASCII strings in class definitions
"""


def _profile(run_cli, path):
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--profile", str(path))
    assert code == 0, err
    return json.loads(out)


def test_a_fix_merged_hours_later_is_no_time_to_detect(tmp_path, run_cli):
    path = write(tmp_path / "sync.md", SYNC.format(detect_sentence="A partner reported it on Telegram."))
    assert _rules(run_cli, path, "PM403", preset="strict") == []


def test_a_delay_tied_to_noticing_is_still_read(tmp_path, run_cli):
    path = write(tmp_path / "sync.md", SYNC.format(
        detect_sentence="The failure went unnoticed until a partner reported it nine hours later."))
    found = _rules(run_cli, path, "PM403", preset="strict")
    assert len(found) == 1 and "9 h" in found[0]["message"]


def test_the_age_of_the_code_is_no_impact(tmp_path, run_cli):
    path = write(tmp_path / "sync.md", SYNC.format(detect_sentence="A partner reported it on Telegram."))
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert "severity:" not in out


def test_a_duration_tied_to_an_outage_word_still_sets_severity(tmp_path, run_cli):
    text = SYNC.format(detect_sentence="A partner reported it on Telegram.").replace(
        "Nodes stopped syncing on mainnet.", "Nodes stopped syncing on mainnet and every node was down for 14 hours.")
    path = write(tmp_path / "sync.md", text)
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    severity = next(line for line in out.splitlines() if line.startswith("severity:"))
    assert "14 hours" in severity, severity


# -- cost -------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "i opened the site. ", "we got notifications on slack ", "acme flags a b c as ", "flagged it to ",
    "i opened pine.blog.x ",
])
def test_new_detection_patterns_scale_linearly(unit):
    """Ten times the text costs about ten times the time, whatever the text repeats."""

    def read(copies: int) -> None:
        load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies).meta.evidence.get("detection")

    assert_ten_times_linear(read, 1000, unit)

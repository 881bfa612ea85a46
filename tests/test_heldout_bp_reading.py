"""Forms set BP's blind documents (eight, judged once at e595fe5: 6 of 23 findings TP, every
PM401 of the six false) wrote, each read as its author meant it, beside a twin that keeps
the finding (synthetic documents):
- a header row "| **Detected by** | SRE — originating issue #309 (proactive) |" or a label
  "**Detected by:** on-call" names the detector;
- "During this process we ran into an error generating the withdrawal proofs", a quoted
  "Why are you not charging" and "A user could not register the submission" say how it was
  found;
- "Nothing alerted on it because nothing was monitoring the resolvers" says no alert
  caught it: which person did is asked under `strict` only;
- "later came to the conclusion that our contracts were configured with the incorrect
  address" states the cause;
- "Read more about that in our future preventative measures" points to the plan: no
  "no action items", and no "no detection item" claimed about a plan not here to read;
- "Three attempts failed" counts what was hit;
- a status "Not filed — risk accepted." closes an item, and "lucas42/lucos_backups#332"
  is a tracked item;
- front matter "detected: 2026-09-23T19:50Z" records the detection (what detected it is
  asked under `strict` only);
- "part II" inside a quoted submission title is no sequel;
- "I had disabled it two days earlier ... without realizing that removed it from DNS" is
  no detection delay;
- "~15:5x" is a time its author gives as approximate: the finding says what that costs
  (no time to detect or mitigate), not that the format is wrong;
- "Consider ... (defense in depth; not the cause here)" is an extra its authors mark as one.
"""

from __future__ import annotations

import pytest

from conftest import missing_section, rule_findings, rule_severities as _severities, write

CAUSE_AND_PLAN = """
## Root cause

The DNS failover used a stale configuration.

## Action items

- Move DNS failover to a tested configuration, owner @sam, due 2021-04-01
"""


@pytest.mark.parametrize("header, found", [
    ("| **Detected by** | SRE — originating issue #309 (proactive) |", 0),
    ("| **Detected by** | n/a |", 1),
    ("| **Owner** | SRE |", 1),
])
def test_a_detected_by_row_names_the_detector(tmp_path, run_cli, header, found):
    text = (f"# Backup gap\n\n| Field | Value |\n|---|---|\n| **Date** | 2026-06-08 |\n{header}\n\n"
            "## Summary\n\nThe photos volume went without a fresh backup for six days.\n" + CAUSE_AND_PLAN)
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")) == found


@pytest.mark.parametrize("sentence, found", [
    ("During this process we ran into an error generating the withdrawal proofs.", 0),
    ("A user could not register the submission through the dapp; three attempts failed.", 0),
    ('The owner asked "Why are you not charging?" at about four.', 0),
    ("During this process the withdrawal proofs were generated.", 1),
])
def test_meeting_the_failure_is_how_it_was_found(tmp_path, run_cli, sentence, found):
    text = f"# Stuck withdrawals\n\n{sentence}\n\nThe funds were stuck for three months.\n" + CAUSE_AND_PLAN
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")) == found


@pytest.mark.parametrize("sentence, default, strict", [
    ("Nothing alerted on it because nothing was monitoring whether the resolvers answered.", [], ["info"]),
    ("There was no alerting on the stuck resolvers.", [], ["info"]),
    ("The resolvers had quietly died.", ["warning"], ["warning"]),
])
def test_a_personal_post_that_says_no_alert_caught_it_is_asked_who_did_under_strict(
        tmp_path, run_cli, sentence, default, strict):
    text = ("# Tailnet DNS outage in my homelab\n\nEvery device on my tailnet lost DNS for a day. I had disabled "
            f"tailscaled on my second Pi to save RAM, and my other nameserver was stale. {sentence} I fixed it in "
            "my admin console.\n" + CAUSE_AND_PLAN)
    path = write(tmp_path / "pm.md", text)
    assert _severities(run_cli, path, "PM401") == default
    assert _severities(run_cli, path, "PM401", preset="strict") == strict


def test_a_team_post_that_says_no_alert_caught_it_is_asked_who_did():
    from checks_helpers import lint_yaml

    text = ("title: Duplicate expiration emails\nlessons:\n  went_wrong:\n"
            "    - No alert on duplicate sends; we only learned of it later.\n")
    found = [finding for finding in lint_yaml(text, {"PM401"}) if finding.rule_id == "PM401"]
    assert len(found) == 1 and found[0].severity.name.lower() == "warning"
    assert "says no alert caught it" in found[0].message


@pytest.mark.parametrize("sentence, missing", [
    ("We later came to the conclusion that our contracts were configured with the incorrect messenger address.", 0),
    ("We later came to the bridge team with the stuck withdrawal.", 1),
])
def test_a_conclusion_reached_states_the_cause(tmp_path, run_cli, sentence, missing):
    text = (f"# Stuck withdrawals\n\nOn May 8, 2024 we could not generate withdrawal proofs. {sentence}\n\n"
            "## Timeline\n\n- 2024-05-08 10:00 UTC: proofs fail\n- 2024-05-10 10:00 UTC: fix found\n")
    causes = missing_section(run_cli, write(tmp_path / "pm.md", text), "root_causes")
    assert len(causes) == missing


@pytest.mark.parametrize("closing, plan, detect", [
    ("Read more about that in our [future preventative measures](./prevention.md).", [], []),
    ("We learnt important lessons during this process.", ["warning"], ["warning"]),
])
def test_a_plan_kept_in_its_own_document_is_pointed_to(tmp_path, run_cli, closing, plan, detect):
    text = ("# Stuck withdrawals\n\nOn May 8, 2024, during this process we ran into an error generating the "
            f"withdrawal proofs. The funds were stuck until Aug 1.\n\n## Root cause\n\nThe contracts were "
            f"configured with the wrong messenger address.\n\n{closing}\n")
    path = write(tmp_path / "pm.md", text)
    assert _severities(run_cli, path, "PM313") == plan
    assert _severities(run_cli, path, "PM402") == detect


@pytest.mark.parametrize("sentence, quantified", [
    ("Three attempts failed with a signature error.", True),
    ("Each attempt failed with a signature error.", False),
])
def test_failed_attempts_are_a_count_of_what_was_hit(tmp_path, run_cli, sentence, quantified):
    text = (f"# Registration failures\n\nOn 2026-06-06 a submission could not be registered. {sentence}\n"
            + CAUSE_AND_PLAN)
    messages = [f["message"] for f in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")]
    assert any("who or what was affected" in message for message in messages) is not quantified


@pytest.mark.parametrize("status, found", [
    ("**Not filed — risk accepted.** Needs the real gateway in CI", 0),
    ("Open", 1),
])
def test_a_risk_accepted_row_is_no_open_item(tmp_path, run_cli, status, found):
    text = ("# Backup gap\n\nThe photos volume went without a fresh backup for six days.\n\n## Root cause\n\n"
            "The scp timeout was too short for the volume.\n\n## Follow-ups\n\n| Item | Issue | Status |\n|---|---|---|\n"
            "| Incremental rsync for the photos volume | #324 | Done (v1.1.13) |\n"
            f"| Build a CI harness for the rsync path | — | {status} |\n")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")) == found


@pytest.mark.parametrize("title, found", [
    ("the submission 「EIP-8141 Frame Transaction - part II by Kimi」", 0),
    ("the submission, part II of the outage we had in May", 1),
])
def test_part_two_inside_a_quoted_title_is_no_sequel(tmp_path, run_cli, title, found):
    text = (f"# Registration failures\n\n## Summary\n\nA user could not register {title}.\n\n## Root cause\n\n"
            "The title hash was computed on an unsanitised title.\n\n## Action items\n\n"
            "- Sanitise titles in the generator, owner @sam, due 2026-07-01\n")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM802")) == found


@pytest.mark.parametrize("sentence, found", [
    ("I had disabled tailscaled on it two days earlier to reclaim RAM, without realizing that removed it from DNS.", 0),
    ("The resolvers had been dead for two days before anyone noticed.", 1),
])
def test_a_change_made_earlier_is_no_detection_delay(tmp_path, run_cli, sentence, found):
    text = f"# Tailnet DNS outage\n\nEvery device lost DNS. {sentence}\n" + CAUSE_AND_PLAN
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403")) == found


@pytest.mark.parametrize("clock, approximate", [("~15:5x", True), ("18:1x", True), ("15:5y", False)])
def test_a_masked_minute_is_an_approximate_time(tmp_path, run_cli, clock, approximate):
    """Judged noise twice of three (ten minutes is precise enough for most reviews): the
    finding says what it costs, under `strict` only; "15:5y" is still a format slip."""
    text = (f'timeline:\n  - at: "{clock}"\n    event: Charging suppressed\n'
            '  - at: "2026-08-31T17:15:00Z"\n    event: v0.18.3 deployed\n')
    path = write(tmp_path / "pm.yaml", text)
    assert len(rule_findings(run_cli, path, "PM501")) == (0 if approximate else 1)
    found = rule_findings(run_cli, path, "PM501", preset="strict")
    assert len(found) == 1
    assert ("give no exact minute" in found[0]["message"]) is approximate


@pytest.mark.parametrize("front, default, strict", [
    ("detected: 2026-09-23T19:50Z\n", [], ["info"]),
    ("", ["warning"], ["warning"]),
])
def test_front_matter_that_dates_the_detection_records_it(tmp_path, run_cli, front, default, strict):
    text = (f"---\nseverity: sev1\n{front}---\n\n# Production freeze\n\nProduction served a stale build "
            "for five days.\n" + CAUSE_AND_PLAN)
    path = write(tmp_path / "pm.md", text)
    assert _severities(run_cli, path, "PM401") == default
    assert _severities(run_cli, path, "PM401", preset="strict") == strict


@pytest.mark.parametrize("ticket, found", [("lucas42/lucos_backups#332", 0), ("see the backups repo", 1)])
def test_a_cross_repository_issue_tracks_the_item(tmp_path, run_cli, ticket, found):
    text = ("# Backup gap\n\nThe photos volume went without a fresh backup for six days.\n\n## Root cause\n\n"
            "The scp timeout was too short for the volume.\n\n## Follow-ups\n\n| Item | Issue | Status |\n|---|---|---|\n"
            f"| Harden cross-host backup SSH | {ticket} | Open (P3) |\n")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")) == found


@pytest.mark.parametrize("item, severities", [
    ("Consider content-hashing the title file (defense in depth; not the cause here)", []),
    ("Consider content-hashing the title file", ["warning"]),
])
def test_an_item_marked_as_an_extra_is_no_vague_plan(tmp_path, run_cli, item, severities):
    text = ("# Registration failures\n\nA user could not register a submission.\n\n## Root cause\n\n"
            "The title hash was computed on an unsanitised title.\n\n## Follow-ups\n\n"
            f"- [ ] Sanitise titles in the generator, owner @sam, due 2026-07-01\n- [ ] {item}\n")
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == severities

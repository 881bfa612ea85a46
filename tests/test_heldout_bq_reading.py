"""Forms set BQ's blind documents (eight, judged once at 66c1c8e: 5 of 18 findings TP; its
documents come from organisations earlier sets drew on, so the set is less blind) wrote,
each read as its author meant it, beside a twin that keeps the finding (synthetic
documents):
- "Trees were closed for 3+ hours", "All trees were closed for 17 hours": how long, and
  what, was hit (and "staying up for 40+ hours" the responders' effort, not the impact);
- "The affected were mostly the implementations team" names who was hit;
- "registration was reconfigured to point to nameservers that were not configured with
  correct information" states the cause;
- "19:26 UTC - sheriffs detect infra issue, close trees" records when it was detected
  (what detected it is asked under `strict` only);
- "On 24 August we found and fixed two vulnerabilities" is how a flaw was found, and asks
  for no alert (`strict` only);
- "Review GitHub App permissions to ensure least-privilege: scope installation tokens to
  only the repositories required" names its change.
"""

from __future__ import annotations

import pytest

from conftest import missing_section, rule_findings, rule_severities as _severities, write

PLAN = """
## Root cause

The DNS failover used a stale configuration.

## Action items

- Move DNS failover to a tested configuration, owner @sam, due 2021-04-01
"""


@pytest.mark.parametrize("fallout, messages", [
    ("All trees were closed for 17 hours.", []),
    ("Trees were closed for 3+ hours.", ["who or what was affected"]),
    ("Trees were fine.", ["who or what was affected", "how long"]),
])
def test_trees_closed_for_hours_is_the_impact(tmp_path, run_cli, fallout, messages):
    text = f"# DNS outage\n\nResolution of our hostnames failed on 2018-08-27.\n\n## Fallout\n\n{fallout}\n" + PLAN
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    said = " ".join(finding["message"] for finding in found)
    assert all(part in said for part in messages) and (bool(found) is bool(messages))


@pytest.mark.parametrize("sentence, who_missing", [
    ("The affected were mostly the implementations team (@vuzy).", False),
    ("The error was annoying.", True),
])
def test_the_affected_named_say_who_was_hit(tmp_path, run_cli, sentence, who_missing):
    text = (f"# Missing migrations\n\nFor two hours new accounts could not log in. {sentence}\n" + PLAN)
    messages = [f["message"] for f in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")]
    assert any("who or what was affected" in message for message in messages) is who_missing


@pytest.mark.parametrize("background, missing", [
    ("Registration was reconfigured to point to nameservers that were not configured with correct information.", 0),
    ("Registration was reconfigured to point to new nameservers.", 1),
])
def test_a_misconfiguration_told_is_the_cause(tmp_path, run_cli, background, missing):
    text = (f"# DNS outage\n\n## Background\n\n{background} Resolution began to fail as the change propagated.\n\n"
            "## Timeline\n\n- 2018-08-27 19:00 UTC: change lands\n- 2018-08-28 12:22 UTC: trees re-open\n")
    causes = missing_section(run_cli, write(tmp_path / "pm.md", text), "root_causes")
    assert len(causes) == missing


@pytest.mark.parametrize("entry, default", [
    ("sheriffs detect infra issue, close trees", []),
    ("infra team reverts registration change", ["warning"]),
])
def test_a_timeline_entry_that_tells_the_detection_records_it(tmp_path, run_cli, entry, default):
    text = (f"# DNS outage\n\nAll times UTC.\n\n## Timeline\n\n- 2018-08-27 19:00 UTC: the change lands\n"
            f"- 2018-08-27 19:26 UTC: {entry}\n- 2018-08-27 19:39 UTC: trees re-opened\n" + PLAN)
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


@pytest.mark.parametrize("sentence, pm401, pm402", [
    ("On 24 August 2026 we found and fixed two vulnerabilities in how tokens are issued.", [], []),
    ("On 24 August 2026 we fixed two vulnerabilities in how tokens are issued.", ["warning"], []),
])
def test_a_flaw_the_team_found_is_its_detection(tmp_path, run_cli, sentence, pm401, pm402):
    text = f"# Private package authorization\n\n{sentence} Neither was exploited.\n" + PLAN
    path = write(tmp_path / "pm.md", text)
    assert _severities(run_cli, path, "PM401") == pm401
    assert _severities(run_cli, path, "PM402") == pm402


@pytest.mark.parametrize("item, severities", [
    ("Review GitHub App permissions to ensure least-privilege: scope installation tokens to only the "
     "repositories required", []),
    ("Review GitHub App permissions to ensure least-privilege", ["warning"]),
])
def test_a_review_whose_change_follows_a_colon_names_it(tmp_path, run_cli, item, severities):
    text = ("# Workflow injection\n\nA workflow ran untrusted input.\n\n## Root cause\n\nThe URL field was not "
            f"sanitised.\n\n## Action items\n\n1. Pin all actions to commit SHAs\n2. {item}\n")
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == severities


@pytest.mark.parametrize("sentence, duration_read", [
    ("The site was down for 40+ hours.", True),
    ("Thanks to my team, for staying up for 40+ hours while the flaw was patched.", False),
])
def test_hours_the_responders_worked_are_no_impact_length(tmp_path, run_cli, sentence, duration_read):
    """("3+ hours" reads as an amount since set BQ; the effort of the people is not the impact's.)"""
    text = f"# Contract exploit\n\nFunds were drained from the earn contract. {sentence}\n" + PLAN
    messages = [f["message"] for f in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")]
    assert any("how long" in message for message in messages) is not duration_read

"""Forms held-out U wrote (a homelab blog post): "Five days of nightmare followed." says how
long; "Now, my rules are absolute:" over a numbered list commits to them."""

from __future__ import annotations

from conftest import rule_findings, write

POST = """# The accident that fixed my homelab

A routine update bricked the server. I had backups, but no tested restores.

{after}

{rules}

1. **Backups only exist if restores are tested.** A backup server pulls to off-site storage.
2. **Infrastructure only exists if it is defined as code.**
"""


def test_days_of_nightmare_followed_is_a_duration(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", POST.format(after="Five days of nightmare followed.", rules="Now, my rules are absolute:"))
    # a one-person post: the half-quantified finding is `strict`-only, where the reading shows
    assert rule_findings(run_cli, path, "PM601") == []
    found = rule_findings(run_cli, path, "PM601", preset="strict")
    assert len(found) == 1 and found[0]["severity"] == "info" and "Five days of nightmare followed" in found[0]["message"]


def test_without_it_both_halves_are_missing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", POST.format(after="Rebuilding took a while.", rules="Now, my rules are absolute:"))
    found = rule_findings(run_cli, path, "PM601")
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_my_rules_are_a_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", POST.format(after="Five days of nightmare followed.", rules="Now, my rules are absolute:"))
    assert rule_findings(run_cli, path, "PM313") == []
    path = write(tmp_path / "pm.md", POST.format(after="Five days of nightmare followed.", rules="Some thoughts:"))
    assert len(rule_findings(run_cli, path, "PM313")) == 1


TIMELINE = """# Migration failure

## Summary

The v0.6.0 migration failed on upgrade for existing installs.

## Timeline

- **2025-11-12**: v0.6.0 released with the migration bug
- **2025-11-12**: {entry}
- **2025-11-12**: v0.6.1 released with the fix
"""


def test_a_bug_discovered_in_the_timeline_records_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TIMELINE.format(entry="Bug discovered during deployment attempts"))
    assert rule_findings(run_cli, path, "PM401") == []


def test_the_root_cause_discovered_is_diagnosis_not_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TIMELINE.format(entry="Engineers discovered the root cause in the migration script"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


STATUS_ISSUES = """# One HTTP request wedged the VM

**Impact.** Every service on the host was unreachable 03:35–09:17 UTC. {monitor}

### {heading}

The kernel kept evicting and re-reading file-backed pages; the OOM killer never fired,
so nothing broke the cycle until the reset.

### Follow-up

- [ ] Cap ERDDAP's response size per request (owner: @ops)
"""


def test_issues_a_monitor_opened_are_its_alerts(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", STATUS_ISSUES.format(monitor="13 Upptime issues (#93–#106).",
                                                          heading="Why the machine never recovered on its own"))
    assert rule_findings(run_cli, path, "PM401") == []
    path = write(tmp_path / "pm.md", STATUS_ISSUES.format(monitor="13 services were down.",
                                                          heading="Why the machine never recovered on its own"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


def test_a_heading_asking_why_it_never_recovered_holds_the_cause(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", STATUS_ISSUES.format(monitor="13 Upptime issues.",
                                                          heading="Why the machine never recovered on its own"))
    assert [f for f in rule_findings(run_cli, path, "PM011") if "root_causes" in f["message"]] == []
    path = write(tmp_path / "pm.md", STATUS_ISSUES.format(monitor="13 Upptime issues.", heading="Graphs"))
    assert len([f for f in rule_findings(run_cli, path, "PM011") if "root_causes" in f["message"]]) == 1


STATUS_PAGE = """# Status

## 2022-10-08 10:08 UTC

There is a defect in the preview. {share}

## 🔵 2022-10-06 02:01 UTC

The servers are running fine.

We're planning to change how much resources are allocated to the site between
06:00 and 07:00 UTC. If you notice anything more than a few glitches, let us know.

## 2022-10-05 21:00 UTC

Previews failed for five minutes.
"""


def test_all_active_authors_is_a_share(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", STATUS_PAGE.format(share="This one is affecting all active program authors."))
    assert rule_findings(run_cli, path, "PM601", preset="strict") == []
    path = write(tmp_path / "pm.md", STATUS_PAGE.format(share="We are looking into it."))
    assert len(rule_findings(run_cli, path, "PM601", preset="strict")) == 1


def test_a_time_that_completes_a_wrapped_sentence_is_no_entry(tmp_path, run_cli):
    from pmlint.load import load_text

    document = load_text("pm.md", STATUS_PAGE.format(share=""))
    assert not any("T06:00" in str(entry.get("at", "")) for entry in document.data.get("timeline", []))
    assert rule_findings(run_cli, write(tmp_path / "pm.md", STATUS_PAGE.format(share="")), "PM501") == []

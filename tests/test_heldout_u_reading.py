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
    found = rule_findings(run_cli, path, "PM601")
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

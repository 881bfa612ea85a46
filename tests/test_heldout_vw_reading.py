"""Forms held-out V and W wrote, each read as its author meant it (synthetic documents,
each with a twin that keeps the finding):
- a closed checklist: `[N/A]` will not be done, and a bullet without a box among closed
  boxes is a note, not an open item;
- a plan told in the past ("The fix was backported ...") is work done;
- labelled fields: "**Reported by:** User (Damian)" is detection, "**Users Affected:** 0"
  and "**Realized:** none." state that nobody was hit;
- "(so that this issue doesn't repeat)" and "I won't update production databases
  carelessly anymore" commit to a change; "This design enables somebody to register a
  package by the same name" names a cause;
- "a resolution of one minute" is a setting, not how long anything was hit.
"""

from __future__ import annotations

from conftest import rule_findings, write

CHECKLIST = """# Agent tools not confined

## Summary

The agent could run Bash on the plain path; we fixed it on 2026-06-20. No data was accessed.

## Remediation

- [x] **Isolate settings on every path**: the plain path passes empty setting sources.
- [x] **Pin MCP**: only the github server we pass is used.
{last}
- **Production:** the leak is independent of the auth mode, so production is fixed by the same change.
"""


def test_a_closed_checklist_with_a_note_has_no_open_item(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CHECKLIST.format(last="- [N/A] **Replace the mode**: not needed; it was never the cause."))
    assert rule_findings(run_cli, path, "PM314") == []


def test_an_open_box_keeps_the_list_open(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CHECKLIST.format(last="- [ ] **Replace the mode**: switch to the strict mode."))
    found = rule_findings(run_cli, path, "PM314")
    assert len(found) == 1 and "2 open action items" in found[0]["message"]


TOLD = """# Testnet halt

## Summary

The testnet halted on 2023-04-26 for three hours because of a concurrency bug in the cache.

## Root cause

A concurrency problem in the cache implementation.

## Remediation measures

The fix was backported from upstream to our fork and applied to the testnet, resolving the halt.

{second}
"""


def test_a_plan_told_in_the_past_is_work_done(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TOLD.format(second="A new release tag was created and the validator was restarted."))
    assert rule_findings(run_cli, path, "PM314") == []


def test_a_paragraph_still_to_do_stays_open(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TOLD.format(second="We will add a soak test of the cache before each release."))
    found = rule_findings(run_cli, path, "PM314")
    assert len(found) == 1 and "only open action item" in found[0]["message"]


FIELDS = """# Authentication lost in a restore

**Date:** 2025-11-03
**Severity:** High
**Reported by:** {reporter}

## Summary

The login screen was removed by a restore from an old commit; we restored it the same day.

## Root cause

The restore used a commit that predated the login feature.

### User impact

- **Users Affected:** {affected}

## Action items

- [ ] Verify features against the spec before a restore (owner: Damian, due 2025-12-01)
"""


def test_labelled_reporter_and_nobody_affected(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", FIELDS.format(reporter="User (Damian)", affected="0 (incident caught in staging)"))
    assert rule_findings(run_cli, path, "PM401") == []
    assert rule_findings(run_cli, path, "PM601") == []


def test_labelled_fields_that_say_otherwise(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", FIELDS.format(reporter="the build", affected="unknown"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1
    assert len(rule_findings(run_cli, path, "PM601")) == 1


REALIZED = """# Tool confinement not enforced

## Summary

An agent could call tools outside its allow-list on one path, from 20:36 to 20:40 UTC.

## Impact

- **Realized:** {realized}
- **Potential (High):** the container had credentials mounted.
"""


def test_realized_impact_none_is_stated(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", REALIZED.format(realized="none. The agent's actions were benign."))
    assert rule_findings(run_cli, path, "PM601") == []
    path = write(tmp_path / "pm.md", REALIZED.format(realized="the agent read files outside its folder."))
    assert len(rule_findings(run_cli, path, "PM601")) == 1


PURPOSE = """# Compromised nightly dependency

## Summary

A malicious package with our dependency's name was installed by nightly builds for five days.

## Background

Since the public index takes precedence, the malicious package was installed instead of ours. {cause}

## Steps taken

- The dependency was renamed and a dummy package registered on the index{purpose}
"""


def test_a_change_made_so_it_does_not_repeat_is_a_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PURPOSE.format(cause="", purpose=" (so that this issue doesn't repeat)"))
    assert rule_findings(run_cli, path, "PM313") == []
    path = write(tmp_path / "pm.md", PURPOSE.format(cause="", purpose="."))
    assert len(rule_findings(run_cli, path, "PM313")) == 1


def test_a_design_that_enables_somebody_to_is_a_cause(tmp_path, run_cli):
    def causes(cause):
        path = write(tmp_path / "pm.md", PURPOSE.format(cause=cause, purpose="."))
        return [f for f in rule_findings(run_cli, path, "PM011") if "root_causes" in f["message"]]
    assert causes("This design enables somebody to register a package by the same name.") == []
    assert len(causes("This design is what most package managers use.")) == 1


RESOLVE = """# Overwrote production data

I ran an update against the production database by mistake on a Friday.

## {heading}

I created a copy of the database first next time, and restored from a snapshot.
"""


def test_a_resolve_in_a_heading_is_a_commitment(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RESOLVE.format(heading="I won't update production databases carelessly anymore"))
    assert rule_findings(run_cli, path, "PM313") == []
    path = write(tmp_path / "pm.md", RESOLVE.format(heading="What I did"))
    assert len(rule_findings(run_cli, path, "PM313")) == 1


RESTORE = """# Overwrote production data

## Summary

An update overwrote every row of the users table in production.

The database was restorable to any point in time {setting}.
"""


def test_a_settings_length_is_no_impact_duration(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RESTORE.format(setting="with a resolution of one minute"))
    found = rule_findings(run_cli, path, "PM601")
    assert len(found) == 1 and "one minute" not in found[0]["message"]
    path = write(tmp_path / "pm.md", RESTORE.format(setting="and the table was unusable for one minute"))
    found = rule_findings(run_cli, path, "PM601")
    assert len(found) == 1 and "one minute" in found[0]["message"]


TRIED = """# My server crashed

## The story

On November 5th 2014, I was at work. {story}

## What I did

I restored two of the seven websites from backups onto a spare box.
"""


def test_trying_ones_own_service_and_being_refused_is_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TRIED.format(
        story="From my work machine I tried to SSH home, but I was greeted with a 'Connection Refused' message."))
    assert rule_findings(run_cli, path, "PM401") == []
    path = write(tmp_path / "pm.md", TRIED.format(story="From my work machine I tried to SSH home to check on a download."))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


STEPS = """# Wi-Fi failure after an upgrade

## Summary

Wi-Fi dropped after a routine upgrade, across several update cycles.

### {heading}

**1. Initial triage.** Ruled out a kernel and module mismatch.

**2. Found duplicate connection profiles.** Deleting them restored connectivity for a while.

## Root cause

The saved profile had no interface binding, so either radio could claim it.
"""


def test_an_investigation_timeline_without_times_is_named_as_such(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", STEPS.format(heading="Investigation Timeline"))
    found = [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]
    assert len(found) == 1 and "gives no exact date or time" in found[0]["message"]
    path = write(tmp_path / "pm.md", STEPS.format(heading="Investigation notes"))
    found = [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]
    assert len(found) == 1 and "gives no exact date or time" not in found[0]["message"]


def test_what_only_looks_like_the_new_forms(tmp_path, run_cli):
    # a resolve about knowing is no commitment; a range from 0 is a count; an internal team reporting is no customer
    path = write(tmp_path / "pm.md", RESOLVE.format(heading="We won't know whether it happens again"))
    assert len(rule_findings(run_cli, path, "PM313")) == 1
    path = write(tmp_path / "pm.md", FIELDS.format(reporter="Customer Success team", affected="0 - 1,200"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1
    from pmlint.load import load_path

    assert load_path(str(path)).meta.evidence.get("no_impact") is None


def test_addresses_under_a_timeline_heading_are_no_times(tmp_path, run_cli):
    text = STEPS.format(heading="Investigation Timeline").replace(
        "Ruled out a kernel and module mismatch.", "Routing showed 160.22.181.81/32 via 10.155.206.1.")
    path = write(tmp_path / "pm.md", text)
    found = [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]
    assert len(found) == 1 and "gives no exact date or time" in found[0]["message"]
    path = write(tmp_path / "pm.md", text.replace("Routing showed", "At 10:55 routing showed"))
    assert [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]] == []


def test_untimed_steps_on_a_stated_day_and_length_outline_the_timeline(tmp_path, run_cli):
    def timeline_missing(header):
        text = STEPS.format(heading="Timeline").replace("# Wi-Fi failure after an upgrade\n",
                                                        "# Wi-Fi failure after an upgrade\n\n" + header + "\n")
        path = write(tmp_path / "pm.md", text)
        return [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]
    assert timeline_missing("**Date:** 2026-05-02  \n**Duration:** ~8 hours") == []
    assert len(timeline_missing("**Date:** 2026-05-02")) == 1

"""Held-out set K, read as written (CLI in, findings out, on synthetic postmortems):

- A report between two `---` horizontal rules is the report, not front matter: a block
  that is not YAML and holds "## Summary" headings is linted, not swallowed (it hid a
  whole report's root cause, timeline, plan and detection); real front matter that does
  not parse still gives PM017, and its body is still linted.
- A platform told in the present tense ("Render restarts the container") is a system,
  not a person named as the cause.
- PM307: an item whose words put it at the cause's layer ("Implement a supervisor
  sidecar") is that layer's fix, even with no `layer:` tag; an item at another layer, or
  a detection item, is not.
- A priority beside a level word ("P2 Medium", "Critical (P1)") is the level the word names.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from pmlint.engine.severity import normalise_severity
from pmlint.settings import DEFAULT_SETTINGS

_BETWEEN_RULES = """---

# Incident Report: Laptop boot failure after a kernel update

Date: 2026-06-10
**Severity:** P2 Medium
Status: Resolved

## Summary

The laptop failed to boot after an apt session installed a new kernel.

## Timeline

- 2026-06-10 09:00 UTC: apt session installed the kernel
- 2026-06-10 09:20 UTC: reboot hangs at the splash screen; we noticed no passphrase prompt
- 2026-06-10 10:05 UTC: booted the older kernel and rebuilt the initramfs

## Root Cause

The initramfs for the new kernel was not generated during the apt session.

## Prevention

- Run update-initramfs after every apt session that installs a kernel.

---
"""


def test_a_report_between_two_rules_is_linted_whole(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _BETWEEN_RULES)
    found = rule_findings(run_cli, path, "PM011", "PM313", "PM017", "PM014")
    assert not found, found


def test_front_matter_that_does_not_parse_is_still_front_matter(run_cli, tmp_path):
    text = ("---\ntitle: Boot failure\nauthors: @kim\n---\n\n# Boot failure\n\n## Summary\n\nThe laptop failed "
            "to boot.\n")
    path = write(tmp_path / "pm.md", text)
    # it hides no field pmlint reads (the title is recovered line by line): PM017 under strict only
    found = rule_findings(run_cli, path, "PM017", preset="strict")
    assert [item["line"] for item in found] == [3]
    assert not rule_findings(run_cli, path, "PM017")


def test_a_comment_headed_front_matter_that_parses_is_kept(run_cli, tmp_path):
    """'# comment' in valid YAML front matter is a comment, not the report's title."""
    text = "---\n# site metadata\ntitle: Boot failure\ndate: 2026-06-10\n---\n\n## Summary\n\nThe laptop failed to boot.\n"
    path = write(tmp_path / "pm.md", text)
    assert not rule_findings(run_cli, path, "PM017")


_PLATFORM = """# Bot offline after rate-limit bans

## Observed behaviour

- The process exits whenever the config load fails, so Render restarts the container at once.

## Root cause

1. **Hard failure during config load**
   - Any transient error caused the process to terminate. Render immediately re-ran the start command.
"""


def test_a_platform_in_the_present_tense_is_no_person(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _PLATFORM)
    assert not rule_findings(run_cli, path, "PM702")


def test_a_person_in_the_cause_is_still_named(run_cli, tmp_path):
    text = _PLATFORM.replace("Render restarts the container", "the platform restarts the container").replace(
        "Render immediately re-ran", "Dana immediately re-ran")
    path = write(tmp_path / "pm.md", text)
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM702")] == ["PM702"]


_LAYERED = """# Stream lost on crash

## Contributing Factors

1. **Architecture**: Single-process design with no supervisor. Process death loses all stream state.

## Action items

- [ ] **Add graceful shutdown handler**: catch SIGTERM and send the stop webhook
- [ ] **{item}**: {description}
"""


@pytest.mark.parametrize("item, description, reported", [
    ("Implement supervisor pattern", "use a sidecar that restarts the process and keeps its state", False),
    ("Decouple stream state from the process", "keep it in an external store", False),
    ("Add Kubernetes liveness probes", "restart pods that stop answering", True),   # infrastructure
    ("Alert on supervisor restarts", "page the on-call engineer", True),            # a detection item
])
def test_pm307_reads_the_layer_an_untagged_item_names(run_cli, tmp_path, item, description, reported):
    path = write(tmp_path / "pm.md", _LAYERED.format(item=item, description=description))
    found = rule_findings(run_cli, path, "PM307")
    assert bool(found) is reported, found


@pytest.mark.parametrize("written, level", [
    ("P2 Medium", "SEV3"), ("Medium (P2)", "SEV3"), ("P1 - Critical", "SEV1"), ("**P2 Medium**", "SEV3"),
    ("Critical (P1)", "SEV1"), ("P1", None), ("P2 Foo", None), ("SEV2", "SEV2"),
])
def test_a_priority_beside_a_level_word(written, level):
    assert normalise_severity(written, dict(DEFAULT_SETTINGS)) == level


@pytest.mark.parametrize("title, kind", [
    ("Decouple stream state from the process", None),         # an OS process, not a way of working
    ("Restart the worker process on failure", "repair"),
    ("Update the incident process to page the database team", "process"),
    ("Write a runbook for initramfs failures", "process"),
])
def test_an_items_type_reads_process_as_a_way_of_working_only(title, kind):
    from pmlint.infer.layers import read_item
    typed, _ = read_item(title, title, dict(DEFAULT_SETTINGS))
    assert (typed[0] if typed else None) == kind


@pytest.mark.parametrize("sentence, found", [
    ("Today, the cause has been identified as an issue in the CDN's origin shield tier.", True),
    ("We traced the problem to a stale DNS record in the resolver.", True),
    ("The issue was narrowed down to a full disk on the primary.", True),
    ("We have not identified anything yet.", False),
])
def test_a_cause_told_as_identified(sentence, found):
    from pmlint.load.evidence import find_evidence
    evidence = find_evidence([(sentence, 1, 1, None)])
    assert (evidence.get("root_causes") is not None) is found


@pytest.mark.parametrize("sentence, said", [
    ("The gallery was unavailable from approximately midnight until 7:52 A.M., nearly eight hours.",
     "until 7:52 A.M., nearly eight hours"),
    ("Resolution Time: ~4 hours", "Resolution Time: ~4 hours"),
    ("Recovery time - 45 min", "Recovery time - 45 min"),
    ("We worked until 10:00, three hours before the release.", None),   # a moment, not a length
])
def test_a_length_told_after_its_window_or_as_a_header(sentence, said):
    from pmlint.load.evidence import find_evidence
    found = find_evidence([(sentence, 1, 1, None)]).get("impact_duration")
    assert (found["text"] if found else None) == said


def test_a_window_from_midnight_is_a_told_timeline(run_cli, tmp_path):
    text = ("# Gallery outage\n\nThe gallery was unavailable on March 9th from approximately midnight until 7:52 "
            "A.M., nearly eight hours. All HTTP requests to the website failed.\n\n## What happened\n\nThe servers "
            "were rebooted at midnight and the web roles failed to start because of a bug in a start-up script.\n\n"
            "## What we will do\n\n- We will add an external availability probe that pages the on-call engineer.\n")
    path = write(tmp_path / "pm.md", text)
    assert not [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]
    assert not rule_findings(run_cli, path, "PM601")


@pytest.mark.parametrize("sentence, said", [
    ("We expect to restore the Resource Center within the next few days.", None),  # a forecast
    ("Within the first hour every request failed.", "Within the first hour"),
    ("Over the next hour the backlog drained.", "Over the next hour"),
])
def test_a_forecast_is_no_length(sentence, said):
    from pmlint.load.evidence import find_evidence
    found = find_evidence([(sentence, 1, 1, None)]).get("impact_duration")
    assert (found["text"] if found else None) == said

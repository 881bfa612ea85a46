"""A stated severity with the author's reason beside it, and a feature named for detecting.

- "**Severity**: Medium (single service, home automation)" states the level Medium; the
  reason in brackets (or after a colon or a spaced dash) is no part of the level. Read as
  unknown, every severity-gated rule fell silent: an eight-hour overnight detection went
  unreported.
- "Package detection automation triggers" is a feature running, not someone detecting
  the failure: time to detect is measured to "User notices ...", four minutes later.
"""

from __future__ import annotations

import pytest
from conftest import rule_findings, write

from pmlint.engine.severity import normalise_severity
from pmlint.settings import merge_settings


@pytest.mark.parametrize("written, expected", [
    ("Medium (single service, home automation)", "SEV3"),
    ("High - all checkouts failed", "SEV2"),
    ("SEV2: customer facing", "SEV2"),
    ("Critical [all regions]", "SEV1"),
    # the lead must itself be a level: a qualifier does not make a sentence one
    ("Not sure (maybe high)", None),
    ("Urgent (all users)", None),
    ("Medium", "SEV3"),
])
def test_a_level_with_its_reason_is_the_level(written, expected):
    assert normalise_severity(written, merge_settings(None)) == expected


DOCUMENT = """\
# RCA: Voice assistant stuck - GPU node outage

**Date**: 2026-01-01
**Severity**: {severity}

## Summary

The voice assistant stopped answering because the GPU node went down with its storage.

## Timeline

| Time (UTC) | Event |
|------------|-------|
| 01:41 | GPU node stops posting node status, Ollama pod fails |
| 02:00 | New Ollama pod stuck in Pending |
| 09:33 | {trigger} triggers, the assistant goes blue waiting for a response |
| 09:37 | User notices the assistant stuck blue |
| 10:13 | Investigation begins |
| 11:25 | Assistant functional |

## Root cause

A USB disk suspended the ZFS pool the GPU VM's data disk was on.

## Action items

| Action | Owner | Due |
|---|---|---|
| Move the VM's data disk off USB storage | ops | 2026-02-01 |
"""


def test_a_qualified_level_gates_time_to_detect(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOCUMENT.format(severity="Medium (single service, home automation)",
                                                      trigger="Package detection automation"))
    found = rule_findings(run_cli, path, "PM403")
    assert len(found) == 1, found
    assert "7 h 56 min" in found[0]["message"] and "User notices" in found[0]["message"]
    assert "SEV3" in found[0]["message"]


def test_an_unknown_level_still_gates_nothing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOCUMENT.format(severity="Whatever (we did not rate it)",
                                                      trigger="Package detection automation"))
    assert rule_findings(run_cli, path, "PM403") == []
    assert len(rule_findings(run_cli, path, "PM014", preset="strict")) == 1


def test_detection_as_the_act_is_still_detection(tmp_path, run_cli):
    # the twin: "Detection of the stuck assistant" at 09:33 is the detection
    path = write(tmp_path / "pm.md", DOCUMENT.format(severity="Medium (single service)",
                                                      trigger="Detection of the stuck assistant by the automation"))
    found = rule_findings(run_cli, path, "PM403")
    assert len(found) == 1 and "7 h 52 min" in found[0]["message"], found

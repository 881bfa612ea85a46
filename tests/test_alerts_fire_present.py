"""Alerts told in the present plural (held-out S): "Uptime Kuma: ArgoCD/Prometheus alerts
fire, ~12 min" is the alert that noticed the problem, as "alerts fired" is. Before, a
later fault's first entry was read as the onset, and PM404 paired it with the fix of an
earlier, unrelated fault (21 h 15 min, judged FP): with an alert before any failure is
described, no onset is trusted."""

from __future__ import annotations

from conftest import rule_findings, write

DOC = """# Three issues in one alert

**Severity:** SEV-3

## Timeline

| Time (PDT) | Event |
|---|---|
| 2026-07-17 04:47 | Uptime Kuma: ArgoCD and Prometheus alerts {verb}, ~12 min |
| 2026-07-17 09:37 | Compaction fails on a bad block and restarts in a loop |
| 2026-07-18 06:52 | Resolver listening mode switched; the loopback problem is mitigated |
"""


def test_alerts_fire_before_any_failure_leave_no_onset_to_trust(tmp_path, run_cli):
    assert rule_findings(run_cli, write(tmp_path / "pm.md", DOC.format(verb="fire")), "PM404") == []


def test_the_kind_is_read_in_the_present_too(tmp_path, run_cli):
    from pmlint.load.markdown.timeline import classify_event

    assert classify_event("Disk alerts fire on db1") == "detected"
    assert classify_event("Disk alerts fired on db1") == "detected"
    assert classify_event("We fire the old vendor") == "other"

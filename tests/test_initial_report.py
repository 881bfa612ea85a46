"""Detection named by a label: "Initial user report:" over the symptom says who noticed
(held-out set I: PM401 said no report was found in any sentence). CLI in, findings out."""

from __future__ import annotations

from conftest import rule_findings, write


def test_an_initial_user_report_is_the_detection(run_cli, tmp_path):
    """ "Initial user report:" over the symptom names who noticed (held-out set I: PM401
    said no report was found in any sentence)."""
    text = ("# Release incidents\n\n## 2026-02-22: Windows installer startup failures\n\n- Initial user report:\n"
            "  - Windows installer completed, but the app failed to start.\n- Root causes:\n"
            "  1. The installer payload included cross-platform launchers, which caused the failure.\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM401") == []


def test_a_team_noticing_in_the_present_tense_is_the_detection(run_cli, tmp_path):
    """A timeline told in the present tense: "The infrastructure team notices unusual email
    activity and begins investigating" (held-out set I)."""
    text = ("# Leak\n\n## Summary\n\nPII was exposed.\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n"
            "| 06:08 | The infrastructure team notices unusual email activity and begins investigating. |\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401") == []

"""The Action's optional `report` step, run as the runner runs it: bash, its env, its script.

pip is stubbed (installing would need the network and would replace this checkout's
editable install); `pmlint` is this interpreter's pmlint, so the report is the real one.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent


def report_step() -> dict:
    action = YAML(typ="safe", pure=True).load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["report"]["default"] == "false"
    assert action["outputs"]["report-file"]["value"] == "${{ steps.report.outputs.report-file }}"
    [step] = [step for step in action["runs"]["steps"] if step.get("id") == "report"]
    assert step["if"] == "${{ always() && inputs.report == 'true' }}"  # after a failing lint step too
    assert "${{" not in step["run"], "inputs must reach the script through env"
    return step


def executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_report_step_writes_the_html_artifact_and_appends_to_the_summary(tmp_path):
    pytest.importorskip("plotly", reason="pmlint[report] not installed")
    step = report_step()
    bin_dir = tmp_path / "runner" / "pmlint-venv" / "bin"
    bin_dir.mkdir(parents=True)
    executable(bin_dir / "python", f"#!/bin/sh\necho \"$@\" >> {tmp_path / 'pip.log'}\n")
    executable(bin_dir / "pmlint", f"#!/bin/sh\nexec {sys.executable} -m pmlint \"$@\"\n")
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    summary = tmp_path / "summary.md"
    summary.write_text("# pmlint check\n", encoding="utf-8")
    outputs = tmp_path / "outputs"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_OUTPUT": str(outputs), "INPUT_PATHS": str(ROOT / "examples" / "history"),
           "PMLINT_VERSION": "", "PMLINT_SOURCE": str(ROOT)}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pip.log").read_text().split() == ["-m", "pip", "install", "--quiet", f"{ROOT}[report]"]
    html = (workspace / "pmlint-report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Plotly" in html
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# pmlint check\n") and "# Incident history: durability report" in text  # appended
    assert outputs.read_text().strip() == "report-file=pmlint-report.html"

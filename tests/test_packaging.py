"""A wheel installed outside the repository works: rules and schemas ship as package data.

Building and installing a wheel takes ~20 s, so this runs when PMLINT_PACKAGING_TEST=1
(`.ci/run` sets it) and is skipped otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(not os.environ.get("PMLINT_PACKAGING_TEST"),
                                reason="set PMLINT_PACKAGING_TEST=1 to build and install a wheel (CI does)")


def test_wheel_installed_elsewhere_finds_its_rules_and_schemas(tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True, timeout=600)
    script = env_dir / "bin" / "pmlint"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "pm.yaml").write_text("title: x\naction_items:\n  - title: Add alert\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(script), *args], cwd=elsewhere, capture_output=True, text=True, timeout=60)

    rules = run("rules", "--format", "json")
    assert rules.returncode == 0 and '"PM301"' in rules.stdout
    assert run("schema").stdout.lstrip().startswith("{")
    check = run("check", "--select", "PM301", "pm.yaml")
    assert check.returncode == 1 and "PM301" in check.stdout
    installed = subprocess.run([str(python), "-c", "import pmlint, pathlib; print(pathlib.Path(pmlint.__file__).parent)"],
                               capture_output=True, text=True, check=True).stdout.strip()
    assert (Path(installed) / "_rules").is_dir(), "the rule pack is inside the installed package"
    assert not str(installed).startswith(str(ROOT)), sys.path

"""Shared fixtures: a click runner, paths to examples and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def run_cli(monkeypatch):
    """Invoke the CLI in-process: returns (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from pmlint.cli import _build_cli

    def invoke(*args: str, cwd: Path | None = None, env: dict | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        runner = CliRunner()
        result = runner.invoke(_build_cli(), list(args), env=env or {}, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke

"""Shared fixtures: a click runner, paths to examples and the shared corpus."""

from __future__ import annotations

import os
import tempfile
import stat
from pathlib import Path

import pytest

#: The rule-pack cache of this test session (and of the pmlint processes it starts):
#: never the user's own cache, so tests neither read a stale one nor leave files behind.
os.environ["PMLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="pmlint-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"


def write(path: Path, text: str) -> Path:
    """Write a test file, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rule_findings(run_cli, path: Path, *rules: str, preset: str = "recommended") -> list[dict]:
    """The JSON findings of `rules` from `pmlint check --preset PRESET PATH` (exit 0 forced)."""
    import json

    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--preset", preset, str(path))
    assert code == 0, err
    return [item for item in json.loads(out)["findings"] if item["rule"] in rules]


def rule_severities(run_cli, path: Path, rule: str, preset: str = "recommended") -> list[str]:
    """The severities of `rule`'s findings on `path` under `preset`, in report order."""
    return [finding["severity"] for finding in rule_findings(run_cli, path, rule, preset=preset)]


def impact_asks(run_cli, path: Path, part: str) -> bool:
    """Whether PM601 (`strict`) asks for `part` of the impact ("who or what was affected",
    "how long") on `path`."""
    return any(part in finding["message"] for finding in rule_findings(run_cli, path, "PM601", preset="strict"))


def missing_section(run_cli, path: Path, section: str, preset: str = "recommended") -> list[dict]:
    """PM011's findings on `path` that name `section` (`timeline`, `root_causes`) as missing."""
    return [finding for finding in rule_findings(run_cli, path, "PM011", preset=preset) if section in finding["message"]]


def isolated_findings(run_cli, path: Path, rules: str) -> list[dict]:
    """The JSON findings of `pmlint check --isolated --select RULES PATH` (exit 0 or 1)."""
    import json

    code, out, _ = run_cli("check", "--isolated", "--format", "json", "--select", rules, str(path))
    assert code in (0, 1), out
    data = json.loads(out)
    return data["findings"] if isinstance(data, dict) else data


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the first line of `path` that contains `text`."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def char_device(path, major: int, minor: int):
    """A character device node at `path` (made in a temporary folder, never the real
    /dev/null); skips the test where making one needs root."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch):
    """Tests behave the same on a laptop and in CI: GitHub's variables change pmlint's
    defaults (annotations, repository root), so tests that want them set them."""
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "GITHUB_BASE_REF", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)


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

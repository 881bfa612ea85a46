"""Distribution: the pre-commit hook, the composite GitHub Action and the README's CI recipes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent


def load_yaml(text: str):
    return YAML(typ="safe", pure=True).load(text)


def readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_pre_commit_hook_shape():
    hooks = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["id"] == "pmlint" and hook["name"]
    assert hook["entry"] == "pmlint check" and hook["language"] == "python"
    assert hook["types_or"] == ["yaml", "markdown"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'pmlint = "pmlint.cli:main"' in pyproject  # the entry's executable exists when installed


def _pre_commit() -> list[str] | None:
    executable = shutil.which("pre-commit")
    if executable:
        return [executable]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


def test_pre_commit_runs_the_hook_on_staged_files(tmp_path):
    """Runs the hook's entry and file filter through pre-commit itself, offline: the hook is
    declared `repo: local, language: system` with this interpreter, because installing the
    real `language: python` environment would need the network."""
    command = _pre_commit()
    if command is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit to run this test)")
    [hook] = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path),
           "GIT_CONFIG_NOSYSTEM": "1", "GITHUB_ACTIONS": ""}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    entry = hook["entry"].replace("pmlint", f"{sys.executable} -m pmlint", 1)
    config = {"repos": [{"repo": "local", "hooks": [{
        "id": hook["id"], "name": hook["name"], "entry": entry, "language": "system",
        "types_or": hook["types_or"], "files": "^postmortems/",
        "args": ["--select", "PM301"]}]}]}  # one rule: independent of the evolving rule pack
    import json

    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    (repo / "postmortems").mkdir()
    (repo / "postmortems" / "good.yaml").write_text("title: T\n", encoding="utf-8")
    (repo / "postmortems" / "notes.txt").write_text("not a postmortem\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True, env=env)

    def run(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([*command, "run", "--files", *files], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=120)

    clean = run("postmortems/good.yaml", "postmortems/notes.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "postmortems" / "bad.yaml").write_text("title: T\naction_items:\n  - title: Add alert\n",
                                                   encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True, env=env)
    failing = run("postmortems/bad.yaml", "postmortems/good.yaml")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "PM301" in failing.stdout and "postmortems/bad.yaml" in failing.stdout


def test_action_is_a_composite_that_installs_itself_and_writes_sarif_and_summary():
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    action = load_yaml(text)
    assert action["runs"]["using"] == "composite"
    assert {"paths", "changed-since", "args", "sarif-file", "version"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    assert any(step.get("uses", "").startswith("actions/setup-python@") for step in steps)
    scripts = "\n".join(step.get("run", "") for step in steps)
    envs = {key: value for step in steps for key, value in (step.get("env") or {}).items()}
    assert "github.action_path" in envs["PMLINT_SOURCE"]
    for needle in ("--format github", '"sarif:$INPUT_SARIF_FILE"', '"markdown:$GITHUB_STEP_SUMMARY"',
                   '--changed-since "$INPUT_CHANGED_SINCE"'):
        assert needle in scripts
    assert "${{" not in scripts, "inputs must reach scripts through env, not be spliced in (injection)"


def test_readme_has_ci_sections_with_valid_yaml():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for heading in ("## CI integration", "## Output formats", "### Baselines", "### GitLab CI", "### pre-commit"):
        assert heading in text
    documents = [load_yaml(block) for block in readme_blocks("yaml")]
    workflow = next(doc for doc in documents if isinstance(doc, dict) and "jobs" in doc)
    steps = workflow["jobs"]["pmlint"]["steps"]
    assert workflow["permissions"]["security-events"] == "write"
    assert steps[0]["with"]["fetch-depth"] == 0
    lint = next(step for step in steps if "pmlint check" in str(step.get("run", "")))
    for needle in ("--format github", "sarif:pmlint.sarif", "GITHUB_STEP_SUMMARY", "--changed-since"):
        assert needle in lint["run"]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["sarif_file"] == "pmlint.sarif" and "cancelled" in upload["if"]
    gitlab = next(doc for doc in documents if isinstance(doc, dict) and "pmlint" in doc and "script" in doc["pmlint"])
    reports = gitlab["pmlint"]["artifacts"]["reports"]
    assert reports["codequality"] in " ".join(gitlab["pmlint"]["script"])
    assert reports["junit"] in " ".join(gitlab["pmlint"]["script"])


CI_OPTIONS = ("--format", "--output", "--changed-since", "--baseline", "--write-baseline", "--statistics",
              "--exit-zero", "--no-suppressions")


def test_readme_options_table_lists_the_ci_options():
    from pmlint.cli import _build_cli

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    flags = {flag for param in _build_cli().commands["check"].params for flag in param.opts}
    for flag in CI_OPTIONS:
        assert flag in flags
        assert f"| `{flag}" in text, f"{flag} is missing from the README options table"

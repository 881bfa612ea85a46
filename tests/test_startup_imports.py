"""A one-file check imports only what it uses: the start-up cost guarded (issue 11).

A one-file `pmlint check` costs mostly start-up: the interpreter, click and ruamel.yaml,
then pmlint's own modules. Each module a run does not need is milliseconds on every
invocation (a pre-commit hook, an editor on save), and they creep back one innocent
top-level import at a time. So a clean interpreter runs the real command in-process on
one file and lists `sys.modules`: what that kind of run must never load is named here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

#: Runs `pmlint check` in-process, then prints the modules it loaded as JSON on stdout.
PROBE = """
import json, sys
from pmlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

#: Never needed to check a file and write a text report: other commands' and formats'
#: code, optional or heavy libraries, and the standard library they pull in.
NEVER = [
    "jsonschema", "rich", "plotly", "markdown_it",  # validation, colour, the HTML report, Markdown parsing
    "pmlint.history", "pmlint.report.history", "pmlint.report.sarif", "pmlint.report.json_format",
    "pmlint.report.github", "pmlint.report.gitlab", "pmlint.report.junit", "pmlint.report.markdown",
    "pmlint.report.rules", "pmlint.report.functions", "pmlint.report.statistics", "pmlint.report.workflow",
    "pmlint.show_config", "pmlint.baseline", "pmlint.fingerprint", "pmlint.repo", "pmlint.pool", "pmlint.templates",
    "pmlint.engine.examples", "pmlint.gitignore",
    "multiprocessing", "concurrent", "subprocess", "tempfile", "shutil", "hashlib", "tomllib", "urllib.request",
    "traceback",  # --debug only
]
#: A YAML postmortem needs nothing of the Markdown loader.
NEVER_FOR_YAML = ["pmlint.load.markdown", "pmlint.load.markdown.blocks", "pmlint.load.markdown.sections", "pmlint.load.markdown.convert"]


def loaded(tmp_path: Path, *args: str) -> list[str]:
    environment = dict(os.environ, PMLINT_CACHE_DIR=str(tmp_path / "cache"))
    environment.pop("PMLINT_NO_CACHE", None)
    for _ in range(2):  # the second run is the usual one: rule pack and regexes from the cache
        result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                                cwd=tmp_path, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] in (0, 1, None), result.stderr
    return outcome["modules"]


def offending(modules: list[str], names: list[str]) -> list[str]:
    return [module for module in modules if any(module == name or module.startswith(name + ".") for name in names)]


@pytest.mark.parametrize("sample", ["exemplary.yaml", "flawed-night-pages.yaml"])
def test_a_yaml_check_with_a_text_report_imports_only_what_it_uses(tmp_path: Path, sample: str) -> None:
    # a project's pyproject.toml without a pmlint table: found while looking for config, never parsed
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "service"\n', encoding="utf-8")
    modules = loaded(tmp_path, "check", "--no-color", "-o", str(tmp_path / "report.txt"), str(EXAMPLES / sample))
    assert "pmlint.engine.rules" in modules and "pmlint.report.text" in modules, "the probe ran a check"
    assert offending(modules, NEVER + NEVER_FOR_YAML) == []
    assert (tmp_path / "report.txt").is_file()


def test_a_markdown_check_imports_only_what_it_uses(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "check", "--no-color", str(EXAMPLES / "exemplary.md"))
    assert "pmlint.load.markdown" in modules and "markdown_it" in modules, "the probe loaded Markdown"
    # markdown-it itself imports traceback
    assert offending(modules, [name for name in NEVER if name not in ("markdown_it", "traceback")]) == []


def test_the_version_imports_nothing_but_the_version(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "--version")
    assert [module for module in modules if module.startswith("pmlint")] == ["pmlint", "pmlint.cli"]
    assert offending(modules, ["click", "ruamel", "_ruamel_yaml", "re2"]) == []

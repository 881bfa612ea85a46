"""Config `exclude` extends the default excludes; pmlint's own files are never walked."""

from __future__ import annotations

import re
from pathlib import Path

from custom_rule import RULE

from conftest import write

PM = "title: x\nsummary: y\n"


def linted(run_cli, *args: str, cwd: Path) -> list[str]:
    """The files a `check` run linted (the junit report has one testsuite per file)."""
    _, out, err = run_cli("check", "-f", "junit", "--fail-on", "never", *args, cwd=cwd)
    assert "error" not in err, err
    return sorted(re.findall(r'<testsuite name="([^"]+)"', out))


def repository(root: Path) -> None:
    write(root / "postmortems" / "pm.yaml", PM)
    write(root / "templates" / "template.yaml", PM)
    write(root / "README.md", "# readme\n")
    write(root / "CHANGELOG.md", "# changes\n")
    write(root / ".github" / "workflows" / "ci.yml", "on: push\n")
    write(root / "node_modules" / "pkg" / "notes.md", "# vendored\n")


def test_config_exclude_extends_the_defaults(run_cli, tmp_path):
    repository(tmp_path)
    write(tmp_path / ".pmlint.yaml", 'exclude: ["templates/", "README.md"]\n')
    assert linted(run_cli, cwd=tmp_path) == ["postmortems/pm.yaml"]


def test_excluded_file_named_on_the_command_line_is_linted(run_cli, tmp_path):
    repository(tmp_path)
    write(tmp_path / ".pmlint.yaml", 'exclude: ["templates/"]\n')
    assert linted(run_cli, "templates/template.yaml", "CHANGELOG.md", cwd=tmp_path) == [
        "CHANGELOG.md", "templates/template.yaml"]


def test_include_replaces_the_default_include(run_cli, tmp_path):
    repository(tmp_path)
    write(tmp_path / "postmortems" / "notes.md", "# notes\n")
    write(tmp_path / ".pmlint.yaml", 'include: ["*.yaml"]\nexclude: ["templates/"]\n')
    assert linted(run_cli, cwd=tmp_path) == ["postmortems/pm.yaml"]


def test_config_file_and_rules_dirs_are_never_walked(run_cli, tmp_path):
    write(tmp_path / "postmortems" / "pm.yaml", PM)
    write(tmp_path / "lint" / "rules" / "TST101-item-owner.yaml", RULE)
    # a config without a leading dot is not caught by the default `.*` exclude
    write(tmp_path / "lint" / "pmlint.yaml", "rules-dirs: [rules]\n")
    assert linted(run_cli, "--config", "lint/pmlint.yaml", cwd=tmp_path) == ["postmortems/pm.yaml"]
    # walking the rules folder itself yields no postmortem either
    code, _, err = run_cli("check", "--config", "lint/pmlint.yaml", "lint/rules", cwd=tmp_path)
    assert code == 2 and "no postmortems found in lint/rules" in err
    # named explicitly, a file is linted whatever it is
    assert linted(run_cli, "--config", "lint/pmlint.yaml", "lint/pmlint.yaml", cwd=tmp_path) == ["lint/pmlint.yaml"]

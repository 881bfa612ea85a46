"""Configuration: discovery upwards, pyproject.toml, validation errors (one line, exit 2)."""

from __future__ import annotations

import json

import pytest

from pmlint.config import glob_match, load_config
from pmlint.errors import ConfigError

from conftest import write

PM = "title: x\naction_items:\n  - title: Add a disk-space alert\n"


def test_config_found_upwards(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "select: [PM301]\nfail-on: never\n")
    write(tmp_path / "a" / "b" / "pm.yaml", PM)
    code, out, _ = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path / "a" / "b")
    assert code == 0
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["PM301"]


def test_pyproject_tool_section(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.pmlint]\nselect = ["PM301"]\nseverity = {PM301 = "info"}\n')
    write(tmp_path / "pm.yaml", PM)
    code, out, _ = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert code == 0
    assert json.loads(out)["findings"][0]["severity"] == "info"


def test_pyproject_tool_section_with_an_escaped_name_is_found(run_cli, tmp_path):
    """Discovery skips parsing a pyproject.toml that never spells "pmlint"; a quoted key
    may still escape it, and that table is pmlint's too."""
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool."pm\\u006cint"]\nselect = ["PM301"]\n'
                                       'severity = {PM301 = "info"}\n')
    write(tmp_path / "pm.yaml", PM)
    code, out, _ = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in json.loads(out)["findings"]] == [("PM301", "info")]


def test_command_line_wins_over_file(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "select: [PM301]\nfail-on: never\n")
    write(tmp_path / "pm.yaml", PM)
    assert run_cli("check", "--fail-on", "error", "pm.yaml", cwd=tmp_path)[0] == 1


@pytest.mark.parametrize("text,expected", [
    ("selec: [PM301]\n", ".pmlint.yaml:1: Unknown key `selec`"),
    ("fail-on: sometimes\n", ".pmlint.yaml:1: `fail-on` is the text \"sometimes\"; expected one of"),
    ("ignore: PM301\n", ".pmlint.yaml:1: `ignore` must be a list, but it is the text \"PM301\""),
    ("settings:\n  sumary_max_words: 10\n", ".pmlint.yaml:2: unknown setting `settings.sumary_max_words`"),
    ("settings:\n  summary_max_words: many\n", ".pmlint.yaml:2: `settings.summary_max_words` must be a non-negative integer"),
    ("select: [PM301\n", ".pmlint.yaml:2: YAML syntax error"),
    ("select: [PM999]\n", "unknown rule or category 'PM999'"),
    ("severity: {PM301: loud}\n", ".pmlint.yaml:1: `severity.PM301` is the text \"loud\""),
])
def test_bad_config_is_one_line_error(run_cli, tmp_path, text, expected):
    write(tmp_path / ".pmlint.yaml", text)
    write(tmp_path / "pm.yaml", PM)
    code, out, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2, out
    assert err.count("\n") == 1 and err.startswith("pmlint: error: ")
    assert expected in err


def test_explicit_config_must_exist(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", "--config", "missing.yaml", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "config file not found: missing.yaml" in err


def test_bad_toml_is_one_line_error(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.pmlint\nselect = 1\n")
    with pytest.raises(ConfigError, match="cannot read TOML"):
        load_config(start=tmp_path)


def test_user_rule_errors_name_file_and_line(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [myrules]\n")
    rule = write(tmp_path / "myrules" / "r.yaml", """\
id: ACME101
name: my-rule
severity: warning
summary: s
rationale: r
fix: f
message: m
given: $.action_items[*]
then:
  function: pattern
  options: {match: '([unclosed'}
examples:
  - valid: 'title: x'
""")
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "r.yaml:11:" in err and "invalid regular expression" in err
    rule.write_text(rule.read_text().replace("function: pattern", "function: os.system"))
    from pmlint.engine.rules import load_rules
    load_rules.cache_clear()
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "r.yaml:10: unknown check function 'os.system'" in err
    rule.write_text(rule.read_text().replace("given: $.action_items[*]", "given: action_items"))
    load_rules.cache_clear()
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "r.yaml:8: selector 'action_items' must start with '$'" in err
    load_rules.cache_clear()


@pytest.mark.parametrize("path,pattern,expected", [
    ("a/b/README.md", "README.md", True),
    ("a/.git/x", ".*", True),
    ("templates/x.md", "templates/", True),
    ("docs/pm/x.md", "docs/**/*.md", True),
    ("x.md", "**/*.md", True),
    ("docs/x.yaml", "docs/*.md", False),
    (".github/workflows/ci.yml", ".github/", True),
    ("github/workflows/ci.yml", ".github/", False),
    ("pms/2024/x.md", "./pms/", True),
])
def test_glob_match(path, pattern, expected):
    assert glob_match(path, pattern) is expected

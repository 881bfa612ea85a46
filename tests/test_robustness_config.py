"""Config and rule files: every mistake is one line naming the file and line, exit 2.

User regexes, selectors and options are compiled when the rule is loaded, so a bad
rule fails the run before any postmortem is read.
"""

from __future__ import annotations

import re
import textwrap

import pytest

RULE = textwrap.dedent("""\
    id: TST901
    name: custom-check
    severity: warning
    summary: A custom check.
    rationale: Because the team asked for it.
    fix: Fix it.
    message: Custom finding
    given: {given}
    then:
      field: title
      function: {function}
      options: {options}
    examples:
      - valid: |
          title: ok
    """)

ONE_LINE_WITH_LOCATION = re.compile(r"^pmlint: error: \S+:\d+: .+$")


def rule_text(given: str = "$", function: str = "truthy", options: str = "{}") -> str:
    return RULE.format(given=given, function=function, options=options)


def run_with_rule(tmp_path, run_cli, text: str, *options: str):
    rules = tmp_path / "team-rules"
    rules.mkdir(exist_ok=True)
    (rules / "TST901-custom-check.yaml").write_text(text)
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [team-rules]\n")
    (tmp_path / "pm.yaml").write_text("title: Outage\n")
    return run_cli("check", *options, "pm.yaml", cwd=tmp_path)


def assert_config_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert ONE_LINE_WITH_LOCATION.match(lines[0]), lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert "Traceback" not in err


def test_valid_custom_rule_runs(tmp_path, run_cli):
    code, out, err = run_with_rule(tmp_path, run_cli, rule_text(), "--select", "TST901")
    assert code == 0, err


@pytest.mark.parametrize("text,needles", [
    (rule_text(function="os.system"), ["TST901-custom-check.yaml", "os.system"]),
    (rule_text(function="__import__"), ["__import__"]),
    (rule_text(function="eval"), ["eval"]),
    (rule_text(function="pattern", options="{match: '(unclosed'}"), ["TST901-custom-check.yaml"]),
    (rule_text(function="pattern", options="{match: '[z-a]'}"), ["TST901-custom-check.yaml"]),
    (rule_text(function="truthy", options="{no_such_option: 1}"), ["no_such_option"]),
    (rule_text(given="'$.action_items[*'"), ["TST901-custom-check.yaml"]),
    (rule_text(given="'not a selector'"), ["TST901-custom-check.yaml"]),
    (rule_text().replace("severity: warning", "severity: 7"), ["severity"]),
    (rule_text().replace("severity: warning", "severity: fatal"), ["severity"]),
    (rule_text().replace("id: TST901", "id: [TST901]"), ["id"]),
    (rule_text().replace("summary: A custom check.", "summary: [unclosed"), ["TST901-custom-check.yaml"]),
    (rule_text().replace("title: ok", "title: ok\n\t  bad: tab"), ["TST901-custom-check.yaml"]),
    ("", ["TST901-custom-check.yaml"]),
    ("- just\n- a list\n", ["TST901-custom-check.yaml"]),
], ids=["os.system", "__import__", "eval", "bad regex", "bad range", "unknown option", "unclosed selector",
        "not a selector", "severity type", "severity value", "id type", "malformed yaml", "tab", "empty", "list"])
def test_bad_rule_file_is_a_one_line_error(tmp_path, run_cli, text, needles):
    code, _, err = run_with_rule(tmp_path, run_cli, text)
    assert_config_error(code, err, *needles)


@pytest.mark.parametrize("config,needles", [
    ("select: [PM3\n", [".pmlint.yaml:", "syntax"]),
    ("select: 5\n", [".pmlint.yaml:1:", "select"]),
    ("fail-on: maybe\n", [".pmlint.yaml:1:", "fail-on"]),
    ("settings:\n  max_file_bytes: big\n", [".pmlint.yaml:2:", "max_file_bytes"]),
    ("settings:\n  no_such_setting: 1\n", [".pmlint.yaml:2:", "no_such_setting"]),
    ("bogus: 1\n", [".pmlint.yaml:1:", "bogus"]),
    ("select: [PM3]\nselect: [PM4]\n", [".pmlint.yaml:2:"]),
    ("include:\n\t- '*.yaml'\n", [".pmlint.yaml:"]),
    ("\x00\x01", [".pmlint.yaml:"]),
])
def test_bad_config_is_a_one_line_error(tmp_path, run_cli, config, needles):
    (tmp_path / ".pmlint.yaml").write_text(config)
    (tmp_path / "pm.yaml").write_text("title: Outage\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert_config_error(code, err, *needles)


def test_unknown_rule_code_in_config_is_exit_2(tmp_path, run_cli):
    (tmp_path / ".pmlint.yaml").write_text("select: [PM999]\n")
    (tmp_path / "pm.yaml").write_text("title: Outage\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "PM999" in err


def test_bad_command_line_selector_is_exit_2(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text("title: Outage\n")
    code, _, err = run_cli("check", "--select", "PM3,nonsense", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "nonsense" in err and len(err.strip().splitlines()) == 1

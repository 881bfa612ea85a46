"""`pmlint test-rules DIR`: pass/fail per example, exit 1 on a failing example, 2 on a bad rule file."""

from __future__ import annotations

RULE = """id: ACME101
name: action-item-jira
severity: warning
summary: Action items link a JIRA ticket.
rationale: Our follow-up reviews run from JIRA.
given: $.action_items[*]
then:
  field: ticket
  function: pattern
  options: {{match: '^[A-Z]+-\\d+$'}}
message: 'Action item "{{title}}" has no JIRA key'
fix: 'Set `ticket: ABC-123`.'
examples:
  - invalid: |
      action_items: [{{title: Add alert, ticket: "see slack"}}]
    findings: {count}
  - valid: |
      action_items: [{{title: Add alert, ticket: OPS-12}}]
"""


def test_passing_examples(run_cli, tmp_path):
    (tmp_path / "ACME101-action-item-jira.yaml").write_text(RULE.format(count=1))
    code, out, _ = run_cli("test-rules", str(tmp_path))
    assert code == 0, out
    assert "PASS ACME101 example 1 (invalid)" in out and "PASS ACME101 example 2 (valid)" in out
    assert out.rstrip().endswith("2 passed, 0 failed")


def test_failing_example_exits_1(run_cli, tmp_path):
    (tmp_path / "ACME101-action-item-jira.yaml").write_text(RULE.format(count=2))
    code, out, _ = run_cli("test-rules", str(tmp_path))
    assert code == 1
    assert "FAIL ACME101 example 1 (invalid): expected 2 finding(s)" in out and "1 passed, 1 failed" in out


def test_bad_rule_file_exits_2(run_cli, tmp_path):
    (tmp_path / "bad.yaml").write_text(RULE.format(count=1).replace("function: pattern", "function: no_such"))
    code, _, err = run_cli("test-rules", str(tmp_path))
    assert code == 2 and "no_such" in err and "bad.yaml" in err


def test_empty_directory_exits_2(run_cli, tmp_path):
    code, _, err = run_cli("test-rules", str(tmp_path))
    assert code == 2 and "no rule files" in err


def test_examples_pass_relative_and_absolute_directory(run_cli, tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ACME101-action-item-jira.yaml").write_text(RULE.format(count=1))
    code, out, _ = run_cli("test-rules", "rules", cwd=tmp_path)
    assert code == 0 and "2 passed, 0 failed" in out, out


def test_rule_that_duplicates_a_builtin_id_or_name_fails_like_check(run_cli, tmp_path):
    for clash, expected in ((("id: ACME101", "id: PM301"), "rule PM301 is defined twice"),
                            (("name: action-item-jira", "name: action-item-owner"),
                             "rule action-item-owner is defined twice")):
        rules = tmp_path / clash[1].split(": ")[1]
        rules.mkdir()
        (rules / "ACME101-action-item-jira.yaml").write_text(RULE.format(count=1).replace(*clash))
        code, out, err = run_cli("test-rules", str(rules))
        assert code == 2, out
        assert expected in err and "also in" in err and err.count("\n") == 1
        (tmp_path / ".pmlint.yaml").write_text(f"rules-dirs: [{rules.name}]\n")
        (tmp_path / "pm.yaml").write_text("title: x\n")
        code, _, check_err = run_cli("check", "pm.yaml", cwd=tmp_path)
        assert code == 2 and check_err == err  # the same message as `check`


def test_an_example_with_an_invalid_setting_is_a_rule_file_error(run_cli, tmp_path):
    text = RULE.format(count=1).replace("    findings: 1\n", "    findings: 1\n    settings: {measurable_patterns: ['(']}\n")
    (tmp_path / "ACME101-action-item-jira.yaml").write_text(text)
    code, _, err = run_cli("test-rules", str(tmp_path))
    assert code == 2
    assert "ACME101 example 1: `settings.measurable_patterns[0]` is not a valid regular expression" in err


def test_the_built_in_pack_itself(run_cli):
    """`pmlint test-rules rules` in a source checkout runs the shipped examples: the built-in
    folder given as DIRECTORY is the pack, not a second copy of it (it said "PM301 is
    defined twice (also in <the same file>)")."""
    from pmlint.engine.rules import builtin_rules_dir

    code, out, err = run_cli("test-rules", str(builtin_rules_dir()))
    assert code == 0, out + err
    assert "defined twice" not in out + err
    assert "PASS PM301 example 1" in out and " 0 failed" in out

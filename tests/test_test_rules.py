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

"""Rule examples assert what they say: `expect:` states each finding's message, line and
column, and `pmlint test-rules` (like the test suite for the built-in pack) checks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from pmlint.engine.rules import load_rules

RULE = """\
id: ACME301
name: acme-owner
category: action-items
severity: warning
summary: Action items have an owner.
rationale: An item nobody owns is an item nobody does.
given: $.action_items[*]
then: {{field: owner, function: truthy}}
message: 'Action item "{{title}}" has no owner'
fix: Name an owner.
examples:
  - invalid: |
      action_items:
        - {{title: Add an alert}}
        - {{title: Resize the cache}}
    expect:
{expect}
  - valid: |
      action_items: [{{title: Add an alert, owner: sre}}]
"""


def rule_dir(tmp_path: Path, expect: str) -> Path:
    write(tmp_path / "rules" / "ACME301.yaml", RULE.format(expect=expect))
    return tmp_path / "rules"


def test_matching_expectations_pass(tmp_path, run_cli):
    folder = rule_dir(tmp_path, '      - {line: 2, column: 5, message: \'Action item "Add an alert" has no owner\'}\n'
                                '      - {line: 3, column: 5}')
    code, out, _ = run_cli("test-rules", str(folder))
    assert code == 0, out
    assert "PASS ACME301 example 1 (invalid)" in out


@pytest.mark.parametrize("expect, said", [
    ("      - {message: 'Action item \"Add an alert\" has no owner!'}\n      - {line: 3}",
     "finding 1 expected message 'Action item \"Add an alert\" has no owner!'; "
     "got message 'Action item \"Add an alert\" has no owner'"),
    ("      - {line: 2, column: 5}\n      - {line: 3, column: 7}", "finding 2 expected column 7; got column 5"),
    ("      - {line: 2}", "expected 1 finding(s) of ACME301, got 2"),
])
def test_a_wrong_expectation_fails_and_says_what_differs(tmp_path, run_cli, expect, said):
    code, out, _ = run_cli("test-rules", str(rule_dir(tmp_path, expect)))
    assert code == 1
    assert f"FAIL ACME301 example 1 (invalid): {said}" in out


def test_the_expectation_count_is_the_finding_count_unless_findings_says_otherwise(tmp_path, run_cli):
    code, out, _ = run_cli("test-rules", str(rule_dir(tmp_path, "      - {line: 2}\n    findings: 2")))
    assert code == 0, out


def test_expect_on_a_valid_example_is_a_failure(tmp_path, run_cli):
    text = RULE.format(expect="      - {line: 2}\n      - {line: 3}") + "    expect: [{line: 1}]\n"
    write(tmp_path / "rules" / "ACME301.yaml", text)
    code, out, _ = run_cli("test-rules", str(tmp_path / "rules"))
    assert code == 1
    assert "FAIL ACME301 example 2 (valid): `expect` is for invalid examples" in out


def test_a_malformed_expectation_is_a_rule_file_error(tmp_path, run_cli):
    code, _, err = run_cli("test-rules", str(rule_dir(tmp_path, "      - {line: two}")))
    assert code == 2
    assert "ACME301.yaml:" in err and "whole number" in err


def test_the_built_in_pack_states_messages_and_positions():
    stated = [(rule.id, example) for rule in load_rules(validate_builtin=True) for example in rule.examples
              if example.get("expect")]
    assert len({rule_id for rule_id, _ in stated}) >= 5
    assert all("message" in entry and "line" in entry for _, example in stated for entry in example["expect"])


def test_the_end_of_the_underline_can_be_stated_too(tmp_path, run_cli):
    good = rule_dir(tmp_path / "good", "      - {line: 2, column: 5, end_column: 25}\n      - {line: 3}")
    code, out, _ = run_cli("test-rules", str(good))
    assert code == 0, out
    bad = rule_dir(tmp_path / "bad", "      - {line: 2, column: 5, end_column: 30}\n      - {line: 3}")
    code, out, _ = run_cli("test-rules", str(bad))
    assert code == 1 and "finding 1 expected end_column 30; got end_column 25" in out

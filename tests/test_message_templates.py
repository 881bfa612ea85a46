"""Rule message templates: checked when the rule loads; `{{`/`}}` are literal; values capped."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.engine.rules import load_rule_file
from pmlint.engine.run import MAX_VALUE_CHARS, render
from pmlint.errors import ConfigError

RULE = """\
id: ACME101
name: action-item-owner-acme
severity: warning
summary: Action items have an owner.
rationale: Someone must follow up.
given: $.action_items[*]
then:
  - field: owner
    function: truthy
    message: {check_message}
message: {message}
fix: Add an owner.
examples:
  - invalid: |
      action_items: [{{title: x}}]
"""


def write_rule(tmp_path: Path, message: str, check_message: str = "'Owner missing'") -> Path:
    path = tmp_path / "ACME101.yaml"
    path.write_text(RULE.format(message=message, check_message=check_message), encoding="utf-8")
    return path


@pytest.mark.parametrize("message,line,expected", [
    ("'{title.upper} has no owner'", 11, "'{title.upper}' is not a plain field name"),
    ("'{0} has no owner'", 11, "'{0}' is not a plain field name"),
    ("'{title[0]} has no owner'", 11, "is not a plain field name"),
    ("'{title!r} has no owner'", 11, "is not a plain field name"),
    ("'{title:>10} has no owner'", 11, "is not a plain field name"),
    ("'{title has no owner'", 11, "unbalanced '{' at column 1"),
    ("'title} has no owner'", 11, "unbalanced '}' at column 6"),
])
def test_bad_templates_are_rule_errors_at_the_message_line(tmp_path, message, line, expected):
    path = write_rule(tmp_path, message)
    with pytest.raises(ConfigError) as caught:
        load_rule_file(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert expected in str(caught.value)


def test_a_check_message_is_checked_too(tmp_path):
    path = write_rule(tmp_path, "'ok {title}'", check_message="'{owner.x}'")
    with pytest.raises(ConfigError, match=rf"^{path}:10: .*'{{owner.x}}' is not a plain field name"):
        load_rule_file(path)


def test_doubled_braces_render_as_literal_braces(tmp_path):
    rule = load_rule_file(write_rule(tmp_path, "'Item {{{title}}} needs `owner: {{team}}`'"))
    assert render(rule.message, {"title": "Add alert"}, None, "/action_items/0", {}) == \
        "Item {Add alert} needs `owner: {team}`"


def test_substituted_values_are_capped():
    huge = "x" * 2_000_000
    message = render("A {title} B {value} C {phrase}", {"title": huge}, huge, "/t", {"phrase": huge})
    assert len(message) < 3 * MAX_VALUE_CHARS + 20
    assert message.startswith("A xxx") and "…" in message


def test_a_huge_field_gives_a_short_message_end_to_end(run_cli, tmp_path):
    (tmp_path / "rules").mkdir()
    write_rule(tmp_path / "rules", "'{title} has no owner'")
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [rules]\n")
    (tmp_path / "pm.yaml").write_text("title: x\naction_items:\n  - title: " + "y" * 500_000 + "\n")
    code, out, err = run_cli("check", "--select", "ACME101", "-q", "pm.yaml", cwd=tmp_path)
    assert code == 0, err  # a warning
    assert "ACME101" in out and len(out) < 1000


def test_a_reference_to_an_unknown_setting_is_a_rule_error(tmp_path):
    path = tmp_path / "ACME102.yaml"
    path.write_text(RULE.format(message="'m'", check_message="'m'").replace(
        "    function: truthy\n", "    function: enum\n    options: {values: {setting: closed_status}}\n"),
        encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown setting 'closed_status' \(did you mean 'closed_statuses'\?\)"):
        load_rule_file(path)

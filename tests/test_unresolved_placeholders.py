"""A message placeholder that nothing provides (`{nope}`) fails the rule's examples;
a real run renders exactly as before (empty text, no error)."""

from __future__ import annotations

import json

from custom_rule import RULE

NOPE = RULE.replace("""message: 'Action item "{title}" has no owner'""",
                    """message: 'Action item "{title}" has no owner (team {nope})'""")


def write_rule(tmp_path, text: str) -> None:
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "TST101-item-owner.yaml").write_text(text, encoding="utf-8")


def test_test_rules_fails_on_a_placeholder_that_resolved_to_nothing(run_cli, tmp_path):
    assert "{nope}" in NOPE
    write_rule(tmp_path, NOPE)
    code, out, _ = run_cli("test-rules", "rules", cwd=tmp_path)
    assert code == 1, out
    assert "FAIL TST101 example 1 (invalid): placeholder {nope} resolved to nothing" in out
    assert "1 passed, 1 failed" in out  # the valid example has no finding, so nothing to render


def test_fields_check_values_and_builtins_resolve(run_cli, tmp_path):
    text = RULE.replace("""message: 'Action item "{title}" has no owner'""",
                        """message: '{title} at {path}: {value} ({due})'""").replace(
        "action_items: [{title: x}]", "action_items: [{title: x, due: 2025-01-01}]")
    write_rule(tmp_path, text)
    code, out, _ = run_cli("test-rules", "rules", cwd=tmp_path)
    assert code == 0, out


def test_check_renders_unchanged_in_production(run_cli, tmp_path):
    write_rule(tmp_path, NOPE)
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [rules]\n", encoding="utf-8")
    (tmp_path / "pm.yaml").write_text("action_items: [{title: Add alert}]\n", encoding="utf-8")
    code, out, err = run_cli("check", "pm.yaml", "-f", "json", "--select", "TST101", cwd=tmp_path)
    assert code == 1, err
    assert [f["message"] for f in json.loads(out)["findings"]] == ['Action item "Add alert" has no owner (team )']


def test_render_reports_unresolved_names():
    from pmlint.engine.run import render, render_checked

    assert render_checked("{title} {nope} {phrase} {{x}}", {"title": "T"}, None, "/a", {"phrase": "p"}) == (
        "T  p {x}", ["nope"])
    assert render("{nope}", {}, None, "/a", {}) == ""

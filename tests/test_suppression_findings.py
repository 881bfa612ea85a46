"""Findings about suppression comments: PM008's span covers the comment, `disable=all`
reads naturally, a code that names no rule is PM006, and rules-dirs rules count as rules."""

from __future__ import annotations

import json
from pathlib import Path


from custom_rule import install_rule


def findings(run_cli, tmp_path: Path, text: str, *args: str) -> list[dict]:
    (tmp_path / "pm.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", "pm.yaml", "-f", "json", *args, cwd=tmp_path)
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def test_unused_suppression_underlines_the_whole_comment(run_cli, tmp_path):
    line = "title: T  # pmlint: disable=PM701 -- quoting the channel"
    (found,) = findings(run_cli, tmp_path, line + "\n", "--select", "PM008,PM701")
    assert found["rule"] == "PM008"
    assert (found["line"], found["column"], found["end_line"], found["end_column"]) == (1, 11, 1, len(line))


def test_unused_markdown_suppression_spans_to_the_end_of_the_comment(run_cli, tmp_path):
    line = "Some text. <!-- pmlint: disable=PM701 -->"
    (tmp_path / "pm.md").write_text(f"# Outage\n\n## Summary\n\n{line}\n", encoding="utf-8")
    code, out, _ = run_cli("check", "pm.md", "-f", "json", "--select", "PM008,PM701", cwd=tmp_path)
    (found,) = json.loads(out)["findings"]
    assert (found["column"], found["end_column"]) == (12, len(line))


def test_text_report_underlines_the_comment(run_cli, tmp_path):
    (tmp_path / "pm.yaml").write_text("title: T  # pmlint: disable=PM701\n", encoding="utf-8")
    _, out, _ = run_cli("check", "pm.yaml", "--select", "PM008,PM701", "--no-color", cwd=tmp_path)
    assert "^" * len("# pmlint: disable=PM701") in out


def test_disable_all_that_suppresses_nothing_reads_naturally(run_cli, tmp_path):
    text = "title: T\nsummary: Fine.\n# pmlint: disable=all\naction_items: []\n"
    (found,) = findings(run_cli, tmp_path, text, "--select", "PM008")
    assert found["message"] == "Suppression comment suppresses nothing on line 4"
    (found,) = findings(run_cli, tmp_path, "# pmlint: disable-file=all\ntitle: T\n", "--select", "PM008")
    assert found["message"] == "Suppression comment suppresses nothing in this file"


def test_code_that_names_no_rule_is_pm006_with_a_suggestion(run_cli, tmp_path):
    line = "title: T  # pmlint: disable=PM310,PM7O1"
    found = findings(run_cli, tmp_path, line + "\n", "--select", "PM006,PM008,PM310")
    assert [(f["rule"], f["message"]) for f in found] == [
        ("PM008", "Suppression comment suppresses nothing: PM310 reports no finding on line 1"),
        ("PM006", "Suppression comment names no rule: 'PM7O1' is not a rule id or name (did you mean 'PM701'?)"),
    ]
    bad = found[1]
    assert (bad["column"], bad["end_column"]) == (line.index("PM7O1") + 1, len(line))  # the typo itself


def test_unknown_code_is_not_reported_when_pm006_is_off(run_cli, tmp_path):
    assert findings(run_cli, tmp_path, "title: T  # pmlint: disable=PM999\n", "--select", "PM008") == []


def test_custom_rule_in_a_suppression_is_a_known_rule(run_cli, tmp_path):
    install_rule(tmp_path)
    text = "title: T  # pmlint: disable=TST101\n"
    found = findings(run_cli, tmp_path, text, "--select", "PM006,PM008")
    assert [(f["rule"], f["message"]) for f in found] == [
        ("PM008", "Suppression comment is not needed: rule TST101 is not enabled")]
    found = findings(run_cli, tmp_path, "action_items:\n  - title: x  # pmlint: disable=item-owner\n",
                     "--select", "PM006,PM008,TST101")
    assert found == []

"""Inline suppressions: the syntax in DESIGN.md, unused ones reported (PM008), --no-suppressions."""

from __future__ import annotations

import json
from pathlib import Path


from pmlint.load.suppressions import find_suppressions

BLAME = "The on-call engineer should have checked the dashboard."


def lint(run_cli, tmp_path: Path, text: str, *args: str, name: str = "pm.yaml") -> list[tuple[str, int, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", name, "-f", "json", "--select", "PM701,PM301,PM006,PM008", *args, cwd=tmp_path)
    assert code in (0, 1), err
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(out)["findings"]]


def rules_of(found) -> list[str]:
    return [rule for rule, _, _ in found]


def test_end_of_line_comment_covers_its_line_with_a_reason(run_cli, tmp_path):
    text = f"title: T\nsummary: {BLAME}  # pmlint: disable=PM701 -- quoting the incident channel\n"
    assert lint(run_cli, tmp_path, text) == []


def test_own_line_comment_covers_the_next_line_only(run_cli, tmp_path):
    text = f"title: T\n# pmlint: disable=PM701\nsummary: {BLAME}\n"
    assert lint(run_cli, tmp_path, text) == []
    text = f"# pmlint: disable=PM701\ntitle: T\nsummary: {BLAME}\n"
    found = lint(run_cli, tmp_path, text)
    assert sorted(rules_of(found)) == ["PM008", "PM701"]
    unused = next(f for f in found if f[0] == "PM008")
    assert unused[1] == 1 and "line 2" in unused[2]


def test_disable_file_covers_the_whole_file(run_cli, tmp_path):
    text = (f"# pmlint: disable-file=PM701,PM301 -- legacy import\ntitle: T\nsummary: {BLAME}\n"
            "action_items:\n  - title: Add alert\n")
    assert lint(run_cli, tmp_path, text) == []


def test_rule_names_and_lowercase_ids_work_like_ids(run_cli, tmp_path):
    assert lint(run_cli, tmp_path, f"title: T\nsummary: {BLAME}  # pmlint: disable=blameless-language\n") == []
    assert lint(run_cli, tmp_path, f"title: T\nsummary: {BLAME}  # pmlint: disable=pm701\n") == []


def test_suppression_that_suppresses_nothing_is_a_finding(run_cli, tmp_path):
    found = lint(run_cli, tmp_path, "title: T  # pmlint: disable=PM701\nsummary: Fine.\n")
    assert rules_of(found) == ["PM008"] and found[0][1] == 1
    # a code that names no rule is a malformed comment (PM006), with a suggestion
    found = lint(run_cli, tmp_path, "title: T  # pmlint: disable=PM7O1\n")
    assert rules_of(found) == ["PM006"] and "names no rule" in found[0][2] and "'PM701'" in found[0][2]


def test_one_comment_for_two_rules_reports_only_the_unused_one(run_cli, tmp_path):
    found = lint(run_cli, tmp_path, f"title: T\nsummary: {BLAME}  # pmlint: disable=PM701,PM301\n")
    assert rules_of(found) == ["PM008"] and "PM301" in found[0][2]


def test_no_suppressions_ignores_them_all(run_cli, tmp_path):
    text = f"# pmlint: disable-file=PM301\ntitle: T\nsummary: {BLAME}  # pmlint: disable=PM701\n" \
           "action_items:\n  - title: Add alert\n"
    assert sorted(rules_of(lint(run_cli, tmp_path, text, "--no-suppressions"))) == ["PM301", "PM701"]


def test_malformed_comment_is_reported(run_cli, tmp_path):
    assert rules_of(lint(run_cli, tmp_path, "title: T  # pmlint: disabel PM701\n")) == ["PM006"]


def test_broken_document_reports_the_syntax_error_not_unused_suppressions(run_cli, tmp_path):
    (tmp_path / "pm.yaml").write_text("title: T  # pmlint: disable=PM701\nsummary: [unclosed\n", encoding="utf-8")
    code, out, _ = run_cli("check", "pm.yaml", "-f", "json", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["PM001"]


def test_parser_reads_reasons_targets_and_markdown_comments():
    lines = [
        "title: T  # pmlint: disable=PM301 -- owner assigned at review",
        "# pmlint: disable=PM302,action-item-due",
        "",
        "due: x",
        "<!-- pmlint: disable-file=PM701 -- quotes from customers -->",
        "Some text. <!-- pmlint: disable=PM701 -->",
        "<!-- pmlint: disable=PM601-->",
        "Impact line",
    ]
    found, problems = find_suppressions(lines)
    assert problems == []
    summary = [(s.rules, s.line, s.target_line, s.reason) for s in found]
    assert summary == [
        (("PM301",), 1, 1, "owner assigned at review"),
        (("PM302", "action-item-due"), 2, 4, None),
        (("PM701",), 5, None, "quotes from customers"),
        (("PM701",), 6, 6, None),
        (("PM601",), 7, 8, None),
    ]


def test_markdown_html_comment_suppresses(run_cli, tmp_path):
    body = "# Checkout outage\n\n## Summary\n\n{line}\n"
    control = lint(run_cli, tmp_path, body.format(line=BLAME), name="pm.md")
    assert "PM701" in rules_of(control)  # the control: without the comment the rule fires
    assert "PM701" not in rules_of(lint(run_cli, tmp_path,
                                        body.format(line=BLAME + " <!-- pmlint: disable=PM701 -- quoted -->"),
                                        name="pm.md"))
    own_line = body.format(line="<!-- pmlint: disable=blameless-language -->\n" + BLAME)
    found = rules_of(lint(run_cli, tmp_path, own_line, name="pm.md"))
    assert "PM701" not in found and "PM008" not in found


def test_own_line_comment_targets_a_next_line_that_ends_with_its_own_comment():
    lines = [
        "action_items:",
        "  # pmlint: disable=PM312",
        "  - title: x  # pmlint: disable=PM310",
        "  # pmlint: disable=PM301",
        "",
        "  # pmlint: disable=PM302 -- stacked own-line comments are skipped",
        "  - title: y",
    ]
    found, problems = find_suppressions(lines)
    assert problems == []
    targets = {suppression.rules[0]: suppression.target_line for suppression in found}
    assert targets == {"PM312": 3, "PM310": 3, "PM301": 7, "PM302": 7}

"""Config `per-path` (select / extend-select / ignore / severity per glob), --statistics, --exit-zero."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custom_rule import install_rule

PM = ("title: Checkout outage\nsummary: The engineer should have checked the dashboard.\n"
      "action_items:\n  - title: Add alert\n    due: 2024-05-01\n")


@pytest.fixture
def tree(tmp_path) -> Path:
    for folder in ("legacy", "current", "drafts"):
        (tmp_path / "pm" / folder).mkdir(parents=True)
        (tmp_path / "pm" / folder / "a.yaml").write_text(PM, encoding="utf-8")
    install_rule(tmp_path)
    return tmp_path


def by_file(run_cli, cwd: Path, *args: str) -> tuple[int, dict[str, list[str]]]:
    code, out, err = run_cli("check", "-f", "json", *args, cwd=cwd)
    assert code in (0, 1), err
    found: dict[str, list[str]] = {}
    for finding in json.loads(out)["findings"]:
        found.setdefault(finding["path"], []).append(f"{finding['rule']}:{finding['severity']}")
    return code, {path: sorted(rules) for path, rules in found.items()}


def config(root: Path, text: str) -> None:
    install_rule(root, text)


def test_per_path_ignore_select_extend_select_and_severity(tree, run_cli):
    config(tree, """\
select: [TST101]
per-path:
  "pm/legacy/**": {ignore: [TST101]}
  "pm/drafts/*": {extend-select: [blameless-language], severity: {TST101: warning}}
  "current": {select: [PM701]}
""")
    code, found = by_file(run_cli, tree, "pm")
    assert found == {
        "pm/current/a.yaml": ["PM701:warning"],
        "pm/drafts/a.yaml": ["PM701:warning", "TST101:warning"],
    }
    assert code == 0  # the only error was downgraded or ignored


def test_globs_are_relative_to_the_config_file(tree, run_cli):
    config(tree, "per-path:\n  pm/legacy/*: {ignore: [TST1]}\n")
    _, found = by_file(run_cli, tree / "pm" / "legacy", "a.yaml", "--select", "TST101,PM701")
    assert found == {"a.yaml": ["PM701:warning"]}


def test_command_line_stays_final(tree, run_cli):
    config(tree, "select: [TST101]\nper-path:\n  drafts: {extend-select: [PM701]}\n")
    _, found = by_file(run_cli, tree, "pm/drafts", "--ignore", "PM701")
    assert found == {"pm/drafts/a.yaml": ["TST101:error"]}
    _, found = by_file(run_cli, tree, "pm/drafts", "--select", "TST101")
    assert found == {"pm/drafts/a.yaml": ["TST101:error"]}


def test_unknown_code_in_per_path_is_a_config_error(tree, run_cli):
    config(tree, "per-path:\n  drafts: {ignore: [PM999X]}\n")
    code, _, err = run_cli("check", "pm", cwd=tree)
    assert code == 2 and "per-path.drafts.ignore" in err


def test_statistics_go_to_stderr_and_leave_stdout_machine_readable(tree, run_cli):
    code, out, err = run_cli("check", "pm", "-f", "json", "--select", "TST101,PM701", "--statistics", cwd=tree)
    assert code == 1
    json.loads(out)
    lines = err.splitlines()
    assert lines[0].split() == ["3", "PM701", "warning", "blameless-language"]  # by count, then id
    assert lines[1].split() == ["3", "TST101", "error", "item-owner"]
    assert lines[2].split() == ["6", "total"]


def test_exit_zero(tree, run_cli):
    code, out, _ = run_cli("check", "pm", "--exit-zero", cwd=tree)
    assert code == 0 and "Found" in out
    code, _, _ = run_cli("check", "pm", "--exit-zero", "--format", "nonsense", cwd=tree)
    assert code == 2


def test_statistics_name_per_path_configuration_when_it_hid_findings(tree, run_cli):
    config(tree, "per-path:\n  legacy: {ignore: [PM701]}\n")
    code, _, err = run_cli("check", "pm", "--select", "TST101,PM701", "--statistics", "-f", "json", cwd=tree)
    assert code == 1
    hidden = [line for line in err.splitlines() if "hidden" in line]
    assert len(hidden) == 1 and hidden[0].endswith("hidden by per-path configuration") and "baseline" not in err

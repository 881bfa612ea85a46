"""Which rules a run enables: the command line's --select against the config's
select / extend-select / per-path, and a selection that enables nothing."""

from __future__ import annotations

import json
from pathlib import Path

from custom_rule import install_rule

# PM301 (no owner) fires; PM2xx (on-call) fire on a SEV1 without on-call figures
PM = ("title: Checkout outage\nseverity: SEV1\nsummary: The engineer should have checked the dashboard.\n"
      "action_items:\n  - title: Add alert\n")


def rules_found(run_cli, cwd: Path, *args: str) -> set[str]:
    code, out, err = run_cli("check", "-f", "json", "--fail-on", "never", *args, cwd=cwd)
    assert code == 0, err
    return {finding["rule"] for finding in json.loads(out)["findings"]}


def test_command_line_select_overrides_config_extend_select(run_cli, tmp_path):
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    (tmp_path / ".pmlint.yaml").write_text("extend-select: [PM2]\n", encoding="utf-8")
    assert any(rule.startswith("PM2") for rule in rules_found(run_cli, tmp_path, "pm.yaml"))
    assert rules_found(run_cli, tmp_path, "--select", "PM301", "pm.yaml") == {"PM301"}
    # command-line --extend-select still adds to a command-line --select
    assert rules_found(run_cli, tmp_path, "--select", "PM301", "--extend-select", "PM701", "pm.yaml") == {
        "PM301", "PM701"}


def test_config_ignore_still_applies_to_command_line_select(run_cli, tmp_path):
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    (tmp_path / ".pmlint.yaml").write_text("extend-select: [PM2]\nignore: [PM701]\n", encoding="utf-8")
    assert rules_found(run_cli, tmp_path, "--select", "PM301,PM701", "pm.yaml") == {"PM301"}


def test_command_line_select_overrides_per_path_select_and_extend_select(run_cli, tmp_path):
    for folder in ("drafts", "legacy"):
        (tmp_path / "pm" / folder).mkdir(parents=True)
        (tmp_path / "pm" / folder / "a.yaml").write_text(PM, encoding="utf-8")
    install_rule(tmp_path, "per-path:\n  drafts: {extend-select: [PM2]}\n  legacy: {select: [PM701]}\n")
    assert rules_found(run_cli, tmp_path, "--select", "TST101", "pm") == {"TST101"}
    # without --select, per-path select replaces the file's rules but keeps --extend-select
    code, out, _ = run_cli("check", "-f", "json", "--extend-select", "TST101", "pm/legacy", cwd=tmp_path)
    assert {finding["rule"] for finding in json.loads(out)["findings"]} == {"PM701", "TST101"}


def test_selection_that_enables_nothing_is_a_usage_error(run_cli, tmp_path):
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    code, out, err = run_cli("check", "--select", "PM301", "--ignore", "PM301", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "All clear" not in out
    assert err.strip() == "pmlint: error: no rules enabled: --select PM301 and --ignore PM301 leave nothing to check"


def test_ignore_in_config_that_removes_everything_is_named(run_cli, tmp_path):
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    (tmp_path / ".pmlint.yaml").write_text("ignore: [ALL]\n", encoding="utf-8")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert "no rules enabled: preset recommended and `ignore: [ALL]` in .pmlint.yaml leave nothing" in err


def test_empty_select_is_a_usage_error(run_cli, tmp_path):
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    for value in ("", ","):
        code, out, err = run_cli("check", "--select", value, "pm.yaml", cwd=tmp_path)
        assert code == 2 and "All clear" not in out
        assert "--select needs at least one rule code" in err

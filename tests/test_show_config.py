"""`--show-config` says which configuration is in effect; `--isolated` ignores every file."""

from __future__ import annotations

import json

from ruamel.yaml import YAML

from conftest import write

PM = "title: T\naction_items:\n  - title: Add alert\n"


def view(out: str) -> dict:
    return YAML(typ="safe", pure=True).load(out)


def test_show_config_names_the_file_in_effect_those_not_used_and_the_resolved_values(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "ignore: [PM302]\nsettings:\n  max_file_bytes: 99999\n")
    write(tmp_path / "team" / "pyproject.toml", "[tool.pmlint]\nfail-on = \"warning\"\nextend-select = [\"PM301\"]\n")
    code, out, err = run_cli("check", "--show-config", cwd=tmp_path / "team")
    assert code == 0, err
    shown = view(out)
    assert shown["config-file"] == str((tmp_path / "team" / "pyproject.toml").resolve())
    assert shown["not-used"] == [str((tmp_path / ".pmlint.yaml").resolve())]  # the nearest wins, never merged
    assert shown["fail-on"] == "warning" and shown["extend-select"] == ["PM301"]
    assert shown["settings"]["max_file_bytes"] == 5242880  # the outer file is not read
    assert "PM301 action-item-owner" in shown["enabled-rules"]
    code, out, _ = run_cli("check", "--show-config", "--fail-on", "info", "--ignore", "PM301", cwd=tmp_path / "team")
    shown = view(out)
    assert shown["fail-on"] == "info" and shown["command-line"] == {"ignore": ["PM301"], "fail-on": "info"}
    assert "PM301 action-item-owner" not in shown["enabled-rules"]
    code, out, _ = run_cli("check", "--show-config", cwd=tmp_path)
    shown = view(out)
    assert shown["settings"]["max_file_bytes"] == 99999 and shown["ignore"] == ["PM302"]


def test_isolated_ignores_every_config_file(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "ignore: [PM301]\nextend-select: [PM301]\n")
    write(tmp_path / "pm.yaml", PM)
    code, out, _ = run_cli("check", "--select", "PM301,PM302", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert "PM301" not in [f["rule"] for f in json.loads(out)["findings"]]  # the file ignores PM301
    code, out, _ = run_cli("check", "--isolated", "--select", "PM301", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert code == 1 and [f["rule"] for f in json.loads(out)["findings"]] == ["PM301"]
    code, out, _ = run_cli("check", "--isolated", "--show-config", cwd=tmp_path)
    shown = view(out)
    assert shown["config-file"].startswith("none: --isolated") and shown["ignore"] == []
    code, out, err = run_cli("check", "--isolated", "--config", ".pmlint.yaml", "pm.yaml", cwd=tmp_path)
    assert code == 2 and err.startswith("pmlint: error: --isolated") and err.count("\n") == 1


def test_a_broken_config_is_still_the_one_line_error_with_show_config(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "ignor: [PM301]\n")
    code, out, err = run_cli("check", "--show-config", cwd=tmp_path)
    assert code == 2 and out == "" and "ignor" in err and err.count("\n") == 1

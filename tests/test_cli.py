"""Behaviour of the command line: commands, options, exit codes, errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write

GOOD = """\
title: Checkout outage
summary: Card payments failed for 42 minutes.
"""
BAD_OWNER = """\
title: Checkout outage
action_items:
  - title: Add a disk-space alert
"""


def test_check_clean_file_exits_zero(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", GOOD)
    code, out, _ = run_cli("check", "--select", "PM00,PM301", "pm.yaml", cwd=tmp_path)
    assert code == 0
    assert "All clear: 1 file checked" in out


def test_error_finding_exits_one(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", BAD_OWNER)
    code, out, _ = run_cli("check", "--select", "PM301", "pm.yaml", cwd=tmp_path)
    assert code == 1
    assert "pm.yaml:3:5" in out and "PM301" in out


def test_fail_on_and_ignore(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", BAD_OWNER)
    assert run_cli("check", "--select", "PM301", "--fail-on", "never", "pm.yaml", cwd=tmp_path)[0] == 0
    assert run_cli("check", "--select", "PM3", "--ignore", "action-item-owner", "--fail-on", "error",
                   "pm.yaml", cwd=tmp_path)[0] == 0


def test_select_by_name_and_category(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", BAD_OWNER)
    _, by_name, _ = run_cli("check", "-f", "json", "--select", "action-item-owner", "pm.yaml", cwd=tmp_path)
    assert {f["rule"] for f in json.loads(by_name)["findings"]} == {"PM301"}
    _, by_category, _ = run_cli("check", "-f", "json", "--select", "PM3", "pm.yaml", cwd=tmp_path)
    assert all(f["rule"].startswith("PM3") for f in json.loads(by_category)["findings"])


def test_yaml_syntax_error_is_a_finding_not_a_crash(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", "title: x\naction_items: [unclosed\n")
    code, out, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 1
    assert "PM001" in out and "Traceback" not in out + err
    assert "pm.yaml:3:1" in out


def test_missing_path_is_usage_error(run_cli, tmp_path):
    code, out, err = run_cli("check", "nope.yaml", cwd=tmp_path)
    assert code == 2
    assert err.strip() == "pmlint: error: path does not exist: nope.yaml"


def test_unknown_rule_code_is_usage_error(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", GOOD)
    code, _, err = run_cli("check", "--select", "PM999", "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert "unknown rule or category 'PM999'" in err


def test_unknown_format_is_usage_error(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", GOOD)
    code, _, err = run_cli("check", "--format", "xml", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "unknown format 'xml'" in err


def test_directory_walk_uses_include_and_exclude(run_cli, tmp_path):
    write(tmp_path / "pms" / "a.yaml", GOOD)
    write(tmp_path / "pms" / "nested" / "b.yml", GOOD)
    write(tmp_path / "pms" / "README.md", "# not a postmortem\n")
    write(tmp_path / "pms" / ".hidden" / "c.yaml", GOOD)
    write(tmp_path / "pms" / "notes.txt", "x")
    _, out, _ = run_cli("check", "-f", "json", "--select", "PM00", "pms", cwd=tmp_path)
    assert json.loads(out)["summary"]["files"] == 2


def test_output_file_is_written(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", BAD_OWNER)
    code, out, _ = run_cli("check", "--select", "PM301", "-f", "json", "-o", "report.json", "pm.yaml", cwd=tmp_path)
    assert code == 1 and out == ""
    assert json.loads((tmp_path / "report.json").read_text())["findings"][0]["rule"] == "PM301"


def test_several_formats_in_one_run(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", BAD_OWNER)
    code, out, _ = run_cli("check", "--select", "PM301", "-f", "json:r.json", "-f", "text", "pm.yaml", cwd=tmp_path)
    assert "PM301" in out and (tmp_path / "r.json").exists()


def test_quiet_prints_one_line_per_finding(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", BAD_OWNER)
    _, out, _ = run_cli("check", "-q", "--select", "PM301", "pm.yaml", cwd=tmp_path)
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0].startswith("pm.yaml:3:5: error")
    assert "fix:" not in out


def test_document_text_is_never_markup(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", 'title: "[bold red]x[/] \\e[31mred"\naction_items:\n  - title: "[link=http://x]y[/link]"\n')
    _, out, _ = run_cli("check", "--select", "PM301", "--color", "pm.yaml", cwd=tmp_path)
    assert "[link=http://x]y[/link]" in out
    assert "\x1b[31m" not in out


def test_rules_lists_every_rule(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0 and "PM301" in out and "action-item-owner" in out
    code, out, _ = run_cli("rules", "--format", "json")
    ids = [rule["id"] for rule in json.loads(out)]
    assert ids == sorted(ids) and "PM001" in ids


def test_explain_by_id_and_name(run_cli):
    code, out, _ = run_cli("explain", "PM301")
    assert code == 0
    assert "Why it matters" in out and "How to fix" in out and "Example (invalid" in out
    assert run_cli("explain", "action-item-owner")[1] == out
    code, _, err = run_cli("explain", "PM3")
    assert code == 2 and "did you mean" in err


def test_schema_prints_json_schema(run_cli):
    code, out, _ = run_cli("schema")
    assert json.loads(out)["$schema"].endswith("2020-12/schema")
    assert json.loads(run_cli("schema", "config")[1])["title"] == "pmlint configuration"


def test_version(run_cli):
    from pmlint import __version__

    assert run_cli("--version")[1].strip() == f"pmlint {__version__}"


def test_python_dash_m_and_installed_script(tmp_path):
    """A real subprocess of the installed console script, run from another directory."""
    write(tmp_path / "pm.yaml", BAD_OWNER)
    script = shutil.which("pmlint", path=str(Path(sys.executable).parent))
    assert script, "the pmlint console script is installed next to the interpreter"
    done = subprocess.run([script, "check", "--select", "PM301", "pm.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "PM301" in done.stdout
    done = subprocess.run([sys.executable, "-m", "pmlint", "--version"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("pmlint ")


def test_unexpected_error_is_one_line_without_debug(monkeypatch, capsys):
    from pmlint import cli

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("pmlint.lint.lint_files", boom)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", str(ROOT / "tests" / "fixtures" / "yaml" / "golden.yaml")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("pmlint: internal error: RuntimeError: kaboom") and "Traceback" not in err


def test_console_run_leaves_the_heap_out_of_the_exit_collection(monkeypatch, tmp_path):
    """The console script (main() reading sys.argv) freezes the heap before the process
    exits, so Python's exit-time collection does not walk a large document's objects;
    main(args) (tests, embedding) leaves the collector alone, and the report is written."""
    import gc

    from pmlint import cli

    write(tmp_path / "pm.yaml", GOOD)
    report = tmp_path / "out.json"
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit):
            cli.main(["check", "--select", "PM00", str(tmp_path / "pm.yaml")])
        assert gc.get_freeze_count() == 0
        monkeypatch.setattr(sys, "argv", ["pmlint", "check", "--select", "PM00", "-f", f"json:{report}",
                                          str(tmp_path / "pm.yaml")])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
        assert exit_info.value.code == 0
        assert gc.get_freeze_count() > 0
        assert json.loads(report.read_text())["findings"] == []
    finally:
        gc.unfreeze()

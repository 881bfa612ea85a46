"""Command-line usage errors: one line on stderr, exit 2."""

from __future__ import annotations


import pytest

from conftest import write

PM = "title: x\naction_items:\n  - title: Add a disk-space alert\n"


@pytest.mark.parametrize("args,expected", [
    (("-f", "json", "-f", "sarif"), "--format json and --format sarif both write to stdout"),
    (("-f", "text", "-f", "text"), "--format text and --format text both write to stdout"),
    (("-f", "json:same.json", "-f", "sarif:same.json"), "--format json and --format sarif both write to same.json"),
    (("-f", "json:./same.json", "-f", "sarif:same.json"), "both write to same.json"),
    (("-f", "json:same.json", "-f", "sarif", "-o", "same.json"), "both write to same.json"),
])
def test_two_formats_on_one_destination_are_a_usage_error(run_cli, tmp_path, args, expected):
    write(tmp_path / "pm.yaml", PM)
    code, out, err = run_cli("check", *args, "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert out == ""
    assert err.startswith("pmlint: error: ") and expected in err
    assert err.count("\n") == 1
    assert not (tmp_path / "same.json").exists()


def test_one_stdout_format_and_several_files_are_fine(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", PM)
    code, out, err = run_cli("check", "--select", "PM301", "-f", "text", "-f", "json:a.json", "-f", "sarif:b.sarif", "pm.yaml",
                             cwd=tmp_path)
    assert code == 1, err
    assert "PM301" in out
    assert (tmp_path / "a.json").is_file() and (tmp_path / "b.sarif").is_file()


def test_github_actions_default_prints_text_and_annotations(run_cli, tmp_path):
    # "human error" named as the cause: one of the few findings pmlint is certain of (an error)
    write(tmp_path / "pm.yaml", PM + "root_causes:\n  - summary: Human error during the deploy\n")
    code, out, err = run_cli("check", "pm.yaml", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert code == 1, err
    assert "Found" in out and "::error file=" in out


def test_a_directory_without_postmortems_is_a_usage_error(run_cli, tmp_path):
    (tmp_path / "emptydir").mkdir()
    write(tmp_path / "emptydir" / "notes.txt", "not a postmortem")
    code, out, err = run_cli("check", "emptydir/", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err == "pmlint: error: no postmortems found in emptydir/ (include: *.yaml, *.yml, *.md, *.markdown)\n"


def test_default_folder_without_postmortems_is_a_usage_error_too(run_cli, tmp_path):
    code, _, err = run_cli("check", cwd=tmp_path)
    assert code == 2 and "no postmortems found in . (include:" in err


def test_help_shows_every_command_summary_whole():
    from click.testing import CliRunner

    from pmlint.cli import _build_cli

    cli = _build_cli()
    result = CliRunner().invoke(cli, ["--help"], terminal_width=80)
    assert result.exit_code == 0
    listing = result.output.split("Commands:", 1)[1]
    assert "..." not in listing
    for name, command in cli.commands.items():
        assert command.short_help and len(command.short_help) <= 60, name
        assert f"{name}".ljust(10) + "  " + command.short_help in listing

"""Which formats share stdout, the GitHub Actions defaults, and the appended job summary."""

from __future__ import annotations

import pytest

from conftest import write

PM = "title: T\naction_items:\n  - title: Add alert\n"


@pytest.fixture
def pm(tmp_path):
    write(tmp_path / "pm.yaml", PM)
    return tmp_path


def test_text_and_annotations_share_stdout_report_first_whatever_the_order(run_cli, pm):
    for order in (("-f", "text", "-f", "github"), ("-f", "github", "-f", "text")):
        code, out, err = run_cli("check", "--select", "PM301", *order, "pm.yaml", cwd=pm)
        assert code == 1, err
        assert "pm.yaml:3" in out and "::error file=pm.yaml,line=3" in out
        assert out.index("Found ") < out.index("::error")


@pytest.mark.parametrize("formats, message", [
    (("-f", "json", "-f", "github"), "--format json and --format github both write to stdout; "
                                     "only text and github share stdout"),
    (("-f", "text", "-f", "github", "-f", "github"), "--format text and --format github both write to stdout"),
    (("-f", "github", "-f", "text", "-f", "markdown"), "both write to stdout"),
])
def test_any_other_pair_on_stdout_is_a_usage_error(run_cli, pm, formats, message):
    code, out, err = run_cli("check", "--select", "PM301", *formats, "pm.yaml", cwd=pm)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_in_actions_naming_files_keeps_the_log_report_and_the_annotations(run_cli, pm):
    code, out, err = run_cli("check", "--select", "PM301", "-f", "sarif:pm.sarif", "pm.yaml", cwd=pm,
                             env={"GITHUB_ACTIONS": "true"})
    assert code == 1, err
    assert (pm / "pm.sarif").is_file()
    assert "Found " in out and "::error file=pm.yaml" in out and out.index("Found ") < out.index("::error")
    # outside Actions, stdout stays quiet when every format has a file
    code, out, _ = run_cli("check", "--select", "PM301", "-f", "sarif:pm.sarif", "pm.yaml", cwd=pm,
                           env={"GITHUB_ACTIONS": "false"})
    assert out == ""


def test_the_job_summary_is_appended_never_replaced(run_cli, pm):
    summary = pm / "step_summary.md"
    summary.write_text("## Unit tests\nall passed", encoding="utf-8")  # no final newline
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    for _ in range(2):
        code, _, err = run_cli("check", "--select", "PM301", "-f", f"markdown:{summary}", "pm.yaml", cwd=pm, env=env)
        assert code == 1, err
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Unit tests\nall passed\n## pmlint: 1 error")
    assert text.count("## pmlint:") == 2  # two steps, two summaries
    # any other file is a report of its own and is replaced
    other = pm / "report.md"
    other.write_text("old\n", encoding="utf-8")
    run_cli("check", "--select", "PM301", "-f", f"markdown:{other}", "pm.yaml", cwd=pm, env=env)
    assert other.read_text(encoding="utf-8").startswith("## pmlint:")


def test_an_empty_file_name_says_which_variable_may_be_unset(run_cli, pm):
    code, out, err = run_cli("check", "--select", "PM301", "-f", "text", "-f", "markdown:", "pm.yaml", cwd=pm)
    assert code == 2 and out == ""
    assert err == ("pmlint: error: --format markdown:: the file name is empty (an unset variable, such as "
                   "$GITHUB_STEP_SUMMARY outside GitHub Actions?)\n")

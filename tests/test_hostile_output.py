"""What pmlint prints cannot drive a CI runner, and where it writes it never replaces
what is not a regular file."""

from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import char_device, write
from pmlint.lint import LintResult
from pmlint.model import Finding, Severity, Span
from pmlint.report import ReportContext
from pmlint.report.markdown import render as render_markdown

PM = "title: Checkout outage\nsummary: The engineer should have known.\n"
HOSTILE_NAMES = ["::stop-commands::x.yaml", "::notice title=OK::forged.yaml", "  ::error::indented.yaml",
                 "::add-mask::pm.yaml", "##[error]legacy.yaml"]


def runner_commands(output: str) -> list[tuple[str, str]]:
    """The workflow commands a GitHub runner would execute in `output`, in order, as
    (command, the rest of the line). Implements the runner's rules: a line is a command
    when it starts with `::` after leading whitespace; `::stop-commands::TOKEN` stops
    command processing until a line `::TOKEN::`; while stopped nothing else runs."""
    executed: list[tuple[str, str]] = []
    stopped_by: str | None = None
    for line in output.splitlines():
        trimmed = line.lstrip()
        if stopped_by is not None:
            if trimmed == f"::{stopped_by}::":
                stopped_by = None
            continue
        if trimmed.startswith("##["):  # the legacy form, `##[command]data`
            executed.append((trimmed[3:].split("]", 1)[0].split(" ", 1)[0], trimmed))
            continue
        if not trimmed.startswith("::"):
            continue
        body = trimmed[2:]
        end = body.find("::")
        if end < 0:
            continue
        head, data = body[:end], body[end + 2:]
        command = head.split(" ", 1)[0]
        if command == "stop-commands":
            stopped_by = data
            continue
        executed.append((command, head + "::" + data))
    return executed


def unescape_property(value: str) -> str:
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_the_runner_parser_sees_commands_and_honours_stop_commands():
    text = "::warning file=a::x\n  ::error::y\n::stop-commands::T\n::error::hidden\n::T::\n::notice::z\n"
    assert [command for command, _ in runner_commands(text)] == ["warning", "error", "notice"]


@pytest.fixture
def hostile_repo(tmp_path):
    for name in HOSTILE_NAMES:
        write(tmp_path / name.strip(), PM + f"# ::error::from the content of {name}\n")
    return tmp_path


def test_a_clean_report_in_github_actions_is_printed_as_it_is(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    _, plain, _ = run_cli("check", "pm.yaml", "--select", "PM701", "-f", "text", cwd=tmp_path)
    _, in_actions, _ = run_cli("check", "pm.yaml", "--select", "PM701", "-f", "text", cwd=tmp_path,
                               env={"GITHUB_ACTIONS": "true"})
    assert in_actions == plain and "::" not in plain  # no line to guard: no stop-commands noise


def test_in_github_actions_only_pmlints_own_annotations_run(hostile_repo, run_cli):
    code, out, err = run_cli("check", ".", "--select", "PM701", cwd=hostile_repo, env={"GITHUB_ACTIONS": "true"})
    assert code == 0  # PM701 is a warning
    assert "::stop-commands::x.yaml" in out  # the text report does show the names...
    executed = runner_commands(out + err)
    assert executed, "pmlint's own annotations must still run"
    names = {name.strip() for name in HOSTILE_NAMES}
    for command, rest in executed:  # ...but only pmlint's annotations run, one per finding
        assert command == "warning", rest
        properties = dict(part.split("=", 1) for part in rest.split("::", 1)[0].split(" ", 1)[1].split(","))
        assert unescape_property(properties["file"]) in names
    assert len(executed) == len(names)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "gitlab", "markdown", "text"])
def test_no_format_carries_a_live_command(hostile_repo, run_cli, fmt):
    code, out, err = run_cli("check", ".", "-f", fmt, cwd=hostile_repo, env={"GITHUB_ACTIONS": "true"})
    assert runner_commands(out + err) == [], fmt


@pytest.mark.parametrize("through_symlink", [False, True])
def test_a_report_to_a_character_device_is_written_in_place(tmp_path, run_cli, through_symlink):
    write(tmp_path / "pm.yaml", PM)
    device = char_device(tmp_path / "null", 1, 3)  # the numbers of /dev/null, in a temporary folder
    target = device
    if through_symlink:
        target = tmp_path / "report.json"
        os.symlink(device, target)
    code, _, err = run_cli("check", "pm.yaml", "-f", "json", "-o", str(target), "--fail-on", "warning", cwd=tmp_path)
    assert code == 1, err
    assert stat.S_ISCHR(os.stat(device).st_mode)  # still a device, not a regular file
    assert os.path.islink(target) == through_symlink


def test_a_report_to_a_fifo_is_written_in_place(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    # the reader is there before pmlint opens the FIFO (a non-blocking open needs no writer),
    # and the small report fits in the pipe's buffer, so nothing here can wait forever
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, _, err = run_cli("check", "pm.yaml", "-f", "json", "-o", str(fifo), "--fail-on", "warning", cwd=tmp_path)
        received = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert code == 1, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received)["summary"]["files"] == 1


def test_a_report_to_a_fifo_nobody_reads_is_a_one_line_error_not_a_hang(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    os.mkfifo(tmp_path / "report.fifo")
    code, _, err = run_cli("check", "pm.yaml", "-o", str(tmp_path / "report.fifo"), cwd=tmp_path)
    assert code == 2 and err.strip() == f"pmlint: error: cannot write a report to {tmp_path / 'report.fifo'}: " \
                                        "it is a pipe that nobody reads"
    assert stat.S_ISFIFO(os.stat(tmp_path / "report.fifo").st_mode)


def test_a_report_to_a_directory_is_refused(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "out", tmp_path / "report.txt")
    code, _, err = run_cli("check", "pm.yaml", "-f", "text:report.txt", cwd=tmp_path)
    assert code == 2 and "it is a directory" in err and (tmp_path / "out").is_dir()


def test_a_symlink_to_a_regular_file_replaces_the_file_not_the_link(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    write(tmp_path / "reports" / "real.json", "old")
    os.symlink(tmp_path / "reports" / "real.json", tmp_path / "report.json")
    code, _, _ = run_cli("check", "pm.yaml", "-f", "json", "-o", "report.json", "--fail-on", "warning", cwd=tmp_path)
    assert code == 1 and os.path.islink(tmp_path / "report.json")
    assert json.loads((tmp_path / "reports" / "real.json").read_text())["summary"]["files"] == 1


def test_the_markdown_report_budget_counts_bytes(tmp_path):
    message = "事件" * 150  # 3 bytes a character
    findings = [Finding("PM701", "blameless-language", Severity.WARNING, message, f"f{index // 50}.yaml",
                        Span.point(index + 1)) for index in range(4000)]
    result = LintResult(files=sorted({f.path for f in findings}), findings=findings, rules=[])
    import io

    stream = io.StringIO()
    render_markdown(result, stream, ReportContext(color=False, root=tmp_path))
    size = len(stream.getvalue().encode("utf-8"))
    assert 700_000 < size <= 1024 * 1024  # under GitHub's 1 MiB step summary limit, and well used
    assert "more findings" in stream.getvalue()


def test_a_file_name_that_is_not_utf8_gets_its_own_bytes_in_the_sarif_uri(tmp_path, run_cli):
    name = os.fsdecode(b"bad\xff.yaml")
    try:
        write(tmp_path / name, PM)
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system does not take this name")
    code, out, _ = run_cli("check", ".", "-f", "sarif", cwd=tmp_path)
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(out)["runs"][0]["results"]}
    assert uris == {"bad%FF.yaml"}
    code, out, _ = run_cli("check", ".", "-f", "github", cwd=tmp_path)
    assert "file=bad\\xff.yaml," in out  # annotations: the text report's spelling (README, Robustness)

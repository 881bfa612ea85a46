"""Hostile strings in reports: text never lets a postmortem (or its file name) drive the
terminal or forge lines; JSON round-trips every string exactly; every other format
renders without raw escape bytes and stays parseable.

Hostile strings reach reports through file names, messages (templates quote the
document) and the quoted source line.
"""

from __future__ import annotations

import io
import json
import xml.dom.minidom

import pytest

from pmlint.engine.rules import load_rules
from pmlint.lint import LintResult
from pmlint.model import Finding, Severity, Span
from pmlint.report import FORMATS, ReportContext, render

HOSTILE = [
    "line one\nPM999 forged.yaml:1:1 error fake finding\r\nthird",
    "100% of %s %d %(x)s %0A %25 {title} {0}",
    ":: ::error file=x.yaml,line=1::forged ::set-output name=x::y",
    "quotes ' \" ` \\ \\\\ \\n",
    "<xml> & </testsuite> <![CDATA[ ]]> ]]> &amp; &#0; <!-- -->",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b[2J \x9b31m \x07 \x00 \x08",
    "[bold red]rich markup[/] [link=http://x]x[/link] :smile:",
    "| table | breaker | `code` *em* _u_ # heading",
    "\u202e right-to-left override \u2028 line separator \ufeff",
]
PATH = "dir/pm \x1b[31m%0A::\n<&>'\".yaml"


def hostile_result() -> LintResult:
    findings = [
        Finding("PM701", "blameless-language", Severity.ERROR, text, PATH, Span(index + 1, 1, index + 1, 5),
                f"/summary/{index}", fix=text, category="language")
        for index, text in enumerate(HOSTILE)
    ]
    findings.sort(key=Finding.sort_key)
    return LintResult([PATH], findings, load_rules(), sources={PATH: list(HOSTILE)})


def rendered(fmt: str, **context) -> str:
    stream = io.StringIO()
    render(fmt, hostile_result(), stream, ReportContext(**{"color": False, **context}))
    return stream.getvalue()


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("quiet", [False, True])
def test_text_output_never_emits_control_characters(color, quiet):
    out = rendered("text", color=color, quiet=quiet)
    document_escapes = out if not color else _strip_our_styles(out)
    assert "\x1b" not in document_escapes and "\x9b" not in document_escapes
    assert "\x07" not in out and "\x00" not in out and "\x08" not in out and "\r" not in out
    assert "\\x1b[31m" in out  # shown, not interpreted
    assert "[bold red]rich markup[/]" in out  # rich markup is printed literally


def _strip_our_styles(out: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", out)


def test_text_output_cannot_forge_finding_lines():
    out = rendered("text", quiet=True)
    lines = out.splitlines()
    finding_lines = [line for line in lines if "PM701" in line]
    assert len(finding_lines) == len(HOSTILE)
    assert not any(line.startswith("PM999") for line in lines)
    assert all(line.startswith("dir/pm ") for line in finding_lines)


def test_text_output_keeps_percent_and_braces_literal():
    out = rendered("text")
    assert "100% of %s %d %(x)s %0A %25 {title} {0}" in out


def test_json_round_trips_hostile_strings_exactly():
    out = rendered("json")
    assert "\x1b" not in out and "\x00" not in out  # JSON escapes control characters
    report = json.loads(out)
    assert [finding["message"] for finding in report["findings"]] == HOSTILE
    assert {finding["path"] for finding in report["findings"]} == {PATH}
    assert [finding["fix"] for finding in report["findings"]] == HOSTILE


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_hostile_strings_safely(fmt):
    out = rendered(fmt)
    assert out
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out and "\x08" not in out
    if fmt in ("text", "json"):
        assert "\x9b" not in out  # C1 CSI: some terminals act on it
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if fmt == "junit":
        xml.dom.minidom.parseString(out.encode("utf-8"))
    if fmt == "github":
        commands = [line for line in out.splitlines() if line.startswith("::")]
        assert len([line for line in commands if "PM701" in line]) == len(HOSTILE)
        assert not any(line.startswith("::error file=x.yaml") for line in out.splitlines())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_an_empty_result(fmt):
    stream = io.StringIO()
    render(fmt, LintResult([], [], load_rules()), stream, ReportContext(color=False))
    assert stream.getvalue() is not None

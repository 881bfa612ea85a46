"""`--format text`: the report a person reads in a terminal.

Grouped by file; each finding shows `path:line:col`, severity, rule, message, the
source line with the span underlined, and the fix hint; then a summary line.
Document text is only ever passed to rich as `Text` (never as markup), and control
characters are made visible, so a postmortem cannot style or hijack the terminal.
"""

from __future__ import annotations

import os
import re
from itertools import groupby
from typing import TYPE_CHECKING, Mapping, TextIO

from ..grammar import plural

if TYPE_CHECKING:
    from ..lint import LintResult
    from . import ReportContext

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: C0/C1 controls (ANSI escapes, and newlines that could forge a finding line), plus the
#: Unicode bidi overrides and line separators that reorder or split what the reader sees.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MAX_SOURCE = 160


def safe(text: str) -> str:
    """Make control characters (ANSI escapes included) visible instead of live."""
    return _CONTROL.sub(_visible, text)


def _visible(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def render(result: "LintResult", stream: TextIO, context: "ReportContext") -> None:
    color = context.color
    if color is None:
        color = stream.isatty() and not os.environ.get("NO_COLOR")
    if color:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=stream, force_terminal=True, highlight=False, emoji=False, markup=False,
                          soft_wrap=True)
    else:  # same layout, printed without rich: uncoloured reports of big runs stay fast
        from .plain import PlainConsole as Console, PlainText as Text  # type: ignore[assignment]

        console = Console(stream)  # type: ignore[call-arg,arg-type]
    for path, group in groupby(result.findings, key=lambda finding: finding.path):
        findings = list(group)
        if not context.quiet:
            console.print(Text(safe(path), style="bold underline"))
        for finding in findings:
            span = finding.span
            label = finding.severity.label
            line = Text()
            if context.quiet:
                line.append(f"{safe(path)}:{span.line}:{span.column}: ", style="bold")
            else:
                line.append(f"  {safe(path)}:{span.line}:{span.column}", style="bold")
                line.append("  ")
            line.append(f"{label:<7}", style=_STYLE[label])
            line.append(f" {finding.rule_id} ", style="bold")
            line.append(f"{finding.rule_name}", style="dim")
            line.append("  ")
            line.append(safe(finding.message))
            console.print(line)
            if context.quiet:
                continue
            if context.show_source:
                _source_frame(console, result, finding, Text)
            if finding.fix:
                hint = Text("      fix: ", style="green")
                hint.append(safe(" ".join(finding.fix.split())))
                console.print(hint)
        if not context.quiet:
            console.print()
    profiles = result.profiles
    if profiles:
        _profiles(console, result, profiles, Text)
    _summary(console, result, Text)


def _profiles(console, result: "LintResult", profiles: Mapping[str, dict], Text) -> None:  # noqa: N803 (a class)
    """`check --profile`: each document's durability profile, after the findings."""
    from .profile_text import profile_lines

    console.print(Text("Durability profiles", style="bold"))
    for path in result.files:
        profile = profiles.get(path)
        if profile is None:
            continue
        console.print(Text(safe(path), style="bold underline"))
        for line in profile_lines(profile):
            console.print(Text(safe(line)))
        console.print()


def _source_frame(console, result: "LintResult", finding, Text) -> None:  # noqa: N803 (a class)
    lines = result.sources.get(finding.path)
    span = finding.span
    if not lines or not 1 <= span.line <= len(lines):
        return
    source = lines[span.line - 1]
    start = max(span.column - 1, 0)
    end = span.end_column if span.end_line == span.line else len(source)
    end = max(min(end, len(source)), start + 1)
    offset = 0
    if len(source) > _MAX_SOURCE:  # show a window around the span
        offset = max(0, start - 40)
        source = source[offset:offset + _MAX_SOURCE]
        start, end = start - offset, min(end - offset, len(source))
    # (a tab as one space keeps every column; expanded after the window is cut, so many
    # findings on one long line cost the window each, not the line)
    source = source.expandtabs(1)
    gutter = f"{span.line:>6} │ "
    console.print(Text(gutter, style="dim") + Text(safe(source)))
    marker = " " * len(safe(source[:start])) + "^" * max(1, len(safe(source[start:end])))
    console.print(Text(" " * (len(gutter) - 2) + "│ ", style="dim") + Text(marker, style=_STYLE[finding.severity.label]))


def _summary(console, result: "LintResult", Text) -> None:  # noqa: N803 (a class)
    from ..model import Severity

    files = len(result.files)
    baselined = result.hidden_counts.baseline
    hidden = f" ({baselined} hidden by the baseline)" if baselined else ""
    if not result.findings:
        if not files and result.changed_since:
            console.print(Text("No changed postmortems.", style="bold green"))
            return
        console.print(Text(f"All clear: {plural(files, 'file')} checked, no findings{hidden}.", style="bold green"))
        return
    counts = [(result.count(severity), severity.label) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    parts = ", ".join(plural(count, label) for count, label in counts if count)
    with_findings = len({finding.path for finding in result.findings})
    style = "bold red" if result.count(Severity.ERROR) else "bold yellow"
    hidden = f"; {baselined} hidden by the baseline" if baselined else ""
    console.print(Text(f"Found {parts} in {plural(with_findings, 'file')} ({plural(files, 'file')} checked{hidden}).",
                       style=style))

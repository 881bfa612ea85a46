"""`--format github`: GitHub Actions workflow commands, shown as annotations on the PR.

    ::error file=PATH,line=N,endLine=N,col=N,endColumn=N,title=TITLE::MESSAGE

Escaping follows the runner: in the message `%` first, then CR and LF; in property
values also `:` and `,`. (`%` must go first, or the escapes themselves get escaped.)
Other control characters (ANSI escapes, NUL, BEL, C1 codes) have no escape in the
workflow-command syntax and would reach the log raw, so they are shown as `\\xNN`,
as in the text report.

GitHub keeps at most 10 annotations of each kind per step (50 per job) and drops the
rest silently. So errors come first, then warnings, then notices, each kind capped;
when findings were left out, the last line is one notice that says how many and where
to find them (the log, the job summary, code scanning). Paths are relative to the
repository root, as GitHub requires.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..lint import LintResult
    from ..model import Finding
    from . import ReportContext

#: annotations GitHub keeps per kind and step
PER_KIND_LIMIT = 10
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = ("error", "warning", "info")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_data(text: str) -> str:
    """Escape a message (the part after `::`)."""
    text = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file=, title=, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: "Finding", path: str) -> str:
    span = finding.span
    properties = [
        ("file", path),
        ("line", str(span.line)),
        ("endLine", str(max(span.line, span.end_line))),
        ("col", str(span.column)),
        ("endColumn", str(span.end_column)),
        ("title", f"{finding.rule_id} {finding.rule_name}"),
    ]
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = finding.message
    if finding.fix:
        message += "\n\nFix: " + " ".join(finding.fix.split())
    return f"::{COMMANDS[finding.severity.label]} {rendered}::{escape_data(message)}"


def render(result: "LintResult", stream: TextIO, context: "ReportContext") -> None:
    from ..repo import relative_to_root

    by_kind = {label: [f for f in result.findings if f.severity.label == label] for label in ORDER}
    limits = {"error": PER_KIND_LIMIT, "warning": PER_KIND_LIMIT, "info": PER_KIND_LIMIT}
    total = len(result.findings)
    fits = all(len(by_kind[label]) <= limits[label] for label in ORDER)
    if not fits:
        limits["info"] = PER_KIND_LIMIT - 1  # keep one notice for the overflow message
    shown = 0
    for label in ORDER:
        for finding in by_kind[label][: limits[label]]:
            stream.write(annotation(finding, relative_to_root(finding.path, context.root)) + "\n")
            shown += 1
    if shown < total:
        hidden = total - shown
        message = (f"pmlint found {total} findings; {hidden} more are not shown as annotations "
                   f"(GitHub keeps {PER_KIND_LIMIT} per kind and step). See the full report in the job log, "
                   "the job summary, or the code scanning alerts from the SARIF upload.")
        stream.write(f"::notice title={escape_property('pmlint: more findings')}::{escape_data(message)}\n")

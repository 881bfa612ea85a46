"""`--format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

A heading with the counts, then one table per file (line:column, severity, rule,
message). Postmortem text is escaped so it cannot add links, HTML, comments or
table cells: `&`, `<` and `>` become entities, Markdown punctuation is
backslash-escaped, line breaks become spaces and control characters are shown as
`\\xNN`. GitHub accepts up to 1 MiB per step summary, so the tables stop well
before that with a line saying how many findings were left out.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from ..grammar import plural

if TYPE_CHECKING:
    from ..lint import LintResult
    from . import ReportContext

#: stop adding rows past this many BYTES of UTF-8 (GitHub's step summary limit is 1 MiB of
#: bytes, and CJK text or emoji take three or four bytes a character)
BUDGET = 800_000


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-!|~^])")
_ICONS = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}


def escape(text: str) -> str:
    """Inline Markdown that shows `text` literally, safe inside a table cell."""
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    return _CONTROL.sub(lambda match: f"\\\\x{ord(match.group()):02x}", text)


def headline(result: "LintResult") -> str:
    from ..model import Severity

    files = len(result.files)
    if not result.findings:
        return f"## pmlint: all clear\n\n{plural(files, 'file')} checked, no findings."
    counts = [(result.count(severity), severity.label) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    parts = ", ".join(plural(count, label) for count, label in counts if count)
    with_findings = len({finding.path for finding in result.findings})
    return (f"## pmlint: {parts}\n\n{plural(len(result.findings), 'finding')} in "
            f"{plural(with_findings, 'file')} ({plural(files, 'file')} checked).")


def render(result: "LintResult", stream: TextIO, context: "ReportContext") -> None:
    from ..repo import relative_to_root

    out: list[str] = [headline(result)]
    if result.hidden:
        out.append(f"{plural(result.hidden, 'finding')} hidden by the baseline or per-path configuration.")
    size = sum(_size(part) + 2 for part in out)  # each part, and the blank line that joins it
    written = 0
    for path, group in groupby(result.findings, key=lambda finding: finding.path):
        header = [f"### {escape(relative_to_root(path, context.root))}", "",
                  "| line | severity | rule | message |", "|---:|---|---|---|"]
        size += sum(_size(line) + 1 for line in header) + 1
        if size > BUDGET:
            break
        block = header
        for finding in group:
            span = finding.span
            row = (f"| {span.line}:{span.column} | {_ICONS[finding.severity.label]} | "
                   f"{finding.rule_id} {escape(finding.rule_name)} | {escape(finding.message)} |")
            size += _size(row) + 1
            if size > BUDGET:
                break
            block.append(row)
            written += 1
        out.append("\n".join(block))
        if size > BUDGET:
            break
    if written < len(result.findings):
        out.append(f"… and {len(result.findings) - written} more findings: see the job log or the SARIF upload.")
    stream.write("\n\n".join(out) + "\n")

"""Keep a CI runner from executing what a report prints.

GitHub Actions reads every line a step prints, on stdout and stderr, and runs the
ones that start with `::` (after leading spaces) as workflow commands: `::error ...`
adds an annotation, `::stop-commands::TOKEN` switches command processing off until
`::TOKEN::`, `::add-mask::` hides text. A postmortem's file name, title or quoted
line reaches the text report, so a file named `::stop-commands::x.yaml` would switch
off pmlint's own annotations, and `::notice title=OK::...` would forge one.

`inert` wraps a report in `::stop-commands::TOKEN` ... `::TOKEN::` with a random token
nobody can guess in advance (so no line of the report can end the pause early);
pmlint's own annotations (`--format github`) come after it, when commands run again.
"""

from __future__ import annotations

import secrets


def stop_token() -> str:
    """A fresh token per report: 128 random bits, as hex."""
    return "pmlint-" + secrets.token_hex(16)


def needs_guard(text: str) -> bool:
    """Whether a runner would take a line of `text` for a command: `::name ...` or the
    legacy `##[name]`, after leading whitespace (the runner trims it)."""
    return any(line.lstrip().startswith(("::", "##[")) for line in text.splitlines())


def inert(text: str, token: str | None = None) -> str:
    """`text` between a stop-commands line and the line that resumes commands, when a
    line of it could be taken for a command; unchanged otherwise (a clean report stays
    exactly as on a laptop)."""
    if not needs_guard(text):
        return text
    token = token or stop_token()
    if text and not text.endswith("\n"):
        text += "\n"
    return f"::stop-commands::{token}\n{text}::{token}::\n"

"""Find `pmlint: disable=...` comments in YAML (`#`) and Markdown (`<!-- -->`).

Syntax (DESIGN.md):
    value  # pmlint: disable=PM301 -- reason        covers this line
    # pmlint: disable=PM301,action-item-due         on its own line: covers the next line
    # pmlint: disable-file=PM701,PM702 -- reason    covers the whole file
Markdown uses the same words inside `<!-- ... -->`.
"""

from __future__ import annotations

import re

from ..model import Problem, Span, Suppression

_COMMENT = re.compile(
    r"(?P<marker>#|<!--)\s*pmlint:\s*(?P<kind>disable-file|disable-next-line|disable)\s*=\s*"
    r"(?P<rules>[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*)"
    r"(?:\s+--(?!>)\s*(?P<reason>.*?))?\s*(?:-->)?\s*$"  # `-->` closes a comment; it is no reason
)
_LOOSE = re.compile(r"(?:#|<!--)\s*pmlint\s*:")


def find_suppressions(lines: list[str]) -> tuple[list[Suppression], list[Problem]]:
    """Every suppression comment, and a problem for each malformed one."""
    found: list[Suppression] = []
    problems: list[Problem] = []
    for index, line in enumerate(lines):
        if "pmlint" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            loose = _LOOSE.search(line)
            if loose:
                problems.append(Problem(
                    "bad-suppression",
                    "Malformed pmlint comment; expected `pmlint: disable=ID[,ID...] [-- reason]`",
                    Span(index + 1, loose.start() + 1, index + 1, len(line)),
                ))
            continue
        rules = tuple(part.strip() for part in match["rules"].split(","))
        number = index + 1
        kind = match["kind"]
        if kind == "disable-file":
            target = None
        elif kind == "disable-next-line" or not line[: match.start()].strip():
            target = _next_content_line(lines, index)
        else:
            target = number
        found.append(Suppression(rules, number, match.start() + 1, target, (match["reason"] or "").strip() or None,
                                 end_column=len(line.rstrip())))  # the comment runs to the end of the line
    return found, problems


def _next_content_line(lines: list[str], index: int) -> int:
    """The line an own-line suppression covers: the next one with content. Blank lines and
    lines that are nothing but another pmlint comment are skipped; a content line that
    merely ends with a pmlint comment is content, and is the target."""
    for following in range(index + 1, len(lines)):
        text = lines[following].strip()
        if not text:
            continue
        match = _COMMENT.search(lines[following])
        if match is not None and not lines[following][: match.start()].strip():
            continue
        return following + 1
    return index + 2

"""reStructuredText section titles in a file saved as `.md`.

Teams that write their reports in reStructuredText (`.. contents::`, `.. |date| replace::`)
sometimes save them as Markdown. Titles underlined with `=` or `-` read as Markdown setext
headings already, but RST allows any punctuation (`~`, `^`, `"`, `*`, `+`, `#` ...) and an
overline too; to a Markdown parser `~~~~` opens a code fence that swallows the rest of the
report, and `^^^^` is text. In a document that shows an RST directive, each adorned title
becomes an ATX heading (`## Title`), its adornment lines blank, so the line count and every
other line stay as written. Levels follow RST: the order in which the adornment styles
first appear (an overlined style differs from the same character underlined only).

Linear: one pass over the lines, one anchored regex per line.
"""

from __future__ import annotations

import re

#: A line of one repeated punctuation character (three or more): an RST adornment.
_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}[ \t]*$")
#: An RST directive, substitution or target (`.. contents::`, `.. |date| replace::`, `.. _top:`).
_DIRECTIVE = re.compile(r"^\.\.[ \t]+(?:[\w-]{1,40}::|\|[^|\n]{1,60}\|[ \t]+[\w-]{1,40}::|_[^:\n]{1,60}:)")
#: Lines searched for a directive (the first ones of a report hold its metadata).
_SCAN = 2000


def rst_titles(lines: list[str]) -> list[str]:
    """`lines` with each adorned RST title written as an ATX heading, when the document
    shows an RST directive; otherwise `lines` itself (a Markdown document is untouched)."""
    if not any(_DIRECTIVE.match(line) for line in lines[:_SCAN]):
        return lines
    out = list(lines)
    styles: list[tuple[str, bool]] = []
    index, total = 0, len(lines)
    while index < total:
        line = lines[index]
        over = _ADORNMENT.match(line)
        if over is not None and index + 2 < total and _title_text(lines[index + 1]) \
                and _same(lines[index + 2], over.group(1)):
            level = _level(styles, (over.group(1), True))
            out[index], out[index + 1], out[index + 2] = "", "#" * level + " " + lines[index + 1].strip(), ""
            index += 3
            continue
        if over is None and index + 1 < total and _title_text(line) and (index == 0 or not lines[index - 1].strip()):
            under = _ADORNMENT.match(lines[index + 1])
            if under is not None and len(lines[index + 1].rstrip()) >= len(line.rstrip()):
                level = _level(styles, (under.group(1), False))
                out[index], out[index + 1] = "#" * level + " " + line.strip(), ""
                index += 2
                continue
        index += 1
    return out


def _title_text(line: str) -> bool:
    """A title's own line: text from the first column, not an adornment itself."""
    return bool(line.strip()) and not line[:1].isspace() and _ADORNMENT.match(line) is None


def _same(line: str, char: str) -> bool:
    match = _ADORNMENT.match(line)
    return match is not None and match.group(1) == char


def _level(styles: list[tuple[str, bool]], style: tuple[str, bool]) -> int:
    """The heading level of an adornment style: its order of first appearance (at most 6)."""
    if style not in styles:
        styles.append(style)
    return min(styles.index(style) + 1, 6)

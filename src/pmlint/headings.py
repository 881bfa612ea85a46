"""A document's ATX heading lines (`## Timeline`), read once per document for every reader.

Checks and inference ask the same question of a Markdown document's source lines in many
places (which section holds this line, where does the timeline end, which heading comes
before this repeat): they used to find the heading lines each with its own pattern and its
own pass. `atx_headings` is the one pass; `Document.headings()` keeps its answer for the
document, so each later question costs only a walk over the few heading lines.

The pass reads a heading the way CommonMark does, line by line: at most three spaces, one
to six `#`, then a space, a tab or the end of the line; its text is what follows, less a
closing run of `#` that stands after a space (`## Timeline ##`), trimmed. It also returns
the lines that only some callers have always taken for headings, so those callers can keep
what they read (their docstrings say why): a lead holding a tab (`\t# x`: CommonMark reads
it as code or as paragraph text) and another whitespace after the hashes (`#\xa0Timeline`).
`Heading.commonmark` tells which lines CommonMark itself reads as headings. Setext headings
(a line underlined with `===`) are not read here: no caller of this reader asks for them.

A line inside a code block (`code`: the loader's (first, last) line ranges) is returned
with `in_code` set rather than dropped: a few callers have always read code lines too.

Imports nothing of pmlint: the model keeps the answer, checks and inference read it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable, NamedTuple

#: The start of an ATX heading line, loosely: up to three spaces or tabs, one to six `#`,
#: then whitespace or the end of the line. `Heading.commonmark` narrows it to CommonMark's.
_START = re.compile(r"([ \t]{0,3})(#{1,6})(?:(\s)|$)")


class Heading(NamedTuple):
    """One ATX heading line of a document."""

    #: 1-based line number
    line: int
    #: how many `#` open it (1 to 6)
    level: int
    #: its text as CommonMark reads it: after the hashes, less a closing `#` run that
    #: follows a space or tab (`## Timeline ##` -> `Timeline`), trimmed; "" for `#` alone
    text: str
    #: the spaces or tabs before the hashes ("" for most headings)
    indent: str
    #: the character right after the hashes: " ", "\t", "" at the end of the line, or
    #: another whitespace (`\xa0`) that CommonMark does not take
    gap: str
    #: the line is inside a code block (a shell comment `# restart the pods`, not a heading)
    in_code: bool

    @property
    def commonmark(self) -> bool:
        """Whether CommonMark reads this line as a heading (outside code): spaces only
        before the hashes, and a space, a tab or nothing after them."""
        return "\t" not in self.indent and self.gap in ("", " ", "\t")

    @property
    def spaced(self) -> bool:
        """Whether the hashes are followed by a space or tab (`# x`, `# `), not by the end
        of the line (`#` alone) nor by another whitespace."""
        return self.gap in (" ", "\t")

    @property
    def after_hashes(self) -> int:
        """The offset in the line of what follows the hashes (the gap)."""
        return len(self.indent) + self.level


def atx_headings(lines: list[str], code: Iterable[tuple[int, int]] = ()) -> tuple[Heading, ...]:
    """The ATX heading lines of `lines`, in order (one pass; each line read up to its
    heading text only when it opens with a `#` in its first four characters). `code`: the
    (first, last) 1-based inclusive line ranges of the document's code blocks."""
    ranges = sorted((int(first), int(last)) for first, last in code)
    starts = [first for first, _ in ranges]
    reach: list[int] = []  # reach[i]: the last line any of ranges[:i + 1] covers (ranges may nest)
    for _, last in ranges:
        reach.append(max(last, reach[-1]) if reach else last)
    found: list[Heading] = []
    for number, line in enumerate(lines, start=1):
        if "#" not in line[:4]:
            continue
        match = _START.match(line)
        if match is None:
            continue
        indent, hashes, gap = match.group(1), match.group(2), match.group(3) or ""
        at = bisect_right(starts, number) - 1
        found.append(Heading(number, len(hashes), _text(line[match.end(2):]), indent, gap,
                             at >= 0 and reach[at] >= number))
    return tuple(found)


def _text(rest: str) -> str:
    """A heading's text from what follows its hashes, as markdown-it reads it: trailing
    spaces and tabs cut, then a closing `#` run if a space or tab stands before it, then
    the whole trimmed (`" Timeline ##  "` -> `Timeline`, `" C#"` -> `C#`)."""
    content = rest.rstrip(" \t")
    bare = content.rstrip("#")
    if len(bare) < len(content) and bare[-1:] in (" ", "\t"):
        content = bare
    return content.strip()

"""A GFM table block rule for markdown-it that emits one token per table.

markdown-it-py's own `table` rule pushes a token for every row and cell (open, inline,
close: seventeen for a five-column row) and splits each row with a loop over its
characters. The loader reads none of that structure beyond each row's line and cell
texts, and on a 5 MB postmortem those tokens were most of the parse's time and of a
check's peak memory. This rule decides exactly what the stock rule decides (which
lines start a table, where it ends, the cells of each row: the same checks in the same
order, kept in step with markdown-it-py 4.x), and pushes a single `pm_table` token whose
`meta` holds the header and rows:

    meta = {"header": [cell text, ...], "rows": [(line offset, [cell text, ...]), ...]}

(a row's offset counts lines from the table's first line, `map[0]`, so the token can be
moved like any other when the parse runs a stretch of the document at a time).

Cell texts are trimmed, and a body row has as many cells as the header (missing ones
empty, extra ones dropped), as the stock rule produces them. tests/test_markdown_table.py
compares both rules' output on generated tables.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import isStrSpace, mdTrim
from markdown_it.rules_block.state_block import StateBlock

_HEADER_LINE = re.compile(r"^:?-+:?$")
#: a pipe that no backslash escapes (the stock rule looks only at the character before)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
#: what the stock rule allows: at most this many cells filled in for short rows
MAX_AUTOCOMPLETED_CELLS = 0x10000
#: the block rules that end a table (those listed as able to interrupt a blockquote)
#: and that cannot match a line whose first non-blank character is `|`: for such a
#: line the per-row termination check can be skipped
_PIPE_SAFE_TERMINATORS = frozenset({"fence", "blockquote", "hr", "list", "html_block", "heading"})


def escaped_split(text: str) -> list[str]:
    """`text` split at unescaped pipes, `\\|` turned into `|` (the stock `escapedSplit`)."""
    if "\\" not in text:
        return text.split("|")
    return [part.replace("\\|", "|") for part in _UNESCAPED_PIPE.split(text)]


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _cells(text: str) -> list[str]:
    columns = escaped_split(text)
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return columns


def table(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:  # noqa: N803 - markdown-it's signature
    """The stock table rule's decisions, one `pm_table` token as output."""
    if startLine + 2 > endLine:
        return False
    nextLine = startLine + 1  # noqa: N806
    if state.sCount[nextLine] < state.blkIndent or state.is_code_block(nextLine):
        return False
    # the delimiter row: first character `|`, `-` or `:`, then only those and blanks
    pos, maximum = state.bMarks[nextLine] + state.tShift[nextLine], state.eMarks[nextLine]
    if pos >= maximum:
        return False
    first = state.src[pos]
    if first not in "|-:":
        return False
    if pos + 1 >= maximum:
        return False
    second = state.src[pos + 1]
    if second not in "|-:" and not isStrSpace(second):
        return False
    if first == "-" and isStrSpace(second):
        return False
    for char in state.src[pos + 2:maximum]:
        if char not in "|-:" and not isStrSpace(char):
            return False
    aligns: list[str] = []
    columns = _line(state, nextLine).split("|")
    for index, column in enumerate(columns):
        trimmed = mdTrim(column)
        if not trimmed:
            if index == 0 or index == len(columns) - 1:
                continue
            return False
        if not _HEADER_LINE.search(trimmed):
            return False
        aligns.append("")
    header_text = mdTrim(_line(state, startLine))
    if "|" not in header_text or state.is_code_block(startLine):
        return False
    header = _cells(header_text)
    count = len(header)
    if count == 0 or count != len(aligns):
        return False
    if silent:
        return True

    old_parent = state.parentType
    state.parentType = "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    pipe_safe = _terminators_are_pipe_safe(state)
    rows: list[tuple[int, list[str]]] = []
    autocompleted = 0
    nextLine = startLine + 2  # noqa: N806
    src, bMarks, tShift, eMarks = state.src, state.bMarks, state.tShift, state.eMarks  # noqa: N806
    while nextLine < endLine:
        if state.sCount[nextLine] < state.blkIndent:
            break
        start = bMarks[nextLine] + tShift[nextLine]
        if not (pipe_safe and start < eMarks[nextLine] and src[start] == "|"):
            if any(rule(state, nextLine, endLine, True) for rule in terminators):
                break
        text = mdTrim(src[start:eMarks[nextLine]])
        if not text or state.is_code_block(nextLine):
            break
        cells = _cells(text)
        autocompleted += count - len(cells)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        cells = [mdTrim(cell) if cell else "" for cell in cells[:count]]
        if len(cells) < count:
            cells.extend([""] * (count - len(cells)))
        rows.append((nextLine - startLine, cells))
        nextLine += 1  # noqa: N806

    token = state.push("pm_table", "table", 0)
    token.map = [startLine, nextLine]
    token.meta = {"header": [mdTrim(cell) for cell in header], "rows": rows}
    state.parentType = old_parent
    state.line = nextLine
    return True


_SAFE_CACHE: dict[int, bool] = {}


def _terminators_are_pipe_safe(state: StateBlock) -> bool:
    """Whether every rule that may end a table is one of those that never match a line
    starting with `|` (true for the parser the loader builds; checked, not assumed)."""
    ruler = state.md.block.ruler
    key = id(ruler)
    safe = _SAFE_CACHE.get(key)
    if safe is None:
        try:
            names = {rule.name for rule in ruler.__rules__ if rule.enabled and "blockquote" in rule.alt}
        except (AttributeError, TypeError):  # another markdown-it-py: run every terminator
            names = {""}
        safe = names <= _PIPE_SAFE_TERMINATORS
        _SAFE_CACHE[key] = safe
    return safe

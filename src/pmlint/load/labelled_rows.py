"""Labelled start, end and length rows: the window a template or a status page keeps beside
its text ("**Start Time:** 2018-06-29 12:58 PST", "| End Time | 13:55 |", "- Total
Duration: 39 Minutes", `stop: 2018-12-17T17:00`).

Two checks hold these rows to each other: PM012 (an end stated before the start stated
just above it) and PM505 (a header's start and end against its stated length). They read
the rows here, with one vocabulary of labels, so a label one of them learns the other
reads too.

A row is a list item, a bold label or a table row whose label names a start, an end or a
length, followed by a colon or a cell border; its value runs to the next cell or the
line's end (at most `VALUE_LIMIT` characters). One anchored pattern with bounded gaps and
no nesting: linear in the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

from .. import regex_cache
from ..model import code_line_numbers

#: The most characters of a value read; a longer value is cut there.
VALUE_LIMIT = 80
#: The most characters of a line read (a row's label and value sit at its start).
LINE_LIMIT = 400

#: The label vocabulary, one list each part: the pattern and the pre-test below are built
#: from it, so a label learned here is read by both. A start or an end may be qualified
#: ("Incident start", "Outage recovered at"), a length may be a total ("Total Duration").
_QUALIFIERS = ("incident", "outage", "impact")
_EDGES = ("start", "started", "began", "begin", "stop", "stopped", "end", "ended", "resolved", "recovered")
_TOTALS = ("total",)
_LENGTHS = ("duration", "downtime", "outage duration", "length", "impact duration")


def _either(labels: tuple[str, ...]) -> str:
    """One alternation of `labels`, longest first, a space inside a label any run of blanks."""
    return "(?:" + "|".join(re.escape(label).replace(r"\ ", r"[ \t]+")
                            for label in sorted(labels, key=len, reverse=True)) + ")"


_ROW = regex_cache.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?\|?[ \t]*(?:\*\*|__)?"
    r"(?P<label>(?:" + _either(_QUALIFIERS) + r"[ \t]+)?" + _either(_EDGES) +
    r"(?:[ \t]*(?:time|at|date(?:[ \t]*/[ \t]*time)?))?"
    r"|(?:" + _either(_TOTALS) + r"[ \t]+)?" + _either(_LENGTHS) + r")"
    r"[ \t]*(?:\*\*|__)?[ \t]*(?::[ \t]*(?:\*\*|__)?|\|)[ \t]*(?P<value>[^|\n]{1,%d})" % VALUE_LIMIT,
    re.IGNORECASE)

Kind = Literal["start", "end", "length"]


@dataclass(frozen=True, slots=True)
class LabelledRow:
    """One labelled row: its 1-based line, what it labels, the label and the value as written."""

    line: int
    kind: Kind
    label: str
    #: up to the next cell border or the line's end, at most `VALUE_LIMIT` characters
    value: str


def _kind(label: str) -> Kind:
    """What a label names: a length ("Total Duration"), a start ("Started at", "Begin") or an end."""
    words = label.lower().split()
    if any(word.startswith(("duration", "downtime", "length")) for word in words):
        return "length"
    if any(word.startswith(("start", "began", "begin")) for word in words):
        return "start"
    return "end"


#: The words a row's label starts with, for a test before the pattern: most lines with a
#: colon (YAML, prose) start with none of them, and `str.startswith` is ten times cheaper
#: than a failed match of the pattern's alternation. Built from the pattern's own labels,
#: so no label is read by one and missed by the other.
_FIRST_WORDS = tuple(sorted({label.split()[0] for label in _QUALIFIERS + _EDGES + _TOTALS + _LENGTHS}))


def labelled_row(text: str, line: int) -> LabelledRow | None:
    """The labelled row on `text` (line number `line`), or None when it is no such row."""
    if ":" not in text and "|" not in text:  # every row has one: a substring test, not a scan
        return None
    if not text.lstrip(" \t-*+|_")[:10].lower().startswith(_FIRST_WORDS):
        return None
    match = _ROW.match(text[:LINE_LIMIT])
    if match is None:
        return None
    return LabelledRow(line, _kind(match.group("label")), match.group("label"), match.group("value"))


def labelled_rows(lines: Iterable[str], skip: Iterable[tuple[int, int]] = ()) -> Iterator[LabelledRow]:
    """Every labelled row of `lines` (numbered from 1), outside the `skip` ranges (code blocks)."""
    skipped = code_line_numbers(skip)
    for number, text in enumerate(lines, start=1):
        if number in skipped:
            continue
        row = labelled_row(text, number)
        if row is not None:
            yield row

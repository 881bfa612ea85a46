"""Identity fields written as labelled lines at the top of the body, for teams without
front matter:

    **Severity:** SEV1            Severity: Critical
    **Date:** 2025-03-01          - **Status**: Final
    | Severity | SEV2 |           (a two-column metadata table)

Read from the lines between the front matter (or the file's start) and the first heading
after the title, plus a list or table that directly follows the title: the document's
"metadata block". Values keep what the author wrote (`Critical`); the rules map severity
words through `settings.severity_aliases`. Dates become ISO dates when they parse;
a range (`January 14-19, 2026`) is no single date and is left out; a `status` becomes the
schema's draft / review / final only when it says one of those (an incident's
`Resolved` is not the document's review status). Every value gets the span of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ... import regex_cache
from ...model import Span, code_line_numbers
from .common import plain

#: label (lower case) → schema field. The value groups below are greedy and the caller strips
#: spaces and emphasis: a lazy value before `[ \t]*$` retried the rest of a run of spaces at
#: each of its characters (quadratic: 20,000 spaces took 0.76 s).
LABELS = {
    "severity": "severity", "sev": "severity", "severity level": "severity", "incident severity": "severity",
    "impact level": "severity", "priority level": "severity",
    "date": "date", "incident date": "date", "date of incident": "date",
    # a header table's start is the incident's date ("| Start Time | 2018-06-29 12:58 PST |")
    "start time": "date", "start date": "date", "incident start": "date", "incident start time": "date",
    "status": "status", "document status": "status", "postmortem status": "status",
    # the same labels as teams writing in Spanish, Portuguese, French and German write them
    "severidad": "severity", "gravedad": "severity", "severidade": "severity", "gravidade": "severity",
    "sévérité": "severity", "gravité": "severity", "schweregrad": "severity",
    "fecha": "date", "fecha del incidente": "date", "data do incidente": "date",
    "date de l'incident": "date", "datum": "date", "vorfallsdatum": "date",
}
_LABEL = "|".join(sorted((re.escape(label) for label in LABELS), key=len, reverse=True))
_LINE = regex_cache.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<open>\*\*|__)?(?P<label>" + _LABEL + r")[ \t]*(?::[ \t]*(?P=open)|(?P=open)[ \t]*:)"
    r"[ \t]*(?:\*\*|__)?[ \t]*(?P<value>[^|]*)$", re.IGNORECASE)
_PLAIN_LINE = regex_cache.compile(r"^[ \t]*(?:[-*+][ \t]+)?(?P<label>" + _LABEL + r")[ \t]*:[ \t]*(?P<value>.*)$",
                         re.IGNORECASE)
_ROW = regex_cache.compile(r"^[ \t]*\|[ \t]*(?:\*\*|__)?(?P<label>" + _LABEL + r")(?:\*\*|__)?[ \t]*:?[ \t]*\|"
                  r"[ \t]*(?P<value>[^|]*)\|?[ \t]*$", re.IGNORECASE)
_ISO = regex_cache.compile(r"\d{4}-\d{2}-\d{2}")
#: Of several dates, the one labelled the incident's: "2026-01-15 (Incident) / 2026-01-16 (Fix)".
_INCIDENT_DAY = regex_cache.compile(r"(\d{4}-\d{2}-\d{2})[ \t]*\((?:incident|outage|occurred|started|start|impact)\)",
                                    re.IGNORECASE)
_RANGE = regex_cache.compile(r"\d\s*(?:[-\u2013\u2014]|to|until)\s*(?:[A-Za-z]{3,9}\.?\s+)?\d{1,2}\b(?![-/.]\d)")
_STATUSES = {"draft": "draft", "in review": "review", "review": "review", "under review": "review",
             "final": "final", "published": "final", "complete": "final", "completed": "final"}


@dataclass(slots=True)
class Metadata:
    data: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)  # lines that were metadata, not prose


def read_metadata(lines: list[str], start: int, stop: int, day_first: bool = False) -> Metadata:
    """Labelled identity lines in `lines[start:stop]` (0-based, `stop` exclusive); `day_first`:
    the document writes numeric dates day first (`Date: 11-01-2026` is 11 January)."""
    found = Metadata()
    in_code = False
    for index in range(max(start, 0), min(stop, len(lines))):
        text = lines[index]
        if text.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        for offset, match in _labelled(text):
            _take(found, match, offset, index, day_first)
    return found


def _labelled(text: str) -> list[tuple[int, re.Match[str]]]:
    """The labelled fields of one line, each with the offset of its piece: the whole line
    (`**Severity**: SEV2`, `| Severity | SEV2 |`), or a header line that strings its fields
    together with pipes (`**Date:** 2026-07-18 | **Duration:** ~2 weeks | **Severity:** SEV-3`),
    which no label's value may run into. A table row (opening with a pipe) is read whole.
    Linear: one split, one anchored match per piece."""
    match = _LINE.match(text) or _ROW.match(text) or _PLAIN_LINE.match(text)
    if match is not None and (match.re is _ROW or "|" not in match.group("value")):
        return [(0, match)]
    if "|" not in text or text.lstrip().startswith("|") or ":" not in text:
        return []
    found: list[tuple[int, re.Match[str]]] = []
    offset = 0
    for piece in text.split("|"):
        piece_match = _LINE.match(piece) or _PLAIN_LINE.match(piece)
        if piece_match is not None:
            found.append((offset, piece_match))
        offset += len(piece) + 1
    return found


def _take(found: Metadata, match: re.Match[str], offset: int, index: int, day_first: bool) -> None:
    """Record one labelled field (the first of each key wins) with its span."""
    from .times import find_date

    key = LABELS[match.group("label").lower()]
    raw = match.group("value").strip().strip("*_").strip()
    if not raw or key in found.data:
        return
    value: Any = raw
    if key == "date":
        named = _INCIDENT_DAY.search(raw)  # "2026-01-15 (Incident) / 2026-01-16 (Fix)": the one it names
        if named is not None:
            raw = named.group(1)
        elif _RANGE.search(_ISO.sub("D", raw)) or len(_ISO.findall(raw)) > 1:
            return  # "January 14-19, 2026" is a span, not the incident's date
        day = find_date(raw, day_first=day_first)
        if day is None:
            return
        value = day.isoformat()
    elif key == "status":
        value = _STATUSES.get(raw.lower().rstrip("."))
        if value is None:
            return
    column = offset + match.start("value") + 1 + \
        (len(match.group("value")) - len(match.group("value").lstrip("*_ \t")))
    found.data[key] = value
    found.spans[f"/{key}"] = Span(index + 1, column, index + 1, max(column + len(raw) - 1, column))
    found.lines.add(index + 1)


def metadata_region(blocks: list, title: Any, front_end: int, aliases: Any = None) -> tuple[int, int]:
    """(start, stop) 0-based line range of the metadata block: after the front matter, up to
    the first heading that is not the title (a metadata list or table right after the title
    is inside it). A subtitle straight under the title (`# Incident Report` then `## Network
    degradation affecting the validator`, then `**Incident Date:** ...`) is part of the
    title, when `aliases` (the section names) do not know it as a section."""
    stop = None
    subtitle = None
    if title is not None and aliases is not None and 0 <= title.index + 1 < len(blocks):
        following = blocks[title.index + 1]
        if following.kind == "heading" and following.level > title.level and aliases.match(plain(following.text)) is None:
            subtitle = following
    for block in blocks:
        if block.kind == "heading" and block is not title and block is not subtitle and block.line > front_end:
            stop = block.line - 1
            break
    if stop is None:
        stop = min(front_end + 40, max((block.end_line for block in blocks), default=front_end))
    return front_end, stop


#: Headings among the first ones read for a `Date` section.
_DATE_HEADING_REACH = 4
#: A paragraph that is a date and nothing else (`2020-01-07`, `**March 3, 2024**`).
_DATE_ONLY = regex_cache.compile(r"^[ \t*_]*(?P<value>[^\n]{4,40}?)[ \t*_.]*$")


def read_date_section(blocks: list, title: Any, day_first: bool = False) -> Metadata:
    """A `## Date` (or `Incident date`) section among the first headings whose whole text is
    one date: the template's date field written as a heading ("## Date" over "2020-01-07").
    A section with more than a date in it ("Start: ... End: ...") is left out."""
    from .times import find_date

    found = Metadata()
    headings = 0
    for position, block in enumerate(blocks):
        if block.kind != "heading" or block is title:
            continue
        headings += 1
        if headings > _DATE_HEADING_REACH:
            break
        label = block.text.strip().strip("*_").strip().rstrip(":").strip().lower()
        if LABELS.get(label) != "date":
            continue
        after = blocks[position + 1] if position + 1 < len(blocks) else None
        if after is None or after.kind != "paragraph" or after.end_line != after.line:
            return found
        match = _DATE_ONLY.match(after.text)
        raw = match.group("value") if match else ""
        if not raw or _RANGE.search(_ISO.sub("D", raw)) or len(_ISO.findall(raw)) > 1:
            return found
        day = find_date(raw, day_first=day_first)
        if day is None or len(raw.split()) > 5:
            return found  # no date, or a sentence with a date in it
        found.data["date"] = day.isoformat()
        column = after.column + after.text.find(raw)
        found.spans["/date"] = Span(after.line, column, after.line, column + len(raw) - 1)
        found.lines.add(after.line)
        return found
    return found


#: Labels that name the severity (the `LABELS` that map to it).
_SEVERITY_LABELS = frozenset(label for label, key in LABELS.items() if key == "severity")


def labelled_severity(lines: list[str], code_lines: tuple[tuple[int, int], ...],
                      known: Callable[[str], bool], start: int = 0) -> tuple[str, Span] | None:
    """The first severity labelled anywhere in the document ("- **Incident Severity**:
    Critical" under "## Incident Details", a `| Severity | SEV2 |` row further down) whose
    value `known` accepts (a level, an alias, a status page's level): for documents whose
    metadata sits in a section rather than at the top. A value no scale knows is left to
    the top block: one labelled line deep in the text is not enough to claim a new level.
    Lines before `start` (the front matter, which has its own reader) are not read.
    Linear: one anchored match per line that holds "ev" (seVErity, lEVel)."""
    skipped = code_line_numbers(code_lines)
    for index in range(max(start, 0), len(lines)):
        text = lines[index]
        if ("ev" not in text and "EV" not in text) or index + 1 in skipped:
            continue
        for offset, match in _labelled(text):
            if match.group("label").lower() not in _SEVERITY_LABELS:
                continue
            raw = match.group("value").strip().strip("*_").strip()
            if not raw or not known(raw):
                continue
            column = offset + match.start("value") + 1 + \
                (len(match.group("value")) - len(match.group("value").lstrip("*_ \t")))
            return raw, Span(index + 1, column, index + 1, max(column + len(raw) - 1, column))
    return None

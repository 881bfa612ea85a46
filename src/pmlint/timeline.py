"""Timeline arithmetic shared by the detection, on-call and timeline checks and by `infer/`.

Pure functions over the document's data tree: no engine, no config, so both the rules
and the inference can use them.

A timeline entry's moment is aware when its text carries a zone or the document
declares `timezone`; otherwise it stays naive (a wall-clock time in an unknown
zone). Differences between an aware and a naive moment are unknowable and
return None rather than a guess. A date-only entry (`2021-12-10`) is a day, not
midnight: it never counts as a night event and never ends or starts a time to
detect or mitigate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from typing import Any

from .timeutil import parse_timestamp, with_default_zone, zone_named

@dataclass(frozen=True, slots=True)
class Entry:
    index: int
    kind: str | None
    raw: str
    moment: datetime | None
    date_only: bool = False  # `2021-12-10`: a day, no time of day (never a night event or a TTD/TTM end)

    @property
    def pointer(self) -> str:
        return f"/timeline/{self.index}/at"


def document_zone(data: Any) -> tzinfo | None:
    declared = data.get("timezone") if isinstance(data, dict) else None
    return zone_named(declared) if isinstance(declared, str) else None


#: (document data, its entries): the timeline rules all ask for the same document's entries
#: in a row, so one parse serves them all. Holding `data` keeps its identity unique.
_last: tuple[Any, list[Entry]] | None = None


def entries(data: Any) -> list[Entry]:
    """Every timeline entry that is a mapping, with its parsed moment (None if unparseable).

    Cached for the most recent document: callers treat the list as read-only.
    """
    global _last
    if _last is not None and _last[0] is data:
        return _last[1]
    result = _parse_entries(data)
    _last = (data, result)
    return result


def _parse_entries(data: Any) -> list[Entry]:
    timeline = data.get("timeline") if isinstance(data, dict) else None
    if not isinstance(timeline, list):
        return []
    zone = document_zone(data)
    out = []
    for index, item in enumerate(timeline):
        if not isinstance(item, dict):
            continue
        raw = item.get("at")
        raw_text = raw if isinstance(raw, str) else "" if raw is None else str(raw)
        parsed = parse_timestamp(raw_text)
        moment = None if parsed is None else (with_default_zone(parsed, zone) or parsed)
        kind = item.get("kind")
        out.append(Entry(index, kind.strip().lower() if isinstance(kind, str) else None, raw_text, moment,
                         bool(parsed is not None and _DATE_ONLY.match(raw_text.strip()))))
    return out


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def first_of(timeline: list[Entry], kind: str) -> Entry | None:
    """The first entry of `kind` (milestones are marked once; a repeat is a later phase)."""
    return next((entry for entry in timeline if entry.kind == kind), None)


def minutes_between(start: Entry | None, end: Entry | None) -> float | None:
    """Minutes from `start` to `end`, or None when either is missing or they cannot be compared."""
    if start is None or end is None or start.moment is None or end.moment is None:
        return None
    if start.date_only or end.date_only:  # a day is no time of day: no minutes to count
        return None
    try:
        return (end.moment - start.moment).total_seconds() / 60
    except TypeError:  # aware vs naive
        return None


def format_minutes(minutes: float) -> str:
    """47 min, 2 h 5 min, 3 d 4 h: the figure a reader can take in at once."""
    total = int(round(minutes))
    if abs(total) < 120:
        return f"{total} min"
    if abs(total) < 48 * 60:
        hours, rest = divmod(total, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days, rest = divmod(total, 24 * 60)
    return f"{days} d {rest // 60} h" if rest // 60 else f"{days} d"


def parse_clock(text: Any, default: time) -> time:
    """`22:00` → 22:00; anything unreadable → `default`."""
    try:
        hours, minutes = str(text).split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError):
        return default


def in_window(moment: time, start: time, end: time) -> bool:
    """Whether `moment` lies in [start, end); the window may wrap past midnight."""
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def local_time(moment: datetime, zone: tzinfo | None) -> time:
    """The wall-clock time of `moment` in `zone` (aware moments), else as written."""
    if zone is not None and moment.tzinfo is not None:
        return moment.astimezone(zone).time()
    return moment.time()


def night_entries(data: Any, settings_night: tuple[Any, Any, Any]) -> list[tuple[Entry, time]]:
    """Timeline entries inside the night window (start, end, zone), with their local time."""
    start = parse_clock(settings_night[0], time(22, 0))
    end = parse_clock(settings_night[1], time(7, 0))
    zone = zone_named(settings_night[2]) if settings_night[2] else document_zone(data)
    found = []
    for entry in entries(data):
        if entry.moment is None or entry.date_only:
            continue
        clock = local_time(entry.moment, zone)
        if in_window(clock, start, end):
            found.append((entry, clock))
    return found

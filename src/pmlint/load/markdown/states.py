"""A status page's timed states in front matter → the incident's updates, oldest first.

Status pages built from Markdown keep an incident's updates in its front matter, as a
list of states each with a status, a text and a time (a Jekyll status page:
`incident_states: [{status: investigating, content: ..., date: 05-03-2020 05:36}]`;
Statuspage-like exports: `incident_updates: [{status, body, created_at}]`; any list whose
items carry a time under a time-like key and a status or a text). The list is the
incident's timeline, and its first and last states bound the impact when the last says
the incident was resolved.

Times are read in the document's own date order (`05-03-2020` is 5 March only in a
document that writes its dates day first: `times.day_first_dates`), with the date and
the time required: a state dated to the day gives no clock time to measure from. A
state written with no time of its own takes the page's: one that says resolved, first or
last in the list, the incident's end (`resolvedDate`, `resolvedWhen`, `resolved_at`), else
the first one the incident's start (`date`, `started_at`). Others without a time are left
out.

Bounded: front matter only (at most MAX_STATES states per list, MAX_TEXT characters
of text each), each value read once by the stamp parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from .frontmatter import SCHEMA_FIELDS
from .times import parse_stamp
from ...timeutil import parse_timestamp

#: Keys of a state (compared lower-case, without `_` and `-`) that hold its time.
_TIME_KEYS = ("date", "time", "datetime", "timestamp", "at", "when", "createdat", "created", "displayat",
              "updatedat", "updated", "postedat", "posted", "publishedat", "published")
#: Keys that hold what the state says, in order of preference.
_TEXT_KEYS = ("content", "body", "message", "description", "text", "update", "details", "summary", "note",
              "notes", "comment", "title", "event", "name")
#: Keys that hold the state's status (`investigating`, `identified`, `resolved`).
_STATUS_KEYS = ("status", "state", "phase", "type", "kind")
#: Front-matter keys of the page's own start and end (cState, Jekyll status pages, Statuspage).
START_KEYS = ("date", "started", "started_at", "startedAt", "start", "begin")
END_KEYS = ("resolvedWhen", "resolved_when", "resolvedDate", "resolved_date", "resolved_at", "resolvedAt",
            "ended", "ended_at", "endedAt", "end")
#: A state that closes the incident.
_RESOLVED = re.compile(r"\b(?:resolved|completed|closed|fixed|restored|recovered|post-?mortem|all clear|"
                       r"back to normal|operational)\b", re.IGNORECASE)
#: An ISO 8601 date and time (`2022-05-27T16:50`, `2022-05-29 16:22:00+02:00`): read as ISO.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
MAX_STATES = 500
MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class State:
    """One timed state of the incident, as the front matter writes it."""

    at: str  # the time as written ("05-03-2020 05:36"), the state's own or the page's
    moment: datetime  # `at` read in the document's date order, with its zone when it names one
    text: str  # "Update: Issue had been identified and work on resolution started."
    item: str  # the state's pointer ("/incident_states/1")
    at_pointer: str  # where `at` is written ("/incident_states/1/date", or "/date" when inherited)
    resolved: bool  # the state says the incident was resolved


def read_time(value: Any, day_first: bool = False) -> datetime | None:
    """A date with a time of day written in full (`05-03-2020 01:40`, `2022-05-27T16:50:00Z`,
    `2025-10-20 15:00 UTC`), read in the document's date order, aware when it names a zone;
    None for anything else (a bare date, a time alone, text after the time)."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    text = value.strip()
    if _ISO.match(text):  # `2022-05-27T16:50:00-00:00`: the offset is a zone, never the end of a range
        return parse_timestamp(text)
    stamp = parse_stamp(text, None, day_first)
    if stamp is None or stamp.moment is None or not stamp.has_date or not stamp.has_time or stamp.unknown_time:
        return None
    if text[stamp.end:].strip(" \t.,"):
        return None
    return stamp.moment.replace(tzinfo=stamp.zone) if stamp.zone is not None else stamp.moment


def _pick(item: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    normal = {re.sub(r"[_-]", "", str(key)).lower(): key for key in item}
    for key in keys:
        found = normal.get(key.replace("_", "").lower())
        if found is not None and item[found] is not None:
            return str(found), item[found]
    return None


def _text(item: Mapping[str, Any]) -> str:
    status = _pick(item, _STATUS_KEYS)
    said = _pick(item, _TEXT_KEYS)
    parts = [str(value).strip() for value in (status[1] if status else None, said[1] if said else None)
             if isinstance(value, (str, int, float)) and str(value).strip()]
    if len(parts) == 2:
        head = parts[0][:1].upper() + parts[0][1:]
        return f"{head}: {parts[1]}"[:MAX_TEXT]
    return (parts[0] if parts else "")[:MAX_TEXT]


def _page_time(front: Mapping[str, Any], keys: tuple[str, ...], day_first: bool) -> tuple[str, str, datetime] | None:
    """(key, value, moment) of the first of `keys` that front matter gives with a readable time."""
    for key in keys:
        value = front.get(key)
        moment = read_time(value, day_first)
        if moment is not None:
            return key, str(value).strip(), moment
    return None


def status_states(front: Mapping[str, Any], day_first: bool = False) -> tuple[str, list[State]] | None:
    """(the list's key, its timed states in the order written) for the first front-matter
    list of two or more states that carry a time (a status and a text each), or None.
    `front`: every front-matter key, schema fields included (`date` is the page's start;
    a schema field's own list is never read as states)."""
    for key, value in front.items():
        # a schema field's list (`related_incidents`, `action_items`) is what its name says
        if key in SCHEMA_FIELDS or not isinstance(value, list) or len(value) < 2 or len(value) > MAX_STATES:
            continue
        items = [item for item in value if isinstance(item, dict)]
        if len(items) != len(value):
            continue
        times = [_pick(item, _TIME_KEYS) for item in items]
        read = [read_time(found[1], day_first) if found else None for found in times]
        if sum(moment is not None for moment in read) < 2 or not all(_text(item) for item in items):
            continue
        states: list[State] = []
        last = len(items) - 1
        for index, (item, found, moment) in enumerate(zip(items, times, read)):
            text = _text(item)
            resolved = bool(_RESOLVED.search(str((_pick(item, _STATUS_KEYS) or ("", ""))[1]))) or (
                index == last and bool(_RESOLVED.search(text)))
            pointer = f"/{key}/{index}"
            if moment is not None and found is not None:
                states.append(State(str(found[1]).strip(), moment, text, pointer, f"{pointer}/{found[0]}", resolved))
                continue
            # no time of its own: the state that says resolved, first or last (a list written
            # newest first starts with it), is the incident's end, and the first state
            # otherwise its start, as the page's own fields give them
            page = _page_time(front, END_KEYS, day_first) if resolved and index in (0, last) else \
                _page_time(front, START_KEYS, day_first) if index == 0 else None
            if page is not None:
                states.append(State(page[1], page[2], text, pointer, f"/{page[0]}", resolved))
        if len(states) >= 2:
            return str(key), states
    return None

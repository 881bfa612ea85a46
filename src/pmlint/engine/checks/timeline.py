"""Timeline checks (PM5xx): milestones in order; impact duration agrees (PM503, milestones
present, is the generic `covers` check).

Milestones are timeline entries with `kind` started, detected, mitigated, resolved
(settings.required_milestones). The first entry of each kind counts.

Contract (see `checks/__init__.py`): input is the timeline as `pmlint.timeline` reads
it (moments with zones, rollover past midnight); outputs are one hit per milestone out
of order, duration disagreement or unreadable time. Code because it is timeline
arithmetic.
"""

from __future__ import annotations

import os
import re
from itertools import islice
from typing import Any, Iterable

from ..functions import Context, Hit, check, shorten
from ..kinds import of_kind
from ..timeutil import parse_timestamp, zone_named
from ._shared import is_placeholder
from ...infer.prose import document_texts, span_at
from ...infer.stated_duration import DurationClaim, stated_claims, stated_windows, tolerance_for
from ...timeline import Entry
from ._time import _DATE_ONLY, document_zone, entries, first_of, format_minutes, incident_starts, incidents_of, minutes_between
from ._time import measured as measured_entries


@check("milestones_ordered")
def milestones_ordered(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The milestones that are present come in the order of settings.required_milestones.
    A later milestone listed after an earlier one but timed before it is a timeline out of
    order, which PM502 reports at that entry: one problem, one finding. In an incident log
    each incident's milestones are compared among themselves, never with another's. In a
    Markdown postmortem the kinds are read from the entries' words: a contradiction is
    reported under `strict` only."""
    kinds = [str(kind).lower() for kind in context.setting("required_milestones") or ()]
    # in Markdown each entry's kind is pmlint's reading of its words ("the restart resolved
    # the issue with Vendor B" while Vendor A's is still open): a contradiction between two
    # readings is no error of the author's, and is noted under `strict` only
    read = context.document is not None and context.document.format == "markdown"
    for timeline in incidents_of(entries(value), incident_starts(context)):
        present = [(kind, first_of(timeline, kind)) for kind in kinds]
        marked = [(kind, entry) for kind, entry in present if entry is not None and entry.moment is not None]
        for (before_kind, before), (kind, entry) in zip(marked, marked[1:]):
            gap = minutes_between(before, entry)
            if gap is not None and gap < 0 and entry.index < before.index:
                yield Hit(entry.pointer, {"kind": kind, "value": entry.raw, "previous_kind": before_kind,
                                          "previous": before.raw}, pedantic=read)


@check("impact_duration_agrees", {"duration_tolerance_minutes": of_kind(
    "number", "How far a stated duration may differ from the timeline, in minutes (the least "
    "tolerance: a figure rounded to the hour or hedged with \"about\" is allowed more).")},
       required=("duration_tolerance_minutes",))
def impact_duration_agrees(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A stated impact duration agrees with the times the document gives, within a tolerance
    that respects how the figure was written (`infer.stated_duration`).

    Three readings, each reported only when both of its values are read with confidence:

    1. `impact.duration_minutes` against the timeline's marked milestones (started →
       mitigated or resolved), as always;
    2. a sentence that states the length and both its ends ("from 13:50 until 18:42, for a
       total outage of 4:21h"): the document's own arithmetic;
    3. a duration the prose states as the outage's length ("lasted 4 hours 21 minutes",
       "Duration: ~9 hours") against the timeline's marked milestones (`kind`, or the
       Markdown loader's reading of "outage starts", "resolved"). Several different
       lengths in the prose (phases of one incident) compare with nothing: which one the
       timeline should give cannot be told. A timeline that marks no start and end is not
       read for its onset and recovery here: on real postmortems the entries that describe
       failure and recovery named the wrong ones (an investigation step for the onset, a
       failover plan for the end) too often for a claim of contradiction.
    """
    if not isinstance(value, dict):
        return
    floor = float(options["duration_tolerance_minutes"])
    impact = value.get("impact")
    stated = impact.get("duration_minutes") if isinstance(impact, dict) else None
    number = stated if isinstance(stated, (int, float)) and not isinstance(stated, bool) and stated == stated else None
    timeline = measured_entries(context, value)  # an incident log: one incident's, never across two
    marked = _marked_spans(timeline)
    document = context.document
    claims = stated_claims(document) if document is not None else []
    windows = stated_windows(document) if document is not None else []
    for window in windows:
        tolerance = tolerance_for(window.claim, floor)
        if abs(window.minutes - window.claim.minutes) > tolerance:
            yield Hit(None, {"phrase": shorten(window.claim.phrase, 50), "line": _line(window.claim.span),
                             "start": window.start, "end": window.end, "computed": format_minutes(window.minutes),
                             "tolerance": format_minutes(tolerance)},
                      span=window.claim.span, variant="labelled" if window.labelled else "window")
    if number is not None and marked:
        tolerance = _impact_tolerance(number, claims, floor)
        if any(abs(minutes - number) <= tolerance for _, minutes, _ in marked):
            return
        described = " and ".join(f"{format_minutes(minutes)} to {kind}" for kind, minutes, _ in marked)
        yield Hit("/impact/duration_minutes", {"stated": format_minutes(number), "computed": described,
                                               "tolerance": format_minutes(tolerance)})
        return
    checked = {(window.claim.pointer, window.claim.phrase) for window in windows}
    prose = [claim for claim in claims if (claim.pointer, claim.phrase) not in checked]
    if number is not None and not any(claim.pointer.startswith("/impact") for claim in prose):
        span = document.spans.get("/impact/duration_minutes") if document is not None else None
        prose.insert(0, DurationClaim(float(number), f"impact.duration_minutes: {number}", 1.0, False,
                                      "/impact/duration_minutes", span))
    if not prose:
        return
    measured = marked
    if not measured:
        return  # a timeline that marks no start and end: its entries are no reading to hold a figure to
    distinct = [claim for index, claim in enumerate(prose)
                if not any(abs(claim.minutes - other.minutes) <= tolerance_for(other, floor) for other in prose[:index])]
    if any(abs(minutes - claim.minutes) <= tolerance_for(claim, floor) for claim in prose for _, minutes, _ in measured):
        return
    if len(distinct) != 1:
        return  # several lengths stated (phases of one incident): no one figure to hold the timeline to
    claim = distinct[0]
    kind, minutes, (start, end) = measured[0]
    spans = document.spans if document is not None else {}
    values = {"phrase": shorten(claim.phrase, 50), "line": _line(claim.span), "computed": format_minutes(minutes),
              "start_line": _line(spans.get(f"/timeline/{start.index}")),
              "end_line": _line(spans.get(f"/timeline/{end.index}")), "kind": kind,
              "tolerance": format_minutes(tolerance_for(claim, floor))}
    yield Hit(None, values, span=claim.span, variant="prose")


def _line(span: Any) -> str:
    return str(span.line) if span is not None else "?"


def _marked_spans(timeline: list[Entry]) -> list[tuple[str, float, tuple[Entry, Entry]]]:
    """(end kind, minutes, (start, end)) from the first `started` to the first `mitigated`
    and the first `resolved` entry: the milestones the timeline marks."""
    start = first_of(timeline, "started")
    found = []
    for kind in ("mitigated", "resolved"):
        end = first_of(timeline, kind)
        minutes = minutes_between(start, end)
        if minutes is not None and start is not None and end is not None:
            found.append((kind, minutes, (start, end)))
    return found


def _impact_tolerance(number: float, claims: list[DurationClaim], floor: float) -> float:
    """The tolerance for `impact.duration_minutes`: the floor, or what the words it was read
    from allow (a Markdown "lasting about 2 hours" is 120 minutes, give or take 30)."""
    for claim in claims:
        if claim.pointer.startswith("/impact") and abs(claim.minutes - number) < 0.5:
            return tolerance_for(claim, floor)
    return floor


_SHAPE_DIGIT = re.compile(r"\d")
_SHAPE_ALPHA = re.compile(r"[A-Za-z]")


def _shape(raw: str) -> str:
    """The form of a time as written: `2X:XX` and `1X:XX` share one, `Jan 14` another."""
    return _SHAPE_ALPHA.sub("a", _SHAPE_DIGIT.sub("9", raw.strip()))


#: A date whose time was left as a placeholder (`2022-02-02 X`, `2022-02-02 ??`).
_TIME_LEFT_OUT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T](?:[xX]{1,4}(?::[xX]{2})?|\?{1,2}(?::\?{2})?)$")
#: A time the author says is unknown (`2X:XX (not sure exact time)`); masked digits alone are still reported.
_UNKNOWN_TIME = re.compile(r"\b(?:not sure|unknown|unclear|approx|uncertain|don't know|do not know)", re.IGNORECASE)
#: Minutes masked with x, the hour known: "~15:5x", "18:1x" (the author's honest "about
#: then"; "2X:XX" knows no hour and stays unreadable).
_MASKED_MINUTE = re.compile(r"(?<![\w:])\d{1,2}:(?:\d[x]|[x]{1,2})\b", re.IGNORECASE)


#: A time of day with its zone and no date: `02:00 AM UTC`, `3:41 p.m. EST`, `18:40 (CET)`.
_CLOCK_WITH_ZONE = re.compile(
    r"^~?[ \t]{0,3}(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?::[0-5]\d)?[ \t]{0,3}(?P<half>[AaPp]\.?[Mm]\.?)?[ \t]{0,3}"
    r"\(?(?P<zone>[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Za-z]{2,20}/[A-Za-z_]{2,30})\)?$")


#: A timeline `at` that is a time of day alone: `02:00 AM UTC`, `11:45`, `~09:47`.
#: A span of the day counts too (`03:00-04:48`, `11:27+`), and the 12-hour clock's short
#: forms (`6:10p`, `3:00a`), as blog timelines write them.
_CLOCK_ONLY = re.compile(r"^~?[ \t]{0,3}\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]{0,3}[AaPp]\.?(?:[Mm]\.?)?)?"
                         r"(?:[ \t]{0,3}[-\u2013\u2014][ \t]{0,3}\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]{0,3}[AaPp]\.?(?:[Mm]\.?)?)?|\+)?"
                         r"(?:[ \t]{0,3}\(?[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?$")
#: Any date written anywhere (a year alone counts: the search errs towards "dated").
_ANY_DATE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?[ \t]{1,3}\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?[ \t]{1,3}(?:of[ \t]{1,3})?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b"
    r"|\b(?:the[ \t]{1,3})?\d{1,2}(?:st|nd|rd|th)\b"
    # a date written compact under its label: "Date: 070223", "**Date:** 20230702" (which
    # order its digits are in is the reader's guess, but a date is written)
    r"|\bdate[ \t*_]{0,4}:[ \t*_]{0,4}\d{6}(?:\d{2})?\b", re.IGNORECASE)


def _dated_anywhere(context: Context) -> bool:
    """Whether the document writes a date anywhere: its lines (front matter, title and body,
    the first 20,000), its file name, or a `date` field; a year alone or "the 14th" counts."""
    document = context.document
    if document is None:
        return True
    if _ANY_DATE.search(os.path.basename(str(document.path or ""))):
        return True
    lines = document.lines
    if lines is None:  # a YAML document: its strings
        return any(_ANY_DATE.search(text[:5000]) for _, text in document_texts(document))
    return any(_ANY_DATE.search(line[:2000]) for line in islice(lines, 20000))


#: A clock time with its zone, anywhere in the prose: "from 05:01 to 17:05 UTC", "at 3:41 p.m. EST",
#: "Dec 4, 11:27am HKT" (a zone's abbreviation: HKT, SGT, JST, AEST, NZDT ...; not "GET", "ALERT").
_ZONED_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?[ \t]{0,3}(?:[AaPp]\.?[Mm]\.?[ \t]{0,3})?\(?"
                          r"(?:UTC|GMT|Z\b|[A-Z]{1,3}[SD]T\b|CET|CEST|IST|EET|WET|JST|KST|SGT|HKT|AWST|MSK|BRT|WIB)(?![A-Za-z])")


def _zoned_clock_written(context: Context) -> bool:
    """Whether the document's lines (the first 20,000, each cut at 2,000 characters) give a
    clock time with its zone: with a date written too, its times of day alone can be placed."""
    document = context.document
    lines = document.lines if document is not None else None
    return bool(lines) and any(_ZONED_CLOCK.search(line[:2000]) for line in islice(lines, 20000))


def clock_with_zone(raw: str) -> bool:
    """Whether `raw` is a time of day a reader places without doubt: a valid hour (1-12
    before AM; up to 23 before PM, a 24-hour house style that agrees with its PM; up to 23
    with no AM/PM) in a zone pmlint knows (`_ZONE_FAMILIES`, a written offset, an IANA
    name). `02:00 AM UTC` states its zone and reads clearly: not an ISO 8601 slip. An hour
    over 12 before AM (`23:00 AM`) says two things and is left to the unreadable report."""
    match = _CLOCK_WITH_ZONE.match(raw.strip()[:64])
    if match is None:
        return False
    hour, half, zone = int(match.group("h")), (match.group("half") or "")[:1].lower(), match.group("zone")
    if hour > 23 or half == "a" and not 1 <= hour <= 12 or half == "p" and hour == 0:
        return False
    return (zone.lower() in _ZONE_FAMILIES or _OFFSET_WORD.match(zone) is not None
            or "/" in zone and zone_named(zone) is not None)


@check("timeline_zones", {"min_group": {"type": "integer", "minimum": 2,
                                        "description": "Unreadable times sharing one form are reported once "
                                                       "from this many (default 3)."}})
def timeline_zones(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Timeline times parse and carry a timezone, said the way a reviewer says it.

    When no timed entry carries a zone (and the document declares no `timezone`), that is
    one gap: one finding on the timeline, at `info` (one house style: the times still order
    the events and give durations). When several lack one among zoned entries, that too is
    one finding (at the first); a single entry without the zone the others carry is a slip,
    reported at the entry.
    Unreadable times that share a form (`2X:XX`, ...) from `min_group` entries are one
    finding, however many such forms the timeline mixes; an odd one out is reported on its own; a time the author marks as
    unknown (`2X:XX (not sure exact time)`) is no slip. Date-only entries
    (`2021-12-10`) need no zone; template placeholders (`YYYY-MM-DD HH:MM`) are PM010's."""
    timeline = value.get("timeline") if isinstance(value, dict) else None
    if not isinstance(timeline, list):
        return
    declared = document_zone(value) is not None
    naive: list[tuple[int, str]] = []
    aware = 0
    unreadable: dict[str, list[tuple[int, str]]] = {}
    approximate: list[tuple[int, str]] = []  # "~15:5x": a time given to ten minutes
    timeline_items = [item for item in timeline if isinstance(item, dict) and item.get("at") is not None]
    clocks_only: list[tuple[int, str]] = []  # entries that give a time of day and no date
    declared_date = bool(value.get("date"))
    dated: bool | None = None  # whether a date is written anywhere: read once, when first needed
    zone_in_prose: bool | None = None  # ... and a clock time with its zone: read once, likewise
    for index, item in enumerate(timeline):
        if not isinstance(item, dict) or item.get("at") is None:
            continue
        raw = item["at"] if isinstance(item["at"], str) else str(item["at"])
        clock_only = _CLOCK_ONLY.match(raw) is not None
        if clock_only:
            clocks_only.append((index, raw))
        parsed = parse_timestamp(raw)
        if parsed is None and is_placeholder(raw, context):
            continue  # `YYYY-MM-DD HH:MM` is template residue: PM010 reports it
        if parsed is None and _UNKNOWN_TIME.search(raw):
            continue  # `2X:XX (not sure exact time)`: the author says the time is unknown
        if parsed is None and clock_with_zone(raw):
            aware += 1  # `02:00 AM UTC`: a clear time of day in a named zone, not a format slip
            continue
        if parsed is None and clock_only and zone_in_prose is None:
            dated = _dated_anywhere(context) if dated is None else dated
            zone_in_prose = dated and _zoned_clock_written(context)
        if parsed is None and clock_only and zone_in_prose:
            # `04:56` in a document whose prose gives the day and the zone ("On February 21st,
            # 2024, ... from 05:01 to 17:05 UTC"): a time of day a reader places, read as a
            # time without a zone of its own, not as a format slip
            naive.append((index, raw))
            continue
        if parsed is None and _MASKED_MINUTE.search(raw):
            approximate.append((index, raw))
        elif parsed is None:
            unreadable.setdefault(_shape(raw), []).append((index, raw))
        elif _DATE_ONLY.match(raw.strip()):
            continue
        elif parsed.tzinfo is not None:
            aware += 1
        else:
            naive.append((index, raw))
    if clocks_only and len(clocks_only) == len(timeline_items) and len(clocks_only) >= 2 and not declared_date \
            and not (_dated_anywhere(context) if dated is None else dated):
        # every time is a time of day, and no date is written anywhere: the times cannot be
        # placed on any day ("On Tuesday at 02:01 AM UTC"); one finding, whatever their form
        index, raw = clocks_only[0]
        yield Hit(f"/timeline/{index}/at", {"value": shorten(raw), "count": len(clocks_only)}, variant="undated")
        return
    min_group = int(options.get("min_group", 3))
    # the forms written often are one gap, one finding at the first of them: `7:20am` and
    # `10:27am` in one list are one way of writing, not two (a second finding inflates it);
    # many unreadable times, however each is written ("Aug 31 8:49am", "Sept 3, 4:26pm",
    # "Sept 3 11:19"), are one timeline written one loose way: one finding
    if approximate:
        # not a format to fix but minutes not known: what it costs is the measurements
        index, raw = approximate[0]
        # (judged noise twice of three times: ten minutes is precise enough for most reviews)
        yield Hit(f"/timeline/{index}/at", {"value": shorten(raw), "count": len(approximate)}, variant="approximate",
                  pedantic=True)
    common = sorted(entry for group in unreadable.values() for entry in group)
    if len(common) >= min_group:
        index, raw = common[0]
        yield Hit(f"/timeline/{index}/at", {"value": shorten(raw), "count": len(common)}, variant="unreadable")
    else:  # fewer: each is its own slip
        for index, raw in common:
            problem = "keeps a placeholder for its time; fill it in, or write the date alone" \
                if _TIME_LEFT_OUT.match(raw) else "is not a valid ISO 8601 date-time"
            yield Hit(f"/timeline/{index}/at", {"value": shorten(raw), "problem": problem})
    if declared or not naive:
        return
    if aware == 0 and len(naive) > 1:
        # one house style throughout: the times still order the events and give the
        # durations, so a reviewer seldom raises it (review 3: pedantic); `strict` only
        yield Hit("/timeline", {"count": len(naive)}, pedantic=True, variant="no_zones")
        return
    if len(naive) > 1:
        # several without a zone among zoned ones: one gap, one finding at the first of them
        # (a zone stated once and meant for the rest is read so by the Markdown loader)
        index, raw = naive[0]
        yield Hit(f"/timeline/{index}/at", {"value": shorten(raw), "count": len(naive), "total": len(naive) + aware},
                  variant="some_zones")
        return
    for index, raw in naive:
        yield Hit(f"/timeline/{index}/at", {"value": shorten(raw), "problem": "has no timezone"})


#: Zones that are one clock to a reader: a zone, its daylight variant and the names people
#: give it (PST/PDT/PT/Pacific), by family. A zone not listed is its own family (its name).
_ZONE_FAMILIES = {
    "utc": "UTC", "z": "UTC", "gmt": "UTC", "ut": "UTC", "etc/utc": "UTC",
    "pst": "US/Pacific", "pdt": "US/Pacific", "pt": "US/Pacific", "pacific": "US/Pacific",
    "america/los_angeles": "US/Pacific", "pst8pdt": "US/Pacific",
    "est": "US/Eastern", "edt": "US/Eastern", "et": "US/Eastern", "eastern": "US/Eastern",
    "america/new_york": "US/Eastern", "est5edt": "US/Eastern",
    "cst": "US/Central", "cdt": "US/Central", "ct": "US/Central", "central": "US/Central",
    "america/chicago": "US/Central", "cst6cdt": "US/Central",
    "mst": "US/Mountain", "mdt": "US/Mountain", "mt": "US/Mountain", "mountain": "US/Mountain",
    "america/denver": "US/Mountain", "mst7mdt": "US/Mountain",
    "cet": "CET", "cest": "CET", "europe/berlin": "CET", "europe/paris": "CET", "europe/amsterdam": "CET",
    "bst": "UK", "europe/london": "UK",
    "aest": "AU/East", "aedt": "AU/East", "nzst": "NZ", "nzdt": "NZ", "nzt": "NZ", "akst": "US/Alaska",
    "akdt": "US/Alaska",
}
#: The document says its times are UK time: GMT is then the winter half of GMT/BST, not UTC.
_UK_TIME = re.compile(r"\b(?:UK|U\.K\.|British|London)[ \t]+time\b|\bEurope/London\b", re.IGNORECASE)
#: A zone written with its offset (`UTC+1`, `GMT-7`, `+02:00`): a reader can order it.
_OFFSET_WORD = re.compile(r"^(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?$", re.IGNORECASE)
#: A time in another zone in brackets beside an entry's own: "10:00 BST (09:00 UTC)".
_CONVERSION = re.compile(r"\(\s*(?:~\s*)?\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?\s*)?(?P<zone>[A-Za-z]{1,5}(?:[+-]\d{1,2})?)\s*\)")
#: The zone written at the end of a YAML `at` (`2025-06-21 10:00 BST`, `...Z`).
_AT_ZONE = re.compile(r"(?:\d|\s)(?P<zone>Z|[A-Za-z]{2,5}|[A-Za-z]+/[A-Za-z_]{2,30})$")


#: A zone with its offset stated: "BST (UTC+1)", "PDT = UTC-7", "CEST, i.e. UTC+02:00".
_STATED_OFFSET = re.compile(r"(?<![\w/])(?P<zone>[A-Z]{2,5})\b[^.\n]{0,12}?\b(?:UTC|GMT)[ \t]?[+\-\u2212][ \t]?\d")


def _offset_stated(lines: Any, zones: set[str]) -> bool:
    """Whether the document gives the UTC offset of one of `zones` anywhere (first 2,000 lines)."""
    for line in islice(lines, 2000):
        if "UTC" not in line and "GMT" not in line:
            continue
        for match in _STATED_OFFSET.finditer(line[:2000]):
            if match.group("zone") in zones and match.group("zone") not in ("UTC", "GMT"):
                return True
    return False


def _family(word: str, uk_time: bool) -> str | None:
    """The clock a zone name stands for; None for a written offset (orderable as it is)."""
    text = word.strip()
    if _OFFSET_WORD.match(text):
        return None
    lowered = text.lower()
    if uk_time and lowered == "gmt":
        return "UK"
    return _ZONE_FAMILIES.get(lowered, text.upper())


def _zone_words(value: dict, context: Context) -> list[tuple[int, str]]:
    """(timeline index, zone as written) for each entry that names its own zone."""
    meta = getattr(context.document, "meta", None) if context.document is not None else None
    written = getattr(meta, "timeline_zone_words", ()) or ()
    found: list[tuple[int, str]] = []
    for pointer, word in written:
        head, _, position = str(pointer).rpartition("/")
        if head == "/timeline" and position.isdigit():
            found.append((int(position), str(word)))
    if found or context.document is None or context.document.format == "markdown":
        return found
    timeline = value.get("timeline")
    for index, item in enumerate(timeline if isinstance(timeline, list) else ()):
        at = item.get("at") if isinstance(item, dict) else None
        if not isinstance(at, str) or len(at) > 64 or not at[:1].isdigit():
            continue
        match = _AT_ZONE.search(at.strip())
        if match:
            found.append((index, "UTC" if match.group("zone").upper() == "Z" else match.group("zone")))
    return found


@check("timeline_zone_mix")
def timeline_zone_mix(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Entries of one timeline written in different zones (BST and UTC, PST and UTC) with no
    conversion stated: a reader cannot put them in order without knowing the offsets.

    Not a mix: a zone and its daylight variant or another name for it (PST/PDT/PT/Pacific,
    EST/EDT/ET, CET/CEST; GMT/BST when the document says its times are UK time); offsets
    written out (`UTC+1`, `+02:00`); an entry that gives its time in the other zone too
    ("10:00 BST (09:00 UTC)"): each entry counts for every zone it is given in, and the
    timeline is one clock when one zone is common to all its zoned entries. One finding for
    the timeline, at its first entry in the zone fewer entries use.

    Outside the timeline, a time range whose two ends are written in different zones
    ("11:30 AM BST - 20:30 PM UTC") is reported at the range: its length cannot be read
    off it. A zone named in passing in the prose ("paged at 3 AM PST") is not read."""
    if not isinstance(value, dict):
        return
    lines = getattr(context.document, "lines", ()) if context.document is not None else ()
    uk_time = any(_UK_TIME.search(line) for line in islice(lines, 400) if "time" in line.lower() or "London" in line)
    yield from _mixed_ranges(context, uk_time)
    if not isinstance(value.get("timeline"), list):
        return
    words = _zone_words(value, context)
    if len(words) < 2:
        return
    timeline = value["timeline"]
    per_entry: list[tuple[int, str, set[str]]] = []
    for index, word in words:
        family = _family(word, uk_time)
        if family is None:
            continue
        families = {family}
        item = timeline[index] if index < len(timeline) else None
        event = item.get("event") if isinstance(item, dict) else None
        if isinstance(event, str):
            for conversion in _CONVERSION.finditer(event[:200]):
                other = _family(conversion.group("zone"), uk_time)
                if other is not None:
                    families.add(other)
        per_entry.append((index, word, families))
    if len(per_entry) < 2 or set.intersection(*(families for _, _, families in per_entry)):
        return
    counts: dict[str, list[tuple[int, str]]] = {}
    for index, word, families in per_entry:
        if len(families) == 1:
            counts.setdefault(next(iter(families)), []).append((index, word))
    if len(counts) < 2:
        return
    ranked = sorted(counts.items(), key=lambda pair: (-len(pair[1]), pair[1][0][0]))
    (_, main_entries), (_, other_entries) = ranked[0], ranked[1]
    if _offset_stated(lines, {word.upper() for entries_ in counts.values() for _, word in entries_}):
        return  # "All times BST (UTC+1)": the conversion is stated once for the document
    spans = context.document.spans if context.document is not None else {}
    first = other_entries[0][0]
    # one entry off the zone the document declares for all its times ("Timeline (all times
    # PST)", then one "23:00 AM MST"): the declaration tells the reader the clock, and the
    # odd one out reads as a slip of the pen; a copy-edit note, `strict` only
    slip = len(other_entries) == 1 and _declared_family(lines, uk_time) == ranked[0][0]
    yield Hit(f"/timeline/{first}/at", {
        "zone": other_entries[0][1], "count": _entries(len(other_entries)), "main_zone": main_entries[0][1],
        "main_count": len(main_entries), "line": _line(spans.get(f"/timeline/{first}")),
        "main_line": _line(spans.get(f"/timeline/{main_entries[0][0]}"))},
        variant="single" if len(other_entries) == 1 else None, pedantic=slip)


#: "All times PST", "all times are in UTC", "Times in CET": a zone declared for every time.
_ALL_TIMES = re.compile(r"\ball[ \t]+times?[ \t]+(?:are[ \t]+)?(?:in[ \t]+|given[ \t]+in[ \t]+)?\(?"
                        r"(?P<zone>[A-Za-z]{1,5}|[A-Za-z]{2,20}/[A-Za-z_]{2,30})\b", re.IGNORECASE)


def _declared_family(lines: Any, uk_time: bool) -> str | None:
    """The clock (`_family`) of the zone the document declares for all its times ("## Timeline
    (all times PST)"), in its first 2,000 lines; None when it declares none."""
    for line in islice(lines, 2000):
        if "time" not in line.lower():
            continue
        match = _ALL_TIMES.search(line[:2000])
        if match is not None and match.group("zone").lower() not in ("in", "are", "given", "of", "the"):
            return _family(match.group("zone"), uk_time)
    return None


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def _clock_zone(name: str) -> str:
    """A clock time and the zone written after it, the zone captured as `name`."""
    return (r"\d{1,2}:\d{2}(?::\d{2})?[ \t]?(?:[AaPp]\.?[Mm]\.?)?[ \t]?\(?(?P<" + name +
            r">UTC|GMT|Z|[A-Z]{2,4}T)\)?")


#: A time range with a zone at each end: "11:30 AM BST - May 28 2025, 20:30 PM UTC".
_ZONED_RANGE = re.compile(
    r"(?<![\w:])" + _clock_zone("first") + r"[ \t]{0,3}(?:-|\u2013|\u2014|to|until|till|through)[ \t]{1,3}"
    r"(?:(?:[A-Z][a-z]{2,8}\.?[ \t]\d{1,2}(?:st|nd|rd|th)?,?(?:[ \t]\d{4})?|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}[ \t][A-Z][a-z]{2,8}(?:[ \t]\d{4})?),?[ \t]{1,2})?(?<![\w:])" + _clock_zone("second")
    + r"(?![\w])(?![ \t]?\([^)]{0,20}\d:\d)")


#: A clock time as written, its zone aside: "11:30 AM", "20:30".
_RANGE_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?")


def _given_elsewhere(document: Any, match: re.Match[str], uk_time: bool) -> bool:
    """Whether the document writes one end of a mixed range elsewhere at the same clock
    time in the other end's zone ("11:30 AM BST - 20:30 PM UTC" here, "11:30 AM UTC" two
    lines up): the reader has the instant in one zone, and the odd zone reads as a slip."""
    start = _RANGE_CLOCK.match(match.group())
    if start is None:
        return False
    wanted = _family(match.group("second"), uk_time)
    pattern = re.compile(r"(?<![\w:])" + re.escape(start.group()) + r"[ \t]?\(?(?P<zone>UTC|GMT|Z|[A-Z]{2,4}T)\b")
    for line in islice(document.lines or (), 2000):
        if start.group() in line and any(_family(other.group("zone"), uk_time) == wanted
                                         for other in pattern.finditer(line[:2000])):
            return True
    return False


def _mixed_ranges(context: Context, uk_time: bool) -> Iterable[Hit]:
    """A time range outside the timeline whose ends are written in two zones."""
    document = context.document
    if document is None:
        return
    for pointer, text in document_texts(document, ("/timeline",)):
        if ":" not in text:
            continue
        for match in _ZONED_RANGE.finditer(text):
            first, second = _family(match.group("first"), uk_time), _family(match.group("second"), uk_time)
            if first is None or second is None or first == second:
                continue
            if _given_elsewhere(document, match, uk_time):
                continue
            span = span_at(document, pointer, match.group())
            yield Hit(None, {"range": match.group(), "zone": match.group("first"), "other": match.group("second"),
                             "line": _line(span)}, span=span, variant="range")

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

import re
from typing import Any, Iterable

from ..functions import Context, Hit, check, shorten
from ..kinds import of_kind
from ..timeutil import parse_timestamp
from ._shared import is_placeholder
from ._time import _DATE_ONLY, document_zone, entries, first_of, format_minutes, minutes_between


@check("milestones_ordered")
def milestones_ordered(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The milestones that are present come in the order of settings.required_milestones.
    A later milestone listed after an earlier one but timed before it is a timeline out of
    order, which PM502 reports at that entry: one problem, one finding."""
    timeline = entries(value)
    kinds = [str(kind).lower() for kind in context.setting("required_milestones") or ()]
    present = [(kind, first_of(timeline, kind)) for kind in kinds]
    marked = [(kind, entry) for kind, entry in present if entry is not None and entry.moment is not None]
    for (before_kind, before), (kind, entry) in zip(marked, marked[1:]):
        gap = minutes_between(before, entry)
        if gap is not None and gap < 0 and entry.index < before.index:
            yield Hit(entry.pointer, {"kind": kind, "value": entry.raw, "previous_kind": before_kind,
                                      "previous": before.raw})


@check("impact_duration_agrees", {"duration_tolerance_minutes": of_kind(
    "number", "How far `impact.duration_minutes` may differ from the timeline, in minutes.")},
       required=("duration_tolerance_minutes",))
def impact_duration_agrees(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`impact.duration_minutes` matches started → mitigated or started → resolved in the
    timeline, within `duration_tolerance_minutes`."""
    impact = value.get("impact") if isinstance(value, dict) else None
    stated = impact.get("duration_minutes") if isinstance(impact, dict) else None
    if not isinstance(stated, (int, float)) or isinstance(stated, bool):
        return
    timeline = entries(value)
    start = first_of(timeline, "started")
    measured = [(kind, minutes_between(start, first_of(timeline, kind))) for kind in ("mitigated", "resolved")]
    spans = [(kind, minutes) for kind, minutes in measured if minutes is not None]
    if not spans:
        return
    tolerance = float(options["duration_tolerance_minutes"])
    if any(abs(minutes - stated) <= tolerance for _, minutes in spans):
        return
    described = " and ".join(f"{format_minutes(minutes)} to {kind}" for kind, minutes in spans)
    yield Hit("/impact/duration_minutes", {"stated": format_minutes(stated), "computed": described,
                                           "tolerance": format_minutes(tolerance)})


_SHAPE_DIGIT = re.compile(r"\d")
_SHAPE_ALPHA = re.compile(r"[A-Za-z]")


def _shape(raw: str) -> str:
    """The form of a time as written: `2X:XX` and `1X:XX` share one, `Jan 14` another."""
    return _SHAPE_ALPHA.sub("a", _SHAPE_DIGIT.sub("9", raw.strip()))


#: A date whose time was left as a placeholder (`2022-02-02 X`, `2022-02-02 ??`).
_TIME_LEFT_OUT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T](?:[xX]{1,4}(?::[xX]{2})?|\?{1,2}(?::\?{2})?)$")
#: A time the author says is unknown (`2X:XX (not sure exact time)`); masked digits alone are still reported.
_UNKNOWN_TIME = re.compile(r"\b(?:not sure|unknown|unclear|approx|uncertain|don't know|do not know)", re.IGNORECASE)


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
    Unreadable times that share a form (`2X:XX`, ...) are reported once per form from
    `min_group` entries; an odd one out is reported on its own; a time the author marks as
    unknown (`2X:XX (not sure exact time)`) is no slip. Date-only entries
    (`2021-12-10`) need no zone; template placeholders (`YYYY-MM-DD HH:MM`) are PM010's."""
    timeline = value.get("timeline") if isinstance(value, dict) else None
    if not isinstance(timeline, list):
        return
    declared = document_zone(value) is not None
    naive: list[tuple[int, str]] = []
    aware = 0
    unreadable: dict[str, list[tuple[int, str]]] = {}
    for index, item in enumerate(timeline):
        if not isinstance(item, dict) or item.get("at") is None:
            continue
        raw = item["at"] if isinstance(item["at"], str) else str(item["at"])
        parsed = parse_timestamp(raw)
        if parsed is None and is_placeholder(raw, context):
            continue  # `YYYY-MM-DD HH:MM` is template residue: PM010 reports it
        if parsed is None and _UNKNOWN_TIME.search(raw):
            continue  # `2X:XX (not sure exact time)`: the author says the time is unknown
        if parsed is None:
            unreadable.setdefault(_shape(raw), []).append((index, raw))
        elif _DATE_ONLY.match(raw.strip()):
            continue
        elif parsed.tzinfo is not None:
            aware += 1
        else:
            naive.append((index, raw))
    min_group = int(options.get("min_group", 3))
    for group in unreadable.values():
        if len(group) >= min_group:
            index, raw = group[0]
            yield Hit(f"/timeline/{index}/at", {"value": shorten(raw), "count": len(group)}, variant="unreadable")
        else:
            for index, raw in group:
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

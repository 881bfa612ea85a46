"""How long a postmortem says the impact lasted, as written, and how precisely.

PM505 compares a stated duration with the times the document gives. A comparison is
only as good as its two readings, so this module reads a duration only where the text
says it is the length of the outage ("lasted 47 minutes", "for a total outage of 4:21h",
"Duration: ~9 hours", "6 hours of downtime") and keeps how it was written:

- its **granularity**: "4:21h", "4 hours 21 minutes" and "95 minutes" are to the minute;
  "4 hours" is rounded to the hour (30 minutes either way); "2 days" to the day;
- its **hedge**: "about", "approximately", "~", "roughly" allow a quarter of the figure;
- a **bound** ("at least", "over", "less than", "just under") is not a length at all and
  is not read: "lasted for at least seven hours" contradicts no 9-hour timeline.

`tolerance_for(claim, floor)` turns that into the difference a reader would accept, so
"about 2 hours" against 2 h 20 min is agreement and "4:21h" against 4 h 52 min is not.

`stated_windows` reads the sentence that gives the length and both ends of it ("from the
start of the outage (2021-11-03 13:50:46) until [...] (2021-11-03 18:42:57) for a total
outage of 4:21h", "lasting 1 hour and 48 minutes, from 16:58 to 18:46 UTC"): the
document's own arithmetic, checkable with no inference at all.

Every regex is an alternation of literal words with bounded gaps: linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime

from .. import regex_cache
from ..load.labelled_rows import labelled_rows
from ..model import Document, Span
from .prose import document_texts, span_at

_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "forty": 40, "forty-five": 45, "an": 1, "a": 1}
_NUM = r"(?:\d{1,4}(?:\.\d{1,2})?|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + ")"
_MIN_UNIT = r"(?:minutes?|mins?|m)"
_HOUR_UNIT = r"(?:hours?|hrs?|h)"
_DAY_UNIT = r"(?:days?)"
#: "4:21h", "4:21 hours" | "9hrs 34mins", "1 hour and 48 minutes", "47 minutes", "~9 hours", "2 days"
_AMOUNT = (r"(?:(?P<hh>\d{1,3}):(?P<mm>[0-5]\d)[ \t]?" + _HOUR_UNIT + r"\b"
           r"|(?P<n>" + _NUM + r")[ \t-]{0,2}(?P<unit>" + _MIN_UNIT + "|" + _HOUR_UNIT + "|" + _DAY_UNIT + r")\b"
           r"(?:[ \t,]{0,2}(?:and[ \t]{1,3})?(?P<n2>\d{1,2})[ \t-]{0,2}(?P<unit2>" + _MIN_UNIT + "|" + _HOUR_UNIT +
           r")\b)?)")
_HEDGE = r"(?P<hedge>about|approximately|approx\.?|around|roughly|some|nearly|almost|circa|ca\.|an[ \t]estimated|~|≈|\\~)"
_BOUND = (r"(?P<bound>at[ \t]least|at[ \t]most|(?:just[ \t]|well[ \t])?(?:over|under)|more[ \t]than|less[ \t]than|"
          r"fewer[ \t]than|up[ \t]to|upwards[ \t]of|maximum|max\.?|no[ \t]more[ \t]than|>|<)")
#: What says the figure is the length of the outage, before it: "lasted (for)", "for a total
#: (outage) of", "total downtime (was)", "Duration:", "down for", "an outage of".
_CUE = (r"(?:lasted|lasting|lasts|last(?:ed)?[ \t]for|"
        r"(?:for[ \t])?(?:a[ \t])?total(?:[ \t](?:outage|downtime|disruption|impact|duration|outage[ \t]time))?"
        r"(?:[ \t](?:of|was|is|:))?|"
        r"(?:outage|downtime|disruption|incident|impact|unavailability)[ \t](?:of|lasted|was|lasting)|"
        r"duration(?:[ \t]of[ \t](?:the[ \t])?(?:outage|incident|impact|disruption))?(?:[ \t]was|[ \t]is)?[ \t]?:?|"
        r"(?:was|were|went|been|is|are)[ \t](?:down|offline|unavailable|unreachable|halted|stalled|degraded)[ \t]for|"
        r"down[ \t]for)")
#: A figure with its unit: what every stated length holds. Searched first (it starts at a
#: digit or a number word); the cue before it is then looked for in a short slice.
_FIGURE = regex_cache.compile(r"(?<![\w:.])" + _AMOUNT, re.IGNORECASE)
#: What stands just before a figure that is the outage's length: a cue, then a hedge or a bound.
_BEFORE = regex_cache.compile(
    r"(?<![\w])(?:(?P<cue>" + _CUE + r")(?:[ \t:]{1,3}(?:for[ \t])?|[ \t]?(?:\*\*)?[ \t]?))?"
    r"(?:(?:" + _HEDGE + r"|" + _BOUND + r")[ \t]?)?$", re.IGNORECASE)
#: ... or just after it: "6 hours of downtime", "a 7-minute outage".
_TAIL = regex_cache.compile(r"[ \t-](?:of[ \t])?(?:total[ \t])?(?:downtime|outage|disruption|unavailability)\b",
                            re.IGNORECASE)
#: How far before a figure its cue is looked for.
_CUE_REACH = 64
#: A duration that follows these is a period or a delay, not the outage's length.
_NOT_LENGTH_AFTER = regex_cache.compile(r"[ \t]{0,2}(?:later|ago|earlier|of[ \t](?:data|logs|state|history|retention))\b",
                                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DurationClaim:
    """A duration the document states as the length of the impact, as written."""

    minutes: float
    phrase: str
    #: rounding of the figure as written, in minutes (1 for "4:21h", 30 for "4 hours")
    granularity: float
    hedged: bool
    pointer: str
    span: Span | None

    @property
    def line(self) -> int | None:
        return self.span.line if self.span else None


def tolerance_for(claim: DurationClaim, floor: float) -> float:
    """The difference a reader accepts between this figure and the times: the configured
    floor; half the rounding the figure was written to; a quarter of it when hedged."""
    allowed = max(float(floor), claim.granularity / 2 if claim.granularity > 1 else 0.0)
    if claim.hedged:
        allowed = max(allowed, claim.minutes * 0.25)
    return allowed


def _number(word: str) -> float | None:
    lowered = word.lower()
    if lowered in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[lowered])
    try:
        return float(lowered)
    except ValueError:
        return None


def _unit_minutes(unit: str) -> float:
    lowered = unit.lower()
    if lowered.startswith("d"):
        return 1440.0
    if lowered.startswith("h"):
        return 60.0
    return 1.0


@dataclass(frozen=True, slots=True)
class _Found:
    """A stated length found in one text: where, as written, and its reading."""

    start: int
    end: int
    phrase: str
    hedged: bool
    minutes: float
    granularity: float


def read_figure(match: re.Match[str]) -> tuple[float, float] | None:
    """(minutes, granularity) of a `_FIGURE` match, None for an unreadable figure."""
    if match.group("hh") is not None:
        return int(match.group("hh")) * 60 + int(match.group("mm")), 1.0
    amount = _number(match.group("n") or "")
    if amount is None:
        return None
    factor = _unit_minutes(match.group("unit"))
    minutes = amount * factor
    granularity = 1.0 if factor == 1 else factor * (0.5 if amount != int(amount) else 1.0)
    if match.group("n2") is not None:
        minutes += int(match.group("n2")) * _unit_minutes(match.group("unit2"))
        granularity = 1.0 if _unit_minutes(match.group("unit2")) == 1 else 60.0
    if minutes <= 0 or minutes != minutes or minutes > 366 * 1440:
        return None
    return minutes, granularity


#: Words one of which every figure's unit holds: a text with none holds no stated length.
_UNIT_HINT = regex_cache.compile(r"min|hour|hr|day|\d[ \t-]?[hHmMdD]", re.IGNORECASE)


def claims_in(text: str) -> tuple[_Found, ...]:
    """`_claims_in`, cached for short texts only: no large text outlives its document."""
    return _claims_cached(text) if len(text) <= 4096 else _claims_in(text)


@lru_cache(maxsize=4096)
def _claims_cached(text: str) -> tuple[_Found, ...]:
    return _claims_in(text)


def _claims_in(text: str) -> tuple[_Found, ...]:
    """Every stated length of the outage in `text`: a figure with a cue before it ("lasted",
    "a total outage of", "Duration:") or an outage word after it ("6 hours of downtime"),
    not a bound ("at least") and not a delay ("3 hours later"). Cached per text: PM505
    reads the same prose for its lengths and for the windows around them."""
    if _UNIT_HINT.search(text) is None:
        return ()
    found: list[_Found] = []
    for match in _FIGURE.finditer(text):
        left = max(0, match.start() - _CUE_REACH)
        before = _BEFORE.search(text, left, match.start())
        cue = before is not None and before.group("cue") is not None
        if not cue and _TAIL.match(text, match.end()) is None:
            continue  # a figure not said to be the outage's length
        if before is not None and before.group("bound"):
            continue  # "at least seven hours", "just under 7 hours": a bound, no length
        if _NOT_LENGTH_AFTER.match(text, match.end()):
            continue
        read = read_figure(match)
        if read is None:
            continue
        start = before.start() if cue and before is not None else \
            (before.start() if before is not None and before.group("hedge") else match.start())
        found.append(_Found(start, match.end(), text[start:match.end()].strip(),
                            before is not None and before.group("hedge") is not None, *read))
    return tuple(found)


#: Where the length of the outage is stated: the prose, not the timeline's entries, the
#: plan, the lessons or the causes (a phase, a delay or a bug's age is said there).
_SKIP = ("/timeline", "/action_items", "/lessons", "/root_causes", "/detection", "/on_call", "/trigger")


def stated_claims(document: Document) -> list[DurationClaim]:
    """Every duration the prose states as the length of the impact, in document order."""
    found = []
    for pointer, text in document_texts(document, _SKIP):
        for claim in claims_in(text):
            found.append(DurationClaim(claim.minutes, claim.phrase, claim.granularity, claim.hedged, pointer,
                                       span_at(document, pointer, claim.phrase)))
    return found


# ---- the window a sentence gives: "from 16:58 to 18:46 UTC" -----------------------------

_TIME = regex_cache.compile(
    r"(?<![\w:.,/-])(?:(?P<date>\d{4}-\d{2}-\d{2})(?:,?[ \t]{1,2}|T))?(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)"
    r"(?::(?P<second>[0-5]\d))?(?:[ \t]?(?P<half>[ap])\.?m\b\.?)?(?![\d:])(?![ \t]?(?:h|hrs?|hours?)\b)"
    r"(?:[ \t]?\(?(?P<zone>[A-Z]{2,5})\b\)?)?")
#: Between the two ends: "to", "until", "till", "through", a dash.
_TILL = regex_cache.compile(r"(?:^|[\s)])(?:to|until|till|through|thru)\b|^[ \t)]*[-\u2013\u2014][ \t(]*$", re.IGNORECASE)
#: Before the start: "from", "between", "since", "start of".
_FROM = regex_cache.compile(r"\b(?:from|between|since|start(?:ed|s)?|began|beginning)\b", re.IGNORECASE)
_SENTENCE_END = regex_cache.compile(r"[.!?](?=\s|$)|\n")
#: How far around a stated length its sentence is looked for, each side (bounded work per claim).
_REACH = 400
#: Most characters between a stated length and the nearer end of its window.
_GAP = 60


@dataclass(frozen=True, slots=True)
class StatedWindow:
    """A sentence (or a labelled metadata block, `labelled`) that states the length of the
    impact and both its ends."""

    claim: DurationClaim
    start: str
    end: str
    minutes: float
    start_span: Span | None
    end_span: Span | None
    #: read from labelled rows ("Start Time", "End Time", "Total Duration"), not one sentence
    labelled: bool = False


def _moment(match: re.Match[str]) -> tuple[datetime, bool]:
    """(the time, whether a date was written) of a `_TIME` match."""
    hour = int(match.group("hour"))
    half = (match.group("half") or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    second = int(match.group("second") or 0)
    if match.group("date"):
        day = datetime.fromisoformat(match.group("date"))
        return day.replace(hour=hour, minute=int(match.group("minute")), second=second), True
    return datetime(2000, 1, 1, hour, int(match.group("minute")), second), False


def _window(text: str, begin: int, end: int, claim: _Found) -> tuple[re.Match[str], re.Match[str], float] | None:
    """The two times of the sentence text[begin:end] that bound the outage, and the minutes
    between them; None unless there are exactly two, joined by "to"/"until"/a dash, with
    "from"/"between"/"start" before the first or nothing but the joint between them."""
    times = [match for match in _TIME.finditer(text, begin, end)
             if match.end() <= claim.start or match.start() >= claim.end]
    if len(times) != 2:
        return None
    first, second = times
    # the length and its ends are one statement: side by side in one clause ("from 16:58 to
    # 18:46, lasting 1 hour 48 minutes"), not "lasted 3 hours; from 10:00 to 10:30 we tried ..."
    if claim.start >= second.end():
        gap = text[second.end():claim.start]
    elif claim.end <= first.start():
        gap = text[claim.end:first.start()]
    else:
        return None
    if len(gap) > _GAP or ";" in gap:
        return None
    between = text[first.end():second.start()]
    if len(between) > 120 or not _TILL.search(between):
        return None
    lead = text[max(begin, first.start() - 80):first.start()]
    if len(between.strip(" \t()")) > 8 and not _FROM.search(lead):
        return None
    zones = {(match.group("zone") or "").upper() for match in times} - {""}
    if len(zones) > 1:
        return None  # two zones: PM506's matter, no arithmetic here
    try:
        start, start_dated = _moment(first)
        stop, stop_dated = _moment(second)
    except ValueError:  # 2021-02-30: no such day
        return None
    if start_dated and not stop_dated:
        stop = start.replace(hour=stop.hour, minute=stop.minute, second=stop.second)  # the end on the start's day
    elif stop_dated and not start_dated:
        return None
    minutes = (stop - start).total_seconds() / 60
    if not stop_dated:
        # no date at the end: the days between are not written ("from 22:00 to 02:00",
        # "from 22:00 on Monday to 02:00 on Wednesday"), so the clock gives the length
        # only up to whole days; the reading nearest the stated length is taken
        minutes %= 1440
        minutes += 1440 * max(0, round((claim.minutes - minutes) / 1440))
    if minutes <= 0:
        return None
    return first, second, minutes


#: Lines from the top searched for such a block, and most lines between its first and last row.
_LABELLED_TOP = 80
_LABELLED_BLOCK = 8


def labelled_window(document: Document) -> StatedWindow | None:
    """A metadata block at the top that labels the start, the end and the length of the
    impact ("| Start Time | 2018-06-29 12:58 PST |", "| End Time | 2018-06-29 13:55 PST |",
    "| Total Duration | 39 Minutes |"), as a window to hold the length to; None unless all
    three are read within `_LABELLED_BLOCK` lines, the ends in one zone (or none)."""
    lines = document.lines or []
    start = end = None
    length: tuple[_Found, int, str] | None = None
    first_row = None
    for each in labelled_rows(lines[:_LABELLED_TOP]):
        number = each.line
        if first_row is not None and number - first_row > _LABELLED_BLOCK:
            break
        value = each.value.strip().strip("*_").strip()
        if each.kind == "length":
            claims = claims_in(f"Duration: {value}")  # the label says what the figure is
            if length is None and len(claims) == 1:
                length = (claims[0], number, value)
        else:
            times = list(_TIME.finditer(value))
            if len(times) != 1:
                continue
            if each.kind == "start":
                start = start or (times[0], number, value)
            else:
                end = end or (times[0], number, value)
        first_row = first_row or number
    if start is None or end is None or length is None:
        return None
    zones = {(match.group("zone") or "").upper() for match in (start[0], end[0])} - {""}
    if len(zones) > 1:
        return None
    try:
        began, began_dated = _moment(start[0])
        ended, ended_dated = _moment(end[0])
    except ValueError:
        return None
    if began_dated != ended_dated:
        return None
    minutes = (ended - began).total_seconds() / 60
    if minutes <= 0:
        return None
    found, row, said = length
    claim = DurationClaim(found.minutes, said, found.granularity, found.hedged, "", _row_span(lines, row, said))
    return StatedWindow(claim, start[0].group().strip(), end[0].group().strip(), minutes,
                        _row_span(lines, start[1], start[0].group().strip()),
                        _row_span(lines, end[1], end[0].group().strip()), labelled=True)


def _row_span(lines: list[str], number: int, text: str) -> Span:
    """The span of `text` on 1-based line `number` (the line's start when it is not there)."""
    column = max(lines[number - 1].find(text), 0) + 1
    return Span(number, column, number, column + len(text))


def stated_windows(document: Document) -> list[StatedWindow]:
    """Every sentence that states the length of the impact together with its start and end,
    and a metadata block that labels all three (`labelled_window`)."""
    found = []
    labelled = labelled_window(document)
    if labelled is not None:
        found.append(labelled)
    for pointer, text in document_texts(document, _SKIP):
        claims = claims_in(text)
        for match in claims:
            begin = max(0, match.start - _REACH)  # bounded: a sentence with no end in reach is cut there
            for stop in _SENTENCE_END.finditer(text, begin, match.start):
                begin = stop.end()
            after = _SENTENCE_END.search(text, match.end, min(len(text), match.end + _REACH))
            end = after.start() if after else min(len(text), match.end + _REACH)
            window = _window(text, begin, end, match)
            if window is None:
                continue
            first, second, span_minutes = window
            claim = DurationClaim(match.minutes, match.phrase, match.granularity, match.hedged, pointer,
                                  span_at(document, pointer, match.phrase))
            found.append(StatedWindow(claim, first.group().strip(), second.group().strip(), span_minutes,
                                      span_at(document, pointer, first.group().strip()),
                                      span_at(document, pointer, second.group().strip())))
    return found


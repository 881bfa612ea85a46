"""How long the impact lasted, from two clock times in the prose (or in a status page's
front matter: `front_matter_window`).

People often write the start and the end of an outage in different sentences, with no
duration: "At about 9:40am all services became inaccessible. [...] At 12:10pm all
services came back online." The duration follows (2 h 30 min), so it is stated in all but
the arithmetic; `clock_window` does that arithmetic and returns it as an inferred fact.

A start is a sentence that says the failure began ("became inaccessible", "went down",
"the outage began", "started failing", "first errors") and holds a clock time; an end is
a later sentence that says the service recovered ("came back online", "restored",
"resolved", "recovered", "mitigated") and holds a clock time. Other clock times (a
deploy at 9:00, a meeting at 10:30) are neither. A negated or hedged phrase ("was not
restored", "could go down") is neither. Times are read on a 24-hour clock unless written
with am/pm; an end earlier on the clock than the start is read as after midnight. With no
am/pm and no date, a window over 12 hours is ambiguous (9:40 → 8:10 may be 10 h 30 or
22 h 30): no figure is given.

Linear: two phrase regexes (alternations of literal words with bounded gaps) and one
clock regex, run once over each string; no nested quantifiers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from .. import regex_cache
from ..grammar import negated_or_hedged
from ..model import Document
from ..timeutil import parse_timestamp
from .facts import Fact
from .prose import document_texts, quote, span_at

#: "9:40", "9:40am", "12:10 p.m.", "21:05:30", "9am" (a bare number is no clock time)
_CLOCK = regex_cache.compile(
    r"(?<![\w:.,/-])(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d)(?::[0-5]\d)?)?[ \t]?(?P<half>[ap])?(?(half)\.?m\b\.?)"
    r"(?![\w:/-])", re.IGNORECASE)
_ONSET = regex_cache.compile(
    r"\b(?:became|become|becomes|went|goes|going|gone)[ \t]+(?:completely[ \t]+|fully[ \t]+|totally[ \t]+)?"
    r"(?:inaccessible|unavailable|unreachable|unresponsive|down|offline|dark|unusable)\b"
    r"|\b(?:outage|incident|impact|downtime|disruption|degradation|errors?|failures?|problems?|issues?|attack)[ \t]+"
    r"(?:began|begins|started|starts|commenced|kicked[ \t]+in)\b"
    r"|\b(?:began|begins|started|starts)[ \t]+(?:failing|erroring|returning[ \t]+errors|timing[ \t]+out|to[ \t]+fail|"
    r"dropping|rejecting|crashing)\b"
    r"|\bfirst[ \t]+(?:errors?|failures?|alerts?|reports?|timeouts?)\b"
    r"|\bstopped[ \t]+(?:working|responding|serving|processing|accepting)\b"
    r"|\b(?:was|were)[ \t]+(?:completely[ \t]+|fully[ \t]+)?(?:down|inaccessible|unreachable|offline)\b",
    re.IGNORECASE)
_END = regex_cache.compile(
    r"\b(?:came|come|comes|coming|was|were|is|are|be|been|got|get|brought|went)[ \t]+back[ \t]+"
    r"(?:online|up|to[ \t]+normal|in[ \t]+service)\b"
    r"|\b(?:fully[ \t]+)?(?:restored|resolved(?![ \t]+to\b)|recovered|mitigated)\b"
    r"|\b(?:service|services|traffic|operations?|processing)[ \t]+(?:resumed|normali[sz]ed|returned[ \t]+to[ \t]+normal)\b"
    r"|\b(?:outage|incident|impact|downtime|disruption)[ \t]+(?:ended|was[ \t]+over)\b"
    r"|\boperational[ \t]+again\b|\ball[ \t]+clear\b",
    re.IGNORECASE)
#: Where a sentence ends: a full stop, ! or ? before a space or the end, or a blank line.
_STOP = regex_cache.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")
#: How the evidence of a window begins (the severity inference words it after the minutes).
CLOCK_TIMES = "the clock times"
#: Longest sentence searched for the clock time of a phrase (characters each side).
_REACH = 240


#: Front-matter keys of a status page's incident (cState: `date` and `resolvedWhen`):
#: when it began and when it was resolved.
_FRONT_START = ("date", "started", "started_at", "startedAt", "start", "begin")
_FRONT_END = ("resolvedWhen", "resolved_when", "resolved_at", "resolvedAt", "ended", "ended_at", "endedAt", "end")
#: A date with a time of day ("2022-05-27T16:50:00-00:00", "2022-05-29 16:22"): a bare date gives no window.
_DATE_TIME = regex_cache.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def front_matter_window(document: Document) -> Fact[float] | None:
    """The minutes between the start and the resolution a status page's front matter
    records (`date: 2022-05-27T16:50`, `resolvedWhen: 2022-05-29T16:22`), as an inferred
    fact; None unless both carry a time of day and the end comes after the start."""
    front = document.meta.front_matter or {}
    data = document.data if isinstance(document.data, dict) else {}
    start = next((str(value) for key in _FRONT_START for value in [front.get(key, data.get(key) if key == "date"
                                                                          else None)] if value is not None), None)
    end = next((str(front[key]) for key in _FRONT_END if front.get(key) is not None), None)
    if start is None or end is None or not (_DATE_TIME.match(start) and _DATE_TIME.match(end)):
        return None
    began, resolved = parse_timestamp(start), parse_timestamp(end)
    if began is None or resolved is None or (began.tzinfo is None) != (resolved.tzinfo is None):
        return None
    minutes = (resolved - began).total_seconds() / 60
    if minutes <= 0:
        return None
    return Fact(minutes, True, f"the front matter's start {quote(start, 30)} and resolution {quote(end, 30)}",
                document.spans.get("/date"))


def clock_window(document: Document) -> Fact[float] | None:
    """The minutes from the first sentence that says the failure began at a clock time to
    the first later sentence that says it recovered at a clock time, as an inferred fact
    whose evidence completes "inferred 2 h 30 min of impact from ...": 'the clock times
    "became inaccessible" at 9:40am and "came back online" at 12:10pm'; or None. The plan and the timeline are not read (the timeline has its own reading)."""
    texts = document_texts(document, ("/timeline", "/action_items"))
    onset: tuple[str, str, int, re.Match[str]] | None = None
    for pointer, text in texts:
        for phrase, clock, is_end in _phrases_with_clock(text):
            if onset is None:
                if not is_end:
                    onset = (pointer, phrase.group(), clock.start(), clock)
                continue
            if not is_end:
                continue
            minutes = _minutes(onset[3], clock)
            if minutes is None:
                return None
            evidence = (f"{CLOCK_TIMES} {quote(onset[1], 40)} at {onset[3].group().strip()} "
                        f"and {quote(phrase.group(), 40)} at {clock.group().strip()}")
            return Fact(minutes, True, evidence, span_at(document, onset[0], onset[3].group().strip()))
    return None


def _phrases_with_clock(text: str) -> Iterable[tuple[re.Match[str], re.Match[str], bool]]:
    """(onset or end phrase, the clock time nearest it in its sentence, whether it is an
    end) in text order; a sentence that says both is an end ("the site, down since 9:40,
    came back at 12:10")."""
    if not any(char.isdigit() for char in text):
        return
    found: list[tuple[int, bool, re.Match[str]]] = []
    for match in _ONSET.finditer(text):
        found.append((match.start(), False, match))
    for match in _END.finditer(text):
        found.append((match.start(), True, match))
    found.sort(key=lambda entry: entry[0])
    ends = [start for start, is_end, _ in found if is_end]
    last_sentence = (-1, -1)
    for start, is_end, phrase in found:
        if negated_or_hedged(text, start):
            continue
        begin, end = _sentence(text, start, phrase.end())
        if (begin, end) == last_sentence and not is_end:
            continue  # one onset per sentence
        clock = _nearest_clock(text, begin, end, start)
        if clock is None:
            continue
        index = bisect_left(ends, begin)
        if not is_end and index < len(ends) and ends[index] < end:
            continue  # the sentence says the service came back: an end, not an onset
        last_sentence = (begin, end)
        yield phrase, clock, is_end


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """[begin, end) of the sentence around text[start:end], at most _REACH each side."""
    left = max(0, start - _REACH)
    begin = left
    for stop in _STOP.finditer(text, left, start):
        begin = stop.end()
    after = _STOP.search(text, end, min(len(text), end + _REACH))
    return begin, after.start() if after else min(len(text), end + _REACH)


def _nearest_clock(text: str, begin: int, end: int, at: int) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for clock in _CLOCK.finditer(text, begin, end):
        if clock.group("minute") is None and clock.group("half") is None:
            continue  # "9" alone, "2021": no clock time
        if best is None or abs(clock.start() - at) < abs(best.start() - at):
            best = clock
    return best


def _minutes(start: re.Match[str], end: re.Match[str]) -> float | None:
    """Minutes from one clock time to a later one (past midnight when the end reads
    earlier); None when the reading is ambiguous or the window is empty."""
    first, last = _of_day(start), _of_day(end)
    minutes = (last - first) % 1440
    halves = start.group("half") is not None or end.group("half") is not None
    if minutes == 0 or (minutes > 720 and not halves):
        return None
    return float(minutes)


def _of_day(clock: re.Match[str]) -> int:
    """Minutes after midnight of a clock time ("12:10pm" → 730, "12:05am" → 5)."""
    hour = int(clock.group("hour"))
    minute = int(clock.group("minute") or 0)
    half = (clock.group("half") or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return hour * 60 + minute

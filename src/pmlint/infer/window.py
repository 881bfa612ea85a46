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
from datetime import date
from typing import Any, Iterable

from .. import regex_cache
from ..grammar import negated_or_hedged
from ..model import Document
from .facts import Fact
from .prose import document_texts, prose_words, quote, span_at

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
    r"|\b(?:was|were)[ \t]+(?:completely[ \t]+|fully[ \t]+)?(?:down|inaccessible|unreachable|offline)\b"
    # a chain or a pipeline that stopped: "the ICON Network halted due to a leader node bug"
    r"|\b(?:halted|stalled)\b"
    # the outage named at its clock time: "your VPS service was affected by an unplanned
    # outage at approximately 02/28/2019 11:30 PST"
    r"|\b(?:an?|the)[ \t]+(?:unplanned[ \t]+|unexpected[ \t]+|major[ \t]+|partial[ \t]+|full[ \t]+|complete[ \t]+)?"
    r"(?:outage|disruption|service[ \t]+interruption)[ \t]+(?:at|starting[ \t]+at|beginning[ \t]+at|since)\b",
    re.IGNORECASE)
_END = regex_cache.compile(
    # ("a mitigation ... brought systems back online by 4:58 PM PST": what came back may stand between)
    r"\b(?:came|come|comes|coming|was|were|is|are|be|been|got|get|brought|went)[ \t]+(?:[\w-]+[ \t]+){0,2}?back[ \t]+"
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


#: Prose (words) a status page's notice holds at most: a notice says what broke and that it
#: is back, in a few lines; a longer page under the same front matter is a write-up.
NOTICE_WORDS = 120
#: A status page's resolution fields (cState's `resolved`, `resolvedWhen`; not a generic `end`).
_RESOLUTION_KEYS = ("resolved", "resolvedWhen", "resolved_when", "resolvedDate", "resolved_date", "resolved_on",
                    "resolvedOn", "resolved_at", "resolvedAt")
#: A status page's own levels (cState's `down`, `disrupted`, `notice`).
_STATUS_LEVELS = frozenset({"down", "disrupted", "notice", "degraded", "outage", "maintenance"})


def status_notice(document: Document) -> bool:
    """Whether the document is a status page's notice rather than a postmortem: front
    matter that a status page writes (a resolution field such as cState's `resolved` or
    `resolvedWhen`, with the `affected` services, `section: issue` or a status level such
    as `severity: down`) over at most NOTICE_WORDS words of prose. Such a notice tells users
    what broke and that it is back; asking it how the team noticed or what it will change is
    a side note, not a review's demand."""
    front = dict(document.meta.front_matter or {})
    if not front:
        return False
    data = document.data if isinstance(document.data, dict) else {}
    resolution = any(key in front for key in _RESOLUTION_KEYS)
    level = str(front.get("severity") or data.get("severity") or "").strip().lower()
    page = "affected" in front or str(front.get("section") or "").strip().lower() == "issue" or level in _STATUS_LEVELS
    return resolution and page and prose_words(document, NOTICE_WORDS) <= NOTICE_WORDS


def front_matter_window(document: Document) -> Fact[float] | None:
    """The minutes between the start and the resolution a status page's front matter
    records, as an inferred fact: its own fields (cState: `date: 2022-05-27T16:50`,
    `resolvedWhen: 2022-05-29T16:22`; a Jekyll status page: `date: 05-03-2020 01:40`,
    `resolvedDate: 05-03-2020 17:00`, read in the document's date order), else the first
    and last of its timed states when the last says resolved (`incident_states`,
    `incident_updates`: `load.markdown.states`). None unless both ends carry a time of
    day, both or neither name a zone, and the end comes after the start."""
    meta = document.meta
    if not meta.front_matter:
        return None  # no front matter (every YAML document): nothing to read
    # only a Markdown document has front matter: a YAML check never imports the Markdown package
    from ..load.markdown.states import END_KEYS, START_KEYS, read_time, status_states

    front = dict(meta.front_matter)
    data = document.data if isinstance(document.data, dict) else {}
    if "date" not in front and data.get("date") is not None:
        front["date"] = data["date"]  # a schema field: in the data, not among the extra keys
    day_first = bool(getattr(meta, "day_first_dates", False))
    start = next(((key, str(front[key])) for key in START_KEYS if read_time(front.get(key), day_first)), None)
    end = next(((key, str(front[key])) for key in END_KEYS if read_time(front.get(key), day_first)), None)
    if start is not None and end is not None:
        evidence = f"the front matter's start {quote(start[1], 30)} and resolution {quote(end[1], 30)}"
        return _window(read_time(start[1], day_first), read_time(end[1], day_first), evidence,
                       document.spans.get(f"/{start[0]}"))
    found = status_states(front, day_first)
    if found is None:
        return None
    key, states = found
    try:
        first, last = min(states, key=lambda state: state.moment), max(states, key=lambda state: state.moment)
    except TypeError:  # aware and naive times mixed: no order to read
        return None
    if not last.resolved:
        return None  # the last state is no resolution: the page does not say the incident ended
    evidence = (f"the first and last of the front matter's `{key}`: {quote(first.at, 30)} "
                f"and {quote(last.at, 30)} ({quote(last.text, 40)})")
    return _window(first.moment, last.moment, evidence, document.spans.get(first.item))


#: Lines read for labelled bounds: a header sits near the top.
_HEADER_LINES = 80
#: The words a bound's label must open with: the incident named ("Incident Start:", "Outage
#: end time |"); a bare "Start:" / "End:" may be a maintenance window's or a job's.
_INCIDENT_LABELS = ("incident", "outage", "impact")


def header_window(document: Document) -> Fact[float] | None:
    """The minutes between the start and the end a Markdown document's header labels
    ("**Incident Start:** 2024-11-14 16:59 UTC" over "**Incident End:** 2024-11-15 01:40
    UTC"), as an inferred fact. The rows are `load.labelled_rows`' (one vocabulary with
    PM012 and PM505), in the first `_HEADER_LINES` lines outside code, whose label names the
    incident (`_INCIDENT_LABELS`); None unless both carry a date and a time of day
    (`states.read_time`), both or neither name a zone, and the end comes after the start."""
    lines = document.lines
    if not lines:
        return None  # a YAML document states its window in fields
    # Markdown-only readings, imported when needed
    from ..load.labelled_rows import labelled_rows
    from ..load.markdown.states import read_time

    day_first = bool(getattr(document.meta, "day_first_dates", False))
    bounds: dict[str, tuple[int, str, Any]] = {}
    for row in labelled_rows(lines[:_HEADER_LINES], getattr(document.meta, "code_lines", ())):
        if row.kind == "length" or row.kind in bounds or not row.label.lower().startswith(_INCIDENT_LABELS):
            continue
        value = row.value.strip().strip("*_").strip()
        moment = read_time(value, day_first)
        if moment is not None:
            bounds[row.kind] = (row.line, value, moment)
    if "start" not in bounds or "end" not in bounds:
        return None
    (line, began, start), (_, ended, end) = bounds["start"], bounds["end"]
    evidence = f"the labelled start {quote(began, 30)} (line {line}) and end {quote(ended, 30)}"
    return _window(start, end, evidence, None)


#: A header's row that says when the problem was detected ("| **Detected** | 2021-03-05
#: 23:27 |", "- Detected at: ...", "**Time detected:** ..."), and one that says when it was
#: resolved ("| **Resolved** | 2021-03-06 03:34 |"): the window a template's header keeps
#: when it names no incident start. Anchored, bounded gaps, no nesting: linear in the line.
_HEADER_ROW = r"^[ \t]*(?:[-*+][ \t]+)?(?:\|[ \t]*)?(?:\*\*|__)?(?:(?:date|time)[ \t]+)?{0}(?:[ \t]+(?:at|on|time|date))?" \
              r"[ \t]*(?:(?:\*\*|__)[ \t]*)?(?::[ \t]*(?:(?:\*\*|__)[ \t]*)?|\|[ \t]*)(?P<value>[^|\n]{{1,64}})"
_DETECTED_ROW = regex_cache.compile(_HEADER_ROW.format("detected"), re.IGNORECASE)
_RESOLVED_ROW = regex_cache.compile(_HEADER_ROW.format("(?:resolved|mitigated|recovered)"), re.IGNORECASE)


def detected_to_resolved(document: Document) -> Fact[float] | None:
    """The minutes between a Markdown header's detected row and its resolved row ("|
    **Detected** | 2021-03-05 23:27 |" over "| **Resolved** | 2021-03-06 03:34 |"; both a
    date with a time of day, in the first `_HEADER_LINES` lines outside code): how long the
    incident ran at the least, since it began at or before its detection. It answers "how
    long" (PM601) but is no length of the impact to weigh a severity by: the impact may
    have begun hours before anyone detected it. None unless both read and the resolution
    comes after the detection."""
    if not document.lines or document.format != "markdown":
        return None  # a YAML document states its window in fields
    from ..load.markdown.states import read_time

    day_first = bool(getattr(document.meta, "day_first_dates", False))
    found: dict[str, tuple[int, str, Any]] = {}
    for number, text in document.prose_lines():
        if number > _HEADER_LINES:
            break
        if "|" not in text and ":" not in text:
            continue
        for kind, row in (("detected", _DETECTED_ROW), ("resolved", _RESOLVED_ROW)):
            match = row.match(text[:400]) if kind not in found else None
            if match is not None:
                value = match.group("value").strip().strip("*_").strip()
                moment = read_time(value, day_first)
                if moment is not None:
                    found[kind] = (number, value, moment)
    if "detected" not in found or "resolved" not in found:
        return None
    (line, detected, start), (_, resolved, end) = found["detected"], found["resolved"]
    evidence = f"the labelled detection {quote(detected, 30)} (line {line}) and resolution {quote(resolved, 30)}"
    return _window(start, end, evidence, None)


def told_window(document: Document) -> Fact[float] | None:
    """The incident's window as the text tells it, when no duration is written: two clock
    times in the prose (`clock_window`), a status page's front matter (`front_matter_window`)
    or a header's labelled bounds (`header_window`), the first that reads."""
    return clock_window(document) or front_matter_window(document) or header_window(document)


def _window(began, resolved, evidence: str, span) -> Fact[float] | None:
    if began is None or resolved is None or (began.tzinfo is None) != (resolved.tzinfo is None):
        return None
    minutes = (resolved - began).total_seconds() / 60
    if minutes <= 0:
        return None
    return Fact(minutes, True, evidence, span)


def clock_window(document: Document) -> Fact[float] | None:
    """The minutes from the first sentence that says the failure began at a clock time to
    the first later sentence that says it recovered at a clock time, as an inferred fact
    whose evidence completes "inferred 2 h 30 min of impact from ...": 'the clock times
    "became inaccessible" at 9:40am and "came back online" at 12:10pm'; or None. The plan and the timeline are not read (the timeline has its own reading)."""
    texts = document_texts(document, ("/timeline", "/action_items"))
    onset: tuple[str, str, int, re.Match[str], date | None] | None = None
    year = _document_year(document)
    for pointer, text in texts:
        for phrase, clock, is_end, day in _phrases_with_clock(text, year):
            if onset is None:
                if not is_end:
                    onset = (pointer, phrase.group(), clock.start(), clock, day)
                continue
            if not is_end:
                continue
            minutes = _minutes(onset[3], clock, onset[4], day)
            if minutes is None:
                return None
            evidence = (f"{CLOCK_TIMES} {quote(onset[1], 40)} at {onset[3].group().strip()} "
                        f"and {quote(phrase.group(), 40)} at {clock.group().strip()}")
            return Fact(minutes, True, evidence, span_at(document, onset[0], onset[3].group().strip()))
    return None


def _document_year(document: Document) -> int | None:
    """The year of the document's date (the field, or the front matter's): the year of a
    date the prose writes without one ("14:37:22 UTC, Nov 17th")."""
    data = document.data if isinstance(document.data, dict) else {}
    stated = data.get("date") or dict(document.meta.front_matter or {}).get("date")
    found = re.match(r"\s*(\d{4})\b", str(stated or ""))
    return int(found.group(1)) if found else None


def _phrases_with_clock(text: str, year: int | None = None
                        ) -> Iterable[tuple[re.Match[str], re.Match[str], bool, date | None]]:
    """(onset or end phrase, the clock time nearest it in its sentence, whether it is an
    end, the date the sentence names, if any) in text order; a sentence that says both is
    an end ("the site, down since 9:40, came back at 12:10"). `year`: the year of a date
    written without one."""
    if not any(char.isdigit() for char in text):
        return
    # a Markdown-only reader of written dates, imported when a text has digits
    from ..load.markdown.times import find_date
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
        # the date written by the clock time, not any date of the sentence ("the review on
        # March 3rd found that the site, down at 9:40 ..."): read around the clock only
        near = text[max(begin, clock.start() - _DATE_REACH):min(end, clock.end() + _DATE_REACH)]
        yield phrase, clock, is_end, find_date(near, year)


#: Characters either side of a clock time read for its date ("14:37:22 UTC, Nov 17th",
#: "2019-03-01 02:22:11", "on Monday, January 13th at 9:40").
_DATE_REACH = 30


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


def _minutes(start: re.Match[str], end: re.Match[str], start_day: date | None = None,
             end_day: date | None = None) -> float | None:
    """Minutes from one clock time to a later one (past midnight when the end reads
    earlier; by the dates, when both sentences name one: "halted ... 14:37:22 UTC, Nov
    17th" to "recovered at UTC 12:37:38, Nov 18th", or "2019-03-01 02:22:11" to "resolved at
    2019-03-01 21:52:13"); None when the reading is ambiguous, the window is empty or over
    `_CLOCK_WINDOW_MAX_DAYS` days."""
    first, last = _of_day(start), _of_day(end)
    if start_day is not None and end_day is not None:
        if end_day < start_day and start_day.month == 12 and end_day.month == 1:
            # across New Year, both read with the document's year ("Dec 31st 23:10" to
            # "Jan 1st 01:40"): the end is in the next year
            try:
                end_day = end_day.replace(year=end_day.year + 1)
            except ValueError:  # past year 9999
                return None
        # both dated ("2019-03-01 02:22:11 UTC" ... "resolved at 2019-03-01 21:52:13 UTC"):
        # a day's length needs no am/pm to be read
        minutes = (end_day - start_day).days * 1440 + last - first
        return float(minutes) if 0 < minutes <= _CLOCK_WINDOW_MAX_DAYS * 1440 else None
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


#: A day the prose ties to a step of the incident: "On 2023-09-04 #8293 was merged", "this
#: was noticed on 2023-09-12 and fixed on 2023-09-13". ISO days only (unambiguous in any
#: document); the verb after the day within one clause, or the day right after "verb on".
_ONSET_VERBS = r"merged|introduced|deployed|released|shipped|landed|broke|began|started"
_NOTICED_VERBS = r"noticed|detected|discovered|reported|spotted|found|caught"
_FIXED_VERBS = r"fixed|resolved|restored|repaired|reverted|patched"
_VERB = r"(?P<{0}>" + "|".join((_ONSET_VERBS, _NOTICED_VERBS, _FIXED_VERBS)) + r")"
_DAY_MARK = regex_cache.compile(
    r"\bon[ \t]+(?P<before>\d{4}-\d{2}-\d{2})\b[^.;\n]{0,80}?\b" + _VERB.format("verb1") + r"\b"
    r"|\b" + _VERB.format("verb2") + r"[ \t]{1,3}on[ \t]{1,3}(?P<after>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE)
_KIND_OF = {**{verb: "onset" for verb in _ONSET_VERBS.split("|")},
            **{verb: "noticed" for verb in _NOTICED_VERBS.split("|")},
            **{verb: "fixed" for verb in _FIXED_VERBS.split("|")}}
#: Most of the prose read for dated steps (characters of each text).
_DAY_READ = 20_000
#: A window longer than this (days) is not one incident's impact.
_DAY_WINDOW_MAX = 366
#: Two clock times of the prose further apart than this (days, by their dates) are not
#: one outage's start and end: a date misread, or two incidents told in one post.
_CLOCK_WINDOW_MAX_DAYS = 31


def day_marks(document: Document) -> dict[str, list[tuple[date, str]]]:
    """The days the prose (the plan aside) gives for the fault's onset, its discovery and
    its fix, each with the words that say so ("merged", "noticed on 2023-09-12"), in the
    order written. Linear: one bounded regex over each text."""
    found: dict[str, list[tuple[date, str]]] = {"onset": [], "noticed": [], "fixed": []}
    for _, text in document_texts(document, ("/action_items",)):
        if "-" not in text or not any(char.isdigit() for char in text):
            continue
        for match in _DAY_MARK.finditer(text[:_DAY_READ]):
            verb = (match.group("verb1") or match.group("verb2")).lower()
            try:
                day = date.fromisoformat(match.group("before") or match.group("after"))
            except ValueError:
                continue
            found[_KIND_OF[verb]].append((day, match.group(0)))
    return found


def dated_milestones(document: Document) -> bool:
    """Whether the prose dates the discovery and the fix, on different days: the outline of
    a timeline for a breakage that lay unseen for days."""
    marks = day_marks(document)
    days = {day for day, _ in marks["noticed"]} | {day for day, _ in marks["fixed"]}
    return bool(marks["noticed"]) and bool(marks["fixed"]) and len(days) >= 2


def day_window(document: Document) -> Fact[float] | None:
    """The days from the change that broke it to the fix, as the prose dates them ("On
    2023-09-04 #8293 was merged ... fixed on 2023-09-13"): an inferred fact in minutes, or
    None (no dated onset and fix, the fix not after the onset, or over a year apart)."""
    marks = day_marks(document)
    if not marks["onset"] or not marks["fixed"]:
        return None
    began, began_text = marks["onset"][0]
    later = [(day, text) for day, text in marks["fixed"] if day > began]
    if not later:
        return None
    ended, ended_text = later[0]
    days = (ended - began).days
    if days > _DAY_WINDOW_MAX:
        return None
    evidence = f"the days {quote(began_text, 50)} and {quote(ended_text, 40)}"
    return Fact(days * 24 * 60.0, True, evidence, None)

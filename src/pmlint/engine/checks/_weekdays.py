"""Dates that contradict each other within a few words: a date written with its weekday
("Monday, April 3, 2024", "Sunday, 2023-10-14") whose weekday is not that date's, and a
stated end before the start stated just above it (`start: 2018-12-20T16:40`, `stop:
2018-12-17T17:00`). PM012's checks on the text itself (`dates_agree`).

The weekday and the date are written side by side, so no time zone can come between
them: one of the two is wrong, and the calendar says which day the date fell on. When
the weekday is the date's in the year the document's other dates give (April 3 was a
Monday in 2023), the year is the slip ("2024" in a 2023 timeline, a copied header), and
the dates contradict each other. Only dates with a year written out and a weekday spelt
in full are read; a line is scanned once, with bounded gaps (linear).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from ...load.labelled_rows import labelled_rows

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?P<{}>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|" + "|".join(_MONTHS) + r")\.?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WRITTEN = re.compile(
    r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r"),?[ \t]{1,3}(?:the[ \t]{1,3})?(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
    r"|" + _MONTH.format("mm") + r"[ \t]{1,3}(?P<md>\d{1,2})(?:st|nd|rd|th)?,?[ \t]{1,3}(?P<my>\d{4})(?!\d)"
    r"|(?P<dd>\d{1,2})(?:st|nd|rd|th)?[ \t]{1,3}(?:of[ \t]{1,3})?" + _MONTH.format("dm") + r",?[ \t]{1,3}(?P<dy>\d{4})(?!\d))",
    re.IGNORECASE)
#: A line longer than this is read up to here only (a pasted log line is no dated sentence).
_LINE_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Slip:
    """A weekday written beside a date it is not: line and column (1-based), the words."""

    line: int
    column: int
    said: str
    day: date
    weekday: str
    fits: bool = False  # the weekday is the date's own (a sound date, quoted against a slip)


def _month(word: str) -> int:
    return next(index for index, name in enumerate(_MONTHS, start=1) if name.startswith(word.lower().rstrip(".")[:3]))


def _date_of(match: re.Match[str]) -> date | None:
    try:
        if match.group("iy"):
            return date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
        if match.group("my"):
            return date(int(match.group("my")), _month(match.group("mm")), int(match.group("md")))
        return date(int(match.group("dy")), _month(match.group("dm")), int(match.group("dd")))
    except ValueError:
        return None


def weekday_dates(lines: list[str], skip: Iterable[tuple[int, int]] = ()) -> list[Slip]:
    """Every date written with a weekday (`fits` when it is the date's own), outside the
    line ranges `skip` (code blocks), in reading order."""
    skipped = sorted(skip)
    found: list[Slip] = []
    at = 0
    for number, text in enumerate(lines, start=1):
        while at < len(skipped) and skipped[at][1] < number:
            at += 1
        if at < len(skipped) and skipped[at][0] <= number <= skipped[at][1]:
            continue
        if "day" not in text and "DAY" not in text and "Day" not in text:
            continue  # no weekday spelt in full (a substring test, not a scan)
        for match in _WRITTEN.finditer(text[:_LINE_LIMIT]):
            day = _date_of(match)
            if day is None:
                continue
            weekday = match.group("weekday").lower()
            found.append(Slip(number, match.start() + 1, match.group().rstrip(" ,"), day, weekday,
                              _WEEKDAYS[day.weekday()] == weekday))
    return found


def year_of_weekday(slip: Slip, years: Iterable[int]) -> int | None:
    """The first of `years`, a year either side of the slip's (a year typed wrong, a
    header copied from last year), in which the slip's month and day fell on its written
    weekday: further off, a weekday fits some year by chance one time in seven."""
    for year in years:
        if year == slip.day.year or abs(year - slip.day.year) > 1:
            continue
        try:
            if _WEEKDAYS[slip.day.replace(year=year).weekday()] == slip.weekday:
                return year
        except ValueError:  # 29 February
            continue
    return None


#: The value of a labelled start or end (`load.labelled_rows`) that is a full date: `2018-12-20T16:40:00`,
#: `Thu, 2024-05-02 10:15 UTC`; what follows the time (its zone) is kept to compare the two.
_ISO_VALUE = re.compile(
    r"(?:\*\*|__)?[ \t]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6},?[ \t]{1,3})?"
    r"(?P<day>\d{4}-\d{2}-\d{2})(?:[T \t]{1,3}(?P<clock>\d{2}:\d{2}(?::\d{2})?))?(?P<rest>[^\n]{0,40})",
    re.IGNORECASE)
#: Lines between a start and the end that follows it.
_STATED_REACH = 3


@dataclass(frozen=True, slots=True)
class Window:
    """A stated start and the end stated right after it, the end earlier than the start."""

    start_line: int
    start: str
    end_line: int
    end: str
    end_label: str


def _moment(match: re.Match[str]) -> tuple[date, str, str] | None:
    """(day, clock or "", as written) of a stated start or end; None when its date is no date."""
    try:
        day = date.fromisoformat(match.group("day"))
    except ValueError:
        return None
    clock = match.group("clock") or ""
    if len(clock) == 5:
        clock += ":00"
    written = match.group(0)[match.start("day"):match.end("clock") if match.group("clock") else match.end("day")]
    return day, clock, written


def _reversed(began: tuple[date, str, str], ended: tuple[date, str, str], same_zone: bool) -> bool:
    """Whether the end is before the start: to the second with the same zone words and both
    times given, by the day with the same zone words, by more than a day across zones."""
    if same_zone and began[1] and ended[1]:
        return (ended[0], ended[1]) < (began[0], began[1])
    if same_zone:
        return ended[0] < began[0]
    return (began[0] - ended[0]).days > 1


def reversed_windows(lines: list[str], skip: Iterable[tuple[int, int]] = ()) -> list[Window]:
    """Every stated start followed within _STATED_REACH lines by a stated end that is earlier
    (both with a full date, the same words after them: no zone between them to convert)."""
    found: list[Window] = []
    start: tuple[int, re.Match[str]] | None = None
    for row in labelled_rows(lines, skip):
        match = _ISO_VALUE.fullmatch(row.value.rstrip()) if row.kind != "length" else None
        if match is None:
            continue
        number, label = row.line, row.label.lower()
        if row.kind == "start":
            start = (number, match)
            continue
        if start is None or number - start[0] > _STATED_REACH:
            continue
        began, ended = _moment(start[1]), _moment(match)
        same_zone = start[1].group("rest").strip(" \t*_") == match.group("rest").strip(" \t*_")
        if began is not None and ended is not None and _reversed(began, ended, same_zone):
            found.append(Window(start[0], began[2], number, ended[2], label))
        start = None
    return found

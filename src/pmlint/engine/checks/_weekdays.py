"""A date written with its weekday ("Monday, April 3, 2024", "Sunday, 2023-10-14") whose
weekday is not that date's: PM012's calendar check (`dates_agree`).

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

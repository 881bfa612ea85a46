"""Times as postmortems write them → ISO 8601 strings.

Handles `2025-06-21 23:05 UTC`, `2025-06-21T23:05:00Z`, `13:40`, `9:29`, `10h47`, `[12-05 16:21]`,
`07:30am`, `12:45 PM PST Saturday Oct 30th`, `Jan 8, 07:00 PST`, `Sep 29 2017 08:59`,
`4/21/23 11:12 AM`, `2018 October 21 22:52 UTC`, `21 October 2018 22:52`, ranges (`17:00-18:00`: the start counts) and approximations (`~12:00`,
`ca. 18:30`: the flag is returned, the time stays clean). Zones come from the entry, or
from the caller's context (a heading, a table header, a sentence, front matter).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Iterable

_OFFSETS = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "cet": 60, "west": 60, "bst": 60, "cest": 120, "eet": 120,
    "eest": 180, "msk": 180, "ist": 330, "sgt": 480, "hkt": 480, "awst": 480, "jst": 540, "kst": 540,
    "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600, "brt": -180,
    "gst": 240, "pkt": 300, "wib": 420, "cat": 120, "eat": 180, "wat": 60, "sast": 120, "nzt": 720,
}
_IANA_ALIASES = {"pst8pdt": "PST8PDT", "est5edt": "EST5EDT", "cst6cdt": "CST6CDT", "mst7mdt": "MST7MDT",
                 # US zone names as people write them: the offset follows daylight saving time
                 "et": "America/New_York", "eastern": "America/New_York", "pt": "America/Los_Angeles",
                 "pacific": "America/Los_Angeles", "ct": "America/Chicago", "central": "America/Chicago",
                 "mt": "America/Denver", "mountain": "America/Denver"}
_MONTHS = {name: index for index, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

_ZONE_WORD = (r"(?:Z|UTC(?:[+-]\d{1,2}(?::?\d{2})?)?|GMT(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|"
              r"[A-Za-z]{2,4}T|PST8PDT|EST5EDT|CST6CDT|MST7MDT|WIB|ET|PT|CT|MT|"
              r"(?:Eastern|Pacific|Central|Mountain)(?= time\b| standard\b| daylight\b|\W*$|[.,;:)])|"
              r"(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_]{2,30}"
              r"(?:/[A-Za-z_]{2,30})?)")
_ZONE = re.compile(r"\s*\(?(?P<zone>" + _ZONE_WORD + r")\)?(?![\w])")
_ZONE_ANYWHERE = re.compile(r"(?<![\w-])(?P<zone>" + _ZONE_WORD + r")(?![\w])")
_MONTH_WORD = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?:(?:[:h](?P<m>\d{2}))(?::(?P<s>\d{2})(?:[.,]\d+)?)?(?P<ampm>\s*[ap]\.?\s?m\b\.?|[ap](?!\w))?"
    r"|\s*(?P<ampm2>[ap]\.?m\b\.?))", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?:[T ]+|$|(?=\W))")
_MONTH_DATE = re.compile(_MONTH_WORD + r"\s+(?P<d>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?,?\s*(?:at\s+)?",
                         re.IGNORECASE)
_DAY_MONTH_DATE = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"(?:,?\s+(?P<y>\d{4}))?,?\s*",
                             re.IGNORECASE)
#: `2018 October 21 22:52 UTC` (year first) and `21 October 2018 22:52`: the year is
#: required, so "2 may fail" at the start of a line is never a date
_YEAR_MONTH_DATE = re.compile(r"(?P<y>\d{4})\s+" + _MONTH_WORD + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d),?\s*",
                              re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r",?\s+(?P<y>\d{4})(?!\d),?\s*",
                             re.IGNORECASE)
#: `27. November 2025`, `27.11.2025`: the day first with a dot, as German, Dutch and Nordic
#: teams write it (the year required: "1. May we ..." in a numbered list is no date; not
#: part of a version or an address: "1.10.2025.3", "10.27.11.2025").
_DAY_DOT_MONTH_YEAR = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.[ \t]*" + _MONTH_WORD + r",?[ \t]+(?P<y>\d{4})(?!\d),?\s*",
                                 re.IGNORECASE)
_DOTTED_DATE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})(?!\.?\d),?\s*")
#: `10-Apr-2023`, `10/Apr/2023`, `20-Dec-18`: the day, the month's name and the year joined
#: (a two-digit year is this century's, as `4/21/23` is: the month's name between them
#: tells the fields apart, so `20-Dec-18` can only be 20 December 2018)
_DAY_MON_YEAR_JOINED = re.compile(r"(?P<d>\d{1,2})[-/]" + _MONTH_WORD + r"[-/](?P<y>\d{4}|\d{2})(?!\d),?\s*",
                                  re.IGNORECASE)
#: `12-05 16:21` (k8s test-infra: month-day, then a time; the year comes from the document)
_MONTH_DAY = re.compile(r"(?P<mo>\d{2})-(?P<d>\d{2})\s+(?=\d{1,2}:\d{2}(?!\d))")
#: `4/21/23`, `07-30-2023` (dashes only with a four-digit year; `30-07-2023` is read day first)
_US_DATE = re.compile(r"(?P<mo>\d{1,2})(?:/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})|-(?P<d2>\d{1,2})-(?P<y2>\d{4}))(?!\d)"
                      r"\s*,?\s*")
#: Between a date and its time: `24-10-2024 - 08:15`, `2023-01-04/11:34`, `2024-05-10, 03:50`
#: (tried only where a date was read and no time follows it directly).
_DATE_TIME_SEP = re.compile(r"[ \t]{0,3}[-–—/@|,][ \t]{0,3}(?=\d)")
#: `1625` right after a date, then the entry's separator or a zone (`2022-02-02 1625: ...`,
#: `2022-02-03 0457 UTC - ...`): a 24-hour time written without its colon. Only after a
#: date, so "2000 users" opening a sentence is never a time.
_COMPACT_TIME = re.compile(r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=[ \t]{0,3}(?:[:–—-]|\(|UTC\b|GMT\b|Z\b|$))")
#: A time with its last minute digit masked, after a date: `2026-02-17 06:2xZ` (some minute
#: from 06:20 to 06:29), read as the start of its ten minutes, approximately.
_MASKED_TIME = re.compile(r"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5])[xX](?:(?!\w)|(?=Z\b))")
#: A placeholder where a date's time belongs, before the entry's separator: `X`, `XX:XX`, `??`.
_TIME_PLACEHOLDER = re.compile(r"(?:[xX]{1,4}(?::[xX]{2})?|\?{1,2}(?::\?{2})?)(?=[ \t]{0,3}:|[ \t]{1,3}[–—-][ \t])")
#: A numeric date whose field order is in question: `11-01-2026`, `4/21/23` (not `2021-01-04`).
NUMERIC_DATE = re.compile(r"(?<![\d/-])(\d{1,2})([-/])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])")
_WEEKDAY = re.compile(r"\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*", re.IGNORECASE)
_APPROX = re.compile(r"(?:~|≈|ca\.?\s|circa\s|approx\.?\s|approximately\s|about\s|around\s|at\s)\s*", re.IGNORECASE)
_RANGE_END = re.compile(r"\s*(?:-|–|—|to)\s*~?\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
_TIMEISH = re.compile(r"^~?\s*(?:YYYY-MM-DD(?:[ T]HH:MM(?::SS)?)?(?:\s*(?:UTC|Z))?|HH:MM(?:\s*UTC)?|"
                      r"[0-9xX?]{1,2}[:h][0-9xX?]{2}|--:--|\?\?:\?\?)(?:\s*\([^)]*\))?")
#: Markup before a time: emphasis, code, a bracket (`[08:47]`, `(14:03)`), and the emoji a
#: writer flags an entry with (`**🚨 06:01:05**`, `✅ 09:30`).
#: A weekday's name or its abbreviation, as a stamp opens with it ("Tues", "Weds", "Thurs",
#: "Monday"): not any word that starts like one ("Monitoring 2020-05-19 ...").
_WEEKDAY_NAME_SOURCE = r"(?:mon|tues?|wed(?:s|nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]{1,3}"
_WEEKDAY_NAME = re.compile(_WEEKDAY_NAME_SOURCE, re.IGNORECASE)
#: (and the bracket before a weekday and a date: `[Tues 5/19/2020]`)
_LEAD_MARKUP = re.compile(r"^(?:[\s*_`\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]|\[(?=\d)|\((?=\d)|"
                          r"\[(?=(?i:" + _WEEKDAY_NAME_SOURCE + r")\d))+")


@dataclass(slots=True)
class Stamp:
    """A parsed time at the start of some text."""

    moment: datetime | None  # naive; zone applied separately
    zone: tzinfo | None
    has_date: bool
    has_time: bool
    approximate: bool
    end: int  # index in the text just after the stamp (and any markup around it)
    raw: str
    clock: tuple[int, int, int] | None = None  # (hour, minute, second) when a time was written
    year_inferred: bool = False  # the date was written without a year (`12-05 16:21`)
    unknown_time: bool = False  # a date with a placeholder for its time (`2022-02-02 X: ...`)
    #: the hour was written 1–12 with no leading zero and no am/pm (`4:16`, `11:05`): on a
    #: 12-hour clock it may be the afternoon (see `timeline.py`); `04:16` and `16:16` are not
    bare_hour: bool = False
    #: the zone as written after the time (`BST`, `PDT`, `UTC+1`), when it named one
    zone_word: str | None = None


def zone_for(word: str | None, on: date | None = None) -> tzinfo | None:
    """A tzinfo for an abbreviation (`PST`), an offset (`+02:00`, `UTC+2`) or an IANA name."""
    if not word:
        return None
    text = word.strip().strip("()")
    lowered = text.lower()
    if lowered in _OFFSETS:
        return timezone(timedelta(minutes=_OFFSETS[lowered]))
    match = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?", lowered)
    if match:
        minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
        if minutes > 14 * 60:
            return None
        return timezone(timedelta(minutes=minutes if match.group(1) == "+" else -minutes))
    name = _IANA_ALIASES.get(lowered, text if "/" in text else None)
    if name:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name)
        except Exception:
            return None
    return None


def find_zone(text: str) -> tzinfo | None:
    """The first timezone named anywhere in `text` ("Timeline (all times PST)", "Time (UTC)")."""
    for match in _ZONE_ANYWHERE.finditer(text):
        zone = zone_for(match.group("zone"))
        if zone is not None:
            return zone
    return None


_DECLARATION = re.compile(r"\b(?:all\s+)?times?\b(?:\s+(?:are|is|in|given|shown|listed|quoted))*\b", re.IGNORECASE)


def declared_zone(sentence: str) -> tzinfo | None:
    """A zone declared by a sentence such as "All times in UTC." or "Times are PST"."""
    if len(sentence) > 160 or not _DECLARATION.search(sentence):
        return None
    return find_zone(sentence)


#: `Outage start (UTC): 15 December 2024, 03:53`, `**Detected (PST)**: 09:12`: a label whose
#: zone in brackets is the zone of the time it labels. Bounded: a short label, then the value.
_LABELLED_ZONE = re.compile(r"^[ \t]{0,8}(?:[-*+][ \t]{1,4})?[*_]{0,2}[A-Za-z][A-Za-z ]{0,40}\((?P<zone>[A-Za-z]{1,5}"
                            r"(?:[+-]\d{1,2}(?::?\d{2})?)?)\)[ \t]{0,3}[*_]{0,2}[ \t]{0,3}:[ \t]{0,3}[*_]{0,2}[ \t]{0,3}"
                            r"(?=[^\n]{0,40}\d{1,2}:\d{2})")


def labelled_zone(line: str) -> tzinfo | None:
    """The zone of a labelled time ("Outage Start (UTC): 15 December 2024, 03:53"), a
    declaration for the document's other times; None for any other line."""
    match = _LABELLED_ZONE.match(line)
    return zone_for(match.group("zone")) if match else None


def find_date(text: str, default_year: int | None = None, day_first: bool = False) -> date | None:
    """The first date written anywhere in `text` (ISO, `Feb 20 2018`, `4/21/23`, `30 November 2019`);
    `day_first`: the document writes numeric dates day first (`11-01-2026` is 11 January)."""
    for pattern in (_ISO_DATE, _US_DATE, _MONTH_DATE, _DAY_MONTH_DATE, _DAY_MON_YEAR_JOINED, _DAY_DOT_MONTH_YEAR,
                    _DOTTED_DATE):
        for match in pattern.finditer(text):
            found = _date_of(match, default_year, day_first)
            if found is not None:
                return found
    return None


def year_first_date(text: str) -> date | None:
    """A date written year first anywhere in `text` (`2025 February 13th: ...`), or None."""
    for match in _YEAR_MONTH_DATE.finditer(text):
        found = _date_of(match, None)
        if found is not None:
            return found
    return None


def _date_of(match: re.Match[str], default_year: int | None, day_first: bool = False) -> date | None:
    groups = match.groupdict()
    if groups.get("d2") is not None:  # `07-30-2023`
        groups = {**groups, "d": groups["d2"], "y": groups["y2"]}
    if match.re is _US_DATE and groups.get("d") is not None:
        # `30-07-2023` can only be day first; `11-01-2026` is whatever the document's order is
        if day_first or int(groups["mo"]) > 12 >= int(groups["d"]):
            groups = {**groups, "mo": groups["d"], "d": groups["mo"]}
    year = groups.get("y")
    if year is None:
        if default_year is None:
            return None
        number = default_year
    else:
        number = int(year) + (2000 if len(year) == 2 else 0)
    month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["mo"])
    try:
        return date(number, month, int(groups["d"]))
    except ValueError:
        return None


#: The shape most table rows and bullets are written in (`2025-06-14 13:07`, `13:07`, the
#: whole text): read without the general parser's dozen matches; any other text, or a date
#: or time that is not valid, goes to the general parser (which gives the same Stamp).
_PLAIN_STAMP = re.compile(r"(?:(\d{4})-(\d{2})-(\d{2}) )?(\d{2}):(\d{2})")


#: The dates a weekday may stand before in a timeline's stamp: numeric ones ("Tues 5/19/2020").
_DATE_AFTER_WEEKDAY = (_ISO_DATE, _US_DATE)


def parse_stamp(text: str, default_year: int | None = None, day_first: bool = False) -> Stamp | None:
    """The time (and date) `text` starts with, or None when it does not start with one.
    `day_first`: numeric dates in this document are written day first (`day_first_dates`)."""
    plain_stamp = _PLAIN_STAMP.fullmatch(text)
    if plain_stamp is not None:
        fast = _plain_stamp(text, plain_stamp)
        if fast is not None:
            return fast
    return _parse_stamp(text, default_year, day_first)


def _plain_stamp(text: str, match: re.Match[str]) -> Stamp | None:
    year, month, day, hour, minute = match.groups()
    clock = (int(hour), int(minute), 0)
    if clock[0] > 23 or clock[1] > 59:
        return None  # 24:00 and the invalid: the general parser decides
    bare = 10 <= clock[0] <= 12  # two digits: `09:40` has its leading zero, `10:40` may be 22:40
    if year is None:
        return Stamp(None, None, False, True, False, len(text), text, clock, bare_hour=bare)
    try:
        moment = datetime(int(year), int(month), int(day), clock[0], clock[1])
    except ValueError:
        return None
    return Stamp(moment, None, True, True, False, len(text), text, clock, bare_hour=bare)


def _parse_stamp(text: str, default_year: int | None = None, day_first: bool = False) -> Stamp | None:
    position = _skip(text, 0, _LEAD_MARKUP)
    approximate = False
    match = _APPROX.match(text, position)
    if match:
        approximate = not match.group(0).lower().startswith("at")
        position = match.end()
    start = position
    day: date | None = None
    clock: tuple[int, int, int] | None = None
    weekday = _WEEKDAY_NAME.match(text, position) if text[position:position + 1].isalpha() else None
    if weekday is not None and any(pattern.match(text, weekday.end()) for pattern in _DATE_AFTER_WEEKDAY):
        position = weekday.end()  # "[Tues 5/19/2020] ...": the weekday before a numeric date is read past
    for pattern in (_ISO_DATE, _US_DATE, _MONTH_DATE, _YEAR_MONTH_DATE, _DAY_MONTH_YEAR, _DAY_MON_YEAR_JOINED,
                    _DAY_DOT_MONTH_YEAR, _DOTTED_DATE, _MONTH_DAY):
        match = pattern.match(text, position)
        if match:
            if pattern is _MONTH_DAY and default_year is None:
                return None
            day = _date_of(match, default_year, day_first)
            if day is None and match.groupdict().get("y") is None and pattern is _MONTH_DATE:
                day = None
            position = match.end()
            if day is None and pattern is not _MONTH_DATE:
                return None
            break
    position = _skip(text, position, _LEAD_MARKUP)
    time_match = _TIME.match(text, position)
    if day is not None and not (time_match and _valid_time(time_match)):
        separator = _DATE_TIME_SEP.match(text, position)  # `24-10-2024 - 08:15`, `2023-01-04/11:34`
        if separator:
            timed = _TIME.match(text, separator.end())
            if timed and _valid_time(timed) and timed.group("m") is not None:
                time_match, position = timed, separator.end()
    unknown = False
    if day is not None and not (time_match and _valid_time(time_match)):
        compact = _COMPACT_TIME.match(text, position)  # `2022-02-02 1625: ...` (a time without a colon)
        masked = _MASKED_TIME.match(text, position) if compact is None else None
        if compact:
            clock, position, time_match = (int(compact.group("h")), int(compact.group("m")), 0), compact.end(), None
        elif masked:
            clock, position, time_match = (int(masked.group("h")), int(masked.group("m")) * 10, 0), masked.end(), None
            approximate = True
        else:
            placeholder = _TIME_PLACEHOLDER.match(text, position)  # `2022-02-02 X: ...`: the time left to fill in
            if placeholder:
                unknown, position = True, placeholder.end()
    bare = False
    if time_match and _valid_time(time_match):
        clock = _clock(time_match)
        bare = _bare_hour(time_match)
        position = time_match.end()
        range_end = _RANGE_END.match(text, position)
        if range_end:
            position = range_end.end()
    elif clock is None and day is None and not (match and match.re is _MONTH_DATE):
        return None
    if clock is None and day is None and not (match and match.re is _MONTH_DATE):
        return None
    zone = None
    zone_word = None
    zone_match = _ZONE.match(text, position)
    if zone_match:
        zone = zone_for(zone_match.group("zone"), day)
        if zone is not None:
            position = zone_match.end()
            zone_word = zone_match.group("zone")
    if day is None and clock is not None:  # "12:45 PM PST Saturday Oct 30th"
        weekday = _WEEKDAY.match(text, position)
        after = weekday.end() if weekday else position
        trailing = _MONTH_DATE.match(text, after) or _DAY_MONTH_DATE.match(text, after)
        dated = None if trailing else _date_after_time(text, position, default_year, day_first)
        if trailing:
            day = _date_of(trailing, default_year)
            position = trailing.end()
        elif dated is not None:  # "18:30, Nov 27, 2025", "18:30 UTC on 2025-11-27"
            day, position = dated
        elif weekday and weekday.group(0).strip():
            position = weekday.end() if text[weekday.end():weekday.end() + 1] in (":", "-", " ", "") else position
    raw = text[start:position].strip(" ,*_")
    position = _skip(text, position, _LEAD_MARKUP)
    moment = None
    if day is not None:
        hour, minute, second = clock or (0, 0, 0)
        moment = datetime(day.year, day.month, day.day, hour, minute, second)
    if match is not None and match.re is _MONTH_DATE and day is None:
        # a month and day without a year we can infer: keep the text, it cannot be placed
        return Stamp(None, zone, False, clock is not None, approximate, position, raw, clock, bare_hour=bare,
                     zone_word=zone_word)
    return Stamp(moment, zone, day is not None, clock is not None, approximate, position, raw, clock,
                 year_inferred=match is not None and match.re is _MONTH_DAY, unknown_time=unknown, bare_hour=bare,
                 zone_word=zone_word)


#: Between a time and the date written after it: `18:30, Nov 27, 2025`, `18:30 UTC on 2025-11-27`.
_TIME_DATE_SEP = re.compile(r"[ \t]{0,3}(?:,|\bon\b)[ \t]{0,3}|[ \t]{1,3}")


def _date_after_time(text: str, position: int, default_year: int | None,
                     day_first: bool) -> tuple[date, int] | None:
    """The date written after a time (`18:30, Nov 27, 2025`, `18:30, Thursday 27 Nov 2025`,
    `18:30 on 2025-11-27`, `18:30 27/11/2025` in the document's date order, `1:00 PM, 20-Dec-18`) and the index
    just after it; None when no readable date follows (the time stays time-only). Every
    repeat is bounded: one match per pattern at one position."""
    separator = _TIME_DATE_SEP.match(text, position)
    if separator is None:
        return None
    start = separator.end()
    weekday = _WEEKDAY.match(text, start)
    if weekday is not None and weekday.group(0).strip():
        start = weekday.end()
    for pattern in (_MONTH_DATE, _DAY_MONTH_DATE, _ISO_DATE, _US_DATE, _DAY_MON_YEAR_JOINED):
        match = pattern.match(text, start)
        if match is None:
            continue
        found = _date_of(match, default_year, day_first)
        return (found, match.end()) if found is not None else None
    return None


#: A Hugo shortcode (`{{< track "2018-12-21T12:15:00.000Z" >}}`, `{{% update at="..." %}}`):
#: bounded, never nested, on one line.
_SHORTCODE = re.compile(r"\{\{[<%][^{}\n]{0,200}?[%>]\}\}")
#: An ISO 8601 date and time inside a shortcode, with its zone when it has one.
_SHORTCODE_TIME = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
                             r"(?:[ \t]?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})(?![\w]))?")


def shortcode_line(line: str) -> str | None:
    """A line that carries its time stamp in a shortcode, as a status page built with Hugo
    writes its updates (cState: `All tiles restored. {{< track "2018-12-31T09:13:00.000Z" >}}`),
    rewritten with the stamp first and the shortcode taken out (`2018-12-31T09:13:00.000Z
    All tiles restored.`), so it reads as any time-stamped line; None for a line with no
    shortcode holding an ISO date and time (`{{< figure src="..." >}}`, a bare date).
    Whatever the shortcode's name: the time stamp is what makes the line an update."""
    if "{{" not in line:
        return None
    for match in _SHORTCODE.finditer(line):
        stamp = _SHORTCODE_TIME.search(match.group(0))
        if stamp is not None:
            rest = f"{line[:match.start()].strip()} {line[match.end():].strip()}".strip()
            return f"{stamp.group(0)} {rest}".rstrip()
    return None


def _skip(text: str, position: int, pattern: re.Pattern[str]) -> int:
    match = pattern.match(text, position)
    return match.end() if match else position


def _valid_time(match: re.Match[str]) -> bool:
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    if match.group("m") is None and not match.group("ampm2"):
        return False
    return hour <= 24 and minute < 60


def _bare_hour(match: re.Match[str]) -> bool:
    """The hour is 1–12, written without a leading zero and without am/pm (`4:16`, `11:05`)."""
    hour = match.group("h")
    return not (match.group("ampm") or match.group("ampm2")) and not hour.startswith("0") and 1 <= int(hour) <= 12


#: A 12-hour time anywhere in prose: `9:40am`, `12:10 pm`, `3 a.m.`, `11PM` (not `PM2019`, not `I am`).
_AM_PM = re.compile(r"(?<![\w.:])(?:1[0-2]|0?[1-9])(?::[0-5]\d)?[ \t]?(?:[ap]\.m\.|[ap]m)(?![\w])", re.IGNORECASE)


#: The end of such a time, found first: a pattern that starts with a digit and no lookbehind
#: runs about twice as fast over a timeline full of digits; `_AM_PM` then confirms the hour.
_AM_PM_TAIL = re.compile(r"\d(?::[0-5]\d)?[ \t]?(?:[aApP]\.[mM]\.|[aApP][mM])(?![\w])")


def writes_am_pm(texts: Iterable[str]) -> bool:
    """Whether the document writes any time with am/pm (`9:40am`, `3 p.m.`): then it keeps a
    12-hour clock, and a bare `4:16` elsewhere in it may be 16:16. Stops at the first one;
    one pass over the joined text (the pieces are joined with a line break, which no time
    spans). Over the first DATE_ORDER_SCAN characters, as for the date order: a document
    shows its clock in its first pages, and a 5 MB one need not be read to the end for it."""
    parts, size = [], 0
    for piece in texts:
        parts.append(piece)
        size += len(piece) + 1
        if size >= DATE_ORDER_SCAN:
            break
    text = "\n".join(parts)[:DATE_ORDER_SCAN]
    for match in _AM_PM_TAIL.finditer(text):
        start = match.start()
        if start and text[start - 1].isdigit():
            start -= 1  # `12:10pm`: the tail starts at `2`
        if _AM_PM.match(text, start):
            return True
    return False


def _clock(match: re.Match[str]) -> tuple[int, int, int]:
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    second = int(match.group("s") or 0)
    marker = (match.group("ampm") or match.group("ampm2") or "").lower().replace(".", "").replace(" ", "")
    if marker in ("pm", "p") and hour < 12:  # ("4:00p", "9:27a": a status page's short form)
        hour += 12
    elif marker in ("am", "a") and hour == 12:
        hour = 0
    if hour == 24:
        hour = 0
    return hour, min(minute, 59), min(second, 59)


def looks_like_time(text: str) -> str | None:
    """The time-like token `text` starts with when it cannot be parsed (`2X:XX`, `--:--`)."""
    stripped = _LEAD_MARKUP.sub("", text)
    match = _TIMEISH.match(stripped)
    return match.group(0) if match else None


def iso(moment: datetime, zone: tzinfo | None) -> str:
    """ISO 8601 with the zone's offset when known (`2025-06-21T23:05:00+00:00`), else naive."""
    if zone is not None:
        return moment.replace(tzinfo=zone).isoformat()
    return moment.isoformat()


def zone_word(zone: tzinfo) -> str:
    """How a time of day with no date carries its zone in `at` (`23:29 UTC`, `09:12
    UTC-08:00`, `10:00 Europe/Berlin`): a word PM501 reads as a zone, since an offset needs
    a date to be written the ISO way."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    offset = zone.utcoffset(None)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


#: Spelled dates with a year that settle which way a document's numeric dates read (`8 January
#: 2026`, `Jan 8th, 2026`), searched through whole lines: every repeat is bounded, so a line of
#: `janjanjan...` costs a few steps per character (the parser's `[a-z]*` would retry the run).
_MONTH_SCAN = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
_SPELLED_DATES = (
    re.compile(r"(?<![a-z])" + _MONTH_SCAN + r"[ \t]{1,3}(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[ \t]{1,3}(?P<y>\d{4})(?!\d)",
               re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?[ \t]{1,3}(?:of[ \t]{1,3})?" + _MONTH_SCAN +
               r",?[ \t]{1,3}(?P<y>\d{4})(?!\d)", re.IGNORECASE),
)
#: An ISO date anywhere (a title `# 2024-04-03 outage`, a log line): evidence as good as a spelled one.
_ISO_SCAN = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)")


#: How much of a document settles its date order: a reader settles it from the first dates
#: they meet, and a postmortem is a few KB; the bound keeps a 5 MB document from paying for
#: scans whose answer its first pages already gave.
DATE_ORDER_SCAN = 256 * 1024


def day_first_dates(text: str, references: list[date]) -> bool:
    """Whether this document writes its numeric dates day first (`11-01-2026` = 11 January).

    Decided once for the whole document, as a reader does: a numeric date whose first field
    is over 12 (`24-10-2024`) makes it day first, one whose second field is over 12
    (`10-24-2024`) month first (both, or neither: the evidence below). When every numeric
    date could be read either way, the order that puts them nearest the document's other
    dates wins (`references`: the front matter, the file name; and every date spelled with
    a month name or written ISO in the text, `8 January 2026`, `2026-01-11`); with none, the
    reading that keeps the dates in the order they are written (a timeline runs forward).
    With no evidence either way, month first (the reading pmlint always made). Linear: a
    few bounded patterns run once over the text (in C, not line by line), over its first
    DATE_ORDER_SCAN characters.
    """
    text = text[:DATE_ORDER_SCAN]
    first_big = second_big = False
    ambiguous: list[tuple[int, int, int]] = []
    for match in NUMERIC_DATE.finditer(text):
        one, two, year = int(match.group(1)), int(match.group(3)), match.group(4)
        number = int(year) + (2000 if len(year) == 2 else 0)
        if one > 12 >= two >= 1:
            first_big = True
        elif two > 12 >= one >= 1:
            second_big = True
        elif 1 <= one <= 12 and 1 <= two <= 12 and one != two and len(ambiguous) < 200:
            ambiguous.append((one, two, number))
    if first_big != second_big:
        return first_big
    if not ambiguous:
        return False
    spelled: list[date] = []  # only for a document whose numeric dates leave the order open
    for match in _ISO_SCAN.finditer(text):
        if len(spelled) >= 200:
            break
        try:
            spelled.append(date(int(match.group("y")), int(match.group("mo")), int(match.group("d"))))
        except ValueError:
            continue
    for pattern in _SPELLED_DATES:
        for match in pattern.finditer(text):
            if len(spelled) >= 400:
                break
            found = _date_of(match, None)
            if found is not None:
                spelled.append(found)
    known = [*references, *spelled]
    if known:
        def distance(day: int, month: int, year: int) -> int:
            try:
                value = date(year, month, day)
            except ValueError:
                return 10 ** 6
            return min(abs((value - other).days) for other in known)

        month_first = sum(min(distance(two, one, year), 400) for one, two, year in ambiguous)
        day_first = sum(min(distance(one, two, year), 400) for one, two, year in ambiguous)
        if day_first != month_first:
            return day_first < month_first
    # no other date to go by: the reading that keeps the dates in the order they are written
    # (a timeline runs forward), month first on a tie
    month_first = _inversions([(year, one, two) for one, two, year in ambiguous])
    day_first = _inversions([(year, two, one) for one, two, year in ambiguous])
    return day_first < month_first


def _inversions(days: list[tuple[int, int, int]]) -> int:
    """How often a date is earlier than the one written before it."""
    return sum(1 for before, after in zip(days, days[1:]) if after < before)



#: `May 26 - 27th, 2018`, `May 31 – June 1, 2018`: the end of a range of days, dropped so the
#: range reads as its first day (with the year written after the last one).
_DAY_RANGE_END = re.compile(r"(?<=\d)(?:st|nd|rd|th)?[ \t]{0,3}[-–—][ \t]{0,3}"
                            r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?[ \t]{1,3})?"
                            r"\d{1,2}(?:st|nd|rd|th)?(?=,?[ \t]{1,3}\d{4}\b)", re.IGNORECASE)
_HEADING_TRIM = " \t*_`#:.,()[]"
_MONTH_NAMES = frozenset(("january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                          "sept", "oct", "nov", "dec"))


#: A heading that is a month and its year and nothing else ("## April 2021", "### March,
#: 2024"): a status history grouped by month, each line under it an incident of its own.
_MONTH_YEAR = re.compile(
    r"^(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?[ \t]+(?P<year>(?:19|20)\d\d)$", re.IGNORECASE)


def month_heading(text: str) -> date | None:
    """The first day of the month a heading names with its year alone (`April 2021`), else None."""
    match = _MONTH_YEAR.match(text.strip())
    if match is None:
        return None
    return date(int(match["year"]), _MONTHS[match["month"][:3].lower()], 1)


def date_heading(text: str, default_year: int | None = None, day_first: bool = False) -> Stamp | None:
    """The date a heading consists of (`### June 25, 2020`, `## April 25th, 2018`,
    `### May 26 - 27th, 2018`, `#### 2019-01-22 14:00 UTC`, `### Monday, June 3, 2024`, and with
    the document's year `Tuesday 5th November`), or
    None when the heading says anything else ("Timeline", "June 25, 2020: the outage").
    A date heading dates the time-only lines under it, until the next one (a status page,
    an incident log). A range of days reads as its first day. Bounded: headings only, short."""
    candidate = text.strip().strip(_HEADING_TRIM)
    if not candidate or len(candidate) > 60 or not candidate[0].isalnum():
        return None
    weekday = _WEEKDAY.match(candidate)
    if weekday and weekday.end() and not candidate[:1].isdigit():
        candidate = candidate[weekday.end():]
    word = re.match(r"[A-Za-z]+", candidate)
    if word and word.group(0).lower() not in _MONTH_NAMES:
        return None  # "Mayday 5", "Decision 2": a month word must be a month
    candidate = _DAY_RANGE_END.sub("", candidate, count=1)
    stamp = parse_stamp(candidate, default_year, day_first)
    if stamp is None and default_year is not None:
        # `Tuesday 5th November` (the weekday is gone by now): day and month, the year from the document
        day_month = _DAY_MONTH_DATE.fullmatch(candidate.strip(_HEADING_TRIM))
        day = _date_of(day_month, default_year) if day_month is not None and day_month.group("y") is None else None
        if day is not None:
            stamp = Stamp(datetime(day.year, day.month, day.day), None, True, False, False, len(candidate), candidate,
                          year_inferred=True)
    if stamp is None or not stamp.has_date or stamp.moment is None:
        return None
    if candidate[stamp.end:].strip(_HEADING_TRIM):
        return None  # more than a date: a title with a date in it
    return stamp


#: What parts an incident's date from its title: `10-Apr-2023: Bigdata down`,
#: `June 3, 2024 - Network outage`, `2024-06-03 | Storage`.
_TITLE_SEPARATOR = re.compile(r"[ \t]{0,3}(?:[:|\u2013\u2014]|-[ \t])[ \t]{0,3}\S")
#: Between the first and the last day of a span: `16-Jun-17 to 17-Jun-17`.
_THROUGH = re.compile(r"[ \t]{0,3}(?:to|through|until|[-\u2013\u2014])[ \t]{1,3}(?=\d)", re.IGNORECASE)
#: Longest incident heading read for its date (characters).
_INCIDENT_HEADING_CHARS = 160


def incident_heading(text: str, default_year: int | None = None, day_first: bool = False) -> Stamp | None:
    """The date (and time, when it has one) an incident log's entry is headed by: a date
    heading (`date_heading`), or a date that leads a title, set off from it by a colon or
    a dash (`10-Apr-2023: Bigdata down`, `__28-Oct-2020: Cluster jobs failed__`,
    `__1:00 PM, 20-Dec-18: Outage due to AC failure__`). None for anything else: a
    sentence that opens with a date ("June 25, 2020 was the day ...") is no heading, and
    a date without its year (`June 3: ...`) cannot date an incident in a log of several
    years. Only for a document of the incident-log form (`forms.incident_log`): in one
    postmortem a dated title is the document's title, not a new incident. Bounded: one
    stamp read on a short text."""
    candidate = text.strip().strip(" \t*_`#")
    if not candidate or len(candidate) > _INCIDENT_HEADING_CHARS:
        return None
    heading = date_heading(candidate, default_year, day_first)
    if heading is not None:
        return heading
    stamp = parse_stamp(candidate, None, day_first)
    if stamp is None or not stamp.has_date or stamp.moment is None or stamp.unknown_time:
        return None
    rest = candidate[stamp.end:]
    through = _THROUGH.match(rest)
    if through is not None:  # `12:00 AM, 16-Jun-17 to 17-Jun-17: ...`: a span of days opens on its first
        until = parse_stamp(rest[through.end():], None, day_first)
        if until is not None and until.has_date:
            rest = rest[through.end() + until.end:]
            stamp = dataclasses.replace(stamp, end=len(candidate) - len(rest))  # the title starts after the span
    if rest.strip(_HEADING_TRIM) and _TITLE_SEPARATOR.match(" " + rest if rest[:1].isalnum() else rest) is None:
        return None
    return stamp


#: A status page's update states, as its headings and bold leads write them
#: (`## Investigating 2025-01-04 9:27a`, `**Resolved** - This incident has been resolved.`),
#: and the milestone each marks: looking into it means the problem is known (detected), a
#: fix being watched means it is mitigated. "Posted" and "Update" mark no milestone.
STATUS_KINDS = {"investigating": "detected", "identified": "detected", "monitoring": "mitigated",
                "mitigated": "mitigated", "resolved": "resolved", "completed": "resolved",
                "update": "other", "updated": "other", "posted": "other"}
_STATUS_WORD = r"(?P<state>investigating|identified|monitoring|mitigated|resolved|completed|update|updated|posted)"
#: The state, then its stamp: `Investigating 2025-01-04 9:27a`, `**Monitoring** - Jan 4, 11:06 UTC`,
#: `Posted Jan 04, 2025 - 09:27 UTC`
_STATUS_STAMP = re.compile(r"^[\s*_]{0,4}" + _STATUS_WORD + r"[\s*_]{0,4}(?:[-–—:|][ \t]{0,3})?(?:(?:on|at)[ \t]+)?"
                           r"(?P<rest>\S.{0,80})$", re.IGNORECASE)
#: A statuspage.io export's update lead, its stamp on the line after: `**Resolved** - This
#: incident has been resolved.` (bold, a dash: never an ordinary sentence opening with the word).
STATUS_LEAD = re.compile(r"^[ \t]{0,3}(?:\*\*|__)" + _STATUS_WORD + r"(?:\*\*|__)[ \t]{0,3}[-–—:][ \t]{0,3}\S",
                         re.IGNORECASE)


def status_stamp(text: str, default_year: int | None = None, day_first: bool = False,
                 date_only: bool = False) -> tuple[str, Stamp] | None:
    """`(state, stamp)` for a line that is a status update's state and stamp and nothing
    else (`Investigating 2025-01-04 9:27a`), or None. The stamp must give a time of day and
    end the line (a zone may follow): "Resolved 3 tickets today" is no update. With
    `date_only`, a written date with its year will do (`## Update 2021-07-15`: a page of
    daily updates), for a caller that has seen several such headings."""
    match = _STATUS_STAMP.match(text.strip())
    if match is None:
        return None
    stamp = parse_stamp(match.group("rest").strip(" *_"), default_year, day_first)
    if stamp is None or stamp.unknown_time:
        return None
    if not stamp.has_time and not (date_only and stamp.has_date and not stamp.year_inferred):
        return None
    if match.group("rest").strip(" *_")[stamp.end:].strip(" *_.,:;-–—()"):
        return None
    return match.group("state").lower(), stamp


#: A time field labelled by the milestone it marks, opening a line: an uptime monitor's
#: `Down: 15:21 UTC` and `Up: 15:38 UTC (Manual Check)`, `Start: 10:05`, `End - 12:40`,
#: a status post's `**Update: 18:52** We have identified ...`. The labels are a closed set
#: of milestone words (a free label would take "Version 2:30" or "Room 10:15" for a time),
#: and the time must follow at once (after `:`, a dash or a space): "Up to 10:00" or
#: "Down for 5:00" are sentences, not fields. Bounded, no nesting: linear.
_TIME_LABEL = re.compile(
    r"[ \t*_]{0,4}(?P<label>down|up|back[ \t]+up|start(?:ed)?|began|end(?:ed)?|resolved|restored|recovered|"
    r"detected|identified|mitigated|(?:status[ \t]+)?update[sd]?|(?:outage|incident|impact|downtime)[ \t]+"
    r"(?:start(?:ed)?|began|end(?:ed)?))[ \t*_]{0,4}(?:[:\-\u2013\u2014][ \t*_]{0,4}|(?<=[ \t*_]))(?=\d)",
    re.IGNORECASE)
#: The milestone each label marks ("Update" marks none: its words tell).
TIME_LABEL_KINDS = {"down": "started", "start": "started", "started": "started", "began": "started",
                    "up": "resolved", "back up": "resolved", "end": "resolved", "ended": "resolved",
                    "resolved": "resolved", "restored": "resolved", "recovered": "resolved",
                    "detected": "detected", "identified": "detected", "mitigated": "mitigated"}


@dataclass(slots=True, frozen=True)
class LabelledTime:
    """A labelled time field: its label (lower case, one space), its stamp, and the text
    after the stamp (the stamp's `end` counts from `offset`, where the time starts)."""

    label: str
    stamp: Stamp
    offset: int

    @property
    def kind(self) -> str:
        """The milestone the label marks, `other` for an update."""
        return TIME_LABEL_KINDS.get(self.label, "other")

    def rest(self, text: str) -> str:
        return text[self.offset + self.stamp.end:]


def labelled_time(text: str, default_year: int | None = None, day_first: bool = False) -> LabelledTime | None:
    """The labelled time field `text` opens with (`Down: 15:21 UTC`), or None: the label
    must be a milestone word (`_TIME_LABEL`) and the stamp must give a time of day."""
    match = _TIME_LABEL.match(text)
    if match is None:
        return None
    stamp = parse_stamp(text[match.end():match.end() + 200], default_year, day_first)
    if stamp is None or not stamp.has_time or stamp.clock is None or stamp.unknown_time:
        return None
    return LabelledTime(" ".join(match.group("label").lower().split()), stamp, match.end())


#: A line break written as HTML inside a paragraph (`<br>`, `<br/>`, `<br />`).
_BREAK = re.compile(r"<br[ \t]{0,3}/?>", re.IGNORECASE)


def entry_pieces(line: str) -> list[str]:
    """A paragraph line as the entries it holds: a status post that joins its updates with
    HTML line breaks in one paragraph (`We are investigating.<br /><br />**Update: 18:52**
    We have identified ...<br /><br />**Update: 19:12** ...`) is split at the breaks, when
    two pieces or more open with a time (plain, `18:52 ...`, or labelled, `Update: 18:52`);
    any other line is one piece. Linear: one split, one stamp read per piece."""
    if "<" not in line or _BREAK.search(line) is None:
        return [line]
    pieces = [piece.strip() for piece in _BREAK.split(line)]
    pieces = [piece for piece in pieces if piece]
    timed = 0
    for piece in pieces:
        head = piece[:200]
        stamp = parse_stamp(head.strip(" *_"))
        if (stamp is not None and stamp.has_time) or labelled_time(head) is not None:
            timed += 1
            if timed >= 2:
                return pieces
    return [line]

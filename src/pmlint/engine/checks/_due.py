"""Due dates as people write them, read with how sure pmlint can be of the reading.

An action-item table's Due column holds `2025-07-15`, but just as often `Jul 16, 2023`,
`16 July 2023`, `2023/07/16`, `16/07/2023`, `Q3 2025`, `end of Q3` or `next sprint`. A
reader understands all of them; a linter that calls the spelled ones "not a date" (at
`error`) is the first finding a team learns to ignore. So this module sorts a value into:

- `date`: one calendar day (every reading of it, when `4/5/2025` could be April or May);
- `horizon`: a coarser target a tracker can still hold (a month, a quarter, a year, a
  day with no year);
- `none`: the value says there is no date yet ("soon", "ASAP", "ongoing", "n/a"): PM302's
  concern (no due date), not a malformed one;
- `relative`: a date relative to when it was written ("next sprint", "in two weeks");
- `impossible`: shaped as a date but no day on any calendar (`2023-13-45`, `Feb 30, 2024`):
  the only reading pmlint is certain is wrong;
- `unknown`: anything else (free text pmlint cannot read).

Every pattern is anchored and its repeats bounded: reading a value costs a few steps per
character, whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4}|'\d{2})"
_MONTH_NUMBER = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

#: markup and lead words around the value: `**Jul 16, 2023**`, "by 2025-07-01", "ETA: Q3"
_LEAD = re.compile(r"^(?:(?:due|by|before|eta|target|deadline|until|no[ \t]later[ \t]than)[ \t]{0,3}:?[ \t]{1,3}|"
                   r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]{1,3}|the[ \t]{1,3})", re.IGNORECASE)
#: "end of", "mid-", "early": the same horizon, a little earlier or later
_PART = re.compile(r"^(?:(?:end|start|beginning|middle|mid)(?:[ \t]{1,3}of|-)[ \t]{0,3}(?:the[ \t]{1,3})?|"
                   r"(?:early|late|mid)-?[ \t]{0,3})", re.IGNORECASE)

_ISO = re.compile(r"(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T ][0-9:.+\-Z ]{0,40}|[ \t]{1,3}\w{1,5})?")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
_MONTH_DAY = re.compile(_MONTH + r"[ \t]{1,3}" + _DAY + r"(?:,?[ \t]{1,3}" + _YEAR + r")?", re.IGNORECASE)
_DAY_MONTH = re.compile(_DAY + r"[ \t]{1,3}(?:of[ \t]{1,3})?" + _MONTH + r"(?:,?[ \t]{1,3}" + _YEAR + r")?",
                        re.IGNORECASE)
_HORIZON = re.compile(
    r"(?:\d{4}-(?:0?[1-9]|1[0-2])"                                   # 2025-09
    r"|" + _MONTH + r"(?:,?[ \t]{1,3}(?:\d{4}|'\d{2}))?"              # July, Jul 2025
    r"|(?:Q[1-4]|H[12])(?:[ \t]{0,3}[-/ ]?[ \t]{0,3}(?:FY[ \t]?)?(?:\d{4}|'?\d{2}))?"  # Q3, Q3 2025, H2/2025
    r"|(?:FY[ \t]?)?\d{4}[ \t]{0,3}[-/ ]?[ \t]{0,3}(?:Q[1-4]|H[12])"  # 2025-Q3, 2025 H2
    r"|(?:FY[ \t]?)?(?:19|20)\d{2}|FY[ \t]?\d{2}"                     # 2025, FY25
    r"|(?:this|next)[ \t]{1,3}(?:quarter|year|half)"                  # this quarter
    r")", re.IGNORECASE)
_RELATIVE = re.compile(
    r"(?:(?:this|next|the[ \t]{1,3}next|following|current|upcoming)[ \t]{1,3}(?:sprint|week|month|release|iteration|"
    r"cycle|milestone|deploy(?:ment)?|maintenance[ \t]window)"
    r"|(?:(?:with)?in[ \t]{1,3})?(?:a|an|one|two|three|four|five|six|\d{1,3})[ \t]{1,3}(?:days?|weeks?|months?|sprints?)"
    r"(?:[ \t]{1,3}(?:from[ \t]{1,3}now|after[ \t]{1,3}\w{1,20}))?"
    r"|(?:tomorrow|today|tonight|eow|eom|eoq|eoy|end[ \t]{1,3}of[ \t]{1,3}(?:day|week|month|sprint|year)))", re.IGNORECASE)
#: a value that says there is no date (yet): not a malformed date
_NONE = re.compile(
    r"(?:tbd|tbc|tba|n/?a|none|no|-+|—|–|\?+|unknown|unscheduled|not[ \t]{1,3}(?:yet[ \t]{1,3})?(?:set|scheduled|planned|known)|"
    r"soon|asap|as[ \t]{1,3}soon[ \t]{1,3}as[ \t]{1,3}possible|later|someday|some[ \t]{1,3}day|eventually|"
    r"ongoing|on-?going|continuous(?:ly)?|recurring|as[ \t]{1,3}needed|when[ \t]{1,3}possible|backlog|"
    r"done|complete[d]?|finished|closed|n\.a\.)\.?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Due:
    """How a due value reads: `kind` (see the module docstring) and, for a `date`, every
    day it can be (one, unless the day and month could swap)."""

    kind: str
    days: tuple[date, ...] = ()

    @property
    def certain(self) -> bool:
        """One day, whichever way the document writes its dates."""
        return len(set(self.days)) == 1


def read_due(value: Any, day_first: bool | None = None) -> Due:
    """How `value` reads as a due date. `day_first`: the document's order for numeric dates
    (`16/07/2023`), None when it is not known (then an ambiguous one keeps both readings).
    A day without a year (`Jul 16`) is a horizon: which year is the reader's guess."""
    if isinstance(value, datetime):
        return Due("date", (value.date(),))
    if isinstance(value, date):
        return Due("date", (value,))
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return Due("unknown")
    text = " ".join(str(value)[:200].split()).strip("*_`~ ")
    for _ in range(3):  # "due by the end of Q3": lead words, then the part of the period
        stripped = _LEAD.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    if not text:
        return Due("none")
    if _NONE.fullmatch(text):
        return Due("none")
    match = _ISO.fullmatch(text)
    if match:
        return _calendar([(int(match["y"]), int(match["mo"]), int(match["d"]))])
    match = _NUMERIC.fullmatch(text)
    if match:
        return _numeric(match, day_first)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.fullmatch(text)
        if match:
            month = _MONTH_NUMBER[match["mon"][:3].lower()]
            if match["y"] is None:  # `Jul 16`: which year is the reader's guess (this or next)
                return Due("horizon") if _day(2024, month, int(match["d"])) else Due("impossible")
            return _calendar([(_year(match["y"]), month, int(match["d"]))])
    part = _PART.sub("", text, count=1)
    if _HORIZON.fullmatch(part):
        return Due("horizon")
    if _RELATIVE.fullmatch(part) or _RELATIVE.fullmatch(text):
        return Due("relative")
    return Due("unknown")


def _numeric(match: re.Match[str], day_first: bool | None) -> Due:
    """`16/07/2023` (day first: 16 > 12), `7/16/2023` (month first), `4/5/2025` (either:
    the document's order decides; unknown, both readings stay)."""
    first, second, year = int(match["a"]), int(match["b"]), _year(match["y"])
    month_first, day_first_reading = (year, first, second), (year, second, first)
    if first > 12 or second > 12:
        return _calendar([day_first_reading if first > 12 else month_first])
    if day_first is None:
        return _calendar([month_first, day_first_reading])
    return _calendar([day_first_reading if day_first else month_first])


def _calendar(readings: list[tuple[int, int, int]]) -> Due:
    days = tuple(day for day in (_day(*reading) for reading in readings) if day is not None)
    return Due("date", days) if days else Due("impossible")


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)

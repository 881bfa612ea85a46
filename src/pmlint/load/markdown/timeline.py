"""Timeline sections → `timeline: [{at, event, kind}]`.

Entries are list items, table rows, paragraph lines or headings (H3-per-entry style)
that begin with a time. The date carries forward across entries (from front matter,
the title, the section heading, date-only lines like `_4/21/23_` or `### 2019-01-22`,
and fully dated entries); `[12-05 16:21]` takes its year from the document's date (the
year before when that would put it more than a month after the incident). A date-only
entry (`| 2021-12-10 | ... |`) keeps `at` as a date (`2021-12-10`), never an invented
midnight. A time-only entry that is 6+ hours earlier than the one
before is taken to be after midnight. The zone comes from the entry (`16:58 UTC`),
else the table header (`Time (UTC)`), a sentence in the section (`All times in PST`),
the section heading (`Timeline (all times PST)`), or front matter `timezone`. With no
zone, `at` is ISO 8601 without an offset (PM501 then says so); an entry whose time
cannot be read (`2X:XX`, `Jan 14` with no year anywhere) keeps the text as written.
Code fences are read as entries only when they hold a timeline typed one entry a line
(`sections.timeline_code`); a log excerpt is not one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any
from datetime import date, datetime, time, timedelta, tzinfo

from ... import regex_cache
from ...model import Span
from .blocks import Block, Cell
from .common import Output, block_span, plain
from .sections import Section, timeline_code
from .states import State
from ...headings import atx_headings
from .times import (STATUS_KINDS, STATUS_LEAD, LabelledTime, Stamp, date_heading, declared_zone, entry_pieces, find_date,
                    find_zone, incident_heading, iso, labelled_time, looks_like_time, parse_stamp, shortcode_line, status_stamp,
                    year_first_date, zone_word)

_SEPARATOR = re.compile(r"^[\s*_`]*(?:[-–—:|,.)\]>]+[\s*_`]*)*")
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z '/-]{1,40}?)\s*[:\-–]?\s+(?P<stamp>\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}.*)$")
_TIME_HEADER = re.compile(r"\b(?:time|date|timestamp|when|at|hour)\b", re.IGNORECASE)
_EVENT_HEADER = re.compile(r"\b(?:event|events|note|notes|description|what|action|details|update|activity)\b",
                           re.IGNORECASE)
ROLLOVER = timedelta(hours=6)

#: (kind, pattern) in order of precedence; deliberately conservative.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("resolved", re.compile(
        # ("Chain stalled alert resolved (due to lack of data)": the alert, not the incident)
        r"\b(?:(?<!alert )(?<!alarm )(?<!alerts )resolved|fully restored|service(?:s)? (?:is |are |was |were )?(?:fully )?restored|incident closed|"
        r"all clear|back to normal|fully recovered|closed the incident|(?:outage|incident|impact) (?:ends|ended|is over)|"
        # "the chain resumes", "block production resumed", "the site is back online"
        r"(?:chain|network|service|site|api|block production|production|processing) (?:resumes|resumed|"
        r"is back online|was back online|came back online|is back up|was back up)|"
        # "Brian tweets that all systems are stable"
        r"all (?:systems|services) (?:are|were) (?:now )?(?:stable|operational))\b", re.IGNORECASE)),
    ("mitigated", re.compile(
        r"\b(?:mitigated|mitigation (?:applied|deployed|in place)|rolled back|failed over|"
        r"(?:conducted|performed|completed|ran|executed) (?:a |the )?(?:\w+ )?fail-?over|fail-?over (?:completed?|finished|done)|rollback (?:completed?|finished|done)|"
        r"rollback of .{0,60} (?:has )?completed|workaround (?:applied|deployed|in place)|repaired|"
        r"error rates? (?:drops?|returns?|recover)|recovered|issue goes away|"
        # "Brian sees that ratchet.io is working again" (not "Bob is working again on the fix")
        r"(?:is|are|was|were) (?:now )?(?:working|up|reachable|accessible|available|online|responding) again"
        r"(?! (?:on|at|with|to|through)\b)|"
        # "Patch successfully alleviates the 504 errors"
        r"alleviat(?:es|ed) (?:the )?(?:\w+ )?(?:errors?|issues?|problems?|outage|load|pressure|timeouts?))\b", re.IGNORECASE)),
    ("escalated", re.compile(
        r"\b(?:escalated|escalates|escalation|incident (?:was )?declared|declared (?:an |the )?incident|"
        r"sev ?[0-4] (?:declared|raised)|paged (?:the )?(?:secondary|manager|incident commander))\b", re.IGNORECASE)),
    ("detected", re.compile(
        r"\b(?:alert(?:s|ed)? (?:fired|fires|fire|triggered)|(?:generat|rais|issu)(?:ed|es|ing) (?:an? )?(?:alerts?|alarms?)|"
        # ("Bug discovered during deployment attempts"; not "discovered the root cause": diagnosis)
        # ("Mathias notices the mistake", "Rob spots the errors": a timeline's present tense)
        r"alerted|paged|pages|first detected|detected|noticed|notices|spots|"
        # "Cory got an alert from Pingdom that our website was down"
        r"(?:got|gets|received|receives) (?:an? |the )?(?:\w+ )?(?:alert|page|alarm)s?|"
        # "First AI assistant takes over, finds cluster in degraded state"
        r"(?:finds|found) (?:the |our |its )?(?:[\w.-]+ ){0,2}?in (?:an? )?(?:degraded|broken|failed|failing|unhealthy|"
        r"crashed|bad|inconsistent|unusable) state|"
        r"(?:discovered|spotted)(?! (?:that )?(?:the |a )?(?:root )?(?:cause|culprit|reason|fix))|"
        r"first report(?:ed)?|reported (?:by|that|issues?|on|via|in)|reports (?:on|via|in|that)|users? reported|"
        r"customers? reported|team alerted|first (?:human[- ])?visible (?:signal|sign))\b",
        re.IGNORECASE)),
    ("started", re.compile(
        r"\b(?:(?:incident|outage|impact|problem|issue|degradation|errors?|failures?) (?:starts?|started|begins?|began)|"
        r"(?:starts?|started|begins?|began) (?:failing|to fail|erroring|returning errors))\b"
        # "starts failing with 401 Unauthorized again": a recurrence, not the onset
        r"(?![^.\n]{0,80}\bagain\b)", re.IGNORECASE)),
)


#: Any kind's words: one search tells most events (those of no kind) apart, instead of five.
_ANY_KIND = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _KINDS), re.IGNORECASE)
#: The same patterns (written in lower case) without re.IGNORECASE, for an ASCII event
#: lower-cased: a third of the time on a 5 MB timeline's 40,000 events (ignoring case makes
#: the engine fold each character it compares). Only for ASCII: matching ignores case the
#: Unicode way ("ſ" matches "s", the Kelvin sign "k"), which lower-casing does not follow.
_KINDS_LOWER = tuple((kind, regex_cache.compile(pattern.pattern)) for kind, pattern in _KINDS)
_ANY_KIND_LOWER = regex_cache.compile(_ANY_KIND.pattern)


@lru_cache(maxsize=4096)
def classify_event(text: str) -> str:
    """started | detected | escalated | mitigated | resolved | other, by keywords."""
    if text.isascii():
        text, any_kind, kinds = text.lower(), _ANY_KIND_LOWER, _KINDS_LOWER
    else:
        any_kind, kinds = _ANY_KIND, _KINDS
    if not any_kind.search(text):
        return "other"
    for kind, pattern in kinds:
        if pattern.search(text):
            return kind
    return "other"


@dataclass(slots=True)
class TimeContext:
    """What an entry inherits: the date so far, the zone in force, the previous moment."""

    day: date | None = None
    zone: tzinfo | None = None
    year: int | None = None
    start: date | None = None  # the document's date (front matter, title, file name)
    previous: datetime | None = None
    approximate: list[str] = field(default_factory=list)
    day_first: bool = False  # numeric dates read day first in this document (`11-01-2026`)
    twelve_hour: bool = False  # the document writes am/pm somewhere (`9:40am`): a bare `4:16` may be 16:16
    ambiguous: list[str] = field(default_factory=list)  # pointers of entries whose hour may be a.m. or p.m.
    zone_words: list[tuple[str, str]] = field(default_factory=list)  # (pointer, zone as written) per zoned entry
    newest_first: bool = False  # the timeline (or each run under a date heading) was written newest first
    #: the document is a log of many incidents (`forms.incident_log`): each dated incident
    #: heading opens an incident of its own (`_incidents`)
    incident_log: bool = False
    #: a page of several postmortems, each with a timeline of its own under its own heading
    #: (`several_postmortems`): each timeline section is an incident, as in an incident log
    several_postmortems: bool = False
    incidents: list[int] = field(default_factory=list)  # the first entry of each incident, once ordered


class _Timeline:
    def __init__(self, out: Output, lines: list[str], context: TimeContext) -> None:
        self.out = out
        self.lines = lines
        self.context = context
        self.count = 0
        self.pending: int | None = None  # an entry (heading) still waiting for its event text
        self.milestones: set[int] = set()  # entries written as `Label YYYY-MM-DD HH:MM` (a milestone summary)
        self.zoned: list[tuple[int, tzinfo]] = []  # (entry, zone) for entries whose own text names a zone
        self.naive: list[tuple[int, datetime]] = []  # (entry, moment) for timed entries with no zone at all
        #: (entry, moment as read, hour written bare with no zone: a candidate for the p.m. reading)
        self.clocks: list[tuple[int, datetime, bool]] = []
        #: runs: the entries under one date heading (or date line); a new one starts at each
        self.run = 0
        self.rolled_days = 0  # days the current run moved on by reading entries as after midnight
        #: (entry, run, moment as written: the run's date and the clock, no p.m. or after-midnight reading)
        self.written: list[tuple[int, int, datetime]] = []
        #: entries of `written` that give a day and no time: they order a run only when the
        #: whole run gives days alone (a midnight beside "09:00" that day would be a step back)
        self.days_only: set[int] = set()
        self.loose = False  # stamped lines gathered from the whole document (no Timeline section)
        self.dated_runs: set[int] = set()  # runs opened by a date heading or date line
        self.own_date: set[int] = set()  # entries whose own stamp writes a date (`2023-07-11 00:15:00 UTC`)
        #: the timeline section (counted from 1) each run is in: an incident log's sections
        #: are its incidents, listed newest first as wholes (`_newest_first`)
        self.section = 0
        self.run_section: dict[int, int] = {}
        #: entries that are a status page's updates (`## Monitoring 2025-01-04 11:06a`): their
        #: state, not the words under it, is the milestone they mark
        self.states: dict[int, str] = {}
        #: entries that are labelled time fields (`Down: 15:21 UTC`): the milestone the label marks
        self.labelled: dict[int, str] = {}
        #: an incident log's incidents: the one being read, its heading's date, and each entry's
        self.incident = 0
        self.incident_day: date | None = None
        self.incident_of: list[int] = []
        #: a statuspage.io update lead (`**Resolved** - This incident has been resolved.`)
        #: waiting for the stamp on the line after it: (state, text)
        self.lead: tuple[str, str] | None = None

    def kind_of(self, index: int, event: str) -> str:
        """The entry's kind: its status state's milestone, else read from its words."""
        state = STATUS_KINDS.get(self.states.get(index, ""), "other")
        if state == "other":
            state = self.labelled.get(index, "other")
        return state if state != "other" else classify_event(event)

    def labelled_entry(self, field: LabelledTime, text: str, span: Span, zone: tzinfo | None) -> None:
        """One labelled time field (`Down: 15:21 UTC (~ 5 minutes)`, `**Update: 18:52** We
        have identified ...`): its stamp, its words (the label's when it says nothing else;
        an update's label says nothing), and the milestone its label marks."""
        index = self.count
        if field.kind != "other":
            self.labelled[index] = field.kind
        rest = _event(field.rest(text))
        event = rest if field.kind == "other" and rest else f"{field.label.capitalize()} {rest}".strip()
        self.pending = None
        self.entry(field.stamp, None, event, span, span, zone)
        entry = self.out.data["timeline"][index]
        entry["kind"] = self.kind_of(index, entry["event"])

    def status_entry(self, state: str, stamp: Stamp, event: str, span: Span, zone: tzinfo | None) -> None:
        """One status update: its stamp, its words (the state when it has none yet)."""
        index = self.count
        self.states[index] = state
        self.entry(stamp, None, event or state.capitalize(), span, span, zone)
        entry = self.out.data["timeline"][index]
        entry["kind"] = self.kind_of(index, entry["event"])

    def new_run(self, day: date | None) -> None:
        """A date heading or date line: the time-only entries after it are on `day`."""
        self.run += 1
        self.rolled_days = 0
        self.run_section[self.run] = self.section
        if day is not None:
            self.context.day = day
            self.dated_runs.add(self.run)

    def new_incident(self, day: date) -> None:
        """An incident log's dated heading (`### 10-Apr-2023: Bigdata down`): a run of its
        own, and a new incident unless the incident before it is headed by the same day
        (`10-Apr-2023: Bigdata back` over `10-Apr-2023: Bigdata down` is one outage told in
        two updates). Nothing is carried over from the incident before: its last time is no
        reference for reading this one's times (no p.m. or after-midnight reading across)."""
        if day != self.incident_day:
            self.incident += 1
            self.incident_day = day
            self.context.previous = None
        self.new_run(day)

    def entry(self, stamp: Stamp | None, raw_at: str | None, event: str, span: Span, at_span: Span,
              zone: tzinfo | None) -> None:
        context = self.context
        self.incident_of.append(self.incident)
        at = raw_at or ""
        if stamp is not None:
            moment = stamp.moment
            if moment is not None and stamp.year_inferred and context.start is not None and \
                    moment.date() > (_plus_days(context.start, 31) or date.max) and moment.year > 1:
                moment = moment.replace(year=moment.year - 1)  # `12-05` in a March postmortem: last December
            afternoon = False  # the hour re-read as p.m. to keep the timeline in order (see _afternoon)
            rolled = False
            written: datetime | None = moment if stamp.has_date else None
            if moment is not None and stamp.has_date:
                self.own_date.add(self.count)
                self.rolled_days = 0
                if stamp.bare_hour and stamp.has_time and _afternoon(stamp, moment, context):
                    moment, afternoon = moment + _HALF_DAY, True
                context.day = moment.date()
            elif stamp.clock is not None and context.day is not None and stamp.moment is None and stamp.raw and \
                    not re.match(r"[A-Za-z]", stamp.raw):
                hour, minute, second = stamp.clock
                moment = datetime(context.day.year, context.day.month, context.day.day, hour, minute, second)
                try:
                    written = moment - timedelta(days=self.rolled_days)
                except OverflowError:
                    written = None
                next_day = _plus_days(moment, 1)  # None on 9999-12-31: no day after it to roll over to
                if stamp.bare_hour and _afternoon(stamp, moment, context):
                    moment, afternoon = moment + _HALF_DAY, True
                elif context.previous is not None and moment < context.previous and next_day is not None and \
                        context.previous - moment >= ROLLOVER and next_day > context.previous:
                    moment, rolled = next_day, True  # no p.m. reading in order: after midnight
                    context.day = moment.date()
                    self.rolled_days += 1
            if moment is not None and stamp.clock is not None and not stamp.unknown_time:
                if afternoon or (stamp.bare_hour and context.twelve_hour):
                    context.ambiguous.append(f"/timeline/{self.count}")
                self.clocks.append((self.count, moment, stamp.bare_hour and not afternoon and not rolled
                                    and stamp.clock[0] <= 9 and (stamp.zone or zone or context.zone) is None))
            if stamp.unknown_time:
                at = stamp.raw  # `2022-02-02 X`: the time was never filled in; kept as written (PM501)
            elif moment is not None and stamp.has_date and not stamp.has_time and stamp.clock is None:
                at = moment.date().isoformat()  # a date-only entry stays a date: no invented midnight
                if written is not None:
                    # its day still tells the list's order (a page of daily updates, newest first)
                    self.written.append((self.count, self.run, written))
                    self.days_only.add(self.count)
            elif moment is not None:
                context.previous = moment
                at = iso(moment, stamp.zone or zone or context.zone)
                if written is not None:
                    self.written.append((self.count, self.run, written))
                if stamp.zone is not None:
                    self.zoned.append((self.count, stamp.zone))
                    if stamp.zone_word:
                        context.zone_words.append((f"/timeline/{self.count}", stamp.zone_word))
                elif (zone or context.zone) is None:
                    self.naive.append((self.count, moment))
            elif stamp.clock is not None and stamp.zone is None and (in_force := zone or context.zone) is not None:
                # `23:29` in a table headed "Time (UTC)", with no day anywhere to put it on: the
                # time of day as written, in the zone its column or section states
                at = f"{stamp.raw} {zone_word(in_force)}"
            else:
                at = stamp.raw
        pointer = f"/timeline/{self.count}"
        item = {"at": at, "event": event, "kind": classify_event(event)}
        out = self.out
        entries = out.data.get("timeline")
        if isinstance(entries, list) and len(entries) == self.count:
            # what `out.put(pointer, item, span)` does, without walking the pointer: one
            # call per entry of a timeline that may hold tens of thousands
            entries.append(item)
            spans = out.spans
            spans.setdefault("/timeline", span)
            spans[pointer] = span
            spans[pointer + "/at"] = at_span
            spans[pointer + "/event"] = span
            spans.setdefault(pointer + "/kind", span)
        else:
            out.put(pointer, item, span)
            out.spans[pointer + "/at"] = at_span
            out.spans[pointer + "/event"] = span
        out.widen("/timeline", span)
        if stamp is not None and stamp.approximate:
            context.approximate.append(pointer)
        self.count += 1

    def append_event(self, text: str, span: Span) -> None:
        """Give the pending heading entry its text (the paragraph under `### 14:08`)."""
        if self.pending is None or not text:
            return
        pointer = f"/timeline/{self.pending}"
        entry = self.out.data["timeline"][self.pending]
        entry["event"] = f"{entry['event']} {text}".strip() if entry["event"] else text
        entry["kind"] = self.kind_of(self.pending, entry["event"])
        self.out.widen(pointer, span)
        if entry["event"] == text:  # the heading had no text of its own: the event starts here
            self.out.spans[pointer + "/event"] = span
        else:  # more of the same event: its span covers every paragraph it was read from
            self.out.widen(pointer + "/event", span)
        self.out.widen("/timeline", span)


_HALF_DAY = timedelta(hours=12)
#: A smaller step back is a slip in the order (two entries swapped), never the other half of the day.
_SWAP = timedelta(hours=1)


def _afternoon(stamp: Stamp, moment: datetime, context: TimeContext) -> bool:
    """Whether a bare hour (`1:05`, no leading zero, no am/pm) is read as p.m.: its a.m.
    reading goes back an hour or more from the entry before it on the same day, and the p.m.
    reading is in order (`11:50`, then `1:05` is 13:05 on a 12-hour clock, not 01:05 the next
    night). In a document that writes am/pm, any hour 1–11; in one that does not, a
    single-digit hour, and only when the p.m. reading is nearer the entry before than the
    a.m. one (`11:00` then `9:30` stays 09:30, out of order: 21:30 is further away). A
    step back past midnight (`23:04`, then `2:50`) has no p.m. reading in order and still
    rolls over to the next day. An hour the entry itself writes in UTC (`(1:00 UTC)`) in a
    document that writes no am/pm is on the 24-hour clock UTC is written on: never p.m."""
    previous = context.previous
    if not stamp.bare_hour or stamp.clock is None or previous is None or moment.date() != previous.date():
        return False
    if stamp.zone is not None and stamp.zone.utcoffset(None) == timedelta(0) and not context.twelve_hour:
        return False  # `(1:00 UTC)`: UTC is written on a 24-hour clock, 1:00 is never 13:00
    hour = stamp.clock[0]
    if hour >= 12 or (hour > 9 and not context.twelve_hour):
        return False
    back, later = previous - moment, moment + _HALF_DAY
    if back < _SWAP or later < previous:
        return False
    return context.twelve_hour or later - previous < back


def _ambiguous_by_order(timeline: _Timeline) -> None:
    """A single-digit hour with no am/pm and no zone (`4:16`) followed, the same day, by a
    24-hour afternoon hour (`18:30`) that its p.m. reading (16:16) also fits before, is
    ambiguous: the order cannot tell the two readings apart. "Fits" is between the nearest
    entries around it whose hour is not in question. Such an entry is no evidence of night
    work (`DocumentMeta.timeline_ambiguous_hours`). Not ambiguous: a leading zero (`04:16`,
    a 24-hour clock); an entry read as after midnight (`23:04`, then `2:50`); one with no
    afternoon hour after it (`3:10`, `3:40`, then `14:00`: 15:40 would be out of order)."""
    clocks = timeline.clocks
    if not any(candidate for _, _, candidate in clocks):
        return
    marked = set(timeline.context.ambiguous)
    fixed = [(index, moment) for index, moment, candidate in clocks if not candidate]
    position = 0
    for index, moment, candidate in clocks:
        while position < len(fixed) and fixed[position][0] < index:
            position += 1
        if not candidate or f"/timeline/{index}" in marked or position >= len(fixed):
            continue
        later = moment + _HALF_DAY
        before = fixed[position - 1][1] if position > 0 else None
        after = fixed[position][1]
        if after.hour < 13 or after.date() != moment.date():
            continue
        try:
            fits = (before is None or before <= later) and later <= after
        except TypeError:  # aware vs naive neighbours: the order cannot tell
            continue
        if fits:
            timeline.context.ambiguous.append(f"/timeline/{index}")


def _afternoon_after_noon(timeline: _Timeline) -> None:
    """A 12-hour clock typed with leading zeros: `12:00`, then `01:16`, `01:47`, `01:56`, then
    `14:03`, all under one date. Read on a 24-hour clock the three were past midnight and
    `14:03` the next afternoon, a day with no date line; read as p.m. (13:16 ...) the run is
    in order on its own day. So where, within one run, an entry written at 12:xx is followed
    by hours 1–11 going forward and then by an hour of 13 or later that comes after their
    p.m. reading, those hours are p.m., and the entries after them lose the day the
    after-midnight reading added (one day for each such stretch before them in the run, at
    most the days the reading added). Their hours are listed as unclear (no night work is
    read from them). Linear: one pass finds the stretches, one more applies the days."""
    written = timeline.written
    items = timeline.out.data.get("timeline")
    if len(written) < 3 or not isinstance(items, list):
        return
    back = [0] * (len(written) + 1)  # days taken back from each entry on: a difference array
    run_end: dict[int, int] = {}
    for position, record in enumerate(written):
        run_end[record[1]] = position + 1
    position = 1
    while position < len(written) - 1:
        index, run, noon = written[position - 1]
        if noon.hour != 12:
            position += 1
            continue
        last = position
        while last < len(written) and written[last][1] == run and 1 <= written[last][2].hour <= 11 and \
                written[last][2] >= written[last - 1][2] - _HALF_DAY * (last == position):
            last += 1
        if last == position or last >= len(written) or written[last][1] != run:
            position = max(last, position + 1)
            continue
        after = written[last][2]
        if after.hour < 13 or after.date() != noon.date() or after < written[last - 1][2] + _HALF_DAY:
            position = last + 1
            continue
        for entry, _, moment in written[position:last]:
            _retime(items[entry], moment + _HALF_DAY)
            timeline.context.ambiguous.append(f"/timeline/{entry}")
        back[last] += 1
        back[run_end[run]] -= 1
        position = last + 1
    taken = 0
    for position, (entry, _, moment) in enumerate(written):
        taken += back[position]
        if taken <= 0:
            continue
        try:
            shown = datetime.fromisoformat(str(items[entry].get("at"))).replace(tzinfo=None)
        except ValueError:
            continue
        days = min(taken, (shown.date() - moment.date()).days)  # at most what the after-midnight reading added
        if days > 0:
            _retime(items[entry], shown - timedelta(days=days))


def extract_timeline(sections: list[Section], out: Output, lines: list[str], context: TimeContext) -> None:
    timeline = _Timeline(out, lines, context)
    above = _dates_above(sections, lines, context)
    year = context.year
    for section in sections:
        if section.key != "timeline":
            continue
        context.year = year
        heading_text = plain(section.heading.text) if section.heading else ""
        zone = find_zone(section.qualifier) or context.zone
        day = find_date(section.qualifier or heading_text, context.year, context.day_first)
        if day is None and section.heading is not None:
            day = above.get(section.heading.line)
            if day is not None:
                # an incident log: the incident's heading gives the year of the date lines
                # under it (`Tuesday 5th November`), whatever the page's first date
                context.year = day.year
        timeline.section += 1
        if context.incident_log or context.several_postmortems:  # each timeline section is its incident
            timeline.incident += 1
            timeline.incident_day = day
            context.previous = None
        timeline.new_run(day)
        timeline.loose = section.heading is None
        timeline.pending = None
        if section.heading is not None:
            out.widen("/timeline", block_span(section.heading))
        for block in section.blocks:
            zone = _block(timeline, block, zone, lines)
    context.year = year
    if timeline.count == 0:
        out.data.pop("timeline", None)
        out.spans.pop("/timeline", None)
        return
    _carry_zones(timeline)
    _ambiguous_by_order(timeline)
    _afternoon_after_noon(timeline)
    if not context.incident_log and not context.several_postmortems and timeline.section == 1 and timeline.loose:
        context.several_postmortems = _logs_by_heading(timeline, lines)
    if not ((context.incident_log or context.several_postmortems) and _incidents(timeline)):
        _newest_first(timeline)
    _merge_milestones(timeline)


#: An ATX heading line: its hashes and its text.
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.{1,300})")
#: A step back this long, where a new heading starts, begins another log: a status page's
#: section per system ("### Myriad" over 2024 updates, then "### Young" over 2023 ones).
_LOG_STEP_BACK = timedelta(days=1)


def _logs_by_heading(timeline: _Timeline, lines: list[str]) -> bool:
    """Whether time-stamped lines gathered from the whole page (no Timeline heading) are
    several logs, one under each heading: where the heading above an entry changes and the
    entry steps back in time a day or more before everything above it, another log begins
    (each then its own incident, ordered and measured on its own, as in an incident log). A
    post that goes on forward under its next heading stays one timeline. Linear: the
    headings found once, one bisection per entry."""
    from bisect import bisect_right

    # the one heading reader (`headings.atx_headings`), taking the lines this reader always
    # took: a CommonMark lead, a space or tab after the hashes, and something after that
    headings = [heading.line for heading in atx_headings(lines) if heading.commonmark and heading.gap in (" ", "\t")
                and len(lines[heading.line - 1]) >= len(heading.indent) + heading.level + 2]
    if len(headings) < 2:
        return False
    moments = {index: moment for index, _, moment in timeline.written}
    spans = timeline.out.spans
    incident, latest, heading_before = 0, None, None
    incidents: list[int] = []
    for index in range(timeline.count):
        span = spans.get(f"/timeline/{index}")
        heading = headings[bisect_right(headings, span.line) - 1] if span is not None and span.line > headings[0] else 0
        moment = moments.get(index)
        if moment is not None and latest is not None and heading != heading_before and \
                (moment.tzinfo is None) == (latest.tzinfo is None) and latest - moment > _LOG_STEP_BACK:
            incident += 1
            latest = None
        if moment is not None and (latest is None or moment > latest):
            latest = moment
        heading_before = heading
        incidents.append(incident)
    if incident == 0:
        return False
    timeline.incident_of[:] = incidents
    return True


def _dates_above(sections: list[Section], lines: list[str], context: TimeContext) -> dict[int, date]:
    """The date of the heading a `### Timeline` sits under, by the timeline heading's line:
    a postmortem may date the incident in its heading (`## 2025 February 13th: Teachers
    locked out`, then `### Timeline` over `7:20am deployed ...`), and the times under it are
    on that day. Only for one incident: timelines under two or more dated headings are an
    incident log's separate incidents, which one timeline would join into one impact weeks
    long (their times stay as written, as before). One pass over the lines, up to the last
    timeline heading; the heading levels above are kept (at most six)."""
    wanted = {section.heading.line: section.heading.level for section in sections
              if section.key == "timeline" and section.heading is not None and section.heading.kind == "heading"}
    if not wanted:
        return {}
    found: dict[int, date] = {}
    owners: set[int] = set()  # the lines of the dated headings the timelines sit under
    open_dates: dict[int, tuple[int, date] | None] = {}  # heading level -> (line, date) its heading gives
    fenced = False
    for number in range(1, min(max(wanted), len(lines)) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or not line.startswith(("#", " ")):
            continue
        match = _ATX.match(line)
        if match is None:
            continue
        level = len(match.group(1))
        if number in wanted:
            owner = next((open_dates[upper] for upper in range(level - 1, 0, -1) if open_dates.get(upper)), None)
            if owner is not None:
                found[number] = owner[1]
                owners.add(owner[0])
        for deeper in [key for key in open_dates if key >= level]:
            del open_dates[deeper]
        text = plain(match.group(2))
        # a date that writes its year first (`2024 November 4-8th`), before `November 4` in the page's year
        day = year_first_date(text) or find_date(text, None, context.day_first) or \
            find_date(text, context.year, context.day_first)
        open_dates[level] = (number, day) if day is not None else None
    return found if len(owners) == 1 else {}


def _carry_zones(timeline: _Timeline) -> None:
    """A zone stated once holds for the entries after it: `**Feb 04, 21:45 (UTC):**` then
    `**21:48:**`, `**21:56:**` are UTC, as a reader takes them. Only where the zone is the
    exception in the writing (as many zone-less entries as zoned ones, or more): in a
    timeline whose entries mostly carry their zone, the one without it is a slip (PM501
    reports it) and is left as written. Entries before the first zoned one stay without."""
    if not timeline.zoned or not timeline.naive or len(timeline.naive) < len(timeline.zoned):
        return
    items = timeline.out.data["timeline"]
    zoned = timeline.zoned
    position = 0
    for index, moment in timeline.naive:
        while position < len(zoned) and zoned[position][0] < index:
            position += 1
        if position == 0:
            continue  # before any zone was stated
        items[index]["at"] = iso(moment, zoned[position - 1][1])


def _moment_key(at: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(at))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        from datetime import timezone

        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _merge_milestones(timeline: _Timeline) -> None:
    """A milestone summary (MoJ's "Key events": `First detected 2021-11-05 9:29`, `Repaired ...`,
    `Incident declared ...`) lists milestones by kind, not in time order, often before the detailed
    timeline. Its entries are placed by time among the others (whose own order is kept, so a
    genuinely out-of-order narrative is still visible); the spans move with them."""
    items = timeline.out.data["timeline"]
    marked = sorted(timeline.milestones)
    if not marked or len(marked) == len(items) and len(items) < 2:
        return
    keys: dict[int, Any] = {index: _moment_key(items[index].get("at")) for index in marked}
    if any(key is None for key in keys.values()):
        return
    summary = sorted(marked, key=lambda index: keys[index])
    order: list[int] = []
    for index in range(len(items)):
        if index in timeline.milestones:
            continue
        moment = _moment_key(items[index].get("at"))
        while summary and moment is not None and keys[summary[0]] < moment:
            order.append(summary.pop(0))
        order.append(index)
    order.extend(summary)
    _reorder(timeline, order)


def _reorder(timeline: _Timeline, order: list[int]) -> None:
    """Put the entries in `order` (old indices, in their new order); spans and the
    pointers kept in the context move with them."""
    items = timeline.out.data["timeline"]
    if order == list(range(len(items))):
        return
    spans = timeline.out.spans
    moved = {}
    for new, old in enumerate(order):
        for suffix in ("", "/at", "/event"):
            span = spans.get(f"/timeline/{old}{suffix}")
            if span is not None:
                moved[f"/timeline/{new}{suffix}"] = span
    for pointer in [pointer for pointer in spans if pointer.startswith("/timeline/")]:
        del spans[pointer]
    spans.update(moved)
    timeline.out.data["timeline"] = [items[old] for old in order]
    position = {f"/timeline/{old}": f"/timeline/{new}" for new, old in enumerate(order)}
    timeline.context.approximate[:] = [position.get(pointer, pointer) for pointer in timeline.context.approximate]
    timeline.context.ambiguous[:] = [position.get(pointer, pointer) for pointer in timeline.context.ambiguous]
    timeline.context.zone_words[:] = [(position.get(pointer, pointer), word) for pointer, word in timeline.context.zone_words]


def _block(timeline: _Timeline, block: Block, zone: tzinfo | None, lines: list[str]) -> tzinfo | None:
    """Read one block of a timeline section; returns the zone in force after it."""
    context = timeline.context
    if block.kind == "code" and not block.quoted and timeline_code(block):
        # a timeline typed in a fence, one entry a line: read as the lines of a paragraph
        # (the text starts on the line after the opening fence)
        typed = Block("paragraph", block.line + 1, block.end_line, text=block.text.rstrip("\n"))
        timeline.pending, timeline.lead = None, None
        return _paragraph(timeline, typed, zone, lines)
    if block.kind in ("code", "html", "label", "empty", "folded") or block.quoted:
        return zone
    if block.kind == "table":
        _table(timeline, block, zone)
        timeline.pending = None
        return zone
    if block.kind != "paragraph":
        timeline.lead = None
    if block.kind == "heading":
        timeline.pending = None
        # (`## Update 2021-07-15`, a daily update, too: a heading that is a state and a date)
        update = status_stamp(plain(block.text), context.year, context.day_first, date_only=True)
        if update is not None:  # `## Investigating 2025-01-04 9:27a`: the words under it are its event
            timeline.status_entry(update[0], update[1], "", _span(block), zone)
            timeline.pending = timeline.count - 1
            return zone
        if context.incident_log:
            heading = incident_heading(plain(block.text), context.year, context.day_first)
            if heading is not None and heading.moment is not None:
                if date_heading(plain(block.text), context.year, context.day_first) is None:
                    # `### 10-Apr-2023: Bigdata down`: an incident of its own, dating the lines under it
                    return _incident(timeline, heading, block.text, _span(block), zone)
                timeline.new_incident(heading.moment.date())  # `### June 25, 2020`: then read as before
        dated = date_heading(plain(block.text), context.year, context.day_first)
        if dated is not None and dated.moment is not None and (timeline.loose or not dated.has_time):
            # `### June 25, 2020` (any level): the date of the lines under it, until the next one
            timeline.new_run(dated.moment.date())
            return dated.zone or zone
        stamp = parse_stamp(block.text, context.year, context.day_first)
        if stamp is None:
            raw = looks_like_time(block.text)
            if raw:
                timeline.entry(None, raw, _event(block.text[len(raw):] if block.text.startswith(raw) else ""),
                               _span(block), _span(block), zone)
                timeline.pending = timeline.count - 1
                return zone
            return find_zone(block.text) or zone
        event = _event(block.text[stamp.end:])
        if stamp.has_date and not stamp.has_time and not event:
            timeline.new_run(stamp.moment.date() if stamp.moment else None)
            return stamp.zone or zone  # `### 2019-01-22 (UTC)`: the zone of the entries under it
        timeline.entry(stamp, None, event, _span(block), _span(block), zone)
        timeline.pending = timeline.count - 1
        return zone
    if block.kind == "paragraph":
        return _paragraph(timeline, block, zone, lines)
    if block.kind == "item":
        source = block.text
        first = source.split("\n", 1)[0]
        lifted = shortcode_line(first)  # `- Restored. {{< track "2018-12-31T09:13:00Z" >}}`
        if lifted is not None:
            source = lifted + source[len(first):]
        text = source.split("\n", 1)[0] if "\n" in source and _first_line_stamp(source) else source
        stamp = parse_stamp(text, context.year, context.day_first)
        if stamp is None:
            labelled = _LABELLED.match(plain(text))
            if labelled:
                stamp = parse_stamp(labelled.group("stamp"), context.year, context.day_first)
                if stamp is not None:
                    event = labelled.group("label") + (" " + _event(labelled.group("stamp")[stamp.end:])).rstrip()
                    timeline.milestones.add(timeline.count)
                    timeline.entry(stamp, None, event.strip(), _span(block), _span(block), zone)
                    return zone
            field = labelled_time(text, context.year, context.day_first)
            if field is not None:  # `- Down: 15:21 UTC (~ 5 minutes)`
                timeline.labelled_entry(field, text, _span(block), zone)
                return zone
            raw = looks_like_time(text)
            if raw:
                timeline.entry(None, raw, _event(text[text.find(raw) + len(raw):]), _span(block), _span(block), zone)
                return zone
            if timeline.pending is not None:
                timeline.append_event(plain(block.text), _span(block))
            return zone
        event = _event(source[stamp.end:])
        if stamp.has_date and not stamp.has_time and not event:
            timeline.new_run(stamp.moment.date() if stamp.moment else None)
            return stamp.zone or zone  # `- **Feb 4, 2021 (UTC)**` over the entries
        timeline.pending = None
        timeline.entry(stamp, None, event, _span(block), _span(block), zone)
    return zone


def _bold_line(line: str) -> bool:
    """A line that is bold from end to end (`__28-Oct-2020: Jobs failed__`): a heading in all but markup."""
    text = line.strip()
    return len(text) > 4 and text[:2] in ("**", "__") and text[-2:] == text[:2]


def _incident(timeline: _Timeline, heading: Stamp, text: str, span: Span, zone: tzinfo | None) -> tzinfo | None:
    """An incident log's incident heading with a title after its date: a new incident on its
    day; one that gives a time as well (`1:00 PM, 20-Dec-18: Outage due to AC failure`) is
    its first entry, its title the event. Returns the zone in force under it."""
    assert heading.moment is not None
    timeline.pending = None
    timeline.new_incident(heading.moment.date())
    if heading.has_time:
        title = plain(text).strip().strip(" \t*_`#")  # as `incident_heading` read it: `end` counts in it
        timeline.entry(heading, None, _event(title[heading.end:]), span, span, zone)
    return heading.zone or zone


def _first_line_stamp(text: str) -> bool:
    return parse_stamp(text.split("\n", 1)[0]) is not None


#: A line that ends in the middle of a phrase that a time completes ("... between", "... at
#: about", "... from"): the next line's time belongs to that sentence.
_WRAPPED_BEFORE = re.compile(r"\b(?:between|from|at|after|before|until|till|by|around|about|since|and)[ \t]*$",
                             re.IGNORECASE)


def _paragraph(timeline: _Timeline, block: Block, zone: tzinfo | None, lines: list[str]) -> tzinfo | None:
    context = timeline.context
    # a status post's updates joined by `<br />` in one line are one piece each (entry_pieces)
    pieces = [(offset, piece) for offset, line in enumerate(block.text.split("\n")) for piece in entry_pieces(line)]
    current: int | None = None
    for position, (offset, raw_line) in enumerate(pieces):
        number = block.line + offset
        if current is None and position and _WRAPPED_BEFORE.search(pieces[position - 1][1][-40:]):
            # "... allocated to the site between" / "06:00 and 07:00 UTC. If you notice ...": a
            # sentence wrapped before its time, no entry
            continue
        raw_line = shortcode_line(raw_line) or raw_line  # `Restored. {{< track "2018-12-31T09:13:00Z" >}}`
        line_span = _line_span(lines, number)
        if context.incident_log and len(pieces) == 1 and _bold_line(raw_line):
            heading = incident_heading(plain(raw_line), context.year, context.day_first)
            if heading is not None and heading.moment is not None:
                if date_heading(plain(raw_line), context.year, context.day_first) is None:
                    # `__28-Oct-2020: Cluster jobs failed__`: an incident of its own, as a heading is
                    zone = _incident(timeline, heading, plain(raw_line), line_span, zone)
                    current = timeline.count - 1 if heading.has_time else None
                    continue
                timeline.new_incident(heading.moment.date())  # `**June 25, 2020**`: then read as before
        lead = STATUS_LEAD.match(raw_line)
        if lead is not None and parse_stamp(raw_line, context.year, context.day_first) is None:
            # `**Resolved** - This incident has been resolved.`: its stamp is on the next line
            timeline.lead = (lead.group("state").lower(), plain(raw_line))
            timeline.pending, current = None, None
            continue
        update = status_stamp(raw_line, context.year, context.day_first)
        stamp = update[1] if update is not None else parse_stamp(raw_line, context.year, context.day_first)
        if timeline.lead is not None and stamp is not None and not _event(raw_line[stamp.end:] if update is None else ""):
            # `Jan 4, 2025 - 16:00 UTC` (or `Posted Jan 04, ...`) under an update lead: its time
            state, event = timeline.lead
            timeline.lead = None
            timeline.status_entry(state, stamp, event, line_span, zone)
            timeline.pending, current = None, timeline.count - 1
            continue
        if update is not None:
            stamp = None if update[0] in ("posted", "update", "updated") else stamp
            if stamp is not None:  # `Monitoring 2025-01-04 11:06a` on a line of its own
                timeline.status_entry(update[0], stamp, "", line_span, zone)
                timeline.pending, current = None, timeline.count - 1
                continue
            stamp = parse_stamp(raw_line, context.year, context.day_first)
        timeline.lead = None
        field = labelled_time(raw_line, context.year, context.day_first) if stamp is None else None
        if field is not None:  # `**Update: 18:52** We have identified ...`, `Down: 15:21 UTC`
            timeline.labelled_entry(field, raw_line, line_span, zone)
            current = timeline.count - 1
            continue
        if stamp is None:
            dated = date_heading(plain(raw_line), context.year, context.day_first) if len(raw_line) <= 80 else None
            if dated is not None and dated.moment is not None and not dated.has_time:
                # `Tuesday 5th November` on a line of its own: the date of the lines after it
                timeline.new_run(dated.moment.date())
                timeline.pending, current = None, None
                continue
            declared = declared_zone(plain(raw_line))
            if declared is not None and current is None:
                zone = declared  # in force for the rest of this section
                day = find_date(raw_line, context.year, context.day_first)  # "All times in PST, on February 5th 2019"
                if day is not None:
                    context.day = day
                continue
            raw = looks_like_time(raw_line)
            if raw:
                timeline.pending = None
                rest = raw_line[raw_line.find(raw) + len(raw):] if raw in raw_line else ""
                timeline.entry(None, raw, _event(rest), line_span, line_span, zone)
                current = timeline.count - 1
                continue
            if current is not None:
                entry = timeline.out.data["timeline"][current]
                entry["event"] = f"{entry['event']} {plain(raw_line)}".strip()
                entry["kind"] = timeline.kind_of(current, entry["event"])
                timeline.out.widen(f"/timeline/{current}", line_span)
            elif timeline.pending is not None:
                timeline.append_event(plain(raw_line), line_span)
            continue
        event = _event(raw_line[stamp.end:])
        if stamp.has_date and not stamp.has_time and not event:
            timeline.new_run(stamp.moment.date() if stamp.moment is not None else None)
            zone = stamp.zone or zone  # `**Feb 4, 2021 (UTC)**` above the entries
            continue
        timeline.pending = None
        timeline.entry(stamp, None, event, line_span, line_span, zone)
        current = timeline.count - 1
    return zone


def _table(timeline: _Timeline, block: Block, zone: tzinfo | None) -> None:
    header = [plain(cell.text) for cell in block.header]
    time_column = next((index for index, text in enumerate(header) if _TIME_HEADER.search(text)), 0)
    event_columns = [index for index, text in enumerate(header) if index != time_column and _EVENT_HEADER.search(text)]
    if not event_columns:
        event_columns = [index for index in range(len(header)) if index != time_column]
    if time_column < len(header):
        zone = find_zone(header[time_column]) or zone
    for row in block.rows:
        if time_column >= len(row):
            continue
        cell = row[time_column]
        stamp = parse_stamp(cell.text, timeline.context.year, timeline.context.day_first)
        event = " — ".join(plain(row[index].text) for index in event_columns if index < len(row) and row[index].text.strip())
        row_span = Span(cell.line, row[0].column if row else 1, cell.line, max(c.end_column for c in row))
        day = _date_row(cell.text, stamp, event, timeline.context)
        if day is not None:
            # `1/30 |` (or `2020-01-30 |`) with nothing else: the day of the time-only rows below
            timeline.new_run(day)
            continue
        if stamp is None:
            raw = looks_like_time(cell.text)
            if raw:
                timeline.entry(None, raw, event, row_span, _cell_span(cell), zone)
            continue
        timeline.entry(stamp, None, event, row_span, _cell_span(cell), zone)


#: A day and month with no year, as a table's date row writes it: `1/28`, `12/3`.
_SHORT_DAY = re.compile(r"[ \t]*(\d{1,2})/(\d{1,2})[ \t]*")


def _date_row(text: str, stamp: Stamp | None, event: str, context: TimeContext) -> date | None:
    """The day a timeline table's separator row gives, or None: a row whose time cell is a
    date and nothing else and whose other cells are empty (`1/30 | `, `2020-01-30 | `); a
    day and month alone (`1/30`) take the document's year and its date order."""
    if event:
        return None
    if stamp is not None:
        return stamp.moment.date() if stamp.moment is not None and stamp.has_date and not stamp.has_time else None
    short = _SHORT_DAY.fullmatch(plain(text))
    if short is None or context.year is None:
        return None
    first, second = int(short.group(1)), int(short.group(2))
    month, day = (second, first) if context.day_first else (first, second)
    try:
        return date(context.year, month, day)
    except ValueError:
        return None


def _event(text: str) -> str:
    return plain(_SEPARATOR.sub("", text, count=1))


def _span(block: Block) -> Span:
    return Span(block.line, block.column, block.end_line, max(block.end_column, 1))


def _cell_span(cell: Cell) -> Span:
    return Span(cell.line, cell.column, cell.line, cell.end_column)


def _line_span(lines: list[str], number: int) -> Span:
    text = lines[number - 1] if 0 < number <= len(lines) else ""
    column = len(text) - len(text.lstrip()) + 1
    return Span(number, column, number, max(len(text), column))


def _plus_days(value: Any, days: int) -> Any:
    """`value` + `days` days, or None past the calendar's end (9999-12-31 has no next day)."""
    try:
        return value + timedelta(days=days)
    except OverflowError:
        return None


def _descending(moments: list[datetime]) -> tuple[int, int]:
    """(steps back, steps forward) between consecutive moments; equal ones count neither."""
    back = forward = 0
    for before, after in zip(moments, moments[1:]):
        if after < before:
            back += 1
        elif after > before:
            forward += 1
    return back, forward


def _newest_first(timeline: _Timeline) -> None:
    """A status page or incident log lists its updates newest first: the whole timeline,
    or each run under a date heading (`### June 25, 2020`, then `(7:30 UTC) Services
    operating normally.`, `(1:00 UTC) One of the databases failed ...`), and often its
    dated runs newest first too. Where most consecutive steps within the runs go back in
    time (two or more, more back than forward) the log is reverse-chronological, not out of
    order: its times are taken as written (no p.m. or after-midnight reading, which exist to
    keep a forward timeline in order) and its entries are put oldest first; dated runs
    listed newest first (more steps back than forward between them) are put oldest first
    as well. Onset, detection, mitigation and durations are then measured as in any
    timeline (`DocumentMeta.timeline_newest_first` remembers it, for one strict-only note).
    A forward timeline with one entry out of place has one step back among many forward
    ones and is left as written (PM502 reports the entry)."""
    written = timeline.written
    if len(written) < 2:
        return
    runs: dict[int, list[tuple[int, int, datetime]]] = {}
    for record in written:
        runs.setdefault(record[1], []).append(record)
    for run, records in list(runs.items()):
        timed = [record for record in records if record[0] not in timeline.days_only]
        if timed and len(timed) < len(records):
            runs[run] = timed  # days alone beside times of the same run: the times tell the order
    counts = {run: _descending([moment for _, _, moment in records]) for run, records in runs.items()}
    back = sum(count[0] for count in counts.values())
    forward = sum(count[1] for count in counts.values())
    within = back >= 2 and back > forward
    # what is listed newest first as a whole: the runs, or in an incident log of several
    # timeline sections (one per incident, each dated by its heading), the sections, whose
    # own date lines (`Tuesday 5th November`) still run forward within them
    wholes: dict[int, list[int]] = {}
    for run in runs:
        wholes.setdefault(timeline.run_section.get(run, 0) if len(set(timeline.run_section.values())) > 1
                          else run, []).append(run)
    keys = [min(moment for run in members for _, _, moment in runs[run]) for members in wholes.values()]
    run_back, run_forward = _descending(keys)
    across = len(wholes) >= 2 and all(run in timeline.dated_runs for run in runs) and run_back >= 1 \
        and run_back > run_forward
    if len(runs) == 1 and not within:
        return
    if not within and not across:
        return
    items = timeline.out.data["timeline"]
    redated = _redated(timeline) if within else {}
    segments: dict[int, list[int]] = {}  # run -> its entries in their new order
    starts = [records[0][0] for records in runs.values()] + [len(items)]
    for position, (run, records) in enumerate(runs.items()):
        first, following = starts[position], starts[position + 1]
        reverse = within and counts[run][0] > counts[run][1]
        if reverse:
            for index, _, moment in records:
                _retime(items[index], redated.get(index, moment))
        last = records[-1][0]
        body = list(range(first, last + 1))
        segments[run] = (body[::-1] if reverse else body) + list(range(last + 1, following))
    head = list(range(0, written[0][0]))
    groups = list(wholes.values())
    if across:
        groups.reverse()
    order = head + [index for members in groups for run in members for index in segments[run]]
    timeline.context.newest_first = True
    _reorder(timeline, order)


def _redated(timeline: _Timeline) -> dict[int, datetime]:
    """Entries of a log written newest first whose day was carried, not written, each on
    the day read from the entry below it (older): "02:45 UTC" above "2023-07-11 00:15:00
    UTC" is on the 11th, and "23:45:00 UTC" below it on the 10th, where reading in document
    order carried the 11th down and the document's date up. A day moves on where a clock
    goes back from the entry below (23:45, then 00:15). Carried: entries that write no date
    of their own in a run no date heading opened (a date heading dates every entry under
    it). Linear: one walk, oldest first."""
    written = sorted(timeline.written)
    found: dict[int, datetime] = {}
    day: date | None = None
    clock: time | None = None
    for index, run, moment in reversed(written):
        carried = run not in timeline.dated_runs and index not in timeline.own_date
        if index in timeline.days_only:
            day, clock = moment.date(), None
            continue
        if carried and day is not None:
            # (no day after 9999-12-31: the day read stays)
            on = (_plus_days(day, 1) or day) if clock is not None and moment.time() < clock else day
            moment = datetime.combine(on, moment.time(), moment.tzinfo)
            found[index] = moment
        day, clock = moment.date(), moment.time()
    return found


def several_postmortems(sections: list[Section], blocks: list[Block]) -> bool:
    """Whether the page holds several postmortems: two or more timeline sections with
    headings, each under a different heading one level or more above it (`### Chain Stuck
    at Genesis (Incident #6)` over `#### Timeline`, then `### Finality Decreased (Incident
    #3)` over its own). A postmortem's "## Timeline" and "## Detailed timeline" share the
    title above them: one incident. One pass over the headings."""
    wanted = {section.heading.line for section in sections
              if section.key == "timeline" and section.heading is not None and section.heading.kind == "heading"}
    if len(wanted) < 2:
        return False
    open_levels: dict[int, int] = {}  # heading level -> line of the heading open at that level
    parents: set[int] = set()
    for block in blocks:
        if block.kind != "heading" or block.quoted or block.parent >= 0:
            continue
        if block.line in wanted:
            above = [line for level, line in open_levels.items() if level < block.level]
            parent = max(above) if above else 0
            if parent == 0 or parent in parents:
                return False  # under the title, or a second timeline of one postmortem
            parents.add(parent)
        for level in [level for level in open_levels if level >= block.level]:
            del open_levels[level]
        open_levels[block.level] = block.line
    return len(parents) >= 2


def _incidents(timeline: _Timeline) -> bool:
    """An incident log's timeline, incident by incident (`_Timeline.new_incident`): each
    incident read on its own, never measured or ordered against another. An incident whose
    updates are listed newest first (more steps back than forward: the log's own order,
    `19-Aug-2020` over `11:30 PM ...`, `10:30 PM ...`, `8:30 PM ...`) is put oldest first,
    its times as written (`_newest_first`); one written oldest first is left as written,
    so an entry out of place in it is still reported. The incidents are then listed oldest
    first, by their first moment (the log lists them newest first, and its archive in no
    one order). `TimeContext.incidents` keeps where each starts, for the rules. False when
    fewer than two incidents hold entries: one incident is read as any timeline."""
    items = timeline.out.data["timeline"]
    groups: dict[int, list[int]] = {}
    for index, incident in enumerate(timeline.incident_of):
        groups.setdefault(incident, []).append(index)
    if len(groups) < 2:
        return False
    written = {index: moment for index, _, moment in timeline.written}
    ordered: list[tuple[datetime | None, list[int]]] = []
    key: datetime | None = None
    changed = False
    for members in groups.values():
        moments = [written[index] for index in members if index in written]
        back, forward = _descending(moments)
        if back > forward:
            for index in members:
                if index in written:
                    _retime(items[index], written[index])
            members = members[::-1]
            changed = True
        key = min(moments) if moments else key  # an incident with no time keeps its place after the one before
        ordered.append((key, members))
    sorted_groups = sorted(ordered, key=lambda pair: pair[0] or datetime.min)
    changed = changed or [members for _, members in sorted_groups] != [members for _, members in ordered]
    order: list[int] = []
    starts: list[int] = []
    for _, members in sorted_groups:
        starts.append(len(order))
        order.extend(members)
    timeline.context.incidents[:] = starts
    timeline.context.newest_first = timeline.context.newest_first or changed
    _reorder(timeline, order)
    return True


def _retime(item: dict, moment: datetime) -> None:
    """Set an entry's `at` to `moment` as written, in the zone it was read in (a date-only
    entry keeps its date: no invented midnight)."""
    if "T" not in str(item.get("at")):
        return
    try:
        zone = datetime.fromisoformat(str(item.get("at"))).tzinfo
    except ValueError:
        return
    item["at"] = iso(moment, zone)


def extract_states(key: str, states: list[State], out: Output, spans: dict[str, Span], context: TimeContext) -> None:
    """A status page's timed states in front matter (`states.status_states`) as the
    timeline, for a document whose body has none: one entry per state, at the state's time
    (in its own zone, else the document's), oldest first (a list written newest first, as
    Statuspage exports are, is turned around), each entry's span the state's lines. A
    state whose time names no zone, in a document that names none, is listed with the
    hours whose place in the day is unclear (`TimeContext.ambiguous`): the night rules do
    not count it as night work."""
    order = list(states)
    try:
        back, forward = _descending([state.moment for state in order])
    except TypeError:  # aware and naive times mixed: the order cannot be compared
        back, forward = 0, 0
    if back > forward:
        order.reverse()
    items: list[dict[str, Any]] = []
    for index, state in enumerate(order):
        moment = state.moment
        zone = moment.tzinfo or context.zone
        at = iso(moment.replace(tzinfo=None), zone)
        items.append({"at": at, "event": state.text, "kind": classify_event(state.text)})
        if zone is None:
            # a page's update time with no zone (a server's clock, the readers' UTC?): where
            # it fell in the responders' day cannot be told, so it is no evidence of night work
            context.ambiguous.append(f"/timeline/{index}")
        span = spans.get(state.item) or spans.get(f"/{key}")
        if span is not None:
            out.spans[f"/timeline/{index}"] = span
            out.spans[f"/timeline/{index}/event"] = span
            out.spans[f"/timeline/{index}/at"] = spans.get(state.at_pointer, span)
    out.data["timeline"] = items
    whole = spans.get(f"/{key}")
    if whole is not None:
        out.spans["/timeline"] = whole

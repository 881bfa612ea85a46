"""Timeline arithmetic shared by the detection, on-call and timeline checks and by `infer/`.

Pure functions over the document's data tree: no engine, no config, so both the rules
and the inference can use them.

A timeline entry's moment is aware when its text carries a zone or the document
declares `timezone`; otherwise it stays naive (a wall-clock time in an unknown
zone). Differences between an aware and a naive moment are unknowable and
return None rather than a guess. A date-only entry (`2021-12-10`) is a day, not
midnight: it never counts as a night event and never ends or starts a time to
detect or mitigate.

Midnight: an entry dated the same day as the one before it but six hours or more
earlier ("[03-26 23:04]" then "[03-26 02:50]") is read as after midnight, the date
left unchanged by mistake. That reading is made here, once, so every rule (time to
detect, night-time work, timeline order) tells the same story; PM502 still reports
the date as wrong, saying it was read as after midnight.

What an entry describes (`describes_failure`, `describes_noticing`,
`describes_mitigation`) is a small vocabulary over its event text, for timelines that
mark no milestones: the onset is the first entry that describes failure or impact (a
PR merged or a deploy scheduled before it is a cause, not the onset), detection the
first that says someone or something learned of it.

Each of them is cached per text: time to detect, time to mitigate and the inference each
walk the same timeline (episodes, then each episode's onset and detection), asking the
same entry the same questions, and a 5 MB timeline of 40,000 entries paid for every
question three or four times over (half a second of a 5-second run). The answer depends
on the text alone, so it is worked out once.
"""

from __future__ import annotations

from functools import lru_cache
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from . import regex_cache
from .timeutil import parse_timestamp, with_default_zone, zone_named

@dataclass(frozen=True, slots=True)
class Entry:
    index: int
    kind: str | None
    raw: str
    moment: datetime | None
    date_only: bool = False  # `2021-12-10`: a day, no time of day (never a night event or a TTD/TTM end)
    event: str = ""
    rolled: bool = False  # dated the same day as the entry before but read as after midnight (see module doc)

    @property
    def pointer(self) -> str:
        return f"/timeline/{self.index}/at"


def document_zone(data: Any) -> tzinfo | None:
    declared = data.get("timezone") if isinstance(data, dict) else None
    return zone_named(declared) if isinstance(declared, str) else None


#: (document data, its timeline list, its `timezone`, the entries): the timeline rules and
#: the inference all ask for the same document's entries, so one parse serves them all.
#: Keyed by the timeline list itself, not only the data: the inferred view of a document
#: (infer/overlay) is another mapping around the same list, and parsing a large timeline
#: again for it cost as much as the first time. Holding the objects keeps identities unique.
_last: tuple[Any, Any, Any, list[Entry]] | None = None


def entries(data: Any) -> list[Entry]:
    """Every timeline entry that is a mapping, with its parsed moment (None if unparseable).

    Cached for the most recent document: callers treat the list as read-only.
    """
    global _last
    timeline = data.get("timeline") if isinstance(data, dict) else None
    if _last is not None:
        if _last[0] is data:
            return _last[3]
        if isinstance(timeline, list) and timeline is _last[1] and data.get("timezone") == _last[2]:
            return _last[3]  # the same timeline read in the same zone: the same entries
    result = _parse_entries(data)
    _last = (data, timeline, data.get("timezone") if isinstance(data, dict) else None, result)
    return result


def newest_first(moments: list[datetime]) -> bool:
    """Whether timed moments, in the order written, are a newest-first log (a status page,
    an incident log): two or more steps back in time, and more steps back than forward.
    A forward timeline with one entry out of place has one step back among forward ones."""
    back = forward = 0
    for before, after in zip(moments, moments[1:]):
        try:
            if after < before:
                back += 1
            elif after > before:
                forward += 1
        except TypeError:  # aware vs naive: no order between them
            continue
    return back >= 2 and back > forward


def _read(item: Any, zone: tzinfo | None) -> tuple[str, datetime | None, bool]:
    """An entry's `at` as text, its moment (None if unparseable) and whether it is a day only."""
    raw = item.get("at")
    raw_text = raw if isinstance(raw, str) else "" if raw is None else str(raw)
    parsed = parse_timestamp(raw_text)
    moment = None if parsed is None else (with_default_zone(parsed, zone) or parsed)
    return raw_text, moment, bool(parsed is not None and _DATE_ONLY.match(raw_text.strip()))


def written_order(timeline: list[Any], zone: tzinfo | None = None) -> list[int]:
    """The indices of a timeline's entries oldest first: as written, or reversed when the
    timeline is written newest first (`newest_first`, over the entries with a time of day)."""
    read = [_read(item, zone) if isinstance(item, dict) else ("", None, False) for item in timeline]
    return _order(read)


def _order(read: list[tuple[str, datetime | None, bool]]) -> list[int]:
    order = list(range(len(read)))
    moments = [moment for _, moment, day in read if moment is not None and not day]
    return order[::-1] if newest_first(moments) else order


def _parse_entries(data: Any) -> list[Entry]:
    timeline = data.get("timeline") if isinstance(data, dict) else None
    if not isinstance(timeline, list):
        return []
    zone = document_zone(data)
    out = []
    previous: datetime | None = None  # the last timed moment as written
    shift = 0  # days added since a same-day entry went back past midnight
    read = [_read(item, zone) if isinstance(item, dict) else ("", None, False) for item in timeline]
    for index in _order(read):  # a newest-first log is read oldest first
        item = timeline[index]
        if not isinstance(item, dict):
            continue
        raw_text, moment, date_only = read[index]
        rolled = False
        if moment is not None and not date_only:
            if previous is not None and moment.date() != previous.date():
                shift = 0  # a new date written: it says where we are
            elif previous is not None and rolls_over(previous, moment):
                shift += 1
                rolled = True
            previous = moment
            if shift:
                try:
                    moment = moment + timedelta(days=shift)
                except OverflowError:  # past 9999-12-31: no day to roll over to
                    pass
        kind = item.get("kind")
        event = item.get("event")
        out.append(Entry(index, kind.strip().lower() if isinstance(kind, str) else None, raw_text, moment,
                         date_only, event if isinstance(event, str) else "", rolled))
    return out


#: How far back a same-day entry must go to be read as after midnight (the Markdown
#: loader's rule for time-only entries, applied here to written dates too).
ROLLOVER = timedelta(hours=6)


def rolls_over(previous: datetime, moment: datetime) -> bool:
    """Whether `moment`, written with the same date as `previous`, is read as the next day:
    it is ROLLOVER or more earlier on the clock (23:04 then 02:50), so a date was left unchanged."""
    if moment.date() != previous.date():
        return False
    if previous.tzinfo is moment.tzinfo:  # one tzinfo object: subtraction is on the clocks already
        return previous - moment >= ROLLOVER
    return previous.replace(tzinfo=None) - moment.replace(tzinfo=None) >= ROLLOVER


_FAILURE = regex_cache.compile(
    r"\b(?:outages?|downtime|(?:is|was|are|were|went|goes|go|going|be|been)[ \t]down|errors?|erroring|fail(?:s|ed|ing|ures?)?|crash\w{0,7}|unavailable|unresponsive|"
    r"unreachable|degraded|degradation|timing[ \t]out|timeouts?|timed[ \t]out|5\d\d[ \t]?s\b|[45]\d\d[ \t]errors|"
    r"unable|cannot|can't|broken|stalled|stall(?:s|ing)|halted|stuck|slowness|slowed[ \t]down|"
    r"unauthori[sz]ed[ \t]access|compromised?|breach(?:ed)?|exfiltrat\w{0,5}|leak(?:s|ed|ing)?|exposed|exposing|"
    # an attacker's artefact shipped: "Pushing of malicious package versions to the NPM registry"
    # (not a guard against one: "deploy WAF rules that block malicious bots")
    r"(?<!block[ \t])(?<!blocks[ \t])(?<!blocking[ \t])(?<!against[ \t])(?<!stop[ \t])(?<!stops[ \t])(?<!filter[ \t])"
    r"(?<!filters[ \t])(?<!reject[ \t])(?<!rejects[ \t])malicious|"
    r"impact(?:ed|ing)?|affect(?:s|ed|ing)|stop(?:s|ped)[ \t][a-z]{2,20}ing|no[ \t]longer[ \t][a-z]{2,20}|expir(?:ed|es|y)|"
    r"impossible)\b", re.IGNORECASE)
#: A secret written into something shared ("image pushed containing the token"): exposure starts there.
_SECRET = regex_cache.compile(r"\b(?:tokens?|secrets?|credentials?|passwords?|private[ \t]keys?|api[ \t]keys?)\b", re.IGNORECASE)
_CONTAINING = regex_cache.compile(r"\b(?:contain(?:s|ed|ing)?|includ(?:es|ed|ing)|embedded|committed|published|pushed)\b", re.IGNORECASE)
_NOTICING = regex_cache.compile(
    r"\b(?:alerts?[ \t](?:fired|fires|fire|firing|triggered|trigger|went[ \t]off)|alerted|"
    r"(?:generat|rais|issu)(?:ed|es|ing)[ \t](?:an?[ \t])?(?:alerts?|alarms?|pages?)|alarm(?:s|ed)?|paged|pinged|"
    # "we were notified", "on-call notified": being told; "Notified impacted users by email"
    # is the team telling others (communication, not detection)
    r"notified(?![ \t](?:(?:all|the|our|any|every|affected|impacted|potentially|possibly|\w+[ \t]impacted)[ \t]){0,2}"
    r"(?:users?|customers?|clients?|partners?|subscribers?|members?|community|public|owners?|maintainers[ \t]of|stakeholders|developers|everyone|people))|"
    # "Package detection automation triggers": a feature named for detecting, not detection
    # ("sheriffs detect infra issue, close trees": the present of a log line)
    r"notic(?:e|ed|es|ing)|(?<!to[ \t])detect(?:s|ed)?|detection(?![ \t]{1,3}(?:automations?|systems?|rules?|services?|models?|logic|"
    r"pipelines?|jobs?|scripts?|engines?|features?|code|algorithms?|tools?|workers?|modules?)\b)|discover(?:s|ed)|spott(?:ed|s)|became[ \t](?:aware|apparent|evident|obvious)|flagged|(?<!feature[ \t])flags(?=[ \t]+(?:(?:the|a|an|this|these|that|those|it|them|our|its|their|\d+)\b|(?:[\w@.`'\u2019/-]+[ \t]+){1,3}as\b))|escalat(?:ed|es)|"
    # ("Reported the incident to the NPM security team" is the team telling others; "Report
    # by Charlie Eriksen from Aikido about compromised packages" is one received)
    r"report(?:s|ed|ing)(?![ \t]+(?:the[ \t]+(?:incident|issue|problem|vulnerability|compromise|breach)|it|this)[ \t]+to[ \t]+"
    r"(?!us\b|me\b))|report[ \t]+(?:by|from)|(?:email|message|ticket|mail|complaint)s?[ \t](?:was[ \t]|were[ \t])?(?:received|submitted|filed|opened|raised)|(?:report|issue|ticket)[^.]{0,80}?(?:was|were)[ \t](?:submitted|received|filed|opened|raised)|"
    r"(?:received|got)[ \t](?:a|an|the)[ \t](?:report|email|alert|page|message|ticket|complaint)|"
    # a tool sending alerts ("Sentry begins sending rollup error alerts"); a person seeing it
    # ("Rob sees huge number of errors", "@esk noted that requests did not fail over")
    r"(?:sen(?:d|ds|t|ding)|fir(?:e|es|ing))[ \t](?:\w+[ \t]){0,3}?(?:alerts?|alarms?|pages?)|"
    r"(?:sees|saw|observe[sd]|not(?:ed|es)[ \t]that))\b", re.IGNORECASE)
#: A negation right after a word of noticing ("alarm does not fire", "alerts never
#: fired") or right before it ("no alert", "nobody noticed", "not detected"): bounded.
_NOT_AFTER = regex_cache.compile(r"[ \t]{1,3}(?:(?:does|did|do|was|were|is|are|has|have|had)[ \t]{0,3}(?:not\b|n't\b)|"
                                 r"never\b|failed[ \t]to\b|didn't\b|doesn't\b|wasn't\b|weren't\b)", re.IGNORECASE)
_NOT_BEFORE = regex_cache.compile(r"\b(?:no|not|never|nobody|no[ \t]one|without)[ \t]{1,3}(?:\w+[ \t]{1,3})?$",
                                  re.IGNORECASE)
#: An alert or page sent by a machine: no person has seen it yet.
_ALERT = regex_cache.compile(
    r"(?<!\bno[ \t])(?<!\bnot[ \t])\b(?:(?:alerts?|alarms?|pages?|monitors?)[ \t](?:(?:started|starts|began|begins|kept|"
    r"were|was|is|are|have|has|had)[ \t](?:been[ \t])?)?(?:fired|fires|fire|firing|triggered|trigger|went[ \t]off)|"
    r"(?:sen(?:d|ds|t|ding)|fir(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|generat\w{1,4}|issu(?:e|es|ed|ing))[ \t](?:\w+[ \t]){0,3}?"
    r"(?:alerts?|alarms?|pages?))\b", re.IGNORECASE)
#: A person at work on it: seeing, acknowledging, investigating, acting.
_HUMAN = regex_cache.compile(
    r"\b(?:sees|saw|seen|notic\w{1,4}|not(?:ed|es)[ \t]that|spott\w{1,3}|discover\w{1,3}|realis\w{1,3}|realiz\w{1,3}|acknowledg\w{1,4}|"
    r"respond\w{0,3}|investigat\w{1,5}|look(?:s|ed|ing)?[ \t]into|check(?:s|ed)[ \t]|restart\w{0,3}|confirm\w{0,3}|"
    r"report(?:s|ed)|escalat\w{1,4}|call[ \t]was[ \t]started|(?:is|was|were|gets|got)[ \t]+woken)\b", re.IGNORECASE)
#: An entry that says all was still well: the fault was in place, the impact not yet
#: ("Services are operational, but the conditions for failure have been set", "this looks
#: fine on the surface").
_LATENT = regex_cache.compile(
    r"\bconditions?[ \t]for[ \t](?:the[ \t]|a[ \t])?(?:failure|outage|incident)|\bset[ \t](?:up[ \t])?for[ \t]failure|"
    r"\b(?:services?|systems?|everything|the[ \t]site|the[ \t]service|it)[ \t](?:are|is|was|were|remain(?:s|ed)?|"
    r"stay(?:s|ed)?)[ \t](?:still[ \t]|fully[ \t])?(?:operational|working|fine|healthy|unaffected|normal)\b|"
    r"\blook(?:s|ed)?[ \t](?:fine|ok|okay|good|normal|healthy)\b|\bseem(?:s|ed)?[ \t](?:fine|ok|okay|good|normal|healthy)\b|"
    r"\b(?:latent|dormant)\b|\bno[ \t](?:user[ \t]|customer[ \t])?impact[ \t]yet\b", re.IGNORECASE)
#: Diagnosis, not detection: "root cause identified", "found the cause", "confirmed".
DIAGNOSIS = regex_cache.compile(r"\b(?:root[ \t]cause|the[ \t]cause|culprit|the[ \t]reason|diagnos\w{0,4}|confirm\w{0,4})\b",
                        re.IGNORECASE)
_MITIGATION = regex_cache.compile(
    r"\b(?:mitigat\w{0,6}|fail(?:ed)?[ \t]?over|failover|roll(?:ed|ing)?[ \t]?back|rollback|revert(?:s|ed|ing)?|"
    r"restor(?:e|es|ed|ing)|recover(?:s|ed|y)?|resolv(?:e|es|ed)|resolution|fix(?:es|ed)?[ \t](?:is[ \t]|was[ \t])?(?:deployed|released|rolled|applied|shipped|merged)|"
    r"deploy(?:s|ed)?[ \t](?:a|the)[ \t](?:fix|patch|hotfix)|hotfix|patched|workaround|migrat(?:e|es|ed|ing|ion)|"
    # "Traefik 1.7.30 deployed, resolving issue": the clause after the comma says what the step did
    r"(?<=,[ \t])(?:resolving|restoring|fixing|mitigating)|"
    r"back[ \t](?:up|online|to[ \t]normal)|disabled|scaled[ \t]up|stopped|blocked|rotated|revoked|destroyed|deleted|removed)\b",
    re.IGNORECASE)


#: A change made before the fault ("bug introduced", "PR merged"): a cause, not the onset.
_LEAD_UP = regex_cache.compile(r"\b(?:introduc\w{1,4}|merged|approved|scheduled|created|committed|planned)\b", re.IGNORECASE)


#: The author's own milestone label in the text: "(started)", "(outage starts)", "(detected)".
_MARKED_START = regex_cache.compile(r"\((?:[*_]{0,2})(?:started|onset|(?:outage|impact|incident|problem)[ \t]start(?:s|ed)?)(?:[*_]{0,2})\)",
                           re.IGNORECASE)
#: The onset said in words: "incident started", "outage began", "impact begins".
_SAID_START = regex_cache.compile(r"\b(?:outage|impact|incident|problems?|issues?|disruption|degradation|attack)[ \t]+"
                                  r"(?:started|starts|began|begins|commenced)\b", re.IGNORECASE)
_MARKED_DETECTED = regex_cache.compile(r"\((?:[*_]{0,2})(?:detected|noticed|reported)(?:[*_]{0,2})\)", re.IGNORECASE)


#: How many distinct entry texts the `describes_*` caches keep (a 5 MB timeline holds ~15,000).
_TEXTS = 1 << 16


@lru_cache(maxsize=_TEXTS)
def describes_failure(text: str) -> bool:
    """The event describes failure or impact (errors, an outage, users unable, a secret
    exposed), and not a change made before the fault ("a crash-loop bug is introduced").
    An entry the author labels "(started)" or "(outage starts)", or that says "incident
    started" / "outage began", is the onset, whatever it says. Cached: time to detect and
    time to mitigate each split the same timeline into episodes, asking this of every
    entry (a tenth of a 5 MB timeline's rule time, twice)."""
    lowered = text.lower() if text.isascii() else None  # (see _may_hold)
    if _MARKED_START.search(text) or (_may_hold(lowered, _SAID_START_WORDS) and _SAID_START.search(text)):
        return True
    if (_may_hold(lowered, _LEAD_UP_WORDS) and _LEAD_UP.search(text)) or \
            (_may_hold(lowered, _LATENT_WORDS) and _LATENT.search(text)):
        return False  # a change made, or a fault in place with no impact yet: not the onset
    if _may_hold(lowered, _FAILURE_WORDS) and _FAILURE.search(text):
        return True
    return _may_hold(lowered, _SECRET_WORDS) and _SECRET.search(text) is not None and \
        _CONTAINING.search(text) is not None


#: Marks an entry opens with to say it went wrong (a status table's ❌, a red circle).
_FAILURE_MARKS = ("\u274c", "\U0001f534")


def marked_failed(text: str) -> bool:
    """Whether the entry opens with a mark that says it went wrong ("| 07:24 | ❌ NEW empty
    database volume created |"). Weaker than words of failure (a status table also marks a
    skipped check so): the onset only where no entry before the detection tells of failure
    in words (`infer.detection.episode_reading`)."""
    return text.lstrip(" \t*_|").startswith(_FAILURE_MARKS)


#: For each pattern `describes_failure` runs, words one of which every match holds (in
#: lower case): a text without any cannot match, and substring tests on a 60-character
#: entry cost a fraction of a `\b`-led alternation's scan (which the regex engine tries at
#: every position). Keep them in step with the patterns above.
_SAID_START_WORDS = ("start", "began", "begins", "commenced")
_LEAD_UP_WORDS = ("introduc", "merged", "approved", "scheduled", "created", "committed", "planned")
_LATENT_WORDS = ("condition", "failure", "operational", "working", "fine", "healthy", "unaffected", "normal", "look",
                 "seem", "latent", "dormant", "impact")
_FAILURE_WORDS = ("error", "fail", "down", "outage", "crash", "unavailable", "unresponsive", "unreachable", "degrad",
                  "timing", "timeout", "timed", "5", "unable", "cannot", "can't", "broken", "stall", "halted", "stuck",
                  "slow", "unauthori", "compromise", "breach", "exfiltrat", "leak", "expos", "impact", "affect", "stop",
                  "longer", "expir", "impossible", "malicious")
_SECRET_WORDS = ("token", "secret", "credential", "password", "private", "api")


def _may_hold(lowered: str | None, words: tuple[str, ...]) -> bool:
    """Whether the text (lower-cased; None when not ASCII) may match a pattern every match
    of which holds one of `words`. Only an ASCII text is judged: matching ignores case the
    Unicode way ("ſ" matches "s", the Kelvin sign "k"), which lower-casing does not follow."""
    if lowered is None:
        return True
    for word in words:
        if word in lowered:
            return True
    return False


@lru_cache(maxsize=_TEXTS)
def describes_noticing(text: str) -> bool:
    """The event says someone or something learned of the problem (an alert fired, a report
    came in, someone noticed), not that its cause was found."""
    if _MARKED_DETECTED.search(text):
        return True
    if DIAGNOSIS.search(text) is not None:
        return False
    # "Alarm does not fire", "no alert was raised", "nobody noticed": negated, nobody learned of it
    return any(not _NOT_AFTER.match(text, match.end()) and not _NOT_BEFORE.search(text, max(0, match.start() - 12),
                                                                                  match.start())
               for match in _NOTICING.finditer(text))


@lru_cache(maxsize=_TEXTS)
def describes_alert(text: str) -> bool:
    """The event is an alert or page sent by a machine ("Sentry begins sending error
    alerts", "the disk alert fired") with no person seeing or acting on it in the entry."""
    return _ALERT.search(text) is not None and _HUMAN.search(text) is None


@lru_cache(maxsize=_TEXTS)
def describes_response(text: str) -> bool:
    """A person is on it: seeing, acknowledging, investigating or acting ("Rob sees huge
    number of errors", "on-call acknowledges the page", "restarts the pods"); a mitigation too."""
    return not describes_alert(text) and (_HUMAN.search(text) is not None or describes_mitigation(text))


@lru_cache(maxsize=_TEXTS)
def describes_mitigation(text: str) -> bool:
    """The event describes stopping the impact: a failover, rollback, fix deployed, migration, restore."""
    return _may_hold(text.lower() if text.isascii() else None, _MITIGATION_WORDS) and \
        _MITIGATION.search(text) is not None


_DATE_ONLY = regex_cache.compile(r"^\d{4}-\d{2}-\d{2}$")

#: The impact stopping, said outright ("the alert stopped firing", "errors subsided").
_ENDED = regex_cache.compile(
    r"\b(?:alerts?|alarms?|pages?)[ \t](?:stopped|stops|ceased)[ \t]firing\b|\b(?:errors?|5xxs?|failures?)[ \t]"
    r"(?:stopped|stop|subsided|cleared|ceased|went[ \t]away)\b|\b(?:back|returned)[ \t]to[ \t]normal\b|"
    r"\b(?:is|was|were|been)[ \t](?:fully[ \t])?(?:resolved|recovered|restored)\b|"
    # a status page's closing update: "Services operating normally", "all systems operational"
    r"\b(?:services?|systems?|everything)[ \t](?:are[ \t]|is[ \t])?(?:operating|running|working)[ \t]normally\b|"
    # "Brian sees that ratchet.io is working again", "all systems are stable"
    # (not "Bob is working again on the fix": a person back at work)
    r"\b(?:is|are|was|were)[ \t](?:now[ \t])?(?:working|up|reachable|accessible|available|online|responding)[ \t]again\b"
    r"(?![ \t]+(?:on|at|with|to|through)\b)|"
    r"\b(?:all[ \t])?(?:services|systems)[ \t](?:are|were)[ \t](?:now[ \t])?(?:stable|operational)\b", re.IGNORECASE)


@lru_cache(maxsize=_TEXTS)
def describes_end(text: str) -> bool:
    """The event says the impact stopped ("the alert stopped firing", "errors subsided", "back to normal")."""
    return _may_hold(text.lower() if text.isascii() else None, _ENDED_WORDS) and _ENDED.search(text) is not None


#: Words one of which every match of _MITIGATION, of _ENDED holds (see `_may_hold`).
_MITIGATION_WORDS = ("mitigat", "fail", "roll", "revert", "restor", "recover", "resolv", "resolution", "fix", "patch",
                     "workaround", "migrat", "back", "disabled", "scaled", "stopped", "blocked", "rotated", "revoked",
                     "destroyed", "deleted", "removed")
_ENDED_WORDS = ("firing", "stop", "subsided", "cleared", "ceased", "went", "normal", "resolved", "recovered", "restored",
                "again", "stable", "operational")


#: A quiet stretch after the impact ended that, followed by failure again, starts a new
#: episode: "resolved at 19:40", then "errors again at 15:15 the next day".
EPISODE_GAP = timedelta(hours=6)


def episodes(timeline: list[Entry]) -> list[list[Entry]]:
    """The timed entries split into episodes of impact. An episode ends at an entry that
    marks or describes the impact stopping (a mitigation, `resolved`, "the alert stopped
    firing") unless failure is described again after it; an entry describing failure
    EPISODE_GAP or more after the end starts the next (a date-only entry, a day with no
    time, never starts one). One incident that recurs the next day is two episodes: measured as one, a 2-hour outage and a 3-hour one read as 23 hours."""
    found: list[list[Entry]] = []
    current: list[Entry] = []
    ended = False
    for entry in timeline:
        if entry.moment is None:
            continue
        # Whether the entry describes failure is asked only where the answer changes
        # something: after the impact ended (a new episode, or the impact back) and at a
        # mitigation (failing again, or ended). Within an episode's impact it changes
        # nothing, and it is the costliest question (a third of a 5 MB document's timeline
        # time when asked of all 40,000 entries).
        failing: bool | None = None
        if current and ended:
            failing = entry.kind == "started" or describes_failure(entry.event)
            if failing:
                gap = minutes_between(current[-1], entry)
                if gap is not None and gap >= EPISODE_GAP.total_seconds() / 60:
                    found.append(current)
                    current = []
        current.append(entry)
        if entry.kind in ("mitigated", "resolved") or describes_end(entry.event):
            ended = True
        elif describes_mitigation(entry.event) or ended:
            if failing is None:
                failing = entry.kind == "started" or describes_failure(entry.event)
            # a mitigation that describes no failure ends the impact (or keeps it ended);
            # failure described again, at a mitigation or after the end, resumes it
            ended = not failing
    if current:
        found.append(current)
    return found


def incidents_of(timeline: list[Entry], starts: tuple[int, ...] | list[int]) -> list[list[Entry]]:
    """The entries split into an incident log's incidents (`DocumentMeta.timeline_incidents`:
    the index of each incident's first entry); one incident when `starts` is empty."""
    if not starts:
        return [timeline] if timeline else []
    bounds = sorted(starts)
    groups: dict[int, list[Entry]] = {}
    for entry in timeline:
        position = _incident_at(bounds, entry.index)
        groups.setdefault(position, []).append(entry)
    return [groups[key] for key in sorted(groups)]


def _incident_at(bounds: list[int], index: int) -> int:
    """Which incident (position in `bounds`) the entry at `index` belongs to: bisection."""
    low, high = 0, len(bounds)
    while low < high:
        middle = (low + high) // 2
        if bounds[middle] <= index:
            low = middle + 1
        else:
            high = middle
    return max(low - 1, 0)


def measured_incident(timeline: list[Entry], starts: tuple[int, ...] | list[int]) -> list[Entry]:
    """The entries durations are measured on. A postmortem's timeline is one incident: all
    of it. In an incident log (`starts` not empty) no duration spans two incidents: only
    the newest incident whose entries tell both a failure (a `started` entry, or words of
    failure) and its end (a `mitigated` or `resolved` entry, or words of recovery) is
    measured, as a reviewer would read the latest outage the page records; none (an empty
    list) when no incident tells both. The incidents are ordered oldest first (the Markdown
    loader), so the newest is the last that qualifies."""
    if not starts:
        return timeline
    for incident in reversed(incidents_of(timeline, starts)):
        timed = [entry for entry in incident if entry.moment is not None and not entry.date_only]
        if any(entry.kind == "started" or describes_failure(entry.event) for entry in timed) and \
                any(entry.kind in ("mitigated", "resolved") or describes_end(entry.event)
                    or describes_mitigation(entry.event) for entry in timed):
            return incident
    return []


def first_of(timeline: list[Entry], kind: str) -> Entry | None:
    """The first entry of `kind` (milestones are marked once; a repeat is a later phase)."""
    return next((entry for entry in timeline if entry.kind == kind), None)


def minutes_between(start: Entry | None, end: Entry | None) -> float | None:
    """Minutes from `start` to `end`, or None when either is missing or they cannot be compared."""
    if start is None or end is None or start.moment is None or end.moment is None:
        return None
    if start.date_only or end.date_only:  # a day is no time of day: no minutes to count
        return None
    try:
        return (end.moment - start.moment).total_seconds() / 60
    except TypeError:  # aware vs naive
        return None


def format_minutes(minutes: float) -> str:
    """47 min, 2 h 5 min, 3 d 4 h: the figure a reader can take in at once."""
    if minutes != minutes or minutes in (float("inf"), float("-inf")):  # 1e309 in a YAML number
        return f"{minutes} min"
    total = int(round(minutes))
    if abs(total) < 120:
        return f"{total} min"
    if abs(total) < 48 * 60:
        hours, rest = divmod(total, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days, rest = divmod(total, 24 * 60)
    return f"{days} d {rest // 60} h" if rest // 60 else f"{days} d"


def parse_clock(text: Any, default: time) -> time:
    """`22:00` → 22:00; anything unreadable → `default`."""
    try:
        hours, minutes = str(text).split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError):
        return default


def in_window(moment: time, start: time, end: time) -> bool:
    """Whether `moment` lies in [start, end); the window may wrap past midnight."""
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def local_time(moment: datetime, zone: tzinfo | None) -> time:
    """The wall-clock time of `moment` in `zone` (aware moments), else as written."""
    if zone is not None and moment.tzinfo is not None:
        return moment.astimezone(zone).time()
    return moment.time()


def unclear_hours(pointers: Any) -> frozenset[int]:
    """Timeline indices from the loader's `timeline_ambiguous_hours` pointers (`/timeline/3`):
    entries whose hour may be a.m. or p.m. (`4:16` in a document that writes `9:40am`)."""
    found = set()
    for pointer in pointers or ():
        head, _, index = str(pointer).rpartition("/")
        if head == "/timeline" and index.isdigit():
            found.add(int(index))
    return frozenset(found)


#: (entries list, the window asked for, the answer): inference and PM203 ask for the same
#: document's night entries; the entries list is `entries`' own, so a new document misses
_last_night: tuple[list[Entry], tuple[Any, Any, Any], Any, list[tuple[Entry, time]]] | None = None


def night_entries(data: Any, settings_night: tuple[Any, Any, Any],
                  unclear: frozenset[int] = frozenset()) -> list[tuple[Entry, time]]:
    """Timeline entries inside the night window (start, end, zone), with their local time.
    Entries in `unclear` (an hour that may be a.m. or p.m.: `unclear_hours`) are no
    evidence of night work and are left out.

    Cached for the most recent document and window: callers treat the list as read-only."""
    global _last_night
    listed = entries(data)
    zone_setting = None if settings_night[2] else (data.get("timezone") if isinstance(data, dict) else None)
    if _last_night is not None and _last_night[0] is listed and _last_night[1] == settings_night \
            and _last_night[2] == zone_setting:
        found = _last_night[3]
    else:
        found = _night_entries(data, settings_night)
        _last_night = (listed, settings_night, zone_setting, found)
    return [pair for pair in found if pair[0].index not in unclear] if unclear else found


def _night_entries(data: Any, settings_night: tuple[Any, Any, Any]) -> list[tuple[Entry, time]]:
    start = parse_clock(settings_night[0], time(22, 0))
    end = parse_clock(settings_night[1], time(7, 0))
    zone = zone_named(settings_night[2]) if settings_night[2] else document_zone(data)
    found = []
    for entry in entries(data):
        if entry.moment is None or entry.date_only:
            continue
        clock = local_time(entry.moment, zone)
        if in_window(clock, start, end):
            found.append((entry, clock))
    return found

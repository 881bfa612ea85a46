"""On-call burden from prose and from responders working at night.

Signals, most certain first (../shared/research/inference.md): a page or a woken
responder named in the text (settings.on_call_burden_phrases: "was paged", "woke up
to" a page or a ringing phone, not to "a bursting inbox" waiting in the morning, "worked
through the night"), or a night hour on the author's own clock beside
being woken or working on ("wake up at 4am", "a 3am page", "worked until 3am":
`stated_night_clock`), which is the team's own night even where no zone is given;
timeline entries inside the night window
(settings.night_start/night_end, in settings.night_timezone or the document's zone)
that are a responder acting (settings.responder_action_words: investigated, rolled
back, deployed, joined) and not somebody reporting (settings.reporter_words: a
customer, a user, a message, a report) nor an outside party acting (settings.
outside_responder_words: the hosting provider's team); and a lone responder (settings.
lone_responder_phrases: "the only maintainer", "one volunteer").

Not signals, ever: customer reports or automated events at night; and when the
document says nobody was paged (settings.no_page_phrases), no burden is inferred
from anything else, since the author knew and said so.

A night timestamp alone is weaker than a page. When the document says the people at
work were awake anyway (settings.night_awake_phrases: "online at this hour", "their
local time", a hand-over to a team in another zone, planned maintenance), night
timestamps infer nothing; a page or a woken responder named in the text still does.
Interrupted sleep inferred from timestamps alone says only that people worked at
night (fatigue, or a response that ran on from the day): its evidence starts with
NIGHT_WORK, so PM202, which asks for less paging, can tell it from a page.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any, Mapping

from ..model import Document, Span
from ..timeline import describes_failure, entries, in_window, night_entries, parse_clock, unclear_hours
from .facts import Fact
from .prose import SENTENCE_REACH, document_texts, find, negated, phrases, quote, span_at, terms_of


#: Evidence of interrupted sleep read from night timestamps alone (no page, no "woke").
NIGHT_WORK = "responders working at night"

#: "@Katharine deploys a fix": a handle is a person acting.
_MENTION = re.compile(r"(?<![\w.])@[A-Za-z0-9][\w-]{0,38}")


def _words(settings: Mapping[str, Any], name: str) -> tuple[str, ...]:
    return terms_of(settings.get(name))


def _event_text(data: dict, index: int) -> str:
    timeline = data.get("timeline")
    if not isinstance(timeline, list) or index >= len(timeline) or not isinstance(timeline[index], dict):
        return ""
    event = timeline[index].get("event")
    return event if isinstance(event, str) else ""


#: A lone person who told of the problem, not one who handled it: "One person from New
#: Zealand reported that my site seems to be down" (a reader, not the responder); the
#: verb right after the person (not "I handled it alone and emailed our customers", "The
#: only engineer on call contacted AWS support": the responder telling others).
_REPORTS_AFTER = re.compile(r"(?:[ \t]+(?:from|in|at)[ \t]+[^.;!?\n,]{1,40}?)?[ \t]+(?:reported|complained|"
                            r"wrote[ \t]+(?:in|to[ \t]+(?:me|us))|tweeted|reached[ \t]+out|told[ \t]+(?:me|us)|"
                            r"let[ \t]+(?:me|us)[ \t]+know|said|asked|pinged|"
                            r"(?:emailed|e-mailed|messaged|contacted|notified)[ \t]+(?:me|us)|"
                            r"opened[ \t]+(?:an?[ \t]+)?(?:issue|ticket))\b", re.IGNORECASE)


#: Work told as routine: the team's usual day, not a response ("deployed routine updates").
_ROUTINE = re.compile(r"\b(?:routine|normal|regular|scheduled|planned|nightly|usual|weekly|daily)\b", re.IGNORECASE)


#: After "woke up to": what rang ("woke up to a page", "to the phone ringing"). Anything
#: else ("I woke up to a bursting inbox", "woke up to 40 alerts") was waiting in the morning:
#: the sleeper slept through it.
_RANG = re.compile(r"[ \t]+(?:an?[ \t]+|the[ \t]+|my[ \t]+|our[ \t]+)?(?:[\w-]+[ \t]+){0,2}?(?:pages?|pager|paging|"
                   r"calls?|phones?|ringing|rings?|alarms?|sirens?|buzz\w{0,3}|pagerduty|opsgenie)\b", re.IGNORECASE)


def _slept_through(text: str, match: re.Match[str]) -> bool:
    """Whether a burden phrase "woke up to" is followed by what waited for the morning, not
    by what rang (`_RANG`): no sleep was broken."""
    return match.group().lower().startswith("woke up to") and _RANG.match(text, match.end()) is None


def routine_before_onset(data: Any) -> frozenset[int]:
    """Timeline indices of routine work told before the first entry that tells of failure
    ("~4:30 AM Web team deployed routine updates | Normal deployment process", hours before
    a cache change broke the site at 8:20): the team's usual day, no response to anything.
    Other work before the onset may be the response all the same ("[23:43] The disk has
    been replaced"), so only work told as routine is set aside."""
    if not isinstance(data, dict):
        return frozenset()
    listed = entries(data)
    onset = next((entry.index for entry in listed if entry.kind == "started" or describes_failure(entry.event)),
                 None)
    if onset is None:
        return frozenset()
    return frozenset(entry.index for entry in listed
                     if entry.index < onset and _ROUTINE.search(_event_text(data, entry.index)))


#: Inline code in an entry: a log message or a command quoted as written.
_INLINE_CODE = re.compile(r"`[^`\n]{1,500}`")


def without_code(text: str) -> str:
    """`text` with its inline code blanked: "`woke machine on request` for the replica" quotes
    a log line, and its words are the machine's, not a responder woken or at work."""
    return _INLINE_CODE.sub(lambda match: " " * len(match.group()), text) if "`" in text else text


#: What may stand before an outside party that is the subject of an entry ("The
#: responsible team of the hosting provider responded"): no word of the team's own, no
#: verb in the past tense ("Contacted the provider": the team acting), no preposition
#: ("a call with the vendor": the team is on it).
_NOT_SUBJECT = re.compile(r"\b(?:we|our|us|i|my|with|to|from|for|\w{2,}ed)\b", re.IGNORECASE)
#: How far into an entry its subject reaches, in characters.
SUBJECT_REACH = 60


def outside_actor(text: str, settings: Mapping[str, Any]) -> bool:
    """Whether an entry's subject is an outside party (settings.outside_responder_words:
    a hosting provider, a vendor, an ISP): their people acting at 05:16 is their night,
    not the team's, which may not hear of it until the morning."""
    regex = phrases(_words(settings, "outside_responder_words"))
    head = text[:SUBJECT_REACH]
    found = regex.search(head) if regex is not None else None
    return found is not None and _NOT_SUBJECT.search(head, 0, found.start()) is None


#: A named party telling the team, at the start of an entry: "Kukai Team notifies beacon team
#: in slack about an increase in user reports" (group `party`: "Kukai Team"). A party that
#: tells the team is outside it: its later entries ("Kukai Team notices the node is not
#: working") are its own hours, not the responders'. Not the team's own words ("We notify").
_TELLS_THE_TEAM = re.compile(
    r"^\W{0,6}(?P<party>(?!(?:we|our|the|i|my|sre|ops|devops|dev|on-?call|platform|infra|infrastructure|engineering|"
    r"database|db|network|networking|security|backend|frontend|data|support|release|web|api|app|mobile|"
    r"core|product|it)\b)[A-Z][\w.-]{1,30}(?:[ \t]+[A-Z][\w.-]{1,30}){0,2}[ \t]+"
    r"(?:team|support|staff|ops|operators?|partners?))[ \t]+(?:notif(?:y|ies|ied)|informs?|informed|tells?|told|"
    r"contacts?|contacted|alerts?|alerted|pings?|pinged|messages?|messaged|reaches[ \t]+out|reached[ \t]+out|"
    r"escalates?|escalated)[ \t]+(?:the[ \t]+|our[ \t]+|us\b|[\w.-]{1,30}[ \t]+team\b)", re.IGNORECASE)


#: Most parties remembered: a timeline of thousands of entries names a handful of outsiders.
_MAX_PARTIES = 32


def notifying_parties(events: list[str]) -> frozenset[str]:
    """The named parties that tell the team of the problem in the timeline
    (`_TELLS_THE_TEAM`: a proper name, never a role such as "SRE team" or "Database team",
    which are the responders), lower-cased and with single spaces: outside the response,
    whatever they do later. One anchored search per entry, on its first 200 characters,
    and at most `_MAX_PARTIES` kept: linear."""
    found_parties: set[str] = set()
    for event in events:
        found = _TELLS_THE_TEAM.match(event[:200])
        if found is not None:
            found_parties.add(" ".join(found.group("party").lower().split()))
            if len(found_parties) >= _MAX_PARTIES:
                break
    return frozenset(found_parties)


def timeline_parties(data: Any) -> frozenset[str]:
    """`notifying_parties` of the data tree's timeline (none when it has no timeline list)."""
    timeline = data.get("timeline") if isinstance(data, dict) else None
    if not isinstance(timeline, list):
        return frozenset()
    return notifying_parties([_event_text(data, index) for index in range(len(timeline))])


def by_party(text: str, parties: frozenset[str]) -> bool:
    """Whether the entry opens with one of `parties` as its subject, as whole words ("Kukai
    Team notices ...", not "Kukai Teammate"): its first two to four words looked up, so
    each entry costs the same however many parties there are."""
    if not parties:
        return False
    words = text.lstrip(" \t*_-•>").lower().split(None, 4)[:4]
    return any(" ".join(words[:count]) in parties for count in (2, 3, 4))


def responder_night_entries(document: Document, settings: Mapping[str, Any]) -> list[tuple[int, str, str]]:
    """(timeline index, local HH:MM, event text) of every night entry that is a responder
    acting, not a report from outside."""
    data = document.data if isinstance(document.data, dict) else {}
    night = night_entries(data, (settings.get("night_start"), settings.get("night_end"),
                                 settings.get("night_timezone")), unclear_hours(document.meta.timeline_ambiguous_hours))
    acting = phrases(_words(settings, "responder_action_words"))
    reporting = phrases(_words(settings, "reporter_words"))
    # one answer per event text: a long timeline repeats its texts (a 5 MB document's
    # 15,000 night entries hold 5,700 distinct ones), and each answer is several searches
    responding: dict[str, bool] = {}
    parties = timeline_parties(data)
    routine = routine_before_onset(data)

    def responder_acting(text: str) -> bool:
        if text not in responding:
            responding[text] = ((acting is not None and acting.search(text) is not None)
                                or _MENTION.search(text) is not None) \
                and not (reporting is not None and reporting.search(text) is not None) \
                and not outside_actor(text, settings) and not by_party(text, parties)
        return responding[text]

    found = []
    for entry, clock in night:
        text = _event_text(data, entry.index)
        if text and entry.index not in routine and responder_acting(text):
            found.append((entry.index, clock.strftime("%H:%M"), text))
    return found


#: A line that starts with a clock ("- **00:32 UTC:** ...", "03:10 - ..."), possibly after a date.
_STAMPED = re.compile(r"^[ \t>*_\-+•]{0,8}(?:(?:\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})[ T]{1,2})?"
                      r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::\d{2})?(?:[ \t]{0,2}(?P<half>[AaPp])\.?[Mm]\b)?")


def _clock(match: re.Match[str]) -> time:
    hour = int(match.group("hour")) % 24
    half = (match.group("half") or "").lower()
    if half and hour <= 12:
        hour = hour % 12 + (12 if half == "p" else 0)
    return time(hour, int(match.group("minute")))


def _bare(match: re.Match[str]) -> bool:
    """The hour is 1–12 with no leading zero and no am/pm (`4:16`): in a document that writes
    am/pm elsewhere it may be the afternoon."""
    hour = match.group("hour")
    return not match.group("half") and not hour.startswith("0") and 1 <= int(hour) <= 12


def stamped_night_work(document: Document, settings: Mapping[str, Any]) -> list[tuple[int, time, str, bool]]:
    """(line, clock, text, is a page) for each time-stamped line anywhere in the source
    ("- **00:32 UTC:** ... Joe is paged", "07-30-2023 2:42 am - ...") that falls in the
    night window and shows a responder acting or being paged, not a report from outside.
    It reads what a loader may not have taken as the timeline; clocks are read as written,
    except an hour that may be a.m. or p.m. (`DocumentMeta.timeline_ambiguous_hours`, or a
    bare `4:16` in a document that writes am/pm elsewhere), which is no evidence of night."""
    acting = phrases(_words(settings, "responder_action_words"))
    paging = phrases(_words(settings, "page_words"))
    reporting = phrases(_words(settings, "reporter_words"))
    start = parse_clock(settings.get("night_start"), time(22, 0))
    end = parse_clock(settings.get("night_end"), time(7, 0))
    lines = document.lines
    meta = document.meta
    unclear = {span.line for pointer in meta.timeline_ambiguous_hours
               if (span := document.spans.get(pointer + "/at")) is not None}
    parties = timeline_parties(document.data)
    found = []
    for number, line in enumerate(lines[:20000], 1):
        match = _STAMPED.match(line)
        if match is None or number in unclear or (meta.twelve_hour_clock and _bare(match)):
            continue  # an hour that may be a.m. or p.m. (`4:16` beside `9:40am`): no night evidence
        clock = _clock(match)
        if not in_window(clock, start, end):
            continue
        text = line
        for follow in lines[number:number + 2]:  # a wrapped list item continues on the next lines
            if not follow.strip() or _STAMPED.match(follow) or follow.lstrip()[:1] in "-*+#|":
                break
            text += " " + follow.strip()
        said = _STAMPED.sub("", text, 1).lstrip(" \t*_:-\u2013\u2014")
        if reporting is not None and reporting.search(text) or outside_actor(said, settings) or by_party(said, parties):
            continue
        spoken = without_code(text)  # a log line quoted in code ("`woke machine on request`") pages nobody
        page = paging is not None and any(not negated(spoken, hit.start()) for hit in paging.finditer(spoken))
        if page or (acting is not None and acting.search(text)) or _MENTION.search(text):
            found.append((number, clock, text, page))
        if len(found) >= 50:
            break
    return found


#: A clock written with a.m./p.m. ("4am", "3 a.m.", "11:30 PM") or "midnight": the
#: author's own wall clock, so the hour is the responders' local time even where no zone
#: is given.
_HALF_CLOCK = re.compile(r"(?<![\w:.])(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?[ \t]?(?P<half>[AaPp])\.?[Mm]\b\.?"
                         r"|(?P<midnight>midnight)\b)", re.IGNORECASE)
#: A zone that is no one's wall clock, after a clock ("02:00 AM UTC").
_UTC_AFTER = re.compile(r"[ \t]{0,2}\(?(?:UTC|GMT|Z)\b")
#: Words of a person woken (a page, an alarm): beside a night clock, a woken responder
#: ("in the wake of" is no waking).
WOKEN = re.compile(r"\b(?:wake(?![ \t]+of\b)|wakes|waking|woke|woken|paged|pager|pagers|out of bed)\b", re.IGNORECASE)
#: A clock followed by "page" ("a 3am page"): alone, "page" is as often a web page.
_CLOCK_PAGE = re.compile(r"[ \t-]{0,2}pages?\b", re.IGNORECASE)
#: Words of people working on through the night (not woken, still a night's sleep lost).
_LATE_WORK = re.compile(r"\b(?:sleep|slept|asleep|passed[ \t]+out|"
                        r"(?:work|works|worked|working|stay|stayed|were|was)[ \t]+(?:up[ \t]+)?"
                        r"(?:until|till|til|past)|up[ \t]+(?:until|till|past))\b", re.IGNORECASE)
#: Whose night a sentence tells of when it is not the team's: customers, users.
_OUTSIDE_PEOPLE = re.compile(r"\b(?:customers?|users?|clients?|players?|visitors?|subscribers?|community|members)\b",
                             re.IGNORECASE)
#: A sentence of advice or of what might be, not of what happened ("pages at 3am should be
#: actionable").
_ADVICE = re.compile(r"\b(?:should|must|ought|shouldn't)\b", re.IGNORECASE)


#: How far (characters) a word of waking or working on may stand from its night clock.
CLOCK_WORD_REACH = 40


def stated_night_clock(document: Document, settings: Mapping[str, Any]) -> tuple[str, Span | None, bool] | None:
    """(quote, where, woken) for the first sentence in the prose that puts a responder
    awake at a night hour written on the author's own clock: a clock with a.m./p.m. or
    "midnight" inside the night window (settings.night_start/night_end) beside a word of
    being woken ("wake up at 4am", "paged at 2:30 a.m.", "a 3am page": `woken`) or of
    working on ("worked until 3am", "went to sleep at 4 a.m."). The clock is the team's
    own local time even where no zone is given: a stated "4am" is nobody's UTC.

    Not evidence: a sentence about customers or users (their night is not the team's), a
    negated or hedged one ("nobody had to wake up at 4am", "this could page someone at
    3am"), and advice ("a page at 3am should be actionable"). Linear: each clock is read
    with its sentence, at most SENTENCE_REACH characters either side."""
    start = parse_clock(settings.get("night_start"), time(22, 0))
    end = parse_clock(settings.get("night_end"), time(7, 0))
    texts = document_texts(document, ("/action_items", "/timeline"))
    if _HALF_CLOCK.search("\x00".join(text for _, text in texts)) is None:
        return None  # one scan of the joined text: most documents write no a.m./p.m. clock at all
    for pointer, text in texts:
        if len(text) < 3 or ("m" not in text and "M" not in text):
            continue
        for clock in _HALF_CLOCK.finditer(text):
            if clock.group("midnight"):
                hour, minute = 0, 0
            else:
                hour = int(clock.group("hour")) % 12 + (12 if clock.group("half").lower() == "p" else 0)
                minute = int(clock.group("minute") or 0)
            if not in_window(time(hour, minute), start, end) or _UTC_AFTER.match(text, clock.end()):
                continue  # "02:00 AM UTC" is how times are written, not where anyone sleeps
            # the word first, in a few characters around the clock (the common case: none)
            near = max(0, clock.start() - CLOCK_WORD_REACH - 12)
            reach = text[near:min(len(text), clock.end() + CLOCK_WORD_REACH + 12)]
            at = clock.start() - near
            woke = [hit for hit in WOKEN.finditer(reach) if abs(hit.start() - at) <= CLOCK_WORD_REACH]
            page = _CLOCK_PAGE.match(reach, clock.end() - near)
            if page is not None:
                woke.append(page)
            late = [] if woke else [hit for hit in _LATE_WORK.finditer(reach) if abs(hit.start() - at) <= CLOCK_WORD_REACH]
            word = min(woke or late, key=lambda hit: abs(hit.start() - at), default=None)
            if word is None:
                continue
            low, high = near + min(word.start(), at), near + max(word.end(), clock.end() - near)
            # then its sentence: whose night it tells of, and whether it is advice
            left = max(0, clock.start() - SENTENCE_REACH)
            right = min(len(text), clock.end() + SENTENCE_REACH)
            begin = max(max((text.rfind(mark, left, clock.start()) + 1 for mark in ".!?\n"), default=left), left)
            stops = [found for mark in ".!?\n" if (found := text.find(mark, clock.end(), right)) >= 0]
            finish = min(stops) if stops else right
            if low < begin or high > finish:
                continue  # the word stands in another sentence
            said = text[begin:finish]
            if _OUTSIDE_PEOPLE.search(said) or _ADVICE.search(said) or negated(said, low - begin):
                continue
            phrase = text[low:high]
            return quote(phrase), span_at(document, pointer, phrase), bool(woke)
    return None


#: (document, its phrase list, the answer): inference and PM203 both ask, and on a large
#: document each asking is a scan of every string it holds
_last_awake: tuple[Document, tuple[str, ...], bool] | None = None


def awake_anyway(document: Document, settings: Mapping[str, Any]) -> bool:
    """Whether the text says the people at work at night were awake anyway (settings.
    night_awake_phrases: their own hours, a hand-over to another zone, planned work).

    Cached for the most recent document and phrase list."""
    global _last_awake
    words = _words(settings, "night_awake_phrases")
    if _last_awake is not None and _last_awake[0] is document and _last_awake[1] == words:
        return _last_awake[2]
    texts = document_texts(document, ("/action_items",))
    found = next(iter(find(phrases(words), texts, allow_negated=True)), None) is not None
    _last_awake = (document, words, found)
    return found


def infer_on_call(document: Document, settings: Mapping[str, Any]) -> dict[str, Fact]:
    """Inferred OnCallBurden fields by name (`sleep_interrupted`, `off_hours_pages`,
    `responders`, `pages`); empty when nothing in the document shows a burden."""
    texts = document_texts(document, ("/action_items",))
    quiet = next(iter(find(phrases(_words(settings, "no_page_phrases")), texts, allow_negated=True)), None)
    if quiet is not None:
        pointer, _, match = quiet
        return {"off_hours_pages": Fact(0, True, quote(match.group()), span_at(document, pointer, match.group()))}
    facts: dict[str, Fact] = {}
    burden = next((hit for hit in find(phrases(_words(settings, "on_call_burden_phrases")), texts)
                   if not _slept_through(hit[1], hit[2])), None)
    awake = awake_anyway(document, settings)
    night = responder_night_entries(document, settings)
    if night:
        index, clock, text = night[0]
        times = ", ".join(clock for _, clock, _ in night[:3]) + (" …" if len(night) > 3 else "")
        if not awake:  # people awake anyway (their own hours, planned work) lose no sleep
            facts["sleep_interrupted"] = Fact(True, True, f"{NIGHT_WORK} ({times})",
                                              document.spans.get(f"/timeline/{index}/at"))
        paging = phrases(_words(settings, "page_words"))
        paged = [(index, clock) for index, clock, text in night
                 if paging is not None and paging.search(without_code(text))]
        if paged:
            facts["off_hours_pages"] = Fact(len(paged), True, f"a page at {paged[0][1]} in the timeline",
                                            document.spans.get(f"/timeline/{paged[0][0]}/at"))
    if burden is not None:
        pointer, text, match = burden
        facts["sleep_interrupted"] = Fact(True, True, quote(match.group()), span_at(document, pointer, match.group()))
    else:
        stated = stated_night_clock(document, settings)
        if stated is not None:  # "wake up at 4am": the author's own clock, the team's own night
            facts["sleep_interrupted"] = Fact(True, True, stated[0], stated[1])
    if not night:
        stamped = stamped_night_work(document, settings)
        if stamped:
            times = ", ".join(clock.strftime("%H:%M") for _, clock, _, _ in stamped[:3]) + (" …" if len(stamped) > 3 else "")
            if not awake:
                facts["sleep_interrupted"] = Fact(True, True, f"{NIGHT_WORK} ({times})", Span.point(stamped[0][0]))
            pages = [(number, clock) for number, clock, _, page in stamped if page]
            if pages:
                facts["off_hours_pages"] = Fact(len(pages), True, f"a page at {pages[0][1].strftime('%H:%M')}",
                                                Span.point(pages[0][0]))
    lone = next((hit for hit in find(phrases(_words(settings, "lone_responder_phrases")), texts)
                 if not _REPORTS_AFTER.match(hit[1], hit[2].end())), None)
    if lone is not None:
        pointer, _, match = lone
        facts["responders"] = Fact(1, True, quote(match.group()), span_at(document, pointer, match.group()))
    return facts

"""On-call checks (PM2xx): night pages answered, night timelines consistent, a lone responder.

The night window is settings.night_start–settings.night_end (default 22:00–07:00),
read in settings.night_timezone, else the document's `timezone`, else the zone each
timestamp carries. A naive timestamp in a document with no zone is taken as the
wall-clock time it says.

Contract (see `checks/__init__.py`): inputs are the whole document, its timeline read
in the night window, and the inferred on-call facts; outputs are one hit per burden
left unanswered. Code because it is clock arithmetic across zones and inference from
prose ("the only maintainer", "X is paged").
"""

from __future__ import annotations

import re

from datetime import time
from typing import Any, Iterable

from ...grammar import negated_or_hedged
from ...infer.on_call import (NIGHT_WORK, WOKEN, awake_anyway, by_party, outside_actor, routine_before_onset,
                              timeline_parties)
from ..functions import Context, Hit, check
from ..kinds import of_kind
from ._shared import (action_items, committed_in_prose, evidence, is_open, option_patterns, option_words, prose_head,
                      search, text_of)
from ._time import document_zone, entries, in_window, night_entries, parse_clock, unclear_hours  # noqa: F401 (in_window: re-exported)


def _night(context: Context) -> tuple[Any, Any, Any]:
    return (context.setting("night_start"), context.setting("night_end"), context.setting("night_timezone"))


def reduces_paging(item: dict[str, Any], options: dict[str, Any]) -> bool:
    """Mentions alert tuning, automation, runbooks or routing (`paging_reduction_words`).
    A `detect` item adds a signal, usually a new page, so it never counts."""
    if isinstance(item.get("type"), str) and item["type"].strip().lower() == "detect":
        return False
    return search(option_words(options, "paging_reduction_words"), text_of(item)) is not None


#: Detection methods that page someone: night work after one of them answers an alert.
_PAGING_METHODS = frozenset({"alert", "monitoring", "synthetic"})


@check("night_pages_answered", {"paging_reduction_words": of_kind(
    "words", "Words of an action item that reduces paging or automates the response."),
    "night_response_words": of_kind(
        "words", "Words of an action item that shares or shortens a night response no alert caused (a breach, a "
                 "migration): a hand-over, a rota, an incident manager.")},
       infers=True, required=("paging_reduction_words",))
def night_pages_answered(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Off-hours pages (or `sleep_interrupted: true`) are answered by an open action item
    that reduces paging or automates the response (`paging_reduction_words`).
    A burden inferred from a night read on UTC clocks, with nothing saying where the
    responders are (`utc_night`), is `info` and says so: UTC is how times are written,
    not where people sleep. Night work inferred from prose ("pause for sleep") with no
    page and no alert behind the detection (a breach found by a person) was no alert
    page: an item that shares the night (`night_response_words`: a hand-over, a rota, an
    incident manager) answers it too, and the message says so. A wake stated in the prose
    ("wake up at 4am") says "Someone was woken". An open `mitigate` item (more replicas,
    failover) answers any page: the failure then wakes nobody, whatever set it off."""
    on_call = value.get("on_call") if isinstance(value, dict) else None
    if not isinstance(on_call, dict):
        return
    pages = on_call.get("off_hours_pages")
    counted = isinstance(pages, (int, float)) and not isinstance(pages, bool) and pages > 0
    if not counted and on_call.get("sleep_interrupted") is not True:
        return
    burden = getattr(context.profile, "on_call", None)
    asleep = getattr(burden, "sleep_interrupted", None)
    if not counted and asleep is not None and asleep.inferred and asleep.evidence.startswith(NIGHT_WORK):
        # night timestamps alone show work at night, not a page: a day's response running
        # into the evening, or a one-off sprint, is fatigue that PM203 asks the author to
        # record; asking to "reduce paging" when nobody was paged is not the fix
        return
    # night work no alert caused (nobody paged; found by a person: a breach response, a
    # migration): "tune or reroute the alert" does not fit; sharing the night does
    method = getattr(getattr(context.profile, "detection_method", None), "value", None)
    # "wake up at 4am", "was paged": someone (or something) woke them, an alert's work
    woken = not counted and asleep is not None and asleep.inferred and WOKEN.search(asleep.evidence) is not None
    unpaged = not counted and not woken and asleep is not None and asleep.inferred and method not in _PAGING_METHODS
    sharing = option_words(options, "night_response_words") if unpaged else None
    fact = getattr(burden, "off_hours_pages" if counted else "sleep_interrupted", None)
    # an inferred burden was not recorded: say what the document shows instead
    shown = ("paged at night" if counted else "responders worked at night") if fact is not None and fact.inferred \
        else "recorded"
    # night read from UTC clocks: UTC is a convention for writing times, not where the
    # responders live (23:13 UTC is the afternoon in the Americas); the night is a guess
    in_utc = shown != "recorded" and utc_night(context)
    open_items = [item for _, item in action_items(context) if is_open(item, context)]
    if any(reduces_paging(item, options) or (sharing is not None and search(sharing, text_of(item)))
           for item in open_items):
        return
    if any(_absorbs_failure(item) for item in open_items):
        # an item that lets the system absorb this class of failure (more replicas,
        # failover, redundancy: `mitigate`) keeps it from paging anyone next time
        return
    # (read last: the only check here that scans the whole text)
    if _ALERT_FIXED.search(prose_head(context)) is not None:
        # the alert that woke them already fixed ("The solution was to modify the alert logic
        # ...", "The fix eliminated the false positives"): the page is answered, done
        return
    count = int(pages or 0) if counted and pages != float("inf") else pages  # 1e309 reads as inf: no int for it
    what = f"{count} off-hours page{'s' if pages != 1 else ''}" if counted else "Interrupted sleep"
    yield Hit("/on_call/off_hours_pages" if counted else "/on_call/sleep_interrupted",
              {"what": what, "shown": shown,
               "who": "Someone was paged" if counted else "Someone was woken" if woken else "Responders worked"},
              span=fact.span if shown != "recorded" and fact is not None else None, demote=in_utc,
              variant=None if shown == "recorded" else "unpaged" if unpaged and not in_utc
              else "inferred_utc" if in_utc else "inferred")


#: The paging alert told as fixed already: "The solution was to modify the alert logic",
#: "we tuned the alert's threshold", "The fix eliminated the false positives".
_ALERT_FIXED = re.compile(
    r"\b(?:(?:fix|solution|change)[ \t]+was[ \t]+to[ \t]+|(?:we|i)[ \t]+(?:have[ \t]+)?(?:then[ \t]+)?)"
    r"(?:modif(?:y|ied)|chang(?:e|ed)|updat(?:e|ed)|rewr(?:ite|ote)|tun(?:e|ed)|adjust(?:ed)?|rais(?:e|ed)|fix(?:ed)?)"
    r"[ \t]+(?:the[ \t]+|our[ \t]+|this[ \t]+|that[ \t]+)?(?:[\w`'-]+[ \t]+){0,2}?"
    r"(?:alert|alerts|alerting|alarm|alarms|threshold|thresholds|paging)\b"
    r"|\b(?:eliminated|removed|stopped|silenced|ended)[ \t]+(?:the[ \t]+|all[ \t]+|these[ \t]+)?"
    r"(?:false[ \t]+(?:positives|alerts|alarms|pages)|noisy[ \t]+(?:alerts|pages|alarms)|spurious[ \t]+(?:alerts|pages))\b",
    re.IGNORECASE)


def _absorbs_failure(item: dict[str, Any]) -> bool:
    """An item typed (or inferred) `mitigate`: redundancy, failover or capacity that lets
    the system absorb the failure, so it pages nobody whatever set it off. A `prevent`
    item removes one cause; the alert still wakes someone for the next."""
    kind = item.get("type")
    return isinstance(kind, str) and kind.strip().lower() == "mitigate"


_UTC_WORD = re.compile(r"\b(?:UTC|GMT|Z)\b")


def utc_night(context: Context) -> bool:
    """Whether the night window was read on UTC clocks with nothing saying where the
    responders are: no `night_timezone` setting, no local `timezone` declared, and every
    timeline time that carries a zone carries UTC (none carrying one: time-stamped lines
    read as written, so the lines themselves must say UTC). Naive times are the
    author's wall clock, a local time: not UTC."""
    if context.setting("night_timezone"):
        return False
    zone = document_zone(context.data)
    if zone is not None and not _is_utc(zone):
        return False
    moments = [entry.moment for entry in entries(context.data) if entry.moment is not None and not entry.date_only]
    if moments:
        return all(moment.tzinfo is not None and _is_utc(moment.tzinfo, moment) for moment in moments)
    return zone is not None or any(_UTC_WORD.search(line) for line in context.document.lines[:20000]
                                   if _STAMP.match(line))


_STAMP = re.compile(r"^[ \t>*_\-+\u2022]{0,8}(?:\d{4}-\d{2}-\d{2}[ T]{1,2})?\d{1,2}:\d{2}")


def _is_utc(zone: Any, moment: Any = None) -> bool:
    try:
        offset = zone.utcoffset(moment)
    except (TypeError, ValueError):
        return False
    return offset is not None and offset.total_seconds() == 0 and \
        str(getattr(zone, "key", zone)).upper() not in ("EUROPE/LONDON", "EUROPE/LISBON", "ATLANTIC/REYKJAVIK")


def _event(timeline: Any, index: int) -> str:
    item = timeline[index] if isinstance(timeline, list) and 0 <= index < len(timeline) else None
    event = item.get("event") if isinstance(item, dict) else None
    return event if isinstance(event, str) else ""


def responders_at_work(text: str, responder: Any, outside: Any) -> bool:
    """Whether a timeline entry shows responders doing something (PM203's
    `night_responder_patterns`: "we rolled back", "@dana restarts the pod", "Joe is paged"),
    rather than a customer's message or a report from outside (night_outside_patterns);
    a negated step ("the trigger wasn't deleted") shows nobody at work."""
    if outside is not None and outside.search(text):
        return False
    if responder is None:
        return True
    # a step not taken is no work: "Daily trigger runs AGAIN (wasn't deleted!)"
    return any(not negated_or_hedged(text, found.start()) for found in responder.finditer(text))


_PAGED = re.compile(r"\b(?:paged|page[sd]?|woken|woke|wakes?)\b", re.IGNORECASE)
#: The document says the system recovered with nobody acting: "fully operational with no
#: manual intervention", "the node recovered automatically". Not "without human
#: intervention, the cluster would have stopped" (what would have happened had nobody acted).
_NOBODY_ACTED = re.compile(
    r"\b(?:with[ \t]+no[ \t]+(?:manual|human|operator)[ \t]+intervention|"
    r"no[ \t]+(?:manual|human|operator)[ \t]+intervention[ \t]+(?:was[ \t]+)?(?:needed|required)|"
    r"(?:resolved|recovered|healed)[ \t]+(?:itself[ \t]+)?automatically)\b", re.IGNORECASE)
_WOULD = re.compile(r"\bwould(?:n't)?\b", re.IGNORECASE)


def _nobody_acted(document: Any) -> bool:
    """Whether the text (outside code) says the system recovered with nobody acting: then
    the night entries are the system's own events, not people at work. Linear: each
    line searched once, a bounded length."""
    for _, line in document.prose_lines():
        if "ntervention" not in line and "automatically" not in line:
            continue
        if _NOBODY_ACTED.search(line[:4000]) is not None and _WOULD.search(line[:4000]) is None:
            return True
    return False


@check("night_events", {
    "night_responder_patterns": of_kind("regex-list", "Regexes of a night-time timeline entry that show responders "
                                                   "at work."),
    "night_outside_patterns": of_kind("regex-list", "Regexes of a night-time timeline entry written by or about "
                                                 "people outside the response (customers, reporters): not on-call "
                                                 "burden.")},
       required=("night_responder_patterns", "night_outside_patterns"))
def night_events(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Timeline entries inside the night window while `on_call.off_hours_pages` is 0 or
    missing: either nobody was woken (say so) or the count is wrong. Only entries that show
    responders at work count (`responders_at_work`): a customer writing in at 05:44 wakes
    nobody, and the message says how many of the window's entries were counted. A
    document that says nobody was paged is taken at its word. When every responder entry
    falls before midnight (evening work: a launch running late, planned work finishing at
    23:55) the finding is `info`: nobody lost sleep unless someone was paged. So is a
    document that says there is no pager or on-call rotation: it speaks of the night work
    and the hand-over, not of a pages field."""
    on_call = value.get("on_call") if isinstance(value, dict) else None
    pages = on_call.get("off_hours_pages") if isinstance(on_call, dict) else None
    if isinstance(pages, (int, float)) and not isinstance(pages, bool) and pages > 0:
        return
    if isinstance(on_call, dict) and on_call.get("sleep_interrupted") is True:
        return
    if evidence(context, "no_pages") is not None:
        return  # the document says nobody was paged: night entries are no burden to count
    burden = getattr(context.profile, "on_call", None)
    paged = getattr(burden, "off_hours_pages", None)
    if paged is not None and isinstance(paged.value, (int, float)) and paged.value > 0:
        return  # the prose states the page ("X is paged" at 00:32): PM202 owns it, nothing is missing
    if pages is None and awake_anyway(context.document, {"night_awake_phrases": context.setting("night_awake_phrases")}):
        return  # people awake anyway (their own hours, a hand-over, planned work): no lost sleep to record
    if pages is None and _nobody_acted(context.document):
        return  # "recovered with no manual intervention": the night entries are the system's, nobody worked
    responder = option_patterns(options, "night_responder_patterns")
    outside = option_patterns(options, "night_outside_patterns")
    timeline = value.get("timeline") if isinstance(value, dict) else None
    # the onset milestone is the failure itself ("the node is drained; the pod crash-loops
    # (outage starts)"), not people responding to it, unless it says someone was paged
    # an hour that may be a.m. or p.m. (`4:16` beside `9:40am`) is no night work (the loader's
    # `timeline_ambiguous_hours`)
    in_window_ = night_entries(value, _night(context), unclear_hours(context.document.meta.timeline_ambiguous_hours))
    outsiders = {"outside_responder_words": context.setting("outside_responder_words")}
    # (one answer per event text: a long timeline repeats its texts, 15,000 night entries
    # of a 5 MB document hold 5,700 distinct ones, and each answer is two or three searches)
    working: dict[str, bool] = {}
    # a party that told the team of the problem ("Kukai Team notifies beacon team ...") is
    # outside the response: its entries at night are its own hours
    parties = timeline_parties(value)

    def at_work(text: str) -> bool:
        if text not in working:
            working[text] = responders_at_work(text, responder, outside) and not outside_actor(text, outsiders) \
                and not by_party(text, parties)
        return working[text]

    # routine work before the incident began is no response to it
    routine = routine_before_onset(value)
    night = [(entry, clock) for entry, clock in in_window_
             if entry.index not in routine and at_work(_event(timeline, entry.index))
             and (entry.kind != "started" or _PAGED.search(_event(timeline, entry.index)))]
    if not night:
        return
    first, clock = night[0]
    start, end = (parse_clock(_night(context)[0], time(22, 0)), parse_clock(_night(context)[1], time(7, 0)))
    state = "0" if pages == 0 else "missing"
    window = f"{start.strftime('%H:%M')}–{end.strftime('%H:%M')}"
    values = {"count": len(night), "total": len(in_window_), "first": clock.strftime("%H:%M"), "window": window,
              "state": state, "entries": "entry falls" if len(night) == 1 else "entries fall"}
    # say which entries were counted when not all of the window's are: only responders at work
    variant = "counted" if len(night) < len(in_window_) else None
    # a window that wraps midnight, with every responder entry before midnight: evening
    # work (a launch running late, planned work finishing at 23:55), not lost sleep
    evening = start > end and all(entry_clock >= start for _, entry_clock in night)
    if evening:
        variant = "counted_evening" if variant else "evening"
    # pedantic (strict only): a reviewer does not ask to count an evening as a night page,
    # nor a night read only on UTC clocks (23:00 UTC is the afternoon in the Americas and
    # the morning in Asia: nothing says the responders were asleep)
    # no pager at all ("there's no clear ops on-call/escalation plan", a volunteer-run
    # project): there are no pages to count, so the finding speaks of the night work and
    # the missing hand-over, and is pedantic (strict only): the field asks for nothing real
    no_pager = evidence(context, "no_pager") if pages is None else None
    if no_pager is not None:
        values["quote"], values["line"] = no_pager.get("text", ""), no_pager.get("line", "?")
        variant = "no_pager"
    # a Markdown postmortem has no `on_call` field: night work read from its timestamps
    # alone (no page, no "woke" in the text) asks the author to say who was woken, in the
    # document's own terms, at `info`: timestamps show work at night, not a page. Where
    # the document names its pager or on-call rotation, the night work likely paged
    # someone and the count is worth the warning
    markdown = pages is None and variant in (None, "counted") and context.document.format == "markdown" \
        and not _names_a_pager(context.document.lines)
    if markdown:
        variant = "markdown"
    yield Hit(first.pointer, values, pedantic=evening or utc_night(context) or no_pager is not None, demote=markdown,
              variant=variant)


#: A pager or an on-call rotation named ("the on-call rotation", "PagerDuty", "we page the
#: owner"): "page" alone is as often a web page.
_PAGER_NAMED = re.compile(r"\b(?:on-?call|pagers?|pagerduty|opsgenie|paged|pages? (?:the|our|an?)\b)", re.IGNORECASE)


def _names_a_pager(lines: list[str]) -> bool:
    """Whether any line (of the first 20,000) names a pager or an on-call rotation."""
    return any(_PAGER_NAMED.search(line) for line in lines[:20000])


@check("lone_responder", {"load_sharing_words": of_kind(
    "words", "Words of an action item that spreads the response beyond one person: a rota, a runbook, "
             "automation.")}, infers=True, required=("load_sharing_words",))
def lone_responder(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`on_call.responders` is 1 (stated, or inferred from "the only maintainer") and no open
    action item shares the load (`load_sharing_words`: rota, runbook, automate)."""
    on_call = value.get("on_call") if isinstance(value, dict) else None
    responders = on_call.get("responders") if isinstance(on_call, dict) else None
    if isinstance(responders, bool) or responders != 1:
        return
    regex = option_words(options, "load_sharing_words")
    if any(search(regex, text_of(item)) for _, item in action_items(context) if is_open(item, context)):
        return
    if committed_in_prose(context, regex):
        return
    fact = getattr(getattr(context.profile, "on_call", None), "responders", None)
    yield Hit("/on_call/responders", span=fact.span if fact is not None and fact.inferred else None)

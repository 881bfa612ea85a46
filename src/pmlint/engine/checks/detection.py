"""Detection checks (PM4xx): time to detect and mitigate, and detection gaps answered.

Time to detect is started → detected; time to mitigate is started → mitigated, both
from the first timeline entry of each `kind`. They are held to per-severity limits
(settings.max_time_to_detect_minutes, settings.max_time_to_mitigate_minutes) and the
finding states the computed figure, because "detection was slow" starts no
discussion and "47 minutes against a 30 minute limit" does.

Contract (see `checks/__init__.py`): inputs are the whole document, its timeline
(`pmlint.timeline`), the per-severity limits and the inferred detection facts; outputs
are one hit per limit exceeded or gap unanswered, with the computed minutes. Code
because it is timeline arithmetic and reads prose ("identified by our monitoring").
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ...infer.detection import episode_reading
from ...infer.facts import Fact
from ...infer.prose import quote
from ...infer.window import status_notice
from ...timeline import Entry, describes_failure, describes_noticing, episodes
from ..functions import Context, Hit, check, shorten
from ..kinds import of_kind
from ..text import phrase_regex
from ._shared import action_items, evidence, is_open, lower, search, severity_of, text_of
from ._detection_signals import came_to_light, own_change_seen, scheduled_event, timeline_detected
from ._time import describes_mitigation, first_of, format_minutes, incident_starts, measured, minutes_between


def limit_for(context: Context, setting: str) -> tuple[str, float] | None:
    """(severity, minutes) for the document's severity, or None when there is no limit."""
    severity = severity_of(context)
    limits = context.setting(setting) or {}
    if severity is None or not isinstance(limits, dict):
        return None
    for key, minutes in limits.items():
        if str(key).upper() == severity and isinstance(minutes, (int, float)) and not isinstance(minutes, bool):
            return severity, float(minutes)
    return None


@check("elapsed", {"from": {"enum": ["started", "detected", "escalated", "mitigated", "resolved"]},
                   "to": {"enum": ["started", "detected", "escalated", "mitigated", "resolved"]},
                   "limits": {"type": "string", "description": "Setting holding {severity: minutes}."},
                   "detect_words": of_kind("words", "Time to detect only: words of an untyped action item that "
                                                    "improves detection (as PM402's); with one in the plan, slow "
                                                    "detection is reported at info.")},
       infers=True)
def elapsed(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Minutes from the first `from` entry to the first `to` entry of the timeline stay
    within the limit for the document's severity. Reports `{elapsed}`, `{limit}`, `{severity}`.

    Slow detection in a document whose plan already has a detection item (the check
    PM402 makes) is `info`: the fix the finding asks for is there, and the message says so.
    Slow detection read from a timeline in which an alert fired long before anyone acted
    on it (the profile's `alert_unseen`) says so: the gap is acknowledgement, and the fix
    is routing that alert to someone who is paged, not a new detection item."""
    hits = list(_elapsed(options, context))
    unseen = getattr(context.profile, "alert_unseen", None)
    if hits and (options["from"], options["to"]) == ("started", "detected") and unseen is not None \
            and all(hit.inferred is not None for hit in hits):
        # an alert fired, nobody acted on it: the fix is routing it to someone, not a new alert
        for hit in hits:
            hit.values["alert"] = unseen.evidence
            hit.values["unseen"] = format_minutes(unseen.value)
            hit.variant = "unacknowledged"
        yield from hits
        return
    if hits and (options["from"], options["to"]) == ("started", "detected"):
        answer = _detection_answered(context, options.get("detect_words"))
        if answer is not None:
            for hit in hits:
                hit.demote = True
                hit.values["answer"] = answer
                hit.variant = "plan_detects"
    yield from hits


def _detection_answered(context: Context, detect_words: Any) -> str | None:
    """What in the document improves detection: an open detect item of the plan (quoted),
    or prose saying detection was improved; None when nothing does."""
    for index, item in action_items(context):
        if is_open(item, context) and is_detect_item(item, context, _stated_item(context, index), detect_words):
            return quote(text_of(item), 50)
    found = evidence(context, "detection_improved")
    return f'"{found["text"]}"' if found is not None else None


def _elapsed(options: dict, context: Context) -> Iterable[Hit]:
    limit = limit_for(context, options["limits"])
    if limit is None:
        lenient = _most_lenient(context, options["limits"])
        if lenient is not None and severity_of(context) is None:
            yield from _inferred_elapsed(options, lenient, context)
        return
    timeline = measured(context)
    start, end = first_of(timeline, options["from"]), first_of(timeline, options["to"])
    minutes = minutes_between(start, end)
    if minutes is None or minutes < 0:  # unknown, or milestones out of order
        yield from _inferred_elapsed(options, limit, context)
        return
    since = ""
    if (options["from"], options["to"]) == ("started", "mitigated"):
        detected = first_of(timeline, "detected")
        to_detect = minutes_between(start, detected)
        detect_limit = limit_for(context, "max_time_to_detect_minutes")
        from_detection = minutes_between(detected, end)
        if to_detect is not None and detect_limit is not None and to_detect > detect_limit[1] \
                and from_detection is not None and from_detection >= 0:
            # the detection delay is PM403's finding: time to mitigate counts from detection
            minutes, since = from_detection, " (counted from detection: the time to detect is reported apart)"
    if minutes <= limit[1]:
        return
    assert end is not None
    values = {"elapsed": format_minutes(minutes), "limit": format_minutes(limit[1]), "severity": limit[0]}
    inferred = None
    if incident_starts(context) and start is not None and start.moment is not None:
        # an incident log: the figure is one incident's, the newest that tells a failure and its end
        inferred = (f"{format_minutes(minutes)} from {options['from']} to {options['to']}",
                    Fact(minutes, True, f"the log's newest incident with a failure and its end ({start.moment.date()}); "
                         "no time is measured across incidents", context.document.spans.get(start.pointer)))
    elif start is not None and any(entry.rolled for entry in timeline if start.index < entry.index <= end.index):
        # the figure rests on reading a same-day date as past midnight (the reading PM502 reports)
        inferred = (f"{format_minutes(minutes)} from {options['from']} to {options['to']}",
                    Fact(minutes, True, "the timeline, an entry dated the same day read as after midnight"))
    yield Hit(end.pointer, values, inferred=inferred, variant="from_detection" if since else None)


def _most_lenient(context: Context, setting: str) -> tuple[str, float] | None:
    """The highest limit of the table, for a document whose severity nobody can tell: a
    delay over even that limit is slow at any severity."""
    limits = context.setting(setting) or {}
    usable = [(str(key).upper(), float(minutes)) for key, minutes in (limits.items() if isinstance(limits, dict) else ())
              if isinstance(minutes, (int, float)) and not isinstance(minutes, bool)]
    if not usable:
        return None
    key, minutes = max(usable, key=lambda pair: pair[1])
    return f"{key} (most lenient)", minutes


def _inferred_elapsed(options: dict, limit: tuple[str, float], context: Context) -> Iterable[Hit]:
    """Time to detect from the profile (prose such as "a week later", or a timeline with no
    milestones) when the timeline's milestones cannot give it: reported with its evidence,
    and only when inferred from a reading that already runs on inferred facts."""
    profile = context.profile
    span = (options["from"], options["to"])
    if span == ("started", "detected"):
        fact = getattr(profile, "time_to_detect_minutes", None)
        if fact is None or not fact.inferred or fact.value <= limit[1]:
            return
        yield Hit("", {"elapsed": format_minutes(fact.value), "limit": format_minutes(limit[1]), "severity": limit[0]},
                  span=fact.span, inferred=(f"{format_minutes(fact.value)} to detect", fact))
    elif span == ("started", "mitigated") and not _no_mitigation_in_timeline(context):
        yield from _onset_to_mitigation(limit, context)
    elif span == ("started", "mitigated"):
        # a timeline that describes no mitigation, and prose that says how long the impact
        # lasted ("24 hours and 11 minutes of degradation"): nothing cut it short before then
        fact = getattr(profile, "duration_minutes", None)
        if fact is None or not fact.inferred or fact.value <= limit[1]:
            return
        detect = getattr(profile, "time_to_detect_minutes", None)
        if detect is not None and detect.value > _detect_limit(context, limit):
            return  # the impact was mostly the detection delay, which PM403 reports
        yield Hit("", {"impact": format_minutes(fact.value), "limit": format_minutes(limit[1]), "severity": limit[0]},
                  span=fact.span, inferred=(f"{format_minutes(fact.value)} of impact", fact), variant="unmitigated")


def _onset_to_mitigation(limit: tuple[str, float], context: Context) -> Iterable[Hit]:
    """Time to mitigate for a timeline that marks a mitigation (a failover, a rollback) but
    no start, per episode of impact (`timeline.episodes`: an outage resolved, then back
    the next day, is two): the onset is the episode's first entry that describes failure
    or impact, as for time to detect (none when something was noticed before any failure
    is described), the end its first `mitigated` (else `resolved`) entry; counted from
    detection when detection itself was over its limit. The longest episode over the limit
    is reported, named when there are several."""
    timeline = [entry for entry in measured(context) if entry.moment is not None and not entry.date_only]
    if first_of(timeline, "started") is not None:
        return  # a marked start out of order with the mitigation: no figure to trust
    parts = episodes(timeline)
    best: tuple[float, Entry, Entry, bool, int] | None = None
    for number, part in enumerate(parts, 1):
        found = _episode_mitigation(part, limit, context)
        if found is not None and (best is None or found[0] > best[0]):
            best = (*found, number)
    if best is None:
        return
    minutes, onset, end, since, number = best
    if minutes <= limit[1] or onset.moment is None:  # a figure implies a moment; mypy cannot tell
        return
    which = f"in episode {number} of {len(parts)} of impact, " if len(parts) > 1 else ""
    if incident_starts(context):
        which = f"in the log's newest incident with a failure and its end ({onset.moment.date()}), " + which
    fact = Fact(minutes, True, f"{which}the first entry describing failure, {quote(onset.event, 50)} at "
                f"{onset.moment.strftime('%H:%M')}", context.document.spans.get(onset.pointer))
    yield Hit(end.pointer, {"elapsed": format_minutes(minutes), "limit": format_minutes(limit[1]), "severity": limit[0]},
              inferred=("the onset", fact), variant="from_detection" if since else None)


def _episode_mitigation(timeline: list[Entry], limit: tuple[str, float],
                        context: Context) -> tuple[float, Entry, Entry, bool] | None:
    """(minutes, onset, end, counted from detection) for one episode, or None."""
    end = first_of(timeline, "mitigated") or first_of(timeline, "resolved")
    if end is None:
        return None
    onset = None
    for entry in timeline:
        if entry.index >= end.index:
            break
        if entry.kind == "detected" or describes_noticing(entry.event):
            return None  # something was noticed before any failure is described: no onset to trust
        if describes_failure(entry.event):
            onset = entry
            break
    minutes = minutes_between(onset, end)
    if onset is None or minutes is None or minutes <= 0:
        return None
    detected = next((entry for entry in timeline if onset.index < entry.index <= end.index
                     and (entry.kind == "detected" or describes_noticing(entry.event))), None)
    read = episode_reading(timeline)
    if read is not None and read.onset is onset and read.alert is not None and read.detected.index <= end.index:
        detected = read.detected  # an alert nobody acted on: detected when a person did, as PM403 reads it
    to_detect = minutes_between(onset, detected)
    if detected is not None and to_detect is not None and to_detect > _detect_limit(context, limit):
        return minutes - to_detect, onset, end, True
    return minutes, onset, end, False


def _no_mitigation_in_timeline(context: Context) -> bool:
    """The timeline has timed entries (at least two) and none marks or describes a
    mitigation. Without a timeline nothing can be said about one: no claim."""
    timeline = [entry for entry in measured(context) if entry.moment is not None]
    if len(timeline) < 2:
        return False
    return not any(entry.kind in ("mitigated", "resolved") or describes_mitigation(entry.event) for entry in timeline)


def _detect_limit(context: Context, fallback: tuple[str, float]) -> float:
    """The time-to-detect limit for the document's severity, else the most lenient one."""
    found = limit_for(context, "max_time_to_detect_minutes") or _most_lenient(context, "max_time_to_detect_minutes")
    return found[1] if found is not None else fallback[1]


def is_detect_item(item: dict[str, Any], context: Context, stated: dict[str, Any] | None = None,
                   detect_words: Any = None) -> bool:
    """Type `detect` as the author wrote it, or (untyped as written) a title about alerts,
    probes, dashboards, uptime or a check that pages on-call (PM402's `detect_words`). A
    type pmlint inferred counts for nothing either way: "add a test/check to ensure
    allocation works" (inferred prevent) probes the live system, and "strengthen partner
    notification cadences" (inferred detect, from "notification") tells others of an
    outage, so the words are read whenever the author gave no type (or only `process`)."""
    written = lower((stated if stated is not None else item).get("type"))
    if written == "detect":
        return True
    text = text_of(item)
    if _GAP_TOLD.match(text) and not _FIX_AFTER.search(text):
        return False  # "❌ No pre-commit hooks to catch secrets locally": the gap, not the fix
    # a `detect` type pmlint inferred is not taken on trust: the type table reads
    # "notification" and "metrics" as detection, but "strengthen partner notification
    # cadences" tells others, and a metric nobody is alerted on finds nothing; the item's
    # own words must name a signal (`detect_words`), as for an untyped item
    # `process` is usually a grouping heading ("Process improvements"): an "Uptime and
    # alerting" item under it still improves detection
    return written in (None, "process") and search(phrase_regex(tuple(detect_words or ())), text) is not None


#: An item that states what is missing ("❌ No pre-commit hooks to catch secrets", "Missing
#: alerting on the queue"): a list of gaps under "What needs improvement", not a fix.
_GAP_TOLD = re.compile(r"^\W{0,4}(?:no|missing|lack\s+of|lacking|without)\s", re.IGNORECASE)
#: The fix told after the gap: "Missing alert on the 5xx rate: add a Prometheus alert".
_FIX_AFTER = re.compile(r"(?:[:\u2192\u2014\u2013]|->|\s-)\s*(?:we\s+will\s+|we\s+)?(?:add|set\s+up|create|introduce|"
                        r"implement|enable|configure|build|write|deploy|install|turn\s+on)\b", re.IGNORECASE)


def _stated_item(context: Context, index: int) -> dict[str, Any] | None:
    """The action item as the author wrote it (no inferred fields), or None."""
    data = context.document.data
    items = data.get("action_items") if isinstance(data, dict) else None
    item = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
    return item if isinstance(item, dict) else None


@check("detect_item", {"detect_words": of_kind(
    "words", "Words of an untyped action item that improves detection: a signal (alert, monitoring, probe), or a "
             "check that runs against the live system and tells someone.")}, infers=True, required=("detect_words",))
def detect_item(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The plan holds an open action item that improves detection (see `is_detect_item`),
    or the text says detection was improved ("we've added alerts for high CPU usage").
    A flaw reported through a disclosure channel with nothing exposed (the profile's
    `detection_disclosed`) is pedantic: the researcher, the bug bounty, the security
    policy is the detector a team wants for a flaw in its code; a leaked credential or an
    intrusion that stayed live is one its own scanning could have caught."""
    if evidence(context, "detection_improved") is not None:
        return
    if not any(is_detect_item(item, context, _stated_item(context, index), options["detect_words"])
               for index, item in action_items(context) if is_open(item, context)):
        fact = getattr(context.profile, "detection_method", None)
        disclosed = getattr(context.profile, "detection_disclosed", None)
        if disclosed is not None and disclosed.value and fact is not None and fact.inferred:
            # a flaw reported through a disclosure channel, nothing exposed: the channel is
            # the detector a team wants; an alert item is optional (strict only, at info)
            yield Hit(values={"value": value, "evidence": disclosed.evidence}, span=fact.span, pedantic=True,
                      variant="flagged" if disclosed.value == "flagged" else "disclosed")
            return
        # one point, one finding: when detection also took longer than its limit, PM403
        # names the delay and asks for the same detect item; this one is then `strict` only.
        # An employee who noticed within the strictest limit of any severity found it as
        # fast as an alert would have: detection was not the weakness (`strict` only too).
        # An employee who noticed it while a monitor or an alert also did ("Our internal
        # monitor identified the issue proactively at 4:59 PM, almost the same time
        # employees noticed"): the monitoring worked; asking for more is `strict` only.
        # So is one who saw the outage their own change caused within minutes (the planned
        # maintenance complete at 2:29, "it became apparent that new data was being loaded
        # very slowly" at 2:40): the people making the change were watching.
        employee = lower(value) == "employee"
        # a plan kept in a document of its own ("Read more in our future preventative
        # measures"): what it holds is not here to search (strict only)
        actions = evidence(context, "actions")
        plan_elsewhere = not action_items(context) and actions is not None and actions.get("label") == "linked"
        # a flaw the team found itself ("we found and fixed two vulnerabilities"): its
        # review found it, and an alert is no detector for a flaw in code (strict only)
        own_flaw = employee and fact is not None and fact.inferred \
            and _OWN_FLAW.search(str(fact.evidence or "")) is not None
        # one shut out of their own machine, or meeting the failure at once ("The operator was
        # immediately locked out of the Pi"): the person at the keyboard is the first detector
        # there is; an alert would say no sooner (strict only)
        met_at_once = employee and fact is not None and fact.inferred \
            and _MET_AT_ONCE.search(str(fact.evidence or "")) is not None
        yield Hit(values={"value": value}, span=fact.span if fact is not None and fact.inferred else None,
                  pedantic=plan_elsewhere or own_flaw or met_at_once or _detection_over_limit(context) or (employee and _detected_at_once(context))
                  or (employee and evidence(context, "alert_detection") is not None)
                  or (employee and own_change_seen(context.document, OWN_CHANGE_MINUTES) is not None))


#: Evidence of a flaw found, not an outage seen: "we found and fixed two vulnerabilities".
_OWN_FLAW = re.compile(r"\b(?:vulnerabilit(?:y|ies)|security[ \t]+(?:issues?|flaws?|bugs?|holes?)|flaws?)\b",
                       re.IGNORECASE)


#: Evidence of a failure met at once by whoever was at work: "immediately locked out",
#: "every SSH attempt was rejected".
_MET_AT_ONCE = re.compile(r"\b(?:immediately|instantly|at[ \t]+once|right[ \t]+away|locked[ \t]+out|"
                          r"attempts?[ \t]+(?:was|were)[ \t]+(?:\w+[ \t]+)?(?:rejected|refused|denied))\b", re.IGNORECASE)


def _detect_minutes(context: Context) -> float | None:
    """The profile's time to detect (stated or inferred), in minutes, or None."""
    minutes = getattr(getattr(context.profile, "time_to_detect_minutes", None), "value", None)
    return None if not isinstance(minutes, (int, float)) or isinstance(minutes, bool) else float(minutes)


def _detected_at_once(context: Context) -> bool:
    """Whether the profile's time to detect is within the strictest limit of the table
    (SEV1's 15 minutes by default): fast at any severity."""
    minutes = _detect_minutes(context)
    if minutes is None:
        return False
    limits = context.setting("max_time_to_detect_minutes") or {}
    usable = [float(limit) for limit in (limits.values() if isinstance(limits, dict) else ())
              if isinstance(limit, (int, float)) and not isinstance(limit, bool)]
    return bool(usable) and 0 <= minutes <= min(usable)


def _detection_over_limit(context: Context) -> bool:
    """Whether the profile's time to detect is over the limit for the document's severity
    (stated or inferred; else the most lenient), as PM403 reads it."""
    minutes = _detect_minutes(context)
    if minutes is None:
        return False
    limit = limit_for(context, "max_time_to_detect_minutes") or _most_lenient(context, "max_time_to_detect_minutes")
    return limit is not None and minutes > limit[1]


#: An outage seen this soon (minutes) after the team's own change was seen by the people
#: making it (PM401's default `own_change_minutes`).
OWN_CHANGE_MINUTES = 15.0


@check("detection_recorded", {"own_change_minutes": of_kind(
    "number", "An outage that followed the team's own change within this many minutes (or lasted no longer) was "
              "seen by the people making the change: asking what detected it is pedantic (strict only).")},
       infers=True)
def detection_recorded(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`detection.method` is set, or the text anywhere says what noticed the incident
    ("identified by our monitoring", "a user reported", "we noticed": the loaders'
    whole-document evidence search). Pedantic (`info` under `strict` only), because the
    author did record the detection, only not by what: a detection section that
    describes it in words that name no method; a timeline entry that marks the moment
    it was detected ("~23:56 UTC: Primary connectivity loss detected"); an outage that
    followed the team's own change within `own_change_minutes` (see
    `_detection_signals.own_change_seen`), which the people making it saw; a failure at a
    scheduled event the whole network watched (`scheduled_event`: "upon reaching the
    upgrade height, nodes panicked"). A sentence
    saying the team learned of it without saying how ("the team was notified") keeps the
    warning but quotes it; "nothing found in any section or sentence" is said only when
    nothing was."""
    detection = value.get("detection") if isinstance(value, dict) else None
    if isinstance(detection, dict) and lower(detection.get("method")):
        return
    if evidence(context, "detection") is not None:
        return
    described = isinstance(detection, dict) and any(
        isinstance(detection.get(key), str) and detection[key].strip() for key in ("source", "gap", "description"))
    if described:
        # the author wrote how it was found ("the tutorial tests start failing"): asking for
        # a category word is pedantic (strict only)
        yield Hit(f"{pointer}/detection", variant="method_unsaid", pedantic=True)
        return
    minutes = options.get("own_change_minutes", 15)
    own = own_change_seen(context.document, float(minutes)) \
        if isinstance(minutes, (int, float)) and not isinstance(minutes, bool) else None
    if own is not None:
        yield Hit(f"{pointer}/detection", {"evidence": own}, variant="own_change", pedantic=True)
        return
    scheduled = scheduled_event(context.document)
    if scheduled is not None:
        # a chain halting at its upgrade height is seen by everyone running it, at once
        yield Hit(f"{pointer}/detection", {"evidence": scheduled}, variant="scheduled_event", pedantic=True)
        return
    stated = dict(context.document.meta.front_matter or {}).get("detected")
    if isinstance(stated, (str, int, float)) and str(stated).strip() or hasattr(stated, "isoformat"):
        # front matter "detected: 2026-09-23T19:50Z": when is recorded, what is not (strict only)
        yield Hit(f"{pointer}/detection", {"value": shorten(str(stated))}, variant="front_matter_detected",
                  pedantic=True)
        return
    detected = timeline_detected(value)
    if detected is not None:
        yield Hit(f"{pointer}/detection", {"value": detected.raw, "event": quote(detected.event, 50)},
                  span=context.document.spans.get(f"/timeline/{detected.index}"), variant="timeline_detected",
                  pedantic=True)
        return
    silent = evidence(context, "no_alert")
    if silent is not None:
        # "Nothing alerted on it because nothing was monitoring ...": the document says no
        # alert caught it, so people did: the finding says so, and asks which; in one
        # person's write-up of their own systems that person is the writer (strict only)
        yield Hit(f"{pointer}/detection/method", {"evidence": quote(str(silent.get("text") or ""))},
                  variant="no_alert", pedantic="personal" in (context.document.meta.forms or ()))
        return
    learned = came_to_light(context.document)
    if learned is not None:
        yield Hit(f"{pointer}/detection/method", {"evidence": learned}, variant="unsaid_how")
        return
    # a status page's short notice ("A power outage caused our main server to be shut down"):
    # how it was noticed is a side note there, not a review's demand
    yield Hit(f"{pointer}/detection/method", variant="not_found", demote=status_notice(context.document))

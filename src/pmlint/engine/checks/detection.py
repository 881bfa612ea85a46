"""Detection checks (PM4xx): time to detect and mitigate, and detection gaps answered.

Time to detect is started → detected; time to mitigate is started → mitigated, both
from the first timeline entry of each `kind`. They are held to per-severity limits
(settings.max_time_to_detect_minutes, settings.max_time_to_mitigate_minutes) and the
finding states the computed figure, because "detection was slow" starts no
discussion and "47 minutes against a 30 minute limit" does.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..functions import Context, Hit, check
from ._shared import action_items, evidence, is_open, lower, search, severity_of, text_of, words
from ._time import entries, first_of, format_minutes, minutes_between


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
                   "limits": {"type": "string", "description": "Setting holding {severity: minutes}."}},
       infers=True)
def elapsed(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Minutes from the first `from` entry to the first `to` entry of the timeline stay
    within the limit for the document's severity. Reports `{elapsed}`, `{limit}`, `{severity}`."""
    limit = limit_for(context, options["limits"])
    if limit is None:
        lenient = _most_lenient(context, options["limits"])
        if lenient is not None and severity_of(context) is None:
            yield from _inferred_elapsed(options, lenient, context)
        return
    timeline = entries(context.data)
    start, end = first_of(timeline, options["from"]), first_of(timeline, options["to"])
    minutes = minutes_between(start, end)
    if minutes is None or minutes < 0:  # unknown, or a time-only timeline that crossed midnight
        yield from _inferred_elapsed(options, limit, context)
        return
    if minutes <= limit[1]:
        return
    assert end is not None
    yield Hit(end.pointer, {"elapsed": format_minutes(minutes), "limit": format_minutes(limit[1]),
                            "severity": limit[0]})


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
    elif span == ("started", "mitigated") and not any(entry.kind in ("mitigated", "resolved")
                                                       for entry in entries(context.data)):
        # no mitigation in the timeline, but the prose says how long the impact lasted
        # ("24 hours and 11 minutes of degradation"): nothing cut it short before then
        fact = getattr(profile, "duration_minutes", None)
        if fact is None or not fact.inferred or fact.value <= limit[1]:
            return
        yield Hit("", span=fact.span, inferred=(f"{format_minutes(fact.value)} of impact", fact),
                  message=f"Impact lasted {format_minutes(fact.value)} and the timeline marks no mitigation: over the "
                          f"{format_minutes(limit[1])} {limit[0]} limit for time to mitigate")


def is_detect_item(item: dict[str, Any], context: Context) -> bool:
    """Type `detect`, or (untyped) a title about alerts, probes, dashboards (settings.detect_words)."""
    kind = lower(item.get("type"))
    if kind == "detect":
        return True
    return kind is None and search(words(context, "detect_words"), text_of(item)) is not None


@check("detect_item", infers=True)
def detect_item(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The plan holds an open action item that improves detection (see `is_detect_item`),
    or the text says detection was improved ("we've added alerts for high CPU usage")."""
    if evidence(context, "detection_improved") is not None:
        return
    if not any(is_detect_item(item, context) for _, item in action_items(context) if is_open(item, context)):
        fact = getattr(context.profile, "detection_method", None)
        yield Hit(values={"value": value}, span=fact.span if fact is not None and fact.inferred else None)


@check("detection_recorded", infers=True)
def detection_recorded(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`detection.method` is set, or the text anywhere says what noticed the incident
    ("identified by our monitoring", "a user reported", "we noticed": the loaders'
    whole-document evidence search). When a detection section describes it in words that
    name no method, the finding is `info` (the author did write something); only when
    nothing anywhere says how it was found is it reported as missing, saying where pmlint looked."""
    detection = value.get("detection") if isinstance(value, dict) else None
    if isinstance(detection, dict) and lower(detection.get("method")):
        return
    if evidence(context, "detection") is not None:
        return
    described = isinstance(detection, dict) and any(
        isinstance(detection.get(key), str) and detection[key].strip() for key in ("source", "gap", "description"))
    if described:
        yield Hit(f"{pointer}/detection", message="Detection is described, but not what noticed it first: "
                  "say whether an alert, monitoring, a synthetic check, a customer or an employee did", demote=True)
    else:
        yield Hit(f"{pointer}/detection/method", message="Detection method not recorded: no alert, report or "
                  "person noticing the problem found in any section or sentence")

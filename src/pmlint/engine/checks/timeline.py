"""Timeline checks (PM5xx): milestones present and in order; impact duration agrees.

Milestones are timeline entries with `kind` started, detected, mitigated, resolved
(settings.required_milestones). The first entry of each kind counts.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..functions import Context, Hit, check
from ._time import entries, first_of, format_minutes, minutes_between


@check("milestones_present")
def milestones_present(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Every kind in settings.required_milestones appears in the timeline (`{missing}`)."""
    timeline = entries(value)
    kinds = [str(kind).lower() for kind in context.setting("required_milestones") or ()]
    missing = [kind for kind in kinds if first_of(timeline, kind) is None]
    if missing:
        yield Hit("/timeline", {"missing": ", ".join(missing), "count": len(missing)})


@check("milestones_ordered")
def milestones_ordered(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The milestones that are present come in the order of settings.required_milestones."""
    timeline = entries(value)
    kinds = [str(kind).lower() for kind in context.setting("required_milestones") or ()]
    present = [(kind, first_of(timeline, kind)) for kind in kinds]
    marked = [(kind, entry) for kind, entry in present if entry is not None and entry.moment is not None]
    for (before_kind, before), (kind, entry) in zip(marked, marked[1:]):
        gap = minutes_between(before, entry)
        if gap is not None and gap < 0:
            yield Hit(entry.pointer, {"kind": kind, "value": entry.raw, "previous_kind": before_kind,
                                      "previous": before.raw})


@check("impact_duration_agrees")
def impact_duration_agrees(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`impact.duration_minutes` matches started → mitigated or started → resolved in the
    timeline, within settings.duration_tolerance_minutes."""
    impact = value.get("impact") if isinstance(value, dict) else None
    stated = impact.get("duration_minutes") if isinstance(impact, dict) else None
    if not isinstance(stated, (int, float)) or isinstance(stated, bool):
        return
    timeline = entries(value)
    start = first_of(timeline, "started")
    spans = [(kind, minutes_between(start, first_of(timeline, kind))) for kind in ("mitigated", "resolved")]
    spans = [(kind, minutes) for kind, minutes in spans if minutes is not None]
    if not spans:
        return
    tolerance = float(context.setting("duration_tolerance_minutes", 15))
    if any(abs(minutes - stated) <= tolerance for _, minutes in spans):
        return
    described = " and ".join(f"{format_minutes(minutes)} to {kind}" for kind, minutes in spans)
    yield Hit("/impact/duration_minutes", {"stated": format_minutes(stated), "computed": described,
                                           "tolerance": format_minutes(tolerance)})

"""Moved to `pmlint.timeline` (the inference uses it too); re-exported for existing imports."""

from typing import Any

from ...timeline import (  # noqa: F401
    _DATE_ONLY, Entry, describes_mitigation, document_zone, entries, first_of, format_minutes, in_window, local_time, minutes_between,
    incidents_of, measured_incident, night_entries, parse_clock, unclear_hours,
)


def incident_starts(context: Any) -> tuple[int, ...]:
    """Where each incident of an incident log starts in the timeline (`DocumentMeta.timeline_incidents`);
    empty for a postmortem of one incident."""
    document = getattr(context, "document", None)
    return document.meta.timeline_incidents if document is not None else ()


def measured(context: Any, data: Any = None) -> list[Entry]:
    """The timeline entries a duration is measured on (`pmlint.timeline.measured_incident`):
    the whole timeline of a postmortem, one incident of an incident log."""
    return measured_incident(entries(context.data if data is None else data), incident_starts(context))

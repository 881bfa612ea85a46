"""Moved to `pmlint.timeline` (the inference uses it too); re-exported for existing imports."""

from ...timeline import (  # noqa: F401
    _DATE_ONLY, Entry, describes_mitigation, document_zone, entries, first_of, format_minutes, in_window, local_time, minutes_between,
    night_entries, parse_clock, unclear_hours,
)

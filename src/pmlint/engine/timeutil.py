"""Moved to `pmlint.timeutil` (the inference uses it too); re-exported for existing imports."""

from ..timeutil import parse_timestamp, with_default_zone, zone_named  # noqa: F401

__all__ = ["parse_timestamp", "with_default_zone", "zone_named"]

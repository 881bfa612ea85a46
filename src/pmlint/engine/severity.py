"""Severity names as a document writes them → the configured levels (`Sev-2` → SEV2).

Its own module because both conditions (`when: {path: $.severity, ...}`) and the
durability checks need it, and neither may import the other.
"""

from __future__ import annotations

import re
from typing import Any

_SEV_NUMBER = re.compile(r"(?:sev(?:erity)?)[ \t_-]*(\d)", re.IGNORECASE)


def normalise_severity(value: Any, settings: dict) -> str | None:
    """The `severity_levels` name `value` means, or None when it names none of them.

    Case is ignored (`sev2` → SEV2); `Sev-2`, `SEV 2`, `sev_2`, `Severity 2` are SEV2 when
    SEV2 is a level; a word in `severity_aliases` (`Critical`, `high`) maps to its level.
    `P1` stays unknown: it is a priority scale, and guessing would be ambiguous."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    levels = {str(level).upper(): str(level) for level in settings.get("severity_levels") or ()}
    if text.upper() in levels:
        return levels[text.upper()]
    aliases = {str(key).strip().lower(): target for key, target in (settings.get("severity_aliases") or {}).items()}
    target = aliases.get(text.lower().rstrip("."))
    if target is not None:
        return levels.get(str(target).upper())
    match = _SEV_NUMBER.fullmatch(text)
    if match:
        return levels.get(f"SEV{match.group(1)}")
    return None

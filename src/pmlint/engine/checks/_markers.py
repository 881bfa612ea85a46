"""Placeholder markers (`TODO`, `FIXME`): when a text is one, not merely a word in it.

Shared by the template checks (`document.py`) and `_shared.is_placeholder`, which the
other checks use; a module of its own so neither has to import the other.
"""

from __future__ import annotations

import re

_ACTION_ITEM_TEXT = re.compile(r"/action_items/\d+(?:/title)?")
_MARKER_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}
_FILLER = " \t\r\n.:!?-\u2013\u2014()[]"


def marker_regex(markers: tuple[str, ...]) -> re.Pattern[str]:
    """`\\s*(TODO|FIXME)\\b(rest)`, case-insensitive, compiled once per list."""
    regex = _MARKER_CACHE.get(markers)
    if regex is None:
        regex = re.compile(r"\s*(" + "|".join(re.escape(marker) for marker in markers) + r")\b(.*)",
                           re.IGNORECASE | re.DOTALL)
        _MARKER_CACHE[markers] = regex
    return regex


def marker_at(text: str, pointer: str, markers: tuple[str, ...]) -> str | None:
    """The marker (`TODO`) that makes `text` a placeholder, or None: the whole value is the
    marker (any case), or an action item starts with it written as a marker (`TODO`, or
    `todo:` with a colon) rather than as a word ("Todo list sync retries")."""
    if not text or not markers or pointer.endswith("/status"):
        return None  # `status: todo` is a tracker's state, not a placeholder
    match = marker_regex(markers).match(text)
    if match is None:
        return None
    marker, rest = match.group(1), match.group(2)
    if not rest.strip(_FILLER):
        return marker
    if _ACTION_ITEM_TEXT.fullmatch(pointer) and (marker.isupper() or rest.lstrip().startswith(":")):
        return marker
    return None

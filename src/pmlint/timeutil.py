"""Timestamps in postmortems: parse ISO 8601 (and close relatives), know their zone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

_SPACE_ZONE = re.compile(r"^(?P<stamp>.+?)\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


def zone_named(name: str | None) -> tzinfo | None:
    """A tzinfo for `UTC`, `+02:00` or an IANA name (Europe/Berlin); None if unknown."""
    if not name:
        return None
    text = name.strip()
    if text.upper() in ("UTC", "Z", "GMT"):
        return timezone.utc
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", text)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(text)
    except Exception:
        return None


#: text → its parse: a timeline's `at` strings are parsed by the timeline model, the order
#: rule and the zone rule; a 5 MB document has 40,000 of them. Bounded: cleared when full.
_parsed: dict[str, datetime | None] = {}
_PARSED_MAX = 65536


def parse_timestamp(value: object) -> datetime | None:
    """ISO 8601 date-times (`2025-06-21T23:05:00Z`, `2025-06-21 23:05 UTC`, `...+02:00`).

    Returns an aware datetime when the text carries a zone, a naive one when it does
    not, and None when it is not a timestamp at all. Cached per text (datetimes are
    immutable): the same timeline is read by several rules.
    """
    if not isinstance(value, str):
        return None
    if len(value) > 64:  # no timestamp is this long: not kept, so no large text outlives its document
        return _parse_timestamp(value)
    try:
        return _parsed[value]
    except KeyError:
        pass
    if len(_parsed) >= _PARSED_MAX:
        _parsed.clear()
    parsed = _parsed[value] = _parse_timestamp(value)
    return parsed


def _parse_timestamp(value: str) -> datetime | None:
    text = value.strip()
    if not text or not text[:1].isdigit():
        return None
    zone = None
    match = _SPACE_ZONE.match(text)
    if match and match.group("zone").isalpha():  # "... UTC", "... GMT", "...Z"
        zone = timezone.utc
        text = match.group("stamp")
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        return None
    if zone is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def with_default_zone(moment: datetime, default: tzinfo | None) -> datetime | None:
    """`moment` if it is aware, else `moment` in `default`, else None (unknown zone)."""
    if moment.tzinfo is not None:
        return moment
    if default is not None:
        return moment.replace(tzinfo=default)
    return None

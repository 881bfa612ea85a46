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


def parse_timestamp(value: object) -> datetime | None:
    """ISO 8601 date-times (`2025-06-21T23:05:00Z`, `2025-06-21 23:05 UTC`, `...+02:00`).

    Returns an aware datetime when the text carries a zone, a naive one when it does
    not, and None when it is not a timestamp at all.
    """
    if not isinstance(value, str):
        return None
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

"""What an action item is, in the terms rules ask about: open, pending, a band-aid.

One definition, read by the durability checks (`checks/`) and by conditions, so a rule
file can ask the same questions without Python: `{open: true}`, `{pending: true}` and
`{band_aid: true}` in `when` or in `exists`'s `where` (see `conditions.py`).
"""

from __future__ import annotations

import re
from typing import Any

from ..grammar import leading_verb

#: Statuses that take an item out of the plan (a `done` item still counts as part of it).
WONT_DO = frozenset({"wont-do", "wont_do", "won't do", "cancelled"})

#: what an item says it changes beyond the repair ("..., which fixes the plan cache bug")
_PURPOSE = re.compile(r"\b(?:so[ \t]+that|so[ \t]+it|to[ \t]+(?:prevent|stop|avoid|eliminate|remove[ \t]+the[ \t]+cause)|"
                      r"which[ \t]+(?:fixes|prevents|removes|eliminates)|that[ \t]+(?:fixes|prevents|removes|eliminates)|"
                      r"no[ \t]+longer|never[ \t]+again)\b", re.IGNORECASE)


def is_open_item(item: Any) -> bool:
    """An item not closed as `wont-do` (or cancelled). Not a mapping: not an item."""
    if not isinstance(item, dict):
        return False
    status = item.get("status")
    return not (isinstance(status, str) and status.lower() in WONT_DO)


def is_pending_item(item: Any, settings: dict[str, Any]) -> bool:
    """An item still to do: its status is not one of `settings.closed_statuses`."""
    if not isinstance(item, dict):
        return False
    status = item.get("status")
    return not (isinstance(status, str) and status.lower() in _closed(settings.get("closed_statuses")))


#: (the `closed_statuses` setting, its lower-cased set): rules ask `pending` of every item
#: of a document, and building the set per item cost more than the test (a 5 MB document:
#: 57,000 items asked)
_last_closed: tuple[Any, frozenset[str]] | None = None


def _closed(statuses: Any) -> frozenset[str]:
    """`settings.closed_statuses` lower-cased, for the most recent setting value (compared
    by equality, so an edited list is never served stale)."""
    global _last_closed
    key = tuple(statuses) if isinstance(statuses, (list, tuple)) else statuses
    if _last_closed is not None and _last_closed[0] == key:
        return _last_closed[1]
    closed = frozenset(str(s).lower() for s in statuses or ())
    _last_closed = (key, closed)
    return closed


def is_band_aid(item: Any, settings: dict[str, Any]) -> bool:
    """A repair of this incident: type `repair`, or a title that starts with a band-aid verb
    (`settings.band_aid_verbs`: restart, roll back, re-run, bump, ...), unless the author
    stated a type and the title or description says what it changes beyond the repair
    (`_PURPOSE`: "..., which fixes the plan cache bug"); a type pmlint inferred never
    outweighs the verb."""
    if not isinstance(item, dict):
        return False
    raw_kind = item.get("type")
    kind = raw_kind.strip().lower() if isinstance(raw_kind, str) and raw_kind.strip() else None
    if kind == "repair":
        return True
    title = item.get("title")
    stated = bool(kind) and "type" not in getattr(item, "inferred", ())
    if stated and any(isinstance(text, str) and _PURPOSE.search(text) for text in (title, item.get("description"))):
        return False  # the purpose may sit in the body of a lead-in ("**Upgrade to 14.2**: which fixes ...")
    return leading_verb(title if isinstance(title, str) else "", settings.get("band_aid_verbs") or ()) is not None

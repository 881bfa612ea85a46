"""`when` preconditions and `where` filters: small boolean tests on the document.

    {path: $.severity, in: [SEV1, SEV2]}        value is one of the list
    {path: $.severity, in: {setting: major_severities}}
    {path: $.detection.method, equals: customer}
    {path: $.on_call.off_hours_pages, truthy: true}
    {all: [...]}, {any: [...]}, {not: {...}}

Predicates on an action item (in `exists`'s `where`, where the item is what is tested),
read from the same definitions the durability checks use (`items.py`):

    {open: true}                      not closed as wont-do (done items still count)
    {pending: true}                   its status is not one of settings.closed_statuses
    {band_aid: true}                  a repair: type `repair`, or a title that starts with
                                      one of settings.band_aid_verbs (restart, roll back, ...)

and on the text at `path`:

    {path: $.title, matches: 'OPS-[0-9]+'}            a regex (RE2, case-insensitive) matches in it
    {path: $.title, contains: [alert, probe]}          one of the phrases is in it (whole words;
    {path: $.title, contains: {setting: NAME}}          a list or a setting)
"""

from __future__ import annotations

from typing import Any

from .items import is_band_aid, is_open_item, is_pending_item
from .select import compile_selector
from .severity import normalise_severity
from .text import phrase_regex
from .untrusted import compile_untrusted

#: the item predicates: condition key → test of the item
ITEM_PREDICATES = {
    "open": lambda item, settings: is_open_item(item),
    "pending": is_pending_item,
    "band_aid": is_band_aid,
}


def resolve_setting(value: Any, settings: dict[str, Any]) -> Any:
    """`{setting: NAME}` → the setting's value; anything else unchanged."""
    if isinstance(value, dict) and set(value) == {"setting"}:
        return settings.get(value["setting"])
    return value


def _truthy(value: Any) -> bool:
    """A condition's truth: unlike `functions.is_truthy` (is the field *recorded*?), zero is
    false here, so `{path: $.on_call.off_hours_pages, truthy: true}` means "there were some"."""
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, False, 0) and value != [] and value != {}


def _normalise(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def holds(condition: dict[str, Any], data: Any, settings: dict[str, Any]) -> bool:
    """Whether `condition` holds on `data` (the document, or an item for `where`)."""
    if "all" in condition and not all(holds(part, data, settings) for part in condition["all"]):
        return False
    if "any" in condition and not any(holds(part, data, settings) for part in condition["any"]):
        return False
    if "not" in condition and holds(condition["not"], data, settings):
        return False
    for key, test in ITEM_PREDICATES.items():
        if key in condition and test(data, settings) != condition[key]:
            return False
    if "path" not in condition:
        return True
    matches = [value for _, value in compile_selector(condition["path"]).select(data)]
    value = matches[0] if matches else None
    if condition["path"] == "$.severity" and value is not None:  # `Critical`, `Sev-2` → SEV1, SEV2
        value = normalise_severity(value, settings) or value
    if "in" in condition:
        allowed = resolve_setting(condition["in"], settings) or []
        if _normalise(value) not in [_normalise(option) for option in allowed]:
            return False
    if "not_in" in condition:
        banned = resolve_setting(condition["not_in"], settings) or []
        if _normalise(value) in [_normalise(option) for option in banned]:
            return False
    if "equals" in condition and _normalise(value) != _normalise(resolve_setting(condition["equals"], settings)):
        return False
    if "truthy" in condition and _truthy(value) != condition["truthy"]:
        return False
    if "matches" in condition and not (isinstance(value, str)
                                       and compile_untrusted(condition["matches"]).search(value) is not None):
        return False
    if "contains" in condition:
        regex = phrase_regex(tuple(resolve_setting(condition["contains"], settings) or ()))
        if not (isinstance(value, str) and regex is not None and regex.search(value) is not None):
            return False
    return True

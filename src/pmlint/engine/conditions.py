"""`when` preconditions and `where` filters: small boolean tests on the document.

    {path: $.severity, in: [SEV1, SEV2]}        value is one of the list
    {path: $.severity, in: {setting: major_severities}}
    {path: $.detection.method, equals: customer}
    {path: $.on_call.off_hours_pages, truthy: true}
    {all: [...]}, {any: [...]}, {not: {...}}
"""

from __future__ import annotations

from typing import Any

from .select import compile_selector
from .severity import normalise_severity


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
    return True

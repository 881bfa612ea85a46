"""The JSON Schemas shipped with pmlint (postmortem, rule, config) and a fast validator.

Why a validator of our own: importing `jsonschema` costs ~65 ms, more than the rest
of a one-file run. Our schemas use a small subset of draft 2020-12 (listed in
SUPPORTED_KEYWORDS); `validate()` implements exactly that subset and words errors
for people. The test suite checks that every schema is a valid 2020-12 schema, uses
only supported keywords, and that this validator agrees with `jsonschema`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import join_pointer

SUPPORTED_KEYWORDS = frozenset({
    "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "examples", "default",
    "type", "enum", "const", "properties", "required", "additionalProperties", "items",
    "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "format",
    "anyOf", "oneOf", "propertyNames",
})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """`name` is postmortem, rule or config."""
    # next to this module, in a checkout and in a wheel alike (cheaper than importlib.resources)
    text = (Path(__file__).resolve().parent / f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True, slots=True)
class SchemaError:
    pointer: str
    message: str
    keyword: str


_TYPE_NAMES = {
    "object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "empty",
}


def _is_type(value: Any, expected: str) -> bool:
    if expected == "object":
        return isinstance(value, dict)
    if expected == "array":
        return isinstance(value, list)
    if expected == "string":
        return isinstance(value, str)
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if expected == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected == "null":
        return value is None
    return True


def describe(value: Any) -> str:
    """A short, human description of a value, for error messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'the text "{shown}"'
    return str(value)


def dotted(pointer: str) -> str:
    """/action_items/0/owner → action_items[0].owner, the way people write it."""
    from ..model import split_pointer

    out = ""
    for token in split_pointer(pointer):
        out += f"[{token}]" if token.isdigit() else (f".{token}" if out else token)
    return out or "the document"


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None,
             pointer: str = "") -> list[SchemaError]:
    """All violations of `schema` by `value`, outermost first."""
    errors: list[SchemaError] = []
    _check(value, schema, root or schema, pointer, errors)
    return errors


def _check(value: Any, schema: dict[str, Any], root: dict[str, Any], pointer: str, errors: list[SchemaError]) -> None:
    if "$ref" in schema:
        ref = schema["$ref"]
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        _check(value, target, root, pointer, errors)
    expected = schema.get("type")
    if expected is not None:
        options = expected if isinstance(expected, list) else [expected]
        if not any(_is_type(value, option) for option in options):
            shown = [option for option in options if not (option == "integer" and "number" in options)]
            wanted = " or ".join(_TYPE_NAMES.get(option, option) for option in shown)
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` must be {wanted}, but it is {describe(value)}", "type"))
            return
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(option) for option in schema["enum"])
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {describe(value)}; expected one of: {allowed}", "enum"))
    if "const" in schema and value != schema["const"]:
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` must be {schema['const']!r}", "const"))
    if isinstance(value, str):
        _check_string(value, schema, pointer, errors)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {value}; it must be at least {schema['minimum']}", "minimum"))
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {value}; it must be at most {schema['maximum']}", "maximum"))
    elif isinstance(value, dict):
        _check_object(value, schema, root, pointer, errors)
    elif isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` needs at least {schema['minItems']} item(s)", "minItems"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` may hold at most {schema['maxItems']} item(s)", "maxItems"))
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(value):
                _check(item, items, root, join_pointer(pointer, index), errors)
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            branches = [validate(value, branch, root, pointer) for branch in schema[keyword]]
            passing = sum(1 for branch in branches if not branch)
            if passing == 0 or (keyword == "oneOf" and passing > 1):
                best = min(branches, key=len) if branches else []
                errors.extend(best or [SchemaError(pointer, f"`{dotted(pointer)}` matches more than one allowed form", keyword)])


def _check_string(value: str, schema: dict[str, Any], pointer: str, errors: list[SchemaError]) -> None:
    if "minLength" in schema and len(value) < schema["minLength"]:
        what = "must not be empty" if schema["minLength"] == 1 else f"needs at least {schema['minLength']} characters"
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` {what}", "minLength"))
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is longer than {schema['maxLength']} characters", "maxLength"))
    if "pattern" in schema and re.search(schema["pattern"], value) is None:
        hint = schema.get("description", "")
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {describe(value)}, not of the expected form"
                                  + (f" ({hint.rstrip('.')})" if hint else ""), "pattern"))
    if schema.get("format") == "date" and not _valid_date(value):
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {describe(value)}; expected a date as YYYY-MM-DD", "format"))


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_object(value: dict, schema: dict[str, Any], root: dict[str, Any], pointer: str,
                  errors: list[SchemaError]) -> None:
    for required in schema.get("required", ()):
        if required not in value:
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is missing the required field `{required}`", "required"))
    properties = schema.get("properties", {})
    additional = schema.get("additionalProperties", True)
    names = schema.get("propertyNames")
    for key, item in value.items():
        child = join_pointer(pointer, key)
        if names is not None:
            for error in validate(key, names, root, child):
                errors.append(SchemaError(child, f"`{dotted(child)}` is not an allowed key here", "propertyNames"))
                break
        if key in properties:
            _check(item, properties[key], root, child, errors)
        elif additional is False:
            known = ", ".join(sorted(properties))
            errors.append(SchemaError(child, f"Unknown key `{dotted(child)}`" + (f" (known keys: {known})" if known else ""),
                                      "additionalProperties"))
        elif isinstance(additional, dict):
            _check(item, additional, root, child, errors)

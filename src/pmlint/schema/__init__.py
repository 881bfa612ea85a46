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

from ..model import Place, place_pointer

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


@lru_cache(maxsize=None)
def strict_schema(name: str) -> dict[str, Any]:
    """`name`'s schema with unknown top-level fields forbidden (config `strict`)."""
    return {**load_schema(name), "additionalProperties": False}


@dataclass(frozen=True, slots=True)
class SchemaError:
    pointer: str
    message: str
    keyword: str


_TYPE_NAMES = {
    "object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "empty",
}


#: Python types whose values certainly are of a JSON type (`type(value) in ...`, so `bool`
#: never passes for an integer): the usual node is accepted with one set test
_CERTAIN = {"object": (dict,), "array": (list,), "string": (str,), "boolean": (bool,), "integer": (int,),
            "number": (int, float), "null": (type(None),)}


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
    _check(value, _plan(schema, root or schema), pointer, errors)
    return errors


#: A path is the pointer string of the node where validation started, or a pair
#: (parent path, token): child pointers are only joined into strings for an error.
Path_ = Place


class _Plan:
    """One schema node, read once: every document validated against it reuses this
    instead of looking up a dozen keywords per node (the validator runs on every node
    of every YAML postmortem)."""

    __slots__ = ("schema", "ref", "types", "certain", "enum", "const", "has_const", "string", "number", "properties",
                 "required", "additional", "names", "min_items", "max_items", "items", "any_of", "one_of")

    def __init__(self, schema: dict[str, Any], root: dict[str, Any]) -> None:
        self.schema = schema
        self.ref: _Plan | None = None
        expected = schema.get("type")
        self.types = None if expected is None else tuple(expected if isinstance(expected, list) else [expected])
        self.certain = frozenset(kind for option in self.types or () for kind in _CERTAIN.get(option, ()))
        self.enum = schema.get("enum")
        self.has_const = "const" in schema
        self.const = schema.get("const")
        self.string = any(key in schema for key in ("minLength", "maxLength", "pattern", "format"))
        self.number = "minimum" in schema or "maximum" in schema
        self.properties: dict[str, _Plan] = {}
        self.required = tuple(schema.get("required", ()))
        self.additional: bool | _Plan = True
        self.names: _Plan | None = None
        self.min_items, self.max_items = schema.get("minItems"), schema.get("maxItems")
        self.items: _Plan | None = None
        self.any_of: tuple[_Plan, ...] = ()
        self.one_of: tuple[_Plan, ...] = ()

    def link(self, root: dict[str, Any]) -> None:
        schema = self.schema
        if "$ref" in schema:
            target: Any = root
            for part in schema["$ref"].lstrip("#/").split("/"):
                target = target[part]
            self.ref = _plan(target, root)
        self.properties = {key: _plan(value, root) for key, value in schema.get("properties", {}).items()}
        additional = schema.get("additionalProperties", True)
        self.additional = _plan(additional, root) if isinstance(additional, dict) else additional
        if "propertyNames" in schema:
            self.names = _plan(schema["propertyNames"], root)
        if isinstance(schema.get("items"), dict):
            self.items = _plan(schema["items"], root)
        self.any_of = tuple(_plan(branch, root) for branch in schema.get("anyOf", ()))
        self.one_of = tuple(_plan(branch, root) for branch in schema.get("oneOf", ()))


_plans: dict[int, tuple[dict[str, Any], _Plan]] = {}


def _plan(schema: dict[str, Any], root: dict[str, Any]) -> _Plan:
    cached = _plans.get(id(schema))
    if cached is not None and cached[0] is schema:  # the schema object is kept alive with its plan
        return cached[1]
    if len(_plans) > 512:  # ad-hoc schemas (option schemas, tests) must not pile up
        _plans.clear()
    plan = _Plan(schema, root)
    _plans[id(schema)] = (schema, plan)
    plan.link(root)  # after caching: a $ref cycle finds this plan instead of recursing
    return plan


def _check(value: Any, plan: _Plan, path: Path_, errors: list[SchemaError]) -> None:
    if plan.ref is not None:
        _check(value, plan.ref, path, errors)
    types = plan.types
    if types is not None and type(value) not in plan.certain and not any(_is_type(value, option) for option in types):
        pointer = place_pointer(path)
        shown = [option for option in types if not (option == "integer" and "number" in types)]
        wanted = " or ".join(_TYPE_NAMES.get(option, option) for option in shown)
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` must be {wanted}, but it is {describe(value)}", "type"))
        return
    if plan.enum is not None and value not in plan.enum:
        pointer = place_pointer(path)
        allowed = ", ".join(str(option) for option in plan.enum)
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {describe(value)}; expected one of: {allowed}", "enum"))
    if plan.has_const and value != plan.const:
        pointer = place_pointer(path)
        errors.append(SchemaError(pointer, f"`{dotted(pointer)}` must be {plan.const!r}", "const"))
    if isinstance(value, str):
        if plan.string:
            _check_string(value, plan.schema, place_pointer(path), errors)
    elif isinstance(value, dict):
        _check_object(value, plan, path, errors)
    elif isinstance(value, list):
        if plan.min_items is not None and len(value) < plan.min_items:
            pointer = place_pointer(path)
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` needs at least {plan.min_items} item(s)", "minItems"))
        if plan.max_items is not None and len(value) > plan.max_items:
            pointer = place_pointer(path)
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` may hold at most {plan.max_items} item(s)", "maxItems"))
        items = plan.items
        if items is not None:
            for index, item in enumerate(value):
                _check(item, items, (path, index), errors)
    elif plan.number and isinstance(value, (int, float)) and not isinstance(value, bool):
        schema = plan.schema
        if "minimum" in schema and value < schema["minimum"]:
            pointer = place_pointer(path)
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {value}; it must be at least {schema['minimum']}", "minimum"))
        if "maximum" in schema and value > schema["maximum"]:
            pointer = place_pointer(path)
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is {value}; it must be at most {schema['maximum']}", "maximum"))
    if not plan.any_of and not plan.one_of:
        return
    for keyword, branches in (("anyOf", plan.any_of), ("oneOf", plan.one_of)):
        if branches:
            pointer = place_pointer(path)
            results = []
            for branch in branches:
                branch_errors: list[SchemaError] = []
                _check(value, branch, pointer, branch_errors)
                results.append(branch_errors)
            passing = sum(1 for result in results if not result)
            if passing == 0 or (keyword == "oneOf" and passing > 1):
                best = min(results, key=len)
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


def _check_object(value: dict, plan: _Plan, path: Path_, errors: list[SchemaError]) -> None:
    for required in plan.required:
        if required not in value:
            pointer = place_pointer(path)
            errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is missing the required field `{required}`", "required"))
    properties = plan.properties
    additional = plan.additional
    names = plan.names
    for key, item in value.items():
        child = (path, key)
        if names is not None:
            key_errors: list[SchemaError] = []
            _check(key, names, place_pointer(child), key_errors)
            if key_errors:
                pointer = place_pointer(child)
                errors.append(SchemaError(pointer, f"`{dotted(pointer)}` is not an allowed key here", "propertyNames"))
        known = properties.get(key)
        if known is not None:
            _check(item, known, child, errors)
        elif additional is False:
            pointer = place_pointer(child)
            listed = ", ".join(sorted(properties))
            errors.append(SchemaError(pointer, f"Unknown key `{dotted(pointer)}`" + (f" (known keys: {listed})" if listed else ""),
                                      "additionalProperties"))
        elif isinstance(additional, _Plan):
            _check(item, additional, child, errors)

"""The shipped JSON Schemas, and pmlint's fast validator agreeing with `jsonschema`."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.schema import SUPPORTED_KEYWORDS, load_schema, validate

NAMES = ["postmortem", "rule", "config"]


def walk(schema, path="#"):
    yield path, schema
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("enum", "const", "examples", "default"):
                continue
            if isinstance(value, dict):
                yield from walk(value, f"{path}/{key}")
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        yield from walk(item, f"{path}/{key}/{index}")


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_2020_12(name):
    jsonschema.Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize("name", NAMES)
def test_schema_uses_only_keywords_the_fast_validator_implements(name):
    for path, node in walk(load_schema(name)):
        if isinstance(node, dict) and not path.endswith(("/properties", "/$defs")):
            unsupported = set(node) - SUPPORTED_KEYWORDS
            assert not unsupported, f"{name} {path}: {unsupported}"


def test_every_postmortem_property_has_a_description():
    for path, node in walk(load_schema("postmortem")):
        if path.endswith("/properties"):
            for key, prop in node.items():
                assert prop.get("description"), f"{path}/{key} has no description"


def _jsonschema_errors(instance, schema):
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(instance))


scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(-5, 5, allow_nan=False),
                    st.sampled_from(["", "x", "SEV1", "P1", "P9", "2025-06-21", "2025-13-40", "alert", "luck",
                                     "code", "draft", "final", "open"]))
FIELDS = ["title", "date", "status", "severity", "summary", "impact", "detection", "timeline", "root_causes",
          "on_call", "action_items", "lessons", "related_incidents", "duration_minutes", "method", "at", "event",
          "kind", "layer", "owner", "priority", "type", "pages", "went_well", "summary", "whys", "users_affected"]
trees = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=3),
    st.dictionaries(st.sampled_from(FIELDS), children, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), trees, max_size=6))
def test_fast_validator_agrees_with_jsonschema(document):
    schema = load_schema("postmortem")
    assert bool(validate(document, schema)) == bool(_jsonschema_errors(document, schema))


@pytest.mark.parametrize("document,pointer,text", [
    ({"impact": {"duration_minutes": "two"}}, "/impact/duration_minutes", "must be a number"),
    ({"severity": 1}, "/severity", "must be text"),
    ({"detection": {"method": "luck"}}, "/detection/method", "expected one of: alert"),
    ({"action_items": [{"owner": "x"}]}, "/action_items/0", "missing the required field `title`"),
    ({"action_items": [{"title": "x", "priority": "high"}]}, "/action_items/0/priority", "not of the expected form"),
    ({"date": "2025-02-30"}, "/date", "expected a date as YYYY-MM-DD"),
])
def test_errors_are_worded_for_people(document, pointer, text):
    errors = validate(document, load_schema("postmortem"))
    assert errors[0].pointer == pointer
    assert text in errors[0].message

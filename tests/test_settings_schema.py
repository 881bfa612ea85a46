"""`pmlint schema config` declares every setting, and agrees with pmlint's own checks.

Settings are declared once in settings.py (default, help, kind) and each kind's shape
once in config.schema.json `$defs`; the schema an editor sees is generated from both.
These tests hold that schema to what pmlint accepts: every default passes it, and a
wrong value of every kind fails both it and `check_setting`.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from pmlint.schema import SUPPORTED_KEYWORDS, validate
from pmlint.settings import DEFAULT_SETTINGS, SETTINGS_HELP, SETTINGS_KIND, SettingError, check_setting
from pmlint.settings_schema import config_schema

#: values of the wrong shape for each kind (pmlint rejects them; so must the schema)
WRONG = {
    "count": [-1, "ten", 1.5, True, None],
    "number": [-0.5, "ten", False, [1]],
    "bytes": [0, -1, 1.5, "big", True, 10**12],
    "seconds": [0, -1, "ten", False, 61, 1000],
    "flag": ["yes", 1, None],
    "text": ["", 3, ["code"]],
    "words": ["one phrase", [1], [""], {"a": "b"}],
    "severities": ["SEV1", [2], []],
    "severity-subset": ["SEV1", [2]],
    "regex-list": [r"\bTBD\b", [3]],
    "clock": ["7", "25:00", "7:5", 700],
    "timezone": [2, ["UTC"]],
    "section-map": [["summary"], {"summary": "Overview"}],
    "section-list": ["summary", [3]],
    "word-map": [["code"], {"code": "deploy"}],
    "text-map": [["a"], {"phrase": 3}],
    "severity-map": [["SEV1"], {"critical": 1}],
    "minutes-map": [[30], {"SEV1": -5}, {"SEV1": "30"}],
}


@pytest.fixture(scope="module")
def schema():
    return config_schema()


def test_the_cli_prints_every_setting_with_its_help_and_default(run_cli):
    code, out, _ = run_cli("schema", "config")
    assert code == 0
    printed = json.loads(out)
    settings = printed["properties"]["settings"]
    assert set(settings["properties"]) == set(DEFAULT_SETTINGS)
    assert settings["additionalProperties"] is False
    for key, prop in settings["properties"].items():
        assert prop["$ref"] == f"#/$defs/{SETTINGS_KIND[key]}" and SETTINGS_KIND[key] in printed["$defs"]
        assert prop["description"] == SETTINGS_HELP[key] and prop["default"] == DEFAULT_SETTINGS[key]


def test_every_setting_is_declared_with_a_kind_and_help():
    assert set(SETTINGS_KIND) == set(DEFAULT_SETTINGS) == set(SETTINGS_HELP)
    assert set(SETTINGS_KIND.values()) <= set(WRONG), "a new kind needs wrong values here and a $defs entry"


def test_the_generated_schema_is_valid_and_uses_only_supported_keywords(schema):
    jsonschema.Draft202012Validator.check_schema(schema)

    def walk(node):
        if isinstance(node, dict):
            yield node
            for key, value in node.items():
                if key not in ("properties", "$defs", "default", "examples"):
                    yield from walk(value)
                elif key in ("properties", "$defs"):
                    for child in value.values():
                        yield from walk(child)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    for node in walk(schema):
        assert set(node) <= SUPPORTED_KEYWORDS, set(node) - SUPPORTED_KEYWORDS


def test_every_default_passes_the_schema(schema):
    config = {"settings": DEFAULT_SETTINGS}
    assert validate(config, schema) == []
    jsonschema.Draft202012Validator(schema).validate(config)


@pytest.mark.parametrize("key", sorted(DEFAULT_SETTINGS))
def test_wrong_values_fail_the_schema_and_pmlint_alike(schema, key):
    for value in WRONG[SETTINGS_KIND[key]]:
        with pytest.raises(SettingError):
            check_setting(key, value)
        assert validate({"settings": {key: value}}, schema), f"the schema accepts settings.{key}: {value!r}"


def test_an_unknown_setting_fails_the_schema(schema):
    errors = validate({"settings": {"nigth_start": "22:00"}}, schema)
    assert errors and "nigth_start" in errors[0].message

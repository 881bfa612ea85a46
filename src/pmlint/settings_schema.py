"""The configuration schema with one property per setting, generated from `settings.py`.

Each setting is declared once, in `settings.py` (default, help text, kind); the shape of
each kind is declared once, in `config.schema.json` `$defs`. `pmlint schema config`
prints the schema with `settings.properties` filled from them, so an editor completes
every setting, shows its help and default, and flags a wrong type as you type. pmlint
itself validates settings with `settings.check_setting`, which also checks what a schema
cannot (a regex compiles, a section key exists); tests/test_settings_schema.py holds the
two to agreement on every default and on wrong values of every kind.
"""

from __future__ import annotations

import copy
from typing import Any

from .schema import load_schema
from .settings import DEFAULT_SETTINGS, SETTINGS_HELP, SETTINGS_KIND


def setting_schema(key: str) -> dict[str, Any]:
    """One setting's property: its kind's shape, its help text, its default."""
    return {"$ref": f"#/$defs/{SETTINGS_KIND[key]}", "description": SETTINGS_HELP.get(key, ""),
            "default": copy.deepcopy(DEFAULT_SETTINGS[key])}


def config_schema() -> dict[str, Any]:
    """`config.schema.json` with `settings` listing every setting (unknown ones are errors,
    as they are for pmlint)."""
    schema = copy.deepcopy(load_schema("config"))
    settings = schema["properties"]["settings"]
    settings["additionalProperties"] = False
    settings["properties"] = {key: setting_schema(key) for key in DEFAULT_SETTINGS}
    return schema

"""The shapes of option values, shared by settings and rule options.

Each kind (`words`, `count`, `regex-list`, `minutes-map`, ...) is declared once, in
`config.schema.json` `$defs`; a check function declares an option of a kind with
`kind("words", "what the words mean")`, so a rule's option and a setting of the same
kind accept exactly the same values, and an error reads the same.
"""

from __future__ import annotations

import copy
from typing import Any


def of_kind(name: str, description: str = "") -> dict[str, Any]:
    """The JSON Schema of kind `name` (a copy of `config.schema.json` `$defs[name]`),
    with `description` saying what this option means."""
    from ..schema import load_schema

    schema = copy.deepcopy(load_schema("config")["$defs"][name])
    if description:
        schema["description"] = description
    return schema

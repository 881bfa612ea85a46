"""`pmlint schema config`: the configuration schema, for editors.

Settings are declared once, in `config.schema.json` itself (`settings.properties`: each
setting's kind, help and default; `$defs`: each kind's shape), so that part is printed as
it is. What the file cannot know is the rule pack: given the loaded rules, `rules` gets one
property per rule, listing its options with their JSON Schema (from the check function
that reads them) and the rule file's value as the default, so an editor completes
`rules: {PM310: {vague_verbs: [...]}}` and flags a wrong type as you type.
"""

from __future__ import annotations

import copy
from typing import Any, Iterable

from .schema import load_schema


def rule_properties(rules: Iterable[Any]) -> dict[str, Any]:
    """rule id → the schema of its entry under `rules`: severity and its options."""
    from .engine.rules import rule_options

    out: dict[str, Any] = {}
    for rule in rules:
        properties: dict[str, Any] = {
            "severity": {"description": "The rule's severity.", "enum": ["error", "warning", "info"]}}
        for option in rule_options(rule):
            if isinstance(option.value, dict) and set(option.value) == {"setting"}:
                continue  # read from a shared setting: set that one instead
            properties[option.name] = {**copy.deepcopy(option.schema), "default": copy.deepcopy(option.value)}
        out[rule.id] = {"description": f"{rule.name}: {rule.summary}", "type": "object",
                        "additionalProperties": False, "properties": properties}
    return out


def config_schema(rules: Iterable[Any] | None = None) -> dict[str, Any]:
    """`config.schema.json`, with `rules` listing each rule's options when `rules` are given
    (a rule may also be named by its name: those keys keep the generic shape)."""
    schema = copy.deepcopy(load_schema("config"))
    if rules is not None:
        schema["properties"]["rules"]["properties"] = rule_properties(rules)
    return schema

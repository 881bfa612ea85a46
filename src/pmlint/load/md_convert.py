"""A loaded Document → the YAML form of what pmlint understood (`pmlint convert`).

Keys follow the postmortem schema's order at every level, so the output is stable
and reads like a hand-written file; users debug the Markdown mapping with it, or
migrate to YAML.
"""

from __future__ import annotations

import io
from typing import Any

from ..model import Document


def _schema_order() -> dict[str, Any]:
    from ..schema import load_schema

    return load_schema("postmortem")


def ordered(value: Any, schema: dict[str, Any] | None) -> Any:
    """`value` with mapping keys in the order `schema` lists its properties (unknown keys last)."""
    schema = schema or {}
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        keys = [key for key in properties if key in value] + [key for key in value if key not in properties]
        return {key: ordered(value[key], properties.get(key)) for key in keys}
    if isinstance(value, list):
        return [ordered(item, schema.get("items") if isinstance(schema.get("items"), dict) else None)
                for item in value]
    return value


def to_yaml(document: Document) -> str:
    """YAML text for `document.data`, with a header naming the source."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # no folding: one value, one line (and no trailing spaces)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[attr-defined]
    buffer = io.StringIO()
    buffer.write(f"# Converted by pmlint from {document.path}: what pmlint understood, in the schema's fields.\n")
    data = ordered(document.data, _schema_order())
    if data:
        yaml.dump(data, buffer)
    else:
        buffer.write("{}\n")
    return buffer.getvalue()

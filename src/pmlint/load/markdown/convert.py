"""A loaded Document → the YAML form of what pmlint understood (`pmlint convert`).

Keys follow the postmortem schema's order at every level, so the output is stable
and reads like a hand-written file; users debug the Markdown mapping with it, or
migrate to YAML.
"""

from __future__ import annotations

import io
from typing import Any

from ...model import Document


def _schema_order() -> dict[str, Any]:
    from ...schema import load_schema

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


def _commented(value: Any) -> Any:
    """Plain data → ruamel's commented containers, so a field can carry an end-of-line comment."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _commented(item)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq()
        sequence.extend(_commented(item) for item in value)
        return sequence
    return value


def _mark(tree: Any, pointer: str, note: str) -> None:
    """Put `# note` at the end of the line of the field at `pointer`."""
    parts = pointer.strip("/").split("/")
    node = tree
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.get(part) if isinstance(node, dict) else None
        if node is None:
            return
    key = parts[-1]
    if isinstance(node, dict) and key in node:
        node.yaml_add_eol_comment(" ".join(note.split()), key)  # type: ignore[attr-defined]  # a CommentedMap


def to_yaml(document: Document, data: Any = None, notes: list[tuple[str, str]] | None = None) -> str:
    """YAML text for `document.data` (or `data`, the same tree with fields pmlint inferred
    filled in), with a header naming the source. `notes`: (JSON pointer, comment) pairs,
    written at the end of that field's line ("inferred from a 73-hour outage")."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # no folding: one value, one line (and no trailing spaces)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[attr-defined,assignment]
    buffer = io.StringIO()
    buffer.write(f"# Converted by pmlint from {document.path}: what pmlint understood, in the schema's fields.\n")
    data = ordered(document.data if data is None else data, _schema_order())
    if data:
        tree = _commented(data)
        for pointer, note in notes or ():
            _mark(tree, pointer, note)
        yaml.dump(tree, buffer)
    else:
        buffer.write("{}\n")
    return buffer.getvalue()

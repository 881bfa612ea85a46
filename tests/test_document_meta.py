"""`Document.meta` is a typed, frozen `DocumentMeta`: loaders set it once, readers cannot
write into it (the engine once wrote back into loader output), and mypy checks field names."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import EXAMPLES
from pmlint.load import load_path
from pmlint.model import NO_META, DocumentMeta


def test_markdown_meta_is_frozen_and_filled_by_the_loader():
    document = load_path(str(EXAMPLES / "exemplary.md"))
    meta = document.meta
    assert isinstance(meta, DocumentMeta) and meta is not NO_META
    assert document.lines[meta.title_line - 1].startswith("# ") and "action_items" in meta.sections and meta.evidence is not None
    assert meta.action_item_source in ("table", "list", "prose")
    with pytest.raises(dataclasses.FrozenInstanceError):
        meta.sections = {}  # type: ignore[misc]


def test_yaml_meta_has_only_what_yaml_knows():
    meta = load_path(str(EXAMPLES / "exemplary.yaml")).meta
    assert meta.evidence is not None
    assert (meta.title_line, meta.code_lines, dict(meta.sections), meta.action_item_source) == (None, (), {}, None)

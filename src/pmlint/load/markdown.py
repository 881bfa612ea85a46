"""Markdown postmortems → Document. (Placeholder until the Markdown loader lands.)"""

from __future__ import annotations

from ..model import Document
from .suppressions import find_suppressions


def load_markdown(path: str, text: str, settings: dict) -> Document:
    lines = text.splitlines()
    document = Document(path=path, format="markdown", lines=lines, data={})
    document.suppressions, document.problems = find_suppressions(lines)
    return document

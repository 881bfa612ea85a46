"""Prose helpers for language checks: find phrases outside quotes and code.

Quoted text ("he said ...") and code spans (`failed to start`) report what someone
or something said, not the author's judgement, so language rules skip them. We
blank them out (keeping offsets) instead of deleting them, so a match's offset in
the masked text is its offset in the original.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

_MASKED = re.compile(r"`[^`\n]*`|\"[^\"\n]*\"|“[^”\n]*”|(?<![\w])'[^'\n]{2,}'(?![\w])")


def mask_quotes_and_code(text: str) -> str:
    return _MASKED.sub(lambda match: " " * len(match.group()), text)


@lru_cache(maxsize=512)
def phrase_regex(phrases: tuple[str, ...], patterns: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    """One case-insensitive regex for whole-word phrases (spaces match any whitespace) and raw patterns."""
    parts = [r"\b" + r"\s+".join(re.escape(word) for word in phrase.split()) + r"\b" for phrase in phrases if phrase.strip()]
    parts.extend(f"(?:{pattern})" for pattern in patterns)
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def find_phrases(text: str, regex: re.Pattern[str] | None) -> Iterator[re.Match[str]]:
    """Matches of `regex` in `text`, outside quotes and code spans."""
    if regex is None or not text:
        return iter(())
    return regex.finditer(mask_quotes_and_code(text))


def iter_strings(value: object, pointer: str = "") -> Iterable[tuple[str, str]]:
    """(pointer, text) for every string at or below `value`."""
    from ..model import join_pointer

    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, join_pointer(pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, join_pointer(pointer, index))


def word_count(text: str) -> int:
    return len(text.split())

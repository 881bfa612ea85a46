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


@lru_cache(maxsize=8192)
def mask_quotes_and_code(text: str) -> str:
    """Cached: every language rule masks the same strings of the same document."""
    if "`" not in text and '"' not in text and "“" not in text and "'" not in text:
        return text
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
    """(pointer, text) for every string at or below `value`, in document order.

    Iterative, with an explicit stack: several rules walk every string of every
    document, and nested generators cost a frame switch per level per string.
    """
    from ..model import escape_pointer_token

    found: list[tuple[str, str]] = []
    stack: list[tuple[str, object]] = [(pointer, value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            found.append((where, node))
        elif isinstance(node, dict):
            stack.extend((f"{where}/{escape_pointer_token(key)}", item) for key, item in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{where}/{index}", node[index]) for index in range(len(node) - 1, -1, -1))
    return found


def word_count(text: str) -> int:
    return len(text.split())

"""The selector language: a small JSONPath subset compiled once per rule.

    $            the document
    .key         a field            ['key with spaces']  the same, quoted
    [n]          the n-th item (negative counts from the end)
    [*] or .*    every item of a list / every value of a mapping
    ..key        `key` at any depth below

A selector that matches nothing yields nothing: presence is a check's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..model import join_pointer

_TOKEN = re.compile(
    r"""\.\.(?P<deep>[A-Za-z_][\w-]*|\*)
      | \.(?P<key>[A-Za-z_][\w-]*)
      | \.(?P<dotstar>\*)
      | \[\s*(?P<index>-?\d+)\s*\]
      | \[\s*(?P<star>\*)\s*\]
      | \[\s*(?P<quote>['"])(?P<qkey>.*?)(?P=quote)\s*\]""",
    re.VERBOSE,
)


class SelectorError(ValueError):
    """A selector that does not parse; raised at rule-load time."""


@dataclass(frozen=True, slots=True)
class Selector:
    text: str
    steps: tuple[tuple[str, Any], ...]

    def select(self, data: Any, base: str = "") -> Iterator[tuple[str, Any]]:
        """Yield (JSON pointer, value) for every match, in document order."""
        current: list[tuple[str, Any]] = [(base, data)]
        for kind, arg in self.steps:
            following: list[tuple[str, Any]] = []
            for pointer, value in current:
                following.extend(_step(kind, arg, pointer, value))
            current = following
            if not current:
                return
        yield from current


def _step(kind: str, arg: Any, pointer: str, value: Any) -> Iterator[tuple[str, Any]]:
    if kind == "key":
        if isinstance(value, dict) and arg in value:
            yield join_pointer(pointer, arg), value[arg]
    elif kind == "index":
        if isinstance(value, list) and -len(value) <= arg < len(value):
            index = arg % len(value)
            yield join_pointer(pointer, index), value[index]
    elif kind == "star":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield join_pointer(pointer, index), item
        elif isinstance(value, dict):
            for key, item in value.items():
                yield join_pointer(pointer, key), item
    elif kind == "deep":
        yield from _descend(arg, pointer, value, 0)


def _descend(name: str, pointer: str, value: Any, depth: int) -> Iterator[tuple[str, Any]]:
    if depth > 256:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            child = join_pointer(pointer, key)
            if name == "*" or key == name:
                yield child, item
            yield from _descend(name, child, item, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            child = join_pointer(pointer, index)
            if name == "*":
                yield child, item
            yield from _descend(name, child, item, depth + 1)


_cache: dict[str, Selector] = {}


def compile_selector(text: str) -> Selector:
    """Parse a selector (cached); raise SelectorError naming the bad part."""
    cached = _cache.get(text)
    if cached is not None:
        return cached
    source = text.strip()
    if not source.startswith("$"):
        raise SelectorError(f"selector {text!r} must start with '$'")
    steps: list[tuple[str, Any]] = []
    position = 1
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise SelectorError(f"selector {text!r}: cannot read {source[position:]!r} (at character {position + 1})")
        if match["deep"] is not None:
            steps.append(("deep", match["deep"]))
        elif match["key"] is not None:
            steps.append(("key", match["key"]))
        elif match["qkey"] is not None:
            steps.append(("key", match["qkey"]))
        elif match["index"] is not None:
            steps.append(("index", int(match["index"])))
        else:
            steps.append(("star", None))
        position = match.end()
    selector = Selector(text, tuple(steps))
    _cache[text] = selector
    return selector

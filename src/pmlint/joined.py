"""Many short texts searched as one.

A document's strings are joined by a separator no pattern reads across, so one regex
pass covers them all: a 5 MB document holds hundreds of thousands of short strings, and
one call per string costs far more than one scan. `Joined.locate` leads from an offset
in the joined text back to the string it falls in. `batches` bounds the memory when the
whole document need not be held joined at once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator


class Joined:
    """`texts` joined by `separator`, with the start offset of each text in the result."""

    __slots__ = ("text", "starts")

    def __init__(self, texts: Iterable[str], separator: str) -> None:
        parts = list(texts)
        starts: list[int] = []
        offset = 0
        for part in parts:
            starts.append(offset)
            offset += len(part) + len(separator)
        self.text = separator.join(parts)
        self.starts = starts

    def locate(self, offset: int) -> tuple[int, int]:
        """(index of the text that holds `offset`, the offset within that text)."""
        index = bisect_right(self.starts, offset) - 1
        return index, offset - self.starts[index]


def batches(pairs: Iterable[tuple[str, str]], separator: str,
            size: int) -> Iterator[tuple[list[tuple[str, str]], Joined]]:
    """(pairs, their texts joined) for runs of (pointer, text) pairs of about `size`
    characters each: a whole document scanned in a few passes, never held joined twice."""
    batch: list[tuple[str, str]] = []
    length = 0
    for pair in pairs:
        batch.append(pair)
        length += len(pair[1]) + len(separator)
        if length >= size:
            yield batch, Joined((text for _, text in batch), separator)
            batch, length = [], 0
    if batch:
        yield batch, Joined((text for _, text in batch), separator)

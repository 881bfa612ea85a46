"""Just enough of rich's `Text` and `Console` for uncoloured text output.

Without colour (CI logs, `--output FILE`, pipes) rich only costs time: ~0.25 ms per
finding, seconds on a large repository. The text reporter builds its lines through
the same three calls either way (`Text(...)`, `.append(...)`, `+`, `console.print`),
so the layout is written once and these stand-ins print it as plain strings.
"""

from __future__ import annotations

from typing import TextIO


class PlainText:
    """A line of text; styles are accepted and dropped."""

    __slots__ = ("parts",)

    def __init__(self, text: str = "", style: str | None = None) -> None:
        self.parts = [text]

    def append(self, text: str, style: str | None = None) -> "PlainText":
        self.parts.append(text)
        return self

    def __add__(self, other: "PlainText") -> "PlainText":
        joined = PlainText()
        joined.parts = self.parts + other.parts
        return joined

    def __str__(self) -> str:
        return "".join(self.parts)


class PlainConsole:
    """Writes each printed line as is, like rich's Console with soft wrapping and no colour."""

    def __init__(self, file: TextIO) -> None:
        self.file = file

    def print(self, text: PlainText | str = "") -> None:
        self.file.write(f"{text}\n")

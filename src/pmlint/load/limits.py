"""Guards shared by every loader: size, encoding, nesting depth, alias expansion.

Postmortems arrive from pull requests, so anything may be in them. These checks
run before (or while) a parser sees the text, so hostile input becomes a Problem
with a position instead of a hang, a crash or a RecursionError.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Problem, Span

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Deeper than any real postmortem; far below what C or Python recursion survives.
MAX_DEPTH = 200
#: Nodes the data tree may hold after alias and merge expansion.
MAX_NODES = 50_000


class LimitExceeded(Exception):
    """Raised inside a loader when a document is too big or too deep to build."""

    def __init__(self, code: str, message: str, span: Span) -> None:
        super().__init__(message)
        self.problem = Problem(code, message, span)


@dataclass(slots=True)
class Decoded:
    text: str | None
    problem: Problem | None = None


def decode(raw: bytes) -> Decoded:
    """Bytes → text. UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are accepted.

    Invalid UTF-8 is reported with its byte offset and line; NUL bytes mean the
    file is binary (or an unmarked UTF-16 file), which no postmortem is.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decode_wide(raw, "utf-32")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_wide(raw, "utf-16")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Decoded(
            None,
            Problem(
                "encoding",
                f"File is not valid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} "
                f"(line {line}, column {column})",
                Span.point(line, column),
            ),
        )
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return Decoded(
            None,
            Problem("encoding", "File contains NUL bytes: it is binary, not a postmortem", Span.point(line, column)),
        )
    return Decoded(text)


def _decode_wide(raw: bytes, codec: str) -> Decoded:
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as error:
        return Decoded(
            None,
            Problem("encoding", f"File has a {codec.upper()} byte-order mark but is not valid {codec.upper()}: "
                    f"{error.reason} at offset {error.start}", Span.point(1, 1)),
        )
    return Decoded(text.lstrip("\ufeff"))


def too_large(size: int, limit: int) -> Problem:
    return Problem(
        "too-large",
        f"File is {size:,} bytes, over the {limit:,}-byte limit (settings.max_file_bytes); not read",
        Span.point(1, 1),
    )


def flow_and_block_depth(text: str) -> tuple[int, int]:
    """(deepest nesting, its line) estimated without parsing.

    Counts flow brackets outside quotes and block indentation levels. It may
    overestimate on odd text, but it never misses a deep structure, which is what
    keeps the C parser (whose recursion Python cannot catch) safe.
    """
    depth = deepest = 0
    deepest_line = line = 1
    indents: list[int] = [-1]
    quote = ""
    for raw_line in text.split("\n"):
        stripped = raw_line.lstrip(" -")
        if stripped and not stripped.startswith("#") and not quote:
            indent = len(raw_line) - len(stripped)
            while indent <= indents[-1]:
                indents.pop()
            indents.append(indent)
        level = len(indents) - 1
        if not depth and not quote and "[" not in raw_line and "{" not in raw_line:
            if level > deepest:
                deepest, deepest_line = level, line
            line += 1
            continue
        for char in raw_line:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char in "\"'" and depth:
                quote = char
            elif char == "#":
                break
            total = depth + level
            if total > deepest:
                deepest, deepest_line = total, line
        if level > deepest:
            deepest, deepest_line = level, line
        quote = "" if not depth else quote
        line += 1
    return deepest, deepest_line

"""Guards shared by every loader: size, encoding, nesting depth, alias expansion.

Postmortems arrive from pull requests, so anything may be in them. These checks
run before (or while) a parser sees the text, so hostile input becomes a Problem
with a position instead of a hang, a crash or a RecursionError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Problem, Span

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: the most `settings.max_file_bytes` may be: a pull request's config cannot make pmlint
#: read (and hold in memory) gigabytes
MAX_FILE_BYTES_CEILING = 50 * 1024 * 1024
#: Deeper than any real postmortem. The YAML builder is iterative, so this is a
#: sanity limit on the data tree (rules walk it recursively), not a stack guard.
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

    Invalid UTF-8 is reported with its byte offset and line. UTF-16 without a BOM
    (what some Windows editors save) is recognised by its NUL pattern and decoded;
    any other NUL byte means the file is binary, which no postmortem is.
    """
    skipped = 0
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, skipped = raw[3:], 3
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decode_wide(raw, "utf-32")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_wide(raw, "utf-16")
    if b"\x00" in raw:
        wide = _unmarked_utf16(raw)
        if wide is not None:
            return Decoded(wide)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Decoded(
            None,
            Problem(
                "encoding",
                f"File is not valid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start + skipped} "
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


def _unmarked_utf16(raw: bytes) -> str | None:
    """The text of a BOM-less UTF-16 file, or None when `raw` does not look like one.

    Text in UTF-16 has a NUL in the high byte of nearly every ASCII character, so
    NULs sit almost only at odd offsets (little-endian) or even ones (big-endian).
    Decoding must then succeed and give text without NULs or stray control characters.
    """
    if len(raw) < 2 or len(raw) % 2:
        return None
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= half * 0.3 and even <= odd // 20:
        codec = "utf-16-le"
    elif even >= half * 0.3 and odd <= even // 20:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or _CONTROL.search(text):
        return None
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


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

"""Read a file pmlint was pointed at, and nothing else: bounded, regular files only.

Config files, rule files, baselines and postmortems may all come from a pull request,
and any of them may be a symlink to `/dev/zero`, a FIFO, or a 10 GB file. Each is
opened without blocking (O_NONBLOCK: opening a FIFO with no writer would otherwise
hang), checked with fstat on the open descriptor (not a separate stat a swap could
race), and read for at most `limit + 1` bytes, so "too large" is known without
reading the rest.
"""

from __future__ import annotations

import os
import stat

#: config, rule and baseline files: far larger than any real one
DEFAULT_LIMIT = 10 * 1024 * 1024
#: a baseline holds one entry (~300 bytes) per finding: room for 300,000 of them
BASELINE_LIMIT = 100 * 1024 * 1024


class NotRegularFile(OSError):
    """The path names a FIFO, device, socket or folder, which pmlint never reads."""


class TooLarge(OSError):
    """The file holds more than the limit; `size` is what fstat said (or limit + 1)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size:,} bytes, over the {limit:,}-byte limit")
        self.size = size
        self.limit = limit


def read_limited(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of regular file `path`, at most `limit` of them; NotRegularFile, TooLarge,
    or the OSError of opening it otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{os.fspath(path)} is not a regular file (a FIFO, socket, device or folder)")
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while we read it
        raise TooLarge(len(data), limit)
    return data


def read_text_limited(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT) -> str:
    """`read_limited` decoded as UTF-8 (a BOM is dropped); UnicodeDecodeError when it is not."""
    return read_limited(path, limit).decode("utf-8-sig")

"""pmlint's cache folder: where the rule pack (`engine/pack.py`) and compiled regexes
(`regex_cache.py`) are kept between runs, and how a cache file is read and written.

Where: `$PMLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/pmlint`, else `~/.cache/pmlint`.
`PMLINT_NO_CACHE=1` turns every cache off. A cache file is read only when it belongs to
the current user, and written atomically as a new file of our own (never through a link
someone left at its name); a cache that cannot be written costs nothing but the work it
would have saved. Imports nothing of pmlint: loaders, inference and the engine all use it.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder for cache files, or None when caching is off."""
    if os.environ.get("PMLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("PMLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pmlint"


def read_own(path: Path, limit: int) -> bytes | None:
    """The bytes of `path`, or None when it is absent, unreadable, larger than `limit`
    or written by another user (not ours to believe)."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return None
            if info.st_size > limit:
                return None
            return handle.read(limit + 1)
    except OSError:
        return None


def write_own(folder: Path, name: str, data: bytes) -> bool:
    """Store `data` as `folder/name`, atomically; False when it cannot be written."""
    temporary = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # a new file of our own: never follow a link someone left at that name
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, folder / name)
        return True
    except OSError:  # read-only or full disk, a race with another run: the next run tries again
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False

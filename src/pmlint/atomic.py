"""Write reports: atomically to files, in place to devices and pipes.

A regular file (or a new path) is replaced atomically: a reader sees the old file or
the new one, never half of one. What is not a regular file is never replaced: a
character device (`-o /dev/stdout`, `/dev/null`) or a FIFO, or a symlink to one, is
written in place; anything else (a directory, a socket, a block device) is refused
with a one-line error. Replacing `/dev/null` by a file as root breaks the machine.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

from .errors import PmlintError


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path`: through a temporary file in the same folder and a rename,
    or in place for a device or pipe (see `report_writer`)."""
    with report_writer(path) as handle:
        handle.write(text)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask
    (mkstemp's 0600 would hide a report from the CI user that uploads it)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temporary_file(directory: Path, name: str) -> tuple[int, str]:
    """A new file of our own next to the target, as `tempfile.mkstemp` makes one (a random
    name, created exclusively, never through a link, mode 0600), without importing
    `tempfile` (and with it shutil, random, bz2 and lzma: ~3 ms of every `--output` run)."""
    for _ in range(100):
        temporary = str(directory / f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name")


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[TextIO]:
    """A text stream whose content replaces `path` atomically when the block ends.

    For reports too big to build in memory first; on any error nothing is replaced.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        descriptor, temporary = _temporary_file(directory, target.name)
    except OSError as error:
        raise PmlintError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        # no fsync: the rename alone makes the replacement atomic for every reader, and a
        # report is rewritten by the next run; syncing it to disk cost 6-10 ms per run
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            yield handle
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise PmlintError(f"cannot write {path}: {error.strerror or error}") from None
        raise


@contextmanager
def report_writer(path: str | Path) -> Iterator[TextIO]:
    """Where a report goes: `atomic_writer` for a regular file or a new path (a symlink to
    a regular file replaces the file it points to, not the link); in place for a character
    device or a FIFO; a PmlintError for anything else."""
    try:
        info = os.stat(path)  # follows symlinks: what the path finally names
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise PmlintError(f"cannot write {path}: {error.strerror or error}") from None
    if info is None or stat.S_ISREG(info.st_mode):
        target = os.path.realpath(path) if os.path.islink(path) else path
        with atomic_writer(target) as handle:
            yield handle
        return
    if not (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file, device or pipe"
        raise PmlintError(f"cannot write a report to {path}: it is {kind}")
    try:  # O_NONBLOCK: a FIFO nobody reads fails now (ENXIO) instead of hanging the run
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise PmlintError(f"cannot write a report to {path}: it is a pipe that nobody reads") from None
        raise PmlintError(f"cannot write {path}: {error.strerror or error}") from None
    os.set_blocking(descriptor, True)  # opened: now wait for a slow reader like any writer
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            yield handle
    except OSError as error:
        raise PmlintError(f"cannot write {path}: {error.strerror or error}") from None

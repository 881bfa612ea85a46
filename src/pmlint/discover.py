"""Paths on the command line → the files to lint.

Files named explicitly are always linted (pre-commit passes exactly the files it
wants checked). Directories are walked with the config's include/exclude globs,
without following symlinked folders (no loops) and skipping anything that is not a
regular file (a FIFO would block a read forever).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .config import glob_match
from .errors import PmlintError


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str      #: where to read it
    display: str   #: how to show it: relative to the working directory when inside it


def display_path(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: list[str], include: list[str], exclude: list[str], base: Path | None = None) -> list[SourceFile]:
    """Every file to lint, sorted and de-duplicated. A missing path is a PmlintError."""
    base = (base or Path.cwd()).resolve()
    found: dict[str, SourceFile] = {}
    for raw in paths:
        path = Path(raw)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise PmlintError(f"path does not exist: {raw}") from None
        except OSError as error:
            raise PmlintError(f"cannot access {raw}: {error.strerror}") from None
        if stat.S_ISDIR(mode):
            for file in _walk(path, include, exclude):
                found.setdefault(str(file.resolve()), SourceFile(str(file), display_path(file, base)))
        else:
            found.setdefault(str(path.resolve()), SourceFile(str(path), display_path(path, base)))
    return sorted(found.values(), key=lambda source: source.display)


def _walk(top: Path, include: list[str], exclude: list[str]) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(top, followlinks=False):
        root_path = Path(root)
        relative_root = root_path.relative_to(top).as_posix()
        prefix = "" if relative_root == "." else relative_root + "/"
        dirs[:] = sorted(d for d in dirs if not _excluded(prefix + d, exclude)
                         and not (root_path / d).is_symlink())
        for name in sorted(names):
            relative = prefix + name
            if _excluded(relative, exclude) or not any(glob_match(relative, pattern) for pattern in include):
                continue
            full = root_path / name
            try:
                if not stat.S_ISREG(os.stat(full).st_mode):
                    continue
            except OSError:
                continue  # dangling symlink or vanished file
            files.append(full)
    return files


def _excluded(relative: str, exclude: list[str]) -> bool:
    return any(glob_match(relative, pattern) for pattern in exclude)

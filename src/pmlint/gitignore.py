"""Which paths of a git work tree git ignores: `.gitignore` files and `.git/info/exclude`.

Directory walks skip what git ignores, as ruff, markdownlint-cli2 and most linters do: a
build output or a vendored folder full of Markdown is not a postmortem. The gitignore
pattern language (anchoring, `**`, negation, directory-only patterns) is subtle, so the
matching is pathspec's `GitIgnoreSpec`, which follows git's own edge cases, not ours.

Precedence is git's: `.git/info/exclude` first, then the `.gitignore` files from the top
of the work tree down to the path's folder; the last pattern that matches decides, so a
deeper file can re-include (`!keep.md`) what a higher one ignored. A folder git ignores
is never entered, and (as in git) nothing inside it can be re-included. The user's global
excludes file (`core.excludesFile`) is not read: it is one person's setting, and the same
repository must lint the same on every machine and in CI.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

#: a .gitignore larger than this is not read (it would be a hostile file, not a real one)
MAX_IGNORE_BYTES = 1_000_000


def work_tree_of(folder: Path) -> Path | None:
    """The top of the git work tree that holds `folder` (the nearest folder with a `.git`
    entry, a folder or a worktree's file), or None. No git process: a walk needs it fast."""
    for candidate in [folder, *folder.parents]:
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


class GitIgnore:
    """The ignore rules of one work tree; each folder's `.gitignore` is read once, when
    the walk first needs it."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._specs: dict[str, Any] = {}
        self._exclude = _spec_of(top / ".git" / "info" / "exclude")

    def _spec(self, folder: str) -> Any:
        if folder not in self._specs:
            self._specs[folder] = _spec_of(self.top / folder / ".gitignore" if folder else self.top / ".gitignore")
        return self._specs[folder]

    def ignored(self, relative: str, is_dir: bool) -> bool:
        """Is `relative` (a posix path from the top of the work tree) ignored?"""
        parts = relative.split("/")
        checks: list[tuple[Any, str]] = [(self._exclude, relative)]
        for depth in range(len(parts)):
            folder = "/".join(parts[:depth])
            checks.append((self._spec(folder), "/".join(parts[depth:])))
        verdict = False
        for spec, path in checks:
            if spec is None:
                continue
            included = spec.check_file(path + "/" if is_dir else path).include
            if included is not None:
                verdict = included
        return verdict


def _spec_of(path: Path) -> Any:
    try:
        if not path.is_file() or path.stat().st_size > MAX_IGNORE_BYTES:
            return None
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    from pathspec import GitIgnoreSpec

    lines = text.splitlines()
    return GitIgnoreSpec.from_lines(lines) if any(line.strip() for line in lines) else None


@lru_cache(maxsize=16)
def gitignore_for(top: Path) -> GitIgnore:
    return GitIgnore(top)

"""Which paths of a git work tree git ignores: `.gitignore` files and `.git/info/exclude`.

Directory walks skip what git ignores, as ruff, markdownlint-cli2 and most linters do: a
build output or a vendored folder full of Markdown is not a postmortem.

Why not a library: a pull request controls `.gitignore`, and the usual translations of
gitignore wildcards into backtracking regexes are exponential in the number of `*`s. One
`*a*a*a*a*b` line against a 200-character file name takes 7 s in pathspec's
`GitIgnoreSpec`, and twelve `*`s hang `git status` itself. So patterns are matched here,
path segment by path segment: a segment goes through `fnmatch`, whose compiled regex uses
atomic groups (linear time; Python >= 3.11), and `**` is matched over the list of
segments with a memo (segments x pattern parts). The grammar is git's (gitignore(5)):
comments, `\\` escapes, trailing spaces, `!` negation, a trailing `/` for folders only, a
`/` at the start or in the middle anchoring the pattern to its file's folder, `**/`,
`/**/` and a trailing `/**`. `tests/test_gitignore.py` checks the answers against
`git check-ignore` on the same tree.

Precedence is git's: `.git/info/exclude` first, then the `.gitignore` files from the top
of the work tree down to the path's folder; the last pattern that matches decides, so a
deeper file can re-include (`!keep.md`) what a higher one ignored. The walk never enters
an ignored folder, so (as in git) nothing inside one can be re-included. The user's global
excludes file (`core.excludesFile`) is not read: it is one person's setting, and the same
repository must lint the same on every machine and in CI.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from fnmatch import translate
from functools import lru_cache
from pathlib import Path

#: a .gitignore larger than this is not read (a hostile file, not a real one)
MAX_IGNORE_BYTES = 1_000_000
#: at most this many patterns per file are used (real ones have tens; a hostile one must not
#: make every entry of a walk cost thousands of matches)
MAX_PATTERNS = 1_000


@dataclass(frozen=True, slots=True)
class Pattern:
    parts: tuple[str, ...]  #: anchored: the pattern's `/`-separated parts; else one part
    anchored: bool          #: matched against the whole path from the file's folder
    negated: bool           #: `!pattern`: re-include
    folders_only: bool      #: `pattern/`: only folders

    def matches(self, relative: str, is_dir: bool) -> bool:
        """Does this pattern match `relative` (from the ignore file's folder) itself?"""
        if self.folders_only and not is_dir:
            return False
        segments = relative.split("/")
        if not self.anchored:
            return _segment(self.parts[0])(segments[-1]) is not None
        return _match_parts(self.parts, tuple(segments))


def parse(text: str) -> list[Pattern]:
    """The patterns of one ignore file, in order (gitignore(5))."""
    patterns: list[Pattern] = []
    for line in text.splitlines()[:MAX_PATTERNS]:
        line = _strip_trailing_spaces(line)
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        elif line.startswith(("\\!", "\\#")):
            line = line[1:]
        folders_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        parts = tuple(part for part in line.lstrip("/").split("/") if part) if anchored else (line,)
        if parts:
            patterns.append(Pattern(parts, anchored, negated, folders_only))
    return patterns


def _strip_trailing_spaces(line: str) -> str:
    """Trailing spaces go, unless escaped with a backslash (`a\\ ` keeps one)."""
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        return stripped + " "  # the escape stays; _translate turns `\\ ` into a space
    return stripped


@lru_cache(maxsize=4096)
def _segment(glob: str):
    """`glob` (one path segment) → its compiled full-match function."""
    return re.compile(_translate(glob), re.DOTALL).match


def _translate(glob: str) -> str:
    """fnmatch's translation (atomic groups: linear time) with git's backslash escapes:
    each escaped character becomes a one-character set, which fnmatch reads literally."""
    escaped = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if char == "\\" and index + 1 < len(glob):
            following = glob[index + 1]
            escaped.append("[\\\\]" if following == "\\" else "!" if following == "!" else f"[{following}]")
            index += 2
            continue
        escaped.append(char)
        index += 1
    return translate("".join(escaped))


def _match_parts(parts: tuple[str, ...], segments: tuple[str, ...]) -> bool:
    """Anchored match, segment by segment: `**` spans zero or more segments (one or more
    when it ends the pattern: `dir/**` is what is inside `dir`, not `dir` itself)."""
    memo: dict[tuple[int, int], bool] = {}

    def walk(part: int, segment: int) -> bool:
        key = (part, segment)
        if key in memo:
            return memo[key]
        if part == len(parts):
            result = segment == len(segments)
        elif parts[part] == "**":
            if part == len(parts) - 1:
                result = segment < len(segments)
            else:
                result = any(walk(part + 1, at) for at in range(segment, len(segments) + 1))
        else:
            result = (segment < len(segments) and _segment(parts[part])(segments[segment]) is not None
                      and walk(part + 1, segment + 1))
        memo[key] = result
        return result

    return walk(0, 0)


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
        self._files: dict[str, list[Pattern]] = {}
        self._exclude = _read(top / ".git" / "info" / "exclude")

    def _patterns(self, folder: str) -> list[Pattern]:
        if folder not in self._files:
            self._files[folder] = _read(self.top / folder / ".gitignore")
        return self._files[folder]

    def ignored(self, relative: str, is_dir: bool) -> bool:
        """Is `relative` (a posix path from the top of the work tree) itself ignored?
        (Its folders are the walk's business: it never enters an ignored one.)"""
        parts = relative.split("/")
        checks: list[tuple[list[Pattern], str]] = [(self._exclude, relative)]
        for depth in range(len(parts)):
            checks.append((self._patterns("/".join(parts[:depth])), "/".join(parts[depth:])))
        verdict = False
        for patterns, path in checks:
            for pattern in patterns:
                if pattern.matches(path, is_dir):
                    verdict = not pattern.negated
        return verdict


def _read(path: Path) -> list[Pattern]:
    try:
        if not path.is_file() or path.stat().st_size > MAX_IGNORE_BYTES:
            return []
        return parse(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


@lru_cache(maxsize=16)
def gitignore_for(top: Path) -> GitIgnore:
    return GitIgnore(top)

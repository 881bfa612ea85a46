"""Paths on the command line → the files to lint.

Files named explicitly are always linted (pre-commit passes exactly the files it
wants checked). Directories are walked with the config's include/exclude globs,
without following symlinked folders (no loops) and skipping anything that is not a
regular file (a FIFO would block a read forever). pmlint's own files (`skip`: the
config file and the `rules-dirs` folders) are never picked up by a walk. Inside a git
work tree a walk skips what git ignores (`gitignore.py`), unless `respect_gitignore` is
off; a file or folder named explicitly is linted even when git ignores it (as ruff does:
naming it is asking for it), a folder then walked whole.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .config import GlobSet
from .errors import PmlintError


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str      #: where to read it
    display: str   #: how to show it: relative to the working directory when inside it
    #: the bytes already read, for standard input (None: read `path`)
    content: bytes | None = None
    #: why it must not be read (a symlink whose target leaves the linted folder): the
    #: file is reported (PM001) and never opened, so its content cannot reach a report
    refused: str | None = None


#: the name of standard input when `--stdin-filename` gives none
STDIN_NAME = "-"


def stdin_source(name: str | None, limit: int, stream=None) -> SourceFile:
    """Standard input as one postmortem named `name` (its format, how findings show it,
    which per-path configuration applies); read up to `limit` + 1 bytes, never more, so
    an endless pipe cannot exhaust memory: past the limit it is reported (PM002) like a
    file that is too large."""
    import sys

    if stream is None:
        if sys.stdin is None:  # started with standard input closed (some CI runners)
            raise PmlintError("`-` reads standard input, but it is closed")
        stream = sys.stdin.buffer
    try:
        raw = stream.read(limit + 1) or b""
    except OSError as error:
        raise PmlintError(f"cannot read standard input: {error.strerror or error}") from None
    display = display_path(Path(name), Path.cwd().resolve()) if name else STDIN_NAME
    return SourceFile(name or STDIN_NAME, display, raw)


def display_path(path: Path, base: Path) -> str:
    try:
        shown = path.resolve().relative_to(base).as_posix()
    except ValueError:
        shown = path.as_posix()
    return printable_path(shown)


def printable_path(path: str) -> str:
    """A file name that is not valid UTF-8 decodes to lone surrogates, which no report can
    encode; show its odd bytes as `\\xff` instead (the real path is kept for reading)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def discover(paths: list[str], include: list[str], exclude: list[str], base: Path | None = None,
             skip: tuple[str, ...] | frozenset[str] = (), respect_gitignore: bool = True) -> list[SourceFile]:
    """Every file to lint, sorted and de-duplicated. A missing path is a PmlintError.

    `skip`: resolved absolute paths of files and folders a walk never yields (pmlint's
    own config and rule files); a file named explicitly is linted all the same."""
    base = (base or Path.cwd()).resolve()
    skip = frozenset(skip)
    included, excluded = GlobSet(include), GlobSet(exclude)
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
            # resolve the folder once, not each of its (maybe ten thousand) files
            real = str(path.resolve())
            shown = display_path(path, base)
            shown = "" if shown == "." else shown.rstrip("/") + "/"
            ignored = _gitignore_below(Path(real)) if respect_gitignore else None
            for relative, refused in _walk(str(path), included, excluded, _skipped_below(real, skip), ignored, real):
                found.setdefault(f"{real}/{relative}", SourceFile(os.path.join(raw, relative),
                                                                 printable_path(shown + relative), refused=refused))
        else:
            found.setdefault(str(path.resolve()), SourceFile(str(path), display_path(path, base),
                                                             refused=_escapes(path, base)))
    return sorted(found.values(), key=lambda source: source.display)


def _gitignore_below(folder: Path):
    """`ignored(relative, is_dir)` for paths relative to `folder`, or None outside a work tree."""
    from .gitignore import gitignore_for, work_tree_of

    top = work_tree_of(folder)
    if top is None:
        return None
    rules = gitignore_for(top)
    prefix = folder.relative_to(top).as_posix()
    if prefix == ".":
        prefix = ""
    parts = prefix.split("/") if prefix else []
    if any(rules.ignored("/".join(parts[:depth]), True) for depth in range(1, len(parts) + 1)):
        return None  # a folder git ignores, named on purpose (a generated corpus): walk it all
    prefix = prefix + "/" if prefix else ""
    return lambda relative, is_dir: rules.ignored(prefix + relative, is_dir)


def _skipped_below(real: str, skip: frozenset[str]) -> frozenset[str]:
    """The `skip` paths inside folder `real`, relative to it (posix); `.` when `real` is
    itself one of them or lies inside one (a walk of a rules folder yields nothing)."""
    below: set[str] = set()
    for path in skip:
        if path == real or real.startswith(path.rstrip("/") + "/"):
            return frozenset({"."})
        try:
            relative = Path(path).relative_to(real).as_posix()
        except ValueError:
            continue
        below.add(relative)
    return frozenset(below)


OUTSIDE = ("Symlink to a file outside the folder being linted; not read (a pull request must not make "
           "pmlint print files from elsewhere on the machine)")


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip("/") + "/")


def _escapes(path: Path, base: Path) -> str | None:
    """Why a file named on the command line must not be read: it goes through a symlink
    to a target outside both the working directory and the folder it was named in."""
    absolute = os.path.abspath(path)
    target = os.path.realpath(path)
    if target == absolute or _inside(target, str(base)) or _inside(target, os.path.realpath(os.path.dirname(absolute))):
        return None
    return OUTSIDE


def _walk(top: str, included: GlobSet, excluded: GlobSet, skip: frozenset[str] = frozenset(),
          ignored: Any = None, real_top: str | None = None) -> list[tuple[str, str | None]]:
    """(relative posix path, why it must not be read or None) of the files to lint below `top`.

    os.scandir gives each entry's type without a stat call for ordinary files; symlinked
    folders are never entered (no loops) and only regular files, or symlinks to them,
    are kept (a FIFO would block the read forever). A symlink whose target lies outside
    `real_top` (the resolved folder being linted) is kept with a reason and never read:
    a postmortem linked to `~/.git-credentials` must not reach a public CI log. A folder
    that cannot be read is kept with its reason too: skipping it silently would pass
    the postmortems in it unchecked.
    """
    if "." in skip:
        return []
    real_top = real_top or os.path.realpath(top)
    files: list[tuple[str, str | None]] = []
    pending = [""]
    while pending:
        prefix = pending.pop()
        try:
            with os.scandir(os.path.join(top, prefix) if prefix else top) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except FileNotFoundError:
            continue  # vanished since it was listed
        except OSError as error:
            files.append((prefix.rstrip("/") or ".", f"Folder cannot be read ({error.strerror or error}): "
                          "the postmortems in it were not checked"))
            continue
        folders = []
        for entry in entries:
            relative = prefix + entry.name
            if relative in skip:
                continue  # pmlint's own config file or rules folder
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not excluded.matches(relative) and not (ignored and ignored(relative, True)):
                        folders.append(relative + "/")
                    continue
                if excluded.matches(relative) or not included.matches(relative) or not entry.is_file():
                    continue  # is_file() follows a symlink: a link to a regular file counts
                if ignored and ignored(relative, False):
                    continue  # git ignores it
                if entry.is_symlink() and not _inside(os.path.realpath(entry.path), real_top):
                    files.append((relative, OUTSIDE))
                    continue
            except OSError:
                continue  # dangling symlink or vanished file
            files.append((relative, None))
        pending.extend(reversed(folders))
    return files



def changed_since(ref: str, paths: list[str], include: list[str], exclude: list[str],
                  base: Path | None = None, skip: tuple[str, ...] | frozenset[str] = ()) -> list[SourceFile]:
    """The files `discover` would lint that were added, modified or renamed since the
    merge base of `ref` and HEAD (PR mode: what this branch changed).

    Compares the merge base with the working tree, so uncommitted edits count, and
    adds untracked files that git does not ignore (a new postmortem not yet added
    is a change too). Deleted files are skipped. Outside a git repository, or when
    `ref` is unknown or shares no history with HEAD, raises PmlintError.
    """
    from .repo import GitError, git

    base = (base or Path.cwd()).resolve()
    toplevel = repository_of(paths)
    try:
        git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], toplevel)
    except GitError:
        raise PmlintError(f"--changed-since: unknown git revision {ref!r} (in CI, fetch it first, "
                          "e.g. actions/checkout with fetch-depth: 0)") from None
    try:
        merge_base = git(["merge-base", "--end-of-options", ref, "HEAD"], toplevel).strip()
    except GitError as error:
        raise PmlintError(f"--changed-since: no merge base between {ref!r} and HEAD ({error}); "
                          "a shallow clone needs more history (fetch-depth: 0)") from None
    changed = git(["diff", "--name-only", "-z", "--diff-filter=AMR", merge_base, "--"], toplevel).split("\0")
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], toplevel).split("\0")
    candidates = sorted({toplevel / name for name in [*changed, *untracked] if name})
    targets = [Path(raw).resolve() for raw in paths]
    included, excluded = GlobSet(include), GlobSet(exclude)
    found: dict[str, SourceFile] = {}
    for candidate in candidates:
        try:
            if not stat.S_ISREG(os.stat(candidate).st_mode):
                continue
        except OSError:
            continue
        real = candidate.resolve()
        if any(_selected(real, target, included, excluded, skip) for target in targets):
            refused = None if _inside(str(real), str(toplevel.resolve())) else OUTSIDE
            found.setdefault(str(real), SourceFile(str(candidate), display_path(candidate, base), refused=refused))
    return sorted(found.values(), key=lambda source: source.display)


def repository_of(paths: list[str]) -> Path:
    """The git top level that holds every path (not the working directory's: `cd /tmp &&
    pmlint check /repo/postmortems --changed-since main` works). PmlintError when a path is
    outside any repository or the paths span several."""
    import shutil

    from .repo import git_toplevel

    if shutil.which("git") is None:
        raise PmlintError("--changed-since needs git, and git is not installed (not found on PATH)")
    found: dict[Path, str] = {}
    for raw in paths:
        path = Path(raw).resolve()
        folder = path if path.is_dir() else path.parent
        while not folder.is_dir() and folder != folder.parent:  # a path that no longer exists
            folder = folder.parent
        toplevel = git_toplevel(folder)
        if toplevel is None:
            raise PmlintError(f"--changed-since needs a git repository, and {raw} is not inside one")
        found.setdefault(toplevel, raw)
    if len(found) > 1:
        (first, first_raw), (second, second_raw) = list(found.items())[:2]
        raise PmlintError(f"--changed-since: all paths must be in one git repository, but {first_raw} is in "
                          f"{first} and {second_raw} in {second}")
    return next(iter(found))


def _selected(file: Path, target: Path, included: GlobSet, excluded: GlobSet,
              skip: tuple[str, ...] | frozenset[str] = ()) -> bool:
    """Would `discover([target])` lint `file`? (Named files always; folders by globs,
    never pmlint's own files in `skip`.)"""
    if file == target:
        return True
    if any(file == Path(own) or Path(own) in file.parents for own in skip):
        return False
    try:
        relative = file.relative_to(target).as_posix()
    except ValueError:
        return False
    if not target.is_dir():
        return False
    return not excluded.matches(relative) and included.matches(relative)


def refuse_to_overwrite_inputs(destinations: Sequence[str | None], files: Sequence[SourceFile], what: str) -> None:
    """pmlint never modifies a postmortem: a report (or baseline) aimed at one of `files`
    is a usage error, "refusing to write a report over X: it is one of the `what`"."""
    targets: dict[tuple[int, int], str | None] = {}
    for destination in destinations:
        try:
            info = os.stat(destination) if destination else None
        except OSError:
            continue  # does not exist yet: it cannot be a linted file
        if info is not None:
            targets[(info.st_dev, info.st_ino)] = destination
    if not targets:
        return
    for source in files:  # the same file whatever the path or link: compare device and inode
        try:
            info = os.stat(source.path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in targets:
            raise PmlintError(f"refusing to write a report over {targets[(info.st_dev, info.st_ino)]}: "
                              f"it is one of the {what}")

"""Where the repository root is, and paths relative to it.

CI consumers (GitHub annotations and code scanning, GitLab Code Quality) match
findings to files by a path relative to the repository root, with forward slashes.
Absolute paths or paths relative to wherever pmlint happened to run produce alerts
that never attach to a file, so every CI format goes through `relative_to_root`.

The root is the git top level when there is one, else `$GITHUB_WORKSPACE`, else
the working directory.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git_toplevel(start: Path | None = None) -> Path | None:
    """The top folder of the git work tree containing `start`, or None."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=start or Path.cwd(),
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0 or not completed.stdout.strip():
        return None
    return Path(completed.stdout.strip()).resolve()


def find_root(start: Path | None = None) -> Path:
    """The repository root for reporting (see the module docstring for the order)."""
    toplevel = git_toplevel(start)
    if toplevel is not None:
        return toplevel
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and Path(workspace).is_dir():
        return Path(workspace).resolve()
    return (start or Path.cwd()).resolve()


def relative_to_root(path: str, root: Path) -> str:
    """`path` (relative to the working directory, or absolute) relative to `root`, posix style.

    A file outside the root keeps a `../` path rather than becoming absolute, so the
    output stays the same on every machine.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, root)).as_posix()


class GitError(Exception):
    """A git command failed; `stderr` holds git's own explanation."""

    def __init__(self, args: list[str], stderr: str) -> None:
        super().__init__(stderr.strip().splitlines()[0] if stderr.strip() else f"git {' '.join(args)} failed")
        self.stderr = stderr


def git(args: list[str], cwd: Path) -> str:
    """Run `git ARGS` in `cwd` and return stdout; GitError when it fails or git is missing."""
    try:
        completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                                   encoding="utf-8", errors="surrogateescape", timeout=60, check=False)
    except FileNotFoundError:
        raise GitError(args, "git is not installed") from None
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(args, str(error)) from None
    if completed.returncode != 0:
        raise GitError(args, completed.stderr)
    return completed.stdout

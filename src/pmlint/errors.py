"""Errors that stop a run: bad usage, configuration or rule files (exit code 2).

Each carries one line a person can act on; the CLI prints it without a traceback.
"""

from __future__ import annotations


class PmlintError(Exception):
    """A usage or configuration error: printed as one line, exit code 2."""


class ConfigError(PmlintError):
    """A configuration or rule file is wrong; the message names the file, line and key."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")

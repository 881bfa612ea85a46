"""Baselines: accept today's findings, fail only on new ones ("ratchet").

The file is JSON, versioned and sorted, with one entry per accepted finding:
its fingerprint plus the readable parts it was made from (rule, path, pointer,
message), so a reviewer can see in a diff what was accepted. No line numbers and
no timestamps: editing a postmortem elsewhere does not touch the baseline, and
rewriting it without changes gives the same bytes.

Paths in the file are relative to the baseline file's own folder, so the baseline
works from any working directory.

Writing replaces the entries of every file linted in this run with its current
findings (fixed findings drop out); entries for files not linted this run (a
`--changed-since` run, or a subset of paths) are kept while the file still exists.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .atomic import write_atomic
from .errors import PmlintError
from .fingerprint import fingerprint_keys
from .model import Finding
from .repo import relative_to_root

BASELINE_VERSION = 1


@dataclass(slots=True)
class BaselineOutcome:
    kept: list[Finding]     #: findings not in the baseline: report these
    hidden: int             #: findings the baseline accepted
    stale: int              #: entries for linted files that matched nothing (fixed since)


def _anchor(path: str | Path) -> Path:
    return Path(os.path.abspath(path)).parent


def _keys(findings: Sequence[Finding], anchor: Path) -> list[tuple[tuple[str, str, str, str], str]]:
    return fingerprint_keys(findings, [relative_to_root(finding.path, anchor) for finding in findings])


def read_baseline(path: str | Path) -> list[dict[str, Any]]:
    """The entries of a baseline file; a missing or malformed file is a PmlintError."""
    from .safe_io import BASELINE_LIMIT, TooLarge, read_text_limited

    try:  # bounded and regular-only: a baseline symlinked to /dev/zero must not eat the memory
        document = json.loads(read_text_limited(path, BASELINE_LIMIT))
    except TooLarge as error:
        raise PmlintError(f"cannot read baseline {path}: {error}") from None
    except FileNotFoundError:
        raise PmlintError(f"baseline file not found: {path} (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PmlintError(f"cannot read baseline {path}: {error}") from None
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION \
            or not isinstance(document.get("findings"), list):
        raise PmlintError(f"{path} is not a pmlint baseline (version {BASELINE_VERSION})")
    entries = [entry for entry in document["findings"] if isinstance(entry, dict)]
    if any(not isinstance(entry.get("fingerprint"), str) for entry in entries):
        raise PmlintError(f"{path}: every baseline entry needs a fingerprint")
    return entries


@dataclass(frozen=True, slots=True)
class Baseline:
    """A baseline file, read: what the filter stage needs to apply it without I/O."""

    path: str
    entries: tuple[dict[str, Any], ...]

    @classmethod
    def read(cls, path: str | Path) -> Baseline:
        return cls(str(path), tuple(read_baseline(path)))


def apply_baseline(findings: Sequence[Finding], path: str | Path, linted_files: Sequence[str]) -> BaselineOutcome:
    """Hide findings whose fingerprint is in the baseline at `path`."""
    return apply_entries(findings, Baseline.read(path), linted_files)


def apply_entries(findings: Sequence[Finding], baseline: Baseline, linted_files: Sequence[str]) -> BaselineOutcome:
    """Hide findings whose fingerprint is in `baseline` (read already: no I/O here)."""
    anchor = _anchor(baseline.path)
    entries = baseline.entries
    accepted = {entry["fingerprint"] for entry in entries}
    keys = _keys(findings, anchor)
    kept = [finding for finding, (_, fingerprint) in zip(findings, keys) if fingerprint not in accepted]
    matched = {fingerprint for _, fingerprint in keys if fingerprint in accepted}
    linted = {relative_to_root(file, anchor) for file in linted_files}
    stale = sum(1 for entry in entries
                if entry.get("path") in linted and entry["fingerprint"] not in matched)
    return BaselineOutcome(kept, len(findings) - len(kept), stale)


def baseline_text(findings: Sequence[Finding], path: str | Path, linted_files: Sequence[str],
                  previous: Sequence[dict[str, Any]] = ()) -> str:
    """The baseline file's content for these findings (see the module docstring)."""
    anchor = _anchor(path)
    linted = {relative_to_root(file, anchor) for file in linted_files}
    entries = [
        {"fingerprint": fingerprint, "rule": key[0], "path": key[1], "pointer": key[2], "message": key[3]}
        for (key, fingerprint) in _keys(findings, anchor)
    ]
    for entry in previous:
        kept_path = entry.get("path")
        if isinstance(kept_path, str) and kept_path not in linted and (anchor / kept_path).is_file():
            entries.append(entry)
    unique = {entry["fingerprint"]: entry for entry in entries}
    ordered = sorted(unique.values(), key=lambda entry: (str(entry.get("path", "")), str(entry.get("rule", "")),
                                                         str(entry.get("pointer", "")), entry["fingerprint"]))
    document = {"version": BASELINE_VERSION, "tool": "pmlint", "findings": ordered}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_baseline(findings: Sequence[Finding], path: str | Path, linted_files: Sequence[str]) -> int:
    """Write the baseline atomically; returns the number of entries written."""
    previous: list[dict[str, Any]] = []
    if Path(path).is_file():
        try:
            previous = read_baseline(path)
        except PmlintError:
            previous = []  # replacing a broken baseline is what --write-baseline is for
    text = baseline_text(findings, path, linted_files, previous)
    write_atomic(path, text)
    return len(json.loads(text)["findings"])

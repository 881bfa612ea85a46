"""Stable fingerprints for findings: the same problem keeps the same key across edits.

A fingerprint is a hash of
    rule id + file path + JSON pointer (array indices collapsed) + normalised message
plus the finding's occurrence index among findings with that same key (in report
order). It never includes line or column numbers, so inserting text above a finding,
or an action item before it, does not change its fingerprint; the occurrence index
makes it unique per finding (GitLab collapses findings that share a fingerprint).

Used by the baseline, SARIF `partialFingerprints` and the GitLab `fingerprint`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterable, Sequence

from .model import Finding
from .repo import relative_to_root

FINGERPRINT_VERSION = 1
_INDEX = re.compile(r"/\d+(?=/|$)")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def normalise_pointer(pointer: str) -> str:
    """Array indices become `*`: inserting a list item above must not churn keys."""
    return _INDEX.sub("/*", pointer)


def normalise_message(message: str) -> str:
    """Digit runs become `0` and whitespace is collapsed: counts, times and durations
    quoted in a message change with unrelated edits; the problem does not."""
    return _SPACE.sub(" ", _DIGITS.sub("0", message)).strip()


def content_key(finding: Finding, path: str) -> tuple[str, str, str, str]:
    """The parts a fingerprint is made of; `path` is already relative to the chosen root."""
    return (finding.rule_id, path, normalise_pointer(finding.pointer), normalise_message(finding.message))


def _digest(key: tuple[str, ...], occurrence: int) -> str:
    text = "\x1f".join((f"v{FINGERPRINT_VERSION}", *key, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def fingerprint_keys(findings: Iterable[Finding], paths: Sequence[str]) -> list[tuple[tuple[str, str, str, str], str]]:
    """(content key, fingerprint) for each finding, in the same order.

    `paths[i]` is finding i's path relative to the root the caller chose.
    """
    seen: dict[tuple[str, str, str, str], int] = {}
    out: list[tuple[tuple[str, str, str, str], str]] = []
    for finding, path in zip(findings, paths, strict=True):
        key = content_key(finding, path)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append((key, _digest(key, occurrence)))
    return out


def fingerprints(findings: Sequence[Finding], root: Path) -> list[str]:
    """One unique, edit-stable fingerprint per finding, paths taken relative to `root`."""
    paths = [relative_to_root(finding.path, root) for finding in findings]
    return [fingerprint for _, fingerprint in fingerprint_keys(findings, paths)]

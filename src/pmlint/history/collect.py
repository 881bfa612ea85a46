"""Many files → incidents: discovery, the normal lint run, and one profile per document.

Each document is loaded once: `lint_files` (the path `check` takes, with its process
pool) lints it and, through its collector hook, builds its durability profile in the
same worker. A broken document (bad YAML, unreadable, not a postmortem) becomes an
`Unreadable` entry, never an abort.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..infer import Profile, build_profile
from ..model import Document, Finding, Severity


@dataclass(frozen=True, slots=True)
class Incident:
    """One readable postmortem: its profile, what the linter found, and its identity."""

    path: str                       #: as shown (relative to the working directory when inside it)
    file: str                       #: absolute path, for links
    doc_id: str | None              #: the document's `id:` field
    profile: Profile
    tags: tuple[str, ...]
    findings: tuple[tuple[str, str, Severity], ...]  #: (rule id, rule name, severity)

    def count(self, severity: Severity) -> int:
        return sum(1 for _, _, found in self.findings if found == severity)


@dataclass(frozen=True, slots=True)
class Unreadable:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Collected:
    """What a worker keeps of a document for the report (small, picklable)."""

    profile: Profile | None
    doc_id: str | None
    tags: tuple[str, ...]
    problem: str | None


def collect_document(document: Document, settings: Mapping[str, Any]) -> Collected:
    """The lint run's collector: the profile, or why there is none."""
    if document.broken:
        problem = next((p.message for p in document.problems), "not readable")
        return Collected(None, None, (), problem)
    data = document.data if isinstance(document.data, dict) else {}
    doc_id = data.get("id")
    # `tags` is no schema field: YAML keeps it in the data, Markdown front matter in meta
    tags = data.get("tags", (document.meta.get("front_matter") or {}).get("tags"))
    return Collected(
        profile=build_profile(document, settings),
        doc_id=str(doc_id).strip() if isinstance(doc_id, (str, int)) and str(doc_id).strip() else None,
        tags=tuple(str(tag).strip().lower() for tag in tags if isinstance(tag, (str, int)) and str(tag).strip())
        if isinstance(tags, list) else (),
        problem=None,
    )


def assemble(files: Sequence[Any], findings: Sequence[Finding],
             collected: Mapping[str, Collected]) -> tuple[list[Incident], list[Unreadable]]:
    """Join the lint run's findings and collected profiles, file by file."""
    by_path: dict[str, list[tuple[str, str, Severity]]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append((finding.rule_id, finding.rule_name, finding.severity))
    incidents: list[Incident] = []
    unreadable: list[Unreadable] = []
    for source in files:
        entry = collected.get(source.display)
        if entry is None or entry.profile is None:
            unreadable.append(Unreadable(source.display, entry.problem if entry else "not read"))
            continue
        incidents.append(Incident(source.display, os.path.abspath(source.path), entry.doc_id, entry.profile,
                                  entry.tags, tuple(by_path.get(source.display, ()))))
    return incidents, unreadable

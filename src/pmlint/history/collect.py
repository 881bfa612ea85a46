"""Many files → incidents: discovery, the normal lint run, and one profile per document.

Each document is loaded once: `lint_files` (the path `check` takes, with its process
pool) lints it and builds its durability profile once for the rules and the report
(`RunOptions(profiles=True)`); the collector hook keeps its id and tags. Findings go
through the same filter stage as `check` (suppression comments, per-path configuration). A broken document (bad YAML, unreadable, not a postmortem) becomes an
`Unreadable` entry, never an abort.

The profile travels from the worker as the object itself, pickled by position (see
`_by_position`), not as its JSON form: no `to_json` in the worker, no rebuilding in the
parent after the pool (the parent unpickles while the workers are still busy).
"""

from __future__ import annotations

import copyreg
import os
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any, Callable, Mapping, Sequence

from ..infer import CauseProfile, Fact, ItemProfile, OnCallBurden, Profile
from ..model import Document, Finding, Severity, Span


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
    """What a worker keeps of a document for the report: its id, tags and the profile the
    lint run built once for the rules (None when it could not be built)."""

    doc_id: str | None
    tags: tuple[str, ...]
    problem: str | None
    profile: Profile | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # by position: one per file through the pool, and a slotted dataclass's default
        # __setstate__ (a Python loop over its fields) costs the parent 7 us each
        return Collected, (self.doc_id, self.tags, self.problem, self.profile)


def _by_position(cls: type) -> Callable[[Any], tuple[Any, tuple[Any, ...]]]:
    """A reducer that pickles `cls` (a profile's frozen, slotted dataclass) as
    `cls(*fields)`, as Span and Finding do with their own __reduce__: the default
    state-dict form rebuilds each object field by field in Python, and a profile holds
    ~30 of them. attrgetter reads the fields in C: a generator over `__slots__` made
    pickling a profile 41 us, against 28 us for its JSON form."""
    fields = attrgetter(*getattr(cls, "__slots__"))  # several fields each: always a tuple

    def reduce(value: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, fields(value)

    return reduce


for _class in (Profile, Fact, CauseProfile, ItemProfile, OnCallBurden):
    copyreg.pickle(_class, _by_position(_class))


def collect_document(document: Document, settings: Mapping[str, Any], profile: Profile | None = None) -> Collected:
    """The lint run's collector for `pmlint report`: the id, tags and profile, or why the
    document is unreadable."""
    if document.broken:
        return Collected(None, (), next((p.message for p in document.problems), "not readable"))
    data = document.data if isinstance(document.data, dict) else {}
    doc_id = data.get("id")
    # `tags` is no schema field: YAML keeps it in the data, Markdown front matter in meta
    tags = data.get("tags", document.meta.front_matter.get("tags"))
    return Collected(
        doc_id=str(doc_id).strip() if isinstance(doc_id, (str, int)) and str(doc_id).strip() else None,
        tags=tuple(str(tag).strip().lower() for tag in tags if isinstance(tag, (str, int)) and str(tag).strip())
        if isinstance(tags, list) else (),
        problem=None,
        profile=profile,
    )


def assemble(files: Sequence[Any], collected: Mapping[str, Collected],
             findings: Sequence[Finding]) -> tuple[list[Incident], list[Unreadable]]:
    """One Incident per readable file, one Unreadable per broken one, in discovery order.
    `findings` are the filter stage's kept findings (suppressions, per-path configuration
    applied, as for `check`)."""
    by_path: dict[str, list[tuple[str, str, Severity]]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append((finding.rule_id, finding.rule_name, finding.severity))
    incidents: list[Incident] = []
    unreadable: list[Unreadable] = []
    for source in files:
        entry = collected.get(source.display)
        profile = entry.profile if entry is not None else None
        if entry is None or entry.problem is not None or profile is None:
            reason = (entry.problem if entry and entry.problem else
                      "its profile could not be built (see the PM009 finding from `pmlint check`)" if entry
                      else "not read")
            unreadable.append(Unreadable(source.display, reason))
            continue
        incidents.append(Incident(source.display, os.path.abspath(source.path), entry.doc_id,
                                  profile, entry.tags, tuple(by_path.get(source.display, ()))))
    return incidents, unreadable


def profile_from_json(data: Mapping[str, Any]) -> Profile:
    """The Profile back from its JSON form (spans keep their line, which is all JSON has)."""
    def fact(value: Any, convert: Any = None) -> Fact | None:
        if not value:
            return None
        raw = value.get("value")
        line = value.get("line")
        return Fact(convert(raw) if convert and raw is not None else raw, bool(value.get("inferred")),
                    value.get("evidence") or "", Span(line, 1, line, 1) if type(line) is int and line > 0 else None)

    def day(text: Any) -> date | None:
        try:
            return date.fromisoformat(text) if isinstance(text, str) else None
        except ValueError:
            return None

    on_call = data.get("on_call") or {}
    return Profile(
        path=data.get("path") or "",
        title=data.get("title"),
        incident_date=fact(data.get("incident_date"), day),
        severity=fact(data.get("severity")),
        services=tuple(data.get("services") or ()),
        causes=tuple(CauseProfile(cause.get("summary") or "", fact(cause.get("layer")), cause.get("pointer") or "")
                     for cause in data.get("causes") or ()),
        items=tuple(ItemProfile(title=item.get("title") or "", pointer=item.get("pointer") or "",
                                owner=item.get("owner"), due=day(item.get("due")), status=item.get("status"),
                                ticket=item.get("ticket"), type=fact(item.get("type")), layer=fact(item.get("layer")))
                    for item in data.get("action_items") or ()),
        on_call=OnCallBurden(**{name: fact(on_call.get(name)) for name in
                                ("pages", "off_hours_pages", "responders", "person_hours", "sleep_interrupted",
                                 "toil")}),
        detection_method=fact(data.get("detection_method")),
        time_to_detect_minutes=fact(data.get("time_to_detect_minutes")),
        time_to_mitigate_minutes=fact(data.get("time_to_mitigate_minutes")),
        duration_minutes=fact(data.get("duration_minutes")),
        related_incidents=tuple(data.get("related_incidents") or ()),
        repeat=fact(data.get("repeat")),
    )

"""Incidents → the metrics of `pmlint report`, as one JSON-compatible dict (version 1).

Every metric states its missing-data rule in the README ("Reports over a history");
the short form is in each function's docstring. Nothing here reads a file or guesses a
fact: values come from the durability profiles (stated or inferred, marked) and the
lint findings.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date
from functools import lru_cache
from statistics import median
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import quote

from ..grammar import plural
from ..model import Severity
from .collect import Incident, Unreadable
from .recurrence import cause_words, theme_groups, theme_label, UnionFind
from .request import ReportRequest, ReportSettings

SCHEMA_VERSION = 1
UNKNOWN = "unknown"
LAYER_ORDER = ("code", "infrastructure", "architecture", "process")
#: penalty per finding, by the finding's severity
PENALTY = {Severity.ERROR: 10, Severity.WARNING: 4, Severity.INFO: 1}
SCORE_FORMULA = ("score = max(0, 100 - (10 x errors + 4 x warnings + 1 x info)) per postmortem; "
                 "a period's score is the mean weighted by incident severity "
                 "(most severe level = number of levels, ..., least severe = 1; unknown = 1)")


def month_of(day: date) -> str:
    return f"{day.year:04}-{day.month:02}"


def quarter_of(day: date) -> str:
    return f"{day.year:04}-Q{(day.month - 1) // 3 + 1}"


_SEV_NUMBER = re.compile(r"(?i)sev[\s_-]*(\d)")


def normal_severity(value: str | None, settings: Mapping[str, Any]) -> str | None:
    """`Sev-2`, `sev 2`, `high` (an alias from settings) → the configured level name."""
    if not value:
        return None
    text = value.strip()
    match = _SEV_NUMBER.fullmatch(text)
    if match:
        return f"SEV{match.group(1)}"
    aliases = {str(k).lower(): str(v) for k, v in (settings.get("severity_aliases") or {}).items()}
    return aliases.get(text.lower(), text.upper())


class Facts:
    """The per-incident values every metric uses, computed once."""

    def __init__(self, incident: Incident, settings: Mapping[str, Any], config: ReportSettings,
                 levels: Sequence[str], link_base: str) -> None:
        profile = incident.profile
        self.incident = incident
        self.link = _link(incident.file, link_base)
        self.date = profile.incident_date.value if profile.incident_date else None
        self.month = month_of(self.date) if self.date else None
        self.quarter = quarter_of(self.date) if self.date else None
        self.severity = normal_severity(profile.severity.value if profile.severity else None, settings) or UNKNOWN
        self.severity_inferred = bool(profile.severity and profile.severity.inferred)
        self.services = tuple(dict.fromkeys(config.service(name) for name in profile.services if name.strip()))
        self.score = max(0, 100 - sum(PENALTY[severity] for _, _, severity in incident.findings))
        self.weight = len(levels) - levels.index(self.severity) if self.severity in levels else 1
        self.architecture_fix = any(item.durable and item.layer is not None and item.layer.value == "architecture"
                                    for item in profile.items)


def compute(incidents: Sequence[Incident], unreadable: Sequence[Unreadable], request: ReportRequest,
            settings: Mapping[str, Any], config: ReportSettings, found: int,
            output: str | None = None) -> dict[str, Any]:
    """All metrics over `incidents` (already loaded), after the request's filters."""
    levels = [str(level).upper() for level in settings.get("severity_levels") or ("SEV1", "SEV2", "SEV3", "SEV4")]
    link_base = os.path.dirname(os.path.abspath(output)) if output else os.getcwd()
    facts = [Facts(incident, settings, config, levels, link_base) for incident in incidents]
    undated = [fact for fact in facts if fact.date is None]
    kept, excluded = _filter(facts, request, config)
    kept.sort(key=lambda fact: (fact.date or date.max, fact.incident.path))
    severities = _severity_order(kept, levels)
    model: dict[str, Any] = {
        "format": "pmlint-report",
        "version": SCHEMA_VERSION,
        "today": request.today.isoformat(),
        "filters": {
            "since": request.since.isoformat() if request.since else None,
            "until": request.until.isoformat() if request.until else None,
            "services": [config.service(name) for name in request.services],
            "severities": [normal_severity(name, settings) for name in request.severities],
        },
        "documents": {
            "found": found,
            "analysed": len(kept),
            "excluded_by_filters": excluded,
            "unreadable": [{"path": entry.path, "reason": entry.reason} for entry in unreadable],
            "undated": [fact.incident.path for fact in sorted(undated, key=lambda f: f.incident.path)],
        },
        "severities": severities,
        "incidents": [_incident_row(fact) for fact in kept],
        "over_time": _over_time(kept),
        "detection": _detection(kept, severities),
        "layers": _layers(kept),
        "on_call": _on_call(kept),
        "action_items": _action_items(kept, request.today, config),
        "recurrence": _recurrence(kept),
        "durability": _durability(kept),
        "rules": _rules(kept),
    }
    model["next"] = _next_steps(model)
    return model


# -- filters ----------------------------------------------------------------------------

def _filter(facts: list[Facts], request: ReportRequest, config: ReportSettings) -> tuple[list[Facts], int]:
    """Keep what the filters ask for. With --since/--until an undated incident cannot be
    placed, so it is left out of the metrics (it stays listed under `undated`)."""
    services = {config.service(name).lower() for name in request.services}
    severities = {name.upper() for name in request.severities}
    kept = []
    for fact in facts:
        day = fact.date
        if (request.since or request.until) and day is None:
            continue
        if request.since and day is not None and day < request.since:
            continue
        if request.until and day is not None and day > request.until:
            continue
        if services and not services & {name.lower() for name in fact.services}:
            continue
        if severities and fact.severity.upper() not in severities:
            continue
        kept.append(fact)
    return kept, len(facts) - len(kept)


def _severity_order(facts: Sequence[Facts], levels: Sequence[str]) -> list[str]:
    present = {fact.severity for fact in facts}
    others = sorted(present - set(levels) - {UNKNOWN})
    return [level for level in levels if level in present] + others + ([UNKNOWN] if UNKNOWN in present else [])


# -- per incident -----------------------------------------------------------------------

def _fact_json(value: Any) -> dict | None:
    return value.to_json() if value is not None else None


def _incident_row(fact: Facts) -> dict[str, Any]:
    incident, profile = fact.incident, fact.incident.profile
    burden = profile.on_call
    return {
        "path": incident.path,
        "link": fact.link,
        "id": incident.doc_id,
        "title": profile.title,
        "date": fact.date.isoformat() if fact.date else None,
        "severity": fact.severity,
        "severity_inferred": fact.severity_inferred,
        "services": list(fact.services),
        "time_to_detect_minutes": _fact_json(profile.time_to_detect_minutes),
        "time_to_mitigate_minutes": _fact_json(profile.time_to_mitigate_minutes),
        "pages": burden.pages.value if burden.pages else None,
        "off_hours_pages": burden.off_hours_pages.value if burden.off_hours_pages else None,
        "woke_someone": burden.woke_someone,
        "causes": len(profile.causes),
        "action_items": len(profile.items),
        "repeat": _fact_json(profile.repeat),
        "findings": _severity_counts(incident),
        "score": fact.score,
    }


def _severity_counts(incident: Incident) -> dict[str, int]:
    """Findings by severity, in one pass over them."""
    counts = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for _, _, severity in incident.findings:
        counts[severity] += 1
    return {"error": counts[Severity.ERROR], "warning": counts[Severity.WARNING], "info": counts[Severity.INFO]}


def _link(file: str, base: str) -> str:
    """A URL relative to the report's folder. Percent-encoded, and `./`-prefixed so a file
    named `javascript:alert(1).md` is a relative path, never a scheme."""
    folder, name = os.path.split(file)
    try:
        if os.path.isabs(folder) and os.path.isabs(base) and name not in ("", ".", ".."):
            # relpath normalises both paths on every call; a history sits in a few folders,
            # so each folder's part is computed once (10,000 incidents: 0.14 -> 0.04 s)
            above = _relative_folder(folder, base)
            relative = name if above == "." else f"{above}/{name}"
        else:  # a relative path depends on the working directory: never cached
            relative = os.path.relpath(file, base).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return "file://" + quote(file.replace(os.sep, "/"))
    link = quote(relative)
    return link if link.startswith("../") else "./" + link


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, base: str) -> str:
    return os.path.relpath(folder, base).replace(os.sep, "/")


# -- incidents over time ----------------------------------------------------------------

def _over_time(facts: Sequence[Facts]) -> dict[str, Any]:
    """Dated incidents per month and per quarter, by severity; `inferred` counts those whose
    severity was inferred. Undated incidents are in `undated`, not in any period."""
    out: dict[str, Any] = {"month": {}, "quarter": {}, "undated": 0}
    for fact in facts:
        if fact.date is None:
            out["undated"] += 1
            continue
        for key, period in (("month", fact.month), ("quarter", fact.quarter)):
            bucket = out[key].setdefault(period, {"total": 0, "by_severity": {}, "inferred": {}})
            bucket["total"] += 1
            bucket["by_severity"][fact.severity] = bucket["by_severity"].get(fact.severity, 0) + 1
            if fact.severity_inferred:
                bucket["inferred"][fact.severity] = bucket["inferred"].get(fact.severity, 0) + 1
    for key in ("month", "quarter"):
        out[key] = dict(sorted(out[key].items()))
    return out


# -- time to detect and mitigate --------------------------------------------------------

def _stats(values: list[float]) -> dict[str, Any]:
    return {"n": len(values), "median": round(median(values), 1) if values else None,
            "max": round(max(values), 1) if values else None}


def _detection(facts: Sequence[Facts], severities: Sequence[str]) -> dict[str, Any]:
    """Median and max TTD/TTM by severity and by quarter × severity, over incidents where
    the profile knows the figure; `unknown_*` counts the incidents where it does not."""
    def figures(group: Iterable[Facts], name: str) -> list[float]:
        return [float(getattr(f.incident.profile, name).value) for f in group
                if getattr(f.incident.profile, name) is not None]

    by_severity = {}
    for severity in severities:
        group = [fact for fact in facts if fact.severity == severity]
        by_severity[severity] = {"ttd": _stats(figures(group, "time_to_detect_minutes")),
                                 "ttm": _stats(figures(group, "time_to_mitigate_minutes"))}
    groups: dict[str, dict[str, list[Facts]]] = {}
    for fact in facts:
        if fact.quarter:
            groups.setdefault(fact.quarter, {}).setdefault(fact.severity, []).append(fact)
    by_quarter: dict[str, dict[str, Any]] = {}
    for quarter in sorted(groups):
        by_quarter[quarter] = {severity: {"ttd": _stats(figures(groups[quarter][severity], "time_to_detect_minutes")),
                                          "ttm": _stats(figures(groups[quarter][severity], "time_to_mitigate_minutes"))}
                               for severity in severities if severity in groups[quarter]}
    return {
        "by_severity": by_severity,
        "by_quarter": by_quarter,
        "unknown_ttd": sum(1 for f in facts if f.incident.profile.time_to_detect_minutes is None),
        "unknown_ttm": sum(1 for f in facts if f.incident.profile.time_to_mitigate_minutes is None),
    }


# -- layer gap --------------------------------------------------------------------------

def _layers(facts: Sequence[Facts]) -> dict[str, Any]:
    """Root causes per layer against durable (prevent/mitigate) action items per layer.
    A cause or durable item whose layer is neither stated nor inferred is counted under
    `unknown_layer_*`, never guessed into a layer."""
    causes: Counter[str] = Counter()
    fixes: Counter[str] = Counter()
    inferred_causes = 0
    unknown_causes = unknown_fixes = 0
    for fact in facts:
        for cause in fact.incident.profile.causes:
            if cause.layer is None:
                unknown_causes += 1
            else:
                causes[cause.layer.value] += 1
                inferred_causes += cause.layer.inferred
        for item in fact.incident.profile.items:
            if item.durable:
                if item.layer is None:
                    unknown_fixes += 1
                else:
                    fixes[item.layer.value] += 1
    layers = [layer for layer in LAYER_ORDER] + sorted((set(causes) | set(fixes)) - set(LAYER_ORDER))
    rows = {layer: {"causes": causes[layer], "durable_fixes": fixes[layer], "gap": causes[layer] - fixes[layer]}
            for layer in layers}
    biggest = max(rows.items(), key=lambda pair: (pair[1]["gap"], pair[1]["causes"]), default=None)
    return {
        "by_layer": rows,
        "unknown_layer_causes": unknown_causes,
        "unknown_layer_fixes": unknown_fixes,
        "inferred_layer_causes": inferred_causes,
        "biggest_gap": ({"layer": biggest[0], **biggest[1],
                         "text": _gap_text(biggest[0], biggest[1]["causes"], biggest[1]["durable_fixes"])}
                        if biggest and biggest[1]["gap"] > 0 else None),
    }


def _gap_text(layer: str, causes: int, fixes: int) -> str:
    return f"{plural(causes, layer + ' cause')}, {plural(fixes, layer + ' fix')}"


# -- on-call burden ---------------------------------------------------------------------

BURDEN_FIELDS = ("pages", "off_hours_pages", "responders", "person_hours")


def _on_call(facts: Sequence[Facts]) -> dict[str, Any]:
    """Sums per period of what profiles know; `reported` counts the incidents that state
    (or infer) any burden figure, so a quiet month and an unrecorded one differ. Toil
    counts incidents whose toil is named. `woke_without_fix`: someone was paged off hours
    or woken, and rule PM202 found no item that reduces paging or automates the response."""
    def empty() -> dict[str, Any]:
        return {"incidents": 0, "reported": 0, **{name: 0 for name in BURDEN_FIELDS}, "toil_incidents": 0,
                "woke_someone": 0}

    periods: dict[str, dict[str, dict[str, Any]]] = {"month": {}, "quarter": {}}
    totals = empty()
    for fact in facts:
        burden = fact.incident.profile.on_call
        buckets = [totals]
        if fact.month and fact.quarter:
            buckets += [periods["month"].setdefault(fact.month, empty()),
                        periods["quarter"].setdefault(fact.quarter, empty())]
        figures = [(name, known.value) for name in BURDEN_FIELDS if (known := getattr(burden, name)) is not None]
        reported, toil, woken = bool(figures), burden.toil is not None, burden.woke_someone
        for bucket in buckets:
            bucket["incidents"] += 1
            bucket["reported"] += reported
            for name, value in figures:
                bucket[name] += value
            bucket["toil_incidents"] += toil
            bucket["woke_someone"] += woken
    for bucket in [totals, *periods["month"].values(), *periods["quarter"].values()]:
        bucket["person_hours"] = round(float(bucket["person_hours"]), 1)
    woke = [fact for fact in facts if fact.incident.profile.on_call.woke_someone]
    return {
        "totals": totals,
        "month": dict(sorted(periods["month"].items())),
        "quarter": dict(sorted(periods["quarter"].items())),
        "woke_without_fix": [fact.incident.path for fact in woke
                             if any(rule == "PM202" for rule, _, _ in fact.incident.findings)],
    }


# -- action items -----------------------------------------------------------------------

def _action_items(facts: Sequence[Facts], today: date, config: ReportSettings) -> dict[str, Any]:
    """Every item: done when its status says so (done, closed, fixed, ...), otherwise open;
    overdue when open and due before `today`. Age counts days from the incident date to
    `today` for open items (None when the incident is undated). An item without an owner
    or a due date is listed; its team is the `report.teams` mapping of its owner."""
    rows: list[dict[str, Any]] = []
    teams: dict[str | None, str | None] = {}  # owner → team: a history has few owners, 45,000 items
    for fact in facts:
        path, link, day, quarter = fact.incident.path, fact.link, fact.date, fact.quarter
        for item in fact.incident.profile.items:
            done, due, owner = item.done, item.due, item.owner
            overdue = not done and due is not None and due < today
            team = teams[owner] if owner in teams else teams.setdefault(owner, config.team_of(owner))
            rows.append({
                "incident": path,
                "link": link,
                "title": item.title,
                "owner": owner,
                "team": team,
                "due": due.isoformat() if due else None,
                "status": item.status,
                "type": item.type.value if item.type else None,
                "layer": item.layer.value if item.layer else None,
                "durable": item.durable,
                "done": done,
                "overdue": overdue,
                "days_overdue": (today - due).days if overdue and due else None,
                "age_days": (today - day).days if day and not done else None,
                "quarter": quarter,
            })

    def tally(key: str) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for row in rows:
            name = row[key] or "(none)"
            bucket = out.setdefault(name, {"open": 0, "done": 0, "overdue": 0})
            bucket["done" if row["done"] else "open"] += 1
            bucket["overdue"] += row["overdue"]
        return dict(sorted(out.items(), key=lambda pair: (-pair[1]["overdue"], -pair[1]["open"], pair[0])))

    completion: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["quarter"]:
            bucket = completion.setdefault(row["quarter"], {"total": 0, "done": 0})
            bucket["total"] += 1
            bucket["done"] += row["done"]
    for bucket in completion.values():
        bucket["rate"] = round(bucket["done"] / bucket["total"], 3) if bucket["total"] else None
    rows.sort(key=lambda row: (not row["overdue"], -(row["days_overdue"] or 0), row["incident"], row["title"]))
    return {
        "total": len(rows),
        "open": sum(1 for row in rows if not row["done"]),
        "done": sum(1 for row in rows if row["done"]),
        "overdue": sum(1 for row in rows if row["overdue"]),
        "no_owner": sum(1 for row in rows if not row["owner"]),
        "no_due": sum(1 for row in rows if not row["due"]),
        "by_owner": tally("owner"),
        "by_team": tally("team"),
        "completion_by_quarter": dict(sorted(completion.items())),
        "items": rows,
    }


# -- recurrence -------------------------------------------------------------------------

def _recurrence(facts: Sequence[Facts]) -> dict[str, Any]:
    """Groups of two or more incidents (in date order) that share a service, a root-cause
    theme, a tag, or a `related_incidents` link. Each group says whether a repeat (any
    incident after the first) got a durable architecture-level action item;
    `without_architecture_fix` lists each linked set (related, theme or tag; not a mere
    shared service) where none did."""
    groups: list[dict[str, Any]] = []

    def add(kind: str, key: str, members: Iterable[int]) -> None:
        ordered = sorted(set(members))  # facts are sorted by date, so index order is date order
        if len(ordered) < 2:
            return
        repeats = [facts[index] for index in ordered[1:]]
        first = facts[ordered[0]].incident
        groups.append({"kind": kind, "key": key, "first_title": first.profile.title or first.path,
                       "incidents": [facts[i].incident.path for i in ordered],
                       "count": len(ordered), "architecture_fix": any(f.architecture_fix for f in repeats)})

    by_service: dict[str, list[int]] = {}
    by_tag: dict[str, list[int]] = {}
    for index, fact in enumerate(facts):
        for service in fact.services:
            by_service.setdefault(service, []).append(index)
        for tag in fact.incident.tags:
            by_tag.setdefault(tag, []).append(index)
    for service, members in sorted(by_service.items()):
        add("service", service, members)
    # themes compare single root causes (an incident with three causes shares one theme,
    # not its whole word set), then each group of causes becomes a group of incidents
    owners: list[int] = []
    words: list[frozenset[str]] = []
    known: dict[str, frozenset[str]] = {}  # summary → words: histories repeat root causes
    for index, fact in enumerate(facts):
        for cause in fact.incident.profile.causes:
            owners.append(index)
            summary = cause.summary
            found = known.get(summary)
            if found is None:
                found = known[summary] = cause_words((summary,))
            words.append(found)
    themes: dict[frozenset[int], str] = {}
    for members in theme_groups(words):
        incidents = frozenset(owners[member] for member in members)
        themes.setdefault(incidents, theme_label(words, members))
    for incidents, label in sorted(themes.items(), key=lambda pair: (min(pair[0]), pair[1])):
        add("theme", label, incidents)
    for tag, members in sorted(by_tag.items()):
        add("tag", tag, members)
    for members in _related_groups(facts):
        add("related", facts[members[0]].incident.doc_id or facts[members[0]].incident.path, members)
    groups.sort(key=lambda group: ({"related": 0, "theme": 1, "tag": 2, "service": 3}[group["kind"]],
                                   -group["count"], group["key"]))
    repeats = sum(1 for fact in facts if fact.incident.profile.repeat and fact.incident.profile.repeat.value)
    unfixed: dict[tuple[str, ...], dict[str, Any]] = {}
    for group in groups:  # one entry per set of incidents, however many kinds link them
        if group["kind"] in ("related", "theme", "tag") and not group["architecture_fix"]:
            unfixed.setdefault(tuple(group["incidents"]), {"first_title": group["first_title"],
                                                           "incidents": group["incidents"], "count": group["count"]})
    return {
        "groups": groups,
        "marked_repeat": repeats,
        "without_architecture_fix": list(unfixed.values()),
    }


def _related_groups(facts: Sequence[Facts]) -> list[list[int]]:
    """Explicit links: `related_incidents` entries matched to another incident's id, file
    name (without extension) or path; links to incidents not in the report are ignored."""
    names: dict[str, int] = {}
    for index, fact in enumerate(facts):
        incident = fact.incident
        for name in (incident.doc_id, incident.path, os.path.splitext(os.path.basename(incident.path))[0]):
            if name:
                names.setdefault(name.lower(), index)
    union = UnionFind(len(facts))
    for index, fact in enumerate(facts):
        for related in fact.incident.profile.related_incidents:
            key = related.strip().lower()
            target = names.get(key)
            if target is None:  # a link or path: match its last part
                target = names.get(os.path.splitext(key.rstrip("/").rsplit("/", 1)[-1])[0])
            if target is not None and target != index:
                union.union(index, target)
    return union.groups()


# -- durability score and rules ---------------------------------------------------------

def _durability(facts: Sequence[Facts]) -> dict[str, Any]:
    """Per postmortem score from its findings; per quarter the severity-weighted mean over
    dated incidents. Unreadable documents have no score (they are listed instead)."""
    def weighted(group: Sequence[Facts]) -> float | None:
        total = sum(f.weight for f in group)
        return round(sum(f.score * f.weight for f in group) / total, 1) if total else None

    quarters: dict[str, list[Facts]] = {}
    for fact in facts:
        if fact.quarter:
            quarters.setdefault(fact.quarter, []).append(fact)
    return {
        "formula": SCORE_FORMULA,
        "overall": weighted(facts),
        "by_quarter": {quarter: {"score": weighted(group), "incidents": len(group)}
                       for quarter, group in sorted(quarters.items())},
    }


def _rules(facts: Sequence[Facts]) -> list[dict[str, Any]]:
    """Rules by number of findings (then documents), most violated first."""
    findings: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    names: dict[str, str] = {}
    for fact in facts:
        seen = set()
        for rule, name, _ in fact.incident.findings:
            findings[rule] += 1
            names[rule] = name
            if rule not in seen:
                documents[rule] += 1
                seen.add(rule)
    return [{"id": rule, "name": names[rule], "findings": count, "documents": documents[rule]}
            for rule, count in sorted(findings.items(), key=lambda pair: (-pair[1], -documents[pair[0]], pair[0]))]


# -- what to do next --------------------------------------------------------------------

def _next_steps(model: dict[str, Any]) -> list[dict[str, str]]:
    """The short list at the top: overdue items, the biggest layer gap, the noisiest
    service (most incidents, then most pages), repeats with no architecture fix, and
    incidents that woke someone with nothing to stop it happening again."""
    steps: list[dict[str, str]] = []
    items = model["action_items"]
    if items["overdue"]:
        oldest = items["items"][0]
        owner = f", owner {oldest['owner']}" if oldest["owner"] else ", no owner"
        steps.append({"kind": "overdue", "text": (
            f"{plural(items['overdue'], 'action item')} overdue; the oldest is \"{oldest['title']}\" "
            f"({oldest['days_overdue']} days past {oldest['due']}{owner}, {oldest['incident']})")})
    gap = model["layers"]["biggest_gap"]
    if gap:
        steps.append({"kind": "layer_gap", "text": f"Biggest layer gap: {gap['text']}"})
    services: dict[str, list[int]] = {}
    for row in model["incidents"]:
        for service in row["services"]:
            bucket = services.setdefault(service, [0, 0])
            bucket[0] += 1
            bucket[1] += row["pages"] or 0
    if services:
        name, (count, pages) = max(services.items(), key=lambda pair: (pair[1][0], pair[1][1], pair[0]))
        if count > 1:
            steps.append({"kind": "noisiest_service", "text": (
                f"Noisiest service: {name} ({plural(count, 'incident')}, {plural(pages, 'page')})")})
    unfixed = model["recurrence"]["without_architecture_fix"]
    if unfixed:
        steps.append({"kind": "repeats", "text": (
            f"{plural(len(unfixed), 'recurring failure')} with no architecture-level fix in any repeat: "
            + "; ".join(f"\"{group['first_title']}\" ({group['count']} incidents)" for group in unfixed[:3])
            + ("; ..." if len(unfixed) > 3 else ""))})
    woke = model["on_call"]["woke_without_fix"]
    if woke:
        steps.append({"kind": "night_pages", "text": (
            f"{plural(len(woke), 'incident')} woke someone and got no paging or automation fix: "
            + ", ".join(woke[:3]) + (", ..." if len(woke) > 3 else ""))})
    return steps

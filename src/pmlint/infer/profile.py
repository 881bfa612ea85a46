"""The durability profile of one postmortem: the facts the rules, `check --profile` and
`pmlint report` share.

`build_profile` reads the stated facts from the document's data tree (YAML fields, or
what the Markdown loader structured) and then asks the inferring functions to fill what
is missing. Each field is a `Fact` or None (unknown); None is never a guess.

Layers are one of `code`, `infrastructure`, `architecture`, `process`. An action item
is *durable* when its type is `prevent` or `mitigate` (it changes the system so the
cause cannot recur or hurts less); `detect` items close detection gaps; `repair` and
`process` items restore or remind and are not durable fixes of a cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .facts import Fact

LAYERS = ("code", "infrastructure", "architecture", "process")
DURABLE_TYPES = frozenset({"prevent", "mitigate"})
DONE_STATUSES = frozenset({"done", "closed", "complete", "completed", "fixed", "resolved", "wontfix", "won't fix"})


@dataclass(frozen=True, slots=True)
class CauseProfile:
    """One root cause: its summary, its layer (stated or inferred) and where it stands."""

    summary: str
    layer: Fact[str] | None
    pointer: str


@dataclass(frozen=True, slots=True)
class ItemProfile:
    """One action item as the history report needs it."""

    title: str
    pointer: str
    owner: str | None = None
    due: date | None = None
    status: str | None = None
    ticket: str | None = None
    type: Fact[str] | None = None
    layer: Fact[str] | None = None

    @property
    def done(self) -> bool:
        return (self.status or "").strip().lower() in DONE_STATUSES

    @property
    def durable(self) -> bool:
        return self.type is not None and self.type.value in DURABLE_TYPES


@dataclass(frozen=True, slots=True)
class OnCallBurden:
    """What the incident cost the people who responded (each None when unknown)."""

    pages: Fact[int] | None = None
    off_hours_pages: Fact[int] | None = None
    responders: Fact[int] | None = None
    person_hours: Fact[float] | None = None
    sleep_interrupted: Fact[bool] | None = None
    toil: Fact[str] | None = None

    @property
    def woke_someone(self) -> bool:
        """True when anyone was paged off hours or woken, stated or inferred."""
        if self.sleep_interrupted is not None and self.sleep_interrupted.value:
            return True
        return self.off_hours_pages is not None and self.off_hours_pages.value > 0


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything pmlint knows about one incident's durability."""

    path: str
    title: str | None = None
    incident_date: Fact[date] | None = None
    severity: Fact[str] | None = None
    services: tuple[str, ...] = ()
    causes: tuple[CauseProfile, ...] = ()
    items: tuple[ItemProfile, ...] = ()
    on_call: OnCallBurden = field(default_factory=OnCallBurden)
    detection_method: Fact[str] | None = None
    #: True when the detecting person reported a flaw through a disclosure channel (a
    #: researcher, a bug bounty, the security policy) and nothing was exposed: that channel
    #: is the detector a team wants, so asking for an alert is pedantic (PM402). Inferred
    #: only with the method; not part of the JSON profile.
    detection_disclosed: Fact[bool | str] | None = None  # True: disclosed; "flagged": flagged by an outside party
    time_to_detect_minutes: Fact[float] | None = None
    #: An alert that fired long before anyone acted on it (inferred with the time to detect
    #: from a timeline's entries): the delay is acknowledgement, so PM403 asks for alert
    #: routing, not a new alert. Its value is the minutes until someone acted, its evidence
    #: the alert ("an alert at 21:00 (…), 30 min after the onset"); not in the JSON profile.
    alert_unseen: Fact[float] | None = None
    time_to_mitigate_minutes: Fact[float] | None = None
    duration_minutes: Fact[float] | None = None
    related_incidents: tuple[str, ...] = ()
    repeat: Fact[bool] | None = None

    @property
    def cause_layers(self) -> dict[str, int]:
        """Layer → number of causes in it (causes with an unknown layer are not counted)."""
        return _count(cause.layer.value for cause in self.causes if cause.layer is not None)

    @property
    def fix_layers(self) -> dict[str, int]:
        """Layer → number of durable (prevent/mitigate) action items in it."""
        return _count(item.layer.value for item in self.items if item.durable and item.layer is not None)

    @property
    def durable_share(self) -> float | None:
        """Share of typed action items that are durable; None with no typed item."""
        typed = [item for item in self.items if item.type is not None]
        if not typed:
            return None
        return sum(1 for item in typed if item.durable) / len(typed)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form (`check --format json` "profile", `report` per incident)."""
        def fact(value: Fact | None) -> dict | None:
            return value.to_json() if value is not None else None

        return {
            "path": self.path,
            "title": self.title,
            "incident_date": fact(self.incident_date),
            "severity": fact(self.severity),
            "services": list(self.services),
            "causes": [{"summary": cause.summary, "layer": fact(cause.layer), "pointer": cause.pointer}
                       for cause in self.causes],
            "action_items": [{"title": item.title, "pointer": item.pointer, "owner": item.owner,
                              "due": item.due.isoformat() if item.due else None, "status": item.status,
                              "ticket": item.ticket, "type": fact(item.type), "layer": fact(item.layer),
                              "durable": item.durable, "done": item.done} for item in self.items],
            "cause_layers": self.cause_layers,
            "fix_layers": self.fix_layers,
            "durable_share": self.durable_share,
            "on_call": {name: fact(getattr(self.on_call, name)) for name in
                        ("pages", "off_hours_pages", "responders", "person_hours", "sleep_interrupted", "toil")},
            "detection_method": fact(self.detection_method),
            "time_to_detect_minutes": fact(self.time_to_detect_minutes),
            "time_to_mitigate_minutes": fact(self.time_to_mitigate_minutes),
            "duration_minutes": fact(self.duration_minutes),
            "related_incidents": list(self.related_incidents),
            "repeat": fact(self.repeat),
        }


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts

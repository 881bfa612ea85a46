"""What `pmlint report` was asked for, and the `report:` configuration it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """One `pmlint report` run: where to look and which incidents to keep."""

    paths: tuple[str, ...] = (".",)
    config_path: str | None = None
    #: "today" for overdue items and ages; the CLI defaults it to the real date
    today: date = field(default_factory=date.today)
    since: date | None = None
    until: date | None = None
    services: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    jobs: int | None = None
    #: where the report goes (HTML links to incidents are made relative to its folder)
    output: str | None = None


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """The `report:` section of `.pmlint.yaml`: owner → team and service aliases."""

    #: owner (lower case, without a leading @) → team
    teams: Mapping[str, str] = field(default_factory=dict)
    #: alias (lower case) → canonical service name
    aliases: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_config(cls, section: Mapping[str, Any] | None) -> "ReportSettings":
        section = section or {}
        teams: dict[str, str] = {}
        for team, owners in (section.get("teams") or {}).items():
            teams[_key(team)] = str(team)  # an owner written as the team's own name
            for owner in owners or ():
                teams[_key(owner)] = str(team)
        aliases: dict[str, str] = {}
        for service, names in (section.get("service-aliases") or {}).items():
            aliases[_key(service)] = str(service)
            for name in names or ():
                aliases[_key(name)] = str(service)
        return cls(teams=teams, aliases=aliases)

    def team_of(self, owner: str | None) -> str | None:
        """The team an owner belongs to; None when the owner is unknown or unmapped."""
        return self.teams.get(_key(owner)) if owner else None

    def service(self, name: str) -> str:
        """The canonical name of a service (aliases resolved, case kept from config)."""
        if not self.aliases:
            return name.strip()
        return self.aliases.get(_key(name), name.strip())


def _key(value: Any) -> str:
    return str(value).strip().lstrip("@").lower()

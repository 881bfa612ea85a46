"""A fact about a postmortem, stated in it or inferred from it, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from ..model import Span

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Fact(Generic[T]):
    """`value`, whether pmlint `inferred` it, and the `evidence` a reader can check.

    `evidence` is a short phrase that completes "inferred … from …" ("a 73-hour outage",
    "`severity: SEV2`"); `span` points at the text it came from (None when it has no
    single place, e.g. a figure computed from the whole timeline). Stated facts always
    win over inferred ones: an inferring function never replaces a stated fact.
    """

    value: T
    inferred: bool = False
    evidence: str = ""
    span: Span | None = None

    def describe(self) -> str:
        """`SEV1 (inferred from a 73-hour outage)` or just `SEV1` when stated."""
        if self.inferred and self.evidence:
            return f"{self.value} (inferred from {self.evidence})"
        if self.inferred:
            return f"{self.value} (inferred)"
        return str(self.value)

    def to_json(self) -> dict:
        """The JSON form every output uses: value, inferred, evidence, line."""
        value = self.value
        if hasattr(value, "isoformat"):
            value = value.isoformat()  # type: ignore[union-attr]
        return {"value": value, "inferred": self.inferred, "evidence": self.evidence,
                "line": self.span.line if self.span else None}

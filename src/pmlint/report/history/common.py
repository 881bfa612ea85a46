"""Small helpers shared by the history renderers."""

from __future__ import annotations

from typing import Any


def minutes(stats: dict[str, Any]) -> str:
    """`42 min (n=3)` or `n/a`: a median with how many incidents it stands on."""
    if not stats or stats.get("median") is None:
        return "n/a"
    value = stats["median"]
    text = f"{value:g} min" if value < 120 else f"{value / 60:.1f} h"
    return f"{text} (n={stats['n']})"


def percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{round(rate * 100)}%"


def severity_cell(row: dict[str, Any]) -> str:
    return f"{row['severity']} (inferred)" if row.get("severity_inferred") else row["severity"]

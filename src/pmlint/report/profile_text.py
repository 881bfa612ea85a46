"""The durability profile of one postmortem as text lines (`check --profile`).

Reads the profile's JSON form (what `--format json` carries under "profiles"), so
every output shows the same facts: stated ones plain, inferred ones with "inferred
from …" and the line they came from.
"""

from __future__ import annotations

from typing import Any


def _fact(fact: dict[str, Any] | None, show: Any = None) -> str | None:
    if not fact:
        return None
    value = show(fact["value"]) if show else fact["value"]
    if not fact.get("inferred"):
        return str(value)
    where = f", line {fact['line']}" if fact.get("line") else ""
    return f"{value} (inferred from {fact.get('evidence') or 'the text'}{where})"


def _minutes(value: float) -> str:
    total = int(round(value))
    if total < 120:
        return f"{total} min"
    if total < 48 * 60:
        hours, rest = divmod(total, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{total // 1440} d"


def _layers(counts: dict[str, int], entries: list[dict[str, Any]]) -> str:
    if not counts:
        return "none known"
    inferred = {entry["layer"]["value"] for entry in entries if entry.get("layer") and entry["layer"].get("inferred")}
    return ", ".join(f"{layer} ×{count}{' (inferred)' if layer in inferred else ''}"
                     for layer, count in sorted(counts.items()))


def profile_lines(profile: dict[str, Any]) -> list[str]:
    """`label  value` lines for one profile (no path line; the caller prints it)."""
    items = profile.get("action_items") or []
    typed = [item for item in items if item.get("type")]
    durable = sum(1 for item in typed if item.get("durable"))
    share = profile.get("durable_share")
    on_call = profile.get("on_call") or {}
    burden = [text for text in (
        _fact(on_call.get("sleep_interrupted"), lambda v: "interrupted sleep" if v else "no interrupted sleep"),
        _fact(on_call.get("off_hours_pages"), lambda v: f"{v} off-hours page{'s' if v != 1 else ''}"),
        _fact(on_call.get("pages"), lambda v: f"{v} page{'s' if v != 1 else ''}"),
        _fact(on_call.get("responders"), lambda v: f"{v} responder{'s' if v != 1 else ''}"),
        _fact(on_call.get("person_hours"), lambda v: f"{v} person-hours"),
    ) if text]
    rows = [
        ("severity", _fact(profile.get("severity")) or "unknown"),
        ("impact lasted", _fact(profile.get("duration_minutes"), _minutes) or "unknown"),
        ("causes at", _layers(profile.get("cause_layers") or {}, profile.get("causes") or [])),
        ("durable fixes at", _layers(profile.get("fix_layers") or {},
                                     [item for item in items if item.get("durable")])),
        ("durable items", f"{durable} of {len(typed)} typed ({share * 100:.0f} %)" if share is not None
         else "no item has a known type"),
        ("on-call burden", "; ".join(burden) if burden else "unknown"),
        ("detected by", _fact(profile.get("detection_method")) or "unknown"),
        ("time to detect", _fact(profile.get("time_to_detect_minutes"), _minutes) or "unknown"),
        ("time to mitigate", _fact(profile.get("time_to_mitigate_minutes"), _minutes) or "unknown"),
        ("repeat incident", _fact(profile.get("repeat"), lambda v: "yes" if v else "no") or "not known to be"),
    ]
    return [f"  {label:<17} {value}" for label, value in rows]

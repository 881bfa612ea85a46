"""Rule metadata for people: the `pmlint rules` table, its JSON, and `pmlint explain`."""

from __future__ import annotations

import json
from typing import Iterable

from ..engine.rules import Rule


def rule_dict(rule: Rule) -> dict:
    return {
        "id": rule.id, "name": rule.name, "category": rule.category, "severity": rule.severity.label,
        "preset": rule.preset, "summary": rule.summary, "rationale": rule.rationale, "fix": rule.fix,
    }


def rules_json(rules: Iterable[Rule]) -> str:
    return json.dumps([rule_dict(rule) for rule in rules], indent=2) + "\n"


def rules_table(rules: Iterable[Rule], color: bool = False) -> str:
    """A plain, aligned table: id, name, severity, preset, summary."""
    rows = [("ID", "NAME", "SEVERITY", "PRESET", "SUMMARY")]
    rows += [(r.id, r.name, r.severity.label, r.preset, r.summary) for r in rules]
    widths = [max(len(row[index]) for row in rows) for index in range(4)]
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths)] + [row[4]]
        line = "  ".join(cells).rstrip()
        if color and index == 0:
            line = f"\x1b[1m{line}\x1b[0m"
        lines.append(line)
    return "\n".join(lines) + "\n"


def explain_text(rule: Rule) -> str:
    """Summary, rationale, fix and examples, as plain text (pipes and pagers welcome)."""
    preset = "recommended and strict" if rule.preset == "recommended" else "strict only"
    out = [
        f"{rule.id} {rule.name}  ({rule.category}, {rule.severity.label}; preset: {preset})",
        "",
        rule.summary,
        "",
        "Why it matters",
        _indent(rule.rationale),
        "",
        "How to fix",
        _indent(rule.fix),
    ]
    for example in rule.examples:
        kind = "invalid" if "invalid" in example else "valid"
        text = example.get(kind, "")
        count = example.get("findings", 1)
        heading = f"Example ({kind}" + (f", {count} finding{'s' if count != 1 else ''}" if kind == "invalid" else "") + ")"
        if example.get("note"):
            heading += f": {example['note']}"
        out += ["", heading, _indent(text.rstrip("\n"), "    ")]
    return "\n".join(out) + "\n"


def _indent(text: str, prefix: str = "  ") -> str:
    import textwrap

    if "\n" in text:
        return "\n".join(prefix + line if line else line for line in text.split("\n"))
    return textwrap.fill(text, width=88, initial_indent=prefix, subsequent_indent=prefix)

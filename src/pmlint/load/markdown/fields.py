"""Prose sections → text fields (summary, trigger, resolution, impact, detection, on_call, lessons).

Text keeps what the document says, as one string with the span of its paragraphs, so
text rules (blameless language) run on it. Numbers are taken only where the text
states them plainly ("lasting 1 hour and 48 minutes", "12 pages, 3 out of hours").
Template prompts left in italics (`*Describe how users were impacted*`) stay in the
text, so the template-prompt rule can report them.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ...model import Span
from ..counts import users_affected
from ..evidence import PERSON_NAME
from .blocks import Block
from .common import Output, bold_label, plain
from .sections import Section

TEXT_KEYS = ("summary", "trigger", "resolution")

_DURATION = re.compile(
    r"\b(?:lasting|lasted|for|duration(?: of)?:?|outage of|down for|over)\s+(?:about |approximately |around |roughly |~)?"
    r"(?P<first>\d+(?:\.\d+)?)\s*(?P<unit1>hours?|hrs?|h|minutes?|mins?|m)\b"
    r"(?:\s*(?:and\s+)?(?P<second>\d+)\s*(?:minutes?|mins?|m)\b)?", re.IGNORECASE)
_MONEY = re.compile(r"(?:\b(?:EUR|USD|GBP|CHF|JPY|AUD|CAD)\s?|[$€£¥])\d[\d,]*(?:\.\d+)?\s?(?:[kKmM]\b|million\b|thousand\b)?|"
                    r"\b\d[\d,]*(?:\.\d+)?\s?(?:EUR|USD|GBP|CHF|euros?|dollars?|pounds?)\b")
# A number starts where its run of digits does, runs are read possessively (`++`): a search
# restarting at each digit of a long run before `%`, or at each word of `a.b.c...`, and
# backtracking through it each time, is quadratic (minutes on a 100 KB Impact section).
_BUDGET = re.compile(r"(?<!\d)(?P<pct>\d++(?:\.\d++)?)\s?%\s++of\s++(?:its|the|our)?\s*+(?:[\w-]++\s++){0,2}?"
                     r"(?:error\s++)?budget", re.IGNORECASE)
_SLO_NAME = re.compile(r"(?<![\w.-])[.-]*+\b(?:the\s+)?(?P<name>[\w.-]++)\s++SLO\b")
_NOT_FACING = re.compile(r"\b(?:not|no|wasn't|was not|weren't)\s+(?:\w+\s+)?customer[- ]facing\b|\binternal[- ]only\b|"
                         r"\bno (?:customer|user|external) impact\b|\bcustomers? (?:did not|didn't|were not|weren't) "
                         r"(?:see|notice|affected)", re.IGNORECASE)
_FACING = re.compile(r"\bcustomer[- ]facing\b|\bcustomers? (?:saw|noticed|experienced|were affected|were impacted)\b|"
                     r"\busers? (?:saw|noticed|experienced)\b", re.IGNORECASE)


def _yes_no(text: str) -> bool | None:
    word = text.strip().strip(".").lower()
    return True if word in ("yes", "true", "y") else False if word in ("no", "false", "n") else None


def _customer_facing(text: str) -> bool | None:
    """True/False only when the impact text says so plainly."""
    if _NOT_FACING.search(text):
        return False
    if _FACING.search(text):
        return True
    return None


_DETECTION_METHODS = (
    ("customer", re.compile(r"\b(?:customers?|users?|clients?)\b.{0,40}\b(?:reported|report|complain|noticed|"
                            r"told|contacted|raised|emailed)|support (?:ticket|request)|user reports?|"
                            r"reported by (?:a |an )?(?:customer|user)"
                            # a person's name after the verb ("alerted by Charlie Eriksen from Aikido"),
                            # not a vendor's monitor ("alerted by Google Cloud Monitoring")
                            r"|\b(?:alerted|notified|contacted|informed|warned)\s+by\s+(?-i:" + PERSON_NAME + r")",
                            re.IGNORECASE)),
    ("alert", re.compile(r"\b(?:alert(?:s|ed|ing)?|paged|page fired|pagerduty|opsgenie|alarm(?:s)?)\b", re.IGNORECASE)),
    ("synthetic", re.compile(r"\b(?:synthetic|probe|canary|uptime (?:check|monitor)|health ?check)\b", re.IGNORECASE)),
    ("monitoring", re.compile(r"\b(?:monitoring|dashboard|grafana|datadog|metrics|graph)\b", re.IGNORECASE)),
    ("employee", re.compile(r"\b(?:we noticed|engineer(?:s)? noticed|team noticed|noticed by|an engineer|"
                            r"(?:via|by) (?:an? |the |our )?(?:engineers?|team members?|staff)\b|human inspection|"
                            r"(?:members?|engineers?|maintainers?) (?:noticing|spotting)|"
                            r"a (?:team )?member|colleague|employee|staff|internal(?:ly)? report)", re.IGNORECASE)),
)
# Numbers stay on their line (`[ \t]`, never `\s`): in "Pages: 2\nOff-hours pages: 0" the 2
# belongs to "Pages", not to the "Off-hours" label on the next line. A `Label: N` line
# (the template's form) is read as that label only.
_OFF_HOURS = r"(?:off[- ]hours?|out[- ]of[- ]hours|after[- ]hours|night(?:time)?|overnight)"
_ON_CALL_NUMBERS = (
    ("off_hours_pages", re.compile(r"\b(?P<n>\d+)[ \t]+(?:of (?:them|which|those) )?(?:were )?" + _OFF_HOURS +
                                   r"(?: pages?)?\b|(?m:^)[ \t]*" + _OFF_HOURS +
                                   r"[ \t]+pages?[ \t]*[:=][ \t]*(?P<n2>\d+)\b", re.I)),
    ("pages", re.compile(r"\b(?P<n>\d+)[ \t]+pages?\b|(?m:^)[ \t]*(?:total[ \t]+)?pages?[ \t]*[:=][ \t]*(?P<n2>\d+)\b",
                         re.I)),
    ("responders", re.compile(r"\b(?P<n>\d+)[ \t]+(?:responders?|people responded|engineers (?:responded|were involved))\b|"
                              r"\bresponders?[ \t]*[:=][ \t]*(?P<n2>\d+)\b", re.I)),
    ("person_hours", re.compile(r"\b(?P<n>\d+(?:\.\d+)?)[ \t]+(?:person|engineer|people)[- ]hours?\b|"
                                r"\bperson[- ]hours?[ \t]*[:=][ \t]*(?P<n2>\d+(?:\.\d+)?)\b", re.I)),
    ("escalations", re.compile(r"\b(?P<n>\d+)[ \t]+escalations?\b|\bescalations?[ \t]*[:=][ \t]*(?P<n2>\d+)\b", re.I)),
)


def section_text(blocks: list[Block]) -> tuple[str, Span] | None:
    """The readable text of a section's prose (paragraphs and list items), with its span."""
    parts: list[str] = []
    used: list[Block] = []
    for block in blocks:
        if block.kind not in ("paragraph", "item", "heading") or block.quoted:
            continue
        text = plain(block.text)
        extra = " ".join(plain(more) for more in block.rest if more)
        if extra:
            text = f"{text} {extra}".strip()
        if text:
            parts.append(text)
            used.append(block)
    if not parts:
        return None
    first, last = used[0], used[-1]
    return "\n".join(parts), Span(first.line, first.column, max(last.end_line, first.line), max(last.end_column, 1))


def classify_detection(text: str) -> str | None:
    """alert | monitoring | synthetic | customer | employee, by the earliest keyword; None when unclear."""
    best: tuple[int, str] | None = None
    for method, pattern in _DETECTION_METHODS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), method)
    return best[1] if best else None


def duration_minutes(text: str) -> int | None:
    match = _DURATION.search(text)
    if not match:
        return None
    amount = float(match.group("first"))
    minutes = amount * 60 if match.group("unit1").lower().startswith("h") else amount
    if match.group("second"):
        minutes += int(match.group("second"))
    if not math.isfinite(minutes):  # "999...9 minutes": a float overflows to infinity, no duration
        return None
    return int(round(minutes))


def on_call_numbers(text: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, pattern in _ON_CALL_NUMBERS:
        match = pattern.search(text)
        if match:
            number = match.group("n") or match.group("n2") if "n2" in pattern.groupindex else match.group("n")
            if number is None:
                continue
            found[key] = float(number) if key == "person_hours" else int(float(number))
    return found


def extract_fields(sections: list[Section], out: Output) -> None:
    """Every prose section, merged per key in document order."""
    merged: dict[tuple[str, str | None], list[Block]] = {}
    for section in sections:
        merged.setdefault((section.key, section.sub), []).extend(section.blocks)
    for key in TEXT_KEYS:
        found = section_text(merged.get((key, None), []))
        if found:
            out.put(f"/{key}", found[0], found[1])
    _impact(merged.get(("impact", None), []), out)
    _detection(merged.get(("detection", None), []), out)
    _on_call(merged.get(("on_call", None), []), out)
    _toil([section for section in sections if section.key == "on_call"], out)
    _lessons(merged, out)
    _layer_analysis(merged.get(("layer_analysis", None), []), out)
    _related(merged.get(("related_incidents", None), []), out)


def _impact(blocks: list[Block], out: Output) -> None:
    found = section_text(blocks)
    if not found:
        return
    text, span = found
    out.put("/impact/description", text, span)
    minutes = duration_minutes(text)
    if minutes is not None:
        out.put("/impact/duration_minutes", minutes, span)
    revenue = _MONEY.search(text)
    if revenue:
        out.put("/impact/revenue", revenue.group(0).strip(), span)
    budget = _BUDGET.search(text)
    if budget:
        out.put("/impact/slo/budget_consumed", round(float(budget.group("pct")) / 100, 4), span)
        name = _SLO_NAME.search(text)
        if name:
            out.put("/impact/slo/name", name.group("name"), span)
    stated = labelled_lines(blocks)
    label = stated.get("customer-facing") or stated.get("customer facing")
    facing = _yes_no(label[0]) if label else None  # the template's `Customer-facing: no`
    if facing is None:
        facing = _customer_facing(text)
    if facing is not None:
        out.put("/impact/customer_facing", facing, span)
    users = users_affected(text)
    if users is not None:
        out.put("/impact/users_affected", users, span)


_LABEL_LINE = re.compile(r"^[ \t]*(?P<label>[A-Za-z][A-Za-z -]{0,30}?)[ \t]*:[ \t]*(?P<value>\S.*)$")
_DETECTION_LABELS = {"method": "method", "detection method": "method", "source": "source", "detected by": "source",
                     "gap": "gap", "detection gap": "gap"}
_METHODS = ("alert", "monitoring", "synthetic", "customer", "employee", "other")


def labelled_lines(blocks: list[Block]) -> dict[str, tuple[str, Span]]:
    """`Label: value` lines of a section (list items or paragraph lines, bold or not, as
    the template writes them: `- Method: alert`), by lower-cased label; the first wins."""
    found: dict[str, tuple[str, Span]] = {}
    for block in blocks:
        if block.kind not in ("item", "paragraph") or block.quoted:
            continue
        span = Span(block.line, block.column, block.end_line, block.end_column)
        for line in plain(block.text).splitlines():
            match = _LABEL_LINE.match(line)
            if match:
                found.setdefault(match.group("label").strip().lower(), (match.group("value").strip(), span))
    return found


def _detection(blocks: list[Block], out: Output) -> None:
    found = section_text(blocks)
    if not found:
        return
    text, span = found
    lines = labelled_lines(blocks)
    labels = {field: lines[label] for label, field in _DETECTION_LABELS.items() if label in lines}
    if labels:  # the template's form: `- Method: alert`, `- Source: ...`, `- Gap: ...`
        for field in ("source", "gap"):
            if field in labels:
                out.put(f"/detection/{field}", *labels[field])
        stated = labels.get("method", ("", span))
        method = stated[0].lower() if stated[0].lower() in _METHODS else classify_detection(stated[0] or text)
        if method:
            out.put("/detection/method", method, stated[1])
        return
    out.put("/detection/source", text, span)
    method = classify_detection(text)
    if method:
        out.put("/detection/method", method, span)


def _on_call(blocks: list[Block], out: Output) -> None:
    found = section_text(blocks)
    if not found:
        return
    text, span = found
    numbers = on_call_numbers(text)
    for key, value in numbers.items():
        out.put(f"/on_call/{key}", value, span)
    out.put("/on_call/notes", text, span)


_TOIL_HEADING = re.compile(r"^\W*(?:toil|manual steps?|manual work)\b", re.IGNORECASE)


def _toil(sections: list[Section], out: Output) -> None:
    """Bullets under a "Toil" / "Manual steps" heading or label → `on_call.toil`."""
    entries: list[tuple[str, Span]] = []
    for section in sections:
        opener = plain(section.heading.text) if section.heading is not None else ""
        active = bool(_TOIL_HEADING.match(opener))
        for block in section.blocks:
            if block.kind == "heading":
                active = bool(_TOIL_HEADING.match(plain(block.text)))
            elif block.kind == "label":
                active = bool(_TOIL_HEADING.match(plain(block.text)))
            elif block.kind == "item" and active and plain(block.text):
                entries.append((plain(block.text), Span(block.line, block.column, block.end_line, block.end_column)))
            elif block.kind in ("item", "paragraph") and not active:  # the template's `- Toil: ...` line
                lines = labelled_lines([block])
                label = lines.get("toil") or lines.get("manual steps")
                if label:
                    entries.append(label)
    _put_list(out, "/on_call/toil", entries)


#: A lesson's label without bold: `Went well: ...`, `*What went badly*: ...`, `Got lucky - ...`.
_LESSON_LABEL = re.compile(r"^[ \t]*[*_]{0,2}(?P<label>[A-Za-z][A-Za-z '’?]{1,50}?)[ \t]*"
                           r"(?:[:：][*_]{0,2}|[*_]{1,2}[ \t]*[:：]|[*_]{0,2}[ \t]+[—–-])[ \t]*")


def lesson_label(text: str) -> tuple[str, str] | None:
    """(went_well | went_wrong | got_lucky, rest) when `text` opens with a label naming one
    of them, bold or plain, in any of the usual wordings, case-insensitively (`**Went
    well:** ...`, `What went badly: ...`, `- Where we got lucky - ...`); else None."""
    label = bold_label(text)
    if label is None:
        match = _LESSON_LABEL.match(text)
        if match is None:
            return None
        label = (match.group("label"), text[match.end():])
    found = _lesson_table().match(label[0].strip(), allow_prefix=False)
    if found is None or found.key != "lessons" or not found.sub:
        return None
    return found.sub, label[1]


def _lessons(merged: dict[tuple[str, str | None], list[Block]], out: Output) -> None:
    """Lists under what went well / wrong / where we got lucky; labelled bullets too.

    A bullet or paragraph that opens with a lesson label (`- Went well: ...`, `- **What
    went wrong:** ...`, `Got lucky - ...`, see `lesson_label`) goes to that list, its span
    starting after the label; a label with nothing after it (`- Went well:` with nested
    bullets, or a `What went wrong:` paragraph before a list) sends the items under it
    there. Lessons under a plain "Lessons learned" heading that fit none of the three go
    to `lessons.learned` so their text is still checked.
    """
    lists: dict[str, list[tuple[str, Span]]] = {"went_well": [], "went_wrong": [], "got_lucky": [], "learned": []}
    for (key, sub), blocks in merged.items():
        if key != "lessons":
            continue
        active: tuple[str, int] | None = None  # (target, level) of a label that has nothing after it
        for block in blocks:
            if block.kind not in ("item", "paragraph") or block.quoted:
                if block.kind == "heading":
                    active = None
                continue
            level = block.level if block.kind == "item" else -1
            if active is not None and (block.kind == "paragraph" or level <= active[1]):
                active = None
            target = active[0] if active is not None else sub or "learned"
            text = block.text
            column = block.column
            label = lesson_label(text)
            if label is not None:
                target, text = label
                prefix = block.text[:len(block.text) - len(text)]
                if "\n" not in prefix:
                    column = block.column + len(prefix)
                if not plain(text):
                    active = (target, level)
                    continue
            plain_text = plain(text)
            if plain_text:
                end_column = block.end_column if block.end_line > block.line else max(block.end_column, column)
                lists[target].append((plain_text, Span(block.line, column, block.end_line, end_column)))
    for target, entries in lists.items():
        entries.sort(key=lambda entry: (entry[1].line, entry[1].column))  # bold labels open sections of their own
        _put_list(out, f"/lessons/{target}", entries)
    if "lessons" in out.data:
        for target, entries in lists.items():
            for _, span in entries:
                out.widen("/lessons", span)


def _put_list(out: Output, pointer: str, entries: list[tuple[str, Span]]) -> None:
    """A list of strings, each with its own span, the list spanning them all."""
    if not entries:
        return
    first = min((span for _, span in entries), key=lambda span: (span.line, span.column))
    last = max((span for _, span in entries), key=lambda span: (span.end_line, span.end_column))
    out.put(pointer, [text for text, _ in entries], Span(first.line, first.column, last.end_line, last.end_column))
    for index, (_, span) in enumerate(entries):
        out.spans[f"{pointer}/{index}"] = span


_TABLE = None


def _lesson_table():
    global _TABLE
    if _TABLE is None:
        from .sections import AliasTable

        _TABLE = AliasTable()
    return _TABLE


def _layer_analysis(blocks: list[Block], out: Output) -> None:
    for block in blocks:
        if block.kind not in ("item", "paragraph"):
            continue
        label = bold_label(block.text)
        if label is None:
            continue
        layer = label[0].lower().replace(" layer", "").strip()
        layer = {"infra": "infrastructure"}.get(layer, layer)
        if layer in ("code", "infrastructure", "architecture") and plain(label[1]):
            out.put(f"/layer_analysis/{layer}", plain(label[1]),
                    Span(block.line, block.column, block.end_line, block.end_column))


#: A file or script named by its path ("`/opt/docs/appset.yaml`", "templates/v2/new.sh"): under
#: a "Related" or "See also" heading, a pointer to code or docs, not an earlier incident.
_FILE_PATH = re.compile(r"[\w.~-]{0,80}/[\w./-]{1,200}\.[A-Za-z]{1,5}\b"
                        # a file named alone: "[PVE2_CPU_RMA_EVIDENCE.md](PVE2_CPU_RMA_EVIDENCE.md)"
                        r"|(?<![\w.-])[\w-]{1,80}\.(?:md|markdown|txt|rst|adoc|sh|py|ya?ml|json|toml|conf|cfg|ini|js|ts|go|rs|rb)\b",
                        re.IGNORECASE)
#: Words that make an entry an incident whatever else it names.
_INCIDENT_WORD = re.compile(r"\b(?:incident|outage|post-?mortem|rca|INC-?\d+|downtime|disruption)\b|\b\d{4}-\d{2}-\d{2}\b",
                            re.IGNORECASE)


def _related(blocks: list[Block], out: Output) -> None:
    """The earlier incidents a "Related incidents" / "See also" list names; an entry that
    only points at a file ("Service catalog regen: `/opt/docs/regen.sh`") is left out."""
    entries = [(plain(block.text), Span(block.line, block.column, block.end_line, block.end_column))
               for block in blocks if block.kind == "item" and not block.quoted and plain(block.text)
               # (the link target counts: "[proj.reliability](../projects/proj.reliability.md)")
               and not (_FILE_PATH.search(block.text[:500]) and not _INCIDENT_WORD.search(block.text[:500]))]
    _put_list(out, "/related_incidents", entries)

"""The Markdown report: GitHub-flavoured tables for a job summary, a wiki page or a PR
comment. Every cell is escaped, so a title with `|` or `<script>` stays text."""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence, TextIO

from .common import minutes, percent, severity_cell

#: rows per table before "… and N more" (a PR comment has a size limit)
MAX_ROWS = 50


def cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    text = re.sub(r"\s+", " ", str(value)).strip()
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "*_`[]":
        text = text.replace(char, "\\" + char)
    return text


def link(text: str, target: str) -> str:
    safe = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{cell(text)}]({safe})"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], raw: Iterable[int] = ()) -> list[str]:
    raw = set(raw)
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows[:MAX_ROWS]:
        out.append("| " + " | ".join(str(v) if i in raw else cell(v) for i, v in enumerate(row)) + " |")
    if len(rows) > MAX_ROWS:
        out.append("")
        out.append(f"… and {len(rows) - MAX_ROWS} more (see the JSON or HTML report).")
    return out + [""]


def render(model: dict[str, Any], stream: TextIO) -> None:
    stream.write("\n".join(lines(model)) + "\n")


def lines(model: dict[str, Any]) -> list[str]:
    docs = model["documents"]
    out = ["# Incident history: durability report", ""]
    out.append(f"{docs['analysed']} incidents analysed of {docs['found']} documents found "
               f"({len(docs['unreadable'])} unreadable, {len(docs['undated'])} without a date, "
               f"{docs['excluded_by_filters']} left out by filters); today is {model['today']}.")
    out.append("")
    if model["next"]:
        out += ["## What to do next", ""] + [f"- {cell(step['text'])}" for step in model["next"]] + [""]
    out += _over_time(model) + _detection(model) + _layers(model) + _on_call(model)
    out += _items(model) + _recurrence(model) + _durability(model) + _rules(model) + _incidents(model)
    out += _problems(model)
    return out


def _over_time(model: dict[str, Any]) -> list[str]:
    severities = model["severities"]
    rows = []
    for quarter, bucket in model["over_time"]["quarter"].items():
        rows.append([quarter, bucket["total"]] + [
            f"{bucket['by_severity'].get(s, 0)}" + (f" ({bucket['inferred'][s]} inferred)" if bucket["inferred"].get(s)
                                                   else "") for s in severities])
    return ["## Incidents per quarter", ""] + table(["quarter", "incidents", *severities], rows)


def _detection(model: dict[str, Any]) -> list[str]:
    detection = model["detection"]
    rows = [[severity, minutes(stats["ttd"]), minutes(stats["ttm"])]
            for severity, stats in detection["by_severity"].items()]
    note = (f"Median time to detect / mitigate. Unknown for {detection['unknown_ttd']} and "
            f"{detection['unknown_ttm']} incidents respectively (left out of the medians).")
    out = ["## Time to detect and mitigate", "", note, ""] + table(["severity", "time to detect",
                                                                     "time to mitigate"], rows)
    trend = [[quarter, severity, minutes(stats["ttd"]), minutes(stats["ttm"])]
             for quarter, row in detection["by_quarter"].items() for severity, stats in row.items()
             if stats["ttd"]["n"] or stats["ttm"]["n"]]
    if trend:
        out += ["### Per quarter", ""] + table(["quarter", "severity", "time to detect", "time to mitigate"], trend)
    return out


def _layers(model: dict[str, Any]) -> list[str]:
    layers = model["layers"]
    rows = [[layer, row["causes"], row["durable_fixes"], row["gap"]] for layer, row in layers["by_layer"].items()]
    out = ["## Layer gap: root causes vs durable fixes", ""]
    if layers["biggest_gap"]:
        out += [f"**{cell(layers['biggest_gap']['text'])}**", ""]
    out += table(["layer", "root causes", "durable fixes", "gap"], rows)
    out += [f"Causes with no known layer: {layers['unknown_layer_causes']}; durable items with no known layer: "
            f"{layers['unknown_layer_fixes']}.", ""]
    return out


def _on_call(model: dict[str, Any]) -> list[str]:
    on_call = model["on_call"]
    rows = [[q, b["incidents"], b["reported"], b["pages"], b["off_hours_pages"], b["responders"], b["person_hours"],
             b["toil_incidents"]] for q, b in on_call["quarter"].items()]
    out = ["## On-call burden", ""] + table(["quarter", "incidents", "with figures", "pages", "off-hours pages",
                                             "responders", "person-hours", "with toil"], rows)
    if on_call["woke_without_fix"]:
        out += ["Woke someone, and no action item reduces paging or automates the response:", ""]
        out += [f"- {cell(path)}" for path in on_call["woke_without_fix"]] + [""]
    return out


def _items(model: dict[str, Any]) -> list[str]:
    items = model["action_items"]
    out = ["## Action items", "",
           f"{items['total']} items: {items['open']} open, {items['done']} done, **{items['overdue']} overdue**; "
           f"{items['no_owner']} without an owner, {items['no_due']} without a due date.", ""]
    overdue = [row for row in items["items"] if row["overdue"]]
    if overdue:
        out += ["### Overdue", ""]
        out += table(["item", "owner", "team", "due", "days overdue", "incident"],
                     [[row["title"], row["owner"], row["team"], row["due"], row["days_overdue"],
                       link(row["incident"], row["link"])] for row in overdue], raw=[5])
    out += ["### By owner", ""] + table(["owner", "open", "overdue", "done"],
                                        [[name, b["open"], b["overdue"], b["done"]]
                                         for name, b in items["by_owner"].items()])
    if any(name != "(none)" for name in items["by_team"]):
        out += ["### By team", ""] + table(["team", "open", "overdue", "done"],
                                           [[name, b["open"], b["overdue"], b["done"]]
                                            for name, b in items["by_team"].items()])
    out += ["### Completion per quarter (by incident date)", ""]
    out += table(["quarter", "done", "items", "completion"],
                 [[q, b["done"], b["total"], percent(b["rate"])] for q, b in items["completion_by_quarter"].items()])
    return out


def _recurrence(model: dict[str, Any]) -> list[str]:
    groups = model["recurrence"]["groups"]
    rows = [[g["kind"], g["key"], g["count"], "yes" if g["architecture_fix"] else "**no**",
             ", ".join(cell(path) for path in g["incidents"][:6]) + (", …" if g["count"] > 6 else "")]
            for g in groups]
    return ["## Recurrence", ""] + table(["shared", "what", "incidents", "repeat got an architecture fix",
                                          "incidents (by date)"], rows, raw=[3, 4])


def _durability(model: dict[str, Any]) -> list[str]:
    durability = model["durability"]
    rows = [[q, b["score"], b["incidents"]] for q, b in durability["by_quarter"].items()]
    return ["## Durability score", "", f"Overall: **{durability['overall']}**. Formula: {cell(durability['formula'])}.",
            ""] + table(["quarter", "score", "incidents"], rows)


def _rules(model: dict[str, Any]) -> list[str]:
    rows = [[f"{r['id']} {r['name']}", r["findings"], r["documents"]] for r in model["rules"][:10]]
    return ["## Most violated rules", ""] + table(["rule", "findings", "postmortems"], rows)


def _incidents(model: dict[str, Any]) -> list[str]:
    def figure(value: dict | None) -> str | None:
        if not value:
            return None
        return f"{value['value']:g}" + (" (inferred)" if value.get("inferred") else "")

    rows = [[link(row["title"] or row["path"], row["link"]), row["date"], severity_cell(row),
             ", ".join(row["services"]), figure(row["time_to_detect_minutes"]),
             figure(row["time_to_mitigate_minutes"]), row["pages"], row["off_hours_pages"], row["score"]]
            for row in model["incidents"]]
    return ["## Incidents", ""] + table(["incident", "date", "severity", "services", "detect (min)",
                                         "mitigate (min)", "pages", "off-hours pages", "score"], rows, raw=[0])


def _problems(model: dict[str, Any]) -> list[str]:
    docs = model["documents"]
    out: list[str] = []
    if docs["unreadable"]:
        out += ["## Unreadable documents", ""] + table(["file", "reason"],
                                                        [[d["path"], d["reason"]] for d in docs["unreadable"]])
    if docs["undated"]:
        dated_filter = model["filters"]["since"] or model["filters"]["until"]
        note = ("Left out of the metrics: --since/--until cannot place them." if dated_filter
                else "Counted in every metric that needs no date; in no period.")
        out += ["## Documents without a date", "", note, ""]
        out += [f"- {cell(path)}" for path in docs["undated"]] + [""]
    return out

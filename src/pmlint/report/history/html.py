"""The HTML report: one self-contained page that opens offline (a CI artifact).

Charts are drawn by plotly.js, which the `plotly` package (the `pmlint[report]` extra)
ships; its JavaScript is inlined, so the page needs no network. Only this module
imports plotly, and only when `--format html` is chosen. Tables sort on a header click
(a few lines of inline JS). Every text from a postmortem is HTML-escaped, and the chart
data is embedded as JSON with `</` escaped, so a title cannot close the script.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, Sequence, TextIO

from ...errors import PmlintError
from .common import minutes, percent, severity_cell

INSTALL_HINT = ("the HTML report needs the charting extra: pip install 'pmlint[report]' "
                "(or use --format markdown or --format json)")
#: rows shown per table; the JSON report has them all
MAX_ROWS = 500
COLORS = {"SEV1": "#b91c1c", "SEV2": "#ea580c", "SEV3": "#ca8a04", "SEV4": "#65a30d", "unknown": "#6b7280"}


def plotly_js() -> str:
    """plotly.min.js from the installed `plotly` package, or a one-line usage error."""
    try:
        from plotly.offline import get_plotlyjs  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise PmlintError(INSTALL_HINT) from None
    return get_plotlyjs()


def require() -> None:
    """Fail early (before reading 10,000 files) when the extra is missing."""
    try:
        import plotly  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        raise PmlintError(INSTALL_HINT) from None


def render(model: dict[str, Any], stream: TextIO) -> None:
    script = plotly_js()
    charts = _charts(model)
    stream.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>Incident history: durability report</title>\n<style>" + CSS + "</style>\n")
    stream.write("<script>")
    stream.write(script.replace("</script", "<\\/script"))
    stream.write("</script>\n</head><body>\n")
    stream.write(_body(model, charts))
    data = json.dumps(charts, ensure_ascii=False).replace("</", "<\\/")
    stream.write(f"<script>const CHARTS = {data};\n{JS}</script>\n</body></html>\n")


# -- charts (plotly figure specs) -------------------------------------------------------

def _charts(model: dict[str, Any]) -> dict[str, Any]:
    charts: dict[str, Any] = {}
    months = model["over_time"]["month"]
    if months:
        traces = []
        for s in model["severities"]:  # an inferred severity is a hatched part of its bar
            stated = [bucket["by_severity"].get(s, 0) - bucket["inferred"].get(s, 0) for bucket in months.values()]
            inferred = [bucket["inferred"].get(s, 0) for bucket in months.values()]
            traces.append({"type": "bar", "name": s, "x": list(months), "y": stated,
                           "marker": {"color": COLORS.get(s, "#6366f1")}})
            if any(inferred):
                traces.append({"type": "bar", "name": f"{s} (inferred)", "x": list(months), "y": inferred,
                               "marker": {"color": COLORS.get(s, "#6366f1"), "pattern": {"shape": "/"}}})
        charts["chart-incidents"] = {
            "data": traces,
            "layout": {"barmode": "stack", "title": {"text": "Incidents per month by severity"},
                       "xaxis": {"type": "category"},
                       "yaxis": {"title": {"text": "incidents"}, "dtick": 1}}}
    timed = [row for row in model["incidents"] if row["date"] and (row["time_to_detect_minutes"]
                                                                     or row["time_to_mitigate_minutes"])]
    if timed:
        traces = []
        for key, label, symbol in (("time_to_detect_minutes", "time to detect", "circle"),
                                   ("time_to_mitigate_minutes", "time to mitigate", "diamond")):
            for severity in model["severities"]:
                rows = [row for row in timed if row[key] and row["severity"] == severity]
                if rows:
                    traces.append({"type": "scatter", "mode": "markers", "name": f"{label} {severity}",
                                   "x": [row["date"] for row in rows], "y": [row[key]["value"] for row in rows],
                                   # plotly reads a little HTML in hover text: escape it
                                   "text": [escape(row["title"] or row["path"]) for row in rows],
                                   "marker": {"symbol": symbol, "size": 10, "color": COLORS.get(severity, "#6366f1")}})
        charts["chart-ttd"] = {"data": traces, "layout": {"title": {"text": "Time to detect and mitigate"},
                                                          "yaxis": {"title": {"text": "minutes"}}}}
    layers = model["layers"]["by_layer"]
    charts["chart-layers"] = {
        "data": [{"type": "bar", "name": "root causes", "x": list(layers), "marker": {"color": "#b91c1c"},
                  "y": [row["causes"] for row in layers.values()]},
                 {"type": "bar", "name": "durable fixes", "x": list(layers), "marker": {"color": "#15803d"},
                  "y": [row["durable_fixes"] for row in layers.values()]}],
        "layout": {"barmode": "group", "title": {"text": "Layer gap: root causes vs durable fixes"}}}
    burden = model["on_call"]["month"]
    if burden:
        charts["chart-oncall"] = {
            "data": [{"type": "bar", "name": "pages", "x": list(burden), "y": [b["pages"] for b in burden.values()],
                      "marker": {"color": "#2563eb"}},
                     {"type": "bar", "name": "off-hours pages", "x": list(burden),
                      "y": [b["off_hours_pages"] for b in burden.values()], "marker": {"color": "#1e1b4b"}},
                     {"type": "scatter", "mode": "lines+markers", "name": "person-hours", "x": list(burden),
                      "y": [b["person_hours"] for b in burden.values()], "yaxis": "y2",
                      "line": {"color": "#d97706"}}],
            "layout": {"barmode": "group", "title": {"text": "On-call burden per month"},
                       "xaxis": {"type": "category"},
                       "yaxis": {"title": {"text": "pages"}, "rangemode": "tozero"},
                       "yaxis2": {"title": {"text": "person-hours"}, "overlaying": "y", "side": "right",
                                  "rangemode": "tozero", "showgrid": False}}}
    quarters = model["durability"]["by_quarter"]
    completion = model["action_items"]["completion_by_quarter"]
    if quarters:
        charts["chart-durability"] = {
            "data": [{"type": "scatter", "mode": "lines+markers", "name": "durability score",
                      "x": list(quarters), "y": [b["score"] for b in quarters.values()], "line": {"color": "#15803d"}},
                     {"type": "bar", "name": "action items done (%)", "x": list(completion),
                      "y": [round((b["rate"] or 0) * 100) for b in completion.values()],
                      "marker": {"color": "#a7f3d0"}}],
            "layout": {"title": {"text": "Durability score and item completion per quarter"},
                       "xaxis": {"type": "category"},
                       "yaxis": {"range": [0, 105]}}}
    for chart in charts.values():
        chart["layout"].update({"height": 340, "margin": {"t": 48, "r": 56, "b": 48, "l": 56},
                                "legend": {"orientation": "h", "y": -0.2, "traceorder": "normal"},
                                "font": {"size": 12}})
    return charts


# -- page -------------------------------------------------------------------------------

def _body(model: dict[str, Any], charts: dict[str, Any]) -> str:
    docs = model["documents"]
    parts = ["<header><h1>Incident history: durability report</h1>",
             f"<p class=\"meta\">{docs['analysed']} incidents analysed of {docs['found']} documents found "
             f"({len(docs['unreadable'])} unreadable, {len(docs['undated'])} without a date, "
             f"{docs['excluded_by_filters']} left out by filters) &middot; today is {escape(model['today'])}</p>"
             "</header>"]
    if model["next"]:
        parts.append("<section class=\"next\"><h2>What to do next</h2><ol>"
                     + "".join(f"<li>{escape(step['text'])}</li>" for step in model["next"]) + "</ol></section>")
    parts.append(_tiles(model))
    parts.append("<section class=\"charts\">" + "".join(
        f"<div class=\"chart\" id=\"{name}\"></div>" for name in charts) + "</section>")
    if "chart-ttd" not in charts:
        parts.append("<p class=\"note\">No incident has a known time to detect or mitigate yet.</p>")
    parts.append(_sections(model))
    return "\n".join(parts)


def _tiles(model: dict[str, Any]) -> str:
    items, on_call, layers = model["action_items"], model["on_call"]["totals"], model["layers"]
    gap = layers["biggest_gap"]
    tiles = [("incidents", model["documents"]["analysed"]),
             ("overdue items", items["overdue"]),
             ("open items", items["open"]),
             ("off-hours pages", on_call["off_hours_pages"]),
             ("person-hours", on_call["person_hours"]),
             ("durability score", model["durability"]["overall"] if model["durability"]["overall"] is not None
              else "n/a"),
             ("biggest layer gap", gap["text"] if gap else "none")]
    return "<section class=\"tiles\">" + "".join(
        f"<div class=\"tile\"><div class=\"value\">{escape(str(value))}</div><div class=\"label\">{escape(label)}"
        "</div></div>" for label, value in tiles) + "</section>"


def _table(table_id: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], raw: Sequence[int] = ()) -> str:
    head = "".join(f"<th title=\"sort\">{escape(h)}</th>" for h in headers)
    body = []
    for row in rows[:MAX_ROWS]:
        cells = []
        for index, value in enumerate(row):
            sort = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            shown = "" if value is None else (str(value) if index in raw else escape(str(value)))
            attr = f" data-sort=\"{sort}\"" if sort is not None else ""
            cells.append(f"<td{attr}>{shown}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (f"<p class=\"note\">{len(rows) - MAX_ROWS} more rows in the JSON report.</p>"
            if len(rows) > MAX_ROWS else "")
    return (f"<table class=\"sortable\" id=\"{table_id}\"><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>{more}")


def _link(text: str, target: str) -> str:
    return f"<a href=\"{escape(target, quote=True)}\">{escape(text)}</a>"


def _sections(model: dict[str, Any]) -> str:
    out = []
    incidents = model["incidents"]
    out.append("<h2>Incidents</h2>" + _table("table-incidents", [
        "incident", "date", "severity", "services", "time to detect (min)", "time to mitigate (min)", "pages",
        "off-hours pages", "errors", "warnings", "score"], [
        [_link(r["title"] or r["path"], r["link"]), r["date"], severity_cell(r), ", ".join(r["services"]),
         (r["time_to_detect_minutes"] or {}).get("value"), (r["time_to_mitigate_minutes"] or {}).get("value"),
         r["pages"], r["off_hours_pages"], r["findings"]["error"], r["findings"]["warning"], r["score"]]
        for r in incidents], raw=[0]))
    items = model["action_items"]
    out.append(f"<h2>Action items</h2><p>{items['total']} items: {items['open']} open, {items['done']} done, "
               f"<strong>{items['overdue']} overdue</strong>; {items['no_owner']} without an owner, "
               f"{items['no_due']} without a due date.</p>")
    out.append(_table("table-items", ["item", "owner", "team", "due", "status", "overdue (days)", "age (days)",
                                      "layer", "incident"],
                      [[r["title"], r["owner"], r["team"], r["due"], r["status"] or ("done" if r["done"] else "open"),
                        r["days_overdue"], r["age_days"], r["layer"], _link(r["incident"], r["link"])]
                       for r in items["items"]], raw=[8]))
    out.append("<h3>By owner</h3>" + _table("table-owners", ["owner", "open", "overdue", "done"],
                                            [[n, b["open"], b["overdue"], b["done"]]
                                             for n, b in items["by_owner"].items()]))
    out.append("<h3>By team</h3>" + _table("table-teams", ["team", "open", "overdue", "done"],
                                           [[n, b["open"], b["overdue"], b["done"]]
                                            for n, b in items["by_team"].items()]))
    out.append("<h3>Completion per quarter</h3>" + _table("table-completion", ["quarter", "done", "items", "completion"],
               [[q, b["done"], b["total"], percent(b["rate"])] for q, b in items["completion_by_quarter"].items()]))
    detection = model["detection"]
    out.append("<h2>Time to detect and mitigate (median)</h2>" + _table(
        "table-detection", ["severity", "time to detect", "time to mitigate"],
        [[s, minutes(v["ttd"]), minutes(v["ttm"])] for s, v in detection["by_severity"].items()])
        + f"<p class=\"note\">Unknown for {detection['unknown_ttd']} / {detection['unknown_ttm']} incidents "
          "(left out of the medians).</p>")
    layers = model["layers"]
    out.append("<h2>Layer gap</h2>" + _table("table-layers", ["layer", "root causes", "durable fixes", "gap"],
               [[n, r["causes"], r["durable_fixes"], r["gap"]] for n, r in layers["by_layer"].items()])
               + f"<p class=\"note\">Causes with no known layer: {layers['unknown_layer_causes']}; durable items "
                 f"with no known layer: {layers['unknown_layer_fixes']}.</p>")
    on_call = model["on_call"]
    out.append("<h2>On-call burden</h2>" + _table("table-oncall", [
        "month", "incidents", "with figures", "pages", "off-hours pages", "responders", "person-hours", "with toil",
        "woke someone"], [[m, b["incidents"], b["reported"], b["pages"], b["off_hours_pages"], b["responders"],
                           b["person_hours"], b["toil_incidents"], b["woke_someone"]]
                          for m, b in on_call["month"].items()]))
    if on_call["woke_without_fix"]:
        out.append("<p>Woke someone, and no action item reduces paging or automates the response:</p><ul>"
                   + "".join(f"<li>{escape(p)}</li>" for p in on_call["woke_without_fix"]) + "</ul>")
    groups = model["recurrence"]["groups"]
    out.append("<h2>Recurrence</h2>" + _table("table-recurrence", [
        "shared", "what", "incidents", "repeat got an architecture fix", "incidents (by date)"],
        [[g["kind"], g["key"], g["count"], "yes" if g["architecture_fix"] else "no",
          ", ".join(g["incidents"][:8]) + (", ..." if g["count"] > 8 else "")] for g in groups]))
    durability = model["durability"]
    out.append(f"<h2>Durability score</h2><p>Overall: <strong>{durability['overall']}</strong>. "
               f"<code>{escape(durability['formula'])}</code></p>")
    out.append("<h2>Most violated rules</h2>" + _table("table-rules", ["rule", "name", "findings", "postmortems"],
               [[r["id"], r["name"], r["findings"], r["documents"]] for r in model["rules"]]))
    docs = model["documents"]
    if docs["unreadable"]:
        out.append("<h2>Unreadable documents</h2>" + _table("table-unreadable", ["file", "reason"],
                   [[d["path"], d["reason"]] for d in docs["unreadable"]]))
    if docs["undated"]:
        dated_filter = model["filters"]["since"] or model["filters"]["until"]
        note = ("Left out of the metrics: --since/--until cannot place them." if dated_filter
                else "Counted in every metric that needs no date; in no period.")
        out.append(f"<h2>Documents without a date</h2><p class=\"note\">{note}</p><ul>"
                   + "".join(f"<li>{escape(p)}</li>" for p in docs["undated"]) + "</ul>")
    return "\n".join(out)


CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#111827;background:#f9fafb}
h1{margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #e5e7eb;padding-bottom:.2em}
.meta,.note{color:#4b5563}
.next{background:#fff7ed;border:1px solid #fdba74;border-radius:8px;padding:4px 16px}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.tile{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px 14px;min-width:120px}
.tile .value{font-size:20px;font-weight:600}.tile .label{color:#6b7280;font-size:12px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:12px}
.chart{background:#fff;border:1px solid #e5e7eb;border-radius:8px;min-height:340px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6;cursor:pointer;user-select:none}th.asc:after{content:" \\25B2"}th.desc:after{content:" \\25BC"}
"""

JS = """
const drawn = Object.entries(CHARTS).map(([id, fig]) =>
  Plotly.newPlot(id, fig.data, fig.layout, {displayModeBar: false, responsive: true}));
function cellKey(row, index) {
  const cell = row.children[index];
  if (!cell) return "";
  const sort = cell.getAttribute("data-sort");
  return sort !== null ? parseFloat(sort) : cell.textContent.trim().toLowerCase();
}
for (const table of document.querySelectorAll("table.sortable")) {
  table.querySelectorAll("th").forEach((th, index) => th.addEventListener("click", () => {
    const body = table.tBodies[0];
    const ascending = !th.classList.contains("asc");
    table.querySelectorAll("th").forEach(other => other.classList.remove("asc", "desc"));
    th.classList.add(ascending ? "asc" : "desc");
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = cellKey(a, index), y = cellKey(b, index);
      const blankX = x === "", blankY = y === "";
      if (blankX || blankY) return blankX - blankY;
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(row => body.appendChild(row));
  }));
}
// for tests and screenshots: how many chart boxes plotly actually drew into
Promise.all(drawn).then(() => document.body.setAttribute("data-charts-drawn",
  String(Array.from(document.querySelectorAll(".chart")).filter(box => box.querySelector("svg.main-svg")).length)));
"""

"""`pmlint report` metrics on the example history (examples/history/), checked exactly.

Every figure below was worked out by hand from the thirteen documents (see the comments);
they state every fact the report counts except the detection times, which inference
reads from each timeline. The durability scores and rule counts are checked against the
lint run itself, so a change to a rule's wording or reach does not need editing here.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pmlint.config import load_config, select_rules
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.history import ReportRequest, run_report
from pmlint.infer import build_profile
from pmlint.load import load_path

HISTORY = Path(__file__).resolve().parent.parent / "examples" / "history"
TODAY = date(2026, 1, 15)


def report(**overrides):
    request = ReportRequest(**{"paths": (str(HISTORY),), "config_path": str(HISTORY / ".pmlint.yaml"),
                               "today": TODAY, "jobs": 1, **overrides})
    return run_report(request)


@pytest.fixture(scope="module")
def model():
    return report()


def name(path: str) -> str:
    return Path(path).name


def test_documents_counted_and_the_undated_draft_listed(model):
    docs = model["documents"]
    assert (docs["found"], docs["analysed"], docs["excluded_by_filters"]) == (13, 13, 0)
    assert docs["unreadable"] == []
    assert [name(path) for path in docs["undated"]] == ["draft-email-throttling.md"]
    assert model["format"] == "pmlint-report" and model["version"] == 1 and model["today"] == "2026-01-15"


def test_incidents_per_quarter_and_month_by_severity(model):
    quarters = model["over_time"]["quarter"]
    assert {q: (b["total"], b["by_severity"]) for q, b in quarters.items()} == {
        "2025-Q1": (3, {"SEV2": 2, "SEV3": 1}),
        "2025-Q2": (3, {"SEV4": 1, "SEV2": 1, "SEV3": 1}),
        "2025-Q3": (3, {"SEV1": 1, "SEV3": 2}),
        "2025-Q4": (3, {"SEV2": 2, "SEV4": 1}),
    }
    assert all(not b["inferred"] for b in quarters.values())  # every severity is stated
    months = model["over_time"]["month"]
    assert list(months) == [f"2025-{m:02}" for m in range(1, 13)]
    assert months["2025-07"]["by_severity"] == {"SEV1": 1}
    assert model["over_time"]["undated"] == 1
    assert model["severities"] == ["SEV1", "SEV2", "SEV3", "SEV4"]


def test_layer_gap(model):
    layers = model["layers"]
    # causes: code 002,003,004,006,012; infrastructure 001,005,007,010;
    # architecture 002,003,005,007,009,011,draft; process 001,008,010,011
    # durable architecture items: 002 AI-2, 005 queue split, 009 coordinator, draft account split
    assert layers["by_layer"] == {
        "code": {"causes": 5, "durable_fixes": 8, "gap": -3},
        "infrastructure": {"causes": 4, "durable_fixes": 8, "gap": -4},
        "architecture": {"causes": 7, "durable_fixes": 4, "gap": 3},
        "process": {"causes": 4, "durable_fixes": 2, "gap": 2},
    }
    assert layers["biggest_gap"]["text"] == "7 architecture causes, 4 architecture fixes"
    assert (layers["unknown_layer_causes"], layers["unknown_layer_fixes"]) == (0, 0)


def test_on_call_burden(model):
    on_call = model["on_call"]
    # pages 2+1+3+0+6+0+9+0+1+3+2+0; off-hours 2 (Mar) + 4 (May) + 7 (Jul) + 3 (Oct)
    assert on_call["totals"] == {"incidents": 13, "reported": 12, "pages": 27, "off_hours_pages": 16,
                                 "responders": 23, "person_hours": 49.0, "toil_incidents": 7, "woke_someone": 4}
    assert on_call["month"]["2025-07"] == {"incidents": 1, "reported": 1, "pages": 9, "off_hours_pages": 7,
                                           "responders": 4, "person_hours": 16.0, "toil_incidents": 1,
                                           "woke_someone": 1}
    assert {q: b["off_hours_pages"] for q, b in on_call["quarter"].items()} == {
        "2025-Q1": 2, "2025-Q2": 4, "2025-Q3": 7, "2025-Q4": 3}
    # March, July and October each have an open item that routes or automates; May has none
    assert [name(path) for path in on_call["woke_without_fix"]] == ["2025-05-20-notification-backlog.yaml"]


def test_action_items(model):
    items = model["action_items"]
    assert {key: items[key] for key in ("total", "open", "done", "overdue", "no_owner", "no_due")} == {
        "total": 30, "open": 16, "done": 14, "overdue": 11, "no_owner": 4, "no_due": 4}
    assert items["by_owner"] == {
        "aisha": {"open": 2, "done": 0, "overdue": 2}, "bruno": {"open": 2, "done": 6, "overdue": 2},
        "chen": {"open": 2, "done": 2, "overdue": 2}, "gwen": {"open": 2, "done": 0, "overdue": 2},
        "dmitri": {"open": 2, "done": 3, "overdue": 1}, "elena": {"open": 1, "done": 3, "overdue": 1},
        "farid": {"open": 1, "done": 0, "overdue": 1}, "(none)": {"open": 4, "done": 0, "overdue": 0}}
    # teams from examples/history/.pmlint.yaml; gwen is in none
    assert items["by_team"] == {
        "payments": {"open": 4, "done": 6, "overdue": 4}, "(none)": {"open": 6, "done": 0, "overdue": 2},
        "platform": {"open": 3, "done": 6, "overdue": 2}, "search": {"open": 2, "done": 2, "overdue": 2},
        "growth": {"open": 1, "done": 0, "overdue": 1}}
    assert items["completion_by_quarter"] == {
        "2025-Q1": {"total": 7, "done": 5, "rate": 0.714}, "2025-Q2": {"total": 7, "done": 3, "rate": 0.429},
        "2025-Q3": {"total": 8, "done": 4, "rate": 0.5}, "2025-Q4": {"total": 6, "done": 2, "rate": 0.333}}
    oldest = items["items"][0]  # overdue first, most days overdue first
    assert (oldest["title"], oldest["owner"], oldest["team"], oldest["due"], oldest["days_overdue"],
            oldest["age_days"]) == (
        "Route payments latency alerts below SEV2 to business hours instead of paging at night", "aisha",
        "payments", "2025-04-30", 260, 317)
    in_progress = next(row for row in items["items"] if row["title"].startswith("Build the alias coordinator"))
    assert (in_progress["done"], in_progress["overdue"], in_progress["days_overdue"]) == (False, True, 31)
    not_yet = next(row for row in items["items"] if row["title"].startswith("Warm the token cache"))
    assert (not_yet["overdue"], not_yet["days_overdue"]) == (False, None)
    undated = [row for row in items["items"] if name(row["incident"]) == "draft-email-throttling.md"]
    assert [(row["owner"], row["due"], row["age_days"], row["quarter"]) for row in undated] == [(None, None, None, None)] * 2


def test_today_moves_overdue():
    # on 1 June 2025 only the March item due 30 April is late (the May one is due 15 June)
    assert report(today=date(2025, 6, 1))["action_items"]["overdue"] == 1


def test_recurrence(model):
    groups = [(g["kind"], g["key"], [name(p) for p in g["incidents"]], g["architecture_fix"])
              for g in model["recurrence"]["groups"]]
    storm = ["2025-03-04-payments-retry-storm.yaml", "2025-07-08-payments-outage.yaml",
             "2025-11-12-payments-cache-retries.yaml"]
    alias = ["2025-02-11-search-alias-swap.md", "2025-09-23-search-alias-swap-again.md"]
    assert ("related", "INC-2025-003", storm, False) in groups
    assert ("related", "INC-2025-002", alias, True) in groups  # the repeat planned the coordinator
    themes = [(incidents, fixed) for kind, _, incidents, fixed in groups if kind == "theme"]
    assert themes == [(storm, False), (alias, True)]
    assert ("tag", "retry-storm", storm, False) in groups
    assert ("tag", "index-alias", alias, True) in groups
    services = {key: (len(incidents), fixed) for kind, key, incidents, fixed in groups if kind == "service"}
    # payment-api and payments-api are aliases of payments in the example config
    assert services == {"payments": (4, False), "checkout": (3, False), "notifications": (3, True),
                        "auth": (2, False), "search": (2, True)}
    unfixed = model["recurrence"]["without_architecture_fix"]
    assert [[name(p) for p in group["incidents"]] for group in unfixed] == [storm]


def test_what_to_do_next(model):
    steps = {step["kind"]: step["text"] for step in model["next"]}
    assert list(steps) == ["overdue", "layer_gap", "noisiest_service", "repeats", "night_pages"]
    assert steps["overdue"].startswith("11 action items overdue; the oldest is \"Route payments latency alerts")
    assert steps["layer_gap"] == "Biggest layer gap: 7 architecture causes, 4 architecture fixes"
    assert steps["noisiest_service"] == "Noisiest service: payments (4 incidents, 14 pages)"
    assert "Payment API timed out under a retry storm from checkout clients\" (3 incidents)" in steps["repeats"]


def lint_each():
    config = load_config(str(HISTORY / ".pmlint.yaml"))
    rules = select_rules(load_rules(), config)
    options = RunOptions(settings=config.settings, severity={})
    return {path.name: lint_document(load_path(str(path), config.settings), rules, options)
            for path in sorted(HISTORY.iterdir()) if path.suffix in (".yaml", ".md") and path.name[0] != "."}


def test_durability_scores_follow_the_formula_from_the_lint_findings(model):
    findings = lint_each()
    penalty = {"error": 10, "warning": 4, "info": 1}
    expected = {name: max(0, 100 - sum(penalty[f.severity.label] for f in found)) for name, found in findings.items()}
    assert {name(row["path"]): row["score"] for row in model["incidents"]} == expected
    assert any(score < 100 for score in expected.values()) and any(score == 100 for score in expected.values())
    weights = {"SEV1": 4, "SEV2": 3, "SEV3": 2, "SEV4": 1}
    rows = model["incidents"]
    overall = sum(r["score"] * weights[r["severity"]] for r in rows) / sum(weights[r["severity"]] for r in rows)
    assert model["durability"]["overall"] == round(overall, 1)
    q4 = [r for r in rows if r["date"] and r["date"] >= "2025-10-01"]
    assert model["durability"]["by_quarter"]["2025-Q4"] == {
        "score": round(sum(r["score"] * weights[r["severity"]] for r in q4) / sum(weights[r["severity"]] for r in q4), 1),
        "incidents": 3}
    counts = Counter(f.rule_id for found in findings.values() for f in found)
    assert [(r["id"], r["findings"]) for r in model["rules"]] == sorted(
        counts.items(), key=lambda pair: (-pair[1], -sum(1 for found in findings.values()
                                                          if any(f.rule_id == pair[0] for f in found)), pair[0]))


def test_detection_times_come_from_the_profiles(model):
    """Whatever the profiles know about time to detect/mitigate, the report shows as is."""
    profiles = {path.name: build_profile(load_path(str(path))) for path in HISTORY.iterdir()
                if path.suffix in (".yaml", ".md") and path.name[0] != "."}
    for row in model["incidents"]:
        fact = profiles[name(row["path"])].time_to_detect_minutes
        assert row["time_to_detect_minutes"] == (fact.to_json() if fact else None)
    known = sum(1 for p in profiles.values() if p.time_to_detect_minutes is not None)
    assert model["detection"]["unknown_ttd"] == 13 - known


def test_detection_times_and_repeats_on_the_examples(model):
    """Time to detect and mitigate come from each timeline (started → detected → mitigated;
    inferred where the loader read the milestone from prose); repeats from related links."""
    assert model["detection"]["by_severity"] == {
        "SEV1": {"ttd": {"n": 1, "median": 4.0, "max": 4.0}, "ttm": {"n": 1, "median": 95.0, "max": 95.0}},
        "SEV2": {"ttd": {"n": 5, "median": 6.0, "max": 21.0}, "ttm": {"n": 5, "median": 42.0, "max": 100.0}},
        # SEV3 130: password reset, 09:00 "(started)" to 11:10 support escalates "(detected)";
        # SEV4 1575: refund export failed 12-02 07:15, reported 12-03 09:30 (its impact says 28 hours)
        "SEV3": {"ttd": {"n": 4, "median": 22.0, "max": 130.0}, "ttm": {"n": 1, "median": 62.0, "max": 62.0}},
        "SEV4": {"ttd": {"n": 2, "median": 797.5, "max": 1575.0}, "ttm": {"n": 0, "median": None, "max": None}}}
    assert (model["detection"]["unknown_ttd"], model["detection"]["unknown_ttm"]) == (1, 6)
    coupon = next(row for row in model["incidents"] if row["id"] == "INC-2025-006")
    assert coupon["time_to_detect_minutes"]["value"] == 35  # 09:30 release, 10:05 support escalates
    assert model["recurrence"]["marked_repeat"] == 3  # 007, 009 and 011 link an earlier incident


def test_filters():
    only = report(since=date(2025, 7, 1), until=date(2025, 9, 30))
    assert [name(r["path"]) for r in only["incidents"]] == [
        "2025-07-08-payments-outage.yaml", "2025-08-19-password-reset-delay.md",
        "2025-09-23-search-alias-swap-again.md"]
    assert only["documents"]["excluded_by_filters"] == 10  # the undated draft cannot be placed
    assert [name(p) for p in only["documents"]["undated"]] == ["draft-email-throttling.md"]  # still listed
    payments = report(services=("payment-api",))  # an alias selects the service
    assert len(payments["incidents"]) == 4
    major = report(severities=("sev1", "SEV2"))
    assert sorted(r["severity"] for r in major["incidents"]) == ["SEV1"] + ["SEV2"] * 5

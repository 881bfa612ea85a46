"""`pmlint report` as a user meets it: the command, its three formats, a real browser
opening the HTML, GitHub-flavoured Markdown, broken and undated documents, and scale."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, write

from pmlint.history.collect import Incident, Unreadable
from pmlint.history.metrics import compute
from pmlint.history.recurrence import cause_words, theme_groups
from pmlint.history.request import ReportRequest, ReportSettings
from pmlint.infer import Fact, Profile
from pmlint.settings import merge_settings

HISTORY = ROOT / "examples" / "history"
ARGS = ("report", ".", "--today", "2026-01-15")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return found


# -- the command ------------------------------------------------------------------------

def test_markdown_to_stdout_by_default(run_cli):
    code, out, err = run_cli(*ARGS, cwd=HISTORY)
    assert code == 0, err
    assert out.startswith("# Incident history: durability report\n")
    assert "Biggest layer gap: 7 architecture causes, 4 architecture fixes" in out


def test_json_is_stable_and_versioned(run_cli, tmp_path):
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    assert run_cli(*ARGS, "-o", str(first), cwd=HISTORY)[0] == 0  # .json chooses json
    assert run_cli(*ARGS, "--format", "json", "-o", str(second), "--jobs", "2", cwd=HISTORY)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    model = json.loads(first.read_text())
    assert (model["format"], model["version"]) == ("pmlint-report", 1)
    # links are relative to the report's folder
    row = model["incidents"][0]
    assert (tmp_path / row["link"]).resolve() == (HISTORY / Path(row["path"]).name).resolve()


def test_html_needs_the_extra_and_says_how_to_install_it(run_cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "plotly", None)  # as if `pmlint[report]` were not installed
    code, out, err = run_cli(*ARGS, "-o", str(tmp_path / "r.html"), cwd=HISTORY)
    assert code == 2
    assert err.strip().splitlines() == [
        "pmlint: error: the HTML report needs the charting extra: pip install 'pmlint[report]' "
        "(or use --format markdown or --format json)"]
    assert not (tmp_path / "r.html").exists()
    assert run_cli(*ARGS, "--format", "markdown", cwd=HISTORY)[0] == 0  # the others still work


@pytest.mark.parametrize("option,value", [("--today", "15/01/2026"), ("--since", "yesterday")])
def test_bad_dates_are_usage_errors(run_cli, option, value):
    code, _, err = run_cli("report", str(HISTORY), option, value)
    assert code == 2 and f"{option} must be a date" in err and "Traceback" not in err


def test_bad_report_config_names_the_key(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "report:\n  teams: {payments: alice}\n")
    write(tmp_path / "pm.yaml", "title: x\ndate: 2025-01-01\n")
    code, _, err = run_cli("report", ".", cwd=tmp_path)
    assert code == 2 and ".pmlint.yaml" in err and "teams" in err


def test_empty_folder_is_an_error_not_an_empty_report(run_cli, tmp_path):
    code, _, err = run_cli("report", str(tmp_path))
    assert code == 2 and "no postmortems found" in err


def test_never_writes_over_a_postmortem(run_cli, tmp_path):
    target = write(tmp_path / "pm.md", "# Outage\n\n## Summary\n\nIt broke.\n")
    code, _, err = run_cli("report", str(tmp_path), "--format", "markdown", "-o", str(target))
    assert code == 2 and "refusing to write" in err
    assert target.read_text().startswith("# Outage")


# -- broken and undated documents -------------------------------------------------------

def test_broken_documents_are_listed_not_fatal(run_cli, tmp_path):
    write(tmp_path / "good.yaml", "title: Fine\ndate: 2025-03-01\nseverity: SEV3\n")
    write(tmp_path / "bad.yaml", "title: [unclosed\n")
    (tmp_path / "binary.md").write_bytes(b"\xff\xfe\x00\x00garbage")
    write(tmp_path / "nodate.md", "# Undated outage\n\n## Summary\n\nThe queue stalled.\n")
    code, out, err = run_cli("report", str(tmp_path), "--format", "json")
    assert code == 0, err
    docs = json.loads(out)["documents"]
    assert docs["found"] == 4 and docs["analysed"] == 2
    assert sorted(Path(entry["path"]).name for entry in docs["unreadable"]) == ["bad.yaml", "binary.md"]
    assert all(entry["reason"] for entry in docs["unreadable"])
    assert [Path(path).name for path in docs["undated"]] == ["nodate.md"]
    code, out, _ = run_cli("report", str(tmp_path), "--format", "markdown")
    assert "## Unreadable documents" in out and "## Documents without a date" in out


# -- metrics on made-up profiles (what the examples cannot show yet) -----------------------

def incident(path: str, day: date | None, severity: str, ttd: float | None, ttm: float | None,
             inferred: bool = False) -> Incident:
    profile = Profile(path=path, title=path, incident_date=Fact(day) if day else None,
                      severity=Fact(severity, inferred=inferred, evidence="a 3-hour outage" if inferred else ""),
                      time_to_detect_minutes=Fact(ttd, inferred=True) if ttd is not None else None,
                      time_to_mitigate_minutes=Fact(ttm) if ttm is not None else None)
    return Incident(path, os.path.abspath(path), None, profile, (), ())


def test_detection_medians_by_severity_and_quarter_and_inferred_severity():
    incidents = [incident("a.md", date(2025, 1, 5), "SEV1", 10, 60), incident("b.md", date(2025, 2, 5), "SEV1", 30, None),
                 incident("c.md", date(2025, 2, 9), "SEV1", 20, 90), incident("d.md", date(2025, 5, 1), "SEV2", None, 45,
                                                                                inferred=True)]
    model = compute(incidents, [Unreadable("x.yaml", "YAML syntax error")], ReportRequest(today=date(2025, 6, 1)),
                    merge_settings(None), ReportSettings(), found=5)
    detection = model["detection"]
    assert detection["by_severity"]["SEV1"] == {"ttd": {"n": 3, "median": 20.0, "max": 30.0},
                                                "ttm": {"n": 2, "median": 75.0, "max": 90.0}}
    assert detection["by_severity"]["SEV2"]["ttd"] == {"n": 0, "median": None, "max": None}
    assert detection["by_quarter"]["2025-Q1"]["SEV1"]["ttd"]["median"] == 20.0
    assert (detection["unknown_ttd"], detection["unknown_ttm"]) == (1, 1)
    assert model["over_time"]["quarter"]["2025-Q2"] == {"total": 1, "by_severity": {"SEV2": 1},
                                                        "inferred": {"SEV2": 1}}
    assert model["incidents"][0]["time_to_detect_minutes"]["inferred"] is True
    assert model["documents"]["unreadable"] == [{"path": "x.yaml", "reason": "YAML syntax error"}]


# -- recurrence scales ------------------------------------------------------------------

def test_theme_grouping_is_linear():
    """Doubling the causes must not quadruple the time (no all-pairs comparison)."""
    texts = ["Retries without backoff amplify load on the slow {} database".format,
             "Certificate renewal for {} depended on a manual step".format,
             "Deploy pipeline for {} skipped the canary stage".format]

    def timed(count: int) -> float:
        sets = [cause_words([texts[n % 3](f"svc{n % 50}")]) for n in range(count)]
        start = time.perf_counter()
        groups = theme_groups(sets)
        elapsed = time.perf_counter() - start
        assert len(groups) <= 3 * 50 and sum(len(g) for g in groups) == count
        return elapsed

    small, large = min(timed(4000) for _ in range(3)), min(timed(16000) for _ in range(3))
    assert large < small * 4 * 2.5, (small, large)  # linear: ~4x; quadratic would be ~16x


# -- Markdown renders as GitHub-flavoured Markdown --------------------------------------

def test_markdown_tables_parse_as_gfm(run_cli):
    from markdown_it import MarkdownIt

    code, out, _ = run_cli(*ARGS, "--format", "markdown", cwd=HISTORY)
    assert code == 0
    html = MarkdownIt("gfm-like", {"linkify": False}).render(out)
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    expected_tables = len(re.findall(r"^\|---", out, re.M))
    assert len(tables) == expected_tables >= 8
    assert '<a href="./2025-03-04-payments-retry-storm.yaml">' in html  # incidents link to their files
    assert "<th>layer</th>" in html


def test_markdown_escapes_what_a_title_could_inject(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", "title: 'A | pipe <script>alert(1)</script> [x](javascript:y)'\ndate: 2025-01-02\n"
                                "severity: SEV3\nservices: [a]\n")
    write(tmp_path / "pm2.yaml", "title: Second\ndate: 2025-01-03\nseverity: SEV3\nservices: [a]\n")
    code, out, _ = run_cli("report", str(tmp_path), "--format", "markdown")
    assert code == 0
    assert "<script>" not in out and "\\| pipe" in out


# -- HTML in a real browser -------------------------------------------------------------

@pytest.fixture(scope="module")
def html_report(tmp_path_factory):
    pytest.importorskip("plotly", reason="pmlint[report] not installed")
    out = HISTORY / f".test-report-{os.getpid()}.html"  # beside the incidents, as a CI job would keep it
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-m", "pmlint", *ARGS, "-o", str(out)], cwd=HISTORY, env=env, check=True,
                   capture_output=True)
    yield out
    out.unlink()


def test_html_is_self_contained(html_report):
    text = html_report.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:", text)  # nothing fetched
    assert text.count("<table class=\"sortable\"") >= 8
    assert '<a href="./2025-03-04-payments-retry-storm.yaml">' in text  # relative to the report's folder
    assert "What to do next" in text


def test_html_renders_charts_in_chromium(html_report, tmp_path):
    browser = chromium()
    profile = tmp_path / "profile"
    common = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
              "--virtual-time-budget=10000", "--window-size=1280,2200"]
    result = subprocess.run([*common, "--dump-dom", html_report.as_uri()], capture_output=True, text=True, timeout=180)
    dom = result.stdout
    boxes = len(re.findall(r'<div class="chart[^"]*" id="chart-', dom))
    assert boxes >= 4
    drawn = re.search(r'data-charts-drawn="(\d+)"', dom)
    assert drawn and int(drawn.group(1)) == boxes, "plotly did not draw every chart"
    assert dom.count('class="main-svg"') >= boxes
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert not [line for line in console if re.search(r"Uncaught|Error|Failed", line)], console
    shot = tmp_path / "report.png"
    subprocess.run([*common, f"--screenshot={shot}", html_report.as_uri()], capture_output=True, timeout=180)
    assert shot.is_file() and shot.stat().st_size > 20_000  # a page with charts, not a blank one
    artifacts = os.environ.get("PMLINT_TEST_ARTIFACTS")
    if artifacts:
        shutil.copy(shot, Path(artifacts) / "history-report.png")


def test_html_tables_sort_in_chromium(html_report, tmp_path):
    """Click the `score` header twice in the browser: rows come back in descending order."""
    browser = chromium()
    page = tmp_path / "sort.html"
    script = ("<script>window.addEventListener('load', () => {"
              "const th = Array.from(document.querySelectorAll('#table-incidents th')).find(t => t.textContent === 'score');"
              "th.click(); th.click();"
              "document.body.setAttribute('data-scores', Array.from(document.querySelectorAll('#table-incidents tbody tr'))"
              ".map(r => r.lastElementChild.textContent).join(','));});</script>")
    page.write_text(html_report.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    result = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}", "--virtual-time-budget=10000",
                             "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=180)
    scores = [int(value) for value in re.search(r'data-scores="([\d,]+)"', result.stdout).group(1).split(",")]
    assert scores == sorted(scores, reverse=True) and len(scores) == 13


def test_profiles_travel_from_workers_in_their_json_form_without_loss():
    """Workers send `Profile.to_json()`; the report rebuilds the same profile from it."""
    from pmlint.history.collect import profile_from_json
    from pmlint.infer import build_profile
    from pmlint.load import load_path

    paths = [path for path in (ROOT / "examples").rglob("*") if path.suffix in (".yaml", ".md")
             and path.name != "README.md" and not path.name.startswith(".")]
    assert len(paths) >= 20
    for path in paths:
        profile = build_profile(load_path(str(path)))
        assert profile_from_json(profile.to_json()).to_json() == profile.to_json(), path.name


def test_scores_use_the_per_path_configuration_like_check(run_cli, tmp_path):
    write(tmp_path / "legacy" / "old.yaml", "title: Old outage\ndate: 2020-01-02\nseverity: SEV3\n")
    write(tmp_path / "new.yaml", "title: New outage\ndate: 2025-01-02\nseverity: SEV3\n")
    _, out, _ = run_cli("report", ".", "--format", "json", cwd=tmp_path)
    before = {Path(row["path"]).name: row["score"] for row in json.loads(out)["incidents"]}
    assert before["old.yaml"] == before["new.yaml"] < 100
    write(tmp_path / ".pmlint.yaml", "per-path:\n  'legacy/**': {ignore: [ALL]}\n")
    _, out, _ = run_cli("report", ".", "--format", "json", cwd=tmp_path)
    after = {Path(row["path"]).name: row["score"] for row in json.loads(out)["incidents"]}
    assert after == {"old.yaml": 100, "new.yaml": before["new.yaml"]}


def test_hostile_titles_and_file_names_stay_inert(run_cli, tmp_path):
    """No output line a CI runner would execute (`::error::`), no link that is a script."""
    write(tmp_path / "javascript:alert(1).yaml", "title: \"x\\n::error::pwned\"\ndate: 2025-01-02\nseverity: SEV3\n")
    write(tmp_path / "a b#c.yaml", "title: '::warning::also'\ndate: 2025-01-03\nseverity: SEV3\n")
    for fmt in ("markdown", "json"):
        code, out, _ = run_cli("report", ".", "--format", fmt, cwd=tmp_path)
        assert code == 0
        assert not [line for line in out.splitlines() if line.lstrip().startswith("::")], out
    model = json.loads(run_cli("report", ".", "--format", "json", cwd=tmp_path)[1])
    assert sorted(row["link"] for row in model["incidents"]) == ["./a%20b%23c.yaml", "./javascript%3Aalert%281%29.yaml"]


def test_detection_chart_draws_when_times_are_known(tmp_path):
    """The examples state no detection times yet (inference adds them): draw that chart
    from made-up incidents, in the browser, so it is tested before it is needed."""
    pytest.importorskip("plotly", reason="pmlint[report] not installed")
    from pmlint.report.history import render

    browser = chromium()
    incidents = [incident("a.md", date(2025, 1, 5), "SEV1", 10, 60), incident("b.md", date(2025, 2, 5), "SEV2", 30, 90),
                 incident("c.md", date(2025, 2, 7), "SEV2", 5, 20, inferred=True)]
    model = compute(incidents, [], ReportRequest(today=date(2025, 6, 1)), merge_settings(None), ReportSettings(),
                    found=2)
    page = tmp_path / "ttd.html"
    with page.open("w", encoding="utf-8") as stream:
        render("html", model, stream)
    text = page.read_text(encoding="utf-8")
    assert 'id="chart-ttd"' in text and '"name": "SEV2 (inferred)"' in text  # hatched in the monthly chart
    result = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}", "--enable-logging=stderr",
                             "--v=0", "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=180)
    boxes = len(re.findall(r'<div class="chart[^"]*" id="chart-', result.stdout))
    assert re.search(r'data-charts-drawn="(\d+)"', result.stdout).group(1) == str(boxes)
    assert 'id="chart-ttd"' in result.stdout
    assert not [line for line in result.stderr.splitlines() if ":CONSOLE" in line and "Uncaught" in line]


def test_scores_honour_suppression_comments_like_check(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", "title: Outage\ndate: 2025-01-02\nseverity: SEV3\n")
    _, out, _ = run_cli("report", ".", "--format", "json", cwd=tmp_path)
    [row] = json.loads(out)["incidents"]
    assert row["score"] < 100
    write(tmp_path / "pm.yaml", "# pmlint: disable-file=ALL -- a legacy document\n"
                                "title: Outage\ndate: 2025-01-02\nseverity: SEV3\n")
    _, out, _ = run_cli("report", ".", "--format", "json", cwd=tmp_path)
    [row] = json.loads(out)["incidents"]
    assert row["score"] == 100, row

"""CI output formats (sarif, github, junit, gitlab, markdown) against their consumers' contracts.

Each format is checked for: positions (1-based, against one fixture), hostile text
(newlines, %, ::, quotes, XML metacharacters, control characters, ANSI escapes),
repository-relative paths, and deterministic output.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from pmlint.engine.rules import Rule
from pmlint.lint import LintResult
from pmlint.model import Finding, Severity, Span
from pmlint.report import FORMATS, ReportContext, render

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CI_FORMATS = ["sarif", "github", "junit", "gitlab", "markdown"]

HOSTILE_MESSAGE = ('100% broken ::error::injected\r\nsecond line <tag attr="q">&amp; \x1b[31mred\x1b[0m '
                   '\x00\x07bell | `code` [link](http://evil.example) <!-- hidden -->, a:b')
HOSTILE_PATH = "dir with space/we,ird:na%me#1.yaml"

FIXTURE = """\
title: Checkout outage
summary: The on-call engineer should have checked the dashboard.
action_items:
  - title: Add alert
"""


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch):
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)


def make_rule(rule_id: str = "PM999", name: str = "hostile-rule", severity: Severity = Severity.ERROR) -> Rule:
    return Rule(id=rule_id, name=name, category="language", severity=severity, preset="recommended",
                summary="A test rule.", rationale="Because tests.", fix="Fix it.", message="m",
                given=(), checks=())


def make_finding(path: str = "pm.yaml", line: int = 3, column: int = 5, end_line: int = 3, end_column: int = 9,
                 message: str = "Something", rule: Rule | None = None, severity: Severity | None = None,
                 pointer: str = "/summary") -> Finding:
    rule = rule or make_rule()
    return Finding(rule.id, rule.name, severity or rule.severity, message, path,
                   Span(line, column, end_line, end_column), pointer, rule.fix, rule.category)


def render_to_text(fmt: str, result: LintResult, root: Path) -> str:
    stream = io.StringIO()
    render(fmt, result, stream, ReportContext(color=False, root=root))
    return stream.getvalue()


def hostile_result() -> LintResult:
    rule = make_rule()
    finding = make_finding(path=HOSTILE_PATH, message=HOSTILE_MESSAGE, rule=rule)
    return LintResult(files=[HOSTILE_PATH, "clean.yaml"], findings=[finding], rules=[rule])


def test_every_ci_format_is_registered():
    assert set(CI_FORMATS) <= set(FORMATS)


# ---- SARIF ------------------------------------------------------------------------------

def validate_sarif(log: dict) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"OASIS SARIF schema not found at {SARIF_SCHEMA} (it lives in ../shared/schemas)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_sarif_validates_against_oasis_schema_and_has_what_github_reads(tmp_path, monkeypatch, run_cli):
    (tmp_path / "pm.yaml").write_text(FIXTURE, encoding="utf-8")
    code, out, _ = run_cli("check", "pm.yaml", "--format", "sarif", "--preset", "strict", cwd=tmp_path)
    assert code in (0, 1)
    log = json.loads(out)
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "pmlint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    for descriptor in rules:
        assert descriptor["id"] and descriptor["name"]
        assert descriptor["shortDescription"]["text"] and descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"] and descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert len(descriptor["properties"]["tags"]) <= 20
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "pm.yaml"
        region = location["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert result["partialFingerprints"]
    fingerprints = [next(iter(r["partialFingerprints"].values())) for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_hostile_text_and_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = json.loads(render_to_text("sarif", hostile_result(), tmp_path))
    validate_sarif(log)
    result = log["runs"][0]["results"][0]
    assert result["message"]["text"] == HOSTILE_MESSAGE
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and "#" not in uri and ":" not in uri
    assert unquote(uri) == HOSTILE_PATH


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_sarif_uri_is_relative_to_the_git_root_not_the_working_directory(tmp_path, monkeypatch, run_cli):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    sub = tmp_path / "postmortems"
    sub.mkdir()
    (sub / "pm.yaml").write_text(FIXTURE, encoding="utf-8")
    _, out, _ = run_cli("check", "pm.yaml", "-f", "sarif", cwd=sub)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"]}
    assert uris == {"postmortems/pm.yaml"}
    _, out, _ = run_cli("check", "pm.yaml", "-f", "gitlab", cwd=sub)
    assert {issue["location"]["path"] for issue in json.loads(out)} == {"postmortems/pm.yaml"}
    _, out, _ = run_cli("check", "pm.yaml", "-f", "github", cwd=sub)
    assert all("file=postmortems/pm.yaml," in line for line in out.splitlines())


def test_sarif_file_outside_the_root_gets_an_absolute_file_uri(tmp_path, monkeypatch, run_cli):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root, elsewhere = tmp_path / "root", tmp_path / "else where"
    root.mkdir()
    elsewhere.mkdir()
    (root / "in.yaml").write_text(FIXTURE, encoding="utf-8")
    (elsewhere / "out#1.yaml").write_text(FIXTURE, encoding="utf-8")
    _, out, _ = run_cli("check", "in.yaml", str(elsewhere / "out#1.yaml"), "-f", "sarif", "--select", "PM701",
                        cwd=root)
    log = json.loads(out)
    validate_sarif(log)
    locations = {json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True)
                 for r in log["runs"][0]["results"]}
    outside = (elsewhere / "out#1.yaml").resolve().as_uri()
    assert outside.startswith("file:///") and "%20" in outside and "%231" in outside
    assert locations == {json.dumps({"uri": "in.yaml", "uriBaseId": "%SRCROOT%"}, sort_keys=True),
                         json.dumps({"uri": outside}, sort_keys=True)}
    assert '"../' not in out


def test_sarif_point_span_has_a_valid_region(tmp_path):
    finding = make_finding(line=4, column=7, end_line=4, end_column=7)
    log = json.loads(render_to_text("sarif", LintResult(["pm.yaml"], [finding], [make_rule()]), tmp_path))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 7, "endLine": 4, "endColumn": 8}


def test_sarif_lists_a_rule_that_reported_but_is_not_enabled(tmp_path):
    other = make_rule("PM009", "internal-error")
    log = json.loads(render_to_text("sarif", LintResult(["pm.yaml"], [make_finding(rule=other)], [make_rule()]),
                                    tmp_path))
    driver = log["runs"][0]["tool"]["driver"]
    result = log["runs"][0]["results"][0]
    assert driver["rules"][result["ruleIndex"]]["id"] == "PM009"
    validate_sarif(log)


# ---- positions: one fixture, every format ---------------------------------------------

def test_positions_agree_across_formats(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(FIXTURE, encoding="utf-8")
    line = 2
    column = FIXTURE.splitlines()[1].index("should have") + 1
    end_column = column + len("should have") - 1
    args = ["check", "pm.yaml", "--select", "PM701"]
    _, out, _ = run_cli(*args, "-f", "json", cwd=tmp_path)
    [finding] = json.loads(out)["findings"]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == \
        (line, column, line, end_column)

    _, out, _ = run_cli(*args, "-f", "sarif", cwd=tmp_path)
    region = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end_column + 1}

    _, out, _ = run_cli(*args, "-f", "github", cwd=tmp_path)
    assert f"line={line},endLine={line},col={column},endColumn={end_column}," in out

    _, out, _ = run_cli(*args, "-f", "junit", cwd=tmp_path)
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case.get("line") == str(line) and case.get("name").endswith(f"at {line}:{column}")

    _, out, _ = run_cli(*args, "-f", "gitlab", cwd=tmp_path)
    assert json.loads(out)[0]["location"]["lines"] == {"begin": line, "end": line}

    _, out, _ = run_cli(*args, "-f", "markdown", cwd=tmp_path)
    assert f"| {line}:{column} |" in out


# ---- GitHub workflow commands --------------------------------------------------------------

def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def test_github_escaping_round_trips(tmp_path, monkeypatch):
    from pmlint.report.github import escape_data, escape_property

    assert escape_data("100%\r\n") == "100%25%0D%0A"
    assert escape_data("%0A") == "%250A"  # % first, or the escapes get escaped
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    monkeypatch.chdir(tmp_path)
    out = render_to_text("github", hostile_result(), tmp_path)
    lines = out.splitlines()
    assert len(lines) == 1 and out.endswith("\n") and "\r" not in out
    match = re.fullmatch(r"::error (?P<props>[^:]*)::(?P<message>.*)", lines[0])
    assert match, lines[0]
    props = dict(item.split("=", 1) for item in match["props"].split(","))
    assert unescape_property(props["file"]) == HOSTILE_PATH
    assert unescape_property(props["title"]) == "PM999 hostile-rule"
    visible = HOSTILE_MESSAGE.replace("\x1b", "\\x1b").replace("\x00", "\\x00").replace("\x07", "\\x07")
    assert unescape_data(match["message"]) == visible + "\n\nFix: Fix it."
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out  # no raw control characters


def test_github_annotation_limits_errors_first_then_one_overflow_notice(tmp_path):
    rule = make_rule()
    findings = ([make_finding(line=n, message=f"error {n}", severity=Severity.ERROR) for n in range(1, 26)]
                + [make_finding(line=n, message=f"warn {n}", severity=Severity.WARNING) for n in range(1, 4)]
                + [make_finding(line=n, message=f"info {n}", severity=Severity.INFO) for n in range(1, 13)])
    findings.sort(key=Finding.sort_key)
    out = render_to_text("github", LintResult(["pm.yaml"], findings, [rule]), tmp_path).splitlines()
    kinds = [line.split(" ", 1)[0] for line in out]
    assert kinds == ["::error"] * 10 + ["::warning"] * 3 + ["::notice"] * 10
    assert all(line.startswith("::") for line in out)
    overflow = out[-1]
    assert "18 more" in overflow and "40 findings" in overflow and "summary" in overflow
    assert sum(1 for kind in kinds if kind == "::notice") <= 10


def test_github_no_overflow_notice_when_everything_fits(tmp_path):
    findings = [make_finding(line=n, severity=Severity.INFO) for n in range(1, 11)]
    out = render_to_text("github", LintResult(["pm.yaml"], findings, [make_rule()]), tmp_path).splitlines()
    assert len(out) == 10 and not any("more" in line for line in out)


def test_github_actions_environment_adds_annotations_to_the_default_report(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(FIXTURE, encoding="utf-8")
    select = ("--select", "PM701")
    code, out, _ = run_cli("check", "pm.yaml", *select, cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert "Found " in out and "::warning file=pm.yaml," in out
    assert out.index("Found ") < out.index("::warning")  # report first, annotations after
    _, out, _ = run_cli("check", "pm.yaml", *select, "-f", "json", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    json.loads(out)  # an explicit format is exactly what was asked for
    _, out, _ = run_cli("check", "pm.yaml", *select, cwd=tmp_path, env={"GITHUB_ACTIONS": "false"})
    assert "::" not in out.replace("pm.yaml:", "")


# ---- JUnit -----------------------------------------------------------------------------

def test_junit_shape_one_suite_per_file_and_passing_case_for_clean_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = hostile_result()
    tree = ET.fromstring(render_to_text("junit", result, tmp_path))
    assert tree.tag == "testsuites" and tree.get("failures") == "1" and tree.get("tests") == "2"
    suites = {suite.get("name"): suite for suite in tree.findall("testsuite")}
    assert set(suites) == {HOSTILE_PATH, "clean.yaml"}
    clean = suites["clean.yaml"]
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    assert clean.find("testcase/failure") is None
    failing = suites[HOSTILE_PATH]
    assert failing.get("tests") == "1" and failing.get("failures") == "1"
    failure = failing.find("testcase/failure")
    assert failure.get("type") == "error"


def test_junit_escapes_and_strips_forbidden_characters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = render_to_text("junit", hostile_result(), tmp_path)
    assert "\x00" not in text and "\x07" not in text and "\x1b" not in text
    failure = ET.fromstring(text).find("testsuite/testcase/failure")
    message = failure.get("message")
    assert '<tag attr="q">&amp;' in message and "red" in message and "[31m" not in message
    assert "bell" in message and "::error::injected" in message
    assert '<tag attr="q">&amp;' in failure.text


def junit_cases(result: LintResult, root: Path, fail_on: str) -> tuple[ET.Element, dict[str, ET.Element]]:
    stream = io.StringIO()
    render("junit", result, stream, ReportContext(color=False, root=root, fail_on=fail_on))
    tree = ET.fromstring(stream.getvalue())
    return tree, {case.get("name").split()[0]: case for case in tree.iter("testcase")}


@pytest.mark.parametrize("fail_on,failing", [
    ("error", {"PM001"}), ("warning", {"PM001", "PM002"}), ("info", {"PM001", "PM002", "PM003"}), ("never", set()),
])
def test_junit_fails_only_findings_at_or_above_fail_on(tmp_path, monkeypatch, fail_on, failing):
    monkeypatch.chdir(tmp_path)
    findings = [make_finding(line=line, rule=make_rule(f"PM00{line}", f"rule-{line}", severity), message=f"m{line}")
                for line, severity in ((1, Severity.ERROR), (2, Severity.WARNING), (3, Severity.INFO))]
    result = LintResult(files=["pm.yaml"], findings=findings, rules=[])
    tree, cases = junit_cases(result, tmp_path, fail_on)
    assert tree.get("tests") == "3" and tree.get("failures") == str(len(failing))
    assert tree.find("testsuite").get("failures") == str(len(failing))
    for rule_id, case in cases.items():
        if rule_id in failing:
            assert case.find("failure") is not None and case.find("system-out") is None
        else:  # passing, with the finding kept for whoever looks
            assert case.find("failure") is None
            assert f"{rule_id} " in case.find("system-out").text and "fix: Fix it." in case.find("system-out").text


def test_junit_from_the_cli_follows_fail_on(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(FIXTURE, encoding="utf-8")
    code, out, _ = run_cli("check", "pm.yaml", "--select", "PM701", "-f", "junit", cwd=tmp_path)
    assert code == 0  # PM701 is a warning: the run is green, and so is the report
    tree = ET.fromstring(out)
    assert tree.get("failures") == "0" and tree.find(".//system-out") is not None
    code, out, _ = run_cli("check", "pm.yaml", "--select", "PM701", "-f", "junit", "--fail-on", "warning", cwd=tmp_path)
    assert code == 1 and ET.fromstring(out).get("failures") == "1"


# ---- GitLab Code Quality --------------------------------------------------------------------

def test_gitlab_code_quality_contract_and_unique_fingerprints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rule = make_rule()
    same = [make_finding(line=n, message="Same message", rule=rule, pointer="/action_items/0/owner")
            for n in (3, 7)]
    result = LintResult(["pm.yaml"], same + hostile_result().findings, [rule])
    result.findings.sort(key=Finding.sort_key)
    issues = json.loads(render_to_text("gitlab", result, tmp_path))
    assert len(issues) == 3
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        assert not issue["location"]["path"].startswith("/")
    assert len({issue["fingerprint"] for issue in issues}) == 3
    hostile = next(issue for issue in issues if issue["location"]["path"] == HOSTILE_PATH)
    assert HOSTILE_MESSAGE in hostile["description"]


# ---- Markdown ---------------------------------------------------------------------------------

def test_markdown_summary_is_grouped_and_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = render_to_text("markdown", hostile_result(), tmp_path)
    assert text.startswith("## pmlint: 1 error")
    assert "<tag" not in text and "<!--" not in text and "](" not in text.replace("\\](", "")
    assert "\x1b" not in text and "\x00" not in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "PM999" in line]
    assert len(rows) == 1
    cells = re.split(r"(?<!\\)\|", rows[0])
    assert len(cells) == 6  # empty, 4 cells, empty


def test_markdown_all_clear():
    text = render_to_text("markdown", LintResult(["a.yaml", "b.yaml"], [], []), Path.cwd())
    assert "all clear" in text and "2 files checked" in text


# ---- several formats, files, determinism -----------------------------------------------------

def test_several_formats_in_one_run_and_deterministic_output(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(FIXTURE, encoding="utf-8")
    outputs = {}
    for attempt in (1, 2):
        args = ["check", "pm.yaml", "--preset", "strict", "--fail-on", "warning", "-f", "text"] + [
            item for fmt in CI_FORMATS for item in ("-f", f"{fmt}:{fmt}-{attempt}.out")]
        code, out, _ = run_cli(*args, cwd=tmp_path)
        assert code == 1 and "Found " in out
        outputs[attempt] = {fmt: (tmp_path / f"{fmt}-{attempt}.out").read_bytes() for fmt in CI_FORMATS}
    assert outputs[1] == outputs[2]
    import datetime

    today = datetime.date.today().isoformat().encode()
    for fmt, data in outputs[1].items():
        assert today not in data, f"{fmt} output carries a timestamp"
    code, out, _ = run_cli("check", "pm.yaml", "--preset", "strict", "-f", "junit", "--output", "report.xml",
                           cwd=tmp_path)
    assert out == "" and ET.parse(tmp_path / "report.xml").getroot().tag == "testsuites"

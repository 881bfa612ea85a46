"""Held-out set I, read as written (CLI in, findings out, on synthetic postmortems):

- Front matter that is not valid YAML (`authors: @joshblack`) is the site's metadata: PM017
  reports it at `info` (under `strict` only when it holds no postmortem field) and the body
  is still linted (it used to stop at a PM001 error).
- A template's bold "**Action Items**" line over its table, with the template's HTML
  comment between them, opens the plan: the table's items are read (no PM313).
- A status page's own severity words ("outage", "partial-outage") are its scale.
"""

from __future__ import annotations

from conftest import rule_findings, write

_BODY = ("# v10.11.0 release\n\n## Summary\n\nThe release broke users' builds for two hours.\n\n"
         "## Root causes\n\nAn `@error` expression sat outside the mixin, which caused every build to fail.\n\n")


def test_broken_front_matter_is_info_and_the_body_is_still_linted(run_cli, tmp_path):
    # a site's byline (`authors: @joshblack`) alone lost to the error is asked about under
    # `strict` only (review of set I: pedantic); the body is linted either way
    path = write(tmp_path / "pm.md", "---\ndate: 2020-04-09\nauthors: @joshblack\n---\n\n" + _BODY)
    found = rule_findings(run_cli, path, "PM001", "PM017", "PM313")
    assert [(item["rule"], item["severity"], item["line"]) for item in found] == [("PM313", "warning", 6)]
    found = rule_findings(run_cli, path, "PM001", "PM017", "PM313", preset="strict")
    assert [(item["rule"], item["severity"], item["line"]) for item in found] == [
        ("PM017", "info", 3), ("PM313", "warning", 6)]


def test_a_hostile_front_matter_is_still_fatal(run_cli, tmp_path):
    """Resource guards stay fatal: nesting too deep is not read past."""
    deep = "a: " + "[" * 200 + "]" * 200
    path = write(tmp_path / "pm.md", f"---\n{deep}\n---\n\n" + _BODY)
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM001", "PM017", "PM313")] in (["PM001"], [])


def test_a_bold_action_items_line_over_a_table_past_a_comment_opens_the_plan(run_cli, tmp_path):
    text = (_BODY + "## Resolution\n\nWe rolled back both packages.\n\n**Action Items**\n\n<!-- What are the action items that came out of this postmortem? Reference\n"
            "issues and Pull Requests in the \"Bug\" column -->\n\n| Action item | Owner | Bug |\n| --- | --- | --- |\n"
            "| Address the underlying issue with the expression | @joshblack | https://example.com/pull/1 |\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM313") == []
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert "owner: joshblack" in out


def test_a_bold_line_over_a_table_that_names_no_section_is_no_heading(run_cli, tmp_path):
    text = (_BODY + "## Resolution\n\nWe rolled back both packages.\n\n**Build matrix**\n\n| Package | Version |\n| --- | --- |\n| styles | 10.11.0 |\n")
    path = write(tmp_path / "pm.md", text)
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM313")] == ["PM313"]


def _status_page(severity: str) -> str:
    return f"---\ntitle: Attack on our infrastructure\nstatus: resolved\nseverity: {severity}\n---\n\n" + _BODY


def test_a_status_pages_own_outage_level_is_its_scale(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _status_page("outage"))
    assert rule_findings(run_cli, path, "PM014") == []
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM014", preset="strict")] == ["info"]


def test_hyphenated_and_underscored_status_levels_map_like_spaced_ones(run_cli, tmp_path):
    """`partial-outage`, `partial_outage` map to SEV2 like `partial outage`: not even `strict` asks."""
    for level in ("partial-outage", "partial_outage", "Partial  outage"):
        path = write(tmp_path / "pm.md", _status_page(level))
        assert rule_findings(run_cli, path, "PM014", preset="strict") == [], level
    path = write(tmp_path / "pm.md", _status_page("partial-whatever"))
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM014", preset="strict")] == ["warning"]


# ---- PM505: a header block that labels start, end and length is its own arithmetic ----------

def _header(rows: str) -> str:
    return f"# Rollout caused an outage\n\n{rows}\n## Summary\n\nA rolling deployment flushed the cache.\n"


def test_a_header_tables_duration_is_held_to_its_own_start_and_end(run_cli, tmp_path):
    rows = ("| | |\n|:--|:--|\n| Start Time | 2018-06-29 12:58 PST |\n| End Time | 2018-06-29 13:55 PST |\n"
            "| Total Duration | 39 Minutes |\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", _header(rows)), "PM505")
    assert [(item["line"], item["severity"]) for item in found] == [(7, "warning")]
    assert "57 min" in found[0]["message"] and '"39 Minutes"' in found[0]["message"]


def test_labelled_lines_that_agree_or_cannot_be_read_say_nothing(run_cli, tmp_path):
    agree = "- **Start time:** 12:58 UTC\n- **End time:** 13:55 UTC\n- **Duration:** 57 minutes\n"
    zones = "- Start time: 12:58 PST\n- End time: 21:55 UTC\n- Duration: 39 minutes\n"
    far = "- Start time: 12:58\n" + "".join(f"- Note {n}: text\n" for n in range(10)) + \
          "- End time: 13:55\n- Duration: 39 minutes\n"
    for rows in (agree, zones, far):
        assert rule_findings(run_cli, write(tmp_path / "pm.md", _header(rows)), "PM505") == [], rows


def test_broken_front_matter_still_gives_its_date_and_title(run_cli, tmp_path):
    """The date line of front matter that does not parse is still the incident's date: a
    timeline dated eight years off is reported against it (PM012)."""
    text = ("---\ndate: 2020-04-09\nauthors: @joshblack\n---\n\n" + _BODY +
            "## Timeline\n\n- 2012-04-09 17:00 UTC: v10.11.0 promoted to latest\n"
            "- 2012-04-09 17:30 UTC: first reports of failing builds\n")
    path = write(tmp_path / "pm.md", text)
    found = rule_findings(run_cli, path, "PM012")
    assert len(found) == 1 and "2012-04-09" in found[0]["message"] and "2020-04-09" in found[0]["message"]
    code, out, err = run_cli("convert", str(path))
    assert "date: '2020-04-09'" in out


def test_only_plain_date_and_title_lines_are_salvaged(run_cli, tmp_path):
    text = "---\ndate: [2020-04-09\nseverity: SEV1\nauthors: @joshblack\n---\n\n" + _BODY
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert "date:" not in out and "severity: SEV1" not in out


# ---- a severity labelled in a details section is the stated severity -----------------------

def _details(value: str, where: str = "details") -> str:
    label = f"- **Incident Severity**: {value}\n"
    top = label if where == "top" else ""
    body = label if where == "details" else ""
    code = f"```\nSeverity: {value}\n```\n" if where == "code" else ""
    return (f"# RCA: validator consensus issues\n\n{top}\n## 1. Executive summary\n\nMissed blocks for two hours.\n\n"
            f"## 2. Incident details\n\n- **Services Affected**: validator\n{body}{code}")


def _severity(run_cli, tmp_path, text: str) -> str | None:
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("severity:")]
    return lines[0] if lines else None


def test_a_severity_labelled_under_incident_details_is_stated(run_cli, tmp_path):
    assert _severity(run_cli, tmp_path, _details("Critical")) == "severity: Critical"
    assert _severity(run_cli, tmp_path, _details("Sev-2")) == "severity: Sev-2"


def test_an_unknown_word_or_a_code_block_deep_in_the_text_is_no_severity(run_cli, tmp_path):
    for text in (_details("whatever we felt"), _details("Critical", where="code")):
        found = _severity(run_cli, tmp_path, text)
        assert found is None or "inferred" in found, text


def test_reading_labelled_severity_is_linear():
    import time

    from pmlint.load.markdown.meta import labelled_severity

    def seconds(repeats: int) -> float:
        lines = ["- **Severity level**: " + "ev " * 30] * repeats
        began = time.perf_counter()
        for _ in range(3):
            labelled_severity(lines, (), lambda value: False)
        return time.perf_counter() - began

    seconds(500)
    small, large = min(seconds(2000) for _ in range(3)), min(seconds(16000) for _ in range(3))
    assert large / small < 8 * 2.5

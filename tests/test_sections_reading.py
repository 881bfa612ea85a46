"""Sections and times read as people write them (CLI in, findings out, on synthetic documents):

- A history kept by the month (`Jul 2024 | #15181 | ...`) is dated to the month, never read
  as "Jul 20"; its table under "## Timeline" is still the timeline (no PM011, no PM501).
- A 12-hour time with its zone ("At 02:00 AM UTC we ...") is clear: PM501 does not call it
  an ISO 8601 error; a time with no zone is still reported.
- A blog's front matter that does not parse but holds only site keys is asked about under
  `strict` only; one that loses a postmortem field (`severity:`) keeps PM017.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from conftest import rule_findings, write
from linearity import assert_ten_times_linear

from pmlint.load.markdown.times import parse_stamp

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "July", "September")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_MONTHS), st.integers(min_value=1000, max_value=9999), st.text(max_size=20))
def test_a_month_and_a_year_is_never_a_day_of_the_month(month, year, tail):
    stamp = parse_stamp(f"{month} {year}{tail}")
    assert stamp is None or stamp.raw != f"{month} {str(year)[:2]}"
    assert stamp is None or stamp.moment is None or stamp.moment.year == year


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_MONTHS), st.integers(min_value=1, max_value=28), st.integers(min_value=2000, max_value=2099))
def test_a_month_day_and_year_is_still_read(month, day, year):
    stamp = parse_stamp(f"{month} {day}, {year} 10:15 UTC: the alert fires")
    assert stamp is not None and stamp.moment is not None
    assert (stamp.moment.year, stamp.moment.day, stamp.moment.hour) == (year, day, 10)


_HISTORY = ("# Stream misalignment\n\n## Summary\n\nReading old packages failed after the constraint change.\n\n"
            "## Root cause\n\nThe reader consumed bytes the writer no longer wrote, which caused the failure.\n\n"
            "## Timeline\n\nDate | PR | Change\n--- | --- | ---\n"
            "Jul 2024 | #15181 | Nullness bytes go to the B-stream\n"
            "Aug 2024 | #15310 | Nullness checking applied\n"
            "Sep 2024 | #17706 | Constraint data goes to the B-stream unconditionally\n")


def test_a_history_kept_by_the_month_is_a_timeline_and_no_format_error(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _HISTORY)
    assert rule_findings(run_cli, path, "PM011", "PM501") == []
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert "Jul 20" not in out


_CDN = ("# CDN block, 2 March 2021\n\n## Summary\n\nThe CDN blocked our media and source files for 98 minutes.\n\n"
        "## Timeline of events\n\n"
        "At 02:00 AM UTC we received an email from the CDN saying our media was blocked.\n\n"
        "At 03:00 AM UTC we decided to move to another provider; DNS was switched at 03:24 AM UTC.\n\n"
        "## Root cause\n\nThe CDN's abuse filter read our .ts files as video streams, which caused the block.\n")


def test_a_twelve_hour_time_with_its_zone_is_clear(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _CDN)
    assert rule_findings(run_cli, path, "PM501") == []


def test_times_of_day_in_a_document_that_writes_no_date_are_reported_once(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _CDN.replace(", 2 March 2021", "").replace("## Summary\n\n", "## Summary\n\nOn Tuesday "))
    found = rule_findings(run_cli, path, "PM501")
    assert [(item["severity"], item["line"]) for item in found] == [("warning", 9)]
    assert "no date is written anywhere" in found[0]["message"]
    dated = write(tmp_path / "pm2.md", _CDN.replace(", 2 March 2021", "").replace("98 minutes.", "98 minutes on the 2nd."))
    assert rule_findings(run_cli, dated, "PM501") == []


def test_a_time_with_no_zone_is_still_reported(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _CDN.replace(" AM UTC", " AM"))
    assert rule_findings(run_cli, path, "PM501") == []  # one house style: `strict` only
    found = rule_findings(run_cli, path, "PM501", preset="strict")
    assert [item["message"].split(";")[0] for item in found] == ["None of the 2 timeline times carries a timezone"]


_BODY = ("# The CA footgun\n\n## Summary\n\nA certificate change broke outbound TLS for an hour.\n\n"
         "## Root cause\n\nThe client replaced the default CAs instead of adding one, which caused the failures.\n")


def test_site_front_matter_that_does_not_parse_is_strict_only(run_cli, tmp_path):
    front = "---\ntitle: The CA footgun\ndate: 2021-05-11\nslug: ca-footgun\ntwitter_site: @example\n---\n\n"
    path = write(tmp_path / "pm.md", front + _BODY)
    assert rule_findings(run_cli, path, "PM017") == []
    found = rule_findings(run_cli, path, "PM017", preset="strict")
    assert [(item["severity"], item["line"]) for item in found] == [("info", 5)]
    assert "at line 5)" in found[0]["message"]  # the file's line, not the front matter's


def test_front_matter_that_loses_a_postmortem_field_is_reported(run_cli, tmp_path):
    front = "---\ntitle: The CA footgun\ndate: 2021-05-11\nseverity: SEV2\ntwitter_site: @example\n---\n\n"
    path = write(tmp_path / "pm.md", front + _BODY)
    assert [(item["severity"], item["line"]) for item in rule_findings(run_cli, path, "PM017")] == [("info", 5)]


def test_front_matter_whose_title_cannot_be_recovered_is_reported(run_cli, tmp_path):
    front = "---\ntitle: [The CA footgun\ndate: 2021-05-11\ntwitter_site: @example\n---\n\n"
    path = write(tmp_path / "pm.md", front + _BODY)
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM017")] == ["PM017"]


# ---- PM011: causes told as an attack, timelines told in a list or in a short note ----------

def _pm011(run_cli, path, preset="recommended"):
    return sorted((item["message"].split("`")[1], item["severity"])
                  for item in rule_findings(run_cli, path, "PM011", preset=preset))


_PHISHING = ("# Account phishing\n\n## 3.4.2020\n\n## Summary\n\n"
             "A phishing campaign targeted several private mail accounts of our developers.\n\n"
             "## Impact\n\nNo known impact.\n\n## Action items\n\n- Move authorization away from email.\n")


def test_a_phishing_campaign_is_the_cause_and_no_impact_needs_no_timeline(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _PHISHING)
    assert _pm011(run_cli, path) == []
    assert _pm011(run_cli, path, "strict") == [("timeline", "info")]


def test_an_incident_with_impact_still_needs_its_timeline(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _PHISHING.replace("No known impact.", "Two accounts were taken over."))
    assert _pm011(run_cli, path) == [("timeline", "warning")]


_MALWARE = ("# Malware upload\n\n## Summary\n\n"
            "On August 16 we were notified of a new user who had uploaded nine packages that typosquatted "
            "popular packages with ill intent. The packages were yanked at once and removed on August 18.\n\n"
            "## Actions taken\n\nThe deletion was performed at 17:22 UTC on August 18, 2023.\n\n"
            "## Future actions\n\nWe will scan all uploads for typosquatting.\n")


def test_a_short_takedown_note_with_dated_steps_states_cause_and_chronology(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _MALWARE)
    assert _pm011(run_cli, path) == []


def test_a_takedown_note_without_dates_still_misses_its_timeline(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _MALWARE.replace("On August 16 w", "W").replace(" and removed on August 18", "")
                 .replace(" at 17:22 UTC on August 18, 2023", " later"))
    assert _pm011(run_cli, path) == [("timeline", "warning")]


@pytest.mark.parametrize("narrative", [
    "Unauthorized access to the build service was detected earlier this week; we revoked the tokens.",
    "Users uploaded many files and the disk filled; I restarted the server and it came back.",
    "The malicious traffic stopped after a few hours, and the site came back.",
])
def test_ordinary_narrative_is_no_cause(run_cli, tmp_path, narrative):
    text = (f"# Incident\n\n## Summary\n\n{narrative}\n\n## Timeline\n\n- 2024-03-01 09:00 UTC: alert\n"
            "- 2024-03-01 10:00 UTC: resolved\n")
    path = write(tmp_path / "pm.md", text)
    assert [name for name, _ in _pm011(run_cli, path)] == ["root_causes"]  # at info: summary and timeline tell it


_STEPS = ("# Chain halt\n\n## Summary\n\n"
          "- v1.1.0 was rolled out on `Apr. 28 around 20:00 UTC` at block `1960300`\n"
          "- Block production kept going until block `1960665`\n"
          "- Validators could not agree on block `1960666`, and the chain halted\n"
          "- It was decided to restart from a new genesis file\n"
          "- v1.1.3 was rolled out on `Apr 29 around 19:30 UTC` and blocks resumed around `20:00 UTC`\n\n"
          "## Description\n\nThe issue was caused by a line of code storing non-deterministic data.\n")


def test_summary_bullets_that_tell_the_steps_in_order_are_the_timeline(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _STEPS)
    assert _pm011(run_cli, path) == []


def test_bullets_with_one_dated_item_are_no_timeline(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _STEPS.replace("on `Apr 29 around 19:30 UTC` and blocks resumed around `20:00 UTC`",
                                                    "and blocks resumed"))
    assert _pm011(run_cli, path) == [("timeline", "warning")]


def test_a_plan_with_due_dates_is_no_timeline(run_cli, tmp_path):
    text = ("# Chain halt\n\n## Summary\n\nThe chain halted after the upgrade.\n\n"
            "## Root cause\n\nThe issue was caused by a line of code storing non-deterministic data.\n\n"
            "## Action items\n\n- Add a determinism test, due Apr 28 10:00 UTC\n- Review the module\n"
            "- Fix the upgrade guide\n- Ship v1.1.4 by May 2 12:00 UTC\n")
    path = write(tmp_path / "pm.md", text)
    assert _pm011(run_cli, path) == [("timeline", "warning")]


def test_a_status_page_notice_asks_for_its_cause_at_info(run_cli, tmp_path):
    text = ("---\ntitle: Package installs unavailable\ndate: 2022-05-27T16:50:00-00:00\nresolved: true\n"
            "resolvedWhen: 2022-05-29T16:22:00-00:00\n---\n\n"
            "A contributor fix (HTTPS redirection) and a rollback to the correct GPG key fixed the installs.\n\n"
            "The package installer fails to install from the mirror.\n")
    path = write(tmp_path / "pm.md", text)
    assert ("root_causes", "info") in _pm011(run_cli, path)


# ---- PM506: a zone slip the document itself corrects -------------------------------------

def test_a_mixed_range_whose_start_is_given_in_the_other_zone_elsewhere_is_a_slip(run_cli, tmp_path):
    text = ("# Upgrade halt\n\n## Summary\n\n- Date: May 28 2025, 11:30 AM UTC - May 29 2025, 17:30 UTC\n"
            "- Halt: May 28 2025, 11:30 AM BST - May 28 2025, 20:30 UTC\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM506") == []
    path = write(tmp_path / "pm2.md", text.replace("11:30 AM UTC", "10:30 AM UTC"))
    assert [item["line"] for item in rule_findings(run_cli, path, "PM506")] == [6]


def test_one_entry_off_a_declared_zone_is_strict_only(run_cli, tmp_path):
    entries = ("- 2025-10-30 18:00 PST: Second wave begins\n- 2025-10-30 22:22 PST: Second wave peaks\n"
               "- 2025-10-30 23:00 MST: Mempool is empty again\n- 2025-10-31 03:30 PST: Third wave begins\n")
    declared = write(tmp_path / "pm.md", "# Dust storm\n\n## Timeline (all times PST)\n\n" + entries)
    assert rule_findings(run_cli, declared, "PM506") == []
    assert [item["severity"] for item in rule_findings(run_cli, declared, "PM506", preset="strict")] == ["info"]
    undeclared = write(tmp_path / "pm2.md", "# Dust storm\n\n## Timeline\n\n" + entries)
    assert [item["severity"] for item in rule_findings(run_cli, undeclared, "PM506")] == ["warning"]


def test_a_rule_over_the_document_is_not_front_matter(run_cli, tmp_path):
    """`---`, a blank line, then the report (with its own `**Severity:**` line and a closing
    `---` at the end): a horizontal rule, not front matter that swallows the summary."""
    text = ("---\n\n# Boot failure\n\nDate: 2026-06-10\n**Severity:** SEV3\n\n## Summary\n\n"
            "The laptop failed to boot. Root cause was an incomplete initramfs for the new kernel.\n\n"
            "## Timeline\n\n- 2026-06-10 09:00 UTC: reboot hangs\n- 2026-06-10 10:00 UTC: rebuilt initramfs\n\n---\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM011", "PM017", "PM001", preset="strict") == []
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert "title: Boot failure" in out


def test_front_matter_that_starts_with_its_key_is_still_front_matter(run_cli, tmp_path):
    text = "---\nseverity: SEV2\nauthors: @a\n---\n\n# Boot failure\n\n## Summary\n\nThe laptop failed to boot.\n"
    path = write(tmp_path / "pm.md", text)
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM017")] == ["PM017"]


_LINE = st.one_of(st.sampled_from(["# Title", "**Severity:** SEV2", "key: value", "authors: @x", "", "- item",
                                   "---", "twitter_site: @a", "date: 2021-05-11", "  nested: [1"]),
                  st.text(alphabet="ab:#*@-[] \t", max_size=12))


@settings(max_examples=200, deadline=None)
@given(st.booleans(), st.lists(_LINE, max_size=12), st.lists(_LINE, max_size=6))
def test_front_matter_reading_never_fails_and_a_rule_over_markdown_is_no_front_matter(blank, head, tail):
    from pmlint.load import load_text

    lines = ["---"] + ([""] if blank else []) + head + ["---"] + tail
    document = load_text("pm.md", "\n".join(lines) + "\n")
    codes = {problem.code for problem in document.problems}
    block = head[:head.index("---")] if "---" in head else head  # the front matter ends at the first rule
    if blank and any(re.match(r"#{1,6}[ \t]+\S|\*\*\S", line) for line in block):
        assert not codes & {"front-matter", "front-matter-site"}


# ---- reStructuredText saved as .md ------------------------------------------------------

_RST = (".. contents::\n\n"
        "===============\nDNS deviation\n===============\n\n"
        "Summary\n~~~~~~~\n\nSome delegated domains failed to resolve for an hour.\n\n"
        "Timeline\n~~~~~~~~\n\n* 2026-01-28 11:45 UTC: records removed\n\n* 2026-01-28 12:45 UTC: records restored\n\n"
        "Root cause\n^^^^^^^^^^\n\nWe failed to recognize that delegated domains used the old name servers, "
        "which caused the failures.\n")


def test_rst_titles_with_any_adornment_are_sections(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _RST)
    assert rule_findings(run_cli, path, "PM011", preset="strict") == []
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert "title: DNS deviation" in out and "2026-01-28T12:45:00+00:00" in out


def test_markdown_with_a_tilde_fence_is_not_read_as_rst(run_cli, tmp_path):
    text = ("# Outage\n\n## Summary\n\nThe cache failed.\n\n## Root cause\n\nA bad deploy caused the failure.\n\n"
            "Log excerpt\n~~~\n## Timeline\n- 2026-01-28 11:45 UTC: x\n- 2026-01-28 12:45 UTC: y\n~~~\n")
    path = write(tmp_path / "pm.md", text)
    assert [name for name, _ in _pm011(run_cli, path)] == ["timeline"]  # the fenced lines are code


_RST_LINE = st.one_of(st.sampled_from([".. contents::", "Title", "=====", "~~~~~", "^^^^^^^^", "-----", "", "  indented",
                                       "text line", "----", "~~~"]), st.text(alphabet="=~^-ab .:", max_size=10))


@settings(max_examples=300, deadline=None)
@given(st.lists(_RST_LINE, max_size=30))
def test_rst_titles_keep_the_line_count_and_touch_only_titles(lines):
    from pmlint.load.markdown.rst import rst_titles

    out = rst_titles(lines)
    assert len(out) == len(lines)
    if not any(line.startswith(".. ") for line in lines):
        assert out is lines
    for before, after in zip(lines, out):
        assert after == before or after == "" or after.lstrip("#").strip() == before.strip()


def test_reading_rst_titles_is_linear():
    from pmlint.load.markdown.rst import rst_titles

    unit = ["", "Title", "~~~~~", "", "text", "=====", "Over", "=====", "^^^"]
    assert_ten_times_linear(lambda copies: rst_titles([".. contents::"] + unit * copies), 5000)


@pytest.mark.parametrize("unit", [
    "phishing campaign ", "phishing email was ", "uploaded the ", "uploaded a b c ", "typosquatted ", "with ill ",
    "malicious actor ", "an attacker a b c d ", "attackers used the ", "crafted for ",
])
def test_reading_attacks_told_as_acts_is_linear(unit):
    """Ten times the text costs about ten times the time, whatever the text repeats."""
    from pmlint.load import load_text

    assert_ten_times_linear(
        lambda copies: load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies).meta.evidence.get("root_causes"),
        5000, unit)


@pytest.mark.parametrize("unit", ["On Tuesday at 02:01 AM UTC we ", "1 2 3 4 5 6 ", "jan feb 1st ", "12/12/", "the 1"])
def test_searching_a_document_for_any_date_is_linear(unit):
    from types import SimpleNamespace

    from pmlint.engine.checks.timeline import _dated_anywhere

    def run(copies: int) -> None:
        _dated_anywhere(SimpleNamespace(document=SimpleNamespace(path="pm.md", lines=[unit * 40] * copies)))

    assert_ten_times_linear(run, 500, unit)

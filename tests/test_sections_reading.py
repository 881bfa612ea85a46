"""Sections and times read as people write them (CLI in, findings out, on synthetic documents):

- A history kept by the month (`Jul 2024 | #15181 | ...`) is dated to the month, never read
  as "Jul 20"; its table under "## Timeline" is still the timeline (no PM011, no PM501).
- A 12-hour time with its zone ("At 02:00 AM UTC we ...") is clear: PM501 does not call it
  an ISO 8601 error; a time with no zone is still reported.
- A blog's front matter that does not parse but holds only site keys is asked about under
  `strict` only; one that loses a postmortem field (`severity:`) keeps PM017.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from conftest import rule_findings, write

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


_CDN = ("# CDN block\n\n## Summary\n\nThe CDN blocked our media and source files for 98 minutes.\n\n"
        "## Timeline of events\n\n"
        "At 02:00 AM UTC we received an email from the CDN saying our media was blocked.\n\n"
        "At 03:00 AM UTC we decided to move to another provider; DNS was switched at 03:24 AM UTC.\n\n"
        "## Root cause\n\nThe CDN's abuse filter read our .ts files as video streams, which caused the block.\n")


def test_a_twelve_hour_time_with_its_zone_is_clear(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _CDN)
    assert rule_findings(run_cli, path, "PM501") == []


def test_a_time_with_no_zone_is_still_reported(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _CDN.replace(" AM UTC", " AM"))
    found = rule_findings(run_cli, path, "PM501")
    assert found and all("02:00 AM" in item["message"] or "03:00 AM" in item["message"] for item in found)


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

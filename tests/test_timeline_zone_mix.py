"""PM506: one timeline written in two zones with no conversion cannot be put in order.

Held-out reviewers raised times in BST beside times in UTC. A zone and its daylight variant,
offsets written out, and an entry that gives the other zone in brackets are one clock.
Synthetic documents only.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


def _timeline(*entries: str, intro: str = "") -> str:
    return "# Incident\n\n" + (intro + "\n\n" if intro else "") + "## Timeline\n\n" + \
        "\n".join(f"- {entry}" for entry in entries) + "\n"


MIXED = ("2025-05-28 10:30 BST: The chain halts", "2025-05-28 10:45 BST: Validators report the halt",
         "2025-05-28 11:10 UTC: Patched binary published", "2025-05-28 11:40 UTC: Blocks resume",
         "2025-05-28 12:00 UTC: Incident closed")


def test_entries_in_two_zones_are_one_finding_at_the_first_of_the_fewer(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _timeline(*MIXED))
    found = rule_findings(run_cli, path, "PM506")
    assert len(found) == 1
    assert found[0]["line"] == 5 and found[0]["severity"] == "warning"
    assert "2 entries in BST" in found[0]["message"] and "3 in UTC" in found[0]["message"]


def test_pacific_and_utc_are_a_mix(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _timeline("2025-05-28 09:00 PST: Errors rise", "2025-05-28 17:20 UTC: Alert fires",
                                               "2025-05-28 17:40 UTC: Rollback"))
    assert len(rule_findings(run_cli, path, "PM506")) == 1


@pytest.mark.parametrize("entries", [
    ("2025-03-08 23:50 PST: Job starts twice", "2025-03-09 03:10 PDT: Paged", "2025-03-09 03:40 PT: Job stopped"),
    ("2025-05-28 10:30 BST (09:30 UTC): The chain halts", "2025-05-28 11:10 UTC: Patch published",
     "2025-05-28 11:40 UTC: Blocks resume"),
    ("2025-05-28 10:30 UTC+1: The chain halts", "2025-05-28 11:10 UTC: Patch published"),
    ("2025-05-28 10:30 UTC: The chain halts", "2025-05-28 11:10 UTC: Patch published"),
    ("2025-05-28 10:30 CET: Disk fills", "2025-05-28 11:10 CEST: Disk cleaned"),
], ids=["daylight-variant", "conversion-in-brackets", "offset-written", "one-zone", "cet-cest"])
def test_one_clock_is_not_a_mix(run_cli, tmp_path, entries):
    path = write(tmp_path / "pm.md", _timeline(*entries))
    assert rule_findings(run_cli, path, "PM506") == []


def test_gmt_and_bst_are_one_clock_when_the_document_says_uk_time(run_cli, tmp_path):
    entries = ("2025-03-30 00:30 GMT: Backups start", "2025-03-30 03:10 BST: Backups fail", "2025-03-30 04:00 BST: Fixed")
    assert rule_findings(run_cli, write(tmp_path / "a.md", _timeline(*entries, intro="All times are UK time.")),
                         "PM506") == []
    assert len(rule_findings(run_cli, write(tmp_path / "b.md", _timeline(*entries)), "PM506")) == 1


def test_a_conversion_stated_once_for_the_document_is_no_mix(run_cli, tmp_path):
    text = _timeline(*MIXED, intro="Times are in BST (UTC+1) where marked, UTC otherwise.")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM506") == []


def test_a_zone_in_the_prose_outside_the_timeline_is_no_mix(run_cli, tmp_path):
    """A local time in the narrative ("at 3 AM PST the engineer was paged") beside a UTC timeline."""
    text = _timeline("2025-05-28 11:10 UTC: Alert fires", "2025-05-28 11:40 UTC: Rollback",
                     intro="## Summary\n\nAt 3:10 AM PST the on-call engineer was paged.")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM506") == []


def test_yaml_at_values_in_different_zones(run_cli, tmp_path):
    path = write(tmp_path / "pm.yaml", """timeline:
  - {at: "2025-06-21 09:00 PST", event: Error rate rises}
  - {at: "2025-06-21 17:20 UTC", event: Alert fires}
""")
    assert len(rule_findings(run_cli, path, "PM506")) == 1
    path = write(tmp_path / "ok.yaml", """timeline:
  - {at: "2025-06-21T09:00:00-08:00", event: Error rate rises}
  - {at: "2025-06-21T17:20:00Z", event: Alert fires}
""")
    assert rule_findings(run_cli, path, "PM506") == []


@pytest.mark.parametrize("line, expected", [
    ("- Halt: May 28 2025, 10:30 AM BST - May 28 2025, 19:30 UTC", 1),
    ("The outage ran from 09:00 PST to 17:40 UTC.", 1),
    ("The outage ran from 09:00 PST to 11:40 PDT.", 0),
    ("The outage lasted 95 minutes (23:55 UTC to 01:30 UTC).", 0),
    ("Halt: 10:30 BST - 19:30 UTC (18:30 BST)", 0),
], ids=["bst-utc", "pst-utc", "daylight-variant", "one-zone", "conversion-given"])
def test_a_range_outside_the_timeline_with_ends_in_two_zones(run_cli, tmp_path, line, expected):
    path = write(tmp_path / "pm.md", f"# Incident\n\n## Summary\n\n{line}\n")
    found = rule_findings(run_cli, path, "PM506")
    assert len(found) == expected
    if expected:
        assert found[0]["line"] == 5 and "(line 5)" in found[0]["message"]

"""Issue 12: sections are recognised by what they hold, not only by their heading.

Synthetic Markdown only: time-stamped lines anywhere are a timeline, commitment headings
are action items, "How did this happen" and "Conclusions" hold causes, "Background" is not
the summary, US zone names and IANA names are zones, "N/A" is no action item.
"""

from __future__ import annotations

import pytest

from checks_helpers import lint_yaml
from pmlint.load import load_text


def load(text: str):
    return load_text("pm.md", text)


def test_a_time_stamped_leadup_list_is_the_timeline():
    document = load("# Outage on 2025-03-04\n\n## Leadup\n\n*List the events that led to the incident*\n\n"
                    "- **00:27 UTC:** Connections start to climb\n  on the primary\n"
                    "- **00:32 UTC:** The on-call engineer is paged\n- **00:55 UTC:** The node is recycled\n")
    assert "timeline" in document.meta.sections
    assert [entry["at"] for entry in document.data["timeline"]] == [
        "2025-03-04T00:27:00+00:00", "2025-03-04T00:32:00+00:00", "2025-03-04T00:55:00+00:00"]


def test_stamped_lines_that_no_section_holds_form_a_timeline():
    document = load("# Outage on 2025-03-04\n\nAll times UTC.\n\n## Appendix\n\n09:47 Initial onset of errors\n\n"
                    "10:02 Rollback started\n\n10:15 Errors back to normal\n")
    assert len(document.data["timeline"]) == 3
    assert document.data["timeline"][0]["at"] == "2025-03-04T09:47:00+00:00"


def test_us_dates_with_dashes_and_am_pm():
    document = load("# Runner compromise\n\n## Timeline (all times PST)\n\n07-30-2023 2:42 am - Setting changed\n\n"
                    "07-30-2023 3:22 am - Account reported\n")
    assert [entry["at"] for entry in document.data["timeline"]] == [
        "2023-07-30T02:42:00-08:00", "2023-07-30T03:22:00-08:00"]


@pytest.mark.parametrize("line, offset", [
    ("2025-01-15 7:09 AM Eastern: token revoked", "-05:00"),
    ("2025-07-15 7:09 AM ET: token revoked", "-04:00"),
    ("2025-07-15 7:09 AM Pacific: token revoked", "-07:00"),
    ("2025-07-15 7:09 PT: token revoked", "-07:00"),
    ("2025-07-15 7:09 CET: token revoked", "+01:00"),
    ("2025-07-15 13:50 GST: chain halts", "+04:00"),
    ("2025-07-15 08:00 America/New_York: fix deployed", "-04:00"),
])
def test_zone_names_are_zones(line: str, offset: str):
    document = load(f"# Outage\n\n## Timeline\n\n- {line}\n")
    assert document.data["timeline"][0]["at"].endswith(offset)


@pytest.mark.parametrize("heading", [
    "Where do we go from here?", "What we're doing about it", "Remediation and follow-up steps",
    "Recent improvements and future steps",
])
def test_commitment_headings_hold_action_items(heading: str):
    document = load(f"# Outage\n\n## {heading}\n\n- Add a lease timeout to the workers\n- Page on queue depth\n")
    assert len(document.data["action_items"]) == 2


@pytest.mark.parametrize("heading", ["How did this happen", "Conclusions", "Root causes found"])
def test_cause_headings(heading: str):
    document = load(f"# Outage\n\n## {heading}\n\n- The lease was never released after a restart\n")
    assert "root_causes" in document.meta.sections


def test_background_is_not_the_summary():
    document = load("# Outage\n\n## Background\n\nThe queue service was built in 2015 to move uploads between "
                    "regions, and it has grown to many workers since then, in two data centres.\n")
    assert "summary" not in document.meta.sections


def test_na_is_no_action_item():
    found = lint_yaml("# Outage\n\n## Summary\n\nThe queue stalled.\n\n## Review actions\n\n1. N/A\n",
                      {"PM313"}, path="pm.md")
    assert [finding.rule_id for finding in found] == ["PM313"]

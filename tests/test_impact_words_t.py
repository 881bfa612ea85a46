"""Impact words as held-out T and S wrote them.

- "the most common error is" is a superlative, not a share of anything hit ("most jobs
  failed" still is one).
- "back up and running within a few distracted evening hours": a duration with words
  between the number and the unit.
- "Starting about a week ago, some users started reporting new errors": at least a week so far.
"""

from __future__ import annotations

import pytest
from conftest import rule_findings, write

DOC = """# Build errors

## Summary

{text}

## Root cause

An old Sphinx is incompatible with the new docutils release.
"""


def _impact(tmp_path, run_cli, text):
    return rule_findings(run_cli, write(tmp_path / "pm.md", DOC.format(text=text)), "PM601")


def test_a_superlative_is_no_share(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "Builds failed with several errors; the most common error is a TypeError.")
    assert len(found) == 1 and found[0]["severity"] == "warning" and "no count, share or duration" in found[0]["message"]


def test_most_of_those_hit_is_still_a_share(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "Most builds failed with a TypeError.")
    assert len(found) == 1 and found[0]["severity"] == "info" and "Most builds" in found[0]["message"]


@pytest.mark.parametrize("text, quoted", [
    ("I had most of everything back up and running within a few distracted evening hours.",
     "within a few distracted evening hours"),
    ("Starting about a week ago, some users started reporting new errors with their builds.",
     "Starting about a week ago"),
])
def test_durations_told_loosely(tmp_path, run_cli, text, quoted):
    found = _impact(tmp_path, run_cli, text)
    assert len(found) == 1 and found[0]["severity"] == "info" and quoted in found[0]["message"]


LOW = """# Web font failed to load in one browser

**Severity:** {severity}

## Summary

One browser failed to load the site's web font and rendered the fallback font.
"""


def test_nothing_quantified_at_the_lowest_stated_level_is_a_note(tmp_path, run_cli):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", LOW.format(severity="Low (incorrect typography)")),
                          "PM601")
    assert len(found) == 1 and found[0]["severity"] == "info"


def test_nothing_quantified_at_a_higher_level_is_a_warning(tmp_path, run_cli):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", LOW.format(severity="SEV2")), "PM601")
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_a_condition_is_no_count_of_those_hit(tmp_path, run_cli):
    text = ("The migration failed on upgrade. It broke in two cases:\n\n- If there are no users in the database\n"
            "- When the settings table is empty\n")
    found = _impact(tmp_path, run_cli, text)
    assert len(found) == 1 and "no count, share or duration" in found[0]["message"]
    found = _impact(tmp_path, run_cli, "The migration failed on upgrade, but no users were affected by it.")
    assert found == []  # an impact stated as none


def test_a_range_with_its_length_in_brackets_is_a_duration(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "Images failed. Date: 28 Feb 2017 (~1738) to 01 Mar 2017 (~2054) (~75 hours)")
    assert len(found) == 1 and found[0]["severity"] == "info" and "75 hours" in found[0]["message"]

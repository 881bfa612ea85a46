"""A day written the European way, "20. November 2025", opens an ordered list in
CommonMark (numbered from 20), which would take the day out of the item's text and so
drop the entry from the timeline. Ordered items whose text opens with a month and a year
or a clock time get their number back; numbered steps keep theirs off their text."""

from __future__ import annotations

import pytest

from conftest import write
from pmlint.load.markdown.blocks import parse_blocks

TIMELINE = """# Outage of the build farm

## Summary

The build farm was down for three hours.

## Timeline

{rows}

## Root cause

A disk filled up on the artifact server.
"""


@pytest.mark.parametrize("rows", [
    "- 20. November 2025 10:05 UTC - Builds start failing\n- 20. November 2025 13:05 UTC - Builds recover",
    "20. November 2025 10:05 UTC - Builds start failing\n\n21. November 2025 13:05 UTC - Builds recover",
    "* 3. Mar 2025 10:05 UTC: Builds start failing\n* 3. Mar 2025 13:05 UTC: Builds recover",
])
def test_a_day_numbered_entry_stays_in_the_timeline(tmp_path, run_cli, rows):
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", TIMELINE.format(rows=rows))))
    assert code == 0, err
    assert "event: Builds start failing" in out and "event: Builds recover" in out


@pytest.mark.parametrize("line, text, column", [
    ("- 20. November 2025 10:05 UTC - Builds fail", "20. November 2025 10:05 UTC - Builds fail", 3),
    ("20. November 2025 10:05 UTC - Builds fail", "20. November 2025 10:05 UTC - Builds fail", 1),
    ("* 3. Mar 10:05 UTC: Builds fail", "3. Mar 10:05 UTC: Builds fail", 3),
    ("1. Restart the artifact server", "Restart the artifact server", 4),
    ("1. November was the month we moved", "November was the month we moved", 4),
    ("32. November 2025 10:05 UTC - x", "November 2025 10:05 UTC - x", 5),
    ("20) November 2025 10:05 UTC - x", "November 2025 10:05 UTC - x", 5),
])
def test_only_a_day_before_a_month_is_given_back(line, text, column):
    items = [block for block in parse_blocks([line]) if block.kind == "item" and block.text]
    assert [(item.text, item.column) for item in items] == [(text, column)]
    assert line[column - 1:].startswith(text)

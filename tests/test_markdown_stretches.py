"""The Markdown block parse runs a stretch of lines at a time (memory: markdown-it's tokens
for a whole large document were most of a check's peak). Cutting must never change what
is read: the blocks equal those of one parse of the whole document, whatever the stretch."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.load.markdown import blocks as md_blocks

#: lines that open, continue or end every kind of block, including the ones that run on
#: over blank lines and headings (fences, HTML blocks of kinds 1 to 5)
PIECES = ["", "", "   ", "# Heading", "## Sub", "#", "text", "more text", "- item", "  - nested", "1. one",
          "2) two", "* star", "+ plus", "```", "~~~", "    code", "\tcode", "> quote", ">", "| a | b |",
          "|---|---|", "| 1 | 2 |", "a | b", "--- | ---", "<div>", "</div>", "<!-- comment", "-->", "<script>",
          "</script>", "<pre>", "===", "---", "***", "[x]: /url", "  continued", "\u00a0", "<?php", "?>"]


def _blocks(lines: list[str], stretch: int) -> list[md_blocks.Block]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(md_blocks, "CHUNK_LINES", stretch)
        return md_blocks.parse_blocks(lines)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.integers(min_value=1, max_value=6))
def test_blocks_do_not_depend_on_the_stretch(lines, stretch):
    assert _blocks(lines, stretch) == _blocks(lines, 10**9)


def test_an_open_fence_runs_over_the_stretch_boundary():
    lines = ["intro", "", "```", "", "# not a heading", "", "still code"] + ["", "Para"] * 5
    blocks = _blocks(lines, 1)
    assert blocks == _blocks(lines, 10**9)
    assert [block.kind for block in blocks[:2]] == ["paragraph", "code"]
    assert "# not a heading" in blocks[1].text

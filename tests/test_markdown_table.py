"""The loader's one-token table rule (md_table) reads every document as markdown-it's
own table rule does: same tables, same rows and cells, same lines, same blocks around
them. Compared on generated documents, on the corpus and on the examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.rules_block.table import escapedSplit

from pmlint.load.markdown import blocks as md_blocks
from pmlint.load.markdown.table import escaped_split

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

#: table lines of every shape (escaped pipes, code spans, short and long rows, bad
#: delimiter rows), and lines that end a table or continue it
PIECES = ["", "| a | b |", "a | b", "|---|---|", "--- | ---", "|:-:|--:|", "| - | - |", "|---||---|", "-|-",
          "| 1 | 2 |", "| 1 |", "| 1 | 2 | 3 |", "1 | 2", "| `a|b` | c |", "| a \\| b | c |", "| \\\\| x |",
          "|", "||", "| |", "  | indented | row |", "    | code | row |", "> | quoted | row |", "> |---|---|",
          "- | item | row |", "  |---|---|", "# | heading |", "```", "<div>", "text", "***", "1. | one | two |",
          "\t| tab | row |", "| x | y", "|a|b|c|d|e|", "|-|-|-|-|-|", ":--|--:", "| é | ü |", "=== | ==="]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
@example(["| a | b |", "|---|---|", "| 1 |", "> quote", "| 2 | 3 |"])
@example(["- item", "  | a | b |", "  |---|---|", "  | 1 | 2 |", "| 3 | 4 |"])
def test_the_same_blocks_as_the_stock_table_rule(lines):
    assert md_blocks.parse_blocks(lines) == md_blocks.parse_blocks(lines, md_blocks.markdown_parser(stock_tables=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.integers(min_value=1, max_value=5))
@example(["x", "", "| a | b |", "|---|---|", "| 1 | 2 |", "| 3 | 4 |"], 1)
def test_the_same_rows_when_parsed_a_stretch_at_a_time(lines, stretch):
    """Row lines count from the table's start, so a table in a later stretch sits where it is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(md_blocks, "CHUNK_LINES", stretch)
        fast = md_blocks.parse_blocks(lines)
    assert fast == md_blocks.parse_blocks(lines, md_blocks.markdown_parser(stock_tables=True))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="|\\` ab\t", max_size=30))
def test_rows_split_as_the_stock_rule_splits_them(text):
    assert escaped_split(text) == escapedSplit(text)


def _documents():
    found = sorted(CORPUS.glob("*.md")) + sorted((ROOT / "examples").rglob("*.md")) + \
        sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    return [path for path in found if path.is_file()]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus (../shared/corpus) is not beside the repository")
def test_real_documents_read_the_same():
    stock = md_blocks.markdown_parser(stock_tables=True)
    checked = tables = 0
    for path in _documents():
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        blocks = md_blocks.parse_blocks(lines)
        assert blocks == md_blocks.parse_blocks(lines, stock), path
        checked += 1
        tables += sum(block.kind == "table" for block in blocks)
    assert checked > 20 and tables > 5  # the comparison saw real tables


def test_a_table_is_one_token():
    lines = ["| a | b |", "|---|---|", *(f"| {n} | x |" for n in range(50))]
    tokens = list(md_blocks._tokens(lines))
    assert [token.type for token in tokens] == ["pm_table"]
    assert len(tokens[0].meta["rows"]) == 50


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="| ab\t\u00a0é", max_size=40), st.integers(min_value=0, max_value=3))
def test_plain_rows_are_split_as_the_scan_splits_them(text, start):
    """A row with no escape and no backtick is split by str.split: the same cells as the scan."""
    assert md_blocks._cell_spans(text, start) == md_blocks._cell_spans_marked(text, start)

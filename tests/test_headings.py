"""The one reader of a document's ATX heading lines (`pmlint.headings`, `Document.headings()`).

It must read a heading where CommonMark does (checked against markdown-it-py on generated
documents, with the loader's own code blocks), stay linear, and give each caller what it has
always read (the lines some callers also take: a tab in the lead, `#` alone, code lines).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from linearity import assert_ten_times_linear
from pmlint.headings import Heading, atx_headings
from pmlint.load import load_text
from pmlint.load.markdown.blocks import parse_blocks
from pmlint.model import Document, DocumentMeta

# --- generated documents: the blocks a postmortem is made of, at the top level ------------

_WORDS = st.sampled_from(["timeline", "impact", "C#", "#", "##", "a#b", "\\#", "*Runbook*", "day", "one", "x"])
_TEXT = st.lists(_WORDS, max_size=4).map(" ".join)


@st.composite
def _atx(draw) -> list[str]:
    """An ATX heading line or a near miss: 0-4 spaces, 1-7 hashes, any gap, closing hashes."""
    indent = " " * draw(st.integers(0, 4))
    hashes = "#" * draw(st.integers(1, 7))
    gap = draw(st.sampled_from(["", " ", "  ", "\t", " \t"]))
    closing = draw(st.sampled_from(["", " #", " ###", "#", " ## ", "  "]))
    return [indent + hashes + gap + draw(_TEXT) + closing]


@st.composite
def _paragraph(draw) -> list[str]:
    """Prose lines, maybe continued by a line that only looks like a heading (a tab lead) or
    underlined as a setext heading (which the reader leaves alone)."""
    lines = [draw(st.sampled_from(["We rolled back.", "The queue grew", "Customers saw errors"]))]
    lines += draw(st.lists(st.sampled_from(["\t# not a heading", " \t## nor this", "    # continued text", "and more"]),
                           max_size=2))
    lines += draw(st.sampled_from([[], ["==="], ["---"]]))
    return lines


@st.composite
def _fence(draw) -> list[str]:
    """A fenced code block holding comment lines that look like headings; maybe unclosed."""
    indent = " " * draw(st.integers(0, 3))
    mark = draw(st.sampled_from(["```", "````", "~~~"]))
    body = draw(st.lists(st.sampled_from(["# restart the pods", "## step 2", "kubectl get pods", "", "```", "~~~~"]),
                         max_size=4))
    close = draw(st.sampled_from([[indent + mark], [mark + mark[0]], []]))
    return [indent + mark + draw(st.sampled_from(["", "sh"]))] + body + close


def _indented(lines: list[str]) -> list[str]:
    return ["", *("    " + line for line in lines)]


_BLOCK = st.one_of(_atx(), _paragraph(), _fence(), st.just([""]),
                   st.lists(st.sampled_from(["# a shell comment", "ls"]), min_size=1, max_size=2).map(_indented))
_DOCUMENT = st.lists(_BLOCK, max_size=12).map(lambda blocks: [line for block in blocks for line in block])


def _code_ranges(lines: list[str]) -> tuple[tuple[int, int], ...]:
    """The code blocks as the Markdown loader records them (`meta.code_lines`)."""
    return tuple(sorted({(block.line, block.end_line) for block in parse_blocks(lines) if block.kind == "code"}))


def _markdown_it_headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line, level, text) of every top-level ATX heading markdown-it reads."""
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    return [(token.map[0] + 1, len(token.markup), tokens[index + 1].content) for index, token in enumerate(tokens)
            if token.type == "heading_open" and token.level == 0 and token.markup.startswith("#") and token.map]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
def test_the_reader_agrees_with_markdown_it(lines):
    """Outside the loader's code blocks, the lines CommonMark reads as ATX headings are
    exactly the reader's `commonmark` headings, with the same level and text."""
    found = atx_headings(lines, _code_ranges(lines))
    assert [(heading.line, heading.level, heading.text) for heading in found
            if heading.commonmark and not heading.in_code] == _markdown_it_headings(lines)


@settings(max_examples=200, deadline=None)
@given(_DOCUMENT)
def test_code_lines_are_marked_not_dropped(lines):
    """A heading-shaped line in a code block is returned, marked `in_code` (some callers
    have always read code lines too); every other line is returned as outside code."""
    ranges = _code_ranges(lines)
    inside = {number for first, last in ranges for number in range(first, last + 1)}
    for heading in atx_headings(lines, ranges):
        assert heading.in_code == (heading.line in inside)


# --- what each form reads as ---------------------------------------------------------------

def test_each_form_of_heading_line():
    lines = ["# Title #", "## C#", "#", "####### seven", "    # four spaces", "\t# tab lead", "#\xa0Timeline",
             "#no space", "  ### Impact ###  ", "## ##"]
    found = {heading.line: heading for heading in atx_headings(lines)}
    assert (found[1].level, found[1].text, found[1].commonmark) == (1, "Title", True)
    assert found[2].text == "C#"  # a closing run needs a space before it
    assert (found[3].text, found[3].gap, found[3].spaced, found[3].commonmark) == ("", "", False, True)
    assert 4 not in found and 5 not in found and 8 not in found
    assert (found[6].indent, found[6].commonmark) == ("\t", False)  # kept for the callers that read it
    assert (found[7].gap, found[7].commonmark) == ("\xa0", False)
    assert (found[9].level, found[9].text, found[9].indent, found[9].after_hashes) == (3, "Impact", "  ", 5)
    assert found[10].text == ""


def test_nested_code_ranges_still_cover_their_lines():
    found = atx_headings(["```", "# a", "# b", "# c", "```", "# d"], [(1, 5), (2, 3)])
    assert [heading.in_code for heading in found] == [True, True, True, False]


def test_the_document_reads_its_headings_once():
    document = load_text("pm.md", "# Outage\n\n## Timeline\n\n```sh\n# not a heading\n```\n")
    first = document.headings()
    assert first is document.headings()
    assert [(heading.line, heading.text, heading.in_code) for heading in first] == [
        (1, "Outage", False), (3, "Timeline", False), (6, "not a heading", True)]
    document.lines = ["## Other"]  # another text: read again
    assert [heading.text for heading in document.headings()] == ["Other"]


def test_a_yaml_comment_is_read_like_any_line():
    """The reader knows lines, not formats: a YAML document's comment lines come back too
    (the one caller that reads YAML documents, `cause_beyond_code`, always took them)."""
    document = Document(path="pm.yaml", format="yaml", lines=["# Timeline", "title: x"], data={}, meta=DocumentMeta())
    assert [heading.line for heading in document.headings()] == [1]


def test_the_reader_is_linear():
    unit = ["## Timeline ##", "Some prose with a # in it", "```", "# comment", "```", "\t# tab", "#" * 3000]

    def build(copies: int) -> tuple[list[str], list[tuple[int, int]]]:
        lines = unit * copies
        return lines, [(7 * copy + 3, 7 * copy + 5) for copy in range(copies)]

    assert_ten_times_linear(lambda built: atx_headings(*built), 300, "atx_headings", setup=build)


def test_a_heading_is_a_named_tuple():
    assert Heading(1, 2, "x", "", " ", False) == (1, 2, "x", "", " ", False)

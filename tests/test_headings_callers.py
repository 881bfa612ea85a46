"""Each reader of headings reads, through `Document.headings()`, exactly the lines it read
with a pattern of its own before there was one reader (the patterns are kept here as the
specification). Their differences are deliberate at each call: a refactor that moves a
section boundary moves findings. A change to one caller's reading is a behaviour change,
made with a behaviour test, and its line here changes with it.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.engine.checks import document as document_checks
from pmlint.engine.checks import impact, learning, root_cause, weaknesses
from pmlint.infer import repeat
from pmlint.model import Document, DocumentMeta, code_line_numbers

# the patterns each caller matched every line against, before the one reader
IMPACT_SECTION = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")
IMPACT_DAY = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+(?:[*_]{1,2})?day[ \t]+(one|two|three|four|five|six|seven|eight|nine|"
                        r"ten|\d{1,2})\b", re.IGNORECASE)
LEARNING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
DOCUMENT = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
REPEAT = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.{1,300}?)[ \t#]*$")
BACKUPS = re.compile(r"[ \t]{0,3}#{2,6}[ \t]")
ROOT_CAUSE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]")
ROOT_CAUSE_TIMELINE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t].{0,80}?\b(?:timeline|chronology|sequence of events)\b",
                                 re.IGNORECASE)

_PIECES = st.sampled_from([" ", "  ", "\t", "#", "##", "###", "#######", "x", "*", "_", "\xa0", "\u3000", "\x1f", "day",
                           " one", " 2", "Day Two", "timeline", "C#", " #", "## ", "**", "y" * 150, "z" * 301])
#: a heading-shaped line: each lead, run of hashes and gap any caller may have told apart
_HEADING_LINE = st.tuples(st.sampled_from(["", " ", "   ", "    ", "\t", " \t", "  \t", "\t ", "\xa0"]),
                          st.sampled_from(["#", "##", "######", "#######"]),
                          st.sampled_from(["", " ", "  ", "\t", "\xa0", "\x1f", "\u3000", "x"]),
                          st.lists(_PIECES, max_size=4).map("".join)).map("".join)
_LINE = st.one_of(_HEADING_LINE, st.lists(_PIECES, max_size=6).map("".join))


@st.composite
def _document(draw) -> Document:
    lines = draw(st.lists(_LINE, min_size=1, max_size=12))
    ranges, at = [], 1
    while at <= len(lines) and draw(st.booleans()):
        first = draw(st.integers(at, len(lines)))
        last = draw(st.integers(first, len(lines)))
        ranges.append((first, last))
        at = last + 1
    return Document(path="pm.md", format="markdown", lines=lines, data={}, meta=DocumentMeta(code_lines=tuple(ranges)))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_every_caller_reads_the_lines_it_always_read(document):
    lines = document.lines
    code = code_line_numbers(document.meta.code_lines)
    headings = document.headings()

    # impact: sections of a bare share; the days of a story told by day
    assert impact._heading_lines(document) == [
        number for number, text in enumerate(lines, 1)
        if number not in code and text[:1] in " #" and IMPACT_SECTION.match(text)]
    assert [(heading.line, found.group(1)) for heading in headings if not heading.in_code
            and (found := impact._DAY_TITLE.match(lines[heading.line - 1][:200], heading.after_hashes))] == [
        (number, found.group(1)) for number, text in enumerate(lines, 1)
        if number not in code and "#" in text[:12] and (found := IMPACT_DAY.match(text[:200]))]

    # learning: procedure sections, with their titles
    assert learning._Procedures(document).headings == [
        (number, len(found.group(1)), found.group(2).strip().strip("*_")) for number, text in enumerate(lines, 1)
        if text.lstrip(" ").startswith("#") and (found := LEARNING.match(text)) and number not in code]

    # document: a chronology's sections and linked timeline (outside code); a hollow timeline (code too)
    assert [(heading.line, heading.level) for heading in headings if document_checks._read_here(heading)] == [
        (number, len(found.group(1))) for number, text in enumerate(lines, 1)
        if number not in code and (found := DOCUMENT.match(text))]
    assert {heading.line: heading.level for heading in headings if "\t" not in heading.indent} == {
        number: len(found.group(1)) for number, text in enumerate(lines, 1) if (found := DOCUMENT.match(text))}

    # repeat: the dated headings above a repeat, with their titles
    assert [(heading.line, heading.level, found.group(1)) for heading in headings
            if not heading.in_code and "\t" not in heading.indent
            and (found := repeat._TITLE.match(lines[heading.line - 1][:400], heading.after_hashes))] == [
        (number, len(found.group(1)), found.group(2)) for number, text in enumerate(lines, 1)
        if number not in code and text.startswith(("#", " ")) and (found := REPEAT.match(text[:400]))]

    # weaknesses (PM315, PM316): the headings below the title that may name the answer (code lines too)
    assert [heading.line for heading in headings if weaknesses._below_title(heading)] == [
        number for number, text in enumerate(lines[1:], 2) if BACKUPS.match(text)]

    # root_cause: where a timeline opens and ends (code lines too)
    assert {heading.line: root_cause._TIMELINE_TITLE.match(lines[heading.line - 1], heading.after_hashes) is not None
            for heading in headings if heading.spaced} == {
        number: ROOT_CAUSE_TIMELINE.match(text) is not None for number, text in enumerate(lines, 1)
        if ROOT_CAUSE.match(text)}

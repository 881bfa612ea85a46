"""Source positions: phrases found across line breaks and at word boundaries, the same
occurrence counted by checks and by `Document.locate_text`, and spans that never spill
into the next line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.load import load_path, load_text
from pmlint.model import Span, needle_matches, occurrence_at

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.md"))
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []


def lint(path: str, text: str, select: str) -> list:
    from pmlint.config import load_config
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document

    config = load_config(None)
    rules = [rule for rule in load_rules(config.rules_directories()) if rule.id in select.split(",")]
    document = load_text(path, text, config.settings)
    return lint_document(document, rules, RunOptions(settings=config.settings, severity={}))


# ---- locate_text ----------------------------------------------------------------------

def test_phrase_across_a_folded_yaml_line_break_is_found():
    text = "title: x\nsummary: >\n  The outage could have been\n  avoided with a canary.\n"
    document = load_text("pm.yaml", text)
    assert document.locate_text("/summary", "could have been avoided") == Span(3, 14, 4, 9)


def test_folded_phrase_example_points_at_the_phrase_not_the_block():
    found = [f for f in lint(str(ROOT / "examples" / "flawed-blame.yaml"),
                             (ROOT / "examples" / "flawed-blame.yaml").read_text(), "PM703")]
    assert [(f.span.line, f.span.column, f.span.end_line) for f in found] == [(17, 74, 18)]
    lines = (ROOT / "examples" / "flawed-blame.yaml").read_text().splitlines()
    assert lines[16][73:].startswith("could have been")
    assert lines[17][:found[0].span.end_column].endswith("avoided")


def test_phrase_across_a_wrapped_markdown_list_item_is_found():
    text = ("# Outage\n\n## Summary\n\nThe deploy went out.\n\n## Action items\n\n"
            "- We should set up monitoring and they should\n  have caught it in review (@ops)\n")
    found = lint("pm.md", text, "PM701")
    assert len(found) == 1
    assert (found[0].span.line, found[0].span.column, found[0].span.end_line, found[0].span.end_column) == (9, 40, 10, 6)


def test_phrase_across_a_wrapped_markdown_paragraph_is_found():
    text = "# Outage\n\n## Summary\n\nThe release went out at noon and the on-call engineer failed\nto notice it.\n"
    found = lint("pm.md", text, "PM701")
    assert [(f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in found] == [(5, 55, 6, 2)]


def test_short_needle_matches_a_whole_word_only():
    text = "title: x\nsummary: The certificate expired. He did not renew it.\n"
    document = load_text("pm.yaml", text)
    assert document.locate_text("/summary", "He") == Span(2, 35, 2, 36)
    assert document.locate_text("/summary", "he", 1).line == 2  # no second word "he": the node's own span
    assert document.locate_text("/summary", "he", 1) == document.spans["/summary"]


def test_pm702_pronoun_underlines_the_pronoun_not_the_inside_of_the():
    path = ROOT / "examples" / "flawed-pagerduty-style.md"
    text = "## Root cause\n\nThe cert expired because the rota was empty. He should have set a reminder.\n"
    found = lint(str(path), text, "PM702")
    assert len(found) == 1
    line = text.splitlines()[found[0].span.line - 1]
    assert line[found[0].span.column - 1:found[0].span.end_column] == "He"


@pytest.mark.parametrize("text,needle,start,expected", [
    ("the he the he", "he", 4, 0),
    ("the he the he", "he", 11, 1),
    ("There, he said he", "he", 15, 1),
    ("should\n  have and should have", "should have", 18, 1),
    ("[name] and [name]", "[name]", 11, 1),
])
def test_occurrence_counts_what_locate_text_counts(text, needle, start, expected):
    assert occurrence_at(text, needle, start) == expected
    starts = [match.start() for match in needle_matches(text, needle)]
    assert starts[expected] == start


def test_checks_and_locate_text_agree_on_the_nth_occurrence():
    # "failed to" inside "unfailed to" is no occurrence for either side
    text = ("title: x\nauthors: [Sam Rivera]\nsummary: >\n  The job unfailed to start; the pod failed to\n"
            "  start. Sam failed to renew the cert.\n")
    found = lint("pm.yaml", text, "PM701")
    assert [(f.span.line, f.span.column) for f in found] == [(5, 14)]


# ---- spans never spill into the next line --------------------------------------------

def _check_spans(document) -> None:
    count = len(document.lines)
    for pointer, span in document.spans.items():
        where = f"{document.path} {pointer!r} {span}"
        assert 1 <= span.line <= span.end_line <= count, where
        assert span.column >= 1 and span.end_column >= 1, where
        assert span.end_column <= len(document.lines[span.end_line - 1]) + 1, where
        if span.end_line == span.line:
            assert span.column <= span.end_column, where
        if span.end_line > span.line and span.end_column == 1 and pointer:
            # ending at column 1 of a later line: only when that line really has a character there
            assert document.lines[span.end_line - 1][:1].strip(), where


@pytest.mark.parametrize("path", EXAMPLES + CORPUS_FILES, ids=[path.name for path in EXAMPLES + CORPUS_FILES])
def test_every_span_of_every_example_lies_inside_the_file(path):
    _check_spans(load_path(str(path)))


@pytest.mark.parametrize("text", [
    "summary: >\n  a b\n  c d\n\n\nimpact: x\n",
    "summary: |+\n  a b\n\n\nimpact: x\n",
    "items:\n  - a\n  - b\n\n# a comment\nx: 1\n",
    "root_causes:\n  - summary: a\n    whys:\n      - one\n      - two\n  - summary: b\n",
    "a:\n  b: 1\n  c: 2\n",
    "summary: >\n  a b\n  c d",
    "summary: >\r\n  a b\r\n  c d\r\nimpact: x\r\n",
])
def test_yaml_nodes_end_at_their_last_character(text):
    document = load_text("pm.yaml", text)
    _check_spans(document)
    for pointer, span in document.spans.items():
        if pointer:
            last = document.lines[span.end_line - 1]
            assert span.end_column == len(last.rstrip()) or span.end_line == span.line, (pointer, span)


def test_block_scalar_and_sequence_end_on_their_own_last_line():
    document = load_text("pm.yaml", "summary: >\n  a b\n  c d\n\nroot_causes:\n  - summary: a\n    whys:\n"
                                    "      - one\n      - two\n  - summary: b\n")
    assert document.spans["/summary"] == Span(1, 10, 3, 5)
    assert document.spans["/root_causes/0/whys"] == Span(8, 7, 9, 11)
    assert document.spans["/root_causes/0"] == Span(6, 5, 9, 11)

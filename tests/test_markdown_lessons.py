"""Markdown lessons: labelled bullets ("- Went well: ...", "- **What went badly:** ...")
under a plain "Lessons learned" heading go to went_well / went_wrong / got_lucky."""

from __future__ import annotations

import pytest

from pmlint.load import load_text

DOC = """\
---
severity: SEV1
---
# Checkout outage

## Lessons learned

- Went well: the rollback took two minutes
- **Went wrong:** nobody saw the alert
- What went badly: the runbook was stale
- got lucky: traffic was low
- Where we got lucky - it was a Sunday
- *What went well*: paging worked
- Config changes need a canary
"""


def test_labelled_bullets_are_split_by_label():
    document = load_text("pm.md", DOC, {})
    lessons = document.data["lessons"]
    assert lessons["went_well"] == ["the rollback took two minutes", "paging worked"]
    assert lessons["went_wrong"] == ["nobody saw the alert", "the runbook was stale"]
    assert lessons["got_lucky"] == ["traffic was low", "it was a Sunday"]
    assert lessons["learned"] == ["Config changes need a canary"]


@pytest.mark.parametrize("pointer,line,text", [
    ("/lessons/went_well/0", 8, "the rollback took two minutes"),
    ("/lessons/went_wrong/1", 10, "the runbook was stale"),
    ("/lessons/got_lucky/1", 12, "it was a Sunday"),
])
def test_labelled_lessons_span_their_text_after_the_label(pointer, line, text):
    document = load_text("pm.md", DOC, {})
    span = document.spans[pointer]
    assert span.line == line
    assert document.lines[line - 1][span.column - 1:span.end_column] == text


def test_a_label_on_its_own_sends_nested_bullets_to_its_list():
    text = ("# Outage\n\n## Lessons learned\n\n- Went well:\n  - paging worked\n  - rollback was fast\n"
            "- Got lucky:\n  - low traffic\n- Keep runbooks current\n")
    lessons = load_text("pm.md", text, {}).data["lessons"]
    assert lessons["went_well"] == ["paging worked", "rollback was fast"]
    assert lessons["got_lucky"] == ["low traffic"]
    assert lessons["learned"] == ["Keep runbooks current"]


def test_pm801_accepts_labelled_lessons():
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.settings import merge_settings

    rules = [rule for rule in load_rules() if rule.id == "PM801"]
    document = load_text("pm.md", DOC, {})
    assert list(lint_document(document, rules, RunOptions(settings=merge_settings(None), severity={}))) == []


def test_an_ordinary_colon_is_no_lesson_label():
    text = "# Outage\n\n## Lessons learned\n\n- Note: well-tested code still failed\n"
    assert load_text("pm.md", text, {}).data["lessons"] == {"learned": ["Note: well-tested code still failed"]}

"""The YAML loader: plain data, spans for every node, problems instead of exceptions."""

from __future__ import annotations

from pmlint.load import load_text
from pmlint.model import Span

SOURCE = """\
title: Checkout outage
date: 2025-06-21
severity: SEV2
on_call: {pages: 3, sleep_interrupted: true, person_hours: 4.5}
quoted: "3"
empty:
timeline:
  - at: 2025-06-21T23:05:00Z
    event: Error rate rises
defaults: &defaults {owner: sre, priority: P2}
action_items:
  - <<: *defaults
    title: Add alert
    priority: P1
"""


def test_builds_plain_data_with_core_schema_scalars():
    data = load_text("pm.yaml", SOURCE).data
    assert data["date"] == "2025-06-21"  # dates stay ISO strings
    assert data["on_call"] == {"pages": 3, "sleep_interrupted": True, "person_hours": 4.5}
    assert data["quoted"] == "3" and data["empty"] is None
    assert data["timeline"][0]["at"] == "2025-06-21T23:05:00Z"
    assert data["action_items"][0] == {"title": "Add alert", "priority": "P1", "owner": "sre"}


def test_every_node_has_a_one_based_span():
    document = load_text("pm.yaml", SOURCE)
    assert document.spans["/title"] == Span(1, 8, 1, 22)
    assert document.spans["/on_call/pages"].line == 4
    assert document.spans["/timeline/0/event"] == Span(9, 12, 9, 27)
    assert document.spans["/action_items/0/title"].line == 13
    assert document.problems == []


def test_missing_nodes_fall_back_to_nearest_ancestor():
    document = load_text("pm.yaml", SOURCE)
    assert document.span_for("/action_items/0/due").line == 12
    assert document.missing_span("/impact/users_affected").line == 1  # top-level: the title line


def test_duplicate_keys_are_problems_at_the_second_key():
    document = load_text("pm.yaml", "title: a\nsummary: x\nsummary: y\n")
    (problem,) = document.problems
    assert problem.code == "duplicate-key" and problem.span.line == 3
    assert "line 2" in problem.message
    assert document.data["summary"] == "y"


def test_tags_never_construct_objects():
    document = load_text("pm.yaml", "a: !!python/object/apply:os.system [echo hi]\nb: !custom 3\n")
    assert [problem.code for problem in document.problems] == ["yaml-tag", "yaml-tag"]
    assert document.data == {"a": ["echo hi"], "b": 3}


def test_structure_problems():
    assert load_text("pm.yaml", "- a\n").problems[0].code == "not-a-mapping"
    assert load_text("pm.yaml", "a: 1\n---\nb: 2\n").problems[0].code == "multiple-documents"
    assert load_text("pm.yaml", "").problems[0].code == "empty"
    assert load_text("pm.yaml", "? [a]\n: b\n").problems[0].code == "complex-key"


def test_syntax_error_points_at_the_line():
    (problem,) = load_text("pm.yaml", "title: x\nsummary: [a, b\nother: 1\n").problems
    assert problem.code == "syntax" and problem.span.line >= 2
    (problem,) = load_text("pm.yaml", "a:\n\tb: 1\n").problems
    assert "tabs" in problem.message and problem.span.line == 2


def test_suppressions_are_parsed():
    document = load_text("pm.yaml", "a: 1  # pmlint: disable=PM301,PM302 -- later\n# pmlint: disable=PM701\nb: 2\n"
                                    "# pmlint: disable-file=PM801\n")
    first, own_line, file_wide = document.suppressions
    assert first.rules == ("PM301", "PM302") and first.target_line == 1 and first.reason == "later"
    assert own_line.target_line == 3
    assert file_wide.target_line is None


def test_missing_field_points_at_the_key_of_its_parent():
    document = load_text("pm.yaml", "title: x\nimpact:\n  description: Some users saw errors\n")
    assert document.missing_span("/impact/users_affected").line == 2
    assert document.missing_span("/impact/slo/name").line == 2
    assert document.missing_span("/lessons/went_well").line == 1  # no parent: the title line

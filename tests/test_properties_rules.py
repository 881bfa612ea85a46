"""Property tests for the rule pack: any JSON-like tree, and any mutation of a real
postmortem, goes through every rule without an exception (no PM009 finding).

Rules see data shaped by people: a list where a mapping belongs, a number where text
belongs, null anywhere. Each must report or ignore it, never crash on it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_text
from pmlint.model import Document
from pmlint.settings import merge_settings

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()
OPTIONS = RunOptions(settings=merge_settings(None), severity={})
FAST = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))

FIELDS = ["schema_version", "id", "title", "date", "status", "severity", "services", "authors", "summary", "impact",
          "description", "users_affected", "duration_minutes", "revenue", "slo", "customer_facing", "detection",
          "method", "source", "gap", "timeline", "at", "event", "kind", "trigger", "root_causes", "layer", "whys",
          "layer_analysis", "code", "infrastructure", "architecture", "on_call", "pages", "off_hours_pages",
          "responders", "person_hours", "toil", "resolution", "action_items", "owner", "due", "priority", "ticket",
          "type", "addresses", "lessons", "went_well", "went_wrong", "got_lucky", "related_incidents", "name",
          "budget_consumed", "sleep_interrupted", "escalations", "x", ""]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["SEV1", "sev9", "2023-04-12T14:02:00Z", "2023-04-12 14:02", "14:02", "2023-13-45", "final",
                     "alert", "customer", "code", "architecture", "prevent", "mitigate", "started", "resolved",
                     "human error", "should have", "P1", "OPS-1", "{title}", "%s %d", "\x1b[31m", "a\nb"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(st.sampled_from(FIELDS), children, max_size=6)),
    max_leaves=40,
)
DOCUMENTS = st.dictionaries(st.sampled_from(FIELDS), TREES, max_size=12)


def assert_no_internal_error(document: Document) -> None:
    findings = lint_document(document, RULES, OPTIONS)
    internal = [finding.message for finding in findings if finding.rule_id == "PM009"]
    assert not internal, internal


@FAST
@given(DOCUMENTS)
def test_any_json_tree_through_the_yaml_loader(tree):
    assert_no_internal_error(load_text("pm.yaml", json.dumps(tree, allow_nan=False) if _finite(tree) else "{}"))


@FAST
@given(DOCUMENTS, st.sampled_from(["yaml", "markdown"]))
def test_any_json_tree_as_document_data(tree, fmt):
    """Straight into the model, as any loader (or a future one) might produce it."""
    document = Document(path="pm." + ("yaml" if fmt == "yaml" else "md"), format=fmt, lines=["x"] * 5, data=tree)
    assert_no_internal_error(document)


def _finite(tree) -> bool:
    try:
        json.dumps(tree, allow_nan=False)
        return True
    except ValueError:
        return False


def _samples() -> list[tuple[str, str]]:
    paths = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.md"))
    paths += sorted((ROOT.parent / "shared" / "corpus").glob("*.md"))[:6]
    samples = [(path.name, path.read_text(encoding="utf-8", errors="replace")) for path in paths]
    return samples or [("fallback.yaml", FALLBACK)]


FALLBACK = """\
title: Checkout latency spike
date: 2023-04-12
severity: SEV2
summary: Checkout timed out for a third of users after a cache failover.
impact: {users_affected: 48000, duration_minutes: 68, customer_facing: true}
detection: {method: alert, source: p99 latency}
timeline:
  - {at: "2023-04-12T14:02:00Z", event: Cache node lost its disk, kind: started}
  - {at: "2023-04-12T14:07:00Z", event: Latency alert fired, kind: detected}
root_causes:
  - summary: Replica sized for half the load
    layer: infrastructure
    whys: [Pool saturated, Misses tripled]
action_items:
  - {title: Resize the replica, owner: storage, due: 2023-04-30, priority: P1, type: repair}
lessons: {went_well: [failover worked], got_lucky: [off-peak]}
"""
SAMPLES = _samples()
REPLACEMENTS = ["[]", "{}", "5", "null", "''", "true", "[1, [2, {a: b}]]", "{owner: 5, due: [x]}", "-1e9",
                "2023-99-99", "should have", "*undefined", "&a x", "!!binary aGk=", "|\n  text"]
VALUE_LINE = re.compile(r"^(\s*(?:- )?[\w ]+:\s)(.+)$")


@st.composite
def mutated(draw) -> tuple[str, str]:
    name, text = draw(st.sampled_from(SAMPLES))
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        kind = draw(st.sampled_from(["delete", "truncate", "swap", "duplicate", "indent"]))
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[index: index + draw(st.integers(1, 5))]
        elif kind == "truncate":
            joined = "\n".join(lines)
            lines = joined[: draw(st.integers(0, len(joined)))].splitlines()
        elif kind == "swap":
            match = VALUE_LINE.match(lines[index])
            if match:
                lines[index] = match.group(1) + draw(st.sampled_from(REPLACEMENTS))
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        else:
            lines[index] = draw(st.sampled_from(["  ", "\t", "- ", ""])) + lines[index]
    return name, "\n".join(lines)


@FAST
@given(mutated())
def test_mutated_examples_never_raise(sample):
    name, text = sample
    assert_no_internal_error(load_text(name, text))

"""Identity fields written as labelled lines at the top of a Markdown postmortem (no front
matter): `**Severity:** SEV1`, `Date: ...`, `**Status:** ...`, read with their spans."""

from __future__ import annotations

import textwrap

from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load.markdown import load_markdown
from pmlint.settings import merge_settings


def load(text: str):
    return load_markdown("pm.md", textwrap.dedent(text).lstrip("\n"), {})


def test_bold_label_lines_under_the_title_are_identity_fields():
    document = load("""
        # Checkout outage

        **Date:** 2025-03-01

        **Severity:** SEV1

        **Status:** Final

        ## Summary

        Checkout failed for 40 minutes.
    """)
    assert document.data["severity"] == "SEV1"
    assert document.data["date"] == "2025-03-01"
    assert document.data["status"] == "final"
    span = document.spans["/severity"]
    assert (span.line, span.column, span.end_column) == (5, 15, 18)
    assert document.lines[span.line - 1][span.column - 1:span.end_column] == "SEV1"
    assert document.spans["/date"].line == 3


def test_plain_labels_a_metadata_list_and_words_are_read():
    document = load("""
        # Checkout outage
        - Severity: Critical
        - **Date**: March 1, 2025
        - Status: Resolved

        ## Summary

        Severity: this line is in a section, not the metadata block.
    """)
    assert document.data["severity"] == "Critical"  # the author's word; rules map it
    assert document.data["date"] == "2025-03-01"
    assert "status" not in document.data  # the incident's status, not the document's
    assert "date" not in load("# Outage\n\n**Date:** January 14-19, 2026\n").data  # a range is no single date
    assert document.spans["/severity"].line == 2


def test_front_matter_wins_and_lines_in_sections_are_not_metadata():
    document = load("""
        ---
        severity: SEV3
        ---
        # Checkout outage

        Severity: SEV1

        ## Impact

        Severity: SEV2
    """)
    assert document.data["severity"] == "SEV3"
    assert document.spans["/severity"].line == 2


def test_severity_word_enables_the_major_incident_rules():
    """`**Severity:** Critical` (corpus posthog) is SEV1: PM102 and friends now run."""
    text = "# Checkout outage\n\n**Severity:** Critical\n\n## Root causes\n\n- [code] A retry loop had no backoff.\n"
    document = load_markdown("pm.md", text, {})
    rules = [rule for rule in load_rules() if rule.id in {"PM102", "PM014"}]
    found = {f.rule_id for f in lint_document(document, rules, RunOptions(settings=merge_settings(None), severity={}))}
    assert found == {"PM102"}

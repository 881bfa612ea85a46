"""A phrase reported in Markdown prose is located in the prose, never in a code block of
the same section (the loader records code lines in meta.code_lines; locate_text skips them)."""

from __future__ import annotations

from checks_helpers import lint_yaml

from pmlint.load import load_text

DOC = """\
# Outage

## Summary

The deploy broke checkout.

```
WARN careless retry loop detected
```

Log from the worker:

    indented: careless again

- Checkout failed for 30 minutes.
- The release was careless about the schema change.
"""

def test_the_loader_records_code_lines():
    document = load_text("pm.md", DOC, {})
    assert document.meta.code_lines == ((7, 9), (13, 13))


def test_a_phrase_in_a_list_item_is_located_in_the_item_not_the_code_block():
    findings = [f for f in lint_yaml(DOC, {"PM701"}, path="pm.md")]
    assert len(findings) == 1
    span = findings[0].span
    assert span.line == 16
    assert DOC.splitlines()[15][span.column - 1:span.end_column] == "careless"


def test_locate_text_counts_occurrences_outside_code():
    document = load_text("pm.md", DOC, {})
    pointer = "/summary"
    assert document.locate_text(pointer, "careless", 0).line == 16
    # no second occurrence outside code: the node's own span, not the indented block
    assert document.locate_text(pointer, "careless", 1) == document.span_for(pointer)

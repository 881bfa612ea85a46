"""Spans of wrapped list items, paragraphs and heading-timed events cover all their lines
(and stop at the last line of their own text)."""

from __future__ import annotations

import textwrap

from pmlint.load.markdown import load_markdown


def load(text: str):
    return load_markdown("pm.md", textwrap.dedent(text).lstrip("\n"), {})


def test_wrapped_action_item_title_covers_all_its_lines():
    document = load("""
        # Outage

        ## Action items

        1. Improve the team operations around debugging the cluster more generally. We
           should make sure that on average there are N>1 people around with the skills
           and time to debug the deployment.

        2. Add a disk-space alert.
    """)
    span = document.spans["/action_items/0/title"]
    assert (span.line, span.end_line) == (5, 7)
    assert span.end_column == len(document.lines[6])


def test_item_with_a_nested_list_ends_at_its_own_text():
    document = load("""
        # Outage

        ## Root causes

        - The retry loop had no backoff, so every client
          retried at once.
          - a nested note
          - another note
        - The pool was too small.
    """)
    span = document.spans["/root_causes/0"]
    assert (span.line, span.end_line) == (5, 6)


def test_heading_timed_event_spans_all_its_paragraphs_not_only_the_last():
    document = load("""
        # Outage

        ## Timeline

        ### 2018-02-12 14:03 UTC

        We saw high usage on the deployment. Builds reached
        the launching step and never proceeded.

        Several errors were in the logs:

        ```
        Failed to connect
        ```

        ### 14:10 UTC

        The hub pod was relaunched.
    """)
    event = document.data["timeline"][0]["event"]
    assert "Failed to connect" not in event  # code stays out of prose
    span = document.spans["/timeline/0/event"]
    assert (span.line, span.end_line) == (7, 10)

"""The Markdown loader: sections, action items, timeline, causes, front matter, positions."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pmlint.load import load_path
from pmlint.load.markdown import load_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def load(text: str, settings: dict | None = None):
    return load_markdown("pm.md", textwrap.dedent(text).lstrip("\n"), settings or {})


# -- sections ---------------------------------------------------------------------------

def test_heading_variants_are_recognised_at_any_level():
    document = load("""
        # Outage
        ## :eye: Detection
        Noticed by an alert.
        ### 2. **Root Cause(s)**
        A bad config.
        #### Timeline (all times PST)
        - 10:00 start
        ## ⚠️ Leadup
        A deploy.
        ## What went wrong?
        - Slow rollback
    """)
    sections = document.meta.sections
    assert sections["detection"] == 2
    assert sections["root_causes"] == 4
    assert sections["timeline"] == 6
    assert sections["trigger"] == 8
    assert sections["lessons"] == 10
    assert document.meta.title_line == 1
    assert document.data["lessons"]["went_wrong"] == ["Slow rollback"]


def test_qualified_and_question_headings_are_recognised():
    """Leading qualifiers ("Detailed"), brace notes ("{WIP}") and question forms name sections."""
    document = load("""
        # Outage
        ### What was impacted
        All uploads.
        ## Detailed Timeline
        - 10:00 start
        ## Full Root Cause Analysis
        A bad config.
    """)
    sections = document.meta.sections
    assert sections["impact"] == 2
    assert sections["timeline"] == 4
    assert sections["root_causes"] == 6
    braced = load("""
        # Outage
        ## Timeline {WIP}
        - 10:00 start
    """)
    assert braced.meta.sections["timeline"] == 2


def test_custom_section_aliases_from_settings():
    document = load("""
        # Outage
        ## Follow-through
        - Add an alert
    """, {"section_aliases": {"action_items": ["Follow-through"]}})
    assert document.meta.sections["action_items"] == 2
    assert document.data["action_items"][0]["title"] == "Add an alert"


def test_bold_labelled_bullets_open_sections():
    document = load("""
        # Incident on 2023-07-21
        - **Key events**
          - First detected: 2023-07-21 08:15
          - Resolved 2023-07-21 12:42
        - **Identified**: User reported errors in the support channel
        - **Impact**: Deployments were stuck for 4 hours.
        - **Review actions**:
          - Add a test for IP allocation [#4669](https://example.com/issues/4669)
    """)
    assert document.data["timeline"][0]["at"] == "2023-07-21T08:15:00"
    assert document.data["timeline"][0]["kind"] == "detected"
    assert document.data["timeline"][1]["kind"] == "resolved"
    assert document.data["detection"]["method"] == "customer"
    assert document.data["impact"]["duration_minutes"] == 240
    assert document.data["action_items"][0]["ticket"] == "https://example.com/issues/4669"


def test_section_ends_at_same_or_higher_heading():
    document = load("""
        # T
        ## Summary
        Short summary.
        ### Detail
        More detail.
        ## Appendix
        Not a summary.
    """)
    assert document.data["summary"] == "Short summary.\nDetail\nMore detail."


def test_no_headings_at_all_loads_with_title_line_one():
    document = load("Flags went down for three hours.\n\nWe will stop retrying.\n")
    assert document.data == {}
    assert document.meta.title_line == 1
    assert document.problems == []


# -- front matter -----------------------------------------------------------------------

def test_front_matter_sets_identity_fields_with_shifted_spans():
    document = load("""
        ---
        title: From front matter
        date: 2025-06-21
        severity: SEV1
        weight: 3
        ---
        # Heading title
    """)
    assert document.data["title"] == "From front matter"
    assert document.data["severity"] == "SEV1"
    assert document.spans["/severity"].line == 4
    assert document.spans["/severity"].column == 11
    assert document.meta.front_matter == {"weight": 3}
    assert "weight" not in document.data


def test_broken_front_matter_is_a_front_matter_problem_at_its_line():
    document = load("""
        ---
        title: ok
        severity: [SEV1
        ---
        # T
    """)
    problems = [problem for problem in document.problems if problem.code == "front-matter"]
    assert problems and problems[0].span.line >= 3
    assert problems[0].message.startswith("Front matter")


# -- action items -----------------------------------------------------------------------

def test_action_item_table_with_aliased_headers():
    document = load_path(str(FIXTURES / "sre-table.md"))
    items = document.data["action_items"]
    assert items[0] == {"title": "Add eviction-rate alert", "owner": "dana", "due": "2025-07-15", "priority": "P1",
                        "ticket": "OPS-101", "type": "detect", "layer": "infrastructure", "status": "open"}
    assert items[1]["status"] == "in-progress"
    assert document.meta.action_item_source == "table"
    assert set(document.meta.action_item_columns) >= {"title", "owner", "due", "priority", "ticket", "type"}
    # spans point at the cells
    owner = document.spans["/action_items/0/owner"]
    line = document.lines[owner.line - 1]
    assert line[owner.column - 1:].startswith("@dana")


def test_table_with_misspelled_header_and_no_owner_column():
    document = load("""
        # T
        ## Action Items
        | Description | TYPE-ACTON | Related Issue |
        |---|---|---|
        | Add alerting | Detection | #12 |
        | Write docs | process | |
    """)
    items = document.data["action_items"]
    assert items[0] == {"title": "Add alerting", "type": "detect", "ticket": "#12"}
    assert "owner" not in document.meta.action_item_columns
    assert items[1] == {"title": "Write docs", "type": "process"}


def test_task_list_and_inline_fields():
    document = load("""
        # T
        ## Action items
        - [ ] Add an alert on queue depth owner: @sam due: 2025-07-15 P1 OPS-12 [detect] [infrastructure]
        - [x] Fix the retry loop
        - Document the failover ✅
        - Remove the flag (done)
        - **TODO** Rotate credentials — @lee
    """)
    items = document.data["action_items"]
    assert items[0] == {"title": "Add an alert on queue depth", "status": "open", "owner": "sam",
                        "due": "2025-07-15", "ticket": "OPS-12", "priority": "P1", "type": "detect",
                        "layer": "infrastructure"}
    assert items[1]["status"] == "done"
    assert items[2]["status"] == "done"
    assert items[3]["status"] == "done"
    assert items[4]["status"] == "open" and items[4]["owner"] == "lee"
    assert document.meta.action_item_source == "list"


def test_bold_lead_in_and_group_headings():
    document = load("""
        # T
        ## Remediation
        ### Immediate Actions (Completed)
        - Timeouts moved to runtime configuration
        ### Short-term Improvements
        - **Circuit breaker implementation**: Adding circuit breakers with backoff.
          - [Pull Request](https://github.com/o/r/pull/9)
    """)
    items = document.data["action_items"]
    assert items[0] == {"title": "Timeouts moved to runtime configuration", "status": "done"}
    assert items[1]["title"] == "Circuit breaker implementation"
    assert items[1]["ticket"] == "https://github.com/o/r/pull/9"
    assert document.meta.action_item_groups == {"0": "Immediate Actions (Completed)", "1": "Short-term Improvements"}


def test_prose_action_items_are_kept_as_text():
    document = load("""
        # T
        ## Future Actions
        We will re-iterate the need for teams to use the test ingress.

        The next platform version separates production clusters.
    """)
    assert document.meta.action_item_source == "prose"
    assert len(document.data["action_items"]) == 2
    assert document.spans["/action_items/1"].line == 5


# -- timeline ---------------------------------------------------------------------------

def test_timeline_h3_per_entry_with_date_carry_forward():
    document = load("""
        # 2018-02-12, Hub Launch Fail
        ## Timeline
        All times in PST
        ### 2018-02-12 14:03
        We noticed high usage.
        ### 14:08
        We delete the pods.
    """)
    timeline = document.data["timeline"]
    assert timeline[0] == {"at": "2018-02-12T14:03:00-08:00", "event": "We noticed high usage.", "kind": "detected"}
    assert timeline[1]["at"] == "2018-02-12T14:08:00-08:00"
    assert timeline[1]["event"] == "We delete the pods."
    assert document.spans["/timeline/1"].line == 6


def test_bold_time_bullets_with_utc_suffix_and_front_matter_date():
    document = load("""
        ---
        date: 2025-09-29
        ---
        # Flags outage
        ## Timeline
        - **16:58 UTC** - Writer database saturates
        - **18:46 UTC:** Service fully restored
    """)
    timeline = document.data["timeline"]
    assert timeline[0]["at"] == "2025-09-29T16:58:00+00:00"
    assert timeline[0]["event"] == "Writer database saturates"
    assert timeline[1] == {"at": "2025-09-29T18:46:00+00:00", "event": "Service fully restored", "kind": "resolved"}


def test_table_rows_with_zone_in_header_and_twelve_hour_times():
    document = load("""
        ---
        date: 2026-01-17
        ---
        # SDK incident
        ## Timeline
        | Time (UTC) | Event |
        |---|---|
        | Jan 14, 10:18 AM | A customer reported broken pages |
        | Jan 14, 1:05 PM | Fix released |
    """)
    timeline = document.data["timeline"]
    assert timeline[0]["at"] == "2026-01-14T10:18:00+00:00"
    assert timeline[1]["at"] == "2026-01-14T13:05:00+00:00"
    at_span = document.spans["/timeline/0/at"]
    assert (at_span.line, at_span.column) == (8, 3)


def test_midnight_rollover_and_unzoned_times():
    document = load("""
        # 2020-08-28 - Memory overload
        ## Timeline
        ### 08:52 PM
        Report of failures.
        ### 11:50 PM
        Mitigated by raising limits.
        ### 00:10 AM
        Fully recovered.
    """)
    stamps = [entry["at"] for entry in document.data["timeline"]]
    assert stamps == ["2020-08-28T20:52:00", "2020-08-28T23:50:00", "2020-08-29T00:10:00"]


def test_paragraph_lines_with_time_then_date_and_approximation():
    document = load("""
        # Storm
        ## Timeline (all times PST) Saturday Oct 30th 2021
        12:45 PM PST Saturday Oct 30th: First wave begins

        ~13:30 Mempool fills up
        and nodes fall behind
    """)
    timeline = document.data["timeline"]
    assert timeline[0]["at"] == "2021-10-30T12:45:00-08:00"
    assert timeline[1]["at"] == "2021-10-30T13:30:00-08:00"
    assert timeline[1]["event"] == "Mempool fills up and nodes fall behind"
    assert document.meta.timeline_approximate == ("/timeline/1",)


def test_date_line_then_times_and_unparseable_time_kept_raw():
    document = load("""
        # Account compromise
        ## Timeline (PST)
        _4/21/23_

        11:12 AM: An email was received.

        2X:XX (not sure exact time): Something else happened.
    """)
    timeline = document.data["timeline"]
    assert timeline[0]["at"] == "2023-04-21T11:12:00-08:00"
    assert timeline[1]["at"].startswith("2X:XX")


def test_code_fences_are_never_timeline_entries():
    document = load("""
        # T
        ## Timeline
        - 2025-01-01 10:00 UTC - start
        ```
        14:32 <koffee> is it down?
        ```
    """)
    assert len(document.data["timeline"]) == 1


def test_sentence_declares_zone():
    document = load("""
        # T
        ## Timeline
        All times in UTC.

        | Time | Event |
        |---|---|
        | 2023-02-14 09:33 | Users reported missing logs |
    """)
    assert document.data["timeline"][0]["at"] == "2023-02-14T09:33:00+00:00"


# -- root causes, lessons, on-call ------------------------------------------------------

def test_root_causes_with_layer_tags():
    document = load_path(str(FIXTURES / "bullets-no-owner.md"))
    causes = document.data["root_causes"]
    assert causes[0] == {"summary": "The token parser rejected the new header format.", "layer": "code"}
    assert causes[1]["layer"] == "infrastructure"
    assert causes[1]["summary"] == "The canary pool had no traffic from mobile clients."


def test_prose_root_cause_and_five_whys():
    document = load("""
        # T
        ## Five Why's
        - Major outage
        - **Why?** Node restart
        - **Why?** Autovacuum spiked CPU
        ## Layer: root cause
        Layer: infrastructure. The database shared a node with everything else.
    """)
    causes = document.data["root_causes"]
    assert causes[0]["whys"] == ["Major outage", "Node restart", "Autovacuum spiked CPU"]


def test_on_call_numbers_and_labelled_lessons():
    document = load("""
        # T
        ## On-call
        We sent 12 pages, 3 of them off-hours, to 4 responders over 9 person-hours.
        ## Lessons learned
        - **What went well:** Rollback took two minutes
        - **Where we got lucky:** It happened on a Tuesday
        - Keep runbooks next to alerts
    """)
    assert document.data["on_call"]["pages"] == 12
    assert document.data["on_call"]["off_hours_pages"] == 3
    assert document.data["on_call"]["responders"] == 4
    assert document.data["on_call"]["person_hours"] == 9.0
    lessons = document.data["lessons"]
    assert lessons["went_well"] == ["Rollback took two minutes"]
    assert lessons["got_lucky"] == ["It happened on a Tuesday"]
    assert lessons["learned"] == ["Keep runbooks next to alerts"]


# -- positions and suppressions ----------------------------------------------------------

def test_spans_point_at_list_item_content():
    document = load_path(str(FIXTURES / "bullets-no-owner.md"))
    span = document.spans["/action_items/2"]
    line = document.lines[span.line - 1]
    assert line[span.column - 1:].startswith("Write a runbook")
    title = document.spans["/title"]
    assert (title.line, title.column) == (1, 3)


def test_missing_section_points_at_title_line():
    document = load("""
        ---
        severity: SEV2
        ---

        # Title here
        ## Summary
        Text.
    """)
    assert document.missing_span("/impact").line == 5


def test_suppressions_in_html_comments():
    document = load_path(str(FIXTURES / "bullets-no-owner.md"))
    suppression = document.suppressions[0]
    assert suppression.rules == ("PM701",)
    assert document.lines[suppression.target_line - 1].startswith("The on-call engineer should have")


@pytest.mark.parametrize("name", ["post.markdown", "README", "incident.html.md.erb"])
def test_markdown_by_extension(tmp_path, name):
    path = tmp_path / name
    path.write_text("# T\n## Summary\nA thing broke.\n", encoding="utf-8")
    document = load_path(str(path))
    assert document.format == "markdown"
    assert document.data["summary"] == "A thing broke."


def test_bracketed_times_and_date_from_declaration_sentence():
    document = load("""
        # Partial outage
        ## Timeline
        All times in PST, on February 5th 2019

        * [08:47] Bump PR is merged. **Outage begins.**
        * [09:34] Prow is confirmed functional.
    """)
    timeline = document.data["timeline"]
    assert timeline[0] == {"at": "2019-02-05T08:47:00-08:00", "event": "Bump PR is merged. Outage begins.",
                           "kind": "started"}
    assert timeline[1]["at"] == "2019-02-05T09:34:00-08:00"


def test_date_from_file_name_when_document_has_none():
    document = load_markdown("docs/2026-01-17-sdk.md", "# SDK\n## Timeline\n| Time (UTC) | Event |\n|---|---|\n"
                             "| Jan 14, 10:18 AM | Report |\n| 4:04 PM | Fixed |\n", {})
    assert [entry["at"] for entry in document.data["timeline"]] == [
        "2026-01-14T10:18:00+00:00", "2026-01-14T16:04:00+00:00"]


# -- shapes found in real postmortems (../shared/corpus) ---------------------------------

def test_bracketed_month_day_entries_take_the_year_from_the_document():
    document = load_markdown("docs/2019-03-26.md", textwrap.dedent("""
        # March 26th, 2019 Outage

        All times in PDT (UTC-7).

        ## Timeline

        - [12-05 16:21] Bug introduced
        - [03-26 23:04] The node is drained (**outage starts**)
        """).lstrip("\n"), {})
    timeline = document.data["timeline"]
    assert [entry["at"] for entry in timeline] == ["2018-12-05T16:21:00-07:00", "2019-03-26T23:04:00-07:00"]
    assert timeline[1]["kind"] == "started"


def test_a_zone_declared_under_the_title_applies_to_the_timeline():
    document = load("""
        # Outage on 2019-05-30
        All times PDT.
        ## Timeline
        - 13:26 Reports on Slack that something is wrong
        """)
    assert document.data["timeline"][0]["at"] == "2019-05-30T13:26:00-07:00"


def test_date_only_rows_stay_dates():
    document = load("""
        # Vulnerability response
        ## Timeline
        All times in UTC.

        | Time | Event |
        | --- | --- |
        | 2021-12-10 | The vulnerability was published |
        | 2021-12-10 15:40 | We became aware of it |
        """)
    assert [entry["at"] for entry in document.data["timeline"]] == ["2021-12-10", "2021-12-10T15:40:00+00:00"]


def test_bold_label_sections_take_the_paragraphs_that_follow_and_milestones_merge_by_time():
    document = load("""
        # Incident on 2025-07-23 - Secrets leaked

        - **Key events**
          - First detected 2025-07-23 15:35
          - Resolved 2025-07-23 18:30

        - **Identified**:

        Via Engineer

        - **Context**:

        15:35 – Plan pushed to a branch

        16:59 – Incident declared

        - **Review actions**:

        1. Add `*.out` to gitignore
        2. Scan pushes for secrets
        """)
    data = document.data
    assert data["detection"]["method"] == "employee"
    assert [entry["at"][11:16] for entry in data["timeline"]] == ["15:35", "15:35", "16:59", "18:30"]
    assert [entry["kind"] for entry in data["timeline"]] == ["other", "detected", "escalated", "resolved"]
    assert len(data["action_items"]) == 2
    assert document.spans["/timeline/3"].line == 5  # the span moved with the milestone


def test_context_label_with_prose_is_no_timeline():
    document = load("""
        # Incident on 2026-03-30 - upgrade

        - **Context**:
          The team was migrating the ingress controller to a new version.
        """)
    assert "timeline" not in document.meta.sections


def test_lead_paragraphs_are_the_summary_when_no_heading_says_summary():
    document = load("""
        # All services outage

        At 19:55 UTC all services became unresponsive. The team were already in a call,
        and immediately started to investigate the database host.

        ## Impact
        All services went down.
        """)
    assert document.data["summary"].startswith("At 19:55 UTC")
    assert "summary" not in document.meta.sections

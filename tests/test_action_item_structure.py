"""How a Markdown action list is structured (issue 12): which line is an item's title,
which nested bullets are its fields, and which bold lead-ins are only labels.

- An item whose nested bullets are `**Label:** value` pairs (`1. **Enhance monitoring**`
  over `- **Description:** ...`, `- **Owner:** ...`) is one action item: its own line is the
  title, the pairs its description, owner, due date, status and ticket. Read as a group
  label, every item was titled "Description" and PM311 called them all duplicates.
- A lead-in that only names the kind of text after it ("**Review actions**:", "**Action
  taken:**") is no title: the text after it is the item (PM310 read "Review" as vague).

CLI in (synthetic Markdown), findings out; a property test for the structure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import isolated_findings, line_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.load import load_path
from pmlint.load.markdown import load_markdown

HEAD = "# Uplink outage\n\n## Summary\n\nThe site was read-only for 3 hours.\n\n## Follow-up actions\n\n"

FIELDED = """\
1. **Add a second upstream provider**
   - **Description:** Contract a second ISP for the data centre and announce our prefix over both.

2. **Add route monitoring**
   - **Description:** Alert when the upstream route flaps more than twice in 10 minutes.
   - **Owner:** @dana
   - **Due:** 2025-03-01
   - **Status:** in progress

3. **Schedule failover drills**
   - **Description:** Switch traffic to the secondary site every quarter.
   - **Ticket:** OPS-77
"""


def _write(tmp_path: Path, body: str, name: str = "pm.md") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


# ---- labelled sub-bullets are the item's fields --------------------------------------

def test_items_with_a_labelled_description_are_not_duplicates(run_cli, tmp_path):
    path = _write(tmp_path, FIELDED)
    assert isolated_findings(run_cli, path, "PM311") == []


def test_the_item_line_is_the_title_and_the_labelled_bullets_its_fields(tmp_path):
    path = _write(tmp_path, FIELDED)
    document = load_path(str(path))
    items = document.data["action_items"]
    assert [item["title"] for item in items] == [
        "Add a second upstream provider", "Add route monitoring", "Schedule failover drills"]
    assert items[0]["description"].startswith("Contract a second ISP")
    assert items[1]["owner"] == "dana" and items[1]["due"] == "2025-03-01" and items[1]["status"] == "in-progress"
    assert items[2]["ticket"] == "OPS-77"
    # each field points at its own bullet, the description at the text after its label
    lines = path.read_text(encoding="utf-8").splitlines()
    owner = document.spans["/action_items/1/owner"]
    assert owner.line == line_of(path, "**Owner:**")
    description = document.spans["/action_items/1/description"]
    assert description.line == line_of(path, "flaps more than twice")
    assert lines[description.line - 1][description.column - 1:].startswith("Alert when")
    assert document.spans["/action_items/1"].line == line_of(path, "Add route monitoring")


def test_plain_labels_and_unknown_bold_labels_are_read_too(tmp_path):
    path = _write(tmp_path, "- **Shard the job queue**\n"
                            "  - Owner: @carol\n"
                            "  - **Why:** one tenant filled the queue\n"
                            "  - Ticket: OPS-12\n")
    item = load_path(str(path)).data["action_items"][0]
    assert item["title"] == "Shard the job queue"
    assert item["owner"] == "carol" and item["ticket"] == "OPS-12"
    assert item["description"] == "Why: one tenant filled the queue"


def test_labelled_lines_and_paragraphs_of_an_item_are_its_fields(run_cli, tmp_path):
    """The same fields written as lines under the title, or as the item's own paragraphs:
    the first made the whole item one title, the second dropped the item as a group label."""
    path = _write(tmp_path, "1. **Add route monitoring**\n"
                            "   **Owner:** dana\n"
                            "   **Due:** 2025-03-01\n"
                            "   **Description:** Alert when the route flaps twice\n"
                            "   in 10 minutes.\n\n"
                            "2. **Add a second provider**\n\n"
                            "   **Owner:** erin\n\n"
                            "   **Description:** Contract a second ISP.\n")
    document = load_path(str(path))
    items = document.data["action_items"]
    assert [(item["title"], item.get("owner"), item.get("description")) for item in items] == [
        ("Add route monitoring", "dana", "Alert when the route flaps twice in 10 minutes."),
        ("Add a second provider", "erin", "Contract a second ISP.")]
    assert items[0]["due"] == "2025-03-01"
    assert document.spans["/action_items/0/owner"].line == line_of(path, "**Owner:** dana")


def test_an_inline_field_on_a_later_line_is_still_read_inline(tmp_path):
    path = _write(tmp_path, "- Add an alert on disk usage\n  owner: @bob due: 2025-01-01\n")
    item = load_path(str(path)).data["action_items"][0]
    assert (item["owner"], item["due"]) == ("bob", "2025-01-01")


def test_a_label_every_item_repeats_is_a_field(tmp_path):
    path = _write(tmp_path, "1. **Add a second provider**\n   - **Impact:** no single upstream\n\n"
                            "2. **Add route monitoring**\n   - **Impact:** flaps are paged\n")
    items = load_path(str(path)).data["action_items"]
    assert [item["title"] for item in items] == ["Add a second provider", "Add route monitoring"]
    assert items[1]["description"] == "Impact: flaps are paged"


def test_a_group_label_over_items_with_lead_ins_stays_a_group(tmp_path):
    """`**Monitoring**` over `**Add a disk alert**: page at 80%`: the nested lead-ins are
    actions, not field labels; the parent only names their group."""
    path = _write(tmp_path, "- **Monitoring**\n"
                            "  - **Add a disk alert**: page at 80% for 5 minutes\n"
                            "  - **Add a queue alert**: page at 1,000 jobs\n")
    document = load_path(str(path))
    assert [item["title"] for item in document.data["action_items"]] == ["Add a disk alert", "Add a queue alert"]
    assert set(document.meta.action_item_groups.values()) == {"Monitoring"}


def test_the_description_of_a_vague_title_is_read(run_cli, tmp_path):
    vague = _write(tmp_path, "1. **Investigate pool sizing**\n   - **Owner:** @ana\n", "vague.md")
    concrete = _write(tmp_path, "1. **Investigate pool sizing**\n"
                                "   - **Description:** We will raise the pool to 200 connections.\n", "concrete.md")
    assert [finding["rule"] for finding in isolated_findings(run_cli, vague, "PM310")] == ["PM310"]
    assert isolated_findings(run_cli, concrete, "PM310") == []


# ---- a lead-in that only labels its text is no title ---------------------------------

def test_a_content_label_is_not_the_title(run_cli, tmp_path):
    path = _write(tmp_path, "- **Review actions**: Add a test that checks IP allocation on every deploy\n"
                            "- **Action taken:** We pinned the CNI plugin to 1.12\n")
    document = load_path(str(path))
    items = document.data["action_items"]
    assert items[0]["title"] == "Add a test that checks IP allocation on every deploy"
    assert items[1]["title"] == "We pinned the CNI plugin to 1.12" and items[1]["status"] == "done"
    assert isolated_findings(run_cli, path, "PM310") == []
    # the title's span starts at the text, after the label
    lines = path.read_text(encoding="utf-8").splitlines()
    title = document.spans["/action_items/0/title"]
    assert lines[title.line - 1][title.column - 1:].startswith("Add a test")


def test_a_vague_text_after_a_content_label_is_still_vague(run_cli, tmp_path):
    path = _write(tmp_path, "- **Next steps**: Investigate the connection pool\n")
    found = isolated_findings(run_cli, path, "PM310")
    assert [finding["message"] for finding in found] == [
        'Action item starts with the vague verb "Investigate" and states no measurable outcome']


def test_an_action_lead_in_stays_the_title(tmp_path):
    path = _write(tmp_path, "- **Separate node groups per zone**: Will allow the scheduler to spread pods.\n")
    item = load_path(str(path)).data["action_items"][0]
    assert item["title"] == "Separate node groups per zone"


# ---- a sub-heading with only prose under it, in a plan that lists its other actions ---

REMEDIATIONS = """\
# Checkout outage

## Summary

Checkout failed for 2 hours on 2024-03-01.

## Detection

A customer reported the outage on Twitter.

## Remediations

We split the remediation work into the following areas.

### SSH

The biggest issues concerned SSH, which we take in turn:

#### Agent forwarding

- Disable SSH agent forwarding on all servers

#### Changes to SSH keys should be monitored

We will alert on every change to an authorized_keys file.

Keys are managed by Ansible only.
"""


def test_a_prose_sub_heading_of_a_listed_plan_is_an_item(tmp_path):
    path = tmp_path / "pm.md"
    path.write_text(REMEDIATIONS, encoding="utf-8")
    document = load_path(str(path))
    items = document.data["action_items"]
    # the intro and the heading over sub-headings (an intro ending in ":") are no items
    assert [item["title"] for item in items] == ["Disable SSH agent forwarding on all servers",
                                                 "Changes to SSH keys should be monitored"]
    assert items[1]["description"] == ("We will alert on every change to an authorized_keys file. "
                                       "Keys are managed by Ansible only.")
    assert document.spans["/action_items/1/title"].line == line_of(path, "#### Changes to SSH keys")
    description = document.spans["/action_items/1/description"]
    assert (description.line, description.end_line) == (line_of(path, "We will alert"), line_of(path, "Ansible"))


def test_the_plan_in_a_prose_sub_heading_counts(run_cli, tmp_path):
    """The detection work under its own heading answers PM402; without it the plan has none."""
    path = tmp_path / "pm.md"
    path.write_text(REMEDIATIONS, encoding="utf-8")
    assert isolated_findings(run_cli, path, "PM402") == []
    without = tmp_path / "without.md"
    without.write_text(REMEDIATIONS.split("#### Changes")[0], encoding="utf-8")
    assert [finding["rule"] for finding in isolated_findings(run_cli, without, "PM402")] == ["PM402"]


# ---- status markers are the status, not the title ------------------------------------

def test_status_prefixes_and_an_empty_box_are_the_status(run_cli, tmp_path):
    path = _write(tmp_path, "- [] File an issue for each corrective action\n"
                            "- TODO: Investigate the connection pool\n"
                            "- DONE - Pinned the CNI plugin to 1.12\n"
                            "- [WIP] Shard the job queue by tenant\n")
    document = load_path(str(path))
    items = document.data["action_items"]
    assert [(item["title"], item["status"]) for item in items] == [
        ("File an issue for each corrective action", "open"), ("Investigate the connection pool", "open"),
        ("Pinned the CNI plugin to 1.12", "done"), ("Shard the job queue by tenant", "in-progress")]
    found = isolated_findings(run_cli, path, "PM310")
    assert [(finding["line"], finding["column"]) for finding in found] == [
        (line_of(path, "TODO:"), len("- TODO: ") + 1)]


# ---- a response step marked done is no open commitment ------------------------------

def test_a_vague_step_marked_done_is_not_reported(run_cli, tmp_path):
    path = _write(tmp_path, "| Action item | Type | Owner | State |\n|---|---|---|---|\n"
                            "| Investigate reasons for the failure | mitigate | ana | DONE |\n"
                            "| Investigate the retry storm | repair | ana | ONGOING |\n")
    found = isolated_findings(run_cli, path, "PM310")
    assert [finding["line"] for finding in found] == [line_of(path, "retry storm")]


# ---- property: any fielded list loads one item per parent, spans inside the file ----

_KNOWN = st.sampled_from(["Description", "Owner", "Due", "Status", "Priority", "Ticket", "Notes", "Why"])
_LABELS = st.one_of(_KNOWN, st.sampled_from(["Impact", "Risk", "Effort"]))
_WORDS = st.text(alphabet="abcdefghij XYZ:-*_`[]()@#0123456789", min_size=1, max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_WORDS, st.tuples(_KNOWN, _WORDS),
                          st.lists(st.tuples(_LABELS, _WORDS), max_size=3)), min_size=1, max_size=5),
       st.booleans(), st.sampled_from(["   - ", "   ", "\n   "]))
def test_fielded_items_load_one_item_per_parent(entries, ordered, layout):
    """Items with a known label among their labelled bullets, lines or paragraphs (and
    others, unknown)."""
    body = ""
    for index, (title, first, more) in enumerate(entries, 1):
        pairs = [first, *more]
        marker = f"{index}." if ordered else "-"
        body += f"{marker} **Item {index} {title.strip('*_ ')}**\n"
        body += "".join(f"{layout}**{label}:** {value}\n" for label, value in pairs)
        body += "\n"
    document = load_markdown("p.md", HEAD + body, {})
    count = len(document.lines)
    for pointer, span in document.spans.items():
        assert 1 <= span.line <= span.end_line <= count, (pointer, span)
        assert span.column >= 1, (pointer, span)
    titles = [item["title"] for item in document.data.get("action_items", [])]
    # every item is titled by its own line, never by a field label
    assert all(title.startswith("Item ") for title in titles), titles
    assert len(titles) == len(set(titles))


# ---- reading the structure stays linear ----------------------------------------------

@pytest.mark.parametrize("shape", ["continuation", "lines", "bullets", "headings", "review and "])
def test_structured_items_stay_linear(shape):
    """Many continuation lines after a pair, many labelled lines or bullets under one item,
    many prose sub-headings, a title of repeated "review and": 4x the text costs at most
    6x the time (the ratio test of tests/test_scaling.py)."""
    from test_scaling import assert_linear

    def make(size: int) -> str:
        head = "# T\n\n## Action items\n\n- Add an alert\n\n"
        if shape == "continuation":
            return head + "1. **Add route monitoring**\n   **Owner:** dana\n" + "   more words\n" * (size // 14)
        if shape == "lines":
            return head + "1. **Add route monitoring**\n" + "   **Owner:** dana\n" * (size // 19)
        if shape == "bullets":
            return head + "1. **Add route monitoring**\n" + "   - **Notes:** more\n" * (size // 21)
        if shape == "headings":
            return head + "### Keep patched\n\nWe patch weekly.\n\n" * (size // 36)
        return head + "- Review " + shape * (size // len(shape)) + "update\n"

    assert_linear("p.md", make, 20_000)

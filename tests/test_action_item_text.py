"""Action items read whole (issue 12): a Markdown item written as a bold lead-in and a
body keeps its body as the item's `description`, with its position, and the rules read
the whole commitment. CLI in (synthetic Markdown), findings out.

PM310 reads the body as a reviewer does: an intent ("Make sure ...") whose body only
restates it is vague; a concrete lead-in explained by its body stays concrete; a vague
lead-in whose body commits to a change or states a measurable outcome is concrete.
PM312 tells a test someone adds (a system change) from teams asked to test (people).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import isolated_findings, line_of

from pmlint.load import load_path

HEAD = "# Node pool ran out of IPs\n\n## Summary\n\nPods could not be scheduled for 3 hours.\n\n## Action items\n\n"


def _write(tmp_path: Path, body: str, name: str = "pm.md") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


# ---- the loader keeps the body, with its position ------------------------------------

def test_lead_in_is_the_title_and_the_rest_the_description(tmp_path):
    path = _write(tmp_path, "- **Split node groups per zone**: Will allow the scheduler to\n"
                            "  place pods in every zone.\n\n"
                            "  Needs a new launch template.\n")
    document = load_path(str(path))
    item = document.data["action_items"][0]
    assert item["title"] == "Split node groups per zone"
    assert item["description"] == ("Will allow the scheduler to place pods in every zone. "
                                   "Needs a new launch template.")
    first = line_of(path, "Split node groups")
    title, description = document.spans["/action_items/0/title"], document.spans["/action_items/0/description"]
    assert (title.line, title.end_line) == (first, first)
    # the body starts after the lead-in, on the same line, and runs to the item's end
    assert description.line == first and description.column > title.end_column
    assert description.end_line == line_of(path, "launch template")


def test_the_body_is_found_after_a_task_marker_and_on_the_next_line(tmp_path):
    path = _write(tmp_path, "- [ ] **Split node groups per zone**: Will allow more scheduling.\n"
                            "- **Make sure the pool has a plan**:\n"
                            "  This is a work in progress.\n")
    document = load_path(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()

    def at(pointer: str) -> str:
        span = document.spans[pointer]
        return lines[span.line - 1][span.column - 1:]

    assert at("/action_items/0/description").startswith("Will allow more scheduling.")
    assert at("/action_items/1/description").startswith("This is a work in progress.")
    title = document.spans["/action_items/0/title"]
    assert lines[title.line - 1][title.column - 1:title.end_column].endswith("zone**:")
    assert document.data["action_items"][0]["status"] == "open"


def test_an_item_without_a_lead_in_has_no_description(tmp_path):
    document = load_path(str(_write(tmp_path, "- Add an alert on free IPs below 10%\n")))
    assert "description" not in document.data["action_items"][0]


def test_later_paragraphs_of_a_plain_item_are_its_description(tmp_path):
    path = _write(tmp_path, "- Add an alert on free IPs below 10%\n  in every subnet\n\n  It pages the network team.\n")
    document = load_path(str(path))
    assert document.data["action_items"][0]["description"] == "It pages the network team."
    assert document.spans["/action_items/0/description"].line == line_of(path, "It pages")


def test_the_body_reaches_type_and_layer_inference(run_cli, tmp_path):
    """The lead-in names no layer; its body does ("Kubernetes node"): the item is read as
    infrastructure, inferred, with the word that gave it."""
    path = _write(tmp_path, "- **Implement priority classes for critical workloads**: critical pods cannot be\n"
                            "  scheduled on a Kubernetes node that is full.\n")
    code, out, _ = run_cli("convert", str(path))
    assert code == 0
    assert "layer: infrastructure" in out and "inferred from" in out


def test_the_type_is_what_the_lead_in_does_not_what_the_body_explains(run_cli, tmp_path):
    """A body that says why ("our monitoring did not catch it") does not make a new node
    pool a detection item; what it touches ("pods") still gives its layer."""
    path = _write(tmp_path, "- **Move user pods to their own node pool**: our monitoring did not catch the memory\n"
                            "  pressure.\n")
    code, out, _ = run_cli("convert", str(path))
    assert code == 0
    assert "type:" not in out and "layer: infrastructure" in out


# ---- PM310 -------------------------------------------------------------------------

def test_an_intent_whose_body_only_restates_it_is_vague(run_cli, tmp_path):
    path = _write(tmp_path, "- **Make sure all deployed resources have a plan for monitoring / scaling**: This is a\n"
                            "  work in progress and we will start revising all our components and evaluate where\n"
                            "  we are vulnerable.\n"
                            "- **Split node groups per zone**: Will allow the scheduler to place pods evenly.\n")
    found = isolated_findings(run_cli, path, "PM310")
    assert [(f["line"], f["severity"]) for f in found] == [(line_of(path, "Make sure"), "warning")], found
    assert "only restates it" in found[0]["message"] and "Make sure all deployed" in found[0]["message"]


@pytest.mark.parametrize("body", [
    "so that user pods can never starve the core pods of memory",    # measurable / explained
    "the platform team will move user pods to their own node pool",  # a team commits to a change
    "we will add a resource quota per namespace",
    "we need to add a resource quota per namespace",                 # a necessity naming the change
    "we're adding a resource quota per namespace",                   # work under way
])
def test_an_intent_with_a_concrete_body_is_not_vague(run_cli, tmp_path, body):
    path = _write(tmp_path, f"- **Make sure all deployed resources have a plan for scaling**: {body}. This is a work in"
                            " progress.\n")
    assert isolated_findings(run_cli, path, "PM310") == []


def test_an_intent_alone_is_not_vague(run_cli, tmp_path):
    """"Make sure user pods are in a separate pool" names its end state (review: FP)."""
    path = _write(tmp_path, "- Make sure user pods are in a separate pool\n"
                            "- **Ensure pycurl is used**: the simple client leaks sockets.\n")
    assert isolated_findings(run_cli, path, "PM310") == []


def test_a_concrete_lead_in_explained_by_its_body_stays_concrete(run_cli, tmp_path):
    path = _write(tmp_path, "- **Separate node autoscaling groups per availability zone**: Will allow more organic\n"
                            "  scheduling; we will evaluate other options later.\n")
    assert isolated_findings(run_cli, path, "PM310") == []


@pytest.mark.parametrize("body, vague", [
    ("SRE's need a better feeling of what goes on; we need to ensure tasks are prioritized properly.", True),
    ("We will reserve one sprint slot a week for reliability tickets.", False),  # measurable ("week")
    ("The SRE team will move reliability tickets into their own board lane.", False),  # a team commits
    ("We will evaluate ways to do it.", True),  # "will evaluate" commits to nothing
    ("We are starting to look at it and we are assessing where we stand.", True),
    ("They will have to be more careful.", True),
])
def test_a_vague_lead_in_is_judged_with_its_body(run_cli, tmp_path, body, vague):
    path = _write(tmp_path, f"- **Consider separate prioritization of SRE tasks**: {body}\n")
    found = isolated_findings(run_cli, path, "PM310")
    assert bool(found) is vague, found
    if vague:
        assert 'vague verb "Consider"' in found[0]["message"]


# ---- PM312 -------------------------------------------------------------------------

def test_reiterating_the_need_for_teams_to_test_is_a_people_fix(run_cli, tmp_path):
    """"test workloads" is what teams are asked to do, not a test added to the system."""
    text = ("## Future actions\n\n"
            "The platform team will re-iterate the need for service teams to use the non-production\n"
            "ingress controllers for their dev and test workloads so that they can identify issues early.\n")
    path = tmp_path / "pm.md"
    path.write_text("# Ingress upgrade blocked requests\n\n" + text, encoding="utf-8")
    found = isolated_findings(run_cli, path, "PM312")
    assert [f["line"] for f in found] == [line_of(path, "re-iterate")], found
    assert '"re-iterate"' in found[0]["message"]


def test_a_conditional_people_fix_is_reported_once_as_a_people_fix(run_cli, tmp_path):
    """"Should there be ..., X will re-iterate ...": the condition does not hide the people
    fix (PM312), and re-iterating is no promise to look again (no PM310 conditional)."""
    path = tmp_path / "pm.md"
    path.write_text("# Ingress upgrade blocked requests\n\n"
                    "- **Impact**:\n  Users could not sign in for 47 minutes.\n\n"
                    "- **Review actions**:\n"
                    "  Should there be a requirement to update the ingress the platform team will re-iterate the\n"
                    "  need for service teams to test workloads with new versions before they reach production.\n",
                    encoding="utf-8")
    found = isolated_findings(run_cli, path, "PM310,PM312")
    assert [f["rule"] for f in found] == ["PM312"], found


@pytest.mark.parametrize("item", [
    "Remind engineers to check the region, and add a regression test for the region guard",
    "Train the team on the failover runbook; the drill has an end-to-end test in CI",
])
def test_a_people_fix_with_a_test_added_is_a_system_change(run_cli, tmp_path, item):
    path = _write(tmp_path, f"- {item}\n")
    assert isolated_findings(run_cli, path, "PM312") == []


def test_a_people_fix_in_the_body_of_a_lead_in_is_read(run_cli, tmp_path):
    path = _write(tmp_path, "- **Token hygiene**: we requested all maintainers review and prune their tokens.\n")
    found = isolated_findings(run_cli, path, "PM312")
    assert [f["line"] for f in found] == [line_of(path, "Token hygiene")], found


# ---- reading a body stays linear ------------------------------------------------------

@pytest.mark.parametrize("token", ["we will start ", "we ", ". ", "team\t", "@a-", "start revis", "Make sure ", "remind ", "and evaluate ",
                                   "engineers to double-check "])
def test_a_long_body_after_a_lead_in_stays_linear(token):
    """The body is read for commitments, intent, sentences and people fixes: 4x the body costs at most
    6x the time (the same ratio test as tests/test_scaling.py), for both PM310 paths."""
    from test_scaling import assert_linear

    def make(size: int) -> str:
        run = (token * (size // (2 * len(token)) + 1))[: size // 2]
        return (f"# T\n\n## Action items\n\n- **Make sure the pool has a plan**: {run}\n"
                f"- **Consider splitting the pool**: {run}\n")

    assert_linear("p.md", make, 20_000)


@pytest.mark.parametrize("body, reported", [
    ("previously we relied on engineers to double-check the region before deploying.", False),  # what it replaces
    ("we will remind engineers to double-check the region.", True),  # the body's own commitment
    ("Remind engineers to double-check the region.", True),
])
def test_a_people_fix_in_a_body_counts_only_as_its_commitment(run_cli, tmp_path, body, reported):
    path = _write(tmp_path, f"- **Add a canary stage to the deploy pipeline**: {body}\n")
    found = isolated_findings(run_cli, path, "PM312")
    assert bool(found) is reported, found


def test_a_stated_purpose_in_the_body_makes_a_typed_upgrade_durable(run_cli, tmp_path):
    """The band-aid rules read the body too: "**Upgrade Postgres to 14.2** (type: prevent):
    which fixes the plan cache bug" says what it changes beyond the repair, as it would in
    its title; without the body it is a bare upgrade, a band-aid."""
    plain_item = _write(tmp_path, "- **Upgrade Postgres to 14.2**: planned for next week (type: prevent)\n", "a.md")
    with_purpose = _write(tmp_path, "- **Upgrade Postgres to 14.2**: which fixes the plan cache bug (type: prevent)\n",
                          "b.md")
    assert [f["rule"] for f in isolated_findings(run_cli, plain_item, "PM308,PM309")]
    assert isolated_findings(run_cli, with_purpose, "PM308,PM309") == []


@pytest.mark.parametrize("body, vague", [
    ("The incident review showed the pool had no headroom.", False),  # "review" as a noun
    ("We will review it later.", True),                               # a promise to look again
    ("Costs money, and we will evaluate the options.", True),
])
def test_an_intent_body_is_vague_only_where_it_promises_to_look_again(run_cli, tmp_path, body, vague):
    path = _write(tmp_path, f"- **Ensure the node pool has headroom**: {body}\n")
    assert bool(isolated_findings(run_cli, path, "PM310")) is vague


# ---- property: any lead-in item loads, and its spans lie inside the item ----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pmlint.load.markdown import load_markdown  # noqa: E402

_WORDS = st.lists(st.sampled_from(list("ab *_:[]()@\n-.`#|\t") + ["we will ", "**", "  ", "P1", "owner: @x"]),
                  max_size=20).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["", "[ ] ", "[x] "]), _WORDS, st.sampled_from([":", ": ", ":\n  ", " -"]),
                          _WORDS, st.sampled_from(["", "\n\n  later paragraph"])), min_size=1, max_size=6))
def test_lead_in_items_load_with_spans_inside_the_item(items):
    text = "# T\n\n## Action items\n\n" + "".join(
        f"- {task}**{lead or 'x'}**{sep}{body.replace(chr(10), ' ')}{later}\n" for task, lead, sep, body, later in items)
    document = load_markdown("p.md", text, {})
    count = len(document.lines)
    for index, item in enumerate(document.data.get("action_items") or []):
        whole = document.spans[f"/action_items/{index}"]
        for key in ("title", "description"):
            if key not in item:
                continue
            span = document.spans[f"/action_items/{index}/{key}"]
            assert 1 <= span.line <= span.end_line <= count, (key, span)
            assert (whole.line, whole.column) <= (span.line, span.column), (key, span, whole)
            assert (span.end_line, span.end_column) <= (whole.end_line, whole.end_column), (key, span, whole)


REPEATED_PEOPLE_FIX = """# Ingress rollback

## Summary

The ingress upgrade broke uploads for 2 hours for every user.

## Action items

- The platform team will re-iterate the need for service teams to test on staging.

## Future actions

- The platform team will re-iterate the need for service teams to use the staging ingress.
"""


def test_a_people_fix_repeated_in_a_later_item_is_said_once(run_cli, tmp_path):
    """One point, one finding: the first is a warning; the repeat is `info` under `strict` only."""
    path = tmp_path / "2025-03-30-ingress.md"
    path.write_text(REPEATED_PEOPLE_FIX, encoding="utf-8")
    for preset, expected in (("recommended", [(9, "warning")]), ("strict", [(9, "warning"), (13, "info")])):
        code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--preset", preset, str(path))
        found = [(item["line"], item["severity"]) for item in json.loads(out)["findings"] if item["rule"] == "PM312"]
        assert found == expected, (preset, found)

"""PM316: a single point of failure the postmortem names gets an answer at the architecture
layer, searched for in the whole document first; and "Improving Recovery Procedures" over
a list is the plan (held-out S: GitLab's database postmortem)."""

from __future__ import annotations

import pytest
from conftest import rule_findings, write

DOC = """# Database outage

## Root cause

In the past we have had issues with this setup due to db1 being a single point of failure.
The disk filled and every write stopped.

## {plan_heading}

We are currently working on improving our recovery procedures:

* Prometheus monitoring for backups (#1095)
* {item}
"""


def test_a_named_single_point_of_failure_with_no_answer_is_reported(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOC.format(plan_heading="Improving Recovery Procedures",
                                                item="Hourly disk snapshots of the production databases (#1098)"))
    found = rule_findings(run_cli, path, "PM316")
    assert len(found) == 1 and "db1 being a single point of failure" in found[0]["message"]
    assert found[0]["line"] == 5


@pytest.mark.parametrize("item", [
    "Recover the production replica (#1101)",
    "Set up multiple secondaries and balance the load between them",
    "Add automatic failover to db2",
])
def test_an_item_at_the_architecture_layer_answers_it(tmp_path, run_cli, item):
    path = write(tmp_path / "pm.md", DOC.format(plan_heading="Improving Recovery Procedures", item=item))
    assert rule_findings(run_cli, path, "PM316") == []


def test_an_improving_heading_over_a_list_is_the_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOC.format(plan_heading="Improving Recovery Procedures",
                                                item="Recover the production replica (#1101)"))
    code, out, _ = run_cli("convert", str(path))
    assert "action_items:" in out and "Recover the production replica" in out
    path = write(tmp_path / "pm.md", DOC.format(plan_heading="Fixing the issue",
                                                item="Recover the production replica (#1101)"))
    code, out, _ = run_cli("convert", str(path))
    assert "action_items:" not in out


def test_the_statement_scan_is_linear():
    """Many statements that are none (each avoided, or answered in its own sentence): each
    is read once; the time grows with the text, not with its square."""
    from linearity import assert_ten_times_linear

    from pmlint.engine.checks.weaknesses import weakness_answered
    from pmlint.engine.functions import Context
    from pmlint.load import load_text
    from pmlint.settings import merge_settings

    options = {"stated_patterns": [r"single[ \t]+points?[ \t]+of[ \t]+failure"], "answer_words": ["second"]}
    unit = "To prevent a single point of failure we keep two. We removed a single point of failure with a second link.\n\n"

    def run(copies: int) -> None:
        document = load_text("pm.md", "# Drill\n\n" + unit * copies)
        list(weakness_answered(document.data, "", options, Context(document, merge_settings(None))))

    assert_ten_times_linear(run, 100, "PM316")


@pytest.mark.parametrize("sentence", [
    "There was no redundancy for the load balancer, so its crash took down the site.",
    "We had no failover in place for the primary database.",
    "db1 was a single point of failure for a second time this year.",
])
def test_the_statements_own_words_and_stray_numbers_answer_nothing(tmp_path, run_cli, sentence):
    doc = f"# DB outage\n\n## Root cause\n\n{sentence}\n\n## Action items\n\n- Alert when the disk is 80 % full (owner: @dba)\n"
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", doc), "PM316")) == 1


@pytest.mark.parametrize("sentence", [
    "db1 was a single point of failure; this was a known, accepted risk.",
    "We removed that single point of failure by adding a second uplink the same week.",
])
def test_a_statement_answered_in_its_own_sentence_is_none(tmp_path, run_cli, sentence):
    doc = f"# DB outage\n\n## Root cause\n\n{sentence}\n\n## Action items\n\n- Alert when the disk is 80 % full (owner: @dba)\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", doc), "PM316") == []


def test_an_analysis_heading_is_no_answer(tmp_path, run_cli):
    doc = ("# DB outage\n\n## Replication lag\n\nThe replica lagged.\n\n## Root cause\n\n"
           "db1 was a single point of failure.\n\n## Action items\n\n- Alert when the disk is 80 % full\n")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", doc), "PM316")) == 1


def test_what_the_weak_point_lacked_answers_it_when_the_plan_supplies_it(tmp_path, run_cli):
    doc = ("# Activations failed\n\n## Root cause\n\nThe activation flow had five single points of failure without "
           "proper error handling, validation, or monitoring.\n\n## Action items\n\n- [x] {item}\n")
    path = write(tmp_path / "pm.md", doc.format(item="Add error handling to webhook operations"))
    assert rule_findings(run_cli, path, "PM316") == []
    path = write(tmp_path / "pm.md", doc.format(item="Write the release notes"))
    assert len(rule_findings(run_cli, path, "PM316")) == 1


def test_a_fallback_in_the_resolution_answers_it(tmp_path, run_cli):
    doc = ("# Forms failed\n\n## Root cause\n\nDirect calls to the vendor's API were a single point of failure.\n\n"
           "## Resolution\n\nWe proxy the calls through our API and {fix}.\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", doc.format(fix="added fallback mechanisms")), "PM316") == []
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", doc.format(fix="log each call")), "PM316")) == 1

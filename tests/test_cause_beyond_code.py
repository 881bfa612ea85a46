"""PM107 (cause-beyond-code): every root cause is a piece of code, and the document never
says how it got past review, tests or the rollout. Behaviour through the CLI on Markdown
written like the real postmortems that miss it; precision first: any word about review,
tests, CI, staging or the rollout anywhere in the document keeps it silent."""

from __future__ import annotations

import pytest
from conftest import line_of, rule_findings, write


MOVED = """# Provider search outage

## Summary

From 09:10 to 11:40 the provider search returned errors for every request.

## Root cause

During the migration to the new facilities API, the provider controller was also moved to the new version.

## Resolution

The controller was moved back and the endpoint answered again.
"""


def test_a_code_change_with_no_word_about_how_it_shipped_is_reported(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", MOVED)
    found = rule_findings(run_cli, path, "PM107")
    assert len(found) == 1
    finding = found[0]
    assert finding["severity"] == "info"
    assert finding["line"] == line_of(path, "the provider controller was also moved")
    assert "During the migration to the new facilities API" in finding["message"]
    # the layer was read from the cause's words: the finding says so and from which word
    assert 'inferred code layer from "controller"' in finding["message"]


@pytest.mark.parametrize("said", [
    "The change passed code review, but the reviewer did not know the endpoint had callers.",
    "No integration test covers the provider search.",
    "It slipped through because staging has no provider data.",
    "The rollout went to all regions at once, with no canary.",
    "## Action items\n\n- Add a contract test for the provider endpoint to CI (owner: api-team)",
])
def test_any_word_about_review_tests_or_rollout_keeps_it_silent(tmp_path, run_cli, said):
    path = write(tmp_path / "pm.md", MOVED + "\n" + said + "\n")
    assert rule_findings(run_cli, path, "PM107") == []


def test_the_words_are_searched_outside_the_sections_pmlint_reads(tmp_path, run_cli):
    """A paragraph under a heading pmlint maps to nothing still counts: a claim that
    something is missing searches the whole document."""
    text = MOVED + "\n## Musings of the team\n\nWe never test the old endpoint before a deploy.\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107") == []


def test_a_cause_at_another_layer_keeps_it_silent(tmp_path, run_cli):
    text = MOVED.replace("## Resolution", "- The load balancer sent every request to the one host that had the "
                                           "controller.\n\n## Resolution")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM107") == []


def test_no_cause_read_no_finding(tmp_path, run_cli):
    text = MOVED.replace("## Root cause\n\nDuring the migration to the new facilities API, the provider controller "
                         "was also moved to the new version.\n", "")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107") == []


def test_a_cause_whose_layer_is_unknown_is_not_called_code(tmp_path, run_cli):
    text = MOVED.replace("the provider controller was also moved to the new version",
                         "things went wrong for the provider search")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107") == []


@pytest.mark.parametrize("cause, word", [
    ("A clean-up of unused CSS removed the height of the map container.", "clean-up"),
    ("Pull request 4521 changed the default page size.", "pull request"),
    ("A refactoring of the session handler dropped the expiry check.", "refactoring"),
])
def test_code_changes_are_read_at_the_code_layer(tmp_path, run_cli, cause, word):
    text = MOVED.replace("During the migration to the new facilities API, the provider controller was also moved "
                         "to the new version.", cause)
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107")
    assert len(found) == 1 and f'inferred code layer from "{word}"' in found[0]["message"].lower()


def test_a_stated_code_layer_in_yaml(tmp_path, run_cli):
    text = ("title: Checkout errors\nroot_causes:\n  - {summary: The price formatter dereferences a missing "
            "currency, layer: code}\n")
    # no change named: the claim is a guess, `strict` only
    assert rule_findings(run_cli, write(tmp_path / "pm.yaml", text), "PM107") == []
    found = rule_findings(run_cli, write(tmp_path / "pm.yaml", text), "PM107", preset="strict")
    assert len(found) == 1 and "inferred" not in found[0]["message"]


TIMELINE = """
## Timeline

- 09:20 First hypothesis tested: the database was ruled out.
- 10:05 The fix was tested locally and approved.
"""


def test_loose_words_in_the_timeline_narrate_the_response(tmp_path, run_cli):
    """"Hypothesis tested" in the timeline says nothing about how the change got through."""
    found = rule_findings(run_cli, write(tmp_path / "pm.md", MOVED + TIMELINE), "PM107")
    assert len(found) == 1


def test_loose_words_outside_the_timeline_count(tmp_path, run_cli):
    text = MOVED + TIMELINE + "\n## Lessons\n\nThe old endpoint was never tested after the move.\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107") == []


def test_firm_words_in_the_timeline_count(tmp_path, run_cli):
    text = MOVED + TIMELINE + "- 08:55 The change was merged after code review.\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107") == []


def test_a_timeline_of_dates_only_is_still_the_timeline(tmp_path, run_cli):
    """Entries pmlint cannot read as times ("1. 2023-03-28 First hypothesis tested") are
    still the timeline when a heading names it."""
    text = MOVED + "\n## Issue Timeline\n\n1. Day one: first hypothesis tested and discarded.\n\n## Impact\n\nSome users.\n"
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107")) == 1
    later = text + "\n## Lessons\n\nNothing was tested on mobile.\n"
    assert rule_findings(run_cli, write(tmp_path / "pm2.md", later), "PM107") == []


def test_the_timeline_of_a_yaml_postmortem(tmp_path, run_cli):
    text = ("title: Checkout errors\nroot_causes:\n  - {summary: The price formatter dereferences a missing "
            "currency, layer: code}\ntimeline:\n  - {at: '2026-01-02T10:00:00Z', event: Fix tested and approved}\n")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.yaml", text), "PM107", preset="strict")) == 1


def test_the_search_stays_linear():
    """The whole-document search and the timeline cut are one pass each: 4x the text
    costs at most MAX_RATIO the time (a ratio, not a clock limit)."""
    from test_scaling import assert_linear

    chunk = "\n## Issue timeline {n}\n\n- hypothesis tested on the controller\n\n## Notes {n}\n\nthe controller moved\n"

    def make(size: int) -> str:
        return MOVED + "".join(chunk.format(n=n) for n in range(size // len(chunk)))

    assert_linear("p.md", make, 20_000)


def test_a_long_cause_is_quoted_around_the_change(tmp_path, run_cli):
    cause = ("Reproducing the issue was hard and took the team several days of careful work across two "
             "environments, and it appears that it may be connected to a large refactoring of the client.")
    text = MOVED.replace("During the migration to the new facilities API, the provider controller was also moved "
                         "to the new version.", cause)
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM107")
    assert len(found) == 1
    assert '"...' in found[0]["message"] and "a large refactoring of the client" in found[0]["message"]

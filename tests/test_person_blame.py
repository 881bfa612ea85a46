"""PM702: a named person as the subject of what went wrong, called an error in the same
sentence, anywhere in the text; never a product, a company, a credit, a report or the
writer owning their own mistake. Synthetic Markdown written here; CLI in, findings out.
"""

from __future__ import annotations

import pytest
from conftest import rule_findings as findings
from conftest import write

DOC = """# Validator outage

## Summary

The validator stopped signing for 40 minutes on 2025-04-02.

## Resolution

{text}

## Action items

- [ ] Wrap the start command so it always runs the current binary (owner: @ops)
"""


def resolution(tmp_path, text: str):
    return write(tmp_path / "2025-04-02-validator.md", DOC.format(text=text))


@pytest.mark.parametrize("text, person", [
    ("Jacob re-started the validator with the old binary by mistake, which corrupted its state.", "Jacob"),
    ("The state was corrupted because of operator error: Dana restarted the node with the old binary.", "Dana"),
    ("@kim looked over the list without being thorough and trusted it.", "@kim"),
    ("Priya carelessly deployed the old release.", "Priya"),
])
def test_a_named_person_blamed_for_an_error_is_reported(run_cli, tmp_path, text, person):
    found = findings(run_cli, resolution(tmp_path, text), "PM702")
    assert [item["message"] for item in found] == [
        f'Resolution names a person ("{person}"); describe the role and the conditions instead']
    path = tmp_path / "2025-04-02-validator.md"
    line = path.read_text().splitlines()[found[0]["line"] - 1]
    assert line[found[0]["column"] - 1:].startswith(person)


@pytest.mark.parametrize("text", [
    # products, systems and companies the document shows to be organisations
    "Kubernetes restarted the pod with the old image by mistake.",
    "Hetzner rebooted the host by mistake, as Hetzner support confirmed.",
    "Our provider Linode rebooted the host by mistake.",
    # credit, a report, a fix
    "Thanks to Alice, who noticed the stale binary by mistake in a log, we recovered.",
    "John from support reported the errors, which had been made by mistake in the config.",
    # the writer owning their own mistake; a negation; an error that is no one's
    "I made a mistake when I restarted the node with the old binary.",
    "Sam restarted the node; this was not operator error, the start script picks the binary.",
    "Sam restarted the node after the error rate dropped.",
])
def test_no_blame_without_a_person_erring(run_cli, tmp_path, text):
    assert findings(run_cli, resolution(tmp_path, text), "PM702") == []


def test_one_finding_per_part_of_the_document(run_cli, tmp_path):
    text = ("Jacob restarted the node by mistake. Later Jacob deleted the cache by mistake.")
    assert len(findings(run_cli, resolution(tmp_path, text), "PM702")) == 1


def test_explain_lists_the_error_words(run_cli):
    code, out, _ = run_cli("explain", "PM702")
    assert code == 0
    assert "person_error_words" in out and "operator error" in out and "organisation_words" in out


SUMMARY_DOC = """# Observability stack down together

## Summary

An alert showed three services down together; the investigation found three unrelated
issues. {text}

## Action items

- [ ] Alert on the DNS resolver's loopback answers (owner: @ops)
"""


@pytest.mark.parametrize("text", [
    "None caused user-facing outages.",
    "Several caused alerts only. Few broke anything users saw.",
    "Anyone could have broken it the same way.",
])
def test_a_quantifier_opening_a_sentence_is_no_person(run_cli, tmp_path, text):
    path = write(tmp_path / "pm.md", SUMMARY_DOC.format(text=text))
    assert findings(run_cli, path, "PM702") == []


def test_a_name_blamed_in_the_summary_is_still_reported(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", SUMMARY_DOC.format(text="Dana caused the outage by pushing a bad config."))
    assert [item["message"] for item in findings(run_cli, path, "PM702")] == [
        'Summary names a person ("Dana"); describe the role and the conditions instead']


CAUSE_DOC = """# Sync topics empty

## Root cause

Topic subscription used a zero fork digest because of a race at start-up. {text}

## Action items

- [ ] Wait for genesis data before subscribing (owner: @p2p)
"""


def test_the_person_who_found_the_clue_is_credited_not_blamed(run_cli, tmp_path):
    text = "Preston realized he would see odd subscribed topics in his local node's metrics."
    assert findings(run_cli, write(tmp_path / "pm.md", CAUSE_DOC.format(text=text)), "PM702") == []


def test_a_pronoun_in_the_cause_without_a_discovery_is_still_reported(run_cli, tmp_path):
    text = "He restarted the node before genesis data arrived."
    found = findings(run_cli, write(tmp_path / "pm.md", CAUSE_DOC.format(text=text)), "PM702")
    assert [item["message"] for item in found] == [
        'Root cause names a person ("He"); describe the role and the conditions instead']

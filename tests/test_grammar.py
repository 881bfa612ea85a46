"""`pmlint.grammar`: the English the checks rely on, held to its documented examples."""

from __future__ import annotations

import pytest

from pmlint import grammar
from pmlint.grammar import (coordinated_subject, leading_verb, looks_plural, negated, negated_or_hedged,
                            participle_follows, plural, singular, subject_of)


def at(text: str, phrase: str) -> int:
    return text.index(phrase)


@pytest.mark.parametrize("text, phrase, subject", [
    ("Sam failed to renew the cert.", "failed to", "Sam"),
    ("The pod that failed to start was evicted.", "failed to", "pod"),
    ("the on-call engineer also forgot to page", "forgot to", "engineer"),
    ("Failed to create user", "Failed to", None),
    ("When this failed to start, we paged", "failed to", "this"),  # a subject, not a person: is_person decides
])
def test_subject_of(text, phrase, subject):
    assert subject_of(text, at(text, phrase)) == subject


@pytest.mark.parametrize("text, subject", [
    ("the on-call engineer was careless and forgot to page", "engineer"),
    ("Sam saw the alert but failed to act", "Sam"),
    ("Sam saw the page, acknowledged it and failed to act", "Sam"),
    ("When this failed to start", None),
])
def test_coordinated_subject(text, subject):
    phrase = "forgot to" if "forgot" in text else "failed to"
    assert coordinated_subject(text, at(text, phrase)) == subject


def test_negation_in_the_clause_and_nearby():
    assert negated("this was not human error", at("this was not human error", "human error"))
    assert not negated("human error, not a bug", 0)
    assert not negated("it was not slow. Human error", at("it was not slow. Human error", "Human error"))
    assert negated_or_hedged("no customer data was lost", at("no customer data was lost", "data was lost"))
    assert negated_or_hedged("without risking data loss", at("without risking data loss", "data loss"))
    assert not negated_or_hedged("customer data was lost", at("customer data was lost", "data was lost"))


@pytest.mark.parametrize("text, follows", [
    ("should have checked", True), ("should have been caught", True), ("should have really tested", True),
    ("should have alerting on this", False), ("should have needed", False), ("should have agreed", True),
])
def test_participle_follows(text, follows):
    assert participle_follows(text, len("should have")) is follows


def test_modal_and_future_lead_ins_do_not_hide_the_verb():
    assert leading_verb("We will restart the pods", ["restart"]) == "restart"
    assert leading_verb("Immediately roll back the deploy", ["roll back"]) == "roll back"
    assert leading_verb("Add a review step", ["review"]) is None


def test_number():
    assert [plural(1, "file"), plural(3, "file"), plural(2, "code fix"), plural(2, "info")] == \
        ["1 file", "3 files", "2 code fixes", "2 info"]
    assert looks_plural("Deploys") and not looks_plural("James") and not looks_plural("Chris")
    assert [singular(word) for word in ("retries", "alerts", "access", "status", "bus")] == \
        ["retry", "alert", "access", "status", "bus"]


def test_clauses_are_found_once_per_text_not_once_per_phrase():
    """A thousand phrases in one long text: the clause breaks are scanned once (cached)."""
    grammar._breaks.cache_clear()
    text = "Sam failed to renew it, and " * 1000
    for index in range(0, len(text), len(text) // 1000):
        subject_of(text, index)
    assert grammar._breaks.cache_info().misses == 1


@pytest.mark.parametrize("text, agent", [
    ("should have been caught in review.", "review"),
    ("should have been caught in code review.", "code review"),
    ("should have been noticed by the on-call engineer.", "on-call"),
    ("should have been addressed before it created any impact.", None),
    ("should have been found in staging.", None),
    ("should have checked the dashboard, in review.", None),
    ("should have been caught. In review we saw it.", None),
])
def test_passive_agent(text, agent):
    from pmlint.grammar import passive_agent

    assert passive_agent(text, len("should have"), frozenset({"review", "code review"})) == agent


@pytest.mark.parametrize("text, phrase, imagined_case", [
    ("We will be more resilient when a similar outage happens again.", "similar outage", True),
    ("Monitoring to prevent a recurrence of the disk filling.", "recurrence", True),
    ("If the same issue recurs, page the database team.", "same issue", True),
    ("This is the second time this month: a similar outage hit us on May 2.", "similar outage", False),
    ("It happened again on Friday; nothing in the clause imagines it.", "again", False),
])
def test_imagined(text, phrase, imagined_case):
    assert grammar.imagined(text, at(text, phrase)) is imagined_case


@pytest.mark.parametrize("text, phrase, rejected", [
    ("This is not a post trying to cast blame on anyone.", "blame", True),
    ("It's tempting to blame the disaster on the wine.", "blame", True),
    ("Incidents happen when blame gets assigned to people.", "blame", True),
    ("We practise blameless reviews, so nobody takes the fault here.", "fault", True),
    ("The outage was the fault of the on-call engineer.", "fault", False),
    ("Sam is to blame. Nothing here rejects it.", "blame", False),
    # a sentence's end before the word stops the reading: the earlier "not" is another sentence's
    ("That was not ideal. The engineer is to blame.", "blame", False),
])
def test_rejects_blame(text, phrase, rejected):
    assert grammar.rejects_blame(text, at(text, phrase)) is rejected

"""Blame pmlint used to miss (held-out sets C, D, H): judging language about a person or
about oneself, and blame in prose no section of the schema holds.

CLI in, findings out, on synthetic postmortems:

- PM701: contempt for a person is blame whoever writes it, the writer included ("I'm an
  idiot", "my stupid mistake", "I shouldn't be trusted with this"); an apology ("such a
  long disruption is inexcusable") and words about blame in a sentence that rejects it
  ("avoid sentiment/blame", "not a post trying to cast blame") are not; the writers' plain ownership ("we should have tested", "I made a
  mistake") and words about systems ("the cache cannot be trusted", "idiot-proof", "a dumb
  idea", "a stupid bug") are not;
- PM701: contempt said again is one claim, reported at its first place;
- PM701 and PM702 read the prose of a Markdown post that no mapped section holds (an
  incident log under dated headings) and place the finding on its line and column.
"""

from __future__ import annotations

import gc
import time

import pytest

from conftest import rule_findings, write


def _doc(tmp_path, lessons: str) -> object:
    return write(tmp_path / "pm.md", "# Domain expired\n\n## Summary\n\nThe domain lapsed and every service was "
                 "down for 40 minutes.\n\n## Root cause\n\nThe renewal was paid from one expired card.\n\n"
                 f"## Lessons learned\n\n{lessons}\n")


def _phrases(found: list[dict]) -> list[str]:
    return [item["message"].split('"')[1] for item in found]


@pytest.mark.parametrize("sentence, phrase", [
    ("Well, it's very simple: I'm an idiot.", "idiot"),
    ("Yes, I shouldn't be trusted with this kind of thing.", "shouldn't be trusted"),
    ("Yes, I shouldn’t be trusted with the registrar account.", "shouldn’t be trusted"),
    ("The on-call engineer cannot be trusted with production.", "cannot be trusted"),
    ("It was my stupid mistake.", "stupid"),
    ("That was stupid of me.", "stupid"),
    ("Some moron deleted the DNS zone.", "moron"),
])
def test_judging_a_person_or_oneself_is_blame(run_cli, tmp_path, sentence, phrase):
    found = rule_findings(run_cli, _doc(tmp_path, sentence), "PM701")
    assert _phrases(found) == [phrase]
    assert found[0]["severity"] == "warning" and found[0]["line"] == 13
    assert "describe" in found[0]["message"]


@pytest.mark.parametrize("sentence", [
    "We should have tested the renewal before the card expired.",
    "I made a mistake when I entered the card number.",
    "The cached status page cannot be trusted during an outage.",
    "The form is now idiot-proof, and the renewal is fool proof.",
    "Removing the nightly vacuum was a dumb idea.",
    "A stupid bug in the parser dropped the renewal email.",
    "This was not inexcusable, and nobody is an idiot for missing it.",
    "Such a long disruption is inexcusable.",
    "Keep the report factual - avoid sentiment/blame, and no names.",
    "This **is not** a post trying to tear down the Node.js authors or cast blame.",
    "It's tempting to blame the disaster on the wine. However, the script was written sober.",
    "When blame gets assigned to people, those people are less likely to speak up.",
    "Incidents are not an employee&#8217;s fault, they are a fault of the organization.",
])
def test_ownership_and_words_about_systems_are_not_blame(run_cli, tmp_path, sentence):
    assert rule_findings(run_cli, _doc(tmp_path, sentence), "PM701") == []


@pytest.mark.parametrize("sentence, phrase", [
    ("@jsnshrmn did not use a reasonable procedure, nor did he adequately test the change.",
     "nor did he adequately test"),
    ("The on-call engineer did not properly check the expiry date.", "engineer did not properly check"),
    ("Kim didn’t thoroughly review the diff.", "Kim didn’t thoroughly review"),
])
def test_a_persons_deed_judged_by_an_adverb_is_blame_quoted_whole(run_cli, tmp_path, sentence, phrase):
    found = rule_findings(run_cli, _doc(tmp_path, sentence), "PM701")
    assert len(found) == 1 and _phrases(found)[0].endswith(phrase), _phrases(found)
    assert "which check, test or review the process did not require" in found[0]["message"]


@pytest.mark.parametrize("sentence", [
    "We did not properly test the renewal path.",
    "I didn't carefully read the registrar's email.",
    "Log rotation was not properly configured on these instances.",
    "Sam was not properly trained on the registrar console.",
    "The script did not properly escape the input.",
    "Sam carefully checked the certificate chain.",
])
def test_ownership_systems_and_passives_are_not_judged_deeds(run_cli, tmp_path, sentence):
    assert rule_findings(run_cli, _doc(tmp_path, sentence), "PM701") == []


def test_contempt_said_again_is_reported_once_at_its_first_place(run_cli, tmp_path):
    lessons = "I'm an idiot.\n\nApologies, folks. Yes, I'm an idiot. Yes, I shouldn't be trusted with this."
    found = rule_findings(run_cli, _doc(tmp_path, lessons), "PM701")
    assert [(item["line"], phrase) for item, phrase in zip(found, _phrases(found))] == \
        [(13, "idiot"), (15, "shouldn't be trusted")]


INCIDENT_LOG = """# Incident reports

## September 2021

September 26, 2021
* Validators were down after an unplanned reboot.  Our validator corrupted its state because of operator error.
  Jacob restarted the validator with the old binary by mistake, which corrupted its state.
  * Resolution status: resolved
"""


def test_blame_in_prose_no_section_holds_is_reported_at_its_place(run_cli, tmp_path):
    path = write(tmp_path / "log.md", INCIDENT_LOG)
    blame = rule_findings(run_cli, path, "PM701")
    assert [(item["line"], item["column"], _phrases([item])[0]) for item in blame] == [(6, 97, "operator error")]
    person = rule_findings(run_cli, path, "PM702")
    assert [(item["line"], item["column"]) for item in person] == [(7, 3)]
    assert '("Jacob")' in person[0]["message"]


def test_neutral_prose_no_section_holds_gives_nothing(run_cli, tmp_path):
    text = INCIDENT_LOG.replace("because of operator error", "after a binary upgrade").replace(
        " by mistake", "")
    path = write(tmp_path / "log.md", text)
    assert rule_findings(run_cli, path, "PM701", "PM702") == []


@pytest.mark.parametrize("unit", [
    "i'm an idiot and ", "stupid of ", "stupid stupid ", "we cannot be trusted ", "idiot-proof ",
    "Jacob restarted it by mistake ", "operator error ", "nor did he not did adequately ", "did not properly ",
])
def test_reading_judgements_in_unmapped_prose_scales_linearly(unit):
    """Ten times the text costs about ten times the time, whatever the text repeats."""
    from pmlint.config import load_config
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.load import load_text

    config = load_config(None)
    rules = [rule for rule in load_rules(config.rules_directories()) if rule.id in ("PM701", "PM702")]

    def cost(copies: int) -> float:
        text = "# Outage\n\n## September 2021\n\n" + (unit * 20 + "\n") * (copies // 20)
        document = load_text("pm.md", text, config.settings)
        gc.collect()
        started = time.perf_counter()
        list(lint_document(document, rules, RunOptions(settings=config.settings, severity={})))
        return time.perf_counter() - started

    cost(200)
    small, large = min(cost(1000) for _ in range(3)), min(cost(10000) for _ in range(3))
    if large >= small * 25:  # a shared, loaded machine: measure once more before judging
        small, large = min(small, *(cost(1000) for _ in range(3))), min(large, *(cost(10000) for _ in range(3)))
    assert large < small * 25, (unit, small, large)


@pytest.mark.parametrize("sentence, phrase", [
    ("The outage was his fault: he skipped the checklist.", "his fault"),
    ("We all know who to blame: the intern pushed to main.", "blame"),
])
def test_blame_said_outright_is_still_reported(run_cli, tmp_path, sentence, phrase):
    found = rule_findings(run_cli, _doc(tmp_path, sentence), "PM701")
    assert [item["message"].split('"')[1] for item in found] == [phrase]

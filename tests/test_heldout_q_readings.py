"""Readings added after held-out set Q was judged (CLI in, findings out, on short documents
written for these tests in the forms Q showed): a system's "obvious mistake" is no human
error, a report's byline names no cause, lost entries are a count, detection told as
messages from subscribers, the author checking their own inbox or a timeline's "User
notices", done fixes introduced by "Added ...:" or marked "(Now Implemented)" and ✅, a
time flagged with an emoji, the incident's date among several labelled ones, a step not
taken is no night work, and bounded reviews and watches."""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear


def _findings(run_cli, tmp_path, text: str, *rules: str, preset: str = "recommended") -> list[dict]:
    return rule_findings(run_cli, write(tmp_path / "pm.md", text), *rules, preset=preset)


# -- blame ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cause, rules", [
    ("A provider failure made the bridge run its cleanup, and no backup was in place to correct the obvious "
     "mistake.", []),
    ("The operator made a mistake in the load balancer config.", ["PM103"]),
    ("We deleted the production table by mistake.", ["PM103"]),
    ("It was our mistake: we ran the script against production.", ["PM103"]),
])
def test_a_mistake_is_human_error_only_with_a_person_as_its_maker(run_cli, tmp_path, cause, rules):
    text = f"# Bridge reset\n\n## Root cause\n\n{cause}\n"
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM103")] == rules


def test_a_byline_under_the_conclusion_names_no_cause(run_cli, tmp_path):
    text = ("# Analytics data lost\n\n## Conclusion\n\nThe deploy copied the database over production because the "
            "exclusion did not match.\n\n---\n\n**Report Prepared By**: Dana Smith  \n**Reviewed By**: Sam Lee\n")
    assert _findings(run_cli, tmp_path, text, "PM702") == []


def test_a_person_blamed_in_the_cause_is_still_named(run_cli, tmp_path):
    text = "# Analytics data lost\n\n## Conclusion\n\nDana Smith forgot to exclude the database folder.\n"
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM702")] == ["PM702"]


# -- impact -----------------------------------------------------------------------------------

def test_lost_entries_are_a_count_of_what_was_hit():
    from pmlint.load import load_text

    text = ("# Analytics lost\n\n## Impact\n\n### Data lost\n\n- **Page Views**: 1000+ entries (4 days of site "
            "activity)\n")
    found = load_text("pm.md", text).meta.evidence.get("impact_who")
    assert found is not None and "1000+ entries" in found["text"]


# -- detection ----------------------------------------------------------------------------------

@pytest.mark.parametrize("told, label", [
    ("Then I started to receive messages from subscribers telling me that the email was broken.", "customer"),
    ("During my break, I checked my inbox and found that the newsletter never arrived.", "self"),
    ("| Time | Event |\n|---|---|\n| 8 AM | User notices 600+ emails in the inbox |\n| 9 AM | Fix deployed |",
     "customer"),
])
def test_detection_told_as_people_write_it(told, label):
    from pmlint.load import load_text

    found = load_text("pm.md", f"# Newsletter broken\n\n{told}\n").meta.evidence.get("detection")
    assert found is not None and found["label"] == label


def test_without_any_noticing_detection_is_still_missing(run_cli, tmp_path):
    text = "# Newsletter broken\n\nThe newsletter template rendered wrongly for every subscriber.\n"
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM401")] == ["PM401"]


# -- plans --------------------------------------------------------------------------------------

_BASE = ("# Email flood\n\n**Date**: 2026-01-15 (Incident) / 2026-01-16 (Fix)\n\n## Summary\n\nA processor failed "
         "600 times and sent one email per failure for 13 hours.\n\n## Root cause\n\nThe processor's method "
         "signature changed, so every scheduled run failed.\n\n")


def test_a_lead_in_that_opens_with_the_change_made_is_done_work():
    from pmlint.load import load_text

    text = _BASE + "## Prevention fix\n\nAdded notification rate limiting:\n\n- At most 5 emails an hour\n- A cooldown\n"
    items = load_text("pm.md", text).data["action_items"]
    assert [item.get("status") for item in items] == ["done", "done"]


@pytest.mark.parametrize("heading", ["## Prevention Measures (Now Implemented)", "## Prevention measures\n\n### ✅ 1. Limits"])
def test_a_plan_marked_implemented_is_done(run_cli, tmp_path, heading):
    text = _BASE + heading + "\n\n- Set a rate limit on error emails\n- Run migrations on startup\n"
    assert _findings(run_cli, tmp_path, text, "PM314", "PM313") == []


def test_a_plan_not_yet_implemented_is_open(run_cli, tmp_path):
    text = _BASE + "## Prevention Measures (not yet implemented)\n\n- Set a rate limit on error emails\n"
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM314")] == ["PM314"]


# -- timelines ----------------------------------------------------------------------------------

_TIMED = (_BASE + "## Timeline\n\n- **06:00 AM** - The daily trigger runs\n- **06:00:07** - First 50 emails sent\n"
          "- **🚨 06:01:05** - The daily trigger runs AGAIN (wasn't deleted!)\n- **🚨 06:01:06** - The same items "
          "are processed again\n")


def test_an_emoji_before_a_time_flags_the_entry_and_the_labelled_incident_date_dates_it():
    from pmlint.load import load_text

    document = load_text("pm.md", _TIMED)
    assert document.data["date"] == "2026-01-15"
    assert [entry["at"] for entry in document.data["timeline"]][2:] == ["2026-01-15T06:01:05", "2026-01-15T06:01:06"]


def test_an_emphatic_again_inside_the_timeline_is_no_repeat(run_cli, tmp_path):
    assert _findings(run_cli, tmp_path, _TIMED, "PM802") == []


def test_a_step_not_taken_is_no_night_work(run_cli, tmp_path):
    assert _findings(run_cli, tmp_path, _TIMED, "PM203", preset="strict") == []


def test_a_step_taken_at_night_is_still_night_work(run_cli, tmp_path):
    text = _TIMED.replace("(wasn't deleted!)", "and we deleted it by hand")
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM203", preset="strict")] == ["PM203"]


# -- vague items --------------------------------------------------------------------------------

@pytest.mark.parametrize("item, severities", [
    ("Review other trigger-based systems for similar patterns", []),
    ("Monitor the logs during the first sends", []),
    ("Review the trigger code", ["warning"]),
    ("Monitor the logs", ["warning"]),
])
def test_bounded_reviews_and_watches(run_cli, tmp_path, item, severities):
    text = _BASE + f"## Action items\n\n- Add an integration test for the processor's run path\n- {item}\n"
    assert [found["severity"] for found in _findings(run_cli, tmp_path, text, "PM310")] == severities


# -- scaling ------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "**Report Prepared By**: Dana :: " * 20 + "\n\n",
    "- **🚨 06:01:05** - step\n",
    "I checked my inbox and then I checked the site and " * 20 + "\n\n",
])
def test_the_q_readings_scale_linearly(unit):
    from pmlint.load import load_text

    assert_ten_times_linear(lambda copies: load_text("pm.md", "# Outage\n\n## Conclusion\n\n" + unit * copies)
                            .meta.evidence.get("detection"), 100, unit[:20])

"""Detection gaps a reviewer raises and PM402/PM403 used to miss (held-out sets C-H).

- Human detection the whole-document evidence search reads, though no phrase of the
  method table names it: a user "notifies us on Slack", "we were informed by partners",
  an outside party that "notified <the team> of" the problem, an email "from our community
  manager", a report "received from" a partner, people of the team who "observed" the
  failure in a Detection section. With no detection item in the plan, that is PM402.
- Not human detection: the team telling others ("DEPO notified OCC of the outage"), a
  tool or a monitor in the sentence, "we observed" outside a Detection section.
- A `detect` type pmlint inferred ("partner notification cadences") is no detection item.
- Latent periods said in words: "not noticed or flagged for at least 2 weeks", "It Took 22
  Hours to Notice" (the Detection section's heading) are a time to detect (PM403).
"""

from __future__ import annotations


import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.infer.detection import infer_detect_timing, infer_detection
from pmlint.load import load_text
from pmlint.settings import DEFAULT_SETTINGS

DOC = """\
# Dev cluster outage

## Summary

Most pods of the development environment were down for about 90 minutes.

## Timeline

- 12:39 {detection}
- 13:10 We set resource quotas on every namespace.

## Action items

{item}
"""


@pytest.mark.parametrize("detection, method", [
    ("A user from team Booking notifies us on Slack that their environment is down.", "customer"),
    ("Whilst the cluster came back, we were informed by partners that the API returned errors.", "customer"),
    ("Acme Audit notified `devcluster` of the leaked token.", "customer"),
    ("I saw an email from our community manager saying nothing resolved.", "employee"),
    ("Report received from Lido about a high error rate.", "customer"),
])
def test_human_detection_read_by_the_evidence_search_needs_a_detect_item(tmp_path, run_cli, detection, method):
    path = write(tmp_path / "devcluster.md", DOC.format(detection=detection, item="- Set quotas on new namespaces"))
    found = rule_findings(run_cli, path, "PM402")
    assert len(found) == 1 and found[0]["severity"] == "warning", found
    assert f"Detected by {method}" in found[0]["message"]
    assert "inferred detection by" in found[0]["message"]  # a claim built on an inferred fact says so
    assert found[0]["line"] == 9  # the timeline entry that says who noticed


@pytest.mark.parametrize("detection", [
    "A user from team Booking notifies us on Slack that their environment is down.",
    "Report received from Lido about a high error rate.",
])
def test_a_plan_with_an_alert_answers_it(tmp_path, run_cli, detection):
    path = write(tmp_path / "devcluster.md", DOC.format(
        detection=detection, item="- Alert the on-call when more than 10% of pods are not ready"))
    assert rule_findings(run_cli, path, "PM402", preset="strict") == []


@pytest.mark.parametrize("detection", [
    "DEPO notified OCC of the outage.",  # the team telling others, not being told
    "Sentry notifies us on Slack that the error rate is up.",  # a tool, not a person
    "A report received from the uptime monitor said the site was down.",
    "We observed the pods restarting and set quotas.",  # outside a Detection section
    "The team was notified by email that the pods were down.",  # by whom unsaid: a machine as likely
])
def test_what_is_not_a_person_noticing_leaves_pm402_silent(tmp_path, run_cli, detection):
    path = write(tmp_path / "devcluster.md", DOC.format(detection=detection, item="- Set quotas on new namespaces"))
    assert rule_findings(run_cli, path, "PM402", preset="strict") == []


SECTION = """\
# Provider search outage

## Detection

When the team activated the flag during a sprint planning meeting, they observed that the
provider search returned nothing.

## Action items

- Move the controller back to the old endpoint
"""


def test_the_team_observing_it_in_a_detection_section_is_employee_detection(tmp_path, run_cli):
    path = write(tmp_path / "ppms.md", SECTION)
    found = rule_findings(run_cli, path, "PM402")
    assert len(found) == 1 and "Detected by employee" in found[0]["message"]
    assert '"they observed that the provider search' in found[0]["message"]  # the clause, not the line's marks


PARTNERS = """\
# Testnet halt

We were informed by partners that identifiers were not resolvable after the upgrade.

## Action items

{item}
"""


def test_an_inferred_detect_type_is_no_detection_item(tmp_path, run_cli):
    # "notification" makes pmlint infer the type `detect`; the item tells partners, it detects nothing
    path = write(tmp_path / "testnet.md", PARTNERS.format(
        item="- Strengthen upgrade communication, including partner notification cadences"))
    found = rule_findings(run_cli, path, "PM402")
    assert len(found) == 1 and "Detected by customer" in found[0]["message"]


def test_a_detect_type_the_author_wrote_is_a_detection_item(tmp_path, run_cli):
    path = write(tmp_path / "testnet.md", PARTNERS.format(
        item="- [detect] Strengthen upgrade communication, including partner notification cadences"))
    assert rule_findings(run_cli, path, "PM402", preset="strict") == []


LATENT = """\
# Map not rendering on mobile

## Summary

The map of the locator did not render on mobile layouts after a CSS clean-up.

{delay}

## Action items

- Add a test that the map is visible on mobile layouts
"""


@pytest.mark.parametrize("delay, elapsed, quoted", [
    ("The issue was not noticed or flagged for at least 2 weeks.", "14 d", "not noticed or flagged for at least 2 weeks"),
    ("It took us three days to notice that the map was gone.", "3 d", "took us three days to notice"),
    ("The outage went undetected by humans for seven hours.", "7 h", "undetected by humans for seven hours"),
])
def test_a_latent_period_said_in_words_is_a_time_to_detect(tmp_path, run_cli, delay, elapsed, quoted):
    path = write(tmp_path / "map.md", LATENT.format(delay=delay))
    found = rule_findings(run_cli, path, "PM403")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert f"Time to detect was {elapsed}" in found[0]["message"]
    assert f'inferred {elapsed} to detect from "{quoted}"' in found[0]["message"]


@pytest.mark.parametrize("delay", [
    "A fix took three days to deploy.",  # a delay, but not to detection
    "We will notice regressions sooner: three days to notice is too long for a bigger change.",  # no verb of taking
    "It took three days to notice the root cause in the diff.",  # time to diagnose
])
def test_durations_that_are_no_time_to_detect(tmp_path, run_cli, delay):
    path = write(tmp_path / "map.md", LATENT.format(delay=delay))
    assert rule_findings(run_cli, path, "PM403", preset="strict") == []


HEADING = """\
# 22 Hours of Silent Chat

## What Happened

The bot went quiet in chat.

## Why It Took 22 Hours to Notice

The logs looked clean. We caught it the next day while checking on the new code.

## What We Changed

1. The chat service accepts connections only once it can handle them.
"""


def test_the_detection_heading_can_say_how_long_detection_took(tmp_path, run_cli):
    path = write(tmp_path / "silent.md", HEADING)
    found = rule_findings(run_cli, path, "PM403")
    assert len(found) == 1 and "Time to detect was 22 h" in found[0]["message"]
    assert found[0]["line"] == 7


@pytest.mark.parametrize("unit", [
    "not noticed or flagged for at least ", "It took us 3 days to notice ", "A user notifies us that ",
    "notified `x` of ", "| 06:39 | Report received from ", "[a](b) we were informed by partners, ",
])
def test_detection_readings_scale_linearly(unit):
    """Ten times the text costs about ten times the time, whatever it repeats (the method
    fallback on the evidence search, the latent-period phrases)."""

    def read(copies: int) -> None:
        document = load_text("pm.md", "# Outage\n\n## Detection\n\n" + unit * copies + "\n")
        infer_detection(document, DEFAULT_SETTINGS)
        infer_detect_timing(document, DEFAULT_SETTINGS)

    assert_ten_times_linear(read, 500, unit)

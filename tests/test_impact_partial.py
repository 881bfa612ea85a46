"""PM601 on impact quantified in part: which half the text gives, and which it does not.

Held-out set J showed PM601 quiet on documents a reviewer called unquantified, because a
number or an "all" anywhere in the text counted as the impact: "worked perfectly fine for
22 months" as how long, "All services are now operating normally" or "scan all of our
services" as who, "a 98 minute service disruption" as 98 services. A quantity now stands
for the impact only when its clause (a share), paragraph (a count) or sentence (a
duration) says something was hit or, for a duration, ended; and a partial finding names
the half the text gives, quoted. Precision stays: impact quantified in prose, a solo
operator's own service down as a whole, and a security incident on one device are not
asked for numbers. Every document here is synthetic: CLI in, findings out.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from test_scaling import assert_linear


def _md(tmp_path, body: str, title: str = "API outage"):
    return write(tmp_path / "pm.md", f"# {title}\n\n{body}\n")


def _pm601(run_cli, path) -> list[dict]:
    return rule_findings(run_cli, path, "PM601")


def test_every_request_without_a_duration_says_which_half_is_missing(run_cli, tmp_path):
    body = ("The integration worked perfectly fine for 22 months.\n\nThen the vendor rotated its certificate "
            "and an error occurred on every request to the API.\n")
    found = _pm601(run_cli, _md(tmp_path, body))
    assert [item["severity"] for item in found] == ["info"], found
    message = found[0]["message"]
    assert message.startswith("Impact not quantified: how long (`duration_minutes`); the text gives a count or "
                              'share ("every request", line 5) but no duration of the impact'), message


def test_a_duration_with_a_time_unit_is_not_a_count_of_services(run_cli, tmp_path):
    found = _pm601(run_cli, _md(tmp_path, "On Tuesday several services had a 98 minute service disruption."))
    assert [item["severity"] for item in found] == ["info"], found
    assert found[0]["message"].startswith(
        "Impact not quantified: who or what was affected (`users_affected` or `requests_failed`); the text gives "
        'a duration ("98 minute service disruption", line 3) but no count or share'), found


@pytest.mark.parametrize("aside", [
    "All services are now operating normally again.",
    "Work is ongoing to scan all of our services for similar points of failure.",
    "The on-call engineer and 2 team members joined the call.",
])
def test_a_share_or_count_that_says_nothing_was_hit_is_not_who(run_cli, tmp_path, aside):
    found = _pm601(run_cli, _md(tmp_path, f"The registry was down for 2 hours.\n\n{aside}"))
    assert [item["message"].split(";")[0] for item in found] == [
        "Impact not quantified: who or what was affected (`users_affected` or `requests_failed`)"], (aside, found)


def test_nothing_quantified_once_the_asides_are_set_apart_is_a_warning(run_cli, tmp_path):
    body = ("Our core infrastructure was down.\n\nAll services are now operating normally again. "
            "We will scan all of our services for similar points of failure.\n")
    found = _pm601(run_cli, _md(tmp_path, body))
    assert [(item["severity"], item["message"].split(";")[0]) for item in found] == [
        ("warning", "Impact not quantified: who or what was affected (`users_affected` or `requests_failed`) "
                    "and how long (`duration_minutes`)")], found


@pytest.mark.parametrize("sentence", [
    "Clients were locked out of their accounts for just over 30 minutes; all 1,200 users were affected.",
    "Every request failed for 2 hours.",
    "All players were disconnected for 73 hours.",
    "From 16:22 until 14:08 UTC the next day the chat service went quiet: 1,112 channels got no reply.",
    "Every user saw errors. Within a few hours the certificate had been replaced.",
    "Team Payroll had to postpone batch processing for seven hours; 40 payments were delayed.",
])
def test_impact_quantified_in_prose_is_not_asked_for(run_cli, tmp_path, sentence):
    assert _pm601(run_cli, _md(tmp_path, sentence)) == [], sentence


def test_a_solo_operators_service_down_as_a_whole_needs_no_count(run_cli, tmp_path):
    solo = ("On June 4, Bloggulus was down for just under 7 hours.\n\nI didn't notice until I visited it myself. "
            "I rebooted my server and it came back; my monitoring emailed an address I never read.\n")
    assert _pm601(run_cli, _md(tmp_path, solo, "Bloggulus outage")) == []
    # a team's service: its users are many, and how many is the question, unless the text
    # says the service its title names was down as a whole (then all of them were hit:
    # held-out N's "Moodle down" under "# Moodle outages" was judged answered)
    team = solo.replace("I didn't", "We didn't").replace("I rebooted my", "We rebooted our").replace(
        "my monitoring emailed an address I never", "our monitoring emailed an address we never")
    found = _pm601(run_cli, _md(tmp_path, team, "Server outage"))
    assert [item["severity"] for item in found] == ["info"], found
    assert _pm601(run_cli, _md(tmp_path, team, "Bloggulus outage")) == []


def test_a_security_incident_on_one_device_names_what_was_hit(run_cli, tmp_path):
    body = ("## Issue Summary\n\nAn employee device downloaded a suspicious file without user input. "
            "The phone then rebooted.\n\n## Resolution\n\nThe phone was factory reset.\n")
    assert _pm601(run_cli, _md(tmp_path, body, "Android phone incident")) == []


def _asides(size: int) -> str:
    """Many shares, counts and durations that say nothing was hit: each is a match the
    evidence search passes over, so the search runs once per match."""
    unit = ("All services are now operating normally. The integration worked fine for 22 months. "
            "2 team members joined the call. ")
    return "# Outage\n\n" + unit * max(size // len(unit), 1) + "\n"


def test_passing_over_unconfirmed_quantities_stays_linear():
    assert_linear("pm.md", _asides, 20_000)

"""What held-out set H showed pmlint misread in prose (issue 12; an outside review of pmlint on
postmortems it had never seen). Synthetic documents, CLI in, findings out.

- Impact written in prose: "approximately 79 minutes of partial availability", "a two
  hour outage", "over twenty four hours", "at 12:05pm ... lasted until ... 3:01pm", and
  shares as fractions ("1/3rd of visitors", "a third of visitors").
- "we must ..." in a reason clause is a standing constraint; "we must first understand
  the precursors" before a "Precursors" heading leads into the telling: no lesson.
- A link to another organisation's postmortem is reading, not a repeat incident.
- A blog's front-matter date, days after the date in the title, is the publication date.
- "What" opening a template prompt is not a person.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


def _impact(run_cli, tmp_path, prose: str) -> list[dict]:
    doc = write(tmp_path / "pm.md", f"# Website outage\n\n## Summary\n\n{prose}\n\n## Action items\n\n"
                "- Add a health check to the load balancer\n")
    return rule_findings(run_cli, doc, "PM601")


@pytest.mark.parametrize("prose", [
    "On August 12 there was approximately 79 minutes of partial availability for our sites. "
    "During this time, approximately a third of visitors were unable to view them.",
    "On June 5 there was a two hour outage at our provider. It affected approximately 1/3rd of visitors to our sites.",
    "At approximately 12:05pm the website went down for all users and lasted until Friday, November 18th, at 3:01pm.",
    "A series of events caused a downtime of over twenty four hours for all users.",
    "Half of the requests failed for 40 minutes.",
])
def test_durations_and_shares_in_prose_quantify_the_impact(run_cli, tmp_path, prose):
    assert _impact(run_cli, tmp_path, prose) == []


@pytest.mark.parametrize("prose, missing", [
    ("Some visitors were unable to view the sites for a while.", "how long"),
    ("We keep 99.9% availability; the sites were slow for a third party.", "how long"),
    ("Approximately a third of visitors were unable to view the sites.", "how long"),
    ("The outage lasted for 79 minutes; the sites were slow.", "who or what"),
])
def test_what_prose_does_not_give_is_still_reported(run_cli, tmp_path, prose, missing):
    found = _impact(run_cli, tmp_path, prose)
    assert len(found) == 1 and missing in found[0]["message"]


def _intents(run_cli, tmp_path, body: str) -> list[dict]:
    doc = write(tmp_path / "pm.md", f"# Outage\n\n## Summary\n\n{body}\n\n## Action items\n\n"
                "- Add a health check to the load balancer\n")
    return rule_findings(run_cli, doc, "PM804", preset="strict")  # PM804 is strict-only


@pytest.mark.parametrize("body", [
    "The proxy terminates TLS. We do this because we must support older web browsers that lack SNI.",
    "We run our own resolver, since we have to serve clients behind strict firewalls.",
    "That was a mistake. To do that we must first understand the precursors that led us here.\n\n## Precursors\n\n"
    "Two weeks ago a deploy failed.",
    "We need to talk about the deploy pipeline.",
    "Before the fixes, we need to understand how the cache filled up.\n\n## How the cache filled up\n\nIt grew.",
])
def test_constraints_and_transitions_are_no_lessons(run_cli, tmp_path, body):
    assert _intents(run_cli, tmp_path, body) == []


@pytest.mark.parametrize("body", [
    "The proxy failed over too late. We must support failover within a minute.",
    "We need to understand why the alert did not fire, and page on it. The disk filled overnight.",
    "We should deploy database migrations in smaller batches.",
])
def test_lessons_are_still_reported(run_cli, tmp_path, body):
    assert len(_intents(run_cli, tmp_path, body)) == 1


REPEAT = """\
# Fleet rollout

## Summary

Draining many hosts at once overloaded the remaining ones and apps started with corrupted folders.

## Notes

{link}

## Action items

- Drain hosts in smaller batches
"""


@pytest.mark.parametrize("link, repeat", [
    ("I love reading incident reports, such as the [October 21 incident analysis by Github]"
     "(https://github.blog/2018-10-30-oct21-post-incident-analysis/).", False),
    ("It is worth reading Cloudflare's July outage postmortem (https://blog.example.com/2018-07-02-postmortem/).", False),
    ("The same overload hit us before: see [our postmortem](https://example.com/2018-10-30-fleet-postmortem/).", True),
    ("See the postmortem from October (https://example.com/2018-10-30-fleet-postmortem/).", True),
])
def test_a_link_to_another_organisations_postmortem_is_no_repeat(run_cli, tmp_path, link, repeat):
    doc = write(tmp_path / "2019-02-25-fleet.md", REPEAT.format(link=link))
    assert bool(rule_findings(run_cli, doc, "PM802")) is repeat


BLOG = """\
---
title: "My first outage"
date: {published} 12:00:00
---

# Incident retrospective 25/02/2019

## Summary

Draining hosts too fast corrupted some apps for 30 minutes; a handful of apps were affected.

## Timeline

- 18:45: We created the new fleet.
- 19:45: We got a page from Pingdom.
- 20:15 The site was up again.
"""


@pytest.mark.parametrize("published, reported", [
    ("2019-03-01", False),  # four days later: the post's date
    ("2019-02-25", False),
    ("2018-11-01", True),  # months before the incident: a date that is wrong
])
def test_a_blog_publication_date_is_not_the_incident_date(run_cli, tmp_path, published, reported):
    doc = write(tmp_path / "2019-02-25-fleet-rollout.md", BLOG.format(published=published))
    assert bool(rule_findings(run_cli, doc, "PM012")) is reported


@pytest.mark.parametrize("cause, reported", [
    ("_What caused this situation?_ The issue happened performing a clean up of some unused CSS.", False),
    ("_Who caused this?_ Nobody: a clean up of unused CSS removed a rule the map needed.", False),
    ("Bob pushed a bad config by mistake and caused the outage.", True),
])
def test_a_template_prompt_names_no_person(run_cli, tmp_path, cause, reported):
    doc = write(tmp_path / "pm.md", f"# Map not rendering\n\n## Root Causes\n\n{cause}\n")
    assert bool(rule_findings(run_cli, doc, "PM702")) is reported

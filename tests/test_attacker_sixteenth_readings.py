"""What an attacker's review of the sixteenth session's readings found they got wrong, each
case beside its twin that keeps the reading (synthetic documents):
- a turn from "human error" that turns back to a person ("the real problem was that he was
  careless") keeps PM103; a closing "## Conclusion" that blames human error is a cause;
- "None of our monitors identified the issue", "identified the issue three hours later"
  and "there were no alarms going off" are no alert that caught it;
- "alerted by Google Cloud Monitoring" is no person; "A user saw a strange error" is a
  customer, "GitHub notices an issue" in a post not about GitHub a provider;
- "Alerting is next to useless", "so that it sends notifications when it fails, but ..."
  and "I'm in the process of setting up monitoring when ..." improve no detection;
- a guard told as what broke things ("We enabled rate limiting at 10:00, which blocked the
  webhooks"), "we proactively upgraded the SDK, and the app crashed", "We've since moved on
  to other priorities" and "agreed that the incident should be classed SEV2" are no fix
  or plan;
- "rollout flags set to 50%" is no one noticing, "deploy WAF rules that block malicious
  bots" no onset; "A customer reports 500s; on-call reverts the deploy" is the detection;
- "Turns out, the status page was down too" and a step's side effect ("We restarted the
  API. This made the admin dashboard unreachable") state no cause;
- YAML's ISO offsets out of order on the instant are out of order (tests/test_timeline_reading.py);
- a clock time's date is the one written beside it, New Year rolls the year, and two
  clock times months apart are no window;
- "a stupid mistake by him" in one person's post blames someone else: it stays;
- "we scaled out to 40 VMs" says nothing of who was hit; "Friday February 30th" is no day;
- dates at the calendar's ends (9999-12-31) load without an internal error.
"""

from __future__ import annotations

import pytest

from conftest import missing_section, rule_findings, rule_severities as _severities, write

PLAN = """
## Root cause

The DNS failover used a stale configuration.

## Action items

- Move DNS failover to a tested configuration, owner @sam, due 2021-04-01
"""


def _profile(run_cli, path) -> str:
    code, out, err = run_cli("check", "--profile", "--format", "text", str(path))
    assert code in (0, 1), err
    return out


def _converted(run_cli, path):
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return out


# -- PM103: the turn, and the wrap-up that blames ---------------------------------------

@pytest.mark.parametrize("turn, severity", [
    ("The problem isn't that the error was made, but that it was not detected.", None),
    ("The real problem was that nothing validated the change.", None),
    ("The problem isn't the tooling, but the engineer who ran it.", "error"),
    ("The real problem was that he was careless.", "error"),
])
def test_a_turn_back_to_a_person_keeps_human_error(tmp_path, run_cli, turn, severity):
    text = f"root_causes:\n  - summary: >\n      The root cause of this is clearly human error. {turn}\n"
    found = _severities(run_cli, write(tmp_path / "pm.yaml", text), "PM103")
    assert found == ([severity] if severity else [])


@pytest.mark.parametrize("closing, found", [
    ("In the end this was simply human error by the operator. Thanks for your patience.", 1),
    ("Thanks for your patience while we worked through this.", 0),
])
def test_a_conclusion_that_blames_human_error_is_read_as_the_cause(tmp_path, run_cli, closing, found):
    text = ("# DB outage\n\nThe database was down for 2 hours on 2024-03-02, all users affected.\n\n"
            "## Timeline\n\n- 10:00 UTC: migration run\n- 12:00 UTC: restored\n\n## Action items\n\n"
            f"- Add a dry run to migrations, owner @sam, due 2024-04-01\n\n## Conclusion\n\n{closing}\n")
    assert len(_severities(run_cli, write(tmp_path / "pm.md", text), "PM103")) == found


# -- detection: negated monitors, providers, outside people -----------------------------

EMPLOYEE = """# Queue outage

## Summary

The queue was stuck for 2 hours on 2024-03-02 and 30% of jobs failed.

## What happened

An engineer noticed the queue was stuck while deploying. {sentence}

## Root cause

A bad config.

## Action items

- Validate the queue config in CI, owner @sam, due 2024-04-01
"""


@pytest.mark.parametrize("sentence, severity", [
    ("Our internal monitor identified the issue at the same time.", "info"),
    ("None of our monitors identified the issue.", "warning"),
    ("Our monitoring identified the issue three hours later.", "warning"),
])
def test_only_a_monitor_that_caught_it_in_time_makes_more_alerting_optional(tmp_path, run_cli, sentence, severity):
    path = write(tmp_path / "pm.md", EMPLOYEE.format(sentence=sentence))
    assert _severities(run_cli, path, "PM402", preset="strict") == [severity]


@pytest.mark.parametrize("sentence, alerted", [
    ("The alarms kept going off all night.", True),
    ("There were no alarms going off.", False),
    ("None of the alarms were going off either.", False),
    ("None of our monitors identified the issue.", False),
])
def test_alarms_that_stayed_silent_are_no_alert(tmp_path, run_cli, sentence, alerted):
    """PM401 asks how it was found when the only word of alarms says none went off."""
    text = ("# Queue outage\n\nThe queue was stuck for 2 hours on 2024-03-02.\n\n## What happened\n\n"
            f"{sentence}\n\n## Root cause\n\nA bad config.\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")
    assert (not found) is alerted


@pytest.mark.parametrize("heading", ["Detection", "What happened"])
@pytest.mark.parametrize("sender, method", [
    ("Charlie Eriksen", "customer"),
    ("Google Cloud Monitoring", "alert"),
    ("Azure Monitor", "alert"),
])
def test_a_vendor_monitor_after_alerted_by_is_no_person(tmp_path, run_cli, heading, sender, method):
    text = (f"# API outage\n\nThe API was down for 2 hours on 2024-03-02.\n\n## {heading}\n\n"
            f"We were alerted by {sender} at 10:05 UTC.\n" + PLAN)
    assert f"method: {method}" in _converted(run_cli, write(tmp_path / "pm.md", text))


TIMELINE = """# {title}

## Summary

The API was down for 3 hours on 2024-03-02 and 40% of requests failed.

## Timeline

- 2024-03-02 10:00 UTC: deploy of v2.3; checkout requests fail
- 2024-03-02 {clock} UTC: {entry}
- 2024-03-02 13:00 UTC: rollback completed, service restored

## Root cause

The v2.3 release shipped a broken session migration.

## Action items

- Add a migration test to CI, owner @sam, due 2024-04-01
"""


@pytest.mark.parametrize("title, entry, method", [
    ("Outage of the API", "I saw a strange error on the login page.", "employee"),
    ("Outage of the API", "A user saw a strange error on the login page and wrote to support.", "customer"),
    ("Outage of the API", "GitHub notices an issue with our runners.", "other"),
    ("GitHub runners outage", "GitHub notices an issue with our runners.", "employee"),
])
def test_who_saw_it_is_read_from_the_subject(tmp_path, run_cli, title, entry, method):
    path = write(tmp_path / "pm.md", TIMELINE.format(title=title, clock="10:05", entry=entry))
    assert f"method: {method}" in _converted(run_cli, path)


@pytest.mark.parametrize("entry, detect", [
    # a report told with the response to it is still the detection; the fix seen working is not
    ("A customer reports 500s; on-call reverts the deploy", "90 min"),
    ("Dan reports that the revert worked, the errors have stopped", "unknown"),
    # a flag set is nobody noticing; an outside party flagging an actor is
    ("The rollout flags set to 50%", "unknown"),
    ("Acme Security flags contributor `dev-x` as a malicious actor", "90 min"),
])
def test_which_entry_is_the_detection(tmp_path, run_cli, entry, detect):
    path = write(tmp_path / "pm.md", TIMELINE.format(title="API outage", clock="11:30", entry=entry))
    line = next(line for line in _profile(run_cli, path).splitlines() if "time to detect" in line)
    assert detect in line


# -- detection improved -------------------------------------------------------------------

CUSTOMER = """# Bot outage

## Summary

The bot was down for 6 hours on 2024-03-02; a user reported it on Discord.

## What happened

{sentence}

## Root cause

The container ran out of memory.

## Action items

- Raise the container's memory limit, owner @sam, due 2024-04-01
"""


@pytest.mark.parametrize("sentence, found", [
    ("APM alerting is next.", 0),
    ("Alerting is next to useless here.", 1),
    ("A future change is for the bot to expose metrics, so that it will raise issues when it stops.", 0),
    ("I set it up so that it sends notifications when it fails, but the address was wrong.", 1),
    ("I am in the process to create a better monitoring, so I get notified.", 0),
    ("I'm in the process of setting up monitoring when the disk fills up.", 1),
])
def test_a_judgement_or_a_story_improves_no_detection(tmp_path, run_cli, sentence, found):
    path = write(tmp_path / "pm.md", CUSTOMER.format(sentence=sentence))
    assert len(rule_findings(run_cli, path, "PM402")) == found


# -- PM313: what broke things is no fix done; a verdict on the incident is no plan ---------

NO_PLAN = """# Webhook outage

## Summary

Webhooks failed for 2 hours on 2024-03-02 and 30% of deliveries were lost.

## What happened

{sentence}

A customer reported the failure at 10:20.

## Root cause

The new rule matched the webhook user agent.
"""


@pytest.mark.parametrize("sentence, severities", [
    ("We added a CAPTCHA to the sign-up form.", []),
    ("We enabled rate limiting at 10:00, which blocked the webhooks.", ["warning"]),
    ("We deployed a new WAF rule at 10:00; requests fail with 403 since then.", ["warning"]),
    ("I preventively moved verification to Cloudflare Turnstile.", []),
    ("At 10:00 we proactively upgraded the SDK, and the app crashed.", ["warning"]),
    ("We've since moved to Uptime Kuma.", []),
    ("We've since moved on to other priorities.", ["warning"]),
    ("The team agreed that the webhooks should be retried with backoff.", []),
    ("The team agreed that the incident should be classed SEV2.", ["warning"]),
])
def test_a_change_that_broke_things_is_no_fix_done(tmp_path, run_cli, sentence, severities):
    path = write(tmp_path / "pm.md", NO_PLAN.format(sentence=sentence))
    assert _severities(run_cli, path, "PM313") == severities


@pytest.mark.parametrize("sentence, onset", [
    ("At 10:00 we deploy WAF rules that block malicious bots.", False),
    ("At 10:00 malicious package versions were pushed to the registry.", True),
])
def test_a_guard_against_malice_is_no_onset(sentence, onset):
    from pmlint.timeline import describes_failure

    assert describes_failure(sentence) is onset


# -- PM011: what states a cause -----------------------------------------------------------

@pytest.mark.parametrize("sentence, missing", [
    ("Turns out, the cron job deleted the index.", False),
    ("Turns out, the status page was down too.", True),
    ("Five of the seven nameservers stopped responding. This made many domains inaccessible for hours.", False),
    ("We restarted the API. This made the admin dashboard unreachable for a minute.", True),
])
def test_a_side_effect_states_no_cause(tmp_path, run_cli, sentence, missing):
    text = (f"# API outage\n\nOn 2024-03-02 the API failed for 2 hours and 30% of requests failed. {sentence}\n\n"
            "## Timeline\n\n- 2024-03-02 10:00 UTC: requests fail\n- 2024-03-02 12:00 UTC: service restored\n\n"
            "## Action items\n\n- Add a migration test to CI, owner @sam, due 2024-04-01\n")
    path = write(tmp_path / "pm.md", text)
    causes = missing_section(run_cli, path, "root_causes", preset="strict")
    assert bool(causes) is missing


# -- the clock window's dates -------------------------------------------------------------

@pytest.mark.parametrize("story, lasted", [
    ("The site went down at 23:10 UTC on Dec 31st. It came back online at 01:40 UTC on Jan 1st.", "2 h 30 min"),
    ("The site went down at 9:40am, Feb 1st. We reviewed this on March 3rd, and it came back online at "
     "12:10pm, Feb 1st.", "2 h 30 min"),
    ("The site went down at 9:40am on 2024-01-01. It came back online at 12:10pm on 2024-06-01.", "unknown"),
])
def test_a_clock_time_is_dated_by_the_date_beside_it(tmp_path, run_cli, story, lasted):
    text = f"---\ndate: 2024-12-31\n---\n# Site outage\n\n{story}\n\n## Root cause\n\nA bad config.\n"
    line = next(line for line in _profile(run_cli, write(tmp_path / "pm.md", text)).splitlines()
                if "impact lasted" in line)
    assert lasted in line


# -- PM701 in a personal post -------------------------------------------------------------

@pytest.mark.parametrize("judgement, default", [
    ("It was a very dumb mistake.", []),
    ("It was a stupid mistake by him.", ["warning"]),
    ("It was a stupid mistake by Sam.", ["warning"]),
])
def test_a_personal_post_that_judges_someone_else_keeps_pm701(tmp_path, run_cli, judgement, default):
    text = ("# My bot went down\n\nI run a small Discord bot on my home server. On 2024-03-02 my bot was down "
            f"for 3 hours because I deleted its config file. {judgement} I restored the file from my backup and "
            "I restarted the bot. I added a check to my deploy script.\n\n## What I learned\n\nI keep backups now.\n")
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM701") == default


# -- counts, day headings, calendar ends -----------------------------------------------------

@pytest.mark.parametrize("sentence, quantified", [
    ("We scaled out to 40 VMs to cope, and the builds failed anyway.", False),
    ("40 VMs failed their builds.", True),
])
def test_capacity_added_is_no_count_of_what_was_hit(tmp_path, run_cli, sentence, quantified):
    text = f"# Build outage\n\nOn 2024-03-02 builds were failing for 2 hours. {sentence}\n\n## Root cause\n\nA bad config.\n"
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    assert (not found) is quantified


@pytest.mark.parametrize("days, found", [
    (("Monday January 13th", "Tuesday January 14th", "Wed January 15th"), 0),
    (("Friday February 30th", "Saturday February 31st", "Sunday February 32nd"), 1),
])
def test_impossible_dates_make_no_day_log(tmp_path, run_cli, days, found):
    body = "\n\n".join(f"## {day}\n\nThe build queue was overloaded and the team restarted it." for day in days)
    text = f"# Recent service outages\n\nBuilds were slow for days.\n\n{body}\n" + PLAN
    timeline = missing_section(run_cli, write(tmp_path / "pm.md", text), "timeline")
    assert len(timeline) == found


def test_dates_at_the_end_of_the_calendar_load(tmp_path, run_cli):
    folder = tmp_path / "posts"
    folder.mkdir()
    text = ("---\ndate: 9999-12-31\n---\n# Outage of 9999-12-25\n\n## Timeline\n\n- 9999-12-20 10:00 UTC: down\n"
            "- 9999-12-31 23:00 UTC: restored\n")
    path = write(folder / "9999-12-31-x.md", text)
    assert rule_findings(run_cli, path, "PM001") == []

"""Forms the sixteenth session's blind documents (set BN) wrote, each read as its author
meant it (synthetic documents, each with a twin that keeps the finding):
- headings that open with a weekday and its date ("## Monday January 13th", "## Wed
  January 15th") tell the incident day by day: the timeline;
- a closing "## Conclusion and Feedback" that thanks users is a wrap-up, not the cause
  section (mybinder's "## Conclusions" that names "the ultimate cause" still is);
- "the alarms kept going off" is how it was noticed ("the alarms never went off" is not);
- "two days of extremely sluggish performance" is how long it lasted;
- "halted ... 14:37 UTC, Nov 17th" and "recovered at 12:37 UTC, Nov 18th" give a window
  across two days, and "affected by an unplanned outage at approximately 11:30 PST" opens one;
- "I only just realized now, that the bot was down when I was checking Grafana" is how it
  was found;
- "so that it will actually raise issues when it's no longer on" and "APM alerting is
  next" improve detection;
- "JupiterOne notices an issue" (a company's CamelCase name) is the team noticing, and an
  employee's detection beside "Our internal monitor identified the issue" asks for no more
  alerting (strict only), nor one seen minutes after the team's own maintenance;
- "Dan reports that the PR worked" is the fix seen working, not the detection;
- "The team quickly agreed that report generation should be handled asynchronously" is a
  plan, and "I reopened registration with a CAPTCHA" a guard put in place;
- "every tagged binary from v0.2.0 on exited at startup" says what was hit;
- "it was a very dumb mistake", in one person's write-up of their own bot, is self-judgement
  (strict only);
- "Turns out, I didn't use git pull very intelligently" and "This made many .io domains
  inaccessible" state the cause;
- "Half of our fleet of OSX boxes" is a share of what was hit.

And what set BO's (eight blind documents, judged once after those readings) wrote:
- "2019-03-01 02:22:11 UTC ... stopped working" to "resolved at 2019-03-01 21:52:13 UTC" is
  a window read by its dates, no am/pm needed;
- "Pushing of malicious package versions" is the onset, "Report by Charlie Eriksen from
  Aikido about compromised packages" a report received, "Reported the incident to the NPM
  security team" the team telling others;
- "we were alerted by Charlie Eriksen" is an outside report, "After I've reported this to
  my boss" the writer telling, and "I saw a very strange process" the writer noticing;
- "It all begins with one scary email" is how it came to light; "I noticed something in
  one of my `tcpdump` captures" is the investigation;
- "I am in the process to create a better monitoring" improves detection, and "We've
  since moved to Uptime Kuma" is a fix done.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write

PLAN = """
## Root cause

The DNS failover used a stale configuration.

## Action items

- Move DNS failover to a tested configuration, owner @sam, due 2021-04-01
"""


def _messages(run_cli, path, rule, preset="recommended"):
    return [finding["message"] for finding in rule_findings(run_cli, path, rule, preset=preset)]


def _converted(run_cli, path):
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return out


@pytest.mark.parametrize("days, found", [
    (("Monday January 13th", "Tuesday January 14th", "Wed January 15th"), 0),
    (("Monday morning", "Tuesday evening", "Afterwards"), 1),
])
def test_weekday_and_date_headings_are_the_timeline(tmp_path, run_cli, days, found):
    body = "\n\n".join(f"## {day}\n\nThe build queue was overloaded and the team restarted it."
                       for day in days)
    text = f"# Recent service outages\n\nBuilds were slow for days.\n\n{body}\n" + PLAN
    timeline = [m for m in _messages(run_cli, write(tmp_path / "pm.md", text), "PM011") if "timeline" in m]
    assert len(timeline) == found


@pytest.mark.parametrize("closing, cause", [
    ("We've heard great feedback from users. The first step we're taking is updating @builds on Twitter "
     "in a more timely fashion.", False),
    ("The ultimate cause of this incident was a bug in a specific version of the proxy.", True),
])
def test_a_wrap_up_conclusion_is_no_cause_section(tmp_path, run_cli, closing, cause):
    text = ("# Recent service outages\n\n## Summary\n\nBuilds were slow for two days.\n\n"
            f"## Conclusion and Feedback\n\n{closing}\n")
    converted = _converted(run_cli, write(tmp_path / "pm.md", text))
    assert ("root_causes:" in converted) is cause
    assert not rule_findings(run_cli, tmp_path / "pm.md", "PM702")


@pytest.mark.parametrize("said, found", [
    ("Unfortunately, every few hours the alarms kept going off that our iOS queues were overloaded.", 0),
    ("Unfortunately, the alarms never went off while our iOS queues were overloaded.", 1),
])
def test_alarms_going_off_are_the_detection(tmp_path, run_cli, said, found):
    text = f"# Build queue outage\n\nBuilds slowed down over the night and the queue halted.\n\n{said}\n" + PLAN
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM401")) == found


@pytest.mark.parametrize("said, duration", [
    ("We experienced two days of extremely sluggish performance on our iOS servers.", True),
    ("We spent two days of planning on our iOS servers.", False),
])
def test_days_of_sluggish_performance_is_a_duration(tmp_path, run_cli, said, duration):
    text = f"# Build servers\n\n{said}\n\nAll iOS builds were affected.\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert (not any("how long" in message for message in messages)) is duration


@pytest.mark.parametrize("end, found", [
    ("The chain was ultimately recovered at UTC 12:37:38, Nov 18th.", 0),
    ("The chain was ultimately recovered at UTC 12:37:38.", 1),
])
def test_a_window_across_two_dated_days(tmp_path, run_cli, end, found):
    text = ("---\ndate: 2019-11-25\n---\n# Network pause\n\nAt block height 11,165,694, 14:37:22 UTC, Nov 17th, "
            f"the network halted due to a leader bug, and every validator stopped. {end}\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len([message for message in messages if "how long" in message]) == found


@pytest.mark.parametrize("start, found", [
    ("your VPS service was affected by an unplanned outage at approximately 02/28/2019 11:30 PST", 0),
    ("your VPS service was affected by an unplanned outage", 1),
])
def test_an_outage_at_a_clock_time_opens_the_window(tmp_path, run_cli, start, found):
    text = (f"# Outage report for host kct09\n\nThis notice is to inform you that {start}. All VMs on the host "
            "were down.\n\nWe declared this issue resolved at 20:30 PST.\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len([message for message in messages if "how long" in message]) == found


@pytest.mark.parametrize("said, found", [
    ("I only just realized now, that the bot was down when I was checking Grafana.", 0),
    ("The bot was down, and the metrics on Grafana were flat.", 1),
])
def test_seeing_it_while_checking_a_dashboard_is_detection(tmp_path, run_cli, said, found):
    text = f"# Bot outage\n\nThe bot crashed on startup all weekend. {said}\n" + PLAN
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM401")) == found


@pytest.mark.parametrize("plan, found", [
    ("A future change is for the bot to expose a /metrics endpoint, so that it will actually raise issues "
     "when it's no longer on.", 0),
    ("APM alerting is next.", 0),
    ("APM alerting is expensive, so we will keep the manual checks.", 1),
])
def test_detection_improvements_told_in_prose(tmp_path, run_cli, plan, found):
    text = ("# Bot outage\n\n## Summary\n\nThe bot crashed on startup. A user reported that the bot was down.\n\n"
            f"## Next time\n\n{plan}\n")
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM402")) == found


TIMELINE = """# Prod login outage

## Timeline

4:58 PM EST - JupiterOne notices an issue with logging into the web app

5:00 PM EST - A customer reports authentication issues

5:46 PM EST - Logins work again

## Summary

The identity provider had an outage, and logins failed for an hour.
{monitor}
## Root cause

The identity provider rolled out a bad change.

## Next steps

- Move API keys to tokens that need no call to the identity provider
"""


@pytest.mark.parametrize("monitor, severities", [
    ("\nOur internal monitor identified the issue proactively at 4:59 PM EST.\n", []),
    ("", ["warning"]),
])
def test_the_team_noticing_first_and_a_monitor_too(tmp_path, run_cli, monitor, severities):
    path = write(tmp_path / "pm.md", TIMELINE.format(monitor=monitor))
    found = rule_findings(run_cli, path, "PM402")
    assert [finding["severity"] for finding in found] == severities
    if found:
        assert "employee" in found[0]["message"]


MAINTENANCE = """---
date: 2014-04-11
---
# Processing delay

## Timeline

- 2:06pm - We began the planned maintenance by promoting the passive master.
- 2:29pm - The planned maintenance was complete.
- {seen} - It became apparent that new data was being processed very slowly.
- 3:12pm - We noticed that ping times to the new master were slower than normal.
- 3:15pm - We removed the slow code and deployed to all workers.

## Root cause

The new master was slow to reach.

## Action items

- Add partitions without promoting the passive master, owner @ops, due 2014-05-01
"""


@pytest.mark.parametrize("seen, found", [("2:40pm", 0), ("3:10pm", 1)])
def test_an_outage_seen_minutes_after_the_teams_own_change(tmp_path, run_cli, seen, found):
    path = write(tmp_path / "pm.md", MAINTENANCE.format(seen=seen))
    assert len(_messages(run_cli, path, "PM402")) == found


SPAM = """# Newsletter spam

## Timeline

### May 4th, 2024 (2024-05-04)
Bot traffic increases by 82%.

### May 12th, 2024 (2024-05-12)
Gaggle responds to email saying they can't do anything.

### May 24th, 2024 (2024-05-24)
The PR is merged.

### May 25th, 2024 (2024-05-25)
Dan reports {report}.

## Root cause

The sign-up form accepted any name.

## Action items

- Build a sign-up proxy that checks every request, owner @dan, due 2024-07-01
"""


@pytest.mark.parametrize("report, found", [
    ("that the PR worked, the spam signups have stopped", 0),
    ("spam signups flooding the newsletter", 1),
])
def test_the_fix_seen_working_is_no_detection(tmp_path, run_cli, report, found):
    path = write(tmp_path / "pm.md", SPAM.format(report=report))
    assert len(_messages(run_cli, path, "PM403", preset="strict")) == found


@pytest.mark.parametrize("said, found", [
    ("The team quickly agreed that report generation should be handled asynchronously using a background job.", 0),
    ("The team quickly agreed that it was the retry logic.", 1),
])
def test_a_change_the_team_agreed_on_is_a_plan(tmp_path, run_cli, said, found):
    text = f"# Self-DDoS\n\nNginx retried long requests three times and the database CPU hit 100%. {said}\n"
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM313")) == found


@pytest.mark.parametrize("said, found", [
    ("The next day I reopened registration with a CAPTCHA.", 0),
    ("The next day I reopened registration.", 1),
])
def test_a_captcha_put_in_place_is_a_fix_done(tmp_path, run_cli, said, found):
    text = f"# Bot attack on the wiki\n\nBots registered 856 accounts in an hour. I closed registration. {said}\n"
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM313")) == found


@pytest.mark.parametrize("said, who", [
    ("So every tagged binary from v0.2.0 on exited at startup with this message.", True),
    ("So the binary from v0.2.0 on exited at startup with this message.", False),
])
def test_every_release_broken_says_what_was_hit(tmp_path, run_cli, said, who):
    text = f"# Dead release binaries\n\nThe store used a cgo-only driver. {said}\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert (not any("who or what" in message for message in messages)) is who


ME = """# Outage report

For the last weekend, my bot was down while I was away. I pushed a change, I built the image and I
deployed it myself; my Docker config hid the error from me.

Here's what happened, and it was a very dumb mistake by {who}.
""" + PLAN


@pytest.mark.parametrize("who, preset, found", [
    ("me", "recommended", 0), ("me", "strict", 1),
])
def test_self_judgement_in_ones_own_write_up_is_strict_only(tmp_path, run_cli, who, preset, found):
    path = write(tmp_path / "pm.md", ME.format(who=who))
    assert len(_messages(run_cli, path, "PM701", preset=preset)) == found


def test_a_teams_dumb_mistake_is_still_blame(tmp_path, run_cli):
    text = ("# Outage report\n\nWe deployed the change on Friday. It was a very dumb mistake by the on-call "
            "engineer.\n" + PLAN)
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM701")) == 1


@pytest.mark.parametrize("said, found", [
    ("What happened? Turns out, I didn't use git pull very intelligently: it overwrote the database.", 0),
    ("Five of the seven nameservers stopped responding. This made many `.io` domains inaccessible.", 0),
    ("I ran git pull and then the rows were gone.", 1),
])
def test_the_cause_told_as_the_story_turns(tmp_path, run_cli, said, found):
    text = f"# Deleted research data\n\n## Summary\n\nThe collected rows fell from 900,000 to 5,000. {said}\n"
    causes = [m for m in _messages(run_cli, write(tmp_path / "pm.md", text), "PM011") if "root_causes" in m]
    assert len(causes) == found


STORY_SENTENCE = ("I opened the terminal on the server that evening, typed the clean-up command I had used "
                  "many times before, pressed enter and watched the prompt come back. ")


@pytest.mark.parametrize("sentences, preset, found", [
    (20, "recommended", 0),   # about 460 words: a story that tells what happened in its own words
    (20, "strict", 1),
    (6, "recommended", 1),    # a short note: the missing cause is plain to see
])
def test_a_long_story_without_a_cause_heading(tmp_path, run_cli, sentences, preset, found):
    text = "# The day I wiped my home directory\n\n" + STORY_SENTENCE * sentences + "\n"
    causes = [m for m in _messages(run_cli, write(tmp_path / "pm.md", text), "PM011", preset=preset)
              if "root_causes" in m]
    assert len(causes) == found


@pytest.mark.parametrize("said, who", [
    ("Half of our fleet of OSX boxes were reporting compilation times of up to seven minutes.", True),
    ("Our OSX boxes were reporting compilation times of up to seven minutes.", False),
])
def test_half_of_the_fleet_is_a_share(tmp_path, run_cli, said, who):
    text = f"# Build servers\n\nBuilds were sluggish for two days. {said}\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert (not any("who or what" in message for message in messages)) is who


# -- set BO (eight blind documents, judged once after the readings above) -------------------

@pytest.mark.parametrize("end, found", [
    ("This situation was resolved at 2019-03-01 21:52:13 UTC.", 0),
    ("This situation was resolved at 21:52:13 UTC.", 1),
])
def test_two_clock_times_on_one_dated_day(tmp_path, run_cli, end, found):
    text = ("# Database failure\n\nSometime around 2019-03-01 02:22:11 UTC the chat stopped working because it "
            f"could not reach its database, and every user lost messages.\n\n{end}\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len([message for message in messages if "how long" in message]) == found


NPM = """# Supply-chain compromise

## Timeline

**Mon, 24 Nov 2025**
- `03:58:47 UTC` — Pushing of malicious package versions to the NPM registry.
{report}- `10:58:00 UTC` — Reported the incident to the NPM security team and started deprecating affected packages.
- `11:46:00 UTC` — The NPM security team unpublished the malicious packages.

## Root cause

Our publishing token was stolen, and every package was compromised.

## Action items

- Move publishing to trusted publishing with no long-lived token, owner @ops, due 2026-01-15
"""


@pytest.mark.parametrize("report, found", [
    ("- `10:02:00 UTC` — Report by Charlie Eriksen from Aikido about compromised packages.\n", 1),
    ("", 0),
])
def test_a_report_received_is_detection_one_made_is_not(tmp_path, run_cli, report, found):
    messages = _messages(run_cli, write(tmp_path / "pm.md", NPM.format(report=report)), "PM403", preset="strict")
    assert len(messages) == found
    assert all("6 h 3 min" in message for message in messages)


@pytest.mark.parametrize("by, method", [("Charlie Eriksen from Aikido", "customer"), ("Grafana", "alert")])
def test_alerted_by_a_person_is_an_outside_report(tmp_path, run_cli, by, method):
    text = f"# Compromise\n\nOn the morning of November 24 we were alerted by {by} about suspicious packages.\n" + PLAN
    assert f"method: {method}" in _converted(run_cli, write(tmp_path / "pm.md", text))


@pytest.mark.parametrize("saw, method", [
    ("Right when I was about to stop monitoring the VM, I saw a very strange process.", "employee"),
    ("The VM looked normal.", None),
])
def test_reporting_to_the_boss_is_no_outside_report(tmp_path, run_cli, saw, method):
    text = (f"# Crypto miner on a GPU VM\n\nI was doing maintenance on one VM. {saw} After I've reported this to "
            "my boss, I was told to inspect it and then nuke the VM.\n" + PLAN)
    converted = _converted(run_cli, write(tmp_path / "pm.md", text))
    assert "method: customer" not in converted
    assert (f"method: {method}" in converted) if method else ("method:" not in converted)


@pytest.mark.parametrize("opening, found", [
    ("It all begins with one scary email late at night from the hosting provider's abuse desk.", 0),
    ("It all begins on a quiet night.", 1),
])
def test_a_story_that_opens_on_the_message_that_brought_the_news(tmp_path, run_cli, opening, found):
    text = f"# Spoofed abuse complaints\n\n{opening} Spoofed SYN packets carried my address.\n" + PLAN
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM401")) == found


@pytest.mark.parametrize("noticed, found", [
    ("Then, I noticed something in one of my `tcpdump` captures that was still running:", 0),
    ("Then, I noticed", 1),
])
def test_something_noticed_in_a_capture_is_the_investigation(tmp_path, run_cli, noticed, found):
    text = (f"# Spoofed abuse complaints\n\nThe relay was reported for port scans. {noticed} spoofed SYN packets "
            "from my address were leaving the server.\n" + PLAN)
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM402")) == found


@pytest.mark.parametrize("plan, found", [
    ("I am in the process to create a better monitoring.", 0),
    ("I am in the process of moving house.", 1),
])
def test_monitoring_under_construction_improves_detection(tmp_path, run_cli, plan, found):
    text = f"# Host down\n\nThe VM's disk filled up. When I started my day I noticed the downtime. {plan}\n" + PLAN
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM402")) == found


@pytest.mark.parametrize("said, found", [
    ("We've since moved to Uptime Kuma, which checks certificates every minute.", 0),
    ("We've since had two quiet weeks.", 1),
])
def test_a_move_made_since_is_a_fix_done(tmp_path, run_cli, said, found):
    text = f"# Expired certificate\n\nThe certificate renewal failed silently and the site was down for 4 hours. {said}\n"
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM313")) == found

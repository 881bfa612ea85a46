"""Forms the fourteenth session's blind documents (set BG) wrote, each read as its author
meant it (synthetic documents, each with a twin that keeps the finding):
- a URL's percent-encoding ("Read%E2%80%93eval") holds no "80%" to quote as the impact;
- "the entire acoustid.org infrastructure going down" is everyone hit;
- an italic "*Tl;dr: from about 9:30pm to 12:30am last night, our website was
  unreachable*" is the author's summary, not a template's prompt, and its window (the
  meridiem written on both ends) is the impact's length; so is "After about 3 hours, our
  servers came back online";
- "Over the last weeks, I'll keep posting ..." promises; it measures nothing;
- a timeline entry "ratchet.io is working again" marks the mitigation and "all systems are
  stable" the resolution (not "Bob is working again on the fix"), and "Cory got an alert
  from Pingdom" marks the detection;
- "Mathias notices the mistake" marks detection in a timeline: a minute after the outage
  began, an employee noticing it was as fast as an alert (PM402 under `strict` only);
- "the team noticed a few ways that users could have been affected" is analysis, not detection;
- "We're still backfilling some additional instrumentation" and "I need a more robust
  notification mechanism for this type of issue" are plans; the latter improves detection.

And set BH's:
- "some of the most important changes we will implement ... include:" leads the plan in;
  a bullet ending "..., including" hands over to its nested steps; a sub-heading of the
  plan that lists problems holds no items;
- "Still open" heads the plan (not "What changed", as often the change that triggered it);
- a masked minute after a date ("~2026-02-17 06:2xZ") is read as the start of its ten minutes;
- "Keep a short recovery checklist" keeps an artifact; an evaluation that names its
  candidates ("..., including row-based replication") is pedantic;
- "complete unavailability", things that "disappeared", and one named machine that
  "became NotReady" are what was hit; overlapping cron runs are infrastructure;
- "please contact us via our support ticket system" invites, it reports nothing;
- a party that told the team of the problem ("Kukai Team notifies beacon team") is outside
  the response: its night entries are no responder's night.
"""

from __future__ import annotations

import json

import pytest

from conftest import rule_findings, write

PLAN = """
## Root cause

The DNS failover used a stale configuration.

## Action items

- Move DNS failover to a tested configuration, owner @sam, due 2021-04-01
"""


def _messages(run_cli, path, rule="PM601", preset="recommended"):
    return [finding["message"] for finding in rule_findings(run_cli, path, rule, preset=preset)]


def _profile(run_cli, path):
    code, out, err = run_cli("check", "--format", "json", "--profile", "--exit-zero", str(path))
    assert code == 0, err
    return json.loads(out)["profiles"][str(path)]


def _detection_method(run_cli, path):
    """The detection method the profile gives (stated or inferred), or None."""
    detection = _profile(run_cli, path)["detection_method"]
    return detection["value"] if detection else None


def _severities(run_cli, path, rule, preset="recommended"):
    return [finding["severity"] for finding in rule_findings(run_cli, path, rule, preset=preset)]


def _converted(run_cli, path, *prefixes):
    """The lines of `pmlint convert PATH` that start with one of `prefixes`, stripped."""
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return [line.strip() for line in out.splitlines() if line.strip().startswith(prefixes)]


def _values(run_cli, path, prefix):
    """The values on the lines of `pmlint convert PATH` that start with `prefix` (`- title:`
    for an item's title, `owner:` for a key)."""
    return [line.split(":", 1)[1].strip() for line in _converted(run_cli, path, prefix)]


def test_a_urls_percent_encoding_is_no_share(tmp_path, run_cli):
    text = ("# The giveaway went wrong\n\nI reloaded the module from a [REPL] session and lost the giveaway.\n" + PLAN +
            "\n[REPL]: https://en.wikipedia.org/wiki/Read%E2%80%93eval%E2%80%93print_loop\n")
    messages = _messages(run_cli, write(tmp_path / "pm.md", text))
    assert len(messages) == 1 and "80%" not in messages[0] and "no count, share or duration found" in messages[0]


def test_a_share_written_in_prose_is_still_quoted(tmp_path, run_cli):
    text = "# The giveaway went wrong\n\nThe bot dropped 80% of the entries after I reloaded the module.\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text))
    assert len(messages) == 1 and '"80%' in messages[0]


@pytest.mark.parametrize("said, hit", [
    ("we had a large incident that led to the entire acoustid.org infrastructure going down.", True),
    ("we moved the entire acoustid.org infrastructure to a new cluster last year.", False),
])
def test_the_entire_infrastructure_going_down_is_everyone_hit(tmp_path, run_cli, said, hit):
    text = f"# Postmortem of the March 2 outage\n\nOn March 2, 2021, {said} It took days to rebuild.\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), preset="strict")
    assert len(messages) == 1
    assert ("who or what was affected" not in messages[0]) is hit


@pytest.mark.parametrize("said, told", [
    ("> *Tl;dr: from about 9:30pm to 12:30am last night, our website was unreachable.*", True),
    ("*Update: from about 9:30pm to 12:30am last night, our website was unreachable for all customers.*", True),
    ("After about 3 hours, our San Jose servers came back online. Our website was unreachable for all customers.", True),
    # twins: a template's prompt, a pause, a promise
    ("*List what broke: from about 9:30pm to 12:30am the website was unreachable.*", False),
    ("After about 3 hours of reading we went back to bed. Our website was unreachable for all customers.", False),
    ("Our website was unreachable for all customers. Over the last weeks, I'll keep posting about what must change.",
     False),
])
def test_a_window_or_a_return_after_so_long_is_the_impacts_length(tmp_path, run_cli, said, told):
    text = f"# Post-mortem from last night's outage\n\n{said}\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), preset="strict")
    assert (not any("how long" in message for message in messages)) is told


TIMELINE = """# Post-mortem from last night's outage

Our website was unreachable for all of our customers.

## Timeline

All times PST, 2013-01-11.

- 9:30pm: Cory got an alert from Pingdom that our website was down.
- 10:05pm: Sergei verifies the API is hitting lb3.
- 11:15pm: Sergei gets a call from Dyn.
- 12:00am: {end}
""" + PLAN


@pytest.mark.parametrize("end, kind", [
    ("Brian sees that ratchet.io is working again.", "mitigated"),
    ("Brian tweets that all systems are stable.", "resolved"),
    ("Brian is working again on the fix.", "other"),
])
def test_working_again_ends_the_impact(tmp_path, run_cli, end, kind):
    path = write(tmp_path / "pm.md", TIMELINE.format(end=end))
    assert _values(run_cli, path, "kind:") == ["detected", "other", "other", kind]
    from pmlint.timeline import describes_end
    assert describes_end(end) is (kind != "other")


NOTICED = """# Deployer API outage

## Detection

{detection}

## Action items

| Action item | Type | Owner |
| --- | --- | --- |
| Fix the deployer to notice deleted ECS services | prevent | mlafeldt |

## Timeline

2016-09-05 (all times UTC)

| Time | Description |
| --- | --- |
| 09:27 | **OUTAGE BEGINS** -- Mathias accidentally deletes the `deployer-api` ECS service in production |
| {seen} | Mathias notices the mistake and tries to redeploy `deployer-api`, which fails |
| 09:56 | Re-deployment of the API finally succeeds |
| 10:00 | **OUTAGE ENDS** -- Deployer API is up and running again |
"""


@pytest.mark.parametrize("seen, severities", [("09:28", []), ("09:55", ["warning"])])
def test_an_employee_noticing_within_a_minute_needs_no_detect_item(tmp_path, run_cli, seen, severities):
    text = NOTICED.format(detection="We noticed the mistake ourselves.", seen=seen)
    path = write(tmp_path / "pm.md", text)
    assert _severities(run_cli, path, "PM402") == severities
    assert _profile(run_cli, path)["time_to_detect_minutes"]["value"] == (1 if seen == "09:28" else 28)


WAYS = """# Understanding the .io TLD failure

On October 28th, 2016, five of the seven nameservers for the `.io` top-level domain stopped
working, and many `.io` domains were unreachable for a few hours.

## What effects did this downtime have?

{said}
""" + PLAN


@pytest.mark.parametrize("noticed, severities", [
    ("noticed a few ways that users could have been affected", []),
    ("noticed that our routes were failing", ["warning"]),
])
def test_ways_an_analysis_found_are_no_detection(tmp_path, run_cli, noticed, severities):
    said = f"Our platform relies on the `.io` domain, and the CloudOps team {noticed}."
    path = write(tmp_path / "pm.md", WAYS.format(said=said))
    assert _severities(run_cli, path, "PM402") == severities


STORY = """# Home server catastrophic failure

I noticed that I was unable to access a service on my server, and the backups would not
restore. The server was down for two days for all of its users.

## What did I learn?

{lesson}
"""


@pytest.mark.parametrize("lesson", [
    "We're still backfilling some additional instrumentation, and our graphite stats were invaluable.",
    "I need a more robust notification mechanism for this type of issue as well.",
])
def test_work_under_way_or_a_need_named_is_a_plan(tmp_path, run_cli, lesson):
    path = write(tmp_path / "pm.md", STORY.format(lesson=lesson))
    assert rule_findings(run_cli, path, "PM313", preset="strict") == []


@pytest.mark.parametrize("lesson", [
    "We're still unsure what happened, and our graphite stats were invaluable.",
    "I need a break after all this, and the weekend is coming.",
])
def test_a_state_of_mind_is_no_plan(tmp_path, run_cli, lesson):
    path = write(tmp_path / "pm.md", STORY.format(lesson=lesson))
    assert _severities(run_cli, path, "PM313") == ["warning"]


@pytest.mark.parametrize("needed, severities", [("notification mechanism", []), ("server", ["warning"])])
def test_a_notification_mechanism_needed_improves_detection(tmp_path, run_cli, needed, severities):
    lesson = f"I need a more robust {needed} for this type of issue as well."
    path = write(tmp_path / "pm.md", STORY.format(lesson=lesson))
    assert _severities(run_cli, path, "PM402") == severities


# -- set BH ------------------------------------------------------------------------------

def _action_titles(run_cli, path):
    return _values(run_cli, path, "- title:")


LOOKING_FORWARD = """# Mysql1-vip outage post-mortem

**What Happened**

On July 30th we reloaded mysql2 and, through master-master replication, the databases were
dropped on mysql1 too; some data was lost and we restored the rest from backups.

**Looking Forward**

We learned a lot of important lessons from this outage, both about how we run our mysql
cluster and about how we plan and manage resources in general.

{lead}

1. Storing binlogs as a backup on a separate server.

2. Regularly testing full restores on a spare server.
"""


def test_changes_the_team_will_implement_are_the_plan(tmp_path, run_cli):
    lead = ("Most immediately, some of the most important changes we will implement for the mysql service over the "
            "next month or two\ninclude:")
    path = write(tmp_path / "pm.md", LOOKING_FORWARD.format(lead=lead))
    assert _action_titles(run_cli, path) == ["Storing binlogs as a backup on a separate server.",
                                             "Regularly testing full restores on a spare server."]
    assert rule_findings(run_cli, path, "PM315", "PM313") == []


def test_changes_made_during_the_outage_are_no_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LOOKING_FORWARD.format(lead="Some changes we made during the outage include:"))
    assert _action_titles(run_cli, path) == []


NESTED = """# Outage

## Action items

1. {lead}

   1. Regularly test full restores on a spare server

   2. Gather more accurate ETAs for the restoration process

2. Store binlogs on a separate server.
"""


def test_an_item_that_introduces_its_steps_hands_over_to_them(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NESTED.format(lead="Work on our documentation and training for our complex systems, including"))
    assert _action_titles(run_cli, path) == ["Regularly test full restores on a spare server",
                                             "Gather more accurate ETAs for the restoration process",
                                             "Store binlogs on a separate server."]
    assert rule_findings(run_cli, path, "PM310") == []


def test_an_item_with_details_under_it_stays_one_item(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NESTED.format(lead="Work on our documentation and training for our complex systems"))
    assert _action_titles(run_cli, path)[0] == "Work on our documentation and training for our complex systems"
    assert [finding["message"].split('"')[1] for finding in rule_findings(run_cli, path, "PM310")] == ["Work on"]


MASKED = """# Altra kubelet instability

Control-plane node altra became NotReady and every runner job on it failed.

## Timeline (UTC)

| Time | Event |
| --- | --- |
| ~2026-02-17 06:2{digit}Z | altra observed NotReady; kubelet stuck stopping. |
| ~2026-02-17 06:4{digit}Z | Fix applied to remove `hostNetwork: true` from the runner templates. |
| ~2026-02-17 06:5{digit}Z | Node recovered after a forced reboot; the node becomes Ready. |
""" + PLAN


def test_a_masked_minute_is_read_as_its_ten_minutes(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", MASKED.format(digit="x"))
    assert _values(run_cli, path, "- at:") == [
        "'2026-02-17T06:20:00+00:00'", "'2026-02-17T06:40:00+00:00'", "'2026-02-17T06:50:00+00:00'"]
    assert not any("how long" in message for message in _messages(run_cli, path, preset="strict"))


def test_a_masked_minute_needs_its_date(tmp_path, run_cli):
    from pmlint.load.markdown.times import parse_stamp

    assert parse_stamp("~2026-02-17 06:2xZ").clock == (6, 20, 0)
    assert parse_stamp("~2026-02-17 06:2xZ").approximate is True
    assert parse_stamp("2026-02-17 06:2xyz").clock is None


@pytest.mark.parametrize("item, vague", [
    ("Keep a short Talos recovery checklist for kubelet `Stopping` investigations", False),
    ("Keep an eye on the kubelet logs", True),
])
def test_an_artifact_kept_is_no_vague_action(tmp_path, run_cli, item, vague):
    text = f"# Kubelet outage\n\nThe node was down for 30 minutes for all runner jobs.\n\n## Action items\n\n- {item}\n"
    path = write(tmp_path / "pm.md", text)
    assert bool(rule_findings(run_cli, path, "PM310")) is vague


@pytest.mark.parametrize("said, who", [
    ("Complete unavailability of mirrors and landing pages from 19:51 to 20:18.", True),
    ("In the admin panel we noticed that certificates for over 200 hosts had disappeared, from 19:51 to 20:18.", True),
    ("In the admin panel we noticed certificates for over 200 hosts, from 19:51 to 20:18.", False),
])
def test_a_complete_unavailability_or_things_gone_is_who_was_hit(tmp_path, run_cli, said, who):
    path = write(tmp_path / "pm.md", f"# Fastly TLS incident\n\n{said}\n" + PLAN)
    messages = _messages(run_cli, path, preset="strict")
    assert (not any("who or what was affected" in message for message in messages)) is who


PROBLEMS = """# Network outage

Our data center lost power for 4 hours on 2016-12-17 and every hosted project was offline.

## Corrective and Preventive Measures

### {heading}

- Email communication was completely down because all of our relays are in one data center.
- No off-site status page was published.

### Changes that need to be made

- We will be deploying an external email relay, owner @ops, due 2017-03-01.
"""


@pytest.mark.parametrize("heading, count", [("Problems during Recovery", 1), ("Fixes for the problems", 3)])
def test_problems_listed_inside_the_plan_are_no_items(tmp_path, run_cli, heading, count):
    path = write(tmp_path / "pm.md", PROBLEMS.format(heading=heading))
    assert len(_action_titles(run_cli, path)) == count


CAUSES = """# Duplicate message incident

Three messages were sent to one customer on 2026-01-12.

## Root Cause Analysis

1. **Missing duplicate check in `campaign-worker.js`**
   - `campaign-worker.js` was missing this check entirely
2. **Race condition risk**
   - {how}

## Action items

- Add the duplicate check to `campaign-worker.js`, owner @mike, due 2026-01-20
"""


@pytest.mark.parametrize("how, reported", [
    ("If multiple cron runs happen simultaneously they all pass the duplicate check", False),
    ("If two requests happen simultaneously they all pass the duplicate check", True),
])
def test_overlapping_cron_runs_are_no_code_cause(tmp_path, run_cli, how, reported):
    path = write(tmp_path / "pm.md", CAUSES.format(how=how))
    assert bool(rule_findings(run_cli, path, "PM107", preset="strict")) is reported


@pytest.mark.parametrize("item, severities", [
    ("Evaluating better replication strategies to mitigate the initial cause, including row-based replication", []),
    ("Evaluating better replication strategies to mitigate the initial cause", ["warning"]),
])
def test_an_evaluation_that_names_its_candidates_is_pedantic(tmp_path, run_cli, item, severities):
    text = f"# Replication outage\n\nThe database was down for 3 hours for all users.\n\n## Action items\n\n- {item}\n"
    path = write(tmp_path / "pm.md", text)
    assert _severities(run_cli, path, "PM310") == severities


@pytest.mark.parametrize("said, method", [
    ("If there are any further questions, please contact us via our IRC channel or via our support ticket system.", None),
    ("We learned of it from a support ticket a customer opened at 09:10.", "customer"),
])
def test_an_invitation_to_write_in_is_no_report(tmp_path, run_cli, said, method):
    text = f"# Network outage\n\nThe data center lost power for 4 hours and every project was offline.\n\n{said}\n" + PLAN
    assert _detection_method(run_cli, write(tmp_path / "pm.md", text)) == method


@pytest.mark.parametrize("said, who", [
    ("Control-plane node `talos-192-168-1-85` became `NotReady` and stopped posting node status for 30 minutes.", True),
    ("Control-plane node `talos-192-168-1-85` became the leader and stopped posting node status for 30 minutes.", False),
])
def test_one_named_machine_down_is_what_was_hit(tmp_path, run_cli, said, who):
    path = write(tmp_path / "pm.md", f"# Kubelet instability\n\n{said}\n" + PLAN)
    messages = _messages(run_cli, path, preset="strict")
    assert (not any("who or what was affected" in message for message in messages)) is who


PARTNER = """# Postmortem incident 5

**Summary:** An improper restart of a node left US-based users unable to connect for 11 hours.

**Detection:** The issue was first reported by SDK users; monitoring validated it later.

**Action Items:**

| Action Item | Owner | State |
| --- | --- | --- |
| Configure monitoring to page repeatedly during an interruption | Lukas | COMPLETE |

## Timeline

2025-05-15 (all times UTC)

- 08:56 - Node restart due to maintenance
- 20:47 - {teller} notifies beacon team in slack about an increase in user reports
- 00:16 - {actor} notices the Matrix part of the node is not working properly
- 08:00 - Service recovered
"""


@pytest.mark.parametrize("teller, actor, reported", [
    ("Kukai Team", "Kukai Team", False),
    ("Kukai Team", "Beacon Team", True),
])
def test_a_party_that_told_the_team_is_outside_the_response(tmp_path, run_cli, teller, actor, reported):
    path = write(tmp_path / "pm.md", PARTNER.format(teller=teller, actor=actor))
    assert bool(rule_findings(run_cli, path, "PM203", preset="strict")) is reported
    burden = _profile(run_cli, path)["on_call"]
    assert bool(burden and burden.get("sleep_interrupted")) is reported


REMEDY = """# Home server catastrophic failure

The backups would not restore, and two weeks of data was lost from the `container-services` VM.

## What did I learn?

{lesson}
"""


@pytest.mark.parametrize("lesson, reported", [
    ("In fact, from the Proxmox documentation, I can actually set up [Verification jobs](https://pbs.proxmox.com/docs/"
     "maintenance.html#verification) that do exactly what would've mitigated this issue, as I would've been notified "
     "when my backups were no longer valid.", False),
    ("In fact, I could have set up [Verification jobs](https://pbs.proxmox.com/docs/maintenance.html#verification) "
     "that would've mitigated this issue, as I would've been notified when my backups were no longer valid.", True),
])
def test_a_remedy_the_writer_can_now_set_up_is_a_plan(tmp_path, run_cli, lesson, reported):
    path = write(tmp_path / "pm.md", REMEDY.format(lesson=lesson))
    assert bool(rule_findings(run_cli, path, "PM315")) is reported


@pytest.mark.parametrize("said, method", [
    ("I didn't notice it until our client told us about it.", "customer"),
    ("I didn't notice it, and no client told us about it.", None),
])
def test_a_negation_ends_at_until(tmp_path, run_cli, said, method):
    text = ("# Overriding production data\n\nMy patch script overwrote data the end users had entered, "
            f"for all of them.\n\n{said}\n" + PLAN)
    assert _detection_method(run_cli, write(tmp_path / "pm.md", text)) == method


def test_negation_scope_stops_at_until_or_but():
    from pmlint.grammar import negated_or_hedged

    text = "I didn't notice it until our client told us"
    assert negated_or_hedged(text, text.index("told")) is False
    text = "our client didn't tell us"
    assert negated_or_hedged(text, text.index("tell")) is True


# -- set BI ------------------------------------------------------------------------------

LOSS = """# pg_wal filled root

Postgres could not recover for 40 minutes and every API request failed.

{said} WAL archiving was fully caught up, and the nightly backups restored cleanly in a drill.
"""


@pytest.mark.parametrize("said, reported", [("**No ledger, price or backup data was lost.**", False),
                                            ("**Ledger, price and backup data was lost.**", True)])
def test_a_sentence_that_denies_a_list_the_loss_is_no_loss(tmp_path, run_cli, said, reported):
    path = write(tmp_path / "pm.md", LOSS.format(said=said))
    assert bool(rule_findings(run_cli, path, "PM315")) is reported


@pytest.mark.parametrize("heading, titles", [
    ("Still open", ["Move `pg_wal` onto the data volume."]),
    ("Open items", ["Move `pg_wal` onto the data volume."]),
    # "What changed" as often tells the change that triggered the incident: no plan
    ("What changed", []),
])
def test_still_open_is_the_plan(tmp_path, run_cli, heading, titles):
    text = (f"# pg_wal filled root\n\nPostgres was down for 40 minutes for every user.\n\n## {heading}\n\n"
            "- Move `pg_wal` onto the data volume.\n")
    assert _action_titles(run_cli, write(tmp_path / "pm.md", text)) == titles


@pytest.mark.parametrize("said, reported", [
    ("At 3:30 PM PST we received multiple server unresponsive alerts and our engineering teams were paged.", False),
    ("At 3:30 PM PST our engineering teams were paged.", False),
    ("At 3:30 PM PST we reviewed the server logs, and our engineering teams were not paged.", True),
])
def test_alerts_received_and_teams_paged_are_detection(tmp_path, run_cli, said, reported):
    path = write(tmp_path / "pm.md", f"# Proton outage\n\n{said} The cause was a provider issue.\n" + PLAN)
    assert bool(rule_findings(run_cli, path, "PM401")) is reported


@pytest.mark.parametrize("said, told", [
    ("On November 10th we suffered nearly 1 hour, and 30 minutes of backend downtime for all customers.", True),
    ("On November 10th we spent nearly 1 hour, and 30 minutes of backend work on it for all customers.", False),
    ("At 3:32 PM PST the site became unresponsive for all customers. A mitigation brought systems back online by "
     "4:58 PM PST.", True),
])
def test_a_length_of_downtime_or_a_return_by_a_clock_time(tmp_path, run_cli, said, told):
    path = write(tmp_path / "pm.md", f"# Proton outage\n\n{said}\n" + PLAN)
    assert (not any("how long" in message for message in _messages(run_cli, path, preset="strict"))) is told


@pytest.mark.parametrize("heading, reported", [("Diagnosing the issue", False), ("Discussing the issue", True)])
def test_a_diagnosis_section_holds_the_cause(tmp_path, run_cli, heading, reported):
    text = (f"# BLAST tools downtime\n\nAll BLAST-related tools were inaccessible for a week.\n\n### {heading}\n\n"
            "The issue was two-fold:\n\n1. The Passenger app ran as an arbitrary user without read access.\n"
            "2. The binary belongs to a different group.\n")
    found = [item for item in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011") if "root_causes" in item["message"]]
    assert bool(found) is reported


@pytest.mark.parametrize("said, who, long", [
    ("Over the course of the weekend of November 17-18, all BLAST-related tools on Lotus Base became inaccessible.",
     True, True),
    ("Over the course of the weekend, all BLAST-related tools on Lotus Base were upgraded.",
     False, False),
])
def test_tools_inaccessible_over_a_weekend(tmp_path, run_cli, said, who, long):
    messages = _messages(run_cli, write(tmp_path / "pm.md", f"# BLAST tools downtime\n\n{said}\n" + PLAN), preset="strict")
    assert (not any("who or what was affected" in message for message in messages)) is who
    assert (not any("how long" in message for message in messages)) is long


@pytest.mark.parametrize("said, reported", [
    ("Need to kill the zombies before the next launch.", False),
    ("We did not need to kill anything in the end.", True),
])
def test_a_need_without_a_subject_is_a_plan(tmp_path, run_cli, said, reported):
    text = f"# Rails downtime\n\nThe site was down for 20 minutes for all visitors.\n\n## Lessons learned\n\n{said}\n"
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")) is reported


@pytest.mark.parametrize("said, who", [("3:52PM - Verified that site was non-responsive.", True),
                                       ("3:52PM - Verified that site was responsive.", False)])
def test_a_non_responsive_site_is_everyone_hit(tmp_path, run_cli, said, who):
    text = f"# xPro outage\n\n## Timeline\n\n- 3:45PM - Configuration deployed.\n- {said}\n- 4:25PM - Site available again.\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), preset="strict")
    assert (not any("who or what was affected" in message for message in messages)) is who


@pytest.mark.parametrize("item, owner", [("Adherence to internal policies (-> system team)", "system team"),
                                         ("Adherence to internal policies (see system team)", None)])
def test_an_arrow_hands_the_item_to_its_owner(tmp_path, run_cli, item, owner):
    text = f"# Ingress outage\n\nThe ingress was down for 6 hours for every service.\n\n## Action Items\n\n- {item}\n"
    assert _values(run_cli, write(tmp_path / "pm.md", text), "owner:") == ([owner] if owner else [])


@pytest.mark.parametrize("said, severities", [
    ("We tore out the static cache and replaced it with a centralized one.", []),
    ("We tore out our hair and replaced nothing.", ["warning"]),
])
def test_the_cause_torn_out_and_replaced_is_a_fix_made(tmp_path, run_cli, said, severities):
    text = f"# Thanksgiving downtime\n\nThe site was down for 3 hours for all visitors.\n\n{said}\n"
    path = write(tmp_path / "pm.md", text)
    assert _severities(run_cli, path, "PM313") == severities


@pytest.mark.parametrize("said, told", [("I needed three days to restore everything.", True),
                                        ("I needed three days to write this post.", False)])
def test_the_days_needed_to_restore_are_the_length(tmp_path, run_cli, said, told):
    text = f"# Postmortem of the March 2 outage\n\nThe entire acoustid.org infrastructure went down. {said}\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), preset="strict")
    assert (not any("how long" in message for message in messages)) is told


# -- set BJ ------------------------------------------------------------------------------

def test_a_hugo_shortcode_is_no_template_placeholder(tmp_path, run_cli):
    text = "# MySQL upgrade loop\n\n{{<vs 2>}}\n\nThe site was down for 3 hours for all users.\n\n{{ Describe the impact }}\n" + PLAN
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM010")
    assert len(found) == 1 and "Describe the impact" in found[0]["message"]


def test_ruby_binary_dates_in_front_matter_are_plain_data(tmp_path, run_cli):
    front = "---\ntitle: Hard drive crash\ndate: !binary |-\n  MjAwNC0xMi0xNyAyMDoyMzo0OCArMDEwMA==\n"
    front += "comments:\n" + "".join(f"- id: {n}\n  date: !binary |-\n    MjAwNC0xMi0xNyAyMDo1Mzo1OCArMDEwMA==\n"
                                     f"  note: !ruby/object x{n}\n" for n in range(5)) + "---\n"
    path = write(tmp_path / "pm.md", front + "# Hard drive crash\n\nThe server's disk died and the site was down for 4 days.\n")
    found = rule_findings(run_cli, path, "PM004")
    # no finding for `!binary`; one, with its count, for the tag pmlint does not construct
    assert [item["message"] for item in found] == [
        "Front matter: YAML tag '!ruby/object' (5 nodes) is ignored: pmlint reads plain data only"]


@pytest.mark.parametrize("said, method", [
    ("I submitted a support ticket to the host and I'm waiting for an answer.", None),
    ("A user opened a support ticket at 09:10 saying the forum was down.", "customer"),
])
def test_the_teams_own_ticket_is_no_report(tmp_path, run_cli, said, method):
    text = f"# Hard drive crash\n\nThe server's disk died and the forum was down for 4 days.\n\n{said}\n" + PLAN
    assert _detection_method(run_cli, write(tmp_path / "pm.md", text)) == method


SLICER = """# [SOLVED] Slicer Wiki and Issue Tracker brief outage

There was a brief outage of the Slicer Wiki and Slicer Issue Tracker due to a disk-full condition on
the primary partition. The issue is completely resolved now.

{alerted}

{plan}
"""


def test_a_forum_notice_states_cause_detection_plan_and_what_was_out(tmp_path, run_cli):
    text = SLICER.format(alerted="Of course, the system alerted at 4am, but the messages weren't delivered until 11am.",
                         plan="I'm putting a disk monitor in place for immediate alerting.")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM313", "PM401") == []
    assert not [item for item in rule_findings(run_cli, path, "PM011") if "root_causes" in item["message"]]
    assert not any("who or what was affected" in message for message in _messages(run_cli, path, preset="strict"))


def test_a_notice_without_them_is_still_asked(tmp_path, run_cli):
    text = SLICER.format(alerted="We are sorry for any inconvenience.", plan="I'm tired of disks filling up.")
    path = write(tmp_path / "pm.md", text.replace("due to a disk-full condition on\nthe primary partition", "today"))
    assert {item["rule"] for item in rule_findings(run_cli, path, "PM313", "PM401")} == {"PM313", "PM401"}
    assert [item for item in rule_findings(run_cli, path, "PM011") if "root_causes" in item["message"]]


@pytest.mark.parametrize("said, severities", [
    ("I copied a `helm upgrade --install` command from radix-platform but forgot to change the release name.", []),
    ("A `helm upgrade --install` command was copied from radix-platform with its release name unchanged.", ["warning"]),
])
def test_the_authors_own_command_gone_wrong_was_seen_at_once(tmp_path, run_cli, said, severities):
    text = f"# Bad Helm deploy\n\n{said} The cluster was broken for 4 days for every user.\n" + PLAN
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")
    assert [item["severity"] for item in found] == severities


def test_mitigations_implemented_and_suggested_are_the_plan(tmp_path, run_cli):
    text = ("# Bad Helm deploy\n\nThe cluster was broken for 4 days for every user.\n\n## Mitigations\n\n"
            "  * Implemented: Alternative cluster ready.\n  * Suggested: Make it harder to run helm in the wrong context.\n")
    path = write(tmp_path / "pm.md", text)
    assert _converted(run_cli, path, "- title:", "status:") == [
        "- title: Alternative cluster ready.", "status: done",
        "- title: Make it harder to run helm in the wrong context.", "status: open"]
    assert rule_findings(run_cli, path, "PM313") == []


@pytest.mark.parametrize("label, named", [("Last Updated", []), ("Reviewed by Dana", ["Dana"])])
def test_last_updated_names_nobody(tmp_path, run_cli, label, named):
    text = ("# Mail relay abuse\n\n## Root cause\n\n- The pod network was trusted as a relay.\n"
            f"- **{label}:** June 28, 2025\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM702")
    assert [item["message"].split('"')[1] for item in found] == named


@pytest.mark.parametrize("said, method", [("When I went online the site was already offline.", "employee"),
                                          ("When I went online I read the news.", None)])
def test_coming_to_the_service_and_finding_it_down_is_detection(tmp_path, run_cli, said, method):
    text = f"# Hard drive crash\n\nThe server's disk died and the forum was down for 4 days. {said}\n" + PLAN
    assert _detection_method(run_cli, write(tmp_path / "pm.md", text)) == method


def test_work_done_under_a_sub_heading_of_a_done_group_stays_done(tmp_path, run_cli):
    text = ("# Mail relay abuse\n\nThe server relayed spam for 2 hours for every user.\n\n## Remediation Actions\n\n"
            "### Security Hardening Implemented\n\n#### 1. Strong Password Policy\n\n- Minimum length of 12 characters\n\n"
            "### Short Term\n\n#### 2. Rate limiting\n\n- Limit authentication attempts per IP\n")
    assert _converted(run_cli, write(tmp_path / "pm.md", text), "- title:", "status:") == ["- title: Minimum length of 12 characters", "status: done",
                        "- title: Limit authentication attempts per IP"]


@pytest.mark.parametrize("lead, titles", [
    ("One or more of the following mitigations will work:", []),
    # the vocabulary PM313 reads as a follow-up left as options (grammar.OPTIONS_OFFERED)
    ("Our options are:", []),
    ("We will do the following:", ["Configure log retention for Loki", "Use managed Loki"]),
])
def test_options_offered_are_no_commitments(tmp_path, run_cli, lead, titles):
    text = (f"# Loki PVC full\n\nLogs were lost for 2 hours for every team.\n\n## Mitigations\n\n{lead}\n\n"
            "- Configure log retention for Loki\n- Use managed Loki\n")
    assert _action_titles(run_cli, write(tmp_path / "pm.md", text)) == titles


# -- an attacker's review of this session's change ----------------------------------------

def test_a_need_after_a_run_of_newlines_is_read_in_linear_time():
    from linearity import assert_ten_times_linear
    from pmlint.load.evidence import COMMITMENT

    assert_ten_times_linear(lambda copies: COMMITMENT.search("the database was down.\n" + "\n" * copies + "x"), 2000,
                            "newlines")


def test_parties_are_looked_up_in_linear_time():
    from linearity import assert_ten_times_linear
    from pmlint.infer.on_call import by_party, notifying_parties

    def run(copies: int) -> None:
        events = [f"P{n} Team notifies the ops team" for n in range(copies)] + \
            [f"B{n} restarted the database" for n in range(copies)]
        parties = notifying_parties(events)
        assert len(parties) <= 32
        for event in events:
            by_party(event, parties)

    assert_ten_times_linear(run, 400, "parties")


@pytest.mark.parametrize("said, reported", [
    ("No alerts fired and all customer order data was lost.", True),
    ("No ledger, price or backup data was lost.", False),
])
def test_only_a_denied_list_denies_the_loss(tmp_path, run_cli, said, reported):
    path = write(tmp_path / "pm.md", LOSS.format(said=said))
    assert bool(rule_findings(run_cli, path, "PM315")) is reported


@pytest.mark.parametrize("heading, count", [("Issues filed", 1), ("Issues to address", 1), ("Problems we hit", 0)])
def test_only_problems_found_are_no_items(tmp_path, run_cli, heading, count):
    text = (f"# Outage\n\nThe API was down for 2 hours for all users.\n\n## Action items\n\n### {heading}\n\n"
            "- Add a replica to the database, owner @sam\n")
    assert len(_action_titles(run_cli, write(tmp_path / "pm.md", text))) == count


def test_a_role_team_that_alerts_another_is_still_the_response(tmp_path, run_cli):
    text = PARTNER.format(teller="SRE team", actor="SRE team").replace("notifies beacon team", "alerts the database team")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM203", preset="strict")


def test_a_stop_before_a_bracket_or_bold_still_ends_the_sentence(tmp_path, run_cli):
    text = ("# Disk crash\n\nThe disk died and all user data was lost.\n\n## Lessons\n\n"
            "We will update the runbook (see the wiki.) The backups were fine, we think.\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM315")


@pytest.mark.parametrize("item, owners", [("Scale the pool (-> 2x capacity)", []),
                                          ("Scale the pool (-> new cluster team )", ["new cluster team"])])
def test_an_arrow_to_a_figure_names_no_owner(tmp_path, run_cli, item, owners):
    text = f"# Pool exhaustion\n\nThe API was down for 2 hours for all users.\n\n## Action Items\n\n- {item}\n"
    assert _values(run_cli, write(tmp_path / "pm.md", text), "owner:") == owners


@pytest.mark.parametrize("said, method", [
    ("While doing this, I noticed n8n had an update, so I pulled the new image.", None),
    ("While doing this, I noticed n8n had crashed, so I pulled the new image.", "employee"),
])
def test_a_release_noticed_is_no_detection(tmp_path, run_cli, said, method):
    text = f"# Lost automation server\n\nThe n8n server was down for a day for all my workflows. {said}\n" + PLAN
    assert _detection_method(run_cli, write(tmp_path / "pm.md", text)) == method


@pytest.mark.parametrize("said, who", [("Production platform is unavailable for 4-5 hours.", True),
                                       ("Production platform is available again after 4-5 hours of work.", False)])
def test_a_platform_that_is_unavailable_is_everyone_hit(tmp_path, run_cli, said, who):
    messages = _messages(run_cli, write(tmp_path / "pm.md", f"# K8s objects missing\n\n## Impact\n\n{said}\n" + PLAN),
                         preset="strict")
    assert (not any("who or what was affected" in message for message in messages)) is who


@pytest.mark.parametrize("others, severities", [
    ("  * The normal helm restore procedure did not work as expected.\n  * No alternative cluster to migrate users to.\n",
     ["info"]),
    ("", ["error"]),
    # one other cause is as often the mechanism the mistake set off
    ("  * Uploads returned HTTP 507 once the cluster filled.\n", ["error"]),
])
def test_a_mistake_listed_beside_the_conditions_is_info(tmp_path, run_cli, others, severities):
    text = ("# Bad Helm deploy\n\nThe cluster was broken for 4 days for every user.\n\n## Root causes\n\n"
            f"  * Operator mistake messed up an important helm deployment on the wrong cluster.\n{others}")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM103")
    assert [item["severity"] for item in found] == severities

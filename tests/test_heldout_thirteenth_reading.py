"""Forms the thirteenth session's blind documents wrote, each read as its author meant it
(synthetic documents, each with a twin that keeps the finding):
- fixes told as made, under "Lessons learned" or in passing, are corrective actions
  already taken, so a missing plan is asked for under `strict` only: "to backfill we now
  use a utility that ...", "the startup job now retries", "I added the ability to pick
  individual hosts", "the documentation around this was improved", "I pushed commit
  7174953 to force CI to use opam 2.3";
- "and am about to write a patch to log when this happens" is a commitment.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear

STORY = """# The cluster deleted itself

On Friday an old master node rebooted and the cluster dropped every index: 130 TB,
replicated, gone within a minute. We restored from a snapshot over the weekend.

## Lessons learned

{lesson}
"""

DONE = {
    "a habit adopted since": "Logstash was slow, so instead to backfill we now use a utility that splits the objects into jobs.",
    "a job that now retries": "The power flickered and the startup job failed once; the startup job now retries until the disk is mounted.",
    "a tool given a new ability": "I added the ability to pick individual hosts to the decommission tool.",
    "the process written down": "The documentation around this was improved, and rewritten to show the new process.",
    "a commit pushed to force the fix": "I pushed commit [7174953](https://github.com/o/r/commit/7174953) to force the CI to use opam 2.3.",
}
STATE = {
    "a habit adopted since": "Logstash was slow, and we now know why: it indexed one object at a time.",
    "a job that now retries": "The power flickered and the site now returns errors until someone restarts it by hand.",
    "a tool given a new ability": "I added a wireless card to the old master the day before, which rebooted it.",
    "the process written down": "The documentation around this was outdated, and nobody had read it in a year.",
    "a commit pushed to force the fix": "We pushed a change on Thursday that removed the old master from the inventory.",
}


@pytest.mark.parametrize("form", sorted(DONE))
def test_a_fix_told_as_made_leaves_the_plan_to_strict(tmp_path, run_cli, form):
    path = write(tmp_path / "pm.md", STORY.format(lesson=DONE[form]))
    assert rule_findings(run_cli, path, "PM313") == []
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM313", preset="strict")] == ["info"]


@pytest.mark.parametrize("form", sorted(STATE))
def test_a_state_or_the_cause_told_in_the_same_words_is_no_fix(tmp_path, run_cli, form):
    path = write(tmp_path / "pm.md", STORY.format(lesson=STATE[form]))
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM313")] == ["warning"]


def test_a_patch_about_to_be_written_is_a_commitment(tmp_path, run_cli):
    said = "Oh and I fixed the other columns with wacky time stamps and am about to write a patch to log when this happens."
    path = write(tmp_path / "pm.md", STORY.format(lesson=said))
    assert rule_findings(run_cli, path, "PM313", preset="strict") == []
    was = write(tmp_path / "was.md", STORY.format(lesson="I was about to write a patch when the cluster went red."))
    assert [item["severity"] for item in rule_findings(run_cli, was, "PM313")] == ["warning"]


@pytest.mark.parametrize("unit", ["we now instead ", "the job now ", "I added the ", "docs " * 3 + "were ", "I pushed commit x "])
def test_the_fix_readings_stay_linear(unit):
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.load import load_text
    from pmlint.settings import DEFAULT_SETTINGS

    rules = [rule for rule in load_rules() if rule.id == "PM313"]
    options = RunOptions(settings=dict(DEFAULT_SETTINGS), severity={})
    assert_ten_times_linear(
        lambda copies: lint_document(load_text("p.md", "# T\n\n## Lessons learned\n\n" + unit * copies + "\n",
                                               options.settings), rules, options), 2000, unit)


DISCLOSURE = """# Wallet errors

## Summary

The wallet API returned errors to every user for two hours.

## Timeline

- 2024-02-19 10:00 UTC: {entry}
- 2024-02-19 11:10 UTC: The bad config is rolled back.
- 2024-02-19 12:00 UTC: Error rates are back to normal.
"""


def test_a_person_noticing_in_a_timeline_entry_says_how_it_was_found(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DISCLOSURE.format(entry="A member of the Wallet Research Lab discovers the errors."))
    assert rule_findings(run_cli, path, "PM401") == []


def test_a_member_of_a_group_at_other_work_noticed_nothing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DISCLOSURE.format(entry="A member of the Wallet Research Lab joins the call."))
    assert [item["message"].split(":")[0] for item in rule_findings(run_cli, path, "PM401")] == \
        ["Detection method not recorded"]


SIDE_PROJECT = """# I just deleted 2500 records from production

I woke up eager to add social shares to my side project. {first} The importer
deleted any event whose calendar id was nil, and I restored the records from a dump.

## How to prevent this

Here are some ways this could have been avoided:

1. A better understanding of the API contract with Google
2. {second}
3. Better unit tests that handle a nil calendar id
"""


def test_the_writer_at_work_meeting_the_failure_noticed_it(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SIDE_PROJECT.format(
        first="As I plugged a few URLs into the Twitter Card Validator a few started to 404.",
        second="More aggressive alerting when destructive actions occur"))
    assert rule_findings(run_cli, path, "PM401") == []
    twin = write(tmp_path / "twin.md", SIDE_PROJECT.format(
        first="As I plugged a few URLs into the Twitter Card Validator, all of them worked.",
        second="More aggressive alerting when destructive actions occur"))
    assert len(rule_findings(run_cli, twin, "PM401")) == 1


def test_a_detection_improvement_named_as_a_list_item_is_one(tmp_path, run_cli):
    first = "As I plugged a few URLs into the Twitter Card Validator a few started to 404."
    path = write(tmp_path / "pm.md", SIDE_PROJECT.format(first=first,
                                                         second="More aggressive alerting when destructive actions occur"))
    assert rule_findings(run_cli, path, "PM402") == []
    servers = write(tmp_path / "servers.md", SIDE_PROJECT.format(first=first, second="More monitor nodes for the quorum"))
    assert [item["message"].split(",")[0] for item in rule_findings(run_cli, servers, "PM402")] == ["Detected by employee"]


@pytest.mark.parametrize("unit", ["2017-02-19: A member of the ", "As I a ", "\n- More a b "])
def test_the_detection_readings_stay_linear(unit):
    from pmlint.load import load_text
    from pmlint.settings import DEFAULT_SETTINGS

    settings = dict(DEFAULT_SETTINGS)

    def run(copies: int) -> object:
        document = load_text("p.md", "# T\n\n## Timeline\n\n" + unit * copies + "\n", settings)
        return document.meta.evidence.get("detection"), document.meta.evidence.get("detection_improved")

    assert_ten_times_linear(run, 1000, unit)


WAR = """{head}
It was a scary Friday night and our data system started to behave strangely. {took}
The master crashed under the load of a new replica. {again}

## Root cause

We used a delayed node as the only backup.

## Action items

- Adopt MMS backups for every replica set (owner: Arunoda, due 2016-03-01)
"""
HEAD = """title: Friday Night's MongoDB War
category: other
summery: We had a partial outage. Here's what we did to prevent it from happening again.
---
"""


def test_front_matter_that_lost_its_opening_fence_is_front_matter(tmp_path, run_cli):
    """Read as Markdown, the three fields over `---` are a setext heading, one that names
    the plan ("to prevent it from happening again"), so the story under it was the plan."""
    import json

    path = write(tmp_path / "pm.md", WAR.format(head=HEAD, took="After 8 hours of hard work, we brought the system back.",
                                                again=""))
    code, out, _ = run_cli("convert", str(path))
    assert code == 0 and "title: Friday Night's MongoDB War" in out
    _, report, _ = run_cli("check", "--format", "json", "--exit-zero", str(path))
    assert not any("how long" in item["message"] for item in json.loads(report)["findings"] if item["rule"] == "PM601")


def test_one_line_over_a_rule_is_no_front_matter(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", WAR.format(head="title: Friday Night's MongoDB War\n---\n", took="", again=""))
    code, out, _ = run_cli("convert", str(path))
    assert code == 0 and out.splitlines()[1] == "title: \"title: Friday Night's MongoDB War\""  # the setext heading


@pytest.mark.parametrize("took, lasted", [("After 8 hours of hard work, we brought the system back to normal.", True),
                                          ("After 5 minutes of blind panic, I took the site into maintenance mode.", False)])
def test_a_service_brought_back_after_so_long_says_how_long(tmp_path, run_cli, took, lasted):
    path = write(tmp_path / "pm.md", WAR.format(head="# Friday night\n", took=took, again=""))
    messages = [item["message"] for item in rule_findings(run_cli, path, "PM601", preset="strict")]
    assert any("how long" in message for message in messages) is not lasted


@pytest.mark.parametrize("again, repeat", [("Then our cluster chose another master and the same thing happened again.", False),
                                           ("In March of last year the same thing happened again.", True)])
def test_the_same_failure_on_another_part_is_this_incident(tmp_path, run_cli, again, repeat):
    path = write(tmp_path / "pm.md", WAR.format(head="# Friday night\n", took="", again=again))
    assert bool(rule_findings(run_cli, path, "PM802")) is repeat


@pytest.mark.parametrize("unit", ["title: x\n", "a: b\n", "After 8 hours of ", "another master and ",
                                  "gone red for a period of ", "with zero site down ", "had a bug "])
def test_the_war_readings_stay_linear(unit):
    from pmlint.infer.repeat import infer_repeat
    from pmlint.load import load_text
    from pmlint.settings import DEFAULT_SETTINGS

    settings = dict(DEFAULT_SETTINGS)

    def run(copies: int) -> object:
        document = load_text("p.md", unit * copies + "\n---\nthe same thing happened again\n", settings)
        return ([document.meta.evidence.get(kind) for kind in ("impact_duration", "no_impact", "root_causes")],
                infer_repeat(document, settings))

    assert_ten_times_linear(run, 500, unit)


RETRO = """# Retrospective: two API outages

Our API serves the other teams' features.

#### {first}

Requests grew tenfold within minutes and the API fell over. {cause}

#### {second}

The other team disabled their feature and our service returned to stability.

## Areas of improvement

- Add a per-caller rate limit to the API (owner: Mia, due 2020-06-01)
"""


@pytest.mark.parametrize("first, second, told", [("Wednesday — requests surge", "Monday — 600% more requests", True),
                                                 ("Day 1: requests surge", "Day 2: the fix", True),
                                                 ("What happened", "Monday — 600% more requests", False)])
def test_headings_day_by_day_are_a_timeline(tmp_path, run_cli, first, second, told):
    path = write(tmp_path / "pm.md", RETRO.format(first=first, second=second, cause=""))
    assert any("`timeline`" in item["message"] for item in rule_findings(run_cli, path, "PM011")) is not told


@pytest.mark.parametrize("cause, stated", [("The feature they had deployed had a bug that would call our API in all situations.", True),
                                           ("Last month we had a bug bash on the API.", False)])
def test_a_change_told_with_its_bug_is_a_cause(tmp_path, run_cli, cause, stated):
    path = write(tmp_path / "pm.md", RETRO.format(first="What happened", second="Recovery", cause=cause))
    assert any("`root_causes`" in item["message"] for item in rule_findings(run_cli, path, "PM011", preset="strict")) is not stated


@pytest.mark.parametrize("unit", ["#### Monday\n", "#### Day 1 —\nx\n", "had a bug bug "])
def test_the_retro_readings_stay_linear(tmp_path, run_cli, unit):
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.load import load_text
    from pmlint.settings import DEFAULT_SETTINGS

    rules = [rule for rule in load_rules() if rule.id == "PM011"]
    options = RunOptions(settings=dict(DEFAULT_SETTINGS), severity={})
    assert_ten_times_linear(lambda copies: lint_document(load_text("p.md", "# T\n\n" + unit * copies, options.settings),
                                                         rules, options), 300, unit)


CLUSTER = """# The cluster deleted itself

{said} The whole cluster lost its indices, and we restored them from a snapshot.

## Root cause

An old master with stale state rebooted and rejoined.

## Action items

- Wipe the data of decommissioned masters (owner: Casey, due 2020-03-01)
"""


@pytest.mark.parametrize("said, lasted", [("My coworker got paged that the cluster had gone red for over a period of 30 minutes.", True),
                                          ("My coworker met the vendor for a period of 30 minutes.", False)])
def test_a_health_status_red_for_a_period_is_a_duration(tmp_path, run_cli, said, lasted):
    path = write(tmp_path / "pm.md", CLUSTER.format(said=said))
    messages = [item["message"] for item in rule_findings(run_cli, path, "PM601", preset="strict")]
    assert any("how long" in message for message in messages) is not lasted


def test_zero_site_down_time_says_nobody_was_hit(tmp_path, run_cli):
    calm = "The partition was fixed with zero site down time, and the application stayed up."
    path = write(tmp_path / "pm.md", CLUSTER.format(said=calm).replace(" The whole cluster lost its indices, and we restored them from a snapshot.", ""))
    assert rule_findings(run_cli, path, "PM601", preset="strict") == []
    hit = write(tmp_path / "hit.md", CLUSTER.format(said="The partition was fixed after the site was down for a while."))
    assert len(rule_findings(run_cli, hit, "PM601", preset="strict")) == 1


@pytest.mark.parametrize("space", ["\u00a0", " "])
def test_a_long_run_of_spaces_after_the_work_stays_linear(space):
    """An attacker's review found "After 8 hours of work" + a run of spaces the loader keeps
    (no-break spaces in Markdown, any in a quoted YAML value) quadratic: two adjacent
    unbounded whitespace runs around an optional comma (20 KB took 4 s)."""
    from pmlint.load import load_text
    from pmlint.settings import DEFAULT_SETTINGS

    settings = dict(DEFAULT_SETTINGS)

    def run(copies: int) -> object:
        text = 'title: T\nsummary: "After 8 hours of work' + space * copies + 'x"\n'
        return load_text("p.yaml", text, settings).meta.evidence.get("impact_duration")

    assert_ten_times_linear(run, 2000, repr(space))


WIKI = """---
title: Post Mortem Incident Report - Advisor Query Timeouts (03-09-2020)
---
## Overview

On Monday the 9th we began {receiving} that the API was displaying 504 errors.

## Timeline

<table>
<thead>
<tr class="header">
<th><strong>Time (EST)</strong></th>
<th><strong>Notes</strong></th>
</tr>
</thead>
<tbody>
<tr class="odd">
<td>7:06am</td>
<td>Amar asks via chat about the 504 errors he&rsquo;s seeing</td>
</tr>
<tr class="even">
<td>10:05am</td>
<td>Patch successfully alleviates the 504 errors</td>
</tr>
<tr class="odd">
<td></td>
<td></td>
</tr>
</tbody>
</table>

## Root Causes

The queries could not filter a million stale systems.

## Action Items

<table>
<tr><th>Action Item</th><th>Status</th></tr>
<tr><td><p>{item}:</p>
<p><a href="https://issues.example.org/browse/OPS-5026">OPS-5026</a></p></td>
<td>Pulled into Sprint 11</td></tr>
</table>
"""


def test_html_tables_are_read_as_their_markdown_twins(tmp_path, run_cli):
    """pandoc's Markdown of a wiki page keeps tables whose cells hold paragraphs as HTML."""
    path = write(tmp_path / "pm.md", WIKI.format(receiving="receiving reports", item="Add black-box testing as needed"))
    code, out, _ = run_cli("convert", str(path))
    assert code == 0
    assert "event: Amar asks via chat about the 504 errors he’s seeing" in out
    assert "title: 'Add black-box testing as needed: OPS-5026'" in out
    assert rule_findings(run_cli, path, "PM011", "PM313") == []


@pytest.mark.parametrize("receiving, item, found", [
    ("receiving reports", "Add black-box testing as needed", []),
    ("receiving reports", "Update the queries to skip stale systems", ["PM402"]),
    ("receiving shipments of disks", "Add black-box testing as needed", ["PM401"])])
def test_reports_received_are_detection_and_black_box_tests_improve_it(tmp_path, run_cli, receiving, item, found):
    path = write(tmp_path / "pm.md", WIKI.format(receiving=receiving, item=item))
    assert [finding["rule"] for finding in rule_findings(run_cli, path, "PM401", "PM402")] == found


LESSONS = """# November 20th downtime

The service broke for 6 days while I was away. I noticed the old session files weeks
before; a cron job fighting over them stuck every process in uninterruptible I/O.

## Epilogue

- Never leave a non-essential cron job in place when nobody is around.
- {step}
"""


@pytest.mark.parametrize("step, improved", [("Put in place a monitoring system so that I receive SMS alerts.", True),
                                            ("Put in place a cron job that cleans the session files.", False)])
def test_a_detection_step_in_a_list_improves_detection(tmp_path, run_cli, step, improved):
    path = write(tmp_path / "pm.md", LESSONS.format(step=step))
    assert (rule_findings(run_cli, path, "PM402") == []) is improved


@pytest.mark.parametrize("unit", ["<tr><td>a</td><td>b</td></tr>\n", "<td>", "<table><tr><td>x", "\n- Put in place a b c "])
def test_the_table_and_step_readings_stay_linear(unit):
    from pmlint.load import load_text
    from pmlint.settings import DEFAULT_SETTINGS

    settings = dict(DEFAULT_SETTINGS)

    def run(copies: int) -> object:
        text = "# T\n\n## Timeline\n\n<table>\n" + unit * copies + "\n</table>\n"
        return load_text("p.md", text, settings).meta.evidence.get("detection_improved")

    assert_ten_times_linear(run, 300, unit)


PLAN = """# Advisor query timeouts

## Summary

On Monday we began receiving reports that the API was down for 3 hours.

## Impact

Insights was unusable as the /rules and /stats endpoints returned {returned}.

## Root Causes

The queries could not filter a million stale systems.

## Action Items

| Action Item | Status |
|---|---|
| Add black-box testing as needed: {link} | Pulled into Sprint 11 |
| Update queries to handle large amounts of stale systems{second} | Pulled into Sprint 11 |
"""


@pytest.mark.parametrize("link, second, owned", [
    ("https://issues.example.com/browse/OPS-5026", ": https://issues.example.com/browse/OPS-5027", True),
    ("https://issues.example.com/browse/OPS-5026", "", False),  # one link of two leaves the other unowned
    ("https://docs.example.com/runbooks/black-box", ": https://docs.example.com/runbooks/queries", False)])
def test_items_that_link_their_tickets_are_tracked(tmp_path, run_cli, link, second, owned):
    path = write(tmp_path / "pm.md", PLAN.format(returned="504 errors", link=link, second=second))
    assert (rule_findings(run_cli, path, "PM314") == []) is owned


@pytest.mark.parametrize("returned, counted", [("504 errors", False), ("1,200 errors", True)])
def test_an_http_status_before_errors_is_no_count(tmp_path, run_cli, returned, counted):
    path = write(tmp_path / "pm.md", PLAN.format(returned=returned, link="", second=""))
    messages = [item["message"] for item in rule_findings(run_cli, path, "PM601", preset="strict")]
    assert any("who or what" in message for message in messages) is not counted


ALLEVIATED = """# Advisor query timeouts

## Timeline

| Time (EST) | Notes |
|---|---|
| 2020-03-09 7:06am | Amar asks about the 504 errors he is seeing |
| 2020-03-09 8:55am | Dan reboots the DB but the errors persist |
| 2020-03-09 10:05am | {last} |

## Root Causes

The queries could not filter a million stale systems.
"""


@pytest.mark.parametrize("last, lasted", [("Patch successfully alleviates the 504 errors", True),
                                          ("Patch is built and waiting for review", False)])
def test_a_patch_that_alleviates_the_errors_ends_the_impact(tmp_path, run_cli, last, lasted):
    path = write(tmp_path / "pm.md", ALLEVIATED.format(last=last))
    messages = [item["message"] for item in rule_findings(run_cli, path, "PM601", preset="strict")]
    assert any("onset to recovery" in message for message in messages) is lasted

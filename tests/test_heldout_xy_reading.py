"""Forms held-out X and Y wrote, each read as its author meant it (synthetic documents,
each with a twin that keeps the finding):
- "how we're working to keep it from happening again" looks forward: no repeat;
- a heading's subtitle after a dash or colon ("Fix design — backtest-consistent
  execution") keeps the section its first words name; "Moral of the story" is lessons;
- "Why detection failed" says what went wrong in the response: lessons, in part;
- "after being contacted by an ESLint maintainer" is the team telling someone, "a
  third-party breach" names no teller, "A user posted #39, notifying the ESLint team" is a
  user's report;
- "`main` became red" is CI's own alarm;
- "all data lost on every pod restart" says how often, not how many; "Failure happens
  within ~11-15 seconds" says how soon a job fails, not how long anything was hit; "k8s"
  holds no duration; a label "Impacted checks:" over its list says what was hit; a
  "## Symptoms" section is the impact's;
- times of day alone under a prose date and a zoned clock time are readable.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.load import load_text

REPEAT = """# API outages on July 15 and 16

The API was down 53 minutes on July 15 and 3 hours on July 16 for all users. Here's what
happened, and how we're working to {clause}.

## Root cause

The database ran out of connections when we added application servers.

## Action items

- Move the API to a database with a connection pooler (owner: andre, due 2014-08-01)
"""


def test_keeping_it_from_happening_again_is_no_repeat(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", REPEAT.format(clause="keep it from happening again in the future"))
    assert rule_findings(run_cli, path, "PM802") == []


def test_saying_it_happened_again_is_a_repeat(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", REPEAT.format(clause="fix it, since this is happening again after May"))
    found = rule_findings(run_cli, path, "PM802")
    assert len(found) == 1 and "happening again" in found[0]["message"]


SUBTITLE = """# Live/backtest divergence on 2026-04-21

## TL;DR

The strategy could not cancel stale orders when the spread gate failed, so orders sat at
stale prices for up to 78 seconds during the open and lost 1,722 NTD.

## Root cause

The spread gate short-circuits the cancel path.

## {heading}

1. Decouple cancel-stale from the quote gates.
2. Raise the quote cooldown above the broker round-trip.
"""


def test_a_heading_subtitle_after_a_dash_keeps_its_section(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SUBTITLE.format(heading="Fix design — backtest-consistent execution"))
    assert rule_findings(run_cli, path, "PM313") == []
    owners = rule_findings(run_cli, path, "PM314")
    assert len(owners) == 1 and "2 open action items" in owners[0]["message"]


def test_a_heading_of_other_words_is_no_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SUBTITLE.format(heading="Design notes backtest-consistent execution"))
    assert len(rule_findings(run_cli, path, "PM313")) == 1


LESSONS = """---
severity: SEV1
---
# Production stuck on an old build for five days

## Summary

Production stayed on build eb15ae0 for five days: 41 merged fixes never reached users.

## Root cause

The promote job was skipped whenever a newer run superseded it.

## {heading}

The freeze alarm watched the deploy job, which stayed green while promote was skipped.

## Action items

- Alert when production is more than one day behind main (owner: tim, due 2026-05-01)
"""


def test_why_detection_failed_is_a_lesson_in_part(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LESSONS.format(heading="Why detection failed"))
    assert rule_findings(run_cli, path, "PM801") == []
    strict = rule_findings(run_cli, path, "PM801", preset="strict")
    assert len(strict) == 1 and strict[0]["severity"] == "info"


def test_a_detection_section_alone_records_no_lesson(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LESSONS.format(heading="Detection"))
    found = rule_findings(run_cli, path, "PM801")
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_the_moral_of_the_story_is_a_lesson(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LESSONS.format(heading="Moral of the story").replace(
        "The freeze alarm", "Watch the promote job, not the deploy job: the freeze alarm"))
    assert rule_findings(run_cli, path, "PM801") == []


TOLD = """# Malicious package published

## Summary

On 2018-07-12 an attacker used a maintainer's leaked npm token to publish eslint-scope
3.7.2 with a script that sent users' npm tokens to a paste site, for 2 hours.

## Timeline

* **Before the incident**: The attacker found the maintainer's reused password in a third-party breach.
* **2018-07-12 10:40 UTC**: The attacker published `eslint-scope@3.7.2`.
* **2018-07-12 11:17 UTC**: {report}
* **2018-07-12 12:37 UTC**: The npm team unpublished `eslint-scope@3.7.2` after being contacted by an ESLint maintainer.

## Action items

- Enable two-factor authentication for every maintainer (owner: nzakas, due 2018-08-01)
"""


def test_a_user_notifying_the_team_is_the_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TOLD.format(report="A user posted eslint/eslint-scope#39, notifying the ESLint team of the issue."))
    found = rule_findings(run_cli, path, "PM402")
    assert len(found) == 1 and found[0]["line"] == 12, found
    assert "A user posted" in found[0]["message"]


def test_a_maintainer_contacting_a_registry_is_no_customer_report(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TOLD.format(report="The malicious script was taken down from the paste site."))
    assert rule_findings(run_cli, path, "PM402") == []
    found = rule_findings(run_cli, path, "PM401")
    assert len(found) == 1, found


RED = """# Main branch red on 2026-03-02

## Summary

{first} due to runner-environment failures in the self-hosted pools: a missing C linker
on four runners and a full disk on one, for 3 hours.

## Root cause

The runner image does not install a compiler, and nothing cleans the work folders.

## Action items

- Bake build-essential into the runner image (owner: ops, due 2026-03-09)
- Alert when a runner's free disk falls under 10 GiB (owner: ops, due 2026-03-09)
"""


def test_ci_turning_red_is_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RED.format(first="`main` became red"))
    assert rule_findings(run_cli, path, "PM401") == []


def test_a_failure_without_its_alarm_is_no_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RED.format(first="Builds failed"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


IMPACT = """# Vault lost its secrets

## Summary

{summary}

## Root cause

Vault ran in dev mode with in-memory storage.

## Action items

- Run Vault with Raft storage (owner: derb, due 2026-06-10)
"""


def _impact(tmp_path, run_cli, summary: str) -> list[dict]:
    return rule_findings(run_cli, write(tmp_path / "pm.md", IMPACT.format(summary=summary)), "PM601")


def test_every_pod_restart_is_how_often_not_how_many(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "During the reboot on 2026-06-03 all data was lost on every pod restart.")
    assert len(found) == 1 and "every pod" not in found[0]["message"]
    twin = _impact(tmp_path, run_cli, "During the reboot on 2026-06-03 every pod failed to start.")
    assert len(twin) == 1 and "every pod" in twin[0]["message"]


def test_how_soon_a_job_fails_is_no_impact_length(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "Every build failed. Failure happens within ~11-15 seconds during bootstrap.")
    assert len(found) == 1 and "11-15 seconds" not in found[0]["message"]
    assert "how long" in found[0]["message"]
    twin = _impact(tmp_path, run_cli, "Every build failed. Builds were restored within 15 minutes.")
    assert twin == []


def test_a_version_or_a_name_holds_no_duration(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "The pod restarted and wiped the k8s auth method and the OverTenMins alarm.")
    assert len(found) == 1 and "no count, share or duration found" in found[0]["message"]


def test_a_label_over_the_list_of_what_was_hit_is_who(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "Main was red.\n\n- Impacted checks:\n  - `Build + Provenance`\n  - `E2E Tests`\n")
    assert len(found) == 1 and "2 items listed as affected" in found[0]["message"] and found[0]["severity"] == "info"
    twin = _impact(tmp_path, run_cli, "Main was red.\n\n- Checks:\n  - `Build + Provenance`\n  - `E2E Tests`\n")
    assert len(twin) == 1 and "Impacted" not in twin[0]["message"] and twin[0]["severity"] == "warning"


def test_a_bold_label_over_the_users_hit_names_them(tmp_path, run_cli):
    text = ("# Upgrade to v0.6.0 fails\n\n## Impact\n\n**Affected Users**:\n- All users upgrading to v0.6.0\n"
            "- Users who already tried the upgrade\n\n## Root cause\n\nA migration assumed a users table.\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    assert len(found) == 1 and "2 items the impact section lists" in found[0]["message"], found
    twin = rule_findings(run_cli, write(tmp_path / "pm.md", text.replace("Affected Users", "Notes")), "PM601")
    assert len(twin) == 1 and "items" not in twin[0]["message"], twin


def test_victims_are_counted(tmp_path, run_cli):
    assert _impact(tmp_path, run_cli, "The exploit hit 360 victims, who lost funds over 3 hours.") == []


def test_a_count_in_a_code_span_in_an_exploit_is_who(tmp_path, run_cli):
    found = _impact(tmp_path, run_cli, "The ledger records `360` observed transfers into the exploit contract.")
    assert len(found) == 1 and '"360 observed transfers"' in found[0]["message"], found
    twin = _impact(tmp_path, run_cli, "The ledger records `360` observed entries in the migration.")
    assert len(twin) == 1 and twin[0]["severity"] == "warning" and "not as who was affected" in twin[0]["message"], twin


def test_a_symptoms_section_is_the_impact(tmp_path, run_cli):
    text = IMPACT.format(summary="Vault lost its auth role.") + "\n## Symptoms\n\n- `fastapi-vault` pod: `Init:0/1` for 17h\n"
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    assert len(found) == 1 and "17 h" in found[0]["message"], found
    twin = text.replace("## Symptoms", "## Notes")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", twin), "PM601")
    assert len(found) == 1 and "17 h" not in found[0]["message"], found


CLOCKS = """On February 21st, 2024, a database migration dropped every production table{zone}.

Timeline:
04:56: Database migration started
04:57: Noticed tables being dropped from the production database
05:01: Began restoring the database from a backup

What happened:
A migration run locally pointed at production.
"""


def test_times_of_day_under_a_prose_date_and_zone_are_readable(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CLOCKS.format(zone=": the API was down from 05:01 to 17:05 UTC"))
    assert rule_findings(run_cli, path, "PM501") == []


def test_times_of_day_with_no_zone_anywhere_are_still_asked_for(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CLOCKS.format(zone=""))
    found = rule_findings(run_cli, path, "PM501")
    assert len(found) == 1 and "could not be read" in found[0]["message"]


@pytest.mark.parametrize("heading, field", [
    ("Going forward", "action_items"), ("Moving Forward: our plan", "action_items"),
    ("Implementation order (recommendation)", "action_items"), ("What we learned", "lessons"),
    ("Key takeaways", "lessons"), ("Underlying causes", "root_causes"), ("Root cause — the spread gate", "root_causes"),
    ("How did we find out?", "detection"), ("Workaround", "resolution"), ("Mitigation steps", "resolution"),
    ("Going places", None),
])
def test_more_headings_open_their_sections(tmp_path, run_cli, heading, field):
    """Each heading opens its section; one of no section (the last) opens none."""
    text = (f"# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## {heading}\n\n"
            "- Cap the connection pool at 200 on every node\n")
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    if field is None:
        assert not any(f"\n{key}:" in out for key in ("action_items", "lessons", "root_causes", "detection",
                                                       "resolution")), out
    else:
        assert f"\n{field}:" in out, out


DEPLOYED = """# DynamoDB write cost spike

## Summary

Dynamic pages wrote 4 million items a day to DynamoDB for 9 days, costing 310 USD.

## Timeline

| When | What |
|---|---|
| Dec 29, 18:00 UTC | Cost alert seen in the bill |
| Dec 30, morning | {entry} |

## Root cause

Reading searchParams made every page dynamic.

### Prevention Measures

1. **CloudWatch Alarm:** `DynamoDB-HighWriteCost-Alert` above 100,000 writes an hour
2. **AWS Budget:** `DynamoDB-Monthly-50USD`
"""


def test_a_plan_the_timeline_says_was_deployed_is_done(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DEPLOYED.format(entry="Prevention measures deployed"))
    assert rule_findings(run_cli, path, "PM314") == []


def test_a_plan_the_timeline_does_not_close_stays_open(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DEPLOYED.format(entry="Hotfix deployed"))
    found = rule_findings(run_cli, path, "PM314")
    assert len(found) == 1 and "2 open action items" in found[0]["message"]


# -- cost -------------------------------------------------------------------------------------



@pytest.mark.parametrize("kind, unit", [
    ("impact_who", "impacted checks "), ("impact_who", "every pod restart "), ("impact_who", "affected foo bar "),
    ("impact_duration", "failure happens within 11 seconds "), ("impact_duration", "fails within "),
    ("lessons", "why detection was "), ("lessons", "why the "), ("detection", "main became "),
    ("detection", "the ci checks is "), ("detection", "contacted by an "), ("detection", "a third-party "),
])
def test_the_new_evidence_readings_scale_linearly(kind, unit):
    """Ten times the text costs about ten times the time, whatever the text repeats: the
    search alone, on a document loaded untimed (evidence is searched lazily, per kind)."""
    assert_ten_times_linear(lambda document: document.meta.evidence.get(kind), 1000, unit,
                            setup=lambda copies: load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies))


@pytest.mark.parametrize("unit", ["since then there is ", "I then spent writing the ", "- added the ",
                                  "wrapped line\n", "## heading\n"])
def test_reading_paragraphs_for_a_shipped_fix_is_linear(unit):
    """PM313 joins each paragraph before its patterns search it: one paragraph of any
    length, or many short ones, cost in proportion to the text."""
    from pmlint.engine.checks._shared import option_patterns
    from pmlint.engine.checks.action_items import _paragraphs
    from pmlint.engine.rules import load_rules

    rule = next(rule for rule in load_rules() if rule.id == "PM313")
    pattern = option_patterns(next(spec.options for spec in rule.checks if spec.function == "no_action_justified"),
                              "shipped_fix_patterns")
    assert pattern is not None
    assert_ten_times_linear(lambda lines: [pattern.search(text) for text in _paragraphs(lines)], 1000, unit,
                            setup=lambda copies: (unit * copies).splitlines())


@pytest.mark.parametrize("unit", ["04:56 ", "04:56 U ", "1:2 "])
def test_looking_for_a_zoned_clock_is_linear(unit):
    from pmlint.engine.checks.timeline import _ZONED_CLOCK

    assert_ten_times_linear(lambda text: _ZONED_CLOCK.search(text), 2000, unit, setup=lambda copies: unit * copies)


@pytest.mark.parametrize("row", ["| x | prevention measures were deployed |\n", "| x | deployed done applied |\n",
                                 "| x | " + "a" * 3000 + " deployed |\n"])
def test_reading_work_told_done_in_the_timeline_is_linear(row):
    """Each timeline entry's words are read once, however many plan headings there are."""
    from pmlint.load.markdown.actions import _told_done_in_timeline
    from pmlint.load.markdown.blocks import parse_blocks
    from pmlint.load.markdown.sections import AliasTable, assign_sections

    def setup(copies: int):
        text = "## Timeline\n\n| When | What |\n|---|---|\n" + row * copies + "\n## Prevention measures\n\n- x\n"
        lines = text.splitlines()
        return assign_sections(parse_blocks(lines), AliasTable(), None, lines)

    assert_ten_times_linear(_told_done_in_timeline, 300, row[:30], setup=setup)

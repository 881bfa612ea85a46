"""Forms held-out Z and AA wrote, each read as its author meant it (synthetic documents,
each with a twin that keeps the finding):
- a section body kept in a ```` ```md ```` fence under its heading is prose; a fenced
  example of a postmortem, headings and all, stays code;
- "Security scanning tools flagged exposed secrets" is detection, and so is a blog title's
  "I found out by getting the same email three times" (front matter is searched too);
- "continually-running integration tests ... so we're alerted about downtime" improves
  detection;
- "The big problem was the unbounded growth of the git repo" states the cause wherever it
  is written;
- "about 10% of disk space back", "99% disk full", "above 80% threshold" are no share of
  who was hit;
- "Blob storage was unavailable from 5:05pm UTC until 9:05pm UTC" bounds the incident at
  12-hour clock times;
- "Porter Nilsson is in charge of both of these changes" owns a prose plan.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear

FENCED = """# Incident: 2025-04-08 pizza orders failing

## Summary

```md
Between 10:56 am and 11:40 am on 2025-04-08, pizza orders failed with a 500 error for 100% of users.
{extra}```

## Detection

```md
This incident was detected when the "Pizza Creation Failing" alert fired and Quenton was paged.
```

## Action items

```md
- Test every path of the order endpoint (owner: quenton, due 2025-05-01)
```
"""


def test_section_bodies_in_md_fences_are_prose(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", FENCED.format(extra=""))
    assert rule_findings(run_cli, path, "PM313", "PM401", "PM601") == []


def test_a_fenced_example_with_headings_stays_code(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", FENCED.format(extra="## Incident: [Date] - Title\n"))
    assert [finding["rule"] for finding in rule_findings(run_cli, path, "PM601")] == ["PM601"]


@pytest.mark.parametrize("unit", ["## H\n```md\ntext\n```\n", "```md\n", "## H\n```md\n## x\n```\n", "```\n"])
def test_unwrapping_fences_is_linear(unit):
    from pmlint.load.markdown.fenced_prose import unwrap_prose_fences

    assert_ten_times_linear(unwrap_prose_fences, 2000, unit, setup=lambda copies: (unit * copies).splitlines())


SCANNED = """# API keys committed to the repository

## Summary

Twelve API keys sat in a public repository for 3 days; all twelve were rotated.

## Timeline

- **Discovery**: {discovery}
- **Remediation**: Keys rotated and history rewritten

## Root cause

A credentials file was committed because it was not in .gitignore.

## Action items

- Add a pre-commit secret scan (owner: marcin, due 2026-02-01)
"""


def test_a_scanner_flagging_secrets_is_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SCANNED.format(discovery="Security scanning tools flagged exposed secrets"))
    assert rule_findings(run_cli, path, "PM401") == []


def test_secrets_found_by_nobody_named_is_no_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SCANNED.format(discovery="Exposed secrets in the repository"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


TITLED = """---
title: "Stripe retried a failed webhook, and {how}"
date: 2026-08-18
---

## What happened

A webhook failed once during setup; Stripe retried it for three days, and each retry
emailed the one buyer a download link again.

## The fix

The handler now records each event id and skips one it has seen.
"""


def test_a_title_that_says_how_it_was_found_is_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TITLED.format(how="I found out by getting the same email three times"))
    assert rule_findings(run_cli, path, "PM401") == []


def test_a_title_that_does_not_is_no_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", TITLED.format(how="the buyer got the same email three times"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


ALERTED = """# Blob storage outage

## Summary

Blob storage was down for 4 hours for all users after an offboarded account took its API
keys with it. At 8:00pm we had received a handful of user reports about blob errors.

## Root cause

The R2 API keys were tied to a person's account.

## Action items

1. Tie the Cloudflare tokens to a system account (owner: tom, due 2025-05-15)
2. {item} (owner: tom, due 2025-05-30)
"""


def test_an_item_that_gets_us_alerted_improves_detection(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", ALERTED.format(
        item="Set up continually-running integration tests so that we're alerted about downtime promptly"))
    assert rule_findings(run_cli, path, "PM402") == []


def test_an_item_of_tests_alone_does_not(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", ALERTED.format(item="Add integration tests for blob storage"))
    assert len(rule_findings(run_cli, path, "PM402")) == 1


CAUSE = """# When backups are the problem

## Summary

The database server ran out of disk for 6 hours and MariaDB would not start.

## What would I do differently?

{cause} I can rsync that directory off the machine instead.
"""


def test_the_big_problem_was_states_the_cause_anywhere(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CAUSE.format(cause="The big problem was the unbounded growth of the git repo of dumps."))
    assert not any("root_causes" in finding["message"] for finding in rule_findings(run_cli, path, "PM011"))


def test_a_problem_that_is_not_the_cause_states_none(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CAUSE.format(cause="The git repo of dumps grows."))
    assert any("root_causes" in finding["message"] for finding in rule_findings(run_cli, path, "PM011"))


SHARE = """# Disk full on the web server

## Summary

The web server was down on 2026-02-01. {share}

## Root cause

Database dumps filled the disk.
"""


@pytest.mark.parametrize("share", ["I deleted old logs to get about 10% of disk space back.",
                                   "We are at 99% disk full.", "The disk was above 80% threshold."])
def test_a_share_of_a_machine_is_no_share_of_who(tmp_path, run_cli, share):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", SHARE.format(share=share)), "PM601")
    assert len(found) == 1 and "count or share" not in found[0]["message"], found


def test_a_share_of_users_is_who(tmp_path, run_cli):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", SHARE.format(share="10% of users got errors.")), "PM601")
    assert len(found) == 1 and '"10%"' in found[0]["message"], found


WINDOW = """# Blob storage outage

## Summary

Blob storage was unavailable {when}, and 3,492 reads failed.

## Root cause

The API keys were tied to an offboarded user's account.

## Action items

- Move the keys to a system account (owner: tom, due 2025-05-15)
"""


def test_a_window_at_twelve_hour_clock_times_bounds_the_incident(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", WINDOW.format(when="from 5:05pm UTC until 9:05pm UTC on April 30th"))
    assert not any("timeline" in finding["message"] for finding in rule_findings(run_cli, path, "PM011"))


def test_no_window_leaves_the_timeline_missing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", WINDOW.format(when="for 4 hours on April 30th"))
    assert any("timeline" in finding["message"] for finding in rule_findings(run_cli, path, "PM011"))


OWNED = """# Pizza factory failures

## Summary

Pizza orders failed for 30 minutes for every user on 2025-12-05.

## Root cause

The factory returned errors and we did not retry.

## Action items

We are calling the factory to ask why failures happened this way. We are also adding code
to retry a failed order. {who} in charge of both of these changes.
"""


def test_a_sentence_naming_who_carries_a_prose_plan_owns_it(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", OWNED.format(who="Porter Nilsson is"))
    assert not any("owner" in finding["message"] for finding in rule_findings(run_cli, path, "PM314"))


def test_nobody_in_charge_owns_nothing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", OWNED.format(who="Nobody is"))
    assert any("owner" in finding["message"] for finding in rule_findings(run_cli, path, "PM314"))


# -- what the attacker review found read too widely, kept as findings ------------------------

ATTACK = """# Checkout outage

## Summary

Checkout failed for 2 hours for every user on 2025-03-01.

## Timeline

- 2025-03-01 09:00 UTC: alert fires
- 2025-03-01 11:00 UTC: {entry}

## Root cause

{cause}

## {heading}

- Add a pool-saturation alert
- Cap retries at three
{extra}"""


@pytest.mark.parametrize("entry, heading", [
    ("Query performance improvements deployed (v2.3)", "Improvements"),
    ("Cache prevention measures deployed", "Prevention measures"),
    ("Asked whether the prevention measures were deployed: not yet", "Prevention measures"),
    ("Remediation deployed (config reverted)", "Remediation"),
])
def test_a_timeline_entry_of_another_name_leaves_the_plan_open(tmp_path, run_cli, entry, heading):
    path = write(tmp_path / "pm.md", ATTACK.format(entry=entry, heading=heading, cause="A bug.", extra=""))
    found = rule_findings(run_cli, path, "PM314")
    assert len(found) == 1 and "2 open action items" in found[0]["message"], found


def test_a_product_responsible_for_something_owns_nothing(tmp_path, run_cli):
    text = ATTACK.format(entry="rollback", heading="Action items", cause="A bug.", extra="")
    text = text.replace("- Add a pool-saturation alert\n- Cap retries at three\n",
                        "We will cap retries at three. Kubernetes is responsible for the restarts once it is there.\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")
    assert len(found) == 1, found


@pytest.mark.parametrize("since", ["Since then, every deploy has failed on the arm64 runners.",
                                   "Since then, the cert has always been renewed by hand."])
def test_since_then_without_people_keeping_a_practice_is_no_action(tmp_path, run_cli, since):
    text = f"# Cert expired\n\nThe site was down for 3 hours for all users on 2025-03-01.\n\n{since}\n"
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")
    assert len(found) == 1 and found[0]["severity"] == "warning", found


def test_affected_users_not_known_yet_name_nobody(tmp_path, run_cli):
    text = ("# Login failures\n\n## Impact\n\nAffected users:\n\n- unknown so far\n- still being investigated\n\n"
            "## Root cause\n\nA bug caused it.\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    assert len(found) == 1 and "items" not in found[0]["message"], found


def test_unlike_unreadable_due_dates_are_each_reported(tmp_path, run_cli):
    text = ("action_items:\n  - {title: Add an alert, due: after the freeze}\n  - {title: Cap retries, due: when Bob is back}\n"
            "  - {title: Add a budget, due: Date}\n  - {title: Add a canary, due: Date}\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.yaml", text), "PM303")
    assert len(found) == 3 and any("nor could 1 more" in finding["message"] for finding in found), found


@pytest.mark.parametrize("kind, unit", [
    ("detection", "security scanning tools "), ("detection", "scanners scan "), ("detection", "we found out "),
    ("root_causes", "the big problem "), ("impact_who", "10% of "), ("impact_who", "99% disk "),
])
def test_the_new_readings_scale_linearly(kind, unit):
    from pmlint.load import load_text

    assert_ten_times_linear(lambda document: document.meta.evidence.get(kind), 1000, unit,
                            setup=lambda copies: load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies))


@pytest.mark.parametrize("unit", ["Porter Nilsson is in charge ", ". Aa Bb is ", "The x team are responsible for "])
def test_reading_who_owns_a_prose_plan_is_linear(unit):
    from pmlint.load.markdown.actions import _OWNER_OF_ALL

    assert_ten_times_linear(lambda text: _OWNER_OF_ALL.search(text), 2000, unit, setup=lambda copies: unit * copies)

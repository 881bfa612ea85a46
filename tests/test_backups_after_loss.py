"""PM315: data lost while backups were part of the story gets an action item that changes
the backups. CLI in, findings out, on short documents in the forms people write.

Held-out reviewers raised it on documents pmlint never flagged: a production database
deleted and restored from a daily backup with seven hours gone ("RPO not addressed"),
tables truncated with no backups at all ("no action items ... backups"), a wiki whose
backups were months old."""

from __future__ import annotations

import json

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear

_LOST = ("# Scoreboard database deleted\n\n## Summary\n\n"
         "I ran the reset script against production by mistake. The managed database keeps one backup a day, "
         "so {loss} once we restored it.\n\n## Action items\n\n- Give the reset script a confirmation prompt\n")


@pytest.mark.parametrize("loss", ["7 hours of scoreboard data was gone forever",
                                  "we lost two days of uploads",
                                  "all the database tables were truncated",
                                  "there was some data loss"])
def test_a_loss_told_beside_backups_asks_for_a_backup_item(run_cli, tmp_path, loss):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", _LOST.format(loss=loss)), "PM315")
    assert [(item["severity"], item["line"]) for item in found] == [("warning", 5)]
    assert loss.split()[-1] in found[0]["message"]


@pytest.mark.parametrize("loss", ["no data was lost", "there was no data loss", "we restored it without data loss",
                                  "we avoided data loss", "the risk of data loss was small",
                                  "our data loss prevention tool flagged nothing",
                                  "we could have lost data",
                                  "the warning got lost between all other e-mails"])
def test_a_loss_denied_avoided_or_imagined_is_no_loss(run_cli, tmp_path, loss):
    assert rule_findings(run_cli, write(tmp_path / "pm.md", _LOST.format(loss=loss)), "PM315") == []


@pytest.mark.parametrize("label", ["## Data Loss\n\nNone.\n", "Data loss: none\n",
                                   "| Customers | Customer Data Loss |\n|---|---|\n| 12 | None |\n"])
def test_a_label_states_no_loss(run_cli, tmp_path, label):
    text = ("# Restore drill\n\nThe database was restored from last night's backup.\n\n" + label +
            "\n## Action items\n\n- Rotate the credentials\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM315") == []


@pytest.mark.parametrize("answer", ["- Turn on point-in-time recovery for the scoreboard database\n",
                                    "- Restore the nightly backup into staging every month\n"])
def test_an_item_on_the_backups_answers_it(run_cli, tmp_path, answer):
    text = _LOST.format(loss="7 hours of scoreboard data was gone forever") + answer
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM315") == []


@pytest.mark.parametrize("text", [
    # a commitment in prose that names the backups answers it
    "# Tables truncated\n\nAll the database tables were truncated by a test run, and we had no backups. "
    "We will set up nightly backups and test a restore every month.\n",
    # so does a heading of the measures taken
    "# Schema lost\n\nThe emoji tables were dropped by the container rebuild: complete data loss for "
    "them, restored from a dump by hand.\n\n## Preventive measures\n\n### Automated Backup System\n\n"
    "Every table is dumped hourly to a second disk.\n",
    # a loss in a story without backups has another cure
    "# Upload dropped\n\nA bug in the job scheduler marked a failed upload as done, and the data was lost "
    "from the index until it was published again.\n\n## Action items\n\n- Keep the job until confirmed\n",
])
def test_a_plan_in_prose_a_plan_heading_or_a_story_without_backups_is_not_asked(run_cli, tmp_path, text):
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM315") == []


def test_a_yaml_postmortem_is_read_the_same(run_cli, tmp_path):
    text = ("title: Disk failure on the mail server\n"
            "summary: Both disks failed; we restored from the weekly backup, so six days of e-mails were lost.\n"
            "action_items:\n  - {title: Replace the disk controller, type: mitigate}\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.yaml", text), "PM315")
    assert [item["line"] for item in found] == [2]


def test_the_search_is_linear():
    """Many statements that are no loss (each denied), with backups in the story: each is
    read once; the time grows with the text, not with its square."""
    from pmlint.engine.checks.weaknesses import backups_after_loss
    from pmlint.engine.functions import Context
    from pmlint.load import load_text
    from pmlint.settings import merge_settings

    rule_options = {"loss_patterns": [r"data[ \t]+loss",
                                      r"(?:data|tables?)[ \t]+(?:was|were)[ \t]+(?:[a-z]+[ \t]+){0,2}(?:lost|truncated)\b"],
                    "backup_words": ["backup", "restore"]}
    unit = "We restored the backup and no data was lost | data loss: none. The tables were not truncated.\n\n"

    def run(copies: int) -> None:
        document = load_text("pm.md", "# Drill\n\n" + unit * copies)
        list(backups_after_loss(document.data, "", rule_options, Context(document, merge_settings(None))))

    assert_ten_times_linear(run, 100, "PM315")


def test_a_loss_told_after_a_long_story_is_found(run_cli, tmp_path):
    """The texts are scanned joined in batches: a statement far down (past the first
    batch of 256 KB) is read as surely as one at the top."""
    filler = "".join(f"Paragraph {index} tells how the restore from backup went on.\n\n" for index in range(6000))
    text = ("# Mail server lost\n\n" + filler + "In the end six days of e-mails were lost.\n\n"
            "## Action items\n\n- Replace the disk controller\n")
    # 400 KB with a backup word in every paragraph takes about 4.5 s of the default 5 s budget
    # on a two-core machine (hash-seed order moved it over): the budget is not what this tests
    config = write(tmp_path / "pmlint.yaml", "settings:\n  time_budget_seconds: 60\n")
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--config", str(config),
                             str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    found = [item for item in json.loads(out)["findings"] if item["rule"] == "PM315"]
    assert [item["line"] for item in found] == [text[:text.index("In the end")].count("\n") + 1]

"""What the text means for detection, night burden, blame and action quality: patterns
two outside reviewers raised on real postmortems pmlint had never seen, each shown with
our own synthetic Markdown (never their text). CLI in, findings out.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write


def findings(run_cli, path: Path, *rules: str, preset: str = "recommended") -> list[dict]:
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--preset", preset, str(path))
    assert code == 0, err
    return [item for item in json.loads(out)["findings"] if item["rule"] in rules]


# -- PM310: response steps done, strategies kept, links that track nothing -----------------

DONE_STEPS = """# Stuck withdrawals

## Summary

Withdrawals stalled for six hours on 2025-03-02 because the signer lost its nonce.

## Action items

| Action item | Type | Owner | State |
| --- | --- | --- | --- |
| Try to restart the signer queue | mitigate | kim | DONE |
| Investigate reasons for the stall | mitigate | lee | DONE |
| Persist the signer nonce in the database before each broadcast | fix | kim | ONGOING |
"""


def test_response_steps_already_done_are_not_judged_as_vague(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-withdrawals.md", DONE_STEPS)
    assert findings(run_cli, path, "PM310") == []


def test_an_open_vague_step_is_still_reported(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-withdrawals.md", DONE_STEPS.replace("| Investigate reasons for the stall | mitigate | lee | DONE |",
                                                                          "| Investigate reasons for the stall | mitigate | lee | TODO |"))
    found = findings(run_cli, path, "PM310")
    assert [item["message"].split('"')[1] for item in found] == ["Investigate"]


STRATEGY = """# Build host compromise

## Summary

An attacker used a leaked deploy key on 2025-03-02 to reach the build host.

## What we are changing

- Rotate every deploy key and store them in the secrets manager
- Continue to host our container images on the public registry (despite their [recent notice](https://vendor.example.com/article/registry-notice)).
- Keep using the public forge for open repositories
- Continue to improve our [alerting](https://vendor.example.com/blog/alerting-tips)
"""


def test_a_strategy_kept_is_no_vague_action_and_a_vendor_link_tracks_nothing(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-build-host.md", STRATEGY)
    found = findings(run_cli, path, "PM310")
    # "Continue to host ..." and "Keep using ..." state a strategy; "Continue to improve"
    # is open-ended, and the blog link beside it is no tracker: a warning, not "tracked in"
    assert [(item["severity"], "tracked in" in item["message"]) for item in found] == [("warning", False)]
    assert '"Continue to"' in found[0]["message"] and "improve" in path.read_text().splitlines()[found[0]["line"] - 1]


def test_an_issue_link_still_tracks_a_vague_item(run_cli, tmp_path):
    text = STRATEGY.replace("https://vendor.example.com/blog/alerting-tips", "https://git.example.com/ops/infra/issues/42")
    path = write(tmp_path / "2025-03-02-build-host.md", text)
    assert findings(run_cli, path, "PM310") == []
    assert ["tracked in" in item["message"] for item in findings(run_cli, path, "PM310", preset="strict")] == [True]


# -- PM312: training beside a system change is pedantic -----------------------------------

SOUND_PLAN = """# Auto-merge bypass

## Summary

On 2025-03-02 a crafted pull request passed the auto-review bot because its diff parser skipped lines.

## What we are doing about it

- The auto-review workflow has been disabled and removed from all repositories.
- We have removed the bots' commit access to the package repositories.
- We are training existing maintainers to review package pull requests by hand.
"""


def test_training_beside_a_system_change_is_pedantic(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-automerge.md", SOUND_PLAN)
    assert findings(run_cli, path, "PM312") == []
    strict = findings(run_cli, path, "PM312", preset="strict")
    assert [(item["severity"], item["line"]) for item in strict] == [("info", 11)]


def test_training_alone_is_still_a_people_fix(run_cli, tmp_path):
    text = SOUND_PLAN.replace("- The auto-review workflow has been disabled and removed from all repositories.\n", "") \
        .replace("- We have removed the bots' commit access to the package repositories.\n", "")
    path = write(tmp_path / "2025-03-02-automerge.md", text)
    assert [item["severity"] for item in findings(run_cli, path, "PM312")] == ["warning"]

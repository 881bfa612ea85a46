"""Reviewer concerns on the real corpus (../shared/quality/README.md, "Reviewer concerns
pmlint missed") that inference now reports, each asserted on the real document read in
place. The same patterns are tested on our own synthetic Markdown in
test_infer_inference.py; this file checks they hold on writing we did not design for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.config import load_config
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.infer import build_profile
from pmlint.load import load_path
from pmlint.model import Severity

_ROOT = Path(__file__).resolve().parent.parent
#: the shared corpus sits next to the main checkout (../shared) or next to the worktrees' parent
CORPUS = next((path for path in (_ROOT.parent / "shared" / "corpus", _ROOT.parent.parent / "shared" / "corpus")
               if path.is_dir()), _ROOT.parent / "shared" / "corpus")
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not found (it lives outside the repo)")

#: document → (rule, text its message must contain) for each concern reported
CONCERNS: dict[str, list[tuple[str, str]]] = {
    # 24 h of degradation, 17.5 h to the failover with no item to shorten the restore, read
    # from `### 2018 October 21 22:52 UTC` headings; "a more proactive stance" is vague
    "github-2018-10-21-post-incident-analysis.md": [("PM404", "17 h 32 min"), ("PM310", "take a more")],
    # one maintainer carried the whole response
    "homebrew-2018-07-31-leaked-token.md": [("PM206", "inferred 1 responder")],
    # found by an outside party after ~16 months, no detection item
    # found by an outside party after 16 months, no detection item: PM403 names the delay,
    # who found it, and asks for the detect item (PM402 repeating it is strict-only)
    "pypi-2024-06-28-leaked-admin-token.md": [("PM403", "483 d"), ("PM403", "reports their finding")],
    # people worked at 23:00-01:00: the night work is asked about (PM203), not called a page
    "persistence-2023-09-20-chain-halt.md": [("PM203", "first at 23:00")],
    # (avail-2023-12-04's "a week later" is when a partner confirmed the cause, not
    # detection: the second review judged that PM403 false); its conditional item
    # ("If steps 1. and 2. do not result in ..., the event loop will be analyzed") is vague
    "avail-2023-12-04-ipfs-network-merge.md": [("PM310", "is conditional")],
    # hours, overnight, before anyone noticed
    "k8s-test-infra-2019-03-26.md": [("PM403", "3 h 46 min")],
    # found by an engineer after 2 h 44 min, no detection item; the same failure AGAIN
    # (no severity can be told from the post itself, so 2 h 44 min is under every limit:
    # the concern is reported as the human detection with no detection item)
    "k8s-test-infra-2019-02-08.md": [("PM402", "inferred detection by employee"), ("PM802", '"AGAIN"')],
    # 11 hours to detect
    "mybinder-2022-06-02-pod-limit.md": [("PM403", "11 h")],
    # a week to detect
    "posthog-2026-01-17-replay-sdk-fetch-wrapper.md": [("PM403", "7 d")],
    # "Joe is paged" at 00:32 UTC
    "pydis-2021-07-11-cascading-node-failures.md": [("PM202", "00:32")],
    # people worked 02:42-03:22: night work to record (PM203); nobody was paged (no PM202)
    "chia-2023-08-04-compromised-runners.md": [("PM203", "first at 02:42")],
    # the deploy-process lesson never became an action item
    "cratesio-2020-02-20-index-sync.md": [("PM804", "we should deploy hotfixes")],
    # noticed in another team's Slack: human detection, no detection item; "Cloud Platform
    # will re-iterate the need for service teams to ..." fixes people (its "test workloads"
    # is what teams are asked to do, no test added)
    "moj-2026-03-30-ingress-nginx-rollback.md": [("PM402", "inferred detection by employee"),
                                                 ("PM312", '("re-iterate")')],
    # "**Make sure all deployed resources have a plan ...**: This is a work in progress and
    # we will start revising ...": the body only restates the intent
    "dfds-PM2019-009-ip-starvation.md": [("PM310", "only restates it")],
}


#: Concerns a rule reports under `strict` only: PM804 (a "we should ..." no item takes up)
#: was judged true on 4 of 21 findings over every reviewed set, so the default leaves it
#: out; the concern is still reported, one preset up.
STRICT_ONLY = {"PM804"}


def _findings(name: str, presets: tuple[str, ...] = ("recommended",)):
    config = load_config(None)
    document = load_path(str(CORPUS / name), config.settings)
    rules = [rule for rule in load_rules() if rule.preset in presets]
    return lint_document(document, rules, RunOptions(settings=config.settings, severity={}))


@pytest.mark.parametrize("name", sorted(CONCERNS))
def test_reviewer_concern_is_reported(name):
    found = _findings(name)
    strict = _findings(name, ("recommended", "strict"))
    for rule, text in CONCERNS[name]:
        messages = [finding.message for finding in (strict if rule in STRICT_ONLY else found) if finding.rule_id == rule]
        assert any(text in message for message in messages), (rule, text, messages)


@pytest.mark.parametrize("name", sorted(CONCERNS))
def test_findings_on_inferred_facts_are_never_errors(name):
    for finding in _findings(name):
        if "(inferred " in finding.message:
            assert finding.severity <= Severity.WARNING, finding


def test_lead_up_is_not_the_onset():
    """k8s-test-infra-2019-02-08: the first entry is a PR merge (a cause), the next an
    engineer noticing; no entry before that describes the failure, so no time to detect is
    guessed (it used to be 2 h 44 min from the merge)."""
    profile = build_profile(load_path(str(CORPUS / "k8s-test-infra-2019-02-08.md")))
    assert profile.time_to_detect_minutes is None


def test_long_degradation_infers_sev1():
    """github-2018-10-21: 24 h 11 min of degradation, no severity stated."""
    profile = build_profile(load_path(str(CORPUS / "github-2018-10-21-post-incident-analysis.md")))
    assert profile.severity.value == "SEV1" and profile.severity.inferred
    assert profile.duration_minutes.value >= 24 * 60


def test_nobody_paged_is_respected():
    """cratesio-2020-02-20 says nobody was paged: no burden is inferred."""
    profile = build_profile(load_path(str(CORPUS / "cratesio-2020-02-20-index-sync.md")))
    assert not profile.on_call.woke_someone and profile.on_call.off_hours_pages.value == 0


def test_customer_messages_at_night_are_not_burden():
    """posthog-2026-01-17: customer messages at 05:44 UTC are not responders working."""
    profile = build_profile(load_path(str(CORPUS / "posthog-2026-01-17-replay-sdk-fetch-wrapper.md")))
    assert not profile.on_call.woke_someone


def test_people_fix_is_reported_where_it_is_written():
    """moj-2026-03-30: the people fix ("re-iterate the need for service teams to test") is
    reported where it is first written (the "Review actions" label, line 34); the prose
    "Future Actions" section repeats it (line 84), which is one point, said once: the
    repeat is reported under `strict` only (the final corpus review called two P)."""
    lines = [finding.span.line for finding in _findings("moj-2026-03-30-ingress-nginx-rollback.md")
             if finding.rule_id == "PM312"]
    text = (CORPUS / "moj-2026-03-30-ingress-nginx-rollback.md").read_text(encoding="utf-8").splitlines()
    assert lines and all("re-iterate" in text[line - 1] for line in lines), lines
    assert len(lines) == 1 and lines[0] < 84


def test_concrete_lead_ins_explained_by_their_body_are_not_vague():
    """dfds-PM2019-009: "Separate ... per AWS availability zone" and "Implement
    priority-classes ..." are explained by their body, not made vague by it."""
    found = [finding for finding in _findings("dfds-PM2019-009-ip-starvation.md") if finding.rule_id == "PM310"]
    text = (CORPUS / "dfds-PM2019-009-ip-starvation.md").read_text(encoding="utf-8").splitlines()
    assert sorted(text[finding.span.line - 1][:20] for finding in found) == ["- **Consider separat", "- **Make sure all de"]

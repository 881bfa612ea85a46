"""The filter stage is one pure function: findings + plan → kept, hidden counts, stale, failed.

It reads nothing and writes nothing: the same input filtered twice gives the same
output, and the loader's Document is never changed by it (suppression comments used to
record their use on the Document, so linting it twice with other rules went wrong).
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from pmlint.baseline import Baseline, write_baseline
from pmlint.config import Config
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document, run_rules
from pmlint.filters import FilterResult, Hidden, PerPath, Plan, filter_findings
from pmlint.load import load_text
from pmlint.settings import merge_settings
from pmlint.suppress import FileSuppressions

RULES = load_rules()
TEXT = """\
title: Cache outage
action_items:
  - title: Add a disk-space alert  # pmlint: disable=PM301
  - {title: Rotate the logs, owner: sre}
  - title: Resize the cache
"""


def raw(text: str = TEXT, path: str = "pm.yaml"):
    document = load_text(path, text)
    return document, run_rules(document, RULES, RunOptions(settings=merge_settings(None), severity={}))


def plan_for(document, **changes) -> Plan:
    known = tuple((rule.id, rule.name) for rule in RULES)
    return Plan(rules=RULES, known_rules=known, suppressions={document.path: FileSuppressions.of(document)},
                files=(document.path,), **changes)


def owners(findings) -> list[int]:
    return [finding.span.line for finding in findings if finding.rule_id == "PM301"]


def test_suppressions_hide_what_they_name_and_are_counted():
    document, findings = raw()
    assert owners(findings) == [3, 5], "the engine reports both; hiding is the filter's job"
    result = filter_findings(findings, plan_for(document))
    assert owners(result.kept) == [5]
    assert result.hidden_counts == Hidden(suppressed=1)
    assert result.failed  # PM301 is an error, and fail-on defaults to error


def test_the_same_input_gives_the_same_output_and_is_not_modified():
    document, findings = raw()
    before = (tuple(findings), dataclasses.astuple(document.suppressions[0]))
    plan = plan_for(document)
    first, second = filter_findings(findings, plan), filter_findings(findings, plan)
    assert first == second
    assert (tuple(findings), dataclasses.astuple(document.suppressions[0])) == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        document.suppressions[0].line = 9  # type: ignore[misc]


def test_a_document_linted_twice_with_other_rules_reports_the_unneeded_comment():
    document = load_text("pm.yaml", TEXT)
    options = RunOptions(settings=merge_settings(None), severity={},
                         known_rules=tuple((rule.id, rule.name) for rule in RULES))
    assert not [f for f in lint_document(document, RULES, options) if f.rule_id == "PM008"]
    without = [rule for rule in RULES if rule.id != "PM301"]
    unneeded = [f.message for f in lint_document(document, without, options) if f.rule_id == "PM008"]
    assert unneeded == ["Suppression comment is not needed: rule PM301 is not enabled"]


def test_per_path_and_baseline_are_counted_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # per-path globs match paths relative to the config's folder
    document, findings = raw()
    config = Config(per_path={"*.yaml": {"ignore": ["PM301"]}}, root=tmp_path)
    per_path = PerPath(config, RULES, RULES)
    result = filter_findings(findings, plan_for(document, per_path=per_path))
    assert owners(result.kept) == [] and result.hidden_counts.per_path >= 1

    baseline_file = tmp_path / "baseline.json"
    everything = filter_findings(findings, plan_for(document))
    write_baseline(list(everything.kept), baseline_file, [document.path])
    baseline = Baseline.read(baseline_file)
    result = filter_findings(findings, plan_for(document, baseline=baseline))
    assert result.kept == () and result.hidden_counts.baseline == len(everything.kept) and not result.failed
    assert json.loads(baseline_file.read_text())["findings"], "the baseline holds what it hides"


@pytest.mark.parametrize("fail_on, failed", [("error", True), ("warning", True), ("never", False)])
def test_fail_on_decides_failed(fail_on, failed):
    document, findings = raw()
    assert filter_findings(findings, plan_for(document, fail_on=fail_on)).failed is failed


def test_results_are_frozen():
    assert dataclasses.fields(FilterResult) and FilterResult.__dataclass_params__.frozen  # type: ignore[attr-defined]
    from pmlint.lint import LintResult

    assert LintResult.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_a_malformed_comment_in_markdown_gets_the_markdown_fix_hint():
    text = "# Outage\n\n## Summary\n\nThe cache failed. <!-- pmlint: disable=PM3O1 -->\n"
    document, findings = raw(text, "pm.md")
    result = filter_findings(findings, plan_for(document))
    (bad,) = [finding for finding in result.kept if finding.rule_id == "PM006"]
    pm006 = next(rule for rule in RULES if rule.id == "PM006")
    assert bad.fix == pm006.fix_for("markdown") != pm006.fix
    assert "PM301" in bad.message  # the typo's suggestion

"""Lint a YAML snippet with the built-in pack and return findings (shared by the check tests)."""

from __future__ import annotations

from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_text
from pmlint.settings import merge_settings


def lint_yaml(text: str, rule_ids: set[str] | None = None, settings: dict | None = None, path: str = "pm.yaml"):
    document = load_text(path, text, {})
    rules = [rule for rule in load_rules() if rule_ids is None or rule.id in rule_ids]
    return lint_document(document, rules, RunOptions(settings=merge_settings(settings), severity={}))


def messages(text: str, rule_id: str, **kwargs) -> list[str]:
    return [finding.message for finding in lint_yaml(text, {rule_id}, **kwargs)]

"""Lint a YAML snippet with the built-in pack and return findings (shared by the check tests)."""

from __future__ import annotations

from pmlint.engine.rules import configure_rule, load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_text
from pmlint.settings import MOVED_SETTINGS, merge_settings


def lint_yaml(text: str, rule_ids: set[str] | None = None, settings: dict | None = None, path: str = "pm.yaml",
              pedantic: bool = False):
    """`settings` may name settings that moved into a rule (`min_why_depth`): they set
    that rule's option, as a config file's old `settings:` key still does. `pedantic`
    reports the variants the `strict` preset alone shows."""
    document = load_text(path, text, {})
    settings = dict(settings or {})
    overrides: dict[str, dict] = {}
    for key in [key for key in settings if key in MOVED_SETTINGS]:
        rule_id, option, _ = MOVED_SETTINGS[key]
        overrides.setdefault(rule_id, {})[option] = settings.pop(key)
    rules = [configure_rule(rule, overrides[rule.id]) if rule.id in overrides else rule
             for rule in load_rules() if rule_ids is None or rule.id in rule_ids]
    return lint_document(document, rules, RunOptions(settings=merge_settings(settings), severity={}, pedantic=pedantic))


def messages(text: str, rule_id: str, **kwargs) -> list[str]:
    return [finding.message for finding in lint_yaml(text, {rule_id}, **kwargs)]

"""Run a rule's own examples: the test suite does it for the built-in pack, and
`pmlint test-rules DIR` does it for users' rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..load import load_text
from ..model import Finding
from ..settings import DEFAULT_SETTINGS, MOVED_SETTINGS, SettingError, check_setting, did_you_mean, merge_settings
from .rules import Rule, load_rules
from .run import RunOptions, lint_document


@dataclass(slots=True)
class ExampleOutcome:
    rule: Rule
    index: int
    kind: str            #: valid | invalid
    expected: int
    findings: list[Finding]
    #: message placeholders of this rule's findings that resolved to nothing (`{nope}`)
    unresolved: list[str] = field(default_factory=list)
    #: the example's `expect:`: message, line, column (and end) of each finding, in order
    expect: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return len(self.findings) == self.expected and not self.unresolved and self.mismatch() is None

    def mismatch(self) -> str | None:
        """How the findings differ from `expect` (None: they match, or nothing is expected)."""
        if self.expect and self.kind == "valid":
            return "`expect` is for invalid examples (a valid one has no finding to describe)"
        for number, (wanted, finding) in enumerate(zip(self.expect, self.findings), start=1):
            span = finding.span
            got = {"message": finding.message, "line": span.line, "column": span.column,
                   "end_line": span.end_line, "end_column": span.end_column}
            wrong = [key for key in got if key in wanted and wanted[key] != got[key]]
            if wrong:
                said = ", ".join(f"{key} {wanted[key]!r}" for key in wrong)
                actual = ", ".join(f"{key} {got[key]!r}" for key in wrong)
                return f"finding {number} expected {said}; got {actual}"
        return None

    def describe(self) -> str:
        got = "; ".join(f"{f.span.line}:{f.span.column} {f.message}" for f in self.findings) or "no finding"
        where = f"{self.rule.id} example {self.index + 1} ({self.kind})"
        if len(self.findings) == self.expected and not self.unresolved and self.mismatch() is not None:
            return f"{where}: {self.mismatch()}"
        if len(self.findings) == self.expected and self.unresolved:
            names = ", ".join("{" + name + "}" for name in self.unresolved)
            return (f"{where}: placeholder {names} resolved to nothing (no check value, no field of the "
                    f"selected node, not value or path): {got}")
        return f"{where}: expected {self.expected} finding(s) of {self.rule.id}, got {len(self.findings)}: {got}"


def run_example(rule: Rule, index: int, example: dict[str, Any], all_rules: list[Rule] | None = None) -> ExampleOutcome:
    """Lint an example and keep only this rule's findings.

    The rule runs alongside the whole pack (`all_rules`) so suppressions and engine
    findings behave exactly as in a real run.
    """
    kind = "invalid" if "invalid" in example else "valid"
    text = example.get(kind) or ""
    if example.get("options"):  # the rule as config `rules: {ID: {...}}` would set it
        configured = _configured(rule, index, example["options"])
        if all_rules is not None:
            all_rules = [configured if each is rule else each for each in all_rules]
        rule = configured
    fmt = example.get("format", "yaml")
    document = load_text("example.md" if fmt == "markdown" else "example.yaml", text, {})
    rules = list(all_rules) if all_rules is not None else [rule]
    if rule not in rules:
        rules.append(rule)
    unresolved: list[tuple[str, str]] = []
    # a suppression may name any loaded rule: the whole pack, as in a real run
    known = rules if all_rules is not None else [*load_rules(), rule]
    options = RunOptions(settings=merge_settings(_checked_settings(rule, index, example.get("settings"))),
                         severity={}, known_rules=tuple((each.id, each.name) for each in known),
                         unresolved=unresolved, pedantic=example.get("preset") == "strict")
    findings = [f for f in lint_document(document, rules, options) if f.rule_id == rule.id]
    expect = list(example.get("expect") or [])
    expected = example.get("findings", len(expect) or 1) if kind == "invalid" else 0
    missing = list(dict.fromkeys(name for rule_id, name in unresolved if rule_id == rule.id))
    return ExampleOutcome(rule, index, kind, expected, findings, missing, expect)


def _configured(rule: Rule, index: int, options: Any) -> Rule:
    """The rule with an example's `options:` applied, checked like config overrides."""
    from .rules import RuleError, configure_rule

    where = f"{rule.id} example {index + 1}"
    if not isinstance(options, dict):
        raise ConfigError(f"{where}: `options` must be a mapping", rule.source or None)
    try:
        return configure_rule(rule, options)
    except RuleError as error:
        raise ConfigError(f"{where}: {error}", rule.source or None) from None


def _checked_settings(rule: Rule, index: int, settings: Any) -> dict[str, Any]:
    """An example's `settings:`, validated like a config file's (a bad regex or an unknown
    key is an error naming the rule file, not an example that silently tests nothing)."""
    settings = settings or {}
    where = f"{rule.id} example {index + 1}"
    if not isinstance(settings, dict):
        raise ConfigError(f"{where}: `settings` must be a mapping", rule.source or None)
    for key, value in settings.items():
        if key not in DEFAULT_SETTINGS and key not in MOVED_SETTINGS:  # a moved one still answers {setting: ...}
            raise ConfigError(f"{where}: unknown setting `settings.{key}`{did_you_mean(str(key), DEFAULT_SETTINGS)}",
                              rule.source or None)
        try:
            check_setting(key, value)
        except SettingError as error:
            raise ConfigError(f"{where}: {error}", rule.source or None) from None
    return settings


def run_examples(rules: list[Rule], all_rules: list[Rule] | None = None) -> list[ExampleOutcome]:
    return [run_example(rule, index, example, all_rules)
            for rule in rules for index, example in enumerate(rule.examples)]

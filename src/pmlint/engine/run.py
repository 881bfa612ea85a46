"""Run rules on documents, then apply inline suppressions.

The engine sees only the document model: it never reads files or knows formats.
A check that raises is contained: it becomes one PM009 finding naming the rule,
and every other rule still runs.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Document, Finding, Severity, Span, join_pointer, split_pointer
from .conditions import holds
from .functions import Context, Hit, get_function, shorten
from .rules import Rule

INTERNAL_ERROR_ID = "PM009"
INTERNAL_ERROR_NAME = "internal-error"
UNUSED_SUPPRESSION_ID = "PM008"
UNUSED_SUPPRESSION_NAME = "unused-suppression"

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(slots=True)
class RunOptions:
    settings: dict[str, Any]
    severity: dict[str, Severity]
    use_suppressions: bool = True
    debug: bool = False


def lint_document(document: Document, rules: Iterable[Rule], options: RunOptions) -> list[Finding]:
    """Every finding for one document, suppressions applied, in a stable order."""
    context = Context(document, options.settings)
    findings: list[Finding] = []
    enabled = list(rules)
    broken = document.broken
    for rule in enabled:
        if broken and not rule.loader_rule:
            continue
        try:
            findings.extend(_run_rule(rule, document, context, options))
        except Exception as error:  # contain one rule's bug; never lose the others
            if options.debug:
                traceback.print_exc()
            findings.append(Finding(
                INTERNAL_ERROR_ID, INTERNAL_ERROR_NAME, Severity.ERROR,
                f"Internal error in rule {rule.id} ({rule.name}): {type(error).__name__}: {error}; "
                "please report it (run with --debug for the traceback)",
                document.path, Span.point(1), "", None, "document"))
    if options.use_suppressions:
        findings = _apply_suppressions(document, findings, enabled)
    findings.sort(key=Finding.sort_key)
    return findings


def _run_rule(rule: Rule, document: Document, context: Context, options: RunOptions) -> Iterable[Finding]:
    data = document.data
    if rule.when is not None and not holds(rule.when, data, options.settings):
        return
    severity = options.severity.get(rule.id) or options.severity.get(rule.name) or rule.severity
    for selector in rule.given:
        for pointer, value in selector.select(data):
            for spec in rule.checks:
                target_pointer, target = pointer, value
                if spec.field:
                    for part in spec.field.split("."):
                        target_pointer = join_pointer(target_pointer, part)
                        target = target.get(part) if isinstance(target, dict) else None
                function = get_function(spec.function)
                assert function is not None  # checked when the rule was compiled
                for hit in function.check(target, target_pointer, spec.options, context):
                    yield _finding(rule, severity, spec.message or rule.message, document, pointer, value,
                                   target_pointer, target, hit)


def _finding(rule: Rule, severity: Severity, template: str, document: Document, node_pointer: str, node: Any,
             target_pointer: str, target: Any, hit: Hit) -> Finding:
    pointer = hit.pointer if hit.pointer is not None else target_pointer
    if hit.span is not None:
        span = hit.span
    elif hit.text:
        span = document.locate_text(pointer, hit.text, hit.occurrence)
    else:
        span = document.spans.get(pointer) or document.missing_span(pointer)
    message = hit.message or render(template, node, target, pointer, hit.values)
    return Finding(rule.id, rule.name, severity, message, document.path, span, pointer, rule.fix, rule.category)


#: Longest text one placeholder puts into a message: a 2 MB field must not make a 2 MB message.
MAX_VALUE_CHARS = 100


def _cap(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def render(template: str, node: Any, target: Any, pointer: str, values: dict[str, Any]) -> str:
    """Fill `{name}` placeholders: check values first, then the selected node's fields.

    Only bare names are substituted (no attribute or index access), so a rule's
    message can never reach into Python objects; `{{` and `}}` are literal braces
    (templates are checked when the rule loads, `rules.check_template`). Every
    substituted value is one line of at most MAX_VALUE_CHARS characters.
    """
    from ..schema import dotted

    def lookup(match: re.Match[str]) -> str:
        token = match.group()
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name in values and values[name] is not None:
            return _cap(str(values[name]))  # a check's value may carry its own spacing: keep it
        if isinstance(node, dict) and node.get(name) is not None:
            return shorten(node[name])
        if name == "value":
            return shorten(target)
        if name == "path" or name in ("title", "summary", "event"):
            return _cap(dotted(pointer))
        return ""

    return _PLACEHOLDER.sub(lookup, template)


def _apply_suppressions(document: Document, findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    suppressions = document.suppressions
    enabled_ids = {rule.id for rule in rules}
    if not suppressions:
        return findings
    names = {rule.name: rule.id for rule in rules}
    for rule in rules:  # ids are matched case-insensitively: `pm301` means PM301
        names.setdefault(rule.id.lower(), rule.id)
    kept: list[Finding] = []
    for finding in findings:
        if finding.rule_id == INTERNAL_ERROR_ID:
            kept.append(finding)
            continue
        suppressed = False
        for suppression in suppressions:
            if suppression.target_line is not None and suppression.target_line != finding.span.line:
                continue
            for code in suppression.rules:
                if code.lower() == "all" or names.get(code, names.get(code.lower(), code)) == finding.rule_id:
                    suppression.used.add(code)
                    suppressed = True
        if not suppressed:
            kept.append(finding)
    # On a broken document only the loader rules ran: every other suppression would look
    # unused, burying the one finding that matters (the syntax error) under noise.
    if UNUSED_SUPPRESSION_ID in enabled_ids and not document.broken:
        unused_rule = next(rule for rule in rules if rule.id == UNUSED_SUPPRESSION_ID)
        for suppression in suppressions:
            for code in suppression.rules:
                if code in suppression.used:
                    continue
                target = names.get(code, names.get(code.lower(), code))
                if code.lower() != "all" and target not in enabled_ids and not _known_code(code):
                    why = f"names no rule ({code!r} is not a rule id or name)"
                elif code.lower() != "all" and target not in enabled_ids:
                    why = f"is not needed: rule {code} is not enabled"
                else:
                    why = f"suppresses nothing: {code} reports no finding " + (
                        "in this file" if suppression.target_line is None else f"on line {suppression.target_line}")
                kept.append(Finding(
                    UNUSED_SUPPRESSION_ID, UNUSED_SUPPRESSION_NAME, unused_rule.severity,
                    f"Suppression comment {why}", document.path,
                    Span(suppression.line, suppression.column, suppression.line, suppression.column),
                    "", unused_rule.fix, unused_rule.category))
    return kept


def _known_code(code: str) -> bool:
    from .rules import load_rules

    try:
        return any(code.upper() == rule.id or code == rule.name for rule in load_rules())
    except Exception:
        return False


__all__ = ["RunOptions", "lint_document", "render", "split_pointer"]

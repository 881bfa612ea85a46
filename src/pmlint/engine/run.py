"""Run rules on documents.

The engine sees only the document model: it never reads files or knows formats.
A check that raises is contained: it becomes one PM009 finding naming the rule,
and every other rule still runs. `run_rules` gives a document's raw findings: the
filter stage applies suppression comments, per-path configuration and the baseline.
`lint_document` adds the suppressions for one document at a time (rule examples,
tests), through the same pure function the filter stage uses (`suppress.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from .. import budget
from ..infer import Profile, build_profile
from ..infer.overlay import ReadLog, overlay
from ..model import Document, Finding, Severity, Span, forget_texts, join_pointer, resolve_pointer, split_pointer
from ..schema import dotted
from ..suppress import BAD_SUPPRESSION_ID, BAD_SUPPRESSION_NAME, UNUSED_SUPPRESSION_ID, UNUSED_SUPPRESSION_NAME
from ..suppress import FileSuppressions, apply_suppressions
from .conditions import holds
from .functions import Context, Hit, get_function, shorten
from .rules import Rule

INTERNAL_ERROR_ID = "PM009"
INTERNAL_ERROR_NAME = "internal-error"

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(slots=True)
class RunOptions:
    settings: dict[str, Any]
    severity: dict[str, Severity]
    use_suppressions: bool = True
    debug: bool = False
    #: (id, name) of every rule loaded for the run, enabled or not (built-in and
    #: rules-dirs): a suppression naming none of them is malformed (PM006), one naming
    #: a loaded rule that is not enabled is unneeded (PM008). None: the rules being run
    #: (the engine never reads rule files itself: the caller knows what it loaded).
    known_rules: tuple[tuple[str, str], ...] | None = None
    #: example mode (`pmlint test-rules`, the test suite): when a list, every message
    #: placeholder that resolved to nothing is recorded as (rule id, name); production
    #: runs leave it None and render exactly as before
    unresolved: list[tuple[str, str]] | None = None
    #: keep each document's durability profile for the reporters (`check --profile`)
    profiles: bool = False
    #: report the pedantic variants of findings (`Hit.pedantic`): the `strict` preset
    pedantic: bool = False


def lint_document(document: Document, rules: Iterable[Rule], options: RunOptions) -> list[Finding]:
    """Every finding for one document, suppressions applied, in a stable order."""
    return lint_with_profile(document, rules, options)[0]


def lint_with_profile(document: Document, rules: Iterable[Rule], options: RunOptions) -> tuple[list[Finding], Profile | None]:
    """(findings with suppression comments applied, durability profile) for one document."""
    enabled = list(rules)
    findings, profile = run_with_profile(document, enabled, options)
    if options.use_suppressions and document.suppressions:
        findings, _ = apply_suppressions(document.path, findings, FileSuppressions.of(document), enabled,
                                         options.known_rules)
        findings.sort(key=Finding.sort_key)
    return findings, profile


def run_rules(document: Document, rules: Iterable[Rule], options: RunOptions) -> list[Finding]:
    """Every finding the rules report on one document, before any filtering, in a stable order."""
    return run_with_profile(document, rules, options)[0]


def run_with_profile(document: Document, rules: Iterable[Rule], options: RunOptions) -> tuple[list[Finding], Profile | None]:
    """(raw findings, durability profile) for one document; the profile is None for a broken one.

    The profile's inferred facts fill the document's gaps for `when` gates and for the
    checks that read inferred facts (`Function.infers`); see `_run_rule`. No filtering:
    suppression comments are the filter stage's (or `lint_with_profile`'s)."""
    forget_texts()
    context = Context(document, options.settings)
    profile = None
    enabled = list(rules)
    findings: list[Finding] = []
    if not document.broken and (options.profiles or _any_may_infer(rules, enabled)):
        budget.set_stage("inference")  # named in PM007 if the time runs out here, not "load"
        try:
            profile = build_profile(document, options.settings)
            context.profile = profile
            context.read_log = ReadLog()
            context.inferred_view = overlay(document.data, profile, context.read_log)
        except Exception as error:  # a bug in inference must not cost the stated-fact rules
            if options.debug:
                _print_traceback()
            profile = None
            findings.append(Finding(
                INTERNAL_ERROR_ID, INTERNAL_ERROR_NAME, Severity.ERROR,
                f"Internal error while inferring facts: {type(error).__name__}: {error}; please report it "
                "(run with --debug for the traceback)", document.path, Span.point(1), "", None, "document"))
    broken = document.broken
    for rule in enabled:
        if broken and not rule.loader_rule:
            continue
        budget.set_stage(f"rule {rule.id} ({rule.name})")  # named in PM007 if the time runs out here
        try:
            findings.extend(_run_rule(rule, document, context, options))
        except Exception as error:  # contain one rule's bug; never lose the others
            if options.debug:
                _print_traceback()
            findings.append(Finding(
                INTERNAL_ERROR_ID, INTERNAL_ERROR_NAME, Severity.ERROR,
                f"Internal error in rule {rule.id} ({rule.name}): {type(error).__name__}: {error}; "
                "please report it (run with --debug for the traceback)",
                document.path, Span.point(1), "", None, "document"))
    findings.sort(key=Finding.sort_key)
    return findings, profile


#: (rules, whether any may infer) for the last tuple of rules asked about: a run asks for
#: every document with the same tuple (a list may change between calls: not cached)
_last_may_infer: tuple[Any, bool] | None = None


def _any_may_infer(rules: Iterable[Rule], enabled: list[Rule]) -> bool:
    global _last_may_infer
    if isinstance(rules, tuple) and _last_may_infer is not None and _last_may_infer[0] is rules:
        return _last_may_infer[1]
    answer = any(_may_infer(rule) for rule in enabled)
    if isinstance(rules, tuple):
        _last_may_infer = (rules, answer)
    return answer


def _may_infer(rule: Rule) -> bool:
    """Whether a rule can use inferred facts: a `when` gate, or a check that reads them."""
    if rule.when is not None:
        return True
    for spec in rule.checks:
        function = get_function(spec.function)
        if function is not None and function.infers:
            return True
    return False


def _run_rule(rule: Rule, document: Document, context: Context, options: RunOptions) -> Iterable[Finding]:
    """The rule's findings. Stated facts first: the `when` gate is tried on the document as
    written, and only when it fails there on the document with inferred facts filled in.
    A finding that rests on an inferred fact (the gate's, or one its check read) says so
    in its message and is at most a warning (a generic field check: info)."""
    data = document.data
    view, log = context.inferred_view, context.read_log
    gate_facts: list = []
    if rule.when is not None and not holds(rule.when, data, options.settings):
        if view is None:
            return
        log.clear()
        if not holds(rule.when, view, options.settings):
            log.clear()
            return
        gate_facts = log.take()
    severity = options.severity.get(rule.id) or options.severity.get(rule.name) or rule.severity
    for spec in rule.checks:
        function = get_function(spec.function)
        assert function is not None  # checked when the rule was compiled
        spec.prepared(function.prepare)  # its `prepare` (a regex to compile) runs on first use
        if gate_facts and not function.infers:
            # a gate opened only by an inferred fact runs durability checks, not demands
            # for template fields (a cost, a why-chain, lessons split three ways) that a
            # document which never used the template cannot be held to on a guess
            continue
        reads_inferred = function.infers and view is not None
        source = view if reads_inferred else data
        for selector in rule.given:
            for pointer, value in selector.select(source):
                target_pointer, target = pointer, value
                if spec.field:
                    for part in spec.field.split("."):
                        target_pointer = join_pointer(target_pointer, part)
                        target = target.get(part) if isinstance(target, dict) else None
                pairs: Iterable[tuple[Hit, list]]
                if reads_inferred:
                    pairs, _ = _check_inferred(function, spec, target, target_pointer, context, gate_facts)
                else:
                    pairs = ((hit, gate_facts) for hit in function.check(target, target_pointer, spec.for_settings(context.settings), context))
                for hit, built_on in pairs:
                    if rule.claims_absence and document.meta.unread_language and not hit.pedantic:
                        hit = replace(hit, pedantic=True)  # nothing was searched in a language pmlint does not read
                    if rule.omitted_by and not hit.pedantic and any(form in rule.omitted_by
                                                                    for form in document.meta.forms):
                        hit = replace(hit, pedantic=True)  # the document's form leaves this out by design
                    if hit.pedantic and not options.pedantic:
                        continue
                    finding = _finding(rule, severity, spec.message or rule.message, document, value,
                                       target_pointer, target, hit, options.unresolved)
                    if hit.inferred is not None:
                        built_on = [*built_on, hit.inferred]
                    yield _as_inferred(finding, built_on, function.infers) if built_on else finding


def _check_inferred(function: Any, spec: Any, target: Any, target_pointer: str, context: Context,
                    gate_facts: list) -> tuple[list[tuple[Hit, list]], list]:
    """Run a check that reads inferred facts, and tell which of its hits rest on them.

    The check runs on the document with inferred facts filled in; a hit it also gives on
    the document as written (same place, same message) does not rest on them. Others
    rest on the inferred facts the check read (document-level ones named first)."""
    log = context.read_log
    log.clear()
    context.view = context.inferred_view
    try:
        hits = list(function.check(target, target_pointer, spec.for_settings(context.settings), context))
    finally:
        context.view = None
    read = log.take()
    if not hits:
        return [], gate_facts
    stated = set()
    if read and not gate_facts:
        raw_target = resolve_pointer(context.document.data, target_pointer)
        stated = {_hit_key(hit) for hit in function.check(raw_target, target_pointer, spec.for_settings(context.settings), context)}
    # document-level facts (severity, detection, burden, repeat) are what a finding rests on;
    # the types and layers of items a check looked through are named only when alone
    read = [pair for pair in read if not _item_fact(pair[0])] or read[:1]
    out = []
    for hit in hits:
        if gate_facts:  # the gate's facts are what the finding rests on
            out.append((hit, gate_facts))
        elif read and _hit_key(hit) not in stated:
            out.append((hit, read))
        else:
            out.append((hit, []))
    return out, gate_facts


def _item_fact(label: str) -> bool:
    return label.startswith("type ") or label.endswith(" layer")


def _hit_key(hit: Hit) -> tuple:
    return (hit.pointer, hit.message, tuple(sorted((key, str(value)) for key, value in hit.values.items())))


def _as_inferred(finding: Finding, facts: list, infers: bool) -> Finding:
    """A finding built on inferred facts: "(inferred SEV1 from a 73-hour outage)" appended,
    and its severity capped: warning for a durability check that reads inferred facts,
    info for any other check (a finding that rests on a check's own inference)."""
    notes = "; ".join(f"inferred {label} from {fact.evidence}" for label, fact in facts[:3])
    cap = Severity.WARNING if infers else Severity.INFO
    return replace(finding, message=f"{finding.message} ({notes})", severity=min(finding.severity, cap))


def _finding(rule: Rule, severity: Severity, template: str, document: Document, node: Any,
             target_pointer: str, target: Any, hit: Hit,
             unresolved: list[tuple[str, str]] | None = None) -> Finding:
    pointer = hit.pointer if hit.pointer is not None else target_pointer
    if hit.span is not None:
        span = hit.span
    elif hit.text:
        span = document.locate_text(pointer, hit.text, hit.occurrence)
    else:
        span = document.spans.get(pointer) or document.missing_span(pointer)
    variant = rule.messages.get(hit.variant) if hit.variant is not None and rule.messages else None
    if variant is not None:
        template = variant  # the rule's own words for this case (`messages:`), filled as usual
    if hit.message and variant is None:
        message = hit.message
    elif unresolved is None:
        message = render(template, node, target, pointer, hit.values)
    else:
        message, missing = render_checked(template, node, target, pointer, hit.values)
        unresolved.extend((rule.id, name) for name in missing)
    if hit.demote or hit.pedantic:
        severity = min(severity, Severity.INFO)
    elif hit.uncertain:
        severity = min(severity, Severity.WARNING)
    return Finding(rule.id, rule.name, severity, message, document.path, span, pointer, rule.fix_for(document.format),
                   rule.category)


#: Longest text one placeholder puts into a message: a 2 MB field must not make a 2 MB message.
MAX_VALUE_CHARS = 100


def _cap(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def render(template: str, node: Any, target: Any, pointer: str, values: dict[str, Any]) -> str:
    """The message: `template` with its placeholders filled (see `render_checked`)."""
    return render_checked(template, node, target, pointer, values)[0]


def render_checked(template: str, node: Any, target: Any, pointer: str,
                   values: dict[str, Any]) -> tuple[str, list[str]]:
    """(message, names of placeholders that resolved to nothing).

    Fill `{name}` placeholders: check values first, then the selected node's fields,
    then the built-ins `{value}` and `{path}`. A name none of them provides renders as
    empty text; it is returned so rule examples can fail on it (`{nope}`).

    Only bare names are substituted (no attribute or index access), so a rule's
    message can never reach into Python objects; `{{` and `}}` are literal braces
    (templates are checked when the rule loads, `rules.check_template`). Every
    substituted value is one line of at most MAX_VALUE_CHARS characters.
    """
    missing: list[str] = []

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
        if name not in missing:
            missing.append(name)
        return ""

    return _PLACEHOLDER.sub(lookup, template), missing


__all__ = ["BAD_SUPPRESSION_ID", "BAD_SUPPRESSION_NAME", "UNUSED_SUPPRESSION_ID", "UNUSED_SUPPRESSION_NAME",
           "RunOptions", "lint_document", "lint_with_profile", "render", "render_checked", "run_rules",
           "run_with_profile", "split_pointer"]


def _print_traceback() -> None:
    """The current exception's traceback on stderr (`--debug`). `traceback` (and the
    `textwrap` it imports) loads only here: ~2 ms that every run paid for a flag most never pass."""
    import traceback

    traceback.print_exc()

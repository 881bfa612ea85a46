"""Inline suppression comments applied to findings: a pure function, no I/O, no mutation.

    findings of one file + its `pmlint: disable` comments ──▶ findings kept (+ PM006/PM008)

Used by the filter stage (`filters.filter_findings`, the production path) and by
`engine.run.lint_document` (one document at a time: rule examples, tests). It never
writes into the loader's output: which codes of which comment were used is a local
table, so the same Document can be filtered twice with the same result.

A comment code that names no loaded rule is malformed (PM006, pointing at the typo);
one that suppressed nothing is unused (PM008), so suppressions do not rot. Internal
errors (PM009) are never suppressed: they mean a rule did not run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, NamedTuple, Sequence

from .codes import suggest_code
from .model import Finding, Span, Suppression

INTERNAL_ERROR_ID = "PM009"
UNUSED_SUPPRESSION_ID = "PM008"
UNUSED_SUPPRESSION_NAME = "unused-suppression"
BAD_SUPPRESSION_ID = "PM006"
BAD_SUPPRESSION_NAME = "bad-suppression"


@dataclass(frozen=True, slots=True)
class FileSuppressions:
    """What the filter needs of one file to apply its comments (kept from loading)."""

    suppressions: tuple[Suppression, ...]
    #: the document did not parse: only loader rules ran, so no comment is reported unused
    broken: bool = False
    #: line number → text of each comment's line (to underline a mistyped code)
    lines: tuple[tuple[int, str], ...] = ()
    #: the document's format (yaml | markdown): fix hints are worded in its terms
    format: str = "yaml"

    @classmethod
    def of(cls, document: Any) -> FileSuppressions:
        lines = document.lines
        wanted = sorted({suppression.line for suppression in document.suppressions})
        return cls(tuple(document.suppressions), bool(document.broken),
                   tuple((number, lines[number - 1]) for number in wanted if 0 < number <= len(lines)),
                   document.format)


class _KnownRule(NamedTuple):
    id: str
    name: str


def apply_suppressions(path: str, findings: Sequence[Finding], facts: FileSuppressions, rules: Sequence[Any],
                       known_rules: Iterable[tuple[str, str]] | None = None) -> tuple[list[Finding], int]:
    """(findings kept plus PM006/PM008 findings, number of findings suppressed).

    `rules` are the rules that ran (an `id`, `name`, `severity`, `fix`, `category` each);
    `known_rules` the (id, name) of every rule loaded, enabled or not (None: `rules`):
    naming a loaded rule that did not run is "not needed", naming none is malformed.
    """
    suppressions = facts.suppressions
    if not suppressions:
        return list(findings), 0
    enabled_ids = {rule.id for rule in rules}
    names = {rule.name: rule.id for rule in rules}
    for rule in rules:  # ids are matched case-insensitively: `pm301` means PM301
        names.setdefault(rule.id.lower(), rule.id)
    used: list[set[str]] = [set() for _ in suppressions]
    # by the line they cover: ten thousand comments against ten thousand findings must not
    # be a hundred million comparisons
    by_line: dict[int | None, list[int]] = {}
    for index, suppression in enumerate(suppressions):
        by_line.setdefault(suppression.target_line, []).append(index)
    file_wide = by_line.get(None, [])
    kept: list[Finding] = []
    for finding in findings:
        if finding.rule_id == INTERNAL_ERROR_ID:
            kept.append(finding)
            continue
        suppressed = False
        for index in (*file_wide, *by_line.get(finding.span.line, ())):
            suppression = suppressions[index]
            for code in suppression.rules:
                if code.lower() == "all" or names.get(code, names.get(code.lower(), code)) == finding.rule_id:
                    used[index].add(code)
                    suppressed = True
        if not suppressed:
            kept.append(finding)
    hidden = len(findings) - len(kept)
    # On a broken document only the loader rules ran: every other suppression would look
    # unused, burying the one finding that matters (the syntax error) under noise.
    if facts.broken:
        return kept, hidden
    known = [_KnownRule(rule_id, name) for rule_id, name in
             dict.fromkeys(known_rules if known_rules is not None else ((rule.id, rule.name) for rule in rules))]
    by_id = {rule.id: rule for rule in rules}
    unused_rule, bad_rule = by_id.get(UNUSED_SUPPRESSION_ID), by_id.get(BAD_SUPPRESSION_ID)
    lines = dict(facts.lines)
    for index, suppression in enumerate(suppressions):
        comment = Span(suppression.line, suppression.column, suppression.line,
                       max(suppression.end_column, suppression.column))
        where = "in this file" if suppression.target_line is None else f"on line {suppression.target_line}"
        for code in suppression.rules:
            if code in used[index]:
                continue
            if code.lower() != "all" and not _names_rule(code, known):
                if bad_rule is not None:  # a typo is a malformed comment, not an unused one
                    kept.append(Finding(
                        BAD_SUPPRESSION_ID, BAD_SUPPRESSION_NAME, bad_rule.severity,
                        f"Suppression comment names no rule: {code!r} is not a rule id or name"
                        f"{suggest_code(code, known)}", path,
                        _code_span(lines.get(suppression.line), suppression, code) or comment, "",
                        _fix(bad_rule, facts.format), bad_rule.category))
                continue
            if unused_rule is None:
                continue
            target = names.get(code, names.get(code.lower(), code))
            if code.lower() == "all":
                why = f"suppresses nothing {where}"
            elif target not in enabled_ids:
                why = f"is not needed: rule {code} is not enabled"
            else:
                why = f"suppresses nothing: {code} reports no finding {where}"
            kept.append(Finding(
                UNUSED_SUPPRESSION_ID, UNUSED_SUPPRESSION_NAME, unused_rule.severity,
                f"Suppression comment {why}", path, comment, "", _fix(unused_rule, facts.format),
                unused_rule.category))
    return kept, hidden


def _fix(rule: Any, fmt: str) -> str:
    """The rule's fix hint in the document's own terms (YAML fields or Markdown headings)."""
    fix_for = getattr(rule, "fix_for", None)
    return fix_for(fmt) if fix_for is not None else rule.fix


def _names_rule(code: str, known: list[_KnownRule]) -> bool:
    return any(code.upper() == rule.id or code == rule.name for rule in known)


def _code_span(line: str | None, suppression: Suppression, code: str) -> Span | None:
    """Where `code` is written in the suppression comment, to underline just the typo."""
    if line is None:
        return None
    match = re.compile(rf"(?<![A-Za-z0-9_\-]){re.escape(code)}(?![A-Za-z0-9_\-])").search(line, suppression.column - 1)
    if match is None:
        return None
    return Span(suppression.line, match.start() + 1, suppression.line, match.end())

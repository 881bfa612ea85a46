"""Fix hints speak the document's language: Markdown postmortems get Markdown advice."""

from __future__ import annotations

import json
import re

import pytest

from conftest import write
from pmlint.engine.rules import load_rules
from pmlint.schema import load_schema

RULES = load_rules(())
TICKED = re.compile(r"`([^`]+)`")


def yaml_field_paths(text: str) -> list[str]:
    """Backticked YAML field paths in a hint: `owner:`, `impact.revenue`, `on_call:`,
    `lessons:` ... (settings and pmlint commands are not document fields)."""
    fields: set[str] = set()
    pending = [load_schema("postmortem")]
    while pending:  # every field name, at any depth
        node = pending.pop()
        if isinstance(node, dict):
            fields.update(node.get("properties") or {})
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    found = []
    for token in TICKED.findall(text):
        head = re.split(r"[.:\s{]", token.strip(), maxsplit=1)[0]
        if token.startswith(("settings.", "pmlint ", "#", "<!--")):
            continue
        if head in fields and (":" in token or "." in token):
            found.append(token)
    return found


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_a_rule_whose_fix_names_yaml_fields_says_it_in_markdown_too(rule):
    if rule.id == "PM016":  # unknown keys exist only in YAML (front matter keeps schema fields only)
        return
    if yaml_field_paths(rule.fix):
        assert rule.fix_markdown, f"{rule.id}'s fix names {yaml_field_paths(rule.fix)}: add fix_markdown"
    if rule.fix_markdown:
        assert not yaml_field_paths(rule.fix_markdown), f"{rule.id}'s fix_markdown still speaks YAML"


def test_findings_carry_the_fix_for_their_document_format(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", "title: T\naction_items:\n  - title: Add alert\n")
    write(tmp_path / "pm.md", "# T\n\n## Action items\n\n| Action | Due |\n|---|---|\n| Add alert | 2025-07-01 |\n")
    code, out, err = run_cli("check", "--select", "PM301", "-f", "json", "pm.yaml", "pm.md", cwd=tmp_path)
    fixes = {finding["path"]: finding["fix"] for finding in json.loads(out)["findings"]}
    [rule] = [rule for rule in RULES if rule.id == "PM301"]
    assert fixes == {"pm.yaml": rule.fix, "pm.md": rule.fix_markdown}
    assert "Owner column" in fixes["pm.md"] and "owner:" in fixes["pm.yaml"]
    code, out, _ = run_cli("check", "--select", "PM301", "pm.md", cwd=tmp_path)  # the text report too
    assert "Owner column" in out


def test_explain_shows_both_fixes(run_cli):
    code, out, _ = run_cli("explain", "PM401")
    assert code == 0
    assert "How to fix (YAML)\n  Add `detection: {method:" in out
    assert "How to fix (Markdown)\n  Add a \"## Detection\" section" in out
    code, out, _ = run_cli("explain", "PM701")  # the same words in both formats: one fix
    assert "How to fix\n" in out and "(Markdown)" not in out


def test_the_rule_schema_accepts_fix_markdown_in_custom_rules(run_cli, tmp_path):
    write(tmp_path / "rules" / "acme.yaml", """\
id: ACME101
name: needs-title
severity: warning
summary: A title.
rationale: Titles find documents.
given: $
then: {field: title, function: truthy}
message: No title
fix: 'Add `title:`.'
fix_markdown: 'Start the document with a "# Title" heading.'
examples:
  - invalid: 'summary: x'
""")
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\n")
    write(tmp_path / "pm.md", "Some text.\n")
    code, out, err = run_cli("check", "--select", "ACME101", "-f", "json", "pm.md", cwd=tmp_path)
    assert [f["fix"] for f in json.loads(out)["findings"]] == ['Start the document with a "# Title" heading.']


BASE = """\
---
title: Checkout outage
date: 2025-06-21
severity: SEV2
---
# Checkout outage

## Summary

Checkout failed after a config change. A rollback restored service.

## Impact

Checkout was slow.

## Timeline

- 2025-06-21 14:00 UTC - impact starts
- 2025-06-21 14:05 UTC - alert fired
- 2025-06-21 14:40 UTC - rollback finished, mitigated
- 2025-06-21 14:45 UTC - resolved

## Root causes

- [code] The pool size is read from config without a lower bound.

## Resolution

We rolled back the config change by hand on each host.

## Action items

| Action | Owner | Due | Priority | Ticket | Type | Layer |
|---|---|---|---|---|---|---|
| Validate the pool size at config load | dana | 2025-07-15 | P1 | OPS-1 | prevent | code |
"""

# rule → (text the Markdown hint says to add, where: after which line of BASE)
FOLLOWING_THE_HINT = {
    "PM201": ("## On-call\n\n- Pages: 3\n- Off-hours pages: 0\n- Responders: 2\n- Person-hours: 4\n- Toil: none\n",
              "## Resolution"),
    "PM204": ("## On-call\n\n- Pages: 3\n- Off-hours pages: 0\n- Responders: 2\n- Person-hours: 4\n"
              "- Toil: rolled back the config by hand on each host\n", "## Resolution"),
    "PM401": ("## Detection\n\n**Detection:** alert from the checkout 5xx monitor\n", "## Timeline"),
    "PM601": ("1,200 users were affected, lasting 45 minutes.\n\n", "## Timeline"),
    "PM603": ("Customer-facing: no\n\n", "## Timeline"),
    "PM602": ("It burned 18% of the monthly error budget of the checkout SLO.\n\n", "## Timeline"),
    "PM801": ("## Lessons learned\n\n### What went well\n\n- The alert fired.\n\n### What went wrong\n\n"
              "- Manual rollback.\n\n### Where we got lucky\n\n- Quiet hour.\n\n", "## Action items"),
    "PM102": ("## Layer analysis\n\n- **Infrastructure:** Not a factor: the nodes had 60% headroom throughout.\n"
              "- **Architecture:** Not a factor: checkout degrades per request as designed.\n\n", "## Resolution"),
}


#: rule → the base document for it, where BASE itself already satisfies the rule: its
#: timeline says "alert fired", from which pmlint infers how the incident was detected
BASE_FOR = {"PM401": BASE.replace("14:05 UTC - alert fired", "14:05 UTC - the team starts investigating")}


@pytest.mark.parametrize("rule_id", sorted(FOLLOWING_THE_HINT))
def test_doing_what_the_markdown_hint_says_satisfies_the_rule(run_cli, tmp_path, rule_id):
    addition, before = FOLLOWING_THE_HINT[rule_id]
    base = BASE_FOR.get(rule_id, BASE)
    write(tmp_path / "before.md", base)
    code, out, _ = run_cli("check", "--preset", "strict", "--select", rule_id, "-f", "json", "before.md", cwd=tmp_path)
    flagged = json.loads(out)["findings"]
    assert flagged, f"{rule_id} does not fire on the base document"
    [rule] = [rule for rule in RULES if rule.id == rule_id]
    assert all(finding["fix"] == rule.fix_markdown for finding in flagged)
    write(tmp_path / "after.md", base.replace(before, addition + before, 1))
    code, out, _ = run_cli("check", "--preset", "strict", "--select", rule_id, "-f", "json", "after.md", cwd=tmp_path)
    assert json.loads(out)["findings"] == [], out


def test_customer_facing_no_reads_as_false(run_cli, tmp_path):
    """The hint's (and the template's) `Customer-facing: no` means no, though it names the words."""
    write(tmp_path / "pm.md", BASE.replace("## Timeline", "Customer-facing: no\n\n## Timeline", 1))
    code, out, _ = run_cli("convert", "pm.md", cwd=tmp_path)
    assert "customer_facing: false" in out

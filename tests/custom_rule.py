"""A rule of the tests' own (installed through `rules-dirs`), for tests of the
filtering stages (baseline, per-path) that must not move when the built-in pack changes."""

from __future__ import annotations

from pathlib import Path

RULE = """\
id: TST101
name: item-owner
category: action-items
severity: error
summary: Every action item has an owner.
rationale: Reports each action item without an owner.
given: $.action_items[*]
then:
  field: owner
  function: truthy
message: 'Action item "{title}" has no owner'
fix: Add an owner.
examples:
  - invalid: |
      action_items: [{title: x}]
  - valid: |
      action_items: [{title: x, owner: y}]
"""


def install_rule(root: Path, extra_config: str = "") -> None:
    (root / "rules").mkdir(exist_ok=True)
    (root / "rules" / "TST101-item-owner.yaml").write_text(RULE, encoding="utf-8")
    (root / ".pmlint.yaml").write_text("rules-dirs: [rules]\n" + extra_config, encoding="utf-8")

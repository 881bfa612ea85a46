"""An item that asks a question of fact, answered in the paragraph right after it
(held-out T): "- Confirm finality roll back is normal" then "Confirmed it's not normal.
From Danny: ..." is done, not an open item with no owner."""

from __future__ import annotations

from conftest import rule_findings, write

DOC = """# Finality decreased

## Summary

Finality fell back by 56 epochs after a fork; the node rejected attestations for an hour.

## Action items

- {item}

{answer}
"""


def test_an_item_answered_below_is_done(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOC.format(item="Confirm finality roll back is normal",
                                                answer="Confirmed it's not normal. The fork choice narrows by finality first."))
    assert rule_findings(run_cli, path, "PM314") == []
    code, out, _ = run_cli("convert", str(path))
    assert "status: done" in out


def test_an_unanswered_question_stays_open(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOC.format(item="Confirm finality roll back is normal",
                                                answer="The fork choice narrows by finality first."))
    assert len(rule_findings(run_cli, path, "PM314")) == 1


def test_another_participle_answers_nothing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOC.format(item="Add an alert on finality distance",
                                                answer="Confirmed it's not normal."))
    assert len(rule_findings(run_cli, path, "PM314")) == 1

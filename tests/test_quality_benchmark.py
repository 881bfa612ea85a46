"""benchmarks/quality.py scores findings against a review table the way it says it does.

A tiny corpus (one synthetic postmortem) and a review table built from pmlint's own
findings on it: one kept TP (same line), one FP whose line moved (matched by message),
and one reviewed FP that pmlint no longer gives (removed). What is left unreviewed must
be listed as new.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "quality.py"

POSTMORTEM = """# Checkout outage on 2025-03-04

## Summary

TODO: write the summary.

## Root causes

- Human error: an operator ran the wrong command.

## Action items

- Improve things
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def _corpus(tmp_path: Path) -> Path:
    """A corpus of one postmortem none of the review tables knows."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "checkout.md").write_text(POSTMORTEM, encoding="utf-8")
    return corpus


def _first_run(tmp_path: Path) -> tuple[Path, Path, list[dict]]:
    """(corpus, an empty review table, the findings that run leaves unreviewed)."""
    corpus = _corpus(tmp_path)
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    found = json.loads(_run("--corpus", str(corpus), "--review", str(empty), "--json").stdout)["new_unreviewed"]
    return corpus, empty, found


def test_quality_scores_a_tiny_corpus(tmp_path: Path):
    corpus = _corpus(tmp_path)
    empty_review = tmp_path / "empty.tsv"
    empty_review.write_text("file\tline\trule\tseverity\tverdict\tmessage\n", encoding="utf-8")
    first = _run("--corpus", str(corpus), "--review", str(empty_review), "--json")
    assert first.returncode == 0, first.stderr
    found = json.loads(first.stdout)["new_unreviewed"]
    assert len(found) >= 3, found
    tp, moved, rest = found[0], found[1], found[2:]
    rows = [
        ("checkout.md", tp["line"], tp["rule"], tp["severity"], "TP", tp["message"]),
        # line moved by 40: matched by file + rule + identical message
        ("checkout.md", moved["line"] + 40, moved["rule"], moved["severity"], "FP", moved["message"]),
        # a finding pmlint no longer gives: counted as removed
        ("checkout.md", 3, "PM999", "warning", "FP", "Something long gone"),
    ]
    review = tmp_path / "review.tsv"
    review.write_text("file\tline\trule\tseverity\tverdict\tmessage\n"
                      + "".join("\t".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    result = _run("--corpus", str(corpus), "--review", str(review), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["fate"] == {"tp_kept": 1, "fp_kept": 1, "fp_removed": 1}
    assert data["precision_reviewed"] == 0.5
    assert [row["message"] for row in data["still_fp_or_p"]] == [moved["message"]]
    assert data["carried_over"] == []  # same messages: nothing judged under another wording
    assert len(data["new_unreviewed"]) == len(rest)
    assert data["precision_all_low"] == round(1 / (2 + len(rest)), 4)

    text = _run("--corpus", str(corpus), "--review", str(review))
    assert "precision over reviewed findings still reported: 50 %" in text.stdout
    assert "NEW unreviewed findings (judge each): " in text.stdout


def test_quality_rejects_a_missing_corpus(tmp_path: Path):
    result = _run("--corpus", str(tmp_path / "nowhere"), "--review", str(tmp_path / "none.tsv"))
    assert result.returncode == 2
    assert "not found" in result.stderr


def test_quality_adds_a_second_review_table(tmp_path: Path):
    """Verdicts on new findings, kept in a second table, make them reviewed."""
    corpus, empty, found = _first_run(tmp_path)
    mine = tmp_path / "mine.tsv"
    mine.write_text("".join(f"checkout.md\t{row['line']}\t{row['rule']}\t{row['severity']}\tTP\t{row['message']}\n"
                            for row in found), encoding="utf-8")
    data = json.loads(_run("--corpus", str(corpus), "--review", str(empty), "--review", str(mine), "--json").stdout)
    assert data["new_unreviewed"] == [] and data["precision_reviewed"] == 1.0


def test_a_verdict_on_an_older_message_is_listed_as_carried_over(tmp_path: Path):
    """A finding matched by file, rule and line whose message changed since it was judged
    keeps the verdict, and is listed so a person checks the verdict still holds."""
    corpus, empty, found = _first_run(tmp_path)
    row = found[0]
    old = tmp_path / "old.tsv"
    old.write_text(f"checkout.md\t{row['line']}\t{row['rule']}\t{row['severity']}\tTP\tAn older wording\n",
                   encoding="utf-8")
    data = json.loads(_run("--corpus", str(corpus), "--review", str(old), "--json").stdout)
    assert [(item["message"], item["reviewed_message"]) for item in data["carried_over"]] == [
        (row["message"], "An older wording")]


def test_a_later_review_table_wins(tmp_path: Path):
    """A second review that re-judges a finding replaces the first verdict; it is not
    counted twice (once kept, once lost)."""
    corpus, empty, found = _first_run(tmp_path)
    assert found
    first, second = tmp_path / "first.tsv", tmp_path / "second.tsv"
    for path, verdict in ((first, "FP"), (second, "TP")):
        path.write_text("".join(f"checkout.md\t{row['line']}\t{row['rule']}\t{row['severity']}\t{verdict}\t"
                                f"{row['message']}\n" for row in found), encoding="utf-8")
    data = json.loads(_run("--corpus", str(corpus), "--review", str(first), "--review", str(second), "--json").stdout)
    assert data["reviewed"] == {"TP": len(found)} and data["precision_reviewed"] == 1.0


def test_without_review_each_table_is_scored_alone(tmp_path: Path):
    """The shared yardstick, the independent review, the combined view and the final
    review are four results from one run, so each reviewer's precision can be quoted on
    its own."""
    shared = SCRIPT.parent.parent.parent / "shared" / "quality" / "review.tsv"
    if not shared.exists():
        import pytest
        pytest.skip(f"shared review table not found at {shared}")
    corpus = _corpus(tmp_path)
    data = json.loads(_run("--corpus", str(corpus), "--json").stdout)
    assert set(data) == {"shared", "independent", "combined", "final"}
    # the corpus has none of the reviewed files: every finding is new in every view, and
    # rows for documents outside --corpus are not scored (no TP "lost" for them)
    for view in data.values():
        assert view["fate"].get("tp_kept", 0) == 0 and view["new_unreviewed"]
        assert view["fate"].get("tp_lost", 0) == 0 and view["reviewed"] == {}
    real = json.loads(_run("--corpus", str(shared.parent.parent / "corpus"), "--json").stdout)
    assert real["independent"]["reviewed"] != real["shared"]["reviewed"]  # each table scored alone
    text = _run("--corpus", str(corpus)).stdout
    assert text.count("precision over reviewed findings still reported") == 4
    assert "== independent: review-2026-11-30-independent.tsv" in text
    assert "== final: review-2026-11-30-final.tsv" in text

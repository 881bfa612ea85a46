#!/usr/bin/env python3
"""Score pmlint's findings on real postmortems against a reviewer's verdicts.

    python benchmarks/quality.py [--corpus DIR] [--review FILE] [--preset recommended] [--json]

Without `--review` it scores one pmlint run against four views, printed one after the
other so each can be quoted on its own:

- `shared`: the shared yardstick alone (../shared/quality/review.tsv, an outside
  reviewer's verdicts on the 2026-11-29 findings);
- `independent`: benchmarks/review-2026-11-30-independent.tsv alone, a third review by a
  reviewer who judged every finding of 2026-11-30 in context before reading either
  other table, with a reason per finding;
- `final`: benchmarks/review-2026-11-30-final.tsv, a fourth outside review of the
  findings left after the held-out precision work (2026-11-30, later), judged without
  reading any other table, then benchmarks/review-2026-11-30-new.tsv, the same kind of
  review of the findings the recall pass added after it, then
  benchmarks/review-2026-11-30-third.tsv, of the findings new or changed after the third
  session's fixes, then benchmarks/heldout/review-fourth.tsv (its corpus rows), of those
  new after the held-out H fixes;
- `combined`: the shared table, then the developers' own table
  (benchmarks/review-2026-11-30.tsv, written by pmlint's developers: more generous, it
  gives TP to findings the other two call FP or P), then the independent one; a later
  table's verdict on a finding replaces an earlier one's.

Runs the pmlint that the running interpreter imports (`python -m pmlint check`, so
`/other/worktree/.venv/bin/python benchmarks/quality.py` scores that worktree's code)
over the corpus, then matches every finding with a row of the review table
(tab-separated: file, line, rule, severity, verdict, message; verdict TP, FP or P;
with several `--review` tables, a later one's verdict on a finding replaces an earlier one's):

1. same file, rule and line;
2. else same file and rule when the message is identical, or when the rule speaks once
   in that file on both sides (a document-level finding whose line moved).

A verdict matched to a finding whose message has changed since it was judged is listed
("carried over"): the verdict was given to another claim, so a person checks it holds.

It prints precision over the reviewed findings still reported (TP / (TP + FP + P),
where a pedantic finding now at `info` counts as fixed: `info` is where the reviewer's
standard puts it; a false one counts at any severity), the
fate of every verdict (TPs kept, FPs removed, pedantic ones removed or demoted), errors
that a reviewer called false or pedantic, "missing" claims still made where the reviewer
found the thing in the text, and every NEW finding nobody reviewed, so a person judges
it before calling the work done. Precision over all findings is given as a range: new
findings counted all wrong, and all right. `--json` prints the same as one JSON object.

Exit status: 0, or 2 when pmlint itself fails to run.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"  # ../shared beside the clone, as CI lays it out
DEFAULT_CORPUS = SHARED / "corpus"
DEFAULT_REVIEW = SHARED / "quality" / "review.tsv"
#: The developers' own review (2026-11-30) of the findings pmlint gave after the inference
#: work. Written by pmlint's developers, not an outside reviewer: generous where the
#: independent review below is not, so it is never quoted alone.
OWN_REVIEW = HERE / "review-2026-11-30.tsv"
#: A third review (2026-11-30) by a reviewer outside the team: every finding judged in
#: context, with a reason, before the other tables were read.
INDEPENDENT_REVIEW = HERE / "review-2026-11-30-independent.tsv"
#: A fourth review (2026-11-30, later) by another reviewer outside the team, of the
#: findings left after the held-out precision work: every one judged in context, without
#: reading any other table.
FINAL_REVIEW = HERE / "review-2026-11-30-final.tsv"
#: The same kind of outside review of the findings the recall pass added after it (PM314's
#: unowned plans), judged in context without reading any other table; it extends `final`.
NEW_FINDINGS_REVIEW = HERE / "review-2026-11-30-new.tsv"
#: The same kind of outside review (third session) of the findings that were new, or whose
#: message changed, after that session's fixes; it extends `final`.
THIRD_REVIEW = HERE / "review-2026-11-30-third.tsv"
#: And of the findings new after the held-out H fixes (PM011 split into one finding per
#: section): one judge over every set, so only its corpus rows count here.
FOURTH_REVIEW = HERE / "heldout" / "review-fourth.tsv"
#: The views printed without `--review`: name → tables, a later one winning.
VIEWS: dict[str, list[Path]] = {
    "shared": [DEFAULT_REVIEW],
    "independent": [INDEPENDENT_REVIEW],
    "combined": [DEFAULT_REVIEW, OWN_REVIEW, INDEPENDENT_REVIEW],
    "final": [FINAL_REVIEW, NEW_FINDINGS_REVIEW, THIRD_REVIEW, FOURTH_REVIEW],
}
#: A finding that claims something is absent: the claim a reviewer checks first.
MISSING_WORDS = ("missing", "not recorded", "no action item", "not quantified", "no timeline", "none of the")


@dataclass(slots=True)
class Row:
    """A finding, reviewed (verdict set) or current (verdict empty)."""

    file: str
    line: int
    rule: str
    severity: str
    message: str
    verdict: str = ""


def read_review(path: Path) -> list[Row]:
    """The review table; a header row starting with `file` is skipped."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not record or record[0] == "file" or len(record) < 5:
                continue
            message = record[5] if len(record) > 5 else ""
            rows.append(Row(record[0], int(record[1]), record[2], record[3], message, record[4].strip().upper()))
    return rows


def merge_reviews(tables: list[list[Row]]) -> list[Row]:
    """The review tables as one, a later table winning: its verdict on a finding (same
    file, rule and line) replaces every earlier one, so a second review that re-judges
    all findings does not leave the first review's verdicts to count twice."""
    merged: dict[tuple[str, str, int], list[Row]] = {}
    for table in tables:
        fresh: dict[tuple[str, str, int], list[Row]] = {}
        for row in table:
            fresh.setdefault((row.file, row.rule, row.line), []).append(row)
        merged.update(fresh)
    return [row for rows in merged.values() for row in rows]


def run_pmlint(corpus: Path, preset: str) -> list[Row]:
    """Findings of `python -m pmlint check` (this interpreter's pmlint), run from an empty
    folder so no project config changes the preset."""
    with tempfile.TemporaryDirectory(prefix="pmlint-quality-") as scratch:
        result = subprocess.run([sys.executable, "-m", "pmlint", "check", "--format", "json", "--preset", preset,
                                 "--no-color", "--exit-zero", str(corpus.resolve())],
                                capture_output=True, text=True, cwd=scratch)
    if result.returncode != 0:
        sys.exit(f"pmlint failed ({result.returncode}): {result.stderr.strip()[:500]}")
    report = json.loads(result.stdout)
    return [Row(Path(item["path"]).name, int(item.get("line") or 1), item["rule"], item["severity"], item["message"])
            for item in report["findings"]]


def match(reviewed: list[Row], current: list[Row]) -> dict[int, int]:
    """Reviewed index → current index (see the module docstring for the two passes)."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    by_key: dict[tuple[str, str, int], list[int]] = {}
    for index, row in enumerate(current):
        by_key.setdefault((row.file, row.rule, row.line), []).append(index)
    # same place and same claim first (a finding split into one per section keeps its
    # line), then the same place whatever the message
    for exact in (True, False):
        for r_index, row in enumerate(reviewed):
            if r_index in pairs:
                continue
            for c_index in by_key.get((row.file, row.rule, row.line), []):
                if c_index not in taken and (not exact or same_claim(row.message, current[c_index].message)):
                    pairs[r_index] = c_index
                    taken.add(c_index)
                    break
    reviewed_count = Counter((row.file, row.rule) for row in reviewed)
    current_count = Counter((row.file, row.rule) for row in current)
    for r_index, row in enumerate(reviewed):
        if r_index in pairs:
            continue
        once = reviewed_count[row.file, row.rule] == 1 and current_count[row.file, row.rule] == 1
        for c_index, candidate in enumerate(current):
            if c_index in taken or (candidate.file, candidate.rule) != (row.file, row.rule):
                continue
            if once or candidate.message == row.message:
                pairs[r_index] = c_index
                taken.add(c_index)
                break
    return pairs


#: A review table may cut long messages (the independent one keeps 100 characters).
CUT_AT = 95


def same_claim(reviewed: str, current: str) -> bool:
    """Whether the reviewed message is the current one (or its start, in a table that
    cuts long messages)."""
    reviewed = reviewed.strip()
    return reviewed == current or (len(reviewed) >= CUT_AT and current.startswith(reviewed.rstrip("…").rstrip()))


def is_missing_claim(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in MISSING_WORDS)


def score(reviewed: list[Row], current: list[Row]) -> dict[str, Any]:
    """Every figure the report prints, as plain data."""
    pairs = match(reviewed, current)
    matched_current = set(pairs.values())
    fate: Counter[str] = Counter()
    loud: Counter[str] = Counter()  # verdicts of the findings at warning or error: the default signal in CI
    still_wrong: list[dict[str, Any]] = []
    lost: list[dict[str, Any]] = []  # reviewed TPs pmlint no longer gives: each needs a reason
    carried: list[dict[str, Any]] = []  # verdicts given to a finding whose message has changed since
    for r_index, row in enumerate(reviewed):
        c_index = pairs.get(r_index)
        now = current[c_index] if c_index is not None else None
        if row.verdict == "TP":
            fate["tp_kept" if now else "tp_lost"] += 1
            if now is None:
                lost.append(asdict(row))
        elif row.verdict == "FP":
            fate["fp_kept" if now else "fp_removed"] += 1
        elif row.verdict == "P":
            if now is None:
                fate["p_removed"] += 1
            elif now.severity == "info":
                fate["p_demoted"] += 1
            else:
                fate["p_kept"] += 1
        if now is not None and now.severity != "info":
            loud[row.verdict] += 1
        if now is not None and not same_claim(row.message, now.message):
            carried.append({**asdict(now), "verdict": row.verdict, "reviewed_message": row.message})
        if now is not None and row.verdict in ("FP", "P") and not (row.verdict == "P" and now.severity == "info"):
            still_wrong.append({**asdict(now), "verdict": row.verdict})
    # every finding counts, at any severity, but a pedantic one moved to `info`: that is
    # where the reviewer's standard puts it. A false claim stays false at `info`.
    counted = fate["tp_kept"] + fate["fp_kept"] + fate["p_kept"]
    new = [asdict(row) for index, row in enumerate(current) if index not in matched_current]
    new_counted = new
    total_counted = counted + len(new_counted)
    totals = Counter(row.verdict for row in reviewed)
    return {
        "reviewed": dict(totals), "findings_now": len(current), "fate": dict(fate),
        "precision_reviewed": _ratio(fate["tp_kept"], counted),
        # the strictest reading: TP over every finding, info and unreviewed ones included
        "precision_strict": _ratio(fate["tp_kept"], len(current)),
        "precision_warning_error": _ratio(loud["TP"], sum(loud.values()) + sum(
            1 for row in new if row["severity"] != "info")),
        "precision_all_low": _ratio(fate["tp_kept"], total_counted),
        "precision_all_high": _ratio(fate["tp_kept"] + len(new_counted), total_counted),
        "errors_fp_or_p": [row for row in still_wrong if row["severity"] == "error"],
        "missing_on_fp": [row for row in still_wrong if row["verdict"] == "FP" and is_missing_claim(row["message"])],
        "still_fp_or_p": still_wrong,
        "tp_lost": lost,
        "carried_over": carried,
        "new_unreviewed": new,
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f} %"


def _line(row: dict[str, Any]) -> str:
    verdict = f"[{row['verdict']}] " if row.get("verdict") else ""
    return f"  {verdict}{row['file']}:{row['line']} {row['rule']} {row['severity']}: {row['message']}"


def print_text(result: dict[str, Any]) -> None:
    fate, reviewed = result["fate"], result["reviewed"]
    print(f"reviewed findings: {sum(reviewed.values())} ({reviewed.get('TP', 0)} TP, {reviewed.get('FP', 0)} FP, "
          f"{reviewed.get('P', 0)} P); findings now: {result['findings_now']}")
    print(f"precision over reviewed findings still reported: {_percent(result['precision_reviewed'])}")
    print(f"precision at warning and error (new ones counted wrong): {_percent(result['precision_warning_error'])}")
    print(f"strict precision, TP / every finding (info included): {_percent(result['precision_strict'])}")
    print(f"precision over all findings (new ones counted wrong .. right): "
          f"{_percent(result['precision_all_low'])} .. {_percent(result['precision_all_high'])}")
    print(f"TP kept {fate.get('tp_kept', 0)}, lost {fate.get('tp_lost', 0)}; "
          f"FP removed {fate.get('fp_removed', 0)}, kept {fate.get('fp_kept', 0)}; "
          f"P removed {fate.get('p_removed', 0)}, demoted to info {fate.get('p_demoted', 0)}, "
          f"kept {fate.get('p_kept', 0)}")
    for title, key in (("reviewed TPs no longer reported (say why each)", "tp_lost"),
                       ("errors a reviewer called FP or P", "errors_fp_or_p"),
                       ('"missing" claims on reviewed FPs', "missing_on_fp"),
                       ("FP or P still in the default signal", "still_fp_or_p"),
                       ("verdicts carried to a finding whose message changed (check each still holds)",
                        "carried_over"),
                       ("NEW unreviewed findings (judge each)", "new_unreviewed")):
        print(f"{title}: {len(result[key])}")
        for row in result[key]:
            print(_line(row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of postmortems")
    parser.add_argument("--review", type=Path, action="append",
                        help="review table (TSV); repeat to add your own verdicts on new findings "
                             "(default: the views shared, independent, combined and final, each scored alone)")
    parser.add_argument("--preset", default="recommended")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    views = {"review": args.review} if args.review else VIEWS
    tables = {path for paths in views.values() for path in paths}
    missing = [str(path) for path in [args.corpus, *sorted(tables)] if not path.exists()]
    if missing or not args.corpus.is_dir():
        print(f"not found: {', '.join(missing) or args.corpus}", file=sys.stderr)
        return 2
    current = run_pmlint(args.corpus, args.preset)
    # a table may cover several folders (one judge's verdicts on every set): only the rows
    # for documents in this folder are scored
    present = {path.name for path in args.corpus.iterdir()}
    results = {name: score([row for row in merge_reviews([read_review(path) for path in paths])
                            if row.file in present], current)
               for name, paths in views.items()}
    if args.review:  # one view: the shape callers of `--review` already read
        results = results["review"]
        if args.json:
            print(json.dumps(results, indent=2))
        else:
            print_text(results)
        return 0
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, result in results.items():
        print(f"== {name}: {', '.join(path.name for path in views[name])}")
        print_text(result)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

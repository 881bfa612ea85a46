"""Per-document cost of the built-in rule pack.

Loads one realistic postmortem once (examples/exemplary.yaml, about 6 KB: larger than
the 4 KB typical of real ones, padded further if it ever shrinks below that), then runs every rule of the
`strict` preset on it many times and prints milliseconds per document. Loading,
discovery and reporting are excluded: this measures what the rules add.

    python benchmarks/rules_cost.py [--runs 500]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pmlint.config import Config, select_rules
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_text
from pmlint.settings import merge_settings

ROOT = Path(__file__).resolve().parent.parent


def realistic_document(target_bytes: int = 4096) -> str:
    """The exemplary postmortem, grown to about `target_bytes` with more timeline entries."""
    text = (ROOT / "examples" / "exemplary.yaml").read_text(encoding="utf-8")
    extra, minute = [], 0
    while len(text) + sum(map(len, extra)) < target_bytes:
        minute += 1
        extra.append(f'  - {{at: "2025-06-15T01:{minute:02}:00+02:00", event: Reconciliation batch {minute} '
                     f'of the affected order range completes, kind: other}}\n')
    resolved = text.index("kind: resolved}") + len("kind: resolved}\n")
    return text[:resolved] + "".join(extra) + text[resolved:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    text = realistic_document()
    document = load_text("bench.yaml", text, {})
    rules = select_rules(load_rules(), Config(), preset="strict")
    options = RunOptions(settings=merge_settings(None), severity={})
    lint_document(document, rules, options)  # warm up: compile regexes, import check modules
    started = time.perf_counter()
    for _ in range(args.runs):
        lint_document(document, rules, options)
    elapsed = time.perf_counter() - started
    durability = [rule for rule in rules if rule.id >= "PM010"]
    started = time.perf_counter()
    for _ in range(args.runs):
        lint_document(document, durability, options)
    durability_elapsed = time.perf_counter() - started
    print(f"document: {len(text.encode())} bytes, {len(rules)} rules (strict preset), {args.runs} runs")
    print(f"whole pack:           {elapsed / args.runs * 1000:.3f} ms/document")
    print(f"durability rules only: {durability_elapsed / args.runs * 1000:.3f} ms/document "
          f"({len(durability)} rules, PM010 and up; the rest is the schema check and loader rules)")


if __name__ == "__main__":
    main()

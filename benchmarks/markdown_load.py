#!/usr/bin/env python3
"""Time `pmlint check` on 1,000 generated ~4 KB Markdown postmortems (target: ≤ 4 s).

    python benchmarks/markdown_load.py [--files 1000] [--keep]

The documents mix the template styles pmlint reads (front matter + table actions,
bold-time bullets + task lists, H3-per-entry timelines, MoJ-style labelled bullets),
with code fences and prose, padded to about 4 KB. The figure is the wall-clock time
of the installed `pmlint check DIR` (text report to a file), run as a user runs it;
a second line times loading alone, in-process, per document.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVICES = ["checkout", "payments", "search", "auth", "inventory", "billing", "ledger", "media-cdn"]
PEOPLE = ["alice", "bob", "chen", "dana", "emeka", "farah"]
LAYERS = ["code", "infrastructure", "architecture"]
PROSE = ("The connection pool filled while the replica lagged, and retries without backoff kept it full. "
         "Dashboards showed the symptom long before anyone looked at the cause. ")


def _timeline(rng: random.Random, style: int, day: str) -> str:
    minutes = sorted(rng.sample(range(0, 600), 8))
    stamps = [f"{9 + m // 60:02d}:{m % 60:02d}" for m in minutes]
    events = ["Error rate rises on the service", "Alert fired for p99 latency", "On-call engineer acknowledges",
              "Incident declared and escalated", "Rollback started", "Rolled back; error rate drops",
              "Backlog drains", "Service fully restored"]
    if style == 0:
        rows = "\n".join(f"| {day} {stamp} | {event} |" for stamp, event in zip(stamps, events))
        return f"## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n|---|---|\n{rows}\n"
    if style == 1:
        return "## Timeline\n\n" + "\n".join(f"- **{stamp} UTC** - {event}" for stamp, event in zip(stamps, events)) + "\n"
    if style == 2:
        body = "\n\n".join(f"### {stamp}\n\n{event}. {PROSE[:80]}" for stamp, event in zip(stamps, events))
        return f"## Timeline (all times PST)\n\n### {day} {stamps[0]}\n\nStart.\n\n{body}\n"
    return "- **Key events**\n" + "\n".join(f"  - {event}: {day} {stamp}" for stamp, event in zip(stamps, events)) + "\n"


def _actions(rng: random.Random, style: int) -> str:
    titles = ["Add a replication-lag alert on the read pool", "Cap export I/O per workload",
              "Split batch reads onto their own replicas", "Automate the failover runbook step",
              "Add backoff with jitter to client retries"]
    if style == 0:
        rows = "\n".join(f"| {title} | {rng.choice(PEOPLE)} | 2025-0{rng.randint(7, 9)}-1{rng.randint(0, 9)} | "
                         f"P{rng.randint(1, 3)} | OPS-{rng.randint(100, 999)} | prevent | {rng.choice(LAYERS)} |"
                         for title in titles)
        return ("## Action items\n\n| Action item | Owner | Due | Priority | Ticket | Type | Layer |\n"
                f"|---|---|---|---|---|---|---|\n{rows}\n")
    if style == 1:
        return "## Follow-ups\n\n" + "\n".join(
            f"- [{' ' if rng.random() < .7 else 'x'}] {title} owner: @{rng.choice(PEOPLE)} due: 2025-08-01 P2"
            for title in titles) + "\n"
    return "## Action Items\n\n" + "\n".join(f"- **{title}**: {PROSE[:90]}" for title in titles) + "\n"


def document(index: int) -> str:
    rng = random.Random(index)
    style = index % 4
    service = rng.choice(SERVICES)
    day = f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    parts = [f"---\ntitle: {service} degraded ({index})\ndate: {day}\nseverity: SEV{rng.randint(1, 3)}\n---\n",
             f"# {service} degraded\n", f"## Summary\n\n{PROSE * 2}\n", f"## Impact\n\nAbout {rng.randint(50, 5000)} "
             f"users were affected for {rng.randint(10, 200)} minutes. {PROSE}\n",
             "## Detection\n\nAn alert paged the on-call engineer.\n", _timeline(rng, style, day),
             "## Root causes\n\n" + "\n".join(f"- [{layer}] {PROSE[:100]}" for layer in LAYERS) + "\n",
             f"## Resolution\n\n{PROSE}\n\n```\n12:00:01 ERROR pool exhausted\n12:00:02 ERROR retry\n```\n",
             _actions(rng, style % 3),
             "## Lessons learned\n\n### What went well\n\n- The rollback was quick\n\n### What went wrong\n\n"
             f"- {PROSE[:120]}\n\n### Where we got lucky\n\n- Low traffic at the time\n"]
    text = "\n".join(parts)
    while len(text.encode()) < 4000:
        text += f"\n{PROSE}\n"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder and print its path")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pmlint-md-bench-"))
    try:
        sizes = 0
        for index in range(args.files):
            text = document(index)
            sizes += len(text.encode())
            (folder / f"pm-{index:05d}.md").write_text(text, encoding="utf-8")
        pmlint = shutil.which("pmlint") or str(Path(sys.executable).parent / "pmlint")
        report = folder.parent / f"{folder.name}.report.txt"
        started = time.perf_counter()
        result = subprocess.run([pmlint, "check", str(folder), "--output", str(report), "--no-color"],
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode not in (0, 1):
            sys.exit(f"pmlint failed ({result.returncode}): {result.stderr.strip()}")
        from pmlint.load import load_path

        paths = sorted(folder.glob("*.md"))[:200]
        load_started = time.perf_counter()
        for path in paths:
            load_path(str(path))
        per_doc = (time.perf_counter() - load_started) / max(len(paths), 1) * 1000
        print(f"pmlint check: {args.files:,} Markdown postmortems (avg {sizes / args.files / 1024:.1f} KB) "
              f"in {elapsed:.2f} s wall clock ({elapsed / args.files * 1000:.2f} ms/file; target ≤ 4 s per 1,000)")
        print(f"Markdown loading alone: {per_doc:.2f} ms/document (in-process)")
        report.unlink(missing_ok=True)
    finally:
        if args.keep:
            print(f"corpus kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

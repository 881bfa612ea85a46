#!/usr/bin/env python3
"""Time and memory of `pmlint check` on one realistic 5 MB Markdown postmortem (target:
≤ 5 s and ≤ 300 MB peak RSS; it took 30 s and 240 MB before issue 14).

    python benchmarks/large_markdown.py [--mb 5] [--keep]

The document is what a long incident really produces: front matter, prose sections,
a timeline of thousands of time-stamped bullets and table rows (with midnight
rollovers), root causes with layer tags, an action-item table and task list, lessons.
pmlint runs as users run it (a subprocess, text report to a file); the peak RSS is
the child's, from getrusage.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROSE = ("The connection pool filled while the replica lagged, and retries without backoff kept it full; "
         "dashboards showed the symptom long before anyone looked at the cause, and the on-call engineer "
         "escalated to the database team after the second page. ")
EVENTS = ["Error rate rises on checkout", "Alert fires for p99 latency", "On-call engineer acknowledges the page",
          "Incident declared and escalated to the database team", "Rollback started", "Rolled back; error rate drops",
          "Backlog drains", "Service fully restored"]


def document(target_bytes: int) -> str:
    """A Markdown postmortem of about `target_bytes` bytes."""
    head = ("---\nid: INC-2025-100\ntitle: Checkout failed during a replica lag storm\ndate: 2025-06-14\n"
            "severity: SEV1\nservices: [checkout, inventory]\nauthors: [Priya Nair]\n---\n\n"
            "# Checkout failed during a replica lag storm\n\n## Summary\n\n" + PROSE * 4 + "\n\n## Impact\n\n"
            "3,100 customers were affected for 52 minutes; 41 orders failed, costing EUR 1,240. "
            "The checkout SLO burned 18% of its monthly error budget.\n\n## Detection\n\n"
            "An alert paged the on-call engineer 11 minutes after the start.\n\n")
    parts = [head]
    size = len(head)
    part = max(target_bytes // 5, 1)
    timeline, written, minute = ["## Timeline\n\nAll times UTC.\n\n"], 0, 0
    while written < part:
        stamp = f"{(minute // 60) % 24:02d}:{minute % 60:02d}"
        line = f"- {stamp} {EVENTS[minute % len(EVENTS)]} (see the dashboard, run {minute})\n"
        timeline.append(line)
        written += len(line)
        minute += 7
    table, written = ["\n| Time | Event |\n|---|---|\n"], 0
    while written < part:
        row = f"| 2025-06-14 {(written // 97) % 24:02d}:{written % 60:02d} | {EVENTS[written % len(EVENTS)]} |\n"
        table.append(row)
        written += len(row)
    causes, written, index = ["\n## Root causes\n\n"], 0, 0
    while written < part:
        layer = ("code", "infrastructure", "architecture")[index % 3]
        line = f"- [{layer}] The client retried without backoff on replica {index}. {PROSE}\n"
        causes.append(line)
        written += len(line)
        index += 1
    actions, written, index = ["\n## Action items\n\n| Action | Owner | Due | Priority | Ticket |\n|---|---|---|---|---|\n"], 0, 0
    while written < part:
        row = f"| Add a staleness bound to inventory client {index} | @team{index % 9} | 2025-07-{1 + index % 28:02d} | P{index % 3} | INV-{index} |\n"
        actions.append(row)
        written += len(row)
        index += 1
    lessons, written = ["\n## Lessons learned\n\n### What went well\n\n"], 0
    while written < part:
        lessons.append(PROSE + "\n\n")
        written += len(PROSE) + 2
    for piece in (timeline, table, causes, actions, lessons):
        parts.extend(piece)
        size += sum(map(len, piece))
    return "".join(parts)


def measure(path: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of `pmlint check PATH`. The check runs in
    one process, so on an idle machine its wall time is its CPU time; on a shared one the
    CPU time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pmlint", "check", str(path), "-f", f"text:{path}.txt"],
                   check=False, capture_output=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.9, help="size in MiB (default 4.9: under the 5 MiB max_file_bytes)")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pmlint-large-"))
    path = folder / "postmortem.md"
    path.write_text(document(int(args.mb * 1024 * 1024)), encoding="utf-8")
    seconds, cpu, peak = measure(path)
    print(f"{path.stat().st_size / 1e6:.1f} MB Markdown: {seconds:.2f} s ({cpu:.2f} s CPU), peak RSS {peak:.0f} MB "
          f"(targets: 5 s, 300 MB)")
    if args.keep:
        print(f"kept {path}")


if __name__ == "__main__":
    main()

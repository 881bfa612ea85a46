#!/usr/bin/env python3
"""Time `pmlint report` over a generated incident history, as a user runs it.

    python benchmarks/report_bench.py            # 10,000 YAML postmortems: json, markdown and html reports
    python benchmarks/report_bench.py --quick    # 1,000, to check the script works

Reuses bench.py's generator (benchmarks/.corpus/, git-ignored, deterministic), and
runs the installed `pmlint report DIR --format F --output FILE` with the default
`--jobs` (one process per CPU, as `check`). Prints a Markdown table: wall and CPU time
of each format (CPU time includes the pool's workers, and holds steady when other
processes share the machine), `pmlint check` on the same files for comparison, and the
size of each report.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CORPUS, corpus, print_table, timed  # noqa: E402  (a sibling script, not a package)


def cpu_timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the whole process tree, pool workers included).

    On a shared machine wall time swings with the neighbours' load; CPU time does not,
    and CPU / cores is what the run takes on an idle machine of this size."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _ = timed(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 files instead of 10,000")
    beside = Path(sys.executable).with_name("pmlint")
    parser.add_argument("--pmlint", default=str(beside) if beside.exists() else shutil.which("pmlint") or "pmlint")
    args = parser.parse_args()
    count = 1_000 if args.quick else 10_000
    folder = corpus("yaml", count)
    rows: list[tuple[str, str, str]] = []
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    check, check_cpu = cpu_timed([args.pmlint, "check", "--output", str(CORPUS / "check.txt"), str(folder)])
    rows.append((f"`pmlint check`, {count:,} YAML postmortems (reference)",
                 f"{check:.2f} s wall, {check_cpu:.1f} s CPU", ""))
    for fmt in ("json", "markdown", "html"):
        output = CORPUS / f"report.{'md' if fmt == 'markdown' else fmt}"
        output.unlink(missing_ok=True)
        elapsed, cpu = cpu_timed([args.pmlint, "report", str(folder), "--format", fmt, "--output", str(output)])
        if not output.is_file():
            rows.append((f"`pmlint report --format {fmt}`", "failed", "(is pmlint[report] installed?)"))
            continue
        rows.append((f"`pmlint report --format {fmt}`, {count:,} postmortems",
                     f"{elapsed:.2f} s wall, {cpu:.1f} s CPU (CPU / {cores} cores: {cpu / cores:.1f} s; "
                     f"{cpu / check_cpu:.2f}× check's CPU)", "≤ 15 s" if count == 10_000 else ""))
        rows.append((f"size of the {fmt} report", f"{output.stat().st_size / 2**20:.1f} MB", ""))
    print_table("pmlint report benchmark", "report_bench.py", args.quick, rows)


if __name__ == "__main__":
    main()

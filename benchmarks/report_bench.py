#!/usr/bin/env python3
"""Time `pmlint report` over a generated incident history, as a user runs it.

    python benchmarks/report_bench.py            # 10,000 YAML postmortems: json, markdown and html reports
    python benchmarks/report_bench.py --quick    # 1,000, to check the script works

Reuses bench.py's generator (benchmarks/.corpus/, git-ignored, deterministic), and
runs the installed `pmlint report DIR --format F --output FILE` with the default
`--jobs` (one process per CPU, as `check`). Prints a Markdown table: wall time of each
format, `pmlint check` on the same files for comparison, and the size of each report.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CORPUS, corpus, timed  # noqa: E402  (a sibling script, not a package)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 files instead of 10,000")
    beside = Path(sys.executable).with_name("pmlint")
    parser.add_argument("--pmlint", default=str(beside) if beside.exists() else shutil.which("pmlint") or "pmlint")
    args = parser.parse_args()
    count = 1_000 if args.quick else 10_000
    folder = corpus("yaml", count)
    rows: list[tuple[str, str, str]] = []
    check, _ = timed([args.pmlint, "check", "--output", str(CORPUS / "check.txt"), str(folder)])
    rows.append((f"`pmlint check`, {count:,} YAML postmortems (reference)", f"{check:.2f} s", ""))
    for fmt in ("json", "markdown", "html"):
        output = CORPUS / f"report.{'md' if fmt == 'markdown' else fmt}"
        output.unlink(missing_ok=True)
        elapsed, _ = timed([args.pmlint, "report", str(folder), "--format", fmt, "--output", str(output)])
        if not output.is_file():
            rows.append((f"`pmlint report --format {fmt}`", "failed", "(is pmlint[report] installed?)"))
            continue
        rows.append((f"`pmlint report --format {fmt}`, {count:,} postmortems", f"{elapsed:.2f} s",
                     "≤ 15 s" if count == 10_000 else ""))
        rows.append((f"size of the {fmt} report", f"{output.stat().st_size / 2**20:.1f} MB", ""))
    print(f"pmlint report benchmark, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()} {platform.system()}")
    print(f"command: python benchmarks/report_bench.py{' --quick' if args.quick else ''}\n")
    print("| measure | result | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    main()

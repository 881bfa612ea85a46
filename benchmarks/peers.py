#!/usr/bin/env python3
"""Time pmlint next to its peers on the same files, in the same run, and print ratios.

    python benchmarks/peers.py            # one file and 200 files, YAML and Markdown
    python benchmarks/peers.py --runs 21  # more runs per median (a noisy machine)

Peers: yamllint for YAML (`pip install -e '.[bench]'`) and markdownlint-cli2 for
Markdown (`npm install --prefix benchmarks/.node markdownlint-cli2`; the folder is
git-ignored). A peer that is not installed is reported as skipped. The files are the
generated ~4 KB postmortems of bench.py (benchmarks/.corpus/). Every figure is the
median wall-clock time of the command as a user runs it, interleaved (pmlint, peer,
pmlint, peer ...) so that load from other processes hits both alike; pmlint's
rule-pack cache is warm (a warm-up run fills it, as any earlier run does for a user).

The ratio is pmlint's time / the peer's time: below 1, pmlint is faster.

The floor rows show what no change to pmlint's own code can go below: starting the
interpreter (`python -c pass`) and importing the two libraries pmlint is built on
(`python -c "import click, ruamel.yaml"`), timed with the interpreter pmlint runs on and
interleaved with the one-file YAML runs, so their ratio to yamllint's time is in the same
conditions. One-file target of issue 11: pmlint ≤ 0.6 × yamllint; "above the floor" is
what pmlint's own modules, rule pack and checks cost on that file.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import ENV, corpus  # noqa: E402  (this folder is not a package)

HERE = Path(__file__).resolve().parent
NODE_BIN = HERE / ".node" / "node_modules" / ".bin"


def run_once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
    return time.perf_counter() - started


def interleaved_medians(commands: list[list[str]], runs: int) -> list[float]:
    """Median times of the commands, run in turn (one of each per round) after one warm-up each."""
    for command in commands:
        run_once(command)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, samples in zip(commands, times):
            samples.append(run_once(command))
    return [statistics.median(samples) for samples in times]


def paired_medians(first: list[str], second: list[str], runs: int) -> tuple[float, float]:
    """Median times of two commands, run alternately after one warm-up each."""
    mine, theirs = interleaved_medians([first, second], runs)
    return mine, theirs


#: The floor: what pmlint's interpreter costs before pmlint's own code runs.
FLOOR = [("floor: interpreter start (`python -c pass`)", "pass"),
         ("floor: `python -c \"import click, ruamel.yaml\"`", "import click, ruamel.yaml")]


def find_tool(name: str, *extra: Path) -> str | None:
    for candidate in (*extra, Path(sys.executable).with_name(name)):
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per median (default 15)")
    parser.add_argument("--files", type=int, default=200, help="files in the folder runs (default 200)")
    args = parser.parse_args()
    pmlint = find_tool("pmlint") or "pmlint"
    yamllint = find_tool("yamllint")
    markdownlint = find_tool("markdownlint-cli2", NODE_BIN / "markdownlint-cli2")
    report = str(HERE / ".corpus" / "peers-report.txt")
    yaml_folder, md_folder = corpus("yaml", args.files), corpus("markdown", args.files)
    one_yaml, one_md = sorted(yaml_folder.iterdir())[0], sorted(md_folder.iterdir())[0]

    def check(target: Path) -> list[str]:
        return [pmlint, "check", "--output", report, str(target)]

    rows: list[tuple[str, str, str, str]] = []
    version = statistics.median(run_once([pmlint, "--version"]) for _ in range(args.runs))
    rows.append(("`pmlint --version`", f"{version * 1000:.0f} ms", "", ""))
    peers = [
        ("yamllint", yamllint, lambda target: [yamllint, "-f", "parsable", str(target)], one_yaml, yaml_folder),
        ("markdownlint-cli2", markdownlint, lambda target: [markdownlint, str(target)], one_md, md_folder),
    ]
    for name, tool, command, one, folder in peers:
        if tool is None:
            rows.append((f"{name}", "skipped (not installed)", "", ""))
            continue
        floor = FLOOR if name == "yamllint" else []
        mine, theirs, *floors = interleaved_medians(
            [check(one), command(one), *([sys.executable, "-c", code] for _, code in floor)], args.runs)
        for (label, _), seconds in zip(floor, floors):
            rows.append((label, f"{seconds * 1000:.0f} ms", f"{theirs * 1000:.0f} ms", f"{seconds / theirs:.2f}"))
        rows.append((f"one 4 KB file vs {name}", f"{mine * 1000:.0f} ms", f"{theirs * 1000:.0f} ms",
                     f"{mine / theirs:.2f}"))
        if floors:
            above = mine - floors[-1]
            budget = 0.6 * theirs - floors[-1]
            rows.append(("pmlint above the floor (its own imports, rules, checks)", f"{above * 1000:.0f} ms", "",
                         f"0.6 × yamllint leaves {budget * 1000:.0f} ms"))
        folder_runs = max(3, args.runs // 5)
        mine, theirs = paired_medians(check(folder), command(folder), folder_runs)
        rows.append((f"{args.files} files vs {name}", f"{mine:.2f} s", f"{theirs:.2f} s", f"{mine / theirs:.2f}"))

    print(f"pmlint vs peers, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()} {platform.system()}, medians of {args.runs} runs")
    print(f"command: python benchmarks/peers.py --runs {args.runs}\n")
    print("| measure | pmlint | peer | pmlint / peer |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

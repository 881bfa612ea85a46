#!/usr/bin/env python3
"""Time pmlint on generated corpora of realistic ~4 KB postmortems, next to yamllint.

    python benchmarks/bench.py            # full run: 1,000 and 10,000 files (~2 minutes + yamllint ~1 minute)
    python benchmarks/bench.py --quick    # a small run to check the script works

Generates YAML and Markdown postmortems (varied services, timelines, root causes and
action items, with flaws so rules fire: missing owners, naive timestamps, blaming
language) into benchmarks/.corpus/ (git-ignored; reused between runs), then prints a
Markdown table: cold start, one file, throughput, peak memory, and yamllint on the
same YAML files. Every figure is wall-clock time of the installed `pmlint` command,
run as a user runs it (`pmlint check DIR`, text report to a file).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".corpus"
SERVICES = ["checkout", "payments", "search", "auth", "cart-cache", "inventory", "notifications", "billing",
            "api-gateway", "ledger", "recommendations", "media-cdn"]
PEOPLE = ["alice", "bob", "chen", "dana", "emeka", "farah", "goran", "hana", "ivan", "jules"]
LAYERS = ["code", "infrastructure", "architecture", "process"]
CAUSES = [
    ("Replica sized for half the production load", "The replica was provisioned from an old capacity plan "
     "and could not hold the working set once traffic grew."),
    ("Retries without backoff amplified the load", "Every client retried immediately, tripling the request rate "
     "against a database that was already saturated."),
    ("No request coalescing in front of the database", "Each cache miss goes straight to the database; a cold "
     "cache turns into a thundering herd."),
    ("Deploy pipeline skipped the canary stage", "A configuration flag disabled the canary for hotfixes and was "
     "never turned back on."),
    ("Certificate renewal depended on a manual step", "The renewal job needed a token that had expired, and the "
     "failure only logged a warning."),
]
#: As installed from a wheel: byte-code caches allowed (pip compiles them at install time;
#: an environment with PYTHONDONTWRITEBYTECODE would recompile pmlint on every start).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
FLAWS = ["Someone should have noticed the alert earlier.", "The operator failed to check the runbook.",
         "This was a careless mistake during the deploy.", ""]


def yaml_postmortem(rng: random.Random, n: int) -> str:
    services = rng.sample(SERVICES, rng.randint(1, 3))
    day = f"2023-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
    start = rng.randint(0, 20)
    zone = rng.choice(["Z", "Z", "Z", "+02:00", ""])  # some naive timestamps: PM501 fires
    causes = rng.sample(CAUSES, rng.randint(1, 3))
    lines = [
        "schema_version: 1",
        f"id: INC-{day[:4]}-{n:05}",
        f"title: {services[0].capitalize()} degradation after {rng.choice(['failover', 'deploy', 'config change', 'traffic spike'])}",
        f"date: {day}",
        f"status: {rng.choice(['draft', 'review', 'final'])}",
        f"severity: SEV{rng.randint(1, 4)}",
        f"services: [{', '.join(services)}]",
        f"authors: [{rng.choice(PEOPLE)}@example.com, {rng.choice(PEOPLE)}@example.com]",
        "summary: >",
        f"  Between {start:02}:02 and {start + 1:02}:10 UTC requests to {services[0]} timed out for roughly",
        f"  {rng.randint(5, 60)}% of users after {causes[0][0].lower()}. {rng.choice(FLAWS)}",
        "impact:",
        f"  description: {rng.randint(5, 60)}% of requests failed or took longer than 10 seconds.",
        f"  users_affected: {rng.randint(100, 90_000)}",
        f"  duration_minutes: {rng.randint(5, 300)}",
        f"  customer_facing: {rng.choice(['true', 'false'])}",
        f"  slo: {{name: {services[0]}-availability, budget_consumed: {rng.random():.2f}}}",
        "detection:",
        f"  method: {rng.choice(['alert', 'monitoring', 'customer', 'employee'])}",
        f"  source: p99 latency alert on {services[0]}",
        "  gap: The eviction rate had no alert; we learned of it from latency.",
        "timeline:",
    ]
    kinds = ["started", "detected", "escalated", "mitigated", "resolved"]
    for index, kind in enumerate(kinds):
        minute = 2 + index * rng.randint(3, 12)
        lines.append(f'  - {{at: "{day}T{start:02}:{min(minute, 59):02}:00{zone}", '
                     f"event: {kind.capitalize()} - {rng.choice(SERVICES)} {rng.choice(['alerted', 'recovered', 'paged', 'failed over'])}, kind: {kind}}}")
    lines.append(f"trigger: {rng.choice(['Disk failure on the primary node', 'A routine kernel update', 'A bad feature flag'])}.")
    lines.append("root_causes:")
    for summary, description in causes:
        lines += [
            f"  - summary: {summary}",
            f"    layer: {rng.choice(LAYERS)}",
            f"    description: {description}",
            "    whys:",
            "      - Why did requests fail? The connection pool saturated.",
            "      - Why did it saturate? Cache misses tripled after the failover.",
            "      - Why did misses triple? The replica could not hold the working set.",
        ]
    lines += [
        "layer_analysis:",
        "  code: The client retried without backoff, tripling load.",
        "  infrastructure: Replica sizing, as above.",
        "  architecture: No request coalescing or load shedding in front of the database.",
        "on_call:",
        f"  pages: {rng.randint(0, 12)}",
        f"  off_hours_pages: {rng.randint(0, 4)}",
        f"  responders: {rng.randint(1, 6)}",
        f"  person_hours: {rng.randint(1, 40)}",
        f"  sleep_interrupted: {rng.choice(['true', 'false'])}",
        "  toil: [manually shifted traffic, restarted the cache replica twice]",
        "resolution: Shifted traffic to the standby region, then resized the replica and shifted back.",
        "action_items:",
    ]
    for index in range(rng.randint(2, 5)):
        owner = "" if rng.random() < 0.2 else f", owner: {rng.choice(PEOPLE)}"  # some unowned: PM301 fires
        due = "" if rng.random() < 0.2 else f", due: 2023-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        lines.append(f"  - {{id: AI-{index + 1}, title: {rng.choice(['Add', 'Resize', 'Alert on', 'Automate'])} "
                     f"{rng.choice(['the cache replica', 'eviction rate', 'retry backoff', 'canary stage'])}"
                     f"{owner}{due}, priority: P{rng.randint(1, 3)}, ticket: OPS-{rng.randint(100, 9999)}, "
                     f"type: {rng.choice(['prevent', 'mitigate', 'detect', 'repair'])}, "
                     f"layer: {rng.choice(LAYERS)}, status: open}}")
    lines += [
        "lessons:",
        "  went_well: [The standby region absorbed traffic within minutes]",
        "  went_wrong: [Capacity plans were stale, Retries amplified the load]",
        "  got_lucky: [The failure happened outside the peak sales window]",
        f"related_incidents: [INC-2022-{rng.randint(1, 999):04}]",
    ]
    text = "\n".join(lines) + "\n"
    while len(text) < 3_900:  # pad the prose to a realistic ~4 KB
        text = text.replace("resolution: ", "resolution: We verified recovery on every dashboard. ", 1)
    return text


def markdown_postmortem(rng: random.Random, n: int) -> str:
    data = yaml_postmortem(rng, n)
    title = data.split("title: ", 1)[1].split("\n", 1)[0]
    body = [
        "---", f"id: INC-2023-{n:05}", f"severity: SEV{rng.randint(1, 4)}", "status: final", "---", "",
        f"# {title}", "", "## Summary", "",
        "Checkout requests timed out for a third of users after the primary cache node failed over. "
        f"{rng.choice(FLAWS)}", "",
        "## Impact", "", f"{rng.randint(100, 90_000)} users affected for {rng.randint(5, 300)} minutes; "
        "31% of checkout attempts failed.", "",
        "## Detection", "", "Detected by the p99 latency alert on checkout-api.", "",
        "## Timeline", "",
    ]
    for index, kind in enumerate(["started", "detected", "mitigated", "resolved"]):
        body.append(f"- 2023-04-12 14:{10 + index * 7:02} UTC - {kind}: {rng.choice(CAUSES)[0]}")
    body += ["", "## Root causes", ""]
    for summary, description in rng.sample(CAUSES, 2):
        body.append(f"- [{rng.choice(LAYERS)}] {summary}. {description}")
    body += ["", "## Action items", "", "| Action | Owner | Due | Priority | Ticket |", "|---|---|---|---|---|"]
    for index in range(rng.randint(2, 5)):
        owner = "" if rng.random() < 0.2 else rng.choice(PEOPLE)
        body.append(f"| {rng.choice(['Resize the replica', 'Alert on evictions', 'Add backoff'])} | {owner} | "
                    f"2023-05-{rng.randint(1, 28):02} | P{rng.randint(1, 3)} | OPS-{rng.randint(100, 9999)} |")
    body += ["", "## Lessons learned", "", "- What went well: the standby region absorbed traffic.",
             "- What went wrong: capacity plans were stale.", "- Where we got lucky: outside peak hours.", ""]
    text = "\n".join(body)
    while len(text) < 3_900:
        text += "\nWe verified recovery on every dashboard and kept the incident channel open for an hour.\n"
    return text


def corpus(kind: str, count: int) -> Path:
    """benchmarks/.corpus/<kind>-<count>/, generated once (deterministic seed)."""
    folder = CORPUS / f"{kind}-{count}"
    if folder.is_dir() and len(os.listdir(folder)) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(20240601 + count)
    for n in range(count):
        if kind == "yaml":
            (folder / f"pm-{n:05}.yaml").write_text(yaml_postmortem(rng, n), encoding="utf-8")
        else:
            (folder / f"pm-{n:05}.md").write_text(markdown_postmortem(rng, n), encoding="utf-8")
    return folder


class TreeMemory:
    """Samples the summed RSS of a process and its descendants (the pool workers)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.is_set():
            total = 0
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/statm") as handle:
                        total += int(handle.read().split()[1]) * page
                except OSError:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.02)

    def _tree(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    pass
        tree, frontier = [self.pid], [self.pid]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            tree += frontier
        return tree

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(command: list[str], memory: bool = False) -> tuple[float, int]:
    """(wall seconds, peak summed RSS in bytes or 0) of one run, output discarded."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    sampler = TreeMemory(process.pid) if memory and Path("/proc").is_dir() else None
    process.wait()
    elapsed = time.perf_counter() - started
    return elapsed, sampler.stop() if sampler else 0


def median(command: list[str], runs: int) -> float:
    timed(command)  # warm the page cache
    return statistics.median(timed(command)[0] for _ in range(runs))


def largest_process_rss(command: list[str]) -> int:
    """ru_maxrss of the largest single process in the run (bytes), via RUSAGE_CHILDREN."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout.strip()) * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small corpora (200 files), no 10,000-file run")
    beside = Path(sys.executable).with_name("pmlint")  # the script of the interpreter running this benchmark
    parser.add_argument("--pmlint", default=str(beside) if beside.exists() else shutil.which("pmlint") or "pmlint",
                        help="pmlint executable (default: the one next to this Python, else on PATH)")
    parser.add_argument("--no-yamllint", action="store_true", help="skip the yamllint reference run")
    args = parser.parse_args()
    small, large = (200, 0) if args.quick else (1_000, 10_000)
    pmlint = [args.pmlint]
    report = str(CORPUS / "report.txt")
    rows: list[tuple[str, str, str]] = []

    def check(folder: Path) -> list[str]:
        return [*pmlint, "check", "--output", report, str(folder)]

    yaml_small, md_small = corpus("yaml", small), corpus("markdown", small)
    one = next(iter(sorted(yaml_small.iterdir())))
    version = median([*pmlint, "--version"], 9)
    rows.append(("`pmlint --version` (cold start, median of 9)", f"{version * 1000:.0f} ms", "≤ 80 ms"))
    single = median(check(one), 7)
    rows.append(("`pmlint check` one 4 KB YAML file (median of 7)", f"{single * 1000:.0f} ms", "≤ 150 ms"))
    small_yaml = min(timed(check(yaml_small))[0] for _ in range(2))
    rows.append((f"{small:,} YAML postmortems (best of 2)", f"{small_yaml:.2f} s",
                 "≤ 2 s" if small == 1_000 else ""))
    small_md = min(timed(check(md_small))[0] for _ in range(2))
    rows.append((f"{small:,} Markdown postmortems (best of 2)", f"{small_md:.2f} s", ""))
    if large:
        yaml_large = corpus("yaml", large)
        large_time, large_memory = timed(check(yaml_large), memory=True)
        rows.append((f"{large:,} YAML postmortems", f"{large_time:.2f} s", "≤ 15 s"))
        rows.append((f"peak memory, {large:,} files (all processes, summed)", f"{large_memory / 2**20:.0f} MB",
                     "≤ 200 MB"))
        rows.append((f"peak memory, {large:,} files (largest process)",
                     f"{largest_process_rss(check(yaml_large)) / 2**20:.0f} MB", ""))
    yamllint = shutil.which("yamllint") or str(Path(sys.executable).with_name("yamllint"))
    if args.no_yamllint or not Path(yamllint).exists():
        rows.append(("yamllint (reference)", "skipped", "not installed" if not args.no_yamllint else "--no-yamllint"))
    else:
        reference = timed([yamllint, "-f", "parsable", str(yaml_small)])[0]
        rows.append((f"yamllint on the same {small:,} YAML files", f"{reference:.2f} s", ""))
        rows.append(("pmlint / yamllint", f"1/{reference / small_yaml:.0f}", "≤ 1/25"))

    print_table("pmlint benchmark", "bench.py", args.quick, rows)


def print_table(title: str, script: str, quick: bool, rows: list[tuple[str, str, str]]) -> None:
    """The Markdown table every benchmark script prints: machine, command, then one row a measure."""
    print(f"{title}, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()} {platform.system()}")
    print(f"command: python benchmarks/{script}{' --quick' if quick else ''}\n")
    print("| measure | result | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    main()

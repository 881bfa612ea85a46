"""A realistic Markdown postmortem of several megabytes: linear time, bounded memory.
Wall-clock figures are the benchmark's job (benchmarks/large_markdown.py); the test
holds ratios and peak memory, which do not depend on how busy the machine is."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from large_markdown import document  # noqa: E402
from pmlint.engine.rules import load_rules  # noqa: E402
from pmlint.engine.run import RunOptions, lint_document  # noqa: E402
from pmlint.load import load_text  # noqa: E402
from pmlint.settings import DEFAULT_SETTINGS  # noqa: E402


def lint_seconds(size: int) -> float:
    options = RunOptions(settings=dict(DEFAULT_SETTINGS), severity={})
    text = document(size)
    started = time.perf_counter()
    lint_document(load_text("pm.md", text, options.settings), load_rules(), options)
    return time.perf_counter() - started


def test_a_realistic_markdown_postmortem_scales_linearly():
    ratios = []
    for _ in range(2):
        small, large = lint_seconds(300_000), lint_seconds(1_200_000)
        ratios.append(large / small)
        if ratios[-1] <= 6:
            return
    raise AssertionError(f"x4 the document cost x{min(ratios):.1f} the time")


def test_a_five_megabyte_postmortem_stays_under_300_mb(tmp_path):
    path = tmp_path / "pm.md"
    path.write_text(document(int(4.9 * 1024 * 1024)), encoding="utf-8")
    # the peak of this process's own memory (VmHWM): ru_maxrss would also count the memory
    # of pytest, which a child inherits across fork and exec on Linux
    script = ("import re, resource, sys\nfrom pmlint.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n"
              "    pass\ntry:\n    status = open('/proc/self/status').read()\n"
              "    print(int(re.search(r'VmHWM:\\s*(\\d+)', status).group(1)) // 1024)\n"
              "except OSError:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n")
    completed = subprocess.run([sys.executable, "-c", script, "check", str(path), "-f", f"json:{tmp_path / 'r.json'}"],
                               capture_output=True, text=True, timeout=300)
    peak_mb = int(completed.stdout.strip().splitlines()[-1])
    assert peak_mb <= 300, f"peak RSS {peak_mb} MB"
    assert '"PM002"' not in (tmp_path / "r.json").read_text()  # it was read, not refused as too large

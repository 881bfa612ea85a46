"""Signals, with real processes and real signals: Ctrl-C exits 130 with "interrupted"
and no partial report; SIGTERM exits 143; the pool's workers never outlive pmlint,
even when pmlint itself is killed (PR_SET_PDEATHSIG)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adversarial import TOKENS, markdown_document

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, uses PR_SET_PDEATHSIG")


@pytest.fixture(scope="module")
def slow_tree(tmp_path_factory) -> Path:
    """Enough slow-to-check files (~40 KB of blame phrases each) that a --jobs run lasts
    several seconds: time to signal it while its workers are busy."""
    root = tmp_path_factory.mktemp("slow")
    text = markdown_document(TOKENS["failed-to"], 40_000)
    for index in range(240):
        (root / f"pm{index:03}.md").write_text(text, encoding="utf-8")
    return root


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(tree: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pmlint", "check", str(tree), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})


def wait_for_workers(process: subprocess.Popen, count: int = 2, seconds: float = 30) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        workers = children(process.pid)
        if len(workers) >= count:
            time.sleep(0.3)  # let them start on their first chunk
            return workers
        if process.poll() is not None:
            break
        time.sleep(0.05)
    pytest.fail(f"pmlint did not start {count} workers (exit {process.poll()})")


def wait_gone(pids: set[int], seconds: float = 10) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.05)
    return {pid for pid in pids if alive(pid)}


@pytest.mark.parametrize("signum, code, word", [(signal.SIGINT, 130, "interrupted"),
                                                (signal.SIGTERM, 143, "terminated")])
def test_a_signal_stops_the_run_and_its_workers(slow_tree, signum, code, word):
    process = start(slow_tree, "--jobs", "2")
    workers = wait_for_workers(process)
    process.send_signal(signum)
    out, err = process.communicate(timeout=30)
    assert process.returncode == code, err
    assert err.strip().splitlines()[-1] == f"pmlint: {word}"
    assert out == ""  # no partial report
    assert wait_gone(workers) == set()


def test_ctrl_c_on_a_serial_run_exits_130_without_a_report(slow_tree):
    process = start(slow_tree, "--jobs", "1")
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130 and out == "" and "interrupted" in err and "Traceback" not in err


def test_workers_die_with_a_killed_parent(slow_tree):
    process = start(slow_tree, "--jobs", "2")
    workers = wait_for_workers(process)
    process.kill()  # SIGKILL: no cleanup runs in the parent; the kernel must kill the workers
    process.communicate(timeout=30)
    assert wait_gone(workers) == set()

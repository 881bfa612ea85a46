"""Files on disk: missing paths, unreadable files, symlink loops, FIFOs and sockets,
10,000 files in one folder. pmlint never waits on a non-regular file and never stops
the run because one file cannot be read."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

GOOD = "title: Outage\nsummary: The cache failed.\n"


def findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def test_missing_path_is_exit_2_with_a_clear_message(tmp_path, run_cli):
    code, out, err = run_cli("check", "no/such/postmortem.yaml", cwd=tmp_path)
    assert code == 2
    assert err.strip().splitlines() == ["pmlint: error: path does not exist: no/such/postmortem.yaml"]


def test_unreadable_file_is_a_finding_and_the_run_continues(tmp_path, run_cli, monkeypatch):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    (tmp_path / "c.yaml").write_text("title: x\ntitle: y\n")
    real_open = os.open

    def denied(file, *args, **kwargs):  # root can read anything, so simulate EACCES
        if str(file).endswith("b.yaml"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    # files are opened with os.open (O_NONBLOCK, then fstat on the descriptor: safe_io.py)
    monkeypatch.setattr("os.open", denied)
    code, out, _ = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert code == 1
    by_file = {(f["path"], f["rule"]) for f in findings(out)}
    assert ("b.yaml", "PM001") in by_file
    assert ("c.yaml", "PM003") in by_file  # the file after it was still linted
    assert any("Permission denied" in f["message"] for f in findings(out))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(tmp_path, run_cli):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD)
    path.chmod(0)
    code, out, _ = run_cli("check", "--format", "json", "a.yaml", cwd=tmp_path)
    assert code == 1 and findings(out)[0]["rule"] == "PM001"


def test_symlink_loops_and_dangling_links_are_skipped(tmp_path, run_cli):
    (tmp_path / "pms").mkdir()
    (tmp_path / "pms" / "a.yaml").write_text(GOOD)
    (tmp_path / "pms" / "loop").symlink_to(tmp_path / "pms", target_is_directory=True)
    (tmp_path / "pms" / "self.yaml").symlink_to(tmp_path / "pms" / "self.yaml")
    (tmp_path / "pms" / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    code, out, _ = run_cli("check", "--format", "json", "pms", cwd=tmp_path)
    assert code in (0, 1)
    assert json.loads(out)["summary"]["files"] == 1


def test_fifo_and_socket_are_skipped_when_walking(tmp_path):
    """A real subprocess with a timeout: reading a FIFO would block forever."""
    (tmp_path / "a.yaml").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.yaml")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.yaml"))
    try:
        done = subprocess.run([sys.executable, "-m", "pmlint", "check", "--format", "json", "."], cwd=tmp_path,
                              capture_output=True, text=True, timeout=20)
    finally:
        server.close()
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["summary"]["files"] == 1


def test_fifo_named_explicitly_is_a_finding_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    done = subprocess.run([sys.executable, "-m", "pmlint", "check", "--format", "json", "pipe.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=20)
    assert done.returncode == 1, done.stderr
    found = findings(done.stdout)
    assert found[0]["rule"] == "PM001" and "regular file" in found[0]["message"]


def test_ten_thousand_files_in_one_directory(tmp_path, run_cli):
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(10_000):
        (folder / f"pm-{index:05}.yaml").write_text(f"title: Outage {index}\n")
    (folder / "pm-04242.yaml").write_text("title: x\ntitle: y\n")
    code, out, _ = run_cli("check", "--format", "json", "--select", "PM001,PM002,PM003,PM004", "many", cwd=tmp_path)
    report = json.loads(out)
    assert report["summary"]["files"] == 10_000
    assert code == 1
    assert {(f["path"], f["rule"]) for f in report["findings"]} == {("many/pm-04242.yaml", "PM003")}

"""`pmlint check -` reads one postmortem from a real pipe (editors, `git show` pipelines)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import write

PM = "title: T\naction_items:\n  - title: Add alert\n"


def pmlint(*args: str, cwd, stdin: bytes | None = None, shell_input: str | None = None):
    env = {**os.environ, "GITHUB_ACTIONS": "", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pmlint", *args]
    if shell_input is not None:  # a producer that never ends: only a bounded read terminates
        script = f"{shell_input} | {' '.join(map(repr, command))}"
        return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, timeout=120)
    return subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120)


def test_stdin_with_a_filename_is_linted_as_that_file(tmp_path):
    done = pmlint("check", "-", "--stdin-filename", "postmortems/pm.yaml", "--select", "PM301", "-f", "json",
                  cwd=tmp_path, stdin=PM.encode())
    assert done.returncode == 1, done.stderr
    [finding] = json.loads(done.stdout)["findings"]
    assert finding["path"] == "postmortems/pm.yaml" and finding["rule"] == "PM301" and finding["line"] == 3


def test_the_filename_chooses_the_format(tmp_path):
    markdown = b"# Outage\n\n## Action items\n\n| Action | Owner |\n|---|---|\n| Add alert | |\n"
    as_md = pmlint("check", "-", "--stdin-filename", "pm.md", "--select", "PM301", "-f", "json",
                   cwd=tmp_path, stdin=markdown)
    assert [f["rule"] for f in json.loads(as_md.stdout)["findings"]] == ["PM301"]
    as_yaml = pmlint("check", "-", "--stdin-filename", "pm.yaml", "--select", "PM001", "-f", "json",
                     cwd=tmp_path, stdin=markdown)
    assert [f["rule"] for f in json.loads(as_yaml.stdout)["findings"]] == ["PM001"]  # not YAML at all
    unnamed = pmlint("check", "-", "--select", "PM301", cwd=tmp_path, stdin=markdown)
    assert unnamed.returncode == 1 and b" -:7:3 " in unnamed.stdout  # read as Markdown, named `-`


def test_per_path_config_applies_by_the_stdin_filename(tmp_path):
    write(tmp_path / ".pmlint.yaml", "per-path:\n  'legacy/*':\n    ignore: [PM301]\n")
    legacy = pmlint("check", "-", "--stdin-filename", "legacy/old.yaml", "--select", "PM301", cwd=tmp_path,
                    stdin=PM.encode())
    assert legacy.returncode == 0, legacy.stdout + legacy.stderr
    current = pmlint("check", "-", "--stdin-filename", "new/pm.yaml", "--select", "PM301", cwd=tmp_path,
                     stdin=PM.encode())
    assert current.returncode == 1 and b"new/pm.yaml:3" in current.stdout


def test_an_endless_pipe_is_read_up_to_the_limit_and_reported(tmp_path):
    write(tmp_path / ".pmlint.yaml", "settings:\n  max_file_bytes: 1000\n")
    done = pmlint("check", "-", "--stdin-filename", "pm.yaml", "-f", "json", cwd=tmp_path,
                  shell_input="yes 'title: endless'")
    assert done.returncode == 1, done.stderr
    [finding] = json.loads(done.stdout)["findings"]
    assert finding["rule"] == "PM002" and "1,000-byte limit" in finding["message"]


def test_stdin_usage_errors(tmp_path):
    write(tmp_path / "pm.yaml", PM)
    for args in (("-", "pm.yaml"), ("pm.yaml", "--stdin-filename", "x.yaml"), ("-", "--changed-since", "main")):
        done = pmlint("check", *args, cwd=tmp_path, stdin=b"")
        assert done.returncode == 2, args
        assert done.stderr.decode().startswith("pmlint: error:") and done.stderr.count(b"\n") == 1


def test_a_closed_stdin_is_a_one_line_error(tmp_path):
    env = {**os.environ, "GITHUB_ACTIONS": ""}
    done = subprocess.run([sys.executable, "-m", "pmlint", "check", "-"], cwd=tmp_path, env=env,
                          stdin=None, capture_output=True, timeout=60, close_fds=True,
                          preexec_fn=lambda: os.close(0))
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().startswith("pmlint: error:") and done.stderr.count(b"\n") == 1

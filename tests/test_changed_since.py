"""`--changed-since REF`: PR mode, tested with a real temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PM = "title: Checkout outage\naction_items:\n  - title: Add alert\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                               "HOME": str(repo), "PATH": "/usr/bin:/bin:/usr/local/bin",
                               "GIT_CONFIG_NOSYSTEM": "1"}).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = tmp_path / "repo"
    (root / "postmortems").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    for name in ("old.yaml", "edited.yaml", "renamed.yaml", "deleted.yaml"):
        (root / "postmortems" / name).write_text(PM, encoding="utf-8")
    (root / "notes.md").write_text("# notes\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    (root / "postmortems" / "edited.yaml").write_text(PM + "summary: edited\n", encoding="utf-8")
    git(root, "mv", "postmortems/renamed.yaml", "postmortems/moved.yaml")
    git(root, "rm", "-q", "postmortems/deleted.yaml")
    (root / "postmortems" / "added.yaml").write_text(PM, encoding="utf-8")
    (root / "postmortems" / "template.yaml").write_text(PM, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "feature work")
    # the base branch moves on after the fork: its changes are not ours
    git(root, "checkout", "-q", "main")
    (root / "postmortems" / "old.yaml").write_text(PM + "summary: changed on main\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "main moves on")
    git(root, "checkout", "-q", "feature")
    # uncommitted and untracked work counts too
    (root / "postmortems" / "untracked.yaml").write_text(PM, encoding="utf-8")
    (root / ".gitignore").write_text("ignored.yaml\n", encoding="utf-8")
    (root / "postmortems" / "ignored.yaml").write_text(PM, encoding="utf-8")
    return root


def linted(run_cli, cwd: Path, *args: str) -> list[str]:
    code, out, err = run_cli("check", "-f", "json", *args, cwd=cwd)
    assert code in (0, 1), err
    return sorted({finding["path"] for finding in json.loads(out)["findings"]})


def test_lints_only_files_changed_since_the_merge_base(repo, run_cli):
    assert linted(run_cli, repo, "--changed-since", "main") == [
        "postmortems/added.yaml", "postmortems/edited.yaml", "postmortems/moved.yaml",
        "postmortems/template.yaml", "postmortems/untracked.yaml"]


def test_filtered_by_paths_and_exclude_globs(repo, run_cli):
    (repo / ".pmlint.yaml").write_text("exclude: [template.yaml]\n", encoding="utf-8")
    assert linted(run_cli, repo, "postmortems", "--changed-since", "main") == [
        "postmortems/added.yaml", "postmortems/edited.yaml", "postmortems/moved.yaml",
        "postmortems/untracked.yaml"]
    assert linted(run_cli, repo / "postmortems", "edited.yaml", "old.yaml", "--changed-since", "main") == [
        "edited.yaml"]


def test_nothing_changed_is_a_clean_run(repo, run_cli):
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "all in")
    code, out, _ = run_cli("check", "--changed-since", "HEAD", cwd=repo)
    assert code == 0 and out.strip() == "No changed postmortems."
    code, out, err = run_cli("check", "--changed-since", "HEAD", "-f", "json", cwd=repo)
    assert code == 0 and json.loads(out)["findings"] == [] and err == "No changed postmortems.\n"


def test_repository_is_the_one_holding_the_paths_not_the_working_directory(repo, run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    found = linted(run_cli, elsewhere, str(repo / "postmortems"), "--changed-since", "main")
    assert [Path(path).name for path in found] == ["added.yaml", "edited.yaml", "moved.yaml", "template.yaml",
                                                   "untracked.yaml"]


def test_paths_in_two_repositories_are_a_one_line_error(repo, run_cli, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    code, _, err = run_cli("check", str(repo / "postmortems"), str(other), "--changed-since", "main", cwd=tmp_path)
    assert code == 2 and "all paths must be in one git repository" in err and len(err.splitlines()) == 1


def test_unknown_ref_is_a_one_line_error(repo, run_cli):
    code, out, err = run_cli("check", "--changed-since", "no-such-branch", cwd=repo)
    assert code == 2 and "no-such-branch" in err and len(err.strip().splitlines()) == 1


def test_outside_a_git_repository_is_a_one_line_error(tmp_path, run_cli, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "pm.yaml").write_text(PM, encoding="utf-8")
    code, _, err = run_cli("check", "--changed-since", "main", cwd=tmp_path / "plain")
    assert code == 2 and "git repository" in err and len(err.strip().splitlines()) == 1

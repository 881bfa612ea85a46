"""Directory walks skip what git ignores, inside a git work tree; named files are still linted."""

from __future__ import annotations

import subprocess

import pytest

from conftest import write

PM = "title: T\n"


def tree(tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(repo / ".gitignore", "build/\n*.draft.md\n/generated.yaml\n!docs/keep.draft.md\n")
    write(repo / "docs" / ".gitignore", "local/\n!keep.draft.md\n")
    write(repo / ".git" / "info" / "exclude", "mine.yaml\n")
    for name in ("pm.yaml", "build/out.yaml", "notes.draft.md", "generated.yaml", "sub/generated.yaml",
                 "docs/pm.md", "docs/keep.draft.md", "docs/local/x.yaml", "mine.yaml"):
        write(repo / name, PM)
    return repo




def test_walk_skips_gitignored_files_and_folders(run_cli, tmp_path, monkeypatch):
    repo = tree(tmp_path)
    code, out, err = run_cli("check", "--select", "PM001", "--format", "json", ".", cwd=repo)
    import json

    assert json.loads(out)["summary"]["files"] == 4, out
    from pmlint.discover import discover

    found = [source.display for source in discover(["."], ["*.yaml", "*.md"], [".*"], base=repo)]
    assert found == ["docs/keep.draft.md", "docs/pm.md", "pm.yaml", "sub/generated.yaml"]


def test_walk_of_a_subfolder_applies_the_rules_above_it(run_cli, tmp_path, monkeypatch):
    repo = tree(tmp_path)
    from pmlint.discover import discover

    monkeypatch.chdir(repo)
    assert [s.display for s in discover(["docs"], ["*.yaml", "*.md"], [".*"], base=repo)] == [
        "docs/keep.draft.md", "docs/pm.md"]


def test_no_respect_gitignore_and_named_files(run_cli, tmp_path, monkeypatch):
    repo = tree(tmp_path)
    monkeypatch.chdir(repo)
    from pmlint.discover import discover

    every = discover(["."], ["*.yaml", "*.md"], [".*"], base=repo, respect_gitignore=False)
    assert len(every) == 9
    named = discover(["build/out.yaml", "notes.draft.md"], ["*.yaml"], [".*"], base=repo)
    assert [s.display for s in named] == ["build/out.yaml", "notes.draft.md"]
    # the same through the CLI: the flag, and a named ignored file
    monkeypatch.chdir(repo)
    import json

    _, out, _ = run_cli("check", "--select", "PM001", "--format", "json", "--no-respect-gitignore", ".", cwd=repo)
    assert json.loads(out)["summary"]["files"] == 9
    _, out, _ = run_cli("check", "--select", "PM001", "--format", "json", "build/out.yaml", cwd=repo)
    assert json.loads(out)["summary"]["files"] == 1


def test_outside_a_work_tree_gitignore_files_mean_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "plain" / ".gitignore", "*.yaml\n")
    write(tmp_path / "plain" / "pm.yaml", PM)
    from pmlint.discover import discover

    if subprocess.run(["git", "rev-parse"], cwd=tmp_path, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git work tree")
    assert [s.display for s in discover(["plain"], ["*.yaml"], [], base=tmp_path)] == ["plain/pm.yaml"]


def test_a_folder_git_ignores_is_walked_when_named(tmp_path, monkeypatch):
    """As ruff does, and as `benchmarks/bench.py` needs for its git-ignored corpus."""
    repo = tree(tmp_path)
    monkeypatch.chdir(repo)
    from pmlint.discover import discover

    write(repo / "build" / "deep" / "more.yaml", PM)
    assert [s.display for s in discover(["build"], ["*.yaml"], [".*"], base=repo)] == [
        "build/deep/more.yaml", "build/out.yaml"]
    assert [s.display for s in discover(["build/deep"], ["*.yaml"], [".*"], base=repo)] == ["build/deep/more.yaml"]
    assert "build/out.yaml" not in [s.display for s in discover(["."], ["*.yaml"], [".*"], base=repo)]

"""Directory walks skip what git ignores, inside a git work tree; named files are still linted."""

from __future__ import annotations

import os
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


ROOT_IGNORE = r"""# comment
*.log
!keep.log
build/
/generated.yaml
docs/**/draft-*.md
**/tmp
vendor/**
secret?.md
\#hash.md
\!bang.md
[abc]x.md
spaced\ 
/anchored/dir/
nested/*.md
*.draft.md
!docs/keep.draft.md
"""
DOCS_IGNORE = "local/\n!keep.draft.md\nsub/*.yaml\n"
PATHS = """a.log keep.log x/keep.log build/f.md x/build/f.md x/build generated.yaml x/generated.yaml
docs/draft-1.md docs/a/b/draft-2.md docs/a/notdraft.md tmp/f.md x/y/tmp/f.md tmp vendor/f.md vendor
secret1.md secret12.md #hash.md !bang.md ax.md dx.md spaced  anchored/dir/f.md x/anchored/dir/f.md
nested/a.md nested/b/a.md p.draft.md docs/keep.draft.md docs/local/f.md docs/sub/f.yaml docs/sub/deep/f.yaml
plain.md""".split()


def test_answers_agree_with_git_check_ignore(tmp_path):
    """git is the reference: every path, walked as pmlint walks (never into an ignored
    folder), is ignored exactly when `git check-ignore` says so."""
    from pmlint.gitignore import GitIgnore

    repo = tmp_path / "agree"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(repo / ".gitignore", ROOT_IGNORE)
    write(repo / "docs" / ".gitignore", DOCS_IGNORE)
    paths = PATHS + ["spaced "]
    for name in paths:
        if name.endswith(("tmp", "vendor", "x/build")):
            (repo / name).mkdir(parents=True, exist_ok=True)
        else:
            write(repo / name, "x\n")
    done = subprocess.run(["git", "check-ignore", "--no-index", "--stdin", "-z"], cwd=repo, capture_output=True,
                          input="\0".join(paths).encode() + b"\0", env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1",
                                                                         "HOME": str(tmp_path)})
    by_git = set(filter(None, done.stdout.decode().split("\0")))
    rules = GitIgnore(repo)

    def walk_ignored(path: str) -> bool:
        parts = path.split("/")
        folders = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
        return any(rules.ignored(folder, True) for folder in folders) or \
            rules.ignored(path, (repo / path).is_dir())

    ours = {path for path in paths if walk_ignored(path)}
    assert ours == by_git, (sorted(ours - by_git), sorted(by_git - ours))
    assert {"a.log", "build/f.md", "docs/a/b/draft-2.md", "#hash.md", "!bang.md", "spaced "} <= ours


def test_hostile_patterns_match_in_linear_time(tmp_path):
    """A pull request controls .gitignore: `*a*a*...*b` takes exponential time in
    backtracking translations (pathspec, git's own wildmatch). Here: time grows with the
    name's length, not its power."""
    import time

    from pmlint.gitignore import parse

    [pattern] = parse("*a" * 12 + "*b\n")
    anchored = parse("**/" + "*a" * 12 + "*b/**/c\n")[0]

    def cost(length: int) -> float:
        name = "a" * length
        start = time.perf_counter()
        for _ in range(20):
            pattern.matches(name, False)
            anchored.matches("x/" * 10 + name + "/y/c", False)
        return time.perf_counter() - start

    cost(200)  # warm the compiled-pattern cache
    small, large = cost(250), cost(2500)
    assert large < small * 60 + 0.05, (small, large)  # linear: ~10x; exponential: never returns


def test_random_patterns_agree_with_git(tmp_path):
    """Differential test: 400 random patterns (wildcards, sets, `**`, anchors, folder-only)
    against random paths, each pair in its own folder with its own .gitignore, all asked
    of `git check-ignore` in one call."""
    import random

    from pmlint.gitignore import GitIgnore

    rng = random.Random(20261130)
    pieces = ["a", "b", "ab", "*", "?", "[ab]", "a*", "*b", "[!a]", "b?"]
    names = ["a", "b", "ab", "ba", "aab", "bb"]

    def segment() -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))

    repo = tmp_path / "random"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    cases = []
    for index in range(400):
        parts = [segment() if rng.random() > 0.2 else "**" for _ in range(rng.randint(1, 3))]
        pattern = ("/" if rng.random() < 0.3 else "") + "/".join(parts) + ("/" if rng.random() < 0.2 else "")
        if pattern.strip("/") in ("**", ""):
            continue
        folder = f"t{index}"
        write(repo / folder / ".gitignore", pattern + "\n")
        path = "/".join(rng.choice(names) for _ in range(rng.randint(1, 4)))
        write(repo / folder / path, "x\n")
        cases.append((pattern, f"{folder}/{path}"))
    done = subprocess.run(["git", "check-ignore", "--no-index", "--stdin", "-z"], cwd=repo, capture_output=True,
                          input="\0".join(path for _, path in cases).encode() + b"\0",
                          env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)})
    by_git = set(filter(None, done.stdout.decode().split("\0")))
    rules = GitIgnore(repo)
    disagree = []
    for pattern, path in cases:
        parts = path.split("/")
        ours = any(rules.ignored("/".join(parts[:depth]), True) for depth in range(1, len(parts))) \
            or rules.ignored(path, False)
        if ours != (path in by_git):
            disagree.append((pattern, path, ours))
    assert not disagree, disagree[:10]
    assert 40 < len(by_git) < len(cases) - 40  # the cases exercise both answers

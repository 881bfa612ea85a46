"""Nothing outside the repository is read through the back door: symlinks out of the
linted folder, config paths that leave the repository, devices and FIFOs posing as
config, rule or baseline files; and folders that cannot be read are reported."""

from __future__ import annotations

import json
import os

import pytest

from conftest import char_device, write
from pmlint.config import load_config
from pmlint.errors import ConfigError

SECRET = "ghp_SECRETTOKEN1234567890"
PM = "title: Checkout outage\nsummary: The cache failed.\n"


@pytest.fixture
def secret(tmp_path):
    """A credentials file outside the repository (tmp_path/repo)."""
    path = write(tmp_path / "home" / ".git-credentials", f"https://bob:{SECRET}@github.com\ntitle: x\n")
    return path


def all_formats(run_cli, repo, *paths):
    outputs = []
    for fmt in ("text", "json", "sarif", "github", "junit", "gitlab", "markdown"):
        code, out, err = run_cli("check", *paths, "-f", fmt, cwd=repo)
        outputs.append((fmt, code, out + err))
    return outputs


def test_a_walk_never_reads_a_symlink_out_of_the_linted_folder(tmp_path, secret, run_cli):
    repo = tmp_path / "repo"
    write(repo / "postmortems" / "real.yaml", PM)
    os.symlink(secret, repo / "postmortems" / "creds.yaml")
    for fmt, code, output in all_formats(run_cli, repo, "postmortems"):
        assert SECRET not in output and "bob:" not in output, fmt
    code, out, _ = run_cli("check", "postmortems", "-f", "json", cwd=repo)
    found = {(f["path"], f["rule"]): f["message"] for f in json.loads(out)["findings"]}
    assert "outside the folder being linted" in found[("postmortems/creds.yaml", "PM001")]
    assert ("postmortems/real.yaml", "PM011") in found  # the real postmortem is linted as usual


def test_a_named_symlink_out_of_the_repository_is_not_read_either(tmp_path, secret, run_cli):
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(secret, repo / "evil.md")  # pre-commit passes changed files by name
    code, out, err = run_cli("check", "evil.md", cwd=repo)
    assert SECRET not in out + err and code == 1
    assert "PM001" in out


def test_a_symlink_inside_the_folder_is_still_followed(tmp_path, run_cli):
    write(tmp_path / "shared" / "pm.yaml", PM + "lessons: {went_wrong: [The engineer was careless.]}\n")
    os.symlink(tmp_path / "shared" / "pm.yaml", tmp_path / "link.yaml")
    code, out, _ = run_cli("check", ".", "-f", "json", cwd=tmp_path)
    rules = {(f["path"], f["rule"]) for f in json.loads(out)["findings"]}
    assert ("link.yaml", "PM701") in rules


@pytest.mark.parametrize("key, value", [("rules-dirs", "[../elsewhere]"), ("rules-dirs", "[/etc]"),
                                        ("baseline", "../outside.json")])
def test_config_paths_stay_inside_the_repository(tmp_path, key, value):
    (tmp_path / "elsewhere").mkdir()
    write(tmp_path / "repo" / ".pmlint.yaml", f"{key}: {value}\n")
    with pytest.raises(ConfigError, match=f"`{key}` must stay inside the repository") as raised:
        load_config(start=tmp_path / "repo")
    assert ".pmlint.yaml:1" in str(raised.value)


def test_a_baseline_on_the_command_line_may_live_anywhere(tmp_path, run_cli):
    write(tmp_path / "repo" / "pm.yaml", PM)
    code, _, err = run_cli("check", "pm.yaml", "--write-baseline", str(tmp_path / "b.json"), cwd=tmp_path / "repo")
    assert code == 0, err
    code, _, err = run_cli("check", "pm.yaml", "--baseline", str(tmp_path / "b.json"), cwd=tmp_path / "repo")
    assert code == 0, err


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_baseline_that_is_a_device_or_fifo_is_refused_without_reading(tmp_path, run_cli, kind):
    write(tmp_path / "pm.yaml", PM)
    target = tmp_path / "zero"
    if kind == "device":
        char_device(target, 1, 5)  # the numbers of /dev/zero: endless bytes
    else:
        os.mkfifo(target)  # opening it for reading would wait for a writer forever
    os.symlink(target, tmp_path / "baseline.json")
    write(tmp_path / ".pmlint.yaml", "baseline: baseline.json\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "not a regular file" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", [".pmlint.yaml", "pyproject.toml"])
def test_a_config_that_is_a_device_is_refused(tmp_path, run_cli, name):
    write(tmp_path / "pm.yaml", PM)
    char_device(tmp_path / "zero", 1, 5)
    os.symlink(tmp_path / "zero", tmp_path / name)
    code, _, err = run_cli("check", "pm.yaml", "--config", name, cwd=tmp_path)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_a_rule_file_that_is_a_fifo_is_a_config_error(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    (tmp_path / "rules").mkdir()
    os.mkfifo(tmp_path / "rules" / "ACME1.yaml")
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "ACME1.yaml" in err and "regular file" in err


def test_an_oversized_config_file_is_refused(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    write(tmp_path / "pyproject.toml", "[tool.pmlint]\n" + "# padding\n" * 2_000_000)
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "limit" in err


def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path, run_cli, monkeypatch):
    write(tmp_path / "ok" / "pm.yaml", PM)
    write(tmp_path / "locked" / "pm.yaml", PM)
    real_scandir = os.scandir

    def scandir(path="."):  # root reads anything, so simulate EACCES
        if str(path).rstrip("/").endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run_cli("check", ".", "-f", "json", cwd=tmp_path)
    found = {(f["path"], f["rule"]): f["message"] for f in json.loads(out)["findings"]}
    assert "Permission denied" in found[("locked", "PM001")] and "not checked" in found[("locked", "PM001")]
    assert code == 1


@pytest.mark.parametrize("text", ["# see [tool.pmlint] in the parent\n[project]\nname = 'x'\n",
                                  "[tool.pmlint-helper]\nselect = ['nope']\n"])
def test_a_pyproject_that_only_mentions_tool_pmlint_does_not_hide_the_parent_config(tmp_path, text):
    write(tmp_path / ".pmlint.yaml", "ignore: [PM801]\n")
    write(tmp_path / "sub" / "pyproject.toml", text)
    config = load_config(start=tmp_path / "sub")
    assert config.path == tmp_path / ".pmlint.yaml" and config.ignore == ["PM801"]


def test_changed_since_without_git_says_git_is_missing(tmp_path, run_cli):
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", ".", "--changed-since", "main", cwd=tmp_path, env={"PATH": str(tmp_path)})
    assert code == 2 and "git is not installed" in err

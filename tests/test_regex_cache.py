"""Compiled regexes are kept between runs (`regex_cache.py`), and never trusted blindly.

Through the real command (`python -m pmlint`, its own cache folder per test): a run whose
regexes come from the cache reports exactly what a fresh run does; a second run compiles
nothing new; a damaged or tampered file is ignored; the file holds no document text.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, write

#: Prints, after a check run, how many of pmlint's cached regexes were restored and compiled.
PROBE = """
import sys
from pmlint import regex_cache
from pmlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write(f"\\nrestored={len(regex_cache._used)} compiled={len(regex_cache._new)}\\n")
"""


def run(*args: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PMLINT_NO_CACHE"}
    environment.update(PMLINT_CACHE_DIR=str(cache), **env)
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=environment,
                          timeout=120)


def counts(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    match = re.search(r"restored=(\d+) compiled=(\d+)", result.stderr)
    assert match, result.stderr
    return int(match.group(1)), int(match.group(2))


def regex_file(cache: Path) -> Path:
    (path,) = cache.glob("regex-*.marshal")
    return path


def test_a_second_run_restores_every_regex_and_reports_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for sample in ("flawed-blame.yaml", "flawed-atlassian-style.md"):
        first = run("check", "-f", "json", str(EXAMPLES / sample), cache=cache)
        second = run("check", "-f", "json", str(EXAMPLES / sample), cache=cache)
        uncached = run("check", "-f", "json", str(EXAMPLES / sample), cache=tmp_path / "none", PMLINT_NO_CACHE="1")
        assert json.loads(first.stdout)["findings"], "the sample has findings to compare"
        assert first.stdout == second.stdout == uncached.stdout
        assert counts(first)[1] > 0
        restored, compiled = counts(second)
        assert restored > 20 and compiled == 0, (restored, compiled, sample)
    assert not (tmp_path / "none").exists(), "PMLINT_NO_CACHE writes nothing"


def test_restored_patterns_are_the_patterns_re_compiles() -> None:
    from pmlint import regex_cache

    for pattern, flags in [(r"(?P<who>\w+) (?:paged|woke)\b", re.IGNORECASE), (r"(?<![\w-])(?:on[\s-]{1,3}call)", 0),
                           ("caf\u00e9|na\u00efve", re.IGNORECASE), (r"^\s*(\d+)\s*$", re.MULTILINE)]:
        entry = regex_cache._entry(pattern, int(flags))
        assert entry is not None
        restored = regex_cache._restore(entry)
        assert restored == re.compile(pattern, flags)
        assert restored is not None and restored.groupindex == re.compile(pattern, flags).groupindex


def test_a_damaged_or_tampered_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    sample = str(EXAMPLES / "flawed-blame.yaml")
    expected = run("check", "-f", "json", sample, cache=cache).stdout
    path = regex_file(cache)
    entries = marshal.loads(path.read_bytes())
    broken = [(pattern, flags, final, [0xFFFF] * len(code), groups, index, names)
              for pattern, flags, final, code, groups, index, names in entries]
    for damage in (b"\x00garbage", path.read_bytes()[:1000], marshal.dumps(broken), marshal.dumps({"a": 1})):
        path.write_bytes(damage)
        result = run("check", "-f", "json", sample, cache=cache)
        assert result.stdout == expected
        assert counts(result)[0] == 0, "nothing restored from a damaged file"
        assert "Traceback" not in result.stderr


def test_the_file_holds_no_document_text(tmp_path: Path) -> None:
    """Patterns built from a postmortem (author names, quoted phrases) are compiled with
    `re` as usual and never written to the cache."""
    cache = tmp_path / "cache"
    postmortem = write(tmp_path / "pm.yaml", (EXAMPLES / "flawed-blame.yaml").read_text(encoding="utf-8")
                       .replace("authors:", "authors: [Zebulon Quixotic]\nx_authors:", 1))
    result = run("check", "-f", "json", str(postmortem), cache=cache)
    assert result.returncode in (0, 1), result.stderr
    assert b"Zebulon" not in regex_file(cache).read_bytes()


def test_an_unwritable_cache_folder_costs_no_second_compilation(tmp_path: Path, monkeypatch) -> None:
    """Working out a pattern's code for the file compiles it again: not when the file
    cannot be written anyway (the cache "folder" is a file here)."""
    from pmlint import regex_cache

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("PMLINT_CACHE_DIR", str(blocker))
    monkeypatch.setattr(regex_cache, "_new", {("unwritable (?:cache)", 0)})
    monkeypatch.setattr(regex_cache, "_stored", {})

    def compiled_again(pattern: str, flags: int) -> None:
        raise AssertionError("worked out an entry that cannot be stored")

    monkeypatch.setattr(regex_cache, "_entry", compiled_again)
    regex_cache._save()
    assert blocker.is_file()

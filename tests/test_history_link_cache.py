"""metrics._link caches each folder's relative path: its links must stay exactly those of
`os.path.relpath` on the whole path, for absolute and relative paths alike."""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest

from pmlint.history.metrics import _link

PATHS = ["/x", "/tmp/a", "/tmp/q/r.yaml", "/work/a b/%x.md", "/tmp/javascript:alert(1).md", "/tmp/q/..",
         "/tmp/q/.", "/tmp/../tmp/q/x.yaml", "/a//b/c.yaml", "rel/x.yaml", "x.yaml", "../up.yaml"]


def _expected(file: str, base: str) -> str:
    link = quote(os.path.relpath(file, base).replace(os.sep, "/"))
    return link if link.startswith("../") else "./" + link


@pytest.mark.parametrize("base", ["/", "/tmp", "/tmp/q", "/work/a b", os.getcwd()])
def test_links_equal_relpath_of_the_whole_path(base: str) -> None:
    for file in PATHS:
        assert _link(file, base) == _expected(file, base), (file, base)


def test_relative_paths_follow_the_working_directory(tmp_path, monkeypatch) -> None:
    first = _link("a/x.yaml", "/")
    monkeypatch.chdir(tmp_path)
    assert _link("a/x.yaml", "/") == _expected("a/x.yaml", "/") != first

"""The selector language."""

from __future__ import annotations

import pytest

from pmlint.engine.select import SelectorError, compile_selector

DATA = {"action_items": [{"title": "a", "owner": "x"}, {"title": "b"}],
        "lessons": {"went_well": ["w"], "got_lucky": []}, "a/b": {"c~d": 1}}


@pytest.mark.parametrize("selector,expected", [
    ("$", [""]),
    ("$.action_items", ["/action_items"]),
    ("$.action_items[*]", ["/action_items/0", "/action_items/1"]),
    ("$.action_items[1].title", ["/action_items/1/title"]),
    ("$.action_items[-1]", ["/action_items/1"]),
    ("$.action_items[5]", []),
    ("$..owner", ["/action_items/0/owner"]),
    ("$..title", ["/action_items/0/title", "/action_items/1/title"]),
    ("$.lessons.*", ["/lessons/went_well", "/lessons/got_lucky"]),
    ("$['a/b']['c~d']", ["/a~1b/c~0d"]),
    ("$.missing.deeper[*]", []),
])
def test_selects_pointers(selector, expected):
    assert [pointer for pointer, _ in compile_selector(selector).select(DATA)] == expected


@pytest.mark.parametrize("selector", ["action_items", "$.", "$[", "$.a[x]", "$..", "$.a b"])
def test_bad_selectors_raise(selector):
    with pytest.raises(SelectorError):
        compile_selector(selector)

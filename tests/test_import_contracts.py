"""Imports run one way (DESIGN.md): the import-linter contracts in pyproject.toml hold,
and the module graph of pmlint has no cycle at all, counting imports inside functions.

A cycle "fixed" by moving an import into a function still shows up here: grimp reads
every import statement, wherever it stands.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: every group of modules that import each other (size > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def graph() -> dict[str, set[str]]:
    built = grimp.build_graph("pmlint")
    return {module: set(built.find_modules_directly_imported_by(module)) for module in built.modules}


def test_the_import_graph_has_no_cycle() -> None:
    assert strongly_connected(graph()) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_function_registry_imports_nothing_of_pmlint() -> None:
    assert graph()["pmlint.engine.registry"] == set()


def test_only_the_cli_imports_click() -> None:
    """The app layer (`pmlint.app`) and everything under it are a library: click stays in cli.py."""
    built = grimp.build_graph("pmlint", include_external_packages=True)
    assert built.find_modules_that_directly_import("click") == {"pmlint.cli"}


def test_the_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout and "kept" in result.stdout.lower()

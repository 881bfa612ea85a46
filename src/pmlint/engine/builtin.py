"""Wires the built-in checks into the registry: importing this module registers them all.

The one place that knows every module holding checks. The registry itself imports
nothing, the check modules import only the registry and helpers, and the engine
(`engine.rules`) imports this module, so the import graph has no cycle.
"""

from __future__ import annotations

from . import checks, functions  # noqa: F401  (importing them registers their checks)
from .registry import REGISTRY, Function, get_function, list_functions

__all__ = ["REGISTRY", "Function", "get_function", "list_functions"]

"""Name → check function: the registry that rule files' `then: {function: NAME}` look up.

It imports nothing of pmlint, so any module may register a check without an import
cycle: the generic checks (`functions.py`), the durability checks (`checks/`) and
installed plugins all call `check(...)`. `builtin.py` is the one module that imports
them all; code that needs the complete registry imports that (or `engine.rules`).
Extra functions come only from installed packages (entry point group
`pmlint.functions`), never from files in the repository being linted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

#: check(value, pointer, options, context) -> hits; the types live in `functions.py`
CheckFn = Callable[[Any, str, dict[str, Any], Any], Iterable[Any]]


@dataclass(slots=True)
class Function:
    name: str
    check: CheckFn
    doc: str
    options: dict[str, Any]
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    #: the entry point (`package.module:attr`) that registered a plugin function; None: built in
    origin: str | None = None
    #: reads the document with inferred facts filled in (severity, layers, item types,
    #: on-call burden, detection, repeats): a durability check meant to work on documents
    #: that leave those implicit. Its findings built on an inferred fact are warnings; a
    #: generic field check gated by an inferred fact only gives info.
    infers: bool = False


REGISTRY: dict[str, Function] = {}


def check(name: str, options: dict[str, Any] | None = None,
          prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
          infers: bool = False, required: tuple[str, ...] = ()) -> Callable[[CheckFn], CheckFn]:
    """Register a check function. `options` is a JSON Schema (properties) for its options,
    against which every rule's options are validated when the rule loads (and every
    config override of them, `rules: {ID: {option: value}}`); `required`: options every
    rule that calls it must give (its vocabulary: the rule file owns the words, the
    function only reads them); `infers`: it reads inferred facts where the document
    states none (see Function)."""

    def register(function: CheckFn) -> CheckFn:
        schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": options or {}}
        if required:
            schema["required"] = list(required)
        REGISTRY[name] = Function(name, function, (function.__doc__ or "").strip(), schema, prepare, infers=infers)
        return function

    return register


_loaded_plugins = False


def _load_plugins() -> None:
    global _loaded_plugins
    if not _loaded_plugins:
        _loaded_plugins = True
        _load_entry_points()


def get_function(name: str) -> Function | None:
    """Look up a function; installed plugins (entry points) are scanned only for a name
    not registered yet, since importlib.metadata costs ~15 ms."""
    if name not in REGISTRY:
        _load_plugins()
    return REGISTRY.get(name)


def list_functions(plugins: bool = True) -> list[Function]:
    """Every registered check function, sorted by name: those registered so far and, with
    `plugins`, those of installed packages (entry point group `pmlint.functions`)."""
    if plugins:
        _load_plugins()
    return sorted((function for function in REGISTRY.values() if plugins or function.origin is None),
                  key=lambda function: function.name)


def _load_entry_points() -> None:
    # importlib.metadata is imported here, not at the top: it costs ~15 ms and only a
    # name pmlint does not know (or `pmlint functions`) needs it
    from importlib.metadata import entry_points

    for entry in entry_points(group="pmlint.functions"):
        before = set(REGISTRY)
        try:
            entry.load()
        except Exception:  # a broken plugin must not stop the built-in rules
            continue
        for name in set(REGISTRY) - before:
            REGISTRY[name].origin = str(getattr(entry, "value", "") or getattr(entry, "name", "plugin"))

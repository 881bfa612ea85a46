"""`pmlint check --show-config`: which configuration is in effect, as YAML.

Answers "why does pmlint (not) report this?" without reading code: the file in effect
(or why there is none), the other files found above it that are not used (the nearest
wins, files are never merged), the resolved keys after the command line, the rules that
will run, the rule options the configuration sets (with the value in effect), and every
setting with its value (defaults included).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Sequence


def show_config(config: Any, enabled: Sequence[Any], *, isolated: bool, explicit: str | None,
                fail_on: str, command_line: dict[str, Any] | None = None, start: Path | None = None) -> str:
    """The YAML view; `command_line`: the selection options given (they win over the file)."""
    from ruamel.yaml import YAML

    from .config import config_candidates
    from .settings import MOVED_SETTINGS

    start = (start or Path.cwd()).resolve()
    if isolated:
        origin = "none: --isolated ignores every configuration file"
    elif config.path is not None:
        origin = str(config.path) + (" (--config)" if explicit else "")
    else:
        origin = f"none found in {start} or its parents: built-in defaults"
    view: dict[str, Any] = {"config-file": origin}
    unused = [str(path) for path in config_candidates(start) if config.path is None or path != config.path]
    if unused and not explicit:
        view["not-used"] = unused
    given = {key: value for key, value in (command_line or {}).items() if value}
    if given:
        view["command-line"] = given
    view.update({
        "preset": config.preset,
        "select": config.select,
        "extend-select": list(config.extend_select),
        "ignore": list(config.ignore),
        "severity": dict(config.severity),
        "fail-on": fail_on,
        "include": list(config.include),
        "exclude": list(config.exclude),
        "per-path": {pattern: dict(overrides) for pattern, overrides in config.per_path.items()},
        "rules-dirs": list(config.rules_directories()),
        "baseline": str(config.root / config.baseline) if config.baseline else None,
        "enabled-rules": [f"{rule.id} {rule.name}" for rule in sorted(enabled, key=lambda rule: rule.id)],
        "rules": _rule_options(config, enabled),
        "settings": {key: config.settings[key] for key in sorted(config.settings) if key not in MOVED_SETTINGS},
    })
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # keep the order above
    stream = io.StringIO()
    yaml.dump(_plain(view), stream)
    return stream.getvalue()


def _rule_options(config: Any, enabled: Sequence[Any]) -> dict[str, Any]:
    """The options the configuration sets, per enabled rule, with the value in effect (a
    mapping merged with the rule's own); `pmlint explain ID` lists the rest."""
    from .engine.rules import rule_options

    set_here: dict[str, set[str]] = {}
    for code, overrides, _ in config.rule_options:
        set_here.setdefault(code, set()).update(overrides)
    out: dict[str, Any] = {}
    for rule in sorted(enabled, key=lambda rule: rule.id):
        names = set_here.get(rule.id, set()) | set_here.get(rule.name, set())
        if names:
            out[rule.id] = {option.name: option.value for option in rule_options(rule) if option.name in names}
    return out


def _plain(value: Any) -> Any:
    """Tuples, sets and other containers as plain lists and dicts, for the YAML dumper."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    return value

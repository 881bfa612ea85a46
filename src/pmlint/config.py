"""Find, load, validate and merge configuration; choose the enabled rules.

Configuration comes from `.pmlint.yaml` (or `.pmlint.yml`) or `[tool.pmlint]` in
`pyproject.toml`, found from the working directory upwards, or from `--config`.
Every mistake (unknown key, wrong type, unknown rule code, unknown setting) is a
ConfigError naming the file, the line where we know it, and the key.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import ConfigError
from .model import Severity
from .settings import DEFAULT_SETTINGS, merge_settings

CONFIG_NAMES = (".pmlint.yaml", ".pmlint.yml")
DEFAULT_INCLUDE = ["*.yaml", "*.yml", "*.md", "*.markdown"]
DEFAULT_EXCLUDE = [
    ".*", "node_modules", "venv", "__pycache__", "README.md", "README.markdown", "CHANGELOG.md",
    "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "LICENSE*", "SECURITY.md", "mkdocs.yml", "_config.yml",
]
PRESETS = ("recommended", "strict")


@dataclass(slots=True)
class Config:
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    preset: str = "recommended"
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    per_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules_dirs: list[str] = field(default_factory=list)
    baseline: str | None = None
    settings: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_SETTINGS))

    def rules_directories(self) -> tuple[str, ...]:
        return tuple(str((self.root / directory).resolve()) for directory in self.rules_dirs)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start`."""
    for directory in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        return "[tool.pmlint" in pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """Load `explicit` or the nearest config file; defaults when there is none."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {explicit}")
    else:
        path = find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    data, spans = _read(path)
    return build_config(data, path, spans)


def _read(path: Path) -> tuple[dict[str, Any], Any]:
    if path.name == "pyproject.toml":
        import tomllib

        try:
            with path.open("rb") as handle:
                document = tomllib.load(handle)
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"cannot read TOML: {error}", str(path)) from None
        return document.get("tool", {}).get("pmlint", {}), None
    from .load import load_path

    document = load_path(str(path))
    problems = [problem for problem in document.problems if problem.code != "bad-suppression"]
    if problems:
        problem = problems[0]
        raise ConfigError(problem.message, str(path), problem.span.line)
    return document.data or {}, document


def build_config(data: dict[str, Any], path: Path | None = None, source: Any = None) -> Config:
    from .schema import load_schema, validate

    where = str(path) if path else "config"

    def line_of(pointer: str) -> int | None:
        return source.span_for(pointer).line if source is not None else None

    errors = validate(data, load_schema("config"))
    if errors:
        error = errors[0]
        raise ConfigError(error.message, where, line_of(error.pointer))
    settings = data.get("settings") or {}
    unknown = sorted(set(settings) - set(DEFAULT_SETTINGS))
    if unknown:
        raise ConfigError(f"unknown setting `settings.{unknown[0]}` (see the README's settings table)",
                          where, line_of(f"/settings/{unknown[0]}"))
    for key, value in settings.items():
        default = DEFAULT_SETTINGS[key]
        if default is not None and not _same_type(value, default):
            raise ConfigError(f"`settings.{key}` must be {type(default).__name__}, got {type(value).__name__}",
                              where, line_of(f"/settings/{key}"))
    config = Config(path=path, root=path.parent if path else Path.cwd())
    config.preset = data.get("preset", config.preset)
    config.select = data.get("select")
    config.extend_select = list(data.get("extend-select", []))
    config.ignore = list(data.get("ignore", []))
    config.severity = dict(data.get("severity", {}))
    config.fail_on = data.get("fail-on", config.fail_on)
    config.include = list(data.get("include", config.include))
    config.exclude = list(data.get("exclude", config.exclude))
    config.per_path = dict(data.get("per-path", {}))
    config.rules_dirs = list(data.get("rules-dirs", []))
    config.baseline = data.get("baseline")
    config.settings = merge_settings(settings)
    if "strict" in data:
        config.settings["strict"] = data["strict"]
    return config


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))


def matches_code(code: str, rule_id: str, rule_name: str) -> bool:
    """`code` is ALL, a rule's id or name, or an id prefix (PM3 = the whole category)."""
    if code.upper() == "ALL":
        return True
    return code == rule_name or rule_id == code.upper() or (
        len(code) < len(rule_id) and rule_id.startswith(code.upper()))


def select_rules(rules: Iterable[Any], config: Config, *, select: list[str] | None = None,
                 extend_select: Iterable[str] = (), ignore: Iterable[str] = (),
                 preset: str | None = None) -> list[Any]:
    """The rules a run enables: preset (or select), plus extend-select, minus ignore."""
    rules = list(rules)
    chosen_preset = preset or config.preset
    if chosen_preset not in PRESETS:
        raise ConfigError(f"unknown preset {chosen_preset!r} (choose {' or '.join(PRESETS)})")
    selection = select if select is not None else config.select
    extend = [*config.extend_select, *extend_select]
    ignored = [*config.ignore, *ignore]
    for code in [*(selection or []), *extend, *ignored]:
        if not any(matches_code(code, rule.id, rule.name) for rule in rules):
            raise ConfigError(f"unknown rule or category {code!r} (see `pmlint rules`)")

    def picked(rule: Any, codes: Iterable[str]) -> bool:
        return any(matches_code(code, rule.id, rule.name) for code in codes)

    if selection is not None:
        enabled = [rule for rule in rules if picked(rule, selection)]
    else:
        enabled = [rule for rule in rules if chosen_preset == "strict" or rule.preset == "recommended"]
    enabled += [rule for rule in rules if rule not in enabled and picked(rule, extend)]
    enabled = [rule for rule in enabled if not picked(rule, ignored)]
    enabled.sort(key=lambda rule: rule.id)
    return enabled


def severity_overrides(config: Config, rules: Iterable[Any]) -> dict[str, Severity]:
    """Config `severity:` as {rule id: Severity}; keys may be ids, names or prefixes."""
    overrides: dict[str, Severity] = {}
    for code, level in config.severity.items():
        matched = [rule for rule in rules if matches_code(code, rule.id, rule.name)]
        if not matched:
            raise ConfigError(f"unknown rule or category {code!r} in `severity`", str(config.path or "config"))
        for rule in matched:
            overrides[rule.id] = Severity.parse(level)
    return overrides


def glob_match(path: str, pattern: str) -> bool:
    """Match a posix relative path against a glob; a pattern without '/' matches any path part."""
    if "/" not in pattern.rstrip("/"):
        return any(fnmatch.fnmatchcase(part, pattern.rstrip("/")) for part in path.split("/"))
    pattern = pattern.lstrip("./").rstrip("/")
    if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern + "/*"):
        return True
    return pattern.startswith("**/") and glob_match(path, pattern[3:])

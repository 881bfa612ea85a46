"""Find, load, validate and merge configuration; choose the enabled rules.

Configuration comes from `.pmlint.yaml` (or `.pmlint.yml`) or `[tool.pmlint]` in
`pyproject.toml`, found from the working directory upwards, or from `--config`.
Every mistake (unknown key, wrong type, unknown rule code, unknown setting) is a
ConfigError naming the file, the line where we know it, and the key.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .codes import closest_code, matches_code, suggest_code  # noqa: F401  (re-exported: callers import them from here)
from .errors import ConfigError
from .model import Severity
from .settings import DEFAULT_SETTINGS, MOVED_SETTINGS, SettingError, check_setting, check_settings, did_you_mean, merge_settings

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
    #: the `report:` section (owner → team, service aliases), read only by `pmlint report`
    report: dict[str, Any] = field(default_factory=dict)
    #: per-rule option overrides: (rule code, {option: value}, pointer of the mapping that
    #: holds them) from `rules:`, and from settings that moved into a rule (deprecated)
    rule_options: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    #: what the user should change, though it still works (old `settings:` keys)
    warnings: list[str] = field(default_factory=list)
    #: the loaded YAML Document (for line numbers), or None (pyproject.toml, defaults)
    source: Any = field(default=None, repr=False, compare=False)

    def rules_directories(self) -> tuple[str, ...]:
        return tuple(str((self.root / directory).resolve()) for directory in self.rules_dirs)

    def own_paths(self) -> tuple[str, ...]:
        """pmlint's own files, never linted when walking a folder: the config file and
        every `rules-dirs` folder (resolved absolute paths; a folder covers its files)."""
        own = [str(self.path.resolve())] if self.path is not None else []
        return (*own, *self.rules_directories())

    def error(self, message: str, pointer: str = "") -> ConfigError:
        """A ConfigError at `pointer` (a JSON Pointer into the config): file and line for
        YAML; for pyproject.toml (no positions) the file and the `[tool.pmlint]` table."""
        return _error(message, self.path, self.source, pointer)


def _error(message: str, path: Path | None, source: Any, pointer: str) -> ConfigError:
    if path is None:
        return ConfigError(message, "config")
    if path.name == "pyproject.toml":
        return ConfigError(f"[tool.pmlint] {message}", str(path))
    line = source.span_for(pointer).line if source is not None else None
    return ConfigError(message, str(path), line)


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


def config_candidates(start: Path) -> list[Path]:
    """Every config file at or above `start`, nearest first: the first is the one in
    effect, the others are shown by `--show-config` as not used (files are never merged)."""
    found: list[Path] = []
    for directory in [start, *start.parents]:
        here = [directory / name for name in CONFIG_NAMES if (directory / name).is_file()]
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            here.append(pyproject)
        found.extend(here)
    return found


#: a `[tool.pmlint]` or `[tool.pmlint.x]` header at the start of a line (not in a comment,
#: not `[tool.pmlint-helper]`), for a pyproject.toml too broken to parse
_TOOL_HEADER = re.compile(r"(?m)^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*pmlint[ \t]*(?:[\].]|$)")


def _has_tool_section(pyproject: Path) -> bool:
    """Whether `pyproject.toml` really has a `[tool.pmlint]` table: parsed, not searched
    for the text (a comment that mentions it, or `[tool.pmlint-helper]`, is not one, and
    must not hide the configuration of a parent folder)."""
    from .safe_io import read_text_limited

    from .safe_io import NotRegularFile, TooLarge

    try:
        text = read_text_limited(pyproject)
    except (TooLarge, NotRegularFile):
        return True  # suspicious, not absent: loading it reports the one-line error
    except (OSError, UnicodeDecodeError):
        return False
    if "pmlint" not in text and "\\" not in text:
        # a pmlint table spells its name, or escapes it in a quoted key ("pm\u006cint"):
        # most projects' pyproject.toml is neither, and needs no TOML parser (~2 ms)
        return False
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # broken TOML with a real [tool.pmlint] header: load it, report the error
        return _TOOL_HEADER.search(text) is not None
    tool = document.get("tool")
    return isinstance(tool, dict) and "pmlint" in tool


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """Load `explicit` or the nearest config file; defaults when there is none."""
    if explicit is not None:
        given = Path(explicit)
        if not given.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        path: Path | None = given
    else:
        path = find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    data, spans = _read(path)
    return build_config(data, path, spans)


def _read(path: Path) -> tuple[dict[str, Any], Any]:
    if path.name == "pyproject.toml":
        import tomllib

        from .safe_io import read_text_limited

        try:
            toml = tomllib.loads(read_text_limited(path))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"cannot read TOML: {error}", str(path)) from None
        table = toml.get("tool", {}).get("pmlint", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.pmlint] must be a table", str(path))
        return table, None
    from .load import load_path

    document = load_path(str(path))
    # an empty file (or one with only comments) means "no settings", not a mistake
    problems = [problem for problem in document.problems if problem.code not in ("bad-suppression", "empty")]
    if problems:
        problem = problems[0]
        raise ConfigError(problem.message, str(path), problem.span.line)
    return document.data or {}, document


CONFIG_KEYS = ("preset", "select", "extend-select", "ignore", "severity", "rules", "fail-on", "include", "exclude",
               "per-path", "rules-dirs", "strict", "baseline", "settings", "report")
PER_PATH_KEYS = ("select", "extend-select", "ignore", "severity")


def build_config(data: dict[str, Any], path: Path | None = None, source: Any = None) -> Config:
    from .model import join_pointer
    from .schema import load_schema, validate

    def fail(message: str, pointer: str = "") -> ConfigError:
        return _error(message, path, source, pointer)

    if not isinstance(data, dict):
        raise fail("the configuration must be a mapping of keys (select, ignore, settings, ...)")
    warnings: list[str] = []
    _check_keys(data, "", CONFIG_KEYS, fail)
    if isinstance(data.get("per-path"), dict):
        for pattern, overrides in data["per-path"].items():
            if isinstance(overrides, dict):
                _check_keys(overrides, join_pointer("/per-path", pattern), PER_PATH_KEYS, fail)
    # `settings` is checked key by key below (an unknown key suggests the closest, a moved
    # one is still honoured): the schema judges everything else
    errors = validate({key: value for key, value in data.items() if key != "settings"}, load_schema("config"))
    if errors:
        error = errors[0]
        raise fail(error.message, error.pointer)
    if not isinstance(data.get("settings") or {}, dict):
        raise fail("`settings` must be a mapping of setting → value (see the README's settings table)", "/settings")
    settings = dict(data.get("settings") or {})
    moved: list[tuple[str, dict[str, Any], str]] = []
    for key, value in list(settings.items()):
        if key in MOVED_SETTINGS:  # owned by a rule now: still honoured, for one release
            rule_id, option, _ = MOVED_SETTINGS[key]
            try:
                check_setting(key, value)
            except SettingError as error:
                raise fail(str(error), _below(join_pointer("/settings", key), error.path)) from None
            moved.append((rule_id, {option: settings.pop(key)}, join_pointer("/settings", key)))
            warnings.append(f"`settings.{key}` is deprecated: {rule_id} owns it now; write "
                            f"`rules: {{{rule_id}: {{{option}: ...}}}}` instead (`pmlint explain {rule_id}` "
                            "lists its options)")
    for key, value in settings.items():
        pointer = join_pointer("/settings", key)
        if key not in DEFAULT_SETTINGS:
            raise fail(f"unknown setting `settings.{key}`{did_you_mean(key, [*DEFAULT_SETTINGS, *MOVED_SETTINGS])} "
                       "(see the README's settings table)", pointer)
        try:
            check_setting(key, value)
        except SettingError as error:
            raise fail(str(error), _below(pointer, error.path)) from None
    merged = merge_settings(settings)
    try:
        check_settings(merged, settings)
    except SettingError as error:
        raise fail(str(error), _below(join_pointer("/settings", error.key or ""), error.path)) from None
    config = Config(path=path, root=path.parent if path else Path.cwd(), source=source)
    config.warnings = warnings
    config.preset = data.get("preset", config.preset)
    config.select = data.get("select")
    config.extend_select = list(data.get("extend-select", []))
    config.ignore = list(data.get("ignore", []))
    config.severity = dict(data.get("severity", {}))
    config.rule_options = list(moved)
    for code, overrides in (data.get("rules") or {}).items():
        options = {key: value for key, value in overrides.items() if key != "severity"}
        if "severity" in overrides:
            config.severity[code] = overrides["severity"]
        config.rule_options.append((code, options, join_pointer("/rules", code)))
    config.fail_on = data.get("fail-on", config.fail_on)
    # `include` is a positive list and replaces the default; `exclude` extends the default
    # excludes (dot-folders, node_modules, README.md, ...), so excluding one more folder
    # never starts linting CI workflows or vendored files
    config.include = list(data.get("include", config.include))
    config.exclude = [*DEFAULT_EXCLUDE, *(pattern for pattern in data.get("exclude", [])
                                         if pattern not in DEFAULT_EXCLUDE)]
    config.per_path = dict(data.get("per-path", {}))
    config.rules_dirs = list(data.get("rules-dirs", []))
    config.baseline = data.get("baseline")
    if path is not None:
        _confine(config, data, fail)
    config.settings = merged
    config.report = dict(data.get("report") or {})
    if "strict" in data:
        config.settings["strict"] = data["strict"]
    return config


def repository_root(folder: Path) -> Path:
    """The git top level that holds `folder`, or `folder` itself outside git."""
    from .repo import git_toplevel

    try:
        return (git_toplevel(folder) or folder).resolve()
    except Exception:  # noqa: BLE001 - no git, or a broken one: the folder is the boundary
        return folder.resolve()


def _confine(config: Config, data: dict[str, Any], fail: Any) -> None:
    """`rules-dirs` and `baseline` from a config file stay inside the config's repository:
    a pull request's `.pmlint.yaml` must not make pmlint read rule files or a baseline
    from elsewhere on the CI machine (`--baseline` on the command line is not limited)."""
    if not config.rules_dirs and not config.baseline:
        return  # nothing to confine: spare the git call
    root = repository_root(config.root.resolve())
    for key, values in (("rules-dirs", config.rules_dirs), ("baseline", [config.baseline] if config.baseline else [])):
        for index, value in enumerate(values):
            target = (config.root / str(value)).resolve()
            if target != root and root not in target.parents:
                pointer = f"/{key}/{index}" if key == "rules-dirs" else f"/{key}"
                raise fail(f"`{key}` must stay inside the repository ({root}), but {value!r} leads to {target}"
                           + ("; pass a baseline from elsewhere with --baseline" if key == "baseline" else ""),
                           pointer)


def _check_keys(data: dict[str, Any], pointer: str, known: tuple[str, ...], fail: Any) -> None:
    from .model import join_pointer
    from .schema import dotted

    for key in data:
        if key not in known:
            child = join_pointer(pointer, str(key))
            raise fail(f"Unknown key `{dotted(child)}`{did_you_mean(str(key), known)} "
                       f"(known keys: {', '.join(sorted(known))})", child)


def _below(pointer: str, path: tuple[str | int, ...]) -> str:
    from .model import join_pointer

    for part in path:
        pointer = join_pointer(pointer, part)
    return pointer



def unknown_code(code: str, where: str, rules: Iterable[Any]) -> str:
    return f"unknown rule or category {code!r} in {where}{suggest_code(code, rules)} (see `pmlint rules`)"


def known_code(code: str, rules: Iterable[Any]) -> bool:
    return any(matches_code(code, rule.id, rule.name) for rule in rules)


def select_rules(rules: Iterable[Any], config: Config, *, select: list[str] | None = None,
                 extend_select: Iterable[str] = (), ignore: Iterable[str] = (),
                 preset: str | None = None) -> list[Any]:
    """The rules a run enables: preset (or select), plus extend-select, minus ignore.

    A command-line `select` replaces both the config's `select` and its `extend-select`;
    command-line `extend_select` adds to it; config and command-line `ignore` both apply.

    An unknown code is an error: from the command line it names the option, from the
    configuration the file, line and key; both suggest the closest rule."""
    rules = list(rules)
    extend_select, ignore = list(extend_select), list(ignore)
    chosen_preset = preset or config.preset
    if chosen_preset not in PRESETS:
        raise ConfigError(f"unknown preset {chosen_preset!r} (choose {' or '.join(PRESETS)})")
    for option, codes in (("--select", select or []), ("--extend-select", extend_select), ("--ignore", ignore)):
        for code in codes:
            if not known_code(code, rules):
                raise ConfigError(unknown_code(code, option, rules))
    for key, codes in (("select", config.select or []), ("extend-select", config.extend_select),
                       ("ignore", config.ignore)):
        for index, code in enumerate(codes):
            if not known_code(code, rules):
                raise config.error(unknown_code(code, f"`{key}`", rules), f"/{key}/{index}")
    # a command-line --select replaces the config's select AND extend-select ("enable only
    # these"); command-line --extend-select still adds, and every ignore still applies
    selection = select if select is not None else config.select
    extend = [*extend_select] if select is not None else [*config.extend_select, *extend_select]
    ignored = [*config.ignore, *ignore]

    def picked(rule: Any, codes: Iterable[str]) -> bool:
        return any(matches_code(code, rule.id, rule.name) for code in codes)

    if selection is not None:
        enabled = [rule for rule in rules if picked(rule, selection)]
    else:
        enabled = [rule for rule in rules if chosen_preset == "strict" or rule.preset == "recommended"]
    enabled += [rule for rule in rules if rule not in enabled and picked(rule, extend)]
    enabled = [rule for rule in enabled if not picked(rule, ignored)]
    for rule in rules:
        for code in getattr(rule, "yields_to", ()):
            if not known_code(code, rules):  # a typo would quietly report one gap twice
                raise ConfigError(f"{rule.source or rule.id}:{getattr(rule, 'line', 1)}: rule {rule.id}: "
                                  f"`yields_to` names {code!r}, which is no rule{suggest_code(code, rules)}")
    # a summary rule yields to the rules whose findings already say it (`yields_to`): under
    # `strict`, PM301's per-item owners replace PM314's one finding about the whole plan
    enabled = [rule for rule in enabled
               if not any(picked(other, getattr(rule, "yields_to", ())) for other in enabled if other is not rule)]
    enabled.sort(key=lambda rule: rule.id)
    return enabled


def configure_rules(config: Config, rules: Iterable[Any]) -> list[Any]:
    """The loaded rules with config's option overrides applied (`rules: {ID: {option:
    value}}`, and settings that moved into a rule). An unknown rule, an option the rule
    does not have or a value its function does not accept is a ConfigError at the line
    of the option. Settings that moved keep answering `{setting: NAME}` in users' own
    rules with the owning rule's value, for one release."""
    from .engine.rules import RuleError, configure_rule, rule_options, severity_options
    from .model import join_pointer

    rules = list(rules)
    by_id = {rule.id: index for index, rule in enumerate(rules)}
    set_at: dict[tuple[str, str], str] = {}  # (rule id, option) → pointer where config set it
    for code, overrides, base in config.rule_options:
        matched = [rule for rule in rules if code.upper() == rule.id or code == rule.name]
        if not matched:
            raise config.error(unknown_code(code, "`rules`", rules), base)
        rule = matched[0]
        try:
            rules[by_id[rule.id]] = configure_rule(rules[by_id[rule.id]], overrides, base)
        except RuleError as error:
            raise config.error(str(error), error.pointer or base) from None
        for name in overrides:
            set_at[(rule.id, name)] = base if base.startswith("/settings") else join_pointer(base, name)
    _check_severity_options(config, rules, set_at, severity_options)
    for key, (rule_id, name, _) in MOVED_SETTINGS.items():
        if rule_id in by_id:
            for option in rule_options(rules[by_id[rule_id]]):
                if option.name == name:
                    config.settings[key] = option.value
    return rules


def _check_severity_options(config: Config, rules: list[Any], set_at: dict[tuple[str, str], str],
                            severity_options: Any) -> None:
    """A rule's own severity list (PM104's `why_depth_severities`) names levels of
    `settings.severity_levels`: one the config set points at itself; a default that no
    longer fits (the levels were renamed) points at `severity_levels`, as for settings."""
    levels = [str(level) for level in config.settings.get("severity_levels") or ()]
    known = {level.upper() for level in levels}
    for rule in rules:
        for name in severity_options(rule):
            values = (rule.options or {}).get(name) or []
            bad = next((value for value in values if str(value).upper() not in known), None)
            if bad is None:
                continue
            pointer = set_at.get((rule.id, name))
            if pointer is not None:
                where = f"settings.{pointer.rsplit('/', 1)[-1]}" if pointer.startswith("/settings") \
                    else f"rules.{rule.id}.{name}"
                raise config.error(f"`{where}` names {bad!r}, which is not one of "
                                   f"`settings.severity_levels` ({', '.join(levels)}){did_you_mean(str(bad), levels)}",
                                   pointer)
            raise config.error(f"{rule.id}'s `{name}` keeps its default {values}, but {bad!r} is not one of "
                               f"`settings.severity_levels`; set `rules: {{{rule.id}: {{{name}: [...]}}}}` as well",
                               "/settings/severity_levels")


def severity_overrides(config: Config, rules: Iterable[Any]) -> dict[str, Severity]:
    """Config `severity:` as {rule id: Severity}; keys may be ids, names or prefixes."""
    from .model import join_pointer

    rules = list(rules)
    overrides: dict[str, Severity] = {}
    for code, level in config.severity.items():
        matched = [rule for rule in rules if matches_code(code, rule.id, rule.name)]
        if not matched:
            raise config.error(unknown_code(code, "`severity`", rules), join_pointer("/severity", code))
        for rule in matched:
            overrides[rule.id] = Severity.parse(level)
    return overrides


def glob_match(path: str, pattern: str) -> bool:
    """Match a posix relative path against a glob; a pattern without '/' matches any path part."""
    return GlobSet((pattern,)).matches(path)


def _strip_glob(pattern: str) -> str:
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.lstrip("/").rstrip("/")


class GlobSet:
    """Several globs compiled into two regexes, for walking thousands of files.

    Semantics: a glob without `/` matches any part of the path (`README.md`,
    `node_modules`, `.*`); a glob with `/` matches the whole relative path or a folder
    prefix of it (`templates/`, `docs/**/*.md`), and a leading `**/` may also match
    nothing. `*` crosses `/`, as in fnmatch.
    """

    __slots__ = ("_part", "_path")

    def __init__(self, patterns: Iterable[str]) -> None:
        parts: list[str] = []
        paths: list[str] = []
        for pattern in patterns:
            self._expand(pattern, parts, paths)
        self._part = re.compile("|".join(parts)) if parts else None
        self._path = re.compile("|".join(paths)) if paths else None

    @classmethod
    def _expand(cls, pattern: str, parts: list[str], paths: list[str]) -> None:
        if "/" not in pattern.rstrip("/"):
            parts.append(fnmatch.translate(pattern.rstrip("/")))
            return
        stripped = _strip_glob(pattern)
        paths.append(fnmatch.translate(stripped))
        paths.append(fnmatch.translate(stripped + "/*"))
        if stripped.startswith("**/"):
            cls._expand(stripped[3:], parts, paths)

    def matches(self, path: str) -> bool:
        if self._path is not None and self._path.match(path):
            return True
        if self._part is not None:
            return any(self._part.match(part) for part in path.split("/"))
        return False

"""Rule files → Rule objects, validated when first read, then served from a cache.

A rule file that does not parse, does not follow `rule.schema.json`, names an
unknown function, or has bad options/regexes/selectors is a ConfigError naming
the file, the line and the field: users write rules, and deserve compiler-grade
errors for them. Each option is checked against the schema its function declares
(`{setting: NAME}` stands for any value), so `max: 'ten'` fails here, not as an
internal error on every document.

What a rule file parses to is cached (`pack.py`): a run reads one JSON file instead
of 56 YAML files. Work that only a run needs is done on first use: a function's
`prepare` (compiling a `pattern` regex) runs when the rule first runs, so disabled
rules cost nothing, and examples are read only by `Rule.examples`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..errors import ConfigError
from ..safe_io import NotRegularFile, TooLarge, read_limited
from ..load import load_path
from ..model import Severity
from ..schema import load_schema, validate as validate_schema
from ..settings import DEFAULT_SETTINGS, MOVED_SETTINGS, did_you_mean
from . import pack
from .builtin import get_function
from .select import Selector, SelectorError, compile_selector
from .untrusted import compile_untrusted

CATEGORIES = {
    "0": "document", "1": "root-cause", "2": "on-call", "3": "action-items", "4": "detection",
    "5": "timeline", "6": "impact", "7": "language", "8": "learning",
}


@dataclass(slots=True)
class CheckSpec:
    function: str
    field: str | None
    options: dict[str, Any]
    message: str | None
    #: the function's `prepare` has not run on `options` yet (it runs on first use)
    pending: bool = False
    #: the options as the rule file (and config overrides) gave them, before `prepare`
    #: (`{option: NAME}` references kept, so a config override of the rule's option reaches them)
    given: dict[str, Any] | None = None
    #: (settings, options, those options with `{setting: NAME}` resolved): see `for_settings`
    _resolved: tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None = None

    def prepared(self, prepare: Callable[[dict[str, Any]], dict[str, Any]] | None) -> dict[str, Any]:
        """The options as the check function wants them, prepared once."""
        if self.pending:
            self.options = prepare(dict(self.options)) if prepare is not None else self.options
            self.pending = False
        return self.options

    def for_settings(self, settings: dict[str, Any]) -> dict[str, Any]:
        """The prepared options with each `{setting: NAME}` replaced by the setting's value,
        so a check reads a rule's words the same whether the rule file lists them or names
        a setting (resolved once per settings and options, not once per document: this
        runs for every rule on every document)."""
        options = self.options
        cached = self._resolved
        if cached is None or cached[0] is not settings or cached[1] is not options:
            if any(isinstance(value, dict) and set(value) == {"setting"} for value in options.values()):
                resolved = {key: settings.get(value["setting"]) if isinstance(value, dict) and set(value) == {"setting"}
                            else value for key, value in options.items()}
            else:
                resolved = options
            cached = self._resolved = (settings, options, resolved)
        return cached[2]


@dataclass(slots=True)
class Rule:
    id: str
    name: str
    category: str
    severity: Severity
    preset: str
    summary: str
    rationale: str
    fix: str
    message: str
    given: tuple[Selector, ...]
    checks: tuple[CheckSpec, ...]
    when: dict[str, Any] | None = None
    #: None: not read yet (a rule from the cache); `examples` reads them from `source`
    example_list: list[dict[str, Any]] | None = None
    tags: tuple[str, ...] = ()
    source: str = ""
    #: line of `id:` in the rule file (for errors about the id)
    line: int = 1
    #: the fix in Markdown's terms (a heading, a table column, a `**Label:**` line), used
    #: for findings in Markdown postmortems; None: `fix` reads the same in both formats
    fix_markdown: str | None = None
    #: message templates by variant name (`messages:`): what a check's Hit(variant=...) says
    messages: dict[str, str] | None = None
    #: the rule's own options (`options:` at the top of the file): values its `when` reads
    #: as `{option: NAME}`; `when` holds them substituted, `when_source` the references
    options: dict[str, Any] | None = None
    when_source: dict[str, Any] | None = None
    #: rules (ids or names) whose findings already say what this one says: when any of them
    #: is enabled in the run, this one is not (`config.select_rules`): one gap, one finding
    yields_to: tuple[str, ...] = ()
    #: the rule's findings claim something is absent from the document ("no detection
    #: method found in any section or sentence"): on a document in a language pmlint does
    #: not read they are `strict`-only, since nothing was really searched
    claims_absence: bool = False
    #: document forms (`DocumentMeta.forms`: `incident-log`, `interim-update`, `personal`, `status-notice`) that leave
    #: out by design what the rule says is absent: on such a document its findings are
    #: `strict`-only
    omitted_by: tuple[str, ...] = ()

    def fix_for(self, fmt: str) -> str:
        """The fix hint in the document's own language (`fmt`: yaml or markdown)."""
        return self.fix_markdown if fmt == "markdown" and self.fix_markdown else self.fix

    @property
    def examples(self) -> list[dict[str, Any]]:
        """The rule's examples; read from its file on first use (check runs never need them)."""
        if self.example_list is None:
            self.example_list = _read_examples(self.source)
        return self.example_list

    @property
    def loader_rule(self) -> bool:
        """Reports loader problems: the only kind that runs on a broken document."""
        return all(spec.function == "load_problem" for spec in self.checks)


def builtin_rules_dir() -> Path:
    """The shipped rule pack: inside the installed wheel, or `rules/` of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def rule_files(directory: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(directory):
        dirs.sort()
        files.extend(Path(root) / name for name in sorted(names) if name.endswith((".yaml", ".yml")))
    return files


#: Ids of the built-in pack; a rule from `rules-dirs` must use another prefix.
RESERVED_PREFIX = "PM"


@lru_cache(maxsize=8)
def load_rules(directories: tuple[str, ...] = (), validate_builtin: bool = False) -> tuple[Rule, ...]:
    """Built-in rules plus those in `directories`. User rules are always schema-checked
    when first read; the built-in pack is checked by the test suite (validate_builtin=True
    there, which also bypasses the cache)."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    builtin_dir = builtin_rules_dir()
    # a directory that is the built-in pack itself (`pmlint test-rules rules` in a source
    # checkout, `rules-dirs: [rules]`) adds nothing: it is not read a second time
    extra = [Path(d) for d in directories if not _same_dir(Path(d), builtin_dir)]
    sources = [(builtin_dir, validate_builtin, True)] + [(d, True, False) for d in extra]
    for directory, validate, builtin in sources:
        if not directory.is_dir():
            raise ConfigError(f"rules directory not found: {directory}")
        loaded = _load_builtin(directory, validate) if builtin else _load_user(directory)
        for rule in loaded:
            path = rule.source
            for key in (rule.id, rule.name):
                if key in seen:
                    raise ConfigError(f"rule {key} is defined twice (also in {seen[key]})", str(path))
                seen[key] = str(path)
            if not builtin and rule.id.upper().startswith(RESERVED_PREFIX):
                raise ConfigError(f"rule id {rule.id}: the {RESERVED_PREFIX} prefix is reserved for built-in rules; "
                                  "use your own prefix, e.g. ACME101", str(path), rule.line)
            rules.append(rule)
    rules.sort(key=lambda rule: rule.id)
    return tuple(rules)


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.is_dir() and b.is_dir() and a.samefile(b)
    except OSError:
        return False


def _load_builtin(directory: Path, validate: bool) -> list[Rule]:
    """The shipped pack: from the cache when its key (version + every file's bytes) matches."""
    files = rule_files(directory)
    if validate:  # the test suite: always from the source, fully checked
        return [load_rule_file(path, True) for path in files]
    key, _ = pack.pack_key(directory, files)
    # entries name their file relative to the pack: the key covers relative paths and
    # bytes only, so two checkouts (or virtualenvs) of the same pack share one entry
    # instead of overwriting each other's on every run
    relative = [path.relative_to(directory).as_posix() for path in files]
    cached = pack.read(f"builtin-{key}.json", key)
    if cached is not None and [source.path for source in cached] == relative:
        rules = _compile_cached([RuleSource(str(path), source.data, source.line)
                                 for path, source in zip(files, cached)])
        if rules is not None:
            return rules
    sources = [_parse_rule_file(path, False) for path in files]
    rules = [_compile_source(source, prepare=False) for source in sources]
    pack.write(f"builtin-{key}.json", key, [RuleSource(name, source.data, source.line)
                                             for name, source in zip(relative, sources)])
    return rules


def _load_user(directory: Path) -> list[Rule]:
    """Rules of a `rules-dirs` folder: each file cached under the hash of its bytes."""
    rules: list[Rule] = []
    for path in rule_files(directory):
        try:  # bounded and regular-only: a rule "file" that is a FIFO or /dev/zero is refused, not read
            key = pack.digest(read_limited(path))
        except (NotRegularFile, TooLarge) as error:
            raise ConfigError(f"cannot read rule file: {error}", str(path)) from None
        except OSError as error:
            raise ConfigError(f"cannot read rule file: {error.strerror or error}", str(path)) from None
        cached = pack.read(f"rule-{key}.json", key)
        if cached is not None and len(cached) == 1:
            compiled = _compile_cached([RuleSource(str(path), cached[0].data, cached[0].line)])
            if compiled is not None:
                rules += compiled
                continue
        source = _parse_rule_file(path, True)
        rules.append(_compile_source(source, prepare=True))  # checks regexes too, before caching
        pack.write(f"rule-{key}.json", key, [source])
    return rules


def _compile_cached(sources: list[RuleSource]) -> list[Rule] | None:
    """Rules from cached data, or None when any entry does not compile (then the caller
    re-reads the files, whose errors carry the right line)."""
    try:
        return [_compile_source(source, prepare=False) for source in sources]
    except ConfigError:
        return None


def _compile_source(source: RuleSource, prepare: bool) -> Rule:
    try:
        rule = compile_rule(source.data, source.path, prepare=prepare)
    except RuleError as error:
        # cached data carries no positions: re-read the file for the line of the error
        document = _load_document(Path(source.path))
        raise ConfigError(str(error), source.path, document.span_for(error.pointer).line) from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        message = f"missing field {error}" if isinstance(error, KeyError) else str(error)
        raise ConfigError(message, source.path, 1) from None
    rule.line = source.line
    return rule


RuleSource = pack.RuleSource


def _load_document(path: Path) -> Any:
    return load_path(str(path))


def _parse_rule_file(path: Path, validate: bool) -> RuleSource:
    """A rule file's data (examples left out) and the line of its id; ConfigError if it
    does not parse or (with `validate`) does not follow the rule schema."""
    document = _load_document(path)
    problems = [problem for problem in document.problems if problem.code != "bad-suppression"]
    if problems:
        problem = problems[0]
        raise ConfigError(problem.message, str(path), problem.span.line)
    data = document.data
    if validate:
        errors = validate_schema(data, load_schema("rule"))
        if errors:
            error = errors[0]
            raise ConfigError(error.message, str(path), document.span_for(error.pointer).line)
    if not isinstance(data, dict):
        raise ConfigError("a rule file must be a mapping", str(path), 1)
    data = {key: value for key, value in data.items() if key != "examples"}
    return RuleSource(str(path), data, document.span_for("/id").line)


def load_rule_file(path: Path, validate: bool = True) -> Rule:
    """One rule file, read and compiled from its source (no cache)."""
    return _compile_source(_parse_rule_file(path, validate), prepare=True)


def _read_examples(source: str) -> list[dict[str, Any]]:
    if not source or not os.path.isfile(source):
        return []
    data = _load_document(Path(source)).data
    examples = data.get("examples") if isinstance(data, dict) else None
    return list(examples) if isinstance(examples, list) else []


class RuleError(ValueError):
    """A rule that does not compile; `pointer` locates the offending field."""

    def __init__(self, message: str, pointer: str = "") -> None:
        super().__init__(message)
        self.pointer = pointer


def compile_rule(data: dict[str, Any], source: str = "<rule>", prepare: bool = True) -> Rule:
    """Plain rule data → Rule; raises ValueError on unknown functions, bad options or selectors.

    `prepare=False` defers each function's `prepare` (regex compilation) to the rule's
    first run: for data already checked once (the cache, the tested built-in pack)."""
    rule_id = data["id"]
    givens = data.get("given", "$")
    try:
        given = tuple(compile_selector(text) for text in ([givens] if isinstance(givens, str) else givens))
    except SelectorError as error:
        raise RuleError(str(error), "/given") from None
    own = dict(data.get("options") or {})
    for name, value in own.items():
        errors = validate_schema(value, option_schema(value), pointer=f"/options/{name}")
        if errors:
            raise RuleError(errors[0].message, errors[0].pointer)
    when = _with_options(data.get("when"), own, "/when") if data.get("when") else None
    try:
        if when:
            _check_condition(when)
            _check_setting_references(when, "/when")
    except SelectorError as error:
        raise RuleError(str(error), "/when") from None
    listed = isinstance(data["then"], list)
    raw_checks = data["then"] if listed else [data["then"]]
    checks = []
    for index, raw in enumerate(raw_checks):
        where = f"/then/{index}" if listed else "/then"
        function = get_function(raw["function"])
        if function is None:
            raise RuleError(f"unknown check function {raw['function']!r} in `then`", where + "/function")
        # `{option: NAME}` reads the rule's own option (`options:` at the top), as `when` does:
        # one word list serves the gate and the check, under the name config overrides
        options = _with_options(dict(raw.get("options") or {}), own, where + "/options")
        _check_setting_references(options, where + "/options")
        if function.name == "exists" and isinstance(options.get("where"), dict):  # a condition, checked as one
            try:
                _check_condition(options["where"])
            except SelectorError as error:
                raise RuleError(str(error), where + "/options/where") from None
        _check_options(function.name, options, function.options, where + "/options", deep=prepare)
        pending = function.prepare is not None
        if pending and prepare:
            try:
                options = function.prepare(options)  # type: ignore[misc]
            except ValueError as error:
                raise RuleError(f"function {function.name!r}: {error}", where + "/options") from None
            pending = False
        if raw.get("message") is not None:
            check_template(raw["message"], where + "/message")
        checks.append(CheckSpec(function.name, raw.get("field"), options, raw.get("message"), pending,
                                dict(raw.get("options") or {})))
    check_template(data["message"], "/message")
    for name, template in (data.get("messages") or {}).items():
        check_template(template, f"/messages/{name}")
    category = data.get("category") or CATEGORIES.get(rule_id[2:3] if rule_id.startswith("PM") else "", "custom")
    examples = data.get("examples")
    return Rule(
        id=rule_id, name=data["name"], category=category, severity=Severity.parse(data["severity"]),
        preset=data.get("preset", "recommended"), summary=data["summary"].strip(),
        rationale=" ".join(data["rationale"].split()), fix=data["fix"].strip(), message=data["message"].strip(),
        given=given, checks=tuple(checks), when=when, options=own or None,
        when_source=data.get("when") if own else None,
        example_list=list(examples or []) if examples is not None or source == "<rule>" else None,
        tags=tuple(data.get("tags") or ()), source=source,
        yields_to=tuple(str(code) for code in data.get("yields_to") or ()),
        claims_absence=bool(data.get("claims_absence", False)),
        omitted_by=tuple(str(form) for form in data.get("omitted_by") or ()),
        fix_markdown=" ".join(data["fix_markdown"].split()) if data.get("fix_markdown") else None,
        messages={str(name): " ".join(str(text).split()) for name, text in (data.get("messages") or {}).items()}
        or None,
    )


def _check_options(function: str, options: dict[str, Any], schema: dict[str, Any], pointer: str,
                   deep: bool = True) -> None:
    """Each option against the schema its function declares; `{setting: NAME}` stands for
    any value (the setting's own type is checked where settings are validated). An option
    the function requires (its vocabulary) must be given. `deep` also checks what a schema
    cannot say (a regex compiles, a section exists): when a rule file is first read and
    for config overrides, not for rules already checked (the cached or tested pack)."""
    properties = schema.get("properties", {})
    unknown = set(options) - set(properties)
    if unknown:
        raise RuleError(f"unknown option(s) {', '.join(sorted(unknown))} for function {function!r}", pointer)
    missing = [key for key in schema.get("required", ()) if key not in options]
    if missing:
        raise RuleError(f"function {function!r} needs the option(s) {', '.join(missing)}", pointer)
    for key, value in options.items():
        if isinstance(value, dict) and set(value) == {"setting"}:
            continue
        errors = validate_schema(value, properties[key], pointer=f"{pointer}/{key}")
        if errors:
            raise RuleError(f"function {function!r}: {errors[0].message}", errors[0].pointer)
        if deep and (properties[key].get("items") or {}).get("format") == "regex":
            _check_regexes(function, value, f"{pointer}/{key}")
        if deep and (properties[key].get("items") or {}).get("format") == "section":
            _check_sections(function, value, f"{pointer}/{key}")


def _check_sections(function: str, sections: list[str], pointer: str) -> None:
    """Each entry of a `section-list` option names top-level sections a document can have
    (`a|b` for either): a typo would demand a section nobody can write."""
    from ..schema import dotted
    from ..settings import document_section_keys

    known = document_section_keys()
    for index, item in enumerate(sections):
        for part in str(item).split("|"):
            section = part.strip()
            if section not in known:
                where = f"{pointer}/{index}"
                raise RuleError(f"function {function!r}: `{dotted(where)}` names an unknown section {section!r}"
                                f"{did_you_mean(section, known)} (known: {', '.join(sorted(known))}; "
                                "`a|b` accepts either)", where)


def _check_regexes(function: str, patterns: list[str], pointer: str) -> None:
    """Each regex of a `regex-list` option compiles as the checks compile it (RE2, one
    pattern at a time, case-insensitive): a bad one never silently turns a check off."""
    from ..schema import dotted
    from .text import phrase_regex

    for index, pattern in enumerate(patterns):
        try:
            phrase_regex((), (pattern,))
        except re.error as error:
            where = f"{pointer}/{index}"
            raise RuleError(f"function {function!r}: `{dotted(where)}` is not a valid regular expression "
                            f"({error}): {pattern!r}", where) from None


def option_schema(default: Any) -> dict[str, Any]:
    """The schema of a rule-level option, from the kind of its default (a list of words, a
    count, a number, a text, a flag): an override must have the same shape."""
    from .kinds import of_kind

    if isinstance(default, bool):
        return of_kind("flag")
    if isinstance(default, int):
        return of_kind("count")
    if isinstance(default, float):
        return of_kind("number")
    if isinstance(default, str):
        return of_kind("text")
    if isinstance(default, list):
        return of_kind("words")
    return {"type": "object"}


def _with_options(value: Any, options: dict[str, Any], pointer: str) -> Any:
    """`value` with every `{option: NAME}` replaced by the rule's option; an unknown name is
    a RuleError at its place."""
    if isinstance(value, dict):
        if set(value) == {"option"}:
            name = value["option"]
            if not isinstance(name, str) or name not in options:
                raise RuleError(f"unknown option {name!r}{did_you_mean(str(name), options)} in `{{option: ...}}` "
                                "(declare it under `options:` at the top of the rule)", pointer)
            return options[name]
        return {key: _with_options(item, options, f"{pointer}/{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_with_options(item, options, f"{pointer}/{index}") for index, item in enumerate(value)]
    return value


def severity_options(rule: Rule) -> list[str]:
    """The rule's own options its `when` compares with the document's severity
    (`{path: $.severity, in: {option: NAME}}`): their values must be severity levels."""
    found: list[str] = []

    def walk(condition: Any) -> None:
        if not isinstance(condition, dict):
            return
        if condition.get("path") == "$.severity":
            for key in ("in", "not_in", "equals"):
                ref = condition.get(key)
                if isinstance(ref, dict) and set(ref) == {"option"}:
                    found.append(str(ref["option"]))
        for key in ("all", "any"):
            for part in condition.get(key) or ():
                walk(part)
        walk(condition.get("not"))

    walk(rule.when_source)
    return found


def _check_setting_references(value: Any, pointer: str) -> None:
    """Every `{setting: NAME}` names a real setting: a typo would silently read nothing."""
    if isinstance(value, dict):
        if set(value) == {"setting"}:
            name = value["setting"]
            if not isinstance(name, str) or (name not in DEFAULT_SETTINGS and name not in MOVED_SETTINGS):
                raise RuleError(f"unknown setting {name!r}{did_you_mean(str(name), DEFAULT_SETTINGS)} "
                                "in `{setting: ...}`", pointer)
            return
        for key, item in value.items():
            _check_setting_references(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_setting_references(item, f"{pointer}/{index}")


_TEMPLATE_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_template(template: Any, pointer: str) -> None:
    """A message template substitutes bare names only: `{title}`; `{{` and `}}` are literal
    braces. Attribute or index access (`{title.upper}`, `{0}`, `{x[1]}`), format specs and
    unbalanced braces are rule errors, found when the rule loads rather than at run time."""
    if not isinstance(template, str):
        raise RuleError("`message` must be text", pointer)
    for match in _TEMPLATE_TOKEN.finditer(template):
        token = match.group()
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            raise RuleError(f"unbalanced {token!r} at column {match.start() + 1} of the message template "
                            "(write `{{` or `}}` for a literal brace)", pointer)
        name = match.group(1)
        if not _IDENTIFIER.fullmatch(name):
            raise RuleError(f"message placeholder {token!r} is not a plain field name: use `{{name}}` "
                            "(no attribute or index access, no format spec)", pointer)


def _check_condition(condition: dict[str, Any]) -> None:
    """A condition's selectors parse and its `matches` regex compiles (as RE2 will run it)."""
    if "path" in condition:
        compile_selector(condition["path"])
    if "matches" in condition:
        try:
            compile_untrusted(condition["matches"])
        except re.error as error:
            raise SelectorError(f"`matches` is not a valid regular expression ({error}): {condition['matches']!r}") \
                from None
    for key in ("all", "any"):
        for part in condition.get(key, ()):
            _check_condition(part)
    if "not" in condition:
        _check_condition(condition["not"])


# ---- options: what a rule file sets, what config may override -------------------------

@dataclass(frozen=True, slots=True)
class RuleOption:
    """One option of a rule: its name, its value (the rule file's default, or the config's
    override), and what its function says it means (the JSON Schema of the value)."""

    name: str
    value: Any
    schema: dict[str, Any]

    @property
    def help(self) -> str:
        return str(self.schema.get("description", ""))


def rule_options(rule: Rule) -> list[RuleOption]:
    """The options a rule sets (its own `options:`, then `then.options`), in the order its
    checks give them; the first check that sets a name wins when two do. A rule option a
    check reads (`{option: NAME}`) is described as that check's option is."""
    described: dict[str, str] = {}
    for spec in rule.checks:
        function = get_function(spec.function)
        properties = function.options.get("properties", {}) if function is not None else {}
        for key, value in (spec.given or {}).items():
            if _option_ref(value) and key in properties:
                described.setdefault(str(value["option"]), str(properties[key].get("description", "")))
    seen: dict[str, RuleOption] = {name: RuleOption(name, value, {**option_schema(value), "description": (
        described.get(name) or "Read by the rule's `when`.")}) for name, value in (rule.options or {}).items()}
    for spec in rule.checks:
        function = get_function(spec.function)
        properties = function.options.get("properties", {}) if function is not None else {}
        given = spec.given if spec.given is not None else spec.options
        for key, value in given.items():
            if key not in seen and not _option_ref(value):
                seen[key] = RuleOption(key, value, properties.get(key, {}))
    return list(seen.values())


def _option_ref(value: Any) -> bool:
    """`{option: NAME}`: a check option that reads the rule's own option (set under that name)."""
    return isinstance(value, dict) and set(value) == {"option"}


def settable_options(rule: Rule) -> list[str]:
    """Every option name config may set for `rule`: those its functions declare."""
    names: list[str] = list(rule.options or {})
    for spec in rule.checks:
        function = get_function(spec.function)
        for key in (function.options.get("properties", {}) if function is not None else {}):
            if key not in names and not _option_ref((spec.given or {}).get(key)):
                names.append(key)
    return names


def configure_rule(rule: Rule, overrides: dict[str, Any], base: str = "") -> Rule:
    """`rule` with option values from config (`rules: {ID: {option: value}}`), validated
    against its functions' schemas and prepared (regexes compiled) now, so a bad value is
    a configuration error before any document is read. A mapping merges one level deep
    with the rule's own (`{SEV1: 5}` keeps the other severities' limits); anything else
    replaces it. The cached rule is left as it is: a copy is returned.

    Raises RuleError whose pointer is `base` + the option name (and the part below it)."""
    from dataclasses import replace

    specs = list(rule.checks)
    own = dict(rule.options or {})
    for key, value in overrides.items():
        if key in own:  # read by `when`: same shape as the rule's own value
            errors = validate_schema(value, option_schema(own[key]), pointer=f"{base}/{key}")
            if errors:
                raise RuleError(f"rule {rule.id}: {errors[0].message}", errors[0].pointer)
            own[key] = value
            continue
        targets = [index for index, spec in enumerate(specs)
                   if key in (spec.given or {}) and not _option_ref((spec.given or {})[key])]
        if not targets:
            targets = [index for index, spec in enumerate(specs)
                       if key in getattr(get_function(spec.function), "options", {}).get("properties", {})]
        if not targets:
            known = settable_options(rule)
            listed = f"; its options: {', '.join(known)}" if known else "; it has no options"
            raise RuleError(f"rule {rule.id} ({rule.name}) has no option {key!r}{did_you_mean(str(key), known)}"
                            f"{listed}", f"{base}/{key}")
        for index in targets:
            spec = specs[index]
            function = get_function(spec.function)
            assert function is not None
            given = dict(spec.given or {})
            current = given.get(key)
            given[key] = {**current, **value} if isinstance(current, dict) and isinstance(value, dict) \
                and set(current) != {"setting"} else value
            try:
                _check_options(function.name, {key: given[key]}, {**function.options, "required": []}, base)
            except RuleError as error:
                raise RuleError(str(error).replace(f"function {function.name!r}: ", f"rule {rule.id}: "),
                                error.pointer or f"{base}/{key}") from None
            options = _with_options(given, own, f"{base}/{key}")
            if function.prepare is not None:
                try:
                    options = function.prepare(options)
                except ValueError as error:
                    raise RuleError(f"rule {rule.id} option {key!r}: {error}", f"{base}/{key}") from None
            specs[index] = CheckSpec(spec.function, spec.field, options, spec.message, False, given)
    if own != (rule.options or {}):
        for index, spec in enumerate(specs):  # checks reading a changed rule option get its new value
            if not any(_option_ref(value) for value in (spec.given or {}).values()):
                continue
            function = get_function(spec.function)
            assert function is not None
            options = _with_options(dict(spec.given or {}), own, base)
            if function.prepare is not None:
                try:
                    options = function.prepare(options)
                except ValueError as error:
                    raise RuleError(f"rule {rule.id}: {error}", base) from None
            specs[index] = CheckSpec(spec.function, spec.field, options, spec.message, False, spec.given)
        when = _with_options(rule.when_source, own, "/when") if rule.when_source else None
        return replace(rule, checks=tuple(specs), options=own, when=when)
    return replace(rule, checks=tuple(specs))

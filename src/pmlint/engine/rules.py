"""Rule files → Rule objects, validated and compiled once per run.

A rule file that does not parse, does not follow `rule.schema.json`, names an
unknown function, or has bad options/regexes/selectors is a ConfigError naming
the file, the line and the field: users write rules, and deserve compiler-grade
errors for them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Severity
from .select import Selector, SelectorError, compile_selector

CATEGORIES = {
    "0": "document", "1": "root-cause", "2": "on-call", "3": "action-items", "4": "detection",
    "5": "timeline", "6": "impact", "7": "language", "8": "learning",
}


@dataclass(frozen=True, slots=True)
class CheckSpec:
    function: str
    field: str | None
    options: dict[str, Any]
    message: str | None


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
    examples: list[dict[str, Any]] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    source: str = ""
    #: line of `id:` in the rule file (for errors about the id)
    line: int = 1
    #: the fix in Markdown's terms (a heading, a table column, a `**Label:**` line), used
    #: for findings in Markdown postmortems; None: `fix` reads the same in both formats
    fix_markdown: str | None = None

    def fix_for(self, fmt: str) -> str:
        """The fix hint in the document's own language (`fmt`: yaml or markdown)."""
        return self.fix_markdown if fmt == "markdown" and self.fix_markdown else self.fix

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
    """Built-in rules plus those in `directories`. User rules are always schema-checked;
    the built-in pack is checked by the test suite (validate_builtin=True there)."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    sources = [(builtin_rules_dir(), validate_builtin, True)] + [(Path(d), True, False) for d in directories]
    for directory, validate, builtin in sources:
        if not directory.is_dir():
            raise ConfigError(f"rules directory not found: {directory}")
        for path in rule_files(directory):
            rule = load_rule_file(path, validate)
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


def load_rule_file(path: Path, validate: bool = True) -> Rule:
    from ..load import load_path

    document = load_path(str(path))
    problems = [problem for problem in document.problems if problem.code != "bad-suppression"]
    if problems:
        problem = problems[0]
        raise ConfigError(problem.message, str(path), problem.span.line)
    data = document.data
    if validate:
        from ..schema import load_schema, validate as validate_schema

        errors = validate_schema(data, load_schema("rule"))
        if errors:
            error = errors[0]
            raise ConfigError(error.message, str(path), document.span_for(error.pointer).line)
    try:
        rule = compile_rule(data, str(path))
        rule.line = document.span_for("/id").line
        return rule
    except RuleError as error:
        raise ConfigError(str(error), str(path), document.span_for(error.pointer).line) from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        message = f"missing field {error}" if isinstance(error, KeyError) else str(error)
        raise ConfigError(message, str(path), 1) from None


class RuleError(ValueError):
    """A rule that does not compile; `pointer` locates the offending field."""

    def __init__(self, message: str, pointer: str = "") -> None:
        super().__init__(message)
        self.pointer = pointer


def compile_rule(data: dict[str, Any], source: str = "<rule>") -> Rule:
    """Plain rule data → Rule; raises ValueError on unknown functions, bad options or selectors."""
    from .functions import get_function

    rule_id = data["id"]
    givens = data.get("given", "$")
    try:
        given = tuple(compile_selector(text) for text in ([givens] if isinstance(givens, str) else givens))
    except SelectorError as error:
        raise RuleError(str(error), "/given") from None
    try:
        if data.get("when"):
            _check_condition(data["when"])
            _check_setting_references(data["when"], "/when")
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
        options = dict(raw.get("options") or {})
        _check_setting_references(options, where + "/options")
        unknown = set(options) - set(function.options["properties"])
        if unknown:
            raise RuleError(f"unknown option(s) {', '.join(sorted(unknown))} for function {function.name!r}",
                            where + "/options")
        if function.prepare is not None:
            try:
                options = function.prepare(options)
            except ValueError as error:
                raise RuleError(f"function {function.name!r}: {error}", where + "/options") from None
        if raw.get("message") is not None:
            check_template(raw["message"], where + "/message")
        checks.append(CheckSpec(function.name, raw.get("field"), options, raw.get("message")))
    check_template(data["message"], "/message")
    category = data.get("category") or CATEGORIES.get(rule_id[2:3] if rule_id.startswith("PM") else "", "custom")
    return Rule(
        id=rule_id, name=data["name"], category=category, severity=Severity.parse(data["severity"]),
        preset=data.get("preset", "recommended"), summary=data["summary"].strip(),
        rationale=" ".join(data["rationale"].split()), fix=data["fix"].strip(), message=data["message"].strip(),
        given=given, checks=tuple(checks), when=data.get("when"), examples=list(data.get("examples") or []),
        tags=tuple(data.get("tags") or ()), source=source,
        fix_markdown=" ".join(data["fix_markdown"].split()) if data.get("fix_markdown") else None,
    )


def _check_setting_references(value: Any, pointer: str) -> None:
    """Every `{setting: NAME}` names a real setting: a typo would silently read nothing."""
    from ..settings import DEFAULT_SETTINGS, did_you_mean

    if isinstance(value, dict):
        if set(value) == {"setting"}:
            name = value["setting"]
            if not isinstance(name, str) or name not in DEFAULT_SETTINGS:
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
    if "path" in condition:
        compile_selector(condition["path"])
    for key in ("all", "any"):
        for part in condition.get(key, ()):
            _check_condition(part)
    if "not" in condition:
        _check_condition(condition["not"])

"""Settings: the facts several rules share, declared once.

The one spec is `schema/config.schema.json`: `settings.properties` gives every setting
its kind (`$ref` into `$defs`), its help (`description`) and its default; `$defs` gives
the shape of each kind. Everything else is read from it: DEFAULT_SETTINGS, SETTINGS_HELP
and SETTINGS_KIND below, the validation of a config's `settings:` (`check_setting`: the
schema validator, plus what a schema cannot say, such as a regex that must compile), the
README's settings table (`settings_table()`, a test keeps it in sync) and
`pmlint schema config`.

A rule's own vocabulary and thresholds are not settings: they are the rule's options,
in its YAML file, overridable with `rules: {ID: {option: value}}`. Settings that used to
hold them (MOVED_SETTINGS) still work for one release, with a deprecation warning.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Settings that moved into the rule that reads them: old key → (rule id, option, kind).
#: A config that still sets one keeps working for one release: the value is checked as
#: before and set on the rule, with a warning naming `rules: {ID: {option: ...}}`.
MOVED_SETTINGS: dict[str, tuple[str, str, str]] = {
    "human_detection_methods": ("PM402", "human_detection_methods", "words"),
    "why_depth_severities": ("PM104", "why_depth_severities", "severity-subset"),
    "counterfactual_phrases": ("PM703", "words", "words"),
    "blame_phrases": ("PM701", "words", "words"),
    "blame_suggestions": ("PM701", "suggestions", "text-map"),
    "blame_person_phrases": ("PM701", "needs_person", "words"),
    "blame_participle_phrases": ("PM701", "needs_participle", "words"),
    "person_roles": ("PM701", "roles", "words"),
    "person_blame_verbs": ("PM702", "person_blame_verbs", "words"),
    "person_action_verbs": ("PM702", "person_action_verbs", "words"),
    "address_min_shared_words": ("PM306", "address_min_shared_words", "count"),
    "durable_action_types": ("PM307", "durable_action_types", "words"),
    "vague_verbs": ("PM310", "vague_verbs", "words"),
    "measurable_patterns": ("PM310", "measurable_patterns", "regex-list"),
    "people_fix_phrases": ("PM312", "people_fix_phrases", "words"),
    "system_change_words": ("PM312", "system_change_words", "words"),
    "no_action_min_words": ("PM313", "no_action_min_words", "count"),
    "paging_reduction_words": ("PM202", "paging_reduction_words", "words"),
    "night_responder_patterns": ("PM203", "night_responder_patterns", "regex-list"),
    "night_outside_patterns": ("PM203", "night_outside_patterns", "regex-list"),
    "manual_step_words": ("PM204", "manual_step_words", "words"),
    "load_sharing_words": ("PM206", "load_sharing_words", "words"),
    "analysed_layers": ("PM102", "analysed_layers", "words"),
    "layer_analysis_min_words": ("PM102", "layer_analysis_min_words", "count"),
    "min_why_depth": ("PM104", "min_why_depth", "count"),
    "investigate_words": ("PM106", "investigate_words", "words"),
    "duration_tolerance_minutes": ("PM505", "duration_tolerance_minutes", "number"),
    "required_sections": ("PM011", "required_sections", "section-list"),
    "date_tolerance_days": ("PM012", "date_tolerance_days", "count"),
    "extension_keys": ("PM016", "extension_keys", "words"),
    "repeat_required_layer": ("PM802", "repeat_required_layer", "text"),
    "template_prompts": ("PM013", "phrases", "words"),
    "summary_max_words": ("PM803", "max", "count"),
}

_CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")
_OFFSET = re.compile(r"[+-](?:[01]\d|2[0-3]):?[0-5]\d")


def settings_spec() -> dict[str, dict[str, Any]]:
    """key → its property in the config schema: {$ref: kind, description, default}."""
    from .schema import load_schema

    return load_schema("config")["properties"]["settings"]["properties"]


def kind_schemas() -> dict[str, dict[str, Any]]:
    """kind → its JSON Schema (`config.schema.json` `$defs`)."""
    from .schema import load_schema

    return load_schema("config")["$defs"]


def _kind(key: str) -> str:
    spec = settings_spec().get(key)
    if spec is not None:
        return spec["$ref"].rsplit("/", 1)[-1]
    return MOVED_SETTINGS[key][2]


def __getattr__(name: str) -> Any:
    """DEFAULT_SETTINGS, SETTINGS_HELP, SETTINGS_KIND: views of the spec, built on first use
    (and kept: later reads are plain module attributes)."""
    spec = settings_spec()
    if name == "DEFAULT_SETTINGS":
        value: Any = {key: prop["default"] for key, prop in spec.items()}
    elif name == "SETTINGS_HELP":
        value = {key: prop["description"] for key, prop in spec.items()}
    elif name == "SETTINGS_KIND":
        value = {key: _kind(key) for key in spec}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


class SettingError(ValueError):
    """A setting whose value does not fit its kind; `path` locates the bad part below the
    setting (a list index or a mapping key), so the config error can point at its line."""

    def __init__(self, message: str, path: tuple[str | int, ...] = (), key: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.key = key  #: the setting to point at, when not the one being checked


def _section_keys() -> set[str]:
    from .load.markdown.sections import BUILTIN_ALIASES, LESSON_ALIASES

    return set(BUILTIN_ALIASES) | set(LESSON_ALIASES)


def document_section_keys() -> set[str]:
    """Top-level sections a document can have (`required_sections`): the Markdown loader's
    section keys, less `whys`, which becomes part of a root cause rather than a section."""
    from .load.markdown.sections import BUILTIN_ALIASES

    return set(BUILTIN_ALIASES) - {"whys"}


def _where(name: str, path: tuple[str | int, ...]) -> str:
    return name + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def _shape(schema: dict[str, Any], path: tuple[str | int, ...]) -> str:
    """What the part of a value at `path` must be: the description of the deepest schema
    node on the way (the kinds' descriptions are written as "a non-negative integer")."""
    node, said = schema, schema.get("description", "")
    for part in path:
        child = node.get("items") if isinstance(part, int) else node.get("additionalProperties")
        if not isinstance(child, dict):
            break
        node = child
        said = node.get("description", said)
    return said


def check_setting(key: str, value: Any) -> None:
    """Raise SettingError when `value` does not fit the kind of setting `key`: the schema of
    the kind (validated by pmlint's JSON Schema validator), then what a schema cannot say
    (`_BEYOND_SCHEMA`: a regex compiles, a section key exists, a timezone is known).
    Rules between settings (a major severity must be a severity) are `check_settings`'s."""
    from .model import split_pointer
    from .schema import validate

    kind = _kind(key)
    schema = kind_schemas()[kind]
    name = f"settings.{key}"
    # a regex that does not compile is `_regexes`'s to word, compiled as the checks compile it
    errors = [error for error in validate(value, schema) if error.keyword != "format"]
    if errors:
        path = tuple(int(token) if token.isdigit() and isinstance(_at(value, split_pointer(errors[0].pointer)), list)
                     else token for token in split_pointer(errors[0].pointer))
        part = _part(value, path)
        raise SettingError(f"`{_where(name, path)}` must be {_shape(schema, path)}, got {part!r}", path)
    extra = _BEYOND_SCHEMA.get(kind)
    if extra is not None:
        extra(name, value)


def _at(value: Any, tokens: list[str]) -> Any:
    """The container that holds the last token (to tell a list index from a mapping key)."""
    for token in tokens[:-1]:
        value = value[int(token)] if isinstance(value, list) else value.get(token) if isinstance(value, dict) else None
    return value


def _part(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        value = value[part] if isinstance(value, list) and isinstance(part, int) else \
            value.get(part) if isinstance(value, dict) else None
    return value


def _regexes(name: str, value: list[str]) -> None:
    from .engine.text import phrase_regex

    for index, item in enumerate(value):
        try:  # compiled exactly as the checks compile it
            phrase_regex((), (item,))
        except re.error as error:
            raise SettingError(f"`{name}[{index}]` is not a valid regular expression ({error}): {item!r}",
                               (index,)) from None


def _sections(name: str, value: list[str]) -> None:
    known = document_section_keys()
    for index, item in enumerate(value):
        for part in item.split("|"):
            section = part.strip()
            if section not in known:
                raise SettingError(f"`{name}[{index}]` names an unknown section {section!r}"
                                   f"{did_you_mean(section, known)} (known: {', '.join(sorted(known))}; "
                                   "`a|b` accepts either)", (index,))


def _section_map(name: str, value: dict[str, Any]) -> None:
    keys = _section_keys()
    for map_key in value:
        if map_key not in keys:
            raise SettingError(f"`{name}` has an unknown section key {map_key!r}{did_you_mean(str(map_key), keys)} "
                               f"(known: {', '.join(sorted(keys))})", (map_key,))


def _distinct(name: str, value: list[str]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(value):
        if item.upper() in seen:
            raise SettingError(f"`{name}` lists {item!r} twice", (index,))
        seen.add(item.upper())


def _clock(name: str, value: str) -> None:
    if not _CLOCK.fullmatch(value.strip()):  # the schema's pattern says the same; kept for the message
        raise SettingError(f"`{name}` must be a time of day as HH:MM (00:00 to 23:59), got {value!r}")


def _timezone(name: str, value: str) -> None:
    text = value.strip()
    if text and text.upper() not in ("UTC", "Z", "GMT") and not _OFFSET.fullmatch(text) and not _iana(text):
        raise SettingError(f"`{name}` must be an IANA timezone (Europe/Berlin), UTC or an offset (+02:00), "
                           f"or empty; got {value!r}")


#: kind → the check a JSON Schema cannot express
_BEYOND_SCHEMA: dict[str, Any] = {
    "regex-list": _regexes, "section-list": _sections, "section-map": _section_map, "severities": _distinct,
    "clock": _clock, "timezone": _timezone,
}


def _iana(name: str) -> bool:
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(name)
        return True
    except Exception:  # ZoneInfoNotFoundError, ValueError for odd paths
        return False


def check_settings(merged: dict[str, Any], given: dict[str, Any]) -> None:
    """Rules between settings, on the merged values: every name in a severity-subset
    setting (`major_severities`, `why_depth_severities`) is one of `severity_levels`.
    The error's `key` is the setting to point at: the one the user wrote, else
    `severity_levels` (the user changed the levels and kept a default that no longer fits)."""
    levels = {str(level).upper() for level in merged["severity_levels"]}
    shown = ", ".join(map(str, merged["severity_levels"]))
    kinds = {**{key: moved[2] for key, moved in MOVED_SETTINGS.items()}, **__getattr__("SETTINGS_KIND")}
    for key, kind in kinds.items():
        # per-severity maps: only the entries the user wrote (the defaults' SEV1–SEV4 keys
        # stay in the merged map and are harmless when `severity_levels` names others)
        if kind == "minutes-map" and isinstance(given.get(key), dict):
            for map_key in given[key]:
                if str(map_key).upper() not in levels:
                    raise SettingError(f"`settings.{key}` has a key {map_key!r}, which is not one of "
                                       f"`settings.severity_levels` ({shown})"
                                       f"{did_you_mean(str(map_key), merged['severity_levels'])}", (map_key,), key)
        if kind == "severity-map" and isinstance(given.get(key), dict):
            for map_key, item in given[key].items():
                if str(item).upper() not in levels:
                    raise SettingError(f"`settings.{key}.{map_key}` names {item!r}, which is not one of "
                                       f"`settings.severity_levels` ({shown})"
                                       f"{did_you_mean(str(item), merged['severity_levels'])}", (map_key,), key)
        if kind != "severity-subset" or key not in merged:
            continue
        for index, item in enumerate(merged[key]):
            if str(item).upper() in levels:
                continue
            if key in given:
                raise SettingError(f"`settings.{key}` names {item!r}, which is not one of `settings.severity_levels` "
                                   f"({shown})", (index,), key)
            raise SettingError(f"`settings.{key}` keeps its default {merged[key]}, but {item!r} is not one of "
                               f"`settings.severity_levels`; set `settings.{key}` as well", (), "severity_levels")


def did_you_mean(word: str, candidates: Any) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    import difflib

    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def merge_settings(overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults, overridden key by key. A mapping setting is merged one level deep with its
    default (`{SEV1: 5}` keeps the other severities' limits); a list replaces the default."""
    defaults = __getattr__("DEFAULT_SETTINGS")
    merged = dict(defaults)
    for key, value in (overrides or {}).items():
        default = defaults.get(key)
        if isinstance(default, dict) and isinstance(value, dict):
            merged[key] = {**default, **value}
        else:
            merged[key] = value
    return merged


def _show_default(value: Any) -> str:
    """A default short enough for a table cell; long lists point at the schema."""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, (int, float)):
        return f"`{value}`"
    if isinstance(value, str):
        return f"`{value}`" if value else "(empty)"
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= 60:
        return "`" + text.replace("|", "\\|") + "`"
    count = len(value)
    return f"{count} {'entries' if isinstance(value, dict) else 'items'}, see `pmlint schema config`"


def settings_table() -> str:
    """The README's settings table, generated from the spec so it can never drift."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for key, prop in settings_spec().items():
        meaning = prop["description"].replace("|", "\\|")
        rows.append(f"| `{key}` | {_show_default(prop['default'])} | {meaning} |")
    return "\n".join(rows) + "\n"

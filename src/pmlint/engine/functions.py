"""The generic check functions, and the types every check uses (Hit, Context).

A check receives the selected value, its JSON pointer, the rule's (prepared)
options and a Context, and yields a Hit for each problem. Options are checked
against the function's schema when the rule is loaded, and `prepare` (a regex
compiled once) runs on the rule's first use.

Checks register with `registry.check` (re-exported here, with the registry's
other names, for check modules and plugins). The durability checks that need
domain logic live in `pmlint.engine.checks`; `builtin.py` wires both in.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable

from ..infer.prose import data_strings, sentence_rest
from ..joined import Joined
from ..model import Document, Span, join_pointer, occurrence_at, resolve_pointer
from .conditions import holds, resolve_setting
from .items import is_pending_item
from .registry import REGISTRY, Function, check, get_function, list_functions
from .text import find_phrases, iter_strings, phrase_regex
from .untrusted import compile_untrusted

__all__ = ["REGISTRY", "Context", "Function", "Hit", "check", "get_function", "is_truthy", "list_functions",
           "shorten"]


@dataclass(slots=True)
class Hit:
    """One problem found by a check.

    `pointer` defaults to the checked node; `text` names a phrase inside it so the
    finding points at the phrase's exact column; `span` overrides both. `demote` reports
    it at `info`; `pedantic` reports it at `info` under the `strict` preset only.
    """

    pointer: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    occurrence: int = 0
    span: Span | None = None
    message: str | None = None
    #: (label, Fact) when the hit rests on an inferred fact the check took from the profile
    #: rather than from the data tree (e.g. a time to detect read from prose)
    inferred: tuple[str, Any] | None = None
    #: A softer variant of the finding (half of a fact stated, a people fix inside a sound
    #: plan): reported at `info` whatever the rule's severity, so the default signal stays
    #: what a reviewer would raise.
    demote: bool = False
    #: A variant a reviewer would call pedantic on real postmortems (a summary a little
    #: long, a one-minute swap in the timeline, "Teach ..." beside a system change): at
    #: `info`, and only under the `strict` preset, so `recommended` stays what a reviewer
    #: would sign.
    pedantic: bool = False
    #: A finding pmlint cannot be certain of (a due date read one of two ways, a date
    #: relative to when it was written): at most `warning`, whatever the rule's severity,
    #: since `error` is kept for what pmlint is certain of.
    uncertain: bool = False
    #: which of the rule's `messages:` says this finding (a variant the check names, such
    #: as `no_chain`); a rule without that entry says its own `message`
    variant: str | None = None


@dataclass(slots=True)
class Context:
    document: Document
    settings: dict[str, Any]
    #: the durability profile (stated and inferred facts), built once per document
    profile: Any = None
    #: the data tree with inferred facts filled in (None: nothing inferred), and the log of
    #: inferred facts read from it (see pmlint.infer.overlay)
    inferred_view: Any = None
    read_log: Any = None
    #: what `data` returns while a check that reads inferred facts runs
    view: Any = None
    #: pointer → (strings below it, the same joined for one scan): several language rules
    #: scan the same strings of the same document
    _strings: dict[str, tuple[list[tuple[str, str]], Joined]] = field(default_factory=dict)
    #: the tree the whole document's strings (`_strings[""]`) were walked in
    _whole: Any = None

    def strings(self, value: Any, pointer: str) -> tuple[list[tuple[str, str]], Joined]:
        """Every (pointer, text) at or below `value`, with all of it joined for one scan."""
        cached = self._strings.get(pointer)
        if cached is None:
            whole = self._strings.get("") if pointer else None
            if whole is not None:  # a subtree of the document: the strings below it in the tree walked
                # (a walk of that subtree alone: the same pairs as a slice of the whole walk, at
                # the cost of the subtree rather than of indexing every string of the document)
                found = list(iter_strings(resolve_pointer(self._whole, pointer), pointer))
            elif not pointer and value is self.document.data and isinstance(value, (dict, list)):
                found = data_strings(self.document)  # the same walk inference made: shared, not copied
            else:
                found = list(iter_strings(value, pointer))
            if not pointer:
                self._whole = value
            cached = (found, Joined((text for _, text in found), "\n"))
            self._strings[pointer] = cached
        return cached

    def strings_matching(self, value: Any, pointer: str, regex: Any) -> list[tuple[str, str]]:
        """The (pointer, text) pairs below `value` in which `regex` may match.

        One search over the joined text instead of one per string: a clean document costs
        a single scan, and a flawed one only re-reads the strings where a match started.
        """
        found, joined = self.strings(value, pointer)
        hit_indexes = sorted({joined.locate(match.start())[0] for match in regex.finditer(joined.text)})
        return [found[index] for index in hit_indexes]

    @property
    def data(self) -> Any:
        return self.view if self.view is not None else self.document.data

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings.get(name, default)

    def resolve(self, value: Any) -> Any:
        return resolve_setting(value, self.settings)


CheckFn = Callable[[Any, str, dict[str, Any], Context], Iterable[Hit]]


def is_truthy(value: Any) -> bool:
    """Whether a field is recorded: present and not blank or empty. `pages: 0` is recorded
    (unlike a condition's `truthy`, for which zero is false)."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value is not False and value != [] and value != {}


def shorten(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- presence and shape -------------------------------------------------------------

@check("defined")
def defined(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The field is present (any value, even empty)."""
    if value is None:
        yield Hit()


#: `cite` of a presence check: names its message can cite besides the node's own fields
_CITE = {"type": "object", "description": "Names the message may cite (`{levels}`), each a constant or "
                   "{setting: NAME}; a list reads as `a, b, c`."}


def cited(options: dict, context: Context) -> dict[str, str]:
    """The `cite` option as message text: settings resolved, lists joined with commas, so
    a rule says what to write ("write one of SEV1, SEV2, SEV3, SEV4") from the run's settings."""
    out = {}
    for name, raw in (options.get("cite") or {}).items():
        value = context.resolve(raw)
        out[name] = ", ".join(str(item) for item in value) if isinstance(value, (list, tuple)) else \
            "" if value is None else str(value)
    return out


@check("truthy", {"cite": _CITE})
def truthy(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The field is present and not empty (not blank text, an empty list or mapping, or false).
    `cite` gives the message names of its own (`{levels}` from a setting)."""
    if not is_truthy(value):
        yield Hit(values=cited(options, context))


@check("falsy")
def falsy(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The field is absent or empty."""
    if is_truthy(value):
        yield Hit(values={"value": shorten(value)})


@check("enum", {"values": {"type": "array", "description": "Allowed values, or {setting: NAME}."}})
def enum(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The value, when present, is one of `values` (case-insensitive)."""
    if value is None:
        return
    allowed = context.resolve(options.get("values")) or []
    normalised = value.lower() if isinstance(value, str) else value
    if normalised not in [item.lower() if isinstance(item, str) else item for item in allowed]:
        yield Hit(values={"value": shorten(value), "allowed": ", ".join(map(str, allowed))})


def _compile(options: dict, key: str) -> None:
    if key in options and isinstance(options[key], str):
        try:
            options[f"_{key}"] = compile_untrusted(options[key], options.get("ignore_case", True))
        except re.error as error:
            raise ValueError(f"invalid regular expression in `{key}`: {error}") from None


def _prepare_pattern(options: dict) -> dict:
    if "match" not in options and "not_match" not in options:
        raise ValueError("`pattern` needs a `match` or `not_match` option")
    _compile(options, "match")
    _compile(options, "not_match")
    return options


@check("pattern", {"match": {"type": "string", "description": "Regex the value must contain."},
                   "not_match": {"type": "string", "description": "Regex the value must not contain."},
                   "ignore_case": {"type": "boolean", "description": "Default true."}},
       prepare=_prepare_pattern)
def pattern(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A text value contains `match` and does not contain `not_match` (regexes)."""
    if not isinstance(value, str):
        return
    if "_match" in options and options["_match"].search(value) is None:
        yield Hit(values={"value": shorten(value)})
    if "_not_match" in options:
        found = options["_not_match"].search(value)
        if found:
            yield Hit(values={"value": shorten(value), "phrase": found.group()}, text=found.group())


def _prepare_absent(options: dict) -> dict:
    for pattern_text in [*(options.get("patterns", []) if isinstance(options.get("patterns"), list) else []),
                         *(options.get("strict_when_followed_by", [])
                           if isinstance(options.get("strict_when_followed_by"), list) else []),
                         *(options.get("turn_back_to", []) if isinstance(options.get("turn_back_to"), list) else [])]:
        try:
            compile_untrusted(pattern_text)
        except re.error as error:
            raise ValueError(f"invalid regular expression {pattern_text!r} in `patterns`: {error}") from None
    if "words" not in options and "patterns" not in options:
        raise ValueError("`absent_pattern` needs `words` or `patterns`")
    return options


@check("absent_pattern",
       {"words": {"type": "array", "items": {"type": "string"},
                  "description": "Phrases matched as whole words, case-insensitively; a list or {setting: NAME}."},
        "patterns": {"type": "array", "items": {"type": "string"}, "description": "Regexes; a list or {setting: NAME}."},
        "suggestions": {"type": "object", "description": "Mapping phrase → suggested rewrite, or {setting: NAME}."},
        "first": {"type": "boolean", "description": "Report only the first match below the node (default false: "
                                                     "every match)."},
        "per_sentence": {"type": "boolean", "description": "Report at most one match per sentence (default false): "
                                                            "two phrases of one claim are one finding."},
        "demote_among_others": {"type": "boolean", "description": "Report at `info` a match in one item of a list "
                                                                 "whose two or more other items hold no match "
                                                                 "(default false): one cause among the conditions "
                                                                 "the list names."},
        "once_per_list": {"type": "boolean", "description": "Report under `strict` only a phrase that a later "
                                                           "item of the same top-level list holds again (default "
                                                           "false): a cause told twice (a summary's \"Root cause:\" "
                                                           "line, then the section) is one claim, made where it is "
                                                           "told at length."},
        "strict_when_followed_by": {"type": "array", "items": {"type": "string"},
                                    "description": "Regexes: a match that one of them follows in the same text "
                                                   "(within FOLLOWED_CHARS characters) is reported under `strict` "
                                                   "only: the writers turned from the phrase to the condition (\"The "
                                                   "root cause is human error. The problem isn't that the error was "
                                                   "made, but that it was not detected\")."},
        "turn_back_to": {"type": "array", "items": {"type": "string"},
                         "description": "Regexes read on the rest of the sentence after a `strict_when_followed_by` "
                                        "match: one that matches turns back to a person (\"the real problem was "
                                        "that he was careless\"), and the finding stays."}},
       prepare=_prepare_absent)
def absent_pattern(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """No text at or below the node contains a listed phrase (outside quotes and code).
    Reports each match at its exact column, with `{phrase}` and `{suggestion}`; with
    `first`, only the first one (one finding says "this text has such a phrase"); with
    `per_sentence`, the first of each sentence ("would not have happened had we ..." is
    one counterfactual, not two)."""
    words = tuple(context.resolve(options.get("words")) or ())
    patterns = tuple(context.resolve(options.get("patterns")) or ())
    try:
        regex = phrase_regex(words, patterns)
    except re.error:
        return
    if regex is None:
        return
    candidates = context.strings_matching(value, pointer, regex)
    if not candidates:
        return
    suggestions = {key.lower(): text for key, text in (context.resolve(options.get("suggestions")) or {}).items()}
    per_sentence = bool(options.get("per_sentence"))
    among_others = bool(options.get("demote_among_others")) and _others_hold_none(context, pointer, regex)
    told_later = _told_again_later(context, pointer, regex) if options.get("once_per_list") else frozenset()
    turns = tuple(context.resolve(options.get("strict_when_followed_by")) or ())
    turn = phrase_regex((), turns) if turns else None
    backs = tuple(context.resolve(options.get("turn_back_to")) or ())
    back = phrase_regex((), backs) if backs else None
    for string_pointer, text in candidates:
        seen: dict[str, int] = {}
        sentence_end = -1
        for match in find_phrases(text, regex):
            if per_sentence:
                if match.start() < sentence_end:
                    continue  # a second phrase of a sentence already reported
                stop = _SENTENCE_END.search(text, match.end())
                sentence_end = stop.end() if stop else len(text)
            phrase = text[match.start():match.end()]
            key = " ".join(phrase.lower().split())
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            turned = turn is not None and _turned(text[match.end():match.end() + FOLLOWED_CHARS], turn, back)
            yield Hit(string_pointer, {"phrase": phrase, "suggestion": suggestions.get(key, "")},
                      text=phrase, occurrence=_occurrence_in(text, phrase, match.start()), demote=among_others,
                      pedantic=turned or key in told_later)
            if options.get("first"):
                return


#: How far after a phrase (characters) `strict_when_followed_by` looks for the writers' turn.
FOLLOWED_CHARS = 400


def _turned(after: str, turn: Any, back: Any) -> bool:
    """Whether the text after a phrase turns to the condition (a `turn` match) without
    turning back to a person in the rest of that sentence (a `back` match: "The problem
    isn't the tooling, but the engineer who ran it")."""
    for found in turn.finditer(after):
        if back is None or back.search(sentence_rest(after[found.end():])) is None:
            return True
    return False

_LIST_ITEM = re.compile(r"^/(?P<key>[\w-]+)/(?P<index>\d+)$")


def _others_hold_none(context: Context, pointer: str, regex: Any) -> bool:
    """Whether the node at `pointer` is one item of a top-level list (`/root_causes/2`) with
    at least two other items, none of which holds a match: "Operator mistake ..." listed
    beside "The normal restore procedure not working" and two more conditions (one other
    item is as often the mechanism the mistake set off: "Uploads returned HTTP 507")."""
    found = _LIST_ITEM.match(pointer)
    if found is None or not isinstance(context.data, dict):
        return False
    key, index = found.group("key"), int(found.group("index"))
    items = context.data.get(key)
    if not isinstance(items, list) or len(items) < 3:
        return False
    return all(not context.strings_matching(item, f"/{key}/{position}", regex)
               for position, item in enumerate(items) if position != index)


def _told_again_later(context: Context, pointer: str, regex: Any) -> frozenset[str]:
    """The phrases (lower case, spaces collapsed) that an item after the node at `pointer`
    (`/root_causes/0`) in its top-level list holds again: a summary's "**Root cause:**
    Operator error" line is told again, at length, in the section below it, where the
    finding belongs. Where each phrase last stands is read once per list (`_last_items`):
    linear in the list, however many of its items ask."""
    found = _LIST_ITEM.match(pointer)
    if found is None or not isinstance(context.data, dict):
        return frozenset()
    key, index = found.group("key"), int(found.group("index"))
    return frozenset(phrase for phrase, last in _last_items(context, key, regex).items() if last > index)


#: (the list, the regex, phrase → index of the last item holding it) of the last list asked
_last_last_items: tuple[Any, Any, dict[str, int]] | None = None


def _last_items(context: Context, key: str, regex: Any) -> dict[str, int]:
    """Phrase (lower case, spaces collapsed) → the index of the last item of the list at
    `/key` that holds it."""
    global _last_last_items
    items = context.data.get(key) if isinstance(context.data, dict) else None
    if not isinstance(items, list):
        return {}
    if _last_last_items is not None and _last_last_items[0] is items and _last_last_items[1] is regex:
        return _last_last_items[2]
    last: dict[str, int] = {}
    for position, item in enumerate(items):
        for _, text in context.strings_matching(item, f"/{key}/{position}", regex):
            for match in find_phrases(text, regex):
                last[" ".join(match.group().lower().split())] = position
    _last_last_items = (items, regex, last)
    return last


#: The end of a sentence: a full stop, question or exclamation mark before a space or the end.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _occurrence_in(text: str, phrase: str, start: int) -> int:
    """Which occurrence of `phrase` in `text` begins at `start`, counted exactly as
    `Document.locate_text` counts them (`model.occurrence_at`: whole words, any whitespace)."""
    return occurrence_at(text, phrase, start)


@check("length", {"min": {"type": "integer", "minimum": 0},
                  "max": {"type": "integer", "minimum": 0, "description": "An integer or {setting: NAME}."},
                  "unit": {"enum": ["words", "characters"], "description": "Default words."}})
def length(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A text value's length in words (or characters) lies within min..max."""
    if not isinstance(value, str):
        return
    size = len(value.split()) if options.get("unit", "words") == "words" else len(value)
    low, high = context.resolve(options.get("min")), context.resolve(options.get("max"))
    if (low is not None and size < low) or (high is not None and size > high):
        yield Hit(values={"count": size, "min": low, "max": high})


@check("count", {"min": {"type": "integer", "minimum": 0, "description": "An integer or {setting: NAME}."},
                 "max": {"type": "integer", "minimum": 0, "description": "An integer or {setting: NAME}."}})
def count(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A list (absent counts as empty) holds between min and max items."""
    size = len(value) if isinstance(value, (list, dict)) else 0 if value is None else 1
    low, high = context.resolve(options.get("min")), context.resolve(options.get("max"))
    if (low is not None and size < low) or (high is not None and size > high):
        yield Hit(values={"count": size, "min": low, "max": high})


@check("unique", {"field": {"type": "string", "description": "Compare this field of each item (default: the item)."}})
def unique(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """No two items of a list are the same (text compared case- and space-insensitively).

    In Markdown, the same item under another top section ("## Action Items" and, forty
    lines below, "## Technical Recommendations" restating the plan by horizon) is the plan
    told twice, not two tickets for one piece of work: pedantic (`strict` only), unless
    one copy is done and the other open ("✅ Enable Firewall" beside "- [ ] Enable
    firewall": the document contradicts itself)."""
    if not isinstance(value, list):
        return
    seen: dict[Any, int] = {}
    key_field = options.get("field")
    tops: list[int] | None = None  # lines of the top headings, read at the first duplicate
    for index, item in enumerate(value):
        key = item.get(key_field) if key_field and isinstance(item, dict) else item
        if key is None or isinstance(key, (dict, list)):
            continue
        normal = " ".join(key.lower().split()) if isinstance(key, str) else key
        if normal in seen:
            target = join_pointer(join_pointer(pointer, index), key_field) if key_field else join_pointer(pointer, index)
            if tops is None:
                tops = _top_headings(context.document)
            restated = _top_section(context.document, tops, join_pointer(pointer, seen[normal])) != \
                _top_section(context.document, tops, join_pointer(pointer, index)) \
                and is_pending_item(value[seen[normal]], context.settings) == is_pending_item(item, context.settings)
            yield Hit(target, {"value": shorten(key), "first": seen[normal] + 1, "index": index + 1},
                      pedantic=restated)
        else:
            seen[normal] = index


def _top_headings(document: Document) -> list[int]:
    """The lines, in order, of a Markdown document's headings of level 2 or less."""
    if document.format != "markdown":
        return []
    return [heading.line for heading in document.headings() if heading.level <= 2 and not heading.in_code]


def _top_section(document: Document, tops: list[int], pointer: str) -> int | None:
    """The line of the nearest of `tops` above the source of `pointer` (None in YAML, or
    where the source is not known): a bisection, however many duplicates ask."""
    span = document.spans.get(pointer)
    if span is None or not tops:
        return None
    at = bisect_left(tops, span.line)
    return tops[at - 1] if at else None


@check("covers", {"field": {"type": "string", "description": "Field of each item that names what it covers."},
                  "values": {"type": "array", "description": "What the items together must name; a list or "
                                                            "{setting: NAME}."}},
       required=("field", "values"))
def covers(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The items of a list, together, name each of `values` in their `field` (compared
    case- and space-insensitively; an absent list names nothing). One finding on the list
    names every value no item has (`{missing}`, `{count}`): "Timeline does not mark:
    mitigated, resolved"."""
    items = value if isinstance(value, list) else []
    key = options["field"]
    named = {" ".join(item[key].lower().split()) for item in items
             if isinstance(item, dict) and isinstance(item.get(key), str)}
    missing = [str(wanted) for wanted in context.resolve(options.get("values")) or ()
               if " ".join(str(wanted).lower().split()) not in named]
    if missing:
        yield Hit(values={"missing": ", ".join(missing), "count": len(missing)})


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b, "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
}


@check("compare", {"op": {"enum": sorted(_OPS)}, "field": {"type": "string", "description": "Field of the node to compare."},
                   "other": {"type": "string", "description": "Another field of the node (dotted path)."},
                   "value": {"description": "A constant, or {setting: NAME}."}})
def compare(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`value <op> other-field` (or `<op> value`) holds when both sides are present and comparable."""
    left = value
    right = _dotted(value, options["other"]) if "other" in options else context.resolve(options.get("value"))
    if "other" in options:
        left = _dotted(value, options.get("field", "")) if options.get("field") else value
    if left is None or right is None:
        return
    try:
        ok = _OPS[options.get("op", "eq")](left, right)
    except TypeError:
        return
    if not ok:
        yield Hit(values={"value": shorten(left), "other": shorten(right)})


def _dotted(value: Any, path: str) -> Any:
    for part in [part for part in path.split(".") if part]:
        value = value.get(part) if isinstance(value, dict) else None
    return value


@check("exists", {"collection": {"type": "string", "description": "Selector of the items to search."},
                  "where": {"type": "object", "description": "Condition an item must meet (paths relative to the item: $.type)."},
                  "min": {"type": "integer", "minimum": 0, "description": "How many must match (default 1)."}})
def exists(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Another collection holds at least `min` items that meet `where`."""
    from .select import compile_selector

    items = [item for _, item in compile_selector(options.get("collection", "$")).select(context.data)]
    if len(items) == 1 and isinstance(items[0], list):
        items = items[0]
    where = options.get("where") or {}
    found = sum(1 for item in items if holds(where, item, context.settings))
    if found < options.get("min", 1):
        yield Hit(values={"found": found})


@check("load_problem", {"codes": {"type": "array", "items": {"type": "string"},
                                  "description": "Loader problem codes this rule reports."},
                        "pedantic_codes": {"type": "array", "items": {"type": "string"},
                                           "description": "Loader problem codes reported at `info` under the "
                                                          "`strict` preset only."}})
def load_problem(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Reports what the loader could not read (syntax, encoding, duplicate keys ...), at its
    position; `pedantic_codes` are problems a reviewer would not raise (a site's own front
    matter that does not parse), reported under the `strict` preset only."""
    codes = set(options.get("codes", ()))
    pedantic = set(options.get("pedantic_codes", ()))
    for problem in context.document.problems:
        if problem.code in codes or problem.code in pedantic:
            yield Hit(problem.pointer or None, {"detail": problem.message}, span=problem.span, message=problem.message,
                      pedantic=problem.code in pedantic and problem.code not in codes)


@check("schema", {"strict": {"type": "boolean", "description": "Unknown top-level fields are errors (default: config `strict`)."}})
def schema(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The document follows the postmortem JSON Schema (YAML documents only: Markdown is structured by pmlint itself)."""
    from ..schema import load_schema, strict_schema, validate

    if context.document.format != "yaml" or context.document.broken:
        return
    strict = options.get("strict", context.setting("strict", False))
    for error in validate(context.data, strict_schema("postmortem") if strict else load_schema("postmortem")):
        yield Hit(error.pointer, {"detail": error.message}, message=error.message)


# ---- time -----------------------------------------------------------------------------

@check("datetime", {"require_timezone": {"type": "boolean", "description": "Default true; the document's `timezone` counts."}})
def datetime_check(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A timestamp parses as ISO 8601 and, unless the document declares `timezone`, carries a zone."""
    from .timeutil import parse_timestamp, zone_named

    if value is None:
        return
    parsed = parse_timestamp(value if isinstance(value, str) else str(value))
    if parsed is None:
        yield Hit(values={"value": shorten(value), "problem": "is not a valid ISO 8601 date-time"})
        return
    if options.get("require_timezone", True) and parsed.tzinfo is None:
        declared = context.data.get("timezone") if isinstance(context.data, dict) else None
        if zone_named(declared if isinstance(declared, str) else None) is None:
            yield Hit(values={"value": shorten(value), "problem": "has no timezone"})


#: A swap this small (two entries a minute apart written in the other order) changes no
#: figure anyone reads from the timeline: reported at `info`.
SMALL_SWAP_MINUTES = 5


@check("chronological", {"field": {"type": "string", "description": "Timestamp field of each item (default `at`)."}})
def chronological(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Items of a list are in time order (items whose time does not parse are skipped).

    Read as the timeline rules read it (`pmlint.timeline.rolls_over`): an entry dated
    the same day as the one before but six hours or more earlier is a date left
    unchanged past midnight, and the finding says so rather than that time went
    backwards. A swap of a few minutes, or an entry whose zone differs from the one
    before and is in order on the clock (MST written for PST, one "PST" in a timeline kept
    in EST: PM506 reports the mix), is reported at `info`: a slip, not a wrong story."""
    from ..timeline import rolls_over, written_order
    from .timeutil import parse_timestamp, with_default_zone, zone_named

    if not isinstance(value, list):
        return
    key = options.get("field", "at")
    declared = context.data.get("timezone") if isinstance(context.data, dict) else None
    default = zone_named(declared if isinstance(declared, str) else None)
    previous = None
    shift = timedelta(0)
    order = written_order(value, default) if key == "at" else list(range(len(value)))
    reverse = bool(order) and order[0] != 0
    if reverse or (key == "at" and pointer == "/timeline" and context.document.meta.timeline_newest_first):
        # a status page or incident log, newest first: read oldest first, not out of order;
        # one note (strict only) says so, never one finding per entry
        yield Hit(pointer, {"count": len(value)}, pedantic=True, variant="newest_first")
    earlier: tuple[datetime, Any] | None = None  # (written, raw) of the entry before `previous`
    # an incident log's incidents (`DocumentMeta.timeline_incidents`) are each in order or
    # not on their own: an entry is never held to one of another incident
    starts = frozenset(context.document.meta.timeline_incidents) \
        if key == "at" and pointer == "/timeline" and context.document is not None else frozenset()
    # a log of many incidents that no heading splits (a status history whose lines are each
    # an incident: "* 03/02/2021 00:15 to 12:42: Production degraded ...", grouped by
    # environment under month headings): entries of different days are different incidents
    per_day = key == "at" and pointer == "/timeline" and context.document is not None and len(starts) <= 1 \
        and "incident-log" in (context.document.meta.forms or ())
    # a zone slip is a zone *name* written for another (MST for PST): Markdown's times
    # carry names, converted to offsets on loading; a YAML file's ISO offsets ("-08:00") are
    # written as offsets, and one out of order on the instant is out of order
    named_zones = context.document is not None and context.document.format == "markdown"
    for position, index in enumerate(order):
        item = value[index]
        if (order[position - 1] if reverse and position else index) in starts:
            previous, earlier, shift = None, None, timedelta(0)
        raw = item.get(key) if isinstance(item, dict) else None
        parsed = parse_timestamp(raw)
        if parsed is None:
            continue
        written = with_default_zone(parsed, default) or parsed.replace(tzinfo=None)
        if per_day and previous is not None and written.date() != previous[3].date():
            previous, earlier, shift = None, None, timedelta(0)
        if _DAY_ONLY.match(str(raw).strip()) or (previous is not None and previous[4]):
            # a date with no time of day (`2024-12-16`) is a day, not midnight: it is out of
            # order only before an earlier day, and nothing on its own day is before it
            if previous is not None and written.date() < previous[3].date():
                yield Hit(join_pointer(join_pointer(pointer, index), key),
                          {"value": shorten(raw), "previous": shorten(previous[2]), "index": index + 1})
            shift = timedelta(0)
            earlier = (previous[3], previous[2]) if previous is not None else None
            previous = (index, written, raw, written, bool(_DAY_ONLY.match(str(raw).strip())))
            continue
        if previous is not None and written.date() != previous[3].date():
            shift = timedelta(0)
        try:
            moment = written + shift
        except OverflowError:  # a rollover past 9999-12-31: the calendar has no next day
            moment = written
        if previous is not None:
            try:
                behind = previous[1] - moment
            except TypeError:  # aware vs naive: cannot be ordered
                behind = None
            if behind is not None and behind > timedelta(0) and previous[1] != previous[3] and written >= previous[3]:
                behind = None  # in order with what the author wrote: only the after-midnight reading put it behind
            if behind is not None and behind > timedelta(0):
                target = join_pointer(join_pointer(pointer, index), key)
                values = {"value": shorten(raw), "previous": shorten(previous[2]), "index": index + 1}
                if behind > timedelta(days=1) and _spike(earlier, previous[3], written,
                                                         _written_at(value, order, position + 1, key, default)):
                    # one entry dated days after both its neighbours, which are in order with
                    # each other ("2022-02-20 19:30" among 2022-02-02 entries): the slip is
                    # in that entry, so the finding points there, not at the one after it
                    assert earlier is not None
                    yield Hit(join_pointer(join_pointer(pointer, previous[0]), key),
                              {"value": shorten(previous[2]), "index": previous[0] + 1, "before": shorten(earlier[1]),
                               "after": shorten(raw)}, variant="outlier")
                elif rolls_over(previous[3], written):
                    shift += timedelta(days=1)
                    try:
                        moment = written + shift
                    except OverflowError:  # past 9999-12-31: the calendar has no next day
                        moment = written
                    yield Hit(target, values, variant="after_midnight")
                elif named_zones and _zone_slip(previous[3], written):
                    yield Hit(target, values, pedantic=True, variant="zone_slip")
                elif behind <= timedelta(minutes=SMALL_SWAP_MINUTES) or _ongoing(item):
                    # a swap of minutes is noise on real documents; an entry that runs on
                    # ("11:12 & Ongoing – Additional Enquiries") is a span placed by its
                    # topic, not a point out of order: strict only
                    yield Hit(target, values, pedantic=True)
                else:
                    yield Hit(target, values)
        earlier = (previous[3], previous[2]) if previous is not None else None
        previous = (index, moment, raw, written, False)


#: An entry that runs on from its time: "11:12 & Ongoing – ...", "02:50 onwards", "(ongoing)".
_ONGOING = re.compile(r"^[\s&+(\-\u2013\u2014]*(?:ongoing|onwards?|and[ \t]+ongoing|continuing|throughout)\b", re.IGNORECASE)


def _ongoing(item: Any) -> bool:
    """Whether a timeline entry's text opens by saying it runs on from its time."""
    text = item.get("event") if isinstance(item, dict) else None
    return isinstance(text, str) and _ONGOING.match(text[:200]) is not None


def _written_at(value: list, order: list[int], position: int, key: str, default: Any) -> datetime | None:
    """The time the entry at `position` of the written order gives, in the default zone
    (None past the end, or when it does not parse)."""
    from .timeutil import parse_timestamp, with_default_zone

    if position >= len(order):
        return None
    item = value[order[position]]
    parsed = parse_timestamp(item.get(key) if isinstance(item, dict) else None)
    return None if parsed is None else with_default_zone(parsed, default) or parsed.replace(tzinfo=None)


def _spike(earlier: tuple[datetime, Any] | None, spiked: datetime, current: datetime, following: datetime | None) -> bool:
    """Whether `spiked` is later than the entries on both sides of it, which are in order
    with each other and with the one after (`earlier` <= `current` <= `following` <
    `spiked`): one entry out of place, not the rest of the timeline."""
    if earlier is None or following is None:
        return False
    try:
        return earlier[0] <= current <= following < spiked
    except TypeError:  # aware vs naive: cannot be ordered
        return False


#: `2024-12-16`: a date-only timeline entry (pmlint.timeline._DATE_ONLY)
_DAY_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _zone_slip(before: datetime, after: datetime) -> bool:
    """`after` is in order on the clock but its offset differs from `before`'s: a zone
    name written for its daylight-saving sibling (MST for PST, EDT for EST), or another
    zone's name slipped into a timeline kept in one ("5:54 PM PST" between "5:46 PM EST"
    and "6:00 PM EST"), which PM506 reports as the mix it is; out of order it is only by
    the offsets."""
    if before.utcoffset() is None or after.utcoffset() is None:
        return False
    if before.utcoffset() == after.utcoffset():
        return False
    return after.replace(tzinfo=None) >= before.replace(tzinfo=None)


@check("engine")
def engine_reported(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Findings of this rule come from the engine itself (unused suppressions, internal errors)."""
    return iter(())


@check("fields_present", {"fields": {"type": "array", "items": {"type": "string"}, "description": "Dotted field paths that must be present."},
                          "truthy": {"type": "boolean", "description": "Also require non-empty values (default false)."}})
def fields_present(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """All listed fields of the node are present; one finding names every missing one (`{missing}`)."""
    missing = []
    for path in options.get("fields", []):
        found = _dotted(value, path) if isinstance(value, dict) else None
        if found is None or (options.get("truthy") and not is_truthy(found)):
            missing.append(path)
    if missing:
        first = missing[0].split(".")
        target = pointer
        node = value
        for part in first:  # point at the deepest ancestor that exists
            if isinstance(node, dict) and part in node:
                target, node = join_pointer(target, part), node[part]
            else:
                break
        yield Hit(target, {"missing": ", ".join(f"`{path}`" for path in missing), "count": len(missing)})

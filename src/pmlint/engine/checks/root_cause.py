"""Root-cause checks (PM1xx): layers analysed, why-chains deep enough, layer hints,
unknown causes followed up, causes that stop at the code change.

The durability idea: a bug in code is rarely the whole story. The infrastructure
that let it spread and the architecture that made it an outage are causes too, and
each must either be named as a factor or explicitly ruled out.

Contract (see `checks/__init__.py`): inputs are the root causes (a bare string cause
read as its summary; a cause marked not a factor skipped), `layer_analysis` and the
action items; outputs are one hit per uncovered layer, shallow chain, mis-tagged or
unfollowed cause. Code because it cross-references causes, layers and items, and reads
"unknown" causes (a bare "TBD", or a statement of settings.unknown_cause_phrases).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ...grammar import clause_start
from ..functions import Context, Hit, check, is_truthy
from ..kinds import of_kind
from ..text import phrase_regex
from ._shared import action_items, is_open, lower, option_words, root_causes, search, text_of, words

_BARE = {"n/a", "na", "none", "no", "-", "not a factor", "not applicable", "nothing", "tbd", "ok", "fine"}


def explained(text: Any, min_words: int) -> bool:
    """A layer-analysis entry counts when it is more than a bare "n/a": it says why."""
    if not isinstance(text, str) or not text.strip():
        return False
    stripped = text.strip().rstrip(".").lower()
    return stripped not in _BARE and len(stripped.split()) >= min_words


@check("layer_analysis", {
    "analysed_layers": of_kind("words", "Layers the analysis must cover, by a cause or a `layer_analysis` entry."),
    "layer_analysis_min_words": of_kind("count", "Shortest `layer_analysis` entry, in words, that counts as saying "
                                              "why.")},
       infers=True, required=("analysed_layers", "layer_analysis_min_words"))
def layer_analysis(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Each layer in `analysed_layers` has a root cause at that layer or a
    `layer_analysis` entry saying why it was not a factor (at least
    `layer_analysis_min_words` words)."""
    layers = [str(layer).lower() for layer in options["analysed_layers"]]
    named = {lower(cause.get("layer")) for _, cause in root_causes(context)}
    analysis = value.get("layer_analysis") if isinstance(value, dict) else None
    analysis = analysis if isinstance(analysis, dict) else {}
    min_words = int(options["layer_analysis_min_words"])
    missing = [layer for layer in layers if layer not in named and not is_truthy(analysis.get(layer))]
    if missing:
        target = "/layer_analysis" if analysis else "/root_causes"
        yield Hit(target, {"layers": ", ".join(missing), "count": len(missing)})
    for layer in layers:
        if layer in named or layer in missing:
            continue
        if not explained(analysis.get(layer), min_words):
            yield Hit(f"/layer_analysis/{layer}", {"layers": layer, "count": 1, "said": str(analysis.get(layer))},
                      variant="unexplained")


@check("why_depth", {"min_why_depth": of_kind("count", "Shortest why-chain accepted.")}, required=("min_why_depth",))
def why_depth(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Root causes carry a why-chain (`whys`) at least `min_why_depth` deep.
    When no cause has one, one finding; otherwise one per shallow chain."""
    causes = root_causes(context)
    if not causes:
        return
    depth = int(options["min_why_depth"])
    if not any(isinstance(cause.get("whys"), list) and cause.get("whys") for _, cause in causes):
        yield Hit("/root_causes", {"depth": depth, "found": 0, "summary": "(none)"}, variant="no_chains")
        return
    for index, cause in causes:
        whys = cause.get("whys")
        found = len(whys) if isinstance(whys, list) else 0
        if found < depth:
            summary = cause.get("summary", f"#{index + 1}")
            yield Hit(f"/root_causes/{index}/whys" if whys else f"/root_causes/{index}",
                      {"depth": depth, "found": found, "summary": summary}, variant=None if found else "no_chain")


def suggested_layer(text: str, context: Context) -> tuple[str, str] | None:
    """(layer, keyword) for the first non-code layer whose keywords appear in `text`."""
    keywords = context.setting("layer_keywords") or {}
    for layer, terms in keywords.items():
        if layer == "code":
            continue
        found = search(words_for(tuple(terms)), text)
        if found:
            return layer, found.group()
    return None


def words_for(terms: tuple[str, ...]):
    return phrase_regex(terms)


@check("layer_hint")
def layer_hint(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A root cause tagged `code` whose text speaks of another layer (settings.layer_keywords)
    gets a suggestion to re-tag it or add a cause at that layer."""
    if not isinstance(value, dict) or lower(value.get("layer")) != "code":
        return
    text = text_of(value, ("summary", "description"))
    found = suggested_layer(text, context)
    if found:
        yield Hit(f"{pointer}/layer", {"suggested": found[0], "keyword": found[1], "summary": value.get("summary", "")})


#: A cause whose whole summary is one of these says nothing but "we don't know".
_BARE_UNKNOWN = frozenset({"tbd", "tbc", "to be determined", "unknown", "unclear", "not known", "?", "??", "???",
                           "under investigation", "investigating", "unknown cause", "cause unknown"})


def is_unknown(cause: dict[str, Any], context: Context) -> bool:
    """Whether a root cause says its cause is unknown: a statement of
    settings.unknown_cause_phrases in its summary or description ("the root cause is still
    unknown", "under investigation"; not "accepts unknown keys"), or a summary that is
    nothing but "TBD", "unknown" or "?"."""
    summary = cause.get("summary")
    if isinstance(summary, str) and " ".join(summary.strip().strip(".!:;()[]*_").lower().split()) in _BARE_UNKNOWN:
        return True
    text = text_of(cause, ("summary", "description"))
    found = search(words(context, "unknown_cause_phrases"), text)
    if found is not None and _OTHER_CAUSES.match(text, found.end()):
        return False  # "Still investigating other root causes": one cause is known, others are looked for
    if found is not None and found.group().lower().endswith("understood") and \
            _CAUSE_SUBJECT.search(text, clause_start(text, found.start()), found.start()) is None:
        return False  # "CSI driver architecture not well understood": a gap in knowledge, not an unknown cause
    return found is not None


#: What "not (well) understood" must be said of to make the cause unknown: the cause, the
#: failure or "why" ("the trigger is not yet understood", "why the pods restart is not
#: understood"), not a part of the system ("the CSI driver architecture was not well understood").
_CAUSE_SUBJECT = re.compile(r"\b(?:causes?|reasons?|why|triggers?|failures?|issues?|problems?|bugs?|behaviou?r|crash(?:es)?|"
                            r"outages?|incidents?|mechanisms?|origins?|sources?|roots?|corruption|what|how|it|this|that)\b",
                            re.IGNORECASE)


#: After an "unknown" phrase: the search is for causes besides the one stated ("Genesis
#: block's root does not match. Still investigating other root causes").
_OTHER_CAUSES = re.compile(r"[ \t]{1,3}(?:for[ \t]+)?(?:any[ \t]+|possible[ \t]+)?(?:other|additional|further|more)"
                           r"[ \t]+(?:root[ \t]+|contributing[ \t]+)?(?:causes?|factors?)\b", re.IGNORECASE)


@check("unknown_cause_followed_up", {"investigate_words": of_kind(
    "words", "Words of an action item that investigates or adds observability.")}, required=("investigate_words",))
def unknown_cause_followed_up(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A root cause described as unknown (settings.unknown_cause_phrases) needs an open action
    item that investigates or adds observability (`investigate_words`)."""
    unknown = [(index, cause) for index, cause in root_causes(context) if is_unknown(cause, context)]
    if not unknown:
        return
    regex = option_words(options, "investigate_words")
    for _, item in action_items(context):
        if is_open(item, context) and search(regex, text_of(item)):
            return
    index, cause = unknown[0]
    yield Hit(f"/root_causes/{index}", {"summary": cause.get("summary", "")})


def _whole_text(context: Context) -> str:
    """Every line of the document as written (front matter, sections pmlint does not
    read, action items): a claim that something is missing searches all of it."""
    return "\n".join(context.document.lines)


#: The title of a heading that opens a timeline, whether or not its entries could be read
#: as one, read from right after the hashes.
_TIMELINE_TITLE = re.compile(r"[ \t].{0,80}?\b(?:timeline|chronology|sequence of events)\b", re.IGNORECASE)


def _text_beyond_timeline(context: Context) -> str:
    """The document's lines less its timeline: a timeline narrates the response ("first
    hypothesis tested", "fix reviewed and deployed"), so a loose word there ("tested",
    "caught") says nothing about how the change that caused the incident got through.
    The timeline is every line a timeline entry spans, and every line under a heading
    that names one (entries pmlint could not read as times are still the timeline)."""
    document = context.document
    skipped: set[int] = set()
    for where, span in document.spans.items():
        if where == "/timeline" or where.startswith("/timeline/"):
            skipped.update(range(span.line, max(span.line, span.end_line) + 1))
    # every heading line with a space or tab after its hashes, any lead of spaces or tabs,
    # those in code too (a `# comment` in a script has always ended the timeline here)
    timeline_at = {heading.line: _TIMELINE_TITLE.match(document.lines[heading.line - 1], heading.after_hashes) is not None
                   for heading in document.headings() if heading.spaced}
    kept, inside = [], False
    for number, line in enumerate(document.lines, 1):
        if number in timeline_at:
            inside = timeline_at[number]
        if not inside and number not in skipped:
            kept.append(line)
    return "\n".join(kept)


@check("cause_beyond_code", {
    "caught_words": of_kind("words", "Words that show, anywhere in the document, that it says how a change got "
                                     "through or should have been stopped: review, CI, staging, canary, 'slipped "
                                     "through'."),
    "caught_words_beyond_timeline": of_kind("words", "Looser words of the same ('tested', 'caught', 'approved'), "
                                                     "counted outside the timeline only, where they narrate the "
                                                     "response."),
    "change_words": of_kind("words", "Words that make a code cause a change that shipped ('introduced', "
                                     "'refactoring', 'pull request'); a code cause without one is code that "
                                     "misbehaved, and the finding asks what let it cause the outage.")},
       infers=True, required=("caught_words",))
def cause_beyond_code(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Every root cause with a layer is at the code layer (stated or inferred), and the
    document never speaks of how the change got through (`caught_words` anywhere,
    `caught_words_beyond_timeline` outside the timeline): one hit on the first code cause."""
    causes = root_causes(context)
    first: tuple[int, dict[str, Any]] | None = None
    for index, cause in causes:
        layer = lower(cause.get("layer"))
        if not layer:
            continue
        if layer != "code":
            return
        if first is None:
            first = (index, cause)
    if first is None:
        return
    if search(option_words(options, "caught_words"), _whole_text(context)):
        return
    loose = option_words(options, "caught_words_beyond_timeline")
    if loose is not None and search(loose, _text_beyond_timeline(context)):
        return
    index, cause = first
    change = option_words(options, "change_words")
    changed = any(search(change, text_of(item, ("summary", "description")))
                  for _, item in causes if lower(item.get("layer")) == "code")
    # with no change named, "code" may be a workload the team runs, not code it shipped
    # ("misbehaving code running in a container"): the claim is a guess, `strict` only
    yield Hit(f"/root_causes/{index}", {"summary": _quoted(str(cause.get("summary") or ""), change, context)},
              variant=None if changed else "no_change", pedantic=not changed)


def _quoted(summary: str, change: Any, context: Context) -> str:
    """A long cause quoted around the word that names the change or the code (its layer's
    words), so the finding shows what made it a code cause; about 100 characters."""
    if len(summary) <= 100:
        return summary
    code = words_for(tuple((context.setting("layer_keywords") or {}).get("code") or ()))
    for regex in (change, code):
        found = search(regex, summary)
        if found is not None:  # about 40 characters before the word that made it code, from a word start
            start = summary.rfind(" ", 0, max(0, found.start() - 40)) + 1
            part = summary[start:start + 94].rsplit(" ", 1)[0] if start + 94 < len(summary) else summary[start:]
            return ("..." if start else "") + part + ("..." if start + len(part) < len(summary) else "")
    return summary[:97] + "..."

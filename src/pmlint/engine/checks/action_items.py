"""Action-item checks (PM3xx): the plan fixes the cause, at the cause's layer.

The central durability failure is a plan that repairs the symptom (restart, roll
back, bump a limit) and leaves the condition that caused it in place, or answers
an architecture problem with a code patch. These checks classify items by their
declared `type` and `layer`, and, where a Markdown list has neither, by the
leading verb of the title (settings.band_aid_verbs, settings.vague_verbs; `grammar.leading_verb`).

Contract (see `checks/__init__.py`): inputs are the whole document (action items and
root causes) and the band-aid / vague-verb vocabularies; outputs are one hit per item
or per uncovered cause or layer. Code because it classifies items by their leading
verb (grammar), matches items to causes by shared content words, and checks dates
against the incident.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable, Iterator, NamedTuple

from ...grammar import LEAD_IN, OPTIONS_OFFERED, leading_verb
from ..functions import Context, Hit, check, is_truthy, shorten
from ..items import is_band_aid
from ...infer.layers import read_item
from ...infer.prose import sentence_rest
from ...infer.window import status_notice
from ..kinds import of_kind
from ._shared import (PROSE_SENTENCE, action_items, evidence, is_open, is_pending, is_placeholder, lower, option_patterns, option_words,
                      prose_head, root_causes, search, text_of, title_of)
from ._due import read_due
from ._time import entries
from .root_cause import is_unknown

BAND_AID = "band-aid"
DURABLE = "durable"

#: What an item changes beyond the repair: "so that ...", "to prevent ...", "which fixes ...",
#: "whose planner no longer ...". With it, a stated type outweighs a band-aid verb.


def classify(item: dict[str, Any], context: Context) -> str:
    """`band-aid` for a repair of this incident (type `repair`, or a title that starts with
    a band-aid verb such as restart, roll back, re-run, bump); `durable` otherwise. The
    definition is `items.is_band_aid`, which the condition `{band_aid: true}` reads too.

    A type the author stated is respected (issue 12) where the item says what it changes
    beyond the repair: "Upgrade the database to 14.2, which fixes the plan cache bug"
    typed `prevent` is the fix. A bare restart, rollback or bump stays a band-aid whatever
    its stated type or layer ("Increase the pool to 200", typed prevent, changes nothing
    behind the incident), and a type pmlint inferred from the words never outweighs the verb."""
    return BAND_AID if is_band_aid(item, context.settings) else DURABLE


def counts_at_layer(item: dict[str, Any], layer: str, context: Context, durable_types: Iterable[str]) -> bool:
    """A durable, open item of a durable type (PM307's `durable_action_types`, or untyped) at `layer`."""
    if lower(item.get("layer")) != layer or not is_open(item, context):
        return False
    kind = lower(item.get("type"))
    if kind is not None and kind not in {str(t).lower() for t in durable_types}:
        return False
    return classify(item, context) == DURABLE


def _inferred_at_layer(item: dict[str, Any], index: int, layer: str, context: Context,
                       durable_types: Iterable[str], profiled: dict[str, Any]) -> bool:
    """An open, durable item that states no layer but whose words name `layer`
    (`infer_layer`: "Implement a supervisor sidecar" is architecture) and whose type, stated
    or read from its words, is a durable one or none: a Markdown plan rarely tags its items,
    and "tag each with `layer:`" would be form where the item is there. The durability
    profile has read every item's words already; its reading is used (read again only
    where no profile was built)."""
    if item.get("layer") is not None or not is_open(item, context):
        return False
    typed, inferred = _item_reading(item, index, context, profiled)
    if inferred != layer or classify(item, context) != DURABLE:
        return False
    kind = lower(item.get("type")) or typed
    return kind is None or kind in {str(t).lower() for t in durable_types}


def _item_reading(item: dict[str, Any], index: int, context: Context,
                  profiled: dict[str, Any]) -> tuple[str | None, str | None]:
    """(type, layer) of action item `index` as the durability profile reads its words."""
    found = profiled.get(f"/action_items/{index}")
    if found is not None:
        return (found.type.value if found.type is not None else None,
                found.layer.value if found.layer is not None else None)
    title = str(item.get("title") or "")
    text = " ".join(str(item.get(key) or "") for key in ("title", "description")).strip()
    typed, inferred = read_item(title, text, context.settings)
    return (typed[0] if typed else None), (inferred[0] if inferred else None)


def has_no_action_decision(context: Context) -> bool:
    data = context.data
    return isinstance(data, dict) and is_truthy(data.get("no_action_reason"))


@check("band_aid_only", infers=True)
def band_aid_only(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Reports a plan in which every open action item is a band-aid (see `classify`)."""
    items = [(index, item) for index, item in action_items(context) if is_open(item, context)]
    if not items or has_no_action_decision(context):
        return
    if all(classify(item, context) == BAND_AID for _, item in items):
        titles = "; ".join(title_of(item, index) for index, item in items[:3])
        yield Hit("/action_items", {"count": len(items), "titles": titles})


@check("layer_fixed", {"durable_action_types": of_kind("words", "Action-item types that count as a fix at a "
                                                         "cause's layer (untyped items count too).")},
       required=("durable_action_types",))
def layer_fixed(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Each layer named by a root cause has an open prevent/mitigate item at that layer.
    One finding per uncovered layer, on the first cause at that layer."""
    layers: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, cause in root_causes(context):
        layer = lower(cause.get("layer"))
        if layer and layer not in layers:
            layers[layer] = (index, cause)
    if not layers or has_no_action_decision(context):
        return
    items = [item for _, item in action_items(context)]
    profiled: dict[str, Any] | None = None
    for layer, (index, cause) in layers.items():
        if any(counts_at_layer(item, layer, context, options["durable_action_types"]) for item in items):
            continue
        if profiled is None:  # each item's reading by the durability profile, looked up by pointer
            profiled = {each.pointer: each for each in getattr(context.profile, "items", ()) or ()}
        if any(_inferred_at_layer(item, index, layer, context, options["durable_action_types"], profiled)
               for index, item in enumerate(items)):
            continue  # the plan has such an item; its words say the layer its tags do not
        durable_types = {str(t).lower() for t in options["durable_action_types"]}
        elsewhere: dict[str, int] = {}
        other_types: list[str] = []
        untagged = {"untyped": 0, "typed": 0}  # durable items that name no layer, with and without a type
        for item in items:
            if not is_open(item, context) or classify(item, context) != DURABLE:
                continue
            kind = lower(item.get("type"))
            if kind is not None and kind not in durable_types:
                if lower(item.get("layer")) == layer:
                    other_types.append(kind)
                continue
            other = lower(item.get("layer"))
            if other is None:
                untagged["typed" if kind else "untyped"] += 1
                continue
            elsewhere[other] = elsewhere.get(other, 0) + 1
        yield Hit(f"/root_causes/{index}/layer",
                  {"layer": layer, "summary": shorten(cause.get("summary")),
                   "plan": _plan_note(layer, elsewhere, untagged, other_types)})


def _plan_note(layer: str, elsewhere: dict[str, int], untagged: dict[str, int], other_types: list[str]) -> str:
    """PM307's explanation of the plan, for people: where the durable items are, and how
    many name no layer (so the fix is tagging them, not writing new ones)."""
    parts = []
    if elsewhere:
        parts.append("durable items are at: " + ", ".join(f"{name} ×{count}" for name, count in sorted(elsewhere.items())))
    for key, tags in (("untyped", "`layer:` and `type:`"), ("typed", "`layer:`")):
        count = untagged[key]
        if count:
            noun = "action item" if key == "untyped" else "prevent/mitigate item"
            parts.append(f"{count} {noun}{'s name' if count > 1 else ' names'} no layer; "
                         f"tag {'each' if count > 1 else 'it'} with {tags}")
    if not parts:
        parts.append("the plan has no durable item")
    if other_types:  # a `process` item at the layer is not a fix of it
        parts.append(f"the {layer} items are typed {', '.join(sorted(set(other_types)))}")
    return " (" + "; ".join(parts) + ")"


_STOP = frozenset("""about after again also because been being between both cause caused causes could does doing
during each from have having into more most only other over same should some such than that their them then there
these they this those through under until very were what when where which while will with without would your""".split())


def significant(text: str) -> set[str]:
    """Content words, cut to five letters so that `retries` meets `retry` and `limits` meets `limit`."""
    return {token[:5] for token in re.findall(r"[a-z0-9]+", text.lower()) if len(token) >= 4 and token not in _STOP}


def _targets(item: dict[str, Any]) -> list[Any]:
    targets = item.get("addresses")
    if not isinstance(targets, list):
        targets = [targets] if targets is not None else []
    return targets


def references(item: dict[str, Any], index: int, cause: dict[str, Any]) -> bool:
    """`addresses` names the cause by 1-based position, `id` or summary."""
    return _Addressed([item]).names(index, cause)


class _Addressed:
    """Every `addresses` target of the items, indexed once: each cause is then looked up,
    not compared with every item (causes x items was quadratic on a long document)."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.positions: set[int] = set()
        self.labels: set[str] = set()
        self.long_by_head: dict[str, list[str]] = {}  #: targets of 10+ characters, by their first 10
        for item in items:
            for target in _targets(item):
                if isinstance(target, int) and not isinstance(target, bool):
                    self.positions.add(target)
                elif isinstance(target, str):
                    normal = " ".join(target.lower().split())
                    if normal:
                        self._add(normal)

    def _add(self, normal: str) -> None:
        self.labels.add(normal)
        if len(normal) >= 10:
            self.long_by_head.setdefault(normal[:10], []).append(normal)

    def names(self, index: int, cause: dict[str, Any]) -> bool:
        """Whether a target names cause `index` (its 1-based position, id, summary or a
        summary's start of 10+ characters)."""
        summary = " ".join(str(cause.get("summary", "")).lower().split())
        if index + 1 in self.positions or str(index + 1) in self.labels or summary in self.labels \
                or str(cause.get("id", "")).lower() in self.labels:
            return True
        return any(summary.startswith(normal) for normal in self.long_by_head.get(summary[:10], ()))


def _shares_words(words: set[str], index: dict[str, list[int]], item_words: list[set[str]], needed: int) -> bool:
    """Whether some item shares `needed` content words with `words`. An item that does is
    in the item lists of at least `needed` of the words, so it is in one of all but the
    `needed - 1` longest lists: only those are read, and each candidate checked whole. A
    word every item has ("client") costs nothing; counting hits over its list, per cause,
    made causes x items work (seconds on a long document)."""
    lists = sorted((index.get(word, ()) for word in words), key=len)
    if len(lists) < needed:
        return False
    for postings in lists[:len(lists) - (needed - 1)]:
        for item in postings:
            if len(words & item_words[item]) >= needed:
                return True
    return False


@check("causes_addressed", {"address_min_shared_words": of_kind(
    "count", "Content words an action item must share with a root cause to address it without `addresses` "
             "(0: only `addresses` counts).")}, required=("address_min_shared_words",))
def causes_addressed(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Each root cause is addressed by an open action item: named in its `addresses`, or
    sharing `address_min_shared_words` content words with it. Unknown causes are
    left to the unknown-cause rule."""
    items = [item for _, item in action_items(context) if is_open(item, context)]
    if not items:
        return
    needed = int(options["address_min_shared_words"])
    addressed = _Addressed(items)
    item_words = [significant(text_of(item)) for item in items]
    words_index: dict[str, list[int]] = {}
    for position, content in enumerate(item_words):
        for word in content:
            words_index.setdefault(word, []).append(position)
    for index, cause in root_causes(context):
        if is_unknown(cause, context):
            continue
        if addressed.names(index, cause):
            continue
        if needed <= 0 or _shares_words(significant(text_of(cause, ("summary",))), words_index, item_words,
                                         needed):
            continue
        yield Hit(f"/root_causes/{index}", {"summary": shorten(cause.get("summary")) or f"#{index + 1}"})


#: After an investigating verb, a specific question makes the item concrete.
_SPECIFIC_QUESTION = re.compile(r"\s+(?:why|whether|the (?:root )?cause of)\b", re.IGNORECASE)
#: "If steps 1 and 2 do not help, the event loop will be analyzed": a condition, then only a
#: promise to look again. A conditional item that does something ("If the queue passes
#: 1,000, page on-call") is not matched: the look-again verbs are required.
_CONDITIONAL = re.compile(
    r"^\W{0,4}(?P<word>if|in[ \t]+case|unless|should)\b.{0,200}?\b(?P<then>"
    r"(?:will|would|should|could|may|might)[ \t]+(?:then[ \t]+)?be[ \t]+(?:analy[sz]ed|investigated|looked[ \t]+(?:at|into)|"
    r"considered|evaluated|reviewed|explored|revisited|discussed)"
    r"|(?:we|the[ \t]+team|they)[ \t]+(?:will|would|may|might|could)[ \t]+(?:then[ \t]+)?(?:analy[sz]e|investigate|"
    r"look[ \t]+(?:at|into)|consider|evaluate|review|explore|revisit|discuss))\b", re.IGNORECASE)
#: After "continue to" / "keep", a verb of an existing practice ("Continue to host images on
#: Docker Hub", "Keep using GitHub for public repositories") states a strategy kept, not a
#: task: nothing to finish, so nothing vague. "Continue to improve alerting" stays vague.
_KEEPING = re.compile(r"\s+(?:to\s+)?(?:use|using|host|hosting|run|running|rely|relying|publish|publishing|serve|"
                      r"serving|store|storing|support|supporting|offer|offering|provide|providing)\b", re.IGNORECASE)
#: "Keep a short Talos recovery checklist for kubelet `Stopping` investigations": an artifact
#: to keep (a checklist, a runbook, a spare), which is done or not; "Keep an eye on" is not.
_KEPT_ARTIFACT = re.compile(r"\s+(?:a|an|the|our)\s+(?!eye\b)(?:[\w-]+\s+){0,3}?(?:checklists?|runbooks?|playbooks?|"
                            r"lists?|records?|logs?|cop(?:y|ies)|backups?|spares?|inventor(?:y|ies)|"
                            r"documents?|docs?|pages?|templates?|scripts?)\b", re.IGNORECASE)
#: ... and so do named hypotheses to test: "Investigate the timeouts, which may be due to A, B or C"
#: "Review and update the SLAs", "Investigate and fix the leak": the vague verb is joined
#: to a change the item commits to (the verb after "and" is checked against the vague ones).
_AND_CHANGE = re.compile(r"[ \t]+(?:and|&)[ \t]+(?P<verb>[a-z][a-z-]{1,30})\b", re.IGNORECASE)
#: "Review Apps Script deployment process and add a checklist for redeploying": what the
#: review is over, then a change that delivers something checkable (a change verb from a
#: fixed list: "Review logs and alerts" names no change).
_AND_DELIVERS = re.compile(r"(?:[ \t]+[\w/.'`-]{1,30}){1,6}?,?[ \t]+(?:and|&|then)[ \t]+(?:to[ \t]+)?"
                           r"(?:add|create|write(?![ \t]+up\b)|automate|implement|introduce|enforce|enable|"
                           r"configure|set[ \t]+up|pin|remove|replace|rotate|delete|migrate|fix)[ \t]+"
                           r"(?:an?|the|one|our)?[ \t]*[\w-]", re.IGNORECASE)
#: "monitor for mail-stack network rule warnings": the monitoring names the exact signal
#: to watch (a qualified warning, error, failure ...), so its end state, a monitor on that
#: signal, can be checked ("monitor the ingress for certificate renewal failures" too);
#: "monitor for issues", "monitor for errors" name none.
_NAMED_SIGNAL = re.compile(r"(?:[ \t]+(?!for\b)[\w-]+){0,5}?[ \t]+for[ \t]+(?:[\w-]+[ \t]+){1,6}(?:warnings?|errors?|alerts?|failures?|"
                           r"exceptions?|timeouts?|denials?|rejections?|crash(?:es)?|restarts?|"
                           r"log[ \t]+(?:lines?|messages?|entries))\b", re.IGNORECASE)
#: "review who has access ..., and ensure the group is limited to those who need to know":
#: the vague verb ends in a checkable end state the item names (something is/are done).
_ENSURED_STATE = re.compile(r"(?:\band|,)[ \t]+(?:ensure|make[ \t]+sure|verify|confirm)[ \t]+(?:that[ \t]+)?"
                            r"[^.;\n]{1,80}?\b(?:is|are|stays?|remains?)[ \t]+(?:only[ \t]+|now[ \t]+)?"
                            r"[a-z]{2,30}(?:ed|en)\b", re.IGNORECASE)
#: "Study route reflectors to move route management from the edge routers to a central
#: route server": an exploratory item that states its target architecture; a reviewer
#: would not demand a measurable outcome of it (pedantic: `strict` only).
_TARGET_STATED = re.compile(r"\bto[ \t]+(?:move|migrate|shift|switch|replace|consolidate|centrali[sz]e|adopt)\b"
                            r"[^.;]{0,160}?\b(?:to|into|onto|with|by)[ \t]+\w"
                            # the candidates named: "Evaluating better replication strategies to
                            # mitigate the initial cause, including row-based replication"
                            r"|,[ \t]*(?:including|such[ \t]+as|e\.g\.,?|for[ \t]+example)[ \t]+[\w-]", re.IGNORECASE)
#: Candidates listed in brackets after an item that weighs options: "Evaluate alternative
#: storage solutions (OpenEBS, Rook/Ceph)" (not "Consider restricting runners to other nodes
#: (taints/affinity)": a change still only considered, its means in brackets).
_CANDIDATES_IN_BRACKETS = re.compile(r"\b(?:alternatives?|options?|solutions?|tools?|providers?|vendors?|libraries|"
                                     r"approaches|products?|candidates?|backends?|engines?|platforms?)[ \t]*"
                                     r"\([ \t]*[\w.+-]+(?:[ \t]+[\w.+-]+){0,2}[ \t]*,[^()\n]{1,80}\)", re.IGNORECASE)
_WEIGHING = frozenset({"evaluate", "evaluating", "assess", "assessing", "explore", "exploring", "research", "study",
                       "studying", "compare", "comparing"})
#: the exploratory verbs `_TARGET_STATED` applies to
_EXPLORING = frozenset({"study", "studying", "explore", "exploring", "evaluate", "evaluating", "assess", "investigate",
                        "investigating", "research", "look into", "consider", "considering"})
_HYPOTHESES = re.compile(r"\b(?:which|that|it|they)[ \t]+(?:may|might|could)[ \t]+(?:be[ \t]+)?(?:due[ \t]+to|caused[ \t]+by|"
                         r"come[ \t]+from|stem[ \t]+from)\b", re.IGNORECASE)


#: Vague items reported as warnings per plan; the rest are reported at `info`: a plan with
#: many open-ended items makes its point with the first few, and a wall of the same
#: finding buries the others.
VAGUE_WARNINGS_PER_PLAN = 3


#: A person or team committing to a change in an item's body: "we will move the SRE tasks
#: to a weekly slot", "the platform team is going to split the pool", "we need to add a
#: lock", "we're adding a quota", "we have checks, and will add alerts". The subject must be people ("priority-classes will ensure
#: ..." explains the change, it commits to nothing).
_COMMITMENT = re.compile(
    r"(?:\b(?:we|I|they)|\bteams?|@[\w-]{1,40}|(?P<elided>\band))"
    r"(?:[ \t]+(?:will|shall|must|should|(?:need|needs|have|has|plan|plans)[ \t]+to|(?:are|is|am)[ \t]+going[ \t]+to)|'ll)"
    r"[ \t]+(?:(?:also|then|now|first|soon|immediately)[ \t]+)?(?P<verb>[a-z][a-z-]{1,30})\b|"
    r"(?:\b(?:we|they)|\bteams?)(?:[ \t]+(?:are|is)|'re)[ \t]+(?:(?:also|now|currently|already)[ \t]+)?"
    r"(?P<ing>[a-z][a-z-]{1,30}ing)\b", re.IGNORECASE)
#: "We" earlier in the same sentence, the subject of an elided "..., and will add alerts".
_WE_BEFORE = re.compile(r"\bwe\b[^.!?]*$", re.IGNORECASE)
#: Verbs after "we will" that commit to no change: intent, effort or explanation.
_NO_CHANGE_VERBS = frozenset({
    "be", "have", "need", "start", "begin", "continue", "keep", "try", "attempt", "aim", "seek", "strive", "want",
    "work", "do", "make", "ensure", "get", "take", "look", "think", "figure", "find", "learn", "see", "also",
    "help", "allow", "enable", "let", "hopefully", "probably", "likely", "not", "never", "always", "still",
    "re-iterate", "reiterate", "remind", "communicate", "share", "follow", "monitor", "watch", "remain",
})
#: ... and their "-ing" forms after "we are": "we are starting to ...", "we're working on it".
_NO_CHANGE_ING = frozenset({
    "being", "having", "needing", "starting", "beginning", "continuing", "keeping", "trying", "attempting", "aiming",
    "seeking", "striving", "wanting", "working", "doing", "making", "ensuring", "getting", "taking", "looking",
    "thinking", "figuring", "finding", "learning", "seeing", "helping", "allowing", "enabling", "letting",
    "reiterating", "re-iterating", "reminding", "communicating", "sharing", "following", "monitoring", "watching",
    "remaining", "going", "planning", "hoping", "waiting", "assessing", "revisiting", "revising", "improving",
    "analysing", "analyzing", "checking",
})
#: The end of the first sentence of an item without a lead-in: what follows is its body.
_FIRST_SENTENCE = re.compile(r"[.!?][ \t]+(?=[A-Z])")


def _body(value: dict[str, Any]) -> str:
    """What an item says beyond its lead-in: its description (the text after a bold lead-in),
    else the sentences of its title after the first."""
    description = value.get("description")
    if isinstance(description, str) and description.strip():
        return description
    title = value.get("title")
    if not isinstance(title, str):
        return ""
    found = _FIRST_SENTENCE.search(title)
    return title[found.end():] if found else ""


def _commits_to_change(body: str, options: dict) -> bool:
    """The body has a person or team commit to a change ("we will move the job to its own
    pool"); starting, evaluating or wanting is no change, nor is a vague verb."""
    if not body:
        return False
    for found in _COMMITMENT.finditer(body):
        if found.group("elided") and not _WE_BEFORE.search(body, max(0, found.start() - 120), found.start()):
            continue  # "... and will add alerts on ..." commits only with "we" earlier in its sentence
        name = "verb" if found.group("verb") else "ing"
        if found.group(name).lower() in (_NO_CHANGE_VERBS if name == "verb" else _NO_CHANGE_ING):
            continue
        if leading_verb(body[found.start(name):], options["vague_verbs"]) is not None:
            continue  # "we will evaluate ...": a vague verb is no change either
        return True
    return False


#: What comes right before a vague verb that the body promises ("we will evaluate", "and
#: evaluate where ...", "Review ..."), not one used as a noun or in passing ("the incident
#: review showed ...", "to keep latency low").
_VAGUE_PROMISED = re.compile(r"(?:^|[.;:!?]|\b(?:will|shall|should|must|'ll|need[ \t]+to|plan[ \t]+to|going[ \t]+to|"
                             r"have[ \t]+to|and))[ \t]*$", re.IGNORECASE)


def _restated_intent(value: dict[str, Any], options: dict) -> tuple[str, str] | None:
    """(lead-in verb, the intent phrase) for an item that opens with an intent verb
    (`intent_lead_ins`: "Make sure", "Ensure") and whose body only restates the intent
    ("this is a work in progress and we will start revising ... and evaluate where ...",
    `intent_patterns`, or a vague verb it promises: `_VAGUE_PROMISED`), naming no change, no measurable outcome and no
    commitment: the item says what the team wants, not what it will do. The lead-in alone
    is no finding ("Make sure user pods are in a separate pool" names the end state), nor
    is a lead-in its body explains ("... : so they do not starve the core pods")."""
    verb = leading_verb(value["title"], options.get("intent_lead_ins") or ())
    body = _body(value) if verb is not None else ""
    if verb is None or not body:
        return None
    intent = search(option_patterns(options, "intent_patterns"), body)
    if intent is None:
        vague = option_words(options, "vague_verbs")
        intent = next((found for found in (vague.finditer(body) if vague is not None else ())
                       if _VAGUE_PROMISED.search(body, max(0, found.start() - 40), found.start())), None)
    if intent is None:
        return None
    if search(option_patterns(options, "measurable_patterns"), text_of(value)) or _commits_to_change(body, options):
        return None
    return verb, intent.group()


#: "Make the component that allocates node_modules more resilient.", "Make deploys safer":
#: the item asks for more of a quality and names no end state; the whole title is that one
#: request (anything after it, a "so that ..." or a number, is read by `measurable_patterns`).
_MORE_OF = re.compile(LEAD_IN + r"(?P<verb>make)(?![ \t]+sure\b)[ \t]+(?:[\w'\u2019./-]+[ \t]+){1,10}?(?P<quality>(?:more|less)[ \t]+"
                      r"(?:resilient|robust|reliable|stable|secure|scalable|efficient|fault[- ]tolerant|performant|"
                      r"careful|transparent|visible|observable|clear|consistent|predictable|maintainable)|better|safer|"
                      r"faster|stronger|smarter)[ \t]*[.!]?[ \t]*$", re.IGNORECASE)


def _vague_verb(value: Any, options: dict) -> str | None:
    """The vague verb an item's title starts with, when nothing in it makes it concrete
    (the title and its description: a body that commits to a change or states a
    measurable outcome makes a vague lead-in concrete); or the intent verb of an item
    whose body only restates its intent (`_restated_intent`)."""
    if not isinstance(value, dict) or not isinstance(value.get("title"), str):
        return None
    conditional = _CONDITIONAL.match(value["title"])
    if conditional:  # the condition's own numbers ("if steps 1 and 2 ...") measure nothing done
        if search(option_patterns(options, "measurable_patterns"), value["title"][conditional.start("then"):]):
            return None
        return conditional.group("word")
    verb = leading_verb(value["title"], options["vague_verbs"])
    if verb is None:
        restated = _restated_intent(value, options)
        if restated:
            return restated[0]
        more = _MORE_OF.match(value["title"])
        if more and not search(option_patterns(options, "measurable_patterns"), text_of(value)) \
                and not _commits_to_change(_body(value), options):
            return more.group("quality")
        return None
    if verb.split()[0].lower() in ("continue", "keep") and _KEEPING.match(value["title"],
                                                                         value["title"].find(verb) + len(verb)):
        return None  # "Continue to host images on Docker Hub": a practice kept, a strategy stated, no task
    if verb.lower() == "keep" and _KEPT_ARTIFACT.match(value["title"], value["title"].find(verb) + len(verb)):
        return None  # "Keep a short recovery checklist for ...": an artifact kept, done or not
    if _SPECIFIC_QUESTION.match(value["title"], value["title"].find(verb) + len(verb)):
        return None  # "Investigate why the pool drained": one question, answerable, not open-ended
    if _HYPOTHESES.search(value["title"]):
        return None  # the candidate causes are named: each one can be confirmed or ruled out
    after = value["title"][value["title"].find(verb) + len(verb):]
    if verb.lower() in ("monitor", "monitoring") and _NAMED_SIGNAL.match(after):
        return None  # "monitor for mail-stack network rule warnings": the signal is named
    if _ENSURED_STATE.search(after):
        return None  # "review who has access ..., and ensure the group is limited to ...": an end state
    joined = _AND_CHANGE.match(value["title"], value["title"].find(verb) + len(verb))
    if joined and joined.group("verb").lower() not in _NO_CHANGE_VERBS and \
            leading_verb(value["title"][joined.start("verb"):], options["vague_verbs"]) is None:
        return None  # "Review and update the SLAs": the review ends in a change
    if _AND_DELIVERS.match(value["title"], value["title"].find(verb) + len(verb)):
        return None  # "Review the deployment process and add a checklist for ...": a deliverable named
    if search(option_patterns(options, "measurable_patterns"), text_of(value)):
        return None
    if _commits_to_change(_body(value), options):
        return None  # "**Consider X**: we will move the job to its own pool": the body is the plan
    description = value.get("description")
    if isinstance(description, str) and _STEP_VERB.match(description.lstrip()) \
            and leading_verb(description, options["vague_verbs"]) is None \
            and _VAGUE_BODY.search(description[:400]) is None:
        # "**Improve Communication**" over "Introduce a formalised process for cross-team
        # communication when making schema changes": the body names the change
        return None
    return verb


#: A tracking reference in an item's text: an issue or PR number, or a link to one.
_TRACKING = re.compile(r"(?<![\w&])#\d{1,7}\b|https?://\S{1,200}?/(?:issues|pull|pulls|merge_requests|browse|tickets?)/"
                       r"[\w-]{1,40}|\b(?!(?:SEV|CVE|CWE|GHSA|RFC|ISO|UTC|GMT)-)[A-Z][A-Z0-9]{1,9}-\d{1,6}\b")


#: A link that points into a tracker: an issue, a pull or merge request, a ticket, a bug.
_TRACKER_LINK = re.compile(r"/(?:issues?|pulls?|merge_requests|browse|tickets?|bugs?|tasks?|show_bug\.cgi)\b|#\d|"
                           r"\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b|\bjira\b|linear\.app|atlassian\.net")


def tracked(item: Any, ticket_stated: bool = True) -> str | None:
    """The item's tracking reference (its `ticket`, or an issue/PR number or link in its
    text), or None. A vague verb on a tracked item names work someone already follows in a
    tracker, where the outcome is defined. When the ticket was not stated but taken from
    a link in the item's text (Markdown: `ticket_stated` False), a link that points at no
    tracker (a vendor's notice, a blog post) tracks nothing."""
    if not isinstance(item, dict):
        return None
    ticket = item.get("ticket")
    if isinstance(ticket, str) and ticket.strip() and (ticket_stated or "://" not in ticket
                                                       or _TRACKER_LINK.search(ticket)):
        return ticket.strip()
    found = _TRACKING.search(text_of(item))
    return found.group() if found else None


def _tickets_stated(context: Context) -> bool:
    """Whether an item's `ticket` is what its author wrote (YAML), not a link the Markdown
    loader took from the item's text."""
    return getattr(context.document, "format", None) != "markdown"


class _VaguePlan(NamedTuple):
    """What PM310 asks of a whole plan, read once: its untracked vague items reported at
    warning, as id → rank (0 for the first); whether any item is not vague (a concrete
    plan); the ids of its open vague items that are aimed all the same (`_aimed`: strict
    only, and they take none of the plan's warnings)."""
    ranks: dict[int, int]
    concrete: bool
    aimed: frozenset[int]


#: (the plan's list, the options, what PM310 read of it): one scan per plan, not one per item.
_vague_last: tuple[Any, Any, _VaguePlan] | None = None


def _vague_items(context: Context, options: dict) -> _VaguePlan:
    """The plan as PM310 reads it (`_VaguePlan`). A mapping of ranks, so that each item's
    rank is one lookup and a plan of n vague items costs n, not n²; each item's aim is read
    here once, not again as its finding is made."""
    global _vague_last
    plan = context.data.get("action_items") if isinstance(context.data, dict) else None
    if _vague_last is not None and _vague_last[0] is plan and _vague_last[1] is options and plan is not None:
        return _vague_last[2]
    found: dict[int, int] = {}
    aimed: set[int] = set()
    concrete = False
    for index, item in action_items(context):
        verb = _vague_verb(item, options)
        if verb is None:
            concrete = True
            continue
        if not is_pending(item, context):
            continue
        if _aimed(item, f"/action_items/{index}", verb, context, options):
            aimed.add(id(item))
        elif tracked(item, _tickets_stated(context)) is None:
            found.setdefault(id(item), len(found))
    read = _VaguePlan(found, concrete, frozenset(aimed))
    _vague_last = (plan, options, read)
    return read


#: A sweep for the same class of bug: "Review other trigger-based systems for similar
#: patterns", "Review Similar Vulnerabilities" (bounded by the incident's own pattern;
#: held-out judges called such items pedantic at warning, not vague).
_SWEEP = re.compile(r"[ \t]+(?:all[ \t]+)?(?:the[ \t]+)?(?:other|similar)[ \t]+[\w-]+", re.IGNORECASE)
#: Vague verbs of watching: made concrete by an alert the plan sets up beside them.
_WATCHING = frozenset({"monitor", "monitoring", "keep", "watch"})
#: What a watching verb names when it watches nothing in particular: "Monitor for issues",
#: "monitor for errors", "Monitor closely" (still vague beside any alert).
_WATCHES_NOTHING = re.compile(r"[ \t]*+(?:(?:for|out[ \t]++for)[ \t]++)?(?:any[ \t]++|all[ \t]++|the[ \t]++)?"
                              r"(?:issues?|errors?|problems?|anomal\w*|things?|anything|everything|it|this|that|"
                              r"closely|more[ \t]++closely|carefully|an[ \t]++eye)?[ \t.!]*+$", re.IGNORECASE)
#: An item that sets up alerting: "Set up failure alerts", "Add an alarm on queue depth",
#: "Alert when the error rate exceeds 2%", "Page the on-call on ...".
_SETS_UP_ALERT = re.compile(
    r"^\W{0,4}(?:set[ \t]+up|add|create|configure|enable|wire[ \t]+up|introduce|implement|alert|page)\b"
    r"[^.\n]{0,80}?\b(?:alerts?|alerting|alarms?|pag(?:e|es|ing)|notifications?)\b", re.IGNORECASE)


#: An alert on nothing in particular: "Set up alerts for suspicious activity", "Add alerting
#: for any issues" (held-out set BY: the monitoring beside it stays vague).
_ALERTS_ON_NOTHING = re.compile(
    r"\b(?:alerts?|alerting|alarms?|notifications?)[ \t]+(?:for|on|about)[ \t]+(?:any[ \t]+)?"
    r"(?:(?:suspicious|unusual|abnormal|strange|anomalous|potential)[ \t]+)?(?:activity|activities|issues?|problems?|"
    r"anomal(?:y|ies)|things?|anything|events?|behaviou?r)\W{0,4}$", re.IGNORECASE)


def _alert_beside(value: Any, context: Context, options: dict) -> bool:
    """Whether another item of the plan sets up an alert (`_SETS_UP_ALERT`) and is not
    vague itself: "Monitor webhook success rate" beside "Set up failure alerts" restates
    what the alert does; a reviewer would not raise it (held-out reviews: pedantic). The
    plan's alert items are found once per plan (`_alert_items`), not once per item."""
    return any(item_id != id(value) for item_id in _alert_items(context, options))


#: (plan, options, ids of its alert items) of the last plan asked about.
_alerts_last: tuple[Any, dict, tuple[int, ...]] | None = None


def _alert_items(context: Context, options: dict) -> tuple[int, ...]:
    """Ids of the plan's items that set up an alert and are not vague (at most two: one
    other than any item asking is all `_alert_beside` needs)."""
    global _alerts_last
    plan = context.data.get("action_items") if isinstance(context.data, dict) else None
    if _alerts_last is not None and _alerts_last[0] is plan and _alerts_last[1] is options and plan is not None:
        return _alerts_last[2]
    found: list[int] = []
    for _, item in action_items(context):
        if isinstance(item, dict) and isinstance(item.get("title"), str) \
                and _SETS_UP_ALERT.search(item["title"]) is not None and _vague_verb(item, options) is None \
                and _ALERTS_ON_NOTHING.search(item["title"][-120:]) is None:
            found.append(id(item))
            if len(found) == 2:
                break
    _alerts_last = (plan, options, tuple(found))
    return _alerts_last[2]


@check("vague_action", {"vague_verbs": of_kind("words", "Leading verbs reported unless the item states a measurable "
                                                      "outcome."),
                        "measurable_patterns": of_kind("regex-list", "Regexes that count as a measurable outcome in "
                                                                  "an action item's title or description."),
                        "intent_lead_ins": of_kind("words", "Leading verbs that state an intended end state (make "
                                                          "sure, ensure): reported only when the item's body "
                                                          "restates the intent and names no change."),
                        "intent_patterns": of_kind("regex-list", "Regexes for a body that restates intent instead "
                                                              "of naming a change (work in progress, start ...ing)."
                                                   )},
       required=("vague_verbs", "measurable_patterns"))
def vague_action(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """An action item title that starts with a vague verb (`vague_verbs`) and states
    no measurable outcome (`measurable_patterns`, in title or description). A
    specific question after the verb ("Investigate why …", "… whether …") is concrete, and
    so are named hypotheses ("…, which may be due to A, B or C"). A conditional item that
    only promises to look again ("If steps 1 and 2 do not help, the loop will be analyzed")
    is vague too, and so is an item that opens with an intent (`intent_lead_ins`, "Make sure
    ...") whose body only restates it (`_restated_intent`). A vague lead-in whose body
    states a measurable outcome or has a person or team commit to a change is concrete.
    A vague item with a tracking reference (`ticket`, "#123", an issue link)
    in a plan that has a concrete item is pedantic (`info`, `strict` preset only): the
    tracker holds the outcome. Beyond
    the first VAGUE_WARNINGS_PER_PLAN untracked vague items of a plan, the rest are `info`."""
    if isinstance(value, dict) and not is_pending(value, context):
        return  # done: a response step logged in the plan ("Try to retrigger ...", DONE), not a follow-up to judge
    verb = _vague_verb(value, options)
    if verb is None:
        return
    vague, concrete, aimed = _vague_items(context, options)
    reference = tracked(value, _tickets_stated(context))
    if reference is not None and concrete and not _CONDITIONAL.match(value["title"]):
        # tracked in an issue, in a plan that is otherwise concrete: the tracker holds the
        # outcome; a reviewer would not raise it (review 3: pedantic)
        yield Hit(f"{pointer}/title", {"verb": verb, "reference": shorten(reference, 60)}, text=verb, pedantic=True,
                  variant="tracked")
        return
    rank = vague.get(id(value), 0)
    if _CONDITIONAL.match(value["title"]):
        yield Hit(f"{pointer}/title", {"verb": verb, "item": shorten(value["title"])}, text=verb,
                  demote=rank >= VAGUE_WARNINGS_PER_PLAN, variant="conditional")
    elif leading_verb(value["title"], options["vague_verbs"]) is None and _restated_intent(value, options) is None:
        # "Make the component ... more resilient": more of a quality, no end state
        yield Hit(f"{pointer}/title", {"verb": verb, "item": shorten(value["title"])}, text=verb,
                  demote=rank >= VAGUE_WARNINGS_PER_PLAN, variant="comparative")
    elif leading_verb(value["title"], options["vague_verbs"]) is None:  # an intent its body only restates
        restated = _restated_intent(value, options)
        yield Hit(f"{pointer}/title", {"verb": verb, "item": shorten(value["title"]),
                                       "intent": shorten(restated[1] if restated else verb)}, text=verb,
                  demote=rank >= VAGUE_WARNINGS_PER_PLAN, variant="restated")
    elif id(value) in aimed:
        yield Hit(f"{pointer}/title", {"verb": verb}, text=verb, pedantic=True)
    else:
        if rank < VAGUE_WARNINGS_PER_PLAN:
            yield Hit(f"{pointer}/title", {"verb": verb}, text=verb)
        else:
            yield Hit(f"{pointer}/title", {"verb": verb, "rank": rank + 1, "count": len(vague),
                                           "limit": VAGUE_WARNINGS_PER_PLAN}, text=verb, demote=True,
                      variant="beyond_limit")


def _aimed(value: Any, pointer: str, verb: str, context: Context, options: dict) -> bool:
    """Whether an item led by a vague verb is aimed all the same, so a reviewer would not
    raise it (pedantic, `strict` only): an exploratory item that names its target
    architecture; a weighing of candidates it names; "Monitor the webhook success rate"
    beside an item that sets up the alert; a sweep for the same class of bug; an item its
    authors mark as extra; a scheduled review's or an audit's agenda; an investigation
    whose decision the next item writes down. Only the plain variant (the verb leads the
    title, no condition) is read so; the others are vague whatever follows."""
    title = value.get("title") if isinstance(value, dict) else None
    if not isinstance(title, str) or _CONDITIONAL.match(title) or leading_verb(title, options["vague_verbs"]) is None:
        return False
    after = title.find(verb) + len(verb)
    lowered = verb.lower()
    return lowered in _EXPLORING and _TARGET_STATED.search(title) is not None \
        or lowered in _WEIGHING and _CANDIDATES_IN_BRACKETS.search(title) is not None \
        or lowered in _WATCHING and _WATCHES_NOTHING.match(title, after) is None and _alert_beside(value, context, options) \
        or _SWEEP.match(title, after) is not None \
        or _MARKED_EXTRA.search(title) is not None \
        or _in_review_agenda(pointer, context, lowered) \
        or lowered in _EXPLORING and _decision_follows(pointer, context)


#: A group heading that names a review meeting on a schedule: "### 30-Day Review", "90 Day
#: Review", "Quarterly review" (not "Follow-up review" or "Post-incident review": plans).
_REVIEW_AGENDA = re.compile(r"^\W{0,4}(?:\d{1,3}[ \t-]?(?:day|week|month)s?|weekly|monthly|quarterly|annual|yearly)[ \t]+"
                            r"review(?:[ \t]+(?:meeting|agenda|checklist))?\W{0,4}$", re.IGNORECASE)
#: A group that names an audit: "**Security Audit**" over "- Review all SSH keys", "Access
#: audit (within 1 month)". Its review verbs are the audit's steps, each bounded by what the
#: audit covers (held-out set BY: pedantic), not a remediation left vague.
#: The group must be the audit itself: at most four words before "audit", none of them an
#: article or a preposition ("Fix the logging gaps found in the audit", "Before the next
#: compliance audit" are work an audit asked for, not its steps).
_AUDIT_GROUP = re.compile(r"^\W{0,4}(?:(?!(?:the|a|an|in|of|for|from|before|after|during|by|found|next|last|our)\b)"
                          r"[\w-]{1,30}:?[ \t]+){0,4}audit(?:[ \t]+(?:checklist|agenda|tasks?|steps?|items?))?\W{0,4}"
                          r"(?:\([^()]{0,40}\)\W{0,4})?$", re.IGNORECASE)
#: The verbs of an audit's steps: only these are its agenda under an audit group.
_AUDIT_VERBS = frozenset({"review", "audit", "check", "verify", "inspect", "examine", "assess"})
_ITEM_INDEX = re.compile(r"/action_items/(\d{1,6})$")


#: An item that decides on what the item before it finds: "If no table exists, redefine
#: the metric ...", "Otherwise, ...", "Depending on the result, ...".
_DECIDES_ON = re.compile(r"^\W{0,4}(?:if[ \t]+(?!(?:possible|needed|necessary|time|feasible|required|appropriate|"
                         r"applicable|desired)\b)\w|otherwise\b|depending[ \t]+on\b|based[ \t]+on[ \t]+(?:the[ \t]+)?"
                         r"(?:result|findings?|outcome)\b)", re.IGNORECASE)


def _decision_follows(pointer: str, context: Context) -> bool:
    """Whether the plan's next item decides on what this exploratory one finds
    ("Investigate the source system for a separate `inquiries` table" over "If no table
    exists, redefine the metric to New Registrations"): the investigation ends in a
    decision written down, a sound next step (held-out set BW: pedantic)."""
    found = _ITEM_INDEX.search(pointer)
    plan = context.data.get("action_items") if isinstance(context.data, dict) else None
    if found is None or not isinstance(plan, list):
        return False
    following = int(found.group(1)) + 1
    item = plan[following] if following < len(plan) else None
    return isinstance(item, dict) and isinstance(item.get("title"), str) and \
        _DECIDES_ON.match(item["title"][:40]) is not None


def _in_review_agenda(pointer: str, context: Context, verb: str) -> bool:
    """Whether the item sits under a group heading that names a scheduled review meeting
    ("### 30-Day Review" over "- [ ] Review developer training completion", "Assess
    effectiveness of preventive measures") or an audit (`_AUDIT_GROUP`, its review verbs
    only: `_AUDIT_VERBS`): the meeting's or the audit's agenda, whose verbs are what a review does, not a remediation left vague
    (held-out sets BV, BY: pedantic)."""
    found = _ITEM_INDEX.search(pointer)
    groups = getattr(context.document.meta, "action_item_groups", None) or {}
    group = groups.get(found.group(1)) if found is not None else None
    return isinstance(group, str) and (_REVIEW_AGENDA.search(group[:120]) is not None
                                       or verb in _AUDIT_VERBS and _AUDIT_GROUP.search(group[:120]) is not None)


#: An item its authors mark as extra, beyond the fix: "Consider content-hashing the assets
#: (defense in depth; not the cause here)", "(nice to have)", "(optional)".
_MARKED_EXTRA = re.compile(r"\b(?:defen[cs]e[ \t-]+in[ \t-]+depth|nice[ \t-]+to[ \t-]+have|not[ \t]+the[ \t]+cause|"
                           r"optional|low[ \t-]+priority|stretch[ \t]+goal)\b", re.IGNORECASE)


#: What comes right before a people fix the text commits to: a sentence start ("Remind all
#: engineers ..."), or people as its subject ("we will re-iterate", "we requested all",
#: "the team is reminding"): not "we relied on engineers to double-check".
_COMMITTED_BEFORE = re.compile(
    r"(?:^|[.;:!?]|\b(?:we|I|they|teams?|@[\w-]{1,40})"
    r"(?:[ \t]+(?:will|shall|must|should|have|has|had|are|is|also|then|now|already|going[ \t]+to|need[ \t]+to|"
    r"plan[ \t]+to)|'ll|'ve|'re)*)[ \t]*$", re.IGNORECASE)


def _committed(text: str, start: int) -> bool:
    """Whether the people fix at `start` is the body's own commitment (see `_COMMITTED_BEFORE`);
    the 80 characters before it are enough, and keep the test linear."""
    return _COMMITTED_BEFORE.search(text, max(0, start - 80), start) is not None


#: Layers whose fixes change the system, not the people who run it.
_SYSTEM_LAYERS = frozenset({"code", "infrastructure", "architecture"})


def _changes_system(item: Any, changes: Any, people: Any) -> bool:
    """Whether an action item changes the system: it names a system change
    (`system_change_words`), or its layer, stated or inferred from its words ("Disable
    agent forwarding on the servers", "removed the bots' commit rights"), is code,
    infrastructure or architecture, and it is no people fix itself (`people`: "re-iterate
    the need to test on the staging ingress" names a layer's words, not a change)."""
    if not isinstance(item, dict):
        return False
    if search(changes, text_of(item)) is not None:
        return True
    return lower(item.get("layer")) in _SYSTEM_LAYERS and lower(item.get("type")) != "process" \
        and search(people, text_of(item)) is None


@check("people_fix", {"people_fix_phrases": of_kind("words", "Phrases of actions that try to fix people."),
                      "system_change_words": of_kind("words", "Words that show an action item also changes the "
                                                           "system.")},
       infers=True, required=("people_fix_phrases", "system_change_words"))
def people_fix(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """An action item that tries to fix people (`people_fix_phrases`) without naming a
    system change (`system_change_words`) in the same item; in a description, only one
    the body commits to (`_committed`: "we will remind ...", not "we relied on engineers to
    double-check", which explains what the item replaces). When another item of
    the plan changes the system, the plan is sound and the training beside it is no
    defect a reviewer would raise: reported (at `info`) under the `strict` preset only; so
    is the same people fix repeated in a later item (said once, at the first)."""
    if not isinstance(value, dict):
        return
    changes = option_words(options, "system_change_words")
    if search(changes, text_of(value)):
        return
    regex = option_words(options, "people_fix_phrases")
    for name in ("title", "description"):
        text = value.get(name)
        if not isinstance(text, str) or regex is None:
            continue
        found = search(regex, text)
        if found and name == "description":
            # a description often explains what the item replaces ("we relied on engineers
            # to double-check"): only a people fix the body commits to counts
            found = next((match for match in regex.finditer(text) if _committed(text, match.start())), None)
        if found:
            # training beside a system change elsewhere in the plan is pedantic to raise:
            # reported under `strict` only
            items = [item for _, item in action_items(context)]
            sound = any(item is not value and _changes_system(item, changes, regex) for item in items)
            # one point, one finding: the same people fix written again in a later item (a
            # plan repeated in a prose "Future actions" section) is said once, at the first
            phrase = found.group().lower()
            earlier = items[:next((index for index, item in enumerate(items) if item is value), 0)]
            repeated = any(phrase in text_of(item).lower() and search(changes, text_of(item)) is None
                           for item in earlier)
            yield Hit(f"{pointer}/{name}", {"phrase": found.group()}, text=found.group(), pedantic=sound or repeated)
            return


@check("no_action_justified", {"no_action_min_words": of_kind(
    "count", "Shortest `no_action_reason`, in words, that counts as a justification."),
    "shipped_fix_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                             "description": "Regexes: a document whose text matches one records that its fix "
                                            "shipped (merged, released, regression tests added): with nothing "
                                            "left to do, the missing plan is reported under `strict` only."},
    "shipped_fix_undone_by": {"type": "array", "items": {"type": "string", "format": "regex"},
                              "description": "Regexes read on the rest of the sentence after a `shipped_fix_patterns` "
                                             "match: one that matches tells the change as what broke things (\"We "
                                             "enabled rate limiting, which blocked the webhooks\"), or as no change "
                                             "(\"we've since moved on to other priorities\"): no fix shipped."},
    "vague_commitment_verbs": of_kind(
        "words", "Verbs right after a commitment (\"I will figure out\", \"we will look into\") that promise "
                 "only to look: a document whose every commitment is such has no plan (variant `vague`).")},
       required=("no_action_min_words",))
def no_action_justified(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A postmortem with no action items states a justified decision not to act: a
    `no_action_reason` of at least `no_action_min_words` words. Commitments in
    prose anywhere ("We will …", "We're deploying …", "changes have been made to …")
    are a plan: a document that states one is not reported as having none. A bug-fix
    write-up that records its fix as shipped (`shipped_fix_patterns`: "the fix was merged",
    "fixed in 2.4.1", "two regression tests added") has nothing left to do: asking for a
    plan there is pedantic (`strict` only)."""
    if action_items(context):
        return
    data = context.data if isinstance(context.data, dict) else {}
    reason = data.get("no_action_reason")
    minimum = int(options["no_action_min_words"])
    if not is_truthy(reason):
        found = evidence(context, "actions")
        vague = None
        if found is not None:
            vague = _only_vague_commitment(context, options) if found.get("label") == "commitment" else None
            if vague is None:
                return
        target = "/action_items" if "action_items" in data else "/no_action_reason"
        shipped = option_patterns(options, "shipped_fix_patterns")
        undone = option_patterns(options, "shipped_fix_undone_by")
        done = shipped is not None and any(_told_as_shipped(text, shipped, undone)
                                           for text in _paragraphs(context.document.lines or ()))
        done = done or _fix_told_as_steps(data.get("resolution"))
        if vague is not None:
            quote, line = vague
            yield Hit(target, {"problem": "and no `no_action_reason` says why none are needed",
                               "quote": quote, "line": line}, variant="vague", pedantic=done)
            return
        offered = _options_offered(context.document)
        if offered is not None:
            # "They need to be made persistent. Options:" over a list: the follow-up is
            # written, undecided; a plan of none is no fair claim, a choice of none is
            lead, line = offered
            # (at the plan's usual place, so a suppression written for PM313 still applies; the
            # message names the line; a status page's notice is asked at `info`, as below)
            yield Hit(target, {"quote": lead, "line": line}, variant="options", pedantic=done,
                      demote=status_notice(context.document))
            return
        # (a status page's short notice tells users it is back: a plan is a side note there)
        yield Hit(target, {"problem": "and no `no_action_reason` says why none are needed"}, variant="no_reason",
                  pedantic=done, demote=status_notice(context.document))
    elif not isinstance(reason, str) or len(reason.split()) < minimum:
        yield Hit("/no_action_reason",
                  {"problem": f'and the no-action reason "{shorten(reason)}" does not say why (under {minimum} words)'})


#: A lead-in that offers the follow-up as options, a sentence of its own at its line's end:
#: "They need to be made persistent. Options:", "The options are:", "Possible fixes:" (not
#: "The job was run with these options:", nor "while we investigate the options:").
#: Anchored at the colon, read on the line's last 120 characters: linear.
_OPTIONS_LEAD = re.compile(r"(?:^|[.!?][ \t]+)\W{0,4}(?:options|alternatives|" + OPTIONS_OFFERED + r")"
                           r"[ \t]*:[*_ \t]*$", re.IGNORECASE)
#: A list item's marker at a line's start.
_LIST_ITEM = re.compile(r"[ \t]{0,8}(?:[-*+]|\d{1,3}[.)])[ \t]+\S")


def _options_offered(document: Any) -> tuple[str, int] | None:
    """(the lead-in, its line) where a Markdown document offers its follow-up as options: a
    line outside code ending in "Options:" (`_OPTIONS_LEAD`) whose next non-blank line is a
    list item; None when there is none."""
    if document.format != "markdown":
        return None
    lines = document.lines or []
    for number, text in document.prose_lines():
        if ":" not in text or _OPTIONS_LEAD.search(text[-120:]) is None:
            continue
        following = next((line for line in lines[number:number + 3] if line.strip()), "")
        if _LIST_ITEM.match(following):
            # the lead-in's last two sentences: "They need to be made persistent. Options:"
            sentences = re.split(r"(?<=[.!?])[ \t]+", text.strip().lstrip("#>*-_ \t")[-400:])
            return shorten(" ".join(sentences[-2:]), 60), number
    return None


#: Characters after a shipped-fix match read for what undoes it.
_UNDONE_REACH = 160


def _told_as_shipped(text: str, shipped: Any, undone: Any) -> bool:
    """Whether a paragraph tells a fix as shipped: a `shipped_fix_patterns` match whose rest
    of the sentence no `shipped_fix_undone_by` pattern matches ("We enabled rate limiting,
    which blocked the webhooks" tells the cause, not a guard put in place)."""
    for match in shipped.finditer(text):
        if undone is None:
            return True
        rest = sentence_rest(text[match.end():match.end() + _UNDONE_REACH])
        harm = undone.search(rest)
        if harm is None or _GUARDED.search(rest[max(0, harm.start() - 40):harm.start()]) is not None:
            return True  # no harm told, or harm the change prevents ("so the API does not fail")
    return False


#: Harm the change guards against, not harm it did: "so that requests don't fail", "to
#: prevent failed logins", "when a similar outage happens again".
_GUARDED = re.compile(r"\b(?:not|n[o'\u2019]t|never|no\s+longer|prevent\w*|avoid\w*|stop\w*|so\s+that|in\s+case|when|"
                      r"if|against|without)\b", re.IGNORECASE)


def _paragraphs(lines: Iterable[str]) -> Iterator[str]:
    """The source's paragraphs, each joined into one line (a sentence wrapped at 80
    columns is read whole: "Then I spent five minutes writing / the shell script and
    cronjob"); a heading line is a paragraph of its own, so `^#` patterns still see it."""
    run: list[str] = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            if run:
                yield " ".join(run)
                run = []
            if line.strip():
                yield line
            continue
        run.append(line.strip())
    if run:
        yield " ".join(run)


#: A resolution told as steps to take, one a line: "Enable ntp server in the image",
#: "Double min cpu and mem", "Ask Christoph to provide a bigger node". Anchored: linear.
_STEP_VERB = re.compile(r"(?:enable|disable|add|double|increase|decrease|raise|lower|ask|reproduce|set\s+up|move|"
                        r"replace|migrate|upgrade|downgrade|configure|document|create|implement|introduce|automate|"
                        r"monitor|limit|pin|rebuild|recopy|restart|schedule|update|install|remove|switch)\b",
                        re.IGNORECASE)


def _fix_told_as_steps(resolution: Any) -> bool:
    """Whether the resolution is a list of steps in the imperative, most of its lines (two
    or more) opening with a verb of change: the fix, as the team will apply it, is written
    down, and asking for a plan beside it is pedantic (`strict` only)."""
    if not isinstance(resolution, str):
        return False
    lines = [line.strip() for line in resolution.split("\n")[:200] if line.strip()]
    steps = sum(1 for line in lines if _STEP_VERB.match(line))
    return steps >= 2 and steps * 2 >= len(lines)


#: What leaves a change named in an item's body as vague as its lead-in: "Update things as
#: needed", "Add more monitoring where it makes sense", "Schedule a meeting to discuss it".
_VAGUE_BODY = re.compile(r"\b(?:as\s+needed|as\s+required|where\s+(?:it\s+makes\s+sense|needed|possible|appropriate)|"
                         r"if\s+(?:needed|necessary|possible)|whatever|things|stuff|more\s+\w+|better|meetings?|"
                         r"discuss(?:ion)?|somehow|etc)\b", re.IGNORECASE)
#: Words between the commitment and its verb: "I will (also / first / try to) figure out".
_LEADING_ADVERBS = re.compile(r"^\s*(?:(?:also|now|then|first|still|definitely|certainly|try\s+to|try\s+and)\s+){0,3}")
#: More sentences of commitment than this, and the document plans something: not all vague.
_MAX_VAGUE_COMMITMENTS = 3


def _only_vague_commitment(context: Context, options: dict) -> tuple[str, int] | None:
    """The first commitment in prose and its line, when every sentence that commits to
    something ("I will ...", "make sure it doesn't happen again") promises only to look
    (`vague_commitment_verbs` right after the commitment: "I will figure out what went
    wrong", "we will look into it"): a promise to find out is no change to the system. None
    when some sentence commits to a change, or there are more than
    `_MAX_VAGUE_COMMITMENTS` of them."""
    from ...load.evidence import COMMITMENT

    verbs = option_words(options, "vague_commitment_verbs")
    if verbs is None:
        return None
    text = prose_head(context)
    lowered = text.lower()
    first: tuple[str, int] | None = None
    count = 0
    for sentence in PROSE_SENTENCE.finditer(lowered):
        said = sentence.group()
        matches = list(COMMITMENT.finditer(said))
        if not matches:
            continue
        count += 1
        if count > _MAX_VAGUE_COMMITMENTS:
            return None
        if not any(verbs.regex.match(_LEADING_ADVERBS.sub("", said[match.end():match.end() + 80])) is not None
                   for match in matches):
            return None  # this sentence commits to a change
        if first is None:
            start = sentence.start() + len(said) - len(said.lstrip())
            first = (shorten(text[start:sentence.end()].strip(), 120), lowered.count("\n", 0, start) + 1)
    return first


_QUARTER = re.compile(r"^(?:Q[1-4]|H[12])\s*[-/ ]?\s*\d{4}$", re.IGNORECASE)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def parse_due(value: Any) -> date | str | None:
    """A date for YYYY-MM-DD (or an ISO date-time); the text itself for a coarse horizon
    (2025-09, Q3 2025, H2 2025); None when it is not a date at all."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _QUARTER.match(text) or _MONTH.match(text):
        return text
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 and text[4:5] == "-" else None
    except ValueError:
        return None


def incident_date(context: Context) -> date | None:
    data = context.data if isinstance(context.data, dict) else {}
    parsed = parse_due(data.get("date"))
    if isinstance(parsed, date):
        return parsed
    moments = [entry.moment for entry in entries(data) if entry.moment is not None]
    return min(moment.date() for moment in moments) if moments else None


@check("due_date_valid")
def due_date_valid(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A `due` value of an open item reads as a date and is not before the incident.

    Dates are read as people write them (`_due.read_due`: `2025-07-15`, `Jul 16, 2023`,
    `16 July 2023`, `2023/07/16`, `16/07/2023`, `Q3 2025`, `end of Q3`), numeric ones in
    the document's own order (`meta.day_first_dates`). Only what pmlint is certain of is
    reported at the rule's severity: a value shaped as a date that is no day on any
    calendar (`2023-13-45`), or a day before the stated incident `date` whichever way it
    reads. A date relative to when it was written ("next sprint"), text pmlint cannot
    read, or a day before the incident only in one reading or only before the first
    timeline entry, is at most a `warning`. A value that says there is no date yet
    ("soon", "ASAP", "ongoing") is PM302's (no due date); a template placeholder
    (`YYYY-MM-DD`, `TBD`) is PM010's; a done item's due date no longer matters."""
    if value is None or value == "" or is_placeholder(value, context):
        return
    item = resolve_item(context, pointer)
    if item is not None and not is_pending(item, context):
        return
    order = context.document.meta.day_first_dates
    due = read_due(value, order)
    if due.kind in ("none", "horizon"):
        return
    if due.kind == "impossible":
        yield Hit(values={"value": shorten(value), "problem": "is not a day on the calendar"})
        return
    if due.kind in ("relative", "unknown"):
        others = _dues_by_group(context, order).get(_due_group(due.kind, value), [])
        if others and others[0] != pointer:
            return  # one finding for the plan's relative (or unreadable) dates, on the first of them
        if due.kind == "relative":
            problem = "is relative to when it was written: a reader later cannot tell when it was due (write the " \
                      "calendar date)"
            if len(others) > 1:
                problem = (f"is relative to when it was written, and so are {len(others) - 1} more in this plan: a "
                           "reader later cannot tell when they were due (write calendar dates)")
        else:
            problem = "could not be read as a date (write YYYY-MM-DD)"
            if len(others) > 1:
                problem = (f"could not be read as a date, nor could {len(others) - 1} more in this plan (write "
                           "YYYY-MM-DD)")
        yield Hit(values={"value": shorten(value), "problem": problem}, uncertain=True)
        return
    stated = incident_date_stated(context)
    start = stated or incident_date(context)
    if start is None or all(day >= start for day in due.days):
        return
    # certain: before a stated incident date whichever way the day and month are read
    both = read_due(value, None).days
    certain = stated is not None and all(day < start for day in both)
    yield Hit(values={"value": shorten(value), "problem": f"is before the incident ({start.isoformat()})"},
              uncertain=not certain)


def incident_date_stated(context: Context) -> date | None:
    """The incident `date` the document states (front matter, a `Date:` line, the YAML field)."""
    data = context.data if isinstance(context.data, dict) else {}
    parsed = parse_due(data.get("date"))
    return parsed if isinstance(parsed, date) else None


#: (document, order, settings, its relative- and unreadable-due pointers): PM303 runs once
#: per item, and reading every item's due date for each of them was quadratic (3,000 rows:
#: 28 s); one reading per document.
_last_dues: tuple[object, object, int, dict[str, list[str]]] | None = None


def _dues_by_group(context: Context, order: Any) -> dict[str, list[str]]:
    """The `/action_items/N/due` pointers of the pending items whose due date is relative
    ("this week", "next sprint") and of those it cannot read at all (`_[Date]_` in every
    row), in order, by `_due_group`: one table writes them all the same way, and a reviewer raises
    it once, not on every row. Read once per document."""
    global _last_dues
    if _last_dues is not None and _last_dues[0] is context.document and _last_dues[1] == order \
            and _last_dues[2] == id(context.settings):
        return _last_dues[3]
    found: dict[str, list[str]] = {}
    for index, item in action_items(context):
        due = item.get("due")
        if due is None or due == "" or not is_pending(item, context) or is_placeholder(due, context):
            continue
        kind = read_due(due, order).kind
        if kind in ("relative", "unknown"):
            found.setdefault(_due_group(kind, due), []).append(f"/action_items/{index}/due")
    _last_dues = (context.document, order, id(context.settings), found)
    return found


def _due_group(kind: str, value: Any) -> str:
    """The group a relative or unreadable due date is reported with: every relative date
    of the plan together ("next sprint", "this week": one way of writing a plan); an
    unreadable one with those written the same (`_[Date]_` on every row), not with
    "after the freeze" or "when Bob is back", each of which is its own slip."""
    return kind if kind == "relative" else f"unknown:{str(value).strip().lower()[:200]}"


def resolve_item(context: Context, pointer: str) -> dict[str, Any] | None:
    """The action item a `/action_items/N/due` pointer belongs to."""
    parts = pointer.strip("/").split("/")
    data = context.data if isinstance(context.data, dict) else {}
    items = data.get("action_items")
    if len(parts) >= 2 and parts[0] == "action_items" and parts[1].isdigit() and isinstance(items, list) \
            and int(parts[1]) < len(items) and isinstance(items[int(parts[1])], dict):
        return items[int(parts[1])]
    return None

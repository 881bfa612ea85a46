"""Repeat incidents: the document says this happened before, or links an earlier postmortem.

Signals (settings.repeat_phrases): "happened again", "part two" (not in a post that is itself
"Part 3" of a series: there it is the chapter before), "a recurrence of",
"same issue as", "once again" — read outside the timeline, whose "failing again" is
one incident's own course, and outside the action items. An emphatic capitalised
"AGAIN" counts too, and so do the ways of saying it that no fixed phrase lists
(`_REPEAT_SAID`): "the cause is the same as an earlier incident", "as happened last
year", "this has been an issue in the past", "we have seen this error before", "we had
another power outage". A link in the paragraph that says so is the earlier incident's. Links (Markdown or bare URLs) whose address names a postmortem,
incident report or post-incident review are related incidents; a link alone infers a
repeat only when its address carries a date more than a day before this incident's
(posts also link their own announcement).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Mapping

from ..grammar import imagined
from ..model import Document
from .facts import Fact
from .prose import document_texts, find, has_words, phrases, quote, span_at, terms_of

_EMPHATIC_AGAIN = re.compile(r"(?<![A-Za-z])AGAIN(?![A-Za-z])")
#: A clock time right after it: the incident's own course ("crashed AGAIN at ~15:47").
_CLOCK_NEAR = re.compile(r"\b(?:at|around|by)[ \t]+~?[ \t]?\d{1,2}:\d{2}\b")
#: Before an emphatic "AGAIN" in its sentence: a vow that it will not happen, no repeat
#: ("NEVER ALLOW DATA LOSS AGAIN", "to prevent this from happening AGAIN").
_VOW_BEFORE = re.compile(r"\b(?:never|not|no|cannot|prevent\w{0,3}|avoid\w{0,3}|stop\w{0,3}|ensure)\b|n['\u2019]t\b",
                         re.IGNORECASE)
#: How far before "AGAIN" its vow is looked for (characters, cut at the sentence's start).
_VOW_REACH = 80


def _promised_never(text: str, start: int) -> bool:
    """Whether the sentence before `start` (at most _VOW_REACH characters) vows it will not
    happen: "never", "not", "prevent", "avoid"."""
    before = text[max(0, start - _VOW_REACH):start]
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "), before.rfind("\n"))
    return _VOW_BEFORE.search(before[cut + 1:]) is not None


_LINK = re.compile(r"https?://[^\s)\]>\"']{1,300}")
#: How this incident is said to repeat an earlier one, beyond the fixed `repeat_phrases`.
#: Each alternative names what came before (an earlier incident, a month or year, "in the
#: past", "before") or a repeat ("yet another outage"): "the same as the previous
#: version" or "another outage" to be avoided say nothing of the kind. Every gap is
#: bounded and each alternative opens with a word: linear.
_MONTH_OR_YEAR = (r"(?:in[ \t]+(?:january|february|march|april|may|june|july|august|september|october|november|"
                  r"december|(?:19|20)\d\d)|last[ \t]+(?:year|month|week|quarter|spring|summer|autumn|fall|winter|time))")
#: What is said to be the same when the same trouble came back ("the same error as in June").
_TROUBLE = (r"(?:issues?|problems?|errors?|failures?|outages?|incidents?|bugs?|causes?|root[ \t]+causes?|symptoms?|"
            r"crash(?:es)?|attacks?|breach(?:es)?|thing|story)")
_INCIDENT_NOUN = r"(?:time|incidents?|outages?|issues?|problems?|failures?|events?|breach(?:es)?|attacks?|downtimes?|post-?mortems?)"
#: "another failure mode", "another attack vector": a kind of failure, not one that happened.
_NOT_A_KIND = (r"(?![ \t-]+(?:modes?|vectors?|points?|domains?|scenarios?|cases?|paths?|surfaces?|windows?|types?|"
               r"class(?:es)?|reports?|channels?|tickets?|response|management|commander)\b)")
_REPEAT_SAID = re.compile(
    # "the cause is the same as an earlier [incident]", "same symptoms as in the previous outage"
    r"\bsame(?:[ \t]+[\w-]+){0,3}?[ \t]+as[ \t]+(?:(?:in|with|during|on|for)[ \t]+)?(?:an?|the|our|that)[ \t]+"
    r"(?:earlier|previous|prior|last|former)[ \t]+\[?" + _INCIDENT_NOUN + r"\b"
    # a month or a year, when what is the same is the trouble: "the same error as in June",
    # "the cause was the same as last year" (not "we used an S3 bucket the same as last
    # year": a choice compared, no incident)
    r"|\bsame[ \t]+(?:[\w-]+[ \t]+){0,2}?" + _TROUBLE + r"[ \t]+as[ \t]+(?:(?:in|with|during|on)[ \t]+)?"
    + _MONTH_OR_YEAR + r"\b"
    r"|\b" + _TROUBLE + r"[ \t]+(?:is|was|were|looked|looks|seemed|seems)[ \t]+(?:exactly[ \t]+)?"
    r"(?:the[ \t]+)?same[ \t]+as[ \t]+(?:(?:in|with|during|on)[ \t]+)?" + _MONTH_OR_YEAR + r"\b"
    # a failure told, then "the same as" then: "ran out of connections, same as last year",
    # "failed the same way as in June"
    r"|\b(?:failed|broke|crashed|went[ \t]+down|ran[ \t]+out|happened|occurred|stalled|halted)\b[^.\n]{0,60}?"
    r"\bsame(?:[ \t]+way)?[ \t]+as[ \t]+(?:(?:in|with|during|on)[ \t]+)?" + _MONTH_OR_YEAR + r"\b"
    # "as happened last year", "as it happened in March", "like we experienced in 2022", "as happened before"
    # ("as we did last year, we ran a game day" compares, it repeats nothing)
    r"|\b(?:as|like)[ \t]+(?:it[ \t]+|we[ \t]+|they[ \t]+)?(?:happened|occurred|experienced)[ \t]+"
    r"(?:(?:back|once|already)[ \t]+)?" + _MONTH_OR_YEAR + r"\b"
    r"|\b(?:as|like)[ \t]+(?:it[ \t]+)?(?:happened|occurred)[ \t]+(?:before|previously)\b(?![ \t]+(?:the|a|an|we|it|our|this)\b)"
    # "this has been an issue in the past", "has been a known problem in the past"
    r"|\b(?:has|have|had)[ \t]+(?:been[ \t]+(?:an?[ \t]+)?(?:(?:known|recurring|long-standing|common)[ \t]+)?"
    r"(?:issue|problem|failure)|(?:happened|occurred))[ \t]+(?:(?:for|with|on)[ \t]+[\w-]{1,30}[ \t]+)?in[ \t]+the[ \t]+past\b"
    # "we have seen this error before", "we've had the same problem in the past"
    r"|\bwe(?:[ \t]+have|[ \t]+had|'ve|\u2019ve)?[ \t]+(?:seen|had|hit|experienced)[ \t]+(?:(?:this|that)"
    r"(?:[ \t]+(?:issue|problem|failure|error|outage|incident|bug))?|the[ \t]+same[ \t]+(?:issue|problem|failure|"
    r"error|outage|incident|bug))[ \t]+(?:before|previously|in[ \t]+the[ \t]+past)\b"
    # "we had another power outage", "this was yet another DNS incident"
    r"|\b(?:had|was|suffered|experienced|saw|faced)[ \t]+(?:yet[ \t]+)?another[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:outage|incident|failure|breach|attack|downtime|disruption)\b" + _NOT_A_KIND +
    r"|\byet[ \t]+another[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:outage|incident|failure|breach|attack|downtime|disruption)\b"
    + _NOT_A_KIND,
    re.IGNORECASE)
#: Every `_REPEAT_SAID` match holds one of these words (a cheap filter on each text's word index).
_REPEAT_WORDS = frozenset({"same", "happened", "occurred", "experienced", "past", "seen", "another"})
_PARAGRAPH_REACH = 600


def _paragraph(text: str, at: int) -> str:
    """The paragraph of `text` around offset `at` (bounded either side)."""
    start = text.rfind("\n\n", max(0, at - _PARAGRAPH_REACH), at)
    end = text.find("\n\n", at, at + _PARAGRAPH_REACH)
    return text[start + 1 if start >= 0 else max(0, at - _PARAGRAPH_REACH):end if end >= 0 else at + _PARAGRAPH_REACH]


def _span_of(document: Document, pointer: str, said: str) -> Any:
    """Where the words `said` stand: the whole phrase, else its first words alone (a phrase
    broken over two source lines, or running into a link's `[text]`)."""
    span = span_at(document, pointer, said)
    words = said.split()
    node = document.spans.get(pointer)
    for size in (4, 3, 2):
        if span is None or span != node or len(words) <= size:
            break
        span = span_at(document, pointer, " ".join(words[:size]))
    return span


#: Lines read either side of a repeat's line for its paragraph's links in the source.
_SOURCE_REACH = 8


def _source_paragraph(document: Document, span: Any) -> str:
    """The source lines of the paragraph at `span` (links are kept there, while the data
    holds a link's text only), at most _SOURCE_REACH lines either side (a node's span,
    up to 4 * _SOURCE_REACH lines)."""
    lines = document.lines or []
    if span is None or not 1 <= span.line <= len(lines):
        return ""
    # the span is the phrase's, or the whole node's when the phrase could not be pinned down
    # (a link's text in the data, `[incident](...)` in the source): its lines are read too
    first, last = span.line, min(max(span.end_line, span.line), span.line + 4 * _SOURCE_REACH, len(lines))
    while first > max(1, span.line - _SOURCE_REACH) and lines[first - 2].strip():
        first -= 1
    while last < min(len(lines), span.line + _SOURCE_REACH) and lines[last].strip():
        last += 1
    return "\n".join(line[:2000] for line in lines[first - 1:last])


#: "Part 2", "part two", "Part III": a sequel to an incident, or a chapter of a series of posts.
_PART = re.compile(r"\bpart[ \t]+(?:\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six)\b", re.IGNORECASE)


#: After "part two": what the part counts, when that is a post: "This is part two of that
#: post", "part 2 of our series" (a chapter of the telling, not a second incident).
_A_CHAPTER_OF = re.compile(r"[ \t\n]+(?:of|in)[ \t\n]+(?:that|this|the|our|my|a|an)[ \t\n]+"
                           r"(?:(?!(?:outage|incident|failure|breach|attack|crash)s?\b)[\w-]+[ \t\n]+)?"
                           r"(?:posts?|series|articles?|blog|write-?ups?|story|stories|threads?|updates?|newsletters?|"
                           r"videos?|podcasts?|talks?)\b", re.IGNORECASE)


def _a_series(data: Mapping[str, Any], said: str) -> bool:
    """Whether the document is itself one part of a series of posts ("Site down (Part 3):
    Response") and `said` names another part: its "Part 2" is the chapter before, on the
    same incident, not a repeat (a sequel titled "..., part 2" still says "part 2")."""
    title = data.get("title")
    own = _PART.search(title[:300]) if isinstance(title, str) else None
    return own is not None and " ".join(own.group().lower().split()) != " ".join(said.lower().split())


#: Marks that open a quoted name on a line: "「", "“", a double quote, bold, a backtick.
_OPENERS = (("\u300c", "\u300d"), ("\u201c", "\u201d"), ("\u300e", "\u300f"))


def _in_a_name(text: str, start: int) -> bool:
    """Whether text[start] sits inside a quoted or bold name on its line (a submission
    titled "「EIP-8141 Frame Transaction - part II by Kimi」", a talk "**Scaling, Part 2**"):
    the part of someone's title, not a sequel to this incident."""
    line = text[text.rfind("\n", 0, start) + 1:start][-300:]
    if any(line.count(opening) > line.count(closing) for opening, closing in _OPENERS):
        return True
    return line.count("**") % 2 == 1 or line.count('"') % 2 == 1 or line.count("`") % 2 == 1


#: A numbered step's marker at the start of a source line: "5. ", "2) ".
_STEP = re.compile(r"[ \t]{0,8}\d{1,3}[.)][ \t]")


def _numbered_step(document: Document, pointer: str) -> bool:
    """Whether the text at `pointer` is a step of a numbered run on its source lines ("4.
    System creates NEW subscription" over "5. User gets charged AGAIN"): asked of a root
    cause's steps, a step of the incident's own course, told in order, not an earlier
    incident."""
    span = document.spans.get(pointer)
    lines = document.lines or []
    if span is None or not 1 <= span.line <= len(lines) or _STEP.match(lines[span.line - 1][:20]) is None:
        return False
    neighbours = [lines[number - 1][:20] for number in (span.line - 1, span.line + 1) if 1 <= number <= len(lines)]
    return any(_STEP.match(line) is not None for line in neighbours)


_EARLIER = re.compile(r"post-?mortem|incident[-_ ]?report|post-incident|incident-review|/incidents?/\d", re.IGNORECASE)


def infer_repeat(document: Document, settings: Mapping[str, Any]) -> tuple[Fact[bool] | None, tuple[str, ...]]:
    """(repeat fact, links to earlier postmortems) — (None, ()) when nothing says so."""
    data = document.data if isinstance(document.data, dict) else {}
    texts = document_texts(document, ("/timeline", "/action_items"))
    own = document.path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    links: list[str] = []
    link_pointer = ""
    for pointer, text in texts:
        if "http" not in text:  # (every link starts so: a substring test, not a scan)
            continue
        for match in _LINK.finditer(text):
            url = match.group().rstrip(".,;:")
            if _EARLIER.search(url) and own not in url.lower() and url not in links and \
                    not _someone_elses(text, match.start()):
                links.append(url)
                link_pointer = link_pointer or pointer
    hit = next(iter(found for found in find(phrases(terms_of(settings.get("repeat_phrases"))), texts)
                    if not imagined(found[1], found[2].start()) and not _came_later(found[1], found[2])
                    and not (_PART.fullmatch(found[2].group().strip())
                             and (_a_series(data, found[2].group().strip()) or _in_a_name(found[1], found[2].start())
                                  or _A_CHAPTER_OF.match(found[1], found[2].end()) is not None))),
               None)
    if hit is None:
        hit = next(iter(found for found in find(_REPEAT_SAID, [(pointer, text) for pointer, text in texts
                                                                if has_words(text, _REPEAT_WORDS)])
                        if not imagined(found[1], found[2].start())), None)
    if hit is None:
        for pointer, text in texts:
            emphatic = _EMPHATIC_AGAIN.search(text) if "AGAIN" in text else None
            if emphatic and _promised_never(text, emphatic.start()):
                # ("NEVER ALLOW DATA LOSS AGAIN", "must not happen AGAIN": a vow, no repeat)
                emphatic = None
            if emphatic and _CLOCK_NEAR.search(text, emphatic.end(), emphatic.end() + 40) is None \
                    and not (pointer.startswith(("/root_causes", "/trigger")) and _numbered_step(document, pointer)):
                # ("System crashed AGAIN at ~15:47": a step of this incident's own course,
                # told with its time, as a timeline entry tells it; "5. User gets charged
                # AGAIN" in a numbered run of steps tells it as a sequence)
                hit = (pointer, text, emphatic)
                break
    if hit is not None:
        pointer, text, match = hit
        span = _span_of(document, pointer, match.group())
        if not links:  # "the same as an earlier [incident](https://docs.example/...)": the link is the earlier one
            said = _LINK.search(_paragraph(text, match.start())) or _LINK.search(_source_paragraph(document, span))
            links = [said.group().rstrip(".,;:")] if said is not None else []
        if not links:  # an incident log: the earlier incident is written up above, on this page
            above = _recorded_above(document, span, text[match.start():match.start() + _SENTENCE_REACH])
            links = [above] if above is not None else []
        return Fact(True, True, quote(match.group()), span), tuple(links)
    # a link alone is a repeat only when it is dated well before this incident: posts also
    # link their own announcement, and a link with no date says nothing about when
    own_date = _date_in(str(data.get("date") or "")) or _date_in(document.path.rsplit("/", 1)[-1])
    earlier = [url for url in links if own_date and (own_date - (_date_in(url) or own_date)).days > 1]
    if earlier:
        return Fact(True, True, f"a link to an earlier postmortem ({earlier[0][:80]})",
                    span_at(document, link_pointer, earlier[0])), tuple(earlier)
    return None, ()


#: A sentence that places the similar incident after this one: "A few weeks after this, we
#: had a similar incident on a different team", "a similar incident followed a month later".
_LATER_BEFORE = re.compile(r"\b(?:after\s+(?:this|that|it)|since\s+then|afterwards|later\s+on|following\s+(?:this|that))"
                           r"\b[^.!?\n]{0,80}$", re.IGNORECASE)
_LATER_AFTER = re.compile(r"^[^.!?\n]{0,60}?\b(?:later|afterwards|after\s+(?:this|that|it)|since\s+then)\b", re.IGNORECASE)


#: Another part of the system hit, earlier in the sentence: "Then our cluster chose another
#: master and the same thing happened again" (the incident's own course, not a repeat).
_ANOTHER_PART = re.compile(r"\b(?:another|the[ \t]+other|the[ \t]+next|a[ \t]+second|the[ \t]+second|the[ \t]+new)[ \t]+"
                           r"(?:[\w-]+[ \t]+)?(?:master|primary|replica|secondary|node|server|host|instance|pod|machine|"
                           r"disk|database|db|cluster|region|zone|worker|broker|leader|shard|datacenter|data[ \t]+center)s?"
                           r"\b[^.!?\n]{0,80}$", re.IGNORECASE)


def _came_later(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence of a repeat's words says the similar incident came after this
    one (that one may repeat this, this one repeats nothing), or that the same failure
    moved to another part of the system ("chose another master and the same thing
    happened again": this incident's own course)."""
    before = text[max(0, match.start() - 120):match.start()]
    return _LATER_BEFORE.search(before) is not None or _ANOTHER_PART.search(before) is not None or \
        _LATER_AFTER.match(text[match.end():match.end() + 80]) is not None


#: How far after a repeat's words its sentence is read for the earlier incident's date.
_SENTENCE_REACH = 240
#: An ATX heading's title, read from right after its hashes: at most 300 characters, less
#: the trailing `#`, spaces and tabs (a longer line is no heading of a log of incidents).
_TITLE = re.compile(r"[ \t]+(.{1,300}?)[ \t#]*$")
#: Words that point back to the incident before ("the previous downtime", "the last outage").
_BACK = re.compile(r"\b(?:previous|earlier|prior|last|former)\b", re.IGNORECASE)


def _recorded_above(document: Document, span: Any, sentence: str) -> str | None:
    """Where the earlier incident is written up on this same page, or None. A page that
    logs its incidents one under each dated heading (`#### Downtime on March 3rd, 2019`,
    then `#### Downtime on March 4th, 2019`, whose text says "the same symptoms as the
    previous downtime on March 3rd") records the earlier one just above: it is linked, in
    the only way a single page can link it. The repeat's own section heading must carry a
    date, and an earlier heading at the same level (with no higher heading between) an
    earlier date: the one the sentence names, or, when it names none, any, if the sentence
    points back ("previous", "earlier", "last"). One pass over the lines above the repeat."""
    from ..load.markdown.times import find_date

    lines = document.lines or []
    if span is None or document.format != "markdown" or not 1 <= span.line <= len(lines):
        return None
    headings: list[tuple[int, int, str]] = []
    for heading in document.headings():
        if heading.line >= span.line:
            break
        # outside code, spaces only before the hashes, as this reader has always taken them
        if heading.in_code or "\t" in heading.indent:
            continue
        found = _TITLE.match(lines[heading.line - 1][:400], heading.after_hashes)
        if found is not None:
            headings.append((heading.line, heading.level, found.group(1)))
    if len(headings) < 2:
        return None
    _, level, own_text = headings[-1]
    own = find_date(own_text)
    if own is None:
        return None
    named = find_date(sentence, own.year)
    if named is None and _BACK.search(sentence) is None:
        return None
    for number, other_level, text in reversed(headings[:-1]):
        if other_level < level:
            break  # above the log's level: another part of the page
        day = find_date(text, own.year) if other_level == level else None
        if day is not None and day < own and (named is None or named == day):
            return f"{text.strip()} (this page, line {number})"
    return None


#: How far before a link its sentence is read for whose incident it is (characters).
_ATTRIBUTION_REACH = 240
#: Another party named as the author or owner of a linked incident: "[the October 21 incident
#: analysis by Github](...)", "Cloudflare's postmortem", "the report from AWS" (a capitalised
#: name; bounded gaps, linear).
_OTHER_PARTY = re.compile(r"\b(?:by|from)[ \t]+(?:the[ \t]+)?(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|"
                          r"Thu|Fri|Sat|Sun|Last|Our|This|That|The|An?)\b|(?:January|February|March|April|June|July|August|"
                          r"September|October|November|December)\b)[A-Z][\w.&-]{1,40}\b|\b[A-Z][\w.&-]{1,40}(?:['\u2019]s)[ \t]+"
                          r"(?:[\w-]+[ \t]+){0,4}?(?:post-?mortem|incident|outage|analysis|report|review|write-?up|rca)\b")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)


def _someone_elses(text: str, at: int) -> bool:
    """Whether the link at `at` is to another organisation's incident: its sentence, up to
    the link, names another party as its author ("the incident analysis by Github", "AWS's
    post-mortem") and says nothing of "we" or "our". Reading someone else's postmortem is
    no repeat of one's own incident ("our previous postmortem by the SRE team" still is)."""
    start = max(0, at - _ATTRIBUTION_REACH)
    window = text[start:at]
    cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n"))
    window = window[cut + 1:] if cut >= 0 else window
    return _OTHER_PARTY.search(window) is not None and _FIRST_PERSON_PLURAL.search(window) is None


_DATE = re.compile(r"(?<!\d)(\d{4})[-/](\d{2})[-/](\d{2})(?!\d)")


def _date_in(text: str) -> date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None

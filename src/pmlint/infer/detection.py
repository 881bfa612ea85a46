"""How an incident was detected, and how long that took, from the timeline or prose.

Method: the first passage, in document order (a Detection section first), that names
what noticed the problem, from settings.detection_method_phrases (method → phrases):
"a user reported" is `customer`, "an engineer noticed" is `employee`, "our monitoring
detected" is `monitoring`, "an alert fired" is `alert`. A sentence that names an
alert or monitoring is never read as a person noticing by chance.

Time to detect: the timeline's first `started` → first `detected`; when the timeline
cannot say, a duration in prose tied to noticing: "a week later, a user reported",
"8 hours before anyone noticed", "went unnoticed for about 16 months".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from .. import regex_cache
from ..grammar import negated_or_hedged
from ..load.evidence import PERSON_NAME, TOOL, names_a_hit
from ..model import Document, Span
from ..timeline import (
    DIAGNOSIS as _DIAGNOSIS, Entry, describes_alert, describes_end, describes_failure,
    describes_noticing, describes_response, entries, episodes, first_of, format_minutes, marked_failed,
    measured_incident, minutes_between,
)
from .facts import Fact
from .prose import SENTENCE_REACH, document_texts, find, has_words, phrases, quote, sentence, span_at, terms_of
from .severity import DURATION, UNIT_WORDS, duration_minutes

#: Words of automated alerting. Not "alerted": "the team is alerted via the chat channel"
#: says people were told (by the user who reported it), not that a monitor fired.
_ALERTING = regex_cache.compile(r"\b(?:alert|alerts|alerting|alarm|monitoring|pager|pagerduty|opsgenie)\b", re.IGNORECASE)
_NOTICING = regex_cache.compile(r"\b(?:notic\w{0,4}|discover\w{0,4}|detect\w{0,4}|report\w{0,4}|realis\w{0,4}|realiz\w{0,4}|"
                       r"spott\w{0,4}|identif\w{0,6}|found|alerted|caught|became aware|flagged)\b", re.IGNORECASE)
_DELAY_AFTER = regex_cache.compile(r"[ \t,]{0,3}(?:later|earlier|before[ \t]+(?:anyone|anybody|someone|somebody|we|it|the|our|they|a|an)\b"
                                   # "It Took 22 Hours to Notice", "took us two days to spot it"
                                   r"|[ \t]+(?:for[ \t]+(?:us|anyone|anybody|someone|the[ \t]+team)[ \t]+)?to[ \t]+"
                                   r"(?:notice|detect|discover|spot|catch|realise|realize|become[ \t]+aware)\b)",
                                   re.IGNORECASE)
#: After an amount of time, "before" a day on the calendar: the date of something told by
#: an occasion ("one day before the American holiday Thanksgiving Day", "two weeks before
#: the release"), no time to notice.
_BEFORE_AN_OCCASION = regex_cache.compile(
    r"[ \t,]{0,3}before[ \t]+(?:the|a|an|our|their)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:holidays?|weekend|christmas|"
    r"thanksgiving|easter|new[ \t]+year|eve|vacation|launch|release|deadline|conference|summit|day)\b", re.IGNORECASE)
#: A reply right before a delay: "Sam from Fly support responded 5 hours later" (how long
#: support took to answer, not how long the problem went unseen).
_REPLY_BEFORE = regex_cache.compile(r"\b(?:responded|replied|answered|got[ \t]+back(?:[ \t]+to[ \t]+us)?|wrote[ \t]+back|"
                                    r"followed[ \t]+up)[ \t]+(?:about[ \t]+|around[ \t]+|almost[ \t]+|over[ \t]+|~)?$",
                                    re.IGNORECASE)
#: The negated noticing of `_DELAY_BEFORE` ("not noticed or flagged for"): quoted whole.
_NOT_NOTICED = regex_cache.compile(r"(?:not|never|n't)[ \t]+(?:been[ \t]+)?(?:noticed|detected|flagged|discovered|"
                                   r"spotted|caught|reported)\b", re.IGNORECASE)
#: "undetected by humans for": the whole phrase is quoted, it says who did not notice.
_BY_WHOM = regex_cache.compile(r"[ \t]by[ \t]", re.IGNORECASE)
#: A verb of taking right before the duration, for `_DELAY_AFTER`'s "to notice": "it took
#: 22 hours to notice" is a delay to detection, "a fix 22 hours to notice" is nothing.
_TOOK_BEFORE = regex_cache.compile(r"\b(?:took|takes|take|taking|needed|required)[ \t]+(?:us[ \t]+|them[ \t]+|the[ \t]+team[ \t]+)?"
                                   r"(?:about[ \t]+|around[ \t]+|roughly[ \t]+|almost[ \t]+|nearly[ \t]+|over[ \t]+|~[ \t]?)?$",
                                   re.IGNORECASE)
_DELAY_BEFORE = regex_cache.compile(r"(?:unnoticed|undetected|unnoticed|exposed|exposure|dormant|latent|unknown|unaware|"
                           r"went[ \t]+undiscovered|in[ \t]+place|lurking"
                           # "The issue was not noticed or flagged for at least 2 weeks"
                           r"|(?:not|never|n't)[ \t]+(?:been[ \t]+)?(?:noticed|detected|flagged|discovered|spotted|caught|"
                           r"reported)(?:[ \t]+(?:or|nor)[ \t]+(?:noticed|detected|flagged|discovered|spotted|caught|reported))?)"
                           # "went undetected by humans for seven hours"
                           r"(?:[ \t]+by[ \t]+(?:any(?:one|body)|humans?|people|us|the[ \t]+team|users?|customers?))?"
                           r"\W{1,4}(?:for[ \t]+)?(?:about|around|roughly|almost|nearly|over|some|at[ \t]+least|~)?[ \t]*$",
                           re.IGNORECASE)
#: "detected within ten minutes (of the rollout)": the delay to detection stated as an
#: upper bound, read as that many minutes
_WITHIN_BEFORE = regex_cache.compile(r"\b(?:detected|noticed|spotted|caught|discovered|identified|found)[ \t]+within"
                                     r"[ \t]+(?:about|around|roughly|some|~)?[ \t]*$", re.IGNORECASE)


#: A verb of noticing or reporting: what a detector does. A phrase that names a party
#: only ("a third-party pool", "a security researcher") says who, not that they noticed.
_REPORTING = regex_cache.compile(
    r"\b(?:notic\w{0,4}|discover\w{0,4}|detect\w{0,4}|report\w{0,4}|realis\w{0,4}|realiz\w{0,4}|spott\w{0,4}|"
    r"identif\w{0,6}|found|finding|findings|alert\w{0,3}|caught|aware|flag\w{0,4}|reach\w{0,3}[ \t]+out|warn\w{0,3}|"
    r"told|tell\w{0,3}|inform\w{0,3}|notif\w{0,6}|contact\w{0,3}|submit\w{0,5}|disclos\w{0,4}|complain\w{0,4}|"
    r"messag\w{0,3}|wrote|writ\w{0,4}|e-?mail\w{0,3}|tweet\w{0,3}|post\w{0,3}|raised|filed|opened|"
    # ("I logged on to the server to find that it was slow": a person finding the problem;
    # not "logged into the third-party dashboard only to find that ...")
    r"logged[ \t]+(?:on|in)(?:to)?[ \t]+(?:to[ \t]+)?(?:the|a|our|my)[ \t]+(?:server|machine|host|box|instance|node|vm)"
    r"[ \t]+to[ \t]+find|"
    # ("On Monday a Github issue was created: [...] by @raffig": a user's report)
    r"issue[ \t]+was[ \t]+created)\b", re.IGNORECASE)
#: Who did the noticing, read from the words before the verb in its clause.
_OUTSIDE_SUBJECT = regex_cache.compile(r"\b(?:users?|customers?|clients?|researchers?|third[- ]part(?:y|ies)|"
                                       r"community|reporters?|public|outsiders?|external)\b", re.IGNORECASE)
_PERSON_SUBJECT = regex_cache.compile(
    r"(?:^|[^\w@])(?:@[A-Za-z0-9]|(?i:we|i|our|us|team|teams|engineers?|developers?|devs?|on-?call(?:ers?)?|sres?|"
    r"admins?|administrators?|operators?|maintainers?|staff|employees?|colleagues?|someone|somebody|he|she|they|"
    r"members?|volunteers?|responders?|folks|people|person|analysts?|managers?)\b)")
#: Words that leave a clause without a subject of its own ("first noticed", "then, noticed"):
#: the author speaking, as in a log line.
_NO_SUBJECT = regex_cache.compile(r"(?i:then|also|first|later|finally|soon|quickly|manually|eventually|and|so|"
                                  r"initially|immediately|who|which|that|had|has|have|was|were|is|only|just|it)"
                                  r"|[\d:apm./()*_\-\u2013\u2014\[\]]+")
#: A name standing alone ("Joe noticed that"), not a link or code: "[Karpenter](…) noticed" names a tool.
_BARE_NAME = regex_cache.compile(r"[A-Z][a-z]{1,20}(?:[A-Z][a-z]{1,20}){0,2}(?:[ \t]+[A-Z][a-z]{1,20})?")
_CLAUSE_START = regex_cache.compile(r"[.;:!?\n,]|[ \t][-\u2013\u2014][ \t]")
_LINK_TARGET = regex_cache.compile(r"\]\([^)\s]{0,300}\)")


#: After "third-party": a thing of theirs, not the party telling ("a third-party breach",
#: "a third-party library"; "a third-party researcher reported" names a teller).
_ATTRIBUTIVE_PARTY = regex_cache.compile(
    r"(?<=third[- ]party)[ \t]+(?:breach(?:es)?|leaks?|dumps?|librar(?:y|ies)|dependenc(?:y|ies)|packages?|modules?|"
    r"plugins?|sdks?|code|software|tools?|apps?|services?|sites?|websites?|apis?|integrations?|components?|scripts?|"
    r"data|databases?|cookies?|hosting|infrastructure)\b", re.IGNORECASE)


def _subject(text: str, start: int) -> str:
    """The words before a verb at `start`, back to the start of its clause (at most 100
    characters), with Markdown link targets dropped."""
    before = _LINK_TARGET.sub("]", text[max(0, start - 100):start])
    cut = 0
    for match in _CLAUSE_START.finditer(before):
        cut = match.end()
    return before[cut:].strip()


#: The team's own ticket or report, filed with someone else: "I submitted a support ticket and
#: I'm waiting for an answer" (to the hosting company), "we opened a case with AWS".
_OWN_TICKET_BEFORE = regex_cache.compile(
    r"\b(?:i|we)[ \t]+(?:have[ \t]+|had[ \t]+|then[ \t]+|also[ \t]+)?(?:submitted|opened|filed|raised|created|sent|logged)"
    r"[ \t]+(?:a[ \t]+|an[ \t]+|the[ \t]+|our[ \t]+)?(?:[\w-]+[ \t]+)?$", re.IGNORECASE)
#: The readers invited to write in ("If there are any further questions, please contact us via
#: our IRC channel or our support ticket system"): a channel named, no report received.
_INVITATION = regex_cache.compile(
    r"\b(?:please|feel[ \t]+free[ \t]+to|do[ \t]+not[ \t]+hesitate[ \t]+to|don't[ \t]+hesitate[ \t]+to)[ \t]+"
    r"(?:contact|reach[ \t]+out|email|e-mail|write|open|file|submit|get[ \t]+in[ \t]+touch|let[ \t]+us[ \t]+know)\b"
    r"|\bif[ \t]+(?:you[ \t]+have[ \t]+|there[ \t]+are[ \t]+)(?:any[ \t]+)?(?:further[ \t]+|more[ \t]+|other[ \t]+)?"
    r"(?:questions|concerns|feedback)\b", re.IGNORECASE)


#: The writers as the subject of the clause ("After I've", "we then"): a report they made.
_FIRST_PERSON_SUBJECT = regex_cache.compile(r"\b(?:i|we)(?:['\u2019](?:ve|d))?(?:[ \t]+\w+){0,2}[ \t]*$", re.IGNORECASE)
#: "alerted by Charlie Eriksen": a person's name after the verb (two capitalised words), not
#: a tool ("alerted by Grafana", `_TOOL_NAME`).
#: (not a vendor's product: "alerted by Google Cloud Monitoring", `load.evidence.PERSON_NAME`).
_BY_PERSON = regex_cache.compile(r"[ \t]+by[ \t]+" + PERSON_NAME)
_TOOL_NAME = regex_cache.compile(r"[ \t]+by[ \t]+(?:our[ \t]+|the[ \t]+)?" + TOOL, re.IGNORECASE)


#: Right after an issue was created or opened: what for, when it is the team's own record.
_TRACKING_AFTER = regex_cache.compile(r"[ \t]+(?:to|for|in[ \t]+order[ \t]+to)[ \t]+(?:track|tracking|follow|record|"
                                      r"document|capture|plan|coordinate)\b", re.IGNORECASE)


def _detector(method: str, phrase: str, text: str, start: int, end: int, in_detection: bool) -> str | None:
    """The method a match of `method`'s phrase supports, or None when the text does not
    say that someone noticed this incident: a party named without a verb of noticing or
    reporting ("a third-party pool, priced normally"), outside a Detection section; or a
    verb of noticing whose subject is a tool ("[Karpenter](…) noticed that a new version
    was available"). An outside party noticing ("a user of the service noticed the
    issue", "we were alerted by Charlie Eriksen") is `customer`, whatever the phrase list said; a supplier telling of its own
    outage ("an email from the power company") is `other`."""
    after = end - 3 if phrase.lower().endswith(" by") else end  # "alerted by" + " Charlie Eriksen"
    if method == "alert" and _BY_PERSON.match(text, after) is not None and _TOOL_NAME.match(text, after) is None:
        return "customer"  # "we were alerted by Charlie Eriksen from Aikido": a person outside told us
    if method not in ("employee", "customer"):
        return method
    if method == "customer" and _TRACKING_AFTER.match(text, end) is not None:
        return None  # "a GitHub issue was created to track the clean-up": the team's own record
    if method == "customer" and _INVITATION.search(sentence(text, start, end)):
        return None  # "please contact us via IRC or our support ticket system": where to write, no report
    if method == "customer" and _OWN_TICKET_BEFORE.search(text, max(0, start - 60), start):
        return None  # "I submitted a support ticket" (to the host): the team asking, nobody reporting to it
    if method == "customer" and _SUPPLIER_TELLER.search(sentence(text, start, end)):
        return "other"  # "an email from the power company": a supplier announcing its own outage
    if method == "customer" and phrase.lower().startswith(_TRACKER_VERBS) and _TEAM.search(_subject(text, start)):
        return None  # "we opened an issue to track the fix": the team's own issue, no report
    if method == "customer" and phrase.lower().startswith("reported") and \
            _FIRST_PERSON_SUBJECT.search(_subject(text, start)) is not None:
        return None  # "After I've reported this to my boss": the writer telling, no report received

    if method == "customer" and phrase.lower().startswith("disclosed") and not (
            _OUTSIDE_SUBJECT.search(_subject(text, start)) or _DISCLOSURE.search(sentence(text, start, end))):
        return None  # "Priya, a developer on the identity team, disclosed a vulnerability": one of ours
    if method == "customer" and _ATTRIBUTIVE_PARTY.match(text, end) is not None:
        return None  # "his password leaked in a third-party breach": a thing of a third party's, no teller
    if method == "customer" and phrase.lower().endswith(" by") and _TEAM_TELLER.match(text, end - 2) is not None:
        # "the npm team unpublished it after being contacted by an ESLint maintainer", "I was
        # contacted by the i2p project": ours, or a project, telling
        return None
    if method == "employee" and phrase.lower().startswith("prompted"):
        # what prompted the check, read before it in its sentence: a report from outside
        # ("A support ticket from a customer prompted us to investigate") is the customer's;
        # the incident itself ("This incident prompted us to check every other service") is
        # a lesson, no detection; a symptom seen ("lag spikes prompted me to check") is ours
        before = sentence(text, start, end)
        before = before[:max(0, before.find(phrase))] if phrase in before else before
        if _PROMPTED_BY_OUTSIDE.search(before) is not None:
            return "customer"
        if _PROMPTED_BY_ITSELF.search(before) is not None:
            return None
    if method == "employee" and _diagnostic(text, start, end):
        return None  # "the strange thing we noticed was that the hashes matched": debugging, not detection
    if method == "employee" and _FEATURE_FOUND.match(text, end, end + 120) is not None:
        return None  # "then I noticed the Chatlog Mode": a tool's feature found, not a problem
    if method == "employee" and _UPDATE_FOUND.match(text, end, end + 120) is not None:
        return None  # "I noticed n8n had an update": news of a release, not a problem
    if method == "employee" and _PERSON_SUBJECT.search(phrase) is None \
            and _OUTSIDE_SUBJECT.search(_subject(text, start)) is not None:
        return "customer"  # "A user saw a strange error", "a customer notices an issue": from outside
    if _REPORTING.search(phrase) is None and not phrase.lower().startswith("prompted"):
        # ("lag spikes prompted me to check the server": a person noticing, in the phrase itself)
        if not in_detection and _REPORTING.search(sentence(text, start, end)) is None:
            return None
        return method
    if method != "employee" or _REPORTING.match(phrase) is None and not phrase.lower().startswith(
            ("first ", "was ", "manually ", "happened ", "oncall ", "on-call ")):
        return method  # the phrase names its subject ("an engineer noticed", "we spotted")
    subject = _subject(text, start)
    if _OUTSIDE_SUBJECT.search(subject):
        return "customer"
    if not subject or _PERSON_SUBJECT.search(subject) or _NO_SUBJECT.fullmatch(subject.replace(" ", "")) \
            or all(_NO_SUBJECT.fullmatch(word) for word in subject.split()):
        return method
    rest = text[end:end + SENTENCE_REACH]
    stop = _SENTENCE_STOP.search(rest)
    name = _BARE_NAME.fullmatch(subject)
    if name and (" " in subject or _about_a_problem(rest[:stop.start()] if stop else rest)):
        # a full name ("Ana Costa notices the odd transfers") is a person; a single name
        # only when what it noticed is a problem ("Joe noticed that the queue was stuck"):
        # otherwise it is as likely a tool at work ("Karpenter noticed that a new version
        # was available")
        return method
    return None


#: What prompted a check, when it came from outside: a report, a ticket, a customer.
_PROMPTED_BY_OUTSIDE = regex_cache.compile(
    r"\b(?:customers?|clients?|users?|members?|researchers?)(?:['\u2019]s?)?[ \t]+(?:reports?|tickets?|complaints?|"
    r"e-?mails?|messages?|tweets?|questions?)\b"
    r"|\b(?:reports?|tickets?|complaints?|e-?mails?|messages?|tweets?|questions?)[ \t]+from[ \t]+(?:(?:a|an|the|our|"
    r"several|many|some|two|three)[ \t]+)?(?:[\w-]+[ \t]+)?(?:customers?|clients?|users?|members?|researchers?|"
    r"third[- ]part(?:y|ies))\b|\bsupport[ \t]+tickets?\b|\bbug[ \t]+reports?\b", re.IGNORECASE)
#: ... or the incident itself, after the fact: "This incident prompted us to check ...".
_PROMPTED_BY_ITSELF = regex_cache.compile(
    r"\b(?:incidents?|outages?|postmortems?|post-mortems?|breach(?:es)?)\b",
    re.IGNORECASE)


#: A release noticed, the change the author then made: "While doing this, I noticed n8n had an
#: update. So I figured: let me pull the new image" (what was noticed is news, not trouble).
_UPDATE_FOUND = regex_cache.compile(
    r"[ \t]+(?:that[ \t]+)?(?:[\w.-]+[ \t]+){0,3}?(?:had|has|got|was)[ \t]+(?:an?[ \t]+)?(?:new[ \t]+)?"
    r"(?:update|version|release|upgrade)s?\b(?![ \t]+(?:that|which)[ \t]+(?:broke|failed|crashed))", re.IGNORECASE)
#: A tool's feature noticed while setting it up ("then I noticed the Chatlog Mode", "we
#: discovered the bulk-edit option"): no problem came to light. A feature noticed in a
#: state ("noticed the sync setting was disabled") is a problem seen, and stays detection.
_FEATURE_FOUND = regex_cache.compile(
    r"[ \t]+(?:that[ \t]+)?(?:an?|the)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:options?|features?|modes?|settings?|buttons?|"
    r"menus?|plugins?|extensions?|shortcuts?|commands?)\b(?![ \t]+(?:was|were|is|are|had|has|did|didn't|wasn't|"
    r"weren't|isn't|kept|stayed|remained|had[ \t]+been)\b)", re.IGNORECASE)


#: Customer phrases that begin with the verb of a tracker ("opened an issue"): who did it is
#: read from the words before them.
_TRACKER_VERBS = ("post", "open", "file")
_TEAM = regex_cache.compile(r"\b(?:we|i|us|our[ \t]+(?:[\w-]+[ \t]+)?(?:team|engineers?|on-?call|staff)|the[ \t]+team)\b",
                            re.IGNORECASE)
#: An observation made while debugging, not the moment the problem came to light: a thing
#: noticed as a noun ("the strange thing we noticed here"), or a sentence about debugging
#: ("while investigating, we noticed the config had ...", "need to investigate").
_NOTICED_THING = regex_cache.compile(r"\b(?:thing|things|part|detail|details|behaviou?r|pattern|fact|one)[ \t]+"
                                     r"(?:that[ \t]+|which[ \t]+)?$", re.IGNORECASE)
_DEBUGGING = regex_cache.compile(
    r"\b(?:while|when|during|after)[ \t]+(?:we[ \t]+(?:were[ \t]+)?)?(?:debugging|investigating|troubleshooting|"
    r"digging|looking[ \t]+into|analy[sz]ing|(?:the[ \t]+)?(?:investigation|debugging|troubleshooting|analysis))\b"
    r"|\b(?:need|needs|have)[ \t]+to[ \t]+(?:investigate|dig|look[ \t]+into)\b"
    r"|\b(?:strange|odd|weird|curious|interesting(?:ly)?|puzzling)[ \t]+(?:thing|part|detail|behaviou?r|pattern)\b"
    # something seen in the tools of the investigation: "Then, I noticed something in one of
    # my `tcpdump` that was still running"
    r"|\bnoticed[ \t]+(?:something|a[ \t]+\w+|an[ \t]+\w+)?[ \t]*in[ \t]+(?:one[ \t]+of[ \t]+)?(?:my|our|the)[ \t]+`?"
    r"(?:tcpdumps?|logs?|traces?|captures?|pcaps?|dumps?|strace|output|profiles?|flame[ \t]?graphs?|query[ \t]+results?)\b",
    re.IGNORECASE)


#: What an analysis finds, not a problem coming to light: "the CloudOps team noticed a few
#: ways that users of PWS could have been affected" (after an outside outage, what it could do).
_WAYS_FOUND = regex_cache.compile(
    r"[ \t]+(?:that[ \t]+)?(?:(?:a[ \t]+few|several|some|many|a[ \t]+number[ \t]+of|two|three|four|other|"
    r"various)[ \t]+)?(?:ways|scenarios|places)[ \t]+(?:that|in[ \t]+which|where|how)\b", re.IGNORECASE)


def _diagnostic(text: str, start: int, end: int) -> bool:
    """Whether "we noticed" at text[start:end] is an observation made while debugging
    (see `_DEBUGGING`), or the ways an analysis found the incident could hurt
    (`_WAYS_FOUND`), which say nothing about how the incident came to light."""
    if _NOTICED_THING.search(text[max(0, start - 60):start].rstrip(" \t") + " "):
        return True
    if _WAYS_FOUND.match(text, end, end + 120) is not None:
        return True
    return _DEBUGGING.search(sentence(text, start, end)) is not None


_SENTENCE_STOP = regex_cache.compile(r"[.!?](?:\s|$)|\n")
_PROBLEM = regex_cache.compile(r"\b(?:issues?|problems?|outages?|incidents?|bugs?|errors?|faults?|failures?|breakage|"
                               r"broken|down|unavailable|wrong|missing)\b", re.IGNORECASE)


def _about_a_problem(text: str) -> bool:
    """Whether what was noticed is a problem (errors, an outage, "the issue")."""
    return describes_failure(text) or _PROBLEM.search(text) is not None


#: A report through a disclosure channel (a researcher, a bug bounty, a security policy) ...
_DISCLOSURE = regex_cache.compile(r"\b(?:security[ \t]+research(?:ers?)?|researchers?|research[ \t]+team|hackerone|hacker[ \t]+one|bug[ \t]+bounty|"
                                  r"bugcrowd|security[ \t]+policy|security@|responsibl[ey][ \t]+disclos\w{0,4}|"
                                  r"coordinated[ \t]+disclosure|disclosed[ \t]+to[ \t]+us|vulnerability[ \t]+reports?|"
                                  r"security[ \t]+reports?)", re.IGNORECASE)
#: ... of something live and detectable: a leaked credential, an intrusion, malware
_EXPOSURE = regex_cache.compile(r"\b(?:leak\w{0,4}|exposed|exposure|intrusion|intruders?|breach\w{0,3}|compromis\w{0,4}|"
                                r"malware|malicious|backdoor\w{0,2}|stolen|exfiltrat\w{0,5}|tokens?|credentials?|"
                                r"secrets?|passwords?|api[ \t]+keys?|private[ \t]+keys?|ssh[ \t]+keys?|"
                                # (not the attacker a flaw would let in: "where an attacker ... can acquire")
                                # (a modal that governs the attacker, before any deed of theirs)
                                r"attackers?(?!(?:[ \t]+(?!(?:had|has|have|was|were|used|accessed|downloaded|exploited|"
                                r"stole|gained|obtained)\b)[\w'\u2019-]+){0,8}?[ \t]+(?:can|could|would|might|may)\b)|"
                                r"exploited|in[ \t]+the[ \t]+wild)\b", re.IGNORECASE)


def disclosed_flaw(text: str) -> str | None:
    """Whether the sentence that says how the incident was found is a flaw reported through
    a disclosure channel (a security researcher, HackerOne, a bug bounty, the security
    policy) with nothing live in it: no leaked credential, no intrusion, no malware. The
    channel is the detector a team wants for a flaw in its code; an exposure that was live
    (a token leaked for months) is one its own scanning could have caught. Returns the
    channel's words, or None."""
    channel = _DISCLOSURE.search(text)
    if channel is None:
        return None
    for exposed in _EXPOSURE.finditer(text):
        if _MODAL_BEFORE.search(text, max(0, exposed.start() - _MODAL_REACH), exposed.start()) is None:
            return None  # something live: "a leaked token", "the attacker used the key"
    return channel.group()


#: How far before an exposure word a modal makes it what the flaw would allow, not what happened.
_MODAL_REACH = 60
#: "an attacker ... can acquire a user's identity token": what the flaw would let happen.
_MODAL_BEFORE = regex_cache.compile(r"\b(?:can|could|would|might|may)[ \t]+(?:[\w'\u2019-]+[ \t]+){0,6}?$", re.IGNORECASE)


#: A flaw found by reading code, whoever read it: "he had found a potential vulnerability
#: in the drand software", "an audit found", "during a code review"
_FLAW_FOUND = regex_cache.compile(r"\b(?:vulnerabilit(?:y|ies)|security[ \t]+(?:flaw|bug|issue|hole)s?|"
                                  r"(?:security[ \t]+|code[ \t]+|third[- ]party[ \t]+)?audit(?:s|ors?|ing|ed)?|"
                                  r"code[ \t]+reviews?|bug[ \t]+bount(?:y|ies))\b", re.IGNORECASE)
#: The flaw was used against the system: then it was live, and detection could have seen it.
#: "it hasn't been exploited", "no evidence it was exploited" are not (negated in their sentence).
_EXPLOITED = regex_cache.compile(r"\b(?:(?:was|were|been|being|is|are|got)[ \t]+(?:\w+[ \t]+)?exploited|"
                                 r"attackers?[ \t]+(?:\w+[ \t]+)?(?:exploited|used|abused|drained|stole)|"
                                 r"exploited[ \t]+(?:the|this|a|an|it)\b|in[ \t]+the[ \t]+wild)", re.IGNORECASE)
_NEGATION = regex_cache.compile(r"\b(?:not|no|never|nor|without|n't)\b|n't|\bhasn|\bwasn|\bweren", re.IGNORECASE)


def found_in_review(text: str) -> str | None:
    """Whether the detection sentence `text` names a vulnerability found by reading code
    (an audit, a code review, a researcher or a partner reporting "a potential
    vulnerability") with nothing live in it (`_EXPOSURE`): an alert does not find a flaw
    nobody used, so asking for one is pedantic (`unused_flaw_channel` first makes sure no
    sentence says it was used). Returns the words that say so, or None."""
    flaw = _FLAW_FOUND.search(text)
    if flaw is None or _EXPOSURE.search(text) is not None:
        return None
    return flaw.group()


def unused_flaw_channel(text: str, texts: list[tuple[str, str]]) -> str | None:
    """The words of the channel by which the detection sentence `text` says a flaw was
    found (a disclosure, `disclosed_flaw`, or a review, `found_in_review`), when no sentence
    of the document (`texts`) says the flaw was used after all; else None."""
    if exploited_anywhere(texts):
        return None
    return disclosed_flaw(text) or found_in_review(text)


def exploited_anywhere(texts: list[tuple[str, str]]) -> bool:
    """Whether some sentence of the document says, unnegated, that the flaw was used against
    the system ("an attacker had used the flaw for two weeks"; not "it was not exploited")."""
    for _, other in texts:
        for match in _EXPLOITED.finditer(other):
            if _NEGATION.search(sentence(other, match.start(), match.end())) is None:
                return True
    return False


#: An outside party flagging an actor or an artefact as a threat: "SEAL flags contributor X
#: as malicious actor", "flagged the package as compromised".
_FLAGGED = regex_cache.compile(r"\bflag(?:s|ged)?\s+(?:[\w`'@.-]+\s+){1,4}?as\s+(?:an?\s+|the\s+)?(?:potentially\s+|"
                               r"likely\s+|possibly\s+)?(?:malicious|compromised|suspicious|fraudulent|a\s+threat)\b",
                               re.IGNORECASE)
#: The document finds nothing the threat did: "no evidence of deliberate compromise",
#: "found no indication of malicious code".
_NOTHING_DONE = regex_cache.compile(
    r"\bno\s+(?:evidence|signs?|indications?|traces?)\s+(?:of|that)\s+(?:any\s+)?(?:deliberate\s+|active\s+)?"
    r"(?:compromise|malicious\s+(?:code|insertions?|activity|changes?|commits?)|exploitation|tampering)\b",
    re.IGNORECASE)


def flagged_threat(text: str, texts: list[tuple[str, str]]) -> str | None:
    """Whether the detection sentence `text` is an outside party flagging an actor or an
    artefact as a threat ("SEAL flags contributor X as malicious actor") and another sentence
    says the review found nothing it did ("no evidence of deliberate compromise"): threat
    intelligence is the detector a team wants for a hostile insider, and an alert finds
    nothing that did not happen. Returns the flag's words, or None."""
    flag = _FLAGGED.search(text)
    if flag is None:
        return None
    for _, other in texts:
        if _NOTHING_DONE.search(other):
            return flag.group()
    return None


#: A verb of fixing or shipping right before the duration: "merged three hours later",
#: "a release two hours later" says when the fix landed, not when anyone noticed.
_FIX_BEFORE = regex_cache.compile(r"\b(?:merged|submitted|released|deployed|fixed|published|rolled[ \t]+out|shipped|"
                                  r"restored|resolved|mitigated|upgraded|patched|release|fix|deploy(?:ment)?|recovered|"
                                  r"back[ \t]+(?:up|online|in[ \t]+sync))\W{1,3}(?:\w+\W{1,3})?$", re.IGNORECASE)


#: An onset dated back from the moment of detection: "the issue had started a week earlier"
_ONSET_BEFORE = regex_cache.compile(r"\b(?:started|start|began|begun|occurred|happened|appeared|introduced|"
                                    r"been[ \t]+(?:happening|going[ \t]+on|failing|broken|running))\W{1,3}(?:\w+\W{1,3})?$",
                                    re.IGNORECASE)


#: Not knowing what one's own change did: "without realizing that removed it from tailnet DNS".
_UNAWARE_OF_EFFECT = regex_cache.compile(r"\bwithout[ \t]+(?:realizing|realising|knowing|understanding)[ \t]+"
                                         r"(?:that|what|how|it)\b", re.IGNORECASE)


def _tied_to_noticing(text: str, start: int, end: int) -> bool:
    """Whether a delay ("three hours later") at text[start:end] is tied to noticing: a
    word of noticing or reporting in the same sentence ("a week later, a user reported",
    "noticed after three hours"), and no verb of fixing or shipping right before it
    ("merged three hours later"). A noticing word in the sentence before ("identified the
    cause. A fix was merged three hours later") says nothing about this duration, unless
    the duration dates the onset back from it ("The issue had started a week earlier")."""
    before = text[max(0, start - 40):start]
    if _FIX_BEFORE.search(before):
        return False
    # ("I had disabled it two days earlier ... without realizing that removed it from DNS":
    # a change's effect not understood, not an outage unseen)
    said = _UNAWARE_OF_EFFECT.sub(" ", sentence(text, start, end))
    if _NOTICING.search(said) is not None:
        return True
    # "A customer reported a critical issue. The issue had started a week earlier": the
    # onset dated back from the report of the sentence before
    return _ONSET_BEFORE.search(before) is not None and \
        _NOTICING.search(text, max(0, start - 160), min(len(text), end + 120)) is not None


def _ordered_texts(document: Document) -> list[tuple[str, str]]:
    texts = document_texts(document, ("/action_items",))
    return sorted(texts, key=lambda pair: 0 if pair[0].startswith("/detection") else 1)  # stable: document order


def infer_method(document: Document, settings: Mapping[str, Any]) -> Fact[str] | None:
    """The detection method the prose names first, else None."""
    return infer_detection(document, settings)[0]


def infer_detection(document: Document, settings: Mapping[str, Any]) -> tuple[Fact[str] | None, Fact[bool | str] | None]:
    """(the detection method the prose names first, whether that sentence reports a flaw
    through a disclosure channel with nothing exposed: see `disclosed_flaw`); (None, None)
    when no passage names what noticed the problem."""
    table = settings.get("detection_method_phrases") or {}
    if not isinstance(table, dict):
        return None, None
    regexes = [(str(method), phrases(terms_of(terms))) for method, terms in table.items()
               if isinstance(terms, (list, tuple))]
    texts = _ordered_texts(document)
    order = {id(pair[1]): index for index, pair in enumerate(texts)}
    outsiders = _providers(document, settings)
    # (rank of the text, offset, method, pointer, phrase, its sentence)
    best: tuple[int, int, str, str, str, str] | None = None
    for method, regex in regexes:
        for pointer, text, match in find(regex, texts):
            if negated_or_hedged(text, match.start()):
                continue  # "no users reported problems", "could alert us": nobody did
            around = sentence(text, match.start(), match.end())
            if method in ("employee", "customer") and (_ALERTING.search(around) or _BY_MACHINE.search(around)):
                continue
            found = _detector(method, match.group(), text, match.start(), match.end(), pointer.startswith("/detection"))
            if found is None:
                continue  # a party named, a tool noticing: nobody noticed this incident here
            if found == "employee" and _subject(text, match.start()).strip().lower() in outsiders:
                found = "other"  # "Cloudflare noticed an issue" in a post not about Cloudflare: a provider
            rank = (order.get(id(text), len(texts)), match.start())
            if best is None or rank < best[:2]:
                best = (rank[0], rank[1], found, pointer, match.group(), around)
            break  # the first usable match of this method: later ones rank lower
    if best is None:
        return _self_noticed(document)
    span = span_at(document, best[3], best[4])
    if best[2] == "employee" and not best[3].startswith("/detection"):
        # a person of the team noticing, told earlier in words the phrase list lacks ("one
        # of our Site Reliability Engineers (SREs) noticed ..."): the incident's start is
        # told first, and "that's when we noticed" further down is the investigation
        # only a verb of noticing: "we identified", "we discovered" as often name the cause
        earlier = _self_noticed(document, anywhere=True)
        if earlier[0] is not None and earlier[0].span is not None and span is not None \
                and earlier[0].span.line < span.line and _NOTICED_VERB.search(_evidence_text(document)):
            return earlier
    found_method: Fact[str] = Fact(best[2], True, quote(best[4]), span)
    channel = None
    if best[2] in ("customer", "employee"):
        channel = unused_flaw_channel(best[5], texts)
    disclosed: Fact[bool | str] | None = Fact(True, True, quote(channel), span) if channel else None
    return found_method, disclosed


def _providers(document: Document, settings: Mapping[str, Any]) -> frozenset[str]:
    """Known systems and companies (`known_systems`: "GitHub", "Cloudflare", "Google"), in
    lower case, that the document's title does not name: noticing the problem, such a name
    is a provider telling ("GitHub noticed an issue with our runners"), while the company
    a post is about ("JupiterOne notices an issue", its title "JupiterOne outage") is the team."""
    known = settings.get("known_systems") or ()
    data = document.data if isinstance(document.data, dict) else {}
    title = str(data.get("title") or "").lower()
    return frozenset(str(name).lower() for name in known if isinstance(name, str)
                     and str(name).lower() not in title)


#: A verb of noticing something by chance (not "identified", "discovered": a cause found).
_NOTICED_VERB = regex_cache.compile(r"\b(?:notic\w{0,3}|spott\w{0,3}|spots|caught|observ\w{0,3}|saw|sees)\b",
                                    re.IGNORECASE)


def _evidence_text(document: Document) -> str:
    """The words the whole-document evidence search matched for detection ("" if none)."""
    found = document.meta.evidence.get("detection") if document.meta.evidence is not None else None
    return str(found.get("text") or "") if isinstance(found, dict) else ""


#: Evidence of being told that stops at the teller: "was contacted by", "was contacted by t".
_ENDS_AT_BY = regex_cache.compile(r"\bby(?:\s+\w)?\s*$", re.IGNORECASE)
#: A person of the team named as the one who told: "an email from our community manager".
_TEAM_TELLER = regex_cache.compile(
    r"\b(?:from|by)\s+(?:our|my|one\s+of\s+our|an?|the)\s+(?:[\w-]+\s+)?(?:manager|engineers?|colleagues?|"
    r"team\s?-?mates?|team\s+members?|staff|admins?|administrators?|moderators?|developers?|co-?founders?|"
    r"founders?|cto|ceo|sres?|on-?call(?:ers?)?|operators?|maintainers?|volunteers?|"
    # a project (ours or upstream) is no customer: "I was contacted by the i2p project" (not
    # "the support team of one of our customers": a team may be the customer's)
    r"project|foundation)\b", re.IGNORECASE)
#: A supplier of the team's (its power, hosting, network or registrar).
_SUPPLIER = (r"(?:(?:[\w-]+\s+){0,2}?(?:power|electric(?:ity)?|energy|utility|hosting|cloud|internet|network|upstream|"
             r"colo(?:cation)?|data\s*cent(?:er|re))\s+(?:company|provider|supplier|utility|host|isp|vendor|carrier|"
             r"operator)|(?:[\w-]+\s+)?(?:isp|upstream|registrar|utility))\b")
#: A supplier telling of its own outage: "an email from the power company", "a call from our
#: hosting provider", "a notice from the upstream carrier", or the supplier as the one who
#: told: "Our hosting company has informed us of a failure in the host containers".
_SUPPLIER_TELLER = regex_cache.compile(
    r"\b(?:from|by)\s+(?:the|our|an?|my)\s+" + _SUPPLIER
    + r"|\b(?:the|our|my)\s+" + _SUPPLIER + r"\s+(?:has\s+|had\s+)?(?:informed|notified|told|e-?mailed|alerted|warned|"
    r"contacted|called)\b", re.IGNORECASE)
#: Monitoring tools, which no person is: a sentence naming one is no human report.
#: (the tools by name are the detection evidence's own list, `load.evidence.TOOL`)
_TOOL_WORDS = regex_cache.compile(
    r"\b(?:" + TOOL + r"|monitors?|probes?|bots?|dashboards?|metrics|scanners?|automated|automatic(?:ally)?)\b",
    re.IGNORECASE)
#: "we were notified by email that the disk was full": by whom is unsaid, a machine as likely.
_BY_MACHINE = regex_cache.compile(r"\b(?:notified|informed|alerted|told)[ \t]+(?:us[ \t]+)?(?:by|via)[ \t]+(?:an?[ \t]+)?"
                                  r"(?:automated[ \t]+|automatic[ \t]+|system[ \t]+)?"
                                  r"(?:e-?mails?|sms|texts?|pages?|pagers?|phone|calls?|notifications?)\b", re.IGNORECASE)


def _self_noticed(document: Document, anywhere: bool = False) -> tuple[Fact[str] | None, Fact[bool | str] | None]:
    """The detector the document-wide evidence search found first, when no listed phrase
    names one (the evidence search reads more ways of saying it than the phrase table);
    else (None, None). Inferred, with the evidence's words:

    - `self`: the author using the service and finding it broken ("this morning I opened
      the site and instead of seeing ... the app had logged me out") is `employee`;
    - `customer`: an outside report ("A user from team Booking notifies us on Slack",
      "reported by customer", "we were informed by partners") is `customer`;
    - `told`: someone telling the team ("OSTIF notified conda-forge of the leaked token",
      "notified that block generation was halted by Wemade", "an email from our community
      manager") is `customer`, or `employee` when the teller is one of the team's own;
      "X notified Y of it" only when Y is the team ("us", or the name in the document's
      title or file name): "DEPO notified OCC of the outage" is the team telling others;
    - `employee`: people of the team noticing ("they observed the inability to ...") only
      in a Detection section, where it can only be how the incident was found; elsewhere
      "we identified" as often names the cause found. With `anywhere` (the phrase list
      already found a person noticing, further down), in any section.

    Not when the sentence names an alert, monitoring or a tool (a bot posting, a monitor
    "informing" the team): a machine noticed, not a person. Nobody's alert noticed, so the
    gap an alert would close is the one PM402 asks about."""
    found = document.meta.evidence.get("detection") if document.meta.evidence is not None else None
    if not isinstance(found, dict):
        return None, None
    label = found.get("label")
    if label not in ("self", "customer", "told") and not (label == "employee" and (anywhere or found.get("section") == "detection")):
        return None, None
    line, column, text = found.get("line"), found.get("column"), str(found.get("text") or "")
    if not isinstance(line, int) or not isinstance(column, int):
        return None, None
    inside = 0 < line <= len(document.lines)
    if inside:
        line = _line_holding(document, line, text)
    at = document.lines[line - 1].lower().find(text.lower()[:40]) if inside else -1
    if at >= 0 and negated_or_hedged(document.lines[line - 1], at):
        return None, None  # "No users reported problems in production": nobody did
    span = span_at(document, f"#L{line}", text) if inside else Span.point(line, column)
    if label == "self":
        return Fact("employee", True, quote(text), span), None
    around = _evidence_sentence(document, line, text) if inside else text
    if _ALERTING.search(around) or _TOOL_WORDS.search(around) or _BY_MACHINE.search(around):
        return None, None
    if label == "told" and not _tells_the_team(document, text):
        return None, None
    if label == "employee" and _diagnostic(around, 0, len(around)):
        return None, None
    if label == "customer" and "complain" in text.lower() and not names_a_hit(around):
        # "some people complained that even the easiest tasks were challenging": a complaint
        # about the product, not a report of this incident
        return None, None
    if label in ("told", "customer") and _SUPPLIER_TELLER.search(around):
        # "I received an email from the power company": a supplier announcing its own outage
        # is neither a customer finding ours nor the team noticing
        return Fact("other", True, quote(_clause(around, text), 60), span), None
    if label == "customer" and _ENDS_AT_BY.search(text) and _TEAM_TELLER.search(around):
        return None, None  # "I was contacted by the i2p project": a project or team telling, no customer
    method = "employee" if label == "employee" or label == "told" and _TEAM_TELLER.search(around) else "customer"
    ordered = _ordered_texts(document)
    channel = unused_flaw_channel(around, ordered)
    disclosed: Fact[bool | str] | None = Fact(True, True, quote(channel), span) if channel else None
    if disclosed is None and label == "told":
        flagged = flagged_threat(around, ordered)
        disclosed = Fact("flagged", True, quote(flagged), span) if flagged else None
    return Fact(method, True, quote(_clause(around, text), 60), span), disclosed


#: "notified <whom> of": whom, read from the `told` evidence's words.
_TOLD_WHOM = regex_cache.compile(r"^(?:notified|informed|alerted|warned|tipped\s+off)\s+(?P<whom>.+?)\s+(?:of|about|that)$",
                                 re.IGNORECASE)
_US = regex_cache.compile(r"^(?:us|our\s+team|the\s+team)$", re.IGNORECASE)
_NOT_ALNUM = regex_cache.compile(r"[^a-z0-9]+")


def _tells_the_team(document: Document, text: str) -> bool:
    """Whether `told` evidence ("notified `conda-forge` of") tells the team itself: "us",
    "our team", or a name the document's title or file name carries; any other form of
    the label ("flags X as malicious", "an email from ...") does."""
    found = _TOLD_WHOM.match(text.strip())
    if found is None:
        return True
    whom = found.group("whom").strip()
    if _US.match(whom):
        return True
    name = _NOT_ALNUM.sub("", whom.lower())
    title = str(document.meta.title or (document.data.get("title") if isinstance(document.data, dict) else "") or "")
    names = _NOT_ALNUM.sub("", (title + " " + document.path.rsplit("/", 1)[-1]).lower())
    return len(name) >= 3 and name in names


#: Where a clause starts: after punctuation and a space, a table cell's bar, a list dash.
_CLAUSE_CUT = regex_cache.compile(r"[.;:!?,|][ \t]|[ \t][-\u2013\u2014][ \t]")
#: What leads a timeline line: bullets, bold marks, a clock time ("* 12:39 ", "**06:39**").
_LEAD = regex_cache.compile(r"^[-*|>\s]*(?:\**\d{1,2}[:.]\d{2}(?:[ \t]?(?:utc|am|pm))?\**[ \t]*\|?[ \t]*)?", re.IGNORECASE)


#: A Markdown link, read as its words: "[Recently](https://...)" is "Recently".
_LINK = regex_cache.compile(r"\[([^\]\n]{0,200})\]\([^)\s]{0,300}\)")


def _unbolded(source: str) -> str:
    """`source` without its bold marks (`**`, `__`): the evidence quotes plain words."""
    return source.replace("**", "").replace("__", "")


def _line_holding(document: Document, line: int, text: str) -> int:
    """The line, from `line` on, of a paragraph's lines that holds the evidence `text` (its
    plain words: "Reported by: User" on the third line of a header "**Date:** ..."); `line`
    when none within `_PARAGRAPH_LINES` does."""
    wanted = text.lower()[:24]
    for number in range(line, min(len(document.lines), line + _PARAGRAPH_LINES) + 1):
        source = document.lines[number - 1][:2000].lower()
        if wanted in source or wanted in _unbolded(source):
            return number
    return line


def _clause(around: str, text: str) -> str:
    """The clause of `around` that holds the evidence `text`, from its start ("OSTIF and
    their contractor notified ...", "we were informed by partners that ..."): the words a
    reader needs, without the list marks and clock times of the line."""
    around = _unbolded(_LINK.sub(r"\1", around))  # the evidence is plain text
    at = around.lower().find(text.lower()[:40])
    if at < 0:
        return _LEAD.sub("", around)
    start = 0
    for cut in _CLAUSE_CUT.finditer(around, 0, at):
        start = cut.end()
    clause = around[start:]
    lead = _LEAD.match(clause)
    return clause[lead.end():] if lead is not None else clause


#: How many source lines a wrapped sentence is read across.
_PARAGRAPH_LINES = 6


def _evidence_sentence(document: Document, line: int, text: str) -> str:
    """The sentence that holds the evidence `text`, read from its paragraph: the source
    line `line` and the lines after it up to a blank line (at most _PARAGRAPH_LINES, so a
    wrapped sentence reads whole); the line itself when the words cannot be found in it."""
    lines = []
    for number in range(line - 1, min(len(document.lines), line - 1 + _PARAGRAPH_LINES)):
        if number > line - 1 and (not document.lines[number].strip() or document.lines[number].lstrip()[:1] in "-*|#"):
            break  # a blank line, or the next list item, table row or heading
        lines.append(document.lines[number].strip())
    source = " ".join(lines)
    at = source.lower().find(text.lower()[:40])
    if at < 0:
        return source
    return sentence(source, at, at + len(text))


#: Shortest gap, in minutes, read from date-only entries: days are all a date can tell.
DAY_GAP_MINUTES = 2 * 1440


def _clock(entry: Entry) -> str:
    assert entry.moment is not None
    return entry.moment.date().isoformat() if entry.date_only else entry.moment.strftime("%H:%M")


#: An alert nobody acted on for this long was not seen: the delay is acknowledgement (who
#: gets the alert, at what hour), not a missing signal.
UNSEEN_ALERT_MINUTES = 60


@dataclass(frozen=True, slots=True)
class Reading:
    """What a timeline with no milestones says about detection, in one episode of impact."""

    onset: Entry
    #: the first person knowing: a report, someone noticing, a responder at work; or an
    #: alert that someone acted on within UNSEEN_ALERT_MINUTES
    detected: Entry
    #: an alert that fired UNSEEN_ALERT_MINUTES or more before anyone acted on it
    alert: Entry | None = None
    episode: int = 1
    episodes: int = 1


def onset_and_detection(timeline: list[Entry]) -> Reading | None:
    """The onset and detection of the first episode of impact (see `readings`)."""
    found = readings(timeline)
    return found[0] if found else None


def readings(timeline: list[Entry]) -> list[Reading]:
    """(onset, detection) per episode of impact (`timeline.episodes`) for a timeline that
    marks no start. The onset is the first entry that describes failure or impact: lead-up
    such as a PR merged, and a fault in place with no impact yet ("services are
    operational, but the conditions for failure have been set"), are skipped. Detection is
    the first later entry that says a person learned of it; an alert a person acted on
    only UNSEEN_ALERT_MINUTES or more later is kept apart (`Reading.alert`): the people
    learned of it when they acted. An episode is left out when its reading is ambiguous:
    something was noticed before any failure is described, the onset entry itself is
    the report (detected at once), or the first word of anyone noticing is the fix seen
    working ("Dan reports that the PR worked")."""
    parts = episodes(timeline)
    found = []
    for number, part in enumerate(parts, 1):
        reading = episode_reading(part)
        if reading is not None:
            found.append(Reading(reading.onset, reading.detected, reading.alert, number, len(parts)))
    return found


#: A report that the fix worked: "Dan reports that the PR worked, the spam signups have
#: stopped" (not a report of the failure told with the response to it: "A customer reports
#: 500s; on-call reverts the deploy").
_FIX_WORKED = regex_cache.compile(
    r"\b(?:fix|fixes|patch|pr|change|rollback|revert|deploy\w{0,3}|workaround|mitigation|it|that)\b[^.;]{0,40}?"
    r"\b(?:worked|works|helped|held|took[ \t]effect|did[ \t]the[ \t]trick)\b|\b(?:have|has)[ \t]stopped\b", re.IGNORECASE)


def episode_reading(timeline: list[Entry]) -> Reading | None:
    """The onset and detection of one episode's entries (see `readings`), or None."""
    onset: Entry | None = None
    alert: Entry | None = None
    marked: Entry | None = None  # the first entry marked failed (❌), for want of words of failure
    for entry in timeline:
        if entry.moment is None:
            continue
        machine = entry.kind != "detected" and describes_alert(entry.event)
        noticing = machine or entry.kind == "detected" or describes_noticing(entry.event)
        if onset is None and noticing and marked is not None:
            onset = marked  # no entry told of failure in words before: the one the author marked failed
        if onset is None:
            if machine and describes_failure(entry.event):
                onset = alert = entry  # "alerts started firing for elevated 500 errors": the onset, seen by a machine
                continue
            if noticing:
                return None
            if marked is None and marked_failed(entry.event):
                marked = entry
            if entry.kind == "started" or describes_failure(entry.event):
                onset = entry
            continue
        if alert is None and machine:
            alert = entry
            continue
        if alert is not None and (noticing or describes_response(entry.event)) and not describes_alert(entry.event):
            late = minutes_between(alert, entry)
            if late is not None and late >= UNSEEN_ALERT_MINUTES:
                return Reading(onset, entry, alert)
            return Reading(onset, alert) if alert is not onset else None
        if alert is None and noticing:
            if describes_end(entry.event) or _FIX_WORKED.search(entry.event) is not None:
                # "Dan reports that the PR worked, the spam signups have stopped": the fix seen
                # working, after the people were long at work on it; when they first learned
                # of it is not told here
                return None
            return Reading(onset, entry)
    if alert is not None and onset is not None and alert is not onset:
        return Reading(onset, alert)  # an alert, and no later word of anyone: the alert is the detection
    return None


def _gap(start: Entry, end: Entry) -> float | None:
    """Minutes from `start` to `end`; with a date-only entry only whole days of at least
    DAY_GAP_MINUTES count (the hours are not knowable)."""
    assert start.moment is not None and end.moment is not None
    if start.date_only or end.date_only or (start.moment.tzinfo is None) != (end.moment.tzinfo is None):
        minutes = (end.moment.replace(tzinfo=None) - start.moment.replace(tzinfo=None)).total_seconds() / 60
        return minutes if minutes >= DAY_GAP_MINUTES else None
    minutes = (end.moment - start.moment).total_seconds() / 60
    return minutes if minutes > 0 else None


def _crossed_midnight(timeline: list[Entry], start: Entry, end: Entry) -> bool:
    return any(entry.rolled for entry in timeline if start.index < entry.index <= end.index)


def infer_time_to_detect(document: Document, settings: Mapping[str, Any]) -> Fact[float] | None:
    """Minutes from onset to detection: the timeline's milestones, else prose, else the
    timeline's onset and detection read from what its entries describe."""
    return infer_detect_timing(document, settings)[0]


def infer_detect_timing(document: Document, settings: Mapping[str, Any]) -> tuple[Fact[float] | None, Fact[float] | None]:
    """(time to detect as `infer_time_to_detect` reads it, the alert that fired long before
    anyone acted on it when that reading came from the timeline's entries: see `readings`)."""
    data = document.data if isinstance(document.data, dict) else {}
    timeline = measured_incident(entries(data), document.meta.timeline_incidents)  # never across incidents
    start, detected = first_of(timeline, "started"), first_of(timeline, "detected")
    minutes = minutes_between(start, detected)
    if minutes is not None and minutes >= 0 and start is not None and detected is not None:
        # arithmetic on the milestones: stated, unless it rests on reading a date as past midnight
        wrapped = _crossed_midnight(timeline, start, detected)
        how = ", read as crossing midnight" if wrapped else ""
        return Fact(minutes, wrapped, f"the timeline ({format_minutes(minutes)} from start to detection{how})",
                    document.spans.get(detected.pointer)), None
    best: tuple[float, str, str, str] | None = None
    for pointer, text in document_texts(document, ("/action_items", "/timeline")) + _detection_heading(document):
        if not has_words(text, UNIT_WORDS):
            continue
        for match in DURATION.finditer(text):
            minutes = duration_minutes(match)
            if minutes is None:
                continue
            tail = _DELAY_AFTER.match(text, match.end())
            before = text[max(0, match.start() - 40):match.start()]
            if tail is not None and tail.group().lstrip(" \t,").lower().startswith(("to", "for")) \
                    and not _TOOK_BEFORE.search(before):
                tail = None  # "to notice" only after a verb of taking: "it took 22 hours to notice"
            within = _WITHIN_BEFORE.search(before)
            head = _DELAY_BEFORE.search(before) or within
            if tail is None and head is None:
                continue
            if tail is not None and _BEFORE_AN_OCCASION.match(text, match.end()):
                continue  # "one day before the American holiday Thanksgiving Day": a date told by a day
            if tail is not None and _REPLY_BEFORE.search(before):
                continue  # "Fly support responded 5 hours later, reporting ...": a reply's delay
            if head is None and not _tied_to_noticing(text, match.start(), match.end()):
                continue  # "a fix was merged three hours later": a delay, but not to detection
            if _DIAGNOSIS.search(sentence(text, match.start(), match.end())):
                continue  # "a week later we confirmed the cause": time to diagnose, not to detect
            if best is None or minutes > best[0]:
                # "detected within ten minutes" says it all; "unnoticed for a week" needs "before detection"
                phrase = before[within.start():] + match.group() if within is not None and head is within else None
                if phrase is None and tail is not None and tail.group().lstrip(" \t,").lower().startswith(("to", "for")):
                    took = _TOOK_BEFORE.search(before)
                    phrase = before[took.start():] + match.group() + tail.group() if took is not None else None
                elif phrase is None and head is not None and (_NOT_NOTICED.search(head.group()) or
                                                              _BY_WHOM.search(head.group())):
                    phrase = head.group().lstrip(" \t") + match.group()
                best = (minutes, pointer, phrase or match.group(), "" if phrase else " before detection")
    if best is not None:
        minutes, pointer, phrase, suffix = best
        return Fact(minutes, True, f"{quote(phrase)}{suffix}", span_at(document, pointer, phrase)), None
    if start is None:
        found = _from_readings(document, timeline)
        if found[0] is not None:
            return found
        stated = _from_stated_start(document, timeline)
        if stated is not None:
            return stated, None
    # last: the authors' own figure, labelled ("MTTD: 11:00"), when nothing else tells it
    return _labelled_time_to_detect(document), None


#: The authors' own figure for time to detect, labelled on a line of its own: "MTTD: 11:00"
#: (hours and minutes), "**Time to detect:** 2 hours", "| TTD | 45 min |".
_TTD_LABEL = regex_cache.compile(
    r"^[ \t>*_|+-]{0,8}(?:mttd|ttd|(?:mean[ \t]+)?time[ \t]+to[ \t]+(?:detect(?:ion)?|discover(?:y)?|notice))"
    r"(?:\*\*|__)?[ \t]*(?::|\|)[ \t]*(?:\*\*|__)?[ \t]*(?:~|about[ \t]+|approx\.?[ \t]+)?"
    r"(?:(?P<h>\d{1,3}):(?P<m>[0-5]\d)(?![:\d])|(?P<rest>\d[^\n|]{0,40}))", re.IGNORECASE)
#: After the figure: a clock time ("14:32 UTC"), or a figure that is not this incident's
#: ("(team average, last quarter)", "goal", "SLO").
_TTD_NOT_OURS = regex_cache.compile(
    r"^[ \t]*(?:[ap]\.?m\b|utc\b|gmt\b|z\b|[a-z]{2,4}t\b)|\b(?:average|avg|mean|median|goal|target|slo|sla|objective|"
    r"budget|quarter|month|year|typical|usually)\b", re.IGNORECASE)
#: Lines read for the labelled figure (a document's header and impact section come early).
_TTD_LINES = 5000


def _labelled_time_to_detect(document: Document) -> Fact[float] | None:
    """Time to detect as the authors label it ("MTTD: 11:00", "Time to detect: 2 hours"),
    read from a line of its own outside code: hours and minutes, or a duration with its
    unit (`DURATION`). The figure is theirs, read from prose: marked inferred, quoted."""
    comments = document.comment_line_set()  # a template's example, not this incident
    for number, line in document.prose_lines():
        if number > _TTD_LINES:
            break
        if number in comments or "<!--" in line:
            continue
        if "t" not in line.lower()[:60]:
            continue
        if "|" in line and sum(1 for cell in line[:400].split("|") if cell.strip()) > 2:
            continue  # a metrics table's row of several values ("| MTTD | 4 h | 30 min |")
        match = _TTD_LABEL.match(line[:200])
        if match is None or match.group("h") is not None and _TTD_NOT_OURS.search(line[match.end("m"):200]):
            continue
        if match.group("h") is not None:
            minutes: float | None = int(match.group("h")) * 60 + int(match.group("m"))
        else:
            duration = DURATION.match(match.group("rest"))
            if duration is not None and _TTD_NOT_OURS.search(match.group("rest")[duration.end():]):
                continue
            minutes = duration_minutes(duration) if duration is not None else None
        if minutes is None or minutes <= 0:
            continue
        said = line.strip(" \t>*_|+-")
        return Fact(float(minutes), True, quote(said, 60),
                    Span(number, match.start() + 1, number, len(line) + 1))
    return None


#: An incident window written with both ends as full date-times ("Time | 2019-02-27 06:45 -
#: 2019-02-28 13:00 (UTC)"): the authors' own statement of when the impact began.
_STATED_WINDOW = regex_cache.compile(
    r"(?<![\w:-])(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<clock>\d{1,2}:\d{2})(?::\d{2})?[ \t]*(?:-|\u2013|\u2014|to|until)"
    r"[ \t]*\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?![\w:])")


def _from_stated_start(document: Document, timeline: list[Entry]) -> Fact[float] | None:
    """Time to detect for a timeline that marks no start and whose entries describe no
    failure before someone noticed it ("AWS initiated a reboot of the instance", then
    "Noticed the pipeline was red"), when the document states the incident window outside
    the timeline with both ends as full date-times: the entry at the stated start is the
    onset, the first later entry in which someone notices it, a report arrives or an alert
    fires is the detection. None when no entry sits at the stated start."""
    timed = [entry for entry in timeline if entry.moment is not None and not entry.date_only]
    if len(timed) < 2:
        return None
    for pointer, text in document_texts(document, ("/action_items", "/timeline")):
        if "-" not in text or ":" not in text:
            continue
        stated = _STATED_WINDOW.search(text)
        if stated is None:
            continue
        clock = stated.group("clock").zfill(5)
        onset = next((entry for entry in timed if entry.moment is not None and
                      entry.moment.strftime("%Y-%m-%d %H:%M") == f"{stated.group('date')} {clock}"), None)
        if onset is None:
            return None
        detected = next((entry for entry in timed if entry.index > onset.index and
                         (entry.kind == "detected" or describes_noticing(entry.event) or describes_alert(entry.event))),
                        None)
        gap = _gap(onset, detected) if detected is not None else None
        if detected is None or gap is None:
            return None
        how = ", read as crossing midnight" if _crossed_midnight(timeline, onset, detected) else ""
        return Fact(gap, True, f"the stated start {quote(stated.group('date') + ' ' + clock)} and the timeline "
                    f"({format_minutes(gap)} to {quote(detected.event, 50)} at {_clock(detected)}{how})",
                    document.spans.get(detected.pointer))
    return None


def _detection_heading(document: Document) -> list[tuple[str, str]]:
    """The heading that opens the Detection section, as a text ("## Why It Took 22 Hours to
    Notice"): a heading is no node's text, and this one can say how long detection took."""
    line = document.meta.sections.get("detection")
    if not isinstance(line, int) or not 0 < line <= len(document.lines):
        return []
    return [(f"#L{line}", document.lines[line - 1].lstrip("#* \t").rstrip("#* \t"))]


def _from_readings(document: Document, timeline: list[Entry]) -> tuple[Fact[float] | None, Fact[float] | None]:
    """(time to detect, the alert nobody saw) from the longest detection delay of any
    episode of impact (`readings`); the evidence names the entries it was read from, the
    episode when there are several, and the alert that fired before anyone acted."""
    best: tuple[float, Reading] | None = None
    for reading in readings(timeline):
        gap = _gap(reading.onset, reading.detected)
        if gap is not None and (best is None or gap > best[0]):
            best = (gap, reading)
    if best is None:
        return None, None
    gap, reading = best
    onset, detection = reading.onset, reading.detected
    how = ", read as crossing midnight" if _crossed_midnight(timeline, onset, detection) else ""
    which = f" in episode {reading.episode} of {reading.episodes} of impact" if reading.episodes > 1 else ""
    start = "the first entry describing failure" if reading.episode == 1 else "the first entry describing failure again"
    fact = Fact(gap, True, f"the timeline{which} ({format_minutes(gap)} from {quote(onset.event, 50)} at "
                f"{_clock(onset)}, {start}, to {quote(detection.event, 50)} at {_clock(detection)}{how})",
                document.spans.get(detection.pointer))
    alert = reading.alert
    if alert is None or alert.moment is None:
        return fact, None
    unseen = minutes_between(alert, detection) or 0.0
    after = minutes_between(onset, alert) or 0.0
    when = "at the onset" if alert is onset else f"{format_minutes(after)} after the onset"
    return fact, Fact(unseen, True, f"an alert at {_clock(alert)} ({quote(alert.event, 36)}), {when}",
                      document.spans.get(alert.pointer))


def time_to_mitigate(document: Document) -> Fact[float] | None:
    """Minutes from the timeline's first `started` to its first `mitigated` (else `resolved`)
    entry: arithmetic on the milestones, so a stated fact; None when they are missing."""
    data = document.data if isinstance(document.data, dict) else {}
    timeline = measured_incident(entries(data), document.meta.timeline_incidents)  # never across incidents
    start = first_of(timeline, "started")
    end = first_of(timeline, "mitigated") or first_of(timeline, "resolved")
    minutes = minutes_between(start, end)
    if minutes is None or minutes < 0 or end is None:
        return None
    return Fact(minutes, False, f"the timeline ({format_minutes(minutes)} from start to {end.kind})",
                document.spans.get(end.pointer))

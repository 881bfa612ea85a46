"""Evidence before absence: where a document states a fact, whatever its headings.

People write postmortems as prose. "We received a report from a user" records how the
incident was detected as surely as `detection: {method: customer}`, and "We will rotate
every token" is a plan even under a heading called "What we're doing about it". A rule
that says something is missing has to have searched the whole document first; this
module is that search, shared by every rule and both formats.

`find_evidence(pieces)` takes the document's text as pieces (text, line, column, section) — for
Markdown every paragraph, list item, heading and table cell outside code; for YAML every
string value — and returns an `Evidence` whose `get(kind)` gives the first place each
kind of fact is stated, searched on first request:

    evidence.get("detection") == {"line": 12, "column": 1, "text": "a user reported", "label": "customer",
                                  "section": "summary"}

(`section`: the key of the section the words stand in, None outside any.)

Kinds: `detection` (label alert / customer / employee / other), `impact_who` (a count,
share or "all users"), `impact_duration` (how long: "for 3 hours", "a 73-minute outage",
"between 09:47 and 11:02", "Time to recovery: 13 minutes", a table row "Total Duration | 39
Minutes"), `exposure` (what a leak or a compromise exposed: "exposing a personal access
token"), `actions` (commitments: "We will …", "We're deploying …",
"To prevent this from happening again"), `lessons`, `root_causes` ("the root cause was",
"caused by", "due to", a chain "X led to power loss", a limit crossed "the MTU was larger
than the fragmentation point", an attack "an attacker exploited a vulnerability in ...").
The result goes to `document.meta.evidence`; rules read it before they claim absence,
and name where they looked in their message.

Every pattern is an alternation of phrases with bounded gaps (no nested unbounded
quantifiers), run over the joined text at most once per kind and label, stopping at the
first match: linear in the document's size.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Callable, Iterable

from .. import regex_cache
from ..joined import Joined
from .counts import COUNT_OF_SOURCE, WHO_NOUN as _WHO_NOUN

#: Patterns are written in lower case and run on the lower-cased text: several times faster
#: than re.IGNORECASE on these alternations.
_F = 0
_APOS = "['\u2019]"
#: After "we will" / "we'll": verbs of the telling, the writer guiding the reader through
#: the text ("We'll start with the outage here", "we will explain how", "we'll dive into").
_TELLING = (r"\s+(?:(?:first|now|then|briefly)\s+)?(?:(?:start|begin)\s+(?:with|by|here|off)\b|dive\s+(?:into|deeper)\b|"
            r"dig\s+into\b|walk\s+(?:you\s+|through\b)|go\s+(?:over|through)\b|talk\s+about\b|introduce\b|"
            r"discuss\b|explain\b|describe\b|get\s+(?:to|into)\s+(?:that|this|it|the\s+details)\b|"
            r"take\s+a\s+(?:closer\s+|quick\s+|deeper\s+)?look\s+at\b|work\s+our\s+way\b|refer\s+to\b|recap\b|"
            r"summari[sz]e\b|come\s+back\s+to\b|return\s+to\b|see\s+(?:how|why|below|later|in\s+the)\b)")


def _line_opening(*words: str) -> str:
    """An alternation of `words`, each matched only where a piece or a line starts right
    before it: the check follows the word (a leading look-behind would keep the regex
    engine from skipping ahead to the words)."""
    return r"\b(?:" + "|".join(f"{word}(?<![^\\x00\\n]{word})" for word in words) + r")"


#: A signal that detects an incident, as a detection improvement names it.
_DETECTION_SIGNAL = r"(?:alerts?|alerting|monitoring|probes?|health ?checks?|uptime ?checks?)\b"

#: A verb that changes the system, after "preparing to" / "trying to" (not "trying to
#: understand": a promise to look is no plan).
_CHANGE_VERB = (r"(?:upgrade|migrate|move|bring|restore|replace|switch|add|deploy|fix|rebuild|set\s+up|roll\s+out|"
                r"get\s+(?:the\s+)?[\w-]+\s+(?:back|up)|enable|install|build|reconfigure|patch|rotate)\b")
#: A fix under way, after its subject's verb ("we are in the process of adopting new disc
#: technology"; not "in the process of migrating ...", as often the change that broke things).
_UNDER_WAY = (r"(?:now\s+|currently\s+|already\s+)?in\s+the\s+process\s+of\s+(?:adopting|adding|implementing|"
              r"introducing|rolling\s+out|setting\s+up|automating|enabling|hardening)\b")
#: "twenty four", "thirty-six": a tens word with its units (before the tens word alone)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
_WORD_NUM = (r"(?:a few|a couple of|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
             r"fifteen|eighteen|" + _TENS + r")")
_UNIT = r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?)"
#: "47 minutes", "3h", "nine hours", "an hour and a half" (a word number needs a whole unit word;
#: "a flood of 404s" counts HTTP errors, not seconds)
#: ("3+ hours": at least three)
_AMOUNT = (r"(?:(?![1-5]\d\ds\b)\d+(?:[.,]\d+)?\+?(?:\s*[-\u2013]\s*\d+(?:[.,]\d+)?)?\s*(?:-\s*)?" + _UNIT + r"|" + _WORD_NUM +
           r"\s+(?:and a half\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?))")
#: The days an incident spanned, as a date range in a heading or a Date line: "January 14-19,
#: 2026", "Oct 30th 2021 - Monday Nov 1st, 2021", "4/21/23-4/25/23", "2024-03-03 to 2024-03-05"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TILL = r"\s*(?:-|\u2013|\u2014|to|until|through|till)\s*"
_DATE_RANGE = (r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+\d{4})?" + _TILL +
               r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6},?\s+)?(?:" + _MONTH + r"\s+)?" + _DAY + r"(?![:\d])\b"
               r"|\b\d{1,2}/\d{1,2}/\d{2,4}" + _TILL + r"\d{1,2}/\d{1,2}/\d{2,4}\b"
               r"|\b\d{4}-\d{2}-\d{2}\s*(?:\u2013|\u2014|\s-\s|to|until|through|till)\s*\d{4}-\d{2}-\d{2}\b"
               # "Between 8/5/2016 and 8/10/2016", "between 2024-03-01 and 2024-03-03"
               r"|\bbetween\s+(?:\d{1,2}/\d{1,2}/\d{2,4}\s+and\s+\d{1,2}/\d{1,2}/\d{2,4}"
               r"|\d{4}-\d{2}-\d{2}\s+and\s+\d{4}-\d{2}-\d{2})\b")
#: a date before a clock time in a window: "2025-07-30 21:27", "June 17, 2023 at 18:05", "17 June 2023, 18:05"
_ON_DATE = (r"(?:\d{4}-\d{2}-\d{2}(?:\s+|t)|" + _MONTH + r"\s+" + _DAY + r",?\s+(?:\d{4},?\s+)?(?:at\s+)?|"
            + _DAY + r"\s+" + _MONTH + r",?\s+(?:\d{4},?\s+)?(?:at\s+)?)?")
#: "for an additional two days", "for another hour": more of the same impact
_MORE = r"(?:(?:an?\s+)?(?:additional|extra|further|another)\s+)?"
_APPROX = r"(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|over|more than|less than|under|just over|just under|up to|at least|at most|at maximum|at minimum|upwards of|well over|~)\s*)?"
#: Currency codes and the common crypto tickers a loss is counted in ("18k USD", "40 ETH",
#: "16.37k 3CRV"): whole words after a number (before one, only fiat codes: "USD 18k", not "eth 2").
_CURRENCY = (r"(?:usd|eur|gbp|jpy|chf|cad|aud|usdc|usdt|dai|busd|ust|eth|weth|btc|wbtc|bnb|atom|luna|matic|avax|"
             r"ksm|crv|3crv|cvx)\b")

#: An amount of money or tokens: "18k USD", "$18,000", "USD 18k", "1.2M tokens", "40 ETH".
_MONEY = (r"(?<![\w/:.,-])(?:[$\u20ac\u00a3]\s?\d+(?:[.,]\d+)*(?:\s*(?:k|m|bn?|million|billion|thousand)\b)?"
          r"|(?:usd|eur|gbp|jpy|chf|cad|aud)\s?\d+(?:[.,]\d+)*(?:\s*(?:k|m|bn?|million|billion|thousand)\b)?"
          r"|\d+(?:[.,]\d+)*\s*(?:k|m|bn?|million|billion|thousand)?\s+(?:[\w-]+\s+)?(?:" + _CURRENCY + r"|"
          r"tokens?|coins?|dollars?|euros?|pounds sterling)\b)")
#: What an advance notice says, after its verb: a change to come, no incident found.
_NOT_AHEAD = (r"(?![^.\x00]{0,80}?\b(?:would|will|going\s+to|planned|scheduled|upcoming|deprecat\w*|retir\w*|"
              r"sunset\w*|end[\s-]of[\s-]life)\b)")
#: Where notices wait for the writer: "my work email", "the inbox", "my notifications".
_MAILBOX = r"(?:e-?mails?|inbox(?:es)?|mailbox(?:es)?|notifications?|alerts?|pager|messages)\b"
#: Units of stored data, counted when data is lost ("only had 5,000 rows").
_DATA_UNIT = (r"(?:rows|records|entries|objects|files|documents|posts|messages|items|keys|blobs|tables|buckets|volumes)\b")
#: A word that makes an amount a loss: lost, stolen, drained, the cost or the value of it.
_LOSS_WORD = (r"\b(?:lost|loss(?:es)?|lose|stole|stolen|drain(?:ed|ing)?|exploited|damages?|costs?|refund(?:ed|s)?|"
              # what a runaway job cost: "~$200 unexpected charges", "a $2,657.68 bill"
              r"charges|overcharged|overage|billed|bill|"
              r"reimburs\w*|compensat\w*|paid|worth|value|bount(?:y|ies)|withdrawn|withdrew|took|taken|siphoned|"
              r"misappropriated|seized|burned|burnt)\b")

#: What a leak or a compromise exposes: a secret, an account, a machine.
_SECRET_NOUN = (r"(?:tokens?|secrets?|credentials?|keys?|passwords?|accounts?|runners?|machines?|laptops?|devices?|"
                r"servers?|hosts?|certificates?|repositor(?:y|ies)|databases?|data|emails?|sessions?|cookies?)")

#: What a supply-chain compromise reaches: "a single cask was compromised".
_SUPPLY_NOUN = (r"(?:packages?|crates?|casks?|formula(?:e|s)?|gems?|modules?|librar(?:y|ies)|images?|releases?|"
                r"artifacts?|binaries|dependenc(?:y|ies)|extensions?|plugins?)")

#: A secret that leaks: how it got out is the cause of a leak.
_CREDENTIAL = r"(?:tokens?|secrets?|credentials?|keys?|passwords?|certificates?)"

#: Monitoring and alerting tools named as the subject of an alert ("Sentry alerted").
#: Monitoring and alerting tools by name (also what PM402 reads as no person: `infer.detection`).
TOOL = (r"(?:sentry|pagerduty|opsgenie|datadog|grafana|prometheus|alertmanager|nagios|zabbix|icinga|statuscake|"
         r"pingdom|uptime ?robot|uptimerobot|new ?relic|cloudwatch|honeycomb|splunk|bugsnag|rollbar|healthchecks(?:\.io)?|"
         r"better ?uptime|checkly|victorops|splunk on-?call|incident\.io|rootly|stackdriver|elastalert|kibana|"
         r"uptime kuma|upptime|monit|munin|netdata|sensu|dynatrace|appdynamics|site24x7|freshping|cronitor|"
         r"dead ?man'?s ?snitch|gitguardian|dependabot|snyk|trufflehog|gitleaks|secret ?scanning)")

#: Right before a detector's name, words that say none of it caught anything: "there were
#: no alarms going off", "none of our monitors identified", "nor any alert" (lookbehinds).
_NONE_BEFORE = r"(?<!no\s)(?<!none\sof\sthe\s)(?<!none\sof\sour\s)(?<!any\s)(?<!neither\s)(?<!nor\s)"

#: A person's name after "alerted by": two capitalised words, neither a vendor's nor a
#: product's ("Charlie Eriksen", not "Google Cloud Monitoring", "Azure Monitor"); case-sensitive.
PERSON_NAME = (r"(?!(?:Google|Azure|Amazon|Microsoft|Oracle|Cloud|Elastic|Uptime|Status|Synthetic|Health)\b)"
               r"[A-Z][a-z]{1,20}[ \t]+(?!(?:Cloud|Monitor\w*|Alert\w*|Health|Status|Uptime|Synthetics?|Insights?|"
               r"Watch\w*|Checks?|Probes?|Logging|Logs|Sentinel|Defender|Guard\w*)\b)[A-Z][a-z]{1,20}\b")

#: (label, pattern) per kind; the first label whose pattern matches names the fact.
#: Whose impact a denial names ("no customer impact", "did not have any user-facing impact"):
#: one list for each way of denying it below.
_IMPACT_OF = (r"(?:customer|user|client|player|end[- ]user|production|external|public|service|business|security)"
              r"[- ]?(?:facing\s+|visible\s+)?\s*")
PATTERNS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "detection": (
        ("alert", regex_cache.compile(
            r"\b(?:detected|identified|caught|spotted|flagged|noticed|discovered|found|picked up|reported|surfaced)\s+"
            r"(?:first\s+)?(?:by|through|via|thanks to|from)\s+(?:our\s+|the\s+|an?\s+|automated\s+|internal\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:monitoring|monitors?|alerts?|alerting|alarms?|dashboards?|probes?|health ?checks?|"
            r"checks?|pagerduty|opsgenie|grafana|prometheus|datadog|sentry|nagios|metrics|canary|canaries|ci|tests?)\b"
            # (none that stayed silent: "there were no alarms going off", "none of the alerts fired")
            r"|\b" + _NONE_BEFORE +
            r"(?:alerts?|alarms?|pages?|monitors?|monitoring|health ?checks?|probes?|pagerduty|opsgenie)\s+"
            r"(?:(?!never\b|not\b|didn\b|did\s+not\b)\w+\s+)?(?:fired|firing|triggered|went off|going off|go off|goes off|paged|alerted|notified|"
            r"started firing|began firing)\b"
            # the news waiting in the writer's mail: "I didn't know I broke the build until I
            # looked at my work email" (the build's failure notice; a notification told them)
            r"|\b(?:i|we)\s+(?:didn" + _APOS + r"t|did\s+not)\s+(?:know|notice|realize|realise)\b[^.\x00]{0,80}?\buntil\s+"
            r"(?:i|we)\s+(?:looked|checked|opened|read|saw)\b[^.\x00]{0,30}?\b" + _MAILBOX +
            # "the system alerted at 4am", "our monitoring system alerted us"
            r"|\b(?:the|our)\s+(?:monitoring\s+)?system\s+(?:alerted|paged|notified)\b"
            r"|\b(?:we|i|they|engineers?|on-?call(?: engineers?)?|the team|responders?)\s+(?:were|was|got|had been)\s+"
            r"(?:first\s+)?(?:alerted|paged|notified)\b"
            # "our engineering teams were paged", "the SRE team was paged"
            r"|\b(?:our|the)\s+(?:[\w-]+\s+)?teams?\s+(?:were|was|got|had been)\s+(?:first\s+)?(?:alerted|paged)\b"
            r"|\bautomated\s+(?:warning|alert|notification|email|message|report|check)s?\b"
            # the passive: "A raintank alert was recieved @ 23:38" (the common misspelling too)
            r"|\b(?:alerts?|alarms?|pages?)\s+(?:was|were|got|had\s+been)\s+(?:first\s+)?"
            r"(?:received|recieved|sent|fired|triggered|raised)\b"
            r"|\b(?:warning|alert|alarm|notification)s?\s+from\s+(?:our\s+|the\s+)?[a-z]"
            # a timeline entry whose actor is the monitoring: "System Monitoring: Notification that
            # Mail Server is unavailable", "Monitoring - alert: disk full"
            r"|\b(?:monitoring|monitors?|alerting)\s*[:\u2013\u2014-]\s*(?:an?\s+)?(?:notifications?|alerts?|alarms?|"
            r"warnings?|pages?)\b"
            r"|\b(?:generat\w+|sen[dt]\w*|fir(?:ed|ing)|rais(?:ed|ing)|issu(?:ed|ing)|receiv\w+)\s+"
            r"(?:an?\s+|several\s+|multiple\s+|numerous\s+|many\s+)?(?:sms\s+|e-?mail\s+|slack\s+|push\s+|"
            r"pagerduty\s+|opsgenie\s+|text\s+)?alerts?\b"
            # what the alerts said, between: "we received multiple server unresponsive alerts"
            r"|\breceiv(?:ed|ing)\s+(?:several\s+|multiple\s+|numerous\s+|many\s+)(?:[\w-]+\s+){1,3}?alerts\b"
            # a monitoring tool named as the sender: "Sentry begins sending rollup error alerts",
            # "Datadog sent us two alerts" (not "did not send alerts": no alert, no detection)
            r"|\b" + TOOL + r"\s+(?:\w+\s+)?(?:sen[dt]\w*|fir(?:ed|es|ing)|rais(?:ed|es|ing)|generat\w+|emit\w*|post\w*)\s+"
            r"(?:us\s+)?(?:an?\s+|the\s+|several\s+|multiple\s+|many\s+|some\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:alerts?|alarms?|pages?|notifications?|warnings?)\b"
            # "Sentry alerted", "PagerDuty paged the on-call", "Grafana notified us"
            r"|\b" + TOOL + r"\s+(?:\w+\s+)?(?:alerted|alerts|paged|pages|notified|notifies|fired|fires|flagged|flags|"
            r"warned|warns|called|texted|emailed)\b"
            r"|\b(?:paged|alerted|woken|notified)\s+(?:up\s+)?(?:by|via|through)\s+(?:our\s+|the\s+|an?\s+)?" + TOOL + r"\b"
            # "Reported back up at 15:40 UTC by Uptime Robot", "Uptime Kuma let me know that the
            # services were not accessible", "I use Uptime Robot and it checks every 5 minutes"
            r"|\b(?:reported|marked|shown|flagged)\s+(?:back\s+)?(?:up|down|offline|online)\s+(?:[\w:]+\s+){0,4}?by\s+"
            r"(?:our\s+|the\s+)?" + TOOL + r"\b"
            r"|\b" + TOOL + r"\s+(?:\w+\s+)?(?:let\s+(?:me|us)\s+know|told\s+(?:me|us)|showed\s+(?:me|us|that))\b"
            # issues or alerts a monitor opened: "13 Upptime issues (#93-#106)", "Upptime opened 13 issues"
            r"|\b\d{1,5}\s+" + TOOL + r"\s+(?:issues|alerts|incidents|notifications|pages)\b"
            r"|\b" + TOOL + r"\s+(?:opened|opens|created|creates|filed|files|raised|raises)\s+(?:\d{1,5}\s+|an?\s+)?"
            r"(?:[\w-]+\s+)?(?:issues?|incidents?|tickets?)\b"
            r"|\b(?:i|we)\s+use\s+(?:the\s+)?" + TOOL + r"\b[^.\x00]{0,40}?\bchecks?\b"
            # a page in the night: an outage "of the 'wake up at 4am' variety", "paged at 3 a.m.",
            # "woken up at 2am": nobody finds an outage at that hour but by an alert
            r"|\b(?:wake|wakes|woke|woken|waking)\s+(?:\w+\s+)?up\s+at\s+(?:[1-5]|12)(?::\d\d)?\s?(?:am\b|a\.m\.)"
            r"|\b(?:paged|woken)\s+(?:up\s+)?at\s+(?:[1-5]|12)(?::\d\d)?\s?(?:am\b|a\.m\.)"
            # "Detection waited for the next morning's daily health-report check", "detection
            # came from the nightly backup report": the detector named after "detection"
            r"|\bdetection\s+(?:waited\s+for|came\s+(?:from|via|through|with)|relied\s+on|depended\s+on|"
            r"was\s+(?:by|via|through|left\s+to))\s+(?:[\w'`.-]+\s+){0,7}?(?:checks?|reports?|alerts?|alarms?|"
            r"monitors?|monitoring|probes?|dashboards?|scans?|scanners?)\b"
            # "StatusCake monitoring tools detect the outage", "our uptime checks caught it"
            r"|\b" + _NONE_BEFORE +
            r"(?:monitoring|monitors?|alerting|probes?|health ?checks?|uptime checks?|synthetic checks?)\s+"
            r"(?:tools?\s+|systems?\s+|services?\s+)?(?:detect(?:s|ed)?|identif(?:ies|ied)|caught|catch(?:es)?|flag(?:s|ged)?|"
            r"pick(?:s|ed)? up|notic(?:es|ed)|report(?:s|ed)?)\b"
            # a scanner flagging it: "Security scanning tools flagged exposed secrets"
            r"|\b(?:security\s+|secret\s+|code\s+)?(?:scanning|scanners?|scans?)\s+(?:tools?\s+|services?\s+|bots?\s+)?"
            r"(?:\w+\s+)?(?:flagged|detected|caught|spotted|found|alerted|reported)\b"
            # CI turning red is its own alarm: "`main` became red due runner-environment
            # failures", "the build went red", "required checks turned red"
            r"|\b(?:ci|main|master|trunk|builds?|pipelines?|checks?|tests?|workflows?)\b[`'\"\u2019]?\s+"
            r"(?:became|turned|went|goes|turns|was|were|is)\s+red\b"
            # a test suite failing is its own alarm: "two e2e tests fail", "the nightly
            # integration tests started failing", "CI jobs failed on main"
            r"|\b(?:e2e|end-to-end|integration|unit|regression|smoke|nightly|canary|ci)\s+(?:tests?|jobs?|checks?|runs?|suites?)"
            r"\s+(?:\w+\s+)?(?:fail(?:ed|s|ing)?|broke|caught|flagged)\b(?!\s+to\b)"
            # a service's notice reaching the writer: "I started getting notifications of new
            # users joining", "I got an email shortly after from Sendgrid advising that ...",
            # "A few minutes later, I got an email:" (the notice quoted below it)
            r"|\b(?:i|we)\s+(?:started\s+|began\s+)?(?:getting|receiving|got|received)\s+(?:an?\s+|some\s+|several\s+)?"
            r"(?:[\w-]+\s+)?(?:notifications?|e-?mails?|alerts?|warnings?)\s+(?:of|about|from|that|shortly|saying|"
            r"warning|advising)\b"
            # (not a person's message: "we received an email from a customer saying ...")
            r"(?![^.\x00]{0,60}\b(?:customers?|users?|clients?|players?|members?|people|someone|somebody)\b)"
            # the one message quoted after a colon: "A few minutes later, I got an email:" over
            # the notice it quotes ("Your AWS account is compromised"; not "We received no alerts:")
            r"|\b(?:i|we)\s+(?:got|received)\s+an?\s+(?:[\w-]+\s+)?(?:e-?mail|message|notification|alert|warning)[ \t]?:",
            _F)),
        ("customer", regex_cache.compile(
            # one user's failure told as the incident's opening: "A user could not register
            # the submission through the dapp" (one person met it, and told)
            r"(?:^|(?<=\x00))(?:a|one)\s+(?:user|customer|client|player|member|contributor)\s+(?:could\s*n" + _APOS +
            r"?o?t|was\s+(?:unable|not\s+able)\s+to|failed\s+to)\b|"
            # "re-opening outage because of reports of multiple folks getting greyscreen"
            r"\breports?\s+(?:of|from)\s+(?:multiple|several|many|some|a\s+few|numerous|other)?\s*"
            r"(?:folks|people|users|customers|clients|players|members|visitors)\s+(?:getting|seeing|hitting|having|unable|"
            r"who|that|with|about)\b|"
            r"\b(?:users?|customers?|clients?|community(?: members?)?|players?|researchers?|contributors?|subscribers?|"
            r"developers?|people|folks|someone|a member|members|an? outside (?:party|researcher)|third part(?:y|ies))\s+"
            r"(?:\w+\s+)?(?:had\s+|have\s+|first\s+|then\s+|also\s+|started\s+|began\s+)?"
            r"(?:reported|reporting|noticed|flagged|raised|complained|told us|pinged|alerted us|contacted|reached out|"
            r"informed|informs|"
            r"identified|discovered|found|spotted|disclosed|"
            r"opened an? (?:issue|ticket|bug)|filed an? (?:issue|ticket|bug)|emailed|wrote to us|let us know|notified us|"
            # the present tense of a timeline entry: "A user from team Booking notifies us on Slack"
            r"notifies us|notify us|tells us|tell us|lets us know|reports|report that|contacts us|pings us|"
            r"notices|spots|discovers|"
            r"reaches out|reach out)\b"
            r"|\b(?:received|receiving|receive|got|getting|had)\s+(?:an?\s+|several\s+|multiple\s+|many\s+|some\s+)?"
            r"(?:\w+\s+)?(?:reports?|complaints?|emails?|messages?|tickets?|issues?|notifications?)\s+from\b"
            r"|\breport(?:s|ed)?\s+(?:from|by)\s+(?:an?\s+|the\s+|our\s+|several\s+|multiple\s+|many\s+)?(?:\w+\s+)?"
            r"(?:users?|customers?|clients?|community|researchers?|players?|members?|people)\b"
            r"|\b(?:user|customer|community)[- ]reported\b"
            # a numbered issue in a timeline: "2026-08-13 | Issue #20253 filed: Aether 8.3.1 SRTP
            # call throws ..." (a user's report on the tracker)
            r"|\b(?:github\s+)?(?:issue|bug\s+report)\s+#\d{1,9}\s+(?:was\s+)?(?:filed|opened|reported|raised)\b"
            # a university's or a publication's users: "staff and students found that their
            # home directory was empty" (not "students found the new page confusing")
            r"|\b(?:students|readers|visitors|listeners|viewers)\s+(?:\w+\s+)?(?:reported|noticed|complained|"
            r"found\s+that|discovered\s+that|told\s+us|let\s+us\s+know|contacted\s+us|emailed\s+us)\b"
            # found by one of them, in the passive or asked about: "the problem was found by a
            # user", "why did a *user* find it first?", "it could only surface via a user report"
            # (not "no user reports came in")
            r"|\b(?:was|were|got)\s+(?:first\s+|initially\s+)?(?:found|noticed|spotted|discovered|caught)\s+by\s+"
            r"(?:an?\s+|one\s+of\s+(?:our|the)\s+|the\s+|our\s+|some\s+|several\s+)?(?:end[- ]?)?(?:users?|customers?|"
            r"clients?|players?|members?|subscribers?|visitors?)\b"
            # (asked in the past, "why did a user find it first?": not a wish, "wait for a user
            # to find it first")
            r"|\b(?:did|was\s+it)\s+(?:an?|the|one)\s+\W{0,2}(?:users?|customers?|clients?|players?)\W{0,2}\s+(?:that\s+)?"
            r"(?:find|found|notice|noticed|spot|spotted|hit)\s+(?:it|this|the\s+[\w-]+)\s+first\b"
            r"|\b(?:an?|the|one)\s+(?:users?|customers?|clients?|players?)\s+(?:found|noticed|spotted|hit)\s+"
            r"(?:it|this|the\s+[\w-]+)\s+first\b"
            # a header field: "**Reported by:** User (Damian)", "Reported by: a customer"
            r"|\breported\s+by\s*[:=\u2013]\s*(?:an?\s+|the\s+|our\s+|one\s+of\s+our\s+)?(?:end[- ]?)?"
            r"(?:users?|customers?|clients?|community|players?|members?|researchers?|contributors?|subscribers?)\b"
            r"(?!\s+(?:success|support|service|services|care|experience|team|engineer|operations|relations)\b)"
            # reports of the trouble, in bulk, whoever wrote the sentence's subject: "reported
            # many of service slowdowns after the upgrade" (not "reported many issues to the
            # vendor": the team telling someone else)
            r"|\breported\s+(?:many|several|multiple|numerous|a\s+lot\s+of|lots\s+of)\s+(?:of\s+)?(?:[\w-]+\s+)?"
            r"(?:slowdowns?|slowness|outages?|errors?|issues?|problems?|failures?|timeouts?|disconnects?)\b(?!\s+to\b)"
            # the passive, with what went wrong as its subject: "the first issues with dns in
            # nrec are reported", "we were quick to respond when problems were reported"
            # (the team does not report its own trouble to itself; not "no issues were
            # reported", nor "the bug was reported to the vendor")
            # (not "the power outage was reported on May 24 at 09:30": the event announced, by
            # the provider as often as anyone; "outages were reported by users" is read above)
            r"|(?<!\bno\s)(?<!\bany\s)\b(?:issues?|problems?|errors?|failures?|symptoms?|difficulties|"
            r"troubles?|timeouts?|slowness|breakages?)\s+(?:[\w.-]+\s+){0,4}?(?:are|were|was|is|had\s+been|have\s+been|"
            r"has\s+been|got|get|being)\s+(?:first\s+|initially\s+|then\s+)?reported\b"
            r"(?!\s+(?:to|upstream|by\s+(?:our|the)\s+(?:monitoring|alert\w*|health|probe|check)))"
            # someone asking the writers whether they broke it: "Henk van Oers asked on one of
            # the changes that went into the release if I broke it"
            r"|\b(?:asked|wondered)\b[^.\x00]{0,120}?\b(?:if|whether)\s+(?:i|we)\s+(?:had\s+|have\s+)?(?:broke|broken)\b"
            # a timeline entry: "Report received from Lido about high missed block rate"
            r"|\b(?:an?\s+|first\s+)?reports?\s+(?:was\s+|were\s+)?received\s+from\s+[\w-]{2,40}"
            # "we were made aware of issues that our users had when cloning"
            r"|\bmade\s+aware\s+of\s+(?:the\s+|some\s+|several\s+)?(?:issues?|problems?|reports?|errors?|failures?)\s+"
            r"(?:that\s+|which\s+)?(?:our\s+|some\s+|several\s+|many\s+)?(?:users?|customers?|clients?|players?|members?)\b"
            # "Initial user report:", "first customer reports", "incoming support tickets"
            r"|\b(?:incoming|initial|first|external)\s+(?:(?:user|customer|community|player|support|bug)\s+)?"
            # (not a test service's reports: "all the test reports came in as failures")
            r"(?:reports?|tickets?|complaints?)\b|\b(?<!test\s)(?<!ci\s)(?<!build\s)(?<!testers\s)"
            r"reports?\s+(?:came in|arrived|started)\b"
            r"|\b(?:finding|discovering|spotting|noticing)\s+and\s+(?:reporting|disclosing)\b"
            r"|\b(?:issue|ticket|bug report|bug)\s+(?:\S+\s+)?(?:is|was|were)\s+(?:opened|filed|raised)\b"
            # a user's report on the tracker: "@jjudish posts an issue describing unusual errors",
            # "a user opened a GitHub issue", "someone filed a bug" (not "we opened an issue to
            # track the fix": the team's own issue is no report)
            r"|(?:(?<![\w@])@[\w-]+|\b(?:an?|one|the|some|several)\s+(?:[\w-]+\s+)?(?:users?|customers?|clients?|"
            r"contributors?|players?|members?|maintainers?\s+of\s+[\w-]+|downstream\s+[\w-]+)|\bsomeone|\bsomebody)\s+"
            r"(?:\w+\s+)?(?:posts|posted|opens|opened|files|filed|creates|created|submits|submitted|raises|raised|reports|"
            r"reported)\s+(?:an?\s+|the\s+)?\[?(?:new\s+)?(?:github\s+|gitlab\s+|jira\s+|bug\s+|support\s+)?"
            r"(?:issues?|bugs?|tickets?|bug reports?|reports?)\b"
            # "a <bounty/security> report detailing ... was submitted", "a report was received via email"
            r"|\breports?\b[^.\x00]{0,80}?\b(?:is|was|were)\s+(?:first\s+)?(?:submitted|received|filed|sent in|made|opened)\b"
            r"|\b(?:submitted|filed|sent)\s+(?:us\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?report\b"
            # "the crates.io team was notified by <a person> at <an outside firm>", "we were told by"
            r"|\b(?:was|were|got|had been)\s+(?:first\s+)?(?:notified|alerted|informed|contacted|tipped off|warned)\s+"
            r"(?:\w+\s+){0,2}?by\s+(?!our\s+(?:monitoring|alert))[a-z]"
            # "thanks to our users filing reports", "customers opening tickets"
            r"|\b(?:users?|customers?|clients?|community(?: members?)?|players?|people|folks)\s+(?:\w+\s+)?"
            r"(?:filing|submitting|opening|sending|raising)\s+(?:\w+\s+)?(?:reports?|issues?|tickets?|bugs?|complaints?)\b"
            # "the first two reports of persistent 502s are opened"
            r"|\breports?\b[^.\x00]{0,80}?\b(?:are|get|got)\s+(?:first\s+)?(?:opened|submitted|received|filed)\b"
            # "A user who had not opened it for long reopened the website and noticed a blank
            # screen": the subject a clause away from its verb (bounded, within the sentence)
            r"|\b(?:an?|one|the|some|several)\s+(?:of\s+(?:our|the)\s+)?(?:users?|customers?|clients?|players?)\b"
            r"[^.\x00]{0,80}?\b(?:noticed|reported|discovered|spotted|complained|notifies\s+us|notified\s+us|"
            r"tells\s+us|told\s+us|lets\s+us\s+know|let\s+us\s+know|contacts\s+us|contacted\s+us|reports|"
            # "A user posted eslint/eslint-scope#39, notifying the ESLint team of the issue"
            r"notifying\s+(?:us|our\s+team|the\s+(?:[\w-]+\s+)?(?:team|maintainers|developers)))\b", _F)),
        # a notification in a chat tool: "We got notifications on Slack that validator-a is
        # not producing blocks", "a message in #alerts" (a bot or a person posting there)
        ("chat", regex_cache.compile(
            r"\b(?:got|received|receiv\w+|saw|had|came)\s+(?:an?\s+|several\s+|multiple\s+|some\s+|many\s+)?"
            r"(?:[\w-]+\s+)?(?:notifications?|messages?|pings?|alerts?)\s+(?:on|in|via|through|from)\s+"
            r"(?:our\s+|the\s+|an?\s+)?(?:slack|discord|telegram|mattermost|matrix|zulip|irc|microsoft teams|#[\w-]+)"
            r"|\b(?:slack|discord|telegram|mattermost|matrix|zulip)\s+(?:bot\s+)?(?:notifications?|messages?|alerts?|pings?)\s+"
            r"(?:that|about|saying|reporting|from|warning)\b"
            r"|\b(?:notifications?|messages?|alerts?|posts?)\s+(?:on|in)\s+(?:the\s+)?#[\w-]{0,30}?"
            r"(?:alert|alarm|monitor|incident|ops|status|on-?call|pager)", _F)),
        # an outside party telling the team, in the active voice: "OSTIF and their contractor
        # notified conda-forge of the leaked token", "a researcher informed us that ...";
        # or flagging the problem: "SEAL flags contributor X as malicious actor", "they
        # flagged it to us"
        # a story that opens on the message that brought the news: "It all begins with one
        # scary email late at night" (the abuse report the hosting provider forwarded): how
        # it came to light, though not who noticed it first (no method is inferred from it)
        ("news", regex_cache.compile(
            r"\bit\s+(?:all\s+)?(?:began|begins|started|starts)\s+with\s+(?:an?|one|the)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:e-?mail|message|phone\s+call|call|page|alert|report|ticket|notification|text)\b", _F)),
        ("told", regex_cache.compile(
            r"\b(?:notified|informed|alerted|warned|tipped off)\s+(?:us|our\s+team|the\s+team|`?[\w.-]+`?)\s+"
            r"(?:of|about|that)\b"
            r"|\bflag(?:s|ged)\s+(?:[\w`'@.-]+\s+){1,4}?as\s+(?:an?\s+|the\s+)?(?:potentially\s+|likely\s+|possibly\s+)?"
            r"(?:malicious|compromised|suspicious|fraudulent|phishing|vulnerable|hacked|spam|a threat|unsafe)\b"
            r"|\b(?:flagged|reported|raised)\s+(?:it\s+|this\s+|the\s+(?:issue|problem|bug|outage)\s+)?(?:to|with)\s+us\b"
            r"|\b(?:flagged|warned|tipped off)\s+us\b"
            # a message from someone: "I saw an email from our community manager", "got a
            # call from the hosting provider" (what the team received, not what it sent)
            r"|\b(?:saw|got|received|had|read)\s+(?:an?\s+|the\s+)?(?:urgent\s+)?(?:e-?mail|message|text|call|phone call|dm)s?"
            r"\s+from\s+(?:our\s+|the\s+|an?\s+|my\s+|one\s+of\s+our\s+)?[a-z]"
            # a log line with no subject: "0258: notified that block generation was halted"
            r"|(?:(?<![^\x00])|:\s|[-\u2013\u2014]\s)\s*(?:were\s+|was\s+|got\s+)?(?:notified|informed|alerted|told)\s+"
            r"(?:that|of|about)\b"
            # an outside party's message bringing the news: "AWS emailed me a few minutes after
            # the push, saying the key was publicly exposed", "GitHub sent us an email warning
            # that the token was public" (a customer's is read as the customer's above)
            # (not an advance notice: "The vendor emailed us in March to warn that the v1 API
            # would be retired in June" tells of a change to come, no incident found)
            r"|\b(?:emailed|e-mailed|messaged|texted|phoned|called|wrote\s+to|contacted)\s+(?:me|us)\b[^.\x00]{0,60}?"
            r"\b(?:saying|to\s+say|to\s+tell|to\s+warn|warning|to\s+let\s+(?:me|us)\s+know)\b" + _NOT_AHEAD +
            r"|\bsent\s+(?:me|us)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:e-?mail|message|notice|notification|warning|text)s?\s+"
            r"(?:saying|warning|to\s+say|to\s+warn|that|about)\b" + _NOT_AHEAD, _F)),
        ("employee", regex_cache.compile(
            r"\b(?:we|i|they|on-?call|someone(?: on the team)?|a teammate|(?:an?|the|our|one of (?:our|the)|some|several|"
            # "one of our site reliability engineers (sres) noticed": up to three words before
            # the role, and the role's acronym in brackets after it
            r"two|three)\s+(?:[\w-]+\s+){0,3}?(?:engineers?|developers?|maintainers?|admins?|operators?|sres?|"
            r"on-?call(?:ers?)?|team(?: members?)?|staff|responders?|"
            # "a member of the Monero Research Lab discovers the exploit"
            r"members? of (?:the|our) (?:[\w-]+\s+){1,3}?(?:team|lab|group|staff|crew|project))"
            r"(?:\s+\([\w-]{1,12}\))?)\s+(?:\w+\s+)?"
            r"(?:first\s+)?(?:noticed|discovered|realized|realised|became aware|spotted|observed|found out|"
            r"saw that|detected|identified"
            # a timeline in the present tense: "The infrastructure team notices unusual email activity"
            r"|notices|discovers|spots|observes|realizes|realises|detects|becomes aware|sees that|finds that)\b"
            # not a way out found while responding: "we discovered a new rollback command was available",
            # nor a tool's feature found while preparing: "then I noticed the Chatlog Mode" (a
            # feature that "was disabled" is a state noticed, and stays detection)
            r"(?!\s+(?:that\s+)?(?:an?|the)\s+(?:new|better|simpler|alternative|possible|quick|easy|existing|"
            r"undocumented)\s+(?:[\w-]+\s+)?(?:commands?|options?|features?|flags?|tools?|settings?|ways?|methods?|"
            r"workarounds?|solutions?|approach|fix|patch|api|endpoints?|library|version)\b"
            r"|\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:options?|features?|modes?|settings?|buttons?|menus?|"
            r"plugins?|extensions?|shortcuts?)\b(?!\s+(?:was|were|is|are|had|has|did|didn't|wasn't|weren't|"
            r"isn't|had\s+been|kept|stayed|remained)\b))"
            # the passive with the person named: "this leak was caught by a cds employee"
            r"|\b(?:caught|noticed|spotted|discovered|found|detected|flagged|identified)\s+by\s+(?:an?|the|our|one\s+of\s+"
            r"(?:our|the))\s+(?:[\w-]+\s+){0,2}?(?:employees?|engineers?|developers?|maintainers?|admins?|operators?|"
            r"sres?|on-?call(?:ers?)?|team\s+members?|staff(?:\s+members?)?|colleagues?|responders?)\b"
            r"|\b(?:came|brought)\s+to\s+(?:our|my|the team(?:'s)?)\s+attention\b"
            r"|\b(?:is|are|was|were)\s+(?:first\s+)?(?:noticed|discovered|detected|spotted)\b"
            # found by people checking: "found during manual post-deploy checks the same day",
            # "Discovered during checks", "spotted in a routine review"
            r"|\b(?:found|discovered|caught|spotted|noticed|detected)\s+(?:during|in|while\s+doing|while\s+running)\s+"
            r"(?:(?:a|the|our)\s+)?(?:[\w-]+\s+){0,2}?(?:checks?|testing|review|inspection|verification|qa)\b"
            # the signs seen before anyone knew the cause: "The symptoms were identified but the
            # leap to identify the root cause was not one we did"
            r"|\b(?:symptoms?|warning\s+signs?|early\s+signs?)\s+(?:were|was|had\s+been|have\s+been)\s+(?:first\s+)?"
            r"(?:identified|noticed|spotted|seen|observed|raised|flagged|brought\s+up)\b"
            r"|\b(?:first|initially)\s+(?:noticed|detected|reported|spotted|discovered)\b"
            # the writer noticing, told as a gerund: "After making the changes, and noticing
            # that the domain wasn't responding correctly"
            r"|\b(?:after|upon|on|when|while)\b[^.\x00]{0,60}?\bnoticing\s+that\s+(?:the\s+|our\s+|my\s+)?[\w.-]+"
            r"(?:\s+[\w.-]+)?\s+(?:was|were|is|wasn't|weren't|isn't|had|didn't|did\s+not|stopped|kept)\b"
            # a step told with no subject, as a log or a list of actions tells it: "1. **Detected
            # issue** when push notifications stopped working", "Noticed the problem while ..."
            r"|(?<![^\x00\n])[\s*_]{0,4}(?:\d{1,2}[.)]\s+)?[*_]{0,2}(?:detected|noticed|spotted|discovered)\s+"
            r"(?:the\s+|an?\s+|this\s+)?(?:issue|problem|outage|incident|bug|failure|it)[*_]{0,2}\s+"
            r"(?:when|while|after|as|because|by|via|through)\b"
            # a chat or tracker log: "@rachel notices on Discord that ...", "@andre finds that ..."
            r"|(?<![\w@])@[\w-]+\s+(?:\w+\s+){0,2}?(?:notices|noticed|spots|spotted|discovers|discovered|realizes|"
            r"realises|realized|realised|finds\s+that|found\s+that|sees\s+that|saw\s+that)\b"
            # the people targeted spread the warning: "the phishing mail was circulated to
            # inform other employees" (someone inside noticed it and told the rest)
            r"|\b(?:inform|warn|alert|notify|tell)(?:ed|ing|s)?\s+(?:the\s+)?(?:other|fellow|all|the rest of (?:the|our))"
            r"\s+(?:[\w-]+\s+)?(?:employees|colleagues|staff|team ?mates|co-?workers|team members)\b", _F)),
        # the author using the service and finding it broken: "this morning I opened
        # Pine.blog to read the news and instead of seeing ...", "we tried to log in and saw"
        # (not "we opened the logs and found": reading records is diagnosis). The method
        # inference reads this label as `employee` when no listed phrase names a detector.
        ("self", regex_cache.compile(
            # a flaw found by the team itself: "On 24 August 2026 we found and fixed two
            # vulnerabilities in how hex.pm issues tokens" (a disclosure of its own finding), "We
            # found both vulnerabilities on 24 August" (not "we found the root cause": a cause
            # found while responding)
            r"\b(?:we|i)\s+(?:\w+\s+)?(?:found|discovered|identified|spotted)\s+(?:and\s+(?:fixed|patched|closed)\s+)?"
            r"(?:an?\s+|two\s+|three\s+|both\s+|the\s+two\s+|these\s+|several\s+|multiple\s+|\d{1,3}\s+)(?:[\w-]+\s+){0,2}?"
            r"(?:vulnerabilit(?:y|ies)|security\s+(?:issues?|flaws?|bugs?|holes?)|flaws?)\b|"
            # the failure met by whoever did the work, told as what followed it: "After
            # re-provisioning both worker nodes, Airflow pods were stuck in `Init:0/2`"
            # (hands-on work on machines, seen as it ends: not "After migrating the database,
            # the exports were broken for three days", which someone may have found days later)
            r"\bafter\s+(?:re-?)?(?:provisioning|rebooting|restarting|reinstalling|rebuilding|re-?imaging|power-?cycling)\b"
            r"[^.\x00]{0,100}?,\s+(?:the\s+|our\s+|my\s+|all\s+)?"
            r"(?:[\w`'-]+\s+){0,3}?(?:was|were)\s+(?:still\s+|all\s+)?(?:stuck|hung|hanging|down(?!\s+(?:to|from|by)\b)|broken|"
            r"failing|unreachable|unable|crash-?looping|offline)\b|"
            # the team meeting the failure at work: "During this process we ran into an error
            # generating the withdrawal proofs"
            r"\b(?:i|we)\s+(?:then\s+|quickly\s+|soon\s+|first\s+|suddenly\s+)?(?:ran|run|bumped|stumbled)\s+into\s+"
            r"(?:an?\s+|the\s+|some\s+)?(?:[\w-]+\s+){0,2}?(?:errors?|issues?|problems?|failures?|bugs?|exceptions?|"
            r"crash(?:es)?)\b"
            # ... or getting it, over and over: "I kept getting *Invalid Certificate* errors" (not
            # "after updating all 4 nodes we started getting apphash errors": the onset of the
            # team's own change, PM401's own-change reading)
            # (not "we were seeing zero errors again", "no more timeouts", "far fewer", nor
            # "support tickets about errors": a channel, someone else's report)
            r"|\b(?:i|we)\s+(?:kept|were|was|had\s+been)\s+(?:getting|seeing|hitting)\s+(?:an?\s+|the\s+|some\s+)?"
            r"(?:(?!(?:no|zero|fewer|less|more|far|any|only|support|tickets?|reports?|e-?mails?|messages?|complaints?|"
            r"calls?)\b)[\w*`'\u2019-]+\s+){0,3}?(?:errors?|timeouts?|time-outs?|failures?|exceptions?|crash(?:es)?|"
            r"5\d\d\s*s?|servfails?|warnings)\b"
            # someone asking why it does not work, quoted: "“Why are you not charging”"
            r"|\bwhy(?<=[\"\u201c]why)\s+(?:is|are|isn" + _APOS + r"t|aren" + _APOS + r"t|does|doesn" + _APOS + r"t|did|didn" + _APOS +
            r"t|won" + _APOS + r"t|can" + _APOS + r"t)\s+(?:[\w-]+\s+){0,3}?(?:not\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:working|charging|loading|running|responding|starting|syncing|sending|showing|updating|work|load|run|"
            r"respond|start|sync|send|show|update|up)\b[^\"\u201d\x00]{0,40}?\??[\"\u201d]"
            r"|\b(?:i|we)\s+(?:\w+\s+)?(?:opened|loaded|visited|went to|checked|tried to (?:open|load|log in|log into|sign in|"
            r"access|use|visit|reach))\s+(?!(?:an?\s+|the\s+|our\s+)?(?:issues?|tickets?|prs?|pull requests?|incidents?|"
            r"investigations?|bugs?|logs?|code|config\w*|files?|source|terminal|shell|/var/log\w*|journal\w*|syslog|"
            r"dmesg|disks?)\b)"
            r"(?:[^.\x00]|\.(?=\S)){0,80}?\b(?:saw|seeing|see|noticed|found|realized|realised)\b"
            # the team putting the service back and finding it bad: "We turned the app back on
            # to point at the new database and the performance was abysmal"
            r"|\b(?:we|i)\s+(?:turned|switched|brought|pointed|put|moved|cut|flipped)\b[^.\x00]{0,100}?\band\s+"
            r"(?:the\s+|its\s+|our\s+)?(?:performance|latency|response\s+times?|it|app|site|service|database|api|"
            r"page\s+loads?)\s+(?:was|were|became|got)\s+(?:\w+\s+)?(?:abysmal|terrible|awful|horrible|dreadful|slow|"
            r"sluggish|unusable|broken|down|failing|degraded|poor)\b"
            # shut out of one's own machine: "The operator was immediately locked out of the Pi",
            # "every SSH attempt was rejected" (the person at the keyboard finds out first;
            # not "users were locked out": whom it hurt, not who noticed)
            r"|\b(?:i|we|the\s+(?:operator|admin|administrator|maintainer|owner|developer|engineer))\s+(?:was|were|got|"
            r"had\s+been)\s+(?:\w+\s+)?locked\s+out\b"
            r"|\b(?:every|each|all|my|our)\s+(?:ssh|login|log-?in|sign-?in|connection)\s+attempts?\s+(?:was|were)\s+"
            r"(?:\w+\s+)?(?:rejected|refused|denied)\b"
            # trying to use one's own service and being refused: "From my work machine I tried to
            # SSH home, but I was greeted with a 'Connection Refused' message"
            r"|\b(?:i|we)\s+tried\s+to\s+(?:ssh|rdp|ftp|log\s*in|sign\s+in|connect|access|open|load|reach|visit|"
            r"ping|use|deploy|push|pull|reload|refresh)\b[^.\x00]{0,100}?\b(?:but|only\s+to)\b[^.\x00]{0,80}?"
            r"\b(?:refused|errors?|failed|fails|timed?\s*out|would\s+not|wouldn" + _APOS + r"t|could\s+not|couldn" + _APOS +
            r"t|unable|unreachable|no\s+response|nothing)\b"
            # greeted by the failure on coming to one's own service: "When I pulled up the site, I
            # was greeted with a lovely message that I had been hacked"
            # (not "greeted with a friendly welcome message": the greeting must tell trouble)
            r"|\b(?:i|we)\s+(?:was|were|got)\s+greeted\s+(?:with|by)\b[^.\x00]{0,80}?\b(?:errors?|exceptions?|"
            r"warnings?|[45]\d\d|hacked|defaced|down|failed|failure|unavailable|not\s+found|denied|refused|broken|"
            r"blank|crash\w*)\b"
            # coming to the service and finding it out: "When I went online the site was already
            # offline", "when we logged in the dashboard was down"
            r"|\bwhen\s+(?:i|we)\s+(?:went\s+online|logged\s+(?:in|on)|got\s+(?:online|in|up)|came\s+(?:in|online|back)|"
            r"woke\s+up|checked)\b[^.\x00]{0,20}?,?\s+(?:the\s+|our\s+|my\s+)?(?:[\w.-]+\s+){0,2}?(?:was|were)\s+"
            r"(?:already\s+|still\s+|completely\s+)?(?:offline|down|unreachable|unavailable|gone|dead|broken)\b"
            # the writer coming upon it: "right when I was about to stop monitoring the VM, I saw
            # a very strange process", "we spotted a suspicious login"
            r"|\b(?:i|we)\s+(?:then\s+|suddenly\s+|finally\s+)?(?:saw|spotted|found|noticed)\s+(?:a|an|some)\s+"
            r"(?:very\s+|really\s+|rather\s+)?(?:strange|odd|suspicious|unusual|weird|unknown|unfamiliar)\b"
            # the writer seeing it on a dashboard or in the logs: "I only just realized now, that
            # the bot was down when I was checking Grafana", "we noticed it while looking at the
            # dashboard"
            r"|\b(?:i|we)\s+(?:only\s+|first\s+)?(?:just\s+)?(?:now\s+)?(?:realized|realised|noticed|saw|spotted|discovered)"
            r"\b[^.\x00]{0,100}?\b(?:when|while|as)\s+(?:i|we)\s+(?:was|were)\s+(?:checking|looking\s+at|watching|"
            r"reviewing|browsing|scrolling|opening)\b"
            # "I found out by getting the same email three times", "we found out when the
            # invoices bounced" (the writers met the failure themselves)
            r"|\b(?:i|we)\s+(?:only\s+|first\s+)?found\s+out\s+(?:by|when|because|after)\b"
            # the writer at work meeting the failure: "As I plugged a few URLs into the Twitter
            # Card Validator a few started to 404"
            r"|\b(?:as|when|while|after)\s+(?:i|we)\s+[^.\x00]{0,120}?\b(?:started|began)\s+(?:to\s+)?"
            r"(?:404|500|5xx|fail|failing|error|erroring|crash|crashing|time\s*out|timing\s+out|break|breaking|"
            r"return\s+(?:errors?|404s?|500s?))\b"
            # the service found broken on coming to it: "First AI assistant takes over, finds
            # cluster in degraded state", "found the site down" (not "found the bug")
            # (not a job's or a script's finding: "Restore job finds replica in degraded state")
            r"|\b(?<!job\s)(?<!script\s)(?<!task\s)(?<!process\s)(?<!tool\s)(?<!bot\s)(?<!check\s)"
            r"(?:finds|found|discovers|discovered)\s+(?:the\s+|our\s+|my\s+|its\s+)?(?:[\w.-]+\s+){0,2}?"
            r"(?:in\s+(?:an?\s+)?(?:degraded|broken|failed|failing|unhealthy|crashed|split-brain|crash-?looping)\s+"
            r"state\b|(?:site|server|cluster|service|website|app|api|node|database|host|"
            r"machine|instance|network)s?\s+(?:was\s+|were\s+)?(?:down|offline|unreachable|unresponsive|dead)\b)"
            # a routine check of one's own: "Ran my morning health check", "during our daily checks"
            r"|\b(?:ran|running|run|doing|did|during)\s+(?:my|our|the|a)\s+(?:usual\s+|routine\s+|regular\s+)?"
            r"(?:morning|daily|nightly|weekly|routine|regular|usual)\s+(?:health[\s-]?)?checks?\b"
            # (not one that found all well: "... at 09:00 and everything was green")
            r"(?![^.\x00]{0,60}?\b(?:everything|all)\s+(?:was|were|looked|seemed)\s+(?:green|fine|ok|okay|good|healthy|"
            r"normal)\b)"
            # the writer learning of it late, by looking: "I didn't know I broke the build until I
            # looked at my work email almost a day later"
            # (not when what they looked at is their mail or notifications: a message told them)
            r"|\b(?:i|we)\s+(?:didn" + _APOS + r"t|did\s+not)\s+(?:know|notice|realize|realise)\b[^.\x00]{0,80}?\buntil\s+"
            r"(?:i|we)\s+(?:looked|checked|opened|logged|visited|saw|read|went)\b(?![^.\x00]{0,30}?\b" + _MAILBOX + r")"
            # "like realizing your site is offline", "when I realised my server was down"
            r"|\breali[sz](?:e|ed|ing)\s+(?:that\s+)?(?:your|my|our)\s+(?:[\w.-]+\s+){0,2}?(?:is|was|were|are|had\s+gone)\s+"
            r"(?:offline|down|unreachable|unavailable|broken|gone|dead)\b", _F)),
        # a header field or table row that names the detector: "| **Detected by** | SRE —
        # originating issue #309 (proactive) |", "**Discovered by:** on-call" (not "n/a")
        ("labelled", regex_cache.compile(
            # (a table row reads "Field: Detected by | Value: SRE ...", label lines of a
            # paragraph "Date: 2024-03-02 Detected by: on-call engineer")
            r"(?:(?:^|(?<=\|)|(?<=\x00))[ \t]*(?:[\w ]{1,20}:[ \t]*)?[*_]{0,2}|\b)(?:detected|discovered|found|noticed|"
            r"identified|spotted|caught)[ \t]+by[*_]{0,2}[ \t]*(?::|(?<=\w)[ \t]*\|[ \t]*(?:[\w ]{1,20}:)?+)[ \t]*+"
            r"[*_]{0,2}+[ \t]*+(?!n/?a\b|none\b|unknown\b|tbd\b|tbc\b|-|\?|\|)\w", _F | re.MULTILINE)),
        # manual monitoring of sources outside: "Watching "official" sources meant 2 days
        # before learning it was an RCE", "we follow the upstream security mailing list"
        ("other", regex_cache.compile(
            r"\b(?:watch(?:ing|ed|es)?|monitor(?:ing|ed|s)?|follow(?:ing|ed|s)?|track(?:ing|ed|s)?|check(?:ing|ed|s)?|"
            r"read(?:ing|s)?|subscri(?:bed|bing)\s+to)\s+(?:the\s+|our\s+)?[\"'\u201c\u2018]?"
            r"(?:official|public|upstream|vendor|security|external|project)[\"'\u201d\u2019]?\s+(?:[\w-]+\s+)?"
            r"(?:sources?|feeds?|advisor(?:y|ies)|mailing[\s-]lists?|announcements?|channels?|bulletins?|"
            r"security pages?|cve (?:lists?|feeds?))\b"
            # word reaching the team from elsewhere: "I just received word that there is a power outage"
            r"|\b(?:received|got|had|have)\s+word\s+(?:that|of|from)\b"
            # aware through a signal: "Art Blocks became aware of the incident due to an
            # unexpected zero-balance" (whoever the subject, the sentence names what told them)
            r"|\b(?:became|become|becomes|was\s+made|were\s+made)\s+aware\s+of\s+(?:the|this|an?)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:incident|issue|problem|outage|breach|compromise|exploit|attack|leak|theft|hack|failure)\s+"
            r"(?:due\s+to|because\s+of|through|via|thanks\s+to|from|after\s+(?:an?|the)|when\s+(?:an?|the))\b", _F)),
    ),
    "impact_who": (
        # "1,200 users", "30% of requests", "6,000 of our valued users": a count, when its
        # sentence says they were hit ("2 team members were paged", "a 1 character pod name"
        # count no one affected; see CONFIRMED_BY)
        ("count", regex_cache.compile(
            # (not progress: "the backup had been 90% complete")
            # (a share in a section that tells no hit, "10% for being a student" under a
            # meeting's pizza item, is no one's: PM601 passes over it, see checks/impact.py)
            # (nor a machine's resources, a threshold or a comparison: "to get about 10% of disk
            # space back", "99% disk full", "above 80% threshold", "30% faster", "a 20% discount")
            # (nor a machine's level told before it: "VM disk usage was at 100%", see `_not_a_level`)
            r"(?P<share>(?<![\w/:.,-])\d+(?:[.,]\d+)?\s*(?:%|percent\b))(?!\s*(?:complete|completed|done|finished|through|of\s+the\s+way)\b)"
            r"(?!\s*(?:of\s+(?:the\s+|my\s+|our\s+|its\s+|their\s+)?)?(?:disk|memory|cpu|ram|space|storage|capacity|bandwidth|"
            r"quota|headroom)\b)(?!\s+(?:faster|slower|cheaper|discount|off|smaller|bigger|larger|threshold|limit|"
            r"utili[sz]ation|usage|full|load)\b)"
            # a fraction as a share: "approximately 1/3rd of visitors", "a third of our users",
            # "half of the requests", "two-thirds of the sites"
            r"|(?:(?<![\w/:.,-])\d{1,2}/\d{1,2}(?:st|nd|rd|th)?|\b(?:a|one|two|three)[- ](?:half|third|quarter|fifth|tenth)s?"
            # ("almost one-third of my audience": a blog's own readers)
            r"|\bhalf)\s+of\s+(?:the\s+|our\s+|all\s+|its\s+|their\s+|my\s+)?(?:[\w-]+\s+)?" + _WHO_NOUN + r"\b"
            # ("no users were affected"; not a condition: "If there are no users in the database",
            # "cases where no users exist")
            r"|(?<!there are )(?<!there is )(?<!where )(?<!when )\bno\s+(?:users?|customers?|clients?|players?)\b"
            r"(?!\s+exist)"
            r"|\b(?:not|n't|never)\s+(?:\w+\s+){0,3}?any\s+(?:[\w-]+\s+)?" + _WHO_NOUN + r"\b"
            r"|(?<![\w/:.,-])\d+(?:[.,]\d+)*\s+(?:[\w-]+\s+){0,2}?(?:were|was|got|had been)\s+(?:\w+\s+)?"
            r"(?:affected|impacted|delayed|lost|dropped|failed|stuck|unavailable|broken|corrupted|exposed|"
            r"compromised|blocked|disconnected|rejected|deleted|"
            # things shipped by mistake, as counted in words below: "73 updates were
            # accidentally uploaded to the Stable repository"
            r"yanked|removed|published|uploaded|withdrawn|infected)\b"
            # a count of things in words: "a single cask was compromised", "three crates were yanked"
            r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a single|a handful of|dozens of|"
            r"hundreds of|thousands of)\s+(?:[\w-]+\s+){1,2}?(?:was|were|got|had been)\s+(?:\w+\s+)?"
            r"(?:affected|impacted|lost|dropped|failed|broken|corrupted|exposed|compromised|blocked|deleted|yanked|"
            r"removed|published|uploaded|downloaded|infected)\b"
            # things left out, with where: "Two source keys missing from the backup", "3 files lost in the copy"
            r"|(?:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a single|dozens of|hundreds of|"
            r"thousands of)|(?<![\w/:.,-])\d+(?:[.,]\d+)*)\s+(?:[\w-]+\s+){1,2}?(?:missing|lost|corrupted|deleted|dropped)"
            r"\s+(?:from|in|on|during)\b"
            # data gone, told by what was left: "I saw that I only had 5,000 rows" (of 900,000),
            # "we were left with just 12 of the 40 volumes", "rows dropped from 900,000 to 5,000"
            # (the writers' own store: "I saw that I only had 5,000 rows"; not "the staging
            # database only had 300 records", a size)
            r"|\b(?:i|we)\s+(?:now\s+|then\s+)?(?:only|just)\s+(?:had|have|found|saw|got|kept|(?:was|were)\s+left\s+with)\s+"
            r"(?:about\s+|around\s+|~)?"
            r"\d+(?:[.,]\d+)*\s+(?:of\s+(?:the\s+|our\s+)?(?:\d+(?:[.,]\d+)*\s+)?)?(?:[\w-]+\s+)?" + _DATA_UNIT +
            r"|\b(?:left|remained|remaining)\s+(?:with\s+)?(?:only|just)\s+(?:about\s+|~)?\d+(?:[.,]\d+)*\s+(?:[\w-]+\s+)?" + _DATA_UNIT +
            r"|\b(?:dropped|fell|went|shrank)\s+from\s+(?:about\s+|~)?\d+(?:[.,]\d+)*\s+(?:[\w-]+\s+)?" + _DATA_UNIT +
            r"\s+to\s+(?:only\s+|just\s+)?\d"
            # none, stated: "no evidence that any of these crates were downloaded by an actual user"
            r"|\bno\s+(?:evidence|indication|signs?)\s+(?:that\s+|of\s+)?(?:any|anyone|anybody)\b[^.\x00]{0,80}?"
            r"\b(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?(?:downloaded|accessed|affected|impacted|"
            r"exploited|used|installed|compromised|exposed|stolen|leaked)\b"
            # last: where a confirmed count fails its test, a branch above may still match at
            # the same place ("3 repositories were affected"), so those are tried first
            r"|(?P<count_of>" + COUNT_OF_SOURCE + r")", _F)),
        # "all users", "every request", "most jobs": a share, when its sentence says they were
        # hit ("every request failed", "all players were disconnected"); not "All services are
        # now operating normally" nor "scan all of our services for similar points of failure"
        # (see CONFIRMED_BY)
        ("all", regex_cache.compile(
            r"\b(?:entire|whole|complete|full|total)\s+(?:[\w-]+\s+)?"
            r"(?:outage|site|service|platform|network|cluster|chain|system|product|api|fleet)\b"
            # (not what is done to all of it: "the only way to prevent this is full system backups")
            r"(?!\s+(?:backups?|restores?|scans?|audits?|reboots?|upgrades?|rebuilds?|images?|snapshots?|checks?|tests?|"
            r"updates?|wipes?|reinstalls?)\b)"
            # "the entire acoustid.org infrastructure going down" (a domain may name it), when its
            # clause says it was hit: not "we moved the entire infrastructure to a new cluster"
            r"|(?P<entire_of>\b(?:entire|whole)\s+(?:[\w-]+\.[\w.-]+\s+)?(?:infrastructure|website)\b)"
            r"|\b(?:completely|fully|totally|entirely)\s+(?:down|unavailable|offline|broken|unusable|halted|stopped)\b"
            r"|\berror[- ]budget\b|\b(?:no one|nobody|none of (?:the|our) users)\s+(?:could|was able)\b"
            # "no image could be launched", "no requests were served": nothing worked, a 100 % share
            r"|\bno\s+(?:[\w-]+\s+)?" + _WHO_NOUN + r"\s+(?:could|can|would|were able|was able|succeeded|got through)\b"
            # "the cluster was left without any nodes": nothing left to serve, a 100 % share
            r"|\b(?:left|was|were|ran|running)\s+without\s+any\s+(?:[\w-]+\s+)?" + _WHO_NOUN + r"\b"
            # (not "fixed with zero site down time": the compound noun, nothing down)
            r"|\b(?:chain|network|site|service|platform)\s+(?:was\s+|is\s+)?(?:halted|down(?![ \t-]?time\b)|offline|unavailable|"
            r"non-?responsive|unresponsive)\b"
            # every release shipped broken: "every tagged binary from v0.2.0 on exited at startup",
            # "all published images crashed on boot"
            r"|\b(?:every|all)\s+(?:[\w-]+\s+)?(?:binar(?:y|ies)|releases?|builds?|versions?|artifacts?|archives?|images?|"
            r"packages?)\b(?:[^.\x00]|\.(?=\w)){0,40}?\b(?:exited|crashed|failed|died|broke|(?:was|were)\s+broken|(?:was|were)\s+dead|"
            r"(?:was|were)\s+unusable)\b"
            # "all systems are down", "all of our servers went offline"
            r"|\ball\s+(?:of\s+(?:our|the)\s+)?(?:systems|services|servers|machines|sites|nodes|hosts)\s+(?:are|were|went)\s+"
            r"(?:down|offline|unavailable|unreachable)\b"
            # the whole of something: "an ecosystem wide outage", "the website wasn't responding",
            # "All of Hex API features, including ..., were affected"
            r"|\b(?:ecosystem|network|system|company|platform|site|service|fleet|region|industry|chain|org)[- ]wide\b"
            # everything it serves: "Total home LAN network outage", "a complete outage of the API"
            r"|\b(?:total|complete|full)\s+(?:[\w-]+\s+){0,3}?(?:outage|blackout)\b"
            # the whole of a named service out: "a brief outage of the Slicer Wiki and Issue
            # Tracker", "an outage of our API"
            r"|\boutages?\s+of\s+(?:the\s+|our\s+)(?:[\w.-]+\s+){0,3}?(?:wiki|site|website|services?|api|tracker|"
            r"servers?|platform|app|application|registry|database|cluster|network|portal|forum|mirrors?)\b"
            # "Complete unavailability of mirrors/landing pages from 19:51 to 20:18"
            r"|\bcomplete\s+(?:unavailability|inaccessibility)\b"
            # one named machine out, what was hit: "Control-plane node `talos-192-168-1-85` became
            # `NotReady`", "host db-2 went down"
            r"|\b(?:node|host|server|instance|vm|machine)\s+`?[\w.-]{2,60}`?\s+(?:\([^()\x00]{0,40}\)\s+)?"
            r"(?:became|went|was|got)\s+`?(?:notready|not\s+ready|down|unreachable|unresponsive|offline)\b"
            r"|\b(?:site|website|service|platform|app|api|server)\s+(?:wasn" + _APOS + r"t|was\s+not|stopped)\s+responding\b"
            r"|\ball\s+of\s+(?:[\w.-]+\s+){1,2}?(?:features?|functionality|services?|apis?|endpoints?|products?)\b"
            r"[^.\x00]{0,120}?\b(?:were|was)\s+(?:\w+\s+)?(?:affected|impacted|unavailable|down|inaccessible|broken)\b"
            # "Everyone visiting the site couldn't open it": all of them, by a pronoun
            r"|\b(?:everyone|everybody|anyone|anybody)\s+(?:[\w-]+\s+){0,4}?(?:could" + _APOS + r"?n" + _APOS +
            r"?t|could not|can" + _APOS + r"?t|cannot|was unable|were unable|was affected|were affected|"
            r"lost access|got errors?|saw errors?|was blocked|were blocked)\b"
            # "Everyone who tried to log in or log out got slapped with a Cloudflare 502 Bad Gateway error"
            r"|\b(?:everyone|everybody|anyone|anybody)\s+who\s+(?:tried|attempted|wanted)\s+to\s+(?:log\s*(?:in|on|out)|"
            r"sign\s+(?:in|up|out)|access|open|load|use|reach|visit|connect|deploy|push|pull|download|upload|buy|pay|"
            r"check\s*out|register|install|browse|view|watch|play|send|post)\b[^.\x00]{0,60}?\b(?:got|received|"
            r"saw|hit|was\s+(?:met|greeted|slapped|served))\b[^.\x00]{0,40}?\b(?:errors?|[45]\d\d|failures?|timeouts?)\b"
            # last, as for counts: "All of the registry API features, including ..., were
            # affected" matches above where the share alone fails its test
            # ("the most common error" is a superlative, "at most" a bound: no share)
            # ("all data lost on every pod restart": how often, not how many were hit)
            # ("Both bots have received major down time": both of two is all of them)
            r"|(?P<all_of>\b(?:all|every|both|(?<!the )(?<!at )most|none of (?:the|our))\s+(?:of\s+(?:the|our)\s+)?(?:[\w-]+\s+){0,2}?"
            + _WHO_NOUN + r"\b(?![ \t]+(?:re-?starts?|reboots?|restarts?|re-?deploy(?:s|ments?)?|runs?|cycles?|upgrades?|"
            r"rollouts?|releases?|time|times)\b))", _F)),
        # money or tokens lost: "Total value lost: approximately 18k USD", "$18,000 was stolen",
        # "drained 1.2M tokens", "≈ 40 ETH was lost" (what an exploit or a bad trade cost is the
        # quantified impact of a loss); an amount with no loss word in its sentence ("cases
        # accounting for ~$50K") is not what the incident cost
        ("loss", regex_cache.compile(
            _LOSS_WORD + r"[^.\x00]{0,60}?" + _MONEY + r"|" + _MONEY + r"[^.\x00]{0,60}?" + _LOSS_WORD, _F)),
        # who was hit, named without a count: "The affected were mostly the implementations
        # team", "the impacted users were those on the beta channel"
        ("named", regex_cache.compile(
            r"\bthe\s+(?:affected|impacted)(?:\s+(?:users|customers|parties|people|ones|teams?|groups?))?\s+(?:were|was)\s+"
            r"(?:mostly\s+|only\s+|primarily\s+|mainly\s+|just\s+|largely\s+)?(?:the\s+|our\s+|those\s+)?@?[\w-]+"
            r"(?:\s+[\w-]+){0,3}", _F)),
    ),
    # the whole service out for everyone who uses it, told without a number: "users were not
    # able to authenticate against the cluster" (the users, unqualified: all of them), "bulk
    # editing did not work at all". Read by PM601 only where the text nowhere says the hit
    # was partial ("some users", "a subset of", "intermittently": see impact.py); not "some
    # users were unable" nor "new users could not", which name a part (see CONFIRMED_BY)
    "impact_whole": (
        ("whole", regex_cache.compile(
            r"(?P<all_users>\b(?:users|customers|clients|members|students|staff|visitors|players|subscribers|people)\s+"
            r"(?:were|was|are|is)\s+(?:not\s+able|unable)\s+to\s+[a-z]+"
            r"|\b(?:users|customers|clients|members|students|staff|visitors|players|subscribers|people)\s+"
            r"(?:could|can)(?:\s*not|n" + _APOS + r"t)\s+[a-z]+)"
            r"|(?P<not_at_all>\b(?:did\s*n(?:o|" + _APOS + r")?t|does\s*n(?:o|" + _APOS + r")?t|could\s*n(?:o|" + _APOS + r")?t|"
            r"no\s+chance\s+to)\s+work(?:ed|ing)?\s+at\s+all\b)", _F)),
    ),
    "impact_duration": (
        ("duration", regex_cache.compile(
            # "for 3 hours", "took two days": how long something went on, the impact's when its
            # sentence says something was hit or ended ("the site was down for 3 hours"); not
            # "the code worked perfectly fine for 22 months" (see CONFIRMED_BY). Not "after 5
            # minutes of blind panic": "after" times a step from some moment, not how long
            # anything lasted.
            r"\b(?:lasted|lasting|spanning|spanned|(?:bounded|capped|limited)\s+(?:to|by|at))\s+"
            + _APPROX + _MORE + _AMOUNT + r"\b"
            # ("a 98 minute service disruption": one word may stand before the noun)
            r"|\b\d+(?:[.,]\d+)?\s*[- ]?(?:second|minute|min|hour|hr|day|week)s?[- ](?:long\s+)?(?:[a-z]+\s+)?"
            r"(?:outage|downtime|degradation|disruption|incident|interruption|halt|window|period|delay|gap)\b"
            r"|\b\d+\s*h(?:ours?)?\s*(?:and\s+)?\d+\s*m(?:in(?:utes?)?)?\b"
            # "between 09:47 and 11:02", "Between approximately 2025-07-30 21:27 UTC and 2025-07-31
            # 07:27 UTC" (a date before either clock time, an approximation before the first)
            r"|\b(?:between|from)\s+" + _APPROX + _ON_DATE + r"~?\d{1,2}[:h]\d{2}(?:[ap]\.?m\b\.?|\b)[^.\x00:]{0,40}?\s"
            r"(?:and|to|until|till|through)\s+" + _APPROX + _ON_DATE + r"~?\d{1,2}[:h]\d{2}(?:[ap]\.?m\b\.?|\b)"
            # clock times written with a dot, the meridiem after the second: "between 0.45 and
            # 9.00 AM (CET)" (without it, "between 0.45 and 9.00" is any two numbers)
            r"|\b(?:between|from)\s+" + _APPROX + r"\d{1,2}\.\d{2}\s+(?:and|to|until|till)\s+\d{1,2}\.\d{2}\s?[ap]\.?m\b"
            # an amount set beside the outage: "was down for a while today (~6 hours)", "the site
            # was offline (about 6 hours)", "6 hours of downtime", "~6 hours down"
            r"|\b(?:down|offline|unavailable|unreachable|inaccessible|outage|downtime)\b[^.\x00()]{0,40}?\(\s*" + _APPROX
            + _AMOUNT + r"\b[^()\x00]{0,20}\)"
            # ("30 minutes of backend downtime": one word may name what was down)
            r"|(?<![\w.,])" + _APPROX + _AMOUNT + r"\s+(?:of\s+(?:total\s+|complete\s+|full\s+|partial\s+)?(?:[\w-]+\s+)?"
            r"(?:downtime|outage|unavailability|disruption|delays?)|(?:down|offline))\b"
            # the outage's length stated: "the outage window was only 34 minutes", "the downtime
            # lasted about 2 hours" (after the noun, with its verb)
            r"|\b(?:outage|downtime|disruption|incident|impact)(?:\s+(?:window|period|duration))?\s+(?:was|lasted)\s+"
            r"(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|~\s*)?" + _AMOUNT + r"\b"
            # (not when it happened: "The outage was 10 minutes after the deploy")
            r"(?!\s+(?:after|before|into|later|earlier|ago|from|since|past|prior)\b)"
            # availability lost for a while: "79 minutes of partial availability", "two hours of
            # degraded service", "two days of extremely sluggish performance" (not "99.9%
            # availability": an amount of time, then the loss)
            r"|(?<![\w.,])" + _APPROX + _AMOUNT + r"\s+of\s+(?:(?:extremely|very|severely|badly|really)\s+)?"
            r"(?:partial|reduced|degraded|limited|intermittent|sluggish|slow|poor|unstable|spotty|flaky)\s+"
            r"(?:availability|service|performance|connectivity)\b"
            # a word number before the outage: "a two hour outage", "a twenty-four hour downtime"
            r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" + _TENS + r")[- ]"
            r"(?:second|minute|hour|day|week)s?[- ](?:long\s+)?(?:outage|downtime|degradation|disruption|incident|"
            r"interruption|halt)\b"
            # a start clock time and "lasted until" a later one: "at approximately 12:05pm our website
            # went down ... and lasted until Friday, November 18th, at 3:01pm"
            r"|\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b[^.\x00]{0,120}?\b(?:lasted|lasting|continued|persisted|"
            r"was\s+(?:down|offline|unavailable))\s+(?:until|till|through)\b[^.\x00]{0,60}?\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b"
            # the service brought back after so long: "After 8 hours of hard work, we brought the
            # system back to its normal state" (the work began with the trouble; unlike "after
            # 5 minutes of blind panic, I took the site into maintenance mode", nothing came back)
            r"|\bafter\s+" + _APPROX + _AMOUNT + r"\s+(?:of\s+(?:[\w-]+\s+){0,2}?(?:work|effort|debugging|firefighting|"
            r"troubleshooting|recovery|investigation)(?:\s*,)?\s+)?(?:we|i|the\s+team)\s+(?:finally\s+)?(?:brought|got|had)\s+"
            r"(?:[\w-]+\s+){0,3}?back\b"
            # the service back after so long, told by its end: "we were 100% back up and running
            # in about 3 hours", "the site was back online within 40 minutes" (not a hope: "We
            # figured it would be back up after a few hours")
            r"|\b(?<!would\sbe\s)(?<!will\sbe\s)(?<!should\sbe\s)(?<!to\sbe\s)(?<!might\sbe\s)(?<!could\sbe\s)"
            r"back\s+(?:up\s+and\s+running|up|online|to\s+normal)\s+(?:again\s+)?(?:in|within|after)\s+(?:just\s+)?"
            + _APPROX + _AMOUNT + r"\b"
            # "After about 3 hours, our San Jose servers came back online": what was down, back
            r"|\bafter\s+" + _APPROX + _AMOUNT + r",?\s+(?:[\w-]+\s+){1,4}?(?:came|come|were|was|got)\s+back\s+"
            r"(?:online|up)\b"
            # reckoned from the onset: "Nine hours after the incident started, ..." (it lasted at least that)
            r"|(?<![\w.,])" + _APPROX + _AMOUNT + r"\s+(?:after|into)\s+(?:the\s+)?(?:incident|outage|downtime|disruption|impact)"
            r"(?:\s+(?:started|began|had\s+started|had\s+begun))?\b"
            # a window: "15:00 to 19:30 UTC", "3:26pm until 10:08am", "11:00-12:45", "12:17a - 12:35a"
            # ("from about 9:30pm to 12:30am last night": the meridiem written on the end too)
            r"|\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?|[ap]\b)?(?:\s*[a-z]{2,5})?\s*(?:to|until|till|\u2013|\u2014|-)\s*~?"
            r"\d{1,2}:\d{2}(?:\s?[ap]\.?m\b\.?|[ap]\b|\b)"
            # a range with its length in brackets: "28 Feb 2017 (~1738) to 01 Mar 2017 (~2054) (~75 hours)"
            r"|\bto\s+[^\n\x00]{0,40}?\(\s*" + _APPROX + _AMOUNT + r"\s*\)"
            # a Start/End pair: "Start: 2018-08-22\nEnd: 2018-08-23"
            r"|\bstart(?:ed|s)?(?:\s+(?:time|date))?\s*[:=]\s*[^\x00]{1,60}?\bend(?:ed|s)?(?:\s+(?:time|date))?\s*[:=]\s*\w"
            # bounded by events: "for the duration of the demonstration ... until its reversal",
            # "over the following hour"
            r"|\bfor\s+the\s+(?:whole\s+|entire\s+)?duration\s+of\b"
            # the window a notice reports, leading its sentence: "Within the past 24 hours, 73
            # updates were uploaded" (not "restorable ... within the last 7 days": a retention)
            r"|\bwithin\s+the\s+past\s+(?:\d{1,3}|few|couple\s+of)\s+(?:minutes|hours|days)\s*,"
            # ("within the next few days" promises, it measures nothing that happened)
            r"|\b(?:(?:over|for|during)\s+the\s+(?:following|next|first|last)|within\s+the\s+(?:following|first|last))"
            r"\s+(?:few\s+|couple of\s+)?"
            # ("Over the last weeks, I'll keep posting about what needs to change": a promise)
            r"(?:seconds?|minutes?|hours?|days?|weeks?)\b(?!,?\s+(?:i|we)(?:" + _APOS + r"ll|\s+will)\b)"
            # a maintenance's length, where its paragraph says it was one (or a downtime): "We
            # completed our Scheduled Maintenance. ... completed the migration in just over 3
            # hours" (the window the service was down for; see CONFIRMED_BY)
            r"|(?P<maintenance>\b(?:completed|finished|performed|carried\s+out|done)\s+(?:the\s+|our\s+)?"
            r"(?:scheduled\s+|planned\s+)?(?:[\w-]+\s+)?(?:maintenance|migration|upgrade|cutover)\s+(?:in|within)\s+"
            + _APPROX + _AMOUNT + r"\b"
            r"|\b(?:maintenance|migration|upgrade|cutover)(?:\s+window)?\s+(?:took|lasted)\s+" + _APPROX + _AMOUNT + r"\b)"
            r"|\b(?:outage|downtime|degradation|disruption|impact|incident)\s+(?:lasted|of|for)\s+" + _APPROX + _AMOUNT +
            # a stats line: "Time to recovery: 13 minutes", "Downtime - 2h", "TTR: 45 min"
            r"\b|\b(?:time\s+to\s+(?:recover(?:y)?|resol(?:ve|ution)|restor(?:e|ation)|mitigat(?:e|ion)|repair|fix)|mttr|ttr|"
            r"(?:total\s+)?downtime|(?:outage|incident|impact)\s+(?:duration|length)|duration)\s*(?:[:=\-\u2013|]|was|of)\s*"
            + _APPROX + _AMOUNT + r"\b|" + _DATE_RANGE +
            # "Resolution Time: ~4 hours", "Recovery time - 45 min": a header's stated length
            r"|\b(?:resolution|recovery|restoration|repair|outage|down)\s+time\s*(?:[:=\-\u2013|]|was|of)\s*"
            + _APPROX + _AMOUNT + r"\b"
            # a summary's "- **Time**: ~2-3 hours on September 10, 2025": a label of its own line
            # whose value opens with an amount of time (not "Time: 14:05 UTC", a moment)
            r"|(?<![^\x00\n])[\s*_-]{0,6}time[*_]{0,2}\s*:[*_]{0,2}\s*" + _APPROX + _AMOUNT + r"\b"
            # the length told after the window's end: "from approximately midnight until 7:52
            # A.M., nearly eight hours"
            r"|\b(?:until|till|to)\s+(?:approximately\s+|about\s+|around\s+)?\d{1,2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?"
            r"(?:\s*[a-z]{2,5})?,\s+" + _APPROX + _AMOUNT + r"\b(?!\s+(?:before|after|later|earlier|ago|prior|"
            r"from|into|of\s+(?:work|sleep|debugging)))"
            # last, as for counts: a branch above may match where this one fails its test
            # (not a measure's value: "an average runtime of 10 seconds", "a timeout of 60 seconds")
            r"|(?P<for_amount>\b(?<!runtime\s)(?<!latency\s)(?<!timeout\s)(?<!interval\s)(?<!ttl\s)(?<!TTL\s)"
            r"(?:for|over|took|needed|of|within)\s+" + _APPROX + _MORE + _AMOUNT + r"\b"
            # "red for over a period of 30 minutes"
            r"|\bfor\s+" + _APPROX + r"an?\s+period\s+of\s+" + _APPROX + _AMOUNT + r"\b"
            # a named stretch of the calendar: "Over the course of the weekend of November 17-18
            # ... all BLAST-related tools became inaccessible", "down for the whole weekend"
            r"|\b(?:over|for|during|throughout)\s+(?:the\s+course\s+of\s+)?(?:the\s+(?:whole\s+|entire\s+)?|an?\s+(?:whole\s+|entire\s+)?)"
            r"(?:weekend|(?:working\s+)?week)\b"
            r"|\b(?:for|throughout)\s+(?:the|an?)\s+(?:whole|entire)\s+(?:day|night|morning|afternoon|evening)\b"
            # ("within a few distracted evening hours": one or two words between the number and the unit)
            r"|\b(?:for|over|took|within)\s+" + _APPROX + _WORD_NUM + r"\s+(?:[a-z-]{3,20}\s+){1,2}"
            r"(?:minutes|hours|days|weeks)\b"
            # so far, from a start told as time ago: "Starting about a week ago, some users started
            # reporting new errors" (at least that long)
            r"|\b(?:starting|since|beginning)\s+" + _APPROX + _AMOUNT + r"\s+ago\b"
            # a vague length with its figure in brackets: "For a short period of time (10 minutes),
            # the site returned 502 errors", "for a brief while (~5 min)"
            r"|\bfor\s+(?:a|an)\s+(?:very\s+)?(?:short|brief|long|longer|extended|limited)\s+(?:period|time|while|"
            r"spell|window|stretch)(?:\s+of\s+time)?,?\s*\(\s*" + _APPROX + _AMOUNT + r"\b[^()\x00]{0,20}\)"
            # a consequence that lasted so long: "resulted in three days of stress", "led to two
            # hours of firefighting" (the impact's when its sentence says something was hit or restored)
            r"|\b(?:resulted\s+in|results\s+in|led\s+to|leading\s+to|caused|meant)\s+" + _APPROX + _AMOUNT
            + r"\s+of\s+[\w-]+)"
            # "Five days of nightmare followed.": what came after the failure, and how long
            r"|(?<![\w.,])" + _APPROX + _AMOUNT + r"\s+of\s+(?:[\w-]+\s+){1,2}(?:followed|ensued)\b", _F)),
    ),
    # what a security incident exposed: "exposing a GitHub personal access token",
    # "password compromise of an employee's account", "unauthorized access to the runners",
    # "the token was leaked": in a leak or a compromise, that is who or what was affected
    "exposure": (
        ("exposed", regex_cache.compile(
            r"\b(?:expos(?:ing|ed|es)|leak(?:ing|ed|s)|compromis(?:ing|ed|e of)|exfiltrat(?:ing|ed)|st(?:ole|olen)|"
            r"unauthori[sz]ed\s+access\s+to|gained\s+access\s+to)\s+(?:an?\s+|the\s+|our\s+|their\s+|all\s+|"
            r"multiple\s+|several\s+|two\s+|three\s+)?(?:[\w'\u2019-]+\s+){0,3}?" + _SECRET_NOUN + r"\b"
            # "some secrets were leaked" names nothing: not an answer
            r"|(?<!some )(?<!any )\b(?:" + _SECRET_NOUN + r"|" + _SUPPLY_NOUN + r")\b[^.\x00]{0,60}?\b(?:was|were|had been|has been|have been|may have been|"
            r"could have been|is|are)\s+(?:\w+\s+)?(?:exposed|leaked|compromised|exfiltrated|stolen|"
            r"accessed|made public|published)\b", _F)),
    ),
    "actions": (
        ("commitment", regex_cache.compile(
            # ("We'll start with the outage here and then work our way backwards", "I will
            # explain how": the writer guiding the reader through the text commits to nothing)
            r"\b(?:we|i|the team|our team)\s+(?:will(?!" + _TELLING + r")|shall|are going to(?!" + _TELLING + r")|plan to|intend to|are planning to|"
            r"have planned to|are working (?:on|to)|have started|have begun|are (?:now\s+|also\s+|currently\s+|still\s+)?"
            r"(?:adding|deploying|building|implementing|introducing|rolling out|moving|migrating|changing|updating|"
            r"improving|creating|writing|taking|reviewing|investigating|working|putting|making|enabling|requiring|"
            r"rotating|auditing|replacing|removing|documenting|automating|hardening|tightening|extending|"
            r"prioriti[sz]ing|exploring|evaluating|considering|backfilling|instrumenting))\b"
            # work in progress on a change, told by the team or one person: "I am trying to bring
            # the service via the Korean link up", "we're preparing to upgrade connections", and
            # after a done step: "We fixed the upstream issue and preparing to upgrade ..."
            # rules the writer now keeps: "Now, my rules are absolute:", "our new rules are"
            r"|\b(?:my|our)\s+(?:new\s+)?rules\s+(?:are|now)\b"
            # a change under way: "we are in the process of adopting new disc technology", "they
            # are reviewing the process, and are in the process of adopting ..." (the subject
            # a clause before, in the same sentence)
            r"|\b(?:we|i|they|the team|our team)\b(?:[^.\x00]{0,120}?\band)?\s+[\"\u201c]?(?:are|is|am)\s+" + _UNDER_WAY +
            r"|\b(?:we|i)" + _APOS + r"(?:re|m)\s+" + _UNDER_WAY +
            r"|\b(?:(?:we|i)\s+(?:are|am)|we" + _APOS + r"re|i" + _APOS + r"m)\s+(?:now\s+|also\s+|currently\s+)?"
            r"(?:preparing|trying)\s+to\s+" + _CHANGE_VERB +
            r"|\b(?:we|i)\b[^.\x00]{0,120}?\band\s+(?:(?:are|am)\s+)?(?:now\s+|also\s+)?preparing\s+to\s+"
            + _CHANGE_VERB +
            # ("I'll build a buffer of three rolling backups": one person's own plan, the
            # contraction too; not "I'll explain")
            r"|\bi" + _APOS + r"ll(?!" + _TELLING + r")\s+(?:build|add|set up|write|move|automate|replace|run|keep|"
            r"test|monitor|migrate|rotate|switch|make|fix|publish|back up|document|schedule|enable|check|"
            # ("And maybe I'll start a local wiki to keep domain and DNS configurations in one place")
            r"start|create|install|configure|update|upgrade|rewrite|refactor|clean up|implement|introduce|remove|"
            r"disable|pin|limit|restrict|harden|store|track|log|alert|verify|validate)\b"
            # one person's change under way: "I'm putting a disk monitor in place for immediate alerting"
            r"|\b(?:i" + _APOS + r"m|i\s+am)\s+(?:now\s+|also\s+|currently\s+)?(?:putting|adding|deploying|building|"
            r"implementing|setting\s+up|installing|moving|migrating|replacing|automating|writing)\b"
            r"|\bwe" + _APOS + r"(?:ll(?!" + _TELLING + r")|re (?:still\s+)?(?:going to(?!" + _TELLING + r")|planning|adding|deploying|building|implementing|introducing|"
            r"rolling out|moving|migrating|changing|updating|improving|creating|writing|taking|reviewing|"
            r"investigating|working|putting|making|enabling|requiring|rotating|auditing|replacing|removing|"
            r"documenting|automating|hardening|backfilling|instrumenting|also|now))\b"
            # ("Going forward, we are no longer doing X and hope to Y" commits to nothing: a stance
            # and a hope are no plan)
            r"|\b(?:going forward|moving forward|in the future,? we)\b(?![^.\x00]{0,40}?\b(?:no\s+longer|hope|hoping|"
            r"would\s+like|wish|might|may)\b)"
            # the lasting fix named after its label: "Long term fix ? **KILL WORDPRESS**",
            # "Permanent fix: move the queue to its own disk" (not "Long-term fix: TBD")
            r"|\b(?:long[- ]term|permanent|durable)\s+(?:fix|solution|remediation)\s*[:?]\s*(?:\*\*|__)?\s*"
            r"(?!(?:tbd|tbc|unknown|none|n/?a|pending|to\s+be|not\s+yet)\b)"
            r"(?![^.\x00\n]{0,50}?\b(?:no|not|none|nothing|don" + _APOS + r"t|do\s+not|still|undecided|unclear|yet)\b)[a-z]"
            # one person's change under way: "So I'm now looking to move my domains to another registrar"
            r"|\b(?:i" + _APOS + r"m|i\s+am|we" + _APOS + r"re|we\s+are)\s+(?:now\s+|also\s+)?(?:looking|planning)\s+to\s+"
            + _CHANGE_VERB +
            # a change about to be made: "I fixed the other columns and am about to write a
            # patch to log when things like this happen"
            r"|\b(?:(?:i|we|and)\s+(?:am|are)|i" + _APOS + r"m|we" + _APOS + r"re)\s+(?:now\s+)?about\s+to\s+"
            r"(?:(?:write|submit|push|merge|ship|release|send)\s+(?:a\s+|the\s+|our\s+)?(?:patch|fix|change|pr|pull\s+request)\b|"
            + _CHANGE_VERB + r")" +
            # a change the team agreed on: "The team quickly agreed that report generation should
            # be handled asynchronously using a background job" (not "we agreed it was the
            # network": a finding, no change)
            r"|\b(?:we|the\s+team|our\s+team|everyone)\s+(?:quickly\s+|then\s+|all\s+|unanimously\s+)?agreed\s+"
            # (not a verdict on the incident itself: "agreed that the incident should be classed SEV2")
            r"(?:that\s+(?!(?:the|this)\s+(?:incident|outage|event|postmortem|issue)\s+(?:should|must|will)\s+be\s+"
            r"(?:classed|classified|rated|considered|treated|marked|labell?ed|declared|called|filed|tracked|counted)\b)"
            r"[^.\x00]{0,120}?\b(?:should|must|will|would\s+need\s+to)\s+(?:be\s+)?[a-z]|to\s+" + _CHANGE_VERB + r")"
            # a next step handed to someone: "As a next step, @olistic is going to produce two
            # documents", "@sam will add the alert"
            # (a step told in the past, "As a next step, the on-call engineer restarted the pod", is
            # none; nor a bot's notice, "@dependabot will merge this PR", nor "@sam will look into it")
            r"|\bas\s+(?:a|the|our)\s+next\s+steps?,?\s+[^.\x00]{0,60}?\b(?:will|is\s+going\s+to|are\s+going\s+to|"
            r"plans?\s+to|intends?\s+to)\s"
            r"|(?<![\w@])@(?![\w.-]*bot\b)[\w.-]{1,39}\s+(?:will|is\s+going\s+to|plans\s+to|is\s+planning\s+to)\s+"
            r"(?!(?:be|you|look|check|see|think|try|investigate|consider|figure|find\s+out|dig)\b)[a-z]"
            r"|\b(?:to prevent (?:this|it|a recurrence|similar|such|future)|"
            r"to mitigate future|from happening again|never happens? again|"
            r"doesn" + _APOS + r"t happen again|does not happen again)\b"
            # a change made with its purpose: "a dummy package registered on PyPI (so that this
            # issue doesn't repeat)"
            r"|\bso\s+that\s+(?:this|it|the\s+[\w-]+|such\s+[\w-]+)\s+(?:[\w-]+\s+)?(?:doesn" + _APOS + r"t|does\s+not|"
            r"won" + _APOS + r"t|will\s+not|can" + _APOS + r"t|cannot|never)\s+(?:repeat|recur|reoccur|happen\s+again)\b"
            # a resolve told in the first person: "I won't update production databases carelessly
            # anymore", "we will never deploy on a Friday again"
            r"|\b(?:we|i)\s+(?:won" + _APOS + r"t|will\s+not|will\s+never|shall\s+not)\s+"
            r"(?!(?:be|know|see|find|notice|remember|hear|get|have|ever\s+know)\b)[a-z][^.\x00]{0,80}?"
            r"\b(?:anymore|any\s+more|again)\b"
            r"|\b(?:changes|steps|measures|actions|improvements|mitigations|safeguards)\s+(?:have\s+been|had\s+been|were|"
            r"are\s+being|will\s+be)\s+(?:made|taken|implemented|put in place|introduced|deployed|added)\b"
            # "..., and will add alerts" continues a sentence the team is the subject of ("an
            # API provider will run a private CA and will use it" describes someone else)
            r"|\b(?:we|i|team)\b[^.\x00]{0,120}?\b(?:and|but|also)\s+will\s+(?:avoid|not|never|continue|add|make|ensure|require|use|move|keep|stop|"
            r"start|introduce|implement|review|rotate|set)\b"
            # third person and work in progress: "<Org> plans to ...", "secrets are being rotated",
            # "is actively working on", "changes ... are under way", "has started rolling out"
            r"|\b(?:plans|intends|is planning|are planning|aims)\s+to\s+(?!be\b)[a-z]"
            r"|\b(?:is|are)\s+(?:now\s+|also\s+|currently\s+)?being\s+(?:rotated|deployed|implemented|added|rolled out|"
            r"migrated|replaced|removed|updated|reviewed|audited|revoked|rebuilt|built|developed|introduced|hardened|"
            r"tightened|moved|changed|reworked|improved|addressed|segmented|patched|fixed|automated|documented)\b"
            r"|\b(?:is|are)\s+(?:actively\s+|currently\s+|now\s+)?working\s+(?:on|to)\b"
            # "More monitor nodes (currently being worked on)", in brackets after the change (not
            # "the problem is being worked on": the incident, still open); "We need to continue watching
            # the metrics, experiment with the workers": a plan, however vague (PM310's matter)
            r"|\((?:currently\s+|now\s+|still\s+)?being\s+worked\s+on\)"
            r"|(?:\b(?:we|i)\s+(?:still\s+|now\s+|also\s+)?|(?:^|\x00|\n|[.!?]\s)[ \t]{0,3})need\s+to\s+(?:continue|keep|watch|monitor|experiment|"
            r"investigate|improve|review|ensure|implement|automate|document|test|add|change|fix|replace|move|set\s+up|"
            r"migrate|upgrade|rework|redesign|reduce|increase|limit|alert|track|kill|stop|remove|take)\b"
            # a remedy the writer can now put in place, named by what it would have done: "I can
            # actually set up verification jobs that do exactly what would've mitigated this
            # issue" (not "we could have set up ...": a regret)
            r"|\b(?:we|i)\s+(?:can|could)\s+(?:actually\s+|easily\s+|also\s+|now\s+)?(?:set\s+up|add|enable|configure|"
            r"schedule|use|introduce|implement)\b(?:[^.\x00]|\.(?=\S)){0,200}?\bwould(?:" + _APOS + r"ve|\s+have)\s+(?:mitigated|"
            r"prevented|caught|avoided|detected|flagged|notified|alerted|stopped)\b"
            # what the writer now needs, named: "I need a more robust notification mechanism for
            # this type of issue" (not "we need a minute", nor what was needed during the fix)
            r"|\b(?:we|i)\s+(?:still\s+|also\s+)?need\s+(?:a|an)\s+(?:more\s+(?:robust|reliable|resilient)|better|proper|"
            r"robust|reliable|dedicated|separate|second|redundant|automated)\s+[a-z]"
            # a passive future with its purpose: "Internal devops documentation will be updated to
            # ensure subdomains are always proxied"
            r"|\bwill\s+(?:also\s+)?be\s+(?:updated|added|changed|created|written|implemented|introduced|deployed|"
            r"rolled\s+out|migrated|replaced|removed|automated|documented|enforced|fixed|extended|revised)\s+"
            r"(?:to|so\s+that|so\s+as\s+to|in\s+order\s+to)\b"
            r"|\b(?:changes|work|improvements|fixes|migration|segmentation|rotation|remediation)\b[^.\x00]{0,80}?"
            r"\b(?:is|are)\s+(?:also\s+|now\s+|already\s+)?(?:under\s?way|in progress)\b"
            r"|\bchanges\s+(?:are\s+)?coming\b"
            # "the item at the top of my to-do list is to put a new backup system in place"
            r"|\b(?:on|of|to|in)\s+(?:my|our|the\s+team" + _APOS + r"s)\s+(?:to-?do|todo)\s+list\b"
            # done since, in the first person: "I've bumped the droplet's RAM", "we have added an alert"
            r"|\b(?:we|i)(?:" + _APOS + r"ve|\s+have)\s+(?:now\s+|also\s+|since\s+|already\s+)?(?:bumped|increased|"
            r"doubled|raised|added|installed|enabled|set up|introduced|implemented|automated|scheduled|hardened|"
            r"tightened|documented|opened (?:an?\s+)?(?:issue|ticket))\b"
            r"|\b(?:has|have)\s+(?:already\s+)?(?:started|begun)\s+(?:to\s+[a-z]|work|rolling|moving|migrating|rotating|"
            r"implementing|replacing|deploying)", _F)),
        # a rule the lessons lay down: "Snapshots must not be older than 7 days", "Do not migrate
        # both nodes at once" (only in a lessons section: elsewhere "must" describes the system)
        ("rule", regex_cache.compile(
            r"(?:^|\x00)(?:do not|don" + _APOS + r"t|never|always)\s+[a-z]"
            # ("it must have been muted", "that must be the cause" guess at the past: no rule)
            r"|\b(?:must|shall)\s+(?:not\s+|never\s+|always\s+)?(?:be\b(?!\s+(?:the|an?|due|because|related|caused)\b)|"
            r"have\b(?!\s+(?:been|had|gone|happened|caused|missed|failed)\b)|run|use|exist|happen|stay|remain|include)\b",
            _F)),
        # the plan kept in a document of its own, pointed to: "Read more about that in our
        # future preventative measures", "see the remediation plan", "the action items are
        # tracked in ..."
        ("linked", regex_cache.compile(
            r"\b(?:read|see|find|found|documented|described|listed|tracked|kept)\b[^.\x00]{0,40}?\b(?:in|at|on)\s+"
            r"(?:our|the|a|this|its)\s+(?:[\w-]+\s+){0,2}?(?:preventa?tive\s+measures|prevention\s+(?:plan|measures|steps|"
            r"document|doc|page)|action\s+items|remediation\s+(?:plan|items|steps|document|page)|follow[- ]?up\s+"
            r"(?:items|actions|plan|document|issues?|tickets?)|corrective\s+actions|improvement\s+plan)\b", _F)),
    ),
    # the impact stated as none: "No known impact.", "There was no customer impact", "no user
    # data was accessed", "no users were affected", "Impact: none". A negation must be the
    # whole statement: "no impact on latency" (something else was hit) and "no customer
    # impact, but builds failed" state some impact, and "no impact yet" is a moment.
    "no_impact": (
        ("none stated", regex_cache.compile(
            # "No known impact." opening a sentence, "there was no customer impact", "we saw no
            # impact", "this had no user impact" (after a subject, only impact on someone: "the
            # restart had no impact" says a fix did nothing, not that nobody was hit)
            r"(?:(?:(?<![^\x00\n])|(?<=[.;!]\s)|\b(?:there\s+(?:was|were|has\s+been|had\s+been)|we\s+(?:saw|observed|found|"
            r"know\s+of|are\s+aware\s+of)|resulted\s+in)\s+)"
            r"no\s+(?:known\s+|observed\s+|noticeable\s+|visible\s+|measurable\s+|significant\s+|actual\s+|real\s+|"
            r"direct\s+|lasting\s+|further\s+)?(?:" + _IMPACT_OF + r")?"
            r"|\b(?:this|it|which|the\s+(?:incident|attack|attempt|campaign|issue|event|exposure|leak))\s+"
            r"(?:had|has\s+had|caused|has\s+caused)\s+no\s+(?:known\s+|noticeable\s+|visible\s+|significant\s+|"
            r"actual\s+|direct\s+)?" + _IMPACT_OF +
            # "This did not have any impact on customers", "it didn't cause any user impact" (not
            # "we restarted the pods, but it did not have any impact": a fix that did nothing)
            r"|\b(?:this|it|which|the\s+(?:incident|attack|attempt|issue|event|exposure|leak|outage|change|decision))\s+"
            r"(?:did\s+not|didn" + _APOS + r"t|does\s+not|doesn" + _APOS + r"t|has\s+not|hasn" + _APOS + r"t)\s+"
            r"(?:have|had|cause|caused)\s+any\s+(?:known\s+|noticeable\s+|visible\s+|significant\s+|actual\s+|direct\s+)?"
            # (whose impact: named before it, or "on customers" after it)
            r"(?=" + _IMPACT_OF + r"impacts?\b|impacts?\s+(?:on|to)\s+(?:our\s+|the\s+|any\s+)?"
            r"(?:users?|customers?|clients?|players?|production)\b)"
            r"(?:" + _IMPACT_OF + r")?)impacts?\b"
            # "no impact on latency": only "on users / customers / production" is the whole of it
            r"(?!\s+(?:on|to)\s+(?!(?:our\s+|the\s+|any\s+|end[- ])?(?:users?|customers?|clients?|players?|production|"
            r"services?|anyone)\b))"
            r"(?![^.\x00\n]{0,60}?\b(?:but|except|however|although|though|other\s+than|apart\s+from|besides|beyond|"
            r"until|yet|so\s+far|expected|anticipated)\b)"
            r"|\b(?:no|none\s+of\s+(?:the|our))\s+(?:[\w-]+\s+){0,2}?(?:users?|customers?|clients?|players?|people|"
            r"accounts?)\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?(?:\w+\s+)?(?:affected|impacted|harmed)\b"
            # in a security incident: "no user data was accessed", "no customer accounts were compromised"
            r"|\bno\s+(?:[\w-]+\s+){0,2}?(?:data|accounts?|funds|secrets?|credentials?|tokens?|keys?|packages?|"
            r"repositor(?:y|ies)|systems?)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?"
            r"(?:accessed|exposed|compromised|leaked|stolen|exfiltrated|tampered\s+with)\b"
            r"|\b(?:nobody|no\s+one|no-one)\s+(?:was|were)\s+(?:\w+\s+)?(?:affected|impacted|harmed)\b"
            r"|\bimpact\s*[:=\-\u2013]\s*(?:none|nil|nothing|no\s+impact)\b"
            # labelled: "Realized: none." (beside the potential impact), "Users Affected: 0 (incident
            # caught in staging)", "Affected customers: none"
            r"|\b(?:realized|realised|actual|observed)(?:\s+impact)?\s*[:=\u2013]\s*(?:none|nil|nothing|no\s+impact)\b"
            r"|\b(?:(?:users?|customers?|clients?|players?|accounts?)\s+(?:affected|impacted)|"
            r"(?:affected|impacted)\s+(?:users?|customers?|clients?|players?|accounts?))\s*[:=\u2013]\s*"
            r"(?:0|none|zero|nobody|no\s+one)(?![\w.,%])(?!\s*(?:-|\u2013|\u2014|to|or)\s*\d)", _F)),
        # no outage: "the service was never unavailable", "there was no downtime", "without any
        # downtime" (the service stayed up: nothing to count or time); "never unavailable for more
        # than a minute" and "no downtime, but 30 % of requests failed" state some impact
        ("no outage", regex_cache.compile(
            r"(?:\b(?:service|services|site|website|platform|system|api|network|chain|app|product|cluster)\s+"
            r"(?:was|were|has\s+been|have\s+been|had\s+been|remained|stayed)\s+(?:never|not|at\s+no\s+(?:point|time))\s+"
            r"(?:\w+\s+)?(?:unavailable|down|offline|interrupted|unreachable|inaccessible)\b"
            r"|\b(?:there\s+(?:was|were|has\s+been|had\s+been)|with|caused|had|saw|resulted\s+in|without)\s+"
            # ("fixed with zero site down time")
            r"(?:no|any|zero)\s+(?:user[- ]facing\s+|customer[- ]facing\s+|service\s+|site\s+)?(?:downtime|down\s+time|outage|"
            r"service\s+(?:interruption|disruption))\b"
            # opening its sentence or item, facing someone: "No reader-facing outage — the health
            # check answered 200 throughout", "No user-facing downtime."
            # (not a forecast, "No customer-facing outage was expected", nor a silence with a
            # loss beside it, "No user-facing errors were shown; orders were lost")
            r"|(?:(?<![^\x00\n])|(?<=[.;!]\s))[-*\t ]{0,8}no\s+(?:user|customer|client|player|reader|visitor|subscriber|member|"
            r"public|external)[- ]facing\s+(?:downtime|outage|impact|disruption)\b"
            r"(?!\s+(?:was|were|is|are)\s+(?:expected|planned|anticipated|predicted|forecast|likely))"
            r"(?![^.\x00\n]{0,120}?\b(?:lost|dropped|corrupt\w*|failed|missing|delayed)\b))"
            r"(?![^.\x00\n]{0,60}?\b(?:but|except|however|although|though|other\s+than|apart\s+from|beyond|"
            r"more\s+than|longer\s+than|over\s+(?:an?\s+|\d)|until|yet|so\s+far)\b)", _F)),
        # "## Impact" that says only "None." (only in the impact section: elsewhere a bare
        # "None" answers some other heading)
        ("none", regex_cache.compile(r"(?<![^\x00])(?:none|nil|nothing|no\s+impact)\.?(?=\x00|$)", _F)),
    ),
    # a vulnerability found before anyone used it: "it hasn't been exploited", "was never
    # exploited", "fixed before any exploitation", "no funds were at risk" (nobody was harmed,
    # but the exposure still lasted a while: this answers who, not how long)
    "not_exploited": (
        ("not exploited", regex_cache.compile(
            r"(?:\b(?:has|have|had|was|were|is|are)(?:n" + _APOS + r"t|\s+not|\s+never)\s+(?:yet\s+)?(?:been\s+)?"
            r"(?:actively\s+|successfully\s+|ever\s+)?exploited\b"
            r"|\bbefore\s+(?:any\s+(?:exploitation|exploit|attack)|it\s+(?:could\s+be|was)\s+exploited|"
            r"anyone\s+(?:could\s+)?exploit)"
            r"|\bno\s+(?:evidence|sign|signs|indication)\s+(?:of|that)\s+(?:any\s+|active\s+)?(?:exploitation|"
            r"(?:it|the\s+(?:bug|flaw|vulnerability))\s+(?:was|has\s+been|had\s+been)\s+exploited)\b"
            r"|\bno\s+(?:user\s+|customer\s+)?(?:funds|assets|tokens)\s+(?:were|was|are|have\s+been)\s+"
            r"(?:ever\s+)?(?:at\s+risk|lost|stolen|drained)\b)"
            r"(?![^.\x00\n]{0,60}?\b(?:but|except|however|although|though|until)\b)", _F)),
    ),
    "detection_improved": (
        ("added", regex_cache.compile(
            r"\b(?:we|i|the team)(?:" + _APOS + r"ve|" + _APOS + r"ll| have| will| are| had)?\s+(?:now\s+|also\s+|since\s+)?"
            r"(?:added|adding|add|created|creating|set up|setting up|introduced|introducing|built|building|enabled|"
            r"enabling|configured|configuring)\s+(?:new\s+|an?\s+|more\s+|better\s+|some\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:alerts?|alerting|monitoring|monitors?|probes?|dashboards?|health ?checks?|slos?|synthetic (?:checks?|tests?))\b",
            _F)),
        # a done action told as a log line, with no subject: "added deterministic smoke
        # diagnostics (startup stdout/stderr, probe log, ...)", "set up an uptime alert"
        ("logged", regex_cache.compile(
            # (each verb opening a piece or a line: see `_line_opening`)
            _line_opening("added", "created", "set up", "introduced", "built", "enabled", "configured",
                          "implemented") + r"\s+"
            r"[^.\x00\n]{0,60}?\b(?:alerts?|alerting|monitoring|monitors?|probes?|health ?checks?|slos?|"
            r"synthetic (?:checks?|tests?|monitors?))\b", _F)),
        # an improvement named as a list item: "2. More aggressive alerting when destructive
        # actions occur", "- Better health checks on the workers" (opening its piece or line)
        ("named", regex_cache.compile(
            _line_opening("more", "better", "improved", "additional", "extra", "earlier", "faster", "proactive")
            # (not "More monitor nodes": Ceph's monitors are servers, no detection)
            + r"\s+(?:[\w-]+\s+){0,2}?" + _DETECTION_SIGNAL, _F)),
        # a step to take, opening its list item or line: "- Put in place a monitoring system so
        # that I receive SMS alerts when something bad goes wrong", "Set up uptime checks"
        ("step", regex_cache.compile(
            _line_opening("put in place", "set up", "add", "introduce", "implement", "enable", "configure", "create",
                          "build", "deploy", "install")
            + r"\s+(?:[\w-]+\s+){0,3}?" + _DETECTION_SIGNAL, _F)),
        # the detection the writer now needs, named: "I need a more robust notification
        # mechanism for this type of issue", "we need better alerting on the backups"
        ("needed", regex_cache.compile(
            r"\b(?:we|i)\s+(?:still\s+|also\s+)?need\s+(?:a\s+|an\s+|some\s+)?(?:more\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:notifications?|alerts?|alerting|monitoring|health ?checks?|uptime ?checks?)\b", _F)),
        # the signal under construction: "I am in the process to create a better monitoring",
        # "we're in the process of setting up alerting for the queue"
        ("building", regex_cache.compile(
            r"\b(?:i\s+am|i" + _APOS + r"m|we\s+are|we" + _APOS + r"re)\s+(?:now\s+|currently\s+)?in\s+the\s+process\s+"
            r"(?:to|of)\s+(?:creat\w*|build\w*|set\w*\s+up|add\w*|implement\w*|improv\w*|introduc\w*)\s+"
            r"(?:an?\s+|some\s+|our\s+|the\s+)?(?:better\s+|new\s+|more\s+|basic\s+|proper\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:monitoring|alerting|alerts|monitors|health\s?checks|uptime\s+checks)\b"
            # not the story's moment: "I'm in the process of setting up monitoring when the disk fills"
            r"(?![ \t]+(?:[\w-]+[ \t]+){0,3}?when\b)", _F)),
        # the signal named as the next thing to build: "I still have none of these. APM
        # alerting is next.", "Uptime checks are up next"
        ("next", regex_cache.compile(
            r"\b(?:alerting|alerts|monitoring|monitors|probes|health ?checks|uptime ?checks)\s+(?:is|are)\s+"
            r"(?:(?:up|coming)\s+)?(?:next|the\s+next\s+step|next\s+on\s+(?:my|our|the)\s+list)\b"
            r"(?!\s+to\b)", _F)),  # "Alerting is next to useless" is a judgement
        # a change planned or made so the failure tells someone: "A future change is for the
        # bot to expose a /metrics endpoint, so that it will actually raise issues when it's
        # no longer on", "so that I get pinged when the job fails"
        ("purpose", regex_cache.compile(
            r"\bso\s+(?:that\s+)?(?:it|we|i|they|someone|the\s+[\w-]+)\s+(?:will\s+|would\s+|can\s+|could\s+)?"
            r"(?:actually\s+|immediately\s+|automatically\s+)?(?:raise|raises|send|sends|fire|fires|trigger|triggers|"
            r"get|gets|receive|receives|be|is|are)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:issues?|alerts?|notifications?|"
            r"notified|alerted|pinged|paged|warnings?|warned)\b[^.\x00]{0,60}?\b(?:when|if|whenever|as\s+soon\s+as)\b"
            # not a set-up told as one that failed: "so that it sends notifications when it
            # fails, but the address was wrong"
            r"(?![^.\x00]{0,80}?\bbut\b)", _F)),
        # a trigger mapped to its alert, as a list of monitoring rules writes it: "Missing tables
        # detected → Auto-restore + alert", "Daily backup failures -> Email alert" (the arrow
        # and the alert on one line)
        ("mapped", regex_cache.compile(
            r"(?:→|⇒|->|=>)[ \t]{0,3}(?:[\w+/&,-]+[ \t]{1,3}){0,4}?(?:e-?mail[ \t]+|slack[ \t]+|sms[ \t]+|"
            r"pager[ \t]+)?(?:alerts?|alerting|pages?|paging)\b", _F)),
        # the action items told in a sentence: "our action items included tasks such as
        # rotating keys, ..., scanning execution logs for leaked secrets, and ..."
        ("listed", regex_cache.compile(
            r"\b(?:action items?|follow-?up (?:items|actions|tasks)|remediation (?:items|tasks)|next steps)\s+"
            r"(?:\w+\s+){0,2}?(?:include[sd]?|including|are|were|will be|such as)\b[^.\x00]{0,200}?"
            r"\b(?:alerts?|alerting|monitoring|monitors?|probes?|health ?checks?|synthetic (?:checks?|tests?)|"
            r"scan(?:s|ning)?\s+(?:[\w-]+\s+){0,3}?for)\b", _F)),
        # the gap named, then work on it promised: "our alerting didn't notify us soon enough
        # ... We're working on improving this, so we can catch the issues sooner"
        ("promised", regex_cache.compile(
            r"\b(?:alerting|alerts?|monitoring|monitors?|detection)\b[^.\x00]{0,60}?\b(?:(?:didn|wasn|weren|doesn|don)"
            + _APOS + r"t|did not|was not|were not|does not|failed|missed|never|not|too late|too slow)\b[^.\x00]{0,100}?[.!]\s{1,3}"
            r"(?:we(?:" + _APOS + r"re|" + _APOS + r"ll| are| will)|the team (?:is|will))\s+(?:now\s+|already\s+)?"
            r"(?:working on\s+|looking to\s+)?(?:improv|fix|address|tun|rework|chang)\w*\s+(?:this|that|it|them)\b", _F)),
    ),
    "no_pages": (
        ("nobody paged", regex_cache.compile(
            r"\b(?:nobody|no one|no-one|none of us|no responders?|no engineers?)\s+(?:was|were|got|had to be|needed to be)\s+"
            r"(?:paged|woken|woken up|called|alerted)\b|\bno\s+(?:pages?|alerts?)\s+(?:was|were)\s+(?:sent|fired|needed)\b"
            r"|\bwithout\s+(?:paging|waking)\b|\b(?:was|were)\s+not\s+paged\b|\bno\s+one\s+got\s+paged\b", _F)),
    ),
    # no pager to count pages on: "there's no clear ops on-call/escalation plan", "we don't
    # have an on-call rotation", "a volunteer-run project"
    "no_pager": (
        ("no pager", regex_cache.compile(
            r"\b(?:no|not\s+(?:have|had)\s+(?:an?|any)|(?:don|didn|doesn)(?:'|\u2019)?t\s+have\s+(?:an?|any)|"
            r"without\s+(?:an?|any))\s+(?:clear\s+|formal\s+|dedicated\s+|real\s+|official\s+|established\s+|"
            r"24/7\s+)?(?:ops\s+)?(?:on[- ]?call|pager|pagerduty)(?:\s*/\s*escalation|\s+or\s+escalation)?"
            r"(?:\s+(?:rotation|rota|schedule|plan|process|system|team|duty|coverage|policy))?\b", _F)),
        ("volunteers", regex_cache.compile(
            r"\bvolunteer[- ](?:run|driven|led|based|maintained|staffed|project|team|effort|organi[sz]ation)\b"
            r"|\b(?:run|maintained|staffed)\s+(?:entirely\s+|solely\s+|only\s+)?by\s+volunteers\b|\ball[- ]volunteer\b",
            _F)),
    ),
    "lessons": (
        ("lessons", regex_cache.compile(
            r"\b(?:lessons?\s+(?:learned|learnt)|we (?:have\s+)?(?:learned|learnt)|what we learned|went well|"
            r"went wrong|got lucky|takeaways?|in hindsight|in retrospect|key learnings?|learnings"
            # what went wrong in the response, asked as such: "## Why detection failed",
            # "Why the alerts were late", "What slowed us down"
            r"|why\s+(?:the\s+|our\s+)?(?:detection|alerting|monitoring|alerts?|paging|escalation|response|rollback|"
            r"recovery|mitigation)\s+(?:failed|didn['\u2019]t\s+work|did\s+not\s+work|(?:was|were)\s+(?:late|slow|delayed|missed))"
            r"|what\s+slowed\s+us\s+down"
            # what the incident taught, told as its moral: "This incident demonstrates the
            # critical importance of: atomic operations ...", "it taught us the value of backups"
            r"|\b(?:incident|outage|event|episode|experience|failure|this)\s+(?:clearly\s+|really\s+)?"
            r"(?:demonstrates|demonstrated|highlights|highlighted|shows|showed|underscores|underscored|reinforces|"
            r"reinforced|taught\s+(?:us|me)|teaches\s+(?:us|me)|reminded\s+(?:us|me)\s+of)\s+(?:the\s+)?"
            r"(?:critical\s+|crucial\s+|real\s+|vital\s+|great\s+)?(?:importance|value|need|necessity)\s+(?:of|for)"
            r"(?!\s*[\d-]))\b", _F)),
    ),
    "root_causes": (
        ("cause", regex_cache.compile(
            # "the root cause was ...", "Root cause: ..." (not "we worked to identify the root
            # cause of the issue": looking for it states none, unless its words follow)
            r"\b(?<!identify\sthe\s)(?<!identified\sthe\s)(?<!find\sthe\s)(?<!found\sthe\s)(?<!determine\sthe\s)"
            r"(?<!investigate\sthe\s)(?<!understand\sthe\s)(?<!establish\sthe\s)(?<!out\sthe\s)(?<!for\sthe\s)"
            r"(?<!into\sthe\s)(?<!on\sthe\s)root[- ]?causes?\b"
            r"|\broot[- ]?causes?(?=(?:[ \t]+of[ \t]+(?:this|the|that|these|our)[ \t]+[\w-]+)?"
            r"[ \t]*(?::|was\b|is\b|were\b|are\b|as\b|lies\b|lay\b|here\b))|\b(?:was|were|is|are)\s+(?:ultimately\s+|primarily\s+|mainly\s+|actually\s+)?"
            r"(?:caused|triggered)\s+by\b|\bcaused\s+by\b"
            r"|\bthe\s+(?:underlying\s+|main\s+|primary\s+|actual\s+|real\s+|proximate\s+|immediate\s+)?"
            r"causes?\s+(?:was|were|is|of)\b|\b(?:was|were)\s+(?:ultimately\s+|primarily\s+|mainly\s+)?due\s+to\b"
            r"|\bresulted\s+from\b|\bturned\s+out\s+(?:that|to be)\b"
            # the story's turn to its cause, in the present: "What happened? Turns out, I didn't
            # use `git pull` very intelligently", "as it turns out, I saved an old version"
            r"|\b(?:(?:as\s+)?it\s+)?turns\s+out(?:\s*,|\s+(?:that|to\s+be)\b)"
            # (not one more thing found down: "Turns out, the status page was down too")
            r"(?![^.\x00]{0,60}?\b(?:was|were)\s+(?:also\s+)?(?:down|offline|unavailable|unreachable|affected|"
            r"impacted|out)\b)"
            # the fault named, then what it did: "Five of the seven nameservers ... stopped
            # responding. This made many .io domains inaccessible for a few hours."
            # (the sentence before names a fault: `_after_a_fault`; "We restarted the API. This
            # made the admin dashboard unreachable for a minute" tells a step's side effect)
            r"|\b(?P<made>(?:this|that|which)\s+(?:made|left|rendered))\s+(?:[\w.`'-]+\s+){1,6}?(?:inaccessible|"
            r"unreachable|unavailable|unusable|unresponsive)\b"
            # the outage's noun right before its cause: "Both bots have received major down time
            # due to the host dropping container availability" (not "because of": "re-opening
            # outage because of reports" gives the reason a step was taken)
            # ("a brief outage of the Slicer Wiki and Issue Tracker due to a disk-full condition":
            # what was out may stand between)
            r"|\b(?:down[ \t]?time|outages?|disruptions?|interruptions?|instability|crash(?:es)?|failures?)[ \t]+"
            r"(?:of[ \t]+[^.,;\x00]{1,60}?[ \t]+)?(?:was[ \t]+|were[ \t]+)?(?:due[ \t]+to|owing[ \t]+to)\b"
            # (not "due to an issue we have not yet identified": no cause is stated)
            r"(?![^.\x00]{0,60}\b(?:not\s+(?:yet\s+)?(?:identified|known|determined|found)|unknown|unclear|"
            r"unidentified|undetermined)\b)"
            # a labelled cause, as a log table's column names it ("Cause: Blackout of 2x PoE
            # switches", "Probable cause: a failed PSU"; not "Cause: unknown")
            r"|(?:^|\|[ \t]*)(?:probable[ \t]+|likely[ \t]+|suspected[ \t]+)?causes?[ \t]*:[ \t]*"
            r"(?!unknown|tbd|tbc|n/?a\b|none|-|\?|not\s+(?:yet\s+)?(?:known|clear|determined|identified)|unclear|"
            r"under\s+investigation|being\s+investigated|(?:still\s+)?investigating)\w"
            r"|\bthe\s+(?:problem|issue|bug|failure|outage)\s+was\s+(?:that|caused)\b"
            # the change that broke it, told with its bug: "The feature they had deployed had a bug
            # that would call our service in all situations" (not "we had a bug bash")
            r"|\b(?:had|contained|introduced|shipped|carried)\s+an?\s+(?:[\w-]+\s+)?bug\s+(?:that|which|where|causing)\b"
            r"|\b(?:which|that|this|it)\s+(?:ultimately\s+|eventually\s+|directly\s+|then\s+)?(?:caused|triggered)\b"
            r"|\b(?:inadvertently|ultimately|directly|eventually)\s+(?:led|leading)\s+to\b|\bthe\s+(?:primary\s+)?culprit\b"
            r"|\bthe\s+(?:main|primary|underlying|real|core|key|fundamental)\s+(?:reason|problem|issue)\s+(?:was|is)\b"
            r"|\b(?:was|were|is|are)\s+the\s+(?:root\s+|primary\s+|main\s+|underlying\s+|likely\s+)?cause\b"
            r"|\b(?:investigation|we)\s+(?:\w+\s+)?(?:determined|concluded|established)\s+that\b"
            # "later came to the conclusion that our contracts were configured with the
            # incorrect messenger contract address"
            r"|\b(?:came|come|coming)\s+to\s+the\s+conclusion\s+that\b"
            # a fault of configuration told as what was: "reconfigured to point to nameservers
            # that were not configured with correct information", "configured with the
            # incorrect messenger address"
            r"|\b(?:was|were)\s+(?:not\s+(?:properly\s+|correctly\s+)?configured\b|misconfigured\b|"
            r"configured\s+with\s+(?:the\s+|an?\s+)?(?:incorrect|wrong|invalid|bad|stale)\b)"
            # the cause announced by a colon: "The team identified a pain point: There isn't
            # adequate time between code freeze, QA, and launch"
            r"|\b(?:identified|found|spotted|uncovered)\s+(?:a|the|one|two|three|several)\s+(?:main\s+|key\s+|core\s+|real\s+)?"
            r"(?:pain\s+points?|gaps?|weakness(?:es)?|problems?|issues?|flaws?)\s*:\s*\S"
            # "the cause has been identified as an issue around ...", "we traced the cause to ..."
            r"|\bthe\s+(?:likely\s+|probable\s+)?cause\s+(?:has\s+been|had\s+been|was|is)\s+(?:now\s+)?"
            r"(?:identified|traced|determined|confirmed|narrowed\s+down)\s+(?:as|to)\b"
            r"|\b(?:traced|narrowed)\s+(?:the\s+)?(?:problem|issue|cause|failure|outage)\s+(?:down\s+|back\s+)?to\b"
            # the bug pointed at: "there is a bug here. Can you find it? It's in the assignment"
            r"|\bthere(?:" + _APOS + r"s|\s+is|\s+was)\s+an?\s+(?:bug|typo)\s+(?:here|in\s+(?:this|the|our|my))\b"
            # the cause found and shown: "Well, there's your problem:" (over a photo of the cut cable)
            # (not someone quoted saying so: 'the ISP said "there's your problem"')
            r"|(?<![\"\u201c'\u2018])\bthere(?:" + _APOS + r"s|\s+is|\s+was)\s+(?:your|our|the)\s+(?:problem|culprit|cause)\b"
            # physical damage to the line: "Foxes have dug under the fence and damaged one of the
            # Ethernet cables", "a backhoe severed the fibre"
            r"|\b(?:damaged|severed|chewed(?:\s+through)?|gnawed(?:\s+through)?)\s+(?:one\s+of\s+)?(?:the\s+|our\s+|my\s+|an?\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:cables?|wires?|wiring|fib(?:re|er)s?|conduits?|power\s+lines?)\b"
            # (not a suspicion ruled out: "... had damaged the fibre cable, but their technician found it intact")
            r"(?![^.\x00]{0,100}?\b(?:but|however)\b[^.\x00]{0,80}?\b(?:intact|fine|undamaged|okay|ok|ruled\s+out|"
            r"not\s+the\s+cause)\b)"
            r"|\b(?:was|were|has\s+been)\s+(?:traced|narrowed\s+down)\s+(?:back\s+)?to\b"
            # (each branch starts with `\b`: with one that does not, the whole search runs 4x slower)
            r"|\b(?=causing)(?:(?<=, )|(?<=,\n)|(?<=, thereby )|(?<=, ultimately ))causing\b"
            # "this is due to a flaw in ...", "the bug was in the parser", "this issue was introduced in ..."
            r"|\b(?:this|that|it|which)\s+(?:is|was)\s+(?:all\s+|ultimately\s+|mainly\s+)?due\s+to\b"
            r"|\bthe\s+(?:bug|flaw|problem|issue|fault|defect|error|mistake)\s+(?:was|is|lay|lies)\s+in\b"
            # "the bug was an unguarded method", "the vulnerability was a missing access check"
            r"|\bthe\s+(?:bug|flaw|defect|vulnerability|exploit)\s+(?:was|is)\s+(?:an?|that)\s"
            r"|\b(?:issue|bug|flaw|vulnerability|regression|problem|defect)\s+(?:was|were|had been)\s+"
            r"(?:first\s+|originally\s+)?introduced\b"
            # "would allow an attacker to ...", "This design enables somebody to register a package
            # by the same name", "allowed for this disconnect"
            r"|\b(?:would\s+|could\s+)?(?:allow(?:ed|s)?|enabl(?:e|es|ed)|lets?)\s+(?:an?\s+|any\s+)?"
            r"(?:attackers?|malicious\s+\w+|somebody|someone|anyone|any\s+user)\s+to\b"
            r"|\ballow(?:ed|s)?\s+for\s+(?:this|these|the)\s+(?:\w+\s+)?(?:disconnect|issue|bug|problem|flaw|"
            r"vulnerability|exploit|attack|bypass|escalation|leak|exposure|failure|outage)\b"
            # "which later on leads to 100 %", "the database failed because the disk was full"
            r"|\b(?:which|that)\s+(?:later\s+on\s+|later\s+|then\s+|in\s+turn\s+|eventually\s+)?(?:leads|led)\s+to\b"
            r"|\b(?:failed|crashed|broke|went down|stopped|hung|froze|timed out|ran out|filled up|expired|"
            r"happened|occurred|(?:was|were)\s+(?:down|unavailable|slow|unresponsive|broken))\s+(?:\w+\s+){0,2}?"
            r"(?:because|due\s+to|owing\s+to)\b"
            # a cause told first: "Unfortunately, due to the power loss, there was filesystem
            # corruption", "Because of a typo in the config, ..." (at a sentence's start or after
            # a comma; not "Due to the outage, ..." nor "Because of this": the incident is no cause)
            r"|\b(?=due|because|owing|as\s)(?:(?<![^\x00])|(?<=[.!?:;] )|(?<=[.!?]  )|(?<=[.!?:;]\n)|(?<=, )|(?<=\bbut )|(?<=\band )|(?<=\bso ))"
            r"(?:due\s+to|because\s+of|owing\s+to|as\s+a\s+result\s+of)\s+(?!(?:this|that|it|these|those)\b|"
            r"(?:the|this|that|an?|our)\s+(?:outage|incident|downtime|disruption|situation|issue|problem|"
            r"above|following)\b)[^,.\x00]{1,40}"
            # one failure leading to the next: "a lightning strike led to power loss", "the
            # retry storm leads to connection exhaustion", "an expired certificate caused the
            # outage" (not "the outage led to ...": what the incident led to is its impact, not
            # its cause; nor "this can lead to": a risk; nor "we don't know what caused it")
            r"|\b(?=le[ad]|caus|trig)(?<!what )(?<!have )(?<!outage )(?<!outages )(?<!incident )(?<!downtime )(?<!disruption )(?<!this )(?<!it )"
            r"(?<!report )(?<!reports )(?<!complaints )(?<!alert )(?<!alerts )(?<!investigation )(?<!review )"
            r"(?<!can )(?<!could )(?<!may )(?<!might )(?<!will )(?<!would )(?<!should )(?<!must )(?<!not )"
            r"(?<!never )(?<!to )(?:(?:led|leads|lead)\s+to|caused|causes|triggered|triggers)\s+(?:an?\s+|the\s+|our\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:outages?|downtime|failures?|crash(?:es)?|corruption|data\s+loss|power\s+loss|exhaustion|"
            r"deadlocks?|overload|saturation|fragmentation|timeouts?|errors?|unavailability|instability|"
            r"inconsistenc(?:y|ies)|split[- ]brain|outofmemory|oom|leaks?|lockups?|loss\s+of|shutdowns?)\b"
            r"|\b(?=resulting)(?:(?<=, )|(?<=,\n)|(?<=, thereby )|(?<=, ultimately )|(?<=, eventually ))resulting\s+in\s+(?:an?\s+|the\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:outage|downtime|crash(?:es)?|corruption|data\s+loss|incident|exhaustion|"
            r"deadlock|lockup)\b"
            # an attack told as what the attacker did: "a remote attacker managed to exploit
            # a critical vulnerability in a 3rd party system", "the vulnerability in our
            # plugin was exploited"
            r"|\b(?:attackers?|hackers?|adversar(?:y|ies)|intruders?|threat\s+actors?|malicious\s+(?:actors?|"
            r"part(?:y|ies)|users?|third\s+part(?:y|ies)))\b[^.\x00]{0,60}?\b(?:exploit(?:ed|s|ing)?|abused|"
            r"leveraged|took\s+advantage\s+of)\s+(?:an?\s+|the\s+|our\s+|this\s+|a\s+known\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:vulnerabilit(?:y|ies)|flaws?|bugs?|weakness(?:es)?|misconfigurations?|security\s+holes?|"
            r"cve-\d{4}-\d{4,7}|backdoor|zero[- ]day|0[- ]day)\b"
            r"|\b(?:vulnerabilit(?:y|ies)|flaws?|weakness(?:es)?|security\s+holes?)\b[^.\x00]{0,60}?"
            r"\b(?:was|were|had\s+been|has\s+been|got)\s+(?:actively\s+)?exploited\b"
            # the fault and its reason in one clause: "I was solely responsible for this error
            # because I refactored the code ... and missed the indentation", "the outage
            # happened because the certificate expired" (not "because of reports": a reason
            # for a step, see above)
            # (an outage, an incident or an issue only with the verb of its happening: not "We
            # closed the issue because the errors stopped", "declared the incident because")
            r"|\b(?:this|that|the|our|my)\s+(?:(?:error|mistake|bug|screw[- ]?up|failure|breakage)\s+(?:(?:was|happened|"
            r"occurred|arose|came\s+about)\s+)?|(?:outage|incident|issue|problem|crash|downtime)\s+(?:was|happened|occurred|"
            r"arose|came\s+about)\s+)because\s+(?!of\b)(?:i|we|the|our|my|a|an|it|they|someone|[\w-]+\s+(?:was|were|had|did))\b"
            # the way in, told as the story's step: "a random user shared a phishing link on
            # multiple channels", "an engineer clicked a phishing email" (the attack's vector)
            r"|\b(?:clicked|opened|followed|fell\s+for|shared|sent|posted|spread)\s+(?:on\s+)?(?:an?\s+|the\s+|this\s+)?"
            r"(?:[\w-]+\s+)?phishing\s+(?:links?|e-?mails?|messages?|pages?|sites?|urls?|attacks?|attempts?|campaigns?)\b"
            # the mechanism as a limit crossed: "the GRE tunnel MTU is larger than the
            # fragmentation point", "the payload exceeded the 1 MB size limit", "connections
            # exceeded the pool's maximum" (not a threshold: crossing one is how it was noticed)
            r"|\b(?:exceed(?:ed|s|ing)?|(?:is|was|are|were)\s+(?:much\s+|far\s+|slightly\s+)?(?:larger|bigger|"
            r"greater|higher|more)\s+than)\s+(?:the\s+|its\s+|their\s+|our\s+|a\s+|what\s+)?"
            r"(?:[\w'\u2019-]+\s+){0,3}?(?:limits?|capacity|maximum|max|quotas?|ceiling|mtu|"
            r"(?:fragmentation|breaking|saturation)\s+point|available\s+(?:memory|disk|space|storage|capacity)|"
            r"(?:the\s+\w+\s+)?(?:could|can)\s+(?:handle|hold|accept|fit))\b"
            # what an error told the team: "the error “clientid is in use” can mean that NFS and
            # the server were out of sync", "the log message indicated that the disk was full"
            r"|\b(?:errors?|error messages?|messages?|warnings?|logs?|log lines?)\b[^.\x00]{0,80}?"
            r"\b(?:means|meant|can\s+mean|could\s+mean|may\s+mean|might\s+mean|indicates|indicated)\s+that\b"
            # the consequence told after its cause: "... by running a fork bomb on them. What
            # followed was the complete lockup", "This resulted in a full disk"
            r"|\bwhat\s+followed\s+was\b|\b(?:this|which|that|it)\s+(?:ultimately\s+|then\s+)?result(?:ed|s)\s+in\b"
            # a decision or shortcut told before, named as what brought this on: "that stupid
            # decision came back to bite me", "the shortcut came back to haunt us"
            r"|\bcame\s+back\s+to\s+(?:bite|haunt)\b"
            # "The reason of today's issue is hardware failure", "the reason for the outage was
            # ...", "The DNS outage was related to our transferring of the domain", "We've seen
            # this as a result of a stopped task", "... removed the NS records, effectively
            # letting the domain go dark"
            r"|\bthe\s+reasons?\s+(?:of|for|behind)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:issues?|outages?|problems?|"
            r"incidents?|downtime|failures?|disruptions?|crash(?:es)?|errors?)\s+(?:is|was|were|are)\b"
            r"|\b(?:outage|issue|incident|problem|downtime|failure|disruption|crash)\s+(?:was|is|were)\s+"
            r"(?:\w+\s+)?(?:related|linked|attributed|attributable)\s+to\b"
            r"|\b(?:seen|see|saw|happens?|happened|occurs?|occurred|arises?|arose)\s+(?:this\s+|it\s+)?as\s+a\s+"
            r"(?:direct\s+)?result\s+of\b"
            r"|\beffectively\s+(?:letting|making|causing|taking|leaving|knocking|bringing)\b(?:[^.\x00]|\.(?=\S)){0,60}?"
            r"\b(?:go\s+dark|went\s+dark|down|offline|unavailable|unreachable)\b"
            # a known bug named as the cause: "we found that the error is the same as mentioned
            # in the issue #5168" (an upstream defect, tracked elsewhere)
            r"|\b(?:error|failure|crash|problem|bug|panic)\s+(?:is|was)\s+(?:exactly\s+)?the\s+same\s+as\s+"
            r"(?:the\s+one\s+|that\s+|what\s+(?:is|was)\s+)?(?:mentioned|described|reported|tracked|documented)\s+in\b",
            _F)),
        # in a leak, how the secret got out is the cause: "a token ... was leaked from our
        # Jenkins", "secrets were exposed in build output", "binary files ... exposing a token"
        ("leak path", regex_cache.compile(
            r"\b" + _CREDENTIAL + r"\b[^.\x00]{0,80}?\b(?:was|were|had been|has been|have been|got)\s+(?:\w+\s+)?"
            r"(?:leaked|exposed|printed|logged|committed|pushed|published|revealed|written|shown)\s+"
            r"(?:from|in|into|to|via|through|by|on)\b"
            r"|\b(?:which|that)\s+(?:\w+,?\s+){0,4}?(?:exposing|exposed|leaking|leaked|revealing|revealed)\s+"
            r"(?:an?\s+|the\s+|our\s+|all\s+)?(?:[\w-]+\s+){0,3}?" + _CREDENTIAL + r"\b"
            r"|\b(?:this|it|the\s+(?:outage|incident|failure|leak|exposure|problem|issue))\s+(?:happened|occurred)\s+because\b",
            _F)),
        # an attack told as the attacker's act, in the words security write-ups use: "a new
        # user ... uploaded nine crates that typosquatted popular crates with ill intent", "a
        # phishing campaign targeted several private mail accounts", "a malicious actor
        # published a compromised version", "the attacker gained access with a stolen token"
        # (not "unauthorized access was detected": that is what happened, not how)
        ("attack told", regex_cache.compile(
            r"\b(?:spear[- ]?)?phishing\s+(?:campaign|attack|attempt|e-?mails?|mails?|messages?|links?|sites?|pages?)\s+"
            r"(?:\w+\s+){0,2}?(?:targeted|targeting|tricked|impersonat\w*|compromised|harvested|stole|lured|was\s+sent|"
            r"were\s+sent|aimed\s+at)\b"
            r"|\b(?:uploaded|published|pushed|released|submitted|injected|planted)\s+(?:an?\s+|the\s+|\w+\s+){0,3}?"
            r"(?:malicious|malware|typosquat\w*|backdoor(?:ed|s)?|trojan\w*)\b"
            r"|\btyposquat(?:ted|ting|s)?\s+(?:\w+\s+){0,2}?(?:crates?|packages?|librar(?:y|ies)|modules?|gems?|names?|"
            r"projects?|dependenc(?:y|ies))\b"
            r"|\b(?:with|of)\s+(?:ill|malicious|hostile)\s+intent\b|\bcrafted\s+for\s+malicious\s+purposes\b"
            r"|\b(?:attackers?|hackers?|intruders?|threat\s+actors?|malicious\s+(?:actors?|users?|part(?:y|ies)|"
            r"third\s+part(?:y|ies)))\b[^.\x00]{0,60}?\b(?:gained\s+access|obtained\s+access|got\s+access|stole|"
            r"compromised|phished|hijacked|took\s+over|published|uploaded|pushed|injected|used\s+(?:an?\s+|the\s+)?"
            r"(?:stolen|leaked|compromised|phished)\s)", _F)),
        # an outside event that took the systems down: "Power went out last Sunday morning",
        # "a campus power outage", "the data centre lost power", "a lightning strike" (not "no
        # power outage", "in case of a power failure"); then a missed step told with what it
        # led to: "we failed to restart the handlers so new datasets continued to be written
        # to that path" (a cause, in the writers' words)
        ("outside event", regex_cache.compile(
            r"\b(?:power|electricity|mains)\s+(?:went\s+(?:out|down|off)|was\s+(?:cut|lost|out|off)|failed|cut\s+out)\b"
            r"|\b(?<!no\s)(?<!not\s)(?<!never\s)(?:lost|losing|loses)\s+(?:all\s+)?(?:mains\s+)?power\b"
            r"|\b(?<!no\s)(?<!not\sa\s)(?<!without\s)(?<!without\sa\s)(?<!of\sa\s)(?<!if\sa\s)(?<!any\s)"
            r"power\s+(?:outages?|failures?|cuts?|loss)\b"
            r"|\b(?<!no\s)lightning\s+strikes?\b"
            # an attack told as what hit the service: "a very large number of WordPress sites are
            # being attacked from a very large number of sources", "a DDoS attack"
            r"|\b(?<!no\s)(?<!not\sa\s)(?:d?dos|denial[- ]of[- ]service|brute[- ]force|credential[- ]stuffing|botnet)\s+attacks?\b"
            r"|\b(?:is|are|was|were)\s+(?:being\s+)?(?:attacked|ddos(?:ed|'d)?|flooded|hammered|bombarded)\s+"
            r"(?:from|by|with)\b"
            # a break-in: "the testing user, which had a weak password, was broken into"
            r"|\b(?<!not\s)(?<!never\s)(?:was|were|got|had\s+been|has\s+been)\s+(?:broken\s+into|hacked)\b", _F)),
        ("missed step", regex_cache.compile(
            r"\b(?:we|i|the\s+team|they)\s+(?:had\s+)?(?:failed|forgot|neglected|omitted)\s+to\s+[^.\x00]{1,80}?"
            r"\b(?:so|which\s+meant|meaning|which\s+caused|causing|as\s+a\s+result)\b", _F)),
        # a response to a published vulnerability names its cause by its CVE id: the flaw
        # was in a dependency, and what the review asks is how fast exposure was found
        ("published vulnerability", regex_cache.compile(
            r"\bcve-\d{4}-\d{4,7}\b|\bvulnerabilit(?:y|ies)\s+(?:was|were|had\s+been|has\s+been)\s+"
            r"(?:publicly\s+)?(?:published|disclosed|announced)\b", _F)),
        # a heading that announces the explanation: "## Details of vulnerability", "## Technical
        # details", "## What happened and why", "## The bug" (a whole heading, or a bold label)
        ("cause heading", regex_cache.compile(
            r"(?<![^\x00])(?:\d{1,2}[.)]\s+)?(?:details\s+of\s+(?:the\s+)?(?:vulnerability|bug|exploit|flaw|attack|failure|issue|"
            r"incident|outage|problem)|(?:vulnerability|bug|exploit|attack|technical)\s+(?:details|analysis|"
            r"explanation|breakdown|deep[- ]dive)|what\s+(?:happened|went\s+wrong)\s+and\s+why|"
            r"the\s+(?:bug|vulnerability|exploit|flaw)|"
            # a heading that asks why, as the section answering it does: "### Why 3 hours not
            # 2?", "Why did this happen?", "Why it happened" (not "Why this matters", "Why we
            # are sharing this", "Why not X?": those answer something else)
            r"why\s+(?!(?:this|it|that)\s+(?:matters|is\s+important)\b|(?:does|do)\s+(?:this|it|that)\s+matter\b|"
            r"(?:we|i)(?:\s+are|\s+am|'re|\u2019re)?\s+(?:writ|shar|publish|post|car|chose|choos|switch|mov|lov|lik|us)|"
            r"(?:you|not|should|read|postmortems?|post-mortems?|blameless)\b)[^\x00?]{2,80}\?|"
            r"why\s+(?:did\s+)?(?:this|it|that)\s+(?:happen(?:ed)?|fail(?:ed)?|broke|went\s+down)|"
            # a heading that asks how the failure came about: "How did NewsBlur's MongoDB server
            # get hacked?", "How did we get hacked?" (not "How did we respond?")
            r"how\s+did\s+[^\x00?]{1,80}?\s(?:get|become|end\s+up)\s+(?:hacked|compromised|breached|"
            r"deleted|dropped|corrupted|wiped|lost|stuck|broken|overloaded|exposed|leaked|infected|filled|full)\?"
            r")[\s:.]{0,3}(?=\x00|$)", _F)),
        # a cause put forward as a hypothesis, still open: "Ana suspects that the configs made
        # the worker exit", "my hypothesis is that the API errors killed the thread", "what
        # seems to have happened is", "it looks like the loop died" (a cause, unresolved: PM106
        # asks whether it was investigated; the section is not missing)
        ("hypothesis", regex_cache.compile(
            r"\b(?:suspects?|suspected|suspecting)\s+that\s+(?:the|a|an|it|this|our|its|their|we)\b"
            r"|\b(?:my|our|the|one|his|her|their)\s+(?:working\s+|leading\s+|current\s+|main\s+|best\s+)?"
            r"(?:hypothesis|theory|guess)\s+(?:is|was)\s+that\b"
            r"|\bwhat\s+(?:seems|appears)\s+to\s+have\s+happened\s+(?:is|was)\b"
            r"|\b(?:it|this)\s+(?:looks|seems|appears)\s+(?:like|as\s+if|as\s+though|that)\s+(?:the|a|an|our)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:died|crashed|failed|hung|stopped|exited|broke|ran\s+out|deadlocked|leaked)\b", _F)),
        # "The primary cause of these issues is ...": a statement of the cause in any section,
        # the plan included (authors explain the cause next to its fix)
        ("stated cause", regex_cache.compile(
            r"\b(?:the|our)\s+(?:root|primary|main|underlying|proximate|actual|real)\s+causes?\s+"
            r"(?:of\s+(?:th(?:is|ese|e)\s+)?(?:[\w-]+\s+){0,2}?)?(?:was|were|is|are)\b"
            # told in the past where the plan is told: "The big problem was the unbounded
            # growth of the git repo" under "What would I do differently?"
            r"|\b(?:the|our)\s+(?:big|biggest|main|real|actual|underlying|core|fundamental)\s+(?:problem|issue|mistake)\s+"
            r"was\b", _F)),
    ),
}
#: An alert or a monitor said to have caught the incident itself, wherever a person is
#: named first too ("Our internal monitor identified the issue proactively at 4:59 PM EST,
#: almost the same time JupiterOne employees and customers noticed the issue"); not a
#: dashboard read while investigating ("Grafana showed that ...") nor "never received any alerts",
#: "None of our monitors identified the issue", nor one that caught it late ("Our monitoring
#: identified the issue three hours later").
PATTERNS["alert_detection"] = (("alert", regex_cache.compile(
    r"\b(?<!not\s)(?<!never\s)(?<!none\sof\s)" + _NONE_BEFORE + r"(?:internal\s+|automated\s+|synthetic\s+|external\s+|uptime\s+)?"
    r"(?:monitors?|monitoring|alerts?|alerting|alarms?|probes?|health\s?checks?|uptime\s+checks?)\s+"
    r"(?:system\s+|tools?\s+|services?\s+)?(?:identified|detected|caught|flagged|noticed|spotted|picked\s+up)\s+"
    r"(?:the|this|an?|our)\s+(?:[\w-]+\s+)?(?:issue|problem|outage|incident|failure|errors?|degradation)\b"
    # not one that caught it late: "identified the issue three hours later", "only after"
    r"(?![^.\n]{0,40}?\b(?:later|afterwards|after\s+(?:the|a|an|our|customers?|users?)|next\s+day|too\s+late)\b)",
    _F)),)

#: The text saying no alert caught it: "Nothing alerted on it because nothing was monitoring
#: whether the resolvers answered", "with no alerting on either the stuck CRD", "none of our
#: monitors fired": detection was by people, and the document knows it.
PATTERNS["no_alert"] = (("none", regex_cache.compile(
    r"\bnothing\s+(?:\w+\s+)?(?:alerted|fired|paged|caught\s+it|noticed|detected\s+it|was\s+monitoring|monitored)\b"
    r"|\bno\s+(?:\w+\s+)?(?:alerting|alerts?|alarms?|monitoring|monitors?|pages?|probes?|health\s?checks?)\s+"
    r"(?:on|for|fired|went\s+off|triggered|caught|covered|existed|was\s+in\s+place|were\s+in\s+place|watched)\b"
    r"|\bnone\s+of\s+(?:the|our)\s+(?:alerts?|alarms?|monitors?|checks?)\s+(?:fired|went\s+off|triggered|caught|noticed)\b"
    r"|\b(?:alerts?|alarms?|monitoring|monitors?)\s+(?:never|did\s*n" + _APOS + r"?o?t)\s+(?:fire|go\s+off|trigger|catch|"
    r"notice|detect)\b", _F)),)

#: A commitment to act in prose ("We will ...", "we are working on adding ..."), for checks
#: that look for one sentence with a particular subject (lower-cased text).
COMMITMENT: re.Pattern[str] = PATTERNS["actions"][0][1]

#: Words that say something was hit: a sentence holding one of them tells the impact.
_HIT_WORDS = (
    r"down|downtime|outages?|offline|unavailab\w*|unreachable|inaccessible|degrad\w*|disrupt\w*|interrupt\w*|"
    r"impact\w*|affect\w*|fail\w*|errors?|erroring|broken|broke|unable|cannot|could\s*n[o'\u2019]?t|"
    r"can\s*n[o'\u2019]?t|stopped|stall\w*|halt\w*|stuck|delay\w*|slow\w*|lost|loss|lose|blocked|locked\s+out|"
    r"timed?\s*out|timeouts?|ran\s+out|exhaust\w*|crash\w*|disconnect(?:ed|s|ions?)|kicked|logged\s+out|lost\s+access|"
    r"no\s+(?:reply|response|answer)|unanswered|(?:went|go|goes|gone|going)\s+(?:quiet|dark|silent)|throttl\w*|rate[- ]limited|"
    # a health status turned red: "the cluster had gone red for over a period of 30 minutes"
    r"(?:went|go|goes|gone|going|turned|turning)\s+red|"
    r"overload\w*|saturat\w*|corrupt\w*|deleted|wiped|destroyed|"
    # kept shut: "All trees were closed for 17 hours", "registrations stayed closed"
    r"(?:was|were|remained|stayed|kept|been)\s+closed|"
    # gone without a trace: "certificates for over 200 hosts had disappeared"
    r"disappear(?:ed|s|ing)?|vanish(?:ed|es|ing)?|"
    # taken in an attack: "360 observed transfers into the exploit contract", "funds drained"
    r"exploit(?:s|ed|ing)?|drain(?:s|ed|ing)?|stole|stolen|theft|"
    r"[45]\d\ds?|missing|dropped|backlog\w*|starv\w*|hung|frozen|froze|rejected|"
    r"denied|unusable|unresponsive|expos\w*|leak\w*|vulnerab\w*|compromis\w*|incident|outage|persist\w*|"
    r"no\s+longer|(?:not|\w+n['\u2019]t)\s+(?:work\w*|load\w*|respond\w*|reachable|available|accessible|run\w*)|"
    # held up: "had to postpone batch processing for seven hours"
    r"postpon\w*|suspend\w*|paus\w*|queued|on\s+hold|"
    # unseen: "the issue was not noticed or flagged for at least 2 weeks" (it lasted that long)
    r"not\s+(?:been\s+)?(?:noticed|detected|flagged|caught|spotted)|unnoticed|undetected|latent|"
    # less of what a service delivers: "some customers saw less traffic", "recorded fewer visits"
    r"(?:less|fewer|lower|reduced|zero)\s+(?:\w+\s+)?(?:traffic|visits?|visitors|pageviews?|page\s+views|events|"
    r"sales|revenue|sign-?ups|conversions|hits|downloads)")
#: Words of the end of an incident: how long until then is how long it lasted ("within a
#: few hours the credentials had been revoked").
_END_WORDS = (r"revok\w*|restor\w*|recover\w*|resolv\w*|fix\w*|mitigat\w*|rolled\s+back|reverted|back\s+(?:up|online|to\s+normal)|"
              r"replaced|rotated|renewed|rebooted|restarted|redeployed")
#: A word that says something was hit, or that it ended: a duration in a sentence that holds
#: one is how long the impact lasted.
_HIT = regex_cache.compile(r"\b(?:" + _HIT_WORDS + "|" + _END_WORDS + r")\b", _F)
#: Only the words of the hit: "restore all services", "filtering all Sif channels" end an
#: incident and say nothing of how many were hit, so a count or a share needs one of these.
_HIT_ONLY = regex_cache.compile(r"\b(?:" + _HIT_WORDS + r")\b", _F)


def names_a_hit(text: str) -> bool:
    """Whether `text` says something was hit (down, failing, errors, slow, unable ...): a
    complaint that says none ("complained that the interface looks too old") reports no
    incident."""
    return _HIT_ONLY.search(text.lower()) is not None
#: How far a sentence is read either side of a match for a word of `_HIT`.
_SENTENCE_REACH = 200
_SENTENCE_END = regex_cache.compile(r"[.!?](?=\s|\x00|$)|\x00|\n\s*\n", _F)


def _in_impact_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] (read at most `_SENTENCE_REACH`
    characters either side) says something was hit: "every request failed", "the site was
    down for 3 hours". Bounded, so a scan that rejects many matches stays linear."""
    return _around_hit(text, start, end, _SENTENCE_END)


#: A setting measured in time right before "of": "restorable to any point in time with a
#: resolution of one minute", "a retention of 7 days", "a TTL of 300 seconds": how a system
#: is configured, not how long anything was hit ("for a period of around four minutes" and
#: "a delay of two hours" are the impact's length).
_MEASURE_OF = regex_cache.compile(
    r"\b(?:resolution|granularity|precision|accuracy|interval|frequency|cadence|retention|ttl|timeout|"
    r"time-?out|expiry|expiration|lifetime|schedule|backoff)\s+$", _F)


#: Right before "within": a failure that comes so fast, not one that lasted so long
#: ("Failure happens within ~11-15 seconds during bootstrap", "the job fails within a minute").
_FAILS_WITHIN = regex_cache.compile(
    r"\b(?:fail(?:s|ed)?|happen(?:s|ed)?|occur(?:s|red)?|crash(?:es|ed)?|dies|died|exit(?:s|ed)?|abort(?:s|ed)?|"
    r"errors?\s+out|errored\s+out|times?\s+out|timed\s+out)\s+(?:\w+\s+)?$", _F)


def _an_impact_length(text: str, start: int, end: int) -> bool:
    """`_in_impact_sentence`, and the amount is not a setting's (`_MEASURE_OF`) nor how soon
    something fails (`_FAILS_WITHIN`)."""
    if text.startswith("of", start) and _MEASURE_OF.search(text[max(0, start - 30):start]) is not None:
        return False
    if text.startswith("within", start) and _FAILS_WITHIN.search(text[max(0, start - 30):start]) is not None:
        return False
    if _PEOPLE_AT_WORK.search(text[max(0, start - 30):start]) is not None:
        return False  # "my team, for staying up for 40+ hours": the responders' effort, not the impact
    return _in_impact_sentence(text, start, end)


#: Right before an amount of time, people at work through it: "staying up for 40+ hours",
#: "worked for 12 hours", "awake for two days".
_PEOPLE_AT_WORK = regex_cache.compile(r"\b(?:stay(?:ed|ing)?\s+up|awake|work(?:ed|ing)?|on\s+call|on\s+shift|"
                                      r"investigat(?:ed|ing)|debugg(?:ed|ing))\s*(?:for\s+)?$", _F)


_CLAUSE_END = regex_cache.compile(r"[.!?;:,()\u2013\u2014](?=\s|\x00|$)|\s-\s|\x00|\n\s*\n", _F)


def _in_impact_clause(text: str, start: int, end: int) -> bool:
    """Whether the clause around text[start:end] says something was hit: "every request to
    the API failed", "an outage for all web-based IDE users"; not "the same problem all
    package managers have - for example when npmjs.org experiences an outage" (the outage
    is another clause's, and the package managers were not hit). Bounded like
    `_in_impact_sentence`."""
    plan = _PLANNED.search(text, max(0, start - 40), start)
    if plan is not None and _HIT_ONLY.fullmatch(plan.group(1)) is None:
        return False  # "to scan all of our services": what is planned for them, not what hit them
    if _STEP.search(text[max(0, start - 30):start]) is not None:
        return False  # "1. Shut down all the services": a step someone takes, not what hit them
    return _around_hit(text, start, end, _CLAUSE_END, _HIT_ONLY)


#: A step told in the imperative, opening its line or list item, right before a share
#: ("Shut down all the services running on my VPS", "Restart every node"): a plan's or a
#: runbook's step done to them, not something that hit them (a subject first, "the outage
#: took down all services", is no step).
_STEP = regex_cache.compile(
    r"(?:^|\x00|\n)[ \t]*(?:(?:then|first|next)[ \t]+)?(?:shut|take|bring|turn|power|spin|scale|stop|restart|reboot|"
    r"drain|disable|kill|pause|suspend|halt|migrate|move|back[ \t]+up|restore|update|upgrade)[ \t]+"
    r"(?:(?:down|off|up|out)[ \t]+)?$", _F)


#: An infinitive or a modal right before a share ("to scan all of our services", "will
#: restart every node"): its verb, group 1, says what is done to them.
#: (not a determiner: "led to the entire infrastructure going down" plans nothing)
_PLANNED = regex_cache.compile(r"\b(?:to|will|shall|should|must|could|can|would)\s+"
                               r"(?!(?:the|a|an|our|its|their|his|her|my|your|this|that|these|those)\s)([a-z]+)\s+$", _F)


def _around_hit(text: str, start: int, end: int, boundary: re.Pattern[str], hit: re.Pattern[str] | None = None) -> bool:
    """Whether the text from the last `boundary` before `start` to the first after `end`
    (at most `_SENTENCE_REACH` characters either side) holds a word of `_HIT`."""
    low = max(0, start - _SENTENCE_REACH)
    before = text[low:start]
    cut = None
    for cut in boundary.finditer(before):
        pass
    head = before[cut.end():] if cut is not None else before
    after = text[end:end + _SENTENCE_REACH]
    stop = boundary.search(after)
    tail = after[:stop.start()] if stop is not None else after
    hit = hit or _HIT
    return hit.search(head) is not None or hit.search(text[start:end]) is not None or hit.search(tail) is not None


_PARAGRAPH_END = regex_cache.compile(r"\x00|\n\s*\n", _F)


def _in_impact_paragraph(text: str, start: int, end: int) -> bool:
    """Whether the paragraph around text[start:end] (read at most `_SENTENCE_REACH`
    characters either side) says something was hit: a count told in the sentence after the
    failure ("Commands got no reply ... In those 22 hours, 1,112 channels went live"), not
    one in a paragraph about something else ("2 team members joined the call")."""
    return _around_hit(text, start, end, _PARAGRAPH_END, _HIT_ONLY)


#: A machine's resource named just before a share: "VM disk usage was at 100%", "CPU
#: utilisation hit 95%", "memory: 90%" (how full a machine was, not a share of who was hit).
_LEVEL_BEFORE = regex_cache.compile(
    r"\b(?:(?:disks?|cpus?|memory|ram|storage|inodes?|swap|heap|filesystems?|partitions?)"
    r"(?:[ \t]+(?:usage|utili[sz]ation|use|space|load|levels?|pressure))?|utili[sz]ation)"
    r"[ \t]*(?::|[ \t](?:was|is|were|are|hit|hits|reached|reaches|grew|climbed|spiked|peaked|rose|went|jumped|stood|"
    r"sat|stayed|remained|of|at|drops?|dropped|falls?|fell|goes|gets|exceeds?|exceeded|crosses|crossed)"
    r"(?:[ \t]+(?:to|at|up[ \t]+to))?)?"
    r"(?:[ \t]+(?:about|around|nearly|almost|over|under|below|above|(?:less|more|lower|higher)[ \t]+than|~))?[ \t]*$", _F)
#: Characters before a share read for the resource it measures.
_LEVEL_REACH = 48


def _not_a_level(text: str, start: int, end: int) -> bool:
    """Whether the share at text[start:end] is not a machine's level told before it
    (`_LEVEL_BEFORE`): "VM disk usage was at 100%" says how full the disk was; "Storage:
    12% of buckets were read-only" says of whom (`_OF_WHO` after it), and stands."""
    return _LEVEL_BEFORE.search(text, max(0, start - _LEVEL_REACH), start) is None \
        or _OF_WHO.match(text, end) is not None


#: A share's population right after it: "12% of buckets", "40% of the sites".
_OF_WHO = regex_cache.compile(r"\s+of\s+(?:the\s+|our\s+|all\s+|its\s+|their\s+)?(?:[\w-]+\s+)?" + _WHO_NOUN + r"\b", _F)


#: A maintenance or a downtime named: a migration's length is the service's time down only
#: where its paragraph says the work was one.
_MAINTENANCE = regex_cache.compile(r"\b(?:maintenance|downtime|offline|taken\s+down|went\s+down)\b", _F)


def _in_maintenance_paragraph(text: str, start: int, end: int) -> bool:
    """Whether the paragraph around text[start:end] (bounded like `_in_impact_paragraph`)
    names a maintenance or a downtime: "We completed our Scheduled Maintenance. ... completed
    the migration in just over 3 hours" is how long the window lasted; "the data migration
    took three weeks" alone is how long some work took."""
    return _around_hit(text, start, end, _PARAGRAPH_END, _MAINTENANCE)


#: Words that may stand right before "users were unable" and leave it unqualified (all of
#: them): an article or possessive, a conjunction opening the clause, a day word, a time zone.
_UNQUALIFIED_BEFORE = frozenset({
    "all", "the", "our", "its", "their", "your", "and", "so", "then", "when", "while", "because", "as", "that",
    "where", "today", "yesterday", "now", "meaning", "thus", "hence", "but", "am", "pm", "a.m.", "p.m.", "utc",
    "gmt", "cet", "cest", "est", "edt", "pst", "pdt", "bst", "ist", "sgt", "jst", "nzdt", "nzst", "aest"})
#: The last word before a place, or a clause mark ending the text before it.
_LAST_WORD = regex_cache.compile(r"(?:([^\s\x00]+)|([.,;:!?()\x00\n\u2013\u2014-]))\s*$", _F)


def _unqualified_subject(text: str, start: int, end: int) -> bool:
    """Whether the people before text[start:] stand unqualified: the clause starts there
    ("Users were unable to log in"), or one of `_UNQUALIFIED_BEFORE` or a clock time
    precedes them ("between 12:45PM and 2:00PM users were not able"); not "some users",
    "new users", "paying customers" (a part of them). Reads 40 characters back."""
    match = _LAST_WORD.search(text, max(0, start - 40), start)
    if match is None or match.group(2) is not None:
        return True
    word = match.group(1)
    if word[-1] in ".,;:!?)":
        return True
    return word in _UNQUALIFIED_BEFORE or any(char.isdigit() for char in word)


#: What fails to work in a response, not for users: "the alert did not work at all", "the
#: failover script didn't work at all" name no service out.
_SAFEGUARD = regex_cache.compile(
    r"\b(?:alert\w*|alarms?|monitor\w*|backups?|failover|health\s*checks?|retr(?:y|ies)|fallbacks?|runbooks?|"
    r"scripts?|automation|tools?|process|tests?|workaround|fix|patch|rollback|restart|command)\b", _F)


def _a_service_not_working(text: str, start: int, end: int) -> bool:
    """Whether "did not work at all" tells a service or feature out for its users ("bulk
    offer editing did not work at all"), not a safeguard or a step of the response failing
    ("the failover script did not work at all"): its clause, up to 80 characters back, names
    none of `_SAFEGUARD`."""
    low = max(0, start - 80)
    before = text[low:start]
    cut = None
    for cut in _CLAUSE_END.finditer(before):
        pass
    head = before[cut.end():] if cut is not None else before
    return _SAFEGUARD.search(head) is None


#: A fault told: a part that stopped, failed, broke or ran out ("Five of the seven
#: nameservers stopped responding").
_FAULT = regex_cache.compile(
    r"\b(?:stopped|failed|fails|crashed|broke|died|hung|expired|ran\s+out|went\s+down|misconfigur\w+|"
    r"corrupt\w*|deleted|dropped|overloaded|exhausted|bug|outage|error|errors)\b", re.IGNORECASE)
#: How far back the sentence before a "This made ..." is read (characters).
_FAULT_REACH = 300


def _after_a_fault(text: str, start: int, end: int) -> bool:
    """Whether the sentence before "This made X inaccessible" names a fault: then the two
    tell a cause and its effect; after a step of the response ("We restarted the API") the
    effect is a side effect, no cause."""
    before = text[max(0, start - _FAULT_REACH):start]
    stop = max(before.rfind(". ", 0, len(before) - 2), before.rfind("\n", 0, len(before) - 2))
    return _FAULT.search(before[stop + 1:] if stop >= 0 else before) is not None


#: Patterns with a branch (a named group) whose matches stand only when a test on the text
#: around them holds (the search goes on past a match that fails it): a quantity is the
#: impact's only when its clause, paragraph or sentence says something was hit, or (the
#: third item) when it stands in the impact section: a count or a duration there is the
#: impact's ("3 repositories could be read by anyone"), but not a share ("the same problem
#: all package managers have", told to explain the impact). One
#: pattern per kind's label with the test inside, not a pattern of its own: a kind stops at
#: its first match, and a branch split out would be searched over the whole of a large text
#: even where the pattern it came from matches on the first page.
CONFIRMED_BY: dict[re.Pattern[str], tuple[tuple[str, Callable[[str, int, int], bool], bool], ...]] = {
    PATTERNS["impact_who"][0][1]: (("count_of", _in_impact_paragraph, True), ("share", _not_a_level, False)),
    PATTERNS["impact_who"][1][1]: (("all_of", _in_impact_clause, False), ("entire_of", _in_impact_clause, False)),
    PATTERNS["impact_whole"][0][1]: (("all_users", _unqualified_subject, False),
                                     ("not_at_all", _a_service_not_working, False)),
    PATTERNS["root_causes"][0][1]: (("made", _after_a_fault, False),),
    PATTERNS["impact_duration"][0][1]: (("for_amount", _an_impact_length, True),
                                         ("maintenance", _in_maintenance_paragraph, True)),
}

#: Kinds a rule may ask for, with the words its message uses for them.
DESCRIPTIONS = {
    "detection": "detection method", "impact_who": "count or share of who was affected", "impact_whole": "whole service out",
    "impact_duration": "duration", "actions": "commitment to act", "exposure": "what was exposed", "lessons": "lesson",
    "no_pages": "statement that nobody was paged", "no_pager": "statement that there is no pager or on-call rotation",
    "detection_improved": "detection improvement", "alert_detection": "alert or monitor that noticed it",
    "no_alert": "statement that no alert caught it",
    "root_causes": "cause", "no_impact": "statement that there was no impact",
    "not_exploited": "statement that a vulnerability was not exploited",
}
#: Longest quote of the matched words kept in the evidence.
_QUOTE = 80


#: Sections whose text is no evidence of a kind: "Add an alert" in the plan says nothing
#: about how this incident was found, "Measure the impact" nothing about the impact.
IGNORED_IN = {
    "detection": frozenset({"action_items"}), "impact_who": frozenset({"action_items"}), "impact_whole": frozenset({"action_items"}),
    "impact_duration": frozenset({"action_items"}), "root_causes": frozenset({"action_items"}),
    "exposure": frozenset({"action_items"}),
    # a timeline entry's "no customer impact" is a moment ("yet"), the plan's a goal
    "no_impact": frozenset({"action_items", "timeline"}),
    "not_exploited": frozenset({"action_items", "timeline"}),
}

#: (kind, label) searched in every section, the ignored ones included: "the primary cause
#: of these issues is ..." states the cause even when written under the action items.
SEARCHED_EVERYWHERE = frozenset({("root_causes", "stated cause")})

#: (kind, label) searched only in these sections.
ONLY_IN = {("actions", "rule"): frozenset({"lessons"}), ("no_impact", "none"): frozenset({"impact"})}
#: (kind, label) → words one of which every match of that pattern holds (lower case), where
#: they are narrower than the kind's GATES: a document that passes the kind's gate (a large
#: one holds "on-call" somewhere) but holds none of these is not scanned for that pattern,
#: a scan of the whole joined text (60 ms on a 5 MB document) saved.
PATTERN_GATES: dict[tuple[str, str], tuple[str, ...]] = {
    ("no_pager", "volunteers"): ("volunteer",),
}

#: (kind, label)s searched without the `\b` that leads each branch of their pattern (see
#: `search_from`): on a 5 MB document each is three times as fast that way (65 → 20 ms),
#: and `no_pages`, `no_pager` and `detection_improved` scan such a document whole (it
#: passes their gates and states none of them). Not the others: where a branch starts with
#: a common word ("we", "i"), the bare search stops at too many places inside words and is
#: slower than the full pattern.
BARE_SEARCHED = frozenset({
    ("no_pages", "nobody paged"), ("no_pager", "no pager"), ("no_pager", "volunteers"),
    ("detection_improved", "added"), ("detection_improved", "logged"), ("detection_improved", "listed"),
    ("detection_improved", "promised"),
    ("lessons", "lessons"), ("detection", "self"), ("detection", "other"),
    ("root_causes", "published vulnerability"), ("root_causes", "stated cause"),
})


_DIGITS = tuple("0123456789")
#: Per kind, words one of which every match contains (lower case): a document without any
#: of them is not scanned for that kind. Cheap substring tests, so most documents pay for
#: a few regex scans only, each stopping at its first match.
GATES: dict[str, tuple[str, ...]] = {
    "detection": ("began with", "begins with", "started with", "starts with", "detect", "identif", "finds", "sees that", "caught", "spotted", "flag", "notic", "discover", "found", "picked up",
                  "ran into", "run into", "bumped into", "stumbled into", "getting", "seeing", "hitting", "why ", "could not", "couldn", "unable",
                  "failed to", "not able",
                  "report", "surfaced", "alert", "alarm", "page", "monitor", "check", "probe", "pagerduty",
                  "opsgenie", "notif", "automated", "warning", "raise", "complain", "told us", "ping", "contact",
                  "reach", "disclos", "opened", "filed", "email", "wrote to us", "let us know", "realiz", "realis",
                  "aware", "observ", "saw that", "when i ", "when we ", "until i ", "until we ", "broke", "attention", "message", "ticket", "issue", "submitted", "received",
                  "inform", "warn", "tell", "bug", "fire", "called", "texted", "woken", "wake", "woke", "source", "feed", "advisor",
                  "mailing", "announce", "bulletin", "channel", "let me know", "told me", "showed",
                  # the team finding the service bad as it brought it back ("... and the performance was abysmal")
                  "abysmal", "terrible", "awful", "horrible", "dreadful", "slow", "sluggish", "unusable", "broken",
                  "down", "failing", "degraded", "poor", " red", "found out",
                  # shut out of one's own machine ("locked out", "every SSH attempt was rejected")
                  "locked out", "attempt",
                  # a test suite's own alarm ("two e2e tests fail", "CI jobs failed")
                  "tests fail", "test fail", "jobs fail", "checks fail", "runs fail", "suites fail"),
    "impact_who": _DIGITS + ("affected", "impacted", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                             "single", "handful", "dozens", "hundreds", "thousand", "million", "billion", "all", "every",
                             "most", "none", "entire", "whole", "complete", "full", "total", "fully", "entirely",
                             "budget", "no one", "nobody", "halted", "down", "offline", "unavailable", "no ",
                             "everyone", "everybody", "anyone", "anybody", "wide", "responding", "half", "third",
                             "quarter", "fifth", "tenth"),
    "impact_whole": ("unable", "not able", "could", "can", "at all"),
    "impact_duration": _DIGITS + ("second", "minute", "hour", "day", "week", "month", "duration", "start"),
    "exposure": ("expos", "leak", "compromis", "exfiltrat", "stole", "access"),
    "actions": ("we", "i ", "i'", "i\u2019", "team", "prevent", "forward", "future", "again", "changes", "steps", "measures",
                "actions", "improvements", "mitigations", "safeguards", "will", "plans", "intends", "planning", "aims",
                "being", "working", "under way", "underway", "in progress", "coming", "started", "begun", "must",
                "shall", "do not", "don't", "don\u2019t", "never", "always", "i've", "i\u2019ve", "have",
                "next step", "long term", "long-term", "permanent", "durable", "@", "need to"),
    "root_causes": ("cause", "causing", "mean", "indicat", "followed", "result", "same as", "leak", "expos", "because", "printed", "logged", "committed", "pushed",
                    "published", "revealed", "written", "shown", "determined", "allow", "introduced", "leads", "concluded", "conclusion", "configured", "established", "triggered", "due to", "resulted", "turned out", "turns out", "inaccessible", "unreachable", "unusable", "problem", "issue", "bug", "failure",
                    "outage", "led to", "leading to", "culprit", "reason", "cve-", "vulnerab", "details", "analysis",
                    "explanation", "breakdown", "dive", "why", "came back", "effectively", "related to", "exploit", "flaw", "owing to", "because of",
                    "lead to", "exceed", "larger than", "bigger than", "greater than", "higher than",
                    "more than", "phish", "malicious", "malware", "typosquat", "intent", "backdoor", "trojan",
                    "attacker", "hacker", "intruder", "threat actor", "power", "lightning", "failed to", "forgot to", "attack", "dos", "flooded", "broken into", "hacked",
                    "how did", "pain point", "typo", "damaged", "severed", "chewed", "gnawed",
                    "hammered", "bombarded",
                    "neglected to", "omitted to", "suspect", "hypothes", "theory", "guess", "seems",
                    "looks like", "appears"),
    "no_impact": ("no ", "no-", "none", "nobody", "nothing", "nil", "never", "not ", "n't ", "n\u2019t ", "at no ", ": 0",
                  ":0", "zero"),
    "not_exploited": ("exploit", "at risk", "funds", "assets", "tokens"),
    "detection_improved": ("alert", "monitor", "probe", "dashboard", "check", "slo", "synthetic", "scan", "notif",
                           "so "),
    "no_pages": ("paged", "woken", "called", "alerted", "pages", "alerts", "paging", "waking"),
    "no_pager": ("on-call", "on call", "oncall", "pager", "volunteer"),
    "lessons": ("learn", "went well", "went wrong", "lucky", "takeaway", "hindsight", "retrospect", "why ", "slowed us",
                "importance", "value of", "value for", "need for", "need of", "necessity"),
}
#: Joins the pieces: no `\s` or `\w` pattern part can match across it.
_JOIN = "\x00"


class Evidence:
    """The evidence search for one document, run per kind on first request and cached:
    most documents state their facts in fields or sections, so rules seldom ask, and a
    document pays only for the kinds some rule needed. `get(kind)` → entry or None.

    `pieces` may be a function that returns them: the text is then gathered and joined
    on the first `get` only (about half of the documents are never asked, and a Markdown
    front matter, loaded as YAML, never is)."""

    __slots__ = ("_source", "_kept", "_starts", "_text", "_lowered", "_found")

    def __init__(self, pieces: Iterable[tuple[str, int, int, str | None]] |
                 Callable[[], Iterable[tuple[str, int, int, str | None]]]) -> None:
        self._source: Callable[[], Iterable[tuple[str, int, int, str | None]]] | \
            list[tuple[str, int, int, str | None]] | None = pieces if callable(pieces) else list(pieces)
        self._found: dict[str, dict[str, Any] | None] = {}

    def _gather(self) -> None:
        """Join the pieces into one searchable text (once, on the first request)."""
        source, self._source = self._source, None
        if source is None:
            return
        pieces = source() if callable(source) else source
        self._kept = [piece for piece in pieces if piece[0]]
        joined = Joined((piece[0] for piece in self._kept), _JOIN)
        self._starts = joined.starts
        self._text = joined.text
        lowered = self._text.lower()
        self._lowered = lowered if len(lowered) == len(self._text) else self._text  # offsets must line up

    def get(self, kind: str, default: Any = None) -> dict[str, Any] | None:
        if kind not in self._found:
            if self._source is not None:
                self._gather()
            self._found[kind] = self._search(kind)
        found = self._found[kind]
        return default if found is None else found

    def without_lines(self, first: int, last: int) -> "Evidence":
        """The evidence of the same text less the pieces that start on lines `first` to
        `last`: searched again where a rule found a match that is not the fact it asks for
        (a share in a section about something else)."""
        if self._source is not None:
            self._gather()
        return Evidence([piece for piece in getattr(self, "_kept", ()) if not first <= piece[1] <= last])

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """Every kind found (runs all searches; for tests and debugging)."""
        return {kind: entry for kind in PATTERNS if (entry := self.get(kind)) is not None}

    def _search(self, kind: str) -> dict[str, Any] | None:
        patterns = PATTERNS.get(kind)
        gate = GATES.get(kind)
        if not patterns or not self._kept or (gate is not None and not any(word in self._lowered for word in gate)):
            return None
        ignored_in = IGNORED_IN.get(kind, frozenset())
        best: tuple[int, str, re.Match[str]] | None = None
        for label, pattern in patterns:
            words = PATTERN_GATES.get((kind, label))
            if words is not None and not any(word in self._lowered for word in words):
                continue
            ignored = frozenset() if (kind, label) in SEARCHED_EVERYWHERE else ignored_in
            match = _first_outside(pattern, self._lowered, self._kept, self._starts, ignored,
                                   best[0] if best else len(self._lowered), ONLY_IN.get((kind, label)),
                                   (kind, label) in BARE_SEARCHED)
            if match is not None and (best is None or match.start() < best[0]):
                best = (match.start(), label, match)
        if best is None:
            return None
        index = bisect_right(self._starts, best[0]) - 1
        _, line, column, _ = self._kept[index]
        return {"line": line, "column": column, "text": self._text[best[2].start():best[2].end()][:_QUOTE],
                "label": best[1], "section": self._kept[index][3]}


def find_evidence(pieces: Iterable[tuple[str, int, int, str | None]] |
                  Callable[[], Iterable[tuple[str, int, int, str | None]]]) -> Evidence:
    """The evidence of a document's text, as pieces (text, line, column, section key or
    None) in document order, or a function that returns them; searched lazily, per kind
    (see Evidence)."""
    return Evidence(pieces)


def _first_outside(pattern: re.Pattern[str], text: str, kept: list, starts: list[int], ignored: frozenset[str],
                   end: int, only: frozenset[str] | None = None, bare: bool = False) -> re.Match[str] | None:
    """The first match before `end` in a piece whose section the kind does not ignore
    (and, with `only`, one of those sections); `bare`: found by `search_from`."""
    if only is not None and not any(piece[3] in only for piece in kept):
        return None
    search = search_from if bare else _search
    position = 0
    while position < end:
        match = search(pattern, text, position, end)
        if match is None:
            return None
        index = bisect_right(starts, match.start() + (text[match.start()] == _JOIN)) - 1
        if kept[index][3] not in ignored and (only is None or kept[index][3] in only):
            checks = CONFIRMED_BY.get(pattern, ())
            in_impact = kept[index][3] == "impact"
            if all(match.group(group) is None or (in_impact and trusted)
                   or confirm(text, match.start(group), match.end(group))
                   for group, confirm, trusted in checks):
                return match
            position = match.start() + 1  # not this one: the next match, in the same piece or later
            continue
        position = starts[index + 1] if index + 1 < len(starts) else end  # skip the rest of that piece
    return None


def _search(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The full pattern's search (the kinds not in BARE_SEARCHED)."""
    return pattern.search(text, start, end)


#: A word boundary, tried at one position (the regex engine looks at the character before it).
_BOUNDARY = re.compile(r"\b")
#: pattern → the same alternation without the `\b` that leads each of its branches (None
#: when some branch does not start with one): see `search_from`.
_BARE: dict[re.Pattern[str], re.Pattern[str] | None] = {}


def search_from(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """`pattern.search(text, start, end)`, the same match, found faster for a pattern whose
    every branch starts with `\\b`.

    The regex engine tries such a pattern at every position of the text, testing the
    boundary first; without it, the engine skips ahead to where a branch can start (three
    times as fast on a 5 MB document: 65 → 20 ms a kind). A match of the bare alternation
    stands when its start is a word boundary: there, every branch's `\\b` holds, so the
    first branch to match is the one the full pattern takes. Where it is not, no branch
    can match at that position, and the search goes on one character later, as the full
    pattern's does. Property-tested against the full pattern (tests/test_evidence_search.py)."""
    if pattern not in _BARE:
        _BARE[pattern] = _bare(pattern)
    bare = _BARE[pattern]
    if bare is None:
        return pattern.search(text, start, end)
    while True:
        match = bare.search(text, start, end)
        if match is None or _BOUNDARY.match(text, match.start(), end):
            return match
        start = match.start() + 1


def _bare(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` with the leading `\\b` of each top-level branch removed; None unless every
    branch has one (followed by something other than a quantifier)."""
    branches = top_level_branches(pattern.pattern)
    if not all(branch.startswith("\\b") and branch[2:3] not in ("", "*", "+", "?", "{", "|")
               for branch in branches):
        return None
    return regex_cache.compile("|".join(branch[2:] for branch in branches), pattern.flags & ~re.UNICODE)


def top_level_branches(source: str) -> list[str]:
    """The alternatives of a regex at its top level (`a|(b|c)` → `a`, `(b|c)`): a `|` inside
    a group or a character class, or escaped, splits nothing."""
    branches, depth, start, index = [], 0, 0, 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a class, up to its `]` (one right after `[` or `[^` is a member)
            index += 1
            if source[index:index + 1] == "^":
                index += 1
            if source[index:index + 1] == "]":
                index += 1
            while index < len(source) and source[index] != "]":
                index += 2 if source[index] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(source[start:index])
            start = index + 1
        index += 1
    branches.append(source[start:])
    return branches


def where(entry: dict[str, Any] | None) -> str:
    """`line 12 ("a user reported")` for a message."""
    if not entry:
        return ""
    return f'line {entry["line"]} ("{entry["text"]}")'

"""Counts of who or what an incident hit, as prose states them: "1,200 users", "78% of
requests", "6,000 of our valued users", "three crates".

Why one module: three places read such counts (the Markdown loader's `users_affected`,
PM601's quote of a count in the impact's description, and the evidence search's
`impact_who`), and they were three patterns that drifted apart: a date's year read as a
count ("Between 8/5/2016 and 8/10/2016, customers were unable" is not 2016 customers) had
to be fixed in two of them. What a count is, is said here once:

- where its number may start (`START`): never inside a word, a date ("8/10/2016",
  "2024-03-01"), a clock time ("10:30"), a version or a decimal ("1.2.3"), nor after a
  comma ("2016, customers");
- what its number looks like (`NUMBER`): digits with separators between groups of three,
  at most one decimal part ("1.1.1970" is a date, not a number), read possessively (a run of digits once, never re-read from each of its digits:
  linear);
- what is counted (`WHO_NOUN`) and what is not: a unit of time (`NOT_TIME`, "a 98 minute
  service disruption" counts minutes), an HTTP status ("502 errors").

Each place then takes the view it needs, built from those parts:

- `users_affected(text)`: a count of users stated as affected, the loader's field value;
- `WHO`: any count or share of users or things, for a message to quote;
- `COUNT_OF_SOURCE` (and `COUNT_OF`, compiled): the evidence's count of who or what,
  searched in lower-cased text, also spelled in words ("three crates").

A pattern here has no nested unbounded repetition and each run is read possessively:
the time to search is linear in the text.
"""

from __future__ import annotations

import re

from .. import regex_cache

#: Where a count's number may start: not inside a word, a date, a clock time, a version,
#: a decimal, a list of numbers ("8/10/2016, customers" holds no count) or a URL's
#: percent-encoding ("Read%E2%80%93eval" holds no "80%").
START = r"(?<![\w/:.,%-])"

#: A count's number: "12", "1,200", "1.200.000", "12.5", "12,5": groups of three digits,
#: then at most one decimal part; "1.1.1970" (a date) is none. Each run read once.
NUMBER = r"\d++(?:[.,]\d{3}(?!\d))*+(?:[.,]\d++)?+"

#: What a count counts: who (users, players, tenants) or what (requests, builds, pods).
WHO_NOUN = (r"(?:users?|customers?|clients?|players?|visitors?|members?|people|accounts?|requests?|calls?|queries|"
            r"errors?|orders?|sessions?|builds?|jobs?|pipelines?|tests?|repositories|repos?|projects?|packages?|"
            r"tenants?|sites?|services?|apis?|endpoints?|servers?|nodes?|pods?|clusters?|machines?|hosts?|"
            r"instances?|validators?|deployments?|launches|transactions?|messages?|tickets?|downloads?|uploads?|"
            r"events?|commands?|webhooks?|notifications?|emails?|payments?|checkouts?|logins?|"
            r"installs?|devices?|organi[sz]ations?|teams?|traffic|network|regions?|workloads?|hubs?|pull requests?|prs?|"
            r"images?|runners?|channels?|streams?|subscribers?|subscriptions?|viewers?|listeners?|domains?|zones?|"
            # units of work a backlog counts: "several million tasks waiting to be processed"
            r"tasks?|records?|workflows?|invoices?|shipments?|deliveries|"

            # tries that failed: "Three attempts failed", "12 submissions were rejected"
            r"attempts?|tries|retries|submissions?|registrations?|sign-?ups?|"
            # source trees a CI closes: "All trees were closed for 17 hours"
            r"trees|"
            # what a service offers: "all BLAST-related tools became inaccessible"
            r"tools?|modules?|features?|apps?|applications?|"
            # what a site or a chat holds: "All of the product management pages", "Both bots"
            r"pages|wikis?|bots?|websites?|"
            # a blog's or a publication's own people: "almost one-third of my audience"
            r"readers?|audiences?|"
            # machines by the lot: "Half of our fleet of OSX boxes", "12 VMs"
            r"fleet|boxes|vms?|"
            # people by role: "affecting all active program authors", "most students"
            r"authors?|editors?|writers?|creators?|students?|learners?|teachers?|researchers?|employees?|staff|"
            # data that was lost: "Page Views: 1000+ entries", "40,000 rows"
            r"entries|rows|page\s?views?|objects?|buckets?|volumes?|"
            # what an exploit or a theft took, and from whom: "360 observed transfers into the
            # exploit contract", "1,200 victims", "40 wallets drained"
            r"transfers?|withdrawals?|deposits?|trades?|wallets?|victims?)")

#: What a runaway job ran up, counted only with a number: "~145 million database operations",
#: "2M function invocations" (not "error checking for all database operations": a plan's scope).
RUN_UP_NOUN = r"(?:operations|writes|reads|invocations?|executions?)"

#: A word that is no unit of time, before the noun a number counts ("98 minute service" counts minutes).
NOT_TIME = r"(?!(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b)"

#: Not a clock time: "between 12PM and 2PM users were unable" holds no count of 2 users,
#: nor "at 10 UTC users" of 10 (a number followed by a meridiem, an hour mark or a zone).
NOT_CLOCK = (r"(?!\s*+(?:[ap]\.?m\b|[ap]\.m\.|h\b|utc\b|gmt\b|cet\b|cest\b|est\b|edt\b|pst\b|pdt\b|bst\b|ist\b|"
             r"sgt\b|jst\b|aest\b|nzdt\b))")

#: An HTTP status before what it names: "502 errors" is a status, not a count of errors.
_NOT_STATUS = r"(?![45]\d\d\s+(?:errors?|responses?|status)\b)"

#: A count of users stated as affected: "1,200 users were affected", "12% of customers unable".
_USERS_AFFECTED = regex_cache.compile(
    START + r"(?P<count>" + NUMBER + r"%?)\s+(?:of\s+)?(?:users|customers|accounts|tenants)\b"
    r"(?:\s+were)?\s+(?:affected|impacted|unable)", re.IGNORECASE)

#: Any count or share of who or what, as a message quotes it: "78% of requests", "3k orders",
#: "40 percent" (a share alone counts).
WHO = regex_cache.compile(
    START + _NOT_STATUS + NUMBER + NOT_CLOCK + r"\s*+(?:%|percent|k\b|m\b)?\s*+(?:of\s++)?(?:\w++\s++)?"
    r"(?:users?|customers?|requests?|calls?|errors?|accounts?|orders?|sessions?|builds?|jobs?"
    r"|queries|tenants?|sites?|pods?|members?|tickets?|%|percent)", re.IGNORECASE)

#: The evidence's count of who or what, in lower-cased text: "1,200 users", "6,000 of our
#: valued users", "three crates" (the impact's only where its paragraph says something was
#: hit: see `evidence.CONFIRMED_BY`). A source, for the evidence's alternation to embed.
COUNT_OF_SOURCE = (
    # (a number in a code span counts as written: "records `360` observed transfers")
    # (nor a port: "Verified port 443 listener")
    # (nor capacity the team added: "we scaled out to 40 VMs", "provisioned 12 nodes")
    r"(?<!\bport\s)(?<!\bports\s)(?<!scaled\sout\sto\s)(?<!scaled\sup\sto\s)(?<!scaled\sto\s)(?<!provisioned\s)"
    r"(?<!spun\sup\s)(?<!launched\s)(?<!added\sanother\s)(?<!added\s)(?<!bought\s)(?<!ordered\s)"
    + START + _NOT_STATUS + NUMBER + NOT_CLOCK
    + r"`?(?:\s*(?:k|m|bn|million|billion|thousand|hundred)\b)?(?:\s*%|\s+percent|\+)?\s+"
    r"(?:of\s+)?(?:the\s+|our\s+|all\s+)?(?:" + NOT_TIME + r"[\w-]+\s+)?(?:" + WHO_NOUN + "|" + RUN_UP_NOUN + r")\b"
    r"|\b(?:only\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|a single|a handful of|dozens of|"
    # an amount in words: "several million tasks", "tens of thousands of jobs"
    # (not a threshold: "restarted after a few thousand requests" counts nothing that was hit)
    r"(?<!after\s)(?<!every\s)(?<!per\s)(?:several|many|tens\s+of|hundreds\s+of)\s+(?:thousands?|millions?|billions?)"
    r"(?:\s+of)?|"
    r"hundreds of|thousands of|millions of)\s+(?:of\s+(?:our|the)\s+)?(?:" + NOT_TIME + r"[\w-]+\s+)?"
    + WHO_NOUN + r"\b"
    # a share written as a fraction, hedged as an estimate: "(maybe about 1/6)", "roughly
    # 1/3 of requests" (not a date: "on 1/6", "around 1/6" are read as none)
    r"|\b(?:about|roughly|approximately|approx\.?|maybe|perhaps|nearly|almost|some|~)\s?[1-9]/[1-9]\d?(?![/\d.])")
#: The evidence's count alone, for a message that quotes any count the text gives.
COUNT_OF = regex_cache.compile(COUNT_OF_SOURCE, 0)


def users_affected(text: str) -> int | str | None:
    """The count of users `text` states as affected: a whole number (1200 for "1,200
    users were affected"), a share or a decimal as written ("12%", "1.5"), or None."""
    match = _USERS_AFFECTED.search(text)
    if match is None:
        return None
    count = match.group("count").replace(",", "")
    return count if count.endswith("%") or "." in count else int(count)

"""The timeline vocabulary's shortcuts answer as the plain regexes do.

`timeline.describes_failure` skips a pattern when the entry holds none of the words every
match of it holds, and `timeline.episodes` asks whether an entry describes failure only
where the answer changes something. Both are there for speed (a 5 MB timeline); these
tests hold them to the straightforward reading: the regexes run on every text, the
failure question asked of every entry.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint import timeline
from pmlint.timeline import Entry, minutes_between


def _failure_plain(text: str) -> bool:
    if timeline._MARKED_START.search(text) or timeline._SAID_START.search(text):
        return True
    if timeline._LEAD_UP.search(text) or timeline._LATENT.search(text):
        return False
    if timeline._FAILURE.search(text):
        return True
    return timeline._SECRET.search(text) is not None and timeline._CONTAINING.search(text) is not None


def _episodes_plain(entries: list[Entry]) -> list[list[Entry]]:
    found: list[list[Entry]] = []
    current: list[Entry] = []
    ended = False
    for entry in entries:
        if entry.moment is None:
            continue
        failing = entry.kind == "started" or _failure_plain(entry.event)
        if current and ended and failing:
            gap = minutes_between(current[-1], entry)
            if gap is not None and gap >= timeline.EPISODE_GAP.total_seconds() / 60:
                found.append(current)
                current = []
        current.append(entry)
        if entry.kind in ("mitigated", "resolved") or timeline._ENDED.search(entry.event) or \
                (timeline._MITIGATION.search(entry.event) is not None and not failing):
            ended = True
        elif failing:
            ended = False
    if current:
        found.append(current)
    return found


#: Words of every pattern `describes_failure` runs, in several cases, and text around them.
_WORDS = [
    "Outage", "downtime", "was down", "ERRORS", "erroring", "failed", "failures", "crashlooping", "unavailable",
    "unresponsive", "unreachable", "degraded", "timing out", "timeouts", "timed out", "503s", "502 errors",
    "unable", "cannot", "can't", "broken", "stalled", "halted", "stuck", "slowness", "slowed down",
    "unauthorized access", "compromised", "breached", "exfiltrated", "leaked", "exposed", "impacted", "affects",
    "stopped serving", "no longer accepting", "expired", "impossible", "token", "API key", "private key",
    "pushed", "containing", "(started)", "(**outage starts**)", "incident began", "problems started",
    "introduced", "merged", "approved", "scheduled", "Conditions for failure", "set up for failure",
    "services are still operational", "it is fine", "looks fine", "seemed normal", "latent", "dormant",
    "no user impact yet", "rolled back", "restored", "resolved", "failover", "back to normal",
    "errors subsided", "the alert stopped firing", "was fully recovered", "we", "the", "checkout", "at", ",",
    "failed over", "rolling back", "reverted", "resolution", "fix was deployed", "deployed the patch", "hotfix",
    "patched", "workaround", "migration", "resolving", "restoring", "fixing", "mitigating", "back online",
    "back up", "disabled", "scaled up", "stopped", "blocked", "rotated", "revoked", "destroyed", "deleted",
    "removed", "alarms ceased firing", "5xx went away", "errors cleared", "returned to normal", "been restored",
    "ſtarted", "K", "\u212aeys", "é", "5", "s", "\t",
]
_TEXTS = st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_describes_failure_answers_as_its_regexes(text: str) -> None:
    assert timeline.describes_failure.__wrapped__(text) == _failure_plain(text)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_describes_mitigation_and_end_answer_as_their_regexes(text: str) -> None:
    assert timeline.describes_mitigation.__wrapped__(text) == (timeline._MITIGATION.search(text) is not None)  # type: ignore[attr-defined]
    assert timeline.describes_end.__wrapped__(text) == (timeline._ENDED.search(text) is not None)  # type: ignore[attr-defined]


def test_describes_failure_on_every_word_alone() -> None:
    for word in _WORDS:
        for text in (word, word.upper(), word.title(), f"x {word} y", f"it, {word}"):
            assert timeline.describes_failure.__wrapped__(text) == _failure_plain(text), text  # type: ignore[attr-defined]
            assert timeline.describes_mitigation.__wrapped__(text) == (timeline._MITIGATION.search(text) is not None), text  # type: ignore[attr-defined]
            assert timeline.describes_end.__wrapped__(text) == (timeline._ENDED.search(text) is not None), text  # type: ignore[attr-defined]


_START = datetime(2024, 3, 1, 9, 0)


@st.composite
def _timelines(draw: st.DrawFn) -> list[Entry]:
    steps = draw(st.lists(st.tuples(st.sampled_from([None, "started", "detected", "mitigated", "resolved", "other"]),
                                    _TEXTS, st.integers(0, 900), st.booleans()), max_size=14))
    moment, out = _START, []
    for index, (kind, text, minutes, timed) in enumerate(steps):
        moment += timedelta(minutes=minutes)
        out.append(Entry(index, kind, moment.isoformat(), moment if timed else None, event=text))
    return out


@settings(max_examples=300, deadline=None)
@given(_timelines())
def test_episodes_split_as_when_every_entry_is_asked(entries: list[Entry]) -> None:
    assert timeline.episodes(entries) == _episodes_plain(entries)


def test_evidence_pattern_gates_hold_every_match() -> None:
    """A pattern skipped by PATTERN_GATES (no gate word in the document) would have found
    nothing: each phrase the pattern matches holds a gate word, and is still found."""
    from pmlint.load.evidence import PATTERN_GATES, PATTERNS, find_evidence

    examples = {("no_pager", "volunteers"): ["This is a volunteer-run project.", "The service is run entirely by "
                                             "volunteers.", "We are an all-volunteer team.",
                                             "A Volunteer Driven effort."]}
    assert set(examples) == set(PATTERN_GATES)
    for (kind, label), texts in examples.items():
        pattern = dict(PATTERNS[kind])[label]
        for text in texts:
            assert pattern.search(text.lower()) is not None, text
            assert any(word in text.lower() for word in PATTERN_GATES[(kind, label)]), text
            found = find_evidence([(text, 1, 1, None)]).get(kind)
            assert found is not None and found["label"] == label, text

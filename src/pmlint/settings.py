"""Default values of every `settings` key: thresholds and word lists the rules use.

Every key is documented in the README's settings table (a test checks that). Config
`settings:` overrides keys one by one; an unknown key is a configuration error, so a
typo never silently falls back to a default.
"""

from __future__ import annotations

from typing import Any

DEFAULT_SETTINGS: dict[str, Any] = {
    # -- documents -------------------------------------------------------------------
    "max_file_bytes": 5 * 1024 * 1024,
    "severity_levels": ["SEV1", "SEV2", "SEV3", "SEV4"],
    "major_severities": ["SEV1", "SEV2"],
    "strict": False,
    # -- language --------------------------------------------------------------------
    "blame_phrases": [
        "should have", "shouldn't have", "should not have", "failed to", "forgot to", "careless",
        "carelessly", "negligent", "negligence", "incompetent", "human error", "operator error",
        "blame", "blamed", "fault of", "his fault", "her fault", "their fault", "didn't bother", "sloppy",
    ],
    "blame_suggestions": {
        "should have": ' (say what the system did not make easy or safe, e.g. "the runbook did not include ...")',
        "failed to": ' (say what the system did or did not do, e.g. "the check did not run")',
        "human error": " (name the system condition that let a normal mistake cause harm)",
        "careless": " (describe the conditions: time pressure, missing guard rails, unclear tooling)",
    },
    # -- summary ---------------------------------------------------------------------
    "summary_max_words": 150,
}

SETTINGS_HELP: dict[str, str] = {
    "max_file_bytes": "Files larger than this are reported (PM003) and not read.",
    "severity_levels": "Severity names, most severe first.",
    "major_severities": "Severities that need the full durability analysis (all layers, on-call, lessons).",
    "strict": "Unknown top-level fields in YAML postmortems are schema errors (same as config `strict`).",
    "blame_phrases": "Phrases PM701 reports as blaming language (whole words, case-insensitive).",
    "blame_suggestions": "Phrase → rewrite advice appended to PM701's message.",
    "summary_max_words": "Longest summary, in words, that a reader takes in within a minute.",
}


def merge_settings(overrides: dict[str, Any] | None) -> dict[str, Any]:
    merged = dict(DEFAULT_SETTINGS)
    merged.update(overrides or {})
    return merged

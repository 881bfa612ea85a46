"""Every real postmortem in ../shared/corpus loads, and its visible sections are recognised.

The corpus is other teams' writing: it is read in place, never copied into this
repository. Without it (e.g. in a source checkout elsewhere) these tests are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmlint.load import load_path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FILES = sorted(path for path in CORPUS.glob("*.md") if path.name != "README.md") if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"shared corpus not found at {CORPUS} (it lives outside the repo)")

#: Sections a careful reader sees in a representative subset of the corpus.
EXPECTED: dict[str, set[str]] = {
    "k8s-test-infra-2019-01-23.md": {"summary", "impact", "root_causes", "detection", "resolution", "lessons",
                                     "action_items", "timeline", "lessons.went_well", "lessons.went_wrong",
                                     "lessons.got_lucky"},
    "dfds-PM2023-001-total-node-failure.md": {"summary", "timeline", "root_causes", "action_items", "lessons"},
    "pydis-2020-12-11-all-services-outage.md": {"trigger", "impact", "detection", "on_call", "resolution", "whys",
                                               "root_causes", "lessons", "action_items"},
    "moj-2023-07-21-vpc-cni.md": {"timeline", "detection", "impact", "resolution", "action_items"},
    "moj-2026-03-30-ingress-nginx-rollback.md": {"summary", "timeline", "root_causes", "resolution", "action_items"},
    "mybinder-2018-02-12-launch-fail.md": {"summary", "timeline", "lessons", "action_items", "lessons.got_lucky"},
    "posthog-2025-09-29-flags-is-down.md": {"summary", "timeline", "root_causes", "impact", "action_items",
                                            "lessons"},
    "chia-2021-10-31-dust-storm.md": {"summary", "timeline", "root_causes", "resolution"},
    "chia-2023-04-25-user-account-compromise.md": {"timeline", "resolution"},
    "2i2c-2020-10-28-memory-overload.md": {"summary", "timeline", "action_items"},
}
#: Documents whose timeline pmlint should read entries from (not just find the heading).
TIMELINE_ENTRIES = {
    "k8s-test-infra-2019-01-23.md": 10, "dfds-PM2023-001-total-node-failure.md": 16,
    "mybinder-2018-02-20-jupyterlab-announcement.md": 30, "chia-2021-10-31-dust-storm.md": 19,
    "posthog-2026-01-17-replay-sdk-fetch-wrapper.md": 8, "moj-2026-03-30-ingress-nginx-rollback.md": 17,
    "2i2c-2020-10-28-memory-overload.md": 6, "k8s-test-infra-2019-02-05.md": 12,
}
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def _ids(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_loads_without_internal_error_and_spans_in_file(path: Path):
    document = load_path(str(path))
    assert not document.broken, document.problems
    count = len(document.lines)
    for pointer, span in document.spans.items():
        assert 1 <= span.line <= max(count, 1), pointer
        assert span.line <= span.end_line <= max(count, 1), pointer


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_no_internal_error_finding(path: Path):
    from pmlint.config import load_config
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document

    config = load_config(None)
    rules = load_rules(config.rules_directories())
    document = load_path(str(path), config.settings)
    findings = lint_document(document, rules, RunOptions(settings=config.settings, severity={}))
    assert [finding.message for finding in findings if finding.rule_id == "PM009"] == []


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_expected_sections(name: str):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in this corpus")
    sections = load_path(str(path)).meta.sections
    assert EXPECTED[name] <= set(sections), EXPECTED[name] - set(sections)


#: An obvious section keyword in a heading → the section it must open. Written here, apart
#: from the loader's alias table, so a heading the table misses fails this test.
SECTION_KEYWORDS = (
    ("summary", "summary"), ("impact", "impact"), ("timeline", "timeline"), ("root cause", "root_causes"),
    ("contributing factor", "root_causes"), ("action item", "action_items"), ("follow-up", "action_items"),
    ("follow up", "action_items"), ("lessons", "lessons"), ("detection", "detection"),
    ("resolution", "resolution"), ("what went well", "lessons"), ("what went wrong", "lessons"),
    ("where we got lucky", "lessons"),
)


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_every_heading_with_a_section_keyword_is_recognised(path: Path):
    """Generic check: every heading (but the title) whose text names a section opens it."""
    document = load_path(str(path))
    sections = document.meta.sections
    in_fence = False
    missed = []
    for number, line in enumerate(document.lines, start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = _HEADING.match(line)
        if in_fence or not match or number == document.meta.title_line:
            continue
        heading = " ".join(match.group(1).lower().replace("*", "").replace("_", " ").split())
        for word, key in SECTION_KEYWORDS:
            if word in heading and key not in sections:
                missed.append(f"line {number}: {line.strip()!r} is not recognised as {key}")
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(TIMELINE_ENTRIES), ids=sorted(TIMELINE_ENTRIES))
def test_timeline_entries_are_read(name: str):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in this corpus")
    timeline = load_path(str(path)).data.get("timeline", [])
    assert len(timeline) >= TIMELINE_ENTRIES[name]

"""Telling others is not noticing: "Notified impacted users directly by email" in a timeline
is the team's communication, not its detection, while "We were notified by a customer" and
"On-call engineer notified" are being told (held-out set G: a 30-hour time to detect was
measured to the entry where the team emailed its users). CLI in, profile out."""

from __future__ import annotations

import json

import pytest

from conftest import write


def _time_to_detect(run_cli, tmp_path, entry: str) -> float | None:
    doc = write(tmp_path / "pm.md", "# Token exposure\n\n## Timeline\n\nAll times UTC.\n\n"
                "- 2026-04-02 09:00 - Auth tokens exposed in the import feature\n"
                f"- 2026-04-02 11:00 - {entry}\n")
    code, out, err = run_cli("check", "--format", "json", "--profile", "--exit-zero", str(doc))
    assert code == 0, err
    return json.loads(out)["profiles"][str(doc)]["time_to_detect_minutes"]


@pytest.mark.parametrize("entry", ["Notified impacted users directly by email.",
                                   "We notified all affected customers of the exposure.",
                                   "Notified the community on the forum."])
def test_telling_others_is_not_the_detection(run_cli, tmp_path, entry):
    assert _time_to_detect(run_cli, tmp_path, entry) is None


@pytest.mark.parametrize("entry", ["We were notified by a customer.", "On-call engineer notified.",
                                   "Team notified of the errors by the partner."])
def test_being_told_is_the_detection(run_cli, tmp_path, entry):
    found = _time_to_detect(run_cli, tmp_path, entry)
    assert found is not None and found["value"] == 120

"""The durability profile reads stated facts and marks nothing it did not infer."""

from __future__ import annotations

import json

from conftest import EXAMPLES

from pmlint.infer import build_profile
from pmlint.load import load_path


def test_stated_profile_of_the_exemplary_yaml():
    profile = build_profile(load_path(str(EXAMPLES / "exemplary.yaml")))
    assert profile.severity is not None and profile.severity.value == "SEV2" and not profile.severity.inferred
    assert profile.cause_layers == {"code": 1, "architecture": 1, "infrastructure": 1}
    assert profile.fix_layers["infrastructure"] == 2
    assert profile.on_call.woke_someone
    assert profile.severity.span is not None and profile.severity.span.line > 0
    json.dumps(profile.to_json())  # plain JSON, for check --format json and pmlint report


def test_unknown_stays_none_never_a_guess(tmp_path):
    path = tmp_path / "pm.yaml"
    path.write_text("title: Outage\nsummary: Something broke.\n", encoding="utf-8")
    profile = build_profile(load_path(str(path)))
    assert profile.severity is None and profile.causes == () and profile.durable_share is None
    assert not profile.on_call.woke_someone

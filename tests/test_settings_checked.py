"""Settings that used to be accepted silently: per-severity maps with unknown severities,
unknown required sections, a bare number as a clock time."""

from __future__ import annotations


import pytest

PM = "title: x\naction_items:\n  - title: Add a disk-space alert\n"


@pytest.mark.parametrize("settings,line,expected", [
    ("  max_time_to_detect_minutes: {SEV7: 3}\n", 3,
     "`settings.max_time_to_detect_minutes` has a key 'SEV7', which is not one of `settings.severity_levels` "
     "(SEV1, SEV2, SEV3, SEV4)"),
    ("  max_time_to_mitigate_minutes:\n    SEV1: 30\n    SEV22: 60\n", 5,
     "`settings.max_time_to_mitigate_minutes` has a key 'SEV22'"),
    ("  severity_levels: [P1, P2]\n  major_severities: [P1]\n  why_depth_severities: [P1]\n"
     "  max_time_to_detect_minutes: {P1: 5, P3: 10}\n", 6,
     "`settings.max_time_to_detect_minutes` has a key 'P3', which is not one of `settings.severity_levels` (P1, P2)"),
    ("  severity_aliases: {urgent: SEV0}\n", 3,
     "`settings.severity_aliases.urgent` names 'SEV0', which is not one of `settings.severity_levels`"),
    ("  required_sections: [summary, timelines]\n", 3,
     "`settings.required_sections[1]` names an unknown section 'timelines' (did you mean 'timeline'?)"),
    ("  required_sections:\n    - summary\n    - impact|actions\n", 5,
     "`settings.required_sections[1]` names an unknown section 'actions'"),
    ("  night_start: 7\n", 3, "`settings.night_start` must be a time of day as HH:MM (00:00 to 23:59), got 7"),
    ("  night_end: 700\n", 3, "`settings.night_end` must be a time of day as HH:MM"),
])
def test_bad_setting_is_a_config_error(run_cli, tmp_path, settings, line, expected):
    (tmp_path / ".pmlint.yaml").write_text("fail-on: never\nsettings:\n" + settings, encoding="utf-8")
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert err.startswith(f"pmlint: error: {tmp_path / '.pmlint.yaml'}:{line}: "), err
    assert expected in err


@pytest.mark.parametrize("settings", [
    "  severity_levels: [P1, P2]\n  major_severities: [P1]\n  why_depth_severities: [P1]\n"
    "  max_time_to_detect_minutes: {P1: 5}\n  severity_aliases: {urgent: p1}\n",
    "  required_sections: [summary, 'impact|action_items', lessons, on_call, trigger, detection, resolution]\n",
    "  night_start: '21:30'\n  night_end: 06:00\n",
])
def test_good_settings_pass(run_cli, tmp_path, settings):
    (tmp_path / ".pmlint.yaml").write_text("fail-on: never\nsettings:\n" + settings, encoding="utf-8")
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 0, err


def test_rule_example_settings_are_checked_the_same_way(tmp_path):
    from pmlint.engine.examples import _checked_settings
    from pmlint.engine.rules import load_rules
    from pmlint.errors import ConfigError

    rule = load_rules()[0]
    with pytest.raises(ConfigError, match="names an unknown section 'timelines'"):
        _checked_settings(rule, 0, {"required_sections": ["timelines"]})

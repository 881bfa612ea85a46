"""Settings are validated when the configuration loads (one line naming file, line and key,
exit 2); mapping settings merge with their defaults; config errors name where they are."""

from __future__ import annotations

import json

import pytest

from pmlint.config import load_config
from pmlint.errors import ConfigError
from pmlint.settings import DEFAULT_SETTINGS, SETTINGS_KIND, check_setting, merge_settings

from conftest import write

PM = "title: x\naction_items:\n  - title: Add a disk-space alert\n"


def test_every_setting_has_a_kind_and_its_default_passes_it():
    assert set(SETTINGS_KIND) == set(DEFAULT_SETTINGS)
    for key, value in DEFAULT_SETTINGS.items():
        check_setting(key, value)


@pytest.mark.parametrize("settings,line,expected", [
    ("  template_placeholders: ['\\bTBD\\b', '(unclosed']\n", 3,
     "`settings.template_placeholders[1]` is not a valid regular expression"),
    ("  measurable_patterns:\n    - '\\d'\n    - '[a-'\n", 5,
     "`settings.measurable_patterns[1]` is not a valid regular expression"),
    ("  night_start: '25:00'\n", 3, "`settings.night_start` must be a time of day as HH:MM"),
    ("  night_end: '7'\n", 3, "`settings.night_end` must be a time of day as HH:MM"),
    ("  night_timezone: Mars/Olympus\n", 3, "`settings.night_timezone` must be an IANA timezone"),
    ("  summary_max_words: -1\n", 3, "`settings.summary_max_words` must be a non-negative integer"),
    ("  min_why_depth: 2.5\n", 3, "`settings.min_why_depth` must be a non-negative integer"),
    ("  major_severities: [SEV1, SEV9]\n", 3,
     "`settings.major_severities` names 'SEV9', which is not one of `settings.severity_levels`"),
    ("  severity_levels: [P1, P2]\n", 3, "`settings.major_severities` keeps its default"),
    ("  section_aliases:\n    actions: [Follow-through]\n", 4,
     "`settings.section_aliases` has an unknown section key 'actions' (did you mean 'action_items'?)"),
    ("  max_time_to_detect_minutes:\n    SEV1: -5\n", 4,
     "`settings.max_time_to_detect_minutes.SEV1` must be a non-negative number"),
    ("  vague_verbs: [investigate, 3]\n", 3, "`settings.vague_verbs[1]` must be a non-empty string"),
])
def test_bad_setting_is_one_line_with_file_line_and_key(run_cli, tmp_path, settings, line, expected):
    write(tmp_path / ".pmlint.yaml", "fail-on: never\nsettings:\n" + settings)
    write(tmp_path / "pm.yaml", PM)
    code, out, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"pmlint: error: {tmp_path / '.pmlint.yaml'}:{line}: "), err
    assert expected in err


@pytest.mark.parametrize("value", ["", "UTC", "+02:00", "-0530", "Europe/Berlin"])
def test_good_timezones_pass(value):
    check_setting("night_timezone", value)


def test_map_settings_merge_with_their_defaults_and_lists_replace(tmp_path):
    write(tmp_path / ".pmlint.yaml",
          "settings:\n  max_time_to_detect_minutes: {SEV1: 5}\n  band_aid_verbs: [ponder]\n")
    settings = load_config(start=tmp_path).settings
    assert settings["max_time_to_detect_minutes"] == {"SEV1": 5, "SEV2": 30, "SEV3": 60, "SEV4": 240}
    assert settings["band_aid_verbs"] == ["ponder"]
    assert merge_settings({"layer_keywords": {"code": ["regex"]}})["layer_keywords"]["architecture"]


def test_merged_map_setting_still_applies_defaults_to_other_severities(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "select: [PM403]\nsettings:\n  max_time_to_detect_minutes: {SEV1: 5}\n")
    write(tmp_path / "pm.yaml", """\
title: x
severity: SEV2
timeline:
  - {at: "2025-01-01T10:00:00Z", event: broke, kind: started}
  - {at: "2025-01-01T12:00:00Z", event: seen, kind: detected}
""")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["PM403"], err


def test_empty_config_file_means_no_settings(run_cli, tmp_path):
    write(tmp_path / ".pmlint.yaml", "")
    write(tmp_path / "pm.yaml", PM)
    code, out, err = run_cli("check", "--select", "PM301", "pm.yaml", cwd=tmp_path)
    assert code == 1 and err == ""
    write(tmp_path / ".pmlint.yaml", "# nothing configured yet\n")
    assert load_config(start=tmp_path).settings == DEFAULT_SETTINGS


@pytest.mark.parametrize("config,line,expected", [
    ("ignore: [PM301, PM7O1]\n", 1, "unknown rule or category 'PM7O1' in `ignore` (did you mean 'PM701'?)"),
    ("select:\n  - PM301\n  - PM3O2\n", 3, "unknown rule or category 'PM3O2' in `select` (did you mean 'PM302'?)"),
    ("extend-select:\n  - action-item-ownr\n", 2, "did you mean 'action-item-owner'?"),
    ("severity:\n  PM301: info\n  PM7O1: error\n", 3, "in `severity` (did you mean 'PM701'?)"),
    ("per-path:\n  'old/**':\n    ignore: [PM7O1]\n", 3, "in `per-path.old/**.ignore` (did you mean 'PM701'?)"),
    ("per-path:\n  'old/**':\n    severity: {PM7O1: info}\n", 3, "in `per-path.old/**.severity`"),
    ("selec: [PM301]\n", 1, "Unknown key `selec` (did you mean 'select'?)"),
    ("per-path:\n  'old/**':\n    ignroe: [PM301]\n", 3, "(did you mean 'ignore'?)"),
    ("settings:\n  summary_max_word: 10\n", 2, "unknown setting `settings.summary_max_word` "
                                              "(did you mean 'summary_max_words'?)"),
])
def test_config_mistakes_name_file_line_and_suggest(run_cli, tmp_path, config, line, expected):
    write(tmp_path / ".pmlint.yaml", config)
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert err.startswith(f"pmlint: error: {tmp_path / '.pmlint.yaml'}:{line}: "), err
    assert expected in err and err.count("\n") == 1


def test_unknown_code_on_the_command_line_names_the_option_and_suggests(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", "--ignore", "PM7O1", "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert "unknown rule or category 'PM7O1' in --ignore (did you mean 'PM701'?)" in err


def test_pyproject_errors_name_the_file_and_the_key_path(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.pmlint]\nignore = ["PM7O1"]\n')
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2
    assert f"{tmp_path / 'pyproject.toml'}: [tool.pmlint] unknown rule or category 'PM7O1' in `ignore`" in err
    write(tmp_path / "pyproject.toml", '[tool.pmlint.settings]\nnight_start = "noon"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.pmlint\] `settings.night_start` must be"):
        load_config(start=tmp_path)


def test_pmlint_yaml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.pmlint]\nfail-on = "info"\n')
    write(tmp_path / ".pmlint.yaml", "fail-on: warning\n")
    config = load_config(start=tmp_path)
    assert config.path.name == ".pmlint.yaml" and config.fail_on == "warning"

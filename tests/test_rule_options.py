"""Rules own their vocabulary: options in the rule file, overridable per rule in config.

Behaviour through the CLI: a new rule written as one YAML file (options and examples, no
Python) runs; `rules: {ID: {option: value, severity: ...}}` changes what a rule reports;
a bad option, in config or in a rule file, is exit 2 with one line naming the file and
line; settings that moved into a rule still work, with a warning naming the new form.
"""

from __future__ import annotations

import json

import pytest

from conftest import write

#: A team's own rule: one YAML file, a generic function, its words as options, examples.
NEW_RULE = """\
id: ACME201
name: no-hero-language
category: language
severity: warning
summary: Nobody is called a hero.
rationale: >
  Calling a responder a hero celebrates the fire-fight instead of asking why it was needed.
given: $
then:
  function: absent_pattern
  options:
    words: [hero, heroic, saved the day]
message: 'Hero language: "{phrase}"'
fix: Describe what the responder did, and what made it necessary.
examples:
  - invalid: |
      summary: Dana was a hero and saved the day.
    findings: 2
  - valid: |
      summary: Dana failed the database over to the replica.
  - valid: |
      summary: The on-call engineer saved the day.
    options: {words: [heroic]}
    note: the example runs with the option overridden, as config would set it
"""

PM = "title: x\nsummary: Dana was a hero again.\n"


def _new_rule(tmp_path, config: str = "") -> None:
    write(tmp_path / "rules" / "ACME201-no-hero-language.yaml", NEW_RULE)
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\nselect: [ACME201]\n" + config)
    write(tmp_path / "pm.yaml", PM)


def _findings(out: str) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["severity"], f["message"]) for f in json.loads(out)["findings"]]


def test_a_new_rule_is_one_yaml_file_with_options_and_examples(run_cli, tmp_path):
    _new_rule(tmp_path)
    code, out, err = run_cli("test-rules", "rules", cwd=tmp_path)
    assert code == 0, out + err
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert code == 0 and err == "", err  # a warning does not fail the run
    assert _findings(out) == [("ACME201", "warning", 'Hero language: "hero"')]
    code, out, _ = run_cli("explain", "ACME201", cwd=tmp_path)
    assert code == 0 and 'words: ["hero", "heroic", "saved the day"]' in out


def test_config_overrides_a_rules_options_and_severity(run_cli, tmp_path):
    _new_rule(tmp_path, "rules:\n  no-hero-language: {words: [again], severity: info}\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert code == 0, err
    assert _findings(out) == [("ACME201", "info", 'Hero language: "again"')]
    code, out, _ = run_cli("explain", "ACME201", cwd=tmp_path)
    assert 'words: ["again"]' in out  # explain shows the value in effect


def test_a_built_in_rules_vocabulary_is_overridden_in_config(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", "title: x\naction_items:\n  - {title: Ponder the cache size}\n"
                                "  - {title: Investigate the cache size}\n")
    write(tmp_path / ".pmlint.yaml", "select: [PM310]\n")
    code, out, _ = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert [message for _, _, message in _findings(out)] == [
        'Action item starts with the vague verb "Investigate" and states no measurable outcome']
    write(tmp_path / ".pmlint.yaml", "select: [PM310]\nrules:\n  PM310:\n    vague_verbs: [ponder]\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert err == ""
    assert [message for _, _, message in _findings(out)] == [
        'Action item starts with the vague verb "Ponder" and states no measurable outcome']


def test_a_mapping_option_merges_with_the_rules_own(run_cli, tmp_path):
    """`{should have: ...}` replaces one suggestion of PM701 and keeps the others."""
    write(tmp_path / "pm.yaml", "title: x\nsummary: The engineer should have checked it; it was careless.\n")
    write(tmp_path / ".pmlint.yaml", "select: [PM701]\nrules:\n  PM701:\n    suggestions: {should have: ' (ours)'}\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    messages = [message for _, _, message in _findings(out)]
    assert 'Blaming phrase "should have" (ours)' in messages, err
    assert any(message.startswith('Blaming phrase "careless" (describe the conditions') for message in messages)


@pytest.mark.parametrize("config,line,expected", [
    ("rules:\n  PM310:\n    vague_verb: [ponder]\n", 3,
     "rule PM310 (vague-action) has no option 'vague_verb' (did you mean 'vague_verbs'?); its options: "
     "vague_verbs, measurable_patterns"),
    ("rules:\n  PM104:\n    min_why_depth: ten\n", 3, "`rules.PM104.min_why_depth` must be a whole number"),
    ("rules:\n  PM310:\n    measurable_patterns:\n      - '\\d'\n      - '(unclosed'\n", 5,
     "`rules.PM310.measurable_patterns[1]` is not a valid regular expression"),
    ("rules:\n  PM011:\n    required_sections: [summary, timelines]\n", 3,
     "names an unknown section 'timelines' (did you mean 'timeline'?)"),
    ("rules:\n  PM7O1: {severity: info}\n", 2, "unknown rule or category 'PM7O1' in `rules` (did you mean 'PM701'?)"),
    ("rules:\n  PM701: {severity: loud}\n", 2, "`rules.PM701.severity`"),
])
def test_a_bad_option_in_config_is_one_line_with_file_and_line(run_cli, tmp_path, config, line, expected):
    write(tmp_path / ".pmlint.yaml", config)
    write(tmp_path / "pm.yaml", PM)
    code, out, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2, out
    assert err.startswith(f"pmlint: error: {tmp_path / '.pmlint.yaml'}:{line}: "), err
    assert expected in err and err.count("\n") == 1, err


@pytest.mark.parametrize("change,line,expected", [
    (("    words: [hero, heroic, saved the day]\n", "    words: [hero, 3]\n"), 12, "words[1]"),
    (("    words: [hero, heroic, saved the day]\n", "    word: [hero]\n"), 12, "unknown option(s) word"),
    (("  function: absent_pattern\n  options:\n    words: [hero, heroic, saved the day]\n",
      "  function: vague_action\n"), 10, "function 'vague_action' needs the option(s) vague_verbs, measurable_patterns"),
])
def test_a_bad_option_in_a_rule_file_is_one_line_with_file_and_line(run_cli, tmp_path, change, line, expected):
    write(tmp_path / "rules" / "ACME201-no-hero-language.yaml", NEW_RULE.replace(*change))
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\n")
    write(tmp_path / "pm.yaml", PM)
    code, out, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2, out
    rule_file = tmp_path / "rules" / "ACME201-no-hero-language.yaml"
    assert err.startswith(f"pmlint: error: {rule_file.resolve()}:{line}: ") or \
        err.startswith(f"pmlint: error: {rule_file}:{line}: "), err
    assert expected in err and err.count("\n") == 1, err


def test_a_moved_setting_still_works_with_a_deprecation_warning(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", "title: x\naction_items:\n  - {title: Ponder the cache size}\n")
    write(tmp_path / ".pmlint.yaml", "select: [PM310]\nsettings:\n  vague_verbs: [ponder]\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert [rule for rule, _, _ in _findings(out)] == ["PM310"]
    assert err == ("pmlint: warning: `settings.vague_verbs` is deprecated: PM310 owns it now; write "
                   "`rules: {PM310: {vague_verbs: ...}}` instead (`pmlint explain PM310` lists its options)\n")
    # a bad value of a moved setting is still the error it was, at its line
    write(tmp_path / ".pmlint.yaml", "settings:\n  vague_verbs: [ponder, 3]\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and f"{tmp_path / '.pmlint.yaml'}:2: `settings.vague_verbs[1]` must be a non-empty string" in err


def test_a_user_rule_reading_a_moved_setting_gets_the_owning_rules_value(run_cli, tmp_path):
    rule = NEW_RULE.replace("    words: [hero, heroic, saved the day]\n", "    words: {setting: counterfactual_phrases}\n")
    write(tmp_path / "rules" / "ACME201-no-hero-language.yaml", rule)
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\nselect: [ACME201]\nrules:\n  PM703: {words: [if only]}\n")
    write(tmp_path / "pm.yaml", "title: x\nsummary: If only we had a canary. It could have been avoided.\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert [message for _, _, message in _findings(out)] == ['Hero language: "If only"'], err


def test_explain_lists_every_option_with_its_default(run_cli):
    code, out, _ = run_cli("explain", "PM310")
    assert code == 0
    section = out[out.index("Options"):]
    assert "rules: {PM310: {OPTION: value}}" in section
    assert 'vague_verbs: ["investigate", "look into"' in section
    assert "Leading verbs reported unless the item states a measurable outcome." in section
    assert "measurable_patterns: [" in section


def test_the_config_schema_completes_rule_options(run_cli):
    code, out, _ = run_cli("schema", "config")
    schema = json.loads(out)
    pm310 = schema["properties"]["rules"]["properties"]["PM310"]["properties"]
    assert pm310["vague_verbs"]["default"][0] == "investigate" and pm310["vague_verbs"]["type"] == "array"
    assert pm310["severity"]["enum"] == ["error", "warning", "info"]


#: A plan rule in YAML alone: the predicates `open`, `band_aid`, `contains` and `matches`.
PLAN_RULE = """\
id: ACME301
name: durable-alert-item
severity: warning
summary: A plan with a ticketed alert has a durable item too.
rationale: An alert catches the next one sooner; only a durable fix stops it.
when: {path: $.summary, matches: 'OPS-[0-9]+'}
given: $
then:
  function: exists
  options:
    collection: $.action_items
    where:
      all:
        - {open: true}
        - {not: {band_aid: true}}
        - {path: $.title, contains: [alert, probe]}
message: No open, durable alerting item
fix: Add one.
examples:
  - invalid: |
      summary: OPS-12 outage
      action_items:
        - {title: Restart the alert router}
        - {title: Add a disk alert, status: wont-do}
  - valid: |
      summary: OPS-12 outage
      action_items:
        - {title: Add a disk alert}
  - valid: |
      summary: an outage without a ticket
"""


def test_predicates_make_a_plan_rule_without_python(run_cli, tmp_path):
    write(tmp_path / "rules" / "ACME301-durable-alert-item.yaml", PLAN_RULE)
    code, out, err = run_cli("test-rules", "rules", cwd=tmp_path)
    assert code == 0, out + err


@pytest.mark.parametrize("change,expected", [
    (("matches: 'OPS-[0-9]+'", "matches: '(?=OPS)'"), "`matches` is not a valid regular expression"),
    (("- {open: true}", "- {path: $.title, matches: '(unclosed'}"), "`matches` is not a valid regular expression"),
])
def test_a_bad_predicate_is_a_rule_file_error(run_cli, tmp_path, change, expected):
    write(tmp_path / "rules" / "ACME301-durable-alert-item.yaml", PLAN_RULE.replace(*change))
    code, _, err = run_cli("test-rules", "rules", cwd=tmp_path)
    assert code == 2 and expected in err and err.count("\n") == 1, err


def test_an_override_regex_is_compiled_as_the_check_runs_it(run_cli, tmp_path):
    """RE2 refuses a lookahead: the override is refused when the config loads, not dropped."""
    write(tmp_path / ".pmlint.yaml", "rules:\n  PM310:\n    measurable_patterns: ['(?=soon)']\n")
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and ".pmlint.yaml:3: " in err and "is not a valid regular expression" in err, err


def test_show_config_lists_the_rule_options_config_sets(run_cli, tmp_path):
    from ruamel.yaml import YAML

    write(tmp_path / ".pmlint.yaml", "rules:\n  vague-action: {vague_verbs: [ponder]}\n"
                                     "settings:\n  no_action_min_words: 3\n")
    write(tmp_path / "pm.yaml", PM)
    code, out, _ = run_cli("check", "--show-config", "pm.yaml", cwd=tmp_path)
    shown = YAML(typ="safe").load(out)
    assert shown["rules"] == {"PM310": {"vague_verbs": ["ponder"]}, "PM313": {"no_action_min_words": 3}}
    assert "vague_verbs" not in shown["settings"] and "major_severities" in shown["settings"]


def test_a_rules_own_when_vocabulary_is_an_option(run_cli, tmp_path):
    """PM402 runs for the detection methods in its own `options:` (read by `when`)."""
    write(tmp_path / "pm.yaml", "title: x\ndetection: {method: employee}\naction_items:\n  - {title: Fix the bug}\n")
    write(tmp_path / ".pmlint.yaml", "select: [PM402]\n")
    code, out, _ = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert [rule for rule, _, _ in _findings(out)] == ["PM402"]
    write(tmp_path / ".pmlint.yaml", "select: [PM402]\nrules:\n  PM402: {human_detection_methods: [customer]}\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert _findings(out) == [] and err == ""
    code, out, _ = run_cli("explain", "PM402", cwd=tmp_path)
    assert 'human_detection_methods: ["customer"]' in out


@pytest.mark.parametrize("config,line,expected", [
    ("settings:\n  severity_levels: [P1, P2]\n  major_severities: [P1]\n", 2,
     "PM104's `why_depth_severities` keeps its default ['SEV1'], but 'SEV1' is not one of `settings.severity_levels`"),
    ("rules:\n  PM104:\n    why_depth_severities: [SEV9]\n", 3,
     "`rules.PM104.why_depth_severities` names 'SEV9', which is not one of `settings.severity_levels`"),
    ("settings:\n  why_depth_severities: [SEV9]\n", 2,
     "`settings.why_depth_severities` names 'SEV9', which is not one of `settings.severity_levels`"),
])
def test_a_rules_severity_list_names_configured_levels(run_cli, tmp_path, config, line, expected):
    write(tmp_path / ".pmlint.yaml", config)
    write(tmp_path / "pm.yaml", PM)
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and err.startswith(f"pmlint: error: {tmp_path / '.pmlint.yaml'}:{line}: "), err
    assert expected in err and err.count("\n") == 1, err


def test_an_unknown_option_reference_is_a_rule_file_error(run_cli, tmp_path):
    write(tmp_path / "rules" / "ACME301-durable-alert-item.yaml",
          PLAN_RULE.replace("when: {path: $.summary, matches: 'OPS-[0-9]+'}",
                            "options: {tickets: [OPS-1]}\nwhen: {path: $.summary, in: {option: ticket}}"))
    code, _, err = run_cli("test-rules", "rules", cwd=tmp_path)
    assert code == 2 and "unknown option 'ticket' (did you mean 'tickets'?)" in err and err.count("\n") == 1, err


def test_a_user_rule_may_give_a_python_checks_vocabulary_as_a_setting(run_cli, tmp_path):
    """`{setting: NAME}` stands for the value: the check reads the setting's words."""
    rule = NEW_RULE.replace("  function: absent_pattern\n  options:\n    words: [hero, heroic, saved the day]\n",
                            "  function: vague_action\n  options:\n    vague_verbs: {setting: band_aid_verbs}\n"
                            "    measurable_patterns: ['\\\\d']\n").replace("given: $\n", "given: $.action_items[*]\n")
    rule = rule.replace("message: 'Hero language: \"{phrase}\"'", "message: 'Band-aid \"{verb}\"'")
    write(tmp_path / "rules" / "ACME201-no-hero-language.yaml", rule)
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\nselect: [ACME201]\n")
    write(tmp_path / "pm.yaml", "title: x\naction_items:\n  - {title: Restart the workers}\n  - {title: Investigate it}\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert [message for _, _, message in _findings(out)] == ['Band-aid "Restart"'], err


TOIL_PM = "title: x\nresolution: We restarted the pods, then ran a script by hand.\n"


def test_a_check_reads_the_rules_own_option_under_the_name_config_sets(run_cli, tmp_path):
    """PM204's `absent_pattern` reads `words: {option: manual_step_words}`: config overrides
    the rule's option (and the moved setting still reaches it), and the check runs with it."""
    write(tmp_path / "pm.yaml", TOIL_PM)
    write(tmp_path / ".pmlint.yaml", "select: [PM204]\n")
    code, out, _ = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert [message for _, _, message in _findings(out)] == [
        'Resolution describes a manual step ("restarted") but `on_call.toil` is empty']  # `first`: one finding
    write(tmp_path / ".pmlint.yaml", "select: [PM204]\nrules:\n  PM204: {manual_step_words: [ran a script]}\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert err == "" and [message for _, _, message in _findings(out)] == [
        'Resolution describes a manual step ("ran a script") but `on_call.toil` is empty']
    write(tmp_path / ".pmlint.yaml", "select: [PM204]\nsettings:\n  manual_step_words: [by hand]\n")
    code, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    assert "deprecated" in err and [message for _, _, message in _findings(out)] == [
        'Resolution describes a manual step ("by hand") but `on_call.toil` is empty']
    write(tmp_path / ".pmlint.yaml", "select: [PM204]\nrules:\n  PM204: {manual_step_words: [by hand, 3]}\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and err.count("\n") == 1 and ":3:" in err, err
    write(tmp_path / ".pmlint.yaml", "select: [PM204]\n")
    code, out, _ = run_cli("explain", "PM204", cwd=tmp_path)
    assert "manual_step_words: [" in out and "\n  words:" not in out  # the check's `words` is the rule's option


def test_the_shared_detection_vocabulary_is_one_setting_both_rules_read(run_cli, tmp_path):
    """PM402 (no detection item) and PM403 (slow detection; softer when the plan detects)
    read `settings.detect_words`: one list, so a team's own word counts for both, and the
    two rules can never disagree about what a detection item is."""
    write(tmp_path / "pm.yaml", "title: x\nseverity: SEV1\ndetection: {method: customer}\n"
          "timeline:\n  - {at: '2024-05-01T10:00:00Z', event: outage starts, kind: started}\n"
          "  - {at: '2024-05-01T14:00:00Z', event: a customer tells us, kind: detected}\n"
          "action_items:\n  - {title: Add a heartbeat for checkout, owner: dana, due: 2024-06-01}\n")
    # strict: PM402 beside PM403's slow detection is said at info there (one point, one finding)
    write(tmp_path / ".pmlint.yaml", "preset: strict\nselect: [PM402, PM403]\n")
    _, out, _ = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    before = {rule: (severity, message) for rule, severity, message in _findings(out)}
    assert before["PM402"][0] == "info" and before["PM403"][0] == "warning", before
    write(tmp_path / ".pmlint.yaml", "preset: strict\nselect: [PM402, PM403]\nsettings:\n  detect_words: [heartbeat]\n")
    _, out, err = run_cli("check", "-f", "json", "pm.yaml", cwd=tmp_path)
    after = {rule: (severity, message) for rule, severity, message in _findings(out)}
    assert "PM402" not in after and after["PM403"][0] == "info", (after, err)
    assert "deprecated" not in err  # a shared setting, not one a rule owns

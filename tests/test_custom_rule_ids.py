"""The PM prefix belongs to the built-in pack: a user rule with a PM id is a config error."""

from __future__ import annotations

from custom_rule import RULE


def install(tmp_path, rule_id: str) -> None:
    rules = tmp_path / "team-rules"
    rules.mkdir()
    (rules / "custom.yaml").write_text("# our rule\n" + RULE.replace("id: TST101", f"id: {rule_id}"),
                                       encoding="utf-8")
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [team-rules]\n", encoding="utf-8")
    (tmp_path / "pm.yaml").write_text("title: x\n", encoding="utf-8")


def test_pm_prefix_in_rules_dirs_is_a_config_error(run_cli, tmp_path):
    install(tmp_path, "PM901")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"pmlint: error: {tmp_path / 'team-rules' / 'custom.yaml'}:2: "), err
    assert "the PM prefix is reserved for built-in rules; use your own prefix, e.g. ACME101" in err


def test_test_rules_refuses_a_pm_id_the_same_way(run_cli, tmp_path):
    install(tmp_path, "PM901")
    code, _, err = run_cli("test-rules", "team-rules", cwd=tmp_path)
    assert code == 2
    assert "custom.yaml:2: " in err and "the PM prefix is reserved for built-in rules" in err


def test_own_prefix_is_fine(run_cli, tmp_path):
    install(tmp_path, "ACME901")
    code, out, err = run_cli("test-rules", "team-rules", cwd=tmp_path)
    assert code == 0, err + out

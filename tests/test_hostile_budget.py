"""A time budget per document: past it, PM007 names the stage, the run goes on, and the
--jobs pool never stalls (a worker stuck where no timer reaches it is killed and replaced)."""

from __future__ import annotations

import signal
import time

import pytest

from conftest import write
from pmlint import lint as lint_module
from pmlint.config import load_config
from pmlint.discover import discover
from pmlint.engine.functions import check
from pmlint.engine.rules import compile_rule, load_rules
from pmlint.engine.run import RunOptions
from pmlint.errors import ConfigError
from pmlint.lint import lint_files
from pmlint.settings import DEFAULT_SETTINGS


def _slow_when_asked(value, pointer, options, context):
    """Spins in Python for `SLOW` in the title; for `STUCK`, blocks the budget's timer
    signal first, as code stuck in C would (no Python handler runs there)."""
    title = str((context.data or {}).get("title", ""))
    if "STUCK" in title:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if "SLOW" in title:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pass
    return iter(())


@pytest.fixture(autouse=True)
def slow_rule():
    """TST900 and its check function, registered for this module's tests only (the
    registry is global: docs/functions.md must not list a test's function)."""
    from pmlint.engine.functions import REGISTRY

    check("test_slow_when_asked")(_slow_when_asked)
    try:
        yield compile_rule({
            "id": "TST900", "name": "slow-when-asked", "severity": "warning", "summary": "s", "rationale": "r",
            "fix": "f", "message": "m", "given": "$", "then": {"function": "test_slow_when_asked"},
        })
    finally:
        REGISTRY.pop("test_slow_when_asked", None)


def rules(slow_rule):
    return (*load_rules(), slow_rule)


def options(seconds: float) -> RunOptions:
    return RunOptions(settings={**DEFAULT_SETTINGS, "time_budget_seconds": seconds}, severity={})


def test_a_slow_document_gets_pm007_naming_the_stage_and_the_run_goes_on(slow_rule, tmp_path):
    write(tmp_path / "a-slow.yaml", "title: SLOW\n")
    write(tmp_path / "b.yaml", "title: fine\nsummary: The engineer was careless.\n")
    started = time.monotonic()
    result = lint_files(discover([str(tmp_path)], ["*.yaml"], []), rules(slow_rule), options(0.3))
    assert time.monotonic() - started < 20
    slow = [f for f in result.findings if f.path.endswith("a-slow.yaml")]
    assert [f.rule_id for f in slow] == ["PM007"]
    assert "rule TST900 (slow-when-asked)" in slow[0].message and "0.3-second" in slow[0].message
    assert slow[0].severity.label == "error"
    assert any(f.rule_id == "PM701" for f in result.findings if f.path.endswith("b.yaml"))


def use_the_pool(monkeypatch):
    """A pool for a dozen files (normally 200+), in chunks of two."""
    monkeypatch.setattr(lint_module, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(lint_module, "CHUNK_FILES", 2)


def test_the_pool_kills_and_replaces_a_stuck_worker(slow_rule, tmp_path, monkeypatch):
    use_the_pool(monkeypatch)
    monkeypatch.setattr(lint_module, "GRACE_SECONDS", 1.0)
    write(tmp_path / "a-stuck.yaml", "title: STUCK\n")
    for index in range(12):
        write(tmp_path / f"f{index:02}.yaml", "title: fine\nsummary: The engineer was careless.\n")
    started = time.monotonic()
    files = discover([str(tmp_path)], ["*.yaml"], [])
    assert lint_module.effective_jobs(len(files), 2) == 2
    result = lint_files(files, rules(slow_rule), options(0.5), jobs=2)
    assert time.monotonic() - started < 30  # the stuck worker sleeps 60 s: it was not waited for
    stuck = [f for f in result.findings if f.path.endswith("a-stuck.yaml")]
    assert [f.rule_id for f in stuck] == ["PM007"]
    assert "stopped answering" in stuck[0].message
    linted = {f.path.rsplit("/", 1)[-1] for f in result.findings if f.rule_id == "PM701"}
    assert linted == {f"f{index:02}.yaml" for index in range(12)}  # every other file, none lost


def test_a_stuck_file_in_mid_chunk_is_the_one_reported_and_the_files_done_before_it_are_not_lost(
        slow_rule, tmp_path, monkeypatch):
    """A worker sends its chunk's outcomes together: when it is killed, the files it had
    done but not sent are linted again elsewhere, and the file it was on is the one named."""
    use_the_pool(monkeypatch)
    monkeypatch.setattr(lint_module, "CHUNK_FILES", 4)
    monkeypatch.setattr(lint_module, "GRACE_SECONDS", 1.0)
    # 32 files: chunks of min(CHUNK_FILES, files / (4 × workers)) = 4
    names = ["a00.yaml", "a01.yaml", "b-stuck.yaml", *(f"c{index:02}.yaml" for index in range(29))]
    for name in names:
        write(tmp_path / name, "title: STUCK\n" if "stuck" in name else "title: fine\nsummary: The engineer was careless.\n")
    files = discover([str(tmp_path)], ["*.yaml"], [])
    assert [source.display.rsplit("/", 1)[-1] for source in files][:3] == names[:3]  # one worker's first chunk
    result = lint_files(files, rules(slow_rule), options(0.5), jobs=2)
    stuck = [f for f in result.findings if f.path.endswith("b-stuck.yaml")]
    assert [f.rule_id for f in stuck] == ["PM007"] and "stopped answering" in stuck[0].message
    linted = sorted(f.path.rsplit("/", 1)[-1] for f in result.findings if f.rule_id == "PM701")
    assert linted == sorted(name for name in names if "stuck" not in name)  # each once, none lost


def test_the_pool_reports_a_slow_document_like_the_serial_run(slow_rule, tmp_path, monkeypatch):
    use_the_pool(monkeypatch)
    write(tmp_path / "a-slow.yaml", "title: SLOW\n")
    for index in range(6):
        write(tmp_path / f"f{index}.yaml", "title: fine\n")
    result = lint_files(discover([str(tmp_path)], ["*.yaml"], []), rules(slow_rule), options(0.3), jobs=2)
    slow = [f for f in result.findings if f.path.endswith("a-slow.yaml")]
    assert [f.rule_id for f in slow] == ["PM007"] and "TST900" in slow[0].message


@pytest.mark.parametrize("value", [61, 1000, 0, -1])
def test_a_config_cannot_lift_the_budget_past_its_ceiling(tmp_path, value):
    write(tmp_path / ".pmlint.yaml", f"settings:\n  time_budget_seconds: {value}\n")
    with pytest.raises(ConfigError, match="time_budget_seconds"):
        load_config(start=tmp_path)


def test_a_config_cannot_lift_the_file_size_limit_past_its_ceiling(tmp_path):
    write(tmp_path / ".pmlint.yaml", f"settings:\n  max_file_bytes: {10**12}\n")
    with pytest.raises(ConfigError, match="max_file_bytes"):
        load_config(start=tmp_path)


def test_a_lower_budget_is_accepted(tmp_path):
    write(tmp_path / ".pmlint.yaml", "settings:\n  time_budget_seconds: 2.5\n")
    assert load_config(start=tmp_path).settings["time_budget_seconds"] == 2.5


def test_time_running_out_in_inference_names_inference(slow_rule, tmp_path, monkeypatch):
    """Inference runs between loading and the rules: PM007 says so, not "load"."""
    from pmlint.engine import run as run_module

    def slow_profile(document, settings):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pass

    monkeypatch.setattr(run_module, "build_profile", slow_profile)
    write(tmp_path / "a.yaml", "title: fine\n")
    result = lint_files(discover([str(tmp_path)], ["*.yaml"], []), rules(slow_rule), options(0.3))
    [finding] = [f for f in result.findings if f.rule_id == "PM007"]
    assert "stage `inference`" in finding.message, finding.message

"""infer/ stays a pure stage: it imports only the model, the settings' defaults and the
neutral timeline arithmetic, never the engine, config, CLI or reporters; it never raises
on text people write; and its cost grows linearly with the document."""

from __future__ import annotations

import ast
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pmlint.infer import build_profile
from pmlint.load import load_text

INFER = Path(__file__).resolve().parent.parent / "src" / "pmlint" / "infer"
FORBIDDEN = ("engine", "config", "cli", "report", "lint", "filters", "baseline")


def test_infer_imports_nothing_of_the_engine_config_cli_or_reporters():
    for module in sorted(INFER.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:
                first = (node.module or "").split(".")[0]
                assert first not in FORBIDDEN, f"{module.name} imports pmlint.{node.module}"
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                parts = node.module.split(".")
                assert not (parts[0] == "pmlint" and len(parts) > 1 and parts[1] in FORBIDDEN), module.name
            if isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    assert not (parts[0] == "pmlint" and len(parts) > 1 and parts[1] in FORBIDDEN), module.name


WORDS = st.sampled_from(["outage", "for", "26", "hours", "all", "users", "were", "paged", "at", "03:10", "a", "week",
                         "later", "user", "reported", "again", "no", "data", "was", "lost", "leaked", "we", "should",
                         "deploy", "- ", "## Timeline\n", "## Root cause\n", "## Action items\n", "\n", "**02:15**",
                         "Nobody", "only", "maintainer", "who", "resolved", "%", "60", "of", "requests", "@sam"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(WORDS, max_size=80), st.text(max_size=60))
def test_inference_never_raises_and_every_inferred_fact_has_evidence(words, noise):
    document = load_text("pm.md", "# T\n\n" + " ".join(words) + noise, {})
    profile = build_profile(document)
    facts = [profile.severity, profile.detection_method, profile.time_to_detect_minutes, profile.duration_minutes,
             profile.repeat, *(getattr(profile.on_call, name) for name in ("off_hours_pages", "sleep_interrupted",
                                                                            "responders"))]
    for fact in facts:
        if fact is not None:
            assert fact.inferred and fact.evidence
            assert fact.span is None or 1 <= fact.span.line <= max(1, len(document.lines))
    profile.to_json()


def _paragraphs(count: int) -> str:
    block = ("The cache tier was degraded for 3 hours while engineers investigated at 02:10. A user reported "
             "slow pages a week later, and we should add jitter to expiry. Retries without backoff caused a "
             "cascade across the shared database cluster.\n\n")
    return "# Cache incident\n\n## Summary\n\n" + block * count


def test_inference_time_grows_linearly(tmp_path):
    small = load_text("small.md", _paragraphs(50), {})
    large = load_text("large.md", _paragraphs(400), {})

    def cost(document) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            build_profile(document)
            best = min(best, time.perf_counter() - start)
        return best

    cost(small)  # warm the compiled phrase lists
    ratio = cost(large) / max(cost(small), 1e-6)
    assert ratio < 8 * 3, f"8x the text cost {ratio:.1f}x the time"  # linear, with room for a noisy machine


def test_a_bug_in_inference_is_one_finding_not_a_crash(monkeypatch, tmp_path):
    import pmlint.engine.run as run
    from pmlint.engine.rules import load_rules
    from pmlint.settings import merge_settings

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(run, "build_profile", broken)
    document = load_text("pm.yaml", "title: T\nseverity: SEV1\naction_items:\n  - {title: Restart it}\n", {})
    findings = run.lint_document(document, load_rules(), run.RunOptions(settings=merge_settings(None), severity={}))
    assert [finding.rule_id for finding in findings].count("PM009") == 1
    assert any(finding.rule_id == "PM308" for finding in findings)  # stated-fact rules still ran

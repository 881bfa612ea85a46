"""`pmlint report`: the durability of a whole incident history.

    paths ──discover──▶ files ──lint_files (+ build_profile per document)──▶ incidents ──▶ metrics

The same discovery, loaders, rules and process pool as `check`; each document's
durability profile (`infer.build_profile`) is built once, in the worker that lints it,
and shared by the rules and the report.
Rendering the metrics (HTML, Markdown, JSON) is `report.history`'s job.
"""

from __future__ import annotations

import gc
from typing import Any

from .request import ReportRequest, ReportSettings

__all__ = ["ReportRequest", "ReportSettings", "run_report"]


def run_report(request: ReportRequest) -> dict[str, Any]:
    """The metrics of every postmortem under `request.paths` (see metrics.compute)."""
    from ..config import configure_rules, load_config, select_rules, severity_overrides
    from ..discover import discover, refuse_to_overwrite_inputs
    from ..engine.rules import load_rules
    from ..engine.run import RunOptions
    from ..errors import PmlintError
    from ..filters import PerPath, Plan, filter_findings
    from ..lint import lint_files
    from .collect import assemble, collect_document
    from .metrics import compute

    config = load_config(request.config_path)
    rules = configure_rules(config, load_rules(config.rules_directories()))
    enabled = select_rules(rules, config)
    per_path = PerPath(config, rules, enabled, cli_select=False, cli_extend_select=[], cli_ignore=[])
    paths = list(request.paths) or ["."]
    files = discover(paths, config.include, config.exclude, skip=config.own_paths())
    if not files:
        raise PmlintError(f"no postmortems found in {', '.join(paths)} (include: {', '.join(config.include)})")
    refuse_to_overwrite_inputs([request.output], files, "postmortems read")
    options = RunOptions(settings=config.settings, severity=severity_overrides(config, rules),
                         known_rules=tuple((rule.id, rule.name) for rule in rules), profiles=True,
                         pedantic=config.preset == "strict")
    # The report keeps every incident in memory and makes no reference cycles: the cyclic
    # collector would only rescan the growing heap while results arrive (seconds at 10,000).
    collecting = gc.isenabled()
    gc.disable()
    try:
        engine_rules = per_path.engine_rules(enabled)
        raw = lint_files(files, engine_rules, options, jobs=request.jobs, collect=collect_document)
        plan = Plan(rules=tuple(engine_rules), known_rules=options.known_rules, suppressions=raw.suppressions,
                    per_path=per_path, files=tuple(raw.files), fail_on="never")
        kept = filter_findings(raw.findings, plan).kept
        incidents, unreadable = assemble(files, raw.collected or {}, kept)
        return compute(incidents, unreadable, request, config.settings, ReportSettings.from_config(config.report),
                       found=len(files), output=request.output)
    finally:
        if collecting:
            gc.enable()

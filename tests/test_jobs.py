"""`--jobs`: the process pool gives exactly the serial results, in the same order."""

from __future__ import annotations

import pickle

import pytest

from pmlint.discover import discover
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions
from pmlint.lint import POOL_MIN_FILES, effective_jobs, lint_files
from pmlint.settings import merge_settings

VARIANTS = [
    "title: Outage {n}\nsummary: The cache failed.\n",
    "title: Outage {n}\ntitle: again\n",
    "title: Outage {n}\naction_items:\n  - title: Add an alert\n    due: someday\n",
    "title: [unclosed {n}\n",
    "title: Outage {n}  # pmlint: disable=PM301\nsummary: Someone should have known.\n",
    "- a list {n}\n",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jobs")
    for n in range(POOL_MIN_FILES + 60):
        suffix = "md" if n % 7 == 0 else "yaml"
        text = VARIANTS[n % len(VARIANTS)].format(n=n)
        if suffix == "md":
            text = f"# Outage {n}\n\n## Summary\n\nSomeone should have checked.\n"
        (folder / f"pm-{n:04}.{suffix}").write_text(text)
    (folder / "pm-bad.yaml").write_bytes(b"title: caf\xe9\n")
    return folder


def run(folder, jobs):
    files = discover([str(folder)], ["*.yaml", "*.md"], [], base=folder)
    options = RunOptions(settings=merge_settings(None), severity={})
    return lint_files(files, load_rules(), options, jobs=jobs)


def test_pool_results_are_identical_to_serial(corpus):
    serial, parallel = run(corpus, 1), run(corpus, 2)
    assert serial.findings, "the corpus must produce findings"
    assert parallel.findings == serial.findings  # same findings, same order
    assert parallel.files == serial.files
    assert parallel.sources == serial.sources


def test_cli_output_is_identical_for_any_jobs(corpus, run_cli):
    outputs = {jobs: run_cli("check", "--format", "json", "--jobs", str(jobs), ".", cwd=corpus) for jobs in (1, 2, 0)}
    assert outputs[1][0] == 1
    assert outputs[1] == outputs[2] == outputs[0]


def test_pool_is_used_only_when_it_pays():
    assert effective_jobs(10, 8) == 1
    assert effective_jobs(POOL_MIN_FILES - 1, 8) == 1
    assert effective_jobs(POOL_MIN_FILES, 2) == 2
    assert effective_jobs(10_000, 1) == 1
    assert effective_jobs(10_000, None) >= 1


def test_findings_and_rules_are_picklable(corpus):
    result = run(corpus, 1)
    assert pickle.loads(pickle.dumps(result.findings)) == result.findings
    assert len(pickle.loads(pickle.dumps(load_rules()))) == len(load_rules())


def test_jobs_option_rejects_negative(run_cli, tmp_path):
    code, _, err = run_cli("check", "--jobs", "-1", ".", cwd=tmp_path)
    assert code == 2


def test_profiles_are_identical_for_any_jobs(corpus, run_cli):
    outputs = {jobs: run_cli("check", "--format", "json", "--profile", "--jobs", str(jobs), ".", cwd=corpus)
               for jobs in (1, 2)}
    assert outputs[1] == outputs[2]
    import json

    profiles = json.loads(outputs[1][1])["profiles"]
    assert "pm-0000.md" in profiles and "pm-bad.yaml" not in profiles  # a broken document has no profile
    assert all(path == profile["path"] for path, profile in profiles.items())

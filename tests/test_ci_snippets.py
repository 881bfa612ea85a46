"""The CI path, run for real: the composite Action, the README's workflow, GitLab job and
pre-commit snippet, each executed as its CI system would execute it.

* The Action: every `run:` step of action.yml runs with bash (as a composite action's
  `shell: bash` step does: `bash --noprofile --norc -eo pipefail`), in a workspace laid out
  like a runner's (GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_STEP_SUMMARY with an earlier
  step's text, GITHUB_OUTPUT/GITHUB_ENV/GITHUB_PATH, GITHUB_ACTIONS=true), on a real git
  repository with a base branch and a pull-request branch. `${{ ... }}` expressions are
  substituted as the runner does; `uses:` steps are skipped (setup-python is stood in for
  by a fresh virtualenv on PATH). The install step installs pmlint from GITHUB_ACTION_PATH,
  which points at a local clone of this working tree.
* The README's snippets install from a local clone URL standing in for the GitHub URL
  (`git+file://CLONE@main` for `git+https://github.com/pmlint/pmlint@main`).

They install pmlint into fresh virtualenvs (pip, and pre-commit's own environments), which
takes a minute or two, so they run only with PMLINT_SNIPPET_TEST=1 (`.ci/run` sets it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
GITHUB_URL = "https://github.com/pmlint/pmlint"

pytestmark = pytest.mark.skipif(os.environ.get("PMLINT_SNIPPET_TEST") != "1",
                                reason="installs pmlint in fresh virtualenvs; set PMLINT_SNIPPET_TEST=1 (.ci/run does)")


def sarif_schema() -> Path | None:
    for shared in (ROOT.parent / "shared", Path("/work/shared")):
        candidate = shared / "schemas" / "sarif-schema-2.1.0.json"
        if candidate.is_file():
            return candidate
    return None


def load_yaml(text: str):
    return YAML(typ="safe", pure=True).load(text)


def readme_yaml_blocks() -> list:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [load_yaml(block) for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S)]


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def clean_env(extra_path: list[Path] = (), **values: str) -> dict[str, str]:
    """The machine's environment without this test run's virtualenv, with `extra_path` first."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME") and not key.startswith(("GITHUB_", "RUNNER_"))}
    venv_bin = str(Path(sys.prefix) / "bin")
    path = [entry for entry in env.get("PATH", "").split(os.pathsep) if entry and entry != venv_bin]
    env["PATH"] = os.pathsep.join([*(str(folder) for folder in extra_path), *path])
    env.update(values)
    return env


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clone of this repository whose `main` holds the working tree as it is now
    (uncommitted edits included), so the snippets install the code under test."""
    target = tmp_path_factory.mktemp("clone") / "pmlint"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(target)], check=True)
    git("checkout", "--quiet", "-B", "main", cwd=target)
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
        elif (target / name).exists():
            (target / name).unlink()  # deleted in the working tree
    git("add", "-A", cwd=target)
    git("commit", "--quiet", "--allow-empty", "-m", "working tree under test", cwd=target)
    return target


@pytest.fixture(scope="module")
def python_bin(tmp_path_factory) -> Path:
    """A fresh virtualenv's bin folder: what actions/setup-python or `image: python` puts on PATH."""
    folder = tmp_path_factory.mktemp("setup-python") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return folder / "bin"


NEW_POSTMORTEM = """\
title: Checkout outage
date: 2025-06-21
severity: SEV2
summary: The careless deploy took checkout down for two hours.
root_causes:
  - summary: Human error.
action_items:
  - title: Add a disk-space alert
"""
OLD_POSTMORTEM = "title: Old outage\naction_items:\n  - title: Unowned item\n"


def make_pull_request(workspace: Path) -> None:
    """A repository with `main` (one postmortem) and a PR branch that adds another; the
    base is known as origin/main, as after actions/checkout with fetch-depth: 0."""
    workspace.mkdir(parents=True)
    git("init", "--quiet", "-b", "main", cwd=workspace)
    (workspace / "postmortems").mkdir()
    (workspace / "postmortems" / "old.yaml").write_text(OLD_POSTMORTEM, encoding="utf-8")
    git("add", ".", cwd=workspace)
    git("commit", "--quiet", "-m", "base", cwd=workspace)
    git("update-ref", "refs/remotes/origin/main", "main", cwd=workspace)
    git("checkout", "--quiet", "-b", "pr", cwd=workspace)
    (workspace / "postmortems" / "new.yaml").write_text(NEW_POSTMORTEM, encoding="utf-8")
    git("add", ".", cwd=workspace)
    git("commit", "--quiet", "-m", "add a postmortem", cwd=workspace)


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def substitute(text: str, context: dict[str, str]) -> str:
    """`${{ name }}` → its value, as the runner does before the shell sees the script;
    an expression this stand-in does not know fails the test instead of passing as ''."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        assert name in context, f"the test runner does not know the expression ${{{{ {name} }}}}"
        return context[name]
    return EXPRESSION.sub(value, text)


class Runner:
    """Runs the `run:` steps of a job or composite action the way a GitHub runner does."""

    def __init__(self, tmp: Path, python_bin: Path, action_path: Path | None = None) -> None:
        self.workspace = tmp / "workspace"
        make_pull_request(self.workspace)
        self.temp = tmp / "runner-temp"
        self.temp.mkdir()
        files = tmp / "runner-files"
        files.mkdir()
        self.summary = files / "step_summary"
        self.summary.write_text("## Tests\n\nAll 12 tests passed.\n", encoding="utf-8")  # an earlier step's
        for name in ("output", "env", "path"):
            (files / name).write_text("", encoding="utf-8")
        self.env = clean_env(
            [python_bin], HOME=str(tmp / "home"), GITHUB_ACTIONS="true", CI="true",
            GITHUB_WORKSPACE=str(self.workspace), RUNNER_TEMP=str(self.temp),
            GITHUB_STEP_SUMMARY=str(self.summary), GITHUB_OUTPUT=str(files / "output"),
            GITHUB_ENV=str(files / "env"), GITHUB_PATH=str(files / "path"), GITHUB_BASE_REF="main",
            GITHUB_HEAD_REF="pr", GITHUB_EVENT_NAME="pull_request", PIP_DISABLE_PIP_VERSION_CHECK="1")
        (tmp / "home").mkdir()
        self.context = {"github.base_ref": "main", "github.workspace": str(self.workspace)}
        if action_path is not None:
            self.env["GITHUB_ACTION_PATH"] = str(action_path)
            self.context["github.action_path"] = str(action_path)

    def condition(self, expression: str) -> bool:
        """A step's `if:`, for the few forms the action and snippets use: `always()`,
        `!cancelled()`, `inputs.x == 'value'`, joined by `&&` (anything else fails the test)."""
        text = EXPRESSION.sub(lambda match: match.group(1), expression).strip()
        result = True
        for part in (piece.strip() for piece in text.split("&&")):
            if part in ("always()", "!cancelled()"):
                continue
            compared = re.fullmatch(r"([\w.-]+)\s*==\s*'([^']*)'", part)
            assert compared and compared.group(1) in self.context, f"the test runner cannot evaluate `if: {expression}`"
            result = result and self.context[compared.group(1)] == compared.group(2)
        return result

    def run_steps(self, steps: list[dict], edit=lambda script: script) -> list[subprocess.CompletedProcess]:
        """Each `run:` step whose `if:` holds, in order, until one fails (as without
        continue-on-error; a step with `always()` in its `if:` runs after a failure too)."""
        results = []
        failed = False
        for step in steps:
            if "uses" in step:
                continue  # actions/setup-python: stood in for by the virtualenv on PATH
            condition = str(step.get("if", ""))
            if failed and "always()" not in condition:
                continue
            if condition and not self.condition(condition):
                continue
            assert step.get("shell", "bash") == "bash"
            env = {**self.env, **{key: substitute(str(value), self.context)
                                  for key, value in (step.get("env") or {}).items()}}
            script = edit(substitute(step["run"], self.context))
            completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                       cwd=self.workspace, env=env, capture_output=True, text=True, timeout=600)
            results.append(completed)
            failed = failed or completed.returncode != 0
        return results


def assert_github_outputs(runner: Runner, lint: subprocess.CompletedProcess, sarif_name: str) -> None:
    """The one lint step gave the log report, annotations, SARIF and an appended summary."""
    out = lint.stdout
    assert lint.returncode == 1, lint.stdout + lint.stderr  # an error-level finding fails the step
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=postmortems/new.yaml,line=") for line in annotations), out
    assert "postmortems/new.yaml:" in out and out.index("postmortems/new.yaml:") < out.index("::error")
    assert "old.yaml" not in out  # --changed-since: the base branch's postmortem is not this PR's
    sarif_path = runner.workspace / sarif_name
    log = json.loads(sarif_path.read_text(encoding="utf-8"))
    schema_path = sarif_schema()
    if schema_path is not None:
        import jsonschema

        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema)(schema).validate(log)
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in log["runs"][0]["results"]}
    assert uris == {"postmortems/new.yaml"}
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.startswith("## Tests\n\nAll 12 tests passed.\n")  # appended, not replaced
    assert "## pmlint:" in summary and "postmortems/new.yaml" in summary.replace("\\", "")


def test_the_action_runs_end_to_end_in_a_runner_like_workspace(tmp_path, clone, python_bin):
    action = load_yaml((clone / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({"paths": "postmortems/", "changed-since": "origin/main",
                   "args": "--select PM301,PM701 --fail-on error"})
    runner = Runner(tmp_path, python_bin, action_path=clone)
    runner.context.update({f"inputs.{name}": value for name, value in inputs.items()})
    results = runner.run_steps(action["runs"]["steps"])
    install, lint = results
    assert install.returncode == 0, install.stdout + install.stderr
    assert (runner.temp / "pmlint-venv" / "bin" / "pmlint").is_file()  # from GITHUB_ACTION_PATH
    assert "PM301" in lint.stdout and "PM701" in lint.stdout
    assert_github_outputs(runner, lint, inputs["sarif-file"])
    assert substitute(action["outputs"]["sarif-file"]["value"], runner.context) == "pmlint.sarif"


def test_the_action_passes_when_the_pull_request_is_clean(tmp_path, clone, python_bin):
    action = load_yaml((clone / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({"paths": "postmortems/", "changed-since": "origin/main", "args": "--select PM301"})
    runner = Runner(tmp_path, python_bin, action_path=clone)
    (runner.workspace / "postmortems" / "new.yaml").write_text(
        "title: T\naction_items:\n  - {title: Add alert, owner: sre}\n", encoding="utf-8")
    runner.context.update({f"inputs.{name}": value for name, value in inputs.items()})
    install, lint = runner.run_steps(action["runs"]["steps"])
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "::" not in lint.stdout and "All clear" in lint.stdout
    assert "## pmlint: all clear" in runner.summary.read_text(encoding="utf-8")


def test_the_action_attaches_the_history_report_when_asked(tmp_path, clone, python_bin):
    """`report: "true"`: after the lint step (which fails on findings), the report step
    installs pmlint[report], writes pmlint-report.html and appends the Markdown summary."""
    action = load_yaml((clone / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({"paths": "postmortems/", "args": "--select PM301", "report": "true"})
    runner = Runner(tmp_path, python_bin, action_path=clone)
    runner.context.update({f"inputs.{name}": value for name, value in inputs.items()})
    install, lint, report = runner.run_steps(action["runs"]["steps"])
    assert lint.returncode == 1  # the unowned item: the report runs after a failing lint all the same
    assert report.returncode == 0, report.stdout + report.stderr
    html = (runner.workspace / "pmlint-report.html").read_text(encoding="utf-8")
    assert "Incident history: durability report" in html and "Plotly" in html
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.index("## pmlint:") < summary.index("# Incident history: durability report")
    outputs = (tmp_path / "runner-files" / "output").read_text(encoding="utf-8")
    assert "report-file=pmlint-report.html" in outputs


def local_url(script: str, clone: Path) -> str:
    assert GITHUB_URL in script, "the snippet no longer installs from the repository URL"
    return script.replace(GITHUB_URL, f"file://{clone}")


def test_the_readme_workflow_gives_everything_from_one_step(tmp_path, clone, python_bin):
    workflow = next(doc for doc in readme_yaml_blocks() if isinstance(doc, dict) and "jobs" in doc)
    steps = workflow["jobs"]["pmlint"]["steps"]
    runner = Runner(tmp_path, python_bin)
    runner.context["!cancelled()"] = "true"
    results = runner.run_steps(steps, edit=lambda script: local_url(script, clone) if "pip install" in script else script)
    install, lint = results
    assert install.returncode == 0, install.stdout + install.stderr
    assert_github_outputs(runner, lint, "pmlint.sarif")
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert (runner.workspace / upload["with"]["sarif_file"]).is_file()


def test_the_readme_gitlab_job_gives_code_quality_and_the_log_report(tmp_path, clone, python_bin):
    job = next(doc for doc in readme_yaml_blocks() if isinstance(doc, dict) and "script" in doc.get("pmlint", {}))["pmlint"]
    workspace = tmp_path / "project"
    make_pull_request(workspace)
    env = clean_env([python_bin], HOME=str(tmp_path), CI="true", GITLAB_CI="true")
    results = []
    for command in job["script"]:
        script = local_url(command, clone) if "pip install" in command else command
        results.append(subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=workspace, env=env,
                                      capture_output=True, text=True, timeout=600))
    install, lint = results
    assert install.returncode == 0, install.stdout + install.stderr
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert "postmortems/new.yaml:" in lint.stdout and "postmortems/old.yaml:" in lint.stdout  # the log report
    reports = job["artifacts"]["reports"]
    quality = json.loads((workspace / reports["codequality"]).read_text(encoding="utf-8"))
    assert quality and {item["location"]["path"] for item in quality} == {"postmortems/new.yaml", "postmortems/old.yaml"}
    assert len({item["fingerprint"] for item in quality}) == len(quality)
    ET.parse(workspace / reports["junit"])


def _pre_commit(python_bin: Path) -> Path:
    subprocess.run([str(python_bin / "pip"), "install", "--quiet", "pre-commit"], check=True,
                   env=clean_env([python_bin]))
    return python_bin / "pre-commit"


def test_the_readme_pre_commit_snippet_installs_and_runs(tmp_path, clone, python_bin):
    """The README's `rev:` is a commit that exists, and `pre-commit autoupdate --freeze`
    (the README's way to move it) pins the newest commit, whose hook works too."""
    [config] = [doc for doc in readme_yaml_blocks() if isinstance(doc, dict) and "repos" in doc]
    [repo_entry] = config["repos"]
    assert repo_entry["repo"] == GITHUB_URL
    rev = repo_entry["rev"]
    if subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=clone).returncode != 0:
        pytest.skip(f"commit {rev} is not in this clone's history (a shallow clone?)")
    pre_commit = _pre_commit(python_bin)
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "--quiet", cwd=repo)
    repo_entry["repo"] = f"file://{clone}"
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    (repo / "postmortems").mkdir()
    (repo / "postmortems" / "bad.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (repo / "notes.yaml").write_text("title: [not a postmortem, outside files:\n", encoding="utf-8")
    git("add", ".", cwd=repo)
    env = clean_env([python_bin], HOME=str(tmp_path), PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_CONFIG_NOSYSTEM="1")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(pre_commit), *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    pinned = run("run", "--all-files")
    assert pinned.returncode == 1, pinned.stdout + pinned.stderr
    assert "postmortems/bad.yaml" in pinned.stdout and "PM001" in pinned.stdout
    assert "notes.yaml" not in pinned.stdout  # `files: ^postmortems/`
    updated = run("autoupdate", "--freeze")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    head = git("rev-parse", "main", cwd=clone).strip()
    assert head in (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    newest = run("run", "--all-files")
    assert newest.returncode == 1 and "PM001" in newest.stdout, newest.stdout + newest.stderr

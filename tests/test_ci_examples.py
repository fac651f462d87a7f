"""The CI files the repository ships as examples: they parse, they run the commands this project documents, and
the steps of the GitHub workflow that are ours run here as they would there."""

from __future__ import annotations

import shlex
import subprocess
import sys

import yaml

from .helpers import REPO, minimal_course, write_project

GITHUB = REPO / ".github" / "workflows" / "site.yml"
GITLAB = REPO / ".gitlab-ci.yml"


def run_steps(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def test_the_github_workflow_checks_tests_builds_and_publishes_main():
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    jobs = workflow["jobs"]
    assert set(jobs) == {"check", "test", "publish"}
    assert jobs["publish"]["needs"] == ["check", "test"] and "refs/heads/main" in jobs["publish"]["if"]
    runs = run_steps(workflow)
    assert "python build.py check --format github" in runs
    assert "CI=true bash tests/run" in runs  # the command README gives, as .ci/run runs it
    assert "python build.py build" in runs
    uses = [step.get("uses", "") for step in jobs["publish"]["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses) and any(
        use.startswith("actions/deploy-pages@") for use in uses
    )


def test_the_gitlab_configuration_has_the_same_steps_and_publishes_public():
    config = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert config["stages"] == ["check", "test", "publish"]
    assert "python build.py check" in config["check"]["script"]
    assert "CI=true bash tests/run" in config["test"]["script"]
    assert config["pages"]["artifacts"]["paths"] == ["public"] and "mv site public" in config["pages"]["script"]


def test_the_workflows_check_step_annotates_a_problem_as_github_shows_it(tmp_path):
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    (step,) = [run for run in run_steps(workflow) if "check" in run]
    project = write_project(tmp_path / "p", minimal_course(**{"testkurs/01-forsta/02-mer.md": "---\ntitle: Mer\n---\n\n[x](saknas.md)\n"}))
    command = shlex.split(step)
    assert command[:2] == ["python", "build.py"]
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(project.root), *command[2:]], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stdout.startswith("::error file=content/testkurs/01-forsta/02-mer.md,line=5::")

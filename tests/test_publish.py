"""Publishing: there is always a complete site/, whatever moment a build is killed at."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scorm_export import publish
from scorm_export.build import build
from scorm_export.project import Project
from scorm_export.publish import STEPS, STOP_AT, build_lock, swap_in

from .helpers import REPO, lesson, minimal_course, write_project

# whole builds in subprocesses, killed and waited for: the full run has them, the fast lane does not
pytestmark = pytest.mark.slow

INTRO = "testkurs/01-forsta/01-intro.md"
OLD = minimal_course()
NEW = minimal_course(**{INTRO: lesson("Ändrad rubrik")})
SWAPPED = {"after-swap", "cleanup"}  # steps at which the new site is already in place
WAITING = ("Ett annat bygge pågår", "another build is running")

Files = dict[str, bytes]


def files(site: Path) -> Files:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def write_content(project: Project, content: dict[str, str]) -> None:
    (project.content / INTRO).write_text(content[INTRO], encoding="utf-8")


def leftovers(project: Project) -> list[Path]:
    return sorted(project.root.glob(".build-*"))


def build_command(project: Project) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--root", str(project.root), "build"]


def environment(stop_at: str | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != STOP_AT}
    if stop_at:
        env[STOP_AT] = stop_at
    return env


def run_build(project: Project, stop_at: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(build_command(project), env=environment(stop_at), capture_output=True, text=True, timeout=120)


def which_site(site: Path, references: dict[str, Files]) -> str:
    """'old' or 'new' if `site` is exactly one of the complete reference sites; fails otherwise."""
    assert site.is_dir(), "site/ is missing"
    actual = files(site)
    for name, reference in references.items():
        if actual == reference:
            return name
    old = references["old"]
    pytest.fail(
        "site/ is neither the complete old site nor the complete new one: "
        f"missing {sorted(set(old) - set(actual))[:5]}, extra {sorted(set(actual) - set(old))[:5]}, "
        f"differing {sorted(name for name in set(old) & set(actual) if old[name] != actual[name])[:5]}"
    )


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict[str, Files]:
    """Complete builds of the old and of the new content (the site does not depend on the project's path)."""
    project = write_project(tmp_path_factory.mktemp("reference") / "project", OLD)
    assert build(project).written
    old = files(project.site)
    write_content(project, NEW)
    assert build(project).written
    new = files(project.site)
    assert old != new
    return {"old": old, "new": new}


@pytest.fixture
def built_project(tmp_path) -> Project:
    """A project whose site/ is the old content, and whose content has since changed to the new."""
    project = write_project(tmp_path / "project", OLD)
    assert build(project).written
    write_content(project, NEW)
    return project


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_site_is_complete_when_the_build_is_killed_at_each_step_and_the_next_build_cleans_up(step, built_project, references):
    project = built_project
    killed = run_build(project, stop_at=step)
    assert killed.returncode == -signal.SIGKILL, (killed.returncode, killed.stderr)
    assert which_site(project.site, references) == ("new" if step in SWAPPED else "old")
    if step != "locked":
        assert leftovers(project), "the killed build left its staging folder behind"

    assert build(project).written
    assert leftovers(project) == []
    assert which_site(project.site, references) == "new"


@pytest.mark.slow
def test_site_is_complete_whenever_builds_are_killed_at_random_moments(tmp_path, references):
    project = write_project(tmp_path / "project", OLD)
    started = time.perf_counter()
    assert run_build(project).returncode == 0
    duration = time.perf_counter() - started
    rng = random.Random(20240611)
    contents = {"old": OLD, "new": NEW}
    current, kills, interrupted = "old", 0, 0
    for _ in range(10):
        current = "new" if current == "old" else "old"
        write_content(project, contents[current])
        process = subprocess.Popen(build_command(project), env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The random delay before SIGKILL is what this test varies; it is not a wait for a condition.
        delay = rng.uniform(0, duration)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=120)
        interrupted += bool(leftovers(project))
        which_site(project.site, references)
    assert kills and interrupted, "no build was killed half-way; the delays miss the build"

    assert build(project).written
    assert leftovers(project) == []
    assert which_site(project.site, references) == current


def test_second_build_waits_with_one_clear_message_while_another_build_holds_the_lock(built_project, references):
    project = built_project
    stderr: list[str] = []
    waiting = threading.Event()

    def read(stream) -> None:
        for line in stream:
            stderr.append(line)
            if all(part in line for part in WAITING):
                waiting.set()

    with build_lock(project.root):
        process = subprocess.Popen(build_command(project), env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        reader = threading.Thread(target=read, args=(process.stderr,), daemon=True)
        reader.start()
        try:
            assert waiting.wait(timeout=30), f"no waiting message on stderr: {stderr}"
            assert process.poll() is None, "the second build did not wait"
            assert which_site(project.site, references) == "old"
            assert leftovers(project) == []
        except BaseException:
            process.kill()
            raise
    assert process.wait(timeout=120) == 0, stderr
    reader.join(timeout=30)
    assert sum(any(part in line for part in WAITING) for line in stderr) == 1, stderr
    assert which_site(project.site, references) == "new"


def test_build_lock_calls_on_wait_once_only_when_another_build_holds_it(tmp_path):
    calls: list[str] = []
    with build_lock(tmp_path, on_wait=lambda: calls.append("free")):
        pass
    assert calls == []

    waiting, inside = threading.Event(), threading.Event()

    def second() -> None:
        with build_lock(tmp_path, on_wait=lambda: (calls.append("held"), waiting.set())):
            inside.set()

    with build_lock(tmp_path):
        thread = threading.Thread(target=second, daemon=True)
        thread.start()
        assert waiting.wait(timeout=30)
        assert not inside.is_set()
    thread.join(timeout=30)
    assert inside.is_set() and calls == ["held"]


@pytest.mark.parametrize("exchange", ["renameat2", "two renames"])
def test_swap_in_puts_the_new_site_in_place_and_the_previous_one_where_the_new_was(exchange, tmp_path, monkeypatch):
    if exchange == "two renames":
        monkeypatch.setattr(publish, "_renameat2", lambda: None)
    new, site = tmp_path / ".build-x" / "site", tmp_path / "site"
    new.mkdir(parents=True)
    (new / "index.html").write_text("ny")
    swap_in(new, site)
    assert (site / "index.html").read_text() == "ny" and not new.exists()

    new.mkdir()
    (new / "index.html").write_text("nyare")
    swap_in(new, site)
    assert (site / "index.html").read_text() == "nyare"
    assert (new / "index.html").read_text() == "ny"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".build-x", "site"]

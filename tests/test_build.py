"""The build command: checks first, writes atomically, never leaves a half-written site."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from scorm_export.build import BuildOptions, build
from scorm_export.serve import snapshot, watch

from .helpers import REPO, lesson, minimal_course, write_project

# whole builds, many through build.py in a subprocess: the full run has them, the fast lane does not
pytestmark = pytest.mark.slow


def run_cli(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True)


def test_check_exits_zero_on_clean_content_and_non_zero_with_every_problem(tmp_path):
    clean = write_project(tmp_path / "clean", minimal_course())
    result = run_cli("--root", str(clean.root), "check")
    assert result.returncode == 0, result.stderr
    broken = write_project(
        tmp_path / "broken",
        minimal_course(
            **{
                "testkurs/01-forsta/01-intro.md": lesson("Intro", "![](saknas.png)\n"),
                "testkurs/01-forsta/02-mer.md": "---\ntitle: [oavslutad\n---\n",
            }
        ),
    )
    result = run_cli("--root", str(broken.root), "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("content/testkurs/01-forsta/01-intro.md:7: ") and "alt-text" in line for line in lines), lines
    assert any(line.startswith("content/testkurs/01-forsta/01-intro.md:7: ") and "som inte finns" in line for line in lines), lines
    assert any(line.startswith("content/testkurs/01-forsta/02-mer.md:") and "YAML" in line for line in lines), lines
    assert "Traceback" not in result.stderr


def test_build_with_errors_writes_nothing(tmp_path):
    project = write_project(tmp_path / "p", minimal_course(**{"testkurs/01-forsta/02-mer.md": lesson("Mer", "[x](finns-inte.md)\n")}))
    result = run_cli("--root", str(project.root))
    assert result.returncode == 1
    assert not project.site.exists()
    assert not list(project.root.glob(".build-*"))


def test_failing_build_leaves_the_previous_site_intact(tmp_path, monkeypatch):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    before = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}

    def explode(*args, **kwargs):
        raise RuntimeError("MkDocs failed half-way")

    monkeypatch.setattr("scorm_export.build.render_site", explode)
    (project.content / "testkurs" / "01-forsta" / "03-ny.md").write_text(lesson("Ny"), encoding="utf-8")
    with pytest.raises(RuntimeError):
        build(project)
    after = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.root.glob(".build-*")), "the staging folder is cleaned up"


def test_build_replaces_the_site_and_removes_stale_pages(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    assert (project.site / "testkurs" / "forsta" / "mer" / "index.html").is_file()
    (project.content / "testkurs" / "01-forsta" / "02-mer.md").unlink()
    assert build(project).written
    assert not (project.site / "testkurs" / "forsta" / "mer").exists()


def test_build_command_builds_site_and_packages(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    result = run_cli("--root", str(project.root))
    assert result.returncode == 0, result.stderr
    assert (project.site / "index.html").is_file()
    assert (project.site / "downloads" / "testkurs-1.0.0-scorm12.zip").is_file()


def test_serve_rebuilds_when_a_lesson_changes(tmp_path, monkeypatch):
    import os

    from scorm_export import serve
    from scorm_export.preview import Preview

    project = write_project(tmp_path / "p", minimal_course())
    reloader = serve.Reloader(Preview(project, BuildOptions(formats=())))  # as `build.py serve` sets it up
    assert reloader.rebuild().ok
    source = project.content / "testkurs" / "01-forsta" / "01-intro.md"
    page = reloader.preview.site / "testkurs" / "forsta" / "intro" / "index.html"

    # the watcher signals its snapshots, so the test waits for the first one rather than for time to pass
    watching = threading.Event()

    def signalled_snapshot(paths):
        taken = snapshot(paths)
        watching.set()
        return taken

    def page_changed() -> bool:
        try:
            return "Ändrad rubrik" in page.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False

    monkeypatch.setattr(serve, "snapshot", signalled_snapshot)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(project, reloader.rebuild, stop, 0.1), daemon=True)
    watcher.start()
    try:
        # a change made before the watcher's first snapshot would be part of what it compares against
        assert watching.wait(timeout=30), "the watcher took no snapshot"
        before = source.stat()
        source.write_text(lesson("Ändrad rubrik"), encoding="utf-8")
        # a modification time that differs from the snapshot's whatever the file system's clock resolution
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        # wait for each successful rebuild as the browser does; one that caught the file half-written
        # does not count, and the next poll sees the finished file
        deadline = time.monotonic() + 30
        builds = reloader.preview.builds
        while not page_changed() and time.monotonic() < deadline:
            builds = reloader.wait(builds, timeout=deadline - time.monotonic())
        assert page_changed(), "serve did not rebuild the changed lesson within 30 s"
    finally:
        stop.set()
        watcher.join(timeout=30)


def test_snapshot_sees_theme_and_settings_changes(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    before = snapshot(project.watched)
    (project.licences / "CC-BY-4.0.yml").write_text((project.licences / "CC-BY-4.0.yml").read_text() + "\n", encoding="utf-8")
    assert snapshot(project.watched) != before


def test_missing_accessibility_settings_are_reported_at_their_line_and_nothing_is_built(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    settings = project.mkdocs_config.read_text(encoding="utf-8")
    broken = settings.replace("    compliance: delvis", "    compliance: kanske").replace(
        "    contact_email: tillganglighet@example.org\n", ""
    )
    project.mkdocs_config.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index(next(text for text in broken.splitlines() if text.strip().startswith("compliance:"))) + 1
    result = run_cli("--root", str(project.root))
    assert result.returncode == 1 and not project.site.exists()
    assert f"mkdocs.yml:{line}: 'compliance' måste vara ett av: helt, delvis, inte" in result.stderr
    assert "obligatoriskt fält 'contact_email' saknas i extra.accessibility" in result.stderr
    assert "Traceback" not in result.stderr

"""The packages are written (and half the courses loaded) in a second process: the same bytes as one process."""

from __future__ import annotations

import pytest

from scorm_export import second_process
from scorm_export.build import build

from .helpers import copy_repository_project, minimal_course, write_project

# whole builds with the package process: the full run has them, the fast lane does not
pytestmark = pytest.mark.slow


def _site(project) -> dict[str, bytes]:
    return {p.relative_to(project.site).as_posix(): p.read_bytes() for p in sorted(project.site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_build_with_the_packages_in_a_second_process_writes_the_same_bytes_as_one_without(tmp_path, monkeypatch):
    parallel = copy_repository_project(tmp_path / "parallel")
    assert second_process.can_fork(), "this machine should have fork and two cores"
    assert build(parallel).written
    monkeypatch.setattr(second_process, "can_fork", lambda: False)
    sequential = copy_repository_project(tmp_path / "sequential")
    assert build(sequential).written
    assert _site(parallel) == _site(sequential)
    page = (parallel.site / "oppna-licenser" / "index.html").read_text(encoding="utf-8")
    assert "SCORMEXPORTPACKAGESIZE" not in page and " kB, version " in page


def test_no_placeholder_is_left_in_the_site_or_its_search_index(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    for path in project.site.rglob("*"):
        if path.suffix in (".html", ".json"):
            assert "SCORMEXPORTPACKAGESIZE" not in path.read_text(encoding="utf-8"), path


def test_a_failure_in_the_package_process_fails_the_build_and_keeps_the_previous_site(tmp_path, monkeypatch):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    before = _site(project)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("scorm_export.build.write_packages", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build(project)
    assert _site(project) == before

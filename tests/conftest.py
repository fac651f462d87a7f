"""Shared fixtures: tiny course trees written inside each test."""

from __future__ import annotations

import importlib.util
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from scorm_export.course.loader import LoadResult, load_project
from scorm_export.markdown_render import MarkdownRenderer
from scorm_export.project import Project

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

COURSE_YML = """\
id: testkurs
title: Testkurs
summary: En liten kurs för tester.
language: sv
version: 1.0.0
licence: CC-BY-4.0
authors:
  - name: Testredaktionen
publisher:
  name: Testmuseet
  url: https://example.org/
audience: Testare
level: grundläggande
digcomp:
  version: "2.2"
  competences: ["3.3"]
keywords: [test]
"""

LESSON = """\
---
title: {title}
duration: 5 min
---

Text om {title}.
"""


def lesson(title: str, body: str = "") -> str:
    return LESSON.format(title=title) + textwrap.dedent(body)


def minimal_course(**overrides: str) -> dict[str, str]:
    files = {
        "testkurs/course.yml": COURSE_YML,
        "testkurs/01-forsta/module.yml": "title: Första modulen\n",
        "testkurs/01-forsta/01-intro.md": lesson("Intro"),
        "testkurs/01-forsta/02-mer.md": lesson("Mer"),
    }
    files.update(overrides)
    return {k: v for k, v in files.items() if v is not None}


def write_project(root: Path, files: dict[str, str | bytes]) -> Project:
    """A project with the repository's licences, mkdocs.yml and theme, and the given content files."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "licenses", root / "licenses", dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    os.symlink(REPO / "theme", root / "theme")
    for name, data in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    return Project(root)


@pytest.fixture(scope="session")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer.from_mkdocs(REPO / "mkdocs.yml")


@pytest.fixture
def load(tmp_path, renderer):
    """load(files) -> LoadResult for a tiny project written under tmp_path."""

    projects = iter(range(1000))

    def _load(files: dict[str, str | bytes]) -> LoadResult:
        return load_project(write_project(tmp_path / f"project{next(projects)}", files), renderer)

    return _load


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems.items]


@pytest.fixture(scope="session")
def browser():
    from .browser import chromium

    with chromium() as launched:
        yield launched


def copy_repository_project(destination: Path) -> Project:
    """A copy of the repository's own project (sample courses, licences, theme, settings)."""
    for folder in ("content", "licenses", "theme"):
        shutil.copytree(REPO / folder, destination / folder)
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    return Project(destination)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample courses built once per test session; returns the built site/ folder."""
    from scorm_export.build import build

    project = copy_repository_project(tmp_path_factory.mktemp("sample") / "project")
    report = build(project)
    assert report.written, [str(problem) for problem in report.problems.items]
    return project.site


def require_shared(path: Path) -> Path:
    """../shared sits beside every checkout and in CI: there a missing file fails; elsewhere it skips."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{path} finns inte: ../shared saknas utanför CI (shared reference material absent)")
    return path


@pytest.fixture(scope="session")
def schema_validate():
    """validate(kind, xml_bytes) -> errors, from ../shared/schemas/validate.py (the official XSDs)."""
    script = require_shared(SHARED / "schemas" / "validate.py")
    spec = importlib.util.spec_from_file_location("shared_schema_validate", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.validate

"""Helpers that test files share: tiny course trees, projects written into tmp_path, the repository's paths.

Fixtures live in conftest.py; plain functions and constants live here and are imported by name.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from scorm_export.course.loader import LoadResult
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


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems.items]


def copy_repository_project(destination: Path) -> Project:
    """A copy of the repository's own project (sample courses, licences, theme, settings)."""
    for folder in ("content", "licenses", "theme"):
        shutil.copytree(REPO / folder, destination / folder)
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    return Project(destination)


def require_shared(path: Path) -> Path:
    """../shared sits beside every checkout and in CI: there a missing file fails; elsewhere it skips."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{path} finns inte: ../shared saknas utanför CI (shared reference material absent)")
    return path


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its relative path, for comparing two builds byte for byte."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}

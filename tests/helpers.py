"""Helpers that test files share: tiny course trees, projects written into tmp_path, the repository's paths.

Fixtures live in conftest.py; plain functions and constants live here and are imported by name.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
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


def project_licence(licence_id: str):
    """One of the repository's licences (licenses/<id>.yml), as the loader reads it."""
    from scorm_export.course.licences import load_licences
    from scorm_export.problems import Problems

    return load_licences(REPO / "licenses", Problems(REPO))[licence_id]


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


def recording(kind: str, seconds: float = 2.0) -> bytes:
    """A tiny real recording made by the ffmpeg the product itself uses (imageio-ffmpeg): 'webm' (VP9 + Opus,
    64×36), 'webm-silent' (picture only), 'mp3', or 'mp4-mpeg4' (a codec browsers do not play)."""
    return _recording(kind, seconds)


@functools.cache
def _recording(kind: str, seconds: float) -> bytes:
    import imageio_ffmpeg

    picture = ["-f", "lavfi", "-i", f"color=c=white:s=64x36:r=5:d={seconds}"]
    sound = ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    made = {
        "webm": ([*picture, *sound, "-c:v", "libvpx-vp9", "-c:a", "libopus"], ".webm"),
        "webm-silent": ([*picture, "-c:v", "libvpx-vp9"], ".webm"),
        "mp3": ([*sound, "-c:a", "libmp3lame"], ".mp3"),
        "mp4-mpeg4": ([*picture, "-c:v", "mpeg4"], ".mp4"),
    }
    arguments, suffix = made[kind]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"out{suffix}"
        subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", *arguments, "-threads", "1", str(out)], check=True)
        return out.read_bytes()

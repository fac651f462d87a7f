"""Writes every package of every course: pages once per course, then one zip per format."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from ..course.model import Catalogue, ScoMode
from . import cc11, cc13, scorm12, scorm2004
from .formats import BY_KEY, PackageFile
from .pages import PackagePages
from .zipwriter import write_zip

# format key -> module with package_files(course, pages, per_lesson) -> {archive path: bytes}
WRITERS = {"scorm12": scorm12, "scorm2004": scorm2004, "cc11": cc11, "cc13": cc13}


def write_packages(
    catalogue: Catalogue, env: Environment, theme: Path, out: Path,
    sco_mode: ScoMode | None = None, formats: tuple[str, ...] | None = None,
) -> list[PackageFile]:
    written = []
    for course in catalogue.courses:
        pages = PackagePages(course, env, theme)
        per_lesson = (sco_mode or course.sco_mode) is ScoMode.PER_LESSON
        for key, module in WRITERS.items():
            if formats is not None and key not in formats:
                continue
            package_format = BY_KEY[key]
            file_name = package_format.file_name(course.id, course.version)
            size = write_zip(out / file_name, module.package_files(course, pages, per_lesson))
            written.append(PackageFile(package_format, file_name, size, course.id))
    return written

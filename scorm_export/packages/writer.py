"""Writes every package of every course: pages once per course, then one zip per format of the registry."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from ..course.model import Catalogue, ScoMode
from .formats import FORMATS, PackageFile
from .pages import PackagePages, SiteAddress
from .zipwriter import write_zip


def write_packages(
    catalogue: Catalogue,
    env: Environment,
    theme: Path,
    out: Path,
    sco_mode: ScoMode | None = None,
    formats: tuple[str, ...] | None = None,
    site: SiteAddress | None = None,
) -> list[PackageFile]:
    """formats: the keys to write (None: all); sco_mode overrides each course's own choice; `site` is where a
    package that leaves its recordings out links to them."""
    chosen = [package_format for package_format in FORMATS if formats is None or package_format.key in formats]
    written = []
    for course in catalogue.courses:
        pages = PackagePages(course, env, theme, site)
        per_lesson = (sco_mode or course.sco_mode) is ScoMode.PER_LESSON
        for package_format in chosen:
            file_name = package_format.file_name(course.id, course.version)
            size = write_zip(out / file_name, package_format.package_files(course, pages, per_lesson))
            written.append(PackageFile(package_format, file_name, size, course.id))
    return written

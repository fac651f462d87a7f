"""Writes every package of every course: pages once per course, then one zip per format of the registry."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from ..course.model import Catalogue, ScoMode
from . import programme as programme_packages
from . import scorm12, scorm2004
from . import self_assessment as survey
from .formats import BY_KEY, FORMATS, PackageFile, PackageFormat
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
    self_assessment: str | None = None,
) -> list[PackageFile]:
    """formats: the keys to write (None: all); sco_mode overrides each course's own choice; `site` is where a
    package that leaves its recordings out links to them; `self_assessment`, a DigComp version, adds the site's
    self-assessment as SCORM packages."""
    chosen = [package_format for package_format in FORMATS if formats is None or package_format.key in formats]
    written = []
    pages: dict[str, PackagePages] = {}
    for course in catalogue.courses:
        pages[course.id] = PackagePages(course, env, theme, site)
        per_lesson = (sco_mode or course.sco_mode) is ScoMode.PER_LESSON
        for package_format in chosen:
            file_name = package_format.file_name(course.id, course.version)
            size = write_zip(out / file_name, package_format.package_files(course, pages[course.id], per_lesson))
            written.append(PackageFile(package_format, file_name, size, course.id))
    for programme in catalogue.programmes:
        courses = catalogue.courses_of(programme)
        for package_format in programme_formats(formats):
            file_name = package_format.file_name(programme.id, programme.version)
            size = write_zip(out / file_name, programme_packages.WRITERS[package_format.key](programme, courses, pages, env))
            written.append(PackageFile(package_format, file_name, size, programme.id))
    licences = {licence.id: licence for licence in catalogue.licences}
    for package_format in self_assessment_formats(formats) if self_assessment else ():
        flavour = FLAVOURS[package_format.key]
        file_name = survey.package_name(flavour, self_assessment or "")
        # check() has made sure the project has the licence (build.py)
        licence = licences[survey.licence_id(self_assessment)]
        size = write_zip(out / file_name, survey.self_assessment_package(flavour, env, theme, licence, self_assessment))
        written.append(PackageFile(package_format, file_name, size, survey.PACKAGE_ID))
    return written


FLAVOURS = {"scorm12": scorm12.FLAVOUR, "scorm2004": scorm2004.FLAVOUR}


def self_assessment_formats(formats: tuple[str, ...] | None) -> list[PackageFormat]:
    """The SCORM formats the self-assessment is written in, of those chosen (None: all)."""
    return [BY_KEY[key] for key in FLAVOURS if formats is None or key in formats]


def programme_formats(formats: tuple[str, ...] | None) -> list[PackageFormat]:
    """The formats a programme is written in, of those chosen (None: all)."""
    return [package_format for package_format in programme_packages.FORMATS if formats is None or package_format.key in formats]

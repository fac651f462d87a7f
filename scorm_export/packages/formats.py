"""The one registry of package formats: each format's key, label, file name, writer and advice.

The course page tells administrators which to choose; writer.py writes them in this order. The
per-standard modules never import this one, so the registry can import their writers without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..course.model import Course
from . import cc11, cc13, scorm12, scorm2004
from .pages import PackagePages

# (course, pages, per_lesson) -> {archive path: bytes}; per_lesson is the SCORM choice of one SCO per lesson
Writer = Callable[[Course, PackagePages, bool], dict[str, bytes]]


@dataclass(frozen=True)
class PackageFormat:
    key: str  # scorm12, scorm2004, cc11, cc13, cc13-openedx
    label: str
    suffix: str  # file name ending after "<id>-<version>-"
    advice_sv: str
    advice_en: str
    # left out of repr and equality: a format is its key and words; a bound method is neither readable nor hashable
    package_files: Writer = field(repr=False, compare=False)

    def advice(self, language: str = "sv") -> str:
        return self.advice_sv if language == "sv" else self.advice_en

    def file_name(self, course_id: str, version: str) -> str:
        return f"{course_id}-{version}-{self.suffix}"


FORMATS = (
    PackageFormat(
        "scorm12",
        "SCORM 1.2",
        "scorm12.zip",
        "Fungerar i nästan alla lärplattformar: Moodle, Canvas, ILIAS, Docebo, Cornerstone, SCORM Cloud. Välj den om du är osäker.",
        "Works in almost every learning platform: Moodle, Canvas, ILIAS, Docebo, Cornerstone, SCORM Cloud. Choose it when in doubt.",
        scorm12.FLAVOUR.package_files,
    ),
    PackageFormat(
        "scorm2004",
        "SCORM 2004 (4:e utgåvan)",
        "scorm2004.zip",
        "För plattformar med full SCORM 2004-stöd (SCORM Cloud, Docebo, ILIAS, Moodle): rapporterar slutförande och framsteg separat.",
        "For platforms with full SCORM 2004 support (SCORM Cloud, Docebo, ILIAS, Moodle): reports completion and progress separately.",
        scorm2004.FLAVOUR.package_files,
    ),
    PackageFormat(
        "cc11",
        "IMS Common Cartridge 1.1",
        "cc11.imscc",
        "För Moodle (importerar Common Cartridge 1.0/1.1): kursen blir redigerbara sidor i Moodle, en sektion per modul.",
        "For Moodle (imports Common Cartridge 1.0/1.1): the course becomes editable Moodle pages, one section per module.",
        cc11.FLAVOUR.writer(cc11.MOODLE),
    ),
    PackageFormat(
        "cc13",
        "IMS Common Cartridge 1.3",
        "cc13.imscc",
        "För Canvas, Brightspace (D2L), Blackboard och Schoology: kursen blir moduler med en sida per lektion.",
        "For Canvas, Brightspace (D2L), Blackboard and Schoology: the course becomes modules with a page per lesson.",
        cc13.FLAVOUR.writer(cc13.CANVAS),
    ),
    PackageFormat(
        "cc13-openedx",
        "IMS Common Cartridge 1.3 för Open edX",
        "cc13-openedx.imscc",
        "För Open edX (importeras med cc2olx) och Canvas förhandsvisning av kurspaket: bilder och länkar skrivs som paketets egna referenser.",
        "For Open edX (imported with cc2olx) and Canvas's cartridge viewer: images and links are written as the cartridge's own references.",
        cc13.FLAVOUR.writer(cc13.OPEN_EDX),
    ),
)

BY_KEY = {package_format.key: package_format for package_format in FORMATS}


@dataclass(frozen=True)
class PackageFile:
    """A written package, as the course page lists it."""

    format: PackageFormat
    file_name: str
    size: int
    course_id: str
    size_text: str = ""  # shown instead of the size while the package is still being written (see background.py)


def by_course(packages: list[PackageFile], course_ids: Iterable[str]) -> dict[str, list[PackageFile]]:
    """The packages of each course, in the order they were written: what each course page offers."""
    grouped: dict[str, list[PackageFile]] = {course_id: [] for course_id in course_ids}
    for package in packages:
        grouped.setdefault(package.course_id, []).append(package)
    return grouped

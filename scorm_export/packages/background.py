"""Writing the packages in a second process while MkDocs renders the site: both cores at work.

The course pages list each package's size, which is known only once it is written. They are rendered
with a placeholder per package, which `fill_sizes` replaces in the rendered pages and the search index
afterwards; the result is byte for byte what a sequential build writes (a test compares the two).
Where `fork` is not available (Windows, macOS' default) or only one core is, the packages are written
first, in this process, as before.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..course.model import Catalogue
from ..course.programmes import FOLDER as PROGRAMMES
from ..second_process import SecondProcessError
from ..ui_strings import format_size
from . import self_assessment as survey
from .formats import FORMATS, PackageFile
from .writer import FLAVOURS, programme_formats, self_assessment_formats

_TOKEN = "SCORMEXPORTPACKAGESIZE{index:04d}X"


class PackageWriteError(SecondProcessError):
    """The package process failed; its traceback is the message."""


def planned_packages(catalogue: Catalogue, formats: tuple[str, ...] | None, self_assessment: str | None = None) -> list[PackageFile]:
    """The packages a build will write, in write_packages' order, each with a placeholder for its size."""
    chosen = [package_format for package_format in FORMATS if formats is None or package_format.key in formats]
    planned = (
        [
            PackageFile(package_format, package_format.file_name(course.id, course.version), 0, course.id)
            for course in catalogue.courses
            for package_format in chosen
        ]
        + [
            PackageFile(package_format, package_format.file_name(programme.id, programme.version), 0, programme.id)
            for programme in catalogue.programmes
            for package_format in programme_formats(formats)
        ]
        + [
            PackageFile(package_format, survey.package_name(FLAVOURS[package_format.key], self_assessment or ""), 0, survey.PACKAGE_ID)
            for package_format in (self_assessment_formats(formats) if self_assessment else [])
        ]
    )
    return [replace(package, size_text=_TOKEN.format(index=index)) for index, package in enumerate(planned)]


def fill_sizes(site: Path, catalogue: Catalogue, planned: list[PackageFile], written: list[PackageFile]) -> None:
    """Put each written package's size where the course pages and the search index hold its placeholder."""
    languages = {course.id: course.language for course in catalogue.courses}
    languages.update({programme.id: programme.language for programme in catalogue.programmes})
    languages[survey.PACKAGE_ID] = "sv"
    sizes = {package.file_name: package.size for package in written}
    replacements = {package.size_text: format_size(sizes[package.file_name], languages[package.course_id]) for package in planned}
    targets = [site / course.id / "index.html" for course in catalogue.courses] + [site / survey.PACKAGE_ID / "index.html"]
    targets += [site / PROGRAMMES / programme.id / "index.html" for programme in catalogue.programmes] + [
        site / "search" / "search_index.json"
    ]
    for path in targets:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for token, size in replacements.items():
            text = text.replace(token, size)
        path.write_text(text, encoding="utf-8")

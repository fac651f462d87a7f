"""The site's DigComp pages: the framework, its areas and competences, and the courses of the site that develop each.

Docs paths, and the URLs MkDocs makes of them:

    digcomp/index.md                   /digcomp/            the versions the site shows
    digcomp/<version>/index.md         /digcomp/3.0/        a version: its areas and competences, with course counts
    digcomp/<version>/<area>/index.md  /digcomp/3.0/3/      an area: its competences and their courses
    digcomp/<version>/<competence>.md  /digcomp/3.0/3.3/    a competence: its titles, the JRC's descriptor, its courses

Area ids have no dot and competence ids one, so the two never meet. The versions shown are those some course
cites (digcomp.DEFAULT_VERSION when none does): a version no course cites would be 28 pages without a course. Links between these pages and to course pages are Markdown links to
docs files, so that MkDocs makes them into URLs and reports any that does not resolve.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from .. import ui_strings
from ..course import digcomp
from ..course.digcomp import Area, Competence, Framework
from ..course.model import Catalogue, Course

FOLDER = "digcomp"
INDEX_DOC = f"{FOLDER}/index.md"


def framework_doc(version: str) -> str:
    return f"{FOLDER}/{version}/index.md"


def area_doc(version: str, area_id: str) -> str:
    return f"{FOLDER}/{version}/{area_id}/index.md"


def competence_doc(version: str, competence_id: str) -> str:
    return f"{FOLDER}/{version}/{competence_id}.md"


def versions_shown(catalogue: Catalogue) -> list[str]:
    """The versions some course cites (the default one when none does); newest first."""
    cited = {course.digcomp.version for course in catalogue.courses if course.digcomp} or {digcomp.DEFAULT_VERSION}
    shown = [version for version in digcomp.VERSIONS if version in cited]
    return sorted(shown, key=lambda version: tuple(int(part) for part in version.split(".")), reverse=True)


def courses_developing(catalogue: Catalogue, version: str, competence_id: str) -> tuple[Course, ...]:
    """The courses that cite a competence of a version, in catalogue order."""
    return tuple(
        course
        for course in catalogue.courses
        if course.digcomp and course.digcomp.version == version and competence_id in course.digcomp.competences
    )


@dataclass(frozen=True)
class CourseEntry:
    """A course as a DigComp page lists it, with the Markdown link from that page to the course page."""

    course: Course
    link: str


@dataclass(frozen=True)
class CompetenceEntry:
    competence: Competence
    link: str
    courses: tuple[CourseEntry, ...]


@dataclass(frozen=True)
class AreaEntry:
    area: Area
    link: str
    competences: tuple[CompetenceEntry, ...]


@dataclass(frozen=True)
class DigCompPages:
    docs: dict[str, str]  # docs path -> Markdown
    nav: dict[str, Any]  # the "DigComp" section of MkDocs' nav


def digcomp_pages(catalogue: Catalogue, env: Environment) -> DigCompPages:
    """Every DigComp page of the site and its navigation; `env` is the Markdown environment (inert values)."""
    strings = ui_strings.strings("sv")
    docs: dict[str, str] = {}
    version_nav: list[Any] = [INDEX_DOC]
    frameworks = [digcomp.framework(version) for version in versions_shown(catalogue)]
    for framework in frameworks:
        areas = [_area_entries(catalogue, framework, area, framework_doc(framework.version)) for area in framework.areas]
        docs[framework_doc(framework.version)] = env.get_template("docs/digcomp_framework.md.j2").render(
            framework=framework, areas=areas, t=strings
        )
        area_nav: list[Any] = [framework_doc(framework.version)]
        for area in framework.areas:
            doc = area_doc(framework.version, area.id)
            docs[doc] = env.get_template("docs/digcomp_area.md.j2").render(
                framework=framework,
                entry=_area_entries(catalogue, framework, area, doc),
                framework_link=_link(framework_doc(framework.version), doc),
                t=strings,
            )
            competence_nav: list[Any] = [doc]
            for competence in area.competences:
                doc = competence_doc(framework.version, competence.id)
                docs[doc] = env.get_template("docs/digcomp_competence.md.j2").render(
                    framework=framework,
                    area=area,
                    competence=competence,
                    courses=_course_entries(catalogue, framework.version, competence.id, doc),
                    framework_link=_link(framework_doc(framework.version), doc),
                    area_link=_link(area_doc(framework.version, area.id), doc),
                    t=strings,
                )
                competence_nav.append({_nav_title(f"{competence.id} {competence.sv}"): doc})
            area_nav.append({_nav_title(f"{area.id}. {area.sv}"): competence_nav})
        version_nav.append({_nav_title(framework.name): area_nav})
    docs[INDEX_DOC] = env.get_template("docs/digcomp_index.md.j2").render(
        frameworks=[
            (framework, _link(framework_doc(framework.version), INDEX_DOC), _course_count(catalogue, framework)) for framework in frameworks
        ],
        t=strings,
    )
    return DigCompPages(docs, {"DigComp": version_nav})


def _area_entries(catalogue: Catalogue, framework: Framework, area: Area, here: str) -> AreaEntry:
    return AreaEntry(
        area,
        _link(area_doc(framework.version, area.id), here),
        tuple(
            CompetenceEntry(
                competence,
                _link(competence_doc(framework.version, competence.id), here),
                _course_entries(catalogue, framework.version, competence.id, here),
            )
            for competence in area.competences
        ),
    )


def _course_entries(catalogue: Catalogue, version: str, competence_id: str, here: str) -> tuple[CourseEntry, ...]:
    return tuple(
        CourseEntry(course, _link(f"{course.id}/index.md", here)) for course in courses_developing(catalogue, version, competence_id)
    )


def _course_count(catalogue: Catalogue, framework: Framework) -> int:
    return sum(1 for course in catalogue.courses if course.digcomp and course.digcomp.version == framework.version)


def _link(doc: str, here: str) -> str:
    """A Markdown link from the docs file `here` to the docs file `doc`."""
    return posixpath.relpath(doc, posixpath.dirname(here))


def _nav_title(text: str) -> str:
    # Material prints navigation titles as HTML
    return html.escape(text)

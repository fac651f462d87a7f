"""A page per programme (`program/<id>/`): its courses in order, total time, DigComp coverage and packages."""

from __future__ import annotations

import html
from typing import Any

from jinja2 import Environment
from mkdocs.utils import get_relative_url

from .. import ui_strings
from ..course.digcomp import course_competences
from ..course.model import Catalogue, Programme
from ..course.programmes import FOLDER
from ..packages.formats import PackageFile
from .competences import competence_doc


def programme_doc(programme: Programme) -> str:
    return f"{FOLDER}/{programme.id}/index.md"


def programme_docs(
    catalogue: Catalogue, downloads: dict[str, list[PackageFile]], env: Environment, page_url: Any
) -> tuple[dict[str, str], list[Any]]:
    """docs path -> Markdown of each programme's page, and the navigation's entries for them.

    `env` is the Markdown environment (every value inert text); `page_url` the URL MkDocs gives a docs path.
    """
    docs: dict[str, str] = {}
    for programme in catalogue.programmes:
        here = page_url(programme_doc(programme))
        courses = catalogue.courses_of(programme)
        competences: dict[str, tuple[Any, str, str, list[str]]] = {}
        for course in courses:
            for competence in course_competences(course):
                version = course.digcomp.version if course.digcomp else ""
                key = f"{version}/{competence.id}"
                url = get_relative_url(page_url(competence_doc(version, competence.id)), here)
                competences.setdefault(key, (competence, url, f"DigComp {version}", []))[3].append(course.title)
        attribution = ", ".join(dict.fromkeys(course.attribution for course in courses))
        docs[programme_doc(programme)] = env.get_template("docs/programme.md.j2").render(
            programme=programme,
            t=ui_strings.strings(programme.language),
            courses=[(course, get_relative_url(page_url(f"{course.id}/index.md"), here)) for course in courses],
            total_minutes=sum(course.duration_minutes for course in courses),
            competences=[competences[key] for key in sorted(competences, key=_competence_order)],
            downloads=downloads.get(programme.id, []),
            download_base=get_relative_url("downloads/", here),
            attribution=attribution,
        )
    # Material prints navigation titles as HTML
    nav = [{html.escape(programme.title): programme_doc(programme)} for programme in catalogue.programmes]
    return docs, nav


def _competence_order(key: str) -> tuple[str, tuple[int, ...]]:
    version, _, competence = key.partition("/")
    return version, tuple(int(part) for part in competence.split("."))

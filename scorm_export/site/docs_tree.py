"""Writes the site's docs tree from the model: catalogue, course pages, lessons, assets, navigation.

MkDocs + Material only render what this writes; no MkDocs hooks or plugins generate anything.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..course.model import Catalogue, Course, Lesson, Reference, ReferenceKind
from mkdocs.utils import get_relative_url

from ..relink import Target, relink_html, relink_markdown
from .prerendered import MARKER, PrerenderedBody
from ..packages.formats import PackageFile
from .. import ui_strings
from ..templates import markdown_environment
from .metadata import course_json_ld

ACCESSIBILITY_PAGE = "tillganglighet.md"


@dataclass(frozen=True)
class DocsTree:
    nav: list[Any]  # MkDocs `nav`
    pages: int
    bodies: dict[str, PrerenderedBody]  # docs path -> the lesson body the plugin puts in; empty without it


def lesson_doc(course: Course, lesson: Lesson) -> str:
    return f"{course.id}/{lesson.module_slug}/{lesson.slug}.md"


def site_lesson_markdown(course: Course, lesson: Lesson, use_directory_urls: bool = True) -> str:
    """The lesson body with its Markdown links pointing at docs-tree files, so MkDocs resolves and checks
    them, and its raw-HTML links at the site URLs MkDocs would make."""
    here = posixpath.dirname(lesson_doc(course, lesson))

    def target(reference: Reference) -> str:
        if reference.kind is ReferenceKind.LESSON:
            return posixpath.relpath(lesson_doc(course, course.lesson(reference.target)), here)
        return posixpath.relpath(f"{course.id}/{reference.target}", here)

    return relink_markdown(lesson, target, _site_target(course, lesson, use_directory_urls))


def page_url(doc: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a docs-tree page: 'kurs/modul/lektion/' (or '.html' without directory URLs)."""
    stem = doc.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _site_target(course: Course, lesson: Lesson, use_directory_urls: bool) -> Target:
    here = page_url(lesson_doc(course, lesson), use_directory_urls)

    def target(reference: Reference) -> str:
        if reference.kind is ReferenceKind.LESSON:
            return get_relative_url(page_url(lesson_doc(course, course.lesson(reference.target)), use_directory_urls), here)
        return get_relative_url(f"{course.id}/{reference.target}", here)

    return target


def site_lesson_html(course: Course, lesson: Lesson, use_directory_urls: bool = True) -> str:
    """The lesson's rendered body with links to the site URLs MkDocs would have made from the Markdown."""
    return relink_html(lesson, _site_target(course, lesson, use_directory_urls))


def write_docs_tree(
    catalogue: Catalogue,
    downloads: dict[str, list[PackageFile]],
    docs: Path,
    env: Environment,
    accessibility: dict[str, Any],
    *,
    prerendered: bool = True,
    use_directory_urls: bool = True,
) -> DocsTree:
    """With `prerendered`, lesson bodies are left to the PrerenderedBodies plugin instead of MkDocs' Markdown."""
    env = markdown_environment(env)
    bodies: dict[str, PrerenderedBody] = {}
    strings = ui_strings.strings("sv")
    nav: list[Any] = [{strings["catalogue"]: "index.md"}]
    pages = 0

    def write(relative: str, text: str | bytes) -> None:
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    write("index.md", env.get_template("docs/catalogue.md.j2").render(catalogue=catalogue, t=strings))
    pages += 1
    for course in catalogue.courses:
        course_strings = ui_strings.strings(course.language)
        write(
            f"{course.id}/index.md",
            env.get_template("docs/course.md.j2").render(
                course=course, t=course_strings, downloads=downloads.get(course.id, []),
                json_ld=course_json_ld(course), lesson_doc=lambda lesson: posixpath.relpath(lesson_doc(course, lesson), course.id),
            ),
        )
        course_nav: list[Any] = [f"{course.id}/index.md"]
        lessons = course.lessons
        index = 0
        for module_index, module in enumerate(course.modules, start=1):
            module_nav = []
            for lesson in module.lessons:
                index += 1
                if prerendered:
                    body = MARKER
                    bodies[lesson_doc(course, lesson)] = PrerenderedBody(
                        site_lesson_html(course, lesson, use_directory_urls), lesson.toc_tokens,
                    )
                else:
                    body = site_lesson_markdown(course, lesson, use_directory_urls)
                write(
                    lesson_doc(course, lesson),
                    env.get_template("docs/lesson.md.j2").render(
                        course=course, module=module, module_index=module_index, lesson=lesson, index=index,
                        total=len(lessons), body=body, t=course_strings,
                        media=course.assets_of(lesson),
                    ),
                )
                module_nav.append({_nav_title(lesson.title): lesson_doc(course, lesson)})
            course_nav.append({f"{module_index}. {_nav_title(module.title)}": module_nav})
        for asset in course.assets:
            write(f"{course.id}/{asset.path}", asset.data)
        nav.append({_nav_title(course.title): course_nav})
        pages += 1 + len(lessons)
    write(ACCESSIBILITY_PAGE, env.get_template("docs/accessibility.md.j2").render(a=accessibility, t=strings))
    nav.append({strings["accessibility_statement"]: ACCESSIBILITY_PAGE})
    return DocsTree(nav, pages + 1, bodies)


def _nav_title(text: str) -> str:
    # Material prints navigation titles as HTML, as it does titles taken from headings
    return html.escape(text)

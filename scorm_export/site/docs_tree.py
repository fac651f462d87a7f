"""Writes the site's docs tree from the model: catalogue, course pages, lessons, assets, navigation.

MkDocs + Material only render what this writes; no MkDocs hooks or plugins generate anything.
"""

from __future__ import annotations

import functools
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.utils import get_relative_url

from .. import ui_strings
from ..course.digcomp import course_competences
from ..course.model import Catalogue, Course, Lesson, Reference, ReferenceKind
from ..media_markup import media_markup
from ..packages.formats import PackageFile
from ..question_markup import question_markup
from ..relink import Target, relink_html, relink_markdown
from ..templates import markdown_environment
from .catalogue_filter import catalogue_filter
from .competences import competence_doc, digcomp_pages
from .metadata import course_json_ld, images_json_ld
from .prerendered import MARKER, PrerenderedBody
from .programme_pages import programme_docs
from .self_assessment import SELF_ASSESSMENT_ID, SELF_ASSESSMENT_PAGE, self_assessment_files

ACCESSIBILITY_PAGE = "tillganglighet.md"
QUESTIONS_SCRIPT = "assets/javascripts/questions.js"  # the same script as in the packages
QUESTIONS_SOURCE = Path(__file__).resolve().parent.parent / "runtime" / "questions.js"
MEDIA_SCRIPT = "assets/javascripts/media.js"  # the consent button of a video on another host, as in the packages
MEDIA_SOURCE = QUESTIONS_SOURCE.with_name("media.js")
CATALOGUE_FILTER_SCRIPT = "assets/javascripts/catalogue-filter.js"  # the catalogue's filter (site only)
CATALOGUE_FILTER_SOURCE = QUESTIONS_SOURCE.with_name("catalogue-filter.js")
CREDITS_PAGE = "licenser-och-kallor.md"


@dataclass(frozen=True)
class DocsTree:
    nav: list[Any]  # MkDocs `nav`
    pages: int
    bodies: dict[str, PrerenderedBody]  # docs path -> the lesson body the plugin puts in; empty without it
    files: frozenset[str]  # every docs path written, so that a kept docs folder can drop what is gone


def lesson_doc(course: Course, lesson: Lesson) -> str:
    return f"{course.id}/{lesson.module_slug}/{lesson.slug}.md"


def credits_doc(course: Course) -> str:
    """The course's page of licences and sources (no lesson slug is without its module folder)."""
    return f"{course.id}/{CREDITS_PAGE}"


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
    unchanged: frozenset[str] = frozenset(),
    site_url: str = "",
    digcomp_version: str | None = None,  # the self-assessment's (mkdocs.yml extra.digcomp.version)
) -> DocsTree:
    """With `prerendered`, lesson bodies are left to the PrerenderedBodies plugin instead of MkDocs' Markdown.

    Courses in `unchanged` (ids) already have their files in `docs` as they would be written: only their
    navigation is made (the preview's incremental rebuild). With `site_url` (mkdocs.yml's), a course's JSON-LD
    gives the absolute URL of each DigComp competence it teaches.
    """
    credit = env.get_template("credit.html").module  # the one way a file is credited, in every output
    html_env = env
    env = markdown_environment(env)
    bodies: dict[str, PrerenderedBody] = {}
    strings = ui_strings.strings("sv")
    nav: list[Any] = [{strings["catalogue"]: "index.md"}, {strings["self_assessment"]: SELF_ASSESSMENT_PAGE}]
    pages = 0

    written: set[str] = set()

    def write(relative: str, text: str | bytes) -> None:
        # an unchanged file keeps its modification time, so an incremental MkDocs build skips its page
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        path = docs / relative
        written.add(relative)
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    write("index.md", env.get_template("docs/catalogue.md.j2").render(catalogue=catalogue, t=strings, filters=catalogue_filter(catalogue)))
    write(QUESTIONS_SCRIPT, QUESTIONS_SOURCE.read_bytes())
    write(CATALOGUE_FILTER_SCRIPT, CATALOGUE_FILTER_SOURCE.read_bytes())
    write(MEDIA_SCRIPT, MEDIA_SOURCE.read_bytes())
    pages += 1
    for course in catalogue.courses:
        course_strings = ui_strings.strings(course.language)
        if course.id in unchanged:
            written.update(_course_docs(course))
            nav.append({_nav_title(course.title): _course_nav(course)})
            pages += 2 + len(course.lessons)
            continue
        write(
            f"{course.id}/index.md",
            env.get_template("docs/course.md.j2").render(
                course=course,
                t=course_strings,
                downloads=downloads.get(course.id, []),
                json_ld=course_json_ld(course, _competence_urls(course, site_url, use_directory_urls)),
                competences=_competence_links(course, use_directory_urls),
                lesson_doc=functools.partial(_course_relative_doc, course),
                credits_url=get_relative_url(
                    page_url(credits_doc(course), use_directory_urls), page_url(f"{course.id}/index.md", use_directory_urls)
                ),
            ),
        )
        lessons = course.lessons
        index = 0
        for module_index, module in enumerate(course.modules, start=1):
            for lesson in module.lessons:
                index += 1
                body_hash = ""
                if prerendered:
                    body = MARKER
                    prerendered_body = PrerenderedBody(site_lesson_html(course, lesson, use_directory_urls), lesson.toc_tokens)
                    bodies[lesson_doc(course, lesson)] = prerendered_body
                    # the page's file changes whenever its body does, as an incremental build needs
                    body_hash = hashlib.sha1(prerendered_body.html.encode("utf-8")).hexdigest()
                else:
                    body = site_lesson_markdown(course, lesson, use_directory_urls)
                write(
                    lesson_doc(course, lesson),
                    env.get_template("docs/lesson.md.j2").render(
                        course=course,
                        module=module,
                        module_index=module_index,
                        lesson=lesson,
                        index=index,
                        total=len(lessons),
                        body=body,
                        body_hash=body_hash,
                        t=course_strings,
                        questions={
                            **question_markup(
                                course,
                                lesson,
                                functools.partial(relink_html, lesson, _site_target(course, lesson, use_directory_urls)),
                                html_env,
                                course_strings,
                                store=True,
                            ),
                            **_media(course, lesson, html_env, credit, use_directory_urls),
                        },
                        **_lesson_credits(course, lesson, credit, use_directory_urls),
                    ),
                )
        for asset in course.assets:
            write(f"{course.id}/{asset.path}", asset.data)
        write(
            credits_doc(course),
            env.get_template("docs/credits.md.j2").render(
                course=course,
                t=course_strings,
                course_url=get_relative_url(f"{course.id}/", page_url(credits_doc(course), use_directory_urls)),
            ),
        )
        nav.append({_nav_title(course.title): _course_nav(course)})
        pages += 2 + len(lessons)
    programme_pages, programme_nav = programme_docs(
        catalogue, downloads, env, functools.partial(page_url, use_directory_urls=use_directory_urls)
    )
    for doc, text in programme_pages.items():
        write(doc, text)
    if programme_nav:
        nav.append({strings["programmes"]: programme_nav})
    pages += len(programme_pages)
    digcomp = digcomp_pages(catalogue, env)
    for doc, text in digcomp.docs.items():
        write(doc, text)
    nav.append(digcomp.nav)
    pages += len(digcomp.docs)
    for doc, data in self_assessment_files(
        catalogue,
        html_env,
        digcomp_version,
        functools.partial(page_url, use_directory_urls=use_directory_urls),
        downloads.get(SELF_ASSESSMENT_ID, []),
    ).items():
        write(doc, data)
    pages += 1
    write(ACCESSIBILITY_PAGE, env.get_template("docs/accessibility.md.j2").render(a=accessibility, t=strings))
    nav.append({strings["accessibility_statement"]: ACCESSIBILITY_PAGE})
    return DocsTree(nav, pages + 1, bodies, frozenset(written))


def _media(course: Course, lesson: Lesson, env: Environment, credit: Any, use_directory_urls: bool) -> dict[str, str]:
    if not lesson.media:
        return {}
    here = page_url(lesson_doc(course, lesson), use_directory_urls)
    strings = ui_strings.strings(course.language)
    credits = {media.path: str(credit.short(course.asset(media.path), strings)) for media in lesson.media if media.path}
    return media_markup(lesson, lambda path: get_relative_url(f"{course.id}/{path}", here), env, strings, credits)


def _competence_links(course: Course, use_directory_urls: bool) -> list[tuple[Any, str]]:
    """(competence, URL from the course page) for each DigComp competence the course cites."""
    if not course.digcomp:
        return []
    here = page_url(f"{course.id}/index.md", use_directory_urls)
    return [
        (competence, get_relative_url(page_url(competence_doc(course.digcomp.version, competence.id), use_directory_urls), here))
        for competence in course_competences(course)
    ]


def _competence_urls(course: Course, site_url: str, use_directory_urls: bool) -> dict[str, str]:
    """Competence id -> the absolute URL of its page; none without the site's address."""
    if not site_url or not course.digcomp:
        return {}
    base = site_url.rstrip("/") + "/"
    return {
        competence.id: base + page_url(competence_doc(course.digcomp.version, competence.id), use_directory_urls)
        for competence in course_competences(course)
    }


def _course_relative_doc(course: Course, lesson: Lesson) -> str:
    return posixpath.relpath(lesson_doc(course, lesson), course.id)


def _course_docs(course: Course) -> list[str]:
    return [
        f"{course.id}/index.md",
        *(lesson_doc(course, lesson) for lesson in course.lessons),
        *(f"{course.id}/{asset.path}" for asset in course.assets),
        credits_doc(course),
    ]


def _course_nav(course: Course) -> list[Any]:
    return [
        f"{course.id}/index.md",
        *(
            {f"{index}. {_nav_title(module.title)}": [{_nav_title(lesson.title): lesson_doc(course, lesson)} for lesson in module.lessons]}
            for index, module in enumerate(course.modules, start=1)
        ),
        {_nav_title(ui_strings.strings(course.language)["credits_page"]): credits_doc(course)},
    ]


def _lesson_credits(course: Course, lesson: Lesson, credit: Any, use_directory_urls: bool) -> dict[str, Any]:
    """What a lesson page says about its files: a credit under each image, all of them in the footer, JSON-LD.

    `credit` is the theme's credit.html; the image URLs are those the page's body uses (the same target).
    """
    here = page_url(lesson_doc(course, lesson), use_directory_urls)
    target = _site_target(course, lesson, use_directory_urls)
    strings = ui_strings.strings(course.language)
    shown = course.assets_of(lesson)
    credit_html = {asset.path: str(credit.short(asset, strings)) for asset in shown}
    urls = {reference.target: target(reference) or "" for reference in lesson.references if reference.kind is ReferenceKind.ASSET}
    credits_url = get_relative_url(page_url(credits_doc(course), use_directory_urls), here)
    images = [(asset, urls[asset.path]) for asset in shown if asset.media_type.startswith("image/")]
    return {
        "credits": [credit_html[asset.path] for asset in shown],
        "figures": {url: credit_html[asset.path] for asset, url in images},
        "credits_url": credits_url,
        "json_ld": images_json_ld(images, credits_url, {path: html_text(text) for path, text in credit_html.items()}) if images else None,
    }


def html_text(fragment: str) -> str:
    """The text of an HTML fragment of ours (a credit): tags dropped, references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _nav_title(text: str) -> str:
    # Material prints navigation titles as HTML, as it does titles taken from headings
    return html.escape(text)

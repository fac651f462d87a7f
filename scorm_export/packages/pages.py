"""The pages of a course package: lesson pages, the course start page, the single-SCO shell, stylesheet, runtime, media.

Every package format reads these; the manifest differs, and so does how a page points at other pages and
files, because each LMS resolves them differently (a PageStyle per format; see cc11.py and cc13.py for what
each importer does). Lesson bodies were rendered once, by the loader; here their links are pointed at the
package's files, once per course and style.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from jinja2 import Environment

from .. import ui_strings
from ..course.model import Asset, Course, Lesson, Reference, ReferenceKind
from ..relink import relink_html
from .identifiers import lesson_item, lesson_resource

RUNTIME_SOURCE = Path(__file__).resolve().parent.parent / "runtime" / "scorm-runtime.js"
STYLESHEET = "assets/package.css"
CARTRIDGE_STYLESHEET = "assets/cartridge.css"
RUNTIME = "assets/scorm-runtime.js"
SHELL = "index.html"
ABOUT = "about.html"  # "Om kursen": the course start page of every package
ABOUT_KEY = "about"  # the start page's key in the runtime's messages; no lesson key is without a '/'
FILE_BASE = "$IMS-CC-FILEBASE$"
WIKI_REFERENCE = "$WIKI_REFERENCE$"
# a link to a lesson is written with this prefix first, then turned into what the page style asks for
_LESSON = "scorm-export-lesson:"
_ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*"""
_LESSON_LINK = re.compile(
    rf"""<a(?P<before>{_ATTRIBUTES}?)\s+href="{_LESSON}(?P<key>[^"#]*)(?:#[^"]*)?"(?P<after>{_ATTRIBUTES})\s*>(?P<text>.*?)</a>""",
    re.DOTALL,
)


class LessonLinks(str, Enum):
    """How a page links to another lesson."""

    RELATIVE = "relative"  # an href to the other lesson's file
    # one SCO per lesson: loading another SCO inside this one would start a second session, which the LMS refuses;
    # the lesson is named, and the runtime turns the name into a SCORM 2004 choice request where the LMS allows one
    CHOICE = "choice"
    REFERENCE = "reference"  # the lesson named for the LMS's own menu: Moodle's cartridge import breaks every such link
    WIKI = "wiki"  # $WIKI_REFERENCE$/pages/<file name>: cc2olx makes it a jump to that unit, the cartridge viewer a link


@dataclass(frozen=True)
class PageStyle:
    lesson_links: LessonLinks = LessonLinks.RELATIVE
    file_base: bool = False  # images and stylesheet as $IMS-CC-FILEBASE$/<path>: all cc2olx and the viewer resolve
    heading: bool = True  # the page's own <h1>; off where the LMS shows the item's title right above the page
    cartridge: bool = False  # a cartridge page: content and licence only, the LMS supplies the rest


SCORM_SINGLE = PageStyle()
SCORM_PER_LESSON = PageStyle(LessonLinks.CHOICE)


def about_title(course: Course) -> str:
    return ui_strings.strings(course.language)["about_course"]


def lesson_path(lesson: Lesson) -> str:
    return f"lessons/{lesson.module_slug}/{lesson.slug}.html"


def media_path(asset_path: str) -> str:
    return f"media/{asset_path}"


@dataclass(frozen=True)
class PageSet:
    """A package's files before its manifest: what a manifest needs to list them."""

    files: dict[str, bytes]
    lesson_paths: dict[str, str]  # lesson key -> archive path
    launch: str  # the single-SCO shell, or the first lesson
    shared: tuple[str, ...]  # stylesheet, runtime, media: files the lesson pages depend on
    about: str = ABOUT  # the course start page


class PackagePages:
    """Points a course's lesson bodies at the package's files once per style; `page_set` and `cartridge` wrap them."""

    def __init__(self, course: Course, env: Environment, theme: Path) -> None:
        self.course = course
        self.env = env
        self.theme = theme
        self.strings = ui_strings.strings(course.language)
        self._bodies: dict[tuple[LessonLinks, bool], dict[str, str]] = {}

    def paths(self, style: PageStyle) -> dict[str, str]:
        """Lesson key -> page path. `$WIKI_REFERENCE$` names a page by its file name alone, which must then be unique."""
        if style.lesson_links is LessonLinks.WIKI:
            return {lesson.key: f"lessons/{lesson_resource(self.course.id, lesson.key)}.html" for lesson in self.course.lessons}
        return {lesson.key: lesson_path(lesson) for lesson in self.course.lessons}

    def file_url(self, path: str, page: str, style: PageStyle) -> str:
        """A package file (stylesheet, image) as a page at `page` refers to it."""
        return f"{FILE_BASE}/{path}" if style.file_base else _relative(path, posixpath.dirname(page))

    def lesson_link(self, key: str, text: str, page: str, style: PageStyle, named: bool = True, attributes: str = "") -> str:
        """HTML for a link from `page` to a lesson; `text` is HTML, `attributes` the link's others (title, id…).

        `named` adds where to find the lesson when the page cannot link to it. An LMS's own link to a page opens the
        page at its top (cc2olx's unit jump, a SCORM choice request), so only a relative link keeps a #fragment.
        """
        paths = self.paths(style)
        if style.lesson_links is LessonLinks.RELATIVE:
            return f'<a{attributes} href="{html.escape(_relative(paths[key], posixpath.dirname(page)))}">{text}</a>'
        if style.lesson_links is LessonLinks.WIKI:
            name = posixpath.splitext(posixpath.basename(paths[key]))[0]
            return f'<a{attributes} href="{WIKI_REFERENCE}/pages/{html.escape(name)}">{text}</a>'
        where = ""
        if named:
            title = html.escape(self.course.lesson(key).title)
            where = f'<span class="lesson-ref__where"> ({self.strings["lesson_reference"].format(title=title)})</span>'
        target = f' data-sco-target="{lesson_item(self.course.id, key)}"' if style.lesson_links is LessonLinks.CHOICE else ""
        return f'<span class="lesson-ref"{target}><span class="lesson-ref__text">{text}</span>{where}</span>'

    def bodies(self, style: PageStyle) -> dict[str, str]:
        """Each lesson's sanitized body with its links and images pointing where this style's pages find them."""
        cache_key = (style.lesson_links, style.file_base)
        if cache_key not in self._bodies:
            paths = self.paths(style)
            self._bodies[cache_key] = {lesson.key: self._body(lesson, paths[lesson.key], style) for lesson in self.course.lessons}
        return self._bodies[cache_key]

    def _body(self, lesson: Lesson, page: str, style: PageStyle) -> str:
        paths = self.paths(style)

        def target(reference: Reference) -> str:
            if reference.kind is not ReferenceKind.LESSON:
                return self.file_url(media_path(reference.target), page, style)
            if style.lesson_links is LessonLinks.RELATIVE:
                return _relative(paths[reference.target], posixpath.dirname(page))
            return _LESSON + reference.target

        body = relink_html(lesson, target, lesson.safe_html)
        if style.lesson_links is LessonLinks.RELATIVE:
            return body
        linked = _LESSON_LINK.sub(
            lambda match: self.lesson_link(match["key"], match["text"], page, style, attributes=match["before"] + match["after"]), body
        )
        if _LESSON in linked:  # the sanitizer writes every link alike, so this would be our bug, never the author's
            raise RuntimeError(f"{lesson.source}: a link to a lesson was left unconverted")
        return linked

    def _content(self, template: str, style: PageStyle, **context: object) -> str:
        return self.env.get_template(template).render(course=self.course, t=self.strings, heading=style.heading, **context)

    def _about(self, style: PageStyle, page: str) -> str:
        contents = {
            lesson.key: self.lesson_link(lesson.key, html.escape(lesson.title), page, style, named=False)
            if style.lesson_links is not LessonLinks.REFERENCE
            else html.escape(lesson.title)
            for lesson in self.course.lessons
        }
        return self._content("package/_about.html", style, contents=contents, credits=self.course.assets)

    def _lesson(self, lesson: Lesson, style: PageStyle, page: str) -> str:
        return self._content("package/_lesson.html", style, lesson=lesson, body=self.bodies(style)[lesson.key])

    def _media(self) -> dict[str, bytes]:
        return {media_path(asset.path): asset.data for asset in self.course.assets}

    def page_set(self, standard: str, sco_per_lesson: bool = False) -> PageSet:
        """A SCORM package's pages: standard is 'scorm12' or 'scorm2004'."""
        course = self.course
        style = SCORM_PER_LESSON if sco_per_lesson else SCORM_SINGLE
        lessons = course.lessons
        paths = self.paths(style)
        files: dict[str, bytes] = {
            STYLESHEET: (self.theme / "package" / "package.css").read_bytes(),
            RUNTIME: RUNTIME_SOURCE.read_bytes(),
            **self._media(),
        }
        shell = not sco_per_lesson
        # inside the shell a page says which lesson it shows; alone, each page is its own SCO
        mode = "lesson" if shell else "sco"
        base = {"course": course.id, "version": course.version, "standard": standard, "mode": mode}
        first = lessons[0]
        files[ABOUT] = self._scorm_page(
            ABOUT,
            f"{self.strings['about_course']} – {course.title}",
            self._about(style, ABOUT),
            {**base, "lesson": ABOUT_KEY},
            pager=shell,
            next_page=(paths[first.key], first.title),
        )
        for position, lesson in enumerate(lessons):
            page = paths[lesson.key]
            previous = lessons[position - 1] if position else None
            following = lessons[position + 1] if position + 1 < len(lessons) else None
            module_index, module = next((i, m) for i, m in enumerate(course.modules, 1) if m.slug == lesson.module_slug)
            files[page] = self._scorm_page(
                page,
                f"{lesson.title} – {course.title}",
                self._lesson(lesson, style, page),
                {**base, "lesson": lesson.key},
                lesson=lesson,
                media=course.assets_of(lesson),
                pager=shell,
                previous_page=(paths[previous.key], previous.title) if previous else (ABOUT, self.strings["about_course"]),
                next_page=(paths[following.key], following.title) if following else None,
                index=position + 1,
                total=len(lessons),
                module=module,
                module_index=module_index,
            )
        if shell:
            config = {
                **base,
                "mode": "shell",
                "lessons": [{"key": lesson.key, "href": paths[lesson.key], "title": lesson.title} for lesson in lessons],
                "strings": {key: self.strings[key] for key in ("progress_text", "complete", "seen")},
            }
            files[SHELL] = (
                self.env.get_template("package/shell.html")
                .render(
                    course=course,
                    lessons=lessons,
                    lesson_paths=paths,
                    about=ABOUT,
                    t=self.strings,
                    config=config,
                    page_title=course.title,
                    root="",
                    media=(),
                )
                .encode("utf-8")
            )
        shared = tuple(sorted(path for path in files if path.startswith(("assets/", "media/"))))
        return PageSet(files, paths, SHELL if shell else paths[first.key], shared)

    def _scorm_page(
        self,
        page: str,
        title: str,
        content: str,
        config: dict[str, object],
        pager: bool,
        lesson: Lesson | None = None,
        media: tuple[Asset, ...] = (),
        previous_page: tuple[str, str] | None = None,
        next_page: tuple[str, str] | None = None,
        **context: object,
    ) -> bytes:
        here = posixpath.dirname(page)

        def neighbour(found: tuple[str, str] | None) -> dict[str, str] | None:
            return {"href": _relative(found[0], here), "title": found[1]} if found else None

        rendered = self.env.get_template("package/lesson.html").render(
            course=self.course,
            t=self.strings,
            page_title=title,
            root=posixpath.relpath(".", here) + "/" if here else "",
            content=content,
            config=config,
            lesson=lesson,
            media=media,
            pager=pager,
            previous=neighbour(previous_page),
            next=neighbour(next_page),
            **context,
        )
        return rendered.encode("utf-8")

    def cartridge(self, style: PageStyle) -> PageSet:
        """A Common Cartridge's pages: content and licence, referring to each other and their files as `style` says."""
        course = self.course
        paths = self.paths(style)
        files: dict[str, bytes] = {CARTRIDGE_STYLESHEET: (self.theme / "package" / "cartridge.css").read_bytes(), **self._media()}
        files[ABOUT] = self._cartridge_page(ABOUT, self.strings["about_course"], self._about(style, ABOUT), style, ())
        for lesson in course.lessons:
            page = paths[lesson.key]
            files[page] = self._cartridge_page(page, lesson.title, self._lesson(lesson, style, page), style, course.assets_of(lesson))
        shared = tuple(sorted(path for path in files if path.startswith(("assets/", "media/"))))
        return PageSet(files, paths, ABOUT, shared)

    def _cartridge_page(self, page: str, title: str, content: str, style: PageStyle, media: tuple[Asset, ...]) -> bytes:
        rendered = self.env.get_template("package/cartridge.html").render(
            course=self.course,
            t=self.strings,
            page_title=title,
            stylesheet=self.file_url(CARTRIDGE_STYLESHEET, page, style),
            content=content,
            media=media,
        )
        return rendered.encode("utf-8")


@functools.lru_cache(maxsize=4096)
def _relative(path: str, start: str) -> str:
    # the same few folders over and over: relpath is the package writer's most repeated call
    return posixpath.relpath(path, start or ".")

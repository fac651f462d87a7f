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
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .. import ui_strings
from ..course.model import Asset, Course, Lesson, Reference, ReferenceKind
from ..credits import credited_figures
from ..media_markup import media_markup
from ..question_markup import fill_slots, graded_keys, question_markup
from ..relink import relink_html
from .identifiers import lesson_resource, page_item, page_resource
from .search_index import GLOBAL as SEARCH_GLOBAL
from .search_index import NOTICES as SEARCH_NOTICES
from .search_index import SCRIPT as SEARCH_SCRIPT
from .search_index import scripts as search_scripts
from .search_index import search_files

RUNTIME_SOURCE = Path(__file__).resolve().parent.parent / "runtime" / "scorm-runtime.js"
STYLESHEET = "assets/package.css"
CARTRIDGE_STYLESHEET = "assets/cartridge.css"
RUNTIME = "assets/scorm-runtime.js"
# our scripts' licence (the repository's LICENSE; tests/test_package_search.py holds the copy to it), beside them
OWN_LICENCE = "assets/license-scorm-export.txt"
OWN_LICENCE_SOURCE = RUNTIME_SOURCE.with_name("LICENSE")
QUESTIONS = "assets/questions.js"
QUESTIONS_SOURCE = RUNTIME_SOURCE.with_name("questions.js")
MEDIA_SCRIPT = "assets/media.js"  # only in a package with a video on another host: its consent button
MEDIA_SOURCE = RUNTIME_SOURCE.with_name("media.js")
SHELL = "index.html"
SEARCH_STRINGS = ("search_hits", "search_hit", "search_none", "search_failed")  # what the shell's search script says
LICENCE_FILE = "LICENSE.txt"  # at the package root: the course's licence and every part under other terms
# the course's own pages, beside its lessons; their keys have no '/', which every lesson key has
ABOUT_KEY = "about"  # "Om kursen": the course start page of every package
HISTORY_KEY = "history"  # "Versionshistorik": the course's CHANGELOG.md, when it has one
CREDITS_KEY = "credits"  # "Licenser och källor": every file with its TASL
# each course page's title in ui_strings, in the order menus and organizations list them
_COURSE_PAGE_TITLES = {ABOUT_KEY: "about_course", HISTORY_KEY: "version_history", CREDITS_KEY: "credits_page"}
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


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published (mkdocs.yml's site_url): a package that leaves its recordings out links there."""

    url: str
    directory_urls: bool = True

    def lesson(self, course: Course, lesson: Lesson) -> str:
        stem = f"{course.id}/{lesson.module_slug}/{lesson.slug}"
        return f"{self.url.rstrip('/')}/{stem}/" if self.directory_urls else f"{self.url.rstrip('/')}/{stem}.html"


SCORM_SINGLE = PageStyle()
QTI_STYLE = PageStyle(LessonLinks.REFERENCE, cartridge=True)  # how a quiz names a lesson it refers to
SCORM_PER_LESSON = PageStyle(LessonLinks.CHOICE)


def course_pages(course: Course) -> tuple[str, ...]:
    """The keys of the course's own pages in a package: "Om kursen", "Versionshistorik" if it has one, the credits."""
    return tuple(key for key in _COURSE_PAGE_TITLES if key != HISTORY_KEY or course.changelog)


def page_title(course: Course, key: str) -> str:
    """The title of a lesson or of one of the course's own pages, as menus and organizations show it."""
    if key in _COURSE_PAGE_TITLES:
        return ui_strings.strings(course.language)[_COURSE_PAGE_TITLES[key]]
    return course.lesson(key).title


def lesson_path(lesson: Lesson) -> str:
    return f"lessons/{lesson.module_slug}/{lesson.slug}.html"


def media_path(asset_path: str) -> str:
    return f"media/{asset_path}"


@dataclass(frozen=True)
class PageSet:
    """A package's files before its manifest: what a manifest needs to list them."""

    files: dict[str, bytes]
    lesson_paths: dict[str, str]  # lesson key -> archive path
    launch: str  # the single-SCO shell, or the start page
    shared: tuple[str, ...]  # stylesheet, runtime, media, the licence file: files the pages depend on
    course_pages: dict[str, str]  # about, credits -> archive path
    # files under another licence than the course's, which a manifest describes with their own rights
    licensed: dict[str, Asset]


class PackagePages:
    """Points a course's lesson bodies at the package's files once per style; `page_set` and `cartridge` wrap them."""

    def __init__(self, course: Course, env: Environment, theme: Path, site: SiteAddress | None = None) -> None:
        self.course = course
        # the build refuses a course that links its recordings to a site without an address (package_size.py)
        self.site = site if course.link_media else None
        self.recordings = {media.path for lesson in course.lessons for media in lesson.media if media.path}
        self.external_media = any(media.external for lesson in course.lessons for media in lesson.media)
        self.env = env
        self.theme = theme
        self.strings = ui_strings.strings(course.language)
        credit: Any = env.get_template("credit.html").module  # the one way a file is credited, in every output
        # each file's credit is the same on every page that shows it: made once per course
        self.credits = {asset.path: str(credit.short(asset, self.strings)) for asset in course.assets}
        self._bodies: dict[tuple[LessonLinks, bool, bool], dict[str, str]] = {}
        self._paths: dict[bool, dict[str, str]] = {}
        self._all: dict[bool, dict[str, str]] = {}

    def paths(self, style: PageStyle) -> dict[str, str]:
        """Lesson key -> page path. `$WIKI_REFERENCE$` names a page by its file name alone, which must then be unique,
        and Canvas's cartridge viewer finds it only if that name is the page's resource identifier."""
        wiki = style.lesson_links is LessonLinks.WIKI
        if wiki not in self._paths:  # asked for once per link: made once per course
            self._paths[wiki] = {
                lesson.key: f"lessons/{lesson_resource(self.course.id, lesson.key)}.html" if wiki else lesson_path(lesson)
                for lesson in self.course.lessons
            }
        return self._paths[wiki]

    def course_page_paths(self, style: PageStyle) -> dict[str, str]:
        if style.lesson_links is LessonLinks.WIKI:
            return {key: f"{page_resource(self.course.id, key)}.html" for key in course_pages(self.course)}
        return {key: f"{key}.html" for key in course_pages(self.course)}

    def _all_paths(self, style: PageStyle) -> dict[str, str]:
        wiki = style.lesson_links is LessonLinks.WIKI
        if wiki not in self._all:
            self._all[wiki] = {**self.paths(style), **self.course_page_paths(style)}
        return self._all[wiki]

    def file_url(self, path: str, page: str, style: PageStyle) -> str:
        """A package file (stylesheet, image) as a page at `page` refers to it."""
        return f"{FILE_BASE}/{path}" if style.file_base else _relative(path, posixpath.dirname(page))

    def lesson_link(self, key: str, text: str, page: str, style: PageStyle, named: bool = True, attributes: str = "") -> str:
        """HTML for a link from `page` to a lesson or a course page; `text` is HTML, `attributes` the link's others.

        `named` adds where to find the page when this page cannot link to it. An LMS's own link to a page opens the
        page at its top (cc2olx's unit jump, a SCORM choice request), so only a relative link keeps a #fragment.
        """
        paths = self._all_paths(style)
        if style.lesson_links is LessonLinks.RELATIVE:
            return f'<a{attributes} href="{html.escape(_relative(paths[key], posixpath.dirname(page)))}">{text}</a>'
        if style.lesson_links is LessonLinks.WIKI:
            name = posixpath.splitext(posixpath.basename(paths[key]))[0]
            return f'<a{attributes} href="{WIKI_REFERENCE}/pages/{html.escape(name)}">{text}</a>'
        where = ""
        if named:
            title = html.escape(page_title(self.course, key))
            reference = self.strings["page_reference" if key in _COURSE_PAGE_TITLES else "lesson_reference"].format(title=title)
            where = f'<span class="lesson-ref__where"> ({reference})</span>'
        target = f' data-sco-target="{page_item(self.course.id, key)}"' if style.lesson_links is LessonLinks.CHOICE else ""
        return f'<span class="lesson-ref"{target}><span class="lesson-ref__text">{text}</span>{where}</span>'

    def bodies(self, style: PageStyle) -> dict[str, str]:
        """Each lesson's sanitized body with its links and images pointing where this style's pages find them."""
        # a cartridge's page differs where a script would run (a video elsewhere) or a test stands (a QTI quiz instead)
        cache_key = (style.lesson_links, style.file_base, style.cartridge)
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

        captions = {self.file_url(media_path(asset.path), page, style): self.credits[asset.path] for asset in self.course.assets_of(lesson)}
        questions = question_markup(self.course, lesson, functools.partial(relink_html, lesson, target), self.env, self.strings)
        if lesson.media:
            questions.update(
                media_markup(
                    lesson,
                    lambda path: self.file_url(media_path(path), page, style),
                    self.env,
                    self.strings,
                    self.credits,
                    elsewhere=self.site.lesson(self.course, lesson) if self.site else None,
                    script=not style.cartridge,
                    poster=not style.cartridge or style.lesson_links is LessonLinks.RELATIVE,
                )
            )
        if style.cartridge and lesson.is_test:
            # a cartridge carries a test as an LMS quiz (qti.py); its page only says where the questions went
            note = html.escape(self.strings["test_elsewhere"].format(title=self.strings["test_item"].format(title=lesson.title)))
            questions = {key: (f'<p class="question-moved">{note}</p>' if index == 0 else "") for index, key in enumerate(questions)}
        body = credited_figures(fill_slots(relink_html(lesson, target, lesson.safe_html), questions), captions)
        if style.lesson_links is LessonLinks.RELATIVE:
            return body
        linked = _LESSON_LINK.sub(
            lambda match: self.lesson_link(match["key"], match["text"], page, style, attributes=match["before"] + match["after"]), body
        )
        if _LESSON in linked:  # the sanitizer writes every link alike, so this would be our bug, never the author's
            raise RuntimeError(f"{lesson.source}: a link to a lesson was left unconverted")
        return linked

    def qti_html(self, lesson: Lesson, web_folder: str = "web_resources") -> Callable[[str], str]:
        """How a question fragment refers to files and lessons inside a QTI file one folder below the cartridge's root:
        images through `$IMS-CC-FILEBASE$/..` (Moodle resolves it from the QTI file's folder, Canvas drops it and the
        `../`), lessons named, since a quiz cannot link to a page. `web_folder` is where the course's pages and
        media are in the cartridge: web_resources/, or in a programme's cartridge the course's folder under it."""

        def target(reference: Reference) -> str:
            if reference.kind is ReferenceKind.LESSON:
                return _LESSON + reference.target
            return f"{FILE_BASE}/../{web_folder}/{media_path(reference.target)}"

        def relink(fragment: str) -> str:
            linked = relink_html(lesson, target, fragment)
            return _LESSON_LINK.sub(lambda match: self.lesson_link(match["key"], match["text"], "", QTI_STYLE), linked)

        return relink

    def _content(self, template: str, style: PageStyle, page: str, **context: object) -> str:
        return self.env.get_template(template).render(
            course=self.course,
            t=self.strings,
            heading=style.heading,
            credits_link=self.lesson_link(CREDITS_KEY, html.escape(self.strings["credits_link"]), page, style, named=False),
            media_site=self.site.url if self.site else "",
            **context,
        )

    def _about(self, style: PageStyle, page: str) -> str:
        contents = {
            lesson.key: self.lesson_link(lesson.key, html.escape(lesson.title), page, style, named=False)
            if style.lesson_links is not LessonLinks.REFERENCE
            else html.escape(lesson.title)
            for lesson in self.course.lessons
        }
        history = self.course.changelog and self.lesson_link(
            HISTORY_KEY, html.escape(self.strings["version_history"]), page, style, named=False
        )
        return self._content("package/_about.html", style, page, contents=contents, history_link=history or "")

    def _credits(self, style: PageStyle, page: str) -> str:
        return self._content("package/_credits.html", style, page)

    def _history(self, style: PageStyle, page: str) -> str:
        return self._content("package/_history.html", style, page)

    def _media(self) -> dict[str, bytes]:
        """The course's files; recordings stay out when the package links to the site's copies."""
        left_out = self.recordings if self.site else set()
        return {media_path(asset.path): asset.data for asset in self.course.assets if asset.path not in left_out}

    def _licensed(self) -> dict[str, Asset]:
        left_out = self.recordings if self.site else set()
        return {media_path(asset.path): asset for asset in self.course.other_licences if asset.path not in left_out}

    def licence_text(self, scripts: tuple[str, ...] = (), search: bool = False) -> bytes:
        """LICENSE.txt: the course's licence with its legal code, every part under other terms, and the software
        in the package: our own `scripts`, and the search's libraries when it has them."""
        software = [(", ".join(scripts), "scorm-export", f"MIT, {OWN_LICENCE}")] if scripts else []
        software += list(SEARCH_NOTICES) if search else []
        text = self.env.get_template("package/LICENSE.txt").render(
            course=self.course, t=self.strings, media_path=media_path, software=software
        )
        return text.encode("utf-8")

    @functools.cached_property
    def search(self) -> dict[str, bytes]:
        """The single-SCO shell's search (search_index.py): made once per course, for both SCORM versions."""
        return search_files(self.course, self.paths(SCORM_SINGLE), self.strings["module"])

    def _footer_link(self, style: PageStyle, page: str) -> str:
        return self.lesson_link(CREDITS_KEY, html.escape(self.strings["credits_link"]), page, style)

    def page_set(self, standard: str, sco_per_lesson: bool = False) -> PageSet:
        """A SCORM package's pages: standard is 'scorm12' or 'scorm2004'."""
        course = self.course
        style = SCORM_PER_LESSON if sco_per_lesson else SCORM_SINGLE
        lessons = course.lessons
        paths = self.paths(style)
        pages = self.course_page_paths(style)
        files: dict[str, bytes] = {
            STYLESHEET: (self.theme / "package" / "package.css").read_bytes(),
            RUNTIME: RUNTIME_SOURCE.read_bytes(),
            QUESTIONS: QUESTIONS_SOURCE.read_bytes(),
            **self._media(),
        }
        if self.external_media:
            files[MEDIA_SCRIPT] = MEDIA_SOURCE.read_bytes()
        shell = not sco_per_lesson
        search = shell and bool(self.search)
        ours = (RUNTIME, QUESTIONS, *((MEDIA_SCRIPT,) if self.external_media else ()), *((SEARCH_SCRIPT,) if search else ()))
        files[LICENCE_FILE] = self.licence_text(ours, search)
        files[OWN_LICENCE] = OWN_LICENCE_SOURCE.read_bytes()
        # inside the shell a page says which lesson it shows; alone, each page is its own SCO
        mode = "lesson" if shell else "sco"
        base: dict[str, object] = {"course": course.id, "version": course.version, "standard": standard, "mode": mode}
        if course.assessment:
            base.update(attempts=course.assessment.attempts, passing=course.assessment.passing_score)
        first = lessons[0]
        about, credits = pages[ABOUT_KEY], pages[CREDITS_KEY]
        files[about] = self._scorm_page(
            about,
            f"{page_title(course, ABOUT_KEY)} – {course.title}",
            self._about(style, about),
            {**base, "lesson": ABOUT_KEY},
            style,
            pager=shell,
            next_page=(paths[first.key], first.title),
        )
        files[credits] = self._scorm_page(
            credits,
            f"{page_title(course, CREDITS_KEY)} – {course.title}",
            self._credits(style, credits),
            {**base, "lesson": CREDITS_KEY},
            style,
            pager=False,
        )
        if HISTORY_KEY in pages:
            files[pages[HISTORY_KEY]] = self._scorm_page(
                pages[HISTORY_KEY],
                f"{page_title(course, HISTORY_KEY)} – {course.title}",
                self._history(style, pages[HISTORY_KEY]),
                {**base, "lesson": HISTORY_KEY},
                style,
                pager=False,
            )
        for position, lesson in enumerate(lessons):
            page = paths[lesson.key]
            previous = lessons[position - 1] if position else None
            following = lessons[position + 1] if position + 1 < len(lessons) else None
            module_index, module = next((i, m) for i, m in enumerate(course.modules, 1) if m.slug == lesson.module_slug)
            files[page] = self._scorm_page(
                page,
                f"{lesson.title} – {course.title}",
                None,  # the lesson's own content is included by the page's template, in one rendering
                {**base, "lesson": lesson.key, **({} if shell else {"graded": graded_keys(course, [lesson])})},
                style,
                lesson=lesson,
                media=course.assets_of(lesson),
                pager=shell,
                previous_page=(paths[previous.key], previous.title) if previous else (about, self.strings["about_course"]),
                next_page=(paths[following.key], following.title) if following else None,
                index=position + 1,
                total=len(lessons),
                module=module,
                module_index=module_index,
                body=self.bodies(style)[lesson.key],
                heading=style.heading,
            )
        if shell:
            # the search: in every shell (BENCHMARKS.md measures a package without it by leaving `self.search` empty)
            said = ("progress_text", "complete", "seen", *(SEARCH_STRINGS if self.search else ()))
            config = {
                **base,
                "mode": "shell",
                "lessons": [{"key": lesson.key, "href": paths[lesson.key], "title": lesson.title} for lesson in lessons],
                "graded": graded_keys(course, lessons),
                "strings": {key: self.strings[key] for key in said},
                **({"search": {"scripts": search_scripts(course), "global": SEARCH_GLOBAL}} if self.search else {}),
            }
            files.update(self.search)
            files[SHELL] = (
                self.env.get_template("package/shell.html")
                .render(
                    course=course,
                    lessons=lessons,
                    lesson_paths=paths,
                    about=about,
                    credits=credits,
                    history=pages.get(HISTORY_KEY, ""),
                    t=self.strings,
                    config=config,
                    page_title=course.title,
                    root="",
                    media=(),
                    credits_link="",
                    credit_html=self.credits,
                )
                .encode("utf-8")
            )
        return self._page_set(files, paths, SHELL if shell else about, pages)

    def _page_set(self, files: dict[str, bytes], paths: dict[str, str], launch: str, pages: dict[str, str]) -> PageSet:
        shared = tuple(sorted(path for path in files if path.startswith(("assets/", "media/")) or path == LICENCE_FILE))
        return PageSet(files, paths, launch, shared, pages, self._licensed())

    def _scorm_page(
        self,
        page: str,
        title: str,
        content: str | None,
        config: dict[str, object],
        style: PageStyle,
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
            credits_link=self._footer_link(style, page),
            credit_html=self.credits,
            media_script=self.external_media,
            **context,
        )
        return rendered.encode("utf-8")

    def cartridge(self, style: PageStyle) -> PageSet:
        """A Common Cartridge's pages: content and licence, referring to each other and their files as `style` says."""
        course = self.course
        paths = self.paths(style)
        pages = self.course_page_paths(style)
        files: dict[str, bytes] = {
            CARTRIDGE_STYLESHEET: (self.theme / "package" / "cartridge.css").read_bytes(),
            LICENCE_FILE: self.licence_text(),
            **self._media(),
        }
        about, credits = pages[ABOUT_KEY], pages[CREDITS_KEY]
        files[about] = self._cartridge_page(about, page_title(course, ABOUT_KEY), self._about(style, about), style, ())
        files[credits] = self._cartridge_page(credits, page_title(course, CREDITS_KEY), self._credits(style, credits), style, ())
        if HISTORY_KEY in pages:
            history = pages[HISTORY_KEY]
            files[history] = self._cartridge_page(history, page_title(course, HISTORY_KEY), self._history(style, history), style, ())
        for lesson in course.lessons:
            page = paths[lesson.key]
            files[page] = self._cartridge_page(
                page, lesson.title, None, style, course.assets_of(lesson), lesson=lesson, body=self.bodies(style)[lesson.key]
            )
        return self._page_set(files, paths, about, pages)

    def _cartridge_page(
        self, page: str, title: str, content: str | None, style: PageStyle, media: tuple[Asset, ...], **lesson: object
    ) -> bytes:
        """`content` is a course page's HTML; a lesson's (`lesson`, `body`) is included by the template itself."""
        rendered = self.env.get_template("package/cartridge.html").render(
            course=self.course,
            t=self.strings,
            page_title=title,
            stylesheet=self.file_url(CARTRIDGE_STYLESHEET, page, style),
            content=content,
            media=media,
            credits_link=self._footer_link(style, page),
            credit_html=self.credits,
            heading=style.heading,
            **lesson,
        )
        return rendered.encode("utf-8")


@functools.lru_cache(maxsize=4096)
def _relative(path: str, start: str) -> str:
    # the same few folders over and over: relpath is the package writer's most repeated call
    return posixpath.relpath(path, start or ".")

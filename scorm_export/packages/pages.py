"""The pages of a course package: lesson pages, the single-SCO shell, stylesheet, runtime and media.

Every package format reads these; only the manifest differs. Lesson bodies were rendered once, by
the loader; here their links point at the package's files, once per course for every format.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from .. import ui_strings
from ..course.model import Course, Lesson, Reference, ReferenceKind
from ..relink import Target, relink_html

RUNTIME_SOURCE = Path(__file__).resolve().parent.parent / "runtime" / "scorm-runtime.js"
STYLESHEET = "assets/package.css"
RUNTIME = "assets/scorm-runtime.js"
SHELL = "index.html"


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


class PackagePages:
    """Renders a course's lesson bodies once; `page_set` wraps them for one package flavour."""

    def __init__(self, course: Course, env: Environment, theme: Path) -> None:
        self.course = course
        self.env = env
        self.theme = theme
        self.bodies = {lesson.key: relink_html(lesson, self._target(lesson), lesson.safe_html) for lesson in course.lessons}

    def _target(self, lesson: Lesson) -> Target:
        here = posixpath.dirname(lesson_path(lesson))

        def target(reference: Reference) -> str:
            if reference.kind is ReferenceKind.LESSON:
                return _relative(lesson_path(self.course.lesson(reference.target)), here)
            return _relative(media_path(reference.target), here)

        return target

    def page_set(self, standard: str | None, sco_per_lesson: bool = False) -> PageSet:
        """standard: 'scorm12', 'scorm2004' or None (a plain cartridge without runtime)."""
        course = self.course
        strings = ui_strings.strings(course.language)
        lessons = course.lessons
        paths = {lesson.key: lesson_path(lesson) for lesson in lessons}
        files: dict[str, bytes] = {STYLESHEET: (self.theme / "package" / "package.css").read_bytes()}
        if standard:
            files[RUNTIME] = RUNTIME_SOURCE.read_bytes()
        for asset in course.assets:
            files[media_path(asset.path)] = asset.data
        shell = standard is not None and not sco_per_lesson
        template = self.env.get_template("package/lesson.html")
        for position, lesson in enumerate(lessons):
            module_index, module = next((i, m) for i, m in enumerate(course.modules, 1) if m.slug == lesson.module_slug)
            here = posixpath.dirname(paths[lesson.key])
            media = course.assets_of(lesson)
            neighbours = {
                name: {"href": _relative(paths[other.key], here), "title": other.title}
                for name, other in (
                    ("previous", lessons[position - 1] if position else None),
                    ("next", lessons[position + 1] if position + 1 < len(lessons) else None),
                )
                if other is not None
            }
            config: dict[str, object] = {
                "course": course.id,
                "version": course.version,
                "standard": standard or "none",
                "mode": "lesson" if shell else "sco",
                "lesson": lesson.key,
            }
            html = template.render(
                course=course,
                module=module,
                module_index=module_index,
                lesson=lesson,
                index=position + 1,
                total=len(lessons),
                body=self.bodies[lesson.key],
                t=strings,
                root=posixpath.relpath(".", here) + "/",
                pager=shell,
                previous=neighbours.get("previous"),
                next=neighbours.get("next"),
                media=media,
                runtime=standard is not None,
                config=config,
            )
            files[paths[lesson.key]] = html.encode("utf-8")
        if shell:
            config = {
                "course": course.id,
                "version": course.version,
                "standard": standard,
                "mode": "shell",
                "lessons": [{"key": lesson.key, "href": paths[lesson.key], "title": lesson.title} for lesson in lessons],
                "strings": {key: strings[key] for key in ("progress_text", "complete", "seen")},
            }
            html = self.env.get_template("package/shell.html").render(
                course=course,
                lessons=lessons,
                lesson_paths=paths,
                t=strings,
                config=config,
            )
            files[SHELL] = html.encode("utf-8")
        shared = tuple(sorted(path for path in files if path.startswith(("assets/", "media/"))))
        return PageSet(files, paths, SHELL if shell else paths[lessons[0].key], shared)


@functools.lru_cache(maxsize=4096)
def _relative(path: str, start: str) -> str:
    # the same few folders over and over: relpath is the package writer's most repeated call
    return posixpath.relpath(path, start)

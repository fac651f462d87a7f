"""`python build.py new`: a course, a module or a lesson to start from, numbered after what is there.

The files come from theme/new/ (commented, in Swedish) and pass `check` as they are, so that an author
starts from something that builds and changes it step by step.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .course.slugs import ordered_slug, slugify, split_order
from .project import Project

DEFAULT_MODULE = "Introduktion"
DEFAULT_LESSON = "Välkommen"
FIRST_LESSON = "Första lektionen"


class ScaffoldError(Exception):
    """Why nothing was created (Swedish, for the author)."""


def new_course(project: Project, title: str) -> list[Path]:
    """A course folder named after `title` with its course.yml, one module and one lesson; returns the files made."""
    course_id = slugify(title)
    if not course_id:
        raise ScaffoldError(f"titeln '{title}' ger inget id; skriv den med bokstäver")
    folder = project.content / course_id
    if folder.exists():
        raise ScaffoldError(f"mappen content/{course_id}/ finns redan; välj en annan titel eller lägg till en modul i den")
    made = [_write(folder / "course.yml", "course.yml.j2", project, id=course_id, title=title)]
    return made + new_module(project, course_id, DEFAULT_MODULE, DEFAULT_LESSON)


def new_module(project: Project, course: str, title: str, first_lesson: str = FIRST_LESSON) -> list[Path]:
    """The next module of a course (`course`: its folder name or id), with module.yml and one lesson."""
    folder = _course_folder(project, course)
    modules = [entry for entry in folder.iterdir() if entry.is_dir() and not entry.name.startswith(".")]
    module = folder / f"{_next_number(modules):02d}-{slugify(title) or 'modul'}"
    return [_write(module / "module.yml", "module.yml.j2", project, title=title), _new_lesson_in(project, module, first_lesson)]


def new_lesson(project: Project, course: str, title: str, module: str | None = None) -> list[Path]:
    """The next lesson of a module (its folder name or slug; default: the course's last module)."""
    folder = _course_folder(project, course)
    modules = sorted((entry for entry in folder.iterdir() if (entry / "module.yml").is_file()), key=lambda p: ordered_slug(p.name)[0])
    if module is not None:
        modules = [entry for entry in modules if module in (entry.name, ordered_slug(entry.name)[1])]
    if not modules:
        raise ScaffoldError(f"kursen {course} har ingen modul {module or ''}".rstrip() + "; skapa en med python build.py new module")
    return [_new_lesson_in(project, modules[-1], title)]


def _new_lesson_in(project: Project, module: Path, title: str) -> Path:
    lessons = [entry for entry in module.iterdir() if entry.suffix == ".md" or (entry / "index.md").is_file()]
    path = module / f"{_next_number(lessons):02d}-{slugify(title) or 'lektion'}.md"
    return _write(path, "lesson.md.j2", project, title=title)


def _course_folder(project: Project, course: str) -> Path:
    direct = project.content / course
    if (direct / "course.yml").is_file():
        return direct
    for folder in sorted(project.content.iterdir()):
        if (folder / "course.yml").is_file() and f"id: {course}\n" in (folder / "course.yml").read_text(encoding="utf-8"):
            return folder
    raise ScaffoldError(f"hittar ingen kurs '{course}' i content/; ange kursens mapp eller id")


def _next_number(entries: list[Path]) -> int:
    numbers = [split_order(entry.stem if entry.is_file() else entry.name)[0] for entry in entries]
    return max((number for number in numbers if number is not None), default=0) + 1


def _write(path: Path, template: str, project: Project, **values: str) -> Path:
    env = Environment(loader=FileSystemLoader(str(project.theme / "new")), undefined=StrictUndefined, keep_trailing_newline=True)
    # a YAML string as the author would write it: double quotes, å, ä and ö as they are
    env.filters["tojson"] = lambda value: json.dumps(value, ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # never overwrite an author's file
        file.write(env.get_template(template).render(**values))
    return path

"""Loads `content/` into the course model, collecting every problem on the way."""

from __future__ import annotations

import hashlib
import math
import mimetypes
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from ..markdown_render import MarkdownRenderer, Rendered
from ..problems import Problems
from ..project import Project
from ..published import published_courses
from ..second_process import InBackground
from . import digcomp, programmes
from . import media as recordings
from .changelog import CHANGELOG_FILE, load_changelog
from .compatibility import conflict
from .fields import ID, LANGUAGE_CODE, FieldReader
from .foreign_syntax import FOREIGN_FIELDS, foreign_syntax
from .html_policy import checked
from .licences import load_licences
from .model import (
    Assessment,
    Asset,
    Catalogue,
    Choice,
    Course,
    Credit,
    DigComp,
    Lesson,
    Level,
    Licence,
    Media,
    Module,
    Person,
    Question,
    QuestionKind,
    Reference,
    ReferenceKind,
    ScoMode,
    WebLink,
)
from .questions import QuestionSource
from .questions import extract as extract_questions
from .references import CourseFiles, LessonTarget, line_finder, resolve
from .slugs import ordered_slug
from .sources import YamlMap, parse_yaml, read_text, split_front_matter, unsafe_character_message, unsafe_name_character
from .svg_safety import svg_problems

COURSE_FILE = "course.yml"
MODULE_FILE = "module.yml"
LESSON_INDEX = "index.md"  # the lesson of a lesson folder
# an asset's TASL sits beside it: bilder/karta.jpg has bilder/karta.jpg.yml
CREDIT_SUFFIX = ".yml"
CREDIT_FIELDS = ["title", "creators", "source", "licence", "changes", "separate_work"]
MEDIA_CREDIT_FIELDS = [*CREDIT_FIELDS, "speech"]  # a recording's TASL also says whether it has speech
COURSE_FIELDS = [
    "assessment",
    "id",
    "title",
    "summary",
    "language",
    "version",
    "licence",
    "authors",
    "publisher",
    "audience",
    "level",
    "duration",
    "digcomp",
    "keywords",
    "objectives",
    "further_reading",
    "packaging",
]
MODULE_FIELDS = ["title", "summary", "test"]
LESSON_FIELDS = ["title", "duration", "objectives", "test"]
ASSESSMENT_FIELDS = ["passing_score", "attempts"]
PACKAGING_FIELDS = ["sco", "media"]
MEDIA_IN_PACKAGES = ["include", "link"]
READING_WORDS_PER_MINUTE = 180  # a careful reading of instructional text, for a lesson that gives no duration
DEFAULT_PASSING_SCORE = 80  # percent, when a course has tests but does not say

mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("image/webp", ".webp")
for _suffix, _type in recordings.PUBLISHED_TYPES.items():
    mimetypes.add_type(_type.partition(";")[0], _suffix)


@dataclass(frozen=True)
class LoadResult:
    catalogue: Catalogue
    problems: Problems


def load_project(
    project: Project,
    renderer: MarkdownRenderer,
    reuse: dict[str, Course] | None = None,
    in_parallel: bool = False,
    media_hosts: tuple[str, ...] = (),
) -> LoadResult:
    """Every course in content/; `reuse` (course folder name -> course) skips folders known to be unchanged.

    `media_hosts` are the video services a lesson may show a video from (mkdocs.yml's extra.media.hosts).

    `in_parallel` loads every other course in a forked second process (see second_process.py); the result is the same.
    """
    reuse = reuse or {}
    problems = Problems(project.root)
    licences = load_licences(project.licences, problems)
    courses: list[Course] = []
    if not project.content.is_dir():
        problems.error(project.content, 1, "mappen content/ saknas: lägg kurserna i content/<kurs>/course.yml (content/ folder missing)")
        return LoadResult(Catalogue((), tuple(licences.values())), problems)
    content_root = Path(os.path.realpath(project.content))
    _report_unsafe_entries(project.content, content_root, problems)
    folders: list[Path] = []
    for folder in sorted(project.content.iterdir(), key=lambda p: ordered_slug(p.name)[0]):
        if folder.name.startswith(".") or not folder.is_dir() or not _inside(folder, content_root):
            continue
        if folder.name == programmes.FOLDER and not (folder / COURSE_FILE).is_file():
            continue  # the programmes, read once the courses are
        if not (folder / COURSE_FILE).is_file():
            problems.error(folder, 1, f"mappen {folder.name}/ i content/ saknar {COURSE_FILE} (every course folder needs a course.yml)")
            continue
        folders.append(folder)

    def load_some(chosen: list[Path]) -> tuple[list[Course | None], Problems]:
        found = Problems(project.root)
        return [reuse.get(f.name) or _CourseLoader(f, content_root, licences, renderer, found, media_hosts).load() for f in chosen], found

    # every other course is loaded in a second process: Markdown rendering is most of the check
    to_load = [folder for folder in folders if folder.name not in reuse]
    second = {folder.name for folder in to_load[1::2]} if in_parallel and len(to_load) > 1 else set()
    job = InBackground(lambda: load_some([f for f in folders if f.name in second])) if second else None
    try:
        here, here_problems = load_some([f for f in folders if f.name not in second])
        there, there_problems = cast(tuple[list[Course | None], Problems], job.result()) if job else ([], Problems(project.root))
    finally:
        if job:
            job.cancel()
    loaded_here, loaded_there = iter(here), iter(there)
    for folder in folders:
        course = next(loaded_there) if folder.name in second else next(loaded_here)
        if course is not None:
            courses.append(course)
    problems.extend(here_problems)
    problems.extend(there_problems)
    _report_duplicate_ids(courses, project, problems)
    if not courses and not problems.has_errors:
        problems.error(project.content, 1, f"ingen kurs hittades i content/: skapa content/<kurs>/{COURSE_FILE} (no course found)")
    found = programmes.load_programmes(project.content / programmes.FOLDER, tuple(courses), licences, problems)
    return LoadResult(Catalogue(tuple(courses), tuple(licences.values()), found), problems)


def course_folder(course: Course) -> str:
    """The name of the folder in content/ a course was loaded from."""
    return course.source.split("/")[-2]


def _inside(path: Path, content_root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(content_root)


def _report_unsafe_entries(content: Path, content_root: Path, problems: Problems) -> None:
    """Symbolic links out of content/, and names no output can carry (a newline would even drop the order prefix)."""
    for folder, dirs, files in os.walk(content):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink() and not _inside(path, content_root):
                problems.error(
                    path, 1, "symbolisk länk pekar utanför content/; kopiera filen in i kursen i stället (symlink out of content/)"
                )
            found = unsafe_name_character(name)
            if found is not None:
                kind = "mappnamnet" if path.is_dir() else "filnamnet"
                problems.error(
                    path,
                    1,
                    f"{kind} innehåller ett {unsafe_character_message(found[1])}; byt namn på det (control character in a file name)",
                )


def _report_duplicate_ids(courses: list[Course], project: Project, problems: Problems) -> None:
    """Each course that shares its id with another is an error, except the one that was there first: the one the
    published site has under that id (same content), else the one whose folder is named after it, else the first.
    Copying a course folder to start a new one is how this happens, and the copy is what needs a new id."""
    published = published_courses(project.site)
    by_id: dict[str, list[Course]] = {}
    for course in courses:
        by_id.setdefault(course.id, []).append(course)
    for course_id, same in by_id.items():
        if len(same) < 2:
            continue
        there = (
            next((c for c in same if published.get(course_id, ("", ""))[1] == c.content_hash), None)
            or next((c for c in same if ordered_slug(course_folder(c))[1] == course_id), None)
            or same[0]
        )
        taken = {c.id for c in courses}
        for course in same:
            if course is there:
                continue
            slug = ordered_slug(course_folder(course))[1]
            suggestion = slug if ID.match(slug) and slug not in taken else f"{course_id}-{same.index(course) + 1}"
            path = project.root / course.source
            problems.error(
                path,
                _id_line(path),
                f"kurs-id '{course_id}' används redan av {there.source}; ge den här kursen ett eget id, t.ex. id: {suggestion} "
                f"(duplicate course id: this course needs one of its own)",
            )


def _id_line(course_file: Path) -> int:
    """The line of `id:` in a course.yml that has already been read once (1 if it cannot be found)."""
    try:
        lines = course_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if re.match(r"id\s*:", line)), 1)


@dataclass(frozen=True)
class _ModuleDraft:
    folder: Path
    slug: str
    title: str
    summary: str
    test: bool = False  # every lesson of it is a test (module.yml `test: true`)


@dataclass(frozen=True)
class _CourseHeader:
    """What course.yml says; the modules, assets and total time are added once the lessons are loaded."""

    course: Course  # without modules and assets yet
    duration: int | None  # as the author set it


@dataclass(frozen=True)
class _QuestionDraft:
    """A question as read, with every Markdown part rendered: (part, rendered, line) in reading order."""

    source: QuestionSource
    parts: list[tuple[str, Rendered, int]]

    def html(self, part: str) -> str:
        return next(rendered.html for name, rendered, _ in self.parts if name == part)


@dataclass
class _LessonDraft:
    path: Path
    module_slug: str
    slug: str
    fields: FieldReader | None
    body: str  # as written (for finding a URL's line)
    body_first_line: int
    rendered: Rendered | None  # None when the file could not be read
    questions: list[_QuestionDraft] = field(default_factory=list)
    slotted_body: str = ""  # the body with a slot where each question and recording was: what is rendered and published
    recordings: list[recordings.MediaSource] = field(default_factory=list)
    heading_title: str = ""  # the body's first line '# Title' when the front matter has no title: taken out, used as the title

    @property
    def ids(self) -> frozenset[str]:
        return self.rendered.ids if self.rendered else frozenset()


class _CourseLoader:
    def __init__(
        self,
        folder: Path,
        content_root: Path,
        licences: dict[str, Licence],
        renderer: MarkdownRenderer,
        problems: Problems,
        media_hosts: tuple[str, ...] = (),
    ) -> None:
        self.media_hosts = media_hosts
        self.folder = folder
        self.content_root = content_root
        self.licences = licences
        self.renderer = renderer
        self.problems = problems
        self.course_file = folder / COURSE_FILE

    def load(self) -> Course | None:
        text = read_text(self.course_file, self.problems)
        data = parse_yaml(text, self.course_file, self.problems) if text is not None else None
        if data is not None and not isinstance(data, YamlMap):
            self.problems.error(
                self.course_file, 1, f"{COURSE_FILE} ska bestå av fält på formen 'namn: värde' (expected 'name: value' fields)"
            )
            data = None
        fields = FieldReader(data if data is not None else YamlMap(), self.course_file, self.problems, COURSE_FILE)
        header = self._course_fields(fields) if data is not None else None
        modules, drafts = self._modules()
        files = CourseFiles(
            content_root=self.content_root,
            course_root=Path(os.path.realpath(self.folder)),
            lessons={Path(os.path.realpath(d.path)): LessonTarget(f"{d.module_slug}/{d.slug}", d.ids) for d in drafts},
            module_slugs={Path(os.path.realpath(module.folder)): module.slug for module in modules},
        )
        tests = {module.slug: module.test for module in modules}
        language = header.course.language if header else "sv"
        self.recordings = recordings.MediaReader(files, self.renderer, self.problems, self.media_hosts, language)
        lessons = [(draft.module_slug, self._lesson(draft, files, tests.get(draft.module_slug, False))) for draft in drafts]
        built = tuple(
            Module(
                module.slug,
                module.title,
                module.summary,
                tuple(lesson for slug, lesson in lessons if slug == module.slug and lesson is not None),
            )
            for module in modules
        )
        if not drafts:
            self.problems.error(
                self.course_file,
                1,
                "kursen har inga lektioner: lägg lektioner (.md) i modulmappar, t.ex. 01-intro/01-valkommen.md (course without lessons)",
            )
        if header is None:
            return None
        course = header.course
        if course.assessment is None and any(lesson.is_test for _, lesson in lessons if lesson is not None):
            course = replace(course, assessment=Assessment(DEFAULT_PASSING_SCORE, 0))
        assets = self._assets(files, course)
        duration = header.duration or sum(module.duration_minutes for module in built)
        changelog = load_changelog(self.folder, course.version, self.renderer, self.problems)
        return replace(
            course, duration_minutes=duration, modules=built, assets=assets, content_hash=_content_hash(self.folder), changelog=changelog
        )

    def _course_fields(self, fields: FieldReader) -> _CourseHeader | None:
        course_id = fields.text("id", required=True, example="oppna-licenser")
        if course_id and not ID.match(course_id):
            self.problems.error(
                self.course_file,
                fields.line("id"),
                f"id '{course_id}' får bara innehålla a–z, 0–9 och bindestreck (ASCII), t.ex. oppna-licenser (invalid course id)",
            )
        version = fields.version()
        language = fields.text("language", required=False, default="sv")
        if not LANGUAGE_CODE.match(language):
            self.problems.error(
                self.course_file,
                fields.line("language"),
                f"language '{language}' ska vara en språkkod, t.ex. sv eller en (expected a language code)",
            )
        licence_id = fields.text("licence", required=True, example="CC-BY-4.0")
        licence = self.licences.get(licence_id)
        if licence_id and licence is None:
            known = ", ".join(sorted(self.licences))
            self.problems.error(
                self.course_file,
                fields.line("licence"),
                f"okänd licens '{licence_id}'; använd en SPDX-id från licenses/: {known} (unknown licence)",
            )
        authors = self._people(fields, "authors")
        publisher = self._publisher(fields)
        level = fields.choice("level", [level.value for level in Level], required=True, default=Level.FOUNDATION.value)
        packaging = fields.mapping("packaging", required=False, example="packaging: {sco: per-lesson}")
        sco, package_media = ScoMode.SINGLE.value, "include"
        if packaging is not None:
            reader = FieldReader(packaging, self.course_file, self.problems, "packaging")
            sco = reader.choice("sco", [mode.value for mode in ScoMode], required=False, default=sco) or sco
            package_media = reader.choice("media", MEDIA_IN_PACKAGES, required=False, default=package_media) or package_media
            reader.report_unknown(PACKAGING_FIELDS)
        duration = fields.duration("duration", required=False)
        assessment = self._assessment(fields)
        # every field is read (and reported) before deciding whether a course can be made
        title = fields.text("title", required=True, example="Öppna licenser")
        summary = fields.text("summary", required=True, example="En mening om kursen.")
        audience = fields.text("audience", required=True, example="Medarbetare på museer")
        alignment = self._digcomp(fields)
        keywords = fields.text_list("keywords", example="[upphovsrätt, licenser]")
        objectives = fields.text_list("objectives", example="[Förklara ...]")
        further_reading = self._weblinks(fields)
        fields.report_unknown(COURSE_FIELDS)
        if licence is None:
            return None
        course = Course(
            id=course_id,
            title=title,
            summary=summary,
            language=language,
            version=version,
            licence=licence,
            authors=authors,
            publisher=publisher,
            audience=audience,
            level=Level(level),
            duration_minutes=0,
            digcomp=alignment,
            keywords=keywords,
            objectives=objectives,
            further_reading=further_reading,
            sco_mode=ScoMode(sco),
            modules=(),
            source=self.problems.display(self.course_file),
            assessment=assessment,
            link_media=package_media == "link",
        )
        return _CourseHeader(course, duration)

    def _assessment(self, fields: FieldReader) -> Assessment | None:
        data = fields.mapping("assessment", required=False, example="assessment: {passing_score: 80, attempts: 2}")
        if data is None:
            return None
        reader = FieldReader(data, self.course_file, self.problems, "assessment")
        passing_score = reader.number("passing_score", default=DEFAULT_PASSING_SCORE, low=0, high=100)
        attempts = reader.number("attempts", default=0, low=0)
        reader.report_unknown(ASSESSMENT_FIELDS)
        return Assessment(passing_score, attempts)

    def _people(self, fields: FieldReader, key: str, path: Path | None = None, required: bool = True) -> tuple[Person, ...]:
        path = path or self.course_file
        items = fields.items(key)
        if not items:
            # an empty list ('authors: []') names nobody either; a wrong type was reported by items()
            if required and (not fields.has(key) or fields.raw(key) == []):
                self.problems.error(
                    path,
                    fields.line(key),
                    f"obligatoriskt fält '{key}' saknas i {path.name}, t.ex. {key}: [{{name: Namn Namnsson}}] (required field missing)",
                )
            return ()
        people = [self._person(item, line, "varje upphovsperson", "- name: Namn Namnsson", path, key) for item, line in items]
        return tuple(person for person in people if person is not None)

    def _person(self, item: object, line: int, who: str, example: str, path: Path | None = None, key: str = "authors") -> Person | None:
        path = path or self.course_file
        if isinstance(item, str) and item.strip():
            return Person(item.strip())
        if isinstance(item, YamlMap):
            person = FieldReader(item, path, self.problems, key)
            name = person.text("name", required=True, example="Namn Namnsson")
            url = person.url("url", required=False, mailto=True)
            person.report_unknown(["name", "url"])
            return Person(name, url) if name else None
        self.problems.error(path, line, f"{who} ska ha ett namn, t.ex. {example} (expected a name)")
        return None

    def _publisher(self, fields: FieldReader) -> Person:
        value = fields.raw("publisher")
        if value is None:
            self.problems.error(
                self.course_file,
                fields.line("publisher"),
                f"obligatoriskt fält 'publisher' saknas i {COURSE_FILE}, t.ex. publisher: {{name: Museet, url: https://...}} (required field missing)",
            )
            return Person("")
        return self._person(value, fields.line("publisher"), "utgivaren", "publisher: {name: Museet}") or Person("")

    def _digcomp(self, fields: FieldReader) -> DigComp | None:
        data = fields.mapping("digcomp", required=False, example='digcomp: {version: "2.2", competences: ["3.3"]}')
        if data is None:
            return None
        reader = FieldReader(data, self.course_file, self.problems, "digcomp")
        version = reader.choice("version", digcomp.VERSIONS, required=True, default="2.2") or "2.2"
        competences = reader.text_list("competences", required=True, example='["2.2", "3.3"]')
        for competence in competences:
            if not digcomp.is_competence(competence, version):
                self.problems.error(
                    self.course_file,
                    reader.line("competences"),
                    f"'{competence}' är ingen DigComp-kompetens; skriv område.nummer mellan 1.1 och 5.4, t.ex. 3.3 (unknown DigComp competence)",
                )
        reader.report_unknown(["version", "competences"])
        valid = tuple(c for c in competences if digcomp.is_competence(c, version))
        return DigComp(version, valid, digcomp.areas_of(version, valid))

    def _weblinks(self, fields: FieldReader) -> tuple[WebLink, ...]:
        links = []
        for item, line in fields.items("further_reading"):
            if not isinstance(item, YamlMap):
                self.problems.error(self.course_file, line, "further_reading: varje punkt behöver title och url (expected title and url)")
                continue
            reader = FieldReader(item, self.course_file, self.problems, "further_reading")
            title, url = reader.text("title", required=True), reader.url("url", required=True)
            reader.report_unknown(["title", "url"])
            if title and url:
                links.append(WebLink(title, url))
        return tuple(links)

    def _modules(self) -> tuple[list[_ModuleDraft], list[_LessonDraft]]:
        modules: list[_ModuleDraft] = []
        drafts: list[_LessonDraft] = []
        slugs: dict[str, Path] = {}
        for entry in sorted(self.folder.iterdir(), key=lambda p: ordered_slug(p.name)[0]):
            if entry.name.startswith(".") or not _inside(entry, self.content_root):
                continue
            if entry.is_file() and entry.suffix.lower() == ".md" and entry.name != CHANGELOG_FILE:
                self.problems.error(entry, 1, "lektioner ska ligga i en modulmapp, t.ex. 01-intro/ (lesson outside a module)")
                continue
            if not entry.is_dir() or not self._is_module(entry):
                continue
            slug = ordered_slug(entry.name)[1]
            if not slug:
                self.problems.error(
                    entry, 1, f"mappnamnet '{entry.name}' ger ingen adress; använd bokstäver i namnet (folder name without letters)"
                )
                continue
            if slug in slugs:
                self.problems.error(
                    entry,
                    1,
                    f"modulen får samma adress '{slug}' som {self.problems.display(slugs[slug])}; byt namn på en av mapparna (duplicate slug)",
                )
                continue
            slugs[slug] = entry
            title, summary, test = self._module_meta(entry)
            lessons = self._lesson_drafts(entry, slug)
            if not lessons:
                where = entry / MODULE_FILE if (entry / MODULE_FILE).exists() else entry
                self.problems.error(where, 1, f"modulen {entry.name}/ har inga lektioner (module without lessons)")
            modules.append(_ModuleDraft(entry, slug, title, summary, test))
            drafts.extend(lessons)
        return modules, drafts

    @staticmethod
    def _is_module(folder: Path) -> bool:
        return (folder / MODULE_FILE).exists() or any(
            child.suffix.lower() == ".md" and not child.name.startswith(".") and not recordings.is_companion(child)
            for child in folder.iterdir()
        )

    def _module_meta(self, folder: Path) -> tuple[str, str, bool]:
        default_title = ordered_slug(folder.name)[1].replace("-", " ").capitalize()
        path = folder / MODULE_FILE
        if not path.exists():
            return default_title, "", False
        text = read_text(path, self.problems)
        data = parse_yaml(text, path, self.problems) if text is not None else None
        if not isinstance(data, YamlMap):
            if data is not None:
                self.problems.error(path, 1, f"{MODULE_FILE} ska bestå av fält på formen 'namn: värde' (expected 'name: value' fields)")
            return default_title, "", False
        fields = FieldReader(data, path, self.problems, MODULE_FILE)
        title = fields.text("title", required=True, example="Upphovsrätt i korthet")
        summary = fields.text("summary", required=False)
        test = fields.flag("test")
        fields.report_unknown(MODULE_FIELDS)
        return title or default_title, summary, test

    def _lesson_drafts(self, folder: Path, module_slug: str) -> list[_LessonDraft]:
        drafts: list[_LessonDraft] = []
        slugs: dict[str, Path] = {}
        # hidden files are editors' and macOS's ('._01-intro.md'), never lessons, as in _modules
        files = [
            p
            for p in folder.iterdir()
            if p.suffix.lower() == ".md"
            and not p.name.startswith(".")
            and not recordings.is_companion(p)
            and p.is_file()
            and _inside(p, self.content_root)
        ]
        # a lesson may also be a folder, 03-lektion/index.md, with its images beside it
        files += [p / LESSON_INDEX for p in folder.iterdir() if not p.name.startswith(".") and (p / LESSON_INDEX).is_file()]
        for path in sorted(files, key=lambda p: ordered_slug(_lesson_name(p))[0]):
            slug = ordered_slug(_lesson_name(path))[1]
            if not slug:
                self.problems.error(
                    path, 1, f"filnamnet '{path.name}' ger ingen adress; använd bokstäver i namnet (file name without letters)"
                )
                continue
            if slug in slugs:
                self.problems.error(
                    path,
                    1,
                    f"lektionen får samma adress '{slug}' som {self.problems.display(slugs[slug])}; byt namn på en av filerna (duplicate slug)",
                )
                continue
            slugs[slug] = path
            drafts.append(self._lesson_draft(path, module_slug, slug))
        return drafts

    def _lesson_draft(self, path: Path, module_slug: str, slug: str) -> _LessonDraft:
        text = read_text(path, self.problems)
        if text is None:
            return _LessonDraft(path, module_slug, slug, None, "", 1, None)
        document = split_front_matter(text, path, self.problems)
        fields = FieldReader(document.meta, path, self.problems, "front matter") if document.meta is not None else None
        body, heading_title = document.body, ""
        if fields is not None and not fields.has("title"):
            body, heading_title = _title_heading(body)
        extracted = extract_questions(body, document.body_first_line)
        for problem in extracted.problems:
            self.problems.error(path, problem.line, problem.message)
        media = recordings.extract(extracted.body, document.body_first_line)
        for line, message in media.problems:
            self.problems.error(path, line, message)
        rendered = self.renderer.render(media.body)
        questions = [_QuestionDraft(question, self._question_parts(question)) for question in extracted.questions]
        return _LessonDraft(
            path,
            module_slug,
            slug,
            fields,
            document.body,
            document.body_first_line,
            rendered,
            questions,
            media.body,
            media.sources,
            heading_title,
        )

    def _question_parts(self, question: QuestionSource) -> list[tuple[str, Rendered, int]]:
        """Each Markdown part of a question rendered by the one renderer, so that it is checked like the body."""
        parts = [("prompt", self.renderer.render("\n".join(question.prompt)), question.line)]
        for number, option in enumerate(question.options, 1):
            parts.append((f"option-{number}", self.renderer.render(option.text), option.line))
            parts.append((f"feedback-{number}", self.renderer.render("\n".join(option.feedback)), option.line))
        parts.append(("general", self.renderer.render("\n".join(question.general)), question.line))
        return parts

    def _lesson(self, draft: _LessonDraft, files: CourseFiles, module_test: bool = False) -> Lesson | None:
        rendered = draft.rendered or Rendered("", [], frozenset())
        sanitized, removed = checked(rendered.html)
        for item in removed:
            self.problems.error(draft.path, _line_of(draft.body, draft.body_first_line, item.needle), item.message())
        questions = [self._question(question, draft.path) for question in draft.questions]
        find_line = line_finder(draft.body, draft.body_first_line)
        references: list[Reference] = []
        urls = [*rendered.urls, *(found for question in draft.questions for _, part, _ in question.parts for found in part.urls)]
        for found in urls:
            line = find_line(found.url)
            reference = resolve(found, line, draft.path, draft.ids, files, self.problems)
            if reference is None:
                continue
            if reference.is_image and reference.kind is ReferenceKind.ASSET and not _media_type(reference.target).startswith("image/"):
                if recordings.is_media_file(found.url):
                    self.problems.error(
                        draft.path,
                        line,
                        f"en video eller ett ljud står ensamt på en egen rad: ![Titel]({found.url}) (a recording stands on a line of its own)",
                    )
                else:
                    self.problems.error(
                        draft.path,
                        line,
                        f"bilden {found.url!r} är inte en bildfil; använd png, jpg, svg, webp eller gif (not an image file)",
                    )
            references.append(reference)
        media: list[Media] = []
        for number, source in enumerate(draft.recordings, 1):
            recording, added = self.recordings.read(source, number, draft.path)
            references.extend(added)
            if recording is not None:
                media.append(recording)
        if draft.fields is None:
            return None
        fields = draft.fields
        title = fields.text("title", required=not draft.heading_title, example="Vad är upphovsrätt?") or draft.heading_title
        # a heading that became the title is gone from the page: only a repeated one is worth a warning
        for line, message in foreign_syntax(draft.body, draft.body_first_line, "" if draft.heading_title else title):
            self.problems.warning(draft.path, line, message)
        duration = fields.duration("duration", required=False)
        if duration is None and not fields.has("duration"):
            duration = _estimated_minutes(draft.slotted_body, media)
        objectives = fields.text_list("objectives", example="[Förklara vad upphovsrätten skyddar]")
        is_test = fields.flag("test") or module_test
        for question in questions if is_test else ():
            if question.kind is QuestionKind.SINGLE and len(question.choices) < 3:
                # the Common Cartridge quiz profile (its Schematron rule 4d) takes a single choice only with three options
                self.problems.error(
                    draft.path,
                    question.line,
                    "en provfråga med ( ) behöver minst tre svarsalternativ, eller Sant och Falskt "
                    "(a graded single-choice question needs three options, as Common Cartridge quizzes do)",
                )
        if is_test and not questions:
            where = fields.line("test") if fields.has("test") else draft.body_first_line
            self.problems.error(
                draft.path, where, "lektionen är ett test men har inga frågor: lägg till ```fråga-block (a test with no question)"
            )
        fields.report_unknown(LESSON_FIELDS, FOREIGN_FIELDS)
        if not title or duration is None:
            return None
        return Lesson(
            slug=draft.slug,
            module_slug=draft.module_slug,
            title=title,
            duration_minutes=duration,
            objectives=objectives,
            references=tuple(references),
            source=self.problems.display(draft.path),
            html=rendered.html,
            safe_html=sanitized,
            toc_tokens=rendered.toc_tokens,
            body=draft.slotted_body,
            questions=tuple(replace(question, number=number, graded=is_test) for number, question in enumerate(questions, 1)),
            is_test=is_test,
            media=tuple(media),
            duration_estimated=not fields.has("duration"),
        )

    def _question(self, draft: _QuestionDraft, path: Path) -> Question:
        """The question's parts as checked HTML; an option's own paragraph is dropped, so that it fits in a label."""
        parts: dict[str, str] = {}
        for name, rendered, line in draft.parts:
            sanitized, removed = checked(rendered.html)
            for item in removed:
                self.problems.error(path, line, item.message())
            parts[name] = _inline(sanitized) if name.startswith("option-") else sanitized
        source = draft.source
        choices = tuple(
            Choice(parts[f"option-{number}"], option.correct, parts[f"feedback-{number}"])
            for number, option in enumerate(source.options, 1)
        )
        return Question(
            number=0,
            kind=source.kind,
            prompt_html=parts["prompt"],
            choices=choices,
            answers=source.answers,
            case_sensitive=source.case_sensitive,
            feedback_html=parts["general"],
            line=source.line,
        )

    def _assets(self, files: CourseFiles, course: Course) -> tuple[Asset, ...]:
        by_path: dict[str, Path] = {}
        assets = []
        for real, path in sorted(files.asset_paths.items(), key=lambda item: item[1]):
            if path in by_path:
                self.problems.error(
                    real,
                    1,
                    f"filen får samma adress '{path}' som {self.problems.display(by_path[path])}; byt namn på en av dem (duplicate file address)",
                )
                continue
            by_path[path] = real
            try:
                data = real.read_bytes()
            except OSError as exc:
                self.problems.error(real, 1, f"filen kan inte läsas: {exc.strerror or exc} (unreadable file)")
                continue
            if _media_type(path) == "image/svg+xml":
                # opened directly, an SVG is a document of the site's own origin: no script may reach it
                for problem in svg_problems(data):
                    self.problems.error(real, problem.line, problem.message)
            source = real.relative_to(files.course_root).as_posix()
            assets.append(Asset(source, path, data, _media_type(path), self._credit(real, course)))
        self._report_orphan_credits(files.course_root)
        self._report_unused_companions(files)
        return tuple(assets)

    def _credit(self, real: Path, course: Course) -> Credit:
        """The asset's TASL from the file beside it (`<file name>.yml`), or the course's licence and authors."""
        tasl = real.with_name(real.name + CREDIT_SUFFIX)
        inherited = Credit(real.name, course.authors, None, course.licence, inherited=True)
        if not tasl.is_file():
            return inherited
        text = read_text(tasl, self.problems)
        data = parse_yaml(text, tasl, self.problems) if text is not None else None
        if not isinstance(data, YamlMap):
            if data is not None:
                self.problems.error(
                    tasl,
                    1,
                    f"{tasl.name} ska bestå av fält på formen 'namn: värde', t.ex. licence: CC-BY-4.0 (expected 'name: value' fields)",
                )
            return inherited
        fields = FieldReader(data, tasl, self.problems, tasl.name)
        licence_id = fields.text("licence", required=True, example="CC-BY-4.0")
        licence = self.licences.get(licence_id)
        if licence_id and licence is None:
            known = ", ".join(sorted(self.licences))
            self.problems.error(
                tasl, fields.line("licence"), f"okänd licens '{licence_id}'; använd en id från licenses/: {known} (unknown licence)"
            )
        title = fields.text("title", required=False, default=real.name)
        creators = self._people(fields, "creators", tasl, required=False)
        source = fields.url("source", required=False)
        changes = fields.text("changes", required=False)
        separate_work = self._separate_work(fields, tasl)
        if recordings.is_media_file(real.name):
            fields.flag("speech")  # read by the media reader; reported here, once, with the rest of the file
            fields.report_unknown(MEDIA_CREDIT_FIELDS)
        else:
            fields.report_unknown(CREDIT_FIELDS)
        if licence is None:
            return inherited
        if licence.requires_attribution and not creators:
            self.problems.error(
                tasl,
                fields.line("licence"),
                f"{licence.short_name} kräver att upphovspersonen anges: lägg till creators: [Namn Namnsson] "
                f"(the licence requires attribution: name the creator)",
            )
        self._check_compatibility(real, tasl, fields, course.licence, licence, separate_work)
        return Credit(title, creators, source, licence, changes, separate_work)

    def _separate_work(self, fields: FieldReader, tasl: Path) -> str:
        value = fields.raw("separate_work")
        if value is None or value is False:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problems.error(
                tasl,
                fields.line("separate_work"),
                "separate_work ska vara skälet i klartext, t.ex. separate_work: Fotografiet används med tillstånd av museet "
                "(give the reason as text)",
            )
            return ""
        return value.strip()

    def _check_compatibility(
        self, real: Path, tasl: Path, fields: FieldReader, course: Licence, asset: Licence, separate_work: str
    ) -> None:
        why = conflict(course, asset)
        if why and not separate_work:
            self.problems.error(
                tasl,
                fields.line("licence"),
                f"{real.name} är {asset.short_name} men kursen är {course.short_name}: {why[0]}; den som återanvänder kursen "
                f"enligt dess licens skulle bryta mot villkoren för {real.name}. Byt fil, eller publicera den under egna villkor "
                f"med separate_work: <skäl> ({real.name} is {asset.short_name} in a {course.short_name} course: {why[1]})",
            )
        elif separate_work and not why:
            self.problems.warning(
                tasl,
                fields.line("separate_work"),
                f"{asset.short_name} passar kursens licens {course.short_name}: separate_work behövs inte "
                f"(the licence fits the course's; separate_work is not needed)",
            )

    def _report_unused_companions(self, files: CourseFiles) -> None:
        """Captions or a transcript that no recording uses: a renamed video would otherwise lose them silently."""
        for path in sorted(files.course_root.rglob("*")):
            if recordings.is_companion(path) and path.is_file() and Path(os.path.realpath(path)) not in files.asset_paths:
                self.problems.error(
                    path,
                    1,
                    f"{path.name} hör inte till någon video eller något ljud i en lektion: döp den som inspelningen "
                    f"(film.webm har film.sv.vtt och film.sv.md) eller ta bort den (captions or transcript without a recording)",
                )

    def _report_orphan_credits(self, course_root: Path) -> None:
        """A TASL file whose file is missing (renamed or deleted) would silently stop crediting anything."""
        for tasl in sorted(course_root.rglob(f"*{CREDIT_SUFFIX}")):
            if tasl.name in (COURSE_FILE, MODULE_FILE) and tasl.parent in (course_root, *course_root.iterdir()):
                continue
            target = tasl.with_name(tasl.name.removesuffix(CREDIT_SUFFIX))
            if not target.is_file():
                self.problems.error(
                    tasl,
                    1,
                    f"källangivelsen hör till {target.name}, som inte finns här; byt namn på {tasl.name} eller ta bort den "
                    f"(a TASL file for a file that does not exist)",
                )


def _content_hash(folder: Path) -> str:
    """sha256 over every file's path and bytes in the course folder, in path order (hidden files left out).

    CHANGELOG.md is left out too: notes for the next version are written before its number is raised, and
    writing them is no change to the course a learner takes."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.as_posix() == CHANGELOG_FILE:
            continue
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            digest.update(relative.as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _lesson_name(path: Path) -> str:
    """What a lesson is named after: its file's name, or for 03-lektion/index.md its folder's."""
    return path.parent.name if path.name == LESSON_INDEX else path.stem


def _title_heading(body: str) -> tuple[str, str]:
    """A body whose first text is '# Title' without that line (kept blank, so lines keep their numbers), and the title."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        heading = re.match(r"^#\s+(.+?)\s*#*\s*$", line)
        if not heading:
            return body, ""
        lines[index] = ""
        return "\n".join(lines), heading[1]
    return body, ""


def _estimated_minutes(body: str, media: list[Media]) -> int:
    """Reading time of the text plus the length of every recording, in whole minutes (at least one)."""
    words = len(re.findall(r"\w+", re.sub(r"<[^>]+>|\]\([^)]*\)", " ", body)))
    return max(1, math.ceil(words / READING_WORDS_PER_MINUTE + sum(item.seconds for item in media) / 60))


def _inline(fragment: str) -> str:
    """A fragment that is one paragraph, without it: an option's text goes inside a <label>."""
    match = re.fullmatch(r"\s*<p>(.*)</p>\s*", fragment, re.DOTALL)
    return match[1] if match and "<p>" not in match[1] else fragment


def _line_of(body: str, first_line: int, needle: str) -> int:
    """The first line of the body that holds `needle` (case-insensitive), else the body's first line."""
    index = body.lower().find(needle.lower())
    return first_line + (body.count("\n", 0, index) if index >= 0 else 0)


def _media_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"

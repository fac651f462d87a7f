"""The one course model: frozen dataclasses that every output reads.

Nothing downstream of the loader opens files under `content/`; whatever an output needs
(asset bytes included) is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX identifier, or RS-<code>-1.0 for a RightsStatements.org statement
    kind: str  # licence | dedication (CC0) | mark (PDM) | statement (RightsStatements.org: not an open licence)
    short_name: str
    name_sv: str
    name_en: str
    deed: str
    legal_code: str
    conditions: tuple[str, ...]

    def name(self, language: str = "sv") -> str:
        return self.name_sv if language == "sv" else self.name_en

    @property
    def requires_attribution(self) -> bool:
        return "BY" in self.conditions

    @property
    def is_free_cultural(self) -> bool:
        """A licence of Free Cultural Works (freedomdefined.org): CC BY, CC BY-SA, CC0, the Public Domain Mark."""
        return self.kind != "statement" and set(self.conditions) <= {"BY", "SA"}


@dataclass(frozen=True)
class Person:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class WebLink:
    title: str
    url: str


class Level(str, Enum):
    """Course level, named after DigComp's proficiency level groups."""

    FOUNDATION = "grundläggande"
    INTERMEDIATE = "medel"
    ADVANCED = "avancerad"
    SPECIALIST = "specialist"


class ScoMode(str, Enum):
    SINGLE = "single"
    PER_LESSON = "per-lesson"


@dataclass(frozen=True)
class DigCompArea:
    id: str
    name_sv: str
    name_en: str


@dataclass(frozen=True)
class DigComp:
    version: str  # "2.2" or "3.0"
    competences: tuple[str, ...]  # e.g. ("2.2", "3.3")
    areas: tuple[DigCompArea, ...]  # the areas the competences belong to, in order


class QuestionKind(str, Enum):
    SINGLE = "single-choice"
    MULTIPLE = "multiple-response"
    TRUE_FALSE = "true-false"
    FILL_IN = "fill-in"


@dataclass(frozen=True)
class Choice:
    html: str  # the option, sanitized HTML (inline); links point at source files until an output relinks them
    correct: bool
    feedback_html: str = ""


@dataclass(frozen=True)
class Question:
    """A question of a lesson; every text is HTML the loader rendered and checked, like the lesson's body."""

    number: int  # its place in the lesson, from 1: its slot and anchor (questions.slot)
    kind: QuestionKind
    prompt_html: str
    choices: tuple[Choice, ...] = ()
    answers: tuple[str, ...] = ()  # a short text answer's accepted answers
    case_sensitive: bool = False
    feedback_html: str = ""  # for the whole question, whatever the answer
    line: int = 0
    graded: bool = False  # part of a test, not a self-check


@dataclass(frozen=True)
class Assessment:
    """How a course with tests is passed: `course.yml`'s `assessment:`."""

    passing_score: int  # percent of the test questions answered right
    attempts: int  # how many times a learner may take a test; 0 for no limit


@dataclass(frozen=True)
class Credit:
    """An asset's TASL (title, author, source, licence), from its TASL file or inherited from the course."""

    title: str
    creators: tuple[Person, ...]
    source: str | None  # where the original lives (a collection record, say)
    licence: Licence
    changes: str = ""  # what was changed: "beskuren", "färgjusterad"
    separate_work: str = ""  # why it is published under its own terms, outside the course's licence; "" if it is not
    inherited: bool = False  # no TASL file: the course's licence and authors

    @property
    def attribution(self) -> str:
        return ", ".join(person.name for person in self.creators)


@dataclass(frozen=True)
class Asset:
    source: str  # path relative to the course folder, as the author wrote the file name
    path: str  # ASCII output path relative to the course root, e.g. "upphovsratt/bilder/tidslinje.svg"
    data: bytes
    media_type: str
    credit: Credit

    @property
    def licence(self) -> Licence:
        return self.credit.licence

    @property
    def attribution(self) -> str:
        return self.credit.attribution

    @property
    def file_name(self) -> str:
        return self.source.rpartition("/")[2]


class MediaKind(str, Enum):
    VIDEO = "video"
    AUDIO = "audio"


@dataclass(frozen=True)
class TextTrack:
    """A WebVTT file of captions for a video: `film.sv.vtt` beside `film.webm`."""

    language: str
    path: str  # the asset's output path


@dataclass(frozen=True)
class Transcript:
    """The text alternative of a recording (`film.sv.md`): a transcript, or for a video without speech a description."""

    language: str
    html: str  # rendered by the one renderer and checked like a lesson body; external links only
    path: str  # the asset's output path: the Markdown as a text file to download


@dataclass(frozen=True)
class ExternalVideo:
    """A video on another host, shown only after the reader agrees (mkdocs.yml permits the host)."""

    host: str  # the permitted host as the reader is told it: "youtube.com"
    page_url: str  # the video on its host, for a plain link
    embed_url: str  # what the player frame loads after the click


@dataclass(frozen=True)
class Media:
    """A video or sound in a lesson, where its slot (`<div class="media-slot" id="media-1">`) stands."""

    number: int  # its place in the lesson, from 1
    kind: MediaKind
    title: str
    seconds: float
    path: str = ""  # the asset's output path; "" for a video hosted elsewhere
    media_type: str = ""
    width: int = 0  # of a video's picture, for the player's size before it loads
    height: int = 0
    poster: str = ""  # an image's asset path, or ""
    captions: tuple[TextTrack, ...] = ()
    transcripts: tuple[Transcript, ...] = ()
    speech: bool = True  # False: a video without speech, described by its transcript file
    external: ExternalVideo | None = None
    line: int = 0


class ReferenceKind(str, Enum):
    LESSON = "lesson"
    ASSET = "asset"
    EXTERNAL = "external"
    ANCHOR = "anchor"  # a fragment inside the same lesson


@dataclass(frozen=True)
class Reference:
    """A link or image in a lesson body, resolved by the loader."""

    raw: str  # the URL exactly as the Markdown renderer saw it
    kind: ReferenceKind
    target: str  # lesson key, asset path, or the external URL
    fragment: str  # without '#', may be empty
    line: int
    is_image: bool = False


@dataclass(frozen=True)
class Lesson:
    slug: str
    module_slug: str
    title: str
    duration_minutes: int
    objectives: tuple[str, ...]
    body: str  # Markdown, as written (links still point at source files)
    references: tuple[Reference, ...]
    source: str  # path relative to the project root, for messages
    html: str = ""  # the body rendered once by the one renderer; links still as written
    toc_tokens: tuple[dict, ...] = field(default=(), compare=False)  # its headings, as Markdown's toc lists them
    # the same after the sanitizer, which removed nothing (check refuses what it would remove): what packages
    # publish, so that even a gap between the check and the sanitizer never reaches another organisation's LMS
    safe_html: str = ""
    questions: tuple[Question, ...] = ()
    is_test: bool = False  # its questions are graded (front matter `test: true`, or its module's)
    media: tuple[Media, ...] = ()
    duration_estimated: bool = False  # no `duration` in the front matter: reading time and recordings, shown as "ca"

    @property
    def key(self) -> str:
        """Stable identity inside a course: module slug + lesson slug."""
        return f"{self.module_slug}/{self.slug}"


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    summary: str
    lessons: tuple[Lesson, ...]

    @property
    def duration_minutes(self) -> int:
        return sum(lesson.duration_minutes for lesson in self.lessons)


@dataclass(frozen=True)
class ChangeGroup:
    """One kind of change in a release ("Tillagt", "Rättat", …) and its list, as sanitized HTML."""

    kind: str  # added | changed | deprecated | removed | fixed | security; "" for notes above the groups
    html: str


@dataclass(frozen=True)
class Release:
    """A published version of a course, from its CHANGELOG.md."""

    version: str
    date: str  # ISO 8601, YYYY-MM-DD
    groups: tuple[ChangeGroup, ...]
    yanked: bool = False  # withdrawn (Keep a Changelog's [YANKED])

    @property
    def anchor(self) -> str:
        """Its id on the course page and in the feed: 'version-1-1-0'."""
        return "version-" + re.sub(r"[^0-9A-Za-z]+", "-", self.version).strip("-").lower()


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    summary: str
    language: str
    version: str
    licence: Licence
    authors: tuple[Person, ...]
    publisher: Person
    audience: str
    level: Level
    duration_minutes: int
    digcomp: DigComp | None
    keywords: tuple[str, ...]
    objectives: tuple[str, ...]
    further_reading: tuple[WebLink, ...]
    sco_mode: ScoMode
    modules: tuple[Module, ...]
    assets: tuple[Asset, ...] = field(default=())
    source: str = ""
    assessment: Assessment | None = None  # None: no test, the course is completed by reading it
    link_media: bool = False  # packages leave video and sound out and link to the site's copy (`packaging: {media: link}`)
    content_hash: str = ""  # sha256 of every file of the course folder: what changed since a published version
    changelog: tuple[Release, ...] = ()  # newest first; () for a course without CHANGELOG.md

    # cached: outputs ask for lessons and look them up once per link, so this keeps them linear
    @cached_property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(lesson for module in self.modules for lesson in module.lessons)

    @cached_property
    def _lessons_by_key(self) -> dict[str, Lesson]:
        return {lesson.key: lesson for lesson in self.lessons}

    @cached_property
    def _assets_by_path(self) -> dict[str, Asset]:
        return {asset.path: asset for asset in self.assets}

    @property
    def release(self) -> Release | None:
        """The changelog's entry for this version, which dates it; None without one."""
        return next((release for release in self.changelog if release.version == self.version), None)

    @property
    def separate_works(self) -> tuple[Asset, ...]:
        """Parts published under their own terms, outside the course's licence: what every output must list."""
        return tuple(asset for asset in self.assets if asset.credit.separate_work)

    @property
    def other_licences(self) -> tuple[Asset, ...]:
        """Assets under another licence than the course's own, compatible or not."""
        return tuple(asset for asset in self.assets if asset.licence != self.licence)

    @property
    def graded_questions(self) -> tuple[Question, ...]:
        return tuple(question for lesson in self.lessons for question in lesson.questions if question.graded)

    @property
    def is_free_cultural_work(self) -> bool:
        """The course and every part of it under a licence of Free Cultural Works."""
        return self.licence.is_free_cultural and all(asset.licence.is_free_cultural for asset in self.assets)

    def lesson(self, key: str) -> Lesson:
        return self._lessons_by_key[key]

    def asset(self, path: str) -> Asset:
        return self._assets_by_path[path]

    def assets_of(self, lesson: Lesson) -> tuple[Asset, ...]:
        """The assets a lesson shows or links, in path order: what its image credits list."""
        paths = sorted({ref.target for ref in lesson.references if ref.kind is ReferenceKind.ASSET})
        return tuple(self.asset(path) for path in paths)

    @property
    def attribution(self) -> str:
        """Authors, then the publisher unless it is one of them: 'Redaktionen / Museet'."""
        return self._attribution(len(self.authors))

    def short_attribution(self, others: str = "m.fl.") -> str:
        """As `attribution`, with the first two of more than three authors and `others` ('m.fl.'), as catalogues
        shorten a long list: what every page's footer says; the start page and LICENSE.txt keep the whole list."""
        return self._attribution(2, others) if len(self.authors) > 3 else self.attribution

    def _attribution(self, shown: int, others: str = "") -> str:
        authors = ", ".join(person.name for person in self.authors[:shown]) + (f" {others}" if others else "")
        if not self.publisher.name or any(person.name == self.publisher.name for person in self.authors):
            return authors
        return f"{authors} / {self.publisher.name}"


@dataclass(frozen=True)
class Programme:
    """An ordered list of the site's courses taken together (`content/program/<name>.yml`), e.g. "Basutbildning"."""

    id: str
    title: str
    summary: str
    audience: str
    level: Level
    licence: Licence  # no more open than any of its courses' (the loader checks)
    version: str
    language: str
    courses: tuple[str, ...]  # course ids, in the order they are taken
    source: str = ""


@dataclass(frozen=True)
class Catalogue:
    """Everything the loader produced: the courses, in catalogue order, the programmes and the known licences."""

    courses: tuple[Course, ...]
    licences: tuple[Licence, ...]
    programmes: tuple[Programme, ...] = ()

    @cached_property
    def _courses_by_id(self) -> dict[str, Course]:
        return {course.id: course for course in self.courses}

    def course(self, course_id: str) -> Course:
        return self._courses_by_id[course_id]

    def courses_of(self, programme: Programme) -> tuple[Course, ...]:
        return tuple(self.course(course_id) for course_id in programme.courses)

"""The catalogue's filter: the choices each facet offers, and the facts each course card carries for it.

The markup is theme/docs/_catalogue_filter.md.j2; runtime/catalogue-filter.js compares each choice with the
cards' data-* attributes. A select's `data-filter` names the card attribute, `data-match` says how to compare:
"token" (one of the card's space-separated values), "range" ("from-to" minutes; "from-" has no end) or "equal".
Only values some course has are offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import ui_strings
from ..course import digcomp
from ..course.model import Catalogue, Course, Level

# the duration ranges, in minutes: (from, to); None: no end
DURATION_RANGES: tuple[tuple[int, int | None], ...] = ((0, 30), (31, 60), (61, 120), (121, None))


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    group: str = ""  # an optgroup's label: the DigComp version of an area or competence


@dataclass(frozen=True)
class Facet:
    name: str  # the select's name and the URL query key
    label: str
    attribute: str  # the card's data-* attribute it compares with (without "data-")
    match: str  # token | range | equal
    options: tuple[Option, ...]


@dataclass(frozen=True)
class CatalogueFilter:
    facets: tuple[Facet, ...]
    cards: dict[str, dict[str, str]]  # course id -> data-* attribute (without "data-") -> value


def catalogue_filter(catalogue: Catalogue) -> CatalogueFilter:
    t = ui_strings.strings("sv")
    courses = catalogue.courses
    facets = (
        Facet("omrade", t["filter_area"], "areas", "token", _areas(courses)),
        Facet("kompetens", t["filter_competence"], "competences", "token", _competences(courses)),
        Facet("niva", t["level"], "level", "equal", _levels(courses)),
        Facet("tid", t["duration"], "minutes", "range", _durations(courses, t)),
        Facet("sprak", t["language"], "language", "equal", _languages(courses)),
        Facet("licens", t["licence"], "licence", "equal", _licences(courses)),
    )
    return CatalogueFilter(tuple(facet for facet in facets if facet.options), {course.id: card_data(course) for course in courses})


def card_data(course: Course) -> dict[str, str]:
    """What a course card says about itself for the filter; DigComp values are "<version>/<id>"."""
    alignment = course.digcomp
    return {
        "areas": " ".join(f"{alignment.version}/{area.id}" for area in alignment.areas) if alignment else "",
        "competences": " ".join(f"{alignment.version}/{competence}" for competence in alignment.competences) if alignment else "",
        "level": course.level.value,
        "minutes": str(course.duration_minutes),
        "language": course.language,
        "licence": course.licence.id,
    }


def _cited(courses: tuple[Course, ...]) -> list[str]:
    return [version for version in digcomp.VERSIONS if any(course.digcomp and course.digcomp.version == version for course in courses)]


def _areas(courses: tuple[Course, ...]) -> tuple[Option, ...]:
    options = []
    for version in _cited(courses):
        framework = digcomp.framework(version)
        cited = {area.id for course in courses if course.digcomp and course.digcomp.version == version for area in course.digcomp.areas}
        options += [Option(f"{version}/{area.id}", f"{area.id}. {area.sv}", framework.name) for area in framework.areas if area.id in cited]
    return tuple(options)


def _competences(courses: tuple[Course, ...]) -> tuple[Option, ...]:
    options = []
    for version in _cited(courses):
        framework = digcomp.framework(version)
        cited = {
            competence
            for course in courses
            if course.digcomp and course.digcomp.version == version
            for competence in course.digcomp.competences
        }
        options += [
            Option(f"{version}/{competence.id}", f"{competence.id} {competence.sv}", framework.name)
            for competence in framework.competences.values()
            if competence.id in cited
        ]
    return tuple(options)


def _levels(courses: tuple[Course, ...]) -> tuple[Option, ...]:
    present = {course.level for course in courses}
    return tuple(Option(level.value, ui_strings.level_name(level.value)) for level in Level if level in present)


def _durations(courses: tuple[Course, ...], t: dict[str, str]) -> tuple[Option, ...]:
    options = []
    for start, to in DURATION_RANGES:
        if not any(start <= course.duration_minutes and (to is None or course.duration_minutes <= to) for course in courses):
            continue
        if to is None:
            label = t["filter_minutes_over"].format(start=start - 1)
        elif start == 0:
            label = t["filter_minutes_at_most"].format(to=to)
        else:
            label = t["filter_minutes_between"].format(start=start, to=to)
        options.append(Option(f"{start}-{'' if to is None else to}", label))
    return tuple(options)


def _languages(courses: tuple[Course, ...]) -> tuple[Option, ...]:
    codes = sorted({course.language for course in courses}, key=lambda code: (code != "sv", ui_strings.language_name(code)))
    return tuple(Option(code, ui_strings.language_name(code)) for code in codes)


def _licences(courses: tuple[Course, ...]) -> tuple[Option, ...]:
    licences = {course.licence.id: course.licence for course in courses}
    return tuple(Option(licence.id, licence.short_name) for licence in sorted(licences.values(), key=lambda licence: licence.short_name))

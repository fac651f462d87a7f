"""DigComp, the EU's digital competence framework: its areas and competences in the versions a course may cite.

The data is `digcomp.json` beside this module, made from the JRC's reference data by digcomp_reference.py
(English texts © European Union, CC BY 4.0; where the Swedish titles come from is in each version's credit).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from .model import Course, DigCompArea

DATA = Path(__file__).resolve().with_name("digcomp.json")
DEFAULT_VERSION = "3.0"  # what a new site rates itself against; 2.2 where its courses cite that


@dataclass(frozen=True)
class Competence:
    id: str  # "3.3"
    sv: str
    en: str
    descriptor_en: str | None  # the JRC's description (3.0 only); there is no Swedish one

    @property
    def area(self) -> str:
        return self.id.partition(".")[0]

    def title(self, language: str = "sv") -> str:
        return self.sv if language == "sv" else self.en


@dataclass(frozen=True)
class Area:
    id: str
    sv: str
    en: str
    competences: tuple[Competence, ...]

    def title(self, language: str = "sv") -> str:
        return self.sv if language == "sv" else self.en


@dataclass(frozen=True)
class Framework:
    version: str
    name: str  # "DigComp 3.0"
    title_en: str
    url: str  # the JRC's publication
    credit_en: str  # who made it, under which licence: every page that shows the data says it
    credit_sv: str  # where the Swedish titles come from
    licence: str  # the licence id a work made from the data carries (the self-assessment package): its sources' strictest
    level_groups: tuple[tuple[str, str], ...]  # (sv, en) of the four groups of the eight proficiency levels
    areas: tuple[Area, ...]

    @functools.cached_property
    def competences(self) -> dict[str, Competence]:
        return {competence.id: competence for area in self.areas for competence in area.competences}


@functools.cache
def frameworks() -> dict[str, Framework]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        version: Framework(
            version=version,
            name=item["name"],
            title_en=item["title_en"],
            url=item["url"],
            credit_en=item["credit_en"],
            credit_sv=item["credit_sv"],
            licence=item["licence"],
            level_groups=tuple((group["sv"], group["en"]) for group in item["level_groups"]),
            areas=tuple(
                Area(
                    area["id"],
                    area["sv"],
                    area["en"],
                    tuple(Competence(c["id"], c["sv"], c["en"], c["descriptor_en"]) for c in area["competences"]),
                )
                for area in item["areas"]
            ),
        )
        for version, item in sorted(data.items())
    }


def framework(version: str) -> Framework:
    return frameworks()[version]


VERSIONS = list(frameworks())
# area id -> (Swedish, English) name, per version
AREAS = {version: {area.id: (area.sv, area.en) for area in item.areas} for version, item in frameworks().items()}


def is_competence(competence_id: str, version: str = DEFAULT_VERSION) -> bool:
    return competence_id in framework(version).competences


def areas_of(version: str, competences: tuple[str, ...]) -> tuple[DigCompArea, ...]:
    area_ids = sorted({competence.partition(".")[0] for competence in competences})
    return tuple(DigCompArea(area, *AREAS[version][area]) for area in area_ids)


def course_competences(course: Course) -> tuple[Competence, ...]:
    """The framework's competences a course cites, in the order the course lists them."""
    if not course.digcomp:
        return ()
    known = framework(course.digcomp.version).competences
    return tuple(known[competence_id] for competence_id in course.digcomp.competences)

"""DigComp alignment: the competence areas of the framework versions a course may cite.

Only the five area names and the competence numbering live here (facts of the public EU
framework); a test checks them against the JRC reference data in ../shared.
"""

from __future__ import annotations

from .model import DigCompArea

# competences per area: identical in DigComp 2.2 and 3.0 (5 areas, 21 competences)
COMPETENCES_PER_AREA = {"1": 3, "2": 6, "3": 4, "4": 4, "5": 4}

AREAS = {
    "2.2": {
        "1": ("Informations- och datakunskap", "Information and data literacy"),
        "2": ("Kommunikation och samarbete", "Communication and collaboration"),
        "3": ("Skapa digitalt innehåll", "Digital content creation"),
        "4": ("Säkerhet", "Safety"),
        "5": ("Problemlösning", "Problem solving"),
    },
    "3.0": {
        "1": ("Sökning, bedömning och hantering av information", "Information search, evaluation and management"),
        "2": ("Kommunikation och samarbete", "Communication and collaboration"),
        "3": ("Skapande av innehåll", "Content creation"),
        "4": ("Säkerhet, välbefinnande och ansvarsfullt användande", "Safety, wellbeing and responsible use"),
        "5": ("Problemidentifiering och problemlösning", "Problem identification and solving"),
    },
}

VERSIONS = list(AREAS)


def is_competence(competence_id: str) -> bool:
    area, dot, number = competence_id.partition(".")
    return bool(dot) and number.isdigit() and 1 <= int(number) <= COMPETENCES_PER_AREA.get(area, 0)


def areas_of(version: str, competences: tuple[str, ...]) -> tuple[DigCompArea, ...]:
    area_ids = sorted({competence.partition(".")[0] for competence in competences})
    return tuple(DigCompArea(area, *AREAS[version][area]) for area in area_ids)

"""Makes `digcomp.json`, the DigComp data the product ships, from the reference data in ../shared:

    python -m scorm_export.course.digcomp_reference ../shared/data/digcomp

Only what the site and packages show is kept: per framework version its areas and competences (ids and
titles in English and Swedish, the English descriptor where the JRC publishes one) and the names of the
four level groups, with the source and licence every page that shows them credits. The English texts are
the JRC's (© European Union, CC BY 4.0); Swedish area names of 3.0 are the community translation
digcomp-sv/digcomp-3-sv (CC BY-SA 4.0), Swedish titles of 2.2 Digital Skills and Jobs Sweden's. Where no
Swedish title exists (the 3.0 competences), the project's own translation below fills in, and says so.
A test regenerates the file from ../shared and compares it byte for byte.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().with_name("digcomp.json")

# the project's own Swedish titles of the DigComp 3.0 competences (unofficial, CC BY 4.0 as the project's texts)
OWN_SWEDISH_3_0 = {
    "1.1": "Söka, bläddra och filtrera information",
    "1.2": "Värdera information",
    "1.3": "Hantera information",
    "2.1": "Interagera genom och med digital teknik",
    "2.2": "Dela genom digital teknik",
    "2.3": "Delta som medborgare genom digital teknik",
    "2.4": "Samarbeta genom digital teknik",
    "2.5": "Digitalt beteende",
    "2.6": "Hantera digital identitet",
    "3.1": "Utveckla digitalt innehåll",
    "3.2": "Integrera och bearbeta digitalt innehåll",
    "3.3": "Upphovsrätt och licenser",
    "3.4": "Datalogiskt tänkande och programmering",
    "4.1": "Skydda enheter",
    "4.2": "Skydda personuppgifter och integritet",
    "4.3": "Främja välbefinnande",
    "4.4": "Digital tekniks miljöpåverkan",
    "5.1": "Identifiera och lösa tekniska problem",
    "5.2": "Identifiera behov och digitala tekniska lösningar",
    "5.3": "Hitta kreativa lösningar med digital teknik",
    "5.4": "Identifiera och möta behov av digital kompetens",
}
LEVEL_GROUPS_2_2 = [
    {"en": "Foundation", "sv": "Grundläggande"},
    {"en": "Intermediate", "sv": "Medel"},
    {"en": "Advanced", "sv": "Avancerad"},
    {"en": "Highly specialised", "sv": "Högt specialiserad"},
]
FRAMEWORK_URLS = {
    "2.2": "https://publications.jrc.ec.europa.eu/repository/handle/JRC128415",
    "3.0": "https://publications.jrc.ec.europa.eu/repository/handle/JRC144121",
}


def reference(shared: Path) -> dict[str, Any]:
    """Both versions from the files in `shared` (../shared/data/digcomp), as the product keeps them."""
    return {"2.2": _version_2_2(_read(shared, "2.2")), "3.0": _version_3_0(_read(shared, "3.0"))}


def _read(shared: Path, version: str) -> dict[str, Any]:
    return json.loads((shared / f"digcomp-{version}-core.en-sv.json").read_text(encoding="utf-8"))


def _version_2_2(data: dict[str, Any]) -> dict[str, Any]:
    areas = []
    for area in data["competence_areas"]:
        competences = [
            # the source marks a Swedish title it could not confirm: shown as the title, without the marker
            {"id": c["id"], "en": c["title"]["en"], "sv": c["title"]["sv"].replace(" (assumed)", ""), "descriptor_en": None}
            for c in area["competences"]
        ]
        areas.append({"id": area["id"], "en": area["title"]["en"], "sv": area["title"]["sv"], "competences": competences})
    return {
        "name": "DigComp 2.2",
        "title_en": "The Digital Competence Framework for Citizens",
        "url": FRAMEWORK_URLS["2.2"],
        "credit_en": "Vuorikari, R., Kluzer, S. and Punie, Y., DigComp 2.2, European Commission, JRC128415. © European Union, CC BY 4.0.",
        "credit_sv": "Svenska titlar: Digital Skills and Jobs Sweden (inofficiell översättning).",
        # what a work made from these titles is published under: the strictest licence among its sources
        "licence": "CC-BY-4.0",
        "level_groups": LEVEL_GROUPS_2_2,
        "areas": areas,
    }


def _version_3_0(data: dict[str, Any]) -> dict[str, Any]:
    areas = []
    for area in data["competence_areas"]:
        competences = [
            {"id": c["id"], "en": c["title"]["en"], "sv": c["title"]["sv"] or OWN_SWEDISH_3_0[c["id"]], "descriptor_en": c["descriptor_en"]}
            for c in area["competences"]
        ]
        areas.append({"id": area["id"], "en": area["title"]["en"], "sv": area["title"]["sv"], "competences": competences})
    groups: list[dict[str, str]] = []
    for level in data["proficiency_levels"]:
        if level["four_level"] not in groups:
            groups.append(level["four_level"])
    return {
        "name": "DigComp 3.0",
        "title_en": "European Digital Competence Framework",
        "url": FRAMEWORK_URLS["3.0"],
        "credit_en": "Cosgrove, J. and Cachia, R., DigComp 3.0, European Commission, JRC144121, and its data supplement (JRC144705). "
        "© European Union, CC BY 4.0.",
        "credit_sv": "Svenska områdesnamn: digcomp-sv/digcomp-3-sv (CC BY-SA 4.0); svenska kompetenstitlar: projektets egen, "
        "inofficiella översättning.",
        "licence": "CC-BY-SA-4.0",  # the Swedish area names' ShareAlike
        "level_groups": groups,
        "areas": areas,
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m scorm_export.course.digcomp_reference ../shared/data/digcomp", file=sys.stderr)
        return 2
    OUTPUT.write_text(render(reference(Path(argv[0]))), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""A synthetic course corpus for the benchmark: the same seed always writes the same bytes.

Each lesson has about 800 words of Swedish-like text with headings, a bulleted and a numbered list,
a table, an image of its own (SVG), a link to the next lesson and one to a heading on the page.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 20261121
LESSONS_PER_MODULE = 10

_WORDS = [
    "arkiv",
    "samling",
    "museum",
    "bibliotek",
    "föremål",
    "bild",
    "fotografi",
    "källa",
    "licens",
    "upphovsrätt",
    "verk",
    "digital",
    "kopia",
    "metadata",
    "katalog",
    "besökare",
    "utställning",
    "forskare",
    "allmänhet",
    "tillgång",
    "publicering",
    "webbplats",
    "material",
    "kulturarv",
    "historia",
    "tidning",
    "karta",
    "brev",
    "dagbok",
    "ritning",
    "affisch",
    "film",
    "ljud",
    "inspelning",
    "register",
    "databas",
    "sök",
    "ämne",
    "ord",
    "text",
    "rubrik",
    "länk",
    "tabell",
    "lista",
    "exempel",
    "fråga",
    "svar",
    "regel",
    "lag",
    "avtal",
    "tillstånd",
    "ansvar",
    "kvalitet",
    "format",
    "fil",
    "storlek",
    "upplösning",
    "färg",
    "kontrast",
    "läsare",
    "skärmläsare",
    "tangentbord",
    "rörelse",
    "tid",
    "år",
    "sekel",
    "kommun",
    "län",
    "region",
    "land",
    "stad",
    "by",
    "gård",
    "skog",
    "sjö",
    "älv",
    "fjäll",
    "kust",
    "hamn",
    "fabrik",
    "skola",
    "kyrka",
    "medarbetare",
    "redaktör",
    "fotograf",
    "konstnär",
    "författare",
    "givare",
    "ägare",
    "förvaltare",
    "användare",
    "deltagare",
    "och",
    "eller",
    "men",
    "att",
    "som",
    "för",
    "med",
    "på",
    "av",
    "till",
    "från",
    "om",
    "när",
    "där",
    "här",
    "också",
    "ofta",
    "alltid",
    "ibland",
    "sällan",
    "stor",
    "liten",
    "ny",
    "gammal",
    "öppen",
    "fri",
    "skyddad",
    "tydlig",
    "enkel",
    "viktig",
    "vanlig",
    "särskild",
    "möjlig",
    "nödvändig",
    "visar",
    "beskriver",
    "förklarar",
    "ger",
    "gör",
    "använder",
    "delar",
    "sparar",
    "hittar",
    "väljer",
    "märker",
    "anger",
    "granskar",
    "läser",
    "skriver",
    "publicerar",
    "digitaliserar",
    "ordnar",
    "bevarar",
    "förmedlar",
    "jämför",
    "prövar",
    "säkerställer",
]
_HEADINGS = (
    "Bakgrund",
    "Så fungerar det",
    "Vanliga frågor",
    "Exempel från verksamheten",
    "Att tänka på",
    "Steg för steg",
    "Fördjupning",
    "Sammanfattning",
    "Ansvar och roller",
    "Praktiska råd",
)


@dataclass(frozen=True)
class CorpusSize:
    courses: int
    lessons_per_course: int

    @property
    def lessons(self) -> int:
        return self.courses * self.lessons_per_course


def write_corpus(content: Path, size: CorpusSize, seed: int = DEFAULT_SEED) -> int:
    """Write `size` courses into `content/`; returns the number of words written in lesson bodies."""
    words = 0
    for course_number in range(1, size.courses + 1):
        rng = random.Random(f"{seed}-{course_number}")
        course_dir = content / f"bench-kurs-{course_number:03d}"
        course_dir.mkdir(parents=True, exist_ok=True)
        (course_dir / "course.yml").write_text(_course_yml(course_number, rng), encoding="utf-8")
        modules = [
            range(start, min(start + LESSONS_PER_MODULE, size.lessons_per_course))
            for start in range(0, size.lessons_per_course, LESSONS_PER_MODULE)
        ]
        for module_number, lessons in enumerate(modules, start=1):
            module_dir = course_dir / f"{module_number:02d}-modul-{module_number}"
            (module_dir / "bilder").mkdir(parents=True, exist_ok=True)
            (module_dir / "module.yml").write_text(
                f"title: Modul {module_number} – {_sentence(rng, 3, 5).rstrip('.')}\nsummary: {_sentence(rng, 10, 16)}\n",
                encoding="utf-8",
            )
            for position, _ in enumerate(lessons, start=1):
                is_last = position == len(lessons)
                body, count = _lesson(rng, module_number, position, None if is_last else _lesson_file(position + 1))
                (module_dir / _lesson_file(position)).write_text(body, encoding="utf-8")
                (module_dir / "bilder" / f"figur-{position:02d}.svg").write_text(_svg(rng, position), encoding="utf-8")
                words += count
    return words


def _lesson_file(position: int) -> str:
    return f"{position:02d}-lektion-{position}.md"


def _course_yml(number: int, rng: random.Random) -> str:
    return (
        f"id: bench-kurs-{number:03d}\n"
        f"title: Testkurs {number} – {_sentence(rng, 3, 5).rstrip('.')}\n"
        f"summary: {_sentence(rng, 14, 22)}\n"
        "language: sv\nversion: 1.0.0\nlicence: CC-BY-4.0\n"
        "authors:\n  - name: Benchmarkredaktionen\n"
        "publisher:\n  name: Testmuseet\n  url: https://example.org/\n"
        "audience: Medarbetare på museer, bibliotek och arkiv\n"
        "level: grundläggande\n"
        'digcomp:\n  version: "2.2"\n  competences: ["2.2", "3.3"]\n'
        "keywords: [benchmark, kulturarv, digitalisering]\n"
    )


def _lesson(rng: random.Random, module: int, position: int, next_lesson: str | None) -> tuple[str, int]:
    title = f"Lektion {module}.{position}: {_sentence(rng, 2, 4).rstrip('.')}"
    sections = rng.sample(_HEADINGS, 5)
    parts = [
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nduration: {rng.randint(5, 15)} min\nobjectives:\n"
        f"  - {_sentence(rng, 5, 9)}\n  - {_sentence(rng, 5, 9)}\n---\n",
        _paragraph(rng, 4),
    ]
    anchor = sections[-1].lower().replace(" ", "-").replace("å", "a").replace("ä", "a").replace("ö", "o")
    for number, heading in enumerate(sections):
        parts.append(f"## {heading}")
        for _ in range(2):
            parts.append(_paragraph(rng, rng.randint(4, 6)))
        if number == 0:
            parts.append("\n".join(f"- {_sentence(rng, 4, 9)}" for _ in range(5)))
            parts.append(f"![{_sentence(rng, 8, 14)}](bilder/figur-{position:02d}.svg)")
        elif number == 1:
            parts.append(f"### {_sentence(rng, 2, 4).rstrip('.')}")
            parts.append("\n".join(f"{item}. {_sentence(rng, 5, 10)}" for item in range(1, 5)))
        elif number == 2:
            parts.append(_table(rng))
        elif number == 3:
            parts.append(f"Läs mer under [{sections[-1]}](#{anchor}).")
    if next_lesson:
        parts.append(f"Fortsätt med [nästa lektion]({next_lesson}).")
    words = sum(len(part.split()) for part in parts[1:])
    return "\n\n".join(parts) + "\n", words


def _sentence(rng: random.Random, shortest: int, longest: int) -> str:
    words = rng.choices(_WORDS, k=rng.randint(shortest, longest))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, 8, 16) for _ in range(sentences))


def _table(rng: random.Random) -> str:
    rows = ["| Begrepp | Betydelse | Exempel |", "|---|---|---|"]
    rows += [f"| {rng.choice(_WORDS)} | {_sentence(rng, 4, 8)} | {_sentence(rng, 2, 5)} |" for _ in range(4)]
    return "\n".join(rows)


def _svg(rng: random.Random, position: int) -> str:
    bars = "".join(
        f'<rect x="{20 + i * 40}" y="{180 - height}" width="30" height="{height}" fill="#2f3f9e"/>'
        for i, height in enumerate(rng.randint(20, 160) for _ in range(8))
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 200" width="360" height="200">'
        f"<title>Figur {position}</title>{bars}</svg>\n"
    )

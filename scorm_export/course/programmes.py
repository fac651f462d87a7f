"""Programmes: `content/program/<name>.yml`, an ordered list of the site's courses with metadata of its own.

    id: basutbildning
    title: Basutbildning
    summary: Två kurser om att publicera kulturarv öppet och tillgängligt.
    audience: Alla medarbetare
    level: grundläggande
    licence: CC-BY-SA-4.0
    version: 1.0.0
    courses: [oppna-licenser, digital-tillganglighet]

A course may belong to several programmes. The programme's licence must let its courses be passed on
under it (course/compatibility.py: the same rule as a file inside a course), so that whoever reuses the
programme under its licence does not break a course's.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Problems
from .compatibility import conflict
from .fields import ID, FieldReader
from .model import Course, Level, Licence, Programme
from .sources import YamlMap, parse_yaml, read_text

FOLDER = "program"  # under content/: the one folder there that is not a course
FIELDS = ["id", "title", "summary", "audience", "level", "licence", "version", "language", "courses"]


def load_programmes(folder: Path, courses: tuple[Course, ...], licences: dict[str, Licence], problems: Problems) -> tuple[Programme, ...]:
    """Every programme in `folder`, in file-name order; each problem reported at its line."""
    if not folder.is_dir():
        return ()
    by_id = {course.id: course for course in courses}
    programmes: list[Programme] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() not in (".yml", ".yaml"):
            problems.error(path, 1, f"i content/{FOLDER}/ ligger bara program, som YAML-filer (.yml) (only programme files here)")
            continue
        programme = _programme(path, by_id, licences, problems)
        if programme is None:
            continue
        if programme.id in seen or programme.id in by_id:
            other = problems.display(seen[programme.id]) if programme.id in seen else f"kursen {programme.id}"
            problems.error(path, 1, f"id '{programme.id}' används redan av {other}; ett program behöver ett eget id (duplicate id)")
            continue
        seen[programme.id] = path
        programmes.append(programme)
    return tuple(programmes)


def _programme(path: Path, courses: dict[str, Course], licences: dict[str, Licence], problems: Problems) -> Programme | None:
    text = read_text(path, problems)
    data = parse_yaml(text, path, problems) if text is not None else None
    if not isinstance(data, YamlMap):
        if data is not None:
            problems.error(
                path,
                1,
                f"{path.name} ska bestå av fält på formen 'namn: värde', t.ex. title: Basutbildning (expected 'name: value' fields)",
            )
        return None
    fields = FieldReader(data, path, problems, path.name)
    programme_id = fields.text("id", required=True, example=path.stem)
    if programme_id and not ID.match(programme_id):
        problems.error(
            path,
            fields.line("id"),
            f"id '{programme_id}' får bara innehålla a–z, 0–9 och bindestreck, t.ex. basutbildning (invalid programme id)",
        )
    title = fields.text("title", required=True, example="Basutbildning")
    summary = fields.text("summary", required=True, example="En mening om programmet.")
    audience = fields.text("audience", required=True, example="Alla medarbetare")
    level = fields.choice("level", [level.value for level in Level], required=True, default=Level.FOUNDATION.value)
    version = fields.version()
    language = fields.text("language", required=False, default="sv")
    licence_id = fields.text("licence", required=True, example="CC-BY-SA-4.0")
    licence = licences.get(licence_id)
    if licence_id and licence is None:
        problems.error(path, fields.line("licence"), f"okänd licens '{licence_id}'; använd en id från licenses/ (unknown licence)")
    chosen = _courses(fields, path, courses, problems)
    if licence is not None:
        for course_id, line in chosen:
            course = courses[course_id]
            why = conflict(licence, course.licence, ("programmets", "the programme's"))
            if why:
                problems.error(
                    path,
                    fields.line("licence"),
                    f"programmet är {licence.short_name} men kursen {course_id} på rad {line} är {course.licence.short_name}: "
                    f"{why[0]}; ge programmet en licens som kursen tillåter, t.ex. {course.licence.short_name} "
                    f"(the programme's licence is more open than the course's: {why[1]})",
                )
    fields.report_unknown(FIELDS)
    if not (programme_id and ID.match(programme_id) and title and licence and chosen and level):
        return None
    return Programme(
        id=programme_id,
        title=title,
        summary=summary,
        audience=audience,
        level=Level(level),
        licence=licence,
        version=version,
        language=language,
        courses=tuple(course_id for course_id, _ in chosen),
        source=problems.display(path),
    )


def _courses(fields: FieldReader, path: Path, courses: dict[str, Course], problems: Problems) -> list[tuple[str, int]]:
    """The programme's course ids that exist, with their lines; unknown and repeated ones are reported."""
    items = fields.items("courses")
    if not items:
        if not fields.has("courses") or fields.raw("courses") == []:
            problems.error(path, fields.line("courses"), "programmet har inga kurser: ange dem med courses: [kurs-id, …] (no course)")
        return []
    chosen: list[tuple[str, int]] = []
    for item, line in items:
        course_id = str(item).strip() if isinstance(item, (str, int)) else ""
        if course_id not in courses:
            known = ", ".join(sorted(courses)) or "inga"
            problems.error(path, line, f"okänd kurs '{course_id}'; kurserna på webbplatsen är: {known} (unknown course id)")
        elif any(course_id == seen for seen, _ in chosen):
            problems.error(path, line, f"kursen {course_id} står två gånger i programmet (a course listed twice)")
        else:
            chosen.append((course_id, line))
    return chosen

"""Every asset's own licence and attribution (TASL), and whether the course may carry it under its licence."""

from __future__ import annotations

import pytest

from scorm_export.course.compatibility import conflict
from scorm_export.course.licences import load_licences
from scorm_export.problems import Problems

from .helpers import COURSE_YML, REPO, lesson, messages, minimal_course

IMAGE = "testkurs/01-forsta/bilder/karta.svg"
TASL = IMAGE + ".yml"
TASL_PATH = "content/" + TASL
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@pytest.fixture(scope="module")
def licences():
    problems = Problems(REPO)
    found = load_licences(REPO / "licenses", problems)
    assert not problems.items, [str(problem) for problem in problems.items]
    return found


def course(licence: str = "CC-BY-4.0", tasl: str | None = None, **extra: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "testkurs/course.yml": COURSE_YML.replace("licence: CC-BY-4.0", f"licence: {licence}"),
        "testkurs/01-forsta/01-intro.md": lesson("Intro", "![Karta över Gotland](bilder/karta.svg)\n"),
        IMAGE: SVG,
        **extra,
    }
    if tasl is not None:
        files[TASL] = tasl
    return minimal_course(**files)


def tasl(licence: str, creators: str = "[Anna Fotograf]", **fields: str) -> str:
    text = f"title: Karta över Gotland\ncreators: {creators}\nlicence: {licence}\n"
    return text + "".join(f"{key}: {value}\n" for key, value in fields.items())


def asset(result):
    (found,) = result.catalogue.courses[0].assets
    return found


# --- authoring: the TASL file and inheritance ------------------------------------------------------------


def test_an_asset_without_a_tasl_file_inherits_the_courses_licence_and_authors(load):
    result = load(course())
    assert not result.problems.items, messages(result)
    credit = asset(result).credit
    assert credit.inherited
    assert credit.licence.id == "CC-BY-4.0"
    assert credit.attribution == "Testredaktionen"
    assert credit.title == "karta.svg"


def test_a_tasl_file_beside_the_asset_gives_title_creators_source_licence_and_changes(load):
    text = (
        "title: Karta över Gotland\n"
        "creators:\n"
        "  - name: Anna Fotograf\n"
        "    url: https://example.org/anna\n"
        "  - Bo Ritare\n"
        "source: https://digitaltmuseum.se/021015563786/karta\n"
        "licence: CC0-1.0\n"
        "changes: beskuren\n"
    )
    result = load(course(tasl=text))
    assert not result.problems.items, messages(result)
    credit = asset(result).credit
    assert not credit.inherited
    assert credit.title == "Karta över Gotland"
    assert [(p.name, p.url) for p in credit.creators] == [("Anna Fotograf", "https://example.org/anna"), ("Bo Ritare", None)]
    assert credit.source == "https://digitaltmuseum.se/021015563786/karta"
    assert credit.licence.id == "CC0-1.0"
    assert credit.changes == "beskuren"
    assert credit.separate_work == ""


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("title: Karta\n", 1, "obligatoriskt fält 'licence'"),
        ("title: Karta\nlicence: CC-BY-9.9\n", 2, "okänd licens 'CC-BY-9.9'"),
        ("title: Karta\nlicence: CC-BY-4.0\n", 2, "CC BY 4.0 kräver att upphovspersonen anges"),
        ("title: Karta\ncreators: []\nlicence: CC-BY-SA-4.0\n", 3, "kräver att upphovspersonen anges"),
        ("title: Karta\ncreators: [A]\nlicence: CC0-1.0\nsource: digitaltmuseum.se/123\n", 4, "'source'"),
        ("title: Karta\ncreators: [A]\nlicence: CC0-1.0\nsource: javascript:alert(1)\n", 4, "'source'"),
        ("title: Karta\ncreators: [A]\nlicence: CC0-1.0\nfotograf: A\n", 4, "fotograf"),
        ("- licence: CC0-1.0\n", 1, "ska bestå av fält"),
    ],
)
def test_a_wrong_tasl_file_is_an_error_at_its_line(load, text, line, fragment):
    result = load(course(tasl=text))
    found = [p for p in result.problems.errors if p.path == TASL_PATH and p.line == line and fragment in p.message]
    assert found, messages(result)


def test_a_tasl_file_for_a_file_that_does_not_exist_is_an_error(load):
    result = load(course(**{"testkurs/01-forsta/bilder/gammal-karta.svg.yml": tasl("CC0-1.0")}))
    (problem,) = result.problems.errors
    assert problem.path == "content/testkurs/01-forsta/bilder/gammal-karta.svg.yml" and problem.line == 1
    assert "hör till gammal-karta.svg, som inte finns" in problem.message


def test_course_and_module_files_are_not_taken_for_tasl_files(load):
    assert not load(course()).problems.items


def test_the_repository_ships_the_rightsstatements_statements_with_swedish_and_english_names(licences):
    for code in ("InC", "InC-EDU", "NoC-NC", "NoC-OKLR", "CNE"):
        statement = licences[f"RS-{code}-1.0"]
        assert statement.kind == "statement"
        assert statement.name_sv and statement.name_en and statement.name_sv != statement.name_en
        assert statement.legal_code == f"https://rightsstatements.org/vocab/{code}/1.0/"
        assert statement.deed == f"https://rightsstatements.org/page/{code}/1.0/"
        assert not statement.is_free_cultural


# --- compatibility: every rule, its message and its line ---------------------------------------------------

FITS = [
    ("CC-BY-4.0", "CC0-1.0"),
    ("CC-BY-4.0", "CC-PDM-1.0"),
    ("CC-BY-4.0", "CC-BY-4.0"),
    ("CC-BY-SA-4.0", "CC-BY-4.0"),
    ("CC-BY-SA-4.0", "CC-BY-SA-4.0"),
    ("CC-BY-NC-4.0", "CC-BY-4.0"),
    ("CC-BY-NC-4.0", "CC-BY-NC-4.0"),
    ("CC-BY-NC-SA-4.0", "CC-BY-NC-4.0"),
    ("CC-BY-NC-SA-4.0", "CC-BY-NC-SA-4.0"),
    ("CC-BY-ND-4.0", "CC-BY-ND-4.0"),
    ("CC-BY-NC-ND-4.0", "CC-BY-NC-ND-4.0"),
    ("CC0-1.0", "CC0-1.0"),
    ("CC0-1.0", "CC-PDM-1.0"),
]

CONFLICTS = [
    # (course, asset, what the message says, in Swedish)
    ("CC-BY-4.0", "RS-InC-1.0", "inte öppet licensierad"),
    ("CC-BY-SA-4.0", "RS-InC-EDU-1.0", "inte öppet licensierad"),
    ("CC0-1.0", "RS-NoC-NC-1.0", "inte öppet licensierad"),
    ("CC-BY-4.0", "RS-NoC-OKLR-1.0", "inte öppet licensierad"),
    ("CC-BY-NC-4.0", "RS-CNE-1.0", "inte öppet licensierad"),
    ("CC-BY-4.0", "CC-BY-ND-4.0", "får inte bearbetas (ND)"),
    ("CC-BY-SA-4.0", "CC-BY-NC-ND-4.0", "får inte bearbetas (ND)"),
    ("CC0-1.0", "CC-BY-4.0", "kräver erkännande (BY)"),
    ("CC-PDM-1.0", "CC-BY-SA-4.0", "kräver erkännande (BY)"),
    ("CC-BY-4.0", "CC-BY-NC-4.0", "får inte användas kommersiellt (NC)"),
    ("CC-BY-SA-4.0", "CC-BY-NC-4.0", "får inte användas kommersiellt (NC)"),
    ("CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "får inte användas kommersiellt (NC)"),
    ("CC-BY-4.0", "CC-BY-SA-4.0", "delas under samma licens (CC BY-SA 4.0)"),
    ("CC-BY-NC-4.0", "CC-BY-SA-4.0", "delas under samma licens"),
    ("CC-BY-NC-SA-4.0", "CC-BY-SA-4.0", "delas under samma licens"),
    ("CC-BY-4.0", "CC-BY-NC-SA-4.0", "får inte användas kommersiellt (NC)"),
]


@pytest.mark.parametrize(("course_licence", "asset_licence"), FITS)
def test_an_asset_whose_terms_the_course_licence_keeps_fits(licences, load, course_licence, asset_licence):
    assert conflict(licences[course_licence], licences[asset_licence]) is None
    result = load(course(course_licence, tasl(asset_licence)))
    assert not result.problems.items, messages(result)


@pytest.mark.parametrize(("course_licence", "asset_licence", "reason"), CONFLICTS)
def test_an_asset_more_restricted_than_the_course_is_an_error_naming_both_licences_and_why(
    licences, load, course_licence, asset_licence, reason
):
    assert conflict(licences[course_licence], licences[asset_licence]) is not None
    result = load(course(course_licence, tasl(asset_licence)))
    (problem,) = result.problems.errors
    assert (problem.path, problem.line) == (TASL_PATH, 3)  # the licence line
    course_name, asset_name = licences[course_licence].short_name, licences[asset_licence].short_name
    assert problem.message.startswith(f"karta.svg är {asset_name} men kursen är {course_name}: "), problem.message
    assert reason in problem.message
    assert "den som återanvänder kursen enligt dess licens skulle bryta mot villkoren för karta.svg" in problem.message
    assert "separate_work" in problem.message


def test_a_separate_work_is_published_under_its_own_terms_with_its_reason(load):
    reason = "Fotografiet används med tillstånd och omfattas inte av kursens licens."
    result = load(course("CC-BY-4.0", tasl("RS-InC-1.0", separate_work=reason)))
    assert not result.problems.items, messages(result)
    found = result.catalogue.courses[0]
    assert asset(result).credit.separate_work == reason
    assert found.separate_works == (asset(result),)
    assert not found.is_free_cultural_work


def test_separate_work_needs_a_reason_and_is_only_a_warning_where_the_licence_fits(load):
    result = load(course("CC-BY-4.0", tasl("RS-InC-1.0", separate_work="true")))
    assert any(p.line == 4 and "separate_work ska vara skälet" in p.message for p in result.problems.errors), messages(result)
    result = load(course("CC-BY-4.0", tasl("CC0-1.0", separate_work="Av vana")))
    assert not result.problems.errors
    (warning,) = result.problems.items
    assert (warning.path, warning.line) == (TASL_PATH, 4) and "separate_work behövs inte" in warning.message


@pytest.mark.parametrize(
    ("course_licence", "asset_licence", "free"),
    [("CC-BY-4.0", "CC0-1.0", True), ("CC-BY-SA-4.0", "CC-BY-4.0", True), ("CC-BY-NC-4.0", "CC-BY-4.0", False)],
)
def test_a_course_is_a_free_cultural_work_only_when_it_and_every_part_are(load, course_licence, asset_licence, free):
    result = load(course(course_licence, tasl(asset_licence)))
    assert result.catalogue.courses[0].is_free_cultural_work is free


def test_check_says_how_many_files_inherit_the_courses_licence(load):
    from scorm_export.cli import credits_summary

    result = load(
        course(
            "CC-BY-4.0",
            tasl("RS-InC-1.0", separate_work="Med tillstånd."),
            **{"testkurs/01-forsta/02-mer.md": lesson("Mer", "![Ruta](bilder/ruta.svg)\n"), "testkurs/01-forsta/bilder/ruta.svg": SVG},
        )
    )
    assert not result.problems.errors, messages(result)
    assert credits_summary(result.catalogue) == (
        "Källangivelser: 1 av 2 filer har en egen (TASL-fil bredvid filen); 1 ärver kursens licens och upphovspersoner."
        " 1 publiceras under egna villkor (separate_work)."
    )

"""The loader's rules: every problem in content/ is reported with its file, its line and a Swedish message."""

from __future__ import annotations

import os

import pytest

from scorm_export.build import build
from scorm_export.course.loader import LoadResult, load_project

from .helpers import COURSE_YML, lesson, messages, minimal_course, write_project

COURSE = "content/testkurs/course.yml"
MODULE = "content/testkurs/01-forsta/module.yml"
INTRO = "content/testkurs/01-forsta/01-intro.md"
INTRO_FILE = "testkurs/01-forsta/01-intro.md"


def line_of(text: str | bytes, needle: str | bytes) -> int:
    """The 1-based line of the first line of `text` that contains `needle`."""
    lines = text.split(b"\n" if isinstance(text, bytes) else "\n")
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def assert_problem(result: LoadResult, path: str, line: int, fragment: str) -> None:
    """One of the problems is at path:line and its message contains `fragment`."""
    found = [p for p in result.problems.items if p.path == path and p.line == line and fragment in p.message]
    assert found, f"väntade {path}:{line}: ...{fragment}... bland:\n" + "\n".join(messages(result))


def course_yml_without(field: str) -> str:
    """COURSE_YML without one top-level field and its indented lines."""
    kept, skipping = [], False
    for text in COURSE_YML.splitlines(keepends=True):
        if not text.startswith(" "):
            skipping = text.startswith(f"{field}:")
        if not skipping:
            kept.append(text)
    return "".join(kept)


def with_intro(body: str) -> dict[str, str]:
    return minimal_course(**{INTRO_FILE: lesson("Intro", body)})


# --- YAML syntax ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "needle"),
    [
        ("testkurs/course.yml", COURSE_YML.replace("summary: En liten kurs", "summary: En: liten kurs"), "summary:"),
        ("testkurs/01-forsta/module.yml", "title: Första modulen\nsummary: Om: allt\n", "summary:"),
        (INTRO_FILE, "---\ntitle: Intro\nduration: 5 min: ungefär\n---\n\nText.\n", "duration:"),
    ],
    ids=["course.yml", "module.yml", "front matter"],
)
def test_yaml_syntax_error_is_reported_at_the_line_of_the_error(load, name, text, needle):
    result = load(minimal_course(**{name: text}))

    assert_problem(result, f"content/{name}", line_of(text, needle), "sätt texten inom citattecken")


# --- required and typed fields -------------------------------------------------------------


@pytest.mark.parametrize("field", ["id", "title", "summary", "version", "licence", "authors", "publisher", "audience", "level"])
def test_missing_course_field_is_reported_with_file_and_line(load, field):
    result = load(minimal_course(**{"testkurs/course.yml": course_yml_without(field)}))

    # an absent field has no line of its own: it is reported where the fields start
    assert_problem(result, COURSE, 1, f"obligatoriskt fält '{field}' saknas i course.yml")


def test_missing_lesson_title_is_reported_where_the_front_matter_starts(load):
    text = "---\nduration: 5 min\n---\n\nText.\n"

    result = load(minimal_course(**{INTRO_FILE: text}))

    assert_problem(result, INTRO, line_of(text, "---") + 1, "obligatoriskt fält 'title' saknas i front matter")


def test_a_lesson_without_duration_gets_its_reading_time(load):
    words = " ".join(["ord"] * 400)  # 400 words at 180 a minute: 2.2 minutes, so 3
    result = load(minimal_course(**{INTRO_FILE: f"---\ntitle: Intro\n---\n\n{words}\n"}))

    assert not result.problems.has_errors, messages(result)
    assert result.catalogue.courses[0].lessons[0].duration_minutes == 3


def test_empty_required_field_is_reported_on_its_own_line(load):
    text = COURSE_YML.replace("summary: En liten kurs för tester.", "summary:")

    result = load(minimal_course(**{"testkurs/course.yml": text}))

    assert_problem(result, COURSE, line_of(text, "summary:"), "obligatoriskt fält 'summary' saknas")


def test_empty_author_list_is_reported_as_missing_authors(load):
    text = COURSE_YML.replace("authors:\n  - name: Testredaktionen\n", "authors: []\n")

    result = load(minimal_course(**{"testkurs/course.yml": text}))

    assert_problem(result, COURSE, line_of(text, "authors:"), "obligatoriskt fält 'authors' saknas")


def test_publisher_without_a_name_is_reported_as_the_publisher(load):
    text = COURSE_YML.replace("publisher:\n  name: Testmuseet\n  url: https://example.org/\n", "publisher: [Testmuseet]\n")

    result = load(minimal_course(**{"testkurs/course.yml": text}))

    assert_problem(result, COURSE, line_of(text, "publisher:"), "utgivaren ska ha ett namn")


@pytest.mark.parametrize(
    ("name", "field", "value", "fragment"),
    [
        ("testkurs/course.yml", "version", "1.0", "'version' ska vara ett versionsnummer med tre delar"),
        ("testkurs/course.yml", "keywords", "text", "'keywords' ska vara en lista"),
        ("testkurs/course.yml", "title", "[Test, kurs]", "'title' ska vara text"),
        ("testkurs/course.yml", "level", "expert", "'level' måste vara ett av: grundläggande"),
        ("testkurs/course.yml", "digcomp", "ja", "'digcomp' ska bestå av underfält"),
        (INTRO_FILE, "duration", "soon", "'duration' förstås inte: 'soon'"),
        (INTRO_FILE, "duration", "[5 min]", "'duration' ska vara en tid som text"),
    ],
    ids=["version float", "keywords text", "title list", "level unknown", "digcomp text", "duration soon", "duration list"],
)
def test_wrongly_typed_field_is_reported_at_its_line(load, name, field, value, fragment):
    original = COURSE_YML if name.endswith("course.yml") else lesson("Intro")
    text = "".join(f"{field}: {value}\n" if line.startswith(f"{field}:") else line for line in original.splitlines(keepends=True))
    if field == "digcomp":
        text = course_yml_without("digcomp") + f"digcomp: {value}\n"
    assert text != original

    result = load(minimal_course(**{name: text}))

    assert_problem(result, f"content/{name}", line_of(text, f"{field}: {value}"), fragment)


@pytest.mark.parametrize(
    ("name", "text", "typo", "suggestion"),
    [
        ("testkurs/course.yml", COURSE_YML + "sumary: Dubbelt\n", "sumary", "summary"),
        ("testkurs/01-forsta/module.yml", "title: Första modulen\ntitel: Första\n", "titel", "title"),
        (INTRO_FILE, "---\ntitle: Intro\nduration: 5 min\nobjektives: [Läsa]\n---\n", "objektives", "objectives"),
    ],
    ids=["course.yml", "module.yml", "front matter"],
)
def test_unknown_field_is_reported_with_a_suggestion(load, name, text, typo, suggestion):
    result = load(minimal_course(**{name: text}))

    assert_problem(result, f"content/{name}", line_of(text, f"{typo}:"), f"okänt fält '{typo}'")
    assert_problem(result, f"content/{name}", line_of(text, f"{typo}:"), f"menade du '{suggestion}'?")


# --- licences and DigComp -------------------------------------------------------------------


def test_missing_licence_is_reported_with_file_and_line(load):
    result = load(minimal_course(**{"testkurs/course.yml": course_yml_without("licence")}))

    assert_problem(result, COURSE, 1, "obligatoriskt fält 'licence' saknas")
    assert result.catalogue.courses == ()


def test_unknown_licence_is_reported_with_file_and_line(load):
    text = COURSE_YML.replace("licence: CC-BY-4.0", "licence: CC-BY-5.0")

    result = load(minimal_course(**{"testkurs/course.yml": text}))

    assert_problem(result, COURSE, line_of(text, "licence:"), "okänd licens 'CC-BY-5.0'")
    assert_problem(result, COURSE, line_of(text, "licence:"), "CC-BY-SA-4.0")  # the known ids are listed


def test_licence_file_without_conditions_is_reported(tmp_path, renderer):
    project = write_project(tmp_path / "project", minimal_course())
    licence = project.licences / "CC-BY-4.0.yml"
    text = licence.read_text(encoding="utf-8").replace("conditions: [BY]\n", "")
    licence.write_text(text, encoding="utf-8")

    result = load_project(project, renderer)

    assert_problem(result, "licenses/CC-BY-4.0.yml", line_of(text, "id:"), "obligatoriskt fält 'conditions' saknas")


@pytest.mark.parametrize("competence", ["6.1", "3.5", "tre"])
def test_unknown_digcomp_competence_is_reported(load, competence):
    text = COURSE_YML.replace('competences: ["3.3"]', f'competences: ["3.3", "{competence}"]')

    result = load(minimal_course(**{"testkurs/course.yml": text}))

    assert_problem(result, COURSE, line_of(text, "competences:"), f"'{competence}' är ingen DigComp-kompetens")


# --- course structure ------------------------------------------------------------------------


def test_a_copied_course_folder_gets_the_duplicate_id_error_not_the_course_it_was_copied_from(load):
    copy = {name.replace("testkurs/", "kopia/", 1): text for name, text in minimal_course().items()}

    result = load({**minimal_course(), **copy})

    # kopia/ comes first in name order, but testkurs/ is named after the id: the copy is the course that was added
    assert_problem(
        result, "content/kopia/course.yml", line_of(COURSE_YML, "id:"), "kurs-id 'testkurs' används redan av content/testkurs/course.yml"
    )
    assert_problem(result, "content/kopia/course.yml", line_of(COURSE_YML, "id:"), "t.ex. id: kopia")
    assert not [p for p in result.problems.items if p.path == COURSE], messages(result)


def test_the_published_course_keeps_its_id_when_a_folder_named_after_it_is_added(tmp_path, renderer):
    project = write_project(tmp_path / "p", {name.replace("testkurs/", "gammal/", 1): text for name, text in minimal_course().items()})
    assert build(project).written
    added = {name: text.replace("Text om", "Ny text om") for name, text in minimal_course().items()}
    for name, text in added.items():
        (project.content / name).parent.mkdir(parents=True, exist_ok=True)
        (project.content / name).write_text(text, encoding="utf-8")

    result = load_project(project, renderer)

    # testkurs/ is named after the id, but gammal/ is what the published site has under it
    assert_problem(result, COURSE, line_of(COURSE_YML, "id:"), "används redan av content/gammal/course.yml")
    assert not [p for p in result.problems.items if p.path == "content/gammal/course.yml"], messages(result)


def test_two_lessons_with_the_same_slug_in_one_module_are_reported(load):
    result = load(minimal_course(**{"testkurs/01-forsta/02-Intro.md": lesson("Intro igen")}))

    assert_problem(result, "content/testkurs/01-forsta/02-Intro.md", 1, f"samma adress 'intro' som {INTRO}")


def test_two_modules_with_the_same_slug_are_reported(load):
    result = load(
        minimal_course(
            **{
                "testkurs/02-Forsta/module.yml": "title: Första igen\n",
                "testkurs/02-Forsta/01-annan.md": lesson("Annan"),
            }
        )
    )

    assert_problem(result, "content/testkurs/02-Forsta", 1, "samma adress 'forsta' som content/testkurs/01-forsta")


def test_module_without_lessons_is_reported(load):
    result = load(minimal_course(**{"testkurs/02-tom/module.yml": "title: Tom modul\n"}))

    assert_problem(result, "content/testkurs/02-tom/module.yml", 1, "modulen 02-tom/ har inga lektioner")


def test_course_without_lessons_is_reported(load):
    result = load({"testkurs/course.yml": COURSE_YML})

    assert_problem(result, COURSE, 1, "kursen har inga lektioner")


def test_lesson_directly_in_the_course_folder_is_reported(load):
    result = load(minimal_course(**{"testkurs/lös-lektion.md": lesson("Lös")}))

    assert_problem(result, "content/testkurs/lös-lektion.md", 1, "lektioner ska ligga i en modulmapp")


def test_hidden_files_in_a_module_are_not_lessons(load):
    result = load(minimal_course(**{"testkurs/01-forsta/._01-intro.md": b"\x00\x05\x16\x07\xff"}))

    assert messages(result) == []
    assert [lesson.key for lesson in result.catalogue.courses[0].lessons] == ["forsta/intro", "forsta/mer"]


@pytest.mark.parametrize(
    "name",
    ["testkurs/course.yml", "testkurs/01-forsta/module.yml", INTRO_FILE],
)
def test_file_that_is_not_utf8_is_reported_at_the_line_of_the_bad_byte(load, name):
    data = (COURSE_YML if name.endswith("course.yml") else "title: Första\n" if name.endswith("module.yml") else lesson("Intro")).encode()
    data += b"# Text \xff\xfe i Latin-1\n"

    result = load(minimal_course(**{name: data}))

    assert_problem(result, f"content/{name}", line_of(data, b"\xff\xfe"), "filen är inte UTF-8-kodad")


# --- links and images ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "fragment"),
    [
        ("Läs [nästa](03-saknas.md).", "pekar på en fil som inte finns: content/testkurs/01-forsta/03-saknas.md"),
        ("Läs [mer](02-mer.md#finns-inte).", "pekar på en rubrik (#finns-inte) som inte finns i content/testkurs/01-forsta/02-mer.md"),
        ("Gå [upp](#finns-inte).", "pekar på en rubrik som inte finns i lektionen"),
        ("![Diagram](bilder/saknas.png)", "bilden 'bilder/saknas.png' pekar på en fil som inte finns"),
        ("Se [hemligt](../../../hemlig.txt).", "pekar utanför content/"),
        ("![Lösenord](../../../../../../../../../../etc/passwd)", "pekar utanför content/"),
        ("Se [lösenord](/etc/passwd).", "'/etc/passwd' är en absolut sökväg"),
        ("Se [kod](javascript:alert(1)).", "använder ett adressformat som inte stöds"),
        ("Se [modulen](module.yml).", "som inte är en lektion eller en fil att publicera"),
        ('<img src="bilder/saknas.png" alt="Diagram">', "bilden 'bilder/saknas.png' pekar på en fil som inte finns"),
        ('Se <a href="../../../hemlig.txt">hemligt</a>.', "pekar utanför content/"),
    ],
    ids=[
        "missing lesson",
        "missing heading",
        "missing own heading",
        "missing image",
        "traversal link",
        "traversal image",
        "absolute path",
        "javascript",
        "not a lesson",
        "raw html image",
        "raw html link",
    ],
)
def test_link_or_image_that_cannot_be_followed_is_reported_at_its_line(load, markdown, fragment):
    body = f"\n## Rubrik\n\n{markdown}\n"

    result = load(with_intro(body))

    assert_problem(result, INTRO, line_of(lesson("Intro", body), markdown), fragment)


def test_image_without_alt_text_is_reported(load):
    body = "\nEn bild:\n\n![](bild.png)\n"

    result = load({**with_intro(body), "testkurs/01-forsta/bild.png": b"\x89PNG\r\n\x1a\n"})

    assert_problem(result, INTRO, line_of(lesson("Intro", body), "![](bild.png)"), "saknar alt-text")


def test_symlink_inside_content_pointing_outside_is_reported(tmp_path, renderer):
    outside = tmp_path / "utanfor.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    body = "\n![Hemlig bild](hemlig.png)\n"
    project = write_project(tmp_path / "project", with_intro(body))
    os.symlink(outside, project.content / "testkurs/01-forsta/hemlig.png")

    result = load_project(project, renderer)

    assert_problem(result, "content/testkurs/01-forsta/hemlig.png", 1, "symbolisk länk pekar utanför content/")
    assert_problem(result, INTRO, line_of(lesson("Intro", body), "hemlig.png"), "pekar utanför content/")
    assert all(asset.data != outside.read_bytes() for asset in result.catalogue.courses[0].assets)


def test_link_to_another_course_is_rejected(load):
    body = "\nSe [den andra kursen](../../annan/01-a/01-a.md).\n"
    other = {
        "annan/course.yml": COURSE_YML.replace("id: testkurs", "id: annan"),
        "annan/01-a/01-a.md": lesson("A"),
    }

    result = load({**with_intro(body), **other})

    assert_problem(result, INTRO, line_of(lesson("Intro", body), "annan/01-a"), "pekar på en annan kurs")


def test_broken_link_is_reported_on_its_own_line_not_inside_a_longer_url(load):
    body = "\nLäs [mer](02-mer.md).\n\nLäs [fel](mer.md).\n"

    result = load(with_intro(body))

    assert_problem(result, INTRO, line_of(lesson("Intro", body), "[fel]"), "'mer.md' pekar på en fil som inte finns")


def test_broken_link_after_a_reference_style_link_is_reported_on_its_own_line(load):
    body = "\nLäs [mer][def].\n\nLäs [fel](saknas.md).\n\n[def]: 02-mer.md\n"

    result = load(with_intro(body))

    assert_problem(result, INTRO, line_of(lesson("Intro", body), "[fel]"), "'saknas.md' pekar på en fil som inte finns")


# --- one run reports everything ----------------------------------------------------------------


def test_all_problems_of_a_tree_are_reported_in_one_run(load):
    course = COURSE_YML.replace("licence: CC-BY-4.0", "licence: CC-BY-5.0")
    intro = lesson("Intro", "\nLäs [nästa](03-saknas.md).\n")
    files = minimal_course(
        **{
            "testkurs/course.yml": course,
            INTRO_FILE: intro,
            "testkurs/01-forsta/02-mer.md": "---\nduration: 5 min\n---\n",
            "testkurs/01-forsta/03-Intro.md": lesson("Intro igen"),
            "testkurs/02-tom/module.yml": "title: Tom\n",
        }
    )

    result = load(files)

    assert_problem(result, COURSE, line_of(course, "licence:"), "okänd licens 'CC-BY-5.0'")
    assert_problem(result, INTRO, line_of(intro, "03-saknas.md"), "pekar på en fil som inte finns")
    assert_problem(result, "content/testkurs/01-forsta/02-mer.md", 2, "obligatoriskt fält 'title' saknas")
    assert_problem(result, "content/testkurs/01-forsta/03-Intro.md", 1, "samma adress 'intro'")
    assert_problem(result, "content/testkurs/02-tom/module.yml", 1, "har inga lektioner")
    assert len(result.problems.errors) == 5


# --- malformed input never raises --------------------------------------------------------------

BOMB = "".join(f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]\n" if n else "a0: &a0 [x, x]\n" for n in range(40))


@pytest.mark.parametrize(
    ("name", "data", "needle", "fragment"),
    [
        ("testkurs/course.yml", "- id: testkurs\n- title: Testkurs\n", "- id", "course.yml ska bestå av fält"),
        ("testkurs/course.yml", "bara en mening\n", "bara", "course.yml ska bestå av fält"),
        ("testkurs/course.yml", "", "", "obligatoriskt fält 'id' saknas"),
        ("testkurs/course.yml", b"\x00\x01\x02\xff\xfe", b"\xff", "inte UTF-8-kodad"),
        ("testkurs/course.yml", COURSE_YML + "updated: 2024-13-45\n", "updated:", "okänt fält 'updated'"),
        ("testkurs/course.yml", COURSE_YML + "x: !!int abc\n", "x: !!int", "okänt fält 'x'"),
        (
            "testkurs/course.yml",
            COURSE_YML.replace("keywords: [test]", "keywords: &k [*k]"),
            "keywords:",
            "'keywords': varje punkt ska vara en text",
        ),
        ("testkurs/course.yml", COURSE_YML + "? !!map x\n: y\n", "? !!map", "okänt fält 'x'"),
        ("testkurs/course.yml", COURSE_YML + BOMB + "duration: *a39\n", "duration:", "'duration' ska vara en tid som text"),
        ("testkurs/01-forsta/module.yml", "- Första\n- Andra\n", "- Första", "module.yml ska bestå av fält"),
        (INTRO_FILE, "---", "---", "front matter avslutas aldrig"),
        (INTRO_FILE, "---\n---\n", "---", "obligatoriskt fält 'title' saknas"),
        (INTRO_FILE, "", "", "lektionen saknar front matter"),
        (INTRO_FILE, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x89", "inte UTF-8-kodad"),
        (INTRO_FILE, "---\nbara en mening\n---\n\nText.\n", "bara", "front matter måste vara fält"),
        (INTRO_FILE, "---\n[title, duration]: 1\n---\n", "[title", "okänt fält '[title, duration]'"),
        (INTRO_FILE, "---\ntitle: Intro\nduration: " + "9" * 400 + " h\n---\n", "duration:", "'duration' förstås inte"),
        (INTRO_FILE, lesson("Intro", "\n<![foo[ x ]]>\n\n[saknas](saknas.md)\n"), "[saknas]", "pekar på en fil som inte finns"),
    ],
    ids=[
        "course.yml list",
        "course.yml scalar",
        "course.yml empty",
        "course.yml binary",
        "impossible date",
        "bad tagged int",
        "self-referencing alias",
        "unhashable key",
        "billion laughs",
        "module.yml list",
        "only ---",
        "empty front matter",
        "empty lesson",
        "binary lesson",
        "scalar front matter",
        "list as key",
        "endless duration",
        "malformed raw html",
    ],
)
def test_malformed_input_is_reported_and_never_raises(load, name, data, needle, fragment):
    result = load(minimal_course(**{name: data}))

    assert_problem(result, f"content/{name}", line_of(data, needle), fragment)

"""Messages an author who is no programmer understands, and material from other tools brought in: YAML mistakes
explained, one piece of advice for a version, "menade du …?", a title taken from the first heading, and warnings
(never errors) for other tools' syntax and fields."""

from __future__ import annotations

import pytest

from .helpers import COURSE_YML, lesson, messages, minimal_course

INTRO_FILE = "testkurs/01-forsta/01-intro.md"
INTRO = "content/" + INTRO_FILE
COURSE = "content/testkurs/course.yml"


def problems_at(result, path: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity.value, p.message) for p in result.problems.items if p.path == path]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("text", "needle", "advice"),
    [
        ("---\ntitle: Intro\n\tduration: 5 min\n---\n\nText.\n", "\tduration", "tabbtecken"),
        ("---\ntitle: Intro\nobjectives:\n\t- Läsa\n---\n\nText.\n", "\t- Läsa", "tabbtecken"),
        ("---\ntitle: Del 1: Intro\nduration: 5 min\n---\n\nText.\n", "title: Del", "sätt texten inom citattecken"),
        ('---\ntitle: "Intro\nduration: 5 min\n---\n\nText.\n', 'title: "', "öppnas men stängs aldrig"),
    ],
    ids=["tab", "tab in a list", "colon", "unclosed quote"],
)
def test_yaml_mistakes_are_explained_at_their_line(load, text, needle, advice):
    result = load(minimal_course(**{INTRO_FILE: text}))

    found = problems_at(result, INTRO)
    assert any(line == line_of(text, needle) and advice in message for line, _, message in found), messages(result)


@pytest.mark.parametrize("version", ["1.0", "2", "1.0.x"])
def test_a_version_gets_one_piece_of_advice(load, version):
    result = load(minimal_course(**{"testkurs/course.yml": COURSE_YML.replace("version: 1.0.0", f"version: {version}")}))

    about_version = [message for _, _, message in problems_at(result, COURSE) if "version" in message]
    assert about_version == [
        f"'version' ska vara ett versionsnummer med tre delar, t.ex. version: 1.0.0 (fick {version}) (expected e.g. 1.0.0)"
    ]


def test_a_missing_file_suggests_the_closest_name(load):
    result = load(minimal_course(**{INTRO_FILE: lesson("Intro", "\nLäs [mer](02-mre.md) och [annat](helt-annat.md).\n")}))

    found = [message for _, _, message in problems_at(result, INTRO)]
    assert any("'02-mre.md'" in message and 'menade du "02-mer.md"?' in message for message in found), found
    assert any("'helt-annat.md'" in message and "menade du" not in message for message in found), found


def test_the_first_heading_is_the_title_when_the_front_matter_has_none(load):
    text = "---\nduration: 5 min\n---\n\n# Om upphovsrätt\n\nText.\n"

    result = load(minimal_course(**{INTRO_FILE: text}))

    assert not result.problems.has_errors, messages(result)
    intro = result.catalogue.courses[0].lessons[0]
    assert intro.title == "Om upphovsrätt"
    assert "<h1" not in intro.html and "Om upphovsrätt" not in intro.html  # not shown twice
    assert not result.problems.items, messages(result)  # and not taken for a heading that repeats the title


def test_without_a_duration_the_time_is_estimated_and_marked_so(load):
    result = load(minimal_course(**{INTRO_FILE: "---\ntitle: Intro\n---\n\nText.\n"}))

    intro = result.catalogue.courses[0].lessons[0]
    assert (intro.duration_minutes, intro.duration_estimated) == (1, True)
    assert result.catalogue.courses[0].lessons[1].duration_estimated is False


FOREIGN = """
::: callout
En ruta i Pandoc.
:::

Ett [begrepp]{#begrepp} och en sidbrytning \\pagebreak här.

```latex
\\pagebreak inside a code block is fine
```
"""


def test_other_tools_syntax_is_a_warning_at_its_line_and_never_an_error(load):
    text = lesson("Intro", FOREIGN)

    result = load(minimal_course(**{INTRO_FILE: text}))

    assert not result.problems.has_errors, messages(result)
    warnings = [(line, message) for line, severity, message in problems_at(result, INTRO) if severity == "warning"]
    lines = [line for line, _ in warnings]
    assert lines == [line_of(text, "::: callout"), line_of(text, ":::\n\nEtt"), line_of(text, "Ett ["), line_of(text, "Ett [")]
    assert "Pandoc-block" in warnings[0][1] and "Pandoc-span" in warnings[2][1] and "LaTeX" in warnings[3][1]


def test_a_heading_that_repeats_the_title_is_a_warning(load):
    text = "---\ntitle: Intro\nduration: 5 min\n---\n\n# Intro\n\nText.\n"

    result = load(minimal_course(**{INTRO_FILE: text}))

    assert [(line, severity) for line, severity, message in problems_at(result, INTRO) if "upprepar" in message] == [(6, "warning")]


def test_front_matter_of_other_tools_is_a_warning_each_but_a_typo_is_an_error(load):
    text = "---\ntitle: Intro\nduration: 5 min\nteaching: 10\nexercises: 5\nobjektives: [Läsa]\n---\n\nText.\n"

    result = load(minimal_course(**{INTRO_FILE: text}))

    found = problems_at(result, INTRO)
    assert [(line, severity) for line, severity, message in found if "annat verktyg" in message] == [(4, "warning"), (5, "warning")]
    assert any(line == 6 and severity == "error" and "menade du 'objectives'" in message for line, severity, message in found)


def test_a_lesson_may_be_a_folder_with_its_images_beside_it(load):
    files = minimal_course(
        **{
            "testkurs/01-forsta/03-mapp/index.md": lesson("Mapp", "\n![En ruta](ruta.svg)\n\n[Intro](../01-intro.md)\n"),
            "testkurs/01-forsta/03-mapp/ruta.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
            INTRO_FILE: lesson("Intro", "\nSe [mappen](03-mapp/) och [dess fil](03-mapp/index.md).\n"),
        }
    )

    result = load(files)

    assert not result.problems.has_errors, messages(result)
    course = result.catalogue.courses[0]
    assert [lesson.key for lesson in course.lessons] == ["forsta/intro", "forsta/mer", "forsta/mapp"]
    assert [(ref.kind.value, ref.target) for ref in course.lessons[0].references] == [("lesson", "forsta/mapp")] * 2
    assert [asset.path for asset in course.assets_of(course.lessons[2])] == ["forsta/03-mapp/ruta.svg"]

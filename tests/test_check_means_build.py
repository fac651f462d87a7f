"""`check` passing means `build` succeeds, for any text an author can put in any field or file name.

Hypothesis generates small course trees with arbitrary Unicode (control characters, surrogates
escaped in YAML, markup, Markdown) in every field, in a lesson body, in a changelog and in a file name, and asserts:
`check` never raises; when it finds no error, `build` writes the site; when it finds errors, every
problem has a path and a line. The seed is fixed (derandomize) so CI runs the same examples every time.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from scorm_export.build import build, check

from .helpers import minimal_course, write_project

# Text of every kind: the whole of Unicode including controls and surrogates, plus markup that has broken builds
_TRICKY = st.sampled_from(
    [
        "\x00",
        "\x0b",
        "\ufffe",
        "\ud800",
        "\x85",
        "<script>",
        "]]>",
        "&",
        '"',
        "'",
        "{{",
        "{%",
        "#",
        "*",
        "[x](y)",
        "\n",
        "\t",
        ":",
        "- ",
        "!!python/object",
        "&a",
        "| t |",
        "<!--",
        "`",
        "\\",
        "\u2028",
        "\U0010ffff",
    ]
)
_VISIBLE = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=8)  # what editors show
TEXT = st.lists(st.one_of(_VISIBLE, _VISIBLE, st.text(max_size=8), _TRICKY), max_size=5).map("".join)
FIELDS = ("title", "summary", "audience", "author", "publisher", "module_title", "lesson_title", "objective", "keyword")


def _yaml(value: str, raw: bool) -> str:
    # JSON strings are YAML double-quoted strings: their escapes reach any code point; raw text tests the parser
    return value if raw else json.dumps(value)


def _file_name(text: str) -> str | None:
    name = text.replace("/", "").replace("\x00", "")
    try:
        encoded = os.fsencode(name)  # '\udce5' is how Python shows a byte that is not UTF-8: a real case
    except UnicodeEncodeError:
        return None
    return None if name in ("", ".", "..") or len(encoded) > 200 else name


@st.composite
def course_trees(draw) -> dict[str, str]:
    # a few fields at a time get arbitrary text, so that both check's errors and real builds are explored
    values = {
        field: draw(st.one_of(st.just(f"Vanlig {field}"), TEXT) if draw(st.integers(0, 3)) == 0 else st.just(f"Vanlig {field}"))
        for field in FIELDS
    }
    # mostly quoted, so that many trees pass check and are built; sometimes raw, to reach the YAML parser
    raw = {field: draw(st.sampled_from([False, False, False, True])) for field in FIELDS}
    y = {field: _yaml(values[field], raw[field]) for field in FIELDS}
    course = f"""\
id: testkurs
title: {y["title"]}
summary: {y["summary"]}
language: sv
version: 1.0.0
licence: CC-BY-4.0
authors:
  - name: {y["author"]}
publisher:
  name: {y["publisher"]}
audience: {y["audience"]}
level: grundläggande
keywords: [{y["keyword"]}]
objectives: [{y["objective"]}]
"""
    body = draw(TEXT).replace("\ud800", "")  # a file holds UTF-8: a lone surrogate cannot be written raw
    lesson = f"---\ntitle: {y['lesson_title']}\nduration: 5 min\n---\n\n{body}\n"
    files = minimal_course(
        **{
            "testkurs/course.yml": course,
            "testkurs/01-forsta/module.yml": f"title: {y['module_title']}\n",
            "testkurs/01-forsta/01-intro.md": lesson,
        }
    )
    if draw(st.booleans()):  # a changelog: its own Markdown, rendered and sanitized like a lesson's
        notes = draw(TEXT).replace("\ud800", "")
        group = draw(st.sampled_from(["Tillagt", "Fixed", "Okänt", ""]))
        files["testkurs/CHANGELOG.md"] = f"# Versionshistorik\n\n## [1.0.0] - 2026-01-31\n### {group}\n- {notes}\n"
    name = _file_name(draw(TEXT))
    if name is not None:
        files[f"testkurs/01-forsta/03-{name}.md"] = "---\ntitle: Namn\nduration: 5 min\n---\n\nText.\n"
    return files


def _write(root: Path, files: dict[str, str]):
    try:
        return write_project(root, files)
    except UnicodeEncodeError:
        return None  # text that no file can hold (a lone surrogate written raw): no author can make it


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("CHECK_BUILD_EXAMPLES", "120")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(course_trees())
def test_check_never_raises_and_passing_check_means_a_written_site(files):
    with tempfile.TemporaryDirectory() as folder:
        project = _write(Path(folder) / "p", files)
        if project is None:
            return
        result = check(project)
        event("check found errors" if result.problems.has_errors else "check passed: built")
        if result.problems.has_errors:
            for problem in result.problems.items:
                assert problem.path and problem.line >= 1, problem
                assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
            return
        report = build(project)
        assert report.written, [str(problem) for problem in report.problems.items]
        assert (project.site / "testkurs" / "index.html").is_file()


def test_the_control_character_case_that_once_passed_check_is_now_a_check_error(tmp_path):
    files = minimal_course()
    files["testkurs/course.yml"] = files["testkurs/course.yml"].replace("summary: En liten kurs för tester.", 'summary: "a\\0b"')
    problems = [str(p) for p in check(write_project(tmp_path / "p", files)).problems.items]
    assert problems == [
        "content/testkurs/course.yml:3: 'summary': osynligt styrtecken U+0000: ta bort det, det syns inte i en editor "
        "men stoppar paketen (control character)"
    ]

"""Content from other institutions: only safe URLs, no remote or scripted content, names any output can carry."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scorm_export.build import build

from .helpers import REPO, lesson, messages, minimal_course, write_project

LESSON = "testkurs/01-forsta/01-intro.md"


def _lesson_problems(load, body: str) -> list[str]:
    result = load(minimal_course(**{LESSON: lesson("Intro", body)}))
    return [m for m in messages(result) if m.startswith(f"content/{LESSON}:")]


def _line_of(body: str, needle: str) -> int:
    # lesson() puts four lines of front matter and a blank line before the body, then "Text om Intro." and a blank
    text = lesson("Intro", body).split("\n")
    return next(number for number, line in enumerate(text, 1) if needle in line)


# --- URL fields --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "ftp://example.org/",
        "//example.org/",
        "https:/example.org",
        "example.org",
        "https://exa mple.org/",
    ],
)
@pytest.mark.parametrize("where", ["author", "publisher", "further_reading"])
def test_a_url_field_that_is_not_a_web_address_is_an_error_at_its_line(load, url, where):
    course = minimal_course()["testkurs/course.yml"]
    quoted = '"' + url.replace('"', '\\"') + '"'
    if where == "author":
        course = course.replace("  - name: Testredaktionen", f"  - name: Testredaktionen\n    url: {quoted}")
    elif where == "publisher":
        course = course.replace("  url: https://example.org/", f"  url: {quoted}")
    else:
        course += f"further_reading:\n  - title: Läs mer\n    url: {quoted}\n"
    problems = messages(load(minimal_course(**{"testkurs/course.yml": course})))
    line = next(number for number, text in enumerate(course.split("\n"), 1) if quoted in text)
    assert any(p.startswith(f"content/testkurs/course.yml:{line}: 'url': adressen") for p in problems), problems


def test_an_author_may_give_an_email_address_but_further_reading_may_not(load):
    course = (
        minimal_course()["testkurs/course.yml"].replace(
            "  - name: Testredaktionen", "  - name: Testredaktionen\n    url: mailto:red@example.org"
        )
        + "further_reading:\n  - title: Skriv\n    url: mailto:red@example.org\n"
    )
    problems = messages(load(minimal_course(**{"testkurs/course.yml": course})))
    line = course.split("\n").index("    url: mailto:red@example.org", 20) + 1
    assert len(problems) == 1 and problems[0].startswith(f"content/testkurs/course.yml:{line}: 'url'"), problems


def test_a_licence_url_that_is_not_https_is_reported(tmp_path, renderer):
    from scorm_export.course.loader import load_project

    project = write_project(tmp_path / "p", minimal_course())
    licence = project.licences / "CC-BY-4.0.yml"
    licence.write_text(licence.read_text().replace("https://creativecommons.org/licenses/by/4.0/legalcode", "javascript:alert(1)"))
    problems = [str(p) for p in load_project(project, renderer).problems.items]
    assert any(p.startswith("licenses/CC-BY-4.0.yml:") and "legal_code" in p for p in problems), problems


# --- raw HTML and remote content ----------------------------------------------------------------


@pytest.mark.parametrize(
    "html, named",
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<iframe src="https://www.youtube.com/embed/abc"></iframe>', "<iframe>"),
        ('<object data="film.swf"></object>', "<object>"),
        ('<embed src="film.swf">', "<embed>"),
        ('<link rel="stylesheet" href="https://example.com/x.css">', "<link>"),
        ("<style>body { background: url(https://example.com/x.png) }</style>", "<style>"),
        ('<form action="https://example.com/"><input name="q"></form>', "<form>"),
        ('<svg onload="alert(1)"></svg>', "<svg>"),
        ('<p onclick="alert(1)">Klicka</p>', "onclick"),
        ('<span style="background-image: url(https://example.com/spår.png)">x</span>', "style"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href="java&#9;script:alert(1)">x</a>', "href"),  # browsers drop the tab: still javascript:
        ("<a href='JaVaScRiPt:alert(1)'>x</a>", "href"),
        ('<p data-md-component="search">x</p>', "data-md-component"),
    ],
)
def test_raw_html_that_could_load_or_run_something_is_an_error_at_its_line(load, html, named):
    body = f"\nFörsta stycket.\n\nAndra stycket.\n\n{html}\n\nSista stycket.\n"
    problems = _lesson_problems(load, body)
    line = _line_of(body, html.split(">")[0])
    assert any(p.startswith(f"content/{LESSON}:{line}:") and named in p for p in problems), problems


def test_attributes_from_attr_list_are_checked_like_raw_html(load):
    body = '\nEtt stycke.\n{: onclick="alert(1)" }\n'
    problems = _lesson_problems(load, body)
    assert any("onclick" in p and p.startswith(f"content/{LESSON}:{_line_of(body, 'onclick')}:") for p in problems), problems


def test_the_messages_say_why_and_what_to_do_instead(load):
    [iframe] = _lesson_problems(load, '\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n')
    assert "privacy" in iframe and "länka" in iframe
    [script] = _lesson_problems(load, "\n<script>alert(1)</script>\n")
    assert "security" in script


def test_harmless_raw_html_keeps_working(load):
    body = """
Tryck <kbd>Ctrl</kbd>+<kbd>C</kbd>. <abbr title="Creative Commons">CC</abbr> och H<sub>2</sub>O, x<sup>2</sup>.<br>
<span id="ankare" class="markering" lang="en">Share alike</span> och <mark>viktigt</mark>.

<details>
<summary>Visa svaret</summary>
Svaret.
</details>

<figure>
<figcaption>En tabell</figcaption>
<table><thead><tr><th scope="col" style="text-align: left;">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
</figure>

| Vänster | Höger |
|:--|--:|
| a | b |

Ett stycke med klass.
{: .viktigt #stycke }

[Till ankaret](#ankare) och [en sida](https://example.org/) och [e-post](mailto:a@example.org).
"""
    assert _lesson_problems(load, body) == []


def test_a_remote_image_is_an_error_that_says_why(load):
    for body in ("\n![Ett foto](https://example.com/bild.png)\n", '\n<img src="https://example.com/bild.png" alt="Ett foto">\n'):
        [problem] = _lesson_problems(load, body)
        assert problem.startswith(f"content/{LESSON}:{_line_of(body, 'example.com')}:") and "privacy" in problem


def test_links_to_other_sites_are_still_allowed(load):
    assert _lesson_problems(load, '\nLäs [mer](https://example.org/sida) eller <a href="http://example.org/">där</a>.\n') == []


def test_the_package_pages_publish_the_lesson_body_exactly_as_checked(tmp_path):
    import zipfile

    from scorm_export.build import BuildOptions
    from scorm_export.course.html_policy import disallowed

    body = '\n<kbd>Ctrl</kbd> <abbr title="x">X</abbr>\n'
    project = write_project(tmp_path / "p", minimal_course(**{LESSON: lesson("Intro", body)}))
    report = build(project, BuildOptions(site=False, formats=("cc13",)))
    assert report.written
    with zipfile.ZipFile(project.site / "downloads" / report.packages[0].file_name) as archive:
        [page] = [archive.read(name).decode() for name in archive.namelist() if name.endswith("forsta/intro.html")]
    assert "<kbd>Ctrl</kbd>" in page and '<abbr title="x">X</abbr>' in page
    assert disallowed(page.split('<div class="cc-page">', 1)[1].split("<footer", 1)[0]) == []


# --- names and an empty content folder ------------------------------------------------------------


@pytest.mark.parametrize("name", ["99-ny\nrad.md", "02-tab\tb.md", "03-esc\x1b.md"])
def test_a_control_character_in_a_file_name_is_a_path_error(load, name):
    problems = messages(load(minimal_course(**{f"testkurs/01-forsta/{name}": lesson("Ny")})))
    assert any("filnamnet" in p and "styrtecken" in p for p in problems), problems


def test_a_control_character_in_a_folder_name_is_a_path_error(load):
    problems = messages(load(minimal_course(**{"testkurs/02-ny\nmodul/01-a.md": lesson("A")})))
    assert any("mappnamnet" in p and "styrtecken" in p for p in problems), problems


def test_an_empty_content_folder_is_an_error_and_leaves_the_site_untouched(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    before = sorted(p.relative_to(project.site) for p in project.site.rglob("*"))
    for path in sorted(project.content.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    report = build(project)
    assert not report.written
    assert [str(p) for p in report.problems.items] == [
        "content:1: ingen kurs hittades i content/: skapa content/<kurs>/course.yml (no course found)"
    ]
    assert sorted(p.relative_to(project.site) for p in project.site.rglob("*")) == before


# --- running from anywhere -------------------------------------------------------------------------


def _run(args: list[str], cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_build_py_finds_the_project_from_a_folder_inside_it(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    inside = project.content / "testkurs" / "01-forsta"
    result = _run([str(REPO / "build.py"), "check"], cwd=inside)
    assert result.returncode == 0, result.stderr
    assert "1 kurs, 2 lektioner" in result.stdout  # the tiny project, not the repository's own samples
    assert "Källangivelser: 0 av 0 filer har en egen" in result.stdout


def test_build_py_run_from_another_folder_uses_its_own_project(tmp_path):
    result = _run([str(REPO / "build.py"), "check"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Allt innehåll är korrekt" in result.stdout


def test_without_a_project_the_command_says_in_one_line_what_it_looked_for(tmp_path):
    result = _run(["-c", "import sys; from scorm_export.cli import main; sys.exit(main(['check']))"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "mkdocs.yml" in result.stderr and "content/" in result.stderr and str(tmp_path) in result.stderr


def test_root_option_names_the_project(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    result = _run([str(REPO / "build.py"), "--root", str(project.root), "check"], cwd=tmp_path)
    assert result.returncode == 0 and "1 kurs," in result.stdout
    result = _run([str(REPO / "build.py"), "--root", str(tmp_path), "check"], cwd=tmp_path)
    assert result.returncode == 2 and "mkdocs.yml" in result.stderr


# --- SVG images ------------------------------------------------------------------------------------


def test_an_svg_with_script_is_an_error_at_its_line_and_nothing_is_built(tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="1" height="1"/>\n<script>alert(1)</script>\n</svg>\n'
    files = minimal_course(
        **{
            LESSON: lesson("Intro", "\n![En ruta](bilder/ruta.svg)\n"),
            "testkurs/01-forsta/bilder/ruta.svg": svg,
        }
    )
    project = write_project(tmp_path / "p", files)
    report = build(project)
    assert not report.written and not project.site.exists()
    problems = [str(p) for p in report.problems.items]
    assert len(problems) == 1 and problems[0].startswith("content/testkurs/01-forsta/bilder/ruta.svg:3:") and "<script>" in problems[0]


def test_every_sample_svg_passes_the_check_and_is_published(sample_site):
    published = {path.name for path in sample_site.rglob("*.svg") if "downloads" not in path.parts}
    sources = list((REPO / "content").rglob("*.svg"))
    assert sources and len(published) == len(sources)

"""Every text in content is text: escaped in every output, never markup, and read back as written.

One tiny course is built twice: once with plain words in every text field, once with markup, quotes,
Markdown and template syntax in every text field. Every output file is parsed (HTML with html5lib, XML
with lxml, JSON with json): the two builds must have the same elements and attributes everywhere (so
nothing came from the content), and each hostile string must read back exactly as written.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from scorm_export.build import build
from scorm_export.packages.formats import FORMATS

from .helpers import messages, minimal_course, write_project

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'

FIELDS = (
    "course_title",
    "summary",
    "audience",
    "author",
    "publisher",
    "keyword",
    "objective",
    "reading",
    "module_title",
    "module_summary",
    "lesson_title",
    "lesson_objective",
)


def hostile(field: str) -> str:
    number = FIELDS.index(field)
    return (
        f'Tips & trix {number} <script>window.__xss={number}</script> "><img src=x onerror=window.__xss={number}> '
        f"</script> ]]> 'q' *em* _u_ [l](javascript:window.__xss={number}) {{: onclick=x }} <!-- c --> `c` "
        f"# h | t | {{{{ 7*7 }}}} {{% raw %}} ![i](x.png) <b>B</b>"
    )


def plain(field: str) -> str:
    return f"Vanlig text {FIELDS.index(field)}"


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


def course_files(text, image_name: str) -> dict[str, str | bytes]:
    q = lambda field: yaml_string(text(field))  # noqa: E731
    course_yml = f"""\
id: testkurs
title: {q("course_title")}
summary: {q("summary")}
language: sv
version: 1.0.0
licence: CC-BY-4.0
authors:
  - name: {q("author")}
    url: "https://example.org/a?b=\\"><script>window.__xss=99</script>"
publisher:
  name: {q("publisher")}
  url: https://example.org/
audience: {q("audience")}
level: grundläggande
keywords: [{q("keyword")}]
objectives: [{q("objective")}]
further_reading:
  - title: {q("reading")}
    url: "https://example.org/?q='><img/src=x/onerror=window.__xss=98>"
"""
    lesson = f"""\
---
title: {q("lesson_title")}
duration: 5 min
objectives: [{q("lesson_objective")}]
---

Brödtext med en bild: ![En ruta](bilder/{image_name.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")})
"""
    return minimal_course(
        **{
            "testkurs/course.yml": course_yml,
            "testkurs/01-forsta/module.yml": f"title: {q('module_title')}\nsummary: {q('module_summary')}\n",
            "testkurs/01-forsta/01-intro.md": lesson,
            f"testkurs/01-forsta/bilder/{image_name}": SVG,
        }
    )


HOSTILE_IMAGE = "<img src=x onerror=window.__xss=97> & 'q'.svg"
PLAIN_IMAGE = "ruta.svg"


def built(tmp_path: Path, name: str, text, image_name: str) -> dict[str, bytes]:
    """Every output file of a build (packages unpacked), by a path where the image's slug is neutral."""
    project = write_project(tmp_path / name, course_files(text, image_name))
    report = build(project)
    assert report.written, [str(p) for p in report.problems.items]
    files: dict[str, bytes] = {}
    for path in sorted(project.site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(project.site).as_posix()
        if path.suffix in (".zip", ".imscc"):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    files[f"{relative}!{member}"] = archive.read(member)
        else:
            files[relative] = path.read_bytes()
    return {re.sub(r"bilder/[^/!]*\.svg", "bilder/IMAGE.svg", key): value for key, value in files.items()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("untrusted")
    return built(root, "plain", plain, PLAIN_IMAGE), built(root, "hostile", hostile, HOSTILE_IMAGE)


def _html_shape(data: bytes) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    """(elements with their attribute names, in order; every text and attribute value) of an HTML document."""
    document = html5lib.parse(data, treebuilder="lxml", namespaceHTMLElements=False)
    shape, texts = [], []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        shape.append((element.tag, tuple(sorted(element.attrib))))
        texts.extend(element.attrib.values())
        texts.append("".join(element.itertext()))
        if element.tag == "script" and element.get("type") in ("application/ld+json", "application/json"):
            texts.extend(_json_strings(json.loads(element.text)))
    return shape, texts


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _json_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item)]
    return []


def _xml_shape(data: bytes) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    shape, texts = [], []
    for element in root.iter():
        shape.append((str(element.tag), tuple(sorted(element.attrib))))
        texts.extend(element.attrib.values())
        texts.append(element.text or "")
    return shape, texts


def _search_shape(data: bytes) -> tuple[list, list[str]]:
    """Material's search index: its titles and texts are HTML that the search dialog inserts as markup."""
    shape, texts = [], []
    for entry in json.loads(data)["docs"]:
        shape.append(tuple(sorted(entry)))
        for key in ("title", "text"):
            fragment_shape, fragment_texts = _html_shape(f"<body>{entry.get(key, '')}</body>".encode())
            shape.append(fragment_shape)
            texts.extend(fragment_texts)
    return shape, texts


def shape_of(name: str, data: bytes):
    if name.endswith("search_index.json"):
        return _search_shape(data)
    if name.endswith(".html"):
        return _html_shape(data)
    if name.endswith(".xml"):
        return _xml_shape(data)
    if name.endswith(".json"):
        return [type(json.loads(data)).__name__], _json_strings(json.loads(data))
    return None


def test_both_builds_publish_the_same_files(builds):
    plain_files, hostile_files = builds
    assert sorted(plain_files) == sorted(hostile_files)


def test_no_element_or_attribute_in_any_output_comes_from_content(builds):
    plain_files, hostile_files = builds
    checked = 0
    for name, data in hostile_files.items():
        hostile_shape = shape_of(name, data)
        if hostile_shape is None:
            continue
        assert hostile_shape[0] == shape_of(name, plain_files[name])[0], f"{name}: content became markup"
        checked += 1
    assert checked > 20


def test_every_hostile_text_reads_back_as_written_and_nothing_is_escaped_twice(builds):
    _, hostile_files = builds
    texts: list[str] = []
    for name, data in hostile_files.items():
        shape = shape_of(name, data)
        if shape is not None:
            texts.extend(shape[1])
    for field in FIELDS:
        assert any(hostile(field) in text for text in texts), f"{field} is not shown as written anywhere"
    assert any(HOSTILE_IMAGE in text for text in texts), "the image's file name is not shown as written"
    twice = [text for text in texts if re.search(r"&(lt|gt|amp|quot|#\d+);", text)]
    assert not twice, f"escaped twice: {twice[:3]}"


def test_the_course_title_reads_back_in_the_page_title_navigation_json_ld_and_manifests(builds):
    _, files = builds
    title = hostile("course_title")
    page = html5lib.parse(files["testkurs/index.html"], treebuilder="lxml", namespaceHTMLElements=False)
    assert page.findtext(".//title").startswith(title)
    assert any(title == "".join(a.itertext()).strip() for a in page.iter("a")), "not in the navigation"
    json_ld = json.loads(page.find(".//script[@type='application/ld+json']").text)
    assert json_ld["name"] == title
    assert page.find(".//meta[@name='description']").get("content") == hostile("summary")
    manifests = [name for name in files if name.endswith("!imsmanifest.xml") and "/sjalvskattning-" not in name]
    assert len(manifests) == len(FORMATS)
    for name in manifests:
        assert title in _xml_shape(files[name])[1], name


@pytest.mark.parametrize("field", ["title", "summary", "audience", "keywords", "authors", "module", "lesson", "objectives"])
@pytest.mark.parametrize("char", ["\x00", "\x0b", "\ufffe", "\x1b"])
def test_a_control_character_in_any_text_field_is_an_error_at_its_line(load, field, char):
    escaped = json.dumps(char)  # a YAML escape: "\u0000"; the raw character itself is a file-level error
    files = minimal_course()
    course = files["testkurs/course.yml"]
    if field in ("title", "summary", "audience"):
        course = re.sub(rf"^{field}: .*$", lambda _: f'{field}: "a{escaped[1:-1]}b"', course, flags=re.M)
    elif field == "keywords":
        course = course.replace("keywords: [test]", f'keywords: ["a{escaped[1:-1]}b"]')
    elif field == "authors":
        course = course.replace("  - name: Testredaktionen", f'  - name: "a{escaped[1:-1]}b"')
    elif field == "objectives":
        course += f'objectives: ["a{escaped[1:-1]}b"]\n'
    files["testkurs/course.yml"] = course
    if field == "module":
        files["testkurs/01-forsta/module.yml"] = f'title: "a{escaped[1:-1]}b"\n'
    if field == "lesson":
        files["testkurs/01-forsta/01-intro.md"] = f'---\ntitle: "a{escaped[1:-1]}b"\nduration: 5 min\n---\n\nText.\n'
    found = [m for m in messages(load(files)) if "styrtecken" in m]
    assert len(found) == 1, messages(load(files))
    path, line, _ = found[0].split(":", 2)
    target = {"module": "testkurs/01-forsta/module.yml", "lesson": "testkurs/01-forsta/01-intro.md"}.get(field, "testkurs/course.yml")
    assert path == f"content/{target}"
    source = files[target].split("\n")
    assert escaped[1:-1] in source[int(line) - 1]


def test_a_raw_control_character_in_a_file_is_reported_at_its_own_line(load):
    files = minimal_course()
    files["testkurs/course.yml"] = files["testkurs/course.yml"].replace("audience: Testare", "audience: Test\x0bare")
    lines = files["testkurs/course.yml"].split("\n")
    expected = next(number for number, text in enumerate(lines, 1) if "\x0b" in text)
    assert f"content/testkurs/course.yml:{expected}" in "\n".join(messages(load(files)))
    files = minimal_course(**{"testkurs/01-forsta/01-intro.md": "---\ntitle: A\nduration: 5 min\n---\n\nText\n\nMer \x00 text\n"})
    assert any(m.startswith("content/testkurs/01-forsta/01-intro.md:8:") for m in messages(load(files)))


@pytest.mark.browser
def test_no_hostile_text_runs_in_the_browser_on_any_page_or_in_search_results(tmp_path, browser):
    from .browser import search_site, serve_directory

    project = write_project(tmp_path / "hostile", course_files(hostile, HOSTILE_IMAGE))
    assert build(project).written
    pages = ["index.html", "testkurs/index.html", "testkurs/forsta/intro/index.html"]
    with serve_directory(project.site) as base:
        context = browser.new_context()
        dialogs: list[str] = []
        try:
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for path in pages:
                page.goto(base + path)
                page.wait_for_load_state("load")
                assert page.evaluate("window.__xss") is None, path
            # Material's search shows titles and snippets from its index as markup: search for the hostile text
            page.goto(base)
            search_site(page, "trix")
            page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
            shown = page.inner_text(".md-search-result")
            assert "<script>" in shown, "the titles must show as written"
            assert page.evaluate("window.__xss") is None
            assert page.evaluate("document.querySelectorAll('img[src=x], .md-search-result script').length") == 0
        finally:
            context.close()
    assert dialogs == []

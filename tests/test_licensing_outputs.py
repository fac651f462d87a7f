"""Credits read back from every output of a course with mixed licences: site HTML and JSON-LD, package pages,
manifests (still valid against the official schemas) and LICENSE.txt."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from scorm_export.build import build

from .helpers import COURSE_YML, lesson, minimal_course, write_project

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
PHOTO_TASL = """\
title: Hamnen i Visby
creators:
  - name: Greta Fotograf
    url: https://example.org/greta
source: https://digitaltmuseum.se/0210/hamnen
licence: CC0-1.0
changes: beskuren
"""
LOAN_TASL = """\
title: Lånad karta
creators: [Kartverket Exempel]
licence: RS-InC-1.0
separate_work: Kartan visas med tillstånd och omfattas inte av kursens licens.
"""
BODY = """
![Hamnen i Visby en sommardag](bilder/hamnen.svg)

![Karta över Gotland](bilder/karta.svg)

![Vår egen ruta](bilder/ruta.svg)
"""
LESSON_PAGE = "testkurs/forsta/intro/index.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    files = minimal_course(
        **{
            "testkurs/course.yml": COURSE_YML,
            "testkurs/01-forsta/01-intro.md": lesson("Intro", BODY),
            "testkurs/01-forsta/bilder/hamnen.svg": SVG,
            "testkurs/01-forsta/bilder/hamnen.svg.yml": PHOTO_TASL,
            "testkurs/01-forsta/bilder/karta.svg": SVG,
            "testkurs/01-forsta/bilder/karta.svg.yml": LOAN_TASL,
            "testkurs/01-forsta/bilder/ruta.svg": SVG,
        }
    )
    project = write_project(tmp_path_factory.mktemp("mixed") / "p", files)
    report = build(project)
    assert report.written, [str(problem) for problem in report.problems.items]
    return project.site


def figures(document) -> dict[str, html.HtmlElement]:
    """img src -> its figcaption."""
    return {figure.find(".//img").get("src").rpartition("/")[2]: figure.find("figcaption") for figure in document.iter("figure")}


def caption_parts(caption) -> tuple[str, list[tuple[str, str | None, str]]]:
    return " ".join(caption.text_content().split()), [(a.text_content(), a.get("rel"), a.get("href")) for a in caption.iter("a")]


def check_captions(document) -> None:
    found = figures(document)
    text, links = caption_parts(found["hamnen.svg"])
    # title, creator, source, licence: TASL order, then what was changed
    assert text == "Hamnen i Visby – Greta Fotograf, källa, CC0 1.0 (ändrad: beskuren)."
    assert links == [
        ("Greta Fotograf", None, "https://example.org/greta"),
        ("källa", None, "https://digitaltmuseum.se/0210/hamnen"),
        ("CC0 1.0", "license", "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"),
    ]
    text, links = caption_parts(found["karta.svg"])
    assert text == "Lånad karta – Kartverket Exempel, InC 1.0 – egna villkor, utanför kursens licens."
    assert links[-1] == ("InC 1.0", "license", "https://rightsstatements.org/page/InC/1.0/")
    text, _ = caption_parts(found["ruta.svg"])
    assert text == "ruta.svg – Testredaktionen, CC BY 4.0.", "without a TASL file: the course's licence and authors"


def test_every_image_on_the_site_is_a_figure_with_its_credit_in_tasl_order(built):
    check_captions(html.fromstring((built / LESSON_PAGE).read_bytes()))


def test_every_image_on_the_site_has_image_object_metadata(built):
    document = html.fromstring((built / LESSON_PAGE).read_bytes())
    graphs = [json.loads(script.text) for script in document.xpath("//script[@type='application/ld+json']")]
    images = {item["name"]: item for graph in graphs for item in graph.get("@graph", [])}
    photo = images["Hamnen i Visby"]
    assert photo["@type"] == "ImageObject"
    assert photo["license"] == "https://creativecommons.org/publicdomain/zero/1.0/legalcode"
    assert photo["creator"] == [{"@type": "Person", "name": "Greta Fotograf", "url": "https://example.org/greta"}]
    assert photo["acquireLicensePage"] == "https://digitaltmuseum.se/0210/hamnen"
    assert photo["contentUrl"] == "../bilder/hamnen.svg"
    assert photo["creditText"] == "Hamnen i Visby – Greta Fotograf, källa, CC0 1.0 (ändrad: beskuren)."
    assert images["ruta.svg"]["acquireLicensePage"] == "../../licenser-och-kallor/", "without a source: the course's credits page"


def test_the_lesson_footer_lists_the_credits_and_links_the_courses_page_of_licences(built):
    document = html.fromstring((built / LESSON_PAGE).read_bytes())
    footer = " ".join(" ".join(p.text_content().split()) for p in document.find_class("lesson-credits"))
    assert "Hamnen i Visby – Greta Fotograf" in footer and "Lånad karta" in footer and "ruta.svg – Testredaktionen" in footer
    links = [a.get("href") for p in document.find_class("lesson-credits") for a in p.iter("a")]
    assert "../../licenser-och-kallor/" in links
    assert (built / "testkurs/licenser-och-kallor/index.html").is_file()


def test_search_does_not_index_credits_as_lesson_text(built):
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    lesson_entries = [doc for doc in index["docs"] if doc["location"].startswith("testkurs/forsta/intro/")]
    assert lesson_entries
    assert not any("Greta Fotograf" in doc["text"] or "Kartverket" in doc["text"] for doc in lesson_entries)


def test_the_course_page_says_which_parts_have_their_own_terms(built):
    document = html.fromstring((built / "testkurs/index.html").read_bytes())
    status = " ".join(document.find_class("licence-status")[0].text_content().split())
    assert status.startswith("Kursen får återanvändas enligt CC BY 4.0, utom de här delarna")
    (separate,) = document.find_class("separate-works")
    assert "Lånad karta" in separate.text_content() and "med tillstånd" in separate.text_content()
    assert not document.find_class("free-cultural-work"), "an In Copyright part is no Free Cultural Work"


def test_the_credits_page_lists_every_file_with_its_full_tasl(built):
    document = html.fromstring((built / "testkurs/licenser-och-kallor/index.html").read_bytes())
    rows = {
        cells[0]: cells for cells in ([" ".join(td.text_content().split()) for td in tr.iter("td")] for tr in document.iter("tr")) if cells
    }
    assert rows["hamnen.svg"][1:5] == [
        "Hamnen i Visby",
        "Greta Fotograf",
        "https://digitaltmuseum.se/0210/hamnen",
        "CC0 1.0 Universell – Public Domain Dedication (CC0 1.0)",
    ]
    assert "ändrad: beskuren" in rows["hamnen.svg"][5]
    assert rows["karta.svg"][4] == "Upphovsrättsligt skyddat (InC 1.0)"
    assert "Kartan visas med tillstånd" in rows["karta.svg"][5]
    assert "kursens licens och upphovspersoner" in rows["ruta.svg"][5]


def package(built: Path, suffix: str) -> zipfile.ZipFile:
    (path,) = (built / "downloads").glob(f"testkurs-*-{suffix}")
    return zipfile.ZipFile(path)


PACKAGES = ["scorm12.zip", "scorm2004.zip", "cc11.imscc", "cc13.imscc", "cc13-openedx.imscc"]


@pytest.mark.parametrize("suffix", PACKAGES)
def test_every_package_credits_each_image_on_its_page_and_lists_other_terms_in_its_licence_file(built, suffix):
    with package(built, suffix) as archive:
        names = archive.namelist()
        (page,) = [name for name in names if name.endswith((".html",)) and ("intro" in name)]
        check_captions(html.fromstring(archive.read(page)))
        licence = archive.read("LICENSE.txt").decode()
        credits_pages = [name for name in names if name.endswith("credits.html")]
    assert "Licenstext / Legal code: https://creativecommons.org/licenses/by/4.0/legalcode.sv" in licence
    assert "media/forsta/bilder/hamnen.svg" in licence and "https://creativecommons.org/publicdomain/zero/1.0/legalcode" in licence
    assert "media/forsta/bilder/karta.svg" in licence and "https://rightsstatements.org/vocab/InC/1.0/" in licence
    assert "Utanför kursens licens / Outside the course's licence: Kartan visas med tillstånd" in licence
    assert "ruta.svg" not in licence, "only the files under other terms than the course's"
    assert len(credits_pages) == 1


@pytest.mark.parametrize("suffix", PACKAGES)
def test_every_manifest_gives_the_files_under_other_terms_their_own_lom_rights(built, suffix):
    with package(built, suffix) as archive:
        root = etree.fromstring(archive.read("imsmanifest.xml"))
    described = {}
    for file in root.iter("{*}file"):
        strings = file.xpath("./*[local-name()='metadata']//*[local-name()='rights']//*[local-name()='description']//text()")
        if strings:
            described[file.get("href").rpartition("/")[2]] = " ".join("".join(strings).split())
    assert set(described) == {"hamnen.svg", "karta.svg"}
    assert described["hamnen.svg"].startswith(
        "CC0 1.0 Universell – Public Domain Dedication (CC0 1.0), https://creativecommons.org/publicdomain/zero/1.0/legalcode"
    )
    assert "Greta Fotograf" in described["hamnen.svg"] and "https://digitaltmuseum.se/0210/hamnen" in described["hamnen.svg"]
    assert described["karta.svg"].startswith("Upphovsrättsligt skyddat (InC 1.0), https://rightsstatements.org/vocab/InC/1.0/")
    assert "egna villkor, utanför kursens licens: Kartan visas med tillstånd" in described["karta.svg"]


@pytest.mark.parametrize(("suffix", "kind"), [("scorm12.zip", "scorm12"), ("scorm2004.zip", "scorm2004"), ("cc11.imscc", "cc11")])
def test_manifests_with_file_rights_stay_valid_against_the_official_schemas(built, schema_validate, suffix, kind):
    with package(built, suffix) as archive:
        assert schema_validate(kind, archive.read("imsmanifest.xml")) == []

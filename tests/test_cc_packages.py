"""IMS Common Cartridge 1.1 (Moodle) and 1.3 (Canvas and others): valid, self-contained, stable cartridges."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from scorm_export.build import DOWNLOADS, BuildOptions, build
from scorm_export.course.loader import load_project
from scorm_export.packages.writer import programme_formats, write_packages
from scorm_export.project import Project
from scorm_export.templates import environment

from .helpers import COURSE_YML, REPO, lesson, minimal_course, write_project

WEB_RESOURCES = "web_resources"

CP = {
    "cc11": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
    "cc13": "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1",
}
LOM = {
    "cc11": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
    "cc13": "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest",
}
WEBLINK = {
    "cc11": "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1",
    "cc13": "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3",
}
SCHEMAVERSION = {"cc11": "1.1.0", "cc13": "1.3.0"}
# The resource types each version's profile defines (CC 1.1 XSD enumeration; CC 1.3 resource-type VDEX).
RESOURCE_TYPES = {
    "cc11": {
        "webcontent",
        "imswl_xmlv1p1",
        "imsdt_xmlv1p1",
        "imsbasiclti_xmlv1p0",
        "imsqti_xmlv1p2/imscc_xmlv1p1/assessment",
        "imsqti_xmlv1p2/imscc_xmlv1p1/question-bank",
        "associatedcontent/imscc_xmlv1p1/learning-application-resource",
    },
    "cc13": {
        "webcontent",
        "imswl_xmlv1p3",
        "imsdt_xmlv1p3",
        "imsbasiclti_xmlv1p0",
        "imsqti_xmlv1p2/imscc_xmlv1p3/assessment",
        "imsqti_xmlv1p2/imscc_xmlv1p3/question-bank",
        "associatedcontent/imscc_xmlv1p3/learning-application-resource",
        "imsapip_zipv1p0",
        "imsiwb_iwbv1p0",
        "idpfepub_epubv3p0",
    },
}
# the 1.3 cartridge comes in two page styles (Canvas; Open edX and the cartridge viewer), with the same manifest schema
CARTRIDGES = ("cc11", "cc13", "cc13-openedx")
for table in (CP, LOM, WEBLINK, SCHEMAVERSION, RESOURCE_TYPES):
    table["cc13-openedx"] = table["cc13"]  # type: ignore[index]
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)

FURTHER_READING = """\
further_reading:
  - title: Wikipedia – Upphovsrätt
    url: https://sv.wikipedia.org/wiki/Upphovsr%C3%A4tt
  - title: Creative Commons – Licenser
    url: https://creativecommons.org/licenses/?lang=sv&x=1
"""


def course_files(course_yml: str = COURSE_YML + FURTHER_READING) -> dict[str, str | bytes]:
    """Two modules; lessons that link to each other (across modules, with a fragment), an image, an external link."""
    return minimal_course(
        **{
            "testkurs/course.yml": course_yml,
            "testkurs/01-forsta/01-intro.md": lesson(
                "Intro",
                """
            Läs [nästa lektion](02-mer.md) och [avslutningen](../02-andra/01-slut.md#sammanfattning).

            ![Ett träd i parken](<bilder/Träd i parken.png>)

            Mer på [Wikipedia](https://sv.wikipedia.org/).
            """,
            ),
            "testkurs/01-forsta/bilder/Träd i parken.png": PNG,
            "testkurs/02-andra/module.yml": "title: Andra modulen\n",
            "testkurs/02-andra/01-slut.md": lesson(
                "Slut",
                """
            ## Sammanfattning

            Tillbaka till [början](../01-forsta/01-intro.md).
            """,
            ),
        }
    )


def build_cartridges(root: Path, files: dict[str, str | bytes]) -> dict[str, Path]:
    """Build only the cartridges of a tiny project; returns format key -> .imscc path."""
    project = write_project(root, files)
    report = build(project, BuildOptions(site=False, formats=CARTRIDGES))
    assert report.written, [str(problem) for problem in report.problems.items]
    return {package.format.key: project.site / DOWNLOADS / package.file_name for package in report.packages}


@dataclass(frozen=True)
class Cartridge:
    key: str  # cc11 | cc13 | cc13-openedx
    files: dict[str, bytes]

    @classmethod
    def open(cls, key: str, path: Path) -> Cartridge:
        with zipfile.ZipFile(path) as archive:
            return cls(key, {name: archive.read(name) for name in archive.namelist()})

    @property
    def manifest_bytes(self) -> bytes:
        return self.files["imsmanifest.xml"]

    @property
    def manifest(self) -> etree._Element:
        return etree.fromstring(self.manifest_bytes)

    def find(self, path: str, element: etree._Element | None = None) -> list[etree._Element]:
        """XPath with cp: (the version's content-packaging namespace) and lom: (its manifest LOM)."""
        return (self.manifest if element is None else element).xpath(path, namespaces={"cp": CP[self.key], "lom": LOM[self.key]})

    def resources(self) -> dict[str, etree._Element]:
        return {resource.get("identifier"): resource for resource in self.find("/cp:manifest/cp:resources/cp:resource")}


@pytest.fixture(scope="module")
def cartridges(tmp_path_factory) -> dict[str, Cartridge]:
    paths = build_cartridges(tmp_path_factory.mktemp("cc") / "project", course_files())
    return {key: Cartridge.open(key, path) for key, path in paths.items()}


def structural_problems(cartridge: Cartridge) -> list[str]:
    """What the CC profile and the importers (Canvas, Moodle) require beyond what an XSD can say."""
    problems: list[str] = []
    names = set(cartridge.files)
    resources = cartridge.resources()
    identifiers = [element.get("identifier") for element in cartridge.find("//*[@identifier]")]
    problems += [f"identifier used twice: {i}" for i in sorted({i for i in identifiers if identifiers.count(i) > 1})]
    listed: set[str] = set()
    for identifier, resource in resources.items():
        kind = resource.get("type")
        if kind not in RESOURCE_TYPES[cartridge.key]:
            problems.append(f"{identifier}: type {kind!r} is not a CC {SCHEMAVERSION[cartridge.key]} resource type")
        files = [file.get("href") for file in cartridge.find("cp:file", resource)]
        if len(files) != len(set(files)):
            problems.append(f"{identifier}: a file listed twice")
        listed.update(files)
        problems += [f"{identifier}: file {href} is not in the cartridge" for href in files if href not in names]
        if resource.get("href") is not None and resource.get("href") not in files:
            problems.append(f"{identifier}: href {resource.get('href')} is not one of its files")
        for dependency in cartridge.find("cp:dependency", resource):
            target = resources.get(dependency.get("identifierref"))
            if target is None or target.get("type") != "webcontent":
                problems.append(f"{identifier}: dependency {dependency.get('identifierref')} is not a webcontent resource")
        if kind.startswith("imswl_") and (len(files) != 1 or resource.get("href") or cartridge.find("cp:dependency", resource)):
            problems.append(f"{identifier}: a web link has exactly one file, no href and no dependency")
    problems += [f"{name} is in the zip but no resource lists it" for name in sorted(names - listed - {"imsmanifest.xml"})]
    problems += [f"{name}: not an ASCII path" for name in sorted(names) if not name.isascii() or " " in name]

    organization = cartridge.find("/cp:manifest/cp:organizations/cp:organization")
    if len(organization) != 1 or organization[0].get("structure") != "rooted-hierarchy":
        problems.append("one organization with structure='rooted-hierarchy'")
    top = cartridge.find("/cp:manifest/cp:organizations/cp:organization/cp:item")
    if len(top) != 1 or cartridge.find("cp:title", top[0]) or top[0].get("identifierref"):
        problems.append("one untitled root item that only holds the modules")
    for item in cartridge.find("//cp:item[@identifierref]"):
        reference = item.get("identifierref")
        if reference not in resources:
            problems.append(f"item {item.get('identifier')}: identifierref {reference} resolves to no resource")
        elif resources[reference].get("type") == "webcontent" and not resources[reference].get("href"):
            problems.append(f"item {item.get('identifier')}: webcontent {reference} has no href to launch")
        if cartridge.find("cp:item", item):
            problems.append(f"item {item.get('identifier')}: an item that launches a resource holds items")
    return problems


def test_every_cc11_manifest_is_valid_against_moodles_import_schema(cartridges, schema_validate):
    validate = schema_validate
    assert validate("cc11", cartridges["cc11"].manifest_bytes) == []
    assert validate("cc11-all", cartridges["cc11"].manifest_bytes) == []


def test_cc11_default_namespace_is_where_moodle_looks_for_it(cartridges):
    # Moodle reads 500 bytes, lower-cases them, drops whitespace and quotes, then searches for this string
    first = cartridges["cc11"].manifest_bytes[:500].decode("utf-8", "ignore").lower()
    normalised = "".join(first.split()).replace('"', "").replace("'", "")
    assert "xmlns=http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" in normalised


@pytest.mark.parametrize("key", CARTRIDGES)
def test_manifest_declares_the_version_and_its_namespaces(cartridges, key):
    cartridge = cartridges[key]
    root = cartridge.manifest
    assert root.tag == f"{{{CP[key]}}}manifest"
    assert root.nsmap[None] == CP[key]
    assert [e.text for e in cartridge.find("/cp:manifest/cp:metadata/cp:schema")] == ["IMS Common Cartridge"]
    assert [e.text for e in cartridge.find("/cp:manifest/cp:metadata/cp:schemaversion")] == [SCHEMAVERSION[key]]
    assert len(cartridge.find("/cp:manifest/cp:metadata/lom:lom")) == 1


@pytest.mark.parametrize("key", CARTRIDGES)
def test_every_file_is_listed_and_every_reference_resolves(cartridges, key):
    assert structural_problems(cartridges[key]) == []


@pytest.mark.parametrize("key", CARTRIDGES)
def test_organization_is_start_page_then_modules_then_lessons_then_further_reading(cartridges, key):
    cartridge = cartridges[key]
    modules = cartridge.find("/cp:manifest/cp:organizations/cp:organization/cp:item/cp:item")
    title = f"{{{CP[key]}}}title"
    outline = [(m.findtext(title), [item.findtext(title) for item in cartridge.find("cp:item", m)]) for m in modules]
    assert outline == [
        ("Om kursen", ["Om kursen", "Licenser och källor"]),
        ("Första modulen", ["Intro", "Mer"]),
        ("Andra modulen", ["Slut"]),
        ("Vidare läsning", ["Wikipedia – Upphovsrätt", "Creative Commons – Licenser"]),
    ]
    resources = cartridge.resources()
    page_items = [item for module in modules[:3] for item in cartridge.find("cp:item", module)]
    assert {resources[item.get("identifierref")].get("type") for item in page_items} == {"webcontent"}
    link_items = cartridge.find("cp:item", modules[3])
    assert {resources[item.get("identifierref")].get("type") for item in link_items} == {f"imswl_xmlv1p{SCHEMAVERSION[key][2]}"}


# --- how each importer resolves what a page refers to (read in its source; see packages/cc11.py, cc13.py) -------

FILE_BASE = "$IMS-CC-FILEBASE$/"
WIKI_PAGES = "$WIKI_REFERENCE$/pages/"
# which importers read which cartridge
IMPORTERS = {"cc11": ("moodle",), "cc13": ("canvas",), "cc13-openedx": ("cc2olx", "viewer")}


def resolve(importer: str, cartridge: Cartridge, page: str, url: str) -> str | None:
    """The cartridge file a reference on `page` reaches once `importer` has imported it, or None where it breaks.

    - moodle (backup/cc, cc11_resource): paths relative to the page, found on disk; tokens stay literal; HTML files
      are never copied, so a link to another page breaks.
    - canvas (standard importer, lesson = course file shown as is): relative paths, resolved by folder; tokens stay.
    - cc2olx (static_links.py): only "$IMS-CC-FILEBASE$/<path under web_resources>", and "$WIKI_REFERENCE$/pages/<name>"
      to the one resource whose href ends in /<name>.html; relative paths are left as they are and break.
    - viewer (Canvas's common-cartridge-viewer): as cc2olx, and a page name must be the resource's identifier.
    """
    address = urlsplit(url)
    if address.scheme or address.netloc:
        return None
    if importer in ("cc2olx", "viewer"):
        if url.startswith(FILE_BASE):
            target = posixpath.join(WEB_RESOURCES, unquote(address.path[len(FILE_BASE) :]))
        elif url.startswith(WIKI_PAGES):
            name = url[len(WIKI_PAGES) :]
            found = [r for r in cartridge.resources().values() if (r.get("href") or "").endswith(f"/{name}.html")]
            if len(found) != 1 or (importer == "viewer" and found[0].get("identifier") != name):
                return None
            target = found[0].get("href")
        else:
            return None
    else:
        if "$" in url or not address.path:
            return None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(address.path)))
        if importer == "moodle" and target.endswith(".html"):
            return None
    return target if target in cartridge.files else None


def references(data: bytes) -> list[tuple[str, str]]:
    """(kind, URL) of every image, stylesheet and link in a page; in-page fragments left out."""
    page = html.fromstring(data)
    found = [("image", img.get("src")) for img in page.iter("img")]
    found += [("stylesheet", link.get("href")) for link in page.iter("link") if link.get("rel") == "stylesheet"]
    found += [("link", a.get("href")) for a in page.iter("a") if a.get("href") and not a.get("href").startswith("#")]
    return found


def unresolved(cartridge: Cartridge, importer: str) -> list[str]:
    broken = []
    for name, data in sorted(cartridge.files.items()):
        if name.endswith(".html"):
            for kind, url in references(data):
                external = urlsplit(url).scheme in ("http", "https", "mailto")
                if not external and resolve(importer, cartridge, name, url) is None:
                    broken.append(f"{name}: {kind} {url}")
    return broken


@pytest.mark.parametrize("key", CARTRIDGES)
def test_every_image_stylesheet_and_link_resolves_in_the_importers_that_read_the_cartridge(cartridges, key):
    for importer in IMPORTERS[key]:
        assert unresolved(cartridges[key], importer) == [], importer


def test_the_importers_as_modelled_break_the_references_the_other_cartridges_use(cartridges):
    """The model above can fail: each importer breaks what the cartridge for the other ones writes."""
    assert unresolved(cartridges["cc13"], "cc2olx"), "relative paths break in cc2olx"
    assert unresolved(cartridges["cc13-openedx"], "canvas"), "tokens break in Canvas's file view"
    assert unresolved(cartridges["cc13"], "moodle"), "links between pages break in Moodle"
    assert unresolved(cartridges["cc13-openedx"], "moodle")


def lesson_page(cartridge: Cartridge, lesson: str = "forsta_intro") -> tuple[str, html.HtmlElement]:
    href = cartridge.resources()[f"RES-testkurs_{lesson}"].get("href")
    return href, html.fromstring(cartridge.files[href])


def test_moodle_reads_a_link_to_another_lesson_as_the_lessons_name_for_its_course_page(cartridges):
    cartridge = cartridges["cc11"]
    _, page = lesson_page(cartridge)
    assert not [a.get("href") for a in page.iter("a") if a.get("href", "").endswith(".html")], "no link Moodle would break"
    in_body = [
        span for span in page.find_class("lesson-ref") if not any(a.get("class") == "cc-page__licence" for a in span.iterancestors())
    ]
    named = [" ".join(span.text_content().split()) for span in in_body]
    assert named == [
        "nästa lektion (se lektionen ”Mer” i kursens innehåll)",
        "avslutningen (se lektionen ”Slut” i kursens innehåll)",
    ]
    image = page.find(".//img")
    assert image.get("src") == "../../media/forsta/bilder/trad-i-parken.png"


def test_canvas_reads_relative_links_to_lessons_images_and_stylesheet(cartridges):
    _, page = lesson_page(cartridges["cc13"])
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "mer.html" in hrefs and "../andra/slut.html#sammanfattning" in hrefs
    assert "https://sv.wikipedia.org/" in hrefs, "external links stay links"
    assert page.find(".//img").get("src") == "../../media/forsta/bilder/trad-i-parken.png"
    assert page.find(".//link[@rel='stylesheet']").get("href") == "../../assets/cartridge.css"


def test_open_edx_reads_file_base_references_and_wiki_links_to_unique_page_names(cartridges):
    cartridge = cartridges["cc13-openedx"]
    _, page = lesson_page(cartridge)
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "$WIKI_REFERENCE$/pages/RES-testkurs_forsta_mer" in hrefs
    assert "$WIKI_REFERENCE$/pages/RES-testkurs_andra_slut" in hrefs
    assert page.find(".//img").get("src") == "$IMS-CC-FILEBASE$/media/forsta/bilder/trad-i-parken.png"
    assert page.find(".//link[@rel='stylesheet']").get("href") == "$IMS-CC-FILEBASE$/assets/cartridge.css"
    names = [posixpath.basename(name) for name in cartridge.files if name.endswith(".html")]
    assert len(names) == len(set(names)), "cc2olx finds a page by its file name alone"


@pytest.mark.parametrize("key", CARTRIDGES)
def test_a_cartridge_page_is_content_and_licence_without_the_packages_chrome(cartridges, key):
    cartridge = cartridges[key]
    for key_of_lesson, title in (("forsta_intro", "Intro"), ("andra_slut", "Slut")):
        _, page = lesson_page(cartridge, key_of_lesson)
        assert page.findtext(".//title") == title, "the LMS shows the page's title; the course's is its own"
        assert not page.find_class("skip-link") and not page.find_class("lesson-header") and not page.find_class("pager")
        assert page.find(".//script") is None and page.find(".//nav") is None and page.find(".//main") is None
        # Canvas shows the file name above the page, so the page names itself; Moodle and Open edX show the item's title
        assert [h1.text_content() for h1 in page.iter("h1")] == ([title] if key == "cc13" else []), key
        licence = page.find_class("cc-page__licence")[0]
        assert "Kursen Testkurs av" in licence.text_content()
        assert licence.find(".//a[@rel='license']").get("href").startswith("https://creativecommons.org/licenses/by/4.0/")
    _, intro = lesson_page(cartridge)
    credits = intro.find_class("cc-page__licence")[0].text_content()
    assert "Bilder: Träd i parken.png" in credits, "the image's attribution is on the page that shows it"


@pytest.mark.parametrize("key", CARTRIDGES)
def test_the_start_page_tells_what_the_course_is_and_lists_its_lessons(cartridges, key):
    cartridge = cartridges[key]
    page = html.fromstring(cartridge.files[cartridge.resources()["RES-testkurs_about"].get("href")])
    text = " ".join(page.text_content().split())
    for expected in (
        "En liten kurs för tester.",
        "Beräknad tid",
        "Målgrupp",
        "Innehåll",
        "Licens och källangivelse",
        "Licenser och källor",
    ):
        assert expected in text, expected
    contents = page.find_class("course-contents")[0]
    assert [" ".join(li.text_content().split()) for li in contents.iter("li") if li.find("ol") is None] == [
        "Intro – 5 min",
        "Mer – 5 min",
        "Slut – 5 min",
    ]


@pytest.mark.parametrize("key", CARTRIDGES)
def test_the_credits_page_lists_every_file_with_its_tasl_and_the_licence_file_is_at_the_root(cartridges, key):
    cartridge = cartridges[key]
    page = html.fromstring(cartridge.files[cartridge.resources()["RES-testkurs_credits"].get("href")])
    rows = [[" ".join(cell.text_content().split()) for cell in row.iter("td")] for row in page.iter("tr") if row.find("td") is not None]
    assert rows == [
        [
            "Träd i parken.png",
            "Träd i parken.png",
            "Testredaktionen",
            "",
            "Creative Commons Erkännande 4.0 Internationell (CC BY 4.0)",
            "ingen egen källangivelse: kursens licens och upphovspersoner",
        ]
    ]
    licence = cartridge.files["LICENSE.txt"].decode()
    assert "https://creativecommons.org/licenses/by/4.0/legalcode.sv" in licence
    assert "All content in the package has the course's licence." in licence
    assert "Programvara / Software" not in licence, "a cartridge carries no scripts"


# --- Moodle's sections, as its importer (backup/cc/cc2moodle.php) derives them ------------------------------


def moodle_sections(cartridge: Cartridge) -> list[tuple[int, str, list[tuple[str, int]]]]:
    """(section number, summary, [(activity or label, indent)]) as Moodle's CC importer lays out a course.

    Re-implemented from cc2moodle::create_instances (the organization's top item is level 1, each level of
    items one more), create_node_course_sections_section (every item at ROOT_DEEP = 2 is a section, numbered
    from 0 in document order, its summary the item's title if it launches nothing, else empty) and
    create_node_course_sections_section_mods_mod (all items below it are its activities, or labels if they
    launch nothing, indented by level - ROOT_DEEP, less one when above zero).
    """
    root_deep = 2
    title = f"{{{CP[cartridge.key]}}}title"
    flat: list[tuple[int, etree._Element, int]] = []  # (level, item, index of its section item)

    def walk(items: list[etree._Element], level: int, section: int) -> None:
        level += 1
        for item in items:
            index = len(flat)
            if level == root_deep:
                section = index
            flat.append((level, item, section))
            walk(cartridge.find("cp:item", item), level, section)

    walk(cartridge.find("/cp:manifest/cp:organizations/cp:organization/cp:item"), 0, -1)
    sections = []
    for number, (index, (_, item, _)) in enumerate((i, node) for i, node in enumerate(flat) if node[0] == root_deep):
        summary = item.findtext(title) if item.get("identifierref") is None else ""
        activities = []
        for level, child, section in flat:
            if section != index or (child is item and item.get("identifierref") is None):
                continue
            indent = level - root_deep
            activities.append((child.findtext(title), indent - 1 if indent > 0 else indent))
        sections.append((number, summary, activities))
    return sections


def test_moodle_puts_the_start_page_in_the_general_section_and_each_module_in_its_own(cartridges):
    assert moodle_sections(cartridges["cc11"]) == [
        (0, "Om kursen", [("Om kursen", 0), ("Licenser och källor", 0)]),
        (1, "Första modulen", [("Intro", 0), ("Mer", 0)]),
        (2, "Andra modulen", [("Slut", 0)]),
        (3, "Vidare läsning", [("Wikipedia – Upphovsrätt", 0), ("Creative Commons – Licenser", 0)]),
    ]


@pytest.mark.parametrize("key", CARTRIDGES)
def test_further_reading_becomes_one_weblink_file_per_link_carrying_title_and_url(cartridges, key):
    cartridge = cartridges[key]
    links = [r for r in cartridge.resources().values() if r.get("type").startswith("imswl_")]
    found = {}
    for resource in links:
        (path,) = [file.get("href") for file in cartridge.find("cp:file", resource)]
        root = etree.fromstring(cartridge.files[path])
        assert root.tag == f"{{{WEBLINK[key]}}}webLink"
        url = root.find(f"{{{WEBLINK[key]}}}url").get("href")
        found[root.findtext(f"{{{WEBLINK[key]}}}title")] = url
    assert found == {
        "Wikipedia – Upphovsrätt": "https://sv.wikipedia.org/wiki/Upphovsr%C3%A4tt",
        "Creative Commons – Licenser": "https://creativecommons.org/licenses/?lang=sv&x=1",
    }


def test_cc11_weblinks_are_valid_against_the_weblink_schema(cartridges, schema_validate):
    validate = schema_validate
    cartridge = cartridges["cc11"]
    weblinks = [r for r in cartridge.resources().values() if r.get("type") == "imswl_xmlv1p1"]
    assert len(weblinks) == 2
    for resource in weblinks:
        path = cartridge.find("cp:file", resource)[0].get("href")
        assert validate("cc11-all", cartridge.files[path]) == [], path


@pytest.mark.parametrize("key", CARTRIDGES)
def test_manifest_metadata_has_title_description_language_keywords_licence_and_digcomp(cartridges, key):
    cartridge = cartridges[key]
    lom = cartridge.find("/cp:manifest/cp:metadata/lom:lom")[0]
    assert cartridge.find("lom:general/lom:title/lom:string/text()", lom) == ["Testkurs"]
    assert cartridge.find("lom:general/lom:description/lom:string/text()", lom) == ["En liten kurs för tester."]
    assert cartridge.find("lom:general/lom:language/text()", lom) == ["sv"]
    assert cartridge.find("lom:general/lom:keyword/lom:string/text()", lom) == ["test"]
    (rights,) = cartridge.find("lom:rights/lom:description/lom:string/text()", lom)
    assert "CC BY 4.0" in rights and "https://creativecommons.org/licenses/by/4.0/" in rights
    assert cartridge.find("lom:classification/lom:purpose/lom:value/text()", lom) == ["competency"]
    assert cartridge.find("lom:classification/lom:taxonPath/lom:taxon/lom:id/text()", lom) == ["3.3"]
    assert "DigComp 2.2" in " ".join(cartridge.find("lom:classification//lom:string/text()", lom))


def test_course_without_further_reading_has_no_weblink_module(tmp_path):
    paths = build_cartridges(tmp_path / "project", course_files(COURSE_YML))
    for key, path in paths.items():
        cartridge = Cartridge.open(key, path)
        assert structural_problems(cartridge) == []
        assert not [r for r in cartridge.resources().values() if r.get("type").startswith("imswl_")]
        titles = cartridge.find("/cp:manifest/cp:organizations/cp:organization/cp:item/cp:item/cp:title/text()")
        assert titles == ["Om kursen", "Första modulen", "Andra modulen"]


def test_two_builds_give_byte_identical_cartridges(tmp_path):
    first = build_cartridges(tmp_path / "first", course_files())
    second = build_cartridges(tmp_path / "second", course_files())
    for key in CARTRIDGES:
        assert first[key].read_bytes() == second[key].read_bytes(), key


def test_identifiers_and_paths_stay_the_same_after_a_version_bump(tmp_path):
    before = build_cartridges(tmp_path / "before", course_files())
    bumped = course_files(COURSE_YML.replace("version: 1.0.0", "version: 1.1.0") + FURTHER_READING)
    after = build_cartridges(tmp_path / "after", bumped)
    for key in CARTRIDGES:
        assert before[key].name.endswith(f"-1.0.0-{key}.imscc") and after[key].name.endswith(f"-1.1.0-{key}.imscc")
        old, new = Cartridge.open(key, before[key]), Cartridge.open(key, after[key])
        assert old.find("//@identifier | //@identifierref") == new.find("//@identifier | //@identifierref")
        assert set(old.files) == set(new.files)


def test_sample_courses_make_valid_self_contained_cartridges(tmp_path, renderer, schema_validate):
    result = load_project(Project(REPO), renderer)
    assert not result.problems.has_errors, [str(problem) for problem in result.problems.items]
    written = write_packages(
        result.catalogue,
        environment(REPO / "theme"),
        REPO / "theme",
        tmp_path,
        formats=CARTRIDGES,
    )
    # and the sample programme's cartridge, which every importer must read as well as a course's
    programmes = len(result.catalogue.programmes) * len(programme_formats(CARTRIDGES))
    assert programmes and len(written) == len(CARTRIDGES) * len(result.catalogue.courses) + programmes
    validate = schema_validate
    for package in written:
        cartridge = Cartridge.open(package.format.key, tmp_path / package.file_name)
        assert structural_problems(cartridge) == [], package.file_name
        for importer in IMPORTERS[package.format.key]:
            assert unresolved(cartridge, importer) == [], (package.file_name, importer)
        if package.format.key == "cc11":
            assert validate("cc11", cartridge.manifest_bytes) == [], package.file_name
            for name, data in cartridge.files.items():
                if name.endswith(".xml") and name != "imsmanifest.xml":
                    assert validate("cc11-all", data) == [], name

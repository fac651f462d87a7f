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
from scorm_export.packages.writer import write_packages
from scorm_export.project import Project
from scorm_export.templates import environment

from .helpers import COURSE_YML, REPO, lesson, minimal_course, write_project

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
VERSIONS = ("cc11", "cc13")
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
    """Build only the cartridges of a tiny project; returns version key -> .imscc path."""
    project = write_project(root, files)
    report = build(project, BuildOptions(site=False, formats=VERSIONS))
    assert report.written, [str(problem) for problem in report.problems.items]
    return {package.format.key: project.site / DOWNLOADS / package.file_name for package in report.packages}


@dataclass(frozen=True)
class Cartridge:
    key: str  # cc11 | cc13
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


def broken_links(cartridge: Cartridge) -> list[str]:
    """Every relative href/src of every HTML page that does not resolve to a file in the cartridge."""
    broken = []
    for name, data in sorted(cartridge.files.items()):
        if not name.endswith(".html"):
            continue
        page = html.fromstring(data)
        for element, attribute, url, _ in page.iterlinks():
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, or a fragment in the same page
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            if target not in cartridge.files:
                broken.append(f"{name}: <{element.tag} {attribute}='{url}'> -> {target}")
    return broken


def test_every_cc11_manifest_is_valid_against_moodles_import_schema(cartridges, schema_validate):
    validate = schema_validate
    assert validate("cc11", cartridges["cc11"].manifest_bytes) == []
    assert validate("cc11-all", cartridges["cc11"].manifest_bytes) == []


def test_cc11_default_namespace_is_where_moodle_looks_for_it(cartridges):
    # Moodle reads 500 bytes, lower-cases them, drops whitespace and quotes, then searches for this string
    first = cartridges["cc11"].manifest_bytes[:500].decode("utf-8", "ignore").lower()
    normalised = "".join(first.split()).replace('"', "").replace("'", "")
    assert "xmlns=http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" in normalised


@pytest.mark.parametrize("key", VERSIONS)
def test_manifest_declares_the_version_and_its_namespaces(cartridges, key):
    cartridge = cartridges[key]
    root = cartridge.manifest
    assert root.tag == f"{{{CP[key]}}}manifest"
    assert root.nsmap[None] == CP[key]
    assert [e.text for e in cartridge.find("/cp:manifest/cp:metadata/cp:schema")] == ["IMS Common Cartridge"]
    assert [e.text for e in cartridge.find("/cp:manifest/cp:metadata/cp:schemaversion")] == [SCHEMAVERSION[key]]
    assert len(cartridge.find("/cp:manifest/cp:metadata/lom:lom")) == 1


@pytest.mark.parametrize("key", VERSIONS)
def test_every_file_is_listed_and_every_reference_resolves(cartridges, key):
    assert structural_problems(cartridges[key]) == []


@pytest.mark.parametrize("key", VERSIONS)
def test_organization_is_course_then_modules_then_lessons_then_further_reading(cartridges, key):
    cartridge = cartridges[key]
    modules = cartridge.find("/cp:manifest/cp:organizations/cp:organization/cp:item/cp:item")
    title = f"{{{CP[key]}}}title"
    outline = [(m.findtext(title), [item.findtext(title) for item in cartridge.find("cp:item", m)]) for m in modules]
    assert outline == [
        ("Första modulen", ["Intro", "Mer"]),
        ("Andra modulen", ["Slut"]),
        ("Vidare läsning", ["Wikipedia – Upphovsrätt", "Creative Commons – Licenser"]),
    ]
    resources = cartridge.resources()
    lesson_items = [item for module in modules[:2] for item in cartridge.find("cp:item", module)]
    assert {resources[item.get("identifierref")].get("type") for item in lesson_items} == {"webcontent"}
    link_items = cartridge.find("cp:item", modules[2])
    assert {resources[item.get("identifierref")].get("type") for item in link_items} == {f"imswl_xmlv1p{key[-1]}"}


@pytest.mark.parametrize("key", VERSIONS)
def test_lesson_pages_link_to_each_other_and_their_images_inside_the_cartridge(cartridges, key):
    cartridge = cartridges[key]
    assert broken_links(cartridge) == []
    intro = cartridge.resources()["RES-testkurs.forsta.intro"]
    page = html.fromstring(cartridge.files[intro.get("href")])
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "mer.html" in hrefs and "../andra/slut.html#sammanfattning" in hrefs
    assert "https://sv.wikipedia.org/" in hrefs, "external links stay links"
    image = page.find(".//img")
    assert image.get("alt") == "Ett träd i parken"
    assert posixpath.normpath(posixpath.join(posixpath.dirname(intro.get("href")), image.get("src"))) in cartridge.files


@pytest.mark.parametrize("key", VERSIONS)
def test_lesson_resources_launch_their_page_and_depend_on_stylesheet_and_media(cartridges, key):
    cartridge = cartridges[key]
    resources = cartridge.resources()
    lesson = resources["RES-testkurs.forsta.intro"]
    assert lesson.get("type") == "webcontent" and lesson.get("href").endswith(".html")
    shared = resources[cartridge.find("cp:dependency", lesson)[0].get("identifierref")]
    shared_files = {file.get("href") for file in cartridge.find("cp:file", shared)}
    assert any(path.endswith("package.css") for path in shared_files)
    assert any(path.endswith("trad-i-parken.png") for path in shared_files)
    assert not any(name.endswith(".js") for name in cartridge.files), "a cartridge carries no SCORM runtime"


@pytest.mark.parametrize("key", VERSIONS)
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


@pytest.mark.parametrize("key", VERSIONS)
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
        assert titles == ["Första modulen", "Andra modulen"]


def test_two_builds_give_byte_identical_cartridges(tmp_path):
    first = build_cartridges(tmp_path / "first", course_files())
    second = build_cartridges(tmp_path / "second", course_files())
    for key in VERSIONS:
        assert first[key].read_bytes() == second[key].read_bytes(), key


def test_identifiers_and_paths_stay_the_same_after_a_version_bump(tmp_path):
    before = build_cartridges(tmp_path / "before", course_files())
    bumped = course_files(COURSE_YML.replace("version: 1.0.0", "version: 1.1.0") + FURTHER_READING)
    after = build_cartridges(tmp_path / "after", bumped)
    for key in VERSIONS:
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
        formats=VERSIONS,
    )
    assert len(written) == 2 * len(result.catalogue.courses)
    validate = schema_validate
    for package in written:
        cartridge = Cartridge.open(package.format.key, tmp_path / package.file_name)
        assert structural_problems(cartridge) == [], package.file_name
        assert broken_links(cartridge) == [], package.file_name
        if package.format.key == "cc11":
            assert validate("cc11", cartridge.manifest_bytes) == [], package.file_name
            for name, data in cartridge.files.items():
                if name.endswith(".xml") and name != "imsmanifest.xml":
                    assert validate("cc11-all", data) == [], name

"""SCORM 1.2 and 2004 packages as files: valid manifests, Moodle's rules, complete and deterministic zips.

Runs without a browser; what the runtime does in an LMS is in test_scorm_runtime.py.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from scorm_export.build import BuildOptions, build
from scorm_export.course.model import ScoMode
from scorm_export.packages.pages import RUNTIME_SOURCE

from .helpers import COURSE_YML, REPO, SHARED, lesson, minimal_course, require_shared, write_project

STANDARDS = ("scorm12", "scorm2004")
SCHEMA_VERSION = {"scorm12": "1.2", "scorm2004": "2004 4th Edition"}
CP = {"scorm12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "scorm2004": "http://www.imsglobal.org/xsd/imscp_v1p1"}
ADLCP = {"scorm12": "http://www.adlnet.org/xsd/adlcp_rootv1p2", "scorm2004": "http://www.adlnet.org/xsd/adlcp_v1p3"}
SCORM_TYPE = {"scorm12": "scormtype", "scorm2004": "scormType"}
LOM = {"scorm12": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "scorm2004": "http://ltsc.ieee.org/xsd/LOM"}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def course_files(version: str = "1.0.0", **overrides) -> dict[str, str | bytes]:
    """Authors' names with spaces and å, ä, ö; an image; two modules."""
    return minimal_course(
        **{
            "testkurs/course.yml": COURSE_YML.replace("version: 1.0.0", f"version: {version}"),
            "testkurs/01-forsta/02-mer.md": lesson("Mer", "![En svart ruta](bilder/Svart ruta å.svg)\n"),
            "testkurs/01-forsta/bilder/Svart ruta å.svg": SVG,
            "testkurs/02-Andra modulen/module.yml": "title: Andra modulen\n",
            "testkurs/02-Andra modulen/01-Övning för alla.md": lesson("Övning för alla"),
            **overrides,
        }
    )


def build_zips(root: Path, files: dict, sco_mode: ScoMode | None = None) -> dict[str, bytes]:
    project = write_project(root, files)
    report = build(project, BuildOptions(formats=STANDARDS, site=False, sco_mode=sco_mode))
    assert report.written, [str(problem) for problem in report.problems.items]
    return {package.format.key: (project.site / "downloads" / package.file_name).read_bytes() for package in report.packages}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """The same course built twice, once more after a version bump, and as one SCO per lesson."""
    root = tmp_path_factory.mktemp("packages")
    return {
        "single": build_zips(root / "first", course_files()),
        "again": build_zips(root / "second", course_files()),
        "bumped": build_zips(root / "bumped", course_files(version="1.1.0")),
        "per-lesson": build_zips(root / "per-lesson", course_files(), ScoMode.PER_LESSON),
    }


def package(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def manifest(data: bytes) -> bytes:
    return package(data).read("imsmanifest.xml")


def every_package(builds) -> list[tuple[str, str, bytes]]:
    return [(mode, standard, builds[mode][standard]) for mode in ("single", "per-lesson") for standard in STANDARDS]


@pytest.fixture(scope="module")
def validate(schema_validate):
    return schema_validate


def test_every_manifest_validates_against_the_official_schemas(builds, validate):
    for mode, standard, data in every_package(builds):
        assert validate(standard, manifest(data)) == [], (mode, standard)


def test_an_invalid_manifest_is_caught_by_the_validator(builds, validate):
    broken = manifest(builds["single"]["scorm2004"]).replace(b"<organizations ", b"<organisations ", 1)
    assert validate("scorm2004", broken)


def test_schemaversion_and_adlcp_prefix_are_exactly_what_moodle_reads(builds):
    for mode, standard, data in every_package(builds):
        raw = manifest(data)
        root = etree.fromstring(raw)
        versions = root.findall(f"{{{CP[standard]}}}metadata/{{{CP[standard]}}}schemaversion")
        assert [element.text for element in versions] == [SCHEMA_VERSION[standard]], (mode, standard)
        assert b'xmlns:adlcp="' + ADLCP[standard].encode() + b'"' in raw
        assert b" adlcp:" + SCORM_TYPE[standard].encode() + b'="sco"' in raw
        assert raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<manifest ")


def identifiers(data: bytes) -> list[str]:
    return etree.fromstring(manifest(data)).xpath("//@identifier")


def test_identifiers_are_unique(builds):
    for mode, standard, data in every_package(builds):
        found = identifiers(data)
        assert len(found) == len(set(found)), (mode, standard, found)


def test_identifiers_are_stable_across_builds_and_version_bumps(builds):
    for standard in STANDARDS:
        assert identifiers(builds["again"][standard]) == identifiers(builds["single"][standard])
        assert identifiers(builds["bumped"][standard]) == identifiers(builds["single"][standard])
        # a re-import of the new version updates the course: only the version differs in the manifest (its attribute,
        # and LOM's lifeCycle version)
        bumped = manifest(builds["bumped"][standard])
        assert bumped.count(b">1.1.0<") == 1
        bumped = bumped.replace(b'version="1.1.0"', b'version="1.0.0"').replace(b">1.1.0<", b">1.0.0<")
        assert bumped == manifest(builds["single"][standard])


def test_same_content_gives_byte_identical_zips(builds):
    for standard in STANDARDS:
        assert builds["again"][standard] == builds["single"][standard]


def test_paths_are_ascii_without_spaces_and_the_manifest_is_at_the_root(builds):
    for _, _, data in every_package(builds):
        names = package(data).namelist()
        assert names[0] == "imsmanifest.xml"
        # our own paths; the control documents keep their published names (XMLSchema.dtd), the licence its customary one
        ours = set(names) - control_documents(names) - {"LICENSE.txt"}
        assert all(re.fullmatch(r"[a-z0-9][a-z0-9._/-]*", name) for name in ours), names
        assert "media/forsta/bilder/svart-ruta-a.svg" in names


def referenced_files(data: bytes, standard: str) -> set[str]:
    root = etree.fromstring(manifest(data))
    cp = CP[standard]
    files = {element.get("href") for element in root.iter(f"{{{cp}}}file")}
    return files | {element.get("href") for element in root.iter(f"{{{cp}}}resource") if element.get("href")}


def control_documents(names) -> set[str]:
    return {name for name in names if name.endswith((".xsd", ".dtd"))}


def test_manifest_lists_every_file_in_the_zip_and_nothing_else(builds):
    # the control documents describe the manifest; they are not content, so no resource lists them (as in ADL's own packages)
    for mode, standard, data in every_package(builds):
        names = set(package(data).namelist())
        in_zip = names - {"imsmanifest.xml"} - control_documents(names)
        assert referenced_files(data, standard) == in_zip, (mode, standard)


def schema_locations(data: bytes) -> dict[str, str]:
    value = etree.fromstring(manifest(data)).get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    parts = value.split()
    return dict(zip(parts[::2], parts[1::2], strict=True))


def test_every_control_document_the_manifest_names_is_at_the_root_unmodified(builds):
    shared = require_shared(SHARED / "schemas")
    for mode, standard, data in every_package(builds):
        archive = package(data)
        root = etree.fromstring(manifest(data))
        declared = {namespace for element in root.iter() for namespace in element.nsmap.values()} - {XSI}
        locations = schema_locations(data)
        # every namespace the manifest uses is mapped to a control document (ADL's test suite checks this)
        assert declared <= set(locations), (mode, standard, declared - set(locations))
        for namespace, location in locations.items():
            assert "/" not in location, (namespace, location)
            assert location in archive.namelist(), (mode, standard, location)
        for name in control_documents(archive.namelist()):
            # the originals, never the copies patched for libxml2
            assert archive.read(name) == (shared / standard / name).read_bytes(), (mode, standard, name)


def test_scorm2004_manifests_validate_against_the_schemas_inside_the_package(builds, tmp_path):
    """Complete: every file the named XSDs include or import is in the package, as a checker reading only it needs."""
    require_shared(SHARED / "schemas")

    class PackageOnly(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url == "http://www.w3.org/2001/xml.xsd":  # imported by URL; the package carries its own copy
                return self.resolve_filename(str(folder / "xml.xsd"), context)
            if url.startswith(("http://", "https://")):
                raise OSError(f"network fetch refused: {url}")
            return None

    for mode in ("single", "per-lesson"):
        data = builds[mode]["scorm2004"]
        folder = tmp_path / mode
        package(data).extractall(folder)
        # only the control documents and the manifest: nothing of the shared schema set can stand in
        imports = "".join(
            f'<xs:import namespace="{namespace}" schemaLocation="{(folder / location).as_uri()}"/>'
            for namespace, location in schema_locations(data).items()
        )
        driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
        parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
        parser.resolvers.add(PackageOnly())
        schema = etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=(folder / "driver.xsd").as_uri()))
        assert schema.validate(etree.fromstring(manifest(data))), schema.error_log


def test_single_sco_launches_the_shell_and_per_lesson_launches_each_lesson(builds):
    for mode, standard, data in every_package(builds):
        root = etree.fromstring(manifest(data))
        scos = [r for r in root.iter(f"{{{CP[standard]}}}resource") if r.get(f"{{{ADLCP[standard]}}}{SCORM_TYPE[standard]}") == "sco"]
        launches = [sco.get("href") for sco in scos]
        if mode == "single":
            assert launches == ["index.html"]
        else:
            # the course start page first, then every lesson, then the licences and sources
            assert launches == [
                "about.html",
                "lessons/forsta/intro.html",
                "lessons/forsta/mer.html",
                "lessons/andra-modulen/ovning-for-alla.html",
                "credits.html",
            ]
            assert "index.html" not in package(data).namelist()


def test_course_can_choose_one_sco_per_lesson_in_course_yml(tmp_path):
    files = course_files(**{"testkurs/course.yml": COURSE_YML + "packaging:\n  sco: per-lesson\n"})
    zips = build_zips(tmp_path / "p", files)
    for standard in STANDARDS:
        assert "index.html" not in package(zips[standard]).namelist()
        assert manifest(zips[standard]).count(b'="sco"') == 2 + 3  # the start page, the credits page and three lessons


def page_documents(data: bytes):
    archive = package(data)
    for name in archive.namelist():
        if name.endswith(".html"):
            yield name, html.fromstring(archive.read(name))


NETWORK = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def test_package_pages_load_nothing_from_the_network(builds):
    for mode, standard, data in every_package(builds):
        for name, document in page_documents(data):
            sources = document.xpath("//@src | //link[not(contains(concat(' ', @rel, ' '), ' license '))]/@href")
            assert sources, name
            assert not [source for source in sources if NETWORK.match(source)], (mode, standard, name)
            assert not document.xpath("//link[@rel='preconnect' or @rel='dns-prefetch' or @rel='preload']")
        css = package(data).read("assets/package.css").decode()
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css)


def test_lesson_pages_carry_their_runtime_mode(builds):
    for mode, standard, data in every_package(builds):
        for name, document in page_documents(data):
            config = json.loads(document.xpath("string(//script[@id='course-config'])"))
            expected = "shell" if name == "index.html" else ("sco" if mode == "per-lesson" else "lesson")
            assert (config["standard"], config["mode"]) == (standard, expected), name
            assert document.xpath("//script[@src]/@src")[-1].endswith("assets/scorm-runtime.js"), name
            assert bool(document.xpath("//nav[@class='pager']")) == (mode == "single" and name not in ("index.html", "credits.html")), name


def lom_text(root, standard: str, path: str) -> list[str]:
    namespaces = {"lom": LOM[standard]}
    return [" ".join(text.split()) for text in root.xpath(f"//lom:lom/{path}", namespaces=namespaces)]


def test_lom_metadata_describes_the_course(builds):
    for standard in STANDARDS:
        root = etree.fromstring(manifest(builds["single"][standard]))
        if standard == "scorm12":
            string, learning_time, taxon_path = "lom:langstring", "lom:typicallearningtime/lom:datetime", "lom:taxonpath"
        else:
            string, learning_time, taxon_path = "lom:string", "lom:typicalLearningTime/lom:duration", "lom:taxonPath"
        assert lom_text(root, standard, f"lom:general/lom:title/{string}/text()") == ["Testkurs"]
        assert lom_text(root, standard, f"lom:general/lom:description/{string}/text()") == ["En liten kurs för tester."]
        assert lom_text(root, standard, "lom:general/lom:language/text()") == ["sv"]
        assert lom_text(root, standard, f"lom:general/lom:keyword/{string}/text()") == ["test"]
        assert lom_text(root, standard, f"lom:educational/{learning_time}/text()") == ["PT15M"]  # three lessons of 5 min
        [rights] = lom_text(root, standard, f"lom:rights/lom:description/{string}/text()")
        assert "CC BY 4.0" in rights and "https://creativecommons.org/licenses/by/4.0/" in rights
        assert lom_text(root, standard, f"lom:classification/{taxon_path}/lom:source/{string}/text()") == ["DigComp 2.2"]
        assert "3.3" in lom_text(root, standard, f"lom:classification/{taxon_path}//lom:taxon/lom:id/text()")


def test_runtime_and_stylesheet_stay_small():
    runtime = RUNTIME_SOURCE.stat().st_size
    stylesheet = (REPO / "theme" / "package" / "package.css").stat().st_size
    assert 0 < runtime < 24_000  # tracking, links between SCOs, and the test answers and score
    assert runtime + stylesheet < 30_000


def test_runtime_never_uses_unload_nor_synchronous_requests():
    source = RUNTIME_SOURCE.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.DOTALL)  # the header comment names what it avoids
    assert not re.search(r"unload|XMLHttpRequest|document\.write|\beval\(", code)
    assert "pagehide" in code and "visibilitychange" in code


def test_manifests_with_a_test_stay_valid_and_say_how_it_is_passed(tmp_path, validate):
    test = lesson("Slutprov", "```fråga\nFråga?\n\n- (x) A\n- ( ) B\n- ( ) C\n```\n").replace(
        "duration: 5 min\n", "duration: 5 min\ntest: true\n"
    )
    files = course_files(
        **{"testkurs/course.yml": COURSE_YML + "assessment:\n  passing_score: 60\n", "testkurs/02-Andra modulen/02-prov.md": test}
    )
    for mode in (None, ScoMode.PER_LESSON):
        zips = build_zips(tmp_path / str(mode), files, mode)
        for standard in STANDARDS:
            raw = manifest(zips[standard])
            assert validate(standard, raw) == [], (mode, standard)
            root = etree.fromstring(raw)
            if standard == "scorm12":
                assert [e.text for e in root.iter(f"{{{ADLCP['scorm12']}}}masteryscore")] == ["60"]
            else:
                measures = root.xpath(
                    "//*[local-name()='primaryObjective'][@satisfiedByMeasure='true']/*[local-name()='minNormalizedMeasure']/text()"
                )
                assert measures == ["0.60"]


def test_the_shipped_control_documents_are_exactly_what_the_copy_script_makes_from_the_shared_set(tmp_path):
    """The project keeps only what packages carry, unmodified; a change in ../shared or in a manifest shows here."""
    from scorm_export.packages.control_documents import CONTROL, copy_from

    shared = require_shared(SHARED / "schemas")
    copy_from(shared, tmp_path)
    made = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    shipped = {p.relative_to(CONTROL).as_posix(): p.read_bytes() for p in sorted(CONTROL.rglob("*")) if p.suffix in (".xsd", ".dtd")}
    assert made == shipped

"""Programmes (content/program/*.yml): what the loader refuses at path:line, the programme page, and the programme's
SCORM 2004 package and Common Cartridge (official XSDs, every listed file present, one part per course in order,
completion of each course in a real SCORM runtime)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from scorm_export.build import build
from scorm_export.course.loader import load_project
from scorm_export.project import Project

from .helpers import COURSE_YML, REPO, lesson, messages, minimal_course, write_project
from .test_quality_links import manifest_hrefs

PROGRAMME_FILE = "program/bas.yml"
PROGRAMME = """\
id: bas
title: Bas
summary: Två kurser.
audience: Alla
level: grundläggande
licence: CC-BY-SA-4.0
version: 1.0.0
courses:
  - andra
  - testkurs
"""
OTHER_COURSE = (
    COURSE_YML.replace("id: testkurs", "id: andra")
    .replace("title: Testkurs", "title: Andra kursen")
    .replace("licence: CC-BY-4.0", "licence: CC-BY-SA-4.0")
)
IMSCP = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "cc": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}


def two_courses(**files: str | None) -> dict:
    return minimal_course(
        **{
            "andra/course.yml": OTHER_COURSE,
            "andra/01-forsta/module.yml": "title: Första\n",
            "andra/01-forsta/01-ett.md": lesson("Ett"),
            "andra/01-forsta/02-tva.md": lesson("Två"),
            PROGRAMME_FILE: PROGRAMME,
            **files,
        }
    )


def assert_problem(result, line: int, fragment: str) -> None:
    path = "content/" + PROGRAMME_FILE
    found = [p for p in result.problems.items if p.path == path and p.line == line and fragment in p.message]
    assert found, f"expected {path}:{line}: ...{fragment}... among:\n" + "\n".join(messages(result))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_programme_is_read_in_order_and_the_folder_is_no_course(load):
    result = load(two_courses())

    assert not result.problems.has_errors, messages(result)
    (programme,) = result.catalogue.programmes
    assert programme.courses == ("andra", "testkurs")
    assert [course.id for course in result.catalogue.courses_of(programme)] == ["andra", "testkurs"]
    assert programme.licence.id == "CC-BY-SA-4.0" and programme.source == "content/" + PROGRAMME_FILE


@pytest.mark.parametrize(
    ("text", "needle", "fragment"),
    [
        (PROGRAMME.replace("  - testkurs", "  - saknas"), "  - saknas", "okänd kurs 'saknas'"),
        (PROGRAMME.replace("  - testkurs", "  - andra"), "  - andra\n", "står två gånger"),
        (PROGRAMME.replace("courses:\n  - andra\n  - testkurs\n", "courses: []\n"), "courses:", "programmet har inga kurser"),
        (PROGRAMME.replace("licence: CC-BY-SA-4.0", "licence: CC-BY-4.0"), "licence:", "kursen andra på rad 9 är CC BY-SA 4.0"),
        (PROGRAMME.replace("id: bas", "id: testkurs"), "id:", "används redan av kursen testkurs"),
        (PROGRAMME + "duration: 8 h\n", "duration:", "okänt fält 'duration'"),
    ],
    ids=["unknown course", "course twice", "no course", "more open than a course", "id of a course", "unknown field"],
)
def test_a_bad_programme_is_reported_at_its_line(load, text, needle, fragment):
    result = load(two_courses(**{PROGRAMME_FILE: text}))

    line = 1 if fragment.startswith("används") else line_of(text, needle) + (1 if needle == "  - andra\n" else 0)
    assert_problem(result, line, fragment)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("programme") / "p", two_courses())
    report = build(project)
    assert report.written, [str(problem) for problem in report.problems.items]
    return project


def archive(project, suffix: str) -> dict[str, bytes]:
    with zipfile.ZipFile(project.site / "downloads" / f"bas-1.0.0-{suffix}") as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def test_the_programme_page_lists_its_courses_in_order_with_time_and_packages(built):
    page = built.site / "program" / "bas" / "index.html"
    document = lxml.html.fromstring(page.read_bytes())
    links = document.xpath("//ol[@class='programme-courses']/li/a")
    assert [link.text_content() for link in links] == ["Andra kursen", "Testkurs"]
    for link in links:
        assert (page.parent / link.get("href") / "index.html").resolve().is_file()
    (time,) = document.xpath("//dt[.='Beräknad tid: ']/following-sibling::dd[1]")
    assert time.text_content() == "20 min (2 kurser)"  # two lessons of 5 min in each course
    downloads = document.xpath("//a[@download]/@href")
    assert [href.rsplit("/", 1)[1] for href in downloads] == ["bas-1.0.0-scorm2004.zip", "bas-1.0.0-cc11.imscc"]
    for href in downloads:
        assert (page.parent / href).resolve().is_file()
    assert "SCORMEXPORTPACKAGESIZE" not in page.read_text(encoding="utf-8")
    nav = (built.site / "index.html").read_text(encoding="utf-8")
    assert "program/bas/" in nav


def test_the_scorm_package_has_one_sco_per_course_in_programme_order(built, schema_validate):
    files = archive(built, "scorm2004.zip")
    manifest = files["imsmanifest.xml"]
    assert schema_validate("scorm2004", manifest) == []
    root = etree.fromstring(manifest)
    items = root.xpath("//cp:organization/cp:item", namespaces=IMSCP)
    assert [item.findtext("cp:title", namespaces=IMSCP) for item in items] == ["Andra kursen", "Testkurs"]
    launches = [root.xpath(f"//cp:resource[@identifier='{item.get('identifierref')}']/@href", namespaces=IMSCP)[0] for item in items]
    assert launches == ["courses/andra/index.html", "courses/testkurs/index.html"]
    listed = set(manifest_hrefs_of(files))
    assert listed <= set(files), listed - set(files)
    assert {name for name in files if name.startswith("courses/") and name.endswith(".html")} <= listed
    assert b"CC BY-SA 4.0" in files["LICENSE.txt"] and b"courses/testkurs/" in files["LICENSE.txt"]


def test_the_cartridge_has_one_module_per_course(built, schema_validate):
    files = archive(built, "cc11.imscc")
    manifest = files["imsmanifest.xml"]
    assert schema_validate("cc11", manifest) == []
    root = etree.fromstring(manifest)
    modules = root.xpath("//cc:organization/cc:item/cc:item", namespaces=IMSCP)
    assert [module.findtext("cc:title", namespaces=IMSCP) for module in modules] == ["Andra kursen", "Testkurs"]
    assert [module.findtext("cc:item/cc:title", namespaces=IMSCP) for module in modules] == ["Om kursen", "Om kursen"]
    listed = set(manifest_hrefs_of(files))
    assert listed <= set(files), listed - set(files)


def manifest_hrefs_of(files: dict[str, bytes]) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "imsmanifest.xml"
        path.write_bytes(files["imsmanifest.xml"])
        return manifest_hrefs(path)


def test_the_sample_content_has_a_programme_of_both_sample_courses(renderer):
    result = load_project(Project(REPO), renderer)
    (programme,) = result.catalogue.programmes
    assert set(programme.courses) == {course.id for course in result.catalogue.courses}


@pytest.mark.browser
def test_each_course_of_the_programme_package_completes_in_a_real_scorm_runtime(built, tmp_path, browser):
    from playwright.sync_api import expect

    from .test_scorm_runtime import HarnessSession, served

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        with served(built.site / "downloads" / "bas-1.0.0-scorm2004.zip", tmp_path) as base:
            for course_id in ("andra", "testkurs"):
                session = HarnessSession(page, base, "scorm2004", sco=f"pkg/courses/{course_id}/index.html")
                title = "Andra kursen" if course_id == "andra" else "Testkurs"
                expect(session.lesson.locator("h1")).to_have_text(f"Om kursen: {title}")
                session.expect_progress(0, 2)
                for seen in (1, 2):
                    session.next()
                    session.expect_progress(seen, 2)
                assert session.values("cmi.completion_status")[-1] == "completed"
                session.end()
                assert session.cmi("cmi.completion_status") == "completed"
    finally:
        context.close()

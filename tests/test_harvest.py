"""site/catalogue.json for harvesters: schema.org JSON-LD that expands, each course with its version and content hash,
each package with its size and checksum; and the warning for changed content under an unchanged version."""

from __future__ import annotations

import hashlib
import json

from pyld import jsonld

from scorm_export.build import build, check

from .helpers import COURSE_YML, lesson, messages, minimal_course, write_project

INTRO = "testkurs/01-forsta/01-intro.md"


def offline_loader(url, options=None):
    """schema.org's context, as a vocabulary only: expanding must not fetch anything."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


def test_the_catalogue_expands_and_names_every_course_and_package_with_checksums(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    report = build(project)
    assert report.written

    document = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    expanded = jsonld.expand(document, {"documentLoader": offline_loader})
    (catalogue,) = expanded
    assert catalogue["@type"] == ["https://schema.org/DataCatalog"]
    (course,) = catalogue["https://schema.org/hasPart"]
    assert course["https://schema.org/courseCode"][0]["@value"] == "testkurs"
    assert course["https://schema.org/version"][0]["@value"] == "1.0.0"
    (loaded,) = check(project).catalogue.courses
    assert document["hasPart"][0]["identifier"]["value"] == loaded.content_hash
    packages = document["hasPart"][0]["encoding"]
    assert len(packages) == 5
    for package in packages:
        data = (project.site / package["contentUrl"]).read_bytes()
        assert package["sha256"] == hashlib.sha256(data).hexdigest() and package["contentSize"] == str(len(data))


def test_changed_content_under_the_same_version_is_a_warning(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    assert not check(project).problems.items

    (project.content / INTRO).write_text(lesson("Intro", "\nNy text.\n"), encoding="utf-8")
    warned = check(project)
    (warning,) = [p for p in warned.problems.items if "versionen är densamma" in p.message]
    assert warning.severity.value == "warning" and warning.path == "content/testkurs/course.yml"
    assert "t.ex. till 1.1.0" in warning.message

    (project.content / "testkurs/course.yml").write_text(COURSE_YML.replace("version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    assert not check(project).problems.items, messages(check(project))

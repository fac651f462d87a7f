"""A package page's footer names a long list of authors the way catalogues do; the start page names them all."""

from __future__ import annotations

import zipfile

from scorm_export.build import BuildOptions, build

from .helpers import COURSE_YML, minimal_course, write_project

AUTHORS = ["Anna Ek", "Bo Al", "Cecilia Lind", "David Gran", "Eva Björk"]


def test_every_page_shortens_more_than_three_authors_and_the_start_page_lists_them_all(tmp_path):
    authors = "authors:\n" + "".join(f"  - name: {name}\n" for name in AUTHORS)
    course = COURSE_YML.replace("authors:\n  - name: Testredaktionen\n", authors)
    project = write_project(tmp_path / "p", minimal_course(**{"testkurs/course.yml": course}))
    report = build(project, BuildOptions(site=False, formats=("scorm12",)))
    assert report.written, [str(p) for p in report.problems.items]

    with zipfile.ZipFile(project.site / "downloads" / "testkurs-1.0.0-scorm12.zip") as archive:
        lesson = archive.read("lessons/forsta/intro.html").decode("utf-8")
        about = archive.read("about.html").decode("utf-8")
    footer = lesson[lesson.index('<footer class="licence-footer">') :]
    assert "Anna Ek, Bo Al m.fl. / Testmuseet" in footer and "Cecilia Lind" not in footer
    assert all(name in about for name in AUTHORS)

"""Each page speaks its language: a course in English is marked as English inside the Swedish site."""

from __future__ import annotations

import zipfile

import lxml.html
import pytest

from scorm_export.build import build

from .helpers import COURSE_YML, minimal_course, write_project

ENGLISH_LESSON = """\
---
title: {title}
duration: 5 min
objectives: [Explain what a licence allows]
---

This lesson is written in English, for staff who read English better than Swedish.
"""


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    course = COURSE_YML.replace("language: sv", "language: en").replace("title: Testkurs", "title: Open licences")
    files = minimal_course(
        **{
            "testkurs/course.yml": course,
            "testkurs/01-forsta/module.yml": "title: First steps\n",
            "testkurs/01-forsta/01-intro.md": ENGLISH_LESSON.format(title="Introduction"),
            "testkurs/01-forsta/02-mer.md": ENGLISH_LESSON.format(title="More"),
        }
    )
    project = write_project(tmp_path_factory.mktemp("english") / "p", files)
    assert build(project).written
    return project.site


def _page(site, path: str):
    return lxml.html.parse(str(site / path)).getroot()


def test_the_interface_stays_swedish_and_the_course_content_is_marked_english(english_site):
    for path in ("testkurs/index.html", "testkurs/forsta/intro/index.html"):
        page = _page(english_site, path)
        assert page.get("lang") == "sv"
        [content] = page.cssselect("article.md-content__inner > div[lang]")
        assert content.get("lang") == "en"
        assert content.cssselect("h1")[0].text_content().strip() in ("Open licences", "Introduction")


def test_lesson_and_course_labels_follow_the_course_language(english_site):
    lesson = _page(english_site, "testkurs/forsta/intro/index.html").cssselect("div[lang=en]")[0].text_content()
    assert "Lesson 1 of 2" in lesson and "Estimated time" in lesson and "What you will learn" in lesson
    assert "Lektion" not in lesson and "Beräknad tid" not in lesson
    course = _page(english_site, "testkurs/index.html").cssselect("div[lang=en]")[0].text_content()
    for label in ("Audience", "Estimated time", "Authors", "Publisher", "Licence", "Contents", "Download"):
        assert label in course, label
    assert "Målgrupp" not in course and "Ladda ner" not in course


def test_the_catalogue_marks_an_english_title_and_summary_but_not_the_swedish_labels(english_site):
    card = _page(english_site, "index.html").cssselect(".course-card")[0]
    assert card.get("lang") is None
    assert {element.get("lang") for element in card.cssselect(".course-card__title, .course-card__summary")} == {"en"}
    assert card.cssselect("dt")[0].text_content() == "Tid: "  # the separator the search index reads


def test_the_footer_marks_the_course_title_in_its_language(english_site):
    footer = _page(english_site, "testkurs/forsta/intro/index.html").cssselect(".page-licence span[lang=en]")
    assert footer and footer[0].text_content() == "Open licences"


def test_a_swedish_course_is_marked_swedish_like_the_site(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    [content] = _page(project.site, "testkurs/forsta/intro/index.html").cssselect("article div[lang]")
    assert content.get("lang") == "sv"


def test_english_package_pages_use_the_course_language(english_site):
    package = next(path for path in (english_site / "downloads").glob("*-scorm12.zip") if not path.name.startswith("sjalvskattning"))
    with zipfile.ZipFile(package) as archive:
        page = lxml.html.fromstring(archive.read("lessons/forsta/intro.html"))
    assert page.get("lang") == "en" and "Lesson 1 of 2" in page.text_content()


@pytest.mark.browser
def test_english_course_pages_have_no_axe_violations(english_site, browser):
    from .page_tour import tour

    pages = ["index.html", "testkurs/index.html", "testkurs/forsta/intro/index.html"]
    visits = tour(browser, english_site, pages).visits
    assert [v.page for v in visits] == pages
    assert [(v.page, violation.rule, violation.target) for v in visits for violation in v.violations] == []

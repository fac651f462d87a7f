"""The built sample site: catalogue, course page, lesson page, Swedish UI, search, metadata, privacy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from lxml import html

from scorm_export.course.loader import load_project
from scorm_export.project import Project

from .helpers import REPO


def sample_catalogue(renderer):
    result = load_project(Project(REPO), renderer)
    assert not result.problems.has_errors, [str(p) for p in result.problems.items]
    return result.catalogue


def parse(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def test_sample_content_is_clean_and_large_enough(renderer):
    catalogue = sample_catalogue(renderer)
    assert len(catalogue.courses) >= 2
    largest = max(catalogue.courses, key=lambda course: len(course.lessons))
    assert len(largest.modules) >= 3 and len(largest.lessons) >= 8
    assert 45 <= largest.duration_minutes <= 90
    assert all(course.assets for course in catalogue.courses), "every sample course shows images it made itself"


def test_catalogue_has_a_card_per_course_with_its_facts(sample_site, renderer):
    catalogue = sample_catalogue(renderer)
    page = parse(sample_site / "index.html")
    cards = page.cssselect(".course-card")
    assert len(cards) == len(catalogue.courses)
    for course, card in zip(catalogue.courses, cards, strict=True):
        text = card.text_content()
        assert course.title in text and course.summary in text
        assert course.licence.short_name in text
        assert "Svenska" in text if course.language == "sv" else True
        assert card.cssselect("a")[0].get("href") == f"{course.id}/"
        for area in course.digcomp.areas:
            assert area.name_sv in text


def test_course_page_has_facts_contents_downloads_and_licence(sample_site, renderer):
    course = sample_catalogue(renderer).courses[0]
    page = parse(sample_site / course.id / "index.html")
    text = page.text_content()
    for expected in (course.summary, course.audience, course.version, course.publisher.name, *[a.name for a in course.authors]):
        assert expected in text
    assert "Ladda ner" in text
    licence_links = page.xpath('//a[@rel="license"]')
    assert licence_links and all(link.get("href") == course.licence.deed for link in licence_links)
    lesson_links = {link.get("href") for link in page.cssselect("article a")}
    for lesson in course.lessons:
        assert f"{lesson.module_slug}/{lesson.slug}/" in lesson_links
    for link in page.xpath("//a[@download]"):
        assert (sample_site / course.id / link.get("href")).resolve().is_file(), link.get("href")


def test_course_page_carries_schema_org_course_json_ld(sample_site, renderer):
    course = sample_catalogue(renderer).courses[0]
    page = parse(sample_site / course.id / "index.html")
    scripts = page.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data["@type"] == "Course" and data["name"] == course.title
    assert data["description"] == course.summary and data["inLanguage"] == course.language
    assert data["license"].startswith("https://creativecommons.org/")
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?", data["timeRequired"])
    assert data["provider"]["name"] == course.publisher.name
    assert data["isAccessibleForFree"] is True
    assert page.xpath('//link[@rel="license"]/@href') == [course.licence.deed]


def test_lesson_page_has_time_neighbours_and_licence_footer(sample_site, renderer):
    course = sample_catalogue(renderer).courses[0]
    lesson = course.lessons[1]
    page = parse(sample_site / course.id / lesson.module_slug / lesson.slug / "index.html")
    assert page.cssselect("h1")[0].text_content().strip() == lesson.title
    assert "Beräknad tid" in page.cssselect(".lesson-meta")[0].text_content()
    footer = page.cssselect("footer")[0]
    assert footer.cssselect("a.md-footer__link--prev") and footer.cssselect("a.md-footer__link--next")
    licence = page.cssselect(".page-licence")[0]
    assert course.licence.short_name in licence.text_content() and course.attribution in licence.text_content()


def test_lesson_links_and_images_point_into_the_site(sample_site, renderer):
    course = sample_catalogue(renderer).courses[0]
    for lesson in course.lessons:
        folder = sample_site / course.id / lesson.module_slug / lesson.slug
        page = parse(folder / "index.html")
        for image in page.cssselect("article img"):
            assert (folder / image.get("src")).resolve().is_file(), (lesson.key, image.get("src"))
            assert image.get("alt")
        for link in page.cssselect("article a[href]"):
            href = link.get("href").split("#")[0]
            if href and not re.match(r"^[a-z]+:", href):
                target = (folder / href).resolve()
                assert target.is_file() or (target / "index.html").is_file(), (lesson.key, href)


def test_site_is_swedish_and_search_uses_swedish_stemming(sample_site):
    for page in ("index.html", "oppna-licenser/index.html"):
        assert parse(sample_site / page).get("lang") == "sv"
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"]
    assert (sample_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.sv.min.js").is_file()


def test_mkdocs_settings_keep_prune_and_privacy():
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["theme"]["language"] == "sv"
    assert "navigation.prune" in settings["theme"]["features"]
    assert settings["theme"]["font"] is False, "Google Fonts would be fetched on every page view"


THIRD_PARTY_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b(?![^>]*rel=["'](?:license|canonical)["'])[^>]*href=["'](?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_built_site_loads_nothing_from_other_hosts(sample_site):
    offenders = []
    for path in sample_site.rglob("*"):
        if path.suffix in (".html", ".css", ".js") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(sample_site)}: {m.group(0)[:80]}" for m in THIRD_PARTY_LOAD.finditer(text)]
            if "fonts.googleapis" in text or "fonts.gstatic" in text:
                offenders.append(f"{path.relative_to(sample_site)}: Google Fonts")
    assert not offenders, offenders

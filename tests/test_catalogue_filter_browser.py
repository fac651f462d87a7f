"""The catalogue's filter in the browser: used with the keyboard alone, the count announced in a status region,
the choices kept in the URL and restored on reload, no axe violation while filtering, and without JavaScript
every course listed and no form shown."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from scorm_export import ui_strings
from scorm_export.build import BuildOptions, build
from scorm_export.course import digcomp

from .browser import serve_directory
from .helpers import write_project
from .page_tour import AXE, RUN_AXE, WCAG_TAGS
from .test_digcomp_site import project_files

pytestmark = pytest.mark.browser

# differing in area, competence, level, time and licence; every expectation below is computed from these
COURSES: dict[str, dict] = {
    "upphovsratt": {
        "title": "Upphovsrätt",
        "language": "sv",
        "version": "2.2",
        "competences": ["3.3"],
        "level": "grundläggande",
        "licence": "CC-BY-4.0",
        "duration": 20,
    },
    "sakerhet": {
        "title": "Säkerhet",
        "language": "sv",
        "version": "2.2",
        "competences": ["4.1", "4.2"],
        "level": "medel",
        "licence": "CC-BY-SA-4.0",
        "duration": 45,
    },
    "samarbete": {
        "title": "Samarbete",
        "language": "en",
        "version": "2.2",
        "competences": ["2.4", "3.1"],
        "level": "grundläggande",
        "licence": "CC-BY-SA-4.0",
        "duration": 150,
    },
}
T = ui_strings.strings("sv")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("filter") / "p", project_files(COURSES))
    report = build(project, BuildOptions(formats=("scorm12",)))
    assert report.written, [str(problem) for problem in report.problems.items]
    return project.site


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def area_values(course_id: str) -> set[str]:
    spec = COURSES[course_id]
    return {f"{spec['version']}/{competence.partition('.')[0]}" for competence in spec["competences"]}


def area_label(value: str) -> str:
    version, _, area_id = value.partition("/")
    return next(f"{area.id}. {area.sv}" for area in digcomp.framework(version).areas if area.id == area_id)


def count_text(shown: int) -> str:
    return T["filter_count"].format(shown=shown, total=len(COURSES)) if shown else T["filter_none"]


def visible_titles(page) -> list[str]:
    return sorted(page.locator("li.course-card:visible h2").all_inner_texts())


def titles(course_ids) -> list[str]:
    return sorted(spec["title"] for course_id, spec in COURSES.items() if course_id in course_ids)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until `selector` has focus, as a keyboard user gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement === document.querySelector(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_with_arrows(page, selector: str, label: str, key: str = "ArrowDown", limit: int = 40) -> None:
    """With the (closed) select focused, press `key` until the option `label` is chosen."""
    for _ in range(limit):
        if (
            page.evaluate(
                "(selector) => { const s = document.querySelector(selector); return s.options[s.selectedIndex].label; }", selector
            )
            == label
        ):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{label} is not an option of {selector}")


def test_filtering_by_area_level_and_licence_with_the_keyboard_announces_the_count_and_keeps_it_in_the_url(site, context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_directory(site) as base:
        page.goto(base)
        status = page.locator("form.catalogue-filter [role=status]")
        expect(page.locator("form.catalogue-filter")).to_be_visible()
        expect(status).to_have_text(count_text(len(COURSES)))

        (area,) = area_values("sakerhet")
        tab_to(page, "#filter-omrade")
        choose_with_arrows(page, "#filter-omrade", area_label(area))
        in_area = [course_id for course_id in COURSES if area in area_values(course_id)]
        expect(status).to_have_text(count_text(len(in_area)))
        assert visible_titles(page) == titles(in_area)
        assert parse_qs(urlsplit(page.url).query) == {"omrade": [area]}

        choose_with_arrows(page, "#filter-omrade", T["filter_any"], key="ArrowUp")  # focus is still on it
        level = COURSES["upphovsratt"]["level"]
        tab_to(page, "#filter-niva")
        choose_with_arrows(page, "#filter-niva", ui_strings.level_name(level))
        tab_to(page, "#filter-licens")
        licence_id = COURSES["samarbete"]["licence"]
        licence_label = page.locator(f"#filter-licens option[value='{licence_id}']").inner_text()
        choose_with_arrows(page, "#filter-licens", licence_label)
        both = [course_id for course_id, spec in COURSES.items() if spec["level"] == level and spec["licence"] == licence_id]
        expect(status).to_have_text(count_text(len(both)))
        assert visible_titles(page) == titles(both)
        assert parse_qs(urlsplit(page.url).query) == {"niva": [level], "licens": [licence_id]}

        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_AXE, WCAG_TAGS) == []

        page.reload()
        expect(page.locator("#filter-niva")).to_have_value(level)
        expect(page.locator("#filter-licens")).to_have_value(licence_id)
        expect(status).to_have_text(count_text(len(both)))
        assert visible_titles(page) == titles(both)

        tab_to(page, "button.catalogue-filter__reset")
        page.keyboard.press("Enter")
        expect(status).to_have_text(count_text(len(COURSES)))
        assert visible_titles(page) == titles(COURSES)
        assert urlsplit(page.url).query == ""
    assert errors == []


def test_a_duration_range_and_a_choice_no_course_matches(site, context):
    page = context.new_page()
    with serve_directory(site) as base:
        page.goto(base + "?tid=31-60")
        shown = [course_id for course_id, spec in COURSES.items() if 31 <= spec["duration"] <= 60]
        expect(page.locator("form.catalogue-filter [role=status]")).to_have_text(count_text(len(shown)))
        assert visible_titles(page) == titles(shown)
        page.locator("#filter-niva").select_option(COURSES["sakerhet"]["level"])
        page.locator("#filter-sprak").select_option("en")
        none = [
            c
            for c, spec in COURSES.items()
            if 31 <= spec["duration"] <= 60 and spec["level"] == COURSES["sakerhet"]["level"] and spec["language"] == "en"
        ]
        assert none == []
        expect(page.locator("form.catalogue-filter [role=status]")).to_have_text(count_text(0))
        assert visible_titles(page) == []


def test_values_in_the_url_that_the_filter_does_not_offer_are_ignored(site, context):
    page = context.new_page()
    with serve_directory(site) as base:
        page.goto(base + "?niva=%3Cimg%20src%3Dx%3E&licens=CC-BY-4.0&okand=1")
        expect(page.locator("#filter-niva")).to_have_value("")
        expect(page.locator("#filter-licens")).to_have_value("CC-BY-4.0")
        shown = [course_id for course_id, spec in COURSES.items() if spec["licence"] == "CC-BY-4.0"]
        assert visible_titles(page) == titles(shown)
        assert page.locator("li.course-card img").count() == 0


def test_without_javascript_every_course_is_listed_and_the_filter_is_not_shown(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        with serve_directory(site) as base:
            page.goto(base + "?niva=medel")
            expect(page.locator("form.catalogue-filter")).to_be_hidden()
            assert visible_titles(page) == titles(COURSES)
    finally:
        context.close()

"""The self-assessment page in the browser: rated with the keyboard, a learning plan from the sample courses by the
documented rules, changed with buttons, downloaded and loaded again, shared as a link whose plan never reaches a
server, printed as a clean plan, readable without JavaScript, with no axe violation and nothing from other hosts."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scorm_export import ui_strings
from scorm_export.build import check
from scorm_export.course.model import Level
from scorm_export.packages import scorm12, scorm2004
from scorm_export.packages.self_assessment import licence_id, self_assessment_package
from scorm_export.templates import environment

from .browser import copy_node_module, serve_directory
from .helpers import REPO, project_licence
from .page_tour import AXE, RUN_AXE, WCAG_TAGS

pytestmark = pytest.mark.browser

PAGE = "sjalvskattning/"
T = ui_strings.strings("sv")
GROUP = {level.value: index for index, level in enumerate(Level, start=1)}


# --- the rules, as the page states them: what the plan must hold, worked out here from the model -----------------


def expected_plan(ratings: dict[str, int], wishes: list[str], courses) -> list[str]:
    """Course ids in plan order: a wanted competence at the reader's group or one above; lower level first, then
    more wanted competences covered, then shorter, then title."""
    found = []
    for course in courses:
        group = GROUP[course.level.value]
        competences = course.digcomp.competences if course.digcomp else ()
        matched = [c for c in wishes if c in competences and group in (ratings.get(c, 0), ratings.get(c, 0) + 1)]
        if matched:
            found.append((group, -len(matched), course.duration_minutes, course.title, course.id))
    return [entry[-1] for entry in sorted(found)]


def minutes_text(minutes: int) -> str:
    return ui_strings.format_duration(minutes)


@pytest.fixture(scope="module")
def courses(sample):
    checked = check(sample.project)
    assert not checked.problems.has_errors
    return checked.catalogue.courses


@pytest.fixture
def served(sample_site):
    with serve_directory(sample_site) as base:
        yield base


@pytest.fixture
def context(browser, served):
    """A context that refuses and records every request to another host, and records every request it makes."""
    context = browser.new_context(accept_downloads=True)
    context.requests = []
    context.outside = []
    context.on("request", lambda request: context.requests.append(request.url))
    context.route(re.compile(f"^(?!{re.escape(served)})"), lambda route: (context.outside.append(route.request.url), route.abort()))
    yield context
    context.close()


def open_page(context, served, fragment: str = ""):
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.goto(served + PAGE + fragment)
    expect(page.locator(".sa-actions")).to_be_visible()  # the script has run
    return page


def key(competence: str) -> str:
    return competence.replace(".", "-")


def rate_with_keyboard(page, competence: str, rating: int, wish: bool) -> None:
    """Tab into the competence's radio group, choose with the arrow keys, tick the wish with Space."""
    fieldset = page.locator(f"fieldset[data-competence='{competence}']")
    fieldset.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")  # the first statement (grundläggande)
    for _ in range((rating - 1) % 5):  # down the list; "Vet inte" (0) is the fifth
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(fieldset.locator("input[type=checkbox]")).to_be_focused()
    if wish:
        page.keyboard.press("Space")


def show_plan_with_keyboard(page) -> None:
    page.locator(".sa-actions button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#sa-result-heading")).to_be_focused()


def planned(page) -> list[str]:
    return page.locator("[data-role=plan-rows] tr").evaluate_all("rows => rows.map(row => row.dataset.course)")


def scenario(courses) -> tuple[dict[str, int], list[str]]:
    """Ratings and wishes that make the sample courses show each rule: every competence a course teaches is wanted;
    the first at "Vet inte", the others at the first course's level, and one wanted competence rated a group above
    every course that teaches it, so that no course is proposed for it."""
    taught = [c for course in courses for c in (course.digcomp.competences if course.digcomp else ())]
    competences = list(dict.fromkeys(taught))
    assert len(competences) >= 3, "the sample courses teach too few competences for this test"
    ratings = {competences[0]: 0}
    for competence in competences[1:-1]:
        ratings[competence] = GROUP[courses[0].level.value]
    top = max(GROUP[course.level.value] for course in courses if course.digcomp and competences[-1] in course.digcomp.competences)
    ratings[competences[-1]] = min(top + 1, 4)
    return ratings, competences


def make_plan(page, courses) -> list[str]:
    ratings, wishes = scenario(courses)
    for competence in wishes:
        rate_with_keyboard(page, competence, ratings[competence], wish=True)
    show_plan_with_keyboard(page)
    expected = expected_plan(ratings, wishes, courses)
    assert expected, "the scenario proposes no course"
    assert planned(page) == expected
    return expected


# --- the tests --------------------------------------------------------------------------------------------------


def test_ratings_made_with_the_keyboard_give_the_plan_the_rules_say(context, served, courses):
    page = open_page(context, served)
    ratings, wishes = scenario(courses)
    make_plan(page, courses)
    for competence, rating in ratings.items():
        expect(page.locator(f"#niva-{key(competence)}-{rating}")).to_be_checked()
    # the last wanted competence is rated above every course that teaches it: alone, it proposes nothing
    only_last = expected_plan(ratings, wishes[-1:], courses)
    assert only_last == [] or ratings[wishes[-1]] == 4
    by_id = {course.id: course for course in courses}
    rows = page.locator("[data-role=plan-rows] tr")
    for index, course_id in enumerate(planned(page)):
        cells = rows.nth(index).locator("td")
        expect(cells.nth(1).locator("a")).to_have_text(by_id[course_id].title)
        expect(cells.nth(2)).to_have_text(ui_strings.level_name(by_id[course_id].level.value))
        expect(cells.nth(3)).to_have_text(minutes_text(by_id[course_id].duration_minutes))
    total = sum(by_id[course_id].duration_minutes for course_id in planned(page))
    expect(page.locator("[data-role=total]")).to_have_text(T["sa_total"].format(total=minutes_text(total), left=minutes_text(total)))
    assert page.errors == []


def test_a_competence_rated_above_every_course_proposes_none_and_nothing_wanted_gives_an_empty_plan(context, served, courses):
    page = open_page(context, served)
    ratings, wishes = scenario(courses)
    rate_with_keyboard(page, wishes[-1], ratings[wishes[-1]], wish=True)
    show_plan_with_keyboard(page)
    assert planned(page) == expected_plan({wishes[-1]: ratings[wishes[-1]]}, wishes[-1:], courses)
    page.locator(".sa-actions [data-action=clear]").click()
    rate_with_keyboard(page, wishes[0], 1, wish=False)
    show_plan_with_keyboard(page)
    assert planned(page) == []
    expect(page.locator("[data-role=plan-empty]")).to_be_visible()
    expect(page.locator("[data-role=plan-table]")).to_be_hidden()


def test_the_plan_function_orders_by_level_then_coverage_then_time_then_title(context, served):
    page = open_page(context, served)
    courses = [
        {"id": "e", "title": "E", "minutes": 10, "level": "avancerad", "competences": ["1.1"]},
        {"id": "d", "title": "D", "minutes": 90, "level": "medel", "competences": ["1.1", "1.2"]},
        {"id": "c", "title": "C", "minutes": 30, "level": "medel", "competences": ["1.2"]},
        {"id": "b", "title": "B", "minutes": 30, "level": "medel", "competences": ["1.1"]},
        {"id": "a", "title": "A", "minutes": 60, "level": "grundläggande", "competences": ["1.1", "2.1"]},
        {"id": "x", "title": "X", "minutes": 5, "level": "grundläggande", "competences": ["1.2"]},
        {"id": "y", "title": "Y", "minutes": 5, "level": "medel", "competences": ["2.1"]},
    ]
    result = page.evaluate(
        "courses => window.ScormExportSelfAssessment.plan({'1.1': 1, '1.2': 2}, ['1.1', '1.2', '2.1'], courses)"
        ".map(course => [course.id, course.matched])",
        courses,
    )
    # 1.1 at group 1 wants grundläggande or medel, 1.2 at group 2 medel or avancerad, 2.1 unrated grundläggande;
    # e (avancerad, 1.1) is two groups above; x (grundläggande, 1.2) below; y (medel, 2.1) two above nothing
    assert result == [["a", ["1.1", "2.1"]], ["d", ["1.1", "1.2"]], ["b", ["1.1"]], ["c", ["1.2"]]]


def test_the_plan_is_changed_with_buttons_and_the_total_follows(context, served, courses):
    page = open_page(context, served)
    first = make_plan(page, courses)
    by_id = {course.id: course for course in courses}
    rows = page.locator("[data-role=plan-rows] tr")
    if len(first) > 1:
        rows.nth(1).locator("[data-action=up]").click()
        assert planned(page) == [first[1], first[0], *first[2:]]
        # focus follows the moved course: at the top, onto its other move button
        expect(rows.nth(0).locator("[data-action=down]")).to_be_focused()
        page.keyboard.press("Enter")  # down again, with the keyboard
        assert planned(page) == first
    rows.nth(0).locator("input[type=checkbox]").check()
    expect(rows.nth(0)).to_have_class(re.compile(r"\bsa-done\b"))
    total = sum(by_id[c].duration_minutes for c in first)
    left = total - by_id[first[0]].duration_minutes
    expect(page.locator("[data-role=total]")).to_have_text(T["sa_total"].format(total=minutes_text(total), left=minutes_text(left)))
    expect(page.locator("[data-role=status]")).to_have_text(T["sa_updated"])
    rows.nth(0).locator("[data-action=remove]").click()
    assert planned(page) == first[1:]
    page.select_option("#sa-add-course", first[0])
    page.locator("[data-action=add]").click()
    assert planned(page) == [*first[1:], first[0]]
    expect(page.locator(f"tr[data-course='{first[0]}'] input[type=checkbox]")).not_to_be_checked()  # added anew
    page.locator(f"tr[data-course='{first[0]}'] input[type=checkbox]").check()
    # what the reader changed is kept in this browser: a reload shows the same plan
    page.reload()
    expect(page.locator("[data-role=plan-rows] tr")).to_have_count(len(first))
    assert planned(page) == [*first[1:], first[0]]
    expect(page.locator(f"tr[data-course='{first[0]}'] input[type=checkbox]")).to_be_checked()


def test_the_plan_downloads_as_json_and_csv_and_the_json_opens_again(context, served, courses, tmp_path):
    page = open_page(context, served)
    first = make_plan(page, courses)
    page.locator("[data-role=plan-rows] tr").nth(0).locator("input[type=checkbox]").check()
    with page.expect_download() as download_info:
        page.locator("[data-action=json]").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "scorm-export-self-assessment"
    assert [item["id"] for item in data["plan"]] == first
    assert [item["done"] for item in data["plan"]] == [True] + [False] * (len(first) - 1)
    by_id = {course.id: course for course in courses}
    assert [item["minutes"] for item in data["plan"]] == [by_id[c].duration_minutes for c in first]
    with page.expect_download() as download_info:
        page.locator("[data-action=csv]").click()
    assert download_info.value.suggested_filename.endswith(".csv")
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        T["sa_order"],
        T["sa_course"],
        T["level"],
        T["sa_csv_minutes"],
        T["sa_competences"],
        T["sa_done"],
        T["sa_csv_address"],
    ]
    assert [row[1] for row in rows[1:]] == [by_id[c].title for c in first]
    assert [row[3] for row in rows[1:]] == [str(by_id[c].duration_minutes) for c in first]
    assert rows[1][5] == T["sa_yes"] and rows[1][6].startswith(served)
    # emptied, then opened from the file: the same plan, ratings and wishes
    page.locator(".sa-actions [data-action=clear]").click()
    expect(page.locator("[data-role=plan-table]")).to_be_hidden()
    page.set_input_files("#sa-load", str(saved))
    expect(page.locator("[data-role=status]")).to_have_text(T["sa_loaded"])
    assert planned(page) == first
    expect(page.locator("[data-role=plan-rows] tr").nth(0).locator("input[type=checkbox]")).to_be_checked()
    for competence, rating in data["ratings"].items():
        expect(page.locator(f"#niva-{key(competence)}-{rating}")).to_be_checked()
    bad = tmp_path / "inte-en-plan.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    page.set_input_files("#sa-load", str(bad))
    expect(page.locator("[data-role=status]")).to_have_text(T["sa_load_error"])
    assert planned(page) == first
    assert context.outside == [] and page.errors == []


def test_a_shared_link_opens_the_plan_and_no_request_carries_it(browser, context, served, courses):
    page = open_page(context, served)
    first = make_plan(page, courses)
    page.locator("[data-role=plan-rows] tr").nth(0).locator("input[type=checkbox]").check()
    link = page.locator("#sa-share").input_value()
    assert link.startswith(served + PAGE + "#plan=")
    payload = link.split("#plan=", 1)[1]
    fresh = browser.new_context()  # another reader: nothing kept in this browser
    requests: list[str] = []
    fresh.on("request", lambda request: requests.append(request.url + " " + (request.post_data or "")))
    try:
        other = fresh.new_page()
        other.goto(link)
        expect(other.locator("[data-role=plan-rows] tr")).to_have_count(len(first))
        assert planned(other) == first
        expect(other.locator("[data-role=plan-rows] tr").nth(0).locator("input[type=checkbox]")).to_be_checked()
        expect(other.locator("#sa-plan-heading")).to_be_focused()
        expect(other.locator("[data-role=status]")).to_have_text(T["sa_from_link"])
        ratings, _ = scenario(courses)
        for competence, rating in ratings.items():
            expect(other.locator(f"#niva-{key(competence)}-{rating}")).to_be_checked()
    finally:
        fresh.close()
    every = requests + context.requests
    assert requests and not [url for url in every if "plan=" in url or payload[:16] in url]


def test_printing_shows_the_plan_without_navigation_or_form(context, served, courses):
    page = open_page(context, served)
    first = make_plan(page, courses)
    page.emulate_media(media="print")
    expect(page.locator("[data-role=plan-table]")).to_be_visible()
    expect(page.locator("[data-role=plan-rows] tr")).to_have_count(len(first))
    expect(page.locator("[data-role=total]")).to_be_visible()
    for hidden in ("#sa-form", ".md-header", ".md-sidebar--primary", ".md-search", ".sa-tools", ".sa-share", ".sa-add", ".sa-change"):
        for index in range(page.locator(hidden).count()):
            expect(page.locator(hidden).nth(index)).to_be_hidden()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the printed plan takes {pages} pages"


def test_without_javascript_the_form_reads_and_prints_and_says_the_result_needs_a_script(browser, served):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + PAGE)
        fieldsets = page.locator("fieldset[data-competence]")
        assert fieldsets.count() >= 21
        for index in (0, fieldsets.count() - 1):
            expect(fieldsets.nth(index).locator("input[type=radio]")).to_have_count(5)
            expect(fieldsets.nth(index)).to_be_visible()
        expect(page.locator(".sa-needs-script")).to_have_text(T["sa_needs_js"])
        expect(page.locator("[data-role=plan-table]")).to_be_hidden()
        page.emulate_media(media="print")
        expect(page.locator("#sa-form")).to_be_visible()
    finally:
        context.close()


def test_axe_finds_no_violation_before_or_after_the_plan_and_nothing_comes_from_other_hosts(context, served, courses):
    page = open_page(context, served)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    make_plan(page, courses)
    page.locator("[data-role=plan-rows] tr").nth(0).locator("input[type=checkbox]").check()
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    assert context.outside == [] and page.errors == []


# --- the same self-assessment as a SCORM package -----------------------------------------------------------------

HARNESS = Path(__file__).resolve().parent / "harness" / "lms.html"
SET_VALUE = {"scorm12": "LMSSetValue", "scorm2004": "SetValue"}
RESPONSE = {"scorm12": "student_response", "scorm2004": "learner_response"}
STATUS = {"scorm12": "cmi.core.lesson_status", "scorm2004": "cmi.completion_status"}


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_package_records_each_rating_as_a_likert_interaction_in_the_lms(browser, tmp_path, standard):
    flavour = {"scorm12": scorm12.FLAVOUR, "scorm2004": scorm2004.FLAVOUR}[standard]
    for path, data in self_assessment_package(flavour, environment(REPO / "theme"), REPO / "theme", project_licence(licence_id())).items():
        (tmp_path / "pkg" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pkg" / path).write_bytes(data)
    (tmp_path / "lms.html").write_bytes(HARNESS.read_bytes())
    copy_node_module("scorm-again/dist/scorm-again.js", tmp_path / "scorm-again.js")
    context = browser.new_context()
    try:
        with serve_directory(tmp_path) as base:
            outside: list[str] = []
            context.route(re.compile(f"^(?!{re.escape(base)})"), lambda route: (outside.append(route.request.url), route.abort()))
            page = context.new_page()
            page.goto(f"{base}lms.html?standard={standard}&sco=pkg/index.html")
            sco = page.frame_locator("#sco")
            expect(sco.locator(".sa-actions")).to_be_visible()
            ratings = {"1.1": 2, "3.3": 0, "5.4": 4}
            for competence, rating in ratings.items():
                sco.locator(f"#niva-{key(competence)}-{rating}").check()
            for competence in ("3.3", "5.4"):
                sco.locator(f"#utveckla-{key(competence)}").check()
            sco.locator(".sa-actions button[type=submit]").click()
            expect(sco.locator("[data-role=status]")).to_have_text(T["sa_saved"])
            calls = page.evaluate("window.calls")
            sets = [call["args"] for call in calls if call["fn"] == SET_VALUE[standard] and call["result"] == "true"]
            recorded = {}
            for name, value in sets:
                found = re.match(r"cmi\.interactions\.(\d+)\.(\w+)$", name)
                if found:
                    recorded.setdefault(int(found[1]), {})[found[2]] = value
            likert = ["vet-inte", "grundlaggande", "medel", "avancerad", "specialist"]
            assert [(entry["id"].rsplit("-", 1)[1], entry["type"], entry[RESPONSE[standard]]) for entry in recorded.values()] == [
                (competence, "likert", likert[rating]) for competence, rating in ratings.items()
            ]
            assert all(entry["id"].startswith("urn:scorm-export:digcomp-3.0-") for entry in recorded.values())
            assert [STATUS[standard], "completed"] in sets
            comment = {"scorm12": "cmi.comments", "scorm2004": "cmi.comments_from_learner.0.comment"}[standard]
            assert [comment, f"{T['sa_comment']}: 3.3, 5.4"] in sets  # the competences to develop, for the LMS's reports
            (suspended,) = [value for name, value in sets if name == "cmi.suspend_data"]
            assert json.loads(suspended) == {"ratings": ratings, "wishes": ["3.3", "5.4"]}
            assert not [call for call in calls if call["result"] == "false"]
            frame = page.frame(url=re.compile(r"/pkg/index\.html"))
            frame.add_script_tag(path=str(AXE))
            assert frame.evaluate(RUN_AXE, WCAG_TAGS) == []
            assert outside == []
    finally:
        context.close()

"""Quality gate: WCAG 2.1 AA on every page of the site and every page inside every package.

axe-core checks each page in headless Chromium (tags wcag2a, wcag2aa, wcag21a, wcag21aa) and must
find nothing; Tab reaches a skip link first and shows where focus is at every stop; the package
shell announces progress to screen readers; the accessibility statement is complete and linked
from every page's footer.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
import yaml

from scorm_export import ui_strings
from scorm_export.site.docs_tree import ACCESSIBILITY_PAGE
from scorm_export.templates import environment

from .browser import search_site, serve_directory
from .helpers import REPO
from .page_tour import PageVisit, tour

LOCAL = "http://local.invalid/"
STATEMENT = posixpath.splitext(ACCESSIBILITY_PAGE)[0] + "/index.html"
DIGG_FORM = (
    "https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-digital-offentlig-service-dos-lagen/"
    "anmal-bristande-tillganglighet"
)
REQUIRED_SETTINGS = ("organisation", "service", "compliance", "assessment", "assessed", "updated", "contact_email", "response_time")
COMPLIANCE = {"helt": "helt förenliga", "delvis": "delvis förenliga", "inte": "inte förenliga"}


def _axe_report(label: str, visits: list[PageVisit]) -> list[str]:
    return [
        f"{label}: {visit.page}: {violation.rule} ({violation.impact}) at {violation.target} – {violation.summary}"
        for visit in visits
        for violation in visit.violations
    ]


def _site_visits(sample, browser) -> list[PageVisit]:
    return tour(browser, sample.site, sample.site_pages).visits


def _package_visits(sample, browser) -> list[tuple[str, PageVisit]]:
    assert sample.packages, "the build wrote no packages"
    return [(package.file_name, visit) for package in sample.packages for visit in tour(browser, package.folder, package.pages).visits]


# --- axe -----------------------------------------------------------------------------------------


@pytest.mark.browser
def test_axe_finds_no_wcag_21_aa_violation_on_any_site_page(sample, browser):
    visits = _site_visits(sample, browser)
    assert len(visits) == len(sample.site_pages)
    report = _axe_report("site", visits)
    assert not report, f"{len(report)} accessibility violations:\n" + "\n".join(report)


@pytest.mark.browser
def test_axe_finds_no_wcag_21_aa_violation_on_any_package_page(sample, browser):
    report = [line for label, visit in _package_visits(sample, browser) for line in _axe_report(label, [visit])]
    assert not report, f"{len(report)} accessibility violations:\n" + "\n".join(report)


# --- keyboard ------------------------------------------------------------------------------------


def _skip_link_problems(label: str, visit: PageVisit) -> list[str]:
    if not visit.focus_stops:
        return [f"{label}: {visit.page}: Tab reaches nothing"]
    first = visit.focus_stops[0]
    if visit.skip_target is None:
        return [f"{label}: {visit.page}: the first Tab stop is {first.description}, not a skip link"]
    problems = []
    if not first.visible:
        problems.append(f"{label}: {visit.page}: the skip link stays hidden when focused")
    if not visit.skip_target["inMain"]:
        problems.append(f"{label}: {visit.page}: the skip link {first.href} does not lead into the main content")
    return problems


def _focus_problems(label: str, visit: PageVisit) -> list[str]:
    return [
        f"{label}: {visit.page}: {stop.description}: " + ("no focus indicator" if not stop.indicated else "not visible when focused")
        for stop in visit.focus_stops
        if not (stop.indicated and stop.visible)
    ]


@pytest.mark.browser
def test_the_first_tab_stop_on_every_site_page_is_a_visible_skip_link_to_the_content(sample, browser):
    problems = [problem for visit in _site_visits(sample, browser) for problem in _skip_link_problems("site", visit)]
    assert not problems, "\n".join(problems)


def _has_own_chrome(label: str) -> bool:
    """SCORM pages bring their own header, menu and pager; a cartridge page is content only, inside the LMS's page."""
    return not label.endswith(".imscc")


@pytest.mark.browser
def test_the_first_tab_stop_on_every_scorm_page_is_a_visible_skip_link_to_the_content(sample, browser):
    visits = [(label, visit) for label, visit in _package_visits(sample, browser) if _has_own_chrome(label)]
    assert visits
    problems = [problem for label, visit in visits for problem in _skip_link_problems(label, visit)]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_a_cartridge_page_has_no_blocks_to_bypass_so_its_first_tab_stop_is_content(sample, browser):
    """WCAG 2.4.1 asks for a way past blocks repeated on every page; the LMS around a cartridge page has its own."""
    visits = [(label, visit) for label, visit in _package_visits(sample, browser) if not _has_own_chrome(label)]
    assert visits
    for label, visit in visits:
        assert visit.focus_stops, f"{label}: {visit.page}: Tab reaches nothing (not even the licence link)"
        assert "Hoppa till innehållet" not in visit.focus_stops[0].description, f"{label}: {visit.page}: a skip link with nothing to skip"


@pytest.mark.browser
def test_every_tab_stop_on_the_site_is_visible_and_shows_focus(sample, browser):
    visits = _site_visits(sample, browser)
    assert all(len(visit.focus_stops) > 3 for visit in visits), "Tab reached almost nothing on some page"
    problems = [problem for visit in visits for problem in _focus_problems("site", visit)]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_every_tab_stop_in_every_package_is_visible_and_shows_focus(sample, browser):
    problems = [problem for label, visit in _package_visits(sample, browser) for problem in _focus_problems(label, visit)]
    assert not problems, "\n".join(problems)


# --- announcements -------------------------------------------------------------------------------


def _shells(sample) -> list[tuple[str, object, str]]:
    """(package, folder, page) for every single-SCO shell page in the packages."""
    found = []
    for package in sample.packages:
        for page in package.pages:
            body = lxml.html.parse(str(package.folder / page)).getroot().find("body")
            if body is not None and "shell" in (body.get("class") or "").split():
                found.append((package.file_name, package.folder, page))
    return found


def test_every_package_shell_has_a_labelled_menu_and_a_live_progress_status(sample):
    shells = _shells(sample)
    assert shells, "no package has a single-SCO shell page"
    for label, folder, page in shells:
        document = lxml.html.parse(str(folder / page)).getroot()
        status = document.cssselect("[role=status]")
        assert status and status[0].get("aria-live") == "polite", f"{label}: {page}: no polite status region"
        progress = document.cssselect("progress")
        assert progress and progress[0].get("aria-labelledby") == status[0].get("id"), f"{label}: progress bar unlabelled"
        menu = document.cssselect("nav")
        assert menu and (menu[0].get("aria-label") or menu[0].get("aria-labelledby")), f"{label}: lesson menu unlabelled"
        frame = document.cssselect("iframe")
        assert frame and frame[0].get("title"), f"{label}: the lesson frame has no title"


@pytest.mark.browser
def test_the_package_shell_announces_progress_and_marks_the_current_lesson(sample, browser):
    shells = _shells(sample)
    assert shells, "no package has a single-SCO shell page"
    _, folder, page = shells[0]
    with serve_directory(folder) as base:
        context = browser.new_context()
        try:
            shell = context.new_page()
            shell.goto(urljoin(base, page))
            status = shell.locator("[role=status][aria-live=polite]")
            links = shell.locator(".shell__menu a[data-lesson]")
            total = links.count()
            assert total > 1
            # the course opens at its start page, which is no lesson
            _expect_text(status, rf"^0 av {total} lektioner lästa")
            assert shell.locator(".shell__menu a[aria-current]").count() == 0
            links.nth(0).click()
            _expect_text(status, rf"^1 av {total} lektioner lästa")
            assert links.nth(0).get_attribute("aria-current") == "page"
            links.nth(1).click()
            _expect_text(status, rf"^2 av {total} lektioner lästa")
            assert links.nth(1).get_attribute("aria-current") == "page"
            assert links.nth(0).get_attribute("aria-current") is None
        finally:
            context.close()


@pytest.mark.browser
def test_the_site_search_announces_how_many_pages_match(sample, browser):
    with serve_directory(sample.site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base)
            search_site(page, "licens")
            _expect_text(page.locator(".md-search-result__meta[role=status][aria-live=polite]"), r"^\d+ sökresultat")
        finally:
            context.close()


def _expect_text(locator, pattern: str, timeout_ms: int = 5_000) -> None:
    from playwright.sync_api import expect

    expect(locator).to_have_text(re.compile(pattern), timeout=timeout_ms)


# --- the accessibility statement -----------------------------------------------------------------


def _statement_link_in_footer(site, page: str) -> bool:
    document = lxml.html.parse(str(site / page)).getroot()
    for link in document.cssselect("footer a[href]"):
        target = urlsplit(urljoin(LOCAL + page, link.get("href"))).path.lstrip("/")
        if target in (STATEMENT, posixpath.dirname(STATEMENT) + "/"):
            return True
    return False


def test_every_site_page_links_the_accessibility_statement_from_its_footer(sample):
    missing = [page for page in sample.site_pages if not _statement_link_in_footer(sample.site, page)]
    assert not missing, "pages without a footer link to the accessibility statement:\n" + "\n".join(missing)


def _settings(project) -> dict:
    return yaml.safe_load(project.mkdocs_config.read_text(encoding="utf-8"))["extra"]["accessibility"]


def test_mkdocs_yml_has_every_setting_the_accessibility_statement_needs():
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["accessibility"]
    assert not [key for key in REQUIRED_SETTINGS if not settings.get(key)]
    assert settings["compliance"] in COMPLIANCE
    assert isinstance(settings["assessed"], datetime.date) and isinstance(settings["updated"], datetime.date)
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", settings["contact_email"])
    if settings["compliance"] != "helt":
        assert settings.get("shortcomings"), "a site that is not fully compliant must list its shortcomings"


def test_the_accessibility_statement_says_what_digg_requires(sample):
    settings = _settings(sample.project)
    document = lxml.html.parse(str(sample.site / STATEMENT)).getroot()
    article = document.cssselect("article")[0]
    text = " ".join(article.text_content().split())
    hrefs = [link.get("href") for link in article.cssselect("a[href]")]
    assert article.cssselect("h1")[0].text_content().strip() == "Tillgänglighetsredogörelse"
    assert document.get("lang") == "sv"
    for expected in (
        settings["organisation"],
        settings["service"],
        "lagen (2018:1937) om tillgänglighet till digital offentlig service",
        f"är {COMPLIANCE[settings['compliance']]} med",
        settings["response_time"],
        "självskattning",
        "axe",
        "WCAG 2.1",
        f"{settings['assessed'].day} ",
        str(settings["assessed"].year),
        "Myndigheten för digital förvaltning (Digg)",
    ):
        assert expected in text, f"the statement does not say {expected!r}"
    for shortcoming in settings.get("shortcomings", []):
        assert " ".join(shortcoming["description"].split()) in text
        assert shortcoming["criterion"] in text
    assert f"mailto:{settings['contact_email']}" in hrefs
    assert DIGG_FORM in hrefs


@pytest.mark.parametrize("compliance, sentence", sorted(COMPLIANCE.items()))
def test_the_statement_states_the_compliance_status_from_the_settings(compliance, sentence):
    settings = {
        "organisation": "Testmuseet",
        "service": "Testkurser",
        "compliance": compliance,
        "assessment": "Vi har testat.",
        "assessed": datetime.date(2026, 3, 5),
        "updated": datetime.date(2026, 3, 6),
        "contact_email": "a11y@example.org",
        "response_time": "fem arbetsdagar",
        "shortcomings": [] if compliance == "helt" else [{"description": "Filmerna saknar syntolkning.", "criterion": "1.2.5 Syntolkning"}],
    }
    text = environment(REPO / "theme").get_template("docs/accessibility.md.j2").render(a=settings, t=ui_strings.strings("sv"))
    assert f"Webbplatsen Testkurser och kurspaketen är {sentence} med lagen (2018:1937)" in text
    assert "den 5 mars 2026" in text and "den 6 mars 2026" in text
    assert "fem arbetsdagar" in text and "mailto:a11y@example.org" in text
    assert DIGG_FORM in text
    assert ("Filmerna saknar syntolkning. (WCAG 2.1, 1.2.5 Syntolkning)" in text) == (compliance != "helt")

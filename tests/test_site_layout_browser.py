"""The site on a phone: nothing wider than the screen (WCAG 1.4.10 Reflow, down to 320 CSS pixels), and every
catalogue card inside the list that holds it."""

from __future__ import annotations

import pytest

from .browser import serve_directory

pytestmark = pytest.mark.browser

# the catalogue, a course page (facts, downloads table, history), a lesson with media and questions, the self-assessment
PAGES = ["index.html", "digital-tillganglighet/index.html", "oppna-licenser/index.html", "sjalvskattning/index.html"]
OVERFLOWING = """() => [...document.querySelectorAll('article *')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
        && !e.closest('pre, .md-typeset__scrollwrap, .md-typeset__table'))
    .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_is_wider_than_a_phone(sample_site, browser, width):
    lessons = sorted(p.relative_to(sample_site).as_posix() for p in (sample_site / "digital-tillganglighet").glob("*/*/index.html"))
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    try:
        with serve_directory(sample_site) as base:
            for path in [*PAGES, *lessons]:
                page.goto(base + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, path
                assert page.evaluate(OVERFLOWING) == [], path
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_every_catalogue_card_stays_inside_its_list(sample_site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    try:
        with serve_directory(sample_site) as base:
            page.goto(base + "index.html")
            cards = page.evaluate(
                """() => { const list = document.querySelector('ul.course-cards').getBoundingClientRect();
                return [...document.querySelectorAll('li.course-card')].map((card) => {
                    const box = card.getBoundingClientRect();
                    return [box.left - list.left, list.right - box.right, card.scrollWidth - card.clientWidth]; }); }"""
            )
            assert cards
            for left, right, scrolled in cards:
                assert left >= 0 and right >= 0 and scrolled <= 0, (width, cards)
    finally:
        context.close()

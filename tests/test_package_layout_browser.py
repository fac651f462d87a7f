"""The single-SCO shell on a phone and on a wide screen: on a phone the lesson comes first and the menu is one tap
away; on a wide screen the menu stands beside the lesson. Nothing overflows the screen's width."""

from __future__ import annotations

import pytest

from .browser import serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture
def shell(sample):
    package = next(p for p in sample.packages if p.file_name.startswith("digital-tillganglighet-") and p.file_name.endswith("-scorm12.zip"))
    return package.folder


@pytest.mark.parametrize(("width", "phone"), [(375, True), (1280, False)])
def test_the_lesson_comes_first_on_a_phone_and_the_menu_beside_it_on_a_wide_screen(shell, browser, width, phone):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    try:
        with serve_directory(shell) as base:
            page.goto(base + "index.html")
            frame = page.locator("#lesson-frame").bounding_box()
            menu = page.locator(".shell__menu").bounding_box()
            link = page.locator(".shell__menu-link")
            assert frame and menu
            if phone:
                assert frame["y"] < menu["y"] and frame["y"] < 740  # the lesson is on the first screen
                assert frame["height"] >= 300
                link.click()
                page.wait_for_function("() => location.hash === '#menu-title'")
                assert page.locator("#menu-title").evaluate("(h) => h.getBoundingClientRect().top") < 740
            else:
                assert menu["x"] + menu["width"] <= frame["x"] + 1
                assert not link.is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()

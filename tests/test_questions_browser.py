"""Questions in the browser: answered with the keyboard, feedback announced, answers kept in this browser only
(site), the same script inside a SCORM package, and everything readable without JavaScript."""

from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import expect

from .browser import serve_directory

pytestmark = pytest.mark.browser

TRUE_FALSE = "oppna-licenser/upphovsratt-i-korthet/skyddstider-och-fri-anvandning/"
MULTIPLE = "oppna-licenser/creative-commons-licenserna/de-sex-licenserna/"
FILL_IN = "oppna-licenser/ange-kalla-ratt/tasl/"


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_question_is_answered_with_the_keyboard_and_the_result_is_announced(sample_site, context):
    page = context.new_page()
    errors = console_errors(page)
    with serve_directory(sample_site) as base:
        page.goto(base + TRUE_FALSE)
        question = page.locator("form.question").first
        status = question.locator(".question__result")
        expect(status).to_have_attribute("role", "status")
        expect(status).to_have_attribute("aria-live", "polite")
        question.locator("input[type=radio]").nth(1).focus()  # Falskt
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        expect(question.locator("button.question__check")).to_be_focused()
        page.keyboard.press("Enter")
        expect(status).to_have_text("Inte riktigt. Försök igen eller visa svaret.")
        expect(question.locator("#fraga-1-2-feedback")).to_be_visible()
        expect(question.locator("#fraga-1-1-feedback")).to_be_hidden()
        question.locator("label", has_text="Sant").click()
        question.locator("button.question__check").click()
        expect(status).to_have_text("Rätt!")
        expect(question.locator("#fraga-1-1-feedback")).to_be_visible()
        expect(question.locator("#fraga-1-2-feedback")).to_be_hidden()
    assert errors == []


def test_multiple_response_needs_every_right_option_and_no_wrong_one(sample_site, context):
    page = context.new_page()
    with serve_directory(sample_site) as base:
        page.goto(base + MULTIPLE)
        question = page.locator("form.question").first
        status = question.locator(".question__result")
        question.locator("button.question__check").click()
        expect(status).to_have_text("Välj eller skriv ett svar först.")
        question.locator("label", has_text="CC BY 4.0").first.click()
        question.locator("button.question__check").click()
        expect(status).to_have_text("Inte riktigt. Försök igen eller visa svaret.")
        question.locator("label", has_text="CC BY-SA 4.0").click()
        question.locator("button.question__check").click()
        expect(status).to_have_text("Rätt!")


def test_a_short_text_answer_is_right_in_any_case_and_kept_in_this_browser_only(sample_site, context):
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve_directory(sample_site) as base:
        page.goto(base + FILL_IN)
        question = page.locator("form.question").first
        expect(question.locator(".question__privacy")).to_have_text("Dina svar sparas bara i den här webbläsaren.")
        question.locator("input[type=text]").fill("  LICENS ")
        question.locator("button.question__check").click()
        expect(question.locator(".question__result")).to_have_text("Rätt!")
        stored = page.evaluate("() => Object.entries(localStorage)")
        assert [(key, json.loads(value)) for key, value in stored] == [
            ("scorm-export-answers:oppna-licenser/ange-kalla-ratt/tasl/1", ["  LICENS "])
        ]
        page.reload()
        expect(page.locator("form.question input[type=text]").first).to_have_value("  LICENS ")
    assert all(url.startswith(base) for url in requests), [url for url in requests if not url.startswith(base)]


def test_without_javascript_a_question_reads_well_and_its_answer_is_in_a_collapsed_block(sample_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        with serve_directory(sample_site) as base:
            page.goto(base + TRUE_FALSE)
            question = page.locator("form.question").first
            expect(question.locator("legend")).to_have_text("Fråga 1")
            expect(question.locator("button")).to_have_count(0)
            answer = question.locator("details.question__answer")
            expect(answer).not_to_have_attribute("open", "")
            answer.locator("summary").click()
            expect(answer).to_contain_text("Rätt svar: Sant")
            expect(answer).to_contain_text("50 år efter det år den togs")
    finally:
        context.close()


def test_the_same_script_checks_a_question_inside_a_scorm_package(sample, context):
    (package,) = [p for p in sample.packages if p.file_name == "oppna-licenser-1.0.0-scorm2004.zip"]
    page = context.new_page()
    errors = console_errors(page)
    with serve_directory(package.folder) as base:
        page.goto(base + "lessons/ange-kalla-ratt/tasl.html")
        question = page.locator("form.question").first
        expect(question.locator(".question__privacy")).to_have_count(0)
        question.locator("input[type=text]").fill("Licence")
        question.locator("button.question__check").click()
        expect(question.locator(".question__result")).to_have_text("Rätt!")
        assert page.evaluate("() => Object.keys(localStorage).filter((key) => key.startsWith('scorm-export-answers:'))") == []
    assert errors == []


def test_a_cartridge_page_keeps_the_question_without_a_script(sample):
    (package,) = [p for p in sample.packages if p.file_name == "oppna-licenser-1.0.0-cc13.imscc"]
    with zipfile.ZipFile(sample.site / "downloads" / package.file_name) as archive:
        page = archive.read("web_resources/lessons/ange-kalla-ratt/tasl.html").decode()
    assert '<form class="question"' in page and "<script" not in page
    assert "Godtagna svar" in page

"""Video and sound in headless Chromium: the sample video loads with its captions, seeks in the preview server,
and a video elsewhere requests nothing from its host until the reader asks, then only from that host."""

from __future__ import annotations

import functools
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from scorm_export.build import build
from scorm_export.serve import _PreviewHandler

from .browser import serve_directory
from .page_tour import tour
from .sample_build import html_pages
from .test_media_outputs import LESSON_PAGE, SAMPLE_LESSON, media_project
from .test_quality_html import nu_errors

pytestmark = pytest.mark.browser

CAPTIONS = "digital-tillganglighet/publicera-tillgangligt/media/textning-sv.vtt"


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@contextmanager
def preview_server(root: Path) -> Iterator[str]:
    """The files of `root` served by `build.py serve`'s own request handler (the one that answers ranges)."""
    handler = type("Handler", (_PreviewHandler,), {"reloader": SimpleNamespace(preview=SimpleNamespace(builds=1))})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_sample_video_loads_with_its_captions_and_the_sound_loads(sample_site, context):
    cues = (sample_site / CAPTIONS).read_text(encoding="utf-8").count("-->")
    page = context.new_page()
    with serve_directory(sample_site) as base:
        page.goto(base + SAMPLE_LESSON + "/")
        # HAVE_METADATA or more: the browser read the file's header (length, size) from the site
        page.wait_for_function("document.querySelector('video').readyState >= 1")
        page.wait_for_function("document.querySelector('audio').readyState >= 1")
        page.wait_for_function(
            "() => { const t = document.querySelector('video').textTracks[0]; return t && t.cues && t.cues.length > 0; }"
        )
        track = page.evaluate(
            """() => { const t = document.querySelector('video').textTracks[0];
                       return {kind: t.kind, language: t.language, mode: t.mode, cues: t.cues.length, first: t.cues[0].text}; }"""
        )
        duration = page.evaluate("document.querySelector('video').duration")
    assert track == {"kind": "captions", "language": "sv", "mode": "showing", "cues": cues, "first": "En kort video om textning:"}
    assert 30 < duration < 40


def test_the_preview_server_lets_the_player_seek(sample_site, context):
    page = context.new_page()
    ranges: list[str] = []
    page.on("request", lambda request: ranges.append(request.headers.get("range", "")) if request.url.endswith(".webm") else None)
    with preview_server(sample_site) as base:
        page.goto(base + SAMPLE_LESSON + "/")
        page.wait_for_function("document.querySelector('video').readyState >= 1")
        page.evaluate("document.querySelector('video').currentTime = 25")
        page.wait_for_function("() => { const v = document.querySelector('video'); return !v.seeking && v.currentTime >= 25; }")
        seekable = page.evaluate("() => { const s = document.querySelector('video').seekable; return s.length && s.end(0); }")
    assert seekable > 30
    assert any(value.startswith("bytes=") for value in ranges)  # Chromium asked for parts of the file


@pytest.fixture(scope="module")
def external_site(tmp_path_factory):
    project = media_project(tmp_path_factory.mktemp("consent") / "p")
    report = build(project)
    assert report.written, [str(problem) for problem in report.problems.items]
    return project.site


def test_a_video_elsewhere_is_requested_only_after_the_reader_asks_and_only_from_its_host(external_site, context):
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # nothing leaves the machine: the host's player is a stub answered here
    context.route(
        lambda url: urlsplit(url).hostname != "127.0.0.1",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Spelare</title><p>Spelaren</p>"),
    )
    with serve_directory(external_site) as base:
        page.goto(base + LESSON_PAGE.removesuffix("index.html"))
        page.wait_for_load_state("networkidle")
        expect(page.get_by_text("Välkomna till museet.")).to_be_attached()  # the transcript, before any click
        assert [url for url in requested if urlsplit(url).hostname != "127.0.0.1"] == []

        button = page.get_by_role("button", name="Visa videon från youtube.com")
        button.focus()
        page.keyboard.press("Enter")  # keyboard-operable, like every control on the page
        frame = page.locator("iframe.media__frame")
        expect(frame).to_be_focused()
        expect(frame).to_have_attribute("title", "Intervju med museichefen")
        page.wait_for_load_state("networkidle")

    elsewhere = {urlsplit(url).hostname for url in requested if urlsplit(url).hostname != "127.0.0.1"}
    assert elsewhere == {"www.youtube-nocookie.com"}
    assert "https://www.youtube-nocookie.com/embed/abcDEF12345" in requested


@pytest.mark.slow
def test_a_video_elsewhere_passes_axe_in_the_site_and_packages_and_the_nu_checker_in_packages(external_site, browser, tmp_path):
    visit = tour(browser, external_site, [LESSON_PAGE]).visits[0]
    assert (visit.violations, visit.outside_requests) == ([], [])
    pages = []
    for suffix in ("scorm2004.zip", "cc13.imscc"):
        (archive,) = (external_site / "downloads").glob(f"testkurs-*-{suffix}")
        folder = tmp_path / suffix
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(folder)
        (page,) = [page for page in html_pages(folder) if page.endswith("forsta/intro.html")]
        visit = tour(browser, folder, [page]).visits[0]
        assert (visit.violations, visit.outside_requests) == ([], []), suffix
        pages.append(folder / page)
    assert [message["message"] for message in nu_errors(pages)] == []

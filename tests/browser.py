"""Headless Chromium (Debian's, driven by Playwright) and a local HTTP server for browser tests."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
# Without these Chromium keeps trying Google's hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
]


def require_browser_tools() -> None:
    """Browser tests need Chromium and the npm packages; tests/run installs both, so CI never skips."""
    missing = [
        what
        for what, ok in (
            (CHROMIUM, Path(CHROMIUM).exists()),
            ("tests/node_modules (npm ci --prefix tests)", NODE_MODULES.is_dir()),
        )
        if not ok
    ]
    if missing and os.environ.get("CI"):
        pytest.fail(f"browser tools missing in CI: {', '.join(missing)}")
    if missing:
        pytest.skip(f"browser tools missing: {', '.join(missing)}; run `bash tests/run`")


class _Handler(SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # keep test output clean
        pass


@contextmanager
def serve_directory(root: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port; yields the base URL (ending in '/')."""
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    """A Playwright Browser on Debian's Chromium."""
    require_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Material writes its "type a search term" placeholder (from its own translations in #__config) into the
# search status once the search worker has loaded the index and answered the empty query.
SEARCH_READY = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const config = JSON.parse(document.getElementById("__config").textContent);
  return !!meta && meta.textContent.trim() === config.translations["search.result.placeholder"];
}"""


def search_site(page, query: str) -> None:
    """Type `query` into the Material site search, once the search is ready to read it.

    Material reads the search box when its worker reports ready, 1 ms after it gains focus, and on
    every keyup. page.fill sends no key events: after the worker is ready its text is read only if it
    lands within that millisecond, which on a busy machine it does not. So: wait for the worker, then
    type key by key.
    """
    page.wait_for_function(SEARCH_READY)
    page.locator("input[name=query]").press_sequentially(query)


def copy_node_module(relative: str, destination: Path) -> None:
    """Copy a file from tests/node_modules into a served folder."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(NODE_MODULES / relative, destination)

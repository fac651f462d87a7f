"""Quality gate: nothing is fetched from another host, on the site or inside any package.

Chromium opens every page from a local server and records every request; a static scan of the
built files looks for third-party URLs that a page would load (src, <link href>, CSS url() and
@import, SVG images) and for known trackers, CDNs and Google Fonts anywhere in HTML, CSS, JS and SVG.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from lxml import etree

from .browser import search_site, serve_directory
from .page_tour import tour

# hosts that mean a tracker, an ad network, a web-font service or a script CDN
KNOWN_THIRD_PARTIES = (
    "google-analytics.com",
    "googletagmanager.com",
    "doubleclick.net",
    "googlesyndication.com",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "ajax.googleapis.com",
    "connect.facebook.net",
    "facebook.com/tr",
    "hotjar.com",
    "clarity.ms",
    "plausible.io",
    "matomo.cloud",
    "static.cloudflareinsights.com",
    "stats.wp.com",
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "unpkg.com",
    "code.jquery.com",
    "bootstrapcdn.com",
    "use.typekit.net",
    "kit.fontawesome.com",
    "use.fontawesome.com",
    "youtube.com/embed",
    "player.vimeo.com",
)
# Material's bundle names unpkg.com for Mermaid diagrams, which it only fetches when a page holds
# one; the browser test would see such a request, so the script bundle may name that host.
BUNDLE_ALLOWED = ("unpkg.com",)
LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "background")
NOT_LOADED_LINKS = {"license", "canonical"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# code and markup only: the search index and CC weblinks are data that may name any site in prose or links
TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".svg")


# --- static scan ---------------------------------------------------------------------------------


def test_the_built_site_loads_nothing_from_other_hosts(sample):
    findings = third_party_loads(sample.site)
    assert not findings, "the site would load from other hosts:\n" + "\n".join(findings)


def test_no_package_loads_anything_from_other_hosts(sample):
    assert sample.packages, "the build wrote no packages"
    findings = [f"{package.file_name}: {item}" for package in sample.packages for item in third_party_loads(package.folder)]
    assert not findings, "packages would load from other hosts:\n" + "\n".join(findings)


def test_no_tracker_cdn_or_font_service_is_named_in_any_page_stylesheet_script_or_image(sample):
    findings = []
    for label, root, _ in sample.roots():
        findings += [f"{label}: {item}" for item in known_third_parties(root)]
    assert not findings, "\n".join(findings)


def test_the_static_scan_finds_third_party_loads(tmp_path):
    (tmp_path / "index.html").write_text(
        '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<img src="//cdn.example.net/a.png" alt=""><a href="https://example.org/">fine: a link is not a load</a>'
        '<div style="background: url(https://example.com/bg.png)"></div>',
        encoding="utf-8",
    )
    (tmp_path / "site.css").write_text('@import "https://example.com/x.css"; a { background: url(bild.png) }', encoding="utf-8")
    (tmp_path / "figur.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="https://example.com/i.png"/></svg>',
        encoding="utf-8",
    )
    findings = third_party_loads(tmp_path)
    assert findings == [
        "figur.svg: https://example.com/i.png",
        "index.html: https://fonts.googleapis.com/css?family=Roboto",
        "index.html: //cdn.example.net/a.png",
        "index.html: https://example.com/bg.png",
        "site.css: https://example.com/x.css",
    ]
    assert known_third_parties(tmp_path) == ["index.html: fonts.googleapis.com"]


def third_party_loads(root: Path) -> list[str]:
    """'file: URL' for every URL on another host that a built file would make the browser load."""
    findings = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            urls = _html_loads(path)
        elif path.suffix == ".css":
            urls = _css_urls(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".svg":
            urls = _svg_loads(path)
        else:
            continue
        findings += [f"{relative}: {url}" for url in urls if _is_remote(url)]
    return findings


def known_third_parties(root: Path) -> list[str]:
    """'file: host' for known trackers, CDNs and font services named in HTML, CSS, JS or SVG."""
    findings = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            text = _html_without_links(path)
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
        bundled = path.suffix in (".js", ".mjs") and "/javascripts/" in f"/{relative}"
        findings += [f"{relative}: {host}" for host in KNOWN_THIRD_PARTIES if host in text and not (bundled and host in BUNDLE_ALLOWED)]
    return findings


def _html_loads(path: Path) -> list[str]:
    document = lxml.html.fromstring(path.read_bytes())
    urls = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in LOADING_ATTRIBUTES:
            value = element.get(attribute)
            if value and attribute == "srcset":
                urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            elif value and not (attribute == "data" and element.tag != "object"):
                urls.append(value.strip())
        if element.tag == "link" and element.get("href") and not NOT_LOADED_LINKS & set((element.get("rel") or "").lower().split()):
            urls.append(element.get("href").strip())
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            urls.append((element.get("content") or "").partition("url=")[2].strip())
        if element.get("style"):
            urls += _css_urls(element.get("style"))
        if element.tag == "style":
            urls += _css_urls(element.text_content())
    return urls


def _svg_loads(path: Path) -> list[str]:
    try:
        document = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return []
    urls = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in ("image", "use", "feImage", "script"):
            urls += [value for value in (element.get("href"), element.get(XLINK_HREF)) if value]
        if element.get("style"):
            urls += _css_urls(element.get("style"))
        if local == "style" and element.text:
            urls += _css_urls(element.text)
    return urls


def _css_urls(css: str) -> list[str]:
    return [match.group(1) or match.group(2) for match in CSS_URL.finditer(css)]


def _is_remote(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme.lower() in ("http", "https", "ftp", "ws", "wss")


def _html_without_links(path: Path) -> str:
    """The page's loading elements (scripts, styles, media, meta), without prose or followed links: both may name any site."""
    document = lxml.html.fromstring(path.read_bytes())
    for element in document.iter("a", "area"):
        element.attrib.pop("href", None)
    for element in document.iter("link"):
        if NOT_LOADED_LINKS & set((element.get("rel") or "").lower().split()):
            element.attrib.pop("href", None)
    loading = ("script", "style", "link", "iframe", "img", "source", "object", "embed", "video", "audio", "meta")
    return "\n".join(etree.tostring(element, encoding="unicode", with_tail=False) for element in document.iter(*loading))


# --- in the browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_no_site_page_requests_anything_from_other_hosts_in_the_browser(sample, browser):
    visited = tour(browser, sample.site, sample.site_pages)
    outside = [f"{visit.page}: {url}" for visit in visited.visits for url in visit.outside_requests]
    assert visited.local_requests >= len(sample.site_pages), "the request recorder saw fewer requests than pages"
    assert not outside, "the site requested other hosts:\n" + "\n".join(outside)


@pytest.mark.browser
def test_searching_the_site_requests_nothing_from_other_hosts(sample, browser):
    outside: list[str] = []
    with serve_directory(sample.site) as base:
        context = browser.new_context()
        context.on("request", lambda request: None if request.url.startswith(base) else outside.append(request.url))
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        try:
            page = context.new_page()
            page.goto(base, wait_until="load")
            search_site(page, "licens")
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
    assert not outside, "searching requested other hosts:\n" + "\n".join(outside)


@pytest.mark.browser
def test_no_package_page_requests_anything_from_other_hosts_in_the_browser(sample, browser):
    assert sample.packages, "the build wrote no packages"
    outside = []
    for package in sample.packages:
        visited = tour(browser, package.folder, package.pages)
        assert visited.local_requests >= len(package.pages), "the request recorder saw fewer requests than pages"
        outside += [f"{package.file_name}: {visit.page}: {url}" for visit in visited.visits for url in visit.outside_requests]
    assert not outside, "packages requested other hosts:\n" + "\n".join(outside)

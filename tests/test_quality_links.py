"""Quality gate: every internal link and #anchor resolves, on the site and inside every package.

External links are collected into a report (printed, and written to the session's temp folder);
they are never fetched.
"""

from __future__ import annotations

import collections
import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

LOCAL = "http://local.invalid/"
# attributes that point at another document or a file the page loads
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "object": ("data",),
    "embed": ("src",),
    "form": ("action",),
}
NOT_FETCHABLE = ("mailto:", "tel:", "javascript:", "data:")
# Common Cartridge pages point at cartridge files with this token instead of a relative path
CC_FILEBASE = "$IMS-CC-FILEBASE$"
WIKI_PAGES = "$WIKI_REFERENCE$/pages/"
WEB_RESOURCES = "web_resources"


@dataclass(frozen=True)
class Broken:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url} – {self.reason}"


def test_every_internal_link_and_anchor_on_the_site_resolves(sample):
    broken, _ = check_links(sample.site, sample.site_pages)
    assert not broken, "broken links on the site:\n" + "\n".join(map(str, broken))


def test_every_internal_link_and_anchor_inside_every_package_resolves(sample):
    assert sample.packages, "the build wrote no packages"
    problems = []
    for package in sample.packages:
        assert package.pages, f"{package.file_name} holds no HTML pages"
        broken, _ = check_links(package.folder, package.pages)
        problems += [f"{package.file_name}: {item}" for item in broken]
    assert not problems, "broken links inside packages:\n" + "\n".join(problems)


def test_every_file_a_package_manifest_lists_is_in_the_package(sample):
    problems = []
    for package in sample.packages:
        manifest = package.folder / "imsmanifest.xml"
        assert manifest.is_file(), f"{package.file_name} has no imsmanifest.xml"
        for href in manifest_hrefs(manifest):
            if not (package.folder / unquote(href)).is_file():
                problems.append(f"{package.file_name}: imsmanifest.xml lists {href}, which is not in the package")
    assert not problems, "\n".join(problems)


def test_external_links_are_reported_not_fetched(sample, tmp_path_factory):
    pages_by_url: dict[str, set[str]] = collections.defaultdict(set)
    for label, root, pages in sample.roots():
        _, external = check_links(root, pages)
        for url, page in external:
            pages_by_url[url].add(f"{label}:{page}")
    report = tmp_path_factory.mktemp("links") / "external-links.txt"
    report.write_text(
        "".join(f"{url}\n" + "".join(f"    {page}\n" for page in sorted(pages)) for url, pages in sorted(pages_by_url.items())),
        encoding="utf-8",
    )
    hosts = collections.Counter(urlsplit(url).hostname for url in pages_by_url)
    print(f"\n{len(pages_by_url)} external links (not fetched), full list in {report}")
    for host, count in hosts.most_common():
        print(f"  {count:4}  {host}")
    assert all(urlsplit(url).scheme in ("http", "https") for url in pages_by_url)


def test_the_link_checker_finds_missing_pages_anchors_and_files(tmp_path):
    (tmp_path / "kurs").mkdir()
    (tmp_path / "kurs" / "index.html").write_text('<h1 id="borja">Kurs</h1><a name="gammal"></a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="kurs/">ok</a> <a href="kurs/#borja">ok</a> <a href="kurs/index.html#gammal">ok</a> <a href="#">ok</a>'
        ' <a href="saknas/">page</a> <a href="kurs/#saknas">anchor</a> <img src="bild.svg" alt="">'
        ' <a href="https://example.org/">external</a> <a href="mailto:a@example.org">mail</a>',
        encoding="utf-8",
    )
    broken, external = check_links(tmp_path, ["index.html", "kurs/index.html"])
    assert [(item.url, item.reason) for item in broken] == [
        ("saknas/", "no such page or file"),
        ("kurs/#saknas", "no id or name 'saknas' in kurs/index.html"),
        ("bild.svg", "no such page or file"),
    ]
    assert external == [("https://example.org/", "index.html")]


def check_links(root: Path, pages: list[str]) -> tuple[list[Broken], list[tuple[str, str]]]:
    """Broken internal links, and (external URL, page) pairs, for `pages` under `root`."""
    anchors = _Anchors(root)
    broken: list[Broken] = []
    external: list[tuple[str, str]] = []
    for page in pages:
        for url in page_urls(root / page):
            if url.lower().startswith(NOT_FETCHABLE):
                continue
            resolved = _resolve(page, url, pages)
            if resolved is None:
                external.append((url, page))
                continue
            target, fragment = resolved
            reason = _problem(root, target, fragment, anchors)
            if reason:
                broken.append(Broken(page, url, reason))
    return broken, external


def page_urls(path: Path) -> list[str]:
    """The URLs a page links to or loads, in document order."""
    document = lxml.html.fromstring(path.read_bytes())
    urls = []
    for element in document.iter(*LINK_ATTRIBUTES):
        for attribute in LINK_ATTRIBUTES[element.tag]:
            value = (element.get(attribute) or "").strip()
            if value:
                urls.append(value)
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                urls.append(candidate.split()[0])
    return urls


def _resolve(page: str, url: str, pages: list[str]) -> tuple[str, str] | None:
    """(root-relative target path, fragment), or None for a URL on another host.

    Cartridge references resolve as cc2olx and Canvas's viewer resolve them: `$IMS-CC-FILEBASE$` is the
    web_resources folder, `$WIKI_REFERENCE$/pages/<name>` the one page whose file is called <name>.html.
    """
    if url.startswith(CC_FILEBASE):
        url = "/" + WEB_RESOURCES + "/" + url[len(CC_FILEBASE) :].lstrip("/")
    if url.startswith(WIKI_PAGES):
        name = url[len(WIKI_PAGES) :] + ".html"
        found = [candidate for candidate in pages if posixpath.basename(candidate) == name]
        return (found[0] if len(found) == 1 else f"no single page called {name}", "")
    absolute = urljoin(LOCAL + page, url)
    if not absolute.startswith(LOCAL):
        return None
    without_fragment, fragment = urldefrag(absolute)
    path = unquote(urlsplit(without_fragment).path).lstrip("/")
    return posixpath.normpath(path) if path else ".", unquote(fragment)


def _problem(root: Path, target: str, fragment: str, anchors: _Anchors) -> str | None:
    if target.startswith("../"):
        return "points outside the output folder"
    path = root / target
    if path.is_dir():
        path = path / "index.html"
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    if not path.is_file():
        return "no such page or file"
    if fragment and path.suffix == ".html" and fragment not in anchors.of(target):
        return f"no id or name {fragment!r} in {target}"
    return None


class _Anchors:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.of = cache(self._of)  # per instance, so the cache goes with the checker

    def _of(self, target: str) -> frozenset[str]:
        document = lxml.html.fromstring((self.root / target).read_bytes())
        found = set()
        for element in document.iter():
            if not isinstance(element.tag, str):
                continue
            found.update(value for value in (element.get("id"), element.get("name") if element.tag == "a" else None) if value)
        return frozenset(found)


def manifest_hrefs(manifest: Path) -> list[str]:
    """The files a package manifest names: resource launch hrefs and file hrefs, with any xml:base applied."""
    document = etree.parse(str(manifest))
    hrefs = []
    for element in document.iter("{*}resource", "{*}file"):
        href = element.get("href")
        if not href or urlsplit(href).scheme:
            continue
        bases = [ancestor.get("{http://www.w3.org/XML/1998/namespace}base") or "" for ancestor in element.iterancestors()]
        base = "".join(reversed(bases)) + (element.get("{http://www.w3.org/XML/1998/namespace}base") or "")
        hrefs.append(posixpath.normpath(base + urlsplit(href).path))
    return hrefs

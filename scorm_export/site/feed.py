"""`site/feed.xml`: an Atom feed (RFC 4287) of course releases, for harvesters and feed readers.

Every release in a course's CHANGELOG.md is an entry: the oldest one announces a new course, each later one a new
version. The entry links to the release on the course page's "Versionshistorik", carries its notes, and for the
current version lists the packages to download. Dates are the changelog's, so the same content gives the same
feed; a course without a changelog has no dated release and is not in it.
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path
from typing import Any

from lxml import etree

from .. import ui_strings
from ..course.model import Catalogue, Course, Release
from ..packages.formats import PackageFile
from .harvest import MEDIA_TYPES

FEED = "feed.xml"
FEED_TYPE = "application/atom+xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EPOCH = "1970-01-01T00:00:00Z"  # the feed's date when no course has a release yet: deterministic, and older than any


def releases_feed(catalogue: Catalogue, packages: list[PackageFile], downloads: Path, settings: dict[str, Any]) -> bytes:
    """The feed; `downloads` is where the packages were written, `settings` mkdocs.yml's values."""
    base = (settings.get("site_url") or "").rstrip("/")
    prefix = f"{base}/" if base else ""
    site_name = str(settings.get("site_name") or "")
    t = ui_strings.strings("sv")
    entries = sorted(
        ((course, release) for course in catalogue.courses for release in course.changelog),
        key=lambda pair: (pair[1].date, pair[0].id, pair[1].version),
        reverse=True,
    )
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set(XML_LANG, "sv")
    _text(feed, "title", t["feed_title"].format(site=site_name))
    if settings.get("site_description"):
        _text(feed, "subtitle", str(settings["site_description"]))
    _text(feed, "id", _urn("feed", site_name))
    _text(feed, "updated", _timestamp(entries[0][1]) if entries else _EPOCH)
    if base:
        _link(feed, f"{base}/{FEED}", "self", FEED_TYPE)
    _link(feed, f"{prefix}" or "./", "alternate", "text/html")
    author = etree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", str(settings.get("site_author") or site_name))
    _text(feed, "generator", "scorm-export")
    by_course: dict[str, list[PackageFile]] = {}
    for package in packages:
        by_course.setdefault(package.course_id, []).append(package)
    for course, release in entries:
        _entry(feed, course, release, prefix, by_course.get(course.id, []) if release.version == course.version else [], downloads)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _entry(feed: etree._Element, course: Course, release: Release, prefix: str, packages: list[PackageFile], downloads: Path) -> None:
    t = ui_strings.strings(course.language)
    entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
    entry.set(XML_LANG, course.language)
    first = release is course.changelog[-1]
    title = t["feed_new_course" if first else "feed_new_version"].format(title=course.title, version=release.version)
    _text(entry, "title", title + (f" ({t['yanked']})" if release.yanked else ""))
    page = f"{prefix}{course.id}/#{release.anchor}"
    _text(entry, "id", _urn(course.id, release.version))
    _text(entry, "published", _timestamp(release))
    _text(entry, "updated", _timestamp(release))
    _link(entry, page, "alternate", "text/html")
    for package in packages:
        link = _link(entry, f"{prefix}downloads/{package.file_name}", "enclosure", MEDIA_TYPES.get(Path(package.file_name).suffix, ""))
        link.set("title", package.format.label)
        link.set("length", str((downloads / package.file_name).stat().st_size))
    for person in course.authors:
        _text(etree.SubElement(entry, f"{{{ATOM}}}author"), "name", person.name)
    etree.SubElement(entry, f"{{{ATOM}}}category", term=course.id, label=course.title)
    _text(entry, "summary", course.summary)
    # the notes as the course page shows them: sanitized HTML, carried as text (type="html") so readers escape nothing
    notes = "".join((f"<h3>{html.escape(t['change_' + group.kind])}</h3>\n" if group.kind else "") + group.html for group in release.groups)
    if notes:
        _text(entry, "content", notes).set("type", "html")


def _text(parent: etree._Element, name: str, value: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def _link(parent: etree._Element, href: str, rel: str, media_type: str) -> etree._Element:
    link = etree.SubElement(parent, f"{{{ATOM}}}link", rel=rel, href=href)
    if media_type:
        link.set("type", media_type)
    return link


def _timestamp(release: Release) -> str:
    return f"{release.date}T00:00:00Z"


def _urn(*parts: str) -> str:
    """An id that stays the same from build to build, and when the site moves to another address: feed readers
    would show every entry again as new if the ids were the pages' URLs."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "scorm-export:" + "/".join(parts)).urn

"""A course's CHANGELOG.md: read into releases, its problems at their lines, and shown as "Versionshistorik" on the
course page, as a page in every package, as LOM lifeCycle version and date, and as entries of the Atom feed."""

from __future__ import annotations

import json
import re
import zipfile

import feedparser
import pytest
from lxml import etree, html

from scorm_export.build import build, check

from .helpers import COURSE_YML, lesson, messages, minimal_course, write_project

CHANGELOG = "content/testkurs/CHANGELOG.md"
RELEASES = """\
# Versionshistorik

Inledande text som inte är någon version.

## [Ej utgiven]
- Något som inte är klart.

## [1.1.0] - 2026-11-20
### Tillagt
- En ny lektion om *kontrast*, se [WCAG](https://www.w3.org/TR/WCAG21/).
### Fixed
- Ett stavfel.

## [1.0.0] - 2026-10-01
- Första versionen.

[Ej utgiven]: https://example.org/compare/1.1.0...HEAD
[1.1.0]: https://example.org/compare/1.0.0...1.1.0
[1.0.0]: https://example.org/releases/1.0.0
"""


def course_at(version: str, changelog: str, **files: str) -> dict[str, str]:
    return minimal_course(
        **{"testkurs/course.yml": COURSE_YML.replace("version: 1.0.0", f"version: {version}"), "testkurs/CHANGELOG.md": changelog, **files}
    )


def assert_problem(result, line: int, fragment: str, severity: str = "error") -> None:
    found = [p for p in result.problems.items if p.path == CHANGELOG and p.line == line and fragment in p.message]
    assert found and found[0].severity.value == severity, f"expected {CHANGELOG}:{line} ({severity}) ...{fragment}... among:\n" + "\n".join(
        messages(result)
    )


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- reading ---------------------------------------------------------------------------------


def test_releases_are_read_newest_first_with_their_groups_and_the_unreleased_notes_left_out(load):
    result = load(course_at("1.1.0", RELEASES))

    assert not result.problems.items, messages(result)
    (course,) = result.catalogue.courses
    assert [(r.version, r.date) for r in course.changelog] == [("1.1.0", "2026-11-20"), ("1.0.0", "2026-10-01")]
    newest, first = course.changelog
    assert [group.kind for group in newest.groups] == ["added", "fixed"]  # Swedish and English group names
    assert "<em>kontrast</em>" in newest.groups[0].html and 'href="https://www.w3.org/TR/WCAG21/"' in newest.groups[0].html
    assert [group.kind for group in first.groups] == [""] and "Första versionen" in first.groups[0].html
    assert "inte är klart" not in str(course.changelog) and "Inledande" not in str(course.changelog)
    assert course.release is newest


def test_a_changelog_is_not_a_lesson_and_writing_in_it_is_no_change_of_content(load):
    before = load(course_at("1.1.0", RELEASES))
    after = load(course_at("1.1.0", RELEASES.replace("- Något som inte är klart.", "- Något helt annat.")))

    (course,) = after.catalogue.courses
    assert not after.problems.items, messages(after)
    assert len(course.lessons) == 2
    assert course.content_hash == before.catalogue.courses[0].content_hash
    edited = load(course_at("1.1.0", RELEASES, **{"testkurs/01-forsta/01-intro.md": lesson("Intro", "\nNytt.\n")}))
    assert edited.catalogue.courses[0].content_hash != course.content_hash


@pytest.mark.parametrize(
    ("heading", "fragment"),
    [
        ("## [1.2.0]", "saknar datum"),
        ("## [1.2.0] - 2026-02-30", "inget datum"),
        ("## [1.2.0] - 20/11/2026", "inget datum"),
        ("## Version två", "ska vara ett versionsnummer och ett datum"),
    ],
)
def test_a_release_heading_that_cannot_be_read_is_an_error_at_its_line(load, heading, fragment):
    text = RELEASES.replace("## [1.1.0] - 2026-11-20", f"{heading}\n\n## [1.1.0] - 2026-11-20")

    result = load(course_at("1.1.0", text))

    assert_problem(result, line_of(text, heading), fragment)


def test_a_version_listed_twice_is_an_error_at_the_second(load):
    text = RELEASES.replace("\n[Ej utgiven]:", "\n## [1.0.0] - 2026-09-01\n- Igen.\n\n[Ej utgiven]:")

    result = load(course_at("1.1.0", text))

    assert_problem(result, text.count("\n", 0, text.rindex("## [1.0.0]")) + 1, f"finns redan på rad {line_of(text, '## [1.0.0]')}")


def test_an_unknown_group_and_releases_out_of_order_are_warnings(load):
    text = RELEASES.replace("### Fixed", "### Småsaker").replace("## [1.0.0] - 2026-10-01", "## [1.0.0] - 2026-12-01")

    result = load(course_at("1.1.0", text))

    assert_problem(result, line_of(text, "### Småsaker"), "okänd rubrik", "warning")
    assert_problem(result, line_of(text, "## [1.0.0]"), "senare datum", "warning")
    assert not result.problems.has_errors


def test_the_course_version_must_match_the_newest_release(load):
    behind = load(course_at("1.0.0", RELEASES))
    assert_problem(behind, line_of(RELEASES, "## [1.1.0]"), "course.yml säger version: 1.0.0")

    ahead = load(course_at("1.2.0", RELEASES))
    assert_problem(ahead, line_of(RELEASES, "## [1.1.0]"), "version 1.2.0 i course.yml saknas här", "warning")
    assert not ahead.problems.has_errors


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        ("- Se ![bild](bild.png)", "kan bara länka till webbadresser"),
        ("- Se [lektionen](01-forsta/01-intro.md)", "kan bara länka till webbadresser"),
        ('- Klicka <button onclick="x()">här</button>', "button"),
    ],
)
def test_a_changelog_links_to_the_web_only_and_holds_no_raw_html_the_sanitizer_removes(load, item, fragment):
    text = RELEASES.replace("- Ett stavfel.", item)

    result = load(course_at("1.1.0", text))

    assert_problem(result, line_of(text, item), fragment)


# --- outputs ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("changelog") / "p", course_at("1.1.0", RELEASES))
    report = build(project)
    assert report.written, report
    (course,) = check(project).catalogue.courses
    return project, course


def test_the_course_page_shows_the_history_and_its_version_fact_links_to_it(built):
    project, course = built
    page = html.fromstring((project.site / "testkurs" / "index.html").read_bytes())

    (section,) = page.xpath('//h2[@id="versionshistorik"]')
    assert section.text_content().strip() == "Versionshistorik"
    for release in course.changelog:
        (heading,) = page.xpath(f'//h3[@id="{release.anchor}"]')
        assert release.version in heading.text_content()
        (time,) = heading.getparent().xpath(".//time")
        assert time.get("datetime") == release.date
    assert [h.text_content() for h in page.xpath("//section[@class='version-history__release']//h4")] == ["Tillagt", "Rättat"]
    assert page.xpath('//dd[a[@href="#versionshistorik"]]'), "the Version fact links to the history"
    assert "20 november 2026" in page.xpath('//dd[a[@href="#versionshistorik"]]')[0].text_content()


def test_every_package_has_the_history_page_in_its_manifest_and_the_release_date_in_its_lom(built):
    project, course = built
    packages = sorted((project.site / "downloads").glob("testkurs-*"))
    assert len(packages) == 5
    for path in packages:
        with zipfile.ZipFile(path) as archive:
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
            hrefs = [f.get("href") for f in manifest.iter("{*}file")]
            (history,) = [href for href in hrefs if "history" in href]
            page = html.fromstring(archive.read(history))
            if "scorm" in path.name:  # the single-SCO shell's menu offers it beside the licences and sources
                shell = html.fromstring(archive.read("index.html"))
                assert shell.xpath(f'//nav//a[@href="{history}"]/text()') == ["Versionshistorik"], path.name
        assert [h.get("id") for h in page.xpath("//h2[@id]")] == [release.anchor for release in course.changelog], path.name
        dates = [d.text for d in manifest.iter("{*}dateTime", "{*}datetime") if etree.QName(d.getparent()).localname == "date"]
        assert dates == [course.release.date], path.name
        if "cc1" not in path.name:  # Common Cartridge's LOM profile has no lifeCycle version; its manifest does
            versions = [v for v in manifest.iter("{*}version") if v.getparent().tag.lower().endswith("lifecycle")]
            assert [v[0].text for v in versions] == [course.version], path.name


def test_the_catalogue_dates_the_course_by_its_changelog(built):
    project, course = built
    (entry,) = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))["hasPart"]
    assert (entry["datePublished"], entry["dateModified"]) == (course.changelog[-1].date, course.changelog[0].date)


def test_a_course_without_a_changelog_has_no_history_page_and_no_date(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    with zipfile.ZipFile(project.site / "downloads" / "testkurs-1.0.0-scorm2004.zip") as archive:
        assert not [name for name in archive.namelist() if "history" in name]
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert not list(manifest.iter("{*}dateTime"))
    assert not (project.site / "testkurs" / "index.html").read_text(encoding="utf-8").count('id="versionshistorik"')
    assert "dateModified" not in (project.site / "catalogue.json").read_text(encoding="utf-8")


def test_the_feed_has_one_entry_per_release_linking_to_it_with_the_current_packages(built):
    project, course = built
    data = (project.site / "feed.xml").read_bytes()
    feed = feedparser.parse(data)

    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == [
        f"{course.title}, version 1.1.0",
        f"Ny kurs: {course.title} 1.0.0",
    ]
    for entry, release in zip(feed.entries, course.changelog, strict=True):
        assert entry.link == f"testkurs/#{release.anchor}"
        assert entry.updated.startswith(release.date)
        assert [a.name for a in entry.authors] == [p.name for p in course.authors]
    newest, oldest = feed.entries
    enclosures = [link for link in newest.links if link.rel == "enclosure"]
    assert len(enclosures) == 5 and not [link for link in oldest.links if link.rel == "enclosure"]
    for link in enclosures:
        assert int(link.length) == (project.site / link.href).stat().st_size
    assert "kontrast" in newest.content[0].value and "<script" not in newest.content[0].value
    assert len({entry.id for entry in feed.entries}) == 2
    # the site announces the feed in every page's head
    head = html.fromstring((project.site / "index.html").read_bytes()).xpath('//link[@type="application/atom+xml"]')
    assert [link.get("href") for link in head] == ["feed.xml"]


def test_the_feed_uses_the_site_address_when_there_is_one(tmp_path):
    # (that the feed comes out the same from every build, test_site_prerendered.py checks with the sample site)
    project = write_project(tmp_path / "p", course_at("1.1.0", RELEASES))
    config = project.mkdocs_config.read_text(encoding="utf-8")
    project.mkdocs_config.write_text(
        re.sub(r"(?m)^site_url:.*\n", "", config) + "site_url: https://kurser.example.org/\n", encoding="utf-8"
    )
    assert build(project).written

    feed = feedparser.parse((project.site / "feed.xml").read_bytes())
    assert [link.href for link in feed.feed.links if link.rel == "self"] == ["https://kurser.example.org/feed.xml"]
    assert feed.entries[0].link == "https://kurser.example.org/testkurs/#version-1-1-0"

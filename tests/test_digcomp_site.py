"""DigComp on the site: a page per competence and area listing exactly the courses that develop it, course pages
linking their competences, the alignment in the course JSON-LD, the framework's credit, and the catalogue cards'
facts for the filter (the filter itself in a browser: test_catalogue_filter_browser.py)."""

from __future__ import annotations

import json
import posixpath
from html import escape as html_escape
from pathlib import Path

import pytest
import yaml
from lxml import html

from scorm_export import ui_strings
from scorm_export.build import BuildOptions, build
from scorm_export.course import digcomp
from scorm_export.course.model import Catalogue
from scorm_export.site.competences import versions_shown

from .helpers import COURSE_YML, lesson, write_project

# id -> what its course.yml says; the expectations below are all computed from this
COURSES: dict[str, dict] = {
    "testkurs": {
        "title": "Testkurs",
        "language": "sv",
        "version": "2.2",
        "competences": ["3.3", "2.2"],
        "level": "grundläggande",
        "licence": "CC-BY-4.0",
    },
    "andra": {
        "title": "Second course",
        "language": "en",
        "version": "2.2",
        "competences": ["1.1", "3.3"],
        "level": "medel",
        "licence": "CC-BY-SA-4.0",
    },
    # untrusted text in a title: it must stay text on every page that lists the course
    "tredje": {
        "title": "Tredje *kursen* <i>x</i> [länk](https://example.org/)",
        "language": "sv",
        "version": "3.0",
        "competences": ["3.3"],
        "level": "avancerad",
        "licence": "CC0-1.0",
    },
}


def course_files(course_id: str, spec: dict) -> dict[str, str]:
    """A one-lesson course from a spec like those in COURSES (optionally with "duration" in minutes)."""
    yml = COURSE_YML.replace("id: testkurs", f"id: {course_id}").replace("title: Testkurs", f"title: {json.dumps(spec['title'])}")
    yml = yml.replace("language: sv", f"language: {spec['language']}").replace("licence: CC-BY-4.0", f"licence: {spec['licence']}")
    yml = yml.replace("level: grundläggande", f"level: {spec['level']}")
    yml = yml.replace(
        'version: "2.2"\n  competences: ["3.3"]', f'version: "{spec["version"]}"\n  competences: {json.dumps(spec["competences"])}'
    )
    if "duration" in spec:
        yml += f"duration: {spec['duration']} min\n"
    return {
        f"{course_id}/course.yml": yml,
        f"{course_id}/01-forsta/module.yml": "title: Första modulen\n",
        f"{course_id}/01-forsta/01-intro.md": lesson("Intro"),
    }


def project_files(courses: dict[str, dict]) -> dict[str, str]:
    return {name: text for course_id, spec in courses.items() for name, text in course_files(course_id, spec).items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = write_project(tmp_path_factory.mktemp("digcomp") / "p", project_files(COURSES))
    report = build(project, BuildOptions(formats=("scorm12",)))
    assert report.written, [str(problem) for problem in report.problems.items]
    return project.site


def parse(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def page(site: Path, url: str) -> html.HtmlElement:
    return parse(site / url / "index.html")


def resolve(from_url: str, href: str) -> str:
    """The site URL ('a/b/') a relative link on the page at `from_url` leads to."""
    return posixpath.normpath(posixpath.join(from_url, href)).strip("/") + "/"


def linked_courses(site_page: html.HtmlElement, url: str, within=None) -> set[str]:
    """The ids of the courses that links in the page's article (or `within`) lead to."""
    root = within if within is not None else site_page.cssselect("article")[0]
    return {resolve(url, a.get("href")).strip("/") for a in root.iter("a") if resolve(url, a.get("href")).strip("/") in COURSES}


def citing(version: str, competence_ids: set[str]) -> set[str]:
    return {course_id for course_id, spec in COURSES.items() if spec["version"] == version and set(spec["competences"]) & competence_ids}


def test_only_the_versions_some_course_cites_are_shown_and_the_default_when_none_does(load):
    only_default = load(project_files({"a": {**COURSES["testkurs"], "version": digcomp.DEFAULT_VERSION}})).catalogue
    assert versions_shown(only_default) == [digcomp.DEFAULT_VERSION]
    other = next(version for version in digcomp.VERSIONS if version != digcomp.DEFAULT_VERSION)
    both = load(project_files({"a": {**COURSES["testkurs"], "version": other}})).catalogue
    assert versions_shown(both) == [other]
    assert versions_shown(Catalogue((), ())) == [digcomp.DEFAULT_VERSION]


def test_every_competence_page_lists_exactly_the_courses_that_develop_it_in_its_version(site):
    versions = {spec["version"] for spec in COURSES.values()} | {digcomp.DEFAULT_VERSION}
    for version in versions:
        for competence in digcomp.framework(version).competences.values():
            url = f"digcomp/{version}/{competence.id}/"
            document = page(site, url)
            assert document.cssselect("h1")[0].text_content().strip() == f"{competence.id} {competence.sv}"
            (english,) = document.cssselect("article [lang=en].digcomp-en")
            assert english.text_content() == competence.en
            assert linked_courses(document, url) == citing(version, {competence.id}), url


def test_a_competence_page_lists_each_course_with_its_time_and_level_and_its_title_as_text(site):
    url = "digcomp/3.0/3.3/"
    document = page(site, url)
    items = [li for li in document.cssselect("article li") if linked_courses(document, url, li)]
    assert len(items) == len(citing("3.0", {"3.3"})) == 1
    spec = COURSES["tredje"]
    link = items[0].cssselect("a")[0]
    assert link.text_content() == spec["title"] and link.get("lang") == spec["language"]
    assert not items[0].cssselect("i, em, script")
    assert "5 min" in items[0].text_content()
    assert ui_strings.level_name(spec["level"]).lower() in items[0].text_content()


def test_every_area_page_lists_its_competences_each_with_exactly_its_courses(site):
    for version in {spec["version"] for spec in COURSES.values()}:
        for area in digcomp.framework(version).areas:
            url = f"digcomp/{version}/{area.id}/"
            document = page(site, url)
            sections = document.cssselect("article h2")
            listed = [resolve(url, heading.cssselect("a")[0].get("href")) for heading in sections]
            assert listed == [f"digcomp/{version}/{competence.id}/" for competence in area.competences]
            for heading, competence in zip(sections, area.competences, strict=True):
                section = []
                for sibling in heading.itersiblings():
                    if sibling.tag == "h2":
                        break
                    section.append(sibling)
                found = set().union(*(linked_courses(document, url, element) for element in section))
                assert found == citing(version, {competence.id}), (url, competence.id)


def test_the_framework_page_links_every_area_and_competence_and_the_index_every_version_shown(site):
    for version in {spec["version"] for spec in COURSES.values()} | {digcomp.DEFAULT_VERSION}:
        url = f"digcomp/{version}/"
        framework = digcomp.framework(version)
        hrefs = {resolve(url, a.get("href")) for a in page(site, url).cssselect("article a")}
        assert {f"{url}{area.id}/" for area in framework.areas} <= hrefs
        assert {f"{url}{competence}/" for competence in framework.competences} <= hrefs
    index = {resolve("digcomp/", a.get("href")) for a in page(site, "digcomp/").cssselect("article a")}
    assert {f"digcomp/{version}/" for version in ("2.2", "3.0")} <= index


def test_every_digcomp_page_credits_the_framework_and_links_its_publication(site):
    pages = sorted((site / "digcomp").rglob("index.html"))
    assert len(pages) > 2 * (1 + 5)
    for path in pages:
        document = parse(path)
        credits = document.cssselect("article .digcomp-credit")
        assert credits, path
        for credit in credits:
            framework = next(f for f in digcomp.frameworks().values() if f.credit_en in credit.text_content())
            assert [span.text_content() for span in credit.cssselect("span[lang=en]")] == [framework.credit_en]
            assert framework.credit_sv in credit.text_content()
            assert framework.url in [a.get("href") for a in credit.cssselect("a")]
            assert "CC BY 4.0" in credit.text_content() and "European Union" in credit.text_content()


def test_the_jrc_descriptor_is_shown_in_english_only_where_the_framework_has_one(site):
    for version in ("2.2", "3.0"):
        for competence in digcomp.framework(version).competences.values():
            quotes = page(site, f"digcomp/{version}/{competence.id}/").cssselect("article blockquote")
            if competence.descriptor_en:
                assert [(q.get("lang"), q.text_content().strip()) for q in quotes] == [("en", competence.descriptor_en)]
            else:
                assert quotes == []


def test_a_course_page_links_each_of_its_competences_to_its_page_in_the_course_language(site):
    for course_id, spec in COURSES.items():
        url = f"{course_id}/"
        links = page(site, url).cssselect(".course-facts__competences a")
        framework = digcomp.framework(spec["version"])
        expected = [f"{c} {framework.competences[c].title(spec['language'])}" for c in spec["competences"]]
        assert [link.text_content() for link in links] == expected
        for link, competence_id in zip(links, spec["competences"], strict=True):
            target = resolve(url, link.get("href"))
            assert target == f"digcomp/{spec['version']}/{competence_id}/"
            heading = page(site, target).cssselect("h1")[0].text_content().strip()
            assert heading == f"{competence_id} {framework.competences[competence_id].sv}"


def json_ld(document: html.HtmlElement) -> dict:
    (script,) = document.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def test_course_json_ld_aligns_the_course_with_each_competence_it_teaches(site):
    for course_id, spec in COURSES.items():
        data = json_ld(page(site, f"{course_id}/"))
        framework = digcomp.framework(spec["version"])
        alignments = data["educationalAlignment"]
        assert [a["targetName"] for a in alignments] == [framework.competences[c].en for c in spec["competences"]]
        for alignment, competence_id in zip(alignments, spec["competences"], strict=True):
            assert alignment["@type"] == "AlignmentObject" and alignment["alignmentType"] == "teaches"
            assert alignment["educationalFramework"] == f"DigComp {spec['version']}"
            assert "targetUrl" not in alignment  # mkdocs.yml has no site_url: no absolute URL to give
            assert alignment.get("targetDescription") == framework.competences[competence_id].descriptor_en
        terms = [item for item in data["teaches"] if isinstance(item, dict)]
        assert [(t["@type"], t["termCode"], t["inDefinedTermSet"]["name"]) for t in terms] == [
            ("DefinedTerm", c, framework.name) for c in spec["competences"]
        ]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_with_the_site_url_json_ld_gives_each_competence_page_absolute_url(tmp_path, load, use_directory_urls):
    from scorm_export.problems import Problems
    from scorm_export.project import Project
    from scorm_export.site.docs_tree import page_url, write_docs_tree
    from scorm_export.site.settings import read_site_settings
    from scorm_export.templates import environment

    from .helpers import REPO

    catalogue = load(project_files({"testkurs": COURSES["testkurs"]})).catalogue
    accessibility = read_site_settings(Project(REPO), Problems(REPO)).accessibility
    docs = tmp_path / "docs"
    tree = write_docs_tree(
        catalogue,
        {},
        docs,
        environment(REPO / "theme"),
        accessibility,
        use_directory_urls=use_directory_urls,
        site_url="https://kurser.example.org",
    )
    front = yaml.safe_load((docs / "testkurs" / "index.md").read_text(encoding="utf-8").split("---")[1])
    urls = [alignment["targetUrl"] for alignment in json.loads(front["json_ld"])["educationalAlignment"]]
    pages = [f"digcomp/2.2/{competence}.md" for competence in COURSES["testkurs"]["competences"]]
    assert urls == [f"https://kurser.example.org/{page_url(doc, use_directory_urls)}" for doc in pages]
    assert all(doc in tree.files for doc in pages)


def test_the_digcomp_section_comes_after_the_courses_and_before_the_accessibility_statement(tmp_path, load):
    from scorm_export.problems import Problems
    from scorm_export.project import Project
    from scorm_export.site.docs_tree import write_docs_tree
    from scorm_export.site.settings import read_site_settings
    from scorm_export.templates import environment

    from .helpers import REPO

    catalogue = load(project_files(COURSES)).catalogue
    accessibility = read_site_settings(Project(REPO), Problems(REPO)).accessibility
    nav = write_docs_tree(catalogue, {}, tmp_path / "docs", environment(REPO / "theme"), accessibility).nav
    titles = [next(iter(entry)) for entry in nav]
    digcomp_at = titles.index("DigComp")
    assert max(titles.index(html_escape(course.title)) for course in catalogue.courses) < digcomp_at
    assert digcomp_at < titles.index(ui_strings.strings("sv")["accessibility_statement"])


def test_catalogue_cards_carry_their_facts_and_the_filter_offers_only_what_the_courses_have(site, load):
    catalogue = load(project_files(COURSES)).catalogue
    document = page(site, "")
    cards = document.cssselect("li.course-card")
    assert len(cards) == len(catalogue.courses)
    for course, card in zip(catalogue.courses, cards, strict=True):
        assert card.get("data-level") == course.level.value
        assert card.get("data-minutes") == str(course.duration_minutes)
        assert card.get("data-language") == course.language
        assert card.get("data-licence") == course.licence.id
        assert card.get("data-competences").split() == [f"{course.digcomp.version}/{c}" for c in course.digcomp.competences]
        assert card.get("data-areas").split() == [f"{course.digcomp.version}/{a.id}" for a in course.digcomp.areas]
    (form,) = document.cssselect("form.catalogue-filter")
    assert form.get("hidden") is not None  # without the script there is no filter, and every course is listed

    def offered(name: str) -> set[str]:
        return {option.get("value") for option in form.cssselect(f"select[name={name}] option") if option.get("value")}

    assert offered("kompetens") == {f"{s['version']}/{c}" for s in COURSES.values() for c in s["competences"]}
    assert offered("omrade") == {f"{s['version']}/{c.partition('.')[0]}" for s in COURSES.values() for c in s["competences"]}
    assert offered("niva") == {s["level"] for s in COURSES.values()}
    assert offered("licens") == {s["licence"] for s in COURSES.values()}
    assert offered("sprak") == {s["language"] for s in COURSES.values()}
    for select in form.cssselect("select"):
        assert form.cssselect(f"label[for={select.get('id')}]"), select.get("name")
    assert form.cssselect("fieldset > legend") and form.cssselect("[role=status]")


def test_every_sample_course_links_competence_pages_that_exist(sample_site):
    for card in parse(sample_site / "index.html").cssselect("li.course-card"):
        course_url = card.cssselect("a")[0].get("href")
        links = page(sample_site, course_url).cssselect(".course-facts__competences a")
        assert len(links) == len(card.get("data-competences").split())
        for link in links:
            assert (sample_site / resolve(course_url, link.get("href")) / "index.html").is_file(), link.get("href")

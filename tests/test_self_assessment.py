"""The self-assessment page as the build writes it: every competence of the site's DigComp version with four
statements and "Vet inte", the catalogue as JSON for the script, the JRC's credit, and the setting that picks
the version, checked at its line in mkdocs.yml."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest
from lxml import etree

from scorm_export import ui_strings
from scorm_export.build import check
from scorm_export.course import digcomp
from scorm_export.course.digcomp_statements import OVERRIDES, STATEMENTS, statements
from scorm_export.packages import scorm12, scorm2004
from scorm_export.packages.self_assessment import LAUNCH, licence_id, self_assessment_package
from scorm_export.problems import Problems
from scorm_export.project import Project
from scorm_export.site.docs_tree import page_url, write_docs_tree
from scorm_export.site.self_assessment import SELF_ASSESSMENT_PAGE, SELF_ASSESSMENT_SCRIPT, self_assessment_files
from scorm_export.site.settings import read_site_settings
from scorm_export.templates import environment

from .helpers import COURSE_YML, REPO, lesson, minimal_course, project_licence, write_project

T = ui_strings.strings("sv")
SETTINGS = (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def course_files(folder: str, course_id: str, level: str, competences: str, duration: str, version: str = "2.2") -> dict[str, str]:
    yml = (
        COURSE_YML.replace("id: testkurs", f"id: {course_id}")
        .replace("title: Testkurs", f"title: Kurs {course_id}")
        .replace("level: grundläggande", f"level: {level}\nduration: {duration}")
        .replace('version: "2.2"', f'version: "{version}"')
        .replace('competences: ["3.3"]', f"competences: {competences}")
    )
    return {f"{folder}/course.yml": yml, f"{folder}/01-m/01-a.md": lesson("A")}


@pytest.fixture
def two_courses(load):
    result = load(
        {
            **course_files("a", "licenser", "grundläggande", '["3.3", "2.2"]', "45 min"),
            **course_files("b", "sakerhet", "medel", '["4.1"]', "1 h 30 min", version="3.0"),
        }
    )
    assert not result.problems.has_errors, [str(p) for p in result.problems.items]
    return result.catalogue


def render(catalogue, version: str | None = None, use_directory_urls: bool = True) -> tuple[str, lxml.html.HtmlElement]:
    files = self_assessment_files(
        catalogue, environment(REPO / "theme"), version, lambda doc: page_url(doc, use_directory_urls=use_directory_urls)
    )
    text = files[SELF_ASSESSMENT_PAGE]
    assert isinstance(text, str)
    return text, lxml.html.fromstring(text[text.index('<div class="self-assessment"') :])


def page_json(root: lxml.html.HtmlElement) -> dict:
    [script] = root.xpath('//script[@id="self-assessment-data"]')
    return json.loads(script.text)


@pytest.mark.parametrize("version", digcomp.VERSIONS)
def test_every_competence_of_the_version_has_a_fieldset_with_four_statements_and_dont_know(two_courses, version):
    _, root = render(two_courses, version)
    framework = digcomp.framework(version)
    fieldsets = root.xpath("//fieldset[@data-competence]")
    assert [fieldset.get("data-competence") for fieldset in fieldsets] == list(framework.competences)
    for fieldset in fieldsets:
        competence = framework.competences[fieldset.get("data-competence")]
        assert fieldset.xpath("string(legend)").strip() == f"{competence.id} {competence.sv}"
        radios = fieldset.xpath(".//input[@type='radio']")
        assert [radio.get("value") for radio in radios] == ["1", "2", "3", "4", "0"]
        assert len({radio.get("name") for radio in radios}) == 1, "one group of radio buttons per competence"
        labels = [" ".join(fieldset.xpath(f"string(.//label[@for='{radio.get('id')}'])").split()) for radio in radios]
        for label, text, (group, _) in zip(labels, statements(version)[competence.id], framework.level_groups, strict=False):
            assert label.startswith(group) and label.endswith(text)
        assert labels[-1] == T["sa_dont_know"]
        [wish] = fieldset.xpath(".//input[@type='checkbox']")
        assert wish.get("value") == competence.id
        assert fieldset.xpath(f"string(.//label[@for='{wish.get('id')}'])") == T["sa_wish"]


def test_the_statements_cover_every_competence_of_both_versions_with_four_first_person_sentences():
    for version in digcomp.VERSIONS:
        written = statements(version)
        assert set(written) == set(digcomp.framework(version).competences)
        for competence, texts in written.items():
            assert len(texts) == 4 and len(set(texts)) == 4, competence
            assert all(text.startswith("Jag kan ") and text.endswith(".") for text in texts), competence
    every_id = {c for version in digcomp.VERSIONS for c in digcomp.framework(version).competences}
    assert set(STATEMENTS) <= every_id
    assert all(set(overrides) <= set(digcomp.framework(version).competences) for version, overrides in OVERRIDES.items())


def test_the_page_gives_the_script_every_course_with_its_competences_level_minutes_and_address(two_courses):
    _, root = render(two_courses)
    courses = {course["id"]: course for course in page_json(root)["courses"]}
    assert courses == {
        "licenser": {
            "id": "licenser",
            "title": "Kurs licenser",
            "url": "../licenser/",
            "minutes": 45,
            "level": "grundläggande",
            "competences": ["3.3", "2.2"],
            "version": "2.2",
        },
        "sakerhet": {
            "id": "sakerhet",
            "title": "Kurs sakerhet",
            "url": "../sakerhet/",
            "minutes": 90,
            "level": "medel",
            "competences": ["4.1"],
            "version": "3.0",
        },
    }


def test_course_addresses_follow_use_directory_urls(two_courses):
    _, root = render(two_courses, use_directory_urls=False)
    assert [course["url"] for course in page_json(root)["courses"]] == ["licenser/index.html", "sakerhet/index.html"]


def test_a_title_that_closes_the_script_element_stays_inside_the_json(load):
    result = load(minimal_course(**{"testkurs/course.yml": COURSE_YML.replace("title: Testkurs", 'title: "</script><b>x</b>"')}))
    _, root = render(result.catalogue)
    assert [course["title"] for course in page_json(root)["courses"]] == ["</script><b>x</b>"]
    assert not root.xpath("//b")


def test_the_page_credits_the_jrc_and_says_nothing_leaves_the_browser(two_courses):
    text, root = render(two_courses)
    framework = digcomp.framework(digcomp.DEFAULT_VERSION)
    about = root.xpath("//section[@class='sa-about']")[0]
    assert framework.credit_en in about.text_content() and "© European Union, CC BY 4.0" in about.text_content()
    assert framework.credit_sv in about.text_content()
    assert about.xpath("string(.//p[@lang='en'])") == framework.credit_en
    assert about.xpath(".//a/@href") == [framework.url]
    assert "sa-privacy" in text and "&#46;" in text  # the sentence is Markdown-inert text, as all page text
    privacy = lxml.html.fromstring(text[text.index('<p class="sa-privacy">') : text.index("</p>", text.index("sa-privacy")) + 4])
    assert privacy.text_content() == T["sa_privacy"]
    assert T["sa_privacy"].count(".") == 1, "one sentence"


def test_without_a_script_the_result_explains_it_needs_javascript_and_the_plan_parts_are_hidden(two_courses):
    _, root = render(two_courses)
    [note] = root.xpath("//*[@data-without-script]")
    assert note.text_content() == T["sa_needs_js"]
    assert all(element.get("hidden") is not None for element in root.xpath("//*[@data-with-script]"))
    assert not root.xpath("//form//*[@hidden and not(@data-with-script)]"), "the form itself is all visible"


def test_the_docs_tree_writes_the_page_its_script_and_a_navigation_entry(tmp_path, two_courses):
    docs = tmp_path / "docs"
    accessibility = read_site_settings(Project(REPO), Problems(REPO)).accessibility
    tree = write_docs_tree(two_courses, {}, docs, environment(REPO / "theme"), accessibility, digcomp_version="2.2")
    assert {T["self_assessment"]: SELF_ASSESSMENT_PAGE} in tree.nav
    assert {SELF_ASSESSMENT_PAGE, SELF_ASSESSMENT_SCRIPT} <= tree.files
    page = (docs / SELF_ASSESSMENT_PAGE).read_text(encoding="utf-8")
    assert "DigComp 2&#46;2" in page
    assert len(re.findall(r'<fieldset class="sa-competence"', page)) == len(digcomp.framework("2.2").competences)


# --- the setting ---------------------------------------------------------------------------------


def settings_with(tmp_path, block: str):
    project = write_project(tmp_path / "p", minimal_course())
    text = SETTINGS.replace("\nextra:\n", "\nextra:\n" + block, 1)
    project.mkdocs_config.write_text(text, encoding="utf-8")
    return project, text


def test_the_site_rates_against_digcomp_3_0_unless_mkdocs_yml_says_otherwise(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    checked = check(project)
    assert not checked.problems.has_errors
    assert checked.settings.digcomp_version == digcomp.DEFAULT_VERSION == "3.0"
    project, _ = settings_with(tmp_path / "b", '  digcomp:\n    version: "2.2"\n')
    checked = check(project)
    assert not checked.problems.has_errors, [str(p) for p in checked.problems.items]
    assert checked.settings.digcomp_version == "2.2"


def test_an_unknown_digcomp_version_is_reported_at_its_line_in_mkdocs_yml(tmp_path):
    project, text = settings_with(tmp_path, '  digcomp:\n    version: "2.1"\n')
    checked = check(project)
    line = text.split("\n").index('    version: "2.1"') + 1
    assert [str(p) for p in checked.problems.errors] == [
        f"mkdocs.yml:{line}: 'version' måste vara ett av: 2.2, 3.0 (fick '2.1') (not one of the allowed values)"
    ]
    assert checked.settings.digcomp_version == digcomp.DEFAULT_VERSION


def test_an_unknown_digcomp_setting_and_a_wrong_shape_are_reported_at_their_lines(tmp_path):
    project, text = settings_with(tmp_path, '  digcomp:\n    versoin: "2.2"\n')
    [problem] = [str(p) for p in check(project).problems.errors]
    line = text.split("\n").index('    versoin: "2.2"') + 1
    assert problem.startswith(f"mkdocs.yml:{line}: okänt fält 'versoin' i extra.digcomp; menade du 'version'?")
    project, text = settings_with(tmp_path / "b", "  digcomp: 3.0\n")
    [problem] = [str(p) for p in check(project).problems.errors]
    line = text.split("\n").index("  digcomp: 3.0") + 1
    assert problem.startswith(f"mkdocs.yml:{line}: extra.digcomp ska vara")


def test_mkdocs_yml_documents_the_setting():
    assert '  # digcomp:\n  #   version: "3.0"\n' in SETTINGS


# --- the same self-assessment as a SCORM package ---------------------------------------------------------------


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_self_assessment_package_has_a_valid_manifest_that_lists_its_files(standard, schema_validate):
    flavour = {"scorm12": scorm12.FLAVOUR, "scorm2004": scorm2004.FLAVOUR}[standard]
    licence = project_licence(licence_id("2.2"))
    files = self_assessment_package(flavour, environment(REPO / "theme"), REPO / "theme", licence, "2.2")
    assert schema_validate(standard, files["imsmanifest.xml"]) == []
    manifest = etree.fromstring(files["imsmanifest.xml"])
    sco, shared = manifest.iter(f"{{{flavour.cp}}}resource")
    assert sco.get("href") == LAUNCH
    assert sco.get(f"{{{flavour.adlcp}}}{flavour.scorm_type}") == "sco"
    assert shared.get(f"{{{flavour.adlcp}}}{flavour.scorm_type}") == "asset"
    listed = {file.get("href") for resource in (sco, shared) for file in resource.iter(f"{{{flavour.cp}}}file")}
    controls = {name for name in files if name.endswith((".xsd", ".dtd"))}
    assert listed == set(files) - controls - {"imsmanifest.xml"}, "every file is listed, LICENSE.txt included"
    # LOM: what the package is, under which licence, rating which competences
    text = " ".join(manifest.itertext())
    assert digcomp.framework("2.2").name in text and licence.short_name in text and licence.deed.removesuffix("deed.sv") in text
    taxa = {element.text for element in manifest.iter() if etree.QName(element).localname == "id" and element.text}
    assert set(digcomp.framework("2.2").competences) <= taxa
    notice = files["LICENSE.txt"].decode("utf-8")
    assert licence.legal_code in notice and digcomp.framework("2.2").credit_en in notice and digcomp.framework("2.2").credit_sv in notice
    page = lxml.html.fromstring(files[LAUNCH])
    assert page.xpath("//div[@id='self-assessment']/@data-lms") == [standard]
    assert len(page.xpath("//fieldset[@data-competence]")) == len(digcomp.framework("2.2").competences)
    assert not page.xpath("//*[@id='sa-plan']"), "the plan stays on the site"
    assert all(not src.startswith(("http:", "https:", "//")) for src in page.xpath("//script/@src | //link/@href"))
    assert digcomp.framework("2.2").credit_en in page.text_content()


def test_the_licence_the_self_assessment_package_is_published_under_must_be_in_the_project(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    needed = licence_id()
    (project.licences / f"{needed}.yml").unlink()

    problems = [str(problem) for problem in check(project).problems.items]

    assert any(problem.startswith(f"licenses/{needed}.yml:1: licensen {needed} saknas") for problem in problems), problems

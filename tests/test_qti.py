"""A test lesson becomes a QTI quiz in every cartridge: valid against the Common Cartridge QTI profile's XSD and
its Schematron rules, in the shapes Moodle's and Canvas's importers read, placed after its lesson's page."""

from __future__ import annotations

import posixpath
import zipfile

import pytest
from lxml import etree, isoschematron

from scorm_export.build import BuildOptions, build

from .helpers import COURSE_YML, SHARED, lesson, minimal_course, require_shared, write_project

QTI = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
TEST_BODY = """
Svara på frågorna.

```fråga
Vilken licens kräver **inte** att du anger källa?

- ( ) CC BY 4.0
  > Nej: BY betyder att källan ska anges.
- (x) CC0 1.0
- ( ) CC BY-SA 4.0

Förklaring: Alla utom [CC0](https://creativecommons.org/publicdomain/zero/1.0/) kräver erkännande.
```

```fråga
En bild i public domain får användas fritt.

- (x) Sant
- ( ) Falskt
  > Jo, det får den.
```

```fråga
Vilka licenser tillåter kommersiell användning?

- [x] CC BY 4.0
- [ ] CC BY-NC 4.0
  > NC betyder icke-kommersiell.
- [x] CC0 1.0
```

```fråga
Vad står L för i TASL?

Svar: licens | license
```

```fråga
Se [lektionen Mer](../01-forsta/02-mer.md). Stämmer det?

- (x) Sant
- ( ) Falskt
```
"""


def graded_course(**extra: str) -> dict[str, str]:
    text = lesson("Slutprov", TEST_BODY).replace("duration: 5 min\n", "duration: 5 min\ntest: true\n")
    return minimal_course(
        **{
            "testkurs/course.yml": COURSE_YML + "assessment:\n  passing_score: 75\n  attempts: 2\n",
            "testkurs/02-prov/module.yml": "title: Prov\n",
            "testkurs/02-prov/01-slutprov.md": text,
            **extra,
        }
    )


@pytest.fixture(scope="module")
def cartridges(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    project = write_project(tmp_path_factory.mktemp("qti") / "p", graded_course())
    report = build(project, BuildOptions(site=False))
    assert report.written, [str(problem) for problem in report.problems.items]
    found = {}
    for package in report.packages:
        with zipfile.ZipFile(project.site / "downloads" / package.file_name) as archive:
            found[package.format.key] = {name: archive.read(name) for name in archive.namelist()}
    return found


def quiz(files: dict[str, bytes]) -> tuple[str, etree._Element]:
    (name,) = [name for name in files if name.endswith("/assessment.xml")]
    return name, etree.fromstring(files[name])


CARTRIDGES = ("cc11", "cc13", "cc13-openedx")


@pytest.mark.parametrize("key", CARTRIDGES)
def test_every_quiz_is_valid_against_the_qti_profiles_xsd_and_schematron(cartridges, key, schema_validate):
    name, root = quiz(cartridges[key])
    assert schema_validate("cc11-all", cartridges[key][name]) == []
    schematron = isoschematron.Schematron(
        etree.parse(str(require_shared(SHARED / "schemas" / "cc11" / "ccv1p1_qtiasiv1p2p1_v1p0.xsd"))),
        store_report=True,
        validate_schema=False,
    )
    report = (
        []
        if schematron.validate(root)
        else [" ".join(text.split()) for text in schematron.validation_report.xpath("//*[local-name()='text']/text()")]
    )
    assert report == []


def test_the_schematron_rules_catch_what_the_xsd_does_not(cartridges):
    """The gate above can fail: a single choice with two options breaks rule 4d, which the XSD accepts."""
    _, root = quiz(cartridges["cc11"])
    first = root.xpath("//q:item[1]//q:render_choice", namespaces=QTI)[0]
    first.remove(first[-1])
    schematron = isoschematron.Schematron(
        etree.parse(str(require_shared(SHARED / "schemas" / "cc11" / "ccv1p1_qtiasiv1p2p1_v1p0.xsd"))), validate_schema=False
    )
    assert not schematron.validate(root)


def test_the_cartridges_stay_valid_and_the_quiz_follows_its_lesson(cartridges, schema_validate):
    files = cartridges["cc11"]
    assert schema_validate("cc11", files["imsmanifest.xml"]) == []
    manifest = etree.fromstring(files["imsmanifest.xml"])
    ns = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    module = manifest.xpath("//cp:item[cp:title='Prov']", namespaces=ns)[0]
    assert module.xpath("cp:item/cp:title/text()", namespaces=ns) == ["Slutprov", "Prov: Slutprov"]
    reference = module.xpath("cp:item[2]/@identifierref", namespaces=ns)[0]
    (resource,) = manifest.xpath(f"//cp:resource[@identifier='{reference}']", namespaces=ns)
    assert resource.get("type") == "imsqti_xmlv1p2/imscc_xmlv1p1/assessment" and resource.get("href") is None
    assert resource.xpath("cp:file/@href", namespaces=ns) == [quiz(files)[0]]
    manifest13 = etree.fromstring(cartridges["cc13"]["imsmanifest.xml"])
    assert manifest13.xpath("//*[local-name()='resource'][@type='imsqti_xmlv1p2/imscc_xmlv1p3/assessment']")


@pytest.mark.parametrize("key", CARTRIDGES)
def test_the_lesson_page_of_a_test_in_a_cartridge_holds_no_answers(cartridges, key):
    # every cartridge, though the Canvas one links as the single-SCO package does: their pages must not be shared
    files = cartridges[key]
    (page,) = [data.decode() for name, data in files.items() if name.endswith(".html") and "slutprov" in name]
    assert "Svara på frågorna." in page
    assert "Provfrågorna i den här lektionen finns i kursens prov ”Prov: Slutprov”." in page
    assert "question__answer" not in page and "CC0 1.0" not in page and "data-correct" not in page


def items(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//q:item", namespaces=QTI)


def text(element, path: str) -> list[str]:
    return [value.strip() for value in element.xpath(path, namespaces=QTI)]


def test_settings_profiles_and_attempts(cartridges):
    _, root = quiz(cartridges["cc11"])
    metadata = dict(
        zip(
            text(root, "q:assessment/q:qtimetadata/*/q:fieldlabel/text()"),
            text(root, "q:assessment/q:qtimetadata/*/q:fieldentry/text()"),
            strict=True,
        )
    )
    assert metadata == {
        "cc_profile": "cc.exam.v0p1",
        "qmd_assessmenttype": "Examination",
        "qmd_scoretype": "Percentage",
        "cc_maxattempts": "2",
    }
    assert [text(item, ".//q:itemmetadata//q:fieldentry/text()")[0] for item in items(root)] == [
        "cc.multiple_choice.v0p1",
        "cc.true_false.v0p1",
        "cc.multiple_response.v0p1",
        "cc.fib.v0p1",
        "cc.true_false.v0p1",
    ]
    assert items(root)[0].get("title") == "Vilken licens kräver inte att du anger källa?"


def score_of(item, ident: str) -> str:
    (found,) = item.xpath(f"q:resprocessing/q:respcondition[q:conditionvar/q:varequal='{ident}']/q:setvar/text()", namespaces=QTI)
    return found


def test_single_choice_and_true_false_score_only_the_right_option(cartridges):
    _, root = quiz(cartridges["cc11"])
    single, true_false = items(root)[0], items(root)[1]
    assert [score_of(single, ident) for ident in ("o1", "o2", "o3")] == ["0", "100", "0"]
    assert text(true_false, ".//q:response_label/@ident") == ["true", "false"], "Moodle aborts on other idents"
    assert [score_of(true_false, ident) for ident in ("true", "false")] == ["100", "0"]
    general = single.xpath("q:resprocessing/q:respcondition[1]", namespaces=QTI)[0]
    assert general.get("continue") == "Yes" and general.xpath("q:conditionvar/q:other", namespaces=QTI)
    feedback = dict(zip(text(single, "q:itemfeedback/@ident"), text(single, "q:itemfeedback//q:mattext/text()"), strict=True))
    assert set(feedback) == {"general_fb", "o1_fb"}
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/"' in feedback["general_fb"]


def test_multiple_response_marks_every_option_and_orders_feedback_for_each_lms(cartridges):
    for key, canvas in (("cc11", False), ("cc13", True)):
        _, root = quiz(cartridges[key])
        item = items(root)[2]
        conditions = item.xpath("q:resprocessing/q:respcondition", namespaces=QTI)
        scoring = next(c for c in conditions if c.xpath("q:conditionvar/q:and", namespaces=QTI))
        assert text(scoring, "q:conditionvar/q:and/q:varequal/text()") == ["o1", "o3"]
        assert text(scoring, "q:conditionvar/q:and/q:not/q:varequal/text()") == ["o2"]
        assert set(text(scoring, ".//q:varequal/@case")) == {"Yes"}, "Moodle counts only case='Yes'"
        option = next(c for c in conditions if text(c, "q:displayfeedback/@linkrefid") == ["o2_fb"])
        assert (conditions.index(option) < conditions.index(scoring)) is canvas, key
        assert option.get("continue") == ("Yes" if canvas else "No")


def test_a_short_text_answer_lists_every_accepted_answer_and_no_wrong_one(cartridges):
    _, root = quiz(cartridges["cc11"])
    item = items(root)[3]
    assert text(item, ".//q:varequal/text()") == ["licens", "license"]
    assert set(text(item, ".//q:varequal/@case")) == {"No"}


def test_a_link_to_a_lesson_in_a_quiz_names_the_lesson(cartridges):
    _, root = quiz(cartridges["cc11"])
    prompt = text(items(root)[4], "q:presentation/q:material/q:mattext/text()")[0]
    assert "lektionen Mer" in prompt and "se lektionen ”Mer” i kursens innehåll" in prompt and "href" not in prompt


def test_a_graded_single_choice_question_needs_three_options(load):
    body = "```fråga\nFråga?\n\n- (x) A\n- ( ) B\n```\n"
    text_ = lesson("Slutprov", body).replace("duration: 5 min\n", "duration: 5 min\ntest: true\n")
    result = load(minimal_course(**{"testkurs/01-forsta/01-intro.md": text_}))
    (problem,) = result.problems.errors
    assert problem.line == 8 and "minst tre svarsalternativ" in problem.message


def test_the_course_says_how_it_is_assessed_on_its_page_in_json_ld_in_lom_and_on_the_start_page(tmp_path):
    import json

    from lxml import html

    project = write_project(tmp_path / "p", graded_course())
    report = build(project)
    assert report.written, [str(problem) for problem in report.problems.items]
    page = html.fromstring((project.site / "testkurs" / "index.html").read_bytes())
    facts = " ".join(page.find_class("course-facts")[0].text_content().split())
    assert "Examination: Prov med 5 frågor, godkänt vid 75 % rätt; 2 försök." in facts
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["hasPart"] == [
        {
            "@type": "Quiz",
            "name": "Slutprov",
            "assesses": ["Testkurs"],
            "educationalUse": "assessment",
            "description": "5 questions; passing score 75 %",
        }
    ]
    with zipfile.ZipFile(next((project.site / "downloads").glob("testkurs-*-scorm2004.zip"))) as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        about = " ".join(html.fromstring(archive.read("about.html")).text_content().split())
    assert manifest.xpath("//*[local-name()='interactivityType']/*[local-name()='value']/text()") == ["active"]
    assert "Prov med 5 frågor, godkänt vid 75 % rätt; 2 försök." in about


def test_a_course_without_a_test_says_so(tmp_path):
    from lxml import html

    project = write_project(tmp_path / "p", minimal_course())
    assert build(project).written
    page = html.fromstring((project.site / "testkurs" / "index.html").read_bytes())
    assert "Inget prov: kursen är klar när du har läst alla lektioner." in page.find_class("course-facts")[0].text_content()


IMAGE_QUESTION = """
```fråga
Vilken färg har rutan? ![En svart ruta](ruta.svg)

- (x) Svart
- ( ) Vit
- ( ) Röd
```
"""
SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
PROGRAMME = "id: bas\ntitle: Bas\nsummary: En kurs.\naudience: Alla\nlevel: grundläggande\nlicence: CC-BY-4.0\nversion: 1.0.0\ncourses:\n  - testkurs\n"


def test_an_image_in_a_quiz_resolves_to_the_cartridges_copy_in_a_course_and_in_a_programme(tmp_path):
    text = lesson("Slutprov", TEST_BODY + IMAGE_QUESTION).replace("duration: 5 min\n", "duration: 5 min\ntest: true\n")
    files = graded_course(**{"testkurs/02-prov/01-slutprov.md": text, "testkurs/02-prov/ruta.svg": SQUARE, "program/bas.yml": PROGRAMME})
    project = write_project(tmp_path / "p", files)
    report = build(project, BuildOptions(site=False))
    assert report.written, [str(problem) for problem in report.problems.items]

    for file_name in ("testkurs-1.0.0-cc11.imscc", "bas-1.0.0-cc11.imscc"):
        with zipfile.ZipFile(project.site / "downloads" / file_name) as archive:
            names = set(archive.namelist())
            sources = []
            for name in (n for n in names if n.endswith("/assessment.xml")):
                quiz_xml = etree.fromstring(archive.read(name))
                for text_node in quiz_xml.iterfind(".//q:mattext", QTI):
                    for image in etree.HTML(text_node.text or "<p></p>").iter("img"):
                        # Moodle resolves $IMS-CC-FILEBASE$ to the folder of the QTI file
                        src = image.get("src").replace("$IMS-CC-FILEBASE$", posixpath.dirname(name))
                        sources.append(posixpath.normpath(src))
        assert sources, file_name
        for source in sources:
            assert source in names and archive_bytes(project, file_name, source) == SQUARE.encode(), (file_name, source)


def archive_bytes(project, file_name: str, member: str) -> bytes:
    with zipfile.ZipFile(project.site / "downloads" / file_name) as archive:
        return archive.read(member)

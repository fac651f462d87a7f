"""The search inside the single-SCO shell: the index built here, lunr.js and lunr-languages in the browser.

The contract between the two halves is that a word goes through the same pipeline on both sides: the browser
tests stem the same Swedish words with the Python pipeline and with lunr.sv.js, and build the same index with
lunr.js itself, and compare. The rest checks what the learner gets: "licenserna" finds the lesson that says
"licens", from the keyboard, with the count announced, offline, from a file, inside an LMS, with no axe violation.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from playwright.sync_api import expect

from scorm_export.build import BuildOptions, build, check
from scorm_export.course.model import ScoMode
from scorm_export.packages import search_index
from scorm_export.packages.pages import lesson_path
from scorm_export.packages.search_index import (
    FIELDS,
    GLOBAL,
    INDEX,
    PIPELINE_FUNCTIONS,
    SWEDISH,
    UNSTEMMED,
    html_text,
    lesson_text,
    lunr_index,
    search_pages,
    term,
    terms,
)
from scorm_export.vendor import refresh_lunr

from .browser import NODE_MODULES, copy_node_module, serve_directory
from .helpers import COURSE_YML, REPO, lesson, minimal_course, write_project
from .page_tour import AXE, RUN_AXE, WCAG_TAGS

HARNESS = Path(__file__).resolve().parent / "harness" / "lms.html"
SCRIPTS = ("lunr.min.js", "lunr.stemmer.support.js", "lunr.sv.js")  # in the order the browser needs them
SEARCH_FILES = ("assets/package-search.js", INDEX, "assets/lunr/lunr.min.js")

# three lessons: only the first has a form of "licens", and not in its title
LICENCES = "testkurs/01-forsta/01-licenser.md"
COURSE = {
    "testkurs/course.yml": COURSE_YML,
    "testkurs/01-forsta/module.yml": "title: Första modulen\n",
    LICENCES: lesson("Välja villkor", "Välj en licens för bilden innan du publicerar den.\n"),
    "testkurs/01-forsta/02-bilder.md": lesson("Bilder", "Om fotografier, skanning och bildernas upplösning.\n"),
    "testkurs/02-andra/module.yml": "title: Andra modulen\n",
    "testkurs/02-andra/01-avtal.md": lesson("Avtal", "Skriv ett avtal med fotografen och spara det.\n"),
}
# words whose stems lunr.sv.js and Snowball 3 disagree on ("-et"), inflections, compounds, and punctuation to trim
SWEDISH_WORDS = [
    "licens",
    "licensen",
    "licenser",
    "licenserna",
    "licensernas",
    "licensierad",
    "licensvillkoren",
    "biblioteket",
    "bibliotekets",
    "arkivet",
    "upphovsrätten",
    "upphovsrättslagen",
    "fotografier",
    "fotografen",
    "fotograferna",
    "källangivelse",
    "källangivelserna",
    "museernas",
    "verkshöjd",
    "rättigheter",
    "rättighetshavare",
    "öppna",
    "öppnar",
    "öppnade",
    "samlingarna",
    "tillgänglighet",
    "tillgängliga",
    "(licensen),",
    "”citat”",
    "1960:729",
    "–",
    "–vad",
    "och",
    "på",
    "är",
    "över",
    "CC0",
    "DigComp",
    "2.2",
    "ä",
    "ÅÄÖ",
]


def built(root: Path, files: dict[str, str], sco_mode: ScoMode | None = None, formats=("scorm12", "scorm2004")) -> dict[str, Path]:
    project = write_project(root, files)
    report = build(project, BuildOptions(formats=formats, site=False, sco_mode=sco_mode))
    assert report.written, [str(problem) for problem in report.problems.items]
    return {package.format.key: project.site / "downloads" / package.file_name for package in report.packages}


def names(package: Path) -> set[str]:
    with zipfile.ZipFile(package) as archive:
        return set(archive.namelist())


def read(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


def index_data(script: bytes) -> dict:
    text = script.decode("utf-8")
    prefix = f"window.{GLOBAL}="
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def normal(data) -> object:
    """JSON as both sides would read it: dict order and tuples gone."""
    return json.loads(json.dumps(data))


# --- the text and the index ----------------------------------------------------------------------


def test_lesson_text_keeps_blocks_apart_joins_inline_markup_and_leaves_out_footnote_markers():
    text = html_text(
        '<h2 id="a">Rubrik</h2><p>Brukskonst<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> och '
        "<em>verk</em>s&#8203;höjd.</p><ul><li>Ett</li><li>Två</li></ul><!-- dold -->"
        '<div class="footnote"><ol><li id="fn:1"><p>Lagen&#160;<a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>'
    )
    assert text == "Rubrik Brukskonst och verks\u200bhöjd. Ett Två Lagen"


def test_a_lessons_text_has_its_question_prompts_but_never_the_answers(load):
    question = """
```fråga
Vilken licens kräver **inte** att du anger källa?

- ( ) CC BY 4.0
  > Nej: BY betyder att källan ska anges.
- (x) CC0 1.0

Förklaring: Alla utom CC0 kräver erkännande.
```
"""
    result = load(minimal_course(**{"testkurs/01-forsta/01-intro.md": lesson("Intro", question)}))
    intro = result.catalogue.courses[0].lessons[0]
    text = lesson_text(intro)
    assert "Text om Intro." in text and "Vilken licens kräver inte att du anger källa?" in text
    assert not [fragment for fragment in ("CC BY 4.0", "CC0 1.0", "betyder", "Förklaring", "erkännande") if fragment in text]


def test_a_swedish_word_is_trimmed_stemmed_and_a_stop_word_left_out():
    assert terms("Licenserna, och (licensen)!", SWEDISH.index) == [term("licenserna", SWEDISH.index), term("licensen", SWEDISH.index)]
    assert term("licenserna", SWEDISH.index) == term("licenser", SWEDISH.index) != "licenserna"
    assert term("och", SWEDISH.index) is None
    assert term("(licensen),", UNSTEMMED.index) == "licensen"  # other languages: trimmed only
    assert search_index.language("sv").index == SWEDISH.index and search_index.language("fi") == UNSTEMMED


def lunr_py(label: str):
    """One of our pipeline functions as lunr.py calls them (token, index, tokens)."""
    function = PIPELINE_FUNCTIONS[label]

    def run(token, i=None, tokens=None):
        kept = function(str(token))
        return None if kept is None else token.update(lambda word, metadata: kept)

    run.label = label
    return run


def test_the_index_is_what_lunr_py_builds_from_the_same_lessons(load):
    course = load(COURSE).catalogue.courses[0]
    pages = search_pages(course, {lesson.key: lesson_path(lesson) for lesson in course.lessons}, "Modul")
    builder = Builder()
    builder.pipeline.add(*(lunr_py(label) for label in SWEDISH.index))
    builder.search_pipeline.add(*(lunr_py(label) for label in SWEDISH.search))
    builder.ref("ref")
    for field, boost in FIELDS.items():
        builder.field(field, boost=boost)
    for number, page in enumerate(pages):
        builder.add({"ref": str(number), "title": page.title, "text": page.text})
    documents = [{"title": terms(page.title, SWEDISH.index), "text": terms(page.text, SWEDISH.index)} for page in pages]
    assert normal(lunr_index(documents, SWEDISH.search)) == normal(builder.build().serialize())


def test_the_index_holds_each_lesson_with_its_page_module_and_text(tmp_path):
    package = built(tmp_path / "p", COURSE, formats=("scorm12",))["scorm12"]
    data = index_data(read(package, INDEX))
    assert [(page["title"], page["href"], page["module"]) for page in data["pages"]] == [
        ("Välja villkor", "lessons/forsta/licenser.html", "Modul 1: Första modulen"),
        ("Bilder", "lessons/forsta/bilder.html", "Modul 1: Första modulen"),
        ("Avtal", "lessons/andra/avtal.html", "Modul 2: Andra modulen"),
    ]
    assert data["pages"][0]["text"].startswith("Text om Välja villkor. Välj en licens för bilden")
    assert data["pipeline"] == list(SWEDISH.index) and data["index"]["pipeline"] == list(SWEDISH.search)
    # lunr.py loads it as lunr.js does, by the pipeline's labels, and finds the lesson by a word of its text
    for label in SWEDISH.search:
        if label not in Pipeline.registered_functions:
            Pipeline.register_function(lunr_py(label), label)
    assert [match["ref"] for match in Index.load(data["index"]).search("publicerar")] == ["0"]


def test_terms_are_in_javascripts_string_order_which_lunr_js_requires():
    # U+1F600 is two UTF-16 code units starting at U+D83D, which sorts before U+FF46 in JavaScript, after it in Python
    documents = [{"title": ["\uff46x"], "text": ["\U0001f600x", "b", "a"]}]
    order = [word for word, _ in lunr_index(documents, SWEDISH.search)["invertedIndex"]]
    assert order == ["a", "b", "\U0001f600x", "\uff46x"]


def test_the_index_script_is_inert_markup_and_the_same_every_time(tmp_path):
    files = {**COURSE, LICENCES: lesson("Licenser", "Skriv `</script><img src=x onerror=alert(1)>` i en kodrad.\n")}
    first = read(built(tmp_path / "a", files, formats=("scorm12",))["scorm12"], INDEX)
    again = read(built(tmp_path / "b", files, formats=("scorm12",))["scorm12"], INDEX)
    assert first == again
    assert b"<" not in first
    assert "</script><img src=x onerror=alert(1)>" in index_data(first)["pages"][0]["text"]


# --- the packages --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> dict[str, Path]:
    return built(tmp_path_factory.mktemp("single"), COURSE)


def test_only_the_single_sco_shell_has_the_search(single, tmp_path):
    others = {
        **built(tmp_path / "per-lesson", COURSE, ScoMode.PER_LESSON),
        **built(tmp_path / "cartridges", COURSE, formats=("cc11", "cc13")),
    }
    for package in single.values():
        assert set(SEARCH_FILES) <= names(package)
        assert b'role="search"' in read(package, "index.html")
    for key, package in others.items():
        assert not [name for name in names(package) if "search" in name or "lunr" in name], key
        assert not [name for name in names(package) if name.endswith(".html") and b'role="search"' in read(package, name)], key


def test_every_library_the_shell_loads_comes_with_its_licence_and_is_in_the_manifest(single):
    for package in single.values():
        config = json.loads(
            re.search(rb'<script type="application/json" id="course-config">(.*?)</script>', read(package, "index.html"))[1]
        )
        scripts = config["search"]["scripts"]
        assert scripts[-1] == INDEX and [script.rsplit("/", 1)[1] for script in scripts[:-1]] == list(SCRIPTS)
        manifest = read(package, "imsmanifest.xml").decode()
        licences = {name for name in names(package) if name.startswith("assets/lunr/license-")}
        assert licences == {"assets/lunr/license-lunr.txt", "assets/lunr/license-lunr-languages.txt"}
        assert b"Oliver Nightingale" in read(package, "assets/lunr/license-lunr.txt")
        assert b"MOZILLA PUBLIC LICENSE" in read(package, "assets/lunr/license-lunr-languages.txt")
        for name in [*scripts, *licences, "assets/package-search.js"]:
            assert name in names(package) and f'href="{name}"' in manifest, name


def test_the_vendored_libraries_are_the_npm_versions_pinned_for_the_tests():
    pins = json.loads((REPO / "tests" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert refresh_lunr.bundled_versions() == {name: pins[name] for name in refresh_lunr.FILES}
    if not NODE_MODULES.is_dir():
        pytest.skip("tests/node_modules is missing: run `npm ci --prefix tests`")
    assert refresh_lunr.installed_versions(NODE_MODULES) == refresh_lunr.bundled_versions()
    for package, files in refresh_lunr.FILES.items():
        for relative, name in files.items():
            assert (refresh_lunr.BUNDLED / name).read_bytes() == (NODE_MODULES / package / relative).read_bytes(), name


def test_refresh_copies_the_files_and_records_the_versions(tmp_path):
    if not NODE_MODULES.is_dir():
        pytest.skip("tests/node_modules is missing: run `npm ci --prefix tests`")
    written = refresh_lunr.refresh(NODE_MODULES, tmp_path)
    assert sorted(path.name for path in written) == sorted(
        [*(n for files in refresh_lunr.FILES.values() for n in files.values()), "VERSIONS"]
    )
    assert refresh_lunr.bundled_versions(tmp_path) == refresh_lunr.installed_versions(NODE_MODULES)


# --- in the browser ------------------------------------------------------------------------------


def with_lunr(page) -> None:
    """A blank page with the vendored lunr and lunr-languages, as the shell loads them."""
    page.set_content("<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>lunr</title></head><body></body></html>")
    for name in SCRIPTS:
        page.add_script_tag(content=(refresh_lunr.BUNDLED / name).read_text(encoding="utf-8"))


@pytest.mark.browser
def test_the_python_pipeline_and_lunr_sv_agree_on_swedish_words(sample, page):
    catalogue = check(sample.project).catalogue
    words = sorted(
        {
            *SWEDISH_WORDS,
            *(word for course in catalogue.courses for lesson in course.lessons for word in lesson_text(lesson).lower().split()),
        }
    )
    assert len(words) > 1000
    with_lunr(page)
    in_browser = page.evaluate(
        """([words, labels]) => {
          const pipeline = lunr.Pipeline.load(labels);
          return words.map((word) => { const [kept] = pipeline.run([new lunr.Token(word)]); return kept === undefined ? null : String(kept); });
        }""",
        [words, list(SWEDISH.index)],
    )
    differ = [
        (word, mine, theirs)
        for word, mine, theirs in zip(words, (term(word, SWEDISH.index) for word in words), in_browser, strict=True)
        if mine != theirs
    ]
    assert not differ, f"{len(differ)} of {len(words)} words differ (word, Python, lunr.sv):\n" + "\n".join(map(str, differ[:40]))


@pytest.mark.browser
def test_lunr_js_builds_the_same_index_from_the_same_lessons(sample, page):
    catalogue = check(sample.project).catalogue
    pages = [
        page
        for course in catalogue.courses
        for page in search_pages(course, {lesson.key: lesson_path(lesson) for lesson in course.lessons}, "Modul")
    ]
    raw = [{"title": found.title, "text": found.text} for found in pages] + [{"title": "\uff46x", "text": "\U0001f600x och ett ord"}]
    with_lunr(page)
    theirs = page.evaluate(
        """([documents, fields]) => JSON.parse(JSON.stringify(lunr(function () {
          this.use(lunr.sv);
          this.ref("ref");
          for (const [name, boost] of fields) this.field(name, { boost });
          documents.forEach((document, n) => this.add({ ref: String(n), ...document }));
        })))""",
        [raw, list(FIELDS.items())],
    )
    documents = [{field: terms(document[field], SWEDISH.index) for field in FIELDS} for document in raw]
    mine = normal(lunr_index(documents, SWEDISH.search))
    assert {key: value for key, value in mine.items() if key != "fieldVectors"} == {
        key: value for key, value in theirs.items() if key != "fieldVectors"
    }
    assert vectors(mine).keys() == vectors(theirs).keys()
    for ref, elements in vectors(mine).items():
        other = vectors(theirs)[ref]
        assert elements[0::2] == other[0::2], ref
        assert all(abs(a - b) <= 0.0011 for a, b in zip(elements[1::2], other[1::2], strict=True)), ref  # each side rounds to 3 decimals
    page.evaluate("(index) => lunr.Index.load(index)", mine)  # the terms are in the order lunr.js requires


def vectors(index: dict) -> dict[str, list[float]]:
    return dict(index["fieldVectors"])


def unpacked(package: Path, folder: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    return folder


class Shell:
    """The search as the learner uses it: the field, the announcement, the results and the lesson frame."""

    def __init__(self, root) -> None:
        self.root = root  # a Page, or a FrameLocator inside the test LMS
        self.field = root.locator("#search-query")
        self.status = root.locator("#search-status")
        self.results = root.locator("#search-results")

    def search(self, query: str) -> None:
        self.field.fill("")
        self.field.press_sequentially(query)
        self.field.press("Enter")

    def titles(self) -> list[str]:
        return self.results.locator("li > a").all_text_contents()

    def expect_lesson(self, key: str) -> None:
        expect(self.root.frame_locator("#lesson-frame").locator("body")).to_have_attribute("data-lesson", key)


@pytest.mark.browser
def test_licenserna_finds_licens_from_the_keyboard_and_the_count_is_announced(single, tmp_path, page):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve_directory(unpacked(single["scorm2004"], tmp_path / "pkg")) as base:
        page.goto(base + "index.html")
        shell = Shell(page)
        expect(page.locator("form.search")).to_be_visible()
        assert not [url for url in requests if "lunr" in url or "search-index" in url]  # nothing loads before the field is reached
        shell.field.focus()
        page.keyboard.type("licenserna")
        expect(shell.status).to_have_text("1 träff för ”licenserna”")
        assert shell.titles() == ["Välja villkor"]
        expect(shell.results.locator("mark")).to_have_text("licens")
        page.keyboard.press("ArrowDown")
        expect(shell.results.locator("a").first).to_be_focused()
        page.keyboard.press("Enter")
        shell.expect_lesson("forsta/licenser")
        page.keyboard.press("Escape")
        expect(shell.field).to_be_focused()
        page.keyboard.press("Escape")
        expect(shell.field).to_have_value("")
        expect(shell.status).to_have_text("")
        expect(shell.results).to_be_hidden()
        shell.search("fotografen")  # "fotografier" begins with its stem too
        expect(shell.status).to_have_text("2 träffar för ”fotografen”")
        assert sorted(shell.titles()) == ["Avtal", "Bilder"]
        shell.search("xyzzy och")
        expect(shell.status).to_have_text("Inga träffar för ”xyzzy och”")
        expect(shell.results).to_be_hidden()
        assert all(url.startswith(base) for url in requests), [url for url in requests if not url.startswith(base)]
        assert {"assets/lunr/lunr.sv.js", INDEX} <= {url[len(base) :] for url in requests}
    assert errors == []


@pytest.mark.browser
def test_search_works_in_a_package_opened_from_the_file_system(single, tmp_path, page):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    page.goto((unpacked(single["scorm12"], tmp_path / "pkg") / "index.html").as_uri())
    shell = Shell(page)
    shell.search("licenserna")
    expect(shell.status).to_have_text("1 träff för ”licenserna”")
    shell.results.locator("a").first.click()
    shell.expect_lesson("forsta/licenser")
    assert errors == []


@pytest.mark.browser
def test_a_lesson_opened_from_the_search_inside_an_lms_is_tracked(single, tmp_path, page):
    root = tmp_path / "lms"
    unpacked(single["scorm2004"], root / "pkg")
    shutil.copy(HARNESS, root / "lms.html")
    copy_node_module("scorm-again/dist/scorm-again.js", root / "scorm-again.js")
    with serve_directory(root) as base:
        page.goto(f"{base}lms.html?standard=scorm2004&sco=pkg/index.html")
        shell = Shell(page.frame_locator("#sco"))
        shell.search("avtalet")
        expect(shell.status).to_have_text("1 träff för ”avtalet”")
        shell.results.locator("a").first.click()
        shell.expect_lesson("andra/avtal")
        page.wait_for_function(
            """() => window.calls.some((call) => call.fn === "SetValue" && call.args[0] === "cmi.location" && call.args[1] === "andra/avtal")"""
        )


TITLE = 'Licenser <img src=x onerror="document.title=1">'


@pytest.mark.browser
def test_course_text_in_results_is_text_never_markup(tmp_path, page):
    text = 'En licens: `<b id="injected">fet</b>`.'
    files = {**COURSE, LICENCES: f"---\ntitle: '{TITLE}'\nduration: 5 min\n---\n\n{text}\n"}
    package = built(tmp_path / "p", files, formats=("scorm12",))["scorm12"]
    with serve_directory(unpacked(package, tmp_path / "pkg")) as base:
        page.goto(base + "index.html")
        shell = Shell(page)
        shell.search("licens")
        expect(shell.status).to_have_text("1 träff för ”licens”")
        assert shell.titles() == [TITLE]
        expect(shell.results.locator(".search__snippet")).to_contain_text('<b id="injected">fet</b>')
        assert page.locator("#search-results img, #injected").count() == 0
        assert page.title() != "1"


@pytest.mark.browser
def test_the_shell_with_results_and_with_none_has_no_axe_violation(single, tmp_path, page):
    with serve_directory(unpacked(single["scorm12"], tmp_path / "pkg")) as base:
        page.goto(base + "index.html")
        shell = Shell(page)
        page.add_script_tag(path=str(AXE))
        for query, announced in (("licenserna", "1 träff"), ("bild", "träffar"), ("xyzzy", "Inga träffar")):
            shell.search(query)
            expect(shell.status).to_contain_text(announced)
            violations = page.evaluate(RUN_AXE, WCAG_TAGS)
            assert violations == [], (query, violations)

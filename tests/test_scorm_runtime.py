"""The learner-side runtime (scorm-runtime.js) in headless Chromium, against a real SCORM runtime.

Packages are built from tiny course trees, unzipped and served next to tests/harness/lms.html, which
puts scorm-again in place as the LMS API, logs every call the content makes in `window.calls` and
launches the SCO in an iframe. Ending a session = the harness navigating that iframe away, which is
what fires the SCO's pagehide.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import etree
from playwright.sync_api import expect

from scorm_export.build import BuildOptions, build
from scorm_export.course.model import ScoMode

from .browser import copy_node_module, serve_directory
from .helpers import COURSE_YML, lesson, minimal_course, write_project

pytestmark = pytest.mark.browser

HARNESS = Path(__file__).resolve().parent / "harness" / "lms.html"
COURSE_KEY = "scorm-export:testkurs:1.0.0"
LESSONS = ["forsta/intro", "forsta/mer", "andra/ovning", "andra/slut"]
STANDARDS = ("scorm12", "scorm2004")
# Moodle 4.5 serves its pages with this header: unload handlers never run there.
NO_UNLOAD = {"Permissions-Policy": "unload=()"}


@dataclass(frozen=True)
class Standard:
    """What the tests look for in one SCORM version's calls."""

    initialize: str
    terminate: str
    set_value: str
    commit: str
    status: str
    location: str
    entry: str
    exit: str
    session_time: str
    normal_exit: str
    session_time_format: str

    def resume_data(self, suspend_data: str, location: str) -> dict[str, str]:
        return {"cmi.suspend_data": suspend_data, self.location: location, self.entry: "resume", self.status: "incomplete"}


SCORM = {
    "scorm12": Standard(
        "LMSInitialize",
        "LMSFinish",
        "LMSSetValue",
        "LMSCommit",
        "cmi.core.lesson_status",
        "cmi.core.lesson_location",
        "cmi.core.entry",
        "cmi.core.exit",
        "cmi.core.session_time",
        "",
        r"^\d{4}:[0-5]\d:[0-5]\d\.\d\d$",
    ),
    "scorm2004": Standard(
        "Initialize",
        "Terminate",
        "SetValue",
        "Commit",
        "cmi.completion_status",
        "cmi.location",
        "cmi.entry",
        "cmi.exit",
        "cmi.session_time",
        "normal",
        r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$",
    ),
}


def four_lesson_course() -> dict[str, str]:
    return minimal_course(
        **{
            "testkurs/02-andra/module.yml": "title: Andra modulen\n",
            "testkurs/02-andra/01-ovning.md": lesson("Övning"),
            "testkurs/02-andra/02-slut.md": lesson("Slut"),
        }
    )


def build_packages(root: Path, files: dict[str, str], sco_mode: ScoMode | None = None) -> dict[str, Path]:
    project = write_project(root, files)
    report = build(project, BuildOptions(formats=STANDARDS, site=False, sco_mode=sco_mode))
    assert report.written, [str(problem) for problem in report.problems.items]
    return {package.format.key: project.site / "downloads" / package.file_name for package in report.packages}


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> dict[str, Path]:
    return build_packages(tmp_path_factory.mktemp("single"), four_lesson_course())


@pytest.fixture(scope="module")
def per_lesson(tmp_path_factory) -> dict[str, Path]:
    return build_packages(tmp_path_factory.mktemp("per-lesson"), four_lesson_course(), ScoMode.PER_LESSON)


@contextmanager
def served(package: Path, root: Path, headers: dict[str, str] | None = None):
    """The package unzipped under pkg/, next to the harness and scorm-again; yields the base URL."""
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "pkg")
    shutil.copy(HARNESS, root / "lms.html")
    copy_node_module("scorm-again/dist/scorm-again.js", root / "scorm-again.js")
    with serve_directory(root, headers) as base:
        yield base


class Problems:
    """Console errors and uncaught exceptions of a page and all its frames."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _console(self, message) -> None:
        if message.location.get("url", "").endswith("/favicon.ico"):
            return  # the browser's own request at the server root, not the package's
        if message.type == "error":
            self.errors.append(message.text)
        elif message.type == "warning":
            self.warnings.append(message.text)


class ShellView:
    """The single-SCO shell as the learner sees it: menu, progress and the lesson frame."""

    def __init__(self, shell) -> None:
        self.shell = shell  # a Page, or a FrameLocator when the shell runs inside the harness
        self.lesson = shell.frame_locator("#lesson-frame")

    def expect_progress(self, seen: int, total: int = len(LESSONS)) -> None:
        expect(self.shell.locator("#progress-text")).to_contain_text(f"{seen} av {total} lektioner lästa")
        expect(self.shell.locator("#course-progress")).to_have_attribute("value", str(seen))

    def expect_lesson(self, key: str) -> None:
        expect(self.lesson.locator("body")).to_have_attribute("data-lesson", key)

    def expect_start_page(self) -> None:
        expect(self.lesson.locator("h1")).to_have_text("Om kursen: Testkurs")
        expect(self.lesson.locator("body")).not_to_have_attribute("data-lesson", re.compile(".*"))

    def begin(self) -> None:
        """A new learner: the course opens at its start page, which counts as no lesson; Next leads to the first."""
        self.expect_start_page()
        self.expect_progress(0)
        self.next()
        self.expect_lesson(LESSONS[0])

    def expect_current(self, key: str) -> None:
        expect(self.shell.locator(f'.shell__menu a[data-lesson="{key}"]')).to_have_attribute("aria-current", "page")
        assert self.shell.locator(".shell__menu a[aria-current]").count() == 1

    def seen_marks(self) -> list[str]:
        return self.shell.locator(".shell__menu a[data-lesson]").evaluate_all(
            "(links) => links.filter((a) => !a.querySelector('.menu__seen').hidden).map((a) => a.dataset.lesson)"
        )

    def next(self) -> None:
        self.lesson.locator(".pager a[rel=next]").click()

    def menu(self, key: str) -> None:
        self.shell.locator(f'.shell__menu a[data-lesson="{key}"]').click()


class HarnessSession(ShellView):
    """One launch of a SCO in the harness LMS."""

    def __init__(
        self,
        page,
        base: str,
        standard: str,
        sco: str = "pkg/index.html",
        cmi: dict | None = None,
        faulty: str | None = None,
        targets: dict[str, str] | None = None,
        reject: str | None = None,
    ) -> None:
        self.page = page
        self.standard = SCORM[standard]
        query = f"standard={standard}&sco={quote(sco)}"
        if cmi:
            query += "&cmi=" + quote(json.dumps(cmi))
        if faulty:
            query += f"&faulty={faulty}"
        if targets:
            query += "&targets=" + quote(json.dumps(targets))
        if reject:
            query += f"&reject={reject}"
        page.goto(f"{base}lms.html?{query}")
        super().__init__(page.frame_locator("#sco"))

    def calls(self) -> list[dict]:
        return self.page.evaluate("window.calls")

    def named(self, fn: str) -> list[dict]:
        return [call for call in self.calls() if call["fn"] == fn]

    def values(self, element: str) -> list[str]:
        """Every value the content set on `element`, in order."""
        return [call["args"][1] for call in self.named(self.standard.set_value) if call["args"][0] == element]

    def cmi(self, element: str) -> str:
        """What scorm-again holds, as the LMS would store it."""
        return self.page.evaluate("(path) => String(path.split('.').reduce((o, k) => o[k], window.lms))", element)

    def wait_for_call(self, fn: str) -> None:
        self.page.wait_for_function("(fn) => window.calls.some((call) => call.fn === fn)", arg=fn)

    def leave(self) -> None:
        """The LMS navigates the SCO's frame away; returns once the blank page has replaced the SCO,
        which the browser does only after the SCO's pagehide handlers have run."""
        self.page.evaluate("unlaunch()")
        self.page.wait_for_function("() => document.getElementById('sco').contentDocument?.URL === 'about:blank'")

    def end(self) -> None:
        """The LMS navigates the SCO's frame away (pagehide); waits for the SCO to terminate."""
        self.leave()
        self.wait_for_call(self.standard.terminate)


# -- 1. a whole course in one session


@pytest.mark.parametrize("headers", [None, NO_UNLOAD], ids=["plain", "unload-disallowed"])
@pytest.mark.parametrize("standard", STANDARDS)
def test_reading_every_lesson_reports_completion_bookmark_and_terminates_once(
    standard,
    headers,
    single,
    tmp_path,
    page,
):
    scorm = SCORM[standard]
    with served(single[standard], tmp_path, headers) as base:
        session = HarnessSession(page, base, standard)
        session.begin()
        session.expect_progress(1)
        assert session.values(scorm.status) == ["incomplete"]
        session.next()
        session.expect_lesson(LESSONS[1])
        session.expect_progress(2)
        session.next()
        session.expect_lesson(LESSONS[2])
        session.expect_progress(3)
        session.menu(LESSONS[3])
        session.expect_lesson(LESSONS[3])
        session.expect_progress(4)

        expect(session.shell.locator("#progress-text")).to_contain_text("Kursen är klar")
        session.expect_current(LESSONS[3])
        assert session.seen_marks() == LESSONS
        assert session.values(scorm.status)[-1] == "completed"
        assert session.values(scorm.location)[-1] == LESSONS[3]
        assert session.values(scorm.exit)[-1] == scorm.normal_exit
        assert "suspend" in session.values(scorm.exit)  # until the course was complete
        if standard == "scorm2004":
            assert session.values("cmi.progress_measure")[-1] == "1"
        assert len(session.named(scorm.commit)) >= len(LESSONS)

        session.end()
        calls = session.calls()
        assert [call["fn"] for call in calls].count(scorm.initialize) == 1
        assert [call["fn"] for call in calls].count(scorm.terminate) == 1
        assert calls[-1]["fn"] == scorm.terminate
        assert all(call["result"] == "true" for call in calls if call["fn"] in (scorm.set_value, scorm.commit, scorm.terminate)), calls
        assert re.match(scorm.session_time_format, session.values(scorm.session_time)[-1])
        # what the LMS has kept after the session
        assert session.cmi(scorm.status) == "completed"
        assert session.cmi(scorm.location) == LESSONS[3]
        assert session.cmi("cmi.suspend_data").startswith("v1;")


# -- 2 and 3. a second session resumes where the first one stopped


@pytest.mark.parametrize("headers", [None, NO_UNLOAD], ids=["plain", "unload-disallowed"])
@pytest.mark.parametrize("standard", STANDARDS)
def test_second_session_resumes_at_the_bookmark_with_progress_kept(standard, headers, single, tmp_path, page):
    scorm = SCORM[standard]
    with served(single[standard], tmp_path, headers) as base:
        first = HarnessSession(page, base, standard)
        first.begin()
        first.expect_progress(1)
        first.menu(LESSONS[2])  # skip the second lesson
        first.expect_lesson(LESSONS[2])
        first.expect_progress(2)
        first.end()
        assert first.cmi(scorm.status) == "incomplete"
        assert first.values(scorm.exit)[-1] == "suspend"
        suspend_data, location = first.cmi("cmi.suspend_data"), first.cmi(scorm.location)
        assert location == LESSONS[2]

        second_page = page.context.new_page()
        second = HarnessSession(second_page, base, standard, cmi=scorm.resume_data(suspend_data, location))
        second.expect_lesson(LESSONS[2])
        second.expect_progress(2)
        assert second.seen_marks() == [LESSONS[0], LESSONS[2]]
        second.expect_current(LESSONS[2])
        assert "completed" not in second.values(scorm.status)
        second.menu(LESSONS[1])
        second.expect_progress(3)
        second.menu(LESSONS[3])
        second.expect_progress(4)
        second.end()
        assert second.cmi(scorm.status) == "completed"
        assert [call["fn"] for call in second.calls()].count(scorm.terminate) == 1


def test_the_start_page_counts_no_lesson_even_when_it_loads_before_the_shell_listens(single, tmp_path, page):
    # every frame notes the messages it receives, so the test sees the start page's announcement reach the shell
    page.add_init_script("window.receivedMessages = []; addEventListener('message', (event) => receivedMessages.push(event.data));")

    def held_shell(route):
        if route.request.frame.name == "lesson-frame":
            route.continue_()
            return
        # the shell's runtime arrives but runs only when the test starts it, however fast or slow the machine
        script = route.fetch().text()
        route.fulfill(body=f"window.startShellRuntime = function () {{\n{script}\n}};", content_type="text/javascript")

    page.route("**/assets/scorm-runtime.js", held_shell)
    with served(single["scorm12"], tmp_path) as base:
        session = HarnessSession(page, base, "scorm12")
        session.expect_start_page()
        shell = page.locator("#sco").element_handle().content_frame()
        shell.wait_for_function(
            "() => receivedMessages.some((message) => message?.type === 'scorm-export:lesson' && message.key === 'about')"
        )
        assert session.calls() == []  # the start page has announced itself, the shell did not listen yet
        shell.wait_for_function("typeof window.startShellRuntime === 'function'")
        shell.evaluate("startShellRuntime()")
        session.expect_progress(0)
        assert session.seen_marks() == []
        session.next()
        session.expect_lesson(LESSONS[0])
        session.expect_progress(1)
        session.expect_current(LESSONS[0])


# -- 4. one SCO per lesson


@pytest.mark.parametrize("headers", [None, NO_UNLOAD], ids=["plain", "unload-disallowed"])
@pytest.mark.parametrize("standard", STANDARDS)
def test_each_lesson_launched_alone_reports_completed_and_terminates_once(standard, headers, per_lesson, tmp_path, page):
    scorm = SCORM[standard]
    with served(per_lesson[standard], tmp_path, headers) as base:
        manifest = (tmp_path / "pkg" / "imsmanifest.xml").read_text(encoding="utf-8")
        launches = re.findall(r'<resource [^>]*href="([^"]+)"[^>]*adlcp:scorm[tT]ype="sco"', manifest)
        assert len(launches) == 2 + len(LESSONS), "the course start page, every lesson, the licences and sources"
        for href in launches:
            session = HarnessSession(page, base, standard, sco=f"pkg/{href}")
            session.wait_for_call(scorm.commit)
            assert session.page.frame_locator("#sco").locator(".pager").count() == 0
            session.end()
            calls = session.calls()
            fns = [call["fn"] for call in calls]
            assert fns.count(scorm.initialize) == 1 and fns.count(scorm.terminate) == 1, fns
            assert calls[-1]["fn"] == scorm.terminate
            assert session.cmi(scorm.status) == "completed"
            assert session.values(scorm.exit)[-1] == scorm.normal_exit
            assert re.match(scorm.session_time_format, session.values(scorm.session_time)[-1])
            assert all(call["result"] == "true" for call in calls if call["fn"] in (scorm.set_value, scorm.commit)), calls


# -- 5. no LMS at all


def test_without_an_lms_progress_is_kept_in_local_storage_without_console_errors(single, tmp_path, page):
    problems = Problems(page)
    with served(single["scorm12"], tmp_path) as base:
        page.goto(f"{base}pkg/index.html")
        shell = ShellView(page)
        shell.begin()
        shell.expect_progress(1)
        shell.next()
        shell.expect_progress(2)
        page.reload()
        shell.expect_lesson(LESSONS[1])
        shell.expect_progress(2)
        saved = json.loads(page.evaluate("(key) => localStorage.getItem(key)", COURSE_KEY))
        assert saved["location"] == LESSONS[1]
        assert saved["state"].startswith("v1;")
    assert problems.errors == []
    assert problems.warnings == []


def test_without_an_lms_a_throwing_local_storage_breaks_nothing(single, tmp_path, page):
    page.add_init_script("""
        Object.defineProperty(window, "localStorage", {get() { throw new DOMException("denied", "SecurityError"); }});
    """)
    problems = Problems(page)
    with served(single["scorm2004"], tmp_path) as base:
        page.goto(f"{base}pkg/index.html")
        shell = ShellView(page)
        shell.begin()
        shell.expect_progress(1)
        shell.next()
        shell.expect_progress(2)
    assert problems.errors == []


def test_offline_course_opened_from_file_tracks_progress(single, tmp_path, page):
    problems = Problems(page)
    with zipfile.ZipFile(single["scorm12"]) as archive:
        archive.extractall(tmp_path / "pkg")
    page.goto((tmp_path / "pkg" / "index.html").as_uri())
    shell = ShellView(page)
    shell.begin()
    shell.expect_progress(1)
    shell.next()
    shell.expect_lesson(LESSONS[1])
    shell.menu(LESSONS[3])
    shell.expect_lesson(LESSONS[3])
    shell.expect_progress(3)
    shell.expect_current(LESSONS[3])
    page.reload()
    shell.expect_lesson(LESSONS[3])
    shell.expect_progress(3)
    assert problems.errors == []


def test_lesson_pages_opened_on_their_own_work_without_errors(single, per_lesson, tmp_path, page):
    problems = Problems(page)
    for name, package in (("shell-lesson", single["scorm2004"]), ("sco-lesson", per_lesson["scorm12"])):
        with served(package, tmp_path / name) as base:
            page.goto(f"{base}pkg/lessons/forsta/intro.html")
            if name == "shell-lesson":
                page.locator(".pager a[rel=next]").click()
                expect(page.locator("body")).to_have_attribute("data-lesson", LESSONS[1])
            # the pager's navigation may still be running the page's scripts: wait for the runtime, then ask it
            page.wait_for_function("window.ScormExportRuntime !== undefined")
            assert page.evaluate("typeof window.ScormExportRuntime.encodeState") == "function"
            page.goto("about:blank")  # pagehide with nothing to terminate
    assert problems.errors == []
    assert problems.warnings == []


def test_links_to_other_sites_open_outside_the_lms_frame(single, tmp_path, page):
    with served(single["scorm12"], tmp_path) as base:
        page.goto(f"{base}pkg/lessons/forsta/intro.html")
        licence = page.locator("footer a[rel~=license]")
        expect(licence).to_have_attribute("target", "_blank")
        assert "noopener" in licence.get_attribute("rel")
        assert page.locator(".pager a[rel=next]").get_attribute("target") is None


@pytest.mark.parametrize("faulty", ["throw", "false"])
def test_an_lms_that_throws_or_refuses_never_breaks_the_course(faulty, single, tmp_path, page):
    problems = Problems(page)
    with served(single["scorm12"], tmp_path) as base:
        session = HarnessSession(page, base, "scorm12", faulty=faulty)
        session.begin()
        session.expect_progress(1)
        session.next()
        session.expect_progress(2)
        session.leave()
    assert problems.errors == []
    assert any(warning.startswith("scorm-export:") for warning in problems.warnings), problems.warnings


# -- 6. suspend_data stays small


def test_state_of_a_300_lesson_course_fits_scorm12_suspend_data(single, tmp_path, page):
    with served(single["scorm12"], tmp_path) as base:
        page.goto(f"{base}pkg/lessons/forsta/intro.html")
        result = page.evaluate("""() => {
            const R = window.ScormExportRuntime;
            const seen = Array.from({length: 300}, () => true);
            const keys = Array.from({length: 300}, (_, i) => "modul-" + Math.floor(i / 30) + "/lektion-" + i);
            const text = R.encodeState({seen, sections: {k: R.fingerprint(keys), q: "quiz/a:0.75,quiz/b:1"}});
            const decoded = R.decodeState(text, 300);
            const some = R.decodeState(R.encodeState({seen: seen.map((_, i) => i % 7 === 0), sections: {}}), 300);
            return {text, all: decoded.seen.every(Boolean), count: decoded.seen.length, sections: decoded.sections,
                    again: R.encodeState(decoded), some: some.seen.map((s, i) => s === (i % 7 === 0)).every(Boolean)};
        }""")
    assert len(result["text"]) <= 4096
    assert len(result["text"]) < 100  # 50 characters of bits for 300 lessons, plus version and fingerprint
    assert result["all"] and result["count"] == 300 and result["some"]
    assert result["sections"]["q"] == "quiz/a:0.75,quiz/b:1"  # a later quiz section survives a round trip
    assert result["again"] == result["text"]


def test_state_decoding_ignores_garbage_and_other_versions(single, tmp_path, page):
    with served(single["scorm12"], tmp_path) as base:
        page.goto(f"{base}pkg/lessons/forsta/intro.html")
        decoded = page.evaluate("""() => ["", "false", "v2;___", "v1;!!", null, "v1;B;k=abcd"].map(
            (text) => window.ScormExportRuntime.decodeState(text, 3))""")
    assert [state["seen"] for state in decoded[:5]] == [[False] * 3] * 5
    assert decoded[5] == {"seen": [True, False, False], "sections": {"k": "abcd"}}


def test_session_times_use_each_standards_format(single, tmp_path, page):
    with served(single["scorm12"], tmp_path) as base:
        page.goto(f"{base}pkg/lessons/forsta/intro.html")
        times = page.evaluate("""() => [0, 3500, 3723500, 36000000 * 3].map((ms) => [
            window.ScormExportRuntime.timespan12(ms), window.ScormExportRuntime.duration2004(ms)])""")
    assert times == [
        ["0000:00:00.00", "PT0S"],
        ["0000:00:03.50", "PT3.5S"],
        ["0001:02:03.50", "PT1H2M3.5S"],
        ["0030:00:00.00", "PT30H"],
    ]


def test_a_300_lesson_course_read_to_the_end_writes_compact_suspend_data(tmp_path, page):
    files = {
        "testkurs/course.yml": minimal_course()["testkurs/course.yml"],
        **{f"testkurs/{m:02d}-modul-{m}/module.yml": f"title: Modul {m}\n" for m in range(1, 11)},
        **{
            f"testkurs/{m:02d}-modul-{m}/{n:02d}-lektion-{m}-{n}.md": lesson(f"Lektion {m}.{n}") for m in range(1, 11) for n in range(1, 31)
        },
    }
    package = build_packages(tmp_path / "project", files)["scorm12"]
    with served(package, tmp_path / "served") as base:
        session = HarnessSession(page, base, "scorm12")
        session.expect_progress(0, 300)
        # reading 300 lessons by clicking would take minutes; the same handler the lesson messages call
        session.page.frame_locator("#sco").locator("body").evaluate("""() => {
            const config = JSON.parse(document.getElementById("course-config").textContent);
            for (const lesson of config.lessons) window.ScormExportRuntime.lessonShown(lesson.key);
        }""")
        session.expect_progress(300, 300)
        session.end()
        suspend_data = session.cmi("cmi.suspend_data")
        assert session.cmi("cmi.core.lesson_status") == "completed"
    assert len(suspend_data) <= 4096
    assert re.fullmatch(r"v1;_{50};k=[A-Za-z0-9_-]{4}", suspend_data), suspend_data


# -- one SCO per lesson: links between lessons go through the LMS


def linked_course() -> dict[str, str]:
    return {
        **four_lesson_course(),
        "testkurs/01-forsta/01-intro.md": lesson(
            "Intro", "Läs [nästa lektion](02-mer.md) och [övningen](../02-andra/01-ovning.md#uppgift).\n"
        ),
        "testkurs/02-andra/01-ovning.md": lesson("Övning", "\n## Uppgift\n\nGör så här.\n"),
    }


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> dict[str, Path]:
    return build_packages(tmp_path_factory.mktemp("linked"), linked_course(), ScoMode.PER_LESSON)


def item_launches(folder: Path) -> dict[str, str]:
    """Item identifier -> the file it launches, from the package's manifest."""
    manifest = etree.parse(str(folder / "imsmanifest.xml"))
    hrefs = {resource.get("identifier"): resource.get("href") for resource in manifest.iter("{*}resource")}
    return {item.get("identifier"): hrefs[item.get("identifierref")] for item in manifest.iter("{*}item") if item.get("identifierref")}


INTRO = "pkg/lessons/forsta/intro.html"


def test_scorm2004_a_link_to_another_lesson_asks_the_lms_to_open_it_and_that_sco_is_recorded(linked, tmp_path, page):
    problems = Problems(page)
    with served(linked["scorm2004"], tmp_path) as base:
        targets = {item: f"pkg/{href}" for item, href in item_launches(tmp_path / "pkg").items()}
        session = HarnessSession(page, base, "scorm2004", sco=INTRO, targets=targets)
        session.wait_for_call("Commit")
        frame = page.frame_locator("#sco")
        assert frame.locator('a[href$=".html"], a[href*=".html#"]').count() == 0, "nothing may load another SCO in this one"
        link = frame.locator("a.lesson-ref", has_text="nästa lektion")
        expect(link).to_have_attribute("data-sco-target", "ITEM-testkurs_forsta_mer")
        expect(frame.locator(".lesson-ref__where")).to_have_count(0)  # a link needs no pointer to the menu
        link.click()
        page.wait_for_function("() => window.calls.filter((call) => call.fn === 'Initialize').length === 2")
        expect(frame.locator("body")).to_have_attribute("data-lesson", "forsta/mer")
        page.wait_for_function("() => window.calls.filter((call) => call.fn === 'Commit').length >= 3")
        calls = session.calls()
        flow = [
            (call["fn"], call["args"][:2], call["result"]) for call in calls if call["fn"] in ("Initialize", "Terminate", "SequenceChoice")
        ]
        # scorm-again runs the choice while it terminates, so the harness logs it before Terminate returns
        assert flow == [
            ("Initialize", [""], "true"),
            ("SequenceChoice", ["ITEM-testkurs_forsta_mer"], ""),
            ("Terminate", [""], "true"),
            ("Initialize", [""], "true"),
        ], flow
        request = [call for call in calls if call["fn"] == "SetValue" and call["args"][0] == "adl.nav.request"]
        assert [(call["args"][1], call["result"]) for call in request] == [("{target=ITEM-testkurs_forsta_mer}choice", "true")]
        assert session.cmi("cmi.completion_status") == "completed", "the chosen lesson records its own attempt"
    assert problems.errors == []


@pytest.mark.parametrize("standard", STANDARDS, ids=["scorm12", "scorm2004-not-offered"])
def test_where_the_lms_cannot_open_a_lesson_the_link_names_it_for_the_lms_menu(standard, linked, tmp_path, page):
    """SCORM 1.2 has no navigation requests; a 2004 LMS that does not say "true" (Moodle says "unknown") is not asked."""
    scorm = SCORM[standard]
    with served(linked[standard], tmp_path) as base:
        session = HarnessSession(page, base, standard, sco=INTRO)
        session.wait_for_call(scorm.commit)
        frame = page.frame_locator("#sco")
        reference = frame.locator(".lesson-ref", has_text="nästa lektion")
        expect(reference).to_contain_text("(se lektionen ”Mer” i kursens innehåll)")
        assert frame.locator(".lesson-ref a, a.lesson-ref, a[href$='.html']").count() == 0
        reference.click()
        # let the click's handlers, and any navigation they would start, run before looking
        frame.locator("body").evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")
        expect(frame.locator("body")).to_have_attribute("data-lesson", "forsta/intro")
        fns = [call["fn"] for call in session.calls()]
        assert fns.count(scorm.initialize) == 1 and scorm.terminate not in fns, fns
        session.end()


def test_the_start_page_of_a_per_lesson_package_offers_every_lesson_through_the_lms(linked, tmp_path, page):
    with served(linked["scorm2004"], tmp_path) as base:
        targets = {item: f"pkg/{href}" for item, href in item_launches(tmp_path / "pkg").items()}
        session = HarnessSession(page, base, "scorm2004", sco="pkg/about.html", targets=targets)
        session.wait_for_call("Commit")
        frame = page.frame_locator("#sco")
        expect(frame.locator(".course-contents a.lesson-ref")).to_have_count(len(LESSONS))
        frame.locator(".course-contents a.lesson-ref", has_text="Slut").click()
        expect(frame.locator("body")).to_have_attribute("data-lesson", "andra/slut")
        choices = [call["args"][0] for call in session.calls() if call["fn"] == "SequenceChoice"]
        assert choices == ["ITEM-testkurs_andra_slut"]


# -- tests: graded answers, score and outcome reach the LMS

GRADED_BODY = """
```fråga
Vilken licens kräver inte att du anger källa?

- ( ) CC BY 4.0
- (x) CC0 1.0
- ( ) CC BY-SA 4.0
```

```fråga
Vad står L för i TASL?

Svar: licens | license
```
"""
TEST_LESSON = "prov/slutprov"


def graded_course() -> dict[str, str]:
    return minimal_course(
        **{
            "testkurs/course.yml": COURSE_YML + "assessment:\n  passing_score: 75\n  attempts: 2\n",
            "testkurs/02-prov/module.yml": "title: Prov\n",
            "testkurs/02-prov/01-slutprov.md": lesson("Slutprov", GRADED_BODY).replace(
                "duration: 5 min\n", "duration: 5 min\ntest: true\n"
            ),
        }
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[str, dict[str, Path]]:
    root = tmp_path_factory.mktemp("graded")
    return {
        "single": build_packages(root / "single", graded_course()),
        "per-lesson": build_packages(root / "per-lesson", graded_course(), ScoMode.PER_LESSON),
    }


def take_the_test(frame) -> None:
    """Wrong, then right, on the first question; right at once on the second."""
    first, second = frame.locator("form.question").nth(0), frame.locator("form.question").nth(1)
    first.locator("label", has_text="CC BY 4.0").click()
    first.locator("button.question__check").click()
    expect(first.locator(".question__result")).to_have_text("Inte riktigt.")
    first.locator("label", has_text="CC0 1.0").click()
    first.locator("button.question__check").click()
    expect(first.locator(".question__result")).to_have_text("Rätt!")
    expect(first.locator("input").first).to_be_disabled()
    second.locator("input[type=text]").fill("Licens")
    second.locator("button.question__check").click()
    expect(second.locator(".question__result")).to_have_text("Rätt!")


INTERACTIONS = {
    "scorm12": [
        ("testkurs_prov_slutprov_1", "choice", "b", "a", "wrong"),
        ("testkurs_prov_slutprov_1", "choice", "b", "b", "correct"),
        ("testkurs_prov_slutprov_2", "fill-in", "licens", "Licens", "correct"),
    ],
    "scorm2004": [
        ("testkurs_prov_slutprov_1", "choice", "b", "a", "incorrect"),
        ("testkurs_prov_slutprov_1", "choice", "b", "b", "correct"),
        ("testkurs_prov_slutprov_2", "fill-in", "licens", "Licens", "correct"),
    ],
}


def recorded_interactions(session, standard: str) -> list[tuple[str, ...]]:
    response = "student_response" if standard == "scorm12" else "learner_response"
    return [
        tuple(
            session.values(f"cmi.interactions.{n}.{field}")[-1]
            for field in ("id", "type", "correct_responses.0.pattern", response, "result")
        )
        for n in range(3)
    ]


@pytest.mark.parametrize("mode", ["single", "per-lesson"])
@pytest.mark.parametrize("standard", STANDARDS)
def test_a_test_reports_every_answer_its_score_and_its_outcome(standard, mode, graded, tmp_path, page):
    scorm = SCORM[standard]
    problems = Problems(page)
    with served(graded[mode][standard], tmp_path) as base:
        manifest = (tmp_path / "pkg" / "imsmanifest.xml").read_text(encoding="utf-8")
        if mode == "single":
            session = HarnessSession(page, base, standard)
            session.menu(TEST_LESSON)
            frame = session.lesson
        else:
            session = HarnessSession(page, base, standard, sco="pkg/lessons/prov/slutprov.html")
            frame = page.frame_locator("#sco")
        session.wait_for_call(scorm.commit)
        take_the_test(frame)
        page.wait_for_function(
            "(n) => window.calls.filter((c) => /SetValue$/.test(c.fn) && c.args[0].endsWith('.result')).length >= n", arg=3
        )
        assert recorded_interactions(session, standard) == INTERACTIONS[standard]
        if standard == "scorm12":
            assert "<adlcp:masteryscore>75</adlcp:masteryscore>" in manifest
            assert session.cmi("cmi.core.score.raw") == "100" and session.cmi("cmi.core.lesson_status") == "passed"
        else:
            assert "<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>" in manifest
            assert float(session.cmi("cmi.score.scaled")) == 1.0 and session.cmi("cmi.score.raw") == "100"
            assert session.cmi("cmi.success_status") == "passed"
            # completed: every lesson of the SCO read and its test taken (the single SCO has two unread lessons)
            assert session.cmi("cmi.completion_status") == ("completed" if mode == "per-lesson" else "incomplete")
        session.end()
        calls = session.calls()
        assert [call["fn"] for call in calls].count(scorm.initialize) == 1
        assert all(call["result"] == "true" for call in calls if call["fn"] in (scorm.set_value, scorm.commit)), calls
    assert problems.errors == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_no_score_reaches_the_lms_before_the_test_is_taken(standard, graded, tmp_path, page):
    with served(graded["single"][standard], tmp_path) as base:
        session = HarnessSession(page, base, standard)
        session.menu("forsta/mer")
        session.expect_current("forsta/mer")
        session.menu(TEST_LESSON)
        session.expect_current(TEST_LESSON)
        session.wait_for_call(SCORM[standard].commit)
        session.end()
        calls = session.calls()
    assert [call for call in calls if call["fn"] == SCORM[standard].commit], "the package reported its progress"
    scored = [call["args"] for call in calls if call["fn"].endswith("SetValue") and ".score." in call["args"][0]]
    judged = [call["args"] for call in calls if call["fn"].endswith("SetValue") and call["args"][1] in ("passed", "failed")]
    assert scored == [] and judged == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_an_lms_that_refuses_interactions_still_gets_score_and_outcome(standard, graded, tmp_path, page):
    with served(graded["per-lesson"][standard], tmp_path) as base:
        session = HarnessSession(page, base, standard, sco="pkg/lessons/prov/slutprov.html", reject="interactions")
        session.wait_for_call(SCORM[standard].commit)
        take_the_test(page.frame_locator("#sco"))
        status = "cmi.core.lesson_status" if standard == "scorm12" else "cmi.success_status"
        page.wait_for_function("(element) => window.calls.some((c) => c.args[0] === element && c.args[1] === 'passed')", arg=status)
        refused = [call for call in session.calls() if call["fn"].endswith("SetValue") and call["args"][0].startswith("cmi.interactions")]
        assert refused and all(call["result"] == "false" for call in refused)
        assert session.cmi(status) == "passed"


def test_a_failed_test_with_no_attempts_left_says_failed_and_resumes_locked(graded, tmp_path, page):
    with served(graded["single"]["scorm12"], tmp_path) as base:
        first = HarnessSession(page, base, "scorm12")
        first.menu(TEST_LESSON)
        question = first.lesson.locator("form.question").nth(0)
        for wrong in ("CC BY 4.0", "CC BY-SA 4.0"):
            question.locator("label", has_text=wrong).click()
            question.locator("button.question__check").click()
            expect(question.locator(".question__result")).to_have_text("Inte riktigt.")
        expect(question.locator("button.question__check")).to_be_hidden()
        second = first.lesson.locator("form.question").nth(1)
        second.locator("input[type=text]").fill("fel")
        second.locator("button.question__check").click()
        expect(second.locator(".question__result")).to_have_text("Inte riktigt.")
        second.locator("input[type=text]").fill("licens")
        second.locator("button.question__check").click()
        page.wait_for_function("() => window.calls.some((c) => c.args[0] === 'cmi.core.lesson_status' && c.args[1] === 'failed')")
        assert first.cmi("cmi.core.score.raw") == "50"
        first.end()
        suspend_data, location = first.cmi("cmi.suspend_data"), first.cmi("cmi.core.lesson_location")
        resumed_page = page.context.new_page()
        resumed = HarnessSession(
            resumed_page, base, "scorm12", cmi={**SCORM["scorm12"].resume_data(suspend_data, location), "cmi.core.lesson_status": "failed"}
        )
        resumed.expect_lesson(TEST_LESSON)
        for n in (0, 1):
            form = resumed.lesson.locator("form.question").nth(n)
            expect(form.locator(".question__result")).to_have_text("Ditt svar är registrerat.")
            expect(form.locator("input").first).to_be_disabled()
        resumed.end()
        assert not [call for call in resumed.calls() if call["fn"].endswith("SetValue") and call["args"][0].startswith("cmi.interactions")]


def test_the_state_of_300_lessons_and_100_test_questions_fits_scorm12_suspend_data(single, tmp_path, page):
    with served(single["scorm12"], tmp_path) as base:
        page.goto(f"{base}pkg/index.html")
        encoded = page.evaluate("""() => {
            const R = window.ScormExportRuntime;
            const keys = Array.from({ length: 100 }, (_, i) => `kurs/modul-${i}/lektion/${i}`);
            const tests = Object.fromEntries(keys.map((key, i) => [key, { used: 31, right: i % 2 === 0 }]));
            const q = R.encodeTests(keys, tests);
            const back = R.decodeTests(keys, q);
            const same = keys.every((key) => back[key].used === 31 && back[key].right === tests[key].right);
            return { text: R.encodeState({ seen: Array(300).fill(true), sections: { k: "abcd", q } }), same };
        }""")
    assert encoded["same"]
    assert len(encoded["text"]) <= 4096, len(encoded["text"])

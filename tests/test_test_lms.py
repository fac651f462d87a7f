"""The test LMS of `build.py serve`: every package listed by course, SCORM packages run from inside their zip with
the bundled scorm-again, and a panel that shows what the package really sent."""

from __future__ import annotations

import fnmatch
import functools
import io
import json
import re
import socket
import threading
import tomllib
import zipfile
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

import scorm_export.serve as serve_module
from scorm_export.build import BuildOptions
from scorm_export.serve import _PreviewHandler
from scorm_export.test_lms import routes
from scorm_export.test_lms.archive import safe_member_name
from scorm_export.test_lms.packages import read_downloads
from scorm_export.vendor import refresh_scorm_again

from .helpers import REPO, minimal_course, write_project
from .preview_server import preview_handler

THEME = REPO / "theme"
SCORM12_NS = (
    'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
    'xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"'
)
SCORM2004_NS = (
    'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
    'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"'
)
CC_NS = 'xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"'


def scorm12_manifest(title: str = "Kurs ett") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest {SCORM12_NS} identifier="M">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>
    <imsmd:lom><imsmd:general><imsmd:title><imsmd:langstring xml:lang="sv">{title}</imsmd:langstring></imsmd:title></imsmd:general></imsmd:lom>
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG"><title>{title}</title>
      <item identifier="ITEM" identifierref="RES"><title>{title}</title><adlcp:masteryscore>80</adlcp:masteryscore></item>
    </organization>
  </organizations>
  <resources><resource identifier="RES" type="webcontent" href="index.html" adlcp:scormtype="sco"/></resources>
</manifest>"""


SCORM2004_TWO_SCOS = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest {SCORM2004_NS} identifier="M">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="ORG-B">
    <organization identifier="ORG-A"><title>Fel organisation</title>
      <item identifier="WRONG" identifierref="RES-A"><title>Inte den här</title></item>
    </organization>
    <organization identifier="ORG-B"><title>Program två</title>
      <item identifier="MODULE"><title>Modul</title>
        <item identifier="INFO" identifierref="RES-ASSET"><title>Information</title></item>
        <item identifier="FIRST" identifierref="RES-A" parameters="?del=1"><title>Första delen</title>
          <imsss:sequencing><imsss:objectives>
            <imsss:primaryObjective objectiveID="P" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure></imsss:primaryObjective>
          </imsss:objectives></imsss:sequencing>
        </item>
        <item identifier="SECOND" identifierref="RES-B"><title>Andra delen</title></item>
        <item identifier="ELSEWHERE" identifierref="RES-REMOTE"><title>På en annan server</title></item>
      </item>
    </organization>
  </organizations>
  <resources xml:base="delar/">
    <resource identifier="RES-ASSET" type="webcontent" href="info.html" adlcp:scormType="asset"/>
    <resource identifier="RES-A" type="webcontent" href="a/start.html?lang=sv" adlcp:scormType="sco"/>
    <resource identifier="RES-B" type="webcontent" xml:base="b/" href="start.html" adlcp:scormType="sco"/>
    <resource identifier="RES-REMOTE" type="webcontent" href="https://example.org/sco.html" adlcp:scormType="sco"/>
  </resources>
</manifest>"""

CC_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest {CC_NS} identifier="M">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>
    <lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string language="sv">Kurs ett</lomimscc:string></lomimscc:title></lomimscc:general></lomimscc:lom>
  </metadata>
  <organizations><organization identifier="ORG" structure="rooted-hierarchy"><item identifier="ROOT">
    <item identifier="MOD"><title>Modul ett</title><item identifier="L1" identifierref="R1"><title>Lektion ett</title></item></item>
  </item></organization></organizations>
  <resources><resource identifier="R1" type="webcontent" href="l1.html"><file href="l1.html"/></resource></resources>
</manifest>"""

PAGE = b"<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>Start</title></head><body><p>Hej</p></body></html>"


def write_package(path: Path, files: dict[str, str | bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    """A preview site whose downloads/ holds hand-made packages of two courses, a broken one and a stray file."""
    site = tmp_path_factory.mktemp("site")
    folder = site / "downloads"
    write_package(
        folder / "kurs-ett-1.0.0-scorm12.zip",
        {
            "imsmanifest.xml": scorm12_manifest(),
            "index.html": PAGE,
            "assets/app.js": "window.ok = true;",
            "media/bild.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "data.bin": bytes(range(256)) * 4,
            "../utanfor.html": PAGE,  # a member whose name climbs out: never served
            "/absolut.html": PAGE,
        },
    )
    write_package(folder / "kurs-ett-1.0.0-cc11.imscc", {"imsmanifest.xml": CC_MANIFEST, "l1.html": PAGE})
    write_package(
        folder / "program-2.0.0-scorm2004.zip",
        {"imsmanifest.xml": SCORM2004_TWO_SCOS, "delar/a/start.html": PAGE, "delar/b/start.html": PAGE, "delar/info.html": PAGE},
    )
    (folder / "trasig-1.0.0-scorm2004.zip").write_bytes(b"not a zip at all")
    write_package(folder / "utan-manifest-1.0.0-scorm12.zip", {"index.html": PAGE})
    (folder / "anteckningar.txt").write_text("inget paket", encoding="utf-8")
    return site


def get(site: Path, path: str, query: str = "") -> routes.Answer:
    return routes.answer(path, query, site / "downloads", THEME)


def text(answer: routes.Answer) -> str:
    return answer.body.decode("utf-8")


# --- the list of packages ---------------------------------------------------------------------------------------


def test_the_list_groups_every_package_by_course_with_its_format_and_size(downloads):
    groups = {group.key: group for group in read_downloads(downloads / "downloads")}
    assert set(groups) == {"kurs-ett-1.0.0", "program-2.0.0", "trasig-1.0.0", "utan-manifest-1.0.0"}
    course = groups["kurs-ett-1.0.0"]
    assert course.title == "Kurs ett"
    assert [(package.format.key, package.runnable) for package in course.packages] == [("scorm12", True), ("cc11", False)]
    assert course.packages[0].size == (downloads / "downloads" / "kurs-ett-1.0.0-scorm12.zip").stat().st_size

    page = get(downloads, routes.PREFIX)
    assert page.status == 200 and page.content_type == "text/html; charset=utf-8"
    html = text(page)
    assert '<h2 id="tl-group-' in html and "Kurs ett" in html and "Program två" in html
    assert "SCORM 1.2" in html and "IMS Common Cartridge 1.1" in html
    assert 'href="kurs-ett-1.0.0-scorm12.zip/">Testa i test-LMS' in html
    assert 'href="/downloads/kurs-ett-1.0.0-scorm12.zip" download' in html
    assert 'href="kurs-ett-1.0.0-cc11.imscc/"' not in html, "a cartridge cannot run in a SCORM runtime"
    assert "anteckningar.txt" not in html
    assert re.search(r"<th scope=\"col\">Format</th>", html)


def test_a_cartridge_is_listed_with_why_it_does_not_run_here_and_its_contents(downloads):
    html = text(get(downloads, routes.PREFIX))
    assert "Moodle, Canvas och andra lärplattformar importerar dem" in html
    assert "Importeras i lärplattformen; körs inte här." in html
    assert "<li>Modul ett" in html and "<li>Lektion ett</li>" in html


def test_a_package_that_cannot_be_read_is_listed_with_the_reason(downloads):
    html = text(get(downloads, routes.PREFIX))
    assert "Paketet kunde inte läsas: paketet är ingen läsbar zip-fil." in html
    assert "Paketet kunde inte läsas: imsmanifest.xml saknas." in html
    assert get(downloads, routes.PREFIX + "trasig-1.0.0-scorm2004.zip/").status == 404


def test_package_text_is_shown_as_text_never_as_markup(tmp_path):
    hostile = "<script>alert(1)</script> &amp; </script><!--"
    escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    write_package(tmp_path / "downloads" / "x-1.0.0-scorm12.zip", {"imsmanifest.xml": scorm12_manifest(escaped), "index.html": PAGE})
    for page in (text(get(tmp_path, routes.PREFIX)), text(get(tmp_path, routes.PREFIX + "x-1.0.0-scorm12.zip/"))):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_empty_preview_says_that_packages_come_with_a_complete_rebuild(tmp_path):
    assert "Det finns inga paket ännu" in text(get(tmp_path, routes.PREFIX))


# --- the launch, from the manifest ------------------------------------------------------------------------------


def lms_config(site: Path, path: str, query: str = "") -> dict:
    answer = get(site, path, query)
    assert answer.status == 200, path
    return json.loads(text(answer).split('<script type="application/json" id="tl-config">')[1].split("</script>")[0])


def test_the_lms_launches_the_first_sco_of_the_default_organization_with_its_parameters_and_base(downloads):
    config = lms_config(downloads, routes.PREFIX + "program-2.0.0-scorm2004.zip/")
    assert config["standard"] == "scorm2004"
    assert config["item"] == "FIRST", "the first SCO of the default organization (ORG-B), not an asset or another organization"
    assert config["launch"] == "pkg/delar/a/start.html?lang=sv&del=1"
    assert config["start"]["cmi.scaled_passing_score"] == "0.75", "the passing score the manifest gives the LMS"
    assert config["limit"] == 64000
    assert config["items"] == [["FIRST", "?sco=FIRST"], ["SECOND", "?sco=SECOND"]], "the SCOs a navigation request may choose, in order"


def test_a_package_with_several_parts_lists_them_and_opens_the_one_chosen(downloads):
    path = routes.PREFIX + "program-2.0.0-scorm2004.zip/"
    html = text(get(downloads, path, "sco=SECOND"))
    assert '<nav class="tl-items" aria-labelledby="tl-items-heading">' in html
    assert '<a href="?sco=SECOND" aria-current="page">Andra delen</a>' in html
    assert '<a href="?sco=FIRST">Första delen</a>' in html
    assert '<a href="?sco=INFO">Information</a> <span class="tl-muted">(en sida utan SCORM-API)</span>' in html
    assert "På en annan server" in html and "?sco=ELSEWHERE" not in html, "nothing is launched from another host"
    assert lms_config(downloads, path, "sco=SECOND")["launch"] == "pkg/delar/b/start.html"
    assert get(downloads, path, "sco=ELSEWHERE").status == 404
    assert get(downloads, path, "sco=NO-SUCH-ITEM").status == 404


def test_a_scorm_12_sco_gets_its_mastery_score_the_learner_and_the_4096_character_limit(downloads):
    config = lms_config(downloads, routes.PREFIX + "kurs-ett-1.0.0-scorm12.zip/")
    assert config["launch"] == "pkg/index.html"
    assert config["limit"] == 4096
    assert config["start"] == {
        "cmi.core.student_id": "testare",
        "cmi.core.student_name": "Testsson, Testa",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
        "cmi.student_data.mastery_score": "80",
    }
    html = text(get(downloads, routes.PREFIX + "kurs-ett-1.0.0-scorm12.zip/"))
    assert 'data-element="cmi.core.lesson_status" data-announce="Status"' in html
    assert 'data-element="cmi.core.lesson_location"' in html
    assert '<a href="/__preview__/lms/assets/scorm-again-LICENSE.txt">scorm-again (MIT)</a>' in html
    assert "SCORM-körmiljö:" in html


# --- files from inside the zip ----------------------------------------------------------------------------------


def test_files_are_served_from_inside_the_zip_with_their_types(downloads):
    base = routes.PREFIX + "kurs-ett-1.0.0-scorm12.zip/pkg/"
    page = get(downloads, base + "index.html")
    assert (page.status, page.body, page.content_type) == (200, PAGE, "text/html; charset=utf-8")
    assert get(downloads, base + "assets/app.js").content_type == "text/javascript; charset=utf-8"
    assert get(downloads, base + "media/bild.svg").content_type == "image/svg+xml; charset=utf-8"
    assert not list(downloads.rglob("index.html")), "nothing is extracted to disk"


@pytest.mark.parametrize(
    "inside",
    [
        "../utanfor.html",
        "/absolut.html",
        "assets/../index.html",
        "./index.html",
        "assets//app.js",
        "assets\\app.js",
        "C:/index.html",
        "assets/",
        "saknas.html",
        "",
    ],
)
def test_a_name_that_is_not_a_plain_file_of_the_zip_is_not_found(downloads, inside):
    assert get(downloads, routes.PREFIX + "kurs-ett-1.0.0-scorm12.zip/pkg/" + inside).status == 404


@pytest.mark.parametrize(
    "name",
    ["../downloads/kurs-ett-1.0.0-scorm12.zip", "..", ".", "kurs-ett-1.0.0-cc11.imscc", "anteckningar.txt", "saknas-1.0.0-scorm12.zip"],
)
def test_only_a_scorm_package_in_downloads_has_a_test_lms(downloads, name):
    assert get(downloads, routes.PREFIX + name + "/").status == 404
    assert get(downloads, routes.PREFIX + name + "/pkg/index.html").status == 404


def test_safe_member_names_are_plain_relative_paths():
    assert safe_member_name("lessons/a/b.html")
    for name in ("", "/etc/passwd", "../x", "a/../b", "a//b", "a/./b", "a\\b", "c:/x", "a\0b", "a/"):
        assert not safe_member_name(name), name


# --- through the preview server ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(downloads):
    """The preview's own request handler over the hand-made site; yields request(path, **headers)."""
    with preview_handler(downloads, SimpleNamespace(builds=1, site=downloads, project=SimpleNamespace(theme=THEME))) as request:
        yield request


@pytest.mark.parametrize(
    "path",
    [
        "/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/pkg/../utanfor.html",
        "/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/pkg/%2E%2E/utanfor.html",
        "/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/pkg//absolut.html",
        "/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/pkg/%2Fetc%2Fpasswd",
        "/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/pkg/..%2F..%2F..%2Fdownloads%2Fkurs-ett-1.0.0-scorm12.zip",
        "/__preview__/lms/..%2Fdownloads%2Fkurs-ett-1.0.0-scorm12.zip/pkg/index.html",
        "/__preview__/lms/%2E%2E/pkg/index.html",
        "/__preview__/lms/assets/../assets/test-lms.js",
        "/__preview__/lms/assets/%2E%2E%2F..%2Fserve.py",
    ],
)
def test_path_traversal_through_the_server_is_not_found(server, path):
    status, _, body = server(path)
    assert status == 404
    assert PAGE not in body


def test_the_server_answers_the_list_the_lms_its_assets_and_package_files(server):
    status, headers, body = server("/__preview__/lms")
    assert status == 302 and headers["Location"] == "/__preview__/lms/"
    status, _, body = server("/__preview__/lms/")
    assert status == 200 and "Testa i test-LMS" in body.decode()
    status, headers, body = server("/__preview__/lms/kurs-ett-1.0.0-scorm12.zip")
    assert status == 302 and headers["Location"] == "/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/"
    status, headers, body = server("/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/pkg/index.html")
    assert (status, body, headers["Cache-Control"]) == (200, PAGE, "no-store")
    assert b"reload.js" not in body, "a package's page is served as the LMS would: without the preview's reload script"
    for asset, kind in [
        ("test-lms.js", "text/javascript"),
        ("test-lms.css", "text/css"),
        ("scorm-again.min.js", "text/javascript"),
        ("scorm-again-LICENSE.txt", "text/plain"),
    ]:
        status, headers, body = server("/__preview__/lms/assets/" + asset)
        assert status == 200 and headers["Content-Type"].startswith(kind) and body, asset
    assert b"MIT License" in server("/__preview__/lms/assets/scorm-again-LICENSE.txt")[2]


def test_a_packaged_recording_can_be_asked_for_in_parts(server):
    path = "/__preview__/lms/kurs-ett-1.0.0-scorm12.zip/pkg/data.bin"
    data = bytes(range(256)) * 4
    status, headers, body = server(path)
    assert (status, body, headers["Accept-Ranges"]) == (200, data, "bytes")
    status, headers, body = server(path, Range="bytes=100-199")
    assert (status, body, headers["Content-Range"]) == (206, data[100:200], f"bytes 100-199/{len(data)}")
    status, headers, _ = server(path, Range="bytes=5000-")
    assert (status, headers["Content-Range"]) == (416, f"bytes */{len(data)}")


def test_serve_prints_where_the_test_lms_is(tmp_path, monkeypatch, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    class FakePreview:
        def __init__(self, project, options):
            self.site, self.builds, self.project = tmp_path / "site", 0, project

        def rebuild(self, changed=None):
            return SimpleNamespace(ok=True, rebuilt="alla kurser", seconds=0.0, problems=SimpleNamespace(items=[]), error="")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(serve_module, "Preview", FakePreview)
    monkeypatch.setattr(serve_module, "watch", interrupted)
    assert serve_module.serve(SimpleNamespace(), BuildOptions(), port) == 0
    assert f"Paketen i ett test-LMS: http://127.0.0.1:{port}/__preview__/lms/" in capsys.readouterr().out


# --- the bundled runtime ----------------------------------------------------------------------------------------


def test_the_bundled_scorm_again_is_the_npm_package_at_the_pinned_version():
    node_modules = REPO / "tests" / "node_modules"
    if not (node_modules / "scorm-again").is_dir():
        from .browser import require_browser_tools

        require_browser_tools()  # fails in CI, skips elsewhere
    pinned = json.loads((REPO / "tests" / "package.json").read_text(encoding="utf-8"))["dependencies"]["scorm-again"]
    assert refresh_scorm_again.installed_version(node_modules) == pinned, "run `npm ci --prefix tests`"
    assert refresh_scorm_again.bundled_version() == pinned, "run `python -m scorm_export.vendor.refresh_scorm_again`"
    for source, name in refresh_scorm_again.FILES.items():
        assert (refresh_scorm_again.BUNDLED / name).read_bytes() == (node_modules / "scorm-again" / source).read_bytes(), name
    assert "MIT License" in (refresh_scorm_again.BUNDLED / "LICENSE").read_text(encoding="utf-8")


def test_the_refresh_writes_the_files_and_the_version(tmp_path):
    npm = tmp_path / "node_modules" / "scorm-again"
    (npm / "dist").mkdir(parents=True)
    (npm / "dist" / "scorm-again.min.js").write_text("window.Scorm12API = 1;", encoding="utf-8")
    (npm / "LICENSE").write_text("MIT License", encoding="utf-8")
    (npm / "package.json").write_text('{"name": "scorm-again", "version": "9.9.9"}', encoding="utf-8")
    written = refresh_scorm_again.refresh(tmp_path / "node_modules", tmp_path / "bundled")
    assert sorted(path.name for path in written) == ["LICENSE", "VERSION", "scorm-again.min.js"]
    assert refresh_scorm_again.bundled_version(tmp_path / "bundled") == "9.9.9"


def test_the_installed_package_ships_the_runtime_the_page_and_the_licence():
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["scorm_export"]
    shipped = [
        "runtime/test-lms.js",
        *(f"vendor/scorm_again/{name}" for name in [*refresh_scorm_again.FILES.values(), refresh_scorm_again.VERSION]),
    ]
    for name in shipped:
        assert (REPO / "scorm_export" / name).is_file(), name
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), f"{name} is not in package-data"


def test_the_test_lms_needs_nothing_from_another_host():
    sources = [THEME / "preview" / name for name in ("_head.html", "_footer.html", "lms-index.html", "lms.html", "test-lms.css")]
    sources.append(REPO / "scorm_export" / "runtime" / "test-lms.js")
    for source in sources:
        assert not re.search(r"(src|href)=\"(https?:)?//", source.read_text(encoding="utf-8")), source.name
        assert "fetch(" not in source.read_text(encoding="utf-8"), source.name


# --- the real preview -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_preview_lists_its_packages_and_its_site_never_holds_the_test_lms(tmp_path):
    from scorm_export.preview import Preview

    project = write_project(tmp_path / "p", minimal_course())
    preview = Preview(project, BuildOptions())
    assert preview.rebuild().ok
    html = text(routes.answer(routes.PREFIX, "", preview.site / "downloads", project.theme))
    for name in ("testkurs-1.0.0-scorm12.zip", "testkurs-1.0.0-scorm2004.zip", "testkurs-1.0.0-cc11.imscc"):
        assert name in html
    assert re.search(r"sjalvskattning-digcomp-[\d.]+-scorm12\.zip/\">Testa i test-LMS", html), "the self-assessment, as `build` writes it"
    for path in preview.site.rglob("*"):
        assert "__preview__" not in path.as_posix()
        if path.suffix in (".html", ".js", ".json", ".xml"):
            assert "/__preview__/" not in path.read_text(encoding="utf-8", errors="replace"), path
        if path.suffix in (".zip", ".imscc"):
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
                assert not any("__preview__" in archive.read(name).decode("utf-8", "replace") for name in archive.namelist()), path


# --- in the browser: the sample course's packages in the test LMS ------------------------------------------------

API = {"scorm12": "API", "scorm2004": "API_1484_11"}
STATUS = {"scorm12": ["cmi.core.lesson_status"], "scorm2004": ["cmi.completion_status", "cmi.success_status"]}
LOCATION = {"scorm12": "cmi.core.lesson_location", "scorm2004": "cmi.location"}
ENTRY = {"scorm12": "cmi.core.entry", "scorm2004": "cmi.entry"}
RESPONSE = {"scorm12": "student_response", "scorm2004": "learner_response"}
TEST_LESSON = "slutprov/slutprov"

# What scorm-again holds, read from the API object itself (its CMI getters; interactions as it would commit them).
READ_API = """([name, elements]) => {
  const api = window[name];
  const values = {};
  for (const element of elements) values[element] = String(element.split(".").slice(1).reduce((o, k) => o[k], api.cmi));
  const interactions = api.renderCommitCMI ? Object.values(api.renderCMIToJSONObject().cmi.interactions) : [];
  return {values, interactions};
}"""


@pytest.fixture(scope="module")
def sample_lms(sample):
    """The preview's request handler over the built sample site; yields its base URL."""
    reloader = SimpleNamespace(preview=SimpleNamespace(builds=1, site=sample.site, project=sample.project))
    handler = type("Handler", (_PreviewHandler,), {"reloader": reloader})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(sample.site)))
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def lms_page(browser, sample_lms):
    """A page that may load nothing from another host; its console errors are in page.errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    context.route(re.compile(f"^(?!{re.escape(sample_lms)})"), lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert outside == [], "the test LMS loaded something from another host"
    context.close()


def axe_violations(page) -> list[dict]:
    from .page_tour import AXE, RUN_AXE, WCAG_TAGS

    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def package_name(sample, standard: str) -> str:
    (package,) = sorted((sample.site / "downloads").glob(f"oppna-licenser-*-{standard}.zip"))
    return package.name


def suspend_length_shown(page) -> int:
    return int(re.sub(r"\D", "", page.locator("#tl-suspend-length").inner_text().split(" av ")[0]))


@pytest.mark.browser
@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_panel_shows_what_the_package_sent_and_a_resume_opens_the_bookmark(sample, sample_lms, lms_page, standard):
    from playwright.sync_api import expect

    page = lms_page
    page.goto(f"{sample_lms}__preview__/lms/{package_name(sample, standard)}/")
    # how often the polite live region speaks: it must not follow every SetValue
    page.evaluate("""() => {
      window.spoken = 0;
      new MutationObserver((records) => { window.spoken += records.length; }).observe(document.getElementById("tl-announce"), {childList: true, characterData: true, subtree: true});
    }""")
    shell = page.frame_locator("#tl-sco")
    lesson = shell.frame_locator("#lesson-frame")
    lesson.locator(".pager a[rel=next]").click()
    expect(lesson.locator("body")).to_have_attribute("data-lesson", re.compile(r"\S"))
    shell.locator(f'.shell__menu a[data-lesson="{TEST_LESSON}"]').click()
    expect(lesson.locator("body")).to_have_attribute("data-lesson", TEST_LESSON)
    question = lesson.locator("form.question").first
    question.locator("label", has_text="70 år").click()
    question.locator("button.question__check").click()
    rows = page.locator("#tl-interactions tr:has(th)")
    expect(rows).to_have_count(1)

    elements = [*STATUS[standard], LOCATION[standard], "cmi.suspend_data"]
    sent = page.evaluate(READ_API, [API[standard], elements])
    for element in [*STATUS[standard], LOCATION[standard]]:
        assert sent["values"][element], element
        expect(page.locator(f'[data-element="{element}"]')).to_have_text(sent["values"][element])
    assert sent["values"][LOCATION[standard]] == TEST_LESSON
    assert suspend_length_shown(page) == len(sent["values"]["cmi.suspend_data"]) > 0
    assert page.locator("#tl-suspend-meter").evaluate("(meter) => meter.value") == len(sent["values"]["cmi.suspend_data"])
    (interaction,) = sent["interactions"]
    cells = rows.first.locator("td")
    expect(cells.nth(0)).to_have_text(interaction["id"])
    expect(cells.nth(1)).to_have_text(interaction["type"])
    expect(cells.nth(2)).to_have_text(interaction[RESPONSE[standard]])
    expect(cells.nth(4)).to_have_text(interaction["result"])
    log = page.locator("#tl-log")
    expect(log.locator(".tl-log__entry", has_text=f'("{LOCATION[standard]}", "{TEST_LESSON}") → "true"').first).to_be_visible()
    assert log.locator(".tl-log__entry--error").all_text_contents() == []
    set_values = log.locator(".tl-log__entry", has_text="SetValue(").count()
    assert set_values >= 10 and 0 < page.evaluate("window.spoken") <= 6, (set_values, page.evaluate("window.spoken"))
    assert axe_violations(page) == []

    page.locator("#tl-resume").click()
    expect(log.locator(".tl-log__note", has_text='cmi.entry = "resume"')).to_have_count(1)
    expect(lesson.locator("body")).to_have_attribute("data-lesson", TEST_LESSON)  # the bookmark, from the data the LMS kept
    expect(page.locator(f'[data-element="{ENTRY[standard]}"]')).to_have_text("resume")
    expect(page.locator(f'[data-element="{LOCATION[standard]}"]')).to_have_text(TEST_LESSON)
    resumed = page.evaluate(READ_API, [API[standard], [ENTRY[standard], "cmi.suspend_data"]])
    assert resumed["values"][ENTRY[standard]] == "resume"
    assert resumed["values"]["cmi.suspend_data"] == sent["values"]["cmi.suspend_data"]

    page.locator("#tl-restart").click()
    expect(log.locator(".tl-log__note", has_text="ett nytt försök utan sparad data")).to_have_count(2)  # the first launch, and this one
    expect(page.locator(f'[data-element="{ENTRY[standard]}"]')).to_have_text("ab-initio")
    expect(rows).to_have_count(0)
    page.locator("#tl-show-reads").check()
    expect(log.locator(".tl-log__entry--read").first).to_be_visible()
    assert axe_violations(page) == []
    assert page.errors == []


@pytest.mark.browser
def test_the_list_passes_axe_and_leads_to_the_test_lms(sample, sample_lms, lms_page):
    from playwright.sync_api import expect

    page = lms_page
    page.goto(f"{sample_lms}__preview__/lms/")
    expect(page.locator("h1")).to_have_text("Paketen i förhandsvisningen")
    page.locator("details.tl-outline summary").first.click()
    assert axe_violations(page) == []
    page.locator(f'a[href="{package_name(sample, "scorm12")}/"]').click()
    expect(page.locator("h1")).to_have_text(re.compile("^Test-LMS: "))
    expect(page.frame_locator("#tl-sco").locator(".shell__menu")).to_be_visible()
    expect(page.locator("#tl-log .tl-log__entry", has_text='LMSInitialize("") → "true"')).to_have_count(1)
    status = page.evaluate("() => window.API.cmi.core.lesson_status")
    expect(page.locator('[data-element="cmi.core.lesson_status"]')).to_have_text(status)
    assert page.errors == []

"""Video and sound in every output: the player, its tracks and transcripts in the site and each package (and
listed in every manifest), a video elsewhere as a placeholder only, packages that link to the site's copies,
and the size warning."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest

from scorm_export.build import BuildOptions, build, check

from .helpers import COURSE_YML, lesson, messages, minimal_course, recording, write_project
from .test_quality_links import manifest_hrefs

SAMPLE_LESSON = "digital-tillganglighet/publicera-tillgangligt/video-och-ljud-med-text"
CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHej och välkommen.\n"
MEDIA = "testkurs/01-forsta/media/"
LESSON_PAGE = "testkurs/forsta/intro/index.html"


def players(page: Path) -> list:
    return lxml.html.fromstring(page.read_bytes()).xpath("//figure[contains(@class, 'media')]")


def assert_player(page: Path, root: Path, manifest: list[str] | None = None, poster: bool = True) -> None:
    """The sample's video and sound on `page`: native players, captions, transcripts, every file in `root` (and the manifest)."""
    document = lxml.html.fromstring(page.read_bytes())
    (video,) = document.xpath("//video")
    assert video.get("controls") is not None and video.get("preload") == "metadata" and video.get("autoplay") is None
    # libxml2's HTML parser does not know <source> and <track> as empty elements: looked up in the whole page
    (source,) = document.xpath("//source[@type='video/webm']")
    (track,) = document.xpath("//track")
    assert (track.get("kind"), track.get("srclang"), track.get("label")) == ("captions", "sv", "Svenska")
    assert track.get("default") is not None
    (audio,) = document.xpath("//audio")
    (sound,) = document.xpath("//source[@type='audio/mpeg']")
    summaries = [summary.text_content() for summary in document.xpath("//details[@class='media__transcript']/summary")]
    assert summaries == [
        "Transkription: Textning av video – en kort exempelvideo",
        "Transkription: Kontrast för text – ett kort exempelljud",
    ]
    assert "Förinspelad video med ljud ska därför ha textning." in document.text_content()
    assert audio.get("controls") is not None and audio.get("autoplay") is None
    # Moodle's and Open edX's importers rewrite src and href only: there a poster would be a broken address
    assert (video.get("poster") is not None) == poster
    files = [source.get("src"), track.get("src"), sound.get("src"), *([video.get("poster")] if poster else [])]
    files += document.xpath("//details[@class='media__transcript']//a[@download]/@href")
    assert len(files) == 5 + poster
    here = page.parent.relative_to(root).as_posix()
    for url in files:
        # $IMS-CC-FILEBASE$ stands for the cartridge's web_resources folder, wherever the page is
        base, _, path = url.rpartition("$IMS-CC-FILEBASE$/")
        target = posixpath.normpath(path if base or url.startswith("$IMS") else posixpath.join(here, url))
        assert (root / target).is_file(), f"{page}: {url} is not in the output"
        if manifest is not None:
            assert target in manifest, f"{target} is not listed in the manifest"


def test_the_site_has_the_players_tracks_and_transcripts(sample):
    assert_player(sample.site / SAMPLE_LESSON / "index.html", sample.site)
    text = (sample.site / "digital-tillganglighet/publicera-tillgangligt/media/textning-sv.txt").read_text(encoding="utf-8")
    assert text.startswith("[Bild 1:")


def test_every_package_has_the_players_tracks_and_transcripts_listed_in_its_manifest(sample):
    packages = [package for package in sample.packages if package.file_name.startswith("digital-tillganglighet")]
    assert len(packages) == 5
    for package in packages:
        lesson_pages = [page for page in package.pages if page.endswith("video-och-ljud-med-text.html")]
        if not lesson_pages:  # Open edX's cartridge names pages after their resource
            lesson_pages = [page for page in package.pages if "video-och-ljud-med-text" in page]
        (page,) = lesson_pages
        manifest = package.folder / "imsmanifest.xml"
        hrefs = manifest_hrefs(manifest)
        root = package.folder / "web_resources" if "web_resources/" in page else package.folder
        listed = [posixpath.relpath(href, "web_resources") if root.name == "web_resources" else href for href in hrefs]
        assert_player(package.folder / page, root, listed, poster=not package.file_name.endswith(("cc11.imscc", "openedx.imscc")))


def test_a_lessons_estimated_time_counts_its_recordings(sample):
    page = (sample.site / SAMPLE_LESSON / "index.html").read_text(encoding="utf-8")
    assert "Beräknad tid: ca 3 min" in page  # about 300 words (2 minutes) and 56 s of recordings, rounded up, as an estimate


# --- a video on another host, and packages without their recordings ---------------------------------------------------

EXTERNAL = """
Först en intervju.

```video
url: https://www.youtube.com/watch?v=abcDEF12345
title: Intervju med museichefen
duration: 3:20
poster: media/intervju.svg
transcript: media/intervju.sv.md
```
"""
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9"/></svg>'
MEDIA_SETTINGS = "\n  media:\n    hosts: [youtube.com]\n"


def media_project(root: Path, *, settings: str = MEDIA_SETTINGS, course: str = COURSE_YML, body: str = EXTERNAL, **files):
    project = write_project(
        root,
        minimal_course(
            **{
                "testkurs/course.yml": course,
                "testkurs/01-forsta/01-intro.md": lesson("Intro", body),
                **({MEDIA + "intervju.svg": SVG, MEDIA + "intervju.sv.md": "Välkomna till museet.\n"} if body == EXTERNAL else {}),
                **files,
            }
        ),
    )
    # the repository's own extra.media gives way to the test's
    mkdocs = re.sub(r"\n  media:\n(?:    .*\n)*", "\n", project.mkdocs_config.read_text(encoding="utf-8"), count=1)
    project.mkdocs_config.write_text(mkdocs.replace("\nextra:\n", "\nextra:" + settings, 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def external(tmp_path_factory):
    project = media_project(tmp_path_factory.mktemp("external") / "p")
    report = build(project)
    assert report.written, [str(problem) for problem in report.problems.items]
    return project


def package_page(project, suffix: str, page: str = "lessons/forsta/intro.html") -> str:
    (archive,) = (project.site / "downloads").glob(f"testkurs-*-{suffix}")
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        name = next(name for name in names if name.endswith(page))
        return opened.read(name).decode("utf-8")


def test_a_video_elsewhere_is_a_placeholder_that_loads_nothing_from_its_host(external):
    page = (external.site / LESSON_PAGE).read_text(encoding="utf-8")
    document = lxml.html.fromstring(page)
    (consent,) = document.xpath("//div[@class='media__consent']")
    assert consent.get("data-embed") == "https://www.youtube-nocookie.com/embed/abcDEF12345"
    assert consent.xpath(".//button")[0].text_content() == "Visa videon från youtube.com"
    assert "får youtube.com veta din IP-adress" in consent.text_content()
    assert consent.xpath(".//img")[0].get("src").endswith("media/intervju.svg")
    assert not document.xpath("//iframe") and "youtube" not in " ".join(document.xpath("//@src"))
    assert "Välkomna till museet." in document.text_content()  # the transcript, without any click
    assert "assets/javascripts/media.js" in page


def test_scorm_pages_carry_the_consent_script_and_cartridges_a_plain_link(external):
    scorm = package_page(external, "scorm2004.zip")
    assert 'data-embed="https://www.youtube-nocookie.com/embed/abcDEF12345"' in scorm
    assert '<script src="../../assets/media.js"></script>' in scorm
    cartridge = package_page(external, "cc13.imscc")
    assert "data-embed" not in cartridge and "<button" not in cartridge and "<script" not in cartridge
    assert 'href="https://www.youtube.com/watch?v=abcDEF12345"' in cartridge


def test_packages_can_leave_recordings_out_and_link_to_the_site(tmp_path):
    body = "\n![Om textning](media/film.webm)\n"
    files = {MEDIA + "film.webm": recording("webm"), MEDIA + "film.sv.vtt": CAPTIONS}
    course = COURSE_YML + "packaging: {media: link}\n"
    without_site = media_project(tmp_path / "a", settings="\n", course=course, body=body, **files)
    assert_fails(build(without_site), "saknar site_url")

    project = media_project(tmp_path / "b", settings="\n", course=course, body=body, **files)
    mkdocs = project.mkdocs_config.read_text(encoding="utf-8").replace("# site_url:", "site_url: https://kurser.example.org/ #", 1)
    project.mkdocs_config.write_text(mkdocs, encoding="utf-8")
    report = build(project)
    assert report.written, [str(problem) for problem in report.problems.items]
    for suffix in ("scorm12.zip", "cc11.imscc"):
        (archive,) = (project.site / "downloads").glob(f"testkurs-*-{suffix}")
        names = zipfile.ZipFile(archive).namelist()
        assert not [name for name in names if name.endswith(".webm")]
        assert [name for name in names if name.endswith("film-sv.vtt")]  # the texts stay: they are small and read offline
        page = package_page(project, suffix)
        assert '<a href="https://kurser.example.org/testkurs/forsta/intro/">Se den på kursens webbplats</a>' in page
        assert "<video" not in page
        about = package_page(project, suffix, "about.html")
        assert "Video och ljud ingår inte i paketet" in about
    assert (project.site / "testkurs/forsta/media/film.webm").is_file()  # the site keeps its copy


def test_the_build_flag_leaves_recordings_out_of_every_course(tmp_path):
    files = {MEDIA + "film.webm": recording("webm"), MEDIA + "film.sv.vtt": CAPTIONS}
    project = media_project(tmp_path / "p", settings="\n", body="\n![Om textning](media/film.webm)\n", **files)

    assert_fails(build(project, BuildOptions(link_media=True)), "build.py --link-media")


def test_a_course_larger_than_the_limit_gets_a_warning_naming_its_largest_files(tmp_path):
    big = {MEDIA + "film.webm": recording("webm"), MEDIA + "film.sv.vtt": CAPTIONS, MEDIA + "stor.svg": SVG + b" " * 1_200_000}
    body = "\n![Om textning](media/film.webm)\n\n![Stor bild](media/stor.svg)\n"
    project = media_project(tmp_path / "p", settings="\n  media:\n    package_limit_mb: 1\n", body=body, **big)

    checked = check(project)

    warnings = [problem for problem in checked.problems.items if "mer än gränsen 1 MB" in problem.message]
    assert len(warnings) == 1, messages(checked)
    assert warnings[0].path == "content/testkurs/course.yml"
    assert "01-forsta/media/stor.svg (1,2 MB)" in warnings[0].message and "--link-media" in warnings[0].message
    assert not checked.problems.has_errors


def test_media_settings_are_checked_at_their_lines(tmp_path):
    project = media_project(tmp_path / "p", settings="\n  media:\n    hosts: [https://youtube.com/]\n    package_limit: 5\n")

    checked = check(project)

    text = project.mkdocs_config.read_text(encoding="utf-8")
    line = text[: text.index("hosts: [https")].count("\n") + 1
    found = {(problem.line, problem.message.split(":")[0]) for problem in checked.problems.errors if problem.path == "mkdocs.yml"}
    assert (line, "extra.media.hosts") in found, messages(checked)
    assert any(problem.line == line + 1 and "package_limit" in problem.message for problem in checked.problems.errors)


def assert_fails(report, fragment: str) -> None:
    assert not report.written
    assert any(fragment in problem.message for problem in report.problems.errors), [str(p) for p in report.problems.items]

"""Video and sound in lessons: what the loader reads and refuses, each at its path:line (course/media.py)."""

from __future__ import annotations

import pytest

from scorm_export.course.loader import load_project
from scorm_export.course.media import caption_problems, embed_url, extract, parse_seconds, permitted_host
from scorm_export.course.model import MediaKind

from .helpers import lesson, messages, minimal_course, recording, write_project

INTRO_FILE = "testkurs/01-forsta/01-intro.md"
INTRO = "content/" + INTRO_FILE
MEDIA = "testkurs/01-forsta/media/"
CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHej och välkommen.\n"
VIDEO_LESSON = lesson("Intro", "\nFörst en film.\n\n![Om textning](media/film.webm)\n\nSedan text.\n")


def assert_problem(result, path: str, line: int, fragment: str) -> None:
    found = [p for p in result.problems.items if p.path == path and p.line == line and fragment in p.message]
    assert found, f"expected {path}:{line}: ...{fragment}... among:\n" + "\n".join(messages(result))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def video_course(**files: str | bytes | None) -> dict:
    """The minimal course with a video lesson: film.webm with Swedish captions; `files` add, replace or (None) remove."""
    return minimal_course(**{INTRO_FILE: VIDEO_LESSON, MEDIA + "film.webm": recording("webm"), MEDIA + "film.sv.vtt": CAPTIONS, **files})


@pytest.fixture
def load_with_hosts(tmp_path, renderer):
    def _load(files, hosts=("youtube.com",)):
        return load_project(write_project(tmp_path / "project", files), renderer, media_hosts=hosts)

    return _load


# --- a recording in the course -------------------------------------------------------------------


def test_a_video_is_read_with_its_captions_transcript_poster_and_length(load):
    result = load(
        video_course(
            **{
                MEDIA + "film.sv.md": "Hej och välkommen.\n\n[Bild: en vit yta.]\n",
                MEDIA + "film.en.vtt": CAPTIONS.replace("Hej och välkommen", "Hello and welcome"),
                MEDIA + "film.png": b"\x89PNG\r\n\x1a\n",
            }
        )
    )

    assert not result.problems.has_errors, messages(result)
    course = result.catalogue.courses[0]
    intro = course.lessons[0]
    (media,) = intro.media
    assert media.kind is MediaKind.VIDEO
    assert media.title == "Om textning"
    assert media.seconds == pytest.approx(2.0, abs=0.1)
    assert (media.width, media.height) == (64, 36)
    assert media.path == "forsta/media/film.webm" and media.media_type == "video/webm"
    assert media.poster == "forsta/media/film.png"
    assert [track.language for track in media.captions] == ["sv", "en"]  # the course's language first: the default track
    assert [transcript.language for transcript in media.transcripts] == ["sv"]
    assert "<p>Hej och välkommen.</p>" in media.transcripts[0].html
    # the transcript is published as text, which no site takes for a page
    assert media.transcripts[0].path == "forsta/media/film-sv.txt"
    assert '<div class="media-slot" id="media-1"></div>' in intro.html
    assert "film.webm" not in intro.html
    published = {asset.path for asset in course.assets}
    assert {"forsta/media/film.webm", "forsta/media/film-sv.vtt", "forsta/media/film-en.vtt", "forsta/media/film-sv.txt"} <= published
    # credits and packages know the recording and its poster as the lesson's files
    assert [asset.path for asset in course.assets_of(intro)] == ["forsta/media/film.png", "forsta/media/film.webm"]
    # a caption or transcript file is never a lesson
    assert [lesson.slug for lesson in course.lessons] == ["intro", "mer"]


def test_a_video_without_captions_is_reported_where_it_stands(load):
    result = load(video_course(**{MEDIA + "film.sv.vtt": None}))

    assert_problem(result, INTRO, line_of(VIDEO_LESSON, "![Om"), "saknar textning")


def test_a_video_without_speech_needs_a_description_instead_of_captions(load):
    silent = {MEDIA + "film.sv.vtt": None, MEDIA + "film.webm": recording("webm-silent")}
    tasl = "licence: CC-BY-4.0\ncreators: [Testaren]\nspeech: false\n"

    without = load(video_course(**silent, **{MEDIA + "film.webm.yml": tasl}))
    described = load(video_course(**silent, **{MEDIA + "film.webm.yml": tasl, MEDIA + "film.sv.md": "En vit yta, utan ljud.\n"}))

    assert_problem(without, INTRO, line_of(VIDEO_LESSON, "![Om"), "saknar en beskrivning")
    assert not described.problems.has_errors, messages(described)
    (media,) = described.catalogue.courses[0].lessons[0].media
    assert media.speech is False and "En vit yta" in media.transcripts[0].html


def test_speech_is_a_field_of_a_recordings_tasl_only(load):
    files = minimal_course(
        **{
            INTRO_FILE: lesson("Intro", "\n![Bild](bild.png)\n"),
            "testkurs/01-forsta/bild.png": "png",
            "testkurs/01-forsta/bild.png.yml": "licence: CC0-1.0\nspeech: false\n",
        }
    )

    result = load(files)

    assert_problem(result, "content/testkurs/01-forsta/bild.png.yml", 2, "okänt fält 'speech'")


def test_audio_needs_a_transcript(load):
    text = lesson("Intro", "\n![Podd](media/podd.mp3)\n")
    result = load(video_course(**{INTRO_FILE: text, MEDIA + "podd.mp3": recording("mp3")}))
    assert_problem(result, INTRO, line_of(text, "![Podd"), "saknar en transkription")

    result = load(video_course(**{INTRO_FILE: text, MEDIA + "podd.mp3": recording("mp3"), MEDIA + "podd.sv.md": "Hej.\n"}))
    assert not [p for p in result.problems.errors if "podd" in p.message], messages(result)
    (media,) = result.catalogue.courses[0].lessons[0].media
    assert media.kind is MediaKind.AUDIO and media.media_type == "audio/mpeg"


@pytest.mark.parametrize(
    ("captions", "needle", "fragment"),
    [
        ("WEBVT\n\n00:00:00.000 --> 00:00:01.000\nHej.\n", "WEBVT", "börjar med raden WEBVTT"),
        ("WEBVTT\n\n00:00:00,000 --> 00:00:01.000\nHej.\n", "00:00:00,000", "tidsraden förstås inte"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:00.500\nHej.\n", "00:00:01.000", "slutar innan den börjar"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:01.500\nA\n\n00:00:00.000 --> 00:00:00.500\nB\n", "00:00:00.000", "börjar före den förra"),
        (
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHej.\n\n00:00:01.000 --> 00:00:09.000\nFör sent.\n",
            "00:00:09",
            "efter inspelningens slut",
        ),
        ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000 foo:bar\nHej.\n", "foo:bar", "inte giltig WebVTT"),
    ],
    ids=["header", "srt comma", "end before start", "out of order", "past the end", "unknown cue setting"],
)
def test_a_bad_caption_file_is_reported_at_its_line(load, captions, needle, fragment):
    result = load(video_course(**{MEDIA + "film.sv.vtt": captions}))

    assert_problem(result, "content/" + MEDIA + "film.sv.vtt", line_of(captions, needle), fragment)


def test_a_caption_language_must_be_a_language_code(load):
    result = load(video_course(**{MEDIA + "film.sv.vtt": None, MEDIA + "film.svenska.vtt": CAPTIONS}))

    assert_problem(result, "content/" + MEDIA + "film.svenska.vtt", 1, "'svenska' är ingen språkkod")


def test_captions_or_a_transcript_of_no_recording_are_reported(load):
    result = load(video_course(**{MEDIA + "flim.sv.vtt": CAPTIONS}))

    assert_problem(result, "content/" + MEDIA + "flim.sv.vtt", 1, "hör inte till någon video")


def test_a_recording_inside_running_text_is_refused(load):
    text = lesson("Intro", "\nSe ![filmen](media/film.webm) här.\n")

    result = load(video_course(**{INTRO_FILE: text}))

    assert_problem(result, INTRO, line_of(text, "Se !["), "står ensamt på en egen rad")


def test_a_recording_needs_a_title(load):
    text = lesson("Intro", "\n![](media/film.webm)\n")

    result = load(video_course(**{INTRO_FILE: text}))

    assert_problem(result, INTRO, line_of(text, "![]"), "saknar titel")


def test_a_file_that_is_no_recording_is_reported(load):
    result = load(video_course(**{MEDIA + "film.webm": b"not a video at all"}))

    assert_problem(result, INTRO, line_of(VIDEO_LESSON, "![Om"), "går inte att läsa som video eller ljud")


def test_a_codec_browsers_do_not_play_is_reported(load):
    text = lesson("Intro", "\n![Om textning](media/film.mp4)\n")

    result = load(video_course(**{INTRO_FILE: text, MEDIA + "film.mp4": recording("mp4-mpeg4"), MEDIA + "film.webm": None}))

    assert_problem(result, INTRO, line_of(text, "![Om"), "kodat som mpeg4")


def test_a_transcript_may_link_to_the_web_only(load):
    transcript = "Hej.\n\nSe [lektionen](../02-mer.md) och [Digg](https://www.digg.se/).\n"

    result = load(video_course(**{MEDIA + "film.sv.md": transcript}))

    assert_problem(result, "content/" + MEDIA + "film.sv.md", 3, "kan bara länka till webbadresser")
    assert not [p for p in result.problems.errors if "digg.se" in p.message]


def test_a_lessons_time_counts_its_recordings_unless_the_author_sets_it(load):
    long_video = recording("webm", 150.0)
    estimated = "---\ntitle: Intro\n---\n\n![Om textning](media/film.webm)\n"
    captions = CAPTIONS

    result = load(video_course(**{INTRO_FILE: estimated, MEDIA + "film.webm": long_video, MEDIA + "film.sv.vtt": captions}))
    assert not result.problems.has_errors, messages(result)
    assert result.catalogue.courses[0].lessons[0].duration_minutes == 3  # 2.5 minutes of film and a few words

    result = load(video_course(**{MEDIA + "film.webm": long_video}))
    assert result.catalogue.courses[0].lessons[0].duration_minutes == 5  # as the front matter says


def test_a_recording_in_a_code_block_is_only_text(load):
    text = lesson("Intro", "\n```markdown\n![Om textning](media/film.webm)\n```\n")

    result = load(minimal_course(**{INTRO_FILE: text}))

    assert not result.problems.has_errors, messages(result)
    intro = result.catalogue.courses[0].lessons[0]
    assert not intro.media and "media/film.webm" in intro.html and "media-slot" not in intro.html


# --- a video on another host ---------------------------------------------------------------------

EXTERNAL = """\
```video
url: https://www.youtube.com/watch?v=abcDEF12345
title: Intervju med museichefen
duration: 3 min 20 s
poster: media/intervju.jpg
transcript: media/intervju.sv.md
```
"""


def external_course(block: str = EXTERNAL, **files) -> dict:
    return minimal_course(
        **{
            INTRO_FILE: lesson("Intro", "\nFörst en intervju.\n\n" + block + "\nSedan text.\n"),
            MEDIA + "intervju.jpg": "jpg",
            MEDIA + "intervju.sv.md": "Välkomna till museet.\n",
            **files,
        }
    )


def test_a_video_elsewhere_is_read_with_its_player_address_and_local_texts(load_with_hosts):
    result = load_with_hosts(external_course())

    assert not result.problems.has_errors, messages(result)
    intro = result.catalogue.courses[0].lessons[0]
    (media,) = intro.media
    assert media.external is not None
    assert media.external.host == "youtube.com"
    assert media.external.embed_url == "https://www.youtube-nocookie.com/embed/abcDEF12345"
    assert media.seconds == 200 and media.poster == "forsta/media/intervju.jpg"
    assert "Välkomna till museet." in media.transcripts[0].html
    assert "youtube" not in intro.html  # only the slot: the address is in the model, for the placeholder


def test_a_host_the_site_does_not_permit_is_an_error(load_with_hosts):
    block = EXTERNAL.replace("https://www.youtube.com/watch?v=abcDEF12345", "https://video.example.com/v/1")
    text = lesson("Intro", "\nFörst en intervju.\n\n" + block + "\nSedan text.\n")

    result = load_with_hosts(external_course(block))

    assert_problem(result, INTRO, line_of(text, "url:"), "videor från video.example.com är inte tillåtna")


def test_a_video_elsewhere_needs_local_captions_or_a_transcript_and_a_poster(load_with_hosts):
    block = "```video\nurl: https://vimeo.com/123456\ntitle: Film\nduration: 2:05\n```\n"
    text = lesson("Intro", "\nFörst en intervju.\n\n" + block + "\nSedan text.\n")

    result = load_with_hosts(external_course(block, **{MEDIA + "intervju.sv.md": None}), hosts=("vimeo.com",))

    assert_problem(result, INTRO, line_of(text, "```video"), "behöver textning")
    assert_problem(result, INTRO, line_of(text, "```video") + 1, "obligatoriskt fält 'poster' saknas")


def test_captions_of_a_video_elsewhere_are_its_transcript_on_the_page(load_with_hosts):
    block = EXTERNAL.replace("transcript: media/intervju.sv.md", "captions: media/intervju.sv.vtt")
    files = external_course(block, **{MEDIA + "intervju.sv.md": None, MEDIA + "intervju.sv.vtt": CAPTIONS})

    result = load_with_hosts(files)

    assert not result.problems.has_errors, messages(result)
    (media,) = result.catalogue.courses[0].lessons[0].media
    assert media.transcripts[0].html == "<p>Hej och välkommen.</p>"
    assert media.transcripts[0].path == "forsta/media/intervju-sv.vtt"


def test_an_unclosed_video_block_is_reported():
    found = extract("Text.\n\n```video\nurl: https://youtube.com/watch?v=abcdefgh\n", 5)
    assert found.problems and found.problems[0][0] == 7 and "avslutas aldrig" in found.problems[0][1]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=abcDEF12345&t=10", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://www.youtube.com/embed/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://play.example.se/media/1", None),
    ],
)
def test_player_addresses_of_known_services(url, expected):
    assert embed_url(url) == expected


def test_permitted_hosts_include_their_subdomains_and_known_aliases():
    assert permitted_host("www.youtube.com", ("youtube.com",)) == "youtube.com"
    assert permitted_host("youtu.be", ("youtube.com",)) == "youtube.com"
    assert permitted_host("play.kb.se", ("kb.se",)) == "kb.se"
    assert permitted_host("notyoutube.com", ("youtube.com",)) is None


@pytest.mark.parametrize(("text", "seconds"), [("3:20", 200), ("1:02:03", 3723), ("3 min 20 s", 200), ("45 s", 45), ("2 min", 120)])
def test_lengths_as_authors_write_them(text, seconds):
    assert parse_seconds(text) == seconds


def test_captions_are_checked_against_the_recordings_length():
    assert caption_problems(CAPTIONS, 1.4) == []  # half a second of rounding is allowed
    assert caption_problems(CAPTIONS, 0.9)[0][0] == 3

"""Video and sound in lessons: how an author writes them, and everything the loader checks about them.

A recording kept in the course stands alone on a line, written like an image:

    ![Så textar du en video](media/textning.webm)

Beside the file, by name: `textning.sv.vtt` (captions, one file per language), `textning.sv.md` (the
transcript; for a video without speech its description), `textning.png` (the poster, any image type) and
`textning.webm.yml` (its TASL, where `speech: false` says that a video has no speech).

A video on another host is a fenced block, so that nothing of it is fetched until the reader asks:

    ```video
    url: https://www.youtube.com/watch?v=…
    title: Intervju med museichefen
    duration: 3 min 20 s
    poster: media/intervju.jpg
    captions: media/intervju.sv.vtt      # or a list; and/or
    transcript: media/intervju.sv.md
    ```

Each recording becomes a slot in the lesson (`<div class="media-slot" id="media-1">`) that the outputs fill
from theme/media.html, as they do questions.
"""

from __future__ import annotations

import functools
import html
import math
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ..markdown_render import FoundUrl, MarkdownRenderer
from ..problems import Problems
from .fields import LANGUAGE_CODE, FieldReader, url_problem
from .model import ExternalVideo, Media, MediaKind, Reference, ReferenceKind, TextTrack, Transcript
from .references import CourseFiles, resolve
from .side_text import render_side_text
from .sources import YamlList, YamlMap, parse_yaml, read_text

# what browsers play, by file name: a recording is recognised by its extension alone
MEDIA_TYPES = {
    ".webm": "video/webm",
    ".mp4": "video/mp4",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
}
# every file type a recording brings, as the site and packages serve them (Python's table lacks some)
PUBLISHED_TYPES = {**MEDIA_TYPES, ".vtt": "text/vtt", ".txt": "text/plain; charset=utf-8"}
# the codecs every current browser decodes in each container (ffmpeg's names)
PLAYABLE = {
    ".webm": ({"vp8", "vp9", "av1"}, {"opus", "vorbis"}),
    ".mp4": ({"h264", "av1"}, {"aac", "mp3", "opus"}),
    ".mp3": (set(), {"mp3"}),
    ".m4a": (set(), {"aac"}),
    ".ogg": (set(), {"opus", "vorbis"}),
    ".opus": (set(), {"opus"}),
}
POSTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
CAPTION_SUFFIX = ".vtt"
TRANSCRIPT_SUFFIX = ".md"
TRANSCRIPT_OUTPUT = ".txt"  # a .md file in the docs tree would become a page
VIDEO_FIELDS = ["url", "embed", "title", "duration", "poster", "captions", "transcript"]
CUE_TOLERANCE = 0.5  # seconds a last cue may run past the end: encoders round a file's length
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)[^`]*$")
_MEDIA_LINE = re.compile(
    r"""^ {0,3}!\[(?P<alt>[^\]\n]*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<url>[^)\s]+))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)\s*$"""
)
_COMPANION = re.compile(r".+\.[a-z]{2,3}(?:-[A-Z]{2})?\.(?:md|vtt)")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")
_SPOKEN = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|tim(?:me|mar)?|min(?:ut(?:er)?)?|s|sek(?:und(?:er)?)?)\b", re.IGNORECASE)
_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+.*)?$")
# ffmpeg -i prints the container's length and each stream's codec on stderr
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_STREAM = re.compile(r"Stream #\d+:\d+(?:\[\w+\])?(?:\([^)]*\))?: (Video|Audio): (\w+)([^\n]*)")
_SIZE = re.compile(r", (\d{2,5})x(\d{2,5})")
# hosts known by another name: the reader is told the name the site permits
_HOST_ALIASES = {"youtu.be": "youtube.com", "youtube-nocookie.com": "youtube.com"}


def slot(number: int) -> str:
    return f'<div class="media-slot" id="{slot_id(number)}"></div>'


def slot_id(number: int) -> str:
    return f"media-{number}"


def is_media_file(url: str) -> bool:
    return Path(unquote(urlsplit(url).path)).suffix.lower() in MEDIA_TYPES


def is_companion(path: Path) -> bool:
    """`film.sv.md` or `film.sv.vtt`: a recording's text in a language, never a lesson (an unused one is reported)."""
    return bool(_COMPANION.fullmatch(path.name))


@dataclass(frozen=True)
class MediaSource:
    """A recording as written: a file's image line (`url`, `title`), or a block's YAML for a video elsewhere."""

    line: int
    url: str = ""
    title: str = ""
    block: str | None = None  # the YAML of a ```video block
    block_line: int = 0  # its first line


@dataclass(frozen=True)
class Extracted:
    body: str  # the lesson's Markdown with a slot where each recording was
    sources: list[MediaSource]
    problems: list[tuple[int, str]]


def extract(body: str, first_line: int) -> Extracted:
    """Every recording of a lesson body; code blocks (any other fence) are left alone."""
    lines = body.split("\n")
    out: list[str] = []
    sources: list[MediaSource] = []
    problems: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            marker = fence["fence"]
            close = next((i for i in range(index + 1, len(lines)) if _closes(lines[i], marker)), None)
            end = close if close is not None else len(lines) - 1
            if fence["info"].lower() != "video":
                out.extend(lines[index : end + 1])
                index = end + 1
                continue
            if close is None:
                problems.append(
                    (first_line + index, f"videoblocket avslutas aldrig: skriv {marker} på en egen rad efter det (unclosed block)")
                )
            sources.append(MediaSource(first_line + index, block="\n".join(lines[index + 1 : end]), block_line=first_line + index + 1))
            out.append(slot(len(sources)))
            out.extend([""] * (end - index))
            index = end + 1
            continue
        media = _MEDIA_LINE.match(line)
        url = (media["angled"] if media["angled"] is not None else media["url"]) if media else ""
        if media and is_media_file(url):
            sources.append(MediaSource(first_line + index, url=url, title=media["alt"].strip()))
            # a block of raw HTML must stand between blank lines, or Markdown takes it into the paragraph around it
            before = [""] if out and out[-1].strip() else []
            after = [""] if index + 1 < len(lines) and lines[index + 1].strip() else []
            out.extend([*before, slot(len(sources)), *after])
        else:
            out.append(line)
        index += 1
    return Extracted("\n".join(out), sources, problems)


def _closes(line: str, marker: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]).strip()


@dataclass(frozen=True)
class Probe:
    seconds: float
    video: str | None  # codec of the picture, None for sound only (a cover image does not count)
    audio: str | None
    width: int = 0
    height: int = 0


def probe(path: Path) -> Probe | None:
    """Length and codecs of a recording, read from its header by the ffmpeg that imageio-ffmpeg ships; None if unreadable."""
    stat = path.stat()
    return _probe(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1024)
def _probe(path: str, mtime_ns: int, size: int) -> Probe | None:
    # keyed by modification time and size too, so that the preview notices a re-encoded file
    import imageio_ffmpeg

    try:
        done = subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", path], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    # without an output file ffmpeg always exits with 1; the header is on stderr all the same
    report = done.stderr.decode("utf-8", "replace")
    duration = _DURATION.search(report)
    if duration is None:
        return None
    seconds = int(duration[1]) * 3600 + int(duration[2]) * 60 + float(duration[3])
    video = audio = None
    width = height = 0
    for kind, codec, rest in _STREAM.findall(report):
        if kind == "Video" and video is None and "attached pic" not in rest:
            video = codec
            size_match = _SIZE.search(rest)
            width, height = (int(size_match[1]), int(size_match[2])) if size_match else (0, 0)
        elif kind == "Audio" and audio is None:
            audio = codec
    if video is None and audio is None:
        return None
    return Probe(seconds, video, audio, width, height)


def caption_problems(text: str, seconds: float | None) -> list[tuple[int, str]]:
    """What is wrong with a WebVTT file, each at its line; webvtt-py parses it strictly after the line checks."""
    lines = text.split("\n")
    problems: list[tuple[int, str]] = []
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        return [(1, "en textfil (WebVTT) börjar med raden WEBVTT (a WebVTT file starts with 'WEBVTT')")]
    previous = -1.0
    cues = 0
    # "-->" may stand only on a cue's timing line (WebVTT forbids it in cue text and comments)
    for number, line in enumerate(lines, 1):
        if "-->" not in line:
            continue
        timing = _TIMING.match(line.strip())
        if not timing:
            problems.append(
                (number, f"tidsraden förstås inte: {line.strip()!r}; skriv t.ex. 00:00:01.000 --> 00:00:04.500 (bad cue timing)")
            )
            continue
        cues += 1
        start, end = _seconds(*timing.groups()[:4]), _seconds(*timing.groups()[4:])
        if end <= start:
            problems.append((number, "repliken slutar innan den börjar (cue ends before it starts)"))
        if start < previous:
            problems.append((number, "repliken börjar före den förra; ordna replikerna efter tid (cues out of order)"))
        if seconds is not None and end > seconds + CUE_TOLERANCE:
            problems.append(
                (
                    number,
                    f"repliken slutar {_clock(end)}, efter inspelningens slut {_clock(seconds)} (cue past the end of the recording)",
                )
            )
        previous = start
    if problems:
        return problems
    try:
        webvtt.from_string(text, strict=True)
    except (MalformedFileError, MalformedCaptionError) as exc:
        return [(_line_of_error(lines, str(exc)), f"textfilen är inte giltig WebVTT: {exc} (invalid WebVTT)")]
    if not cues:
        return [(1, "textfilen har inga repliker (no cues)")]
    return []


def caption_text(text: str) -> list[str]:
    """The cues' words, for reading captions as a transcript where no player shows them (a video elsewhere)."""
    return [caption.text for caption in webvtt.from_string(text, strict=True).captions]


def _line_of_error(lines: list[str], message: str) -> int:
    quoted = re.findall(r"'([^']+)'", message)
    for needle in quoted:
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number
    return 1


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _clock(seconds: float) -> str:
    whole = math.floor(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def parse_seconds(value: object) -> float | None:
    """'3:20', '1:02:03', '3 min 20 s', '45 s', '2 min' as seconds; None if not a length."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    text = str(value).strip()
    clock = _CLOCK.match(text)
    if clock:
        return int(clock[1] or 0) * 3600 + int(clock[2]) * 60 + int(clock[3])
    parts = list(_SPOKEN.finditer(text))
    if not parts or _SPOKEN.sub("", text).strip():
        return None
    total = 0.0
    for part in parts:
        amount, unit = float(part[1].replace(",", ".")), part[2].lower()
        total += amount * (3600 if unit.startswith(("h", "t")) else 60 if unit.startswith("m") else 1)
    return total if total > 0 else None


def permitted_host(host: str, hosts: tuple[str, ...]) -> str | None:
    """The permitted host (as mkdocs.yml names it) that `host` belongs to, or None."""
    host = host.lower().removeprefix("www.")
    host = _HOST_ALIASES.get(host, host)
    return next((allowed for allowed in hosts if host == allowed or host.endswith("." + allowed)), None)


def embed_url(url: str) -> str | None:
    """The privacy-friendlier player address of a YouTube or Vimeo video; None for another service."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        path = parts.path.split("/")
        video_id = parse_qs(parts.query).get("v", [None])[0] if parts.path == "/watch" else path[2] if len(path) > 2 else None
        if path[1:2] and path[1] not in ("watch", "embed", "shorts", "live"):
            video_id = None
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
    if video_id is not None:
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if re.fullmatch(r"[\w-]{6,20}", video_id) else None
    if host in ("vimeo.com", "player.vimeo.com"):
        found = re.search(r"/(\d+)(?:/|$)", parts.path)
        # dnt=1: the player sets no cookies and keeps no statistics of the session
        return f"https://player.vimeo.com/video/{found[1]}?dnt=1" if found else None
    return None


class MediaReader:
    """Reads each recording of a lesson into the model: its files, their checks, their outputs' paths."""

    def __init__(
        self, files: CourseFiles, renderer: MarkdownRenderer, problems: Problems, hosts: tuple[str, ...], language: str = "sv"
    ) -> None:
        self.language = language  # the course's: its captions are the ones a player shows by default
        self.files = files
        self.renderer = renderer
        self.problems = problems
        self.hosts = hosts

    def read(self, source: MediaSource, number: int, lesson: Path) -> tuple[Media | None, list[Reference]]:
        """The recording and the references it adds to its lesson (its file, its poster), for credits and packages."""
        if source.block is not None:
            return self._external(source, number, lesson)
        return self._file(source, number, lesson)

    def _file(self, source: MediaSource, number: int, lesson: Path) -> tuple[Media | None, list[Reference]]:
        if not source.title:
            self.problems.error(
                lesson,
                source.line,
                f"inspelningen {source.url!r} saknar titel: skriv den inom hakparenteserna, ![Titel]({source.url}) (recording without a title)",
            )
        reference = self._reference(source.url, source.line, lesson)
        if reference is None:
            return None, []
        real = self._real(source.url, lesson)
        found = probe(real)
        suffix = real.suffix.lower()
        if found is None:
            self.problems.error(lesson, source.line, f"{real.name} går inte att läsa som video eller ljud (unreadable media file)")
            return None, [reference]
        video_codecs, audio_codecs = PLAYABLE[suffix]
        for codec, playable, what in ((found.video, video_codecs, "bilden"), (found.audio, audio_codecs, "ljudet")):
            if codec is not None and codec not in playable:
                self.problems.error(
                    lesson,
                    source.line,
                    f"{what} i {real.name} är kodat som {codec}, som inte alla webbläsare spelar; koda om till "
                    f"{' eller '.join(sorted(playable)) or 'en ljudfil'} (codec browsers do not play)",
                )
        kind = MediaKind.VIDEO if found.video and suffix in (".webm", ".mp4") else MediaKind.AUDIO
        speech = self._speech(real)
        captions, transcripts, poster = self._companions(real, found.seconds, kind)
        references = [reference]
        if poster:
            references.append(Reference(poster[0], ReferenceKind.ASSET, poster[1], "", source.line))
        what = "videon" if kind is MediaKind.VIDEO else "ljudet"
        stem = real.name[: -len(real.suffix)]
        if kind is MediaKind.VIDEO and speech and not captions:
            self.problems.error(
                lesson,
                source.line,
                f"videon {real.name} saknar textning: lägg en WebVTT-fil {stem}.sv.vtt bredvid den, eller skriv speech: false i "
                f"{real.name}.yml om videon saknar tal (video without captions)",
            )
        elif not transcripts and (kind is MediaKind.AUDIO or not speech):
            text = "en transkription" if kind is MediaKind.AUDIO else "en beskrivning av vad som visas"
            self.problems.error(
                lesson,
                source.line,
                f"{what} {real.name} saknar {text}: skriv den i {stem}.sv.md bredvid filen (missing transcript or description)",
            )
        media = Media(
            number=number,
            kind=kind,
            title=source.title,
            seconds=found.seconds,
            path=reference.target,
            media_type=MEDIA_TYPES[suffix],
            width=found.width,
            height=found.height,
            poster=poster[1] if poster else "",
            captions=captions,
            transcripts=transcripts,
            speech=speech,
            line=source.line,
        )
        return media, references

    def _external(self, source: MediaSource, number: int, lesson: Path) -> tuple[Media | None, list[Reference]]:
        data = parse_yaml(source.block or "", lesson, self.problems, source.block_line)
        if not isinstance(data, YamlMap):
            if data is not None:
                self.problems.error(
                    lesson,
                    source.line,
                    "videoblocket ska bestå av fält på formen 'namn: värde', t.ex. url: https://… (expected 'name: value' fields)",
                )
            return None, []
        fields = FieldReader(data, lesson, self.problems, "video")
        url = fields.url("url", required=True)
        title = fields.text("title", required=True, example="Intervju med museichefen")
        duration_text = fields.raw("duration")
        if isinstance(duration_text, int) and not isinstance(duration_text, bool):
            # YAML 1.1 reads 3:20 as the number 200 (base 60); a bare number without a colon names no unit
            written = (source.block or "").split("\n")[fields.line("duration") - source.block_line]
            seconds = float(duration_text) if ":" in written.partition(":")[2] else None
        else:
            seconds = parse_seconds(duration_text)
        if duration_text is None:
            fields.text("duration", required=True, example="3 min 20 s")
        elif seconds is None:
            self.problems.error(
                lesson, fields.line("duration"), "'duration' förstås inte: skriv t.ex. 3:20 eller 3 min 20 s (unreadable duration)"
            )
        poster_url = fields.text("poster", required=True, example="media/intervju.jpg")
        references: list[Reference] = []
        poster = ""
        if poster_url:
            reference = self._reference(poster_url, fields.line("poster"), lesson, image=True)
            if reference is not None:
                references.append(reference)
                poster = reference.target
        captions, transcripts = self._external_texts(fields, lesson, seconds)
        if fields.has("url") and not fields.has("captions") and not fields.has("transcript"):
            self.problems.error(
                lesson,
                source.line,
                "videon behöver textning (captions: fil.sv.vtt) eller en transkription (transcript: fil.sv.md) i kursmappen, "
                "så att den går att ta del av utan att hämtas (captions or a transcript are required)",
            )
        external = self._host(url, fields, lesson) if url else None
        fields.report_unknown(VIDEO_FIELDS)
        if external is None or not title or seconds is None:
            return None, references
        media = Media(
            number=number,
            kind=MediaKind.VIDEO,
            title=title,
            seconds=seconds,
            poster=poster,
            captions=captions,
            transcripts=transcripts,
            external=external,
            line=source.line,
        )
        return media, references

    def _host(self, url: str, fields: FieldReader, lesson: Path) -> ExternalVideo | None:
        host = urlsplit(url).hostname or ""
        allowed = permitted_host(host, self.hosts)
        if allowed is None:
            permitted = ", ".join(self.hosts) or "inga"
            self.problems.error(
                lesson,
                fields.line("url"),
                f"videor från {host} är inte tillåtna på webbplatsen (tillåtna: {permitted}); lägg till värden under "
                f"extra.media.hosts i mkdocs.yml om organisationen godkänner den (host not permitted)",
            )
            return None
        embed = fields.url("embed", required=False)
        if embed and permitted_host(urlsplit(embed).hostname or "", self.hosts) != allowed:
            self.problems.error(
                lesson, fields.line("embed"), f"embed ska ligga på samma tjänst som url ({allowed}) (embed on another host)"
            )
            return None
        embed = embed or embed_url(url)
        if embed is None:
            self.problems.error(
                lesson,
                fields.line("url"),
                f"adressen till spelaren går inte att räkna ut från {url}; ange den med embed: https://… (no player address)",
            )
            return None
        if url_problem(embed, schemes=("https",)):
            self.problems.error(lesson, fields.line("embed"), "embed ska vara en https-adress (player address must be https)")
            return None
        return ExternalVideo(allowed, url, embed)

    def _external_texts(
        self, fields: FieldReader, lesson: Path, seconds: float | None
    ) -> tuple[tuple[TextTrack, ...], tuple[Transcript, ...]]:
        captions: list[TextTrack] = []
        transcripts: list[Transcript] = []
        raw = fields.raw("captions")
        entries = (
            [(raw, fields.line("captions"))]
            if isinstance(raw, str)
            else [(item, line) for item, line in fields.items("captions")]
            if isinstance(raw, YamlList)
            else []
        )
        for entry, line in entries:
            reference = self._reference(str(entry), line, lesson, suffix=CAPTION_SUFFIX)
            if reference is None:
                continue
            track = self._caption(self._real(str(entry), lesson), seconds)
            if track is None:
                continue
            captions.append(track)
            # no player shows the captions of a video that is not loaded: their words are its transcript on the page
            text = read_text(self._real(str(entry), lesson), Problems(self.files.course_root)) or ""
            words = "".join(f"<p>{html.escape(cue)}</p>" for cue in caption_text(text))
            transcripts.append(Transcript(track.language, words, track.path))
        transcript = fields.text("transcript", required=False)
        if transcript:
            reference = self._reference(transcript, fields.line("transcript"), lesson, suffix=TRANSCRIPT_SUFFIX)
            if reference is not None:
                found = self._transcript(self._real(transcript, lesson))
                if found is not None:
                    transcripts.insert(0, found)
        return tuple(captions), tuple(transcripts)

    def _reference(self, url: str, line: int, lesson: Path, image: bool = False, suffix: str | None = None) -> Reference | None:
        real = self._real(url, lesson)
        if suffix is not None and real.suffix.lower() != suffix:
            kind = "en WebVTT-fil (.vtt)" if suffix == CAPTION_SUFFIX else "en Markdown-fil (.md)"
            self.problems.error(lesson, line, f"{url!r} ska vara {kind} (wrong file type)")
            return None
        if suffix == TRANSCRIPT_SUFFIX and real.is_file():
            # resolve() refuses .md files (they are lessons or nothing); a transcript is published as text
            return Reference(url, ReferenceKind.ASSET, self._transcript_path(real), "", line)
        return resolve(FoundUrl(url, image, "-"), line, lesson, frozenset(), self.files, self.problems)

    def _real(self, url: str, lesson: Path) -> Path:
        return Path(os.path.realpath(lesson.parent / unquote(urlsplit(url).path)))

    def _transcript_path(self, real: Path) -> str:
        return self.files.asset_path(real, TRANSCRIPT_OUTPUT)

    def _speech(self, real: Path) -> bool:
        """`speech: false` in the file's TASL; its other fields, and any mistake in it, the loader reports with the TASL."""
        tasl = real.with_name(real.name + ".yml")
        if not tasl.is_file():
            return True
        quiet = Problems(self.files.course_root)
        text = read_text(tasl, quiet)
        data = parse_yaml(text, tasl, quiet) if text is not None else None
        return not (isinstance(data, YamlMap) and data.get("speech") is False)

    def _companions(
        self, real: Path, seconds: float, kind: MediaKind
    ) -> tuple[tuple[TextTrack, ...], tuple[Transcript, ...], tuple[str, str] | None]:
        """The captions, transcripts and poster beside a file, found by name (`film.sv.vtt`, `film.sv.md`, `film.png`)."""
        stem = real.name[: -len(real.suffix)]
        captions: list[TextTrack] = []
        transcripts: list[Transcript] = []
        poster: tuple[str, str] | None = None
        for path in sorted(real.parent.iterdir()):
            name = path.name
            if not name.startswith(stem + ".") or not path.is_file() or path == real:
                continue
            rest = name[len(stem) + 1 :]
            language, _, suffix = rest.rpartition(".")
            suffix = "." + suffix.lower()
            if suffix not in (CAPTION_SUFFIX, TRANSCRIPT_SUFFIX) and not (not language and suffix in POSTER_SUFFIXES):
                continue
            if suffix in POSTER_SUFFIXES:
                if poster is None:
                    poster = (name, self.files.asset_path(Path(os.path.realpath(path))))
                continue
            if not LANGUAGE_CODE.match(language):
                what = "textfilen" if suffix == CAPTION_SUFFIX else "transkriptionen"
                self.problems.error(
                    path,
                    1,
                    f"{what} {name} ska heta {stem}.<språkkod>{suffix}, t.ex. {stem}.sv{suffix}; '{language}' är ingen språkkod "
                    f"(language code expected)",
                )
                continue
            if suffix == CAPTION_SUFFIX:
                if kind is MediaKind.AUDIO:
                    continue  # a player of sound shows no captions: its transcript is the text alternative
                track = self._caption(Path(os.path.realpath(path)), seconds)
                if track is not None:
                    captions.append(track)
            else:
                transcript = self._transcript(Path(os.path.realpath(path)))
                if transcript is not None:
                    transcripts.append(transcript)
        # the course's language first: the player shows the first track unless the reader picks another
        first = sorted(captions, key=lambda track: track.language != self.language)
        return tuple(first), tuple(sorted(transcripts, key=lambda text: text.language != self.language)), poster

    def _caption(self, path: Path, seconds: float | None) -> TextTrack | None:
        text = read_text(path, self.problems)
        if text is None:
            return None
        found = caption_problems(text, seconds)
        for line, message in found:
            self.problems.error(path, line, message)
        language = path.name[: -len(CAPTION_SUFFIX)].rpartition(".")[2]
        return None if found else TextTrack(language, self.files.asset_path(path))

    def _transcript(self, path: Path) -> Transcript | None:
        """A transcript rendered and checked like a lesson body; it may link to the web, not to course files."""
        text = read_text(path, self.problems)
        if text is None:
            return None
        words = render_side_text(text, path, 1, self.renderer, self.problems, ("en transkription", "transcripts"))
        language = path.name[: -len(TRANSCRIPT_SUFFIX)].rpartition(".")[2]
        return Transcript(language, words, self._transcript_path(path))

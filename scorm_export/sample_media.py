"""Make the sample video and audio of the course digital-tillganglighet: `python -m scorm_export.sample_media`.

The course needs a real video with captions and a real audio clip to show (and test) media in lessons, and
they must be free to publish: so the project makes them itself, from the slides and narration below.
It needs three tools: espeak-ng (the Swedish voice, `espeak-ng -v sv`), rsvg-convert (librsvg2-bin, the
slides from SVG to PNG) and the ffmpeg bundled with the PyPI package imageio-ffmpeg (that build has no
drawtext filter, hence the SVG slides). It writes the video (VP9 + Opus in WebM) with its poster, WebVTT
captions and transcript, the audio (MP3) with its transcript, and a TASL file for each media file.
The outputs are committed, so CI never re-encodes; the flags aim at the same bytes on every run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from scorm_export.project import find_root

MEDIA = Path("content/digital-tillganglighet/02-publicera-tillgangligt/media")
RATE = 22050  # espeak-ng writes 16-bit mono WAV at this rate
FPS = 10
GAP = 0.3  # seconds of silence after each cue
TAIL = 1.0  # more silence at the end, so that the last cue ends well before the media does
ESPEAK = ["espeak-ng", "-v", "sv", "-s", "165", "-p", "50", "-a", "100"]
BITEXACT = ["-threads", "1", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"]
VP9 = ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "50", "-deadline", "good", "-cpu-used", "4", "-g", "50", "-row-mt", "0"]
OPUS = ["-c:a", "libopus", "-b:a", "32k", "-ac", "1", "-ar", "48000"]
MP3 = ["-c:a", "libmp3lame", "-b:a", "48k", "-ac", "1", "-id3v2_version", "0"]
CREATORS = "Utvecklarna av scorm-export"


@dataclass(frozen=True)
class Cue:
    text: str  # the caption and the transcript: exactly what is said
    say: str = ""  # the same words spelled for espeak-ng where its Swedish rules misread them (letters, decimal comma)


@dataclass(frozen=True)
class Slide:
    title: str
    lines: tuple[str, ...]
    note: str  # what the transcript says is shown
    cues: tuple[Cue, ...]


SLIDES = (
    Slide(
        "Textning av video",
        ("Varför video behöver text –", "och hur den här videon gjordes"),
        "Bild 1: rubriken ”Textning av video” och texten ”Varför video behöver text – och hur den här videon gjordes”.",
        (Cue("En kort video om textning:"), Cue("varför video behöver text, och hur den här videon gjordes.")),
    ),
    Slide(
        "Vem behöver textning?",
        ("• Den som hör dåligt eller inte alls", "• Den som inte kan ha ljudet på", "• Förinspelad video ska ha textning"),
        "Bild 2: rubriken ”Vem behöver textning?” och tre punkter: ”Den som hör dåligt eller inte alls”,"
        " ”Den som inte kan ha ljudet på” och ”Förinspelad video ska ha textning”.",
        (
            Cue("Vem behöver textning? Den som hör dåligt eller inte alls,"),
            Cue("och den som inte kan ha ljudet på."),
            Cue("Förinspelad video med ljud ska därför ha textning."),
        ),
    ),
    Slide(
        "Så gjordes videon",
        ("• Bilderna: SVG och ffmpeg", "• Rösten: talsyntes med espeak-ng", "• Textningen: en WebVTT-fil", "• Samma text som textversion"),
        "Bild 3: rubriken ”Så gjordes videon” och fyra punkter: ”Bilderna: SVG och ffmpeg”, ”Rösten: talsyntes med espeak-ng”,"
        " ”Textningen: en WebVTT-fil” och ”Samma text som textversion”.",
        (
            Cue("Så gjordes videon: bilderna ritades som SVG och blev video med ffmpeg."),
            Cue("Rösten är talsyntes med espeak-ng.", "Rösten är talsyntes med espeak N G."),
            Cue("Textningen är en WebVTT-fil, och samma text finns också som textversion."),
        ),
    ),
)

KONTRAST = (
    Cue("Text måste gå att skilja från bakgrunden."),
    Cue(
        "WCAG 2.1 på nivå AA kräver en kontrast på minst 4,5 till 1 för vanlig text, och minst 3 till 1 för stor text.",
        "W C A G 2.1 på nivå A A kräver en kontrast på minst fyra komma fem till ett för vanlig text, och minst tre till ett för stor text.",
    ),
    Cue("Kontrollera färgerna med ett kontrastverktyg."),
    Cue("Och förmedla aldrig information enbart med färg."),
)

TASL = {
    "textning.webm": "Textning av video – exempelvideo",
    "textning.png": "Textning av video – affischbild till exempelvideon",
    "kontrast.mp3": "Kontrast för text – exempelljud",
}


def slide_svg(slide: Slide) -> str:
    """A 640×360 slide: near-black DejaVu Sans on white (contrast about 19:1), title 36 px, text 28 px."""
    rows = "".join(f'<text x="40" y="{150 + 46 * i}" font-size="28">{escape(line)}</text>' for i, line in enumerate(slide.lines))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"'
        ' font-family="DejaVu Sans" fill="#111111" xml:space="preserve">'
        '<rect width="640" height="360" fill="#ffffff"/><rect width="640" height="10" fill="#1d4f91"/>'
        f'<text x="40" y="80" font-size="36" font-weight="bold">{escape(slide.title)}</text>{rows}</svg>'
    )


def speak(cues: tuple[Cue, ...], work: Path, name: str) -> tuple[list[tuple[float, float]], bytes]:
    """Each cue through espeak-ng (one call each), with GAP of silence after it: the (start, end) of each cue and the PCM."""
    pcm, times = b"", []
    for i, cue in enumerate(cues):
        wav = work / f"{name}-{i}.wav"
        subprocess.run([*ESPEAK, "-w", str(wav), cue.say or cue.text], check=True)
        with wave.open(str(wav)) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE), f"{wav}: not 16-bit mono at {RATE} Hz"
            start = seconds(pcm)
            pcm += w.readframes(w.getnframes())
        times.append((start, seconds(pcm)))
        pcm += b"\0\0" * round(GAP * RATE)
    return times, pcm


def seconds(pcm: bytes) -> float:
    return len(pcm) // 2 / RATE


def write_wav(path: Path, pcm: bytes) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)


def pad_to_frame(pcm: bytes, extra: float = 0.0) -> bytes:
    """The PCM with `extra` seconds of silence, then more, up to a whole number of video frames."""
    per_frame = RATE // FPS
    frames = -(-(len(pcm) // 2 + round(extra * RATE)) // per_frame)
    return pcm + b"\0\0" * (frames * per_frame - len(pcm) // 2)


def timestamp(at: float) -> str:
    ms = round(at * 1000)
    return f"{ms // 3_600_000:02}:{ms // 60_000 % 60:02}:{ms // 1000 % 60:02}.{ms % 1000:03}"


def encode(ffmpeg: str, args: list[str], target: Path) -> None:
    subprocess.run([ffmpeg, "-y", "-nostdin", "-loglevel", "error", *args, *BITEXACT, str(target)], check=True)


def duration(ffmpeg: str, path: Path) -> float:
    """The duration ffmpeg reads from the file's header."""
    err = subprocess.run([ffmpeg, "-hide_banner", "-nostdin", "-i", str(path)], capture_output=True, text=True).stderr
    match = re.search(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)", err)
    assert match, err
    return int(match[1]) * 3600 + int(match[2]) * 60 + float(match[3])


def make_video(ffmpeg: str, out: Path, work: Path) -> None:
    pcm, cues, inputs, labels, transcript = b"", [], [], "", []
    for n, slide in enumerate(SLIDES):
        (work / f"s{n}.svg").write_text(slide_svg(slide), encoding="utf-8")
        subprocess.run(["rsvg-convert", "-w", "640", "-h", "360", "-o", str(work / f"s{n}.png"), str(work / f"s{n}.svg")], check=True)
        times, speech = speak(slide.cues, work, f"s{n}")
        offset = seconds(pcm)
        cues += [(offset + a, offset + b, cue.text) for (a, b), cue in zip(times, slide.cues, strict=True)]
        pcm += pad_to_frame(speech, TAIL if n == len(SLIDES) - 1 else 0.0)
        inputs += ["-loop", "1", "-framerate", str(FPS), "-t", f"{seconds(pcm) - offset:.1f}", "-i", str(work / f"s{n}.png")]
        labels += f"[{n}:v]"
        transcript += [f"[{slide.note}]", " ".join(cue.text for cue in slide.cues)]
    write_wav(work / "voice.wav", pcm)
    shutil.copyfile(work / "s0.png", out / "textning.png")
    slides = f"{labels}concat=n={len(SLIDES)}:v=1:a=0,format=yuv420p[v]"
    voice = ["-i", str(work / "voice.wav"), "-filter_complex", slides, "-map", "[v]", "-map", f"{len(SLIDES)}:a"]
    encode(ffmpeg, [*inputs, *voice, *VP9, *OPUS], out / "textning.webm")
    vtt = "".join(f"\n{timestamp(a)} --> {timestamp(b)}\n{text}\n" for a, b, text in cues)
    (out / "textning.sv.vtt").write_text(f"WEBVTT\n{vtt}", encoding="utf-8")
    (out / "textning.sv.md").write_text("\n\n".join(transcript) + "\n", encoding="utf-8")
    length = duration(ffmpeg, out / "textning.webm")
    if cues[-1][1] > length:
        raise SystemExit(f"the last cue ends at {cues[-1][1]:.3f} s, after the video ({length:.3f} s)")


def make_audio(ffmpeg: str, out: Path, work: Path) -> None:
    _, speech = speak(KONTRAST, work, "kontrast")
    write_wav(work / "kontrast.wav", pad_to_frame(speech, TAIL))
    encode(ffmpeg, ["-i", str(work / "kontrast.wav"), *MP3], out / "kontrast.mp3")
    (out / "kontrast.sv.md").write_text(" ".join(cue.text for cue in KONTRAST) + "\n", encoding="utf-8")


def main() -> None:
    import imageio_ffmpeg

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    root = find_root(Path.cwd())
    out = root / MEDIA
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        make_video(ffmpeg, out, Path(tmp))
        make_audio(ffmpeg, out, Path(tmp))
    for name, title in TASL.items():
        (out / f"{name}.yml").write_text(f"title: {title}\ncreators:\n  - {CREATORS}\nlicence: CC-BY-4.0\n", encoding="utf-8")
    for path in sorted(out.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.relative_to(root)}")


if __name__ == "__main__":
    main()

"""A lesson's recordings as HTML for one output, put where the loader left their slots (as questions are).

Each output says where a file is published (`url`: asset path -> address from the lesson's page); the markup
itself is theme/media.html, the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment

from .course.media import slot_id
from .course.model import Lesson


def media_markup(
    lesson: Lesson,
    url: Callable[[str], str],
    env: Environment,
    strings: dict[str, str],
    credits: dict[str, str],
    *,
    elsewhere: str | None = None,
    script: bool = True,
    poster: bool = True,
) -> dict[str, str]:
    """Slot id -> the recording's HTML. `credits` holds each asset's credit HTML by path; `elsewhere` is the
    site's page of the lesson when a package leaves its recordings out; `script` is False where no script runs;
    `poster` False leaves a video's poster attribute out (see theme/media.html)."""
    macro: Any = env.get_template("media.html").module
    return {
        slot_id(media.number): str(
            macro.media(media, url, strings, credits.get(media.path, ""), elsewhere if media.path else None, script, poster)
        ).strip()
        for media in lesson.media
    }

"""Markdown that stands beside the lessons (a recording's transcript, a course's changelog).

It goes through the one renderer and the same sanitizer as a lesson body, but it is published on pages of its
own in every output (a download, a history page), so it may link to the web and nowhere else: no course files,
no images, and no ids that could collide with the page around it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from ..markdown_render import MarkdownRenderer
from ..problems import Problems
from .html_policy import checked

# heading and footnote ids: the text is set into a page that has its own
_ID_ATTRIBUTE = re.compile(r'\s(?:id|href)="#?fn(?:ref)?:[^"]*"|\sid="[^"]*"')
WEB_SCHEMES = ("http", "https", "mailto")


def render_side_text(text: str, path: Path, first_line: int, renderer: MarkdownRenderer, problems: Problems, what: tuple[str, str]) -> str:
    """`text` (from line `first_line` of `path`) as sanitized HTML; `what` names it in messages, ("en transkription", "transcripts")."""
    rendered = renderer.render(text)
    sanitized, removed = checked(rendered.html)
    for item in removed:
        problems.error(path, first_line - 1 + line_of(text, item.needle), item.message())
    for found in rendered.urls:
        if found.is_image or urlsplit(found.url).scheme not in WEB_SCHEMES:
            problems.error(
                path,
                first_line - 1 + line_of(text, found.url),
                f"{what[0]} kan bara länka till webbadresser (https://…), inte visa bilder eller länka till kursens filer: "
                f"{found.url!r} ({what[1]} link to the web only)",
            )
    return _ID_ATTRIBUTE.sub("", sanitized)


def line_of(text: str, needle: str) -> int:
    """The line (from 1) of the first occurrence of `needle` in `text`; 1 when it is not there."""
    index = text.lower().find(needle.lower())
    return text.count("\n", 0, index) + 1 if index >= 0 else 1

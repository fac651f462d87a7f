"""Pointing a lesson's links and images at where each output publishes their targets.

The loader resolved every reference once (to a lesson, an asset, an anchor or the outside world);
the site and every package only say where a lesson or an asset lives in their own tree. The same
mapping rewrites the lesson's rendered HTML (packages, and the site's pre-rendered pages) or its
Markdown source (the site's plain docs tree, rendered by MkDocs alone).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .course.model import Lesson, Reference, ReferenceKind
from .markdown_render import rewrite_urls

# where a reference's target is published, relative to the lesson's own page; None keeps the URL as written
Target = Callable[[Reference], str | None]

# a start tag with its attributes; quoted values may hold '>' (raw HTML keeps the author's quoting)
_TAG = re.compile(r"""<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*/?>""")
_URL_ATTRIBUTE = re.compile(r"""(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def link_targets(lesson: Lesson, target: Target) -> dict[str, str]:
    """Each reference's URL as written -> its URL in one output (with the fragment kept)."""
    targets: dict[str, str] = {}
    for reference in lesson.references:
        if reference.kind not in (ReferenceKind.LESSON, ReferenceKind.ASSET):
            continue
        where = target(reference)
        if where is not None:
            targets[reference.raw] = where + (f"#{reference.fragment}" if reference.fragment else "")
    return targets


def relink_html(lesson: Lesson, target: Target, body: str | None = None) -> str:
    """The lesson's rendered body (or `body`, e.g. its sanitized form) with links pointing at one output's targets."""
    body = lesson.html if body is None else body
    targets = link_targets(lesson, target)
    if not targets:
        return body

    def attribute(match: re.Match) -> str:
        double, single, bare = match.groups()[1:]
        new = targets.get(html.unescape(next(value for value in (double, single, bare) if value is not None)))
        if new is None:
            return match.group(0)
        # keep the author's quoting, so the page reads as if the renderer had written the new URL itself
        quote = "'" if single is not None else '"' if double is not None or re.search(r"[\s\"'=<>`]", new) else ""
        return f"{match.group(1)}{quote}{html.escape(new, quote=bool(quote))}{quote}"

    def tag(match: re.Match) -> str:
        text = match.group(0)
        # most tags (<p>, <li>, <strong>) have no attribute value at all: nothing to look at
        return _URL_ATTRIBUTE.sub(attribute, text) if "=" in text else text

    return _TAG.sub(tag, body)


def relink_markdown(lesson: Lesson, target: Target, html_target: Target | None = None) -> str:
    """The lesson's Markdown source with the same rewriting, for a renderer that starts from Markdown.

    `html_target` is for links in raw HTML, which a renderer passes through as written (MkDocs, say,
    turns Markdown links to .md files into page URLs but leaves raw HTML alone).
    """
    html_targets = link_targets(lesson, html_target).get if html_target else None
    return rewrite_urls(lesson.body, link_targets(lesson, target).get, html_targets)

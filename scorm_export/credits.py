"""Images as figures with their credit below: the one function the site and every package use.

The credit's HTML comes from theme/credit.html; this only finds each image that stands alone in a paragraph
and wraps it. An image inside running text keeps its place; every page also lists all its credits in its footer.
"""

from __future__ import annotations

import html
import re

_ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*"""
# a paragraph of just one image, as Python-Markdown (and the sanitizer after it) writes one
_IMAGE_PARAGRAPH = re.compile(rf"<p>\s*(<img{_ATTRIBUTES}\s*/?>)\s*</p>")
_SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def credited_figures(page_html: str, captions: dict[str, str]) -> str:
    """Every image paragraph whose image URL has a caption (HTML), as a figure with the caption below the image."""
    if not captions:
        return page_html

    def figure(match: re.Match) -> str:
        src = _SRC.search(match[1])
        caption = captions.get(html.unescape(next(value for value in src.groups() if value is not None))) if src else None
        if caption is None:
            return match[0]
        return f'<figure class="credited">{match[1]}<figcaption>{caption}</figcaption></figure>'

    return _IMAGE_PARAGRAPH.sub(figure, page_html)

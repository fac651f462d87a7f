"""An optional MkDocs plugin that puts each lesson's already rendered body into its page.

The loader renders every lesson once; without this plugin MkDocs would convert the same Markdown
again. The docs tree then holds a marker where the body goes, and this plugin swaps in the body,
with links already pointing at site URLs, and adds its headings to the page's table of contents.
Without the plugin the docs tree holds the Markdown itself, and the pages come out the same (a
test builds both ways and compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import AnchorLink

MARKER = "<!-- scorm-export: lesson body -->"
PLUGIN_NAME = "scorm-export-prerendered"


@dataclass(frozen=True)
class PrerenderedBody:
    html: str
    toc_tokens: tuple[dict[str, Any], ...]


class PrerenderedBodies(BasePlugin):
    def __init__(self, bodies: dict[str, PrerenderedBody]) -> None:
        super().__init__()
        self.bodies = bodies  # docs-tree path (src_uri) -> body

    def on_page_content(self, html: str, page, config, files) -> str:
        body = self.bodies.get(page.file.src_uri)
        if body is None:
            return html
        _add_headings(page.toc.items, [_anchor(token) for token in body.toc_tokens])
        return html.replace(MARKER, body.html.strip("\n"), 1)


def _anchor(token: dict[str, Any]) -> AnchorLink:
    anchor = AnchorLink(token["name"], token["id"], token["level"])
    anchor.children = [_anchor(child) for child in token["children"]]
    return anchor


def _add_headings(items: list[AnchorLink], headings: list[AnchorLink]) -> None:
    """Nest the body's headings as Markdown's toc would have nested them in the whole page."""
    for heading in headings:
        parent = items[-1] if items else None
        while parent is not None and parent.level < heading.level and parent.children and parent.children[-1].level < heading.level:
            parent = parent.children[-1]
        if parent is not None and parent.level < heading.level:
            parent.children.append(heading)
        else:
            items.append(heading)

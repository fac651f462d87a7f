"""A MkDocs plugin that puts each image of a lesson in a figure with its credit below it.

The credits are known only once the loader has read every file's TASL; they come to each page in its
front matter (`figures`: image URL -> credit HTML, made by theme/credit.html). The plugin works on the
finished page, so it does the same whether MkDocs or the loader rendered the body, and the search index,
made from the page's content before, holds no credit as lesson text. An image on its own line (a
paragraph of just the image) becomes a figure; an image inside running text keeps its place, and its
credit is in the page's footer like every other.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

from ..credits import credited_figures

PLUGIN_NAME = "scorm-export-figures"


PLUGIN_NAME = "scorm-export-figures"


class CreditedFigures(BasePlugin):
    def on_post_page(self, output: str, page, config) -> str:
        return credited_figures(output, (page.meta or {}).get("figures") or {})

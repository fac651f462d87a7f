"""A MkDocs plugin that puts each lesson's questions in their slots, and each image in a figure with its credit.

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
from ..question_markup import fill_slots

PLUGIN_NAME = "scorm-export-figures"


PLUGIN_NAME = "scorm-export-figures"


class CreditedFigures(BasePlugin):
    def on_page_content(self, html: str, page, config, files) -> str:
        # the questions go in before the search index is made: their texts are lesson text (the credits are not)
        return fill_slots(html, (page.meta or {}).get("questions") or {})

    def on_post_page(self, output: str, page, config) -> str:
        return credited_figures(output, (page.meta or {}).get("figures") or {})

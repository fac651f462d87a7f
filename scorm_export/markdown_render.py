"""The one Markdown renderer, configured from the extension list in `mkdocs.yml`.

MkDocs renders lessons for the site with the same list, so a lesson reads the same on the
site and inside a package. The loader also uses it to find links and images, so that what
it checks is exactly what gets rendered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE


@dataclass(frozen=True)
class FoundUrl:
    url: str
    is_image: bool
    alt: str


@dataclass(frozen=True)
class Rendered:
    html: str
    urls: list[FoundUrl]
    ids: frozenset[str]
    toc_tokens: tuple[dict[str, Any], ...] = ()  # the toc extension's headings, as MkDocs reads them


class _RawHtml(HTMLParser):
    """Links, images and ids in a piece of HTML that an author wrote inside the Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[FoundUrl] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if element_id := values.get("id"):
            self.ids.add(element_id)
        if tag == "a" and (href := values.get("href")) is not None:
            self.found.append(FoundUrl(href, False, ""))
        elif tag == "img":
            self.found.append(FoundUrl(values.get("src") or "", True, (values.get("alt") or "").strip()))


class _Collector(Treeprocessor):
    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: list[FoundUrl] = []
        self.ids: set[str] = set()

    def run(self, root: etree.Element) -> None:
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        """Elements and raw-HTML placeholders in document order, so that each URL's line can be found."""
        if element_id := element.get("id"):
            self.ids.add(element_id)
        if element.tag == "a" and (href := element.get("href")) is not None:
            self.found.append(FoundUrl(href, False, ""))
        elif element.tag == "img":
            self.found.append(FoundUrl(element.get("src", ""), True, (element.get("alt") or "").strip()))
        self._raw_html(element.text)
        for child in element:
            self._visit(child)
            self._raw_html(child.tail)

    def _raw_html(self, text: str | None) -> None:
        # raw HTML (<img src=...>, <a href=...>) is stashed out of the tree; it is rendered all the same,
        # so its links must be checked and its images published like Markdown ones
        blocks = self.md.htmlStash.rawHtmlBlocks
        for match in HTML_PLACEHOLDER_RE.finditer(text or ""):
            index = int(match.group(1))
            if index >= len(blocks) or not isinstance(blocks[index], str):
                continue
            parser = _RawHtml()
            try:
                parser.feed(blocks[index])
                parser.close()
            except AssertionError:  # html.parser asserts on some malformed declarations ('<![foo[')
                pass
            self.found.extend(parser.found)
            self.ids |= parser.ids


class MarkdownRenderer:
    def __init__(self, extensions: list[str], configs: dict[str, dict[str, Any]]) -> None:
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._collector = _Collector(self._md)
        # after inline patterns (priority 20) and before the serializer; ids from toc are added at 5
        self._md.treeprocessors.register(self._collector, "scorm_export_collector", 1)

    def html(self, text: str) -> str:
        self._md.reset()
        self._collector.found, self._collector.ids = [], set()
        return self._md.convert(text)

    def render(self, text: str) -> Rendered:
        """The HTML of a Markdown text with its links and images, in document order, and its element ids."""
        html = self.html(text)
        tokens = tuple(getattr(self._md, "toc_tokens", ()))
        return Rendered(html, list(self._collector.found), frozenset(self._collector.ids), tokens)

    def urls(self, text: str) -> tuple[list[FoundUrl], set[str]]:
        rendered = self.render(text)
        return rendered.urls, set(rendered.ids)


def rewrite_urls(
    text: str,
    replace: Callable[[str], str | None],
    replace_html: Callable[[str], str | None] | None = None,
) -> str:
    """Rewrite link and image targets in Markdown source; `replace` returns None to keep one.

    `replace_html`, if given, rewrites the src and href of raw HTML instead (no Markdown processor sees those).
    """
    replace_html = replace_html or replace

    def substitute(match: re.Match) -> str:
        url = match.group("angled") if match.group("angled") is not None else match.group("url")
        new = replace(url)
        if new is None:
            return match.group(0)
        return f"{match.group('lead')}<{new}>" if " " in new else f"{match.group('lead')}{new}"

    # Python-Markdown accepts spaces in a bare URL: it runs up to an optional "title" and the ')'
    inline = r"""(?P<lead>\]\(\s*)(?:<(?P<angled>[^>\n]*)>|(?P<url>[^)<>\n]+?))(?=\s*(?:"[^"\n]*"|'[^'\n]*')?\s*\))"""
    definition = r"(?m)(?P<lead>^ {0,3}\[[^\]\n]+\]:\s*)(?:<(?P<angled>[^>\n]*)>|(?P<url>\S+))"
    html_attribute = r"""(?P<lead>\b(?:src|href)=(?P<quote>["']))(?P<url>(?:(?!(?P=quote)).)*)(?=(?P=quote))"""
    for pattern in (inline, definition):
        text = re.sub(pattern, substitute, text)
    return re.sub(html_attribute, lambda m: f"{m.group('lead')}{replace_html(m.group('url')) or m.group('url')}", text)

"""Which HTML a lesson may contain, decided by the nh3 sanitizer over the lesson as it is rendered.

Authors may write harmless raw HTML (`<abbr>`, `<kbd>`, `<details>`, tables…) and attributes through
`attr_list`. Whatever nh3 would remove from a rendered lesson, an element, an attribute, a URL with
another scheme or a style property, is reported to the author instead of being removed silently: the
published lesson is then exactly what was checked. The allow-list is documented in README.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import lxml.html
import nh3
from lxml import etree

# Everything Python-Markdown and the extensions in mkdocs.yml produce, plus harmless inline and block HTML.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    }
)
_COMMON_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "style"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _COMMON_ATTRIBUTES,
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": {"title"},
    "bdo": {"dir"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "details": {"open"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "col": {"span"},
    "colgroup": {"span"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Properties that cannot load anything or move content over the page (tables use text-align)
STYLE_PROPERTIES = frozenset(
    {
        "text-align",
        "vertical-align",
        "color",
        "background-color",
        "font-weight",
        "font-style",
        "text-decoration",
        "white-space",
        "width",
        "min-width",
        "max-width",
    }
)

# why an element is not allowed, each ending in its English hint
_WHY = {
    "script": "skript från innehållet skulle köras hos varje läsare och i andras lärplattformar (security)",
    "iframe": "en inbäddad sida hämtas från en annan webbplats, som då får veta vem som läser, och paketen måste fungera utan internet; länka till sidan i stället (privacy, offline)",
    "object": "inbäddat innehåll hämtas från en annan källa och kan köra kod; länka till filen i stället (security, privacy)",
    "embed": "inbäddat innehåll hämtas från en annan källa och kan köra kod; länka till filen i stället (security, privacy)",
    "link": "en länkad resurs hämtas från en annan källa när sidan visas; utseendet kommer från temat (privacy, offline)",
    "style": "stilmallar i lektioner kan hämta resurser utifrån och ändra hela sidan; använd klasser via attr_list (stylesheet not allowed)",
    "form": "formulär skickar läsarens uppgifter någonstans; länka till formuläret i stället (privacy)",
    "svg": "inbäddad SVG kan innehålla skript; lägg bilden i en .svg-fil och visa den med ![alt](fil.svg) (inline SVG not allowed)",
    "video": "skriv video på en egen rad som en bild, ![Titel](film.webm), med textning bredvid; se Video och ljud i README (video written as an image)",
    "audio": "skriv ljud på en egen rad som en bild, ![Titel](ljud.mp3), med transkription bredvid; se Video och ljud i README (audio written as an image)",
}


@dataclass(frozen=True)
class Disallowed:
    """One thing the sanitizer would remove: an element, or an attribute (with its element)."""

    element: str
    attribute: str | None = None
    detail: str = ""

    @property
    def needle(self) -> str:
        """Text to look for in the Markdown source to find the line."""
        return self.attribute or f"<{self.element}"

    def message(self) -> str:
        if self.attribute is None:
            why = _WHY.get(self.element, "bara enkla HTML-element är tillåtna, se README (element not allowed)")
            return f"HTML-elementet <{self.element}> är inte tillåtet i en lektion: {why}"
        if self.attribute.startswith("on"):
            return (
                f"attributet {self.attribute} på <{self.element}> är inte tillåtet: det kör skript hos läsaren "
                "(event handlers are not allowed)"
            )
        if self.attribute == "style":
            return (
                f"style på <{self.element}> får bara innehålla {', '.join(sorted(STYLE_PROPERTIES))}, "
                f"utan url(): {self.detail} (style property not allowed)"
            )
        if self.attribute in ("href", "src"):
            return (
                f"{self.attribute} på <{self.element}> har ett adressformat som inte är tillåtet ({self.detail}); "
                "använd https:, http:, mailto: eller en relativ sökväg (URL scheme not allowed)"
            )
        return f"attributet {self.attribute} på <{self.element}> är inte tillåtet i en lektion, se README (attribute not allowed)"


def _start_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element with its attributes, in document order, as an HTML parser (libxml2's) sees them."""
    try:
        fragments = lxml.html.fragments_fromstring(html) if html.strip() else []
    except (etree.ParserError, ValueError):
        return []
    return [
        (str(element.tag), {str(name): str(value) for name, value in element.attrib.items()})
        for fragment in fragments
        if not isinstance(fragment, str)
        for element in fragment.iter()
        if isinstance(element.tag, str)
    ]


def sanitize(html: str) -> str:
    """The HTML as the policy allows it: what every output publishes."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags={"script", "style"},
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )


def _style_properties(value: str) -> list[str]:
    return [part.split(":", 1)[0].strip().lower() for part in value.split(";") if part.strip()]


def disallowed(html: str) -> list[Disallowed]:
    """What the sanitizer removes from `html`, in document order, each element or attribute once."""
    return checked(html)[1]


def checked(html: str) -> tuple[str, list[Disallowed]]:
    """The sanitized HTML and what the sanitizer removed from it (nothing, for a lesson that passes check)."""
    sanitized = sanitize(html)
    # the same parser reads both sides, so whatever differs is what the sanitizer removed
    kept = _start_tags(sanitized)
    kept_elements = Counter(tag for tag, _ in kept)
    kept_attributes = Counter((tag, name, value) for tag, attrs in kept for name, value in attrs.items())
    found: list[Disallowed] = []
    for tag, attrs in _start_tags(html):
        if kept_elements[tag] <= 0:
            found.append(Disallowed(tag))
            continue
        kept_elements[tag] -= 1
        for name, value in attrs.items():
            if name == "style":
                extra = [p for p in _style_properties(value) if p not in STYLE_PROPERTIES]
                if extra or re.search(r"url\s*\(|@import|expression\s*\(", value, re.IGNORECASE):
                    found.append(Disallowed(tag, name, ", ".join(extra) or value))
                continue
            if kept_attributes[(tag, name, value)] > 0:
                kept_attributes[(tag, name, value)] -= 1
                continue
            shown = value.split(":", 1)[0] + ":" if ":" in value else value
            found.append(Disallowed(tag, name, shown.encode("unicode_escape").decode("ascii")))
    unique: dict[tuple[str, str | None], Disallowed] = {}
    for item in found:
        unique.setdefault((item.element, item.attribute), item)
    return sanitized, list(unique.values())

"""Whether an SVG image is safe to publish on the course site and in the packages.

SVG files are copied into the site byte for byte. Shown with `<img>` an SVG cannot run script, but an
author may link the file, and opened on its own an SVG is a document on the site's own origin: its
script, event handlers and embedded HTML would run there. An SVG may also fetch other files when it is
shown (stylesheets, images, fonts), which tells another server who reads the course and breaks the
offline packages.

`svg_problems` parses the file with a hardened lxml parser (no entity expansion, no network, no DTD
loading, libxml2's size limits) and walks the tree. Every decision is made on the parsed structure:
elements by namespace and name, attributes by name, URLs by their parsed value. Only the text inside
one `style` attribute or one `<style>` element is searched with small regular expressions for CSS
`url(…)`, `@import` and script. Nothing is repaired: each problem is reported to the author, who
removes it in the drawing program (or in a text editor).

Allowed:
- elements in the SVG namespace, except those that run script or embed other documents
  (`script`, `foreignObject`, `iframe`, `embed`, `object`, `handler`, `listener`);
- Inkscape and Sodipodi elements anywhere (`sodipodi:namedview`, `inkscape:perspective`…), and
  RDF, Dublin Core, Creative Commons and Adobe XMP elements inside `<metadata>`; browsers ignore them;
- attributes in any namespace (`inkscape:label`, `serif:id`, `data-name`…) except `on…` event handlers
  and `xml:base` (which would move where `#id` references point);
- `href`/`xlink:href` to `#id` in the same file or to an embedded raster image
  (`data:image/png|jpeg|gif|webp`);
- CSS (`style`, `<style>`, `fill="url(#gradient)"`…) whose `url(…)` all point to `#id`;
- animation, unless it changes a link or an event handler, or animates to an outside `url(…)`;
- a DOCTYPE without an internal subset (`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "…">`).

Known limit: libxml2 numbers element lines up to 65535; a problem further down is reported at 65535.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_SVG_METADATA = f"{{{SVG_NS}}}metadata"

# Drawing programs' own elements (page settings, layers, 3D boxes…): inert in browsers, allowed anywhere.
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
    }
)
# Licence and author metadata (Inkscape's "Document Properties", Adobe XMP): allowed inside <metadata>.
METADATA_NAMESPACES = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
        "http://purl.org/dc/dcmitype/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "adobe:ns:meta/",
    }
)
METADATA_NAMESPACE_PREFIXES = ("http://ns.adobe.com/",)  # XMP: xmp, xmpMM, stEvt, illustrator, pdf…
HARMLESS_PROCESSING_INSTRUCTIONS = frozenset({"xpacket"})  # XMP packet wrapper (Adobe)

# Elements that run script or embed another document, whatever their namespace (compared in lower case:
# the same file may one day be pasted into HTML, where names are case-insensitive).
_FORBIDDEN_ELEMENTS = {
    "script": ("skript skulle köras på webbplatsen", "script not allowed in SVG"),
    "foreignobject": (
        "det bäddar in HTML i bilden, och HTML kan köra skript och hämta filer",
        "foreignObject not allowed in SVG",
    ),
    "iframe": ("det bäddar in en annan sida i bilden", "embedded document not allowed in SVG"),
    "embed": ("det bäddar in en annan fil i bilden, som kan köra kod", "embedded content not allowed in SVG"),
    "object": ("det bäddar in en annan fil i bilden, som kan köra kod", "embedded content not allowed in SVG"),
    "handler": ("det är en händelsehanterare som kör skript (SVG Tiny)", "event handler element not allowed in SVG"),
    "listener": ("det kopplar en händelse till ett skript (XML Events)", "event listener not allowed in SVG"),
}
_ANIMATIONS = frozenset({"animate", "set", "animatetransform", "animatemotion", "animatecolor"})
_ANIMATION_VALUES = ("from", "to", "by", "values")
# Presentation attributes that take a CSS url(): the referenced paint server, filter, clip path…
_URL_ATTRIBUTES = frozenset(
    {
        "fill",
        "stroke",
        "filter",
        "clip-path",
        "mask",
        "marker",
        "marker-start",
        "marker-mid",
        "marker-end",
        "cursor",
    }
)
_RASTER_DATA_URI = re.compile(r"data:image/(?:png|jpeg|gif|webp)(?:;[^,]*)?,", re.IGNORECASE)
_SCRIPT_SCHEME = re.compile(r"(?:javascript|vbscript|livescript):", re.IGNORECASE)
_URL_STRIPPED = re.compile(r"[\t\n\r]")  # the URL parser removes these anywhere in a URL
_URL_TRIMMED = "".join(chr(code) for code in range(0x21))  # ...and C0 controls and spaces around it

# CSS, searched inside one style attribute or <style> element after escapes are decoded
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\f]?|\r\n|(.))", re.DOTALL)
_CSS_URL = re.compile(r"(?<![\w-])(url|src)\(\s*(?:\"([^\"]*)\"?|'([^']*)'?|([^)\s]*))", re.IGNORECASE)
_CSS_SUSPECT = re.compile(r"[(@\\]|script:", re.IGNORECASE)  # CSS without these cannot load or run anything
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)
_CSS_SCRIPT = re.compile(
    r"expression\s*\(|javascript:|vbscript:|-moz-binding|(?<![\w-])behavior\s*:",
    re.IGNORECASE,
)
_CSS_IMAGE_FUNCTIONS = re.compile(r"(?<![\w-])(?:-webkit-)?(?:image-set|image|cross-fade)\(", re.IGNORECASE)
_LXML_POSITION = re.compile(r",? line \d+, column \d+\s*$")
_SHOWN_VALUE = 60  # characters of an attribute value quoted in a message


@dataclass(frozen=True)
class SvgProblem:
    line: int  # 1-based line in the SVG file
    message: str  # Swedish first, English hint in parentheses


def svg_problems(data: bytes) -> list[SvgProblem]:
    """Every reason this SVG is unsafe to publish, in document order; [] for a safe SVG."""
    try:
        return _Checker(bytes(data)).run()
    except Exception as error:  # pragma: no cover - fail closed: an SVG we cannot check is not published
        return [
            SvgProblem(
                1, f"SVG-filen kunde inte kontrolleras ({type(error).__name__}); spara om den från ritprogrammet (SVG could not be checked)"
            )
        ]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        attribute_defaults=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=True,
        recover=False,
    )


class _Checker:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.problems: list[SvgProblem] = []

    def run(self) -> list[SvgProblem]:
        try:
            root = etree.fromstring(self.data, _parser())
        except etree.XMLSyntaxError as error:
            return [SvgProblem(_positive(error.lineno), _syntax_message(error.msg or str(error)))]
        except (etree.LxmlError, ValueError, TypeError) as error:
            return [SvgProblem(1, _syntax_message(str(error) or type(error).__name__))]
        if root is None:  # pragma: no cover - lxml raises for an empty document
            return [SvgProblem(1, _syntax_message("Document is empty"))]
        tree = root.getroottree()

        prolog: list[SvgProblem] = []
        self._check_doctype(tree, root, prolog)
        for node in reversed(list(root.itersiblings(preceding=True))):
            self._check_node(node, prolog)
        self.problems.extend(sorted(prolog, key=lambda problem: problem.line))  # DOCTYPE among the top PIs

        namespaces_checked = self._check_root(root)
        self._check_tree(root, namespaces_checked)
        for node in root.itersiblings():
            self._check_node(node, self.problems)
        return self.problems

    # The document around the root element

    def _check_doctype(self, tree: etree._ElementTree, root: etree._Element, found: list[SvgProblem]) -> None:
        docinfo = tree.docinfo
        dtd = docinfo.internalDTD
        if dtd is None:
            return
        doctype, head = _doctype_text(tree, root)
        line = self._doctype_line(docinfo.encoding, head)
        if list(dtd.iterentities()):
            names = ", ".join(sorted({entity.name for entity in dtd.iterentities()}))
            found.append(
                SvgProblem(
                    line,
                    (
                        f"SVG-filen deklarerar egna entiteter i sin DOCTYPE ({names}): entiteter kan dölja innehåll "
                        "som inte syns vid kontrollen, blåsa upp filen eller läsa andra filer; ta bort hakparenteserna "
                        "[…] ur DOCTYPE, eller hela DOCTYPE-raden, och skriv ut texten direkt "
                        "(DOCTYPE with ENTITY declarations / internal subset)"
                    ),
                )
            )
            return
        if doctype is None:  # e.g. a DOCTYPE naming another element than the root: lxml does not write it
            found.append(
                SvgProblem(
                    line,
                    (
                        f"SVG-filens DOCTYPE (<!DOCTYPE {_short(dtd.name or '')} …>) kan inte kontrolleras; ta bort "
                        "DOCTYPE-raden, SVG behöver den inte (DOCTYPE could not be checked)"
                    ),
                )
            )
        elif doctype.rstrip().endswith("]>"):
            found.append(
                SvgProblem(
                    line,
                    (
                        "SVG-filens DOCTYPE har egna deklarationer inom hakparenteser […] (till exempel <!ATTLIST>), "
                        "som kan lägga till attribut som inte syns vid kontrollen; ta bort hakparenteserna, "
                        "eller hela DOCTYPE-raden (DOCTYPE with an internal subset)"
                    ),
                )
            )

    def _doctype_line(self, encoding: str | None, head: list[str]) -> int:
        """The line of <!DOCTYPE, found after the comments and processing instructions before it."""
        try:
            text = self.data.decode(encoding or "utf-8", errors="replace")
        except LookupError:
            return 1
        start = 0
        for node in head:  # skip what they say ('<!-- <!DOCTYPE … -->'), as far as it is written as serialized
            found = text.find(node, start)
            if found < 0:
                start = 0
                break
            start = found + len(node)
        position = text.find("<!DOCTYPE", start)
        if position < 0:
            position = text.find("<!DOCTYPE")
        return text.count("\n", 0, position) + 1 if position >= 0 else 1

    def _check_root(self, root: etree._Element) -> bool:
        """Reports a root other than <svg xmlns="http://www.w3.org/2000/svg">; whether to check namespaces below."""
        qname = etree.QName(root)
        if qname.namespace == SVG_NS and qname.localname == "svg":
            return True
        if qname.namespace is None and qname.localname == "svg":
            message = (
                '<svg> saknar xmlns="http://www.w3.org/2000/svg"; utan SVG-namnrymden visas filen inte som bild '
                "(root <svg> must be in the SVG namespace http://www.w3.org/2000/svg)"
            )
        else:
            message = (
                f"SVG-filen börjar med <{_name(root)}>{_namespace_note(qname.namespace)}, men en SVG-bild ska börja "
                'med <svg xmlns="http://www.w3.org/2000/svg"> '
                "(root element must be <svg> in the SVG namespace http://www.w3.org/2000/svg)"
            )
        self.problems.append(SvgProblem(_line(root), message))
        return qname.namespace == SVG_NS

    # Elements

    def _check_tree(self, root: etree._Element, namespaces_checked: bool) -> None:
        stack: list[tuple[etree._Element, bool]] = [(root, False)]
        while stack:
            node, in_metadata = stack.pop()
            if not self._check_node(node, self.problems, in_metadata, namespaces_checked and node is not root):
                continue  # the whole element has to go: its content does not matter
            if node.tag is etree.Comment or node.tag is etree.PI or node.tag is etree.Entity:
                continue
            child_in_metadata = in_metadata or node.tag == _SVG_METADATA
            stack.extend((child, child_in_metadata) for child in reversed(node))

    def _check_node(
        self,
        node: etree._Element,
        found: list[SvgProblem],
        in_metadata: bool = False,
        check_namespace: bool = True,
    ) -> bool:
        """Reports the problems of one node (not its children); False when the element itself is not allowed."""
        if node.tag is etree.Comment:
            return True
        if node.tag is etree.PI:
            self._check_processing_instruction(node, found)
            return True
        if node.tag is etree.Entity:
            found.append(
                SvgProblem(
                    _line(node),
                    (
                        f"SVG-filen använder entiteten {node.text or '&?;'}, vars innehåll inte kan kontrolleras; "
                        "skriv tecknet direkt i stället (entity reference)"
                    ),
                )
            )
            return True
        if not isinstance(node.tag, str):  # pragma: no cover - no other node types in a parsed tree
            return True

        namespace, local = _split(node.tag)
        lower = local.lower()
        forbidden = _FORBIDDEN_ELEMENTS.get(lower)
        if forbidden:
            why, hint = forbidden
            found.append(SvgProblem(_line(node), f"<{_name(node)}> är inte tillåtet i SVG-bilder: {why} ({hint})"))
            return False
        if check_namespace and not _namespace_allowed(namespace, in_metadata):
            found.append(SvgProblem(_line(node), _namespace_message(node, namespace)))
            return False

        for key, value in node.attrib.items():
            self._check_attribute(node, key, value, found)
        if lower in _ANIMATIONS:
            self._check_animation(node, found)
        if lower == "style":
            self._check_css(node, None, "".join(node.itertext()), found)
        return True

    def _check_processing_instruction(self, node: etree._Element, found: list[SvgProblem]) -> None:
        target = node.target
        if target in HARMLESS_PROCESSING_INSTRUCTIONS:
            return
        if target.lower() == "xml-stylesheet":
            why = "den laddar en stilmall (CSS eller XSLT) från en annan fil, och XSLT kan skapa skript"
            hint = "xml-stylesheet processing instruction not allowed"
        else:
            why = "okända bearbetningsinstruktioner kan få betydelse i någon läsare"
            hint = "processing instruction not allowed"
        found.append(SvgProblem(_line(node), f"<?{target} …?> är inte tillåtet i SVG-bilder: {why}; ta bort raden ({hint})"))

    # Attributes

    def _check_attribute(self, node: etree._Element, key: str, value: str, found: list[SvgProblem]) -> None:
        namespace, local = _split(key)
        if local[:2].lower() == "on":
            found.append(
                SvgProblem(
                    _line(node),
                    (
                        f"attributet {_attribute_name(node, key)} på <{_name(node)}> är en händelsehanterare: "
                        "skript skulle köras på webbplatsen (event handler attribute not allowed in SVG)"
                    ),
                )
            )
        elif local == "href" and namespace in (None, XLINK_NS):
            self._check_reference(node, key, value, found)
        elif namespace == XML_NS and local == "base":
            found.append(
                SvgProblem(
                    _line(node),
                    (
                        f'xml:base="{_short(value)}" på <{_name(node)}> flyttar var bildens #-hänvisningar pekar, '
                        "till en annan fil; ta bort attributet (xml:base not allowed in SVG)"
                    ),
                )
            )
        elif namespace is None and (local == "style" or local.lower() in _URL_ATTRIBUTES):
            self._check_css(node, f"attributet {local}", value, found)

    def _check_reference(self, node: etree._Element, key: str, value: str, found: list[SvgProblem]) -> None:
        url = _URL_STRIPPED.sub("", value).strip(_URL_TRIMMED)
        if url.startswith("#") or _RASTER_DATA_URI.match(url):
            return
        element = _name(node)
        quoted = f'{_attribute_name(node, key)}="{_short(value)}"'
        if _SCRIPT_SCHEME.match(url):
            message = f"{quoted} på <{element}> är en skriptlänk: skript skulle köras på webbplatsen (javascript: URL in SVG)"
        elif _split(node.tag)[1] == "a":
            message = (
                f"länken {quoted} på <{element}> pekar på en extern resurs; länkar hör hemma i lektionstexten, "
                "inte i bilden (external link in SVG)"
            )
        else:
            message = (
                f"{quoted} på <{element}> pekar på en extern resurs; en SVG-bild ska vara fristående: "
                "hänvisa till #id i samma fil eller bädda in bilden som data:image/png, jpeg, gif eller webp "
                "(external reference)"
            )
        found.append(SvgProblem(_line(node), message))

    def _check_animation(self, node: etree._Element, found: list[SvgProblem]) -> None:
        target = (node.get("attributeName") or "").strip()
        local_target = target.rsplit(":", 1)[-1].lower()
        if local_target == "href" or local_target.startswith("on"):
            found.append(
                SvgProblem(
                    _line(node),
                    (
                        f'<{_name(node)} attributeName="{_short(target)}"> ändrar en länk eller en händelsehanterare, '
                        "vilket kan göra om den till skript; animationer får inte ändra href eller on…-attribut "
                        "(animation of href or event handler attribute)"
                    ),
                )
            )
            return
        for key in _ANIMATION_VALUES:
            if node.get(key) is not None:
                self._check_css(node, f"attributet {key}", node.get(key), found)

    # CSS

    def _check_css(self, node: etree._Element, where: str | None, text: str, found: list[SvgProblem]) -> None:
        """Checks one style attribute, presentation attribute or <style> element (where=None)."""
        if not _CSS_SUSPECT.search(text):
            return  # the common case: no function, no at-rule, no escape, no scheme
        css = _decode_css_escapes(text)
        place = f"{where} på <{_name(node)}>" if where else f"<{_name(node)}>"
        line = _line(node)
        if _CSS_SCRIPT.search(css) or _SCRIPT_SCHEME.search(_URL_STRIPPED.sub("", css)):
            found.append(SvgProblem(line, f"CSS i {place} kan köra skript (script in CSS)"))
        if _CSS_IMPORT.search(css):
            found.append(
                SvgProblem(
                    line,
                    (
                        f"CSS i {place} använder @import, som hämtar en stilmall från en annan fil; "
                        "skriv stilen direkt i bilden (CSS @import)"
                    ),
                )
            )
        for match in _CSS_URL.finditer(css):
            target = next((group for group in match.group(2, 3, 4) if group is not None), "")
            if not _URL_STRIPPED.sub("", target).strip(_URL_TRIMMED).startswith("#"):
                found.append(
                    SvgProblem(
                        line,
                        (
                            f"CSS i {place} pekar på en extern resurs med {match.group(1).lower()}({_short(target)}); "
                            "bara url(#id) till något i samma fil är tillåtet (external reference in CSS)"
                        ),
                    )
                )
        if _CSS_IMAGE_FUNCTIONS.search(css):
            found.append(
                SvgProblem(
                    line,
                    (
                        f"CSS i {place} använder image-set(), image() eller cross-fade(), som kan hämta bilder "
                        "från andra filer (external reference in CSS)"
                    ),
                )
            )


# Helpers


def _doctype_text(tree: etree._ElementTree, root: etree._Element) -> tuple[str | None, list[str]]:
    """The DOCTYPE as lxml serializes it, and the serialized comments and PIs before it; None if not found.

    lxml does not list every declaration (an <!ATTLIST> for an undeclared element is invisible), but it
    writes the whole DOCTYPE, internal subset […] included, when the tree is serialized, between the
    comments and processing instructions around it. The DOCTYPE's own text is what remains when those
    and the root element are taken away.
    """
    serialized = etree.tostring(tree, encoding="unicode")
    before = [etree.tostring(node, encoding="unicode", with_tail=False) for node in reversed(list(root.itersiblings(preceding=True)))]
    after = etree.tostring(root, encoding="unicode", with_tail=False) + "".join(
        etree.tostring(node, encoding="unicode", with_tail=False) for node in root.itersiblings()
    )
    for split in range(len(before) + 1):
        head, tail = "".join(before[:split]), "".join(before[split:]) + after
        if len(head) + len(tail) < len(serialized) and serialized.startswith(head) and serialized.endswith(tail):
            doctype = serialized[len(head) : len(serialized) - len(tail)]
            if doctype.startswith("<!DOCTYPE"):
                return doctype, before[:split]
    return None, []


def _namespace_allowed(namespace: str | None, in_metadata: bool) -> bool:
    if namespace == SVG_NS or namespace in EDITOR_NAMESPACES:
        return True
    if not in_metadata or namespace is None:
        return False
    return namespace in METADATA_NAMESPACES or namespace.startswith(METADATA_NAMESPACE_PREFIXES)


def _namespace_message(node: etree._Element, namespace: str | None) -> str:
    element = _name(node)
    if namespace == XHTML_NS:
        why = "HTML-element i en SVG-fil kan köra skript och hämta filer"
    elif _namespace_allowed(namespace, True):
        why = "metadata (RDF, Dublin Core, Creative Commons) hör hemma inuti <metadata>"
    else:
        why = "bara SVG-element, ritprogrammens egna element (Inkscape, Sodipodi) och metadata inuti <metadata> är tillåtna"
    return f"<{element}>{_namespace_note(namespace)} är inte tillåtet i SVG-bilder: {why} (element outside the SVG namespace)"


def _namespace_note(namespace: str | None) -> str:
    return " utan namnrymd" if namespace is None else f" (namnrymd {namespace})"


def _split(name: str) -> tuple[str | None, str]:
    """'{namespace}local' -> (namespace, local); 'local' -> (None, local)."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return None, name


def _name(node: etree._Element) -> str:
    """The element's name as the author wrote it: 'rect', 'sodipodi:namedview', 'html:script'."""
    local = _split(node.tag)[1]
    return f"{node.prefix}:{local}" if node.prefix else local


def _attribute_name(node: etree._Element, key: str) -> str:
    """The attribute's name as written, as near as lxml tells: 'onload', 'xlink:href'."""
    namespace, local = _split(key)
    if namespace is None:
        return local
    if namespace == XML_NS:
        return f"xml:{local}"
    prefixes = [prefix for prefix, uri in node.nsmap.items() if uri == namespace and prefix]
    prefix = sorted(prefixes)[0] if prefixes else ("xlink" if namespace == XLINK_NS else None)
    return f"{prefix}:{local}" if prefix else local


def _line(node: etree._Element) -> int:
    line = node.sourceline
    while not line and node.getparent() is not None:  # entity references may have no line of their own
        node = node.getparent()
        line = node.sourceline
    return _positive(line)


def _positive(line: int | None) -> int:
    return line if isinstance(line, int) and line >= 1 else 1


def _syntax_message(detail: str) -> str:
    detail = _LXML_POSITION.sub("", detail).strip() or "okänt fel"
    if "entity" in detail.lower():  # e.g. libxml2 stopping a "billion laughs" DOCTYPE
        advice = "entiteter (<!ENTITY> i DOCTYPE) är inte tillåtna; ta bort DOCTYPE-raden och skriv ut texten direkt"
    else:
        advice = "spara om den från ritprogrammet"
    return f"SVG-filen är inte giltig XML: {detail}; {advice} (SVG is not well-formed XML)"


def _short(value: str) -> str:
    shown = "".join(character if character.isprintable() else "?" for character in value)
    return shown if len(shown) <= _SHOWN_VALUE else shown[: _SHOWN_VALUE - 1] + "…"


def _decode_css_escapes(text: str) -> str:
    """CSS with its backslash escapes written out: '\\75 rl(' is 'url(' to the browser."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        escaped = match.group(2) or ""
        return "" if escaped in "\n\r\f" else escaped  # an escaped newline continues the line

    return _CSS_ESCAPE.sub(replace, text)

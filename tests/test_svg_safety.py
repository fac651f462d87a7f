"""Safe SVG: script, event handlers, embedded HTML and outside references are problems at their line."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorm_export.course.svg_safety import SvgProblem, svg_problems

REPO = Path(__file__).resolve().parent.parent
SAMPLE_SVGS = sorted((REPO / "content").rglob("*.svg"))
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


def svg(body: str, *, before: str = "", open_tag: str = SVG_OPEN) -> bytes:
    """A small SVG: `before` (XML declaration, DOCTYPE, processing instructions), the root, then `body` from line 3 or so."""
    head = f"{before}\n" if before else ""
    return f"{head}{open_tag}\n  <title>Testbild</title>\n{textwrap.dedent(body).strip()}\n</svg>\n".encode()


def line_of(data: bytes, needle: str) -> int:
    """The 1-based line of the first line of `data` that contains `needle`."""
    lines = data.decode().split("\n")
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def only_problem(data: bytes) -> SvgProblem:
    problems = svg_problems(data)
    assert len(problems) == 1, problems
    return problems[0]


def assert_one_problem_at(data: bytes, needle: str, *fragments: str) -> SvgProblem:
    """Exactly one problem, at the line holding `needle`, whose message contains every fragment."""
    problem = only_problem(data)
    assert problem.line == line_of(data, needle), problem
    for fragment in fragments:
        assert fragment in problem.message, problem
    return problem


# Plain SVGs pass


def test_the_sample_diagrams_exist():
    assert len(SAMPLE_SVGS) >= 5


@pytest.mark.parametrize("path", SAMPLE_SVGS, ids=lambda path: path.name)
def test_every_sample_diagram_in_content_passes(path):
    assert svg_problems(path.read_bytes()) == []


def test_gradient_fill_and_use_of_a_fragment_pass():
    data = svg("""
        <defs>
          <linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient>
          <radialGradient id="r" href="#g" xlink:href="#g"/>
          <circle id="a" r="2"/>
          <marker id="m"><path d="M0,0 L10,5 L0,10 z"/></marker>
          <clipPath id="c"><rect width="5" height="5"/></clipPath>
          <filter id="f"><feGaussianBlur stdDeviation="1"/></filter>
        </defs>
        <rect width="10" height="10" fill="url(#g)" stroke="url( '#r' )" clip-path="url(#c)" filter="url(#f)"/>
        <line x2="5" marker-end="url(#m)" style="fill:url(&quot;#g&quot;); stroke: url(#r)"/>
        <use href="#a" x="3"/>
        <use xlink:href="#a" x="6"/>
        <a href="#a"><text>till cirkeln</text></a>
    """)
    assert svg_problems(data) == []


def test_embedded_raster_images_pass():
    data = svg("""
        <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
        <image xlink:href="data:image/jpeg;base64,/9j/4AAQ" width="1" height="1"/>
        <image href="DATA:image/gif;base64,R0lGODlh" width="1" height="1"/>
        <filter id="f"><feImage href="data:image/webp;base64,UklGRg=="/></filter>
    """)
    assert svg_problems(data) == []


def test_inkscape_export_with_namedview_and_creative_commons_metadata_passes():
    data = textwrap.dedent("""\
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!-- Created with Inkscape (http://www.inkscape.org/) -->
        <svg
           width="210mm"
           height="297mm"
           viewBox="0 0 210 297"
           version="1.1"
           id="svg5"
           inkscape:version="1.2.2 (b0a8486541, 2022-12-01)"
           sodipodi:docname="diagram.svg"
           xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
           xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
           xmlns="http://www.w3.org/2000/svg"
           xmlns:svg="http://www.w3.org/2000/svg"
           xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
           xmlns:cc="http://creativecommons.org/ns#"
           xmlns:dc="http://purl.org/dc/elements/1.1/">
          <sodipodi:namedview
             id="namedview7"
             pagecolor="#ffffff"
             bordercolor="#666666"
             borderopacity="1.0"
             inkscape:showpageshadow="2"
             inkscape:pageopacity="0.0"
             inkscape:document-units="mm"
             inkscape:zoom="0.5"
             inkscape:current-layer="layer1">
            <inkscape:grid type="xygrid" id="grid1"/>
            <inkscape:page x="0" y="0" width="210" height="297" id="page1"/>
          </sodipodi:namedview>
          <defs id="defs2">
            <inkscape:perspective sodipodi:type="inkscape:persp3d" inkscape:vp_x="0 : 148.5 : 1" id="perspective1"/>
            <linearGradient inkscape:collect="always" id="linearGradient1">
              <stop style="stop-color:#0b4f6c;stop-opacity:1" offset="0" id="stop1"/>
            </linearGradient>
          </defs>
          <metadata id="metadata1">
            <rdf:RDF>
              <cc:Work rdf:about="">
                <dc:format>image/svg+xml</dc:format>
                <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/>
                <dc:title>Diagram</dc:title>
                <dc:creator><cc:Agent><dc:title>Länsmuseet</dc:title></cc:Agent></dc:creator>
                <cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/>
              </cc:Work>
              <cc:License rdf:about="http://creativecommons.org/licenses/by/4.0/">
                <cc:permits rdf:resource="http://creativecommons.org/ns#Reproduction"/>
              </cc:License>
            </rdf:RDF>
          </metadata>
          <g
             inkscape:label="Lager 1"
             inkscape:groupmode="layer"
             id="layer1">
            <rect
               style="fill:url(#linearGradient1);stroke:#000000;stroke-width:0.264583;font-family:'DejaVu Sans';-inkscape-font-specification:'DejaVu Sans'"
               id="rect1"
               width="50"
               height="30"
               x="20"
               y="20"
               sodipodi:nodetypes="cccc" />
            <path
               inkscape:original-d="M 10,10 H 50"
               inkscape:path-effect="#path-effect1"
               d="M 10,10 H 50"
               id="path1" />
          </g>
        </svg>
    """).encode()
    assert svg_problems(data) == []


def test_illustrator_export_with_style_element_and_plain_doctype_passes():
    data = textwrap.dedent("""\
        <?xml version="1.0" encoding="utf-8"?>
        <!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg version="1.1" id="Lager_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
        \t viewBox="0 0 100 100" style="enable-background:new 0 0 100 100;" xml:space="preserve" data-name="Lager 1">
        <style type="text/css">
        \t.st0{fill:#0B4F6C;}
        \t.st1{fill:url(#SVGID_1_);}
        \t.st2{font-family:'MyriadPro-Regular';}
        </style>
        <linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="100" y2="0">
        \t<stop offset="0" style="stop-color:#FFFFFF"/>
        </linearGradient>
        <rect class="st0" width="50" height="50"/>
        <circle class="st1" cx="75" cy="75" r="20"/>
        <text transform="matrix(1 0 0 1 10 90)" class="st2">Text</text>
        </svg>
    """).encode()
    assert svg_problems(data) == []


def test_adobe_xmp_metadata_inside_metadata_passes():
    data = svg("""
        <metadata>
          <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
          <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                <xmp:CreatorTool>Adobe Illustrator 27.0</xmp:CreatorTool>
              </rdf:Description>
            </rdf:RDF>
          </x:xmpmeta>
          <?xpacket end="w"?>
        </metadata>
    """)
    assert svg_problems(data) == []


def test_ordinary_animation_passes():
    data = svg("""
        <rect id="r" width="5" height="5">
          <animate attributeName="fill" values="red;url(#g);blue" dur="2s" repeatCount="indefinite"/>
          <animateTransform attributeName="transform" type="rotate" from="0 5 5" to="360 5 5" dur="4s"/>
          <set attributeName="visibility" to="hidden" begin="1s"/>
        </rect>
        <animateMotion href="#r" path="M0,0 L5,5" dur="3s"/>
    """)
    assert svg_problems(data) == []


# Well-formedness and the document around the root


def test_not_well_formed_xml_is_one_problem_at_the_line_lxml_reports():
    data = b'<svg xmlns="http://www.w3.org/2000/svg">\n  <g>\n    <rect>\n  </g>\n</svg>\n'
    problem = only_problem(data)
    assert problem.line == 4  # where the mismatched </g> is
    assert "inte giltig XML" in problem.message and "(SVG is not well-formed XML)" in problem.message
    assert "<rect>" in problem.message or "rect" in problem.message  # libxml2 names the unclosed element
    assert "column" not in problem.message  # lxml's own position is not repeated


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\xff\xfe\x01random", b"\xff\xfe<\x00s\x00", b"GIF89a\x01\x00"])
def test_empty_or_random_bytes_are_a_problem_not_an_exception(data):
    problem = only_problem(data)
    assert problem.line >= 1
    assert "inte giltig XML" in problem.message


def test_unknown_encoding_is_a_problem_not_an_exception():
    problem = only_problem(b'<?xml version="1.0" encoding="x-bogus"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert "inte giltig XML" in problem.message


def test_root_without_the_svg_namespace_is_reported():
    data = b'<svg width="10" height="10">\n  <rect width="5" height="5"/>\n</svg>\n'
    problem = assert_one_problem_at(data, "<svg", "<svg>", 'xmlns="http://www.w3.org/2000/svg"')
    assert "(root <svg> must be in the SVG namespace" in problem.message


def test_root_other_than_svg_is_reported_and_its_content_still_checked():
    data = b'<html xmlns="http://www.w3.org/1999/xhtml">\n<body onload="alert(1)"/>\n</html>\n'
    first, second = svg_problems(data)
    assert first.line == 1 and "<html>" in first.message and "http://www.w3.org/2000/svg" in first.message
    assert second.line == 2 and "onload" in second.message and "<body>" in second.message


def test_plain_public_doctype_passes():
    data = svg(
        "<rect width='5' height='5'/>",
        before='<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    )
    assert svg_problems(data) == []


def test_doctype_with_entity_declarations_is_reported_at_the_doctype():
    data = svg("<text>&hej;</text>", before='<?xml version="1.0"?>\n<!DOCTYPE svg [\n  <!ENTITY hej "<script>alert(1)</script>">\n]>')
    problems = svg_problems(data)
    assert problems[0].line == line_of(data, "<!DOCTYPE")
    assert "DOCTYPE" in problems[0].message and "hej" in problems[0].message and "ENTITY" in problems[0].message
    # the unexpanded reference is reported too: its content was never checked
    assert problems[1].line == line_of(data, "&hej;") and "&hej;" in problems[1].message
    assert len(problems) == 2


def test_external_entity_is_reported_and_never_read():
    data = svg("<text>&passwd;</text>", before='<!DOCTYPE svg [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>')
    problems = svg_problems(data)
    assert problems and "DOCTYPE" in problems[0].message
    assert all("root:" not in problem.message for problem in problems)


def test_doctype_with_an_attlist_internal_subset_is_reported():
    data = svg("<rect/>", before='<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>')
    assert_one_problem_at(data, "<!DOCTYPE", "DOCTYPE", "(DOCTYPE with an internal subset)")


def test_doctype_naming_another_element_is_reported():
    data = svg("<rect/>", before='<!DOCTYPE x [<!ATTLIST svg onload CDATA "alert(1)">]>')
    assert_one_problem_at(data, "<!DOCTYPE", "<!DOCTYPE x", "(DOCTYPE could not be checked)")


def test_doctype_with_a_subset_after_a_comment_that_looks_like_a_doctype_is_reported():
    data = svg("<rect/>", before='<!-- <!DOCTYPE svg>\n -->\n<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>')
    assert_one_problem_at(data, "<!DOCTYPE svg [", "(DOCTYPE with an internal subset)")


def test_illustrator_doctype_with_namespace_entities_is_reported():
    data = textwrap.dedent("""\
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
        \t<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
        \t<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
        ]>
        <svg version="1.1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns="http://www.w3.org/2000/svg"/>
    """).encode()
    assert_one_problem_at(data, "<!DOCTYPE", "ns_ai", "ns_extend", "(DOCTYPE with ENTITY declarations")


def test_billion_laughs_doctype_is_reported_without_hanging():
    entities = "\n".join(f'  <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    data = svg(
        "<text>&lol9;</text>\n<text x='&lol9;'>&lol9;</text>",
        before=f'<?xml version="1.0"?>\n<!DOCTYPE svg [\n  <!ENTITY lol0 "lol">\n{entities}\n]>',
    )
    started = time.perf_counter()
    problems = svg_problems(data)
    assert time.perf_counter() - started < 2
    assert problems
    assert any("entit" in problem.message.lower() for problem in problems)


def test_undeclared_entity_reference_is_reported_at_its_line():
    data = svg(
        "<text>Hej&nbsp;då</text>",
        before='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    )
    assert_one_problem_at(data, "&nbsp;", "&nbsp;", "(entity reference)")


def test_xml_stylesheet_processing_instruction_is_reported_at_its_line():
    data = svg("<rect/>", before='<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="evil.xsl"?>')
    assert_one_problem_at(data, "<?xml-stylesheet", "xml-stylesheet", "stilmall")


def test_processing_instruction_inside_the_image_is_reported():
    data = svg('<g>\n<?xml-stylesheet href="a.css"?>\n</g>')
    assert_one_problem_at(data, "<?xml-stylesheet", "xml-stylesheet")


# Elements


def test_script_element_is_reported_at_its_line():
    data = svg("""
        <rect width="5" height="5"/>
        <script type="text/javascript">alert(document.cookie)</script>
    """)
    problem = assert_one_problem_at(data, "<script", "<script>", "skript", "(script not allowed in SVG)")
    assert problem.message.startswith("<script> är inte tillåtet i SVG-bilder")


def test_script_in_cdata_on_several_lines_is_reported_at_its_start_tag():
    data = svg("""
        <script>
        <![CDATA[
          alert(1)
        ]]>
        </script>
    """)
    assert_one_problem_at(data, "<script", "<script>")


@pytest.mark.parametrize("element", ["foreignObject", "iframe", "embed", "object", "handler", "listener"])
def test_element_that_runs_script_or_embeds_a_document_is_reported_by_name(element):
    data = svg(f'<g>\n<{element} width="5" height="5"></{element}>\n</g>')
    assert_one_problem_at(data, f"<{element}", f"<{element}>", "inte tillåtet i SVG-bilder")


def test_content_of_a_forbidden_element_is_not_reported_again():
    data = svg("""
        <foreignObject width="10" height="10">
          <div xmlns="http://www.w3.org/1999/xhtml" onclick="x()"><script>alert(1)</script></div>
        </foreignObject>
    """)
    assert_one_problem_at(data, "<foreignObject", "<foreignObject>", "(foreignObject not allowed in SVG)")


def test_xhtml_script_outside_foreign_object_is_reported():
    data = svg('<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>')
    assert_one_problem_at(data, "<html:script", "<html:script>", "skript")


def test_script_with_another_capitalisation_or_namespace_is_reported():
    data = svg('<SCRIPT xmlns="http://purl.org/dc/elements/1.1/">alert(1)</SCRIPT>')
    assert_one_problem_at(data, "<SCRIPT", "<SCRIPT>")


def test_element_outside_the_svg_namespace_is_reported_naming_it():
    data = svg('<g>\n  <h:div xmlns:h="http://www.w3.org/1999/xhtml">text</h:div>\n</g>')
    assert_one_problem_at(data, "<h:div", "<h:div>", "http://www.w3.org/1999/xhtml", "(element outside the SVG namespace)")


def test_element_without_namespace_is_reported():
    data = svg('<thing xmlns="">text</thing>')
    assert_one_problem_at(data, "<thing", "<thing>", "utan namnrymd")


def test_unknown_namespace_element_is_reported_even_inside_metadata():
    data = svg('<metadata>\n  <x:thing xmlns:x="http://example.org/ns">text</x:thing>\n</metadata>')
    assert_one_problem_at(data, "<x:thing", "<x:thing>", "http://example.org/ns")


def test_rdf_metadata_outside_metadata_is_reported():
    data = svg('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    assert_one_problem_at(data, "<rdf:RDF", "<rdf:RDF>", "<metadata>")


def test_script_inside_metadata_is_still_reported():
    data = svg("<metadata>\n  <script>alert(1)</script>\n</metadata>")
    assert_one_problem_at(data, "<script", "<script>")


# Attributes


@pytest.mark.parametrize("attribute", ["onload", "onclick", "onmouseover", "onbegin", "ONLOAD"])
def test_event_handler_attribute_is_reported_naming_attribute_and_element(attribute):
    data = svg(f'<g>\n  <circle r="2" {attribute}="alert(1)"/>\n</g>')
    assert_one_problem_at(data, attribute, attribute, "<circle>", "(event handler attribute not allowed in SVG)")


def test_event_handler_on_the_root_is_reported_at_line_one():
    data = svg("<rect/>", open_tag='<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">')
    assert_one_problem_at(data, "onload", "onload", "<svg>")


def test_attribute_problem_is_reported_where_lxml_puts_a_multiline_start_tag():
    data = svg('<rect\n   width="5"\n   onclick="alert(1)"\n   height="5" />')
    # lxml numbers an element by the line where its start tag ends
    assert_one_problem_at(data, 'height="5" />', "onclick", "<rect>")


def test_xml_base_is_reported():
    data = svg('<g xml:base="https://example.org/">\n  <use href="#a"/>\n</g>')
    assert_one_problem_at(data, "xml:base", "xml:base", "<g>")


# References


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/bild.png",
        "http://example.org/bild.png",
        "//example.org/bild.png",
        "bild.png",
        "../andra/figur.svg#a",
        "file:///etc/passwd",
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "data:text/html,<script>alert(1)</script>",
        "",
    ],
)
def test_image_href_outside_the_file_is_an_external_reference(url):
    data = svg(f'<g>\n  <image href="{url.replace("<", "&lt;")}" width="5" height="5"/>\n</g>')
    assert_one_problem_at(data, "<image", "<image>", "href=", "extern resurs", "(external reference)")


@pytest.mark.parametrize("element", ["use", "feImage", "pattern", "linearGradient", "radialGradient", "textPath", "tref", "filter"])
def test_xlink_href_to_another_file_is_reported_on_any_element(element):
    data = svg(f'<defs>\n  <{element} xlink:href="other.svg#shape"/>\n</defs>')
    assert_one_problem_at(data, f"<{element}", f"<{element}>", "xlink:href", "(external reference)")


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java&#9;script:alert(1)", "vbscript:msgbox(1)"])
def test_javascript_link_is_reported_as_script(url):
    data = svg(f'<a href="{url}">\n  <text>klicka</text>\n</a>')
    assert_one_problem_at(data, "<a ", "<a>", "skript", "(javascript: URL in SVG)")


def test_link_to_a_website_is_reported_with_advice_to_link_from_the_lesson():
    data = svg('<a xlink:href="https://example.org/">\n  <text>läs mer</text>\n</a>')
    assert_one_problem_at(data, "<a ", "<a>", "https://example.org/", "lektionstexten", "(external link in SVG)")


def test_long_data_uri_is_shortened_in_the_message():
    payload = "A" * 5000
    problem = only_problem(svg(f'<image href="data:text/html;base64,{payload}"/>'))
    assert len(problem.message) < 400 and "…" in problem.message


# CSS


def test_style_attribute_with_an_outside_url_is_reported():
    data = svg('<g>\n  <rect style="fill:red; background-image:url(https://tracker.example/p.gif)"/>\n</g>')
    assert_one_problem_at(data, "<rect", "style", "<rect>", "url(https://tracker.example/p.gif)", "(external reference in CSS)")


def test_style_element_with_import_is_reported():
    data = svg('<style>\n  @import "https://example.org/s.css";\n  rect { fill: red }\n</style>')
    assert_one_problem_at(data, "<style", "<style>", "@import", "(CSS @import)")


def test_style_element_with_an_outside_font_is_reported():
    data = svg("<style>\n  @font-face { font-family: X; src: url('https://fonts.example/x.woff2') }\n</style>")
    assert_one_problem_at(data, "<style", "<style>", "https://fonts.example/x.woff2", "(external reference in CSS)")


@pytest.mark.parametrize(
    "css",
    [
        "width: expression(alert(1))",
        "background: url(javascript:alert(1))",
        "-moz-binding: url(#b)",
        "behavior: url(#h)",
    ],
)
def test_css_that_can_run_script_is_reported(css):
    data = svg(f'<rect style="{css}"/>')
    problems = svg_problems(data)
    assert problems and problems[0].line == line_of(data, "<rect")
    assert "(script in CSS)" in problems[0].message


def test_css_escapes_do_not_hide_an_outside_url():
    data = svg('<style>\n  rect { fill: \\75 rl(https://example.org/x) }\n  @\\69mport "y.css";\n</style>')
    messages = [problem.message for problem in svg_problems(data)]
    assert any("https://example.org/x" in message for message in messages)
    assert any("@import" in message for message in messages)


def test_image_set_is_reported():
    data = svg("<rect style='background: image-set(\"https://example.org/a.png\" 1x)'/>")
    assert_one_problem_at(data, "<rect", "image-set", "(external reference in CSS)")


@pytest.mark.parametrize(
    "attribute",
    [
        "fill",
        "stroke",
        "filter",
        "clip-path",
        "mask",
        "marker-start",
        "marker-mid",
        "marker-end",
        "cursor",
    ],
)
def test_presentation_attribute_with_an_outside_url_is_reported(attribute):
    data = svg(f'<g>\n  <path d="M0,0 L5,5" {attribute}="url(https://example.org/defs.svg#x)"/>\n</g>')
    assert_one_problem_at(data, "<path", attribute, "<path>", "(external reference in CSS)")


# Animation


@pytest.mark.parametrize("name", ["href", "xlink:href", "onclick"])
def test_animation_of_a_link_or_event_handler_is_reported(name):
    data = svg(f'<a href="#x">\n  <set attributeName="{name}" to="javascript:alert(1)"/>\n  <text>x</text>\n</a>')
    assert_one_problem_at(data, "<set", "<set", f'attributeName="{name}"', "(animation of href or event handler attribute)")


@pytest.mark.parametrize("element", ["animate", "animateTransform", "animateMotion"])
def test_every_animation_element_is_checked(element):
    data = svg(f'<a href="#x">\n  <{element} attributeName="href" values="#x;javascript:alert(1)"/>\n</a>')
    assert_one_problem_at(data, f"<{element}", f"<{element}")


def test_animation_to_an_outside_url_is_reported():
    data = svg('<rect>\n  <animate attributeName="fill" to="url(https://example.org/p.svg#g)"/>\n</rect>')
    assert_one_problem_at(data, "<animate", "<animate>", "(external reference in CSS)")


# All together


def test_problems_come_in_document_order_with_their_lines():
    data = svg(
        """
        <rect onclick="a()"/>
        <script>b()</script>
        <use href="https://example.org/c.svg#d"/>
        <foreignObject/>
        """,
        before='<?xml-stylesheet href="s.css"?>',
    )
    problems = svg_problems(data)
    assert [problem.line for problem in problems] == [
        line_of(data, "<?xml-stylesheet"),
        line_of(data, "onclick"),
        line_of(data, "<script"),
        line_of(data, "<use"),
        line_of(data, "<foreignObject"),
    ]
    assert [
        "xml-stylesheet" in problems[0].message,
        "onclick" in problems[1].message,
        "<script>" in problems[2].message,
        "<use>" in problems[3].message,
        "<foreignObject>" in problems[4].message,
    ] == [True] * 5


def test_utf16_file_is_checked_too():
    data = ('<?xml version="1.0" encoding="UTF-16"?>\n' + SVG_OPEN + "\n<script>alert(1)</script>\n</svg>").encode("utf-16")
    problem = only_problem(data)
    assert problem.line == 3 and "<script>" in problem.message


# Never raises


def assert_problem_values(problems):
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, SvgProblem)
        assert isinstance(problem.line, int) and problem.line >= 1
        assert isinstance(problem.message, str) and problem.message


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data):
    assert_problem_values(svg_problems(data))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_inside_an_svg_root_never_raises(text):
    data = f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>'.encode("utf-8", errors="surrogatepass")
    assert_problem_values(svg_problems(data))


_MARKUP = st.sampled_from(
    [
        "<",
        ">",
        "/",
        "=",
        '"',
        "'",
        "&",
        ";",
        "#",
        "<!DOCTYPE svg [",
        "]>",
        "<!ENTITY a 'b'>",
        "&a;",
        "<?xml-stylesheet?>",
        "<script>",
        "</script>",
        "<a href=",
        "xlink:href",
        "url(",
        ")",
        "javascript:",
        "on",
        "style=",
        "<style>",
        "</style>",
        "<metadata>",
        "</metadata>",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "\n",
        " ",
        "\\75 ",
        "@import",
        "svg",
        "g",
    ]
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(_MARKUP, max_size=40).map("".join))
def test_arbitrary_markup_fragments_inside_an_svg_root_never_raise(text):
    assert_problem_values(svg_problems(f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>'.encode()))

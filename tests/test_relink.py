"""One relinking for every output: the site's Markdown and the packages' HTML point at the same targets."""

from __future__ import annotations

from scorm_export.course.model import ReferenceKind
from scorm_export.relink import relink_html, relink_markdown

from .helpers import lesson, minimal_course

BODY = """
Se [nästa lektion](02-mer.md#rubrik) och bilden ![En ruta](bilder/Ruta ett.svg).
<a title="a > b" href="02-mer.md">Rå länk</a>
<a href='02-mer.md'>Enkla citattecken</a> <img alt="x" src=bilder/Ruta%20ett.svg>

    <a href="02-mer.md">kod, ingen länk</a>

`href="02-mer.md"` är också kod. [Extern](https://example.org/02-mer.md)
"""


def _lesson(load):
    files = minimal_course(
        **{
            "testkurs/01-forsta/01-intro.md": lesson("Intro", BODY),
            "testkurs/01-forsta/02-mer.md": lesson("Mer", "\n## Rubrik\n"),
            "testkurs/01-forsta/bilder/Ruta ett.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        }
    )
    result = load(files)
    assert not result.problems.has_errors, [str(p) for p in result.problems.items]
    return result.catalogue.courses[0].lesson("forsta/intro")


def _target(reference):
    return f"OUT/{reference.target}" if reference.kind is ReferenceKind.LESSON else f"MEDIA/{reference.target}"


def test_links_and_images_in_the_html_point_at_the_output_and_code_is_left_alone(load):
    html = relink_html(_lesson(load), _target)
    assert 'href="OUT/forsta/mer#rubrik"' in html
    assert 'src="MEDIA/forsta/bilder/ruta-ett.svg"' in html
    assert '<a title="a > b" href="OUT/forsta/mer">' in html
    assert "<a href='OUT/forsta/mer'>Enkla citattecken</a>" in html and '<img alt="x" src=MEDIA/forsta/bilder/ruta-ett.svg>' in html
    assert '&lt;a href="02-mer.md"&gt;kod, ingen länk' in html
    assert '<code>href="02-mer.md"</code>' in html
    assert 'href="https://example.org/02-mer.md"' in html


def test_markdown_and_html_get_the_same_targets(load):
    current = _lesson(load)
    markdown = relink_markdown(current, _target)
    assert "(OUT/forsta/mer#rubrik)" in markdown and "(MEDIA/forsta/bilder/ruta-ett.svg)" in markdown
    assert "(https://example.org/02-mer.md)" in markdown


def test_a_lesson_without_references_is_returned_as_rendered(load):
    current = _lesson(load)
    assert relink_html(current, lambda reference: None) == current.html

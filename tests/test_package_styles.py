"""Package pages colour code and tell admonitions apart, with text colours that keep WCAG AA contrast."""

from __future__ import annotations

import re
import zipfile

import pytest

from scorm_export.build import BuildOptions, build

from .helpers import REPO, lesson, minimal_course, write_project

CODE = """
```python
def hej(namn: str) -> str:
    # en kommentar
    return f"Hej {namn}" * 2
```

```html
<a href="https://example.org/" class="x">länk</a>
```

!!! warning "Se upp"
    Text.

!!! tip "Tips"
    Text.
"""
STYLESHEETS = ("package.css", "cartridge.css")


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def covered(token: str, css: str) -> bool:
    """Whether a rule of `css` colours the Pygments token class `token` (by its class or its first letter)."""
    return f".highlight .{token}" in css or f'span[class^="{token[0]}"]' in css


@pytest.mark.parametrize("stylesheet", STYLESHEETS)
def test_code_colours_keep_aa_contrast_on_the_code_background(stylesheet):
    css = (REPO / "theme" / "package" / stylesheet).read_text(encoding="utf-8")
    colours = re.findall(r"\.highlight[^{]*\{\s*color:\s*(#[0-9a-fA-F]{6})", css)
    assert len(colours) >= 6
    for colour in colours:
        assert contrast(colour, "#f2f3f8") >= 4.5, colour


def test_every_token_of_real_code_has_a_colour_and_each_admonition_kind_a_rule(tmp_path):
    project = write_project(tmp_path / "p", minimal_course(**{"testkurs/01-forsta/01-intro.md": lesson("Intro", CODE)}))
    report = build(project, BuildOptions(site=False, formats=("scorm12",)))
    assert report.written, [str(p) for p in report.problems.items]
    with zipfile.ZipFile(project.site / "downloads" / "testkurs-1.0.0-scorm12.zip") as archive:
        page = archive.read("lessons/forsta/intro.html").decode("utf-8")
        css = archive.read("assets/package.css").decode("utf-8")
    # punctuation, operators, spaces and plain names keep the text colour
    tokens = set(re.findall(r'<span class="([a-z0-9]+)">', page.split('<div class="highlight">', 1)[1])) - {"p", "o", "w", "n"}
    assert {"k", "c1"} <= tokens or {"kd", "c1"} <= tokens, tokens  # the code was highlighted at all
    assert [token for token in sorted(tokens) if not covered(token, css)] == []
    for kind in re.findall(r'class="admonition (\w+)"', page):
        assert f".admonition.{kind}" in css, kind

"""Lessons are rendered once: MkDocs receives the loader's HTML through a small plugin, and the pages
are the same as when MkDocs renders the lesson Markdown itself.

(Known difference by design: an abbreviation defined in a lesson body also marks the lesson's title
when MkDocs renders the whole page; with the plugin only the body is marked. The sample courses and
the tree below avoid that case.)
"""

from __future__ import annotations

import pytest

from scorm_export.build import BuildOptions, build
from scorm_export.site.prerendered import MARKER

from .helpers import copy_repository_project, lesson, minimal_course, write_project

BODY = """
## Första rubriken

Text med en fotnot[^1] och en förkortning: WCAG. Se [nästa](02-mer.md#mer-text) och ![En ruta](bilder/ruta.svg).

### Underrubrik

<a href='02-mer.md'>Rå länk</a> och <a href="#forsta-rubriken">ankare</a>.

!!! tip "Tips"
    Inne i en ruta.

| A | B |
|:--|--:|
| 1 | 2 |

## Andra rubriken

[^1]: Fotnoten.

*[WCAG]: Web Content Accessibility Guidelines
"""


def _files(root, prerendered: bool) -> dict[str, bytes]:
    project = write_project(
        root / ("with" if prerendered else "without"),
        minimal_course(
            **{
                "testkurs/01-forsta/01-intro.md": lesson("Intro", BODY),
                "testkurs/01-forsta/02-mer.md": lesson("Mer", "\n## Mer text\n\nSlut.\n"),
                "testkurs/01-forsta/bilder/ruta.svg": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n',
            }
        ),
    )
    assert build(project, BuildOptions(prerendered=prerendered)).written
    return {p.relative_to(project.site).as_posix(): p.read_bytes() for p in sorted(project.site.rglob("*")) if p.is_file()}


def _assert_same(with_plugin: dict[str, bytes], without: dict[str, bytes]) -> None:
    assert sorted(with_plugin) == sorted(without)
    different = [name for name in with_plugin if with_plugin[name] != without[name]]
    assert different == []


def test_a_lesson_with_footnotes_abbreviations_raw_links_and_nested_headings_comes_out_the_same(tmp_path):
    with_plugin, without = _files(tmp_path, True), _files(tmp_path, False)
    _assert_same(with_plugin, without)
    page = with_plugin["testkurs/forsta/intro/index.html"].decode()
    assert MARKER not in page
    assert 'href="../mer/#mer-text"' in page and "href='../mer/'>Rå länk" in page and 'src="../bilder/ruta.svg"' in page
    assert page.index("Första rubriken") < page.index("Underrubrik") < page.index('class="footnote"')
    assert 'href="#underrubrik"' in page  # the body's headings are in the table of contents


@pytest.mark.slow
def test_the_sample_site_is_byte_identical_with_and_without_the_plugin(tmp_path):
    sites = []
    for prerendered in (True, False):
        project = copy_repository_project(tmp_path / str(prerendered))
        assert build(project, BuildOptions(prerendered=prerendered)).written
        sites.append({p.relative_to(project.site).as_posix(): p.read_bytes() for p in project.site.rglob("*") if p.is_file()})
    _assert_same(*sites)


def test_with_the_plugin_the_docs_tree_holds_a_marker_instead_of_the_lesson_markdown(tmp_path, load):
    from scorm_export.problems import Problems
    from scorm_export.project import Project
    from scorm_export.site.docs_tree import write_docs_tree
    from scorm_export.site.settings import read_site_settings
    from scorm_export.templates import environment

    from .helpers import REPO

    catalogue = load(minimal_course()).catalogue
    accessibility = read_site_settings(Project(REPO), Problems(REPO)).accessibility
    tree = write_docs_tree(catalogue, {}, tmp_path / "docs", environment(REPO / "theme"), accessibility, prerendered=True)
    text = (tmp_path / "docs" / "testkurs" / "forsta" / "intro.md").read_text()
    assert MARKER in text and "Text om Intro." not in text
    assert "Text om Intro." in tree.bodies["testkurs/forsta/intro.md"].html

"""The one Markdown renderer and the rewriting of link targets that every output shares."""

from __future__ import annotations

from scorm_export.markdown_render import rewrite_urls


def test_rewrites_every_link_form_the_renderer_accepts():
    text = '[a](<../x y.md#h> "t") ![bild](bilder/a b.svg) [c](c.md "T") ![d](d.png)\n[ref]: <r.md>\n<img src="q.png" alt="q">\n'
    targets = {
        "../x y.md#h": "../x-y/#h",
        "bilder/a b.svg": "m/a-b.svg",
        "c.md": "../c/",
        "d.png": "d2.png",
        "r.md": "../r/",
        "q.png": "Q.png",
    }
    assert rewrite_urls(text, targets.get) == (
        '[a](../x-y/#h "t") ![bild](m/a-b.svg) [c](../c/ "T") ![d](d2.png)\n[ref]: ../r/\n<img src="Q.png" alt="q">\n'
    )


def test_leaves_unknown_targets_and_code_alone():
    text = "[ext](https://example.org) `[x](c.md)` is code\n"
    assert rewrite_urls(text, {}.get) == text


def test_bare_url_with_spaces_is_rewritten_in_site_and_packages(renderer):
    found, _ = renderer.urls("![Ett träd](bilder/Träd i parken.png)\n")
    assert [f.url for f in found] == ["bilder/Träd i parken.png"]
    rewritten = rewrite_urls("![Ett träd](bilder/Träd i parken.png)\n", {"bilder/Träd i parken.png": "media/trad-i-parken.png"}.get)
    assert 'src="media/trad-i-parken.png"' in renderer.html(rewritten)


def test_a_template_renders_the_same_whichever_environment_compiled_it_first(tmp_path):
    """Both environments keep compiled templates between builds; a template shared by them (licence_status.html)
    compiles differently in each, so neither may load the other's code."""
    from scorm_export.templates import environment, markdown_environment

    (tmp_path / "delad.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    for _ in range(2):  # the second round loads what the first compiled and cached
        html_env = environment(tmp_path)
        markdown_env = markdown_environment(html_env)
        assert markdown_env.get_template("delad.html").render(text="*a*") == "<p>&#42;a&#42;</p>"
        assert environment(tmp_path).get_template("delad.html").render(text="*a*") == "<p>*a*</p>"

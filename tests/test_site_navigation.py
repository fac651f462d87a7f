"""Reading the site as a learner: previous and next stay inside a course (or the part of the site a page belongs to),
and search reads a page's facts as label–value pairs."""

from __future__ import annotations

import json
import posixpath

import lxml.html


def test_previous_and_next_never_lead_into_another_course(sample):
    checked = 0
    for page in sample.site_pages:
        document = lxml.html.fromstring((sample.site / page).read_bytes())
        for link in document.xpath("//a[contains(@class, 'md-footer__link')]"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link.get("href")))
            assert target.split("/")[0] == page.split("/")[0], f"{page}: {link.get('class')} leads to {target}"
            checked += 1
    assert checked > 20  # lessons still have their previous and next


def test_a_course_page_has_no_previous_page_but_leads_to_its_first_lesson(sample):
    first = lxml.html.fromstring((sample.site / "oppna-licenser/index.html").read_bytes())
    assert not first.xpath("//a[contains(@class, 'md-footer__link--prev')]")
    assert first.xpath("//a[contains(@class, 'md-footer__link--next')]")


def test_the_search_index_reads_facts_as_label_and_value_pairs(sample):
    docs = json.loads((sample.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    (course,) = [doc for doc in docs if doc["location"] == "oppna-licenser/"]
    assert "Målgrupp: Medarbetare" in course["text"] and "Nivå: Grundläggande" in course["text"]
    assert "MålgruppMedarbetare" not in course["text"] and "NivåGrundläggande" not in course["text"]
    assert "innehållDigComp" not in course["text"]  # nor the end of one fact and the next label

"""IEEE LOM metadata for manifests, in the two bindings the package formats use.

SCORM 1.2 uses the IMS Metadata 1.2.1 binding (lower-case names, <langstring xml:lang>);
SCORM 2004 and Common Cartridge use the IEEE LOM binding (camelCase, <string language>),
each in its own namespace.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .. import ui_strings
from ..course.model import Asset, Course
from ..ui_strings import iso_duration

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class LomBinding:
    namespace: str
    ims_md_1_2: bool  # the SCORM 1.2 binding
    cc_profile: bool = False  # Common Cartridge's manifest profile of the IEEE binding (see course_lom)

    def name(self, ieee_name: str) -> str:
        return f"{{{self.namespace}}}{ieee_name.lower() if self.ims_md_1_2 else ieee_name}"


IMSMD_1_2 = LomBinding("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", True)
IEEE_LOM = LomBinding("http://ltsc.ieee.org/xsd/LOM", False)
CC11_LOM = LomBinding("http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest", False, cc_profile=True)
CC13_LOM = LomBinding("http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest", False, cc_profile=True)


def course_lom(course: Course, binding: LomBinding, nsmap: dict | None = None) -> etree._Element:
    """`<lom>` with title, description, language, keywords, learning time, rights and DigComp."""
    b = _Builder(binding, course.language)
    lom = etree.Element(binding.name("lom"), nsmap=nsmap)
    general = b.sub(lom, "general")
    b.text(b.sub(general, "title"), course.title)
    b.sub(general, "language").text = course.language
    b.text(b.sub(general, "description"), course.summary)
    for keyword in course.keywords:
        b.text(b.sub(general, "keyword"), keyword)
    _life_cycle(b, lom, course)
    if not binding.cc_profile:  # CC 1.1 allows only learningResourceType and intendedEndUserRole in <educational>
        educational = b.sub(lom, "educational")
        # a course with a test asks the learner to act ("active"); one without only presents ("expositive")
        b.vocabulary(b.sub(educational, "interactivityType"), "active" if course.graded_questions else "expositive")
        learning_time = b.sub(educational, "typicalLearningTime")
        b.sub(learning_time, "datetime" if binding.ims_md_1_2 else "duration").text = iso_duration(course.duration_minutes)
    rights = b.sub(lom, "rights")
    b.vocabulary(b.sub(rights, "cost"), "no")
    b.vocabulary(b.sub(rights, "copyrightAndOtherRestrictions"), "yes")
    licence = course.licence
    b.text(
        b.sub(rights, "description"),
        f"{licence.name(course.language)} ({licence.short_name}), {licence.deed.removesuffix('deed.sv')} – {course.attribution}",
    )
    if course.digcomp:
        # one taxon path per competence, from its area down to it: DigComp 2.2 > 3 > 3.3
        classification = b.sub(lom, "classification")
        b.vocabulary(b.sub(classification, "purpose"), "competency" if not binding.ims_md_1_2 else "Educational Objective")
        for competence in course.digcomp.competences:
            taxon_path = b.sub(classification, "taxonPath")
            area = next(a for a in course.digcomp.areas if a.id == competence.partition(".")[0])
            area_name = area.name_sv if course.language == "sv" else area.name_en
            if binding.cc_profile:  # CC 1.1: one taxon per path and no source; the framework is named below
                b.taxon(taxon_path, competence, f"{competence} ({area_name})")
                continue
            b.text(b.sub(taxon_path, "source"), f"DigComp {course.digcomp.version}", language="en")
            area_taxon = b.taxon(taxon_path, area.id, area_name)
            b.taxon(area_taxon if binding.ims_md_1_2 else taxon_path, competence, competence)
        if binding.cc_profile:
            b.text(b.sub(classification, "description"), f"DigComp {course.digcomp.version}", language="en")
    return lom


def _life_cycle(b: _Builder, lom: etree._Element, course: Course) -> None:
    """The version, and who published it when: the date is the changelog's for this version (none without one).

    Common Cartridge's profile of LOM keeps only `contribute` here; its manifest carries the version elsewhere."""
    binding = b.binding
    life_cycle = b.sub(lom, "lifeCycle")
    if not binding.cc_profile:
        b.text(b.sub(life_cycle, "version"), course.version, language="x-none")
        b.vocabulary(b.sub(life_cycle, "status"), "Final" if binding.ims_md_1_2 else "final")
    contribute = b.sub(life_cycle, "contribute")
    b.vocabulary(b.sub(contribute, "role"), "Publisher" if binding.ims_md_1_2 else "publisher")
    if binding.ims_md_1_2:  # IMS MD 1.2.1 wraps the vCard in <centity><vcard>
        b.sub(b.sub(contribute, "centity"), "vcard").text = _vcard(course.publisher.name)
    else:
        b.sub(contribute, "entity").text = _vcard(course.publisher.name)
    if course.release:
        b.sub(b.sub(contribute, "date"), "datetime" if binding.ims_md_1_2 else "dateTime").text = course.release.date


def _vcard(name: str) -> str:
    """A minimal vCard 3.0 for an organisation, as LOM's entity asks for one (RFC 2426's escapes for , ; and \\)."""
    escaped = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", " ")
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{escaped}\nORG:{escaped}\nEND:VCARD"


def asset_lom(course: Course, asset: Asset, binding: LomBinding, nsmap: dict | None = None) -> etree._Element:
    """`<lom>` for one file under other terms than the course's: its title and its own rights (TASL)."""
    b = _Builder(binding, course.language)
    lom = etree.Element(binding.name("lom"), nsmap=nsmap)
    credit = asset.credit
    b.text(b.sub(b.sub(lom, "general"), "title"), credit.title)
    rights = b.sub(lom, "rights")
    b.vocabulary(b.sub(rights, "cost"), "no")
    b.vocabulary(b.sub(rights, "copyrightAndOtherRestrictions"), "yes")
    parts = [f"{credit.licence.name(course.language)} ({credit.licence.short_name}), {credit.licence.legal_code}"]
    parts += [part for part in (credit.attribution, credit.source or "", credit.changes) if part]
    if credit.separate_work:
        parts.append(f"{ui_strings.strings(course.language)['separate_work']}: {credit.separate_work}")
    b.text(b.sub(rights, "description"), " – ".join(parts))
    return lom


class _Builder:
    def __init__(self, binding: LomBinding, language: str) -> None:
        self.binding = binding
        self.language = language

    def sub(self, parent: etree._Element, name: str) -> etree._Element:
        return etree.SubElement(parent, self.binding.name(name))

    def text(self, parent: etree._Element, value: str, language: str | None = None) -> None:
        """A language string: <langstring xml:lang> (IMS MD 1.2) or <string language> (IEEE)."""
        if self.binding.ims_md_1_2:
            element = self.sub(parent, "langstring")
            element.set(XML_LANG, language or self.language)
        else:
            element = self.sub(parent, "string")
            element.set("language", language or self.language)
        element.text = value

    def taxon(self, parent: etree._Element, identifier: str, entry: str) -> etree._Element:
        taxon = self.sub(parent, "taxon")
        self.sub(taxon, "id").text = identifier
        self.text(self.sub(taxon, "entry"), entry)
        return taxon

    def vocabulary(self, parent: etree._Element, value: str) -> None:
        if self.binding.cc_profile:  # CC 1.1's vocabularies are fixed: a value without its source
            self.sub(parent, "value").text = value
            return
        source, entry = self.sub(parent, "source"), self.sub(parent, "value")
        if self.binding.ims_md_1_2:
            self.text(source, "LOMv1.0", language="x-none")
            self.text(entry, value, language="x-none")
        else:
            source.text, entry.text = "LOMv1.0", value

"""SCORM 2004 4th edition: the imsmanifest.xml (IMS CP + ADL CP/SEQ/NAV 1.3 + IMS SS + IEEE LOM).

Sequencing lets a learner move freely (choice and flow everywhere) and leaves completion to the
content: the LMS never marks a lesson complete just because it was launched.
"""

from __future__ import annotations

from lxml import etree

from ..course.model import Course
from .identifiers import xml_id
from .lom import IEEE_LOM, course_lom
from .pages import PackagePages, PageSet

STANDARD = "scorm2004"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI}
SCHEMA_LOCATION = " ".join([
    f"{CP} imscp_v1p1.xsd", f"{ADLCP} adlcp_v1p3.xsd", f"{ADLSEQ} adlseq_v1p3.xsd",
    f"{ADLNAV} adlnav_v1p3.xsd", f"{IMSSS} imsss_v1p0.xsd",
])


def package_files(course: Course, pages: PackagePages, per_lesson: bool) -> dict[str, bytes]:
    page_set = pages.page_set(STANDARD, sco_per_lesson=per_lesson)
    return {**page_set.files, "imsmanifest.xml": manifest(course, page_set, per_lesson)}


def _cp(name: str) -> str:
    return f"{{{CP}}}{name}"


def manifest(course: Course, pages: PageSet, per_lesson: bool) -> bytes:
    root = etree.Element(_cp("manifest"), nsmap=NSMAP, identifier=xml_id("MANIFEST", course.id), version=course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = etree.SubElement(root, _cp("metadata"))
    etree.SubElement(metadata, _cp("schema")).text = "ADL SCORM"
    etree.SubElement(metadata, _cp("schemaversion")).text = "2004 4th Edition"
    metadata.append(course_lom(course, IEEE_LOM, nsmap={None: IEEE_LOM.namespace}))

    organization_id = xml_id("ORG", course.id)
    organizations = etree.SubElement(root, _cp("organizations"), default=organization_id)
    organization = etree.SubElement(organizations, _cp("organization"), identifier=organization_id)
    organization.set(f"{{{ADLSEQ}}}objectivesGlobalToSystem", "false")
    etree.SubElement(organization, _cp("title")).text = course.title
    resources = etree.SubElement(root, _cp("resources"))
    shared_id = xml_id("RES", course.id, "shared")

    if per_lesson:
        for module in course.modules:
            module_item = _item(organization, xml_id("ITEM", course.id, module.slug), module.title)
            for lesson in module.lessons:
                resource_id = xml_id("RES", course.id, lesson.key)
                _content_sequencing(_item(module_item, xml_id("ITEM", course.id, lesson.key), lesson.title, resource_id))
                _sco(resources, resource_id, pages.lesson_paths[lesson.key], [pages.lesson_paths[lesson.key]], shared_id)
            _free_navigation(module_item)
    else:
        resource_id = xml_id("RES", course.id)
        _content_sequencing(_item(organization, xml_id("ITEM", course.id), course.title, resource_id))
        _sco(resources, resource_id, pages.launch, [pages.launch, *pages.lesson_paths.values()], shared_id)
    _free_navigation(organization)

    shared = etree.SubElement(resources, _cp("resource"), identifier=shared_id, type="webcontent")
    shared.set(f"{{{ADLCP}}}scormType", "asset")
    for path in pages.shared:
        etree.SubElement(shared, _cp("file"), href=path)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _item(parent: etree._Element, identifier: str, title: str, resource_id: str | None = None) -> etree._Element:
    item = etree.SubElement(parent, _cp("item"), identifier=identifier)
    if resource_id:
        item.set("identifierref", resource_id)
    etree.SubElement(item, _cp("title")).text = title
    return item


def _content_sequencing(item: etree._Element) -> None:
    sequencing = etree.SubElement(item, f"{{{IMSSS}}}sequencing")
    etree.SubElement(
        sequencing, f"{{{IMSSS}}}deliveryControls", tracked="true", completionSetByContent="true", objectiveSetByContent="true",
    )


def _free_navigation(parent: etree._Element) -> None:
    """Choice and flow: the learner may open any lesson and move on with Continue/Previous."""
    sequencing = etree.SubElement(parent, f"{{{IMSSS}}}sequencing")
    etree.SubElement(sequencing, f"{{{IMSSS}}}controlMode", choice="true", choiceExit="true", flow="true", forwardOnly="false")


def _sco(resources: etree._Element, identifier: str, href: str, files: list[str], shared_id: str) -> None:
    resource = etree.SubElement(resources, _cp("resource"), identifier=identifier, type="webcontent", href=href)
    resource.set(f"{{{ADLCP}}}scormType", "sco")
    for path in files:
        etree.SubElement(resource, _cp("file"), href=path)
    etree.SubElement(resource, _cp("dependency"), identifierref=shared_id)

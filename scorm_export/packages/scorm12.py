"""SCORM 1.2: the imsmanifest.xml (IMS CP 1.1.2 + ADL CP 1.2 + IMS MD 1.2.1)."""

from __future__ import annotations

from lxml import etree

from ..course.model import Course
from .identifiers import xml_id
from .lom import IMSMD_1_2, course_lom
from .pages import PackagePages, PageSet

STANDARD = "scorm12"
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: CP, "adlcp": ADLCP, "imsmd": IMSMD_1_2.namespace, "xsi": XSI}
SCHEMA_LOCATION = (
    f"{CP} imscp_rootv1p1p2.xsd {IMSMD_1_2.namespace} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)


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
    etree.SubElement(metadata, _cp("schemaversion")).text = "1.2"
    metadata.append(course_lom(course, IMSMD_1_2))

    organization_id = xml_id("ORG", course.id)
    organizations = etree.SubElement(root, _cp("organizations"), default=organization_id)
    organization = etree.SubElement(organizations, _cp("organization"), identifier=organization_id)
    etree.SubElement(organization, _cp("title")).text = course.title
    resources = etree.SubElement(root, _cp("resources"))
    shared_id = xml_id("RES", course.id, "shared")

    if per_lesson:
        for module in course.modules:
            module_item = _item(organization, xml_id("ITEM", course.id, module.slug), module.title)
            for lesson in module.lessons:
                resource_id = xml_id("RES", course.id, lesson.key)
                _item(module_item, xml_id("ITEM", course.id, lesson.key), lesson.title, resource_id)
                _sco(resources, resource_id, pages.lesson_paths[lesson.key], [pages.lesson_paths[lesson.key]], shared_id)
    else:
        resource_id = xml_id("RES", course.id)
        _item(organization, xml_id("ITEM", course.id), course.title, resource_id)
        _sco(resources, resource_id, pages.launch, [pages.launch, *pages.lesson_paths.values()], shared_id)

    shared = etree.SubElement(resources, _cp("resource"), identifier=shared_id, type="webcontent")
    shared.set(f"{{{ADLCP}}}scormtype", "asset")
    for path in pages.shared:
        etree.SubElement(shared, _cp("file"), href=path)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _item(parent: etree._Element, identifier: str, title: str, resource_id: str | None = None) -> etree._Element:
    item = etree.SubElement(parent, _cp("item"), identifier=identifier, isvisible="true")
    if resource_id:
        item.set("identifierref", resource_id)
    etree.SubElement(item, _cp("title")).text = title
    return item


def _sco(resources: etree._Element, identifier: str, href: str, files: list[str], shared_id: str) -> None:
    resource = etree.SubElement(resources, _cp("resource"), identifier=identifier, type="webcontent", href=href)
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for path in files:
        etree.SubElement(resource, _cp("file"), href=path)
    etree.SubElement(resource, _cp("dependency"), identifierref=shared_id)

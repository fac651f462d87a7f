"""What SCORM 1.2 and SCORM 2004 manifests share: metadata, organization, SCO and asset resources.

The two standards differ only in namespaces, a few attribute spellings and 2004's sequencing;
each lives in its own thin module (scorm12.py, scorm2004.py) as a ScormFlavour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from ..course.model import Course
from .identifiers import xml_id
from .lom import LomBinding, course_lom
from .pages import PackagePages, PageSet

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _nothing(element: etree._Element) -> None:
    pass


@dataclass(frozen=True)
class ScormFlavour:
    standard: str  # the runtime's name for it: scorm12 | scorm2004
    schemaversion: str
    cp: str  # content-packaging namespace (the manifest's default namespace)
    adlcp: str
    scorm_type: str  # the attribute's spelling: scormtype (1.2) or scormType (2004)
    lom: LomBinding
    lom_nsmap: dict | None
    nsmap: dict
    schema_location: str
    item_attributes: dict = field(default_factory=dict)
    organization_attributes: dict = field(default_factory=dict)
    sco_item: Callable[[etree._Element], None] = _nothing  # after an item that launches a SCO
    container: Callable[[etree._Element], None] = _nothing  # after the organization and each module item

    def package_files(self, course: Course, pages: PackagePages, per_lesson: bool) -> dict[str, bytes]:
        page_set = pages.page_set(self.standard, sco_per_lesson=per_lesson)
        return {**page_set.files, "imsmanifest.xml": self.manifest(course, page_set, per_lesson)}

    def _cp(self, name: str) -> str:
        return f"{{{self.cp}}}{name}"

    def manifest(self, course: Course, pages: PageSet, per_lesson: bool) -> bytes:
        root = etree.Element(self._cp("manifest"), nsmap=self.nsmap, identifier=xml_id("MANIFEST", course.id), version=course.version)
        root.set(f"{{{XSI}}}schemaLocation", self.schema_location)
        metadata = etree.SubElement(root, self._cp("metadata"))
        etree.SubElement(metadata, self._cp("schema")).text = "ADL SCORM"
        etree.SubElement(metadata, self._cp("schemaversion")).text = self.schemaversion
        metadata.append(course_lom(course, self.lom, nsmap=self.lom_nsmap))

        organization_id = xml_id("ORG", course.id)
        organizations = etree.SubElement(root, self._cp("organizations"), default=organization_id)
        organization = etree.SubElement(organizations, self._cp("organization"), identifier=organization_id, **self.organization_attributes)
        etree.SubElement(organization, self._cp("title")).text = course.title
        resources = etree.SubElement(root, self._cp("resources"))
        shared_id = xml_id("RES", course.id, "shared")

        if per_lesson:
            for module in course.modules:
                module_item = self._item(organization, xml_id("ITEM", course.id, module.slug), module.title)
                for lesson in module.lessons:
                    resource_id = xml_id("RES", course.id, lesson.key)
                    self.sco_item(self._item(module_item, xml_id("ITEM", course.id, lesson.key), lesson.title, resource_id))
                    path = pages.lesson_paths[lesson.key]
                    self._resource(resources, resource_id, "sco", [path], href=path, dependency=shared_id)
                self.container(module_item)
        else:
            resource_id = xml_id("RES", course.id)
            self.sco_item(self._item(organization, xml_id("ITEM", course.id), course.title, resource_id))
            files = [pages.launch, *pages.lesson_paths.values()]
            self._resource(resources, resource_id, "sco", files, href=pages.launch, dependency=shared_id)
        self.container(organization)
        self._resource(resources, shared_id, "asset", list(pages.shared))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def _item(self, parent: etree._Element, identifier: str, title: str, resource_id: str | None = None) -> etree._Element:
        item = etree.SubElement(parent, self._cp("item"), identifier=identifier, **self.item_attributes)
        if resource_id:
            item.set("identifierref", resource_id)
        etree.SubElement(item, self._cp("title")).text = title
        return item

    def _resource(
        self, resources: etree._Element, identifier: str, scorm_type: str, files: list[str],
        href: str | None = None, dependency: str | None = None,
    ) -> None:
        resource = etree.SubElement(resources, self._cp("resource"), identifier=identifier, type="webcontent")
        if href:
            resource.set("href", href)
        resource.set(f"{{{self.adlcp}}}{self.scorm_type}", scorm_type)
        for path in files:
            etree.SubElement(resource, self._cp("file"), href=path)
        if dependency:
            etree.SubElement(resource, self._cp("dependency"), identifierref=dependency)

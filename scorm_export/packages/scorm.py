"""What SCORM 1.2 and SCORM 2004 manifests share: metadata, organization, SCO and asset resources.

The two standards differ only in namespaces, a few attribute spellings and 2004's sequencing;
each lives in its own thin module (scorm12.py, scorm2004.py) as a ScormFlavour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..course.model import Course
from .control_documents import control_files
from .identifiers import lesson_resource, page_item, page_resource, xml_id
from .lom import LomBinding, asset_lom, course_lom
from .manifest import MANIFEST, Manifest
from .pages import ABOUT_KEY, CREDITS_KEY, HISTORY_KEY, PackagePages, PageSet, page_title


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
    # after a SCO's item whose lessons hold a test: how the LMS judges it passed (percent)
    test_item: Callable[[etree._Element, int], None] = lambda item, passing: None
    container: Callable[[etree._Element], None] = _nothing  # after the organization and each module item

    def package_files(self, course: Course, pages: PackagePages, per_lesson: bool) -> dict[str, bytes]:
        return self.files(course, pages.page_set(self.standard, sco_per_lesson=per_lesson), per_lesson)

    def files(self, course: Course, page_set: PageSet, per_lesson: bool = False) -> dict[str, bytes]:
        """Every file of the package: its pages, the control documents its manifest names, and the manifest."""
        control = dict(control_files(self.standard, self.schema_location))
        return {**page_set.files, **control, MANIFEST: self.manifest(course, page_set, per_lesson)}

    def manifest(self, course: Course, pages: PageSet, per_lesson: bool) -> bytes:
        m = Manifest(self.cp, self.nsmap, xml_id("MANIFEST", course.id), self.schema_location, version=course.version)
        m.metadata("ADL SCORM", self.schemaversion, course_lom(course, self.lom, nsmap=self.lom_nsmap))

        organization_id = xml_id("ORG", course.id)
        organizations = m.sub(m.root, "organizations", default=organization_id)
        organization = m.sub(organizations, "organization", identifier=organization_id, **self.organization_attributes)
        m.sub(organization, "title").text = course.title
        resources = m.sub(m.root, "resources")
        shared_id = xml_id("RES", course.id, "shared")
        sco = self._scorm_type("sco")

        if per_lesson:
            # the course's own pages are SCOs like the lessons: opening one counts, and from the start page the learner
            # may choose a lesson; "Om kursen" first, "Versionshistorik" and "Licenser och källor" last
            self._course_page(m, organization, resources, course, pages, ABOUT_KEY, shared_id, sco)
            for module in course.modules:
                module_item = m.item(organization, xml_id("ITEM", course.id, module.slug), module.title, **self.item_attributes)
                for lesson in module.lessons:
                    resource_id = lesson_resource(course.id, lesson.key)
                    item = m.item(module_item, page_item(course.id, lesson.key), lesson.title, resource_id, **self.item_attributes)
                    self.sco_item(item)
                    if course.assessment and lesson.is_test and lesson.questions:
                        self.test_item(item, course.assessment.passing_score)
                    path = pages.lesson_paths[lesson.key]
                    m.resource(resources, resource_id, "webcontent", [path], href=path, dependencies=[shared_id], attributes=sco)
                self.container(module_item)
            for key in (HISTORY_KEY, CREDITS_KEY):
                if key in pages.course_pages:
                    self._course_page(m, organization, resources, course, pages, key, shared_id, sco)
        else:
            resource_id = xml_id("RES", course.id)
            item = m.item(organization, xml_id("ITEM", course.id), course.title, resource_id, **self.item_attributes)
            self.sco_item(item)
            if course.assessment and course.graded_questions:
                self.test_item(item, course.assessment.passing_score)
            files = [pages.launch, *pages.course_pages.values(), *pages.lesson_paths.values()]
            m.resource(resources, resource_id, "webcontent", files, href=pages.launch, dependencies=[shared_id], attributes=sco)
        self.container(organization)
        own_terms = {path: asset_lom(course, asset, self.lom, self.lom_nsmap) for path, asset in pages.licensed.items()}
        m.resource(resources, shared_id, "webcontent", pages.shared, attributes=self._scorm_type("asset"), file_metadata=own_terms)
        return m.to_bytes()

    def _course_page(self, m: Manifest, organization, resources, course: Course, pages: PageSet, key: str, shared_id: str, sco) -> None:
        resource_id, path = page_resource(course.id, key), pages.course_pages[key]
        self.sco_item(m.item(organization, page_item(course.id, key), page_title(course, key), resource_id, **self.item_attributes))
        m.resource(resources, resource_id, "webcontent", [path], href=path, dependencies=[shared_id], attributes=sco)

    def _scorm_type(self, value: str) -> dict[str, str]:
        """adlcp:scormtype (1.2) or adlcp:scormType (2004): sco or asset."""
        return {f"{{{self.adlcp}}}{self.scorm_type}": value}

"""What every package manifest shares: namespace maps, the imsmanifest.xml skeleton and its serialisation.

SCORM (scorm.py) and Common Cartridge (cc.py) both write IMS Content Packaging manifests; they differ in
namespaces and in what hangs under the organization, not in how an item, a resource or the bytes are written.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

MANIFEST = "imsmanifest.xml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{{{XSI}}}schemaLocation"


def namespaces(default: str, **prefixed: str) -> dict[str | None, str]:
    """A namespace map: the default namespace first, then the prefixed ones, then xsi.

    The default comes first because Moodle recognises a CC 1.1 cartridge only if it finds its xmlns
    within the manifest's first 500 bytes.
    """
    nsmap: dict[str | None, str] = {None: default}
    nsmap.update(prefixed)
    nsmap["xsi"] = XSI
    return nsmap


def serialise(root: etree._Element) -> bytes:
    """The one way a package's XML files are written: UTF-8 with a declaration, indented."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class Manifest:
    """An imsmanifest.xml under construction, its elements in one content-packaging namespace."""

    def __init__(self, cp: str, nsmap: dict[str | None, str], identifier: str, schema_location: str, **attributes: str) -> None:
        self.cp = cp
        self.root = etree.Element(self.name("manifest"), nsmap=nsmap, identifier=identifier, **attributes)
        self.root.set(SCHEMA_LOCATION, schema_location)

    def name(self, local: str) -> str:
        return f"{{{self.cp}}}{local}"

    def sub(self, parent: etree._Element, local: str, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, self.name(local), **attributes)

    def metadata(self, schema: str, schemaversion: str, lom: etree._Element) -> None:
        metadata = self.sub(self.root, "metadata")
        self.sub(metadata, "schema").text = schema
        self.sub(metadata, "schemaversion").text = schemaversion
        metadata.append(lom)

    def item(
        self,
        parent: etree._Element,
        identifier: str,
        title: str,
        resource: str | None = None,
        **attributes: str,
    ) -> etree._Element:
        """An organization item: it either launches `resource` (identifierref) or holds further items."""
        item = self.sub(parent, "item", identifier=identifier, **attributes)
        if resource:
            item.set("identifierref", resource)
        self.sub(item, "title").text = title
        return item

    def resource(
        self,
        resources: etree._Element,
        identifier: str,
        resource_type: str,
        files: Iterable[str],
        href: str | None = None,
        dependencies: Iterable[str] = (),
        attributes: dict[str, str] | None = None,
        file_metadata: dict[str, etree._Element] | None = None,
    ) -> None:
        """`attributes` follow href: SCORM's adlcp:scormtype, whose name is in the ADL namespace.

        `file_metadata` describes single files (their own licence): a file may carry metadata in every content
        packaging profile we write, where Common Cartridge's resource metadata may hold only a user role.
        """
        resource = self.sub(resources, "resource", identifier=identifier, type=resource_type)
        if href:
            resource.set("href", href)
        for name, value in (attributes or {}).items():
            resource.set(name, value)
        for path in files:
            file = self.sub(resource, "file", href=path)
            if file_metadata and path in file_metadata:
                self.sub(file, "metadata").append(file_metadata[path])
        for dependency in dependencies:
            self.sub(resource, "dependency", identifierref=dependency)

    def to_bytes(self) -> bytes:
        return serialise(self.root)

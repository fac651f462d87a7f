"""SCORM 1.2: IMS CP 1.1.2 + ADL CP 1.2, with IMS Metadata 1.2.1 (LOM) inline."""

from __future__ import annotations

from lxml import etree

from .lom import IMSMD_1_2
from .manifest import namespaces
from .scorm import ScormFlavour

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"


def mastery_score(item: etree._Element, passing: int) -> None:
    """The score (0–100) at which the LMS sets the SCO's lesson_status to passed, else failed (SCORM 1.2 RTE 3.4.4)."""
    etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(passing)


FLAVOUR = ScormFlavour(
    standard="scorm12",
    schemaversion="1.2",
    cp=CP,
    adlcp=ADLCP,
    scorm_type="scormtype",
    lom=IMSMD_1_2,
    lom_nsmap=None,
    # Moodle looks for the literal prefix "adlcp"
    nsmap=namespaces(CP, adlcp=ADLCP, imsmd=IMSMD_1_2.namespace),
    schema_location=f"{CP} imscp_rootv1p1p2.xsd {IMSMD_1_2.namespace} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd",
    item_attributes={"isvisible": "true"},
    test_item=mastery_score,
)

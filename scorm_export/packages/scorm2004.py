"""SCORM 2004 4th edition: IMS CP + ADL CP/SEQ/NAV 1.3 + IMS Simple Sequencing, IEEE LOM inline.

Sequencing lets a learner move freely (choice and flow everywhere) and leaves completion to the
content: the LMS never marks a lesson complete just because it was launched.
"""

from __future__ import annotations

from lxml import etree

from .lom import IEEE_LOM
from .manifest import namespaces
from .scorm import ScormFlavour

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"


def completion_by_content(item: etree._Element) -> None:
    sequencing = etree.SubElement(item, f"{{{IMSSS}}}sequencing")
    etree.SubElement(
        sequencing,
        f"{{{IMSSS}}}deliveryControls",
        tracked="true",
        completionSetByContent="true",
        objectiveSetByContent="true",
    )


def passing_objective(item: etree._Element, passing: int) -> None:
    """The SCO's primary objective is satisfied by its scaled score reaching the passing score: the LMS judges
    success_status from cmi.score.scaled as well as the content (objectives come before deliveryControls)."""
    sequencing = item.find(f"{{{IMSSS}}}sequencing")
    objectives = etree.Element(f"{{{IMSSS}}}objectives")
    primary = etree.SubElement(objectives, f"{{{IMSSS}}}primaryObjective", objectiveID="PASSING_SCORE", satisfiedByMeasure="true")
    etree.SubElement(primary, f"{{{IMSSS}}}minNormalizedMeasure").text = f"{passing / 100:.2f}"
    sequencing.insert(list(sequencing).index(sequencing.find(f"{{{IMSSS}}}deliveryControls")), objectives)


def free_navigation(parent: etree._Element) -> None:
    """Choice and flow: the learner may open any lesson and move on with Continue/Previous."""
    sequencing = etree.SubElement(parent, f"{{{IMSSS}}}sequencing")
    etree.SubElement(sequencing, f"{{{IMSSS}}}controlMode", choice="true", choiceExit="true", flow="true", forwardOnly="false")


FLAVOUR = ScormFlavour(
    standard="scorm2004",
    schemaversion="2004 4th Edition",
    cp=CP,
    adlcp=ADLCP,
    scorm_type="scormType",
    lom=IEEE_LOM,
    lom_nsmap={None: IEEE_LOM.namespace},
    nsmap=namespaces(CP, adlcp=ADLCP, adlseq=ADLSEQ, adlnav=ADLNAV, imsss=IMSSS),
    schema_location=" ".join(
        [
            f"{CP} imscp_v1p1.xsd",
            f"{ADLCP} adlcp_v1p3.xsd",
            f"{ADLSEQ} adlseq_v1p3.xsd",
            f"{ADLNAV} adlnav_v1p3.xsd",
            f"{IMSSS} imsss_v1p0.xsd",
            # the inline LOM's namespace must be mapped too: a conformance checker rejects an unmapped one
            f"{IEEE_LOM.namespace} lom.xsd",
        ]
    ),
    organization_attributes={f"{{{ADLSEQ}}}objectivesGlobalToSystem": "false"},
    sco_item=completion_by_content,
    test_item=passing_objective,
    container=free_navigation,
)

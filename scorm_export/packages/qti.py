"""A test lesson as a QTI 1.2.1 assessment in the Common Cartridge profile: what Moodle imports as a Quiz and
Canvas as a Quiz module item.

The shape follows the profile's XSD and the Schematron rules inside it, and what the two importers read (their
source, quoted in tests/test_qti.py):
- true/false options are idented `true` and `false` (Moodle aborts the import on anything else), other options
  `o1`, `o2`, … (Canvas sorts feedback by words in idents, so none may say "correct" or "general");
- the response is `response1`; every score is `setvar varname="SCORE" action="Set"` 100 or 0;
- multiple response marks its options `case="Yes"` (Moodle counts only those); its per-option feedback comes
  after the scoring condition for Moodle and before it for Canvas, each losing something in the other order;
- a short text answer lists every accepted answer in one condition, and no wrong one (Canvas makes every
  compared string a right answer);
- general feedback is an `<other/>` condition first, with `continue="Yes"`; an `itemfeedback` is written only
  where a `displayfeedback` points at it.
The profile has no passing score: the course page and start page state it, and the LMS's quiz settings hold it.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ..course.model import Question, QuestionKind
from .manifest import SCHEMA_LOCATION, namespaces, serialise

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_SCHEMA = f"{QTI} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd"
PROFILES = {
    QuestionKind.SINGLE: "cc.multiple_choice.v0p1",
    QuestionKind.MULTIPLE: "cc.multiple_response.v0p1",
    QuestionKind.TRUE_FALSE: "cc.true_false.v0p1",
    QuestionKind.FILL_IN: "cc.fib.v0p1",
}
MAX_ATTEMPTS = 5  # the profile's highest number; more is written as "unlimited"


def _q(name: str) -> str:
    return f"{{{QTI}}}{name}"


def _sub(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _q(name), **attributes)
    if text is not None:
        element.text = text
    return element


def _metadata(parent: etree._Element, fields: list[tuple[str, str]]) -> None:
    metadata = _sub(parent, "qtimetadata")
    for label, entry in fields:
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _html(parent: etree._Element, html: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html, texttype="text/html")


def option_idents(question: Question) -> list[str]:
    if question.kind is QuestionKind.TRUE_FALSE:
        # the option that means true, whatever its language: the first of Sant/Falskt is true only if it is "Sant"
        first_true = question.choices[0].html.strip().lower() in ("sant", "true")
        return ["true", "false"] if first_true else ["false", "true"]
    return [f"o{number}" for number in range(1, len(question.choices) + 1)]


def assessment(
    ident: str,
    title: str,
    questions: tuple[Question, ...],
    attempts: int,
    html: Callable[[str], str],
    canvas_order: bool,
) -> bytes:
    """The QTI file of one test; `html` points a question fragment's links and images at the cartridge's files."""
    root = etree.Element(_q("questestinterop"), nsmap=namespaces(QTI))
    root.set(SCHEMA_LOCATION, QTI_SCHEMA)
    test = _sub(root, "assessment", ident=ident, title=title)
    _metadata(
        test,
        [
            ("cc_profile", "cc.exam.v0p1"),
            ("qmd_assessmenttype", "Examination"),
            ("qmd_scoretype", "Percentage"),
            ("cc_maxattempts", str(attempts) if 0 < attempts <= MAX_ATTEMPTS else "unlimited"),
        ],
    )
    section = _sub(test, "section", ident=f"{ident}_section")
    for question in questions:
        _item(section, question, html, canvas_order)
    return serialise(root)


def _item(section: etree._Element, question: Question, html: Callable[[str], str], canvas_order: bool) -> None:
    item = _sub(section, "item", ident=f"q{question.number}", title=_plain_title(question))
    _metadata(_sub(item, "itemmetadata"), [("cc_profile", PROFILES[question.kind])])
    presentation = _sub(item, "presentation")
    _html(presentation, html(question.prompt_html))
    idents = option_idents(question)
    if question.kind is QuestionKind.FILL_IN:
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        fib = _sub(response, "render_fib", rows="1", prompt="Box", fibtype="String")
        _sub(fib, "response_label", ident="answer1", rshuffle="No")
    else:
        cardinality = "Multiple" if question.kind is QuestionKind.MULTIPLE else "Single"
        response = _sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
        render = _sub(response, "render_choice", shuffle="No")
        for ident, choice in zip(idents, question.choices, strict=True):
            _html(_sub(render, "response_label", ident=ident), html(choice.html))

    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    feedback: list[tuple[str, str]] = []  # (ident, HTML) of every feedback a condition shows, in order

    def show(condition: etree._Element, ident: str, text: str) -> None:
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=ident)
        if ident not in (found for found, _ in feedback):
            feedback.append((ident, text))

    if question.feedback_html:
        general = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(general, "conditionvar"), "other")
        show(general, "general_fb", html(question.feedback_html))
    if question.kind is QuestionKind.FILL_IN:
        right = _sub(processing, "respcondition", **{"continue": "No"})
        condition = _sub(right, "conditionvar")
        for answer in question.answers:
            _sub(condition, "varequal", answer, respident="response1", case="Yes" if question.case_sensitive else "No")
        _sub(right, "setvar", "100", varname="SCORE", action="Set")
        wrong = _sub(processing, "respcondition", **{"continue": "No"})
        _sub(_sub(wrong, "conditionvar"), "other")
        _sub(wrong, "setvar", "0", varname="SCORE", action="Set")
    elif question.kind is QuestionKind.MULTIPLE:
        option_feedback = [(ident, choice) for ident, choice in zip(idents, question.choices, strict=True) if choice.feedback_html]

        def per_option(keep_going: str) -> None:
            for ident, choice in option_feedback:
                condition = _sub(processing, "respcondition", **{"continue": keep_going})
                _sub(_sub(condition, "conditionvar"), "varequal", ident, respident="response1", case="Yes")
                show(condition, f"{ident}_fb", html(choice.feedback_html))

        if canvas_order:
            per_option("Yes")
        scoring = _sub(processing, "respcondition", **{"continue": "No"})
        every = _sub(_sub(scoring, "conditionvar"), "and")
        for ident, choice in zip(idents, question.choices, strict=True):
            parent = every if choice.correct else _sub(every, "not")
            _sub(parent, "varequal", ident, respident="response1", case="Yes")
        _sub(scoring, "setvar", "100", varname="SCORE", action="Set")
        if not canvas_order:
            per_option("No")
        wrong = _sub(processing, "respcondition", **{"continue": "No"})
        _sub(_sub(wrong, "conditionvar"), "other")
        _sub(wrong, "setvar", "0", varname="SCORE", action="Set")
    else:
        for ident, choice in zip(idents, question.choices, strict=True):
            condition = _sub(processing, "respcondition", **{"continue": "No"})
            _sub(_sub(condition, "conditionvar"), "varequal", ident, respident="response1")
            _sub(condition, "setvar", "100" if choice.correct else "0", varname="SCORE", action="Set")
            if choice.feedback_html:
                show(condition, f"{ident}_fb", html(choice.feedback_html))
    for ident, text in feedback:
        _html(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), text)


def _plain_title(question: Question) -> str:
    """Moodle names a question by its item's title: the prompt's first words, without markup."""
    text = " ".join(etree.fromstring(f"<t>{question.prompt_html}</t>", etree.HTMLParser()).xpath("string()").split())
    return text if len(text) <= 80 else text[:79].rstrip() + "…"

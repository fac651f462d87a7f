"""Machine-readable metadata for the site: schema.org `Course` and `ImageObject` as JSON-LD."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..course import digcomp
from ..course.model import Asset, Course
from ..ui_strings import iso_duration


def course_json_ld(course: Course, competence_urls: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`competence_urls`: DigComp competence id -> the absolute URL of its page on the site, where known."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "inLanguage": course.language,
        "license": course.licence.deed.removesuffix("deed.sv"),
        "timeRequired": iso_duration(course.duration_minutes),
        "isAccessibleForFree": True,
        "version": course.version,
        "audience": {"@type": "Audience", "audienceType": course.audience},
        "educationalLevel": course.level.value,
        "keywords": ", ".join(course.keywords),
        "author": [_person(person, "Person") for person in course.authors],
        "provider": _person(course.publisher, "Organization"),
        "publisher": _person(course.publisher, "Organization"),
        "courseCode": course.id,
    }
    if course.changelog:  # dated by the changelog: first published with its oldest release, changed with its newest
        data["datePublished"] = course.changelog[-1].date
        data["dateModified"] = course.changelog[0].date
    teaches: list[Any] = [*course.objectives, *_competence_terms(course, competence_urls or {})]
    if teaches:
        data["teaches"] = teaches
    if course.assessment and course.graded_questions:
        # each test as a schema.org Quiz, with what it assesses and how it is passed
        data["hasPart"] = [
            {
                "@type": "Quiz",
                "name": lesson.title,
                "assesses": list(lesson.objectives or course.objectives) or [course.title],
                "educationalUse": "assessment",
                "description": f"{len(lesson.questions)} questions; passing score {course.assessment.passing_score} %",
            }
            for lesson in course.lessons
            if lesson.is_test and lesson.questions
        ]
    if course.digcomp:
        data["educationalAlignment"] = _alignments(course, competence_urls or {})
    return data


def _alignments(course: Course, urls: Mapping[str, str]) -> list[dict[str, Any]]:
    """An AlignmentObject per DigComp competence the course cites, named in English as the framework is."""
    if not course.digcomp:
        return []
    framework = digcomp.framework(course.digcomp.version)
    alignments = []
    for competence in digcomp.course_competences(course):
        alignment: dict[str, Any] = {
            "@type": "AlignmentObject",
            "alignmentType": "teaches",
            "educationalFramework": framework.name,
            "targetName": competence.en,
        }
        if competence.descriptor_en:
            alignment["targetDescription"] = competence.descriptor_en
        if competence.id in urls:
            alignment["targetUrl"] = urls[competence.id]
        alignments.append(alignment)
    return alignments


def _competence_terms(course: Course, urls: Mapping[str, str]) -> list[dict[str, Any]]:
    """The DigComp competences a course teaches as DefinedTerms of the framework (beside its objectives, as text)."""
    if not course.digcomp:
        return []
    framework = digcomp.framework(course.digcomp.version)
    terms = []
    for competence in digcomp.course_competences(course):
        term: dict[str, Any] = {
            "@type": "DefinedTerm",
            "termCode": competence.id,
            "name": competence.en,
            "inDefinedTermSet": {"@type": "DefinedTermSet", "name": framework.name, "url": framework.url},
        }
        if competence.id in urls:
            term["url"] = urls[competence.id]
        terms.append(term)
    return terms


def _person(person, kind: str) -> dict[str, Any]:
    data = {"@type": kind, "name": person.name}
    if person.url:
        data["url"] = person.url
    return data


def images_json_ld(assets: list[tuple[Asset, str]], credits_url: str, credit_text: dict[str, str]) -> dict[str, Any]:
    """schema.org `ImageObject`s for the files a page shows: (asset, its URL from the page); `credit_text` by asset path."""
    graph = []
    for asset, url in assets:
        credit = asset.credit
        image: dict[str, Any] = {
            "@type": "ImageObject",
            "contentUrl": url,
            "name": credit.title,
            "license": credit.licence.legal_code,
            "acquireLicensePage": credit.source or credits_url,
            "creditText": credit_text[asset.path],
            "encodingFormat": asset.media_type,
        }
        if credit.creators:
            image["creator"] = [_person(person, "Person") for person in credit.creators]
        graph.append(image)
    return {"@context": "https://schema.org", "@graph": graph}

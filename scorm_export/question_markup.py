"""A lesson's questions as HTML for one output, put where the loader left their slots.

The questions' texts were rendered and checked by the loader; each output points their links and images at
its own files (the `relink` it passes) and puts the result, from theme/question.html, into the lesson.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from jinja2 import Environment

from .course.model import Course, Lesson
from .course.questions import slot_id

# a question's slot or a recording's (course/media.py): both are filled the same way
_SLOT = re.compile(r'<div class="(?:question|media)-slot" id="((?:fraga|media)-\d+)"></div>')


def question_markup(
    course: Course, lesson: Lesson, relink: Callable[[str], str], env: Environment, strings: dict[str, str], store: bool = False
) -> dict[str, str]:
    """Slot id -> the question's HTML; `relink` points a fragment's links at this output's files."""
    macro: Any = env.get_template("question.html").module
    markup = {}
    for question in lesson.questions:
        choices = [replace(choice, html=relink(choice.html), feedback_html=relink(choice.feedback_html)) for choice in question.choices]
        key = question_key(course, lesson, question.number)
        attempts = course.assessment.attempts if course.assessment else 0
        html = macro.question(
            question, key, relink(question.prompt_html), choices, relink(question.feedback_html), strings, store, attempts
        )
        markup[slot_id(question.number)] = str(html).strip()
    return markup


def question_key(course: Course, lesson: Lesson, number: int) -> str:
    """A question's name in the course: the same in its page, the runtime's state and the LMS's interaction id."""
    return f"{course.id}/{lesson.key}/{number}"


def graded_keys(course: Course, lessons: Iterable[Lesson]) -> list[dict[str, str]]:
    """The test questions of `lessons`, in course order, as the runtime's configuration lists them."""
    return [{"key": question_key(course, lesson, q.number)} for lesson in lessons for q in lesson.questions if q.graded]


def fill_slots(page_html: str, markup: dict[str, str]) -> str:
    """The page with each slot holding its question or recording (a slot without one stays empty)."""
    if not markup:
        return page_html
    return _SLOT.sub(lambda match: markup.get(match[1], match[0]), page_html)

"""Questions in lesson Markdown: the fenced `fråga` block, what the loader makes of it, and every mistake at its line."""

from __future__ import annotations

import pytest

from scorm_export.course.model import QuestionKind

from .helpers import COURSE_YML, lesson, messages, minimal_course

INTRO = "testkurs/01-forsta/01-intro.md"
INTRO_PATH = "content/" + INTRO
# lesson() puts the body after 4 lines of front matter and "Text om Intro." (line 6); the body starts on line 7
FIRST = 7

SINGLE = """\
```fråga
Vilken licens kräver **inte** att du anger källa?

- ( ) CC BY 4.0
  > Nej: BY betyder att källan ska anges.
- (x) CC0 1.0
  > Rätt: CC0 avstår från alla villkor.
- ( ) CC BY-SA 4.0

Förklaring: Alla Creative Commons-licenser utom [CC0](https://creativecommons.org/publicdomain/zero/1.0/) kräver erkännande.
```
"""


def course(body: str, **extra: str) -> dict[str, str]:
    return minimal_course(**{INTRO: lesson("Intro", body), **extra})


def questions(result):
    lessons = result.catalogue.courses[0].lessons
    return next(found for found in lessons if found.slug == "intro").questions


def test_a_single_choice_question_with_feedback_per_option_and_for_the_whole(load):
    result = load(course(SINGLE))
    assert not result.problems.items, messages(result)
    (question,) = questions(result)
    assert question.kind is QuestionKind.SINGLE and question.number == 1 and not question.graded
    assert question.prompt_html == "<p>Vilken licens kräver <strong>inte</strong> att du anger källa?</p>"
    assert [(choice.html, choice.correct) for choice in question.choices] == [
        ("CC BY 4.0", False),
        ("CC0 1.0", True),
        ("CC BY-SA 4.0", False),
    ]
    assert question.choices[0].feedback_html == "<p>Nej: BY betyder att källan ska anges.</p>"
    assert question.choices[2].feedback_html == ""
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/"' in question.feedback_html
    assert question.line == FIRST  # the opening fence


def test_the_question_leaves_a_slot_in_the_lesson_and_every_later_line_keeps_its_number(load):
    result = load(course(SINGLE + "\n[trasig länk](finns-inte.md)\n"))
    (problem,) = result.problems.errors
    assert problem.line == FIRST + SINGLE.count("\n") + 1, "the broken link's own line"
    found = load(course(SINGLE)).catalogue.courses[0].lessons[0]
    assert '<div class="question-slot" id="fraga-1"></div>' in found.html and "Vilken licens" not in found.html
    assert found.body.count("\n") == lesson("Intro", SINGLE).split("---\n", 2)[2].count("\n"), "the slotted body keeps its lines"


def test_multiple_response_true_false_and_short_text_answers(load):
    body = """\
```fråga
Vilka licenser tillåter kommersiell användning?

- [x] CC BY 4.0
- [ ] CC BY-NC 4.0
- [x] CC0 1.0
```

```fråga
En bild i public domain får användas fritt.

- (x) Sant
- ( ) Falskt
```

```fråga
Vad kallas licensen som kräver erkännande och inget annat? Skriv förkortningen.

Svar: CC BY | CC-BY | BY
```

```fråga
Skriv licensens id exakt.

Exakt svar: CC-BY-4.0
```
"""
    result = load(course(body))
    assert not result.problems.items, messages(result)
    multiple, true_false, fill_in, exact = questions(result)
    assert multiple.kind is QuestionKind.MULTIPLE and [c.correct for c in multiple.choices] == [True, False, True]
    assert true_false.kind is QuestionKind.TRUE_FALSE and [c.correct for c in true_false.choices] == [True, False]
    assert fill_in.kind is QuestionKind.FILL_IN and fill_in.answers == ("CC BY", "CC-BY", "BY") and not fill_in.case_sensitive
    assert exact.answers == ("CC-BY-4.0",) and exact.case_sensitive
    assert [q.number for q in questions(result)] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("block", "line", "fragment"),
    [
        ("```fråga\nFråga?\n\n- ( ) A\n- ( ) B\n```\n", 1, "inget svarsalternativ är markerat som rätt"),
        ("```fråga\nFråga?\n\n- (x) A\n- (x) B\n```\n", 5, "har ett enda rätt svar"),
        ("```fråga\nFråga?\n\n- (x) A\n- ( )\n```\n", 5, "svarsalternativet är tomt"),
        ("```fråga\nFråga?\n> Lösryckt återkoppling\n- (x) A\n```\n", 3, "hör inte till något svarsalternativ"),
        ("```fråga\nFråga?\n\nSvar:\n> Bra!\n```\n", 4, "Svar: saknar svar"),
        ("```fråga\nFråga?\n\nSvar: a\n> Bra!\n```\n", 5, "hör inte till något svarsalternativ"),
        ("```fråga\nFråga?\n```\n", 1, "frågan har inga svar"),
        ("```fråga\n- (x) A\n- ( ) B\n```\n", 1, "frågan saknar frågetext"),
        ("```fråga\nFråga?\n\n- (x) A\n- [ ] B\n```\n", 1, "blanda inte ( ) och [ ]"),
        ("```fråga\nFråga?\n\n- (x) A\nSvar: a\n```\n", 1, "både svarsalternativ och Svar:"),
        ("```fråga\nFråga?\n\n- (x) A\n\nlös text\n```\n", 6, "oväntad text i frågan"),
        ("```fråga\nFråga?\n\n- (x) A\n", 1, "frågan avslutas aldrig"),
    ],
)
def test_a_mistake_in_a_question_is_an_error_at_its_line(load, block, line, fragment):
    result = load(course(block))
    found = [p for p in result.problems.errors if p.path == INTRO_PATH and p.line == FIRST - 1 + line and fragment in p.message]
    assert found, messages(result)


def test_a_question_is_checked_like_the_lesson_body(load):
    block = "```fråga\nFråga <script>alert(1)</script>?\n\n- (x) [A](saknas.md)\n- ( ) B\n```\n"
    result = load(course(block))
    errors = messages(result)
    assert any(f"{INTRO_PATH}:{FIRST}:" in error and "script" in error for error in errors), errors
    assert any(f"{INTRO_PATH}:{FIRST + 3}:" in error and "saknas.md" in error for error in errors), errors


def test_a_lesson_or_a_module_marked_as_a_test_grades_its_questions(load):
    graded = lesson("Intro", SINGLE).replace("duration: 5 min\n", "duration: 5 min\ntest: true\n")
    result = load(minimal_course(**{INTRO: graded}))
    assert not result.problems.items, messages(result)
    (question,) = questions(result)
    assert question.graded
    course = result.catalogue.courses[0]
    assert course.lessons[0].is_test and not course.lessons[1].is_test
    assert (course.assessment.passing_score, course.assessment.attempts) == (80, 0), "a test without assessment: 80 %, no limit"
    result = load(minimal_course(**{INTRO: lesson("Intro", SINGLE), "testkurs/01-forsta/module.yml": "title: Prov\ntest: true\n"}))
    lessons = result.catalogue.courses[0].lessons
    assert lessons[0].is_test and lessons[1].is_test
    (problem,) = result.problems.errors  # the module's second lesson has no question
    assert problem.path == "content/testkurs/01-forsta/02-mer.md" and "ett test men har inga frågor" in problem.message


def test_a_test_without_questions_is_an_error_at_its_test_line(load):
    text = lesson("Intro").replace("duration: 5 min\n", "duration: 5 min\ntest: true\n")
    result = load(minimal_course(**{INTRO: text}))
    (problem,) = result.problems.errors
    assert (problem.path, problem.line) == (INTRO_PATH, 4) and "a test with no question" in problem.message


@pytest.mark.parametrize(
    ("assessment", "fragment"),
    [
        ("assessment:\n  passing_score: 120\n", "'passing_score' ska vara ett heltal 0–100"),
        ("assessment:\n  passing_score: -1\n", "'passing_score' ska vara ett heltal 0–100"),
        ("assessment:\n  passing_score: åttio\n", "'passing_score' ska vara ett heltal"),
        ("assessment:\n  attempts: -2\n", "'attempts' ska vara ett heltal 0 eller mer"),
        ("assessment:\n  passing_scor: 80\n", "passing_scor"),
    ],
)
def test_a_wrong_assessment_setting_is_an_error_at_its_line(load, assessment, fragment):
    result = load(minimal_course(**{"testkurs/course.yml": COURSE_YML + assessment}))
    line = COURSE_YML.count("\n") + 2
    found = [p for p in result.problems.errors if p.path == "content/testkurs/course.yml" and p.line == line and fragment in p.message]
    assert found, messages(result)


def test_the_course_says_its_passing_score_and_attempts(load):
    result = load(minimal_course(**{"testkurs/course.yml": COURSE_YML + "assessment:\n  passing_score: 70\n  attempts: 3\n"}))
    assert not result.problems.items, messages(result)
    assessment = result.catalogue.courses[0].assessment
    assert (assessment.passing_score, assessment.attempts) == (70, 3)

"""Questions written in lesson Markdown, as a fenced block that reads well in any Markdown viewer:

    ```fråga
    Vilken licens kräver inte att du anger källa?

    - ( ) CC BY 4.0
      > Nej: BY betyder att källan ska anges.
    - (x) CC0 1.0
      > Rätt: CC0 avstår från alla villkor.

    Förklaring: Alla Creative Commons-licenser utom CC0 kräver erkännande.
    ```

`( )` / `(x)` is one right answer, `[ ]` / `[x]` several; two options "Sant" and "Falskt" (or "True" and
"False") make a true/false question; `Svar: CC BY | CC-BY` instead of options asks for a short text answer
(any of the answers, case-insensitive; `Exakt svar:` keeps case). A `>` line under an option is that
option's feedback; `Förklaring:` (or `Feedback:`) starts the feedback for the whole question. Every other
text is Markdown.

This module only reads the blocks: each becomes a QuestionSource with its Markdown parts and their lines,
and its place in the lesson a slot (`<div class="question-slot" id="fraga-1">`) that outputs fill with the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import QuestionKind

FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?:fråga|question)[ \t]*$", re.IGNORECASE)
_OPTION = re.compile(r"^- (?P<mark>\( \)|\([xX]\)|\[ \]|\[[xX]\])(?:[ \t]+(?P<text>.*))?$")
_FEEDBACK = re.compile(r"^[ \t]*>[ \t]?(?P<text>.*)$")
_ANSWER = re.compile(r"^(?P<label>Svar|Answer|Exakt svar|Exact answer)[ \t]*:[ \t]*(?P<text>.*)$", re.IGNORECASE)
_GENERAL = re.compile(r"^(?:Förklaring|Feedback)[ \t]*:[ \t]*(?P<text>.*)$", re.IGNORECASE)
_TRUE_FALSE = ({"sant", "falskt"}, {"true", "false"})


def slot(number: int) -> str:
    """Where question `number` (from 1) stands in the lesson, until an output puts the question there.

    Only a class and an id, which the HTML policy allows authors too; the id doubles as the question's anchor.
    """
    return f'<div class="question-slot" id="{slot_id(number)}"></div>'


def slot_id(number: int) -> str:
    return f"fraga-{number}"


@dataclass
class OptionSource:
    text: str
    correct: bool
    line: int
    feedback: list[str] = field(default_factory=list)


@dataclass
class QuestionSource:
    """One question block as written; every part Markdown, with the line it starts on."""

    line: int
    prompt: list[str] = field(default_factory=list)
    options: list[OptionSource] = field(default_factory=list)
    multiple: bool = False
    answers: tuple[str, ...] = ()
    case_sensitive: bool = False
    general: list[str] = field(default_factory=list)

    @property
    def kind(self) -> QuestionKind:
        if self.answers:
            return QuestionKind.FILL_IN
        if self.multiple:
            return QuestionKind.MULTIPLE
        if len(self.options) == 2 and {option.text.strip().lower() for option in self.options} in _TRUE_FALSE:
            return QuestionKind.TRUE_FALSE
        return QuestionKind.SINGLE


@dataclass(frozen=True)
class QuestionProblem:
    line: int
    message: str


@dataclass(frozen=True)
class Extracted:
    body: str  # the lesson's Markdown with a slot where each question was, line for line
    questions: list[QuestionSource]
    problems: list[QuestionProblem]


def extract(body: str, first_line: int) -> Extracted:
    """Every question block of a lesson body, read; `first_line` is the body's first line in its file."""
    lines = body.split("\n")
    out: list[str] = []
    questions: list[QuestionSource] = []
    problems: list[QuestionProblem] = []
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        if not opening:
            out.append(lines[index])
            index += 1
            continue
        fence = opening["fence"]
        close = next(
            (
                i
                for i in range(index + 1, len(lines))
                if lines[i].strip().startswith(fence[0] * len(fence)) and not lines[i].strip(fence[0]).strip()
            ),
            None,
        )
        start = first_line + index
        if close is None:
            problems.append(
                QuestionProblem(start, f"frågan avslutas aldrig: skriv {fence} på en egen rad efter den (unclosed question block)")
            )
            close = len(lines)
        question, found = _read(lines[index + 1 : close], start + 1, start)
        problems += found
        questions.append(question)
        # the slot keeps the block's lines, so that every later line keeps its number
        out.append(slot(len(questions)))
        out.extend([""] * (min(close, len(lines) - 1) - index))
        index = close + 1
    return Extracted("\n".join(out), questions, problems)


def _read(lines: list[str], first: int, start: int) -> tuple[QuestionSource, list[QuestionProblem]]:
    question = QuestionSource(start)
    problems: list[QuestionProblem] = []
    part = "prompt"
    marks: set[str] = set()
    for offset, text in enumerate(lines):
        line = first + offset
        option, answer, general, feedback = _OPTION.match(text), _ANSWER.match(text), _GENERAL.match(text), _FEEDBACK.match(text)
        if part == "general":
            question.general.append(text)
        elif option:
            part = "option"
            mark = option["mark"].lower()
            marks.add(mark[0])
            question.options.append(OptionSource(option["text"] or "", mark[1] == "x", line))
            if not (option["text"] or "").strip():
                problems.append(QuestionProblem(line, "svarsalternativet är tomt: skriv texten efter ( ) eller [ ] (empty option)"))
        elif answer:
            part = "answer"
            question.case_sensitive = answer["label"].lower() in ("exakt svar", "exact answer")
            question.answers = tuple(value.strip() for value in answer["text"].split("|") if value.strip())
            if not question.answers:
                problems.append(QuestionProblem(line, "Svar: saknar svar; skriv ett eller flera, åtskilda med | (no accepted answer)"))
        elif general:
            part = "general"
            question.general.append(general["text"])
        elif feedback:
            if part == "option" and question.options:
                question.options[-1].feedback.append(feedback["text"])
            else:
                problems.append(
                    QuestionProblem(
                        line,
                        "återkopplingen (>) hör inte till något svarsalternativ: skriv den indragen direkt under alternativet, "
                        "eller som Förklaring: sist i frågan (feedback attached to nothing)",
                    )
                )
        elif part == "option" and text.startswith(("  ", "\t")) and text.strip():
            question.options[-1].text += " " + text.strip()  # an option's text may go on, indented
        elif part == "prompt":
            question.prompt.append(text)
        elif text.strip():
            problems.append(
                QuestionProblem(
                    line, "oväntad text i frågan: efter svarsalternativen kommer bara återkoppling (>) och Förklaring: (unexpected text)"
                )
            )
    problems += _judge(question, marks)
    return question, problems


def _judge(question: QuestionSource, marks: set[str]) -> list[QuestionProblem]:
    problems: list[QuestionProblem] = []
    if not "\n".join(question.prompt).strip():
        problems.append(QuestionProblem(question.line, "frågan saknar frågetext: skriv frågan först i blocket (no question text)"))
    if question.options and question.answers:
        problems.append(
            QuestionProblem(question.line, "frågan har både svarsalternativ och Svar:; välj det ena (both options and an answer)")
        )
    if not question.options and not question.answers:
        problems.append(
            QuestionProblem(
                question.line,
                "frågan har inga svar: skriv - ( ) för ett rätt svar, - [ ] för flera, eller Svar: för ett kort textsvar (no answers)",
            )
        )
        return problems
    if len(marks) > 1:
        problems.append(
            QuestionProblem(question.line, "blanda inte ( ) och [ ] i samma fråga: ( ) är ett rätt svar, [ ] är flera (mixed option kinds)")
        )
    question.multiple = marks == {"["}
    correct = [option for option in question.options if option.correct]
    if question.options and not correct:
        problems.append(
            QuestionProblem(question.line, "inget svarsalternativ är markerat som rätt: skriv (x) eller [x] (no correct answer)")
        )
    if not question.multiple and len(correct) > 1:
        problems.append(
            QuestionProblem(
                correct[1].line,
                "en fråga med ( ) har ett enda rätt svar; använd [ ] och [x] om flera är rätt (two correct answers in a single-choice question)",
            )
        )
    return problems

"""Every problem reported to an author is Swedish and ends with a short English hint in parentheses (README: "Swedish,
with an English hint"), e.g. "kursen har inga lektioner: … (course without lessons)".

The literal messages are read from the source with `ast`: every `.error(`/`.warning(` on a problems object, and every
call of a method that passes its message on to one (FieldReader._error). A message made elsewhere (a parameter, a
producer's return value) is listed in PRODUCED, and its producer is tested here directly.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scorm_export.course import foreign_syntax, html_policy, media, questions
from scorm_export.course.fields import url_problem
from scorm_export.course.html_policy import Disallowed
from scorm_export.course.sources import unsafe_character_message
from scorm_export.course.svg_safety import svg_problems

from .helpers import COURSE_YML, REPO, lesson, minimal_course

PACKAGE = REPO / "scorm_export"
_HINT = re.compile(r"\(([^()]*)\)\s*$")
_PLACEHOLDER = "\x00"  # where an f-string puts a value: not part of what the hint says itself
# a final parenthesis that starts like this is Swedish: an example or an aside, not the hint
_SWEDISH_OPENINGS = ("fick", "se", "och", "eller", "t.ex.", "till", "tillåtna", "namnrymd")

# non-literal messages (by module and expression) and the test below that checks where they are made
PRODUCED = {
    ("course/fields.py", "unsafe_character_message(found[1])"): "test_an_unsafe_character_message_has_a_hint",
    ("course/fields.py", "problem"): "test_url_problems_have_hints",  # url_problem()
    ("course/licences.py", "problem"): "test_url_problems_have_hints",
    ("course/sources.py", "unsafe_character_message(description)"): "test_an_unsafe_character_message_has_a_hint",
    ("course/loader.py", "item.message()"): "test_html_policy_messages_have_hints",
    ("course/side_text.py", "item.message()"): "test_html_policy_messages_have_hints",
    # questions.extract's QuestionProblem and svg_problems' SvgProblem
    ("course/loader.py", "problem.message"): "test_question_and_svg_problems_have_hints",
    # media.extract's and foreign_syntax's (line, message) pairs
    ("course/loader.py", "message"): "test_media_and_foreign_syntax_problems_have_hints",
    ("course/media.py", "message"): "test_caption_problems_have_hints",  # caption_problems()
}


def hint_problem(text: str) -> str | None:
    """Why `text` does not end with an English hint in parentheses, or None when it does."""
    match = _HINT.search(text)
    if match is None:
        return "does not end with a hint in parentheses"
    hint = match[1].replace(_PLACEHOLDER, "").strip()
    # a word of its own: '(1.1–5.4)' has none, '(sv.yml)' only a file suffix
    if not re.search(r"(?<![.\w])[A-Za-z]{2,}", hint):
        return f"the last parentheses ({match[1]!r}) hold no English words"
    if re.search("[åäöÅÄÖéÉ]", hint) or hint.split()[0].lower() in _SWEDISH_OPENINGS:
        return f"the last parentheses ({match[1]!r}) are Swedish"
    return None


def assert_hinted(messages: list[str]) -> None:
    assert messages, "nothing to check"
    failures = [f"{message!r}: {why}" for message in messages if (why := hint_problem(message))]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("message", "hinted"),
    [
        ("kursen har inga lektioner: lägg lektioner (.md) i modulmappar (course without lessons)", True),
        (f"okänd licens '{_PLACEHOLDER}' (unknown licence)", True),
        (f"'{_PLACEHOLDER}' är ingen DigComp-kompetens; skriv område.nummer, t.ex. 3.3 (1.1–5.4)", False),
        (f"'{_PLACEHOLDER}' ska vara true eller false (fick '{_PLACEHOLDER}')", False),
        (f"id ska vara samma som filnamnet ({_PLACEHOLDER}.yml)", False),
        ("varje brist behöver description (och gärna criterion, alternative)", False),
        ("kursen har inga lektioner: lägg lektioner i modulmappar, t.ex. 01-intro/01-valkommen.md", False),
        (f"filen kan inte läsas: {_PLACEHOLDER}", False),
    ],
)
def test_the_hint_check_tells_a_hint_from_an_example(message, hinted):
    assert (hint_problem(message) is None) is hinted


@dataclass(frozen=True)
class Report:
    module: str  # relative to scorm_export/
    line: int
    message: ast.expr


def _text(node: ast.expr) -> str | None:
    """A literal message as text, each f-string value a placeholder; None when the message is not written here."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else _PLACEHOLDER for part in node.values)
    return None


def _is_problems(node: ast.expr) -> bool:
    """`problems`, `self.problems`, `result.problems`: the objects that collect problems."""
    return ast.unparse(node).split(".")[-1] == "problems"


def _message_argument(call: ast.Call, index: int) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((keyword.value for keyword in call.keywords if keyword.arg == "message"), None)


class _ProblemCalls(ast.NodeVisitor):
    """Every `.error(`/`.warning(` on a problems object, with the function it is in; and every call."""

    def __init__(self) -> None:
        self.functions: list[ast.FunctionDef] = []
        self.calls: list[tuple[ast.Call, ast.FunctionDef | None]] = []
        self.every_call: list[ast.Call] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    def visit_Call(self, node: ast.Call) -> None:
        self.every_call.append(node)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("error", "warning") and _is_problems(func.value):
            self.calls.append((node, self.functions[-1] if self.functions else None))
        self.generic_visit(node)


def _forwarders(calls: list[tuple[ast.Call, ast.FunctionDef | None]]) -> tuple[dict[str, int], set[int]]:
    """Methods that report a message they are given (FieldReader._error), with the message's argument index, and the
    calls in them that report it (checked where the forwarder is called instead)."""
    found: dict[str, int] = {}
    forwarding: set[int] = set()
    for call, function in calls:
        message = _message_argument(call, 2)
        if function is None or not isinstance(message, ast.Name):
            continue
        parameters = [argument.arg for argument in function.args.args]
        if parameters[:1] == ["self"]:
            parameters = parameters[1:]
        if message.id in parameters:
            found[function.name] = parameters.index(message.id)
            forwarding.add(id(call))
    return found, forwarding


def reports(module: Path) -> Iterator[Report]:
    """Every message reported in `module`: to a problems object, or through one of the module's forwarders."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    name = module.relative_to(PACKAGE).as_posix()
    visitor = _ProblemCalls()
    visitor.visit(tree)
    forwarders, forwarding = _forwarders(visitor.calls)
    for call in visitor.every_call:
        if id(call) in forwarding:
            continue
        func = call.func
        message: ast.expr | None = None
        if isinstance(func, ast.Attribute) and func.attr in ("error", "warning") and _is_problems(func.value):
            message = _message_argument(call, 2)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
            if func.attr in forwarders:
                message = _message_argument(call, forwarders[func.attr])
        elif isinstance(func, ast.Name) and func.id in forwarders:
            message = _message_argument(call, forwarders[func.id])
        if message is not None:
            yield Report(name, call.lineno, message)


@functools.cache
def all_reports() -> list[Report]:
    return [report for module in sorted(PACKAGE.rglob("*.py")) for report in reports(module)]


def _produced_by(report: Report) -> str | None:
    """The expression that makes a message elsewhere: the message itself, or the value an f-string ends with."""
    message = report.message
    if isinstance(message, ast.JoinedStr) and message.values and isinstance(message.values[-1], ast.FormattedValue):
        return ast.unparse(message.values[-1].value)
    if _text(message) is None:
        return ast.unparse(message)
    return None


def test_every_literal_message_ends_with_an_english_hint():
    found = all_reports()
    assert len(found) > 100, f"the scan found only {len(found)} reported messages"
    failures = [
        f"scorm_export/{report.module}:{report.line}: {why}: {text.replace(_PLACEHOLDER, '{…}')!r}"
        for report in found
        if _produced_by(report) is None and (text := _text(report.message)) is not None and (why := hint_problem(text)) is not None
    ]
    assert not failures, "messages without an English hint at the end:\n" + "\n".join(failures)


def test_every_message_made_elsewhere_has_its_producer_tested_here():
    found = {(report.module, expression) for report in all_reports() if (expression := _produced_by(report)) is not None}
    untested = sorted(found - PRODUCED.keys())
    assert not untested, f"test where these messages are made, and list them in PRODUCED: {untested}"
    stale = sorted(PRODUCED.keys() - found)
    assert not stale, f"no longer in the code, remove them from PRODUCED: {stale}"
    assert all(test in globals() for test in PRODUCED.values())


def test_html_policy_messages_have_hints():
    items = [Disallowed(element) for element in [*html_policy._WHY, "marquee"]]
    items += [
        Disallowed("a", "onclick"),
        Disallowed("p", "style", "position"),
        Disallowed("a", "href", "javascript:"),
        Disallowed("img", "src", "data:"),
        Disallowed("p", "data-x"),
    ]
    assert_hinted([item.message() for item in items])
    # and as the policy finds them in a rendered lesson
    found = html_policy.disallowed('<iframe src="https://example.org"></iframe><p style="position: fixed" onclick="x()">t</p>')
    assert len(found) == 3
    assert_hinted([item.message() for item in found])


def test_an_unsafe_character_message_has_a_hint():
    assert_hinted([unsafe_character_message("U+0007 BELL"), unsafe_character_message("U+000A")])


def test_url_problems_have_hints():
    urls = ["https://exempel.se/en sida", "ftp://exempel.se/", "https:", "https:///sida", "mailto:ingen"]
    found = [url_problem(url, mailto=True) for url in urls]
    assert None not in found
    assert_hinted([problem for problem in found if problem])
    assert_hinted([problem for url in ("http://exempel.se/",) if (problem := url_problem(url, schemes=("https",)))])


QUESTIONS = """\
```fråga
- ( )
- (x) Ja
- (x) Också ja
> fristående återkoppling?
```

```fråga
Två sorter?

- ( ) Ett
- [x] Två
Svar:
```

```fråga
Inga svar alls?
```

```fråga
Inget rätt svar?

- ( ) Ett
- ( ) Två

Förklaring: se ovan
"""

SVGS = [
    b"<svg",
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<image xlink:href="https://example.org/a.png"/><a href="javascript:alert(1)"><rect/></a></svg>',
    b"<svg><rect/></svg>",
    b'<html xmlns="http://www.w3.org/1999/xhtml"/>',
    b'<?xml-stylesheet href="a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: url(https://example.org/a.svg#p) }</style></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:p>text</h:p></svg>',
    b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
]


def test_question_and_svg_problems_have_hints():
    found = questions.extract(QUESTIONS, 1).problems
    assert len(found) >= 7, found
    svg = [problem for data in SVGS for problem in svg_problems(data)]
    assert len(svg) >= len(SVGS), svg
    assert_hinted([problem.message for problem in [*found, *svg]])


def test_media_and_foreign_syntax_problems_have_hints():
    body = "# Intro\n\n::: note\n\n[ord]{.klass}\n\n\\newpage\n\n```video\nurl: https://example.org/\n"
    found = [message for _, message in foreign_syntax.foreign_syntax(body, 1, "Intro")]
    assert len(found) == 4, found
    recordings = media.extract(body, 1).problems
    assert len(recordings) == 1, recordings
    assert_hinted([*found, *(message for _, message in recordings)])


def test_caption_problems_have_hints():
    texts = [
        "00:00:01.000 --> 00:00:02.000\nHej\n",
        "WEBVTT\n\n00:01 -> 00:02 --> x\nHej\n",
        "WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nHej\n\n00:00:01.000 --> 00:00:09.000\nDå\n",
        "WEBVTT\n",
    ]
    found = [message for text in texts for _, message in media.caption_problems(text, 5.0)]
    assert len(found) >= 5, found
    assert_hinted(found)


BROKEN_COURSE = (
    COURSE_YML.replace("title: Testkurs", "title: [Test, kurs]")
    .replace("summary: En liten kurs för tester.", 'summary: "En liten kurs\\a"')
    .replace("version: 1.0.0", "version: 1.0")
    .replace("level: grundläggande", "level: expert")
    .replace("audience: Testare\n", "")
    .replace("keywords: [test]", "keywords: test\nobjectives: {a: b}\nduration: lång\npackaging: per-lesson\ntitel: Test")
    .replace("url: https://example.org/", "url: ftp://example.org/")
    .replace('competences: ["3.3"]', 'competences: ["3.3", "9.9"]')
    + "assessment:\n  passing_score: 120\n"
)


def test_field_messages_of_a_broken_course_have_hints(load):
    """FieldReader's messages (wrong type, missing, unknown, out of range) as the loader reports them, and the rest."""
    broken_lesson = "---\ntitle: Intro\nduration: 5 min\ntest: ja\nobjectives: [[a]]\n---\n\nText.\n"
    result = load(
        minimal_course(
            **{
                "testkurs/course.yml": BROKEN_COURSE,
                "testkurs/01-forsta/01-intro.md": broken_lesson,
                "testkurs/01-forsta/module.yml": "- title\n",
                "testkurs/01-forsta/03-utan.md": "Ingen front matter.\n",
                "testkurs/01-forsta/04-lank.md": lesson("Länk", "\n[saknas](05-nagot.md) ![](bild.png)\n"),
            }
        )
    )
    found = [problem.message for problem in result.problems.items]
    expected = [
        "'title' ska vara text",
        "'summary': osynligt styrtecken",
        "'version' ska vara ett versionsnummer",
        "'level' måste vara ett av",
        "obligatoriskt fält 'audience'",
        "'keywords' ska vara en lista",
        "'objectives' ska vara en lista av texter",
        "'duration' förstås inte",
        "'packaging' ska bestå av underfält",
        "okänt fält 'titel'",
        "'url': adressen",
        "ingen DigComp-kompetens",
        "'passing_score' ska vara ett heltal",
        "'test' ska vara true eller false",
        "'objectives': varje punkt ska vara en text",
        "module.yml ska bestå av fält",
        "lektionen saknar front matter",
        "pekar på en fil som inte finns",
        "saknar alt-text",
    ]
    missing = [fragment for fragment in expected if not any(fragment in message for message in found)]
    assert not missing, (missing, found)
    assert_hinted(found)

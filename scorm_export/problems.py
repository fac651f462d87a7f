"""Content problems as values: the loader collects them, commands decide what to print."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else "varning: "
        return f"{self.path}:{self.line}: {label}{self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command: the problem as an annotation on its line of a pull request's diff."""
        return f"::{self.severity.value} file={_escape_property(self.path)},line={self.line}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    # the escapes GitHub's runner reads back (actions/toolkit, core/src/command.ts)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_json(problems: Problems) -> str:
    """Every problem, errors and warnings counted, as one JSON document for other tools."""
    items = problems.items
    document = {
        "errors": sum(p.severity is Severity.ERROR for p in items),
        "warnings": sum(p.severity is Severity.WARNING for p in items),
        "problems": [{**asdict(problem), "severity": problem.severity.value} for problem in items],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


class Problems:
    """An ordered collection of problems, with paths shown relative to one root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._items: list[Problem] = []

    def error(self, path: Path | str, line: int, message: str) -> None:
        self._add(path, line, Severity.ERROR, message)

    def warning(self, path: Path | str, line: int, message: str) -> None:
        self._add(path, line, Severity.WARNING, message)

    def _add(self, path: Path | str, line: int, severity: Severity, message: str) -> None:
        self._items.append(Problem(self.display(path), max(line, 1), severity, message))

    def display(self, path: Path | str) -> str:
        path = Path(path)
        try:
            shown = path.relative_to(self.root).as_posix()
        except ValueError:
            shown = path.as_posix()
        # a line break or an undecodable byte in a file name must not break the one-line 'path:line: message'
        return "".join(
            char if char.isprintable() or char == " " else char.encode("unicode_escape", "backslashreplace").decode("ascii")
            for char in shown
        )

    def extend(self, other: Problems) -> None:
        self._items.extend(other._items)

    @property
    def items(self) -> list[Problem]:
        return sorted(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self._items)

"""Content problems as values: the loader collects them, commands decide what to print."""

from __future__ import annotations

from dataclasses import dataclass
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
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self._items)

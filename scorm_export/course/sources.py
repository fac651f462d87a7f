"""Reading authors' files: UTF-8 text, YAML that remembers line numbers, front matter.

Every failure becomes a Problem with a line number; nothing here raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from ..problems import Problems


class YamlMap(dict):
    """A mapping from YAML that knows the line of itself and of each key (1-based)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # an empty file or an unreadable one still gives a YamlMap that can answer line_of
        self.line: int = 1
        self.key_lines: dict = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line: int = 1
        self.item_lines: list = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def read_text(path: Path, problems: Problems) -> str | None:
    """The file as text, or None after reporting why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, f"filen kan inte läsas: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(path, line, "filen är inte UTF-8-kodad; spara den som UTF-8 (file is not UTF-8)")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML into plain values wrapped in YamlMap/YamlList; None after reporting an error."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = exc.problem or exc.context or "okänt fel"
        problems.error(path, line, f"YAML-syntaxfel: {what} (YAML syntax error)")
        return None
    except yaml.YAMLError as exc:
        problems.error(path, first_line, f"YAML-syntaxfel: {exc}")
        return None
    if node is None:
        return YamlMap()
    return _build(node, path, problems, first_line, {})


def _build(node: yaml.Node, path: Path, problems: Problems, first_line: int, built: dict[int, Any]) -> Any:
    # an alias is the same node again: build it once, so that a self-referencing alias
    # cannot recurse forever and a "billion laughs" document stays small
    if id(node) in built:
        return built[id(node)]
    line = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        result = built[id(node)] = YamlMap()
        result.line = line
        for key_node, value_node in node.value:
            key = _key(key_node)
            key_line = first_line + key_node.start_mark.line
            if key in result:
                problems.error(path, key_line, f"fältet '{key}' förekommer två gånger (duplicate key)")
            result[key] = _build(value_node, path, problems, first_line, built)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = built[id(node)] = YamlList()
        items.line = line
        items.extend(_build(item, path, problems, first_line, built) for item in node.value)
        items.item_lines = [first_line + item.start_mark.line for item in node.value]
        return items
    return _scalar(node)


def _key(node: yaml.Node) -> Any:
    """A mapping key; a list, a mapping or an unhashable value becomes its source text, report-able, never a crash."""
    if isinstance(node, yaml.ScalarNode):
        key = _scalar(node)
        try:
            hash(key)
            return key
        except TypeError:
            return node.value
    start, end = node.start_mark, node.end_mark
    return start.buffer[start.pointer : end.pointer] if start.buffer is not None else node.tag


def _scalar(node: yaml.Node) -> Any:
    try:
        return SafeConstructor().construct_object(node)
    except Exception:  # besides YAMLError, a bad date (2024-13-45) or tagged scalar (!!int x) raises ValueError and others
        return node.value


@dataclass(frozen=True)
class FrontMatterDocument:
    meta: Any  # YamlMap, or None when the front matter could not be parsed
    body: str
    body_first_line: int  # line number in the file of the body's first line


def split_front_matter(text: str, path: Path, problems: Problems) -> FrontMatterDocument:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error(path, 1, "lektionen saknar front matter: börja filen med '---', title och duration, och '---'")
        return FrontMatterDocument(None, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = parse_yaml("\n".join(lines[1:index]), path, problems, first_line=2)
            if meta is not None and not isinstance(meta, YamlMap):
                problems.error(path, 2, "front matter måste vara fält på formen 'namn: värde'")
                meta = None
            return FrontMatterDocument(meta, "\n".join(lines[index + 1 :]), index + 2)
    problems.error(path, 1, "front matter avslutas aldrig: lägg till en rad med '---' efter fälten")
    return FrontMatterDocument(None, "", len(lines))

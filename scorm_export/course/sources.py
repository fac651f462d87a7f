"""Reading authors' files: UTF-8 text, YAML that remembers line numbers, front matter.

Every failure becomes a Problem with a line number; nothing here raises on bad input.
"""

from __future__ import annotations

import re
import unicodedata
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


# C0 and C1 controls (but tab and line breaks), DEL, lone surrogates and noncharacters: invisible in an
# editor, not allowed in XML manifests, and parse errors in HTML
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)


def unsafe_character(text: str) -> tuple[int, str] | None:
    """The first character that must not be published, as (index, description), or None."""
    match = _UNSAFE.search(text)
    if match is None:
        return None
    char = match.group()
    name = unicodedata.name(char, "") if not 0xD800 <= ord(char) <= 0xDFFF else "surrogate"
    return match.start(), f"U+{ord(char):04X}" + (f" {name}" if name else "")


def unsafe_name_character(name: str) -> tuple[int, str] | None:
    """Like unsafe_character, for a file or folder name, where a tab or a line break is invisible too."""
    for index, char in enumerate(name):
        if char in "\t\n\r":
            return index, f"U+{ord(char):04X}"
    return unsafe_character(name)


def unsafe_character_message(description: str) -> str:
    return f"osynligt styrtecken {description}: ta bort det, det syns inte i en editor men stoppar paketen (control character)"


# libyaml composes ten times faster and keeps the same line marks; PyYAML without it falls back to Python
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path, problems: Problems) -> str | None:
    """The file as text, or None after reporting why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, f"filen kan inte läsas: {exc.strerror or exc} (unreadable file)")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(path, line, "filen är inte UTF-8-kodad; spara den som UTF-8 (file is not UTF-8)")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    found = unsafe_character(text)
    if found is not None:
        index, description = found
        problems.error(path, text.count("\n", 0, index) + 1, unsafe_character_message(description))
        return None
    return text


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML into plain values wrapped in YamlMap/YamlList; None after reporting an error."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        # an unclosed quote is found only at the end of the file: its start is the line to show
        unclosed = "quoted scalar" in (exc.context or "")
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = exc.problem or exc.context or "okänt fel"
        text_line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        problems.error(path, line, f"{_yaml_advice(what, text_line)} (YAML syntax error: {what})")
        return None
    except yaml.reader.ReaderError as exc:
        line = first_line + text.count("\n", 0, max(exc.position, 0))
        problems.error(path, line, f"YAML-syntaxfel: tecknet {exc.character!r} är inte tillåtet (YAML syntax error)")
        return None
    except yaml.YAMLError as exc:
        problems.error(path, first_line, f"YAML-syntaxfel: {exc} (YAML syntax error)")
        return None
    if node is None:
        return YamlMap()
    return _build(node, path, problems, first_line, {}, [*text.split("\n"), ""])


def _yaml_advice(problem: str, line: str = "") -> str:
    """What an author who is no programmer can do about PyYAML's most common complaints; `line` is the line it names."""
    if "tab" in problem or ("cannot start any token" in problem and "\t" in line):
        return "tabbtecken: YAML tillåter inte tabbar för indrag; dra in med mellanslag, två per nivå"
    if "mapping values are not allowed" in problem:
        return 'ett kolon (:) mitt i en text: sätt texten inom citattecken, t.ex. title: "Del 1: Inledning"'
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "raden följer inte mönstret 'namn: värde' eller är indragen fel; kontrollera indraget och att varje fält har ett kolon"
    if "found unexpected end of stream" in problem or "found unexpected ':'" in problem:
        return "ett citattecken eller en hakparentes öppnas men stängs aldrig; avsluta texten med samma tecken"
    return "YAML-syntaxfel: raden går inte att läsa"


def _build(node: yaml.Node, path: Path, problems: Problems, first_line: int, built: dict[int, Any], lines: list[str]) -> Any:
    # an alias is the same node again: build it once, so that a self-referencing alias
    # cannot recurse forever and a "billion laughs" document stays small
    if id(node) in built:
        return built[id(node)]
    line = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        result = built[id(node)] = YamlMap()
        result.line = line
        for key_node, value_node in node.value:
            key = _key(key_node, lines)
            key_line = first_line + key_node.start_mark.line
            if key in result:
                problems.error(path, key_line, f"fältet '{key}' förekommer två gånger (duplicate key)")
            result[key] = _build(value_node, path, problems, first_line, built, lines)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = built[id(node)] = YamlList()
        items.line = line
        items.extend(_build(item, path, problems, first_line, built, lines) for item in node.value)
        items.item_lines = [first_line + item.start_mark.line for item in node.value]
        return items
    return _scalar(node)


def _key(node: yaml.Node, lines: list[str]) -> Any:
    """A mapping key; a list, a mapping or an unhashable value becomes its source text, report-able, never a crash."""
    if isinstance(node, yaml.ScalarNode):
        key = _scalar(node)
        try:
            hash(key)
            return key
        except TypeError:
            return node.value
    # the key's own source text, from its marks' lines and columns (libyaml's marks carry no text)
    start, end = node.start_mark, node.end_mark
    if start.line == end.line:
        return lines[start.line][start.column : end.column]
    return "\n".join([lines[start.line][start.column :], *lines[start.line + 1 : end.line], lines[end.line][: end.column]])


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
        problems.error(
            path, 1, "lektionen saknar front matter: börja filen med '---', title och duration, och '---' (front matter missing)"
        )
        return FrontMatterDocument(None, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = parse_yaml("\n".join(lines[1:index]), path, problems, first_line=2)
            if meta is not None and not isinstance(meta, YamlMap):
                problems.error(path, 2, "front matter måste vara fält på formen 'namn: värde' (expected 'name: value' fields)")
                meta = None
            return FrontMatterDocument(meta, "\n".join(lines[index + 1 :]), index + 2)
    problems.error(path, 1, "front matter avslutas aldrig: lägg till en rad med '---' efter fälten (unclosed front matter)")
    return FrontMatterDocument(None, "", len(lines))

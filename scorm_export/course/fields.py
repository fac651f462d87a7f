"""Typed reading of metadata fields (course.yml, module.yml, lesson front matter).

Each reader reports a missing or wrongly typed field at its line and returns a usable
default, so that one run reports every problem in a file.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path
from typing import Any

from ..problems import Problems
from .sources import YamlList, YamlMap, unsafe_character, unsafe_character_message

_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|tim(?:me|mar)?|min(?:ut(?:er)?)?)", re.IGNORECASE)
_ISO_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?$")
# what course, programme and file names share
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a course's or programme's id: its address and package name
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")


def version_key(version: str) -> tuple[int, int, int, int, str]:
    """Orders semantic versions: 1.10.0 after 1.9.0, and 2.0.0-beta before 2.0.0."""
    match = SEMVER.match(version)
    if not match:
        return (-1, -1, -1, -1, version)
    pre = version.partition("-")[2]
    return (int(match[1]), int(match[2]), int(match[3]), 0 if pre else 1, pre)


def parse_duration(value: Any) -> int | None:
    """Minutes from '45 min', '1 h', '1 h 30 min', '1,5 h', 'PT1H30M' or a bare number of minutes."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = _ISO_DURATION.match(text)
    if iso and (iso.group(1) or iso.group(2)):
        return int(iso.group(1) or 0) * 60 + int(iso.group(2) or 0)
    parts = list(_DURATION_PART.finditer(text))
    if not parts or _DURATION_PART.sub("", text).strip():
        return None
    minutes = 0.0
    for part in parts:
        amount = float(part.group(1).replace(",", "."))
        minutes += amount * 60 if part.group(2).lower().startswith(("h", "t")) else amount
    # a number too long for a float is infinite, and round() of infinity raises
    return round(minutes) if minutes > 0 and math.isfinite(minutes) else None


def url_problem(url: str, *, mailto: bool = False, schemes: tuple[str, ...] = ("https", "http")) -> str | None:
    """Why `url` is not a web address that may be published, or None."""
    allowed = schemes + (("mailto",) if mailto else ())
    shown = ", ".join(f"{scheme}:" for scheme in allowed)
    if re.search(r"\s", url):
        return f"adressen {url!r} innehåller mellanslag; skriv den utan mellanslag, t.ex. med %20 (URL with spaces)"
    scheme, _, rest = url.partition(":")
    if scheme.lower() not in allowed or not rest:
        return f"adressen {url!r} ska börja med {shown} (only {shown} URLs are allowed)"
    if scheme.lower() in ("http", "https") and not re.match(r"//[^/?#@\s]+", rest):
        return f"adressen {url!r} saknar en webbplats, t.ex. https://example.org/ (URL without host)"
    if scheme.lower() == "mailto" and "@" not in rest:
        return f"adressen {url!r} är ingen e-postadress, t.ex. mailto:namn@example.org (not an e-mail address)"
    return None


class FieldReader:
    """Reads the fields of one YAML mapping and reports problems at their lines."""

    def __init__(self, data: YamlMap, path: Path, problems: Problems, what: str) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self.what = what  # e.g. "course.yml", for messages
        self.read: set[str] = set()

    def _error(self, key: str, message: str) -> None:
        self.problems.error(self.path, self.data.line_of(key), message)

    def _missing(self, key: str, example: str) -> None:
        # an empty value ('title:') is reported on its own line, an absent key where the mapping starts
        self.problems.error(
            self.path,
            self.data.line_of(key),
            f"obligatoriskt fält '{key}' saknas i {self.what}, t.ex. {key}: {example} (required field missing)",
        )

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def raw(self, key: str) -> Any:
        self.read.add(key)
        return self.data.get(key)

    def text(self, key: str, *, required: bool, example: str = "...", default: str = "") -> str:
        self.read.add(key)
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self._missing(key, example)
            return default
        if isinstance(value, (YamlMap, YamlList, bool)):
            self._error(key, f"'{key}' ska vara text, t.ex. {key}: {example} (expected text)")
            return default
        if not isinstance(value, str):
            self._error(key, f"'{key}' ska vara text inom citattecken, t.ex. {key}: \"{value}\" (expected a quoted string)")
            return str(value)
        found = unsafe_character(value)
        if found is not None:
            self._error(key, f"'{key}': {unsafe_character_message(found[1])}")
            return default
        return value.strip()

    def text_list(self, key: str, *, required: bool = False, example: str = "[...]") -> tuple[str, ...]:
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            if required:
                self._missing(key, example)
            return ()
        if isinstance(value, str):
            self._error(key, f"'{key}' ska vara en lista, t.ex. {key}: {example} (expected a list)")
            return (value,)
        if not isinstance(value, YamlList):
            self._error(key, f"'{key}' ska vara en lista av texter (expected a list of strings)")
            return ()
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problems.error(self.path, value.line_of(index), f"'{key}': varje punkt ska vara en text (expected text)")
                continue
            found = unsafe_character(item)
            if found is not None:
                self.problems.error(self.path, value.line_of(index), f"'{key}': {unsafe_character_message(found[1])}")
                continue
            items.append(item.strip())
        return tuple(items)

    def mapping(self, key: str, *, required: bool, example: str = "") -> YamlMap | None:
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            if required:
                self._missing(key, example)
            return None
        if not isinstance(value, YamlMap):
            self._error(key, f"'{key}' ska bestå av underfält, t.ex. {example} (expected a mapping)")
            return None
        return value

    def items(self, key: str) -> list[tuple[Any, int]]:
        """A list's items with their lines; a wrong type is reported and gives no items."""
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, YamlList):
            self._error(key, f"'{key}' ska vara en lista (expected a list)")
            return []
        return [(item, value.line_of(index)) for index, item in enumerate(value)]

    def url(self, key: str, *, required: bool, mailto: bool = False) -> str | None:
        """A web address (https:, http:, or mailto: where an address makes sense), or None after reporting it."""
        value = self.text(key, required=required, example="https://...")
        if not value:
            return None
        problem = url_problem(value, mailto=mailto)
        if problem:
            self._error(key, f"'{key}': {problem}")
            return None
        return value

    def duration(self, key: str, *, required: bool) -> int | None:
        self.read.add(key)
        if not self.has(key):
            if required:
                self._missing(key, "10 min")
            return None
        value = self.data[key]
        if isinstance(value, (YamlMap, YamlList)):
            # never repr() a list or mapping: through YAML aliases it may be huge or contain itself
            self._error(key, f"'{key}' ska vara en tid som text, t.ex. {key}: 45 min (expected a duration)")
            return None
        minutes = parse_duration(value)
        if minutes is None:
            self._error(key, f"'{key}' förstås inte: {value!r}; skriv t.ex. '45 min', '1 h' eller '1 h 30 min' (unreadable duration)")
        return minutes

    def version(self, key: str = "version") -> str:
        """A semantic version; 1.0 and 2 (which YAML reads as numbers) get the same one piece of advice as any other."""
        value = self.raw(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.read.add(key)
            self._error(key, f"'{key}' ska vara ett versionsnummer med tre delar, t.ex. {key}: 1.0.0 (fick {value}) (expected e.g. 1.0.0)")
            return ""
        text = self.text(key, required=True, example="1.0.0")
        if text and not SEMVER.match(text):
            self._error(key, f"'{key}' ska vara ett versionsnummer med tre delar, t.ex. {key}: 1.0.0 (fick {text}) (expected e.g. 1.0.0)")
            return ""
        return text

    def choice(self, key: str, choices: list[str], *, required: bool, default: str | None = None) -> str | None:
        value = self.text(key, required=required, example=choices[0])
        if not value:
            return default
        if value not in choices:
            self._error(key, f"'{key}' måste vara ett av: {', '.join(choices)} (fick '{value}') (not one of the allowed values)")
            return default
        return value

    def flag(self, key: str) -> bool:
        """true or false; anything else is reported (YAML's own booleans only: no 'ja', no 'yes')."""
        value = self.raw(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self._error(key, f"'{key}' ska vara true eller false (fick '{value}') (expected true or false)")
            return False
        return value

    def number(self, key: str, *, default: int, low: int, high: int | None = None) -> int:
        """A whole number between `low` and `high`; anything else is reported and gives `default`."""
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
            span = f"{low}–{high}" if high is not None else f"{low} eller mer"
            self._error(key, f"'{key}' ska vara ett heltal {span} (fick '{value}') (expected a whole number in range)")
            return default
        return value

    def report_unknown(self, known: list[str], foreign: frozenset[str] = frozenset()) -> None:
        """Every field not in `known` is an error; one of `foreign` (another tool's) only a warning, once each."""
        for key in self.data:
            if key in known:
                continue
            if key in foreign:
                self.problems.warning(
                    self.path,
                    self.data.line_of(key),
                    f"fältet '{key}' hör till ett annat verktyg och används inte här; ta bort det när det inte behövs "
                    f"(a field of another tool, ignored)",
                )
                continue
            guess = difflib.get_close_matches(str(key), known, n=1)
            hint = f"; menade du '{guess[0]}'?" if guess else f"; kända fält: {', '.join(known)}"
            self._error(key, f"okänt fält '{key}' i {self.what}{hint} (unknown field)")

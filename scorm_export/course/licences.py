"""The one place that knows the licences: reads `licenses/*.yml` into Licence records."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problems
from .fields import FieldReader, url_problem
from .model import Licence
from .sources import YamlMap, parse_yaml, read_text

_CONDITIONS = {"BY", "SA", "NC", "ND"}
# a RightsStatements.org statement says what the rights are; it grants nothing
_KINDS = ["licence", "dedication", "mark", "statement"]
_FIELDS = ["id", "kind", "short_name", "name", "deed", "legal_code", "conditions"]


def load_licences(folder: Path, problems: Problems) -> dict[str, Licence]:
    licences: dict[str, Licence] = {}
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    if not files:
        problems.error(folder, 1, "inga licenser hittades: mappen licenses/ ska innehålla en YAML-fil per licens (no licences found)")
    for path in files:
        licence = _load_one(path, problems)
        if licence is None:
            continue
        if licence.id in licences:
            problems.error(path, 1, f"licensen {licence.id} finns redan i en annan fil (duplicate licence)")
            continue
        licences[licence.id] = licence
    return licences


def _load_one(path: Path, problems: Problems) -> Licence | None:
    text = read_text(path, problems)
    data = parse_yaml(text, path, problems) if text is not None else None
    if not isinstance(data, YamlMap):
        if data is not None:
            problems.error(path, 1, "licensfilen ska bestå av fält på formen 'namn: värde' (expected 'name: value' fields)")
        return None
    before = len(problems.errors)
    fields = FieldReader(data, path, problems, path.name)
    spdx = fields.text("id", required=True, example="CC-BY-4.0")
    if spdx and spdx != path.stem:
        problems.error(path, fields.line("id"), f"id '{spdx}' ska vara samma som filnamnet ({path.stem}.yml) (id must match the file name)")
    names = fields.mapping("name", required=True, example="name: {sv: ..., en: ...}")
    name_fields = FieldReader(names, path, problems, "name") if names is not None else None
    name_sv = name_fields.text("sv", required=True) if name_fields else ""
    name_en = name_fields.text("en", required=True) if name_fields else ""
    urls = {key: fields.text(key, required=True, example="https://creativecommons.org/...") for key in ("deed", "legal_code")}
    for key, url in urls.items():
        problem = url_problem(url, schemes=("https",)) if url else None
        if problem:
            problems.error(path, fields.line(key), f"'{key}': {problem}")
    # required ('[]' for CC0 and PDM): a forgotten list would silently drop the attribution requirement
    conditions = fields.text_list("conditions", required=True, example="[BY, SA]")
    for condition in conditions:
        if condition not in _CONDITIONS:
            problems.error(path, fields.line("conditions"), f"okänt villkor '{condition}'; kända: BY, SA, NC, ND (unknown condition)")
    licence = Licence(
        id=spdx,
        kind=fields.choice("kind", _KINDS, required=False, default="licence") or "licence",
        short_name=fields.text("short_name", required=True, example="CC BY 4.0"),
        name_sv=name_sv,
        name_en=name_en,
        deed=urls["deed"],
        legal_code=urls["legal_code"],
        conditions=tuple(sorted(set(conditions) & _CONDITIONS, key=["BY", "NC", "ND", "SA"].index)),
    )
    fields.report_unknown(_FIELDS)
    return licence if len(problems.errors) == before else None

"""Syntax of other authoring tools that Python-Markdown would print as it stands: warnings with what to write.

Material brought over from Pandoc, the Carpentries' lesson template, R Markdown or LaTeX keeps working, but
these parts would show their markers to the learner. Each is reported once per line, outside code blocks.
"""

from __future__ import annotations

import re

# front-matter fields of other tools (the Carpentries, Jekyll, just-the-docs, Hugo, MkDocs Material): a warning, not an error
FOREIGN_FIELDS = frozenset(
    {
        "teaching", "exercises", "questions", "keypoints", "layout", "permalink", "nav_order", "parent", "has_children",
        "date", "tags", "description", "author", "authors", "hide", "search", "status", "template", "icon", "subtitle",
        "weight", "draft", "slug", "summary", "output", "bibliography",
    }
)  # fmt: skip

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CHECKS = (
    (
        re.compile(r"^ {0,3}:{3,}"),
        'ett Pandoc-block (::: …) visas som text här; skriv en ruta som !!! note "Rubrik" med texten indragen fyra '
        "mellanslag under (Pandoc fenced div)",
    ),
    (
        re.compile(r"\[[^\]\n]+\]\{[#.][^}\n]*\}"),
        "[text]{#id .klass} (ett Pandoc-span) visas som text här; skriv bara texten, eller en länk [text](adress) "
        "(bracketed span with attributes)",
    ),
    (
        re.compile(r"\\(?:pagebreak|newpage|clearpage|vspace|hspace|noindent|textbf|emph|cite|ref|label)\b"),
        "ett LaTeX-kommando visas som text här; ta bort det, eller skriv **fetstil** och *kursiv* i Markdown (LaTeX command)",
    ),
)


def foreign_syntax(body: str, first_line: int, title: str) -> list[tuple[int, str]]:
    """(line, message) for each line of the body with another tool's syntax; `title` is the lesson's own."""
    found: list[tuple[int, str]] = []
    fence = ""
    first_text = True
    for offset, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence) and not line.strip(fence[0] + " \t"):
                fence = ""
            continue
        if opening:
            fence = opening[1]
            continue
        number = first_line + offset
        if first_text and line.strip():
            first_text = False
            heading = re.match(r"^#\s+(.+?)\s*#*\s*$", line)
            if heading and title and heading[1].strip().casefold() == title.strip().casefold():
                found.append(
                    (
                        number,
                        "rubriken upprepar lektionens titel, som redan står överst på sidan; ta bort raden (heading repeats the title)",
                    )
                )
        for pattern, message in _CHECKS:
            if pattern.search(line):
                found.append((number, message))
    return found

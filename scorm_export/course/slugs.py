"""ASCII slugs from the names authors give files and folders (spaces, å, ä, ö and all)."""

from __future__ import annotations

import re
import unicodedata

_ORDER_PREFIX = re.compile(r"^(\d+)[\s._-]+(.+)$")
_SPECIAL = str.maketrans({"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ß": "ss", "ð": "d", "þ": "th", "ł": "l"})


def slugify(name: str) -> str:
    """'Välja licens för bilder' -> 'valja-licens-for-bilder'."""
    ascii_text = unicodedata.normalize("NFKD", name.translate(_SPECIAL)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def split_order(stem: str) -> tuple[int | None, str]:
    """'02-Välja licens' -> (2, 'Välja licens'); names without a numeric prefix have no order."""
    match = _ORDER_PREFIX.match(stem)
    if match:
        return int(match.group(1)), match.group(2)
    return None, stem


def ordered_slug(stem: str) -> tuple[tuple[int, str], str]:
    """A sort key (prefixed names first, by number) and the slug without the prefix."""
    order, name = split_order(stem)
    return (order if order is not None else 10**9, stem.casefold()), slugify(name)


def file_slug(file_name: str) -> str:
    """Slug for an asset file name, keeping its (lower-cased) extension: 'Beslutsträd licens.SVG' -> 'beslutstrad-licens.svg'."""
    stem, dot, extension = file_name.rpartition(".")
    if not dot or not stem:
        return slugify(file_name) or "fil"
    return f"{slugify(stem) or 'fil'}.{slugify(extension)}"

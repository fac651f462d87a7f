"""Which asset licences a course may carry under its own licence, after Creative Commons' compatibility
chart for adaptations (https://creativecommons.org/faq/#can-i-combine-material-under-different-creative-commons-licenses-in-my-work).

A course that shows an image invites its reusers to copy and adapt both under the course's licence. An
asset fits when everything the course's licence lets a reuser do, the asset's licence lets them do too,
and what it asks (attribution, share-alike) the course's licence asks as well. Otherwise the asset must
be declared a separately licensed part (`separate_work` in its TASL file) and is published with its own
terms marked. The rules, in the order they are checked (README has them as a table):

1. CC0 and the Public Domain Mark fit every course.
2. A RightsStatements.org statement never fits: the material is not openly licensed at all.
3. NoDerivatives needs a NoDerivatives course licence. (The chart allows no adaptation of ND material at all;
   a course that shows an image unchanged is a collection, and under ND its reusers may not adapt it either.)
4. Attribution (BY) needs a course licence that requires attribution too (not CC0).
5. NonCommercial needs a NonCommercial course licence.
6. ShareAlike needs the course under the same licence (BY-SA with BY-SA, BY-NC-SA with BY-NC-SA).
"""

from __future__ import annotations

from .model import Licence


def conflict(course: Licence, asset: Licence) -> tuple[str, str] | None:
    """Why a reuser who follows the course's licence would break the asset's (Swedish, English), or None if it fits."""
    need, have = set(asset.conditions), set(course.conditions)
    if asset.kind == "statement":
        return (
            "den är inte öppet licensierad, så kursens licens ger ingen rätt att återanvända den",
            "it is not openly licensed, so the course's licence gives no right to reuse it",
        )
    if "ND" in need and "ND" not in have:
        return (
            "den får inte bearbetas (ND), men kursens licens tillåter bearbetningar av hela kursen",
            "it may not be adapted (ND), but the course's licence allows adapting the whole course",
        )
    if "BY" in need and "BY" not in have:
        return (
            "den kräver erkännande (BY), men kursens licens säger att ingen källa behöver anges",
            "it requires attribution (BY), but the course's licence says none is needed",
        )
    if "NC" in need and "NC" not in have:
        return (
            "den får inte användas kommersiellt (NC), men kursens licens tillåter kommersiell användning",
            "it may not be used commercially (NC), but the course's licence allows commercial use",
        )
    if "SA" in need and need != have:
        return (
            f"den kräver att bearbetningar delas under samma licens ({asset.short_name}), men kursens licens tillåter andra villkor",
            f"adaptations must be shared under the same licence ({asset.short_name}), but the course's licence allows other terms",
        )
    return None

"""Which asset licences a course may carry under its own licence, after Creative Commons' compatibility
chart for adaptations (https://creativecommons.org/faq/#can-i-combine-material-under-different-creative-commons-licenses-in-my-work).

A course that shows an image invites its reusers to copy and adapt both under {en} licence. An
asset fits when everything {en} licence lets a reuser do, the asset's licence lets them do too,
and what it asks (attribution, share-alike) {en} licence asks as well. Otherwise the asset must
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


def conflict(course: Licence, asset: Licence, whole: tuple[str, str] = ("kursens", "the course's")) -> tuple[str, str] | None:
    """Why a reuser who follows the course's licence would break the asset's (Swedish, English), or None if it fits.

    `whole` names the container in both languages: a course holding a file, or a programme holding a course.
    """
    need, have = set(asset.conditions), set(course.conditions)
    sv, en = whole
    if asset.kind == "statement":
        return (
            f"den är inte öppet licensierad, så {sv} licens ger ingen rätt att återanvända den",
            f"it is not openly licensed, so {en} licence gives no right to reuse it",
        )
    if "ND" in need and "ND" not in have:
        return (
            f"den får inte bearbetas (ND), men {sv} licens tillåter bearbetningar av helheten",
            f"it may not be adapted (ND), but {en} licence allows adapting the whole",
        )
    if "BY" in need and "BY" not in have:
        return (
            f"den kräver erkännande (BY), men {sv} licens säger att ingen källa behöver anges",
            f"it requires attribution (BY), but {en} licence says none is needed",
        )
    if "NC" in need and "NC" not in have:
        return (
            f"den får inte användas kommersiellt (NC), men {sv} licens tillåter kommersiell användning",
            f"it may not be used commercially (NC), but {en} licence allows commercial use",
        )
    if "SA" in need and need != have:
        return (
            f"den kräver att bearbetningar delas under samma licens ({asset.short_name}), men {sv} licens tillåter andra villkor",
            f"adaptations must be shared under the same licence ({asset.short_name}), but {en} licence allows other terms",
        )
    return None

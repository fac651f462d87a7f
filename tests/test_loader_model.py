"""The course model the loader builds: order, slugs, keys, durations, references, licences and DigComp."""

from __future__ import annotations

import json

import pytest
import yaml

from scorm_export.course import digcomp
from scorm_export.course import digcomp_reference as digcomp_reference_module
from scorm_export.course.fields import parse_duration
from scorm_export.course.licences import load_licences
from scorm_export.course.model import DigCompArea, ReferenceKind
from scorm_export.course.slugs import file_slug, ordered_slug, slugify
from scorm_export.problems import Problems

from .helpers import COURSE_YML, REPO, SHARED, lesson, messages, minimal_course, require_shared
from .test_loader_validation import line_of

INTRO_FILE = "testkurs/01-forsta/01-intro.md"
REQUIRED_LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC0-1.0", "CC-PDM-1.0"]
PNG = b"\x89PNG\r\n\x1a\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"/>'


def loaded_course(load, files):
    """The one course of a tree that must load without problems."""
    result = load(files)
    assert messages(result) == []
    (course,) = result.catalogue.courses
    return course


# --- order, slugs and keys ------------------------------------------------------------------


def test_modules_and_lessons_are_ordered_by_number_so_10_comes_after_9(load):
    files = {"testkurs/course.yml": COURSE_YML}
    for module in ("10-tio", "1-ett", "9-nio"):
        for name in ("10-tionde", "2-andra", "9-nionde"):
            files[f"testkurs/{module}/{name}.md"] = lesson(name)

    course = loaded_course(load, files)

    assert [module.slug for module in course.modules] == ["ett", "nio", "tio"]
    assert [lesson.slug for lesson in course.modules[0].lessons] == ["andra", "nionde", "tionde"]


def test_names_with_spaces_and_swedish_letters_become_ascii_slugs(load):
    files = minimal_course(
        **{
            "testkurs/02-Öppna data & åtkomst/02-Välja licens för bilder.md": lesson("Välja licens"),
        }
    )

    course = loaded_course(load, files)

    assert course.modules[1].slug == "oppna-data-atkomst"
    assert course.modules[1].lessons[0].slug == "valja-licens-for-bilder"
    assert course.modules[1].lessons[0].key == "oppna-data-atkomst/valja-licens-for-bilder"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Välja licens för bilder", "valja-licens-for-bilder"),
        ("  Öppna   DATA!  ", "oppna-data"),
        ("Ærø og Straße", "aero-og-strasse"),
        ("___", ""),
    ],
)
def test_slugify_keeps_only_lowercase_ascii_letters_digits_and_hyphens(name, slug):
    assert slugify(name) == slug


def test_numeric_prefix_is_the_sort_order_and_not_part_of_the_slug():
    assert ordered_slug("02-Välja licens")[1] == "valja-licens"
    assert ordered_slug("10 tio")[0] > ordered_slug("9_nio")[0]
    assert ordered_slug("utan-nummer")[0] > ordered_slug("99-sist")[0]


def test_lesson_key_is_module_slug_and_lesson_slug(load):
    course = loaded_course(load, minimal_course())

    assert [lesson.key for lesson in course.lessons] == ["forsta/intro", "forsta/mer"]
    assert course.lesson("forsta/mer").title == "Mer"
    assert course.lessons[0].source == "content/testkurs/01-forsta/01-intro.md"


def test_module_title_comes_from_module_yml_or_else_from_the_folder_name(load):
    files = minimal_course(**{"testkurs/02-andra-delen/01-a.md": lesson("A")})

    course = loaded_course(load, files)

    assert [module.title for module in course.modules] == ["Första modulen", "Andra delen"]


def test_asset_output_paths_are_ascii_and_keep_the_file(load):
    body = "\n![Beslutsträd](<bilder/Beslutsträd licens.SVG>)\n"
    files = minimal_course(
        **{
            "testkurs/02-Välja licens/01-val.md": lesson("Val", body),
            "testkurs/02-Välja licens/bilder/Beslutsträd licens.SVG": SVG,
        }
    )

    course = loaded_course(load, files)

    (asset,) = course.assets
    assert asset.path == "valja-licens/bilder/beslutstrad-licens.svg"
    assert asset.path.isascii()
    assert asset.source == "02-Välja licens/bilder/Beslutsträd licens.SVG"
    assert asset.data == SVG
    assert asset.media_type == "image/svg+xml"
    assert asset.licence.id == "CC-BY-4.0"
    assert asset.attribution == "Testredaktionen"


def test_file_slug_keeps_a_lowercase_extension():
    assert file_slug("Beslutsträd licens.SVG") == "beslutstrad-licens.svg"
    assert file_slug("README") == "readme"


# --- durations ---------------------------------------------------------------------------------


def test_course_duration_is_the_sum_of_its_lessons_when_not_given(load):
    files = minimal_course(
        **{
            INTRO_FILE: lesson("Intro").replace("duration: 5 min", "duration: 45 min"),
            "testkurs/01-forsta/02-mer.md": lesson("Mer").replace("duration: 5 min", "duration: 1 h 30 min"),
        }
    )

    course = loaded_course(load, files)

    assert [lesson.duration_minutes for lesson in course.lessons] == [45, 90]
    assert course.modules[0].duration_minutes == 135
    assert course.duration_minutes == 135


def test_course_duration_given_in_course_yml_wins(load):
    course = loaded_course(load, minimal_course(**{"testkurs/course.yml": COURSE_YML + "duration: 2 h\n"}))

    assert course.duration_minutes == 120


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45 min", 45),
        ("1 h", 60),
        ("1 h 30 min", 90),
        ("1,5 h", 90),
        ("1.5 h", 90),
        ("PT1H30M", 90),
        ("PT45M", 45),
        ("2 timmar", 120),
        ("90 minuter", 90),
        ("1 timme 15 min", 75),
        (20, 20),
    ],
)
def test_duration_is_read_as_minutes(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text",
    ["soon", "", "PT", "0 min", "-5 min", 0, -5, True, None, 1.5, pytest.param("9" * 400 + " h", id="too long for a float")],
)
def test_unreadable_duration_gives_none(text):
    assert parse_duration(text) is None


# --- references ------------------------------------------------------------------------------


def test_links_and_images_are_resolved_to_lessons_assets_and_urls(load):
    body = """
    ## Rubrik

    Läs [mer](02-mer.md#fordjupning) och [här](#rubrik).

    ![Karta över museet](<bilder/Karta 1.png>)

    Se [Creative Commons](https://creativecommons.org/).
    """
    text = lesson("Intro", body)
    files = minimal_course(
        **{
            INTRO_FILE: text,
            "testkurs/01-forsta/02-mer.md": lesson("Mer", "\n## Fördjupning\n"),
            "testkurs/01-forsta/bilder/Karta 1.png": PNG,
        }
    )

    course = loaded_course(load, files)

    lesson_link, anchor, image, external = course.lesson("forsta/intro").references
    assert (lesson_link.kind, lesson_link.target, lesson_link.fragment) == (ReferenceKind.LESSON, "forsta/mer", "fordjupning")
    assert lesson_link.line == line_of(text, "02-mer.md")
    assert (anchor.kind, anchor.fragment, anchor.line) == (ReferenceKind.ANCHOR, "rubrik", line_of(text, "#rubrik"))
    assert (image.kind, image.target, image.is_image) == (ReferenceKind.ASSET, "forsta/bilder/karta-1.png", True)
    assert image.line == line_of(text, "Karta 1.png")
    assert course.asset(image.target).data == PNG
    assert (external.kind, external.target) == (ReferenceKind.EXTERNAL, "https://creativecommons.org/")


def test_image_in_raw_html_is_published_like_a_markdown_image(load):
    text = lesson("Intro", '\n<img src="karta.png" alt="Karta">\n')
    files = minimal_course(**{INTRO_FILE: text, "testkurs/01-forsta/karta.png": PNG})

    course = loaded_course(load, files)

    (image,) = course.lesson("forsta/intro").references
    assert (image.kind, image.target, image.line) == (ReferenceKind.ASSET, "forsta/karta.png", line_of(text, "karta.png"))
    assert [asset.path for asset in course.assets] == ["forsta/karta.png"]


def test_links_inside_code_are_not_links(load):
    body = """
    ```markdown
    [saknas](saknas.md) och ![](saknas.png) och <a href="/etc/passwd">x</a>
    ```

    Skriv `[länk](saknas.md)` för en länk.
    """

    course = loaded_course(load, minimal_course(**{INTRO_FILE: lesson("Intro", body)}))

    assert course.lesson("forsta/intro").references == ()
    assert course.assets == ()


def test_lesson_body_is_kept_as_written(load):
    body = "\nLäs [mer](02-mer.md).\n"

    course = loaded_course(load, minimal_course(**{INTRO_FILE: lesson("Intro", body)}))

    assert course.lesson("forsta/intro").body == "\nText om Intro.\n" + body


# --- licences ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def licences():
    problems = Problems(REPO)
    loaded = load_licences(REPO / "licenses", problems)
    assert [str(problem) for problem in problems.items] == []
    return loaded


def test_the_required_licences_exist(licences):
    assert set(REQUIRED_LICENCES) <= set(licences)


@pytest.mark.parametrize("path", sorted((REPO / "licenses").glob("*.yml")), ids=lambda path: path.stem)
def test_every_licence_file_has_names_links_and_conditions(licences, path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    licence = licences[path.stem]

    assert {"sv", "en"} <= set(raw["name"])
    assert "conditions" in raw
    assert licence.name_sv and licence.name_en and licence.short_name
    assert licence.deed.startswith("https://") and licence.legal_code.startswith("https://")
    assert set(licence.conditions) <= {"BY", "SA", "NC", "ND"}


def test_licence_conditions_and_kind_are_read(licences):
    assert licences["CC-BY-SA-4.0"].conditions == ("BY", "SA")
    assert licences["CC-BY-NC-SA-4.0"].conditions == ("BY", "NC", "SA")
    assert licences["CC-BY-4.0"].requires_attribution
    assert (licences["CC0-1.0"].kind, licences["CC0-1.0"].conditions) == ("dedication", ())
    assert (licences["CC-PDM-1.0"].kind, licences["CC-PDM-1.0"].requires_attribution) == ("mark", False)


def test_course_licence_and_catalogue_licences_come_from_licenses_folder(load, licences):
    result = load(minimal_course(**{"testkurs/course.yml": COURSE_YML.replace("CC-BY-4.0", "CC-BY-SA-4.0")}))

    assert result.catalogue.courses[0].licence == licences["CC-BY-SA-4.0"]
    assert {licence.id for licence in result.catalogue.licences} == set(licences)


# --- DigComp ----------------------------------------------------------------------------------


def test_course_digcomp_names_its_competences_and_their_areas(load):
    text = COURSE_YML.replace('competences: ["3.3"]', 'competences: ["3.3", "1.2", "3.1"]')

    course = loaded_course(load, minimal_course(**{"testkurs/course.yml": text}))

    assert course.digcomp.version == "2.2"
    assert course.digcomp.competences == ("3.3", "1.2", "3.1")
    assert course.digcomp.areas == (
        DigCompArea("1", "Informations- och datakunskap", "Information and data literacy"),
        DigCompArea("3", "Skapa digitalt innehåll", "Digital content creation"),
    )


def digcomp_reference(version: str) -> dict:
    """The JRC-based reference data in ../shared; outside CI a checkout without it skips, in CI it fails."""
    path = require_shared(SHARED / "data/digcomp" / f"digcomp-{version}-core.en-sv.json")
    assert path.is_file(), f"DigComp-referensdata saknas: {path}"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("version", digcomp.VERSIONS)
def test_digcomp_areas_and_competences_match_the_reference_data(version):
    reference = digcomp_reference(version)
    areas = reference["competence_areas"]

    assert [area["id"] for area in areas] == list(digcomp.AREAS[version])
    for area in areas:
        assert digcomp.AREAS[version][area["id"]] == (area["title"]["sv"], area["title"]["en"])
        for competence in area["competences"]:
            assert digcomp.is_competence(competence["id"], version)
            assert digcomp.framework(version).competences[competence["id"]].en == competence["title"]["en"]
        assert not digcomp.is_competence(f"{area['id']}.{len(area['competences']) + 1}", version)


def test_the_shipped_digcomp_data_is_what_the_project_script_makes_from_the_reference():
    shared = require_shared(SHARED / "data/digcomp")

    assert digcomp_reference_module.render(digcomp_reference_module.reference(shared)) == digcomp.DATA.read_text(encoding="utf-8")


def test_attribution_names_authors_then_a_publisher_that_is_not_one_of_them(load):
    museum = COURSE_YML.replace("  - name: Testredaktionen\n", "  - name: Museets vänner\n").replace(
        "  name: Testmuseet\n", "  name: Museet\n"
    )
    course = load(minimal_course(**{"testkurs/course.yml": museum})).catalogue.courses[0]
    assert course.attribution == "Museets vänner / Museet"
    same = museum.replace("  name: Museet\n", "  name: Museets vänner\n")
    assert load(minimal_course(**{"testkurs/course.yml": same})).catalogue.courses[0].attribution == "Museets vänner"

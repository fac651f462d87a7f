"""The one place that knows the words learners and administrators read: Swedish first, English second."""

from __future__ import annotations

import functools

STRINGS: dict[str, dict[str, str]] = {
    "catalogue": {"sv": "Kurser", "en": "Courses"},
    "catalogue_intro": {
        "sv": "Fria kurser i digital kompetens för medarbetare på museer, bibliotek och arkiv. Alla kurser är öppet licensierade: läs dem här eller ladda ner dem till din egen lärplattform.",
        "en": "Free digital-competence courses for staff in museums, libraries and archives. Every course is openly licensed: read it here or download it for your own learning platform.",
    },
    "duration": {"sv": "Tid", "en": "Time"},
    "estimated_time": {"sv": "Beräknad tid", "en": "Estimated time"},
    "level": {"sv": "Nivå", "en": "Level"},
    "language": {"sv": "Språk", "en": "Language"},
    "licence": {"sv": "Licens", "en": "Licence"},
    "version": {"sv": "Version", "en": "Version"},
    "audience": {"sv": "Målgrupp", "en": "Audience"},
    "authors": {"sv": "Författare", "en": "Authors"},
    "publisher": {"sv": "Utgivare", "en": "Publisher"},
    "digcomp": {"sv": "DigComp-områden", "en": "DigComp areas"},
    "competence": {"sv": "kompetens", "en": "competence"},
    "objectives": {"sv": "Det här lär du dig", "en": "What you will learn"},
    "contents": {"sv": "Innehåll", "en": "Contents"},
    "lessons": {"sv": "lektioner", "en": "lessons"},
    "module": {"sv": "Modul", "en": "Module"},
    "downloads": {"sv": "Ladda ner", "en": "Download"},
    "downloads_intro": {
        "sv": "Kursen finns som paket att importera i en lärplattform (LMS). Alla paket innehåller hela kursen med bilder, licens och källangivelser och fungerar utan internetanslutning.",
        "en": "The course is available as packages to import into a learning platform (LMS). Every package holds the whole course with images, licence and attribution, and works offline.",
    },
    "downloads_none": {
        "sv": "Paket för lärplattformar (SCORM 1.2, SCORM 2004 och IMS Common Cartridge) publiceras här när de har byggts.",
        "en": "Packages for learning platforms (SCORM 1.2, SCORM 2004 and IMS Common Cartridge) are published here once built.",
    },
    "format": {"sv": "Format", "en": "Format"},
    "choose_when": {"sv": "Välj det här för", "en": "Choose this for"},
    "file": {"sv": "Fil", "en": "File"},
    "further_reading": {"sv": "Vidare läsning", "en": "Further reading"},
    "licence_section": {"sv": "Licens och källangivelse", "en": "Licence and attribution"},
    "licence_sentence": {
        "sv": "Kursen {title} av {attribution} är licensierad under",
        "en": "The course {title} by {attribution} is licensed under",
    },
    "licence_reuse": {
        "sv": "Du får använda, dela och bearbeta kursen enligt licensens villkor. Ange källa så här:",
        "en": "You may use, share and adapt the course under the licence's terms. Attribute it like this:",
    },
    "licence_reuse_free": {
        "sv": "Kursen är fri att använda utan villkor. Det är ändå bra att ange källa:",
        "en": "The course is free to use without conditions. Attribution is still appreciated:",
    },
    "attribution_line": {"sv": "{title} av {attribution}, {licence}.", "en": "{title} by {attribution}, {licence}."},
    "lesson_of": {"sv": "Lektion {index} av {total}", "en": "Lesson {index} of {total}"},
    "course_label": {"sv": "Kurs", "en": "Course"},
    "menu": {"sv": "Lektioner", "en": "Lessons"},
    "about_course": {"sv": "Om kursen", "en": "About the course"},
    # a link to another lesson where only the LMS can open it: the lesson is named for its own menu
    "lesson_reference": {"sv": "se lektionen ”{title}” i kursens innehåll", "en": "see the lesson “{title}” in the course contents"},
    "page_reference": {"sv": "se sidan ”{title}” i kursens innehåll", "en": "see the page “{title}” in the course contents"},
    "previous": {"sv": "Föregående", "en": "Previous"},
    "next": {"sv": "Nästa", "en": "Next"},
    "progress_text": {"sv": "{seen} av {total} lektioner lästa", "en": "{seen} of {total} lessons read"},
    "complete": {"sv": "Du har läst alla lektioner. Kursen är klar.", "en": "You have read every lesson. The course is complete."},
    "skip_to_content": {"sv": "Hoppa till innehållet", "en": "Skip to content"},
    "seen": {"sv": "läst", "en": "read"},
    "image_credits": {"sv": "Bilder", "en": "Images"},
    "credits_page": {"sv": "Licenser och källor", "en": "Licences and sources"},
    "question": {"sv": "Fråga", "en": "Question"},
    "video": {"sv": "Video", "en": "Video"},
    "audio": {"sv": "Ljud", "en": "Audio"},
    "transcript": {"sv": "Transkription", "en": "Transcript"},
    "description": {"sv": "Beskrivning av videon", "en": "Description of the video"},
    "transcript_download": {"sv": "Ladda ner texten", "en": "Download the text"},
    "media_unsupported": {"sv": "Din webbläsare kan inte spela upp filen.", "en": "Your browser cannot play the file."},
    "media_download": {"sv": "Ladda ner den", "en": "Download it"},
    "media_show": {"sv": "Visa videon från {host}", "en": "Show the video from {host}"},
    "media_privacy": {
        "sv": "Videon hämtas från {host} först när du klickar. Då får {host} veta din IP-adress, din webbläsare och vilken sida du är på, och kan spara kakor på din enhet.",
        "en": "The video is loaded from {host} only when you click. {host} then learns your IP address, your browser and which page you are on, and may store cookies on your device.",
    },
    "media_open": {"sv": "Öppna videon på {host}", "en": "Open the video on {host}"},
    "media_left_out": {
        "sv": "{kind} ingår inte i det här paketet, för att hålla det litet.",
        "en": "{kind} is not included in this package, to keep it small.",
    },
    "media_on_site": {"sv": "Se den på kursens webbplats", "en": "Watch it on the course's website"},
    "media_left_out_note": {
        "sv": "Video och ljud ingår inte i paketet: lektionerna länkar till dem på kursens webbplats, {url}.",
        "en": "Video and audio are not included in the package: the lessons link to them on the course's website, {url}.",
    },
    "test_item": {"sv": "Prov: {title}", "en": "Test: {title}"},
    "test_elsewhere": {
        "sv": "Provfrågorna i den här lektionen finns i kursens prov ”{title}”.",
        "en": "The test questions of this lesson are in the course's test “{title}”.",
    },
    "test_question": {"sv": "Provfråga", "en": "Test question"},
    "your_answer": {"sv": "Ditt svar", "en": "Your answer"},
    "check_answer": {"sv": "Svara", "en": "Check"},
    "show_answer": {"sv": "Visa svaret", "en": "Show the answer"},
    "right_answer": {"sv": "Rätt svar", "en": "Right answer"},
    "accepted_answers": {"sv": "Godtagna svar", "en": "Accepted answers"},
    "answer_right": {"sv": "Rätt!", "en": "Right!"},
    "answer_wrong": {"sv": "Inte riktigt. Försök igen eller visa svaret.", "en": "Not quite. Try again or show the answer."},
    "answer_missing": {"sv": "Välj eller skriv ett svar först.", "en": "Choose or write an answer first."},
    "answer_wrong_test": {"sv": "Inte riktigt.", "en": "Not quite."},
    "answer_recorded": {"sv": "Ditt svar är registrerat.", "en": "Your answer is recorded."},
    "assessment": {"sv": "Examination", "en": "Assessment"},
    "assessment_none": {
        "sv": "Inget prov: kursen är klar när du har läst alla lektioner.",
        "en": "No test: the course is complete once you have read every lesson.",
    },
    "assessment_test": {
        "sv": "Prov med {count} frågor, godkänt vid {score} % rätt; {attempts}.",
        "en": "A test of {count} questions, passed at {score} % right; {attempts}.",
    },
    "attempts_some": {"sv": "{count} försök", "en": "{count} attempts"},
    "attempts_any": {"sv": "obegränsat antal försök", "en": "any number of attempts"},
    "answers_stay": {"sv": "Dina svar sparas bara i den här webbläsaren.", "en": "Your answers are kept in this browser only."},
    "credits_link": {"sv": "Licenser och källor för hela kursen", "en": "Licences and sources for the whole course"},
    "credits_intro": {
        "sv": "Varje fil i kursen med titel, upphovsperson, källa och licens (TASL). Ange dem så här när du återanvänder en fil.",
        "en": "Every file in the course with its title, creator, source and licence (TASL). Credit them like this when you reuse a file.",
    },
    "credit_file": {"sv": "Fil", "en": "File"},
    "credit_title": {"sv": "Titel", "en": "Title"},
    "credit_creators": {"sv": "Upphovsperson", "en": "Creator"},
    "credit_source": {"sv": "källa", "en": "source"},
    "credit_source_heading": {"sv": "Källa", "en": "Source"},
    "credit_note": {"sv": "Anmärkning", "en": "Note"},
    "credit_changes": {"sv": "ändrad", "en": "changed"},
    "credit_inherited": {
        "sv": "ingen egen källangivelse: kursens licens och upphovspersoner",
        "en": "no credit of its own: the course's licence and authors",
    },
    "separate_work": {"sv": "egna villkor, utanför kursens licens", "en": "own terms, outside the course's licence"},
    "course_all_open": {
        "sv": "Hela kursen, med alla bilder, får återanvändas enligt {licence}.",
        "en": "The whole course, every image included, may be reused under {licence}.",
    },
    "course_other_licences": {
        "sv": "Hela kursen får återanvändas enligt {licence}. Några bilder har egna licenser som är förenliga med den; ange dem som det står i listan.",
        "en": "The whole course may be reused under {licence}. Some images have licences of their own that are compatible with it; credit them as listed.",
    },
    "course_separate_parts": {
        "sv": "Kursen får återanvändas enligt {licence}, utom de här delarna, som har egna villkor och inte omfattas av kursens licens:",
        "en": "The course may be reused under {licence}, except these parts, which have terms of their own and are not covered by the course's licence:",
    },
    "free_cultural_work": {
        "sv": "Kursen och alla dess delar är fria kulturverk (Free Cultural Works): de får användas, ändras och delas för alla ändamål.",
        "en": "The course and every part of it are Free Cultural Works: they may be used, changed and shared for any purpose.",
    },
    "accessibility_statement": {"sv": "Tillgänglighetsredogörelse", "en": "Accessibility statement"},
    "from_course": {
        "sv": "Ur kursen {title} av {attribution}, licensierad under",
        "en": "From the course {title} by {attribution}, licensed under",
    },
    "licensed_under": {"sv": "licensierad under", "en": "licensed under"},
    "page_missing": {"sv": "Sidan finns inte", "en": "Page not found"},
    "page_missing_before": {
        "sv": "Sidan du letar efter finns inte, eller så har den flyttats. Alla kurser finns i",
        "en": "The page you are looking for does not exist, or it has moved. Every course is in",
    },
    "page_missing_link": {"sv": "kurskatalogen", "en": "the catalogue"},
    "page_missing_after": {
        "sv": ", och du kan också söka efter det du letar efter.",
        "en": ", and you can also search for what you are looking for.",
    },
}

LEVEL_NAMES = {
    "grundläggande": {"sv": "Grundläggande", "en": "Foundation"},
    "medel": {"sv": "Medel", "en": "Intermediate"},
    "avancerad": {"sv": "Avancerad", "en": "Advanced"},
    "specialist": {"sv": "Specialist", "en": "Highly specialised"},
}

LANGUAGE_NAMES = {
    "sv": {"sv": "Svenska", "en": "Swedish"},
    "en": {"sv": "Engelska", "en": "English"},
    # Sweden's national minority languages, then languages that captions and transcripts often come in
    "fi": {"sv": "Finska", "en": "Finnish"},
    "fit": {"sv": "Meänkieli", "en": "Meänkieli"},
    "se": {"sv": "Nordsamiska", "en": "Northern Sami"},
    "sma": {"sv": "Sydsamiska", "en": "Southern Sami"},
    "smj": {"sv": "Lulesamiska", "en": "Lule Sami"},
    "rom": {"sv": "Romani", "en": "Romani"},
    "yi": {"sv": "Jiddisch", "en": "Yiddish"},
    "ar": {"sv": "Arabiska", "en": "Arabic"},
    "de": {"sv": "Tyska", "en": "German"},
    "fr": {"sv": "Franska", "en": "French"},
    "es": {"sv": "Spanska", "en": "Spanish"},
    "fa": {"sv": "Persiska", "en": "Persian"},
    "so": {"sv": "Somaliska", "en": "Somali"},
    "uk": {"sv": "Ukrainska", "en": "Ukrainian"},
}


@functools.lru_cache(maxsize=8)
def strings(language: str) -> dict[str, str]:
    """The strings in one language, falling back to Swedish. Shared between callers: read them, never change them."""
    return {key: value.get(language) or value["sv"] for key, value in STRINGS.items()}


def level_name(level: str, language: str = "sv") -> str:
    return LEVEL_NAMES[level].get(language, LEVEL_NAMES[level]["sv"])


def language_name(code: str, language: str = "sv") -> str:
    return LANGUAGE_NAMES.get(code, {}).get(language, code)


def format_duration(minutes: int, language: str = "sv") -> str:
    """'45 min', '1 h', '1 h 30 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def format_seconds(seconds: float, language: str = "sv") -> str:
    """A recording's length: '34 s', '3 min 20 s', '1 h 2 min' (rounded to whole seconds)."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    if minutes:
        return f"{minutes} min" + (f" {secs} s" if secs else "")
    return f"{secs} s"


def iso_duration(minutes: int) -> str:
    """ISO 8601, as schema.org timeRequired and LOM typicalLearningTime want it: 'PT1H30M'."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def format_size(size: int, language: str = "sv") -> str:
    """'12 kB', '1,4 MB' (Swedish decimal comma)."""
    if size < 1_000_000:
        text = f"{max(1, round(size / 1000))} kB"
    else:
        text = f"{size / 1_000_000:.1f} MB"
    return text.replace(".", ",") if language == "sv" else text

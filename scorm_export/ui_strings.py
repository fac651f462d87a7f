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
    "about": {"sv": "ca", "en": "about"},
    "and_others": {"sv": "m.fl.", "en": "et al."},
    "level": {"sv": "Nivå", "en": "Level"},
    "language": {"sv": "Språk", "en": "Language"},
    "licence": {"sv": "Licens", "en": "Licence"},
    "version": {"sv": "Version", "en": "Version"},
    "version_history": {"sv": "Versionshistorik", "en": "Version history"},
    "version_history_intro": {
        "sv": "Vad som har ändrats i kursen, version för version. Den senaste versionen står först.",
        "en": "What has changed in the course, version by version. The newest comes first.",
    },
    "released": {"sv": "utgiven {date}", "en": "released {date}"},
    "released_on": {"sv": "Utgiven {date}", "en": "Released {date}"},
    "yanked": {"sv": "återkallad", "en": "withdrawn"},
    "change_added": {"sv": "Tillagt", "en": "Added"},
    "change_changed": {"sv": "Ändrat", "en": "Changed"},
    "change_deprecated": {"sv": "Föråldrat", "en": "Deprecated"},
    "change_removed": {"sv": "Borttaget", "en": "Removed"},
    "change_fixed": {"sv": "Rättat", "en": "Fixed"},
    "change_security": {"sv": "Säkerhet", "en": "Security"},
    "feed_title": {"sv": "Nya kurser och versioner – {site}", "en": "New courses and versions – {site}"},
    "feed_new_course": {"sv": "Ny kurs: {title} {version}", "en": "New course: {title} {version}"},
    "feed_new_version": {"sv": "{title}, version {version}", "en": "{title}, version {version}"},
    "audience": {"sv": "Målgrupp", "en": "Audience"},
    "authors": {"sv": "Författare", "en": "Authors"},
    "publisher": {"sv": "Utgivare", "en": "Publisher"},
    "digcomp": {"sv": "DigComp-områden", "en": "DigComp areas"},
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
    # the search in the single-SCO shell (theme/package/shell.html, runtime/package-search.js)
    "search_label": {"sv": "Sök i kursen", "en": "Search the course"},
    "search_button": {"sv": "Sök", "en": "Search"},
    "search_results": {"sv": "Sökträffar", "en": "Search results"},
    "search_hits": {"sv": "{count} träffar för ”{query}”", "en": "{count} results for “{query}”"},
    "search_hit": {"sv": "1 träff för ”{query}”", "en": "1 result for “{query}”"},
    "search_none": {"sv": "Inga träffar för ”{query}”", "en": "No results for “{query}”"},
    "search_failed": {"sv": "Sökningen kunde inte laddas.", "en": "The search could not be loaded."},
    "seen": {"sv": "läst", "en": "read"},
    "image_credits": {"sv": "Bilder", "en": "Images"},
    "credits_page": {"sv": "Licenser och källor", "en": "Licences and sources"},
    "question": {"sv": "Fråga", "en": "Question"},
    "programmes": {"sv": "Program", "en": "Programmes"},
    "sa_packages": {"sv": "Självskattningen i er lärplattform", "en": "The self-assessment in your learning platform"},
    "sa_packages_intro": {
        "sv": "En organisation kan låta sina medarbetare göra samma självskattning i sin egen lärplattform: varje svar sparas där som ett svar på en skala (likert), så att plattformens rapporter visar vilka kompetenser medarbetarna vill utveckla.",
        "en": "An organisation can let its staff take the same self-assessment in its own learning platform: each rating is kept there as a likert answer, so that the platform's reports show which competences the staff want to develop.",
    },
    "programme_courses": {"sv": "Kurserna i programmet", "en": "The courses of the programme"},
    "programme_courses_count": {"sv": "kurser", "en": "courses"},
    "programme_hint": {
        "sv": "Gå kurserna i den här ordningen: varje kurs bygger på de föregående. Varje kurs går också att ta för sig, och din webbläsare kommer ihåg dina svar i kursernas frågor.",
        "en": "Take the courses in this order: each builds on the ones before it. Every course can also be taken on its own, and your browser remembers your answers to the courses' questions.",
    },
    "programme_digcomp": {"sv": "DigComp-kompetenser i programmet", "en": "DigComp competences in the programme"},
    "programme_digcomp_intro": {
        "sv": "Programmets kurser utvecklar de här kompetenserna i EU:s ramverk för digital kompetens:",
        "en": "The programme's courses develop these competences of the EU's digital competence framework:",
    },
    "programme_downloads_intro": {
        "sv": "Hela programmet finns som paket att importera i en lärplattform: kurserna i ordning, var och en med sina lektioner, bilder, licens och källangivelser.",
        "en": "The whole programme is available as packages to import into a learning platform: the courses in order, each with its lessons, images, licence and credits.",
    },
    "programme_advice_scorm": {
        "sv": "Ett SCORM-paket med en del (SCO) per kurs, i programmets ordning: plattformen följer slutförande och resultat för varje kurs.",
        "en": "One SCORM package with one part (SCO) per course, in the programme's order: the platform tracks completion and score for each course.",
    },
    "programme_advice_cc": {
        "sv": "För Moodle och andra plattformar som importerar Common Cartridge: en sektion per kurs med redigerbara sidor.",
        "en": "For Moodle and other platforms that import Common Cartridge: one section per course, with editable pages.",
    },
    "programme_licence": {
        "sv": "Programmet {title} som helhet publiceras under",
        "en": "The programme {title} as a whole is published under",
    },
    "programme_licence_courses": {
        "sv": "Varje kurs har sin egen licens och sina källangivelser, på kursens sida.",
        "en": "Each course has its own licence and credits, on the course's page.",
    },
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
    # the self-assessment page (site/self_assessment.py, runtime/self-assessment.js)
    "self_assessment": {"sv": "Självskattning", "en": "Self-assessment"},
    "sa_title": {"sv": "Självskattning och lärplan", "en": "Self-assessment and learning plan"},
    "sa_intro": {
        "sv": "Skatta din digitala kompetens enligt {framework}, EU:s ramverk för digital kompetens, och få en personlig lärplan med kurser från den här webbplatsen.",
        "en": "Rate your digital competence against {framework}, the EU's digital competence framework, and get a personal learning plan of courses from this site.",
    },
    "sa_how": {
        "sv": "Välj för varje kompetens det påstående som stämmer bäst in på dig. Nivåerna bygger på varandra, så välj den högsta du klarar. Välj ”Vet inte” om du är osäker. Kryssa också i de kompetenser du vill utveckla.",
        "en": "For each competence, choose the statement that fits you best. The levels build on each other, so choose the highest you manage. Choose “Don't know” if you are unsure. Also tick the competences you want to develop.",
    },
    "sa_privacy": {
        "sv": "Allt du fyller i stannar i din webbläsare och skickas aldrig till någon server.",
        "en": "Everything you fill in stays in your browser and is never sent to any server.",
    },
    "sa_form_heading": {"sv": "Skatta din kompetens", "en": "Rate your competence"},
    "sa_levels": {"sv": "nivå {levels}", "en": "levels {levels}"},
    "sa_dont_know": {"sv": "Vet inte", "en": "Don't know"},
    "sa_wish": {"sv": "Jag vill utveckla den här kompetensen", "en": "I want to develop this competence"},
    "sa_comment": {"sv": "Vill utveckla", "en": "Wants to develop"},
    "sa_show": {"sv": "Visa profil och lärplan", "en": "Show profile and learning plan"},
    "sa_result_heading": {"sv": "Din profil", "en": "Your profile"},
    "sa_needs_js": {
        "sv": "Profilen och lärplanen räknas fram av ett skript i din webbläsare och visas här när JavaScript är påslaget. Utan JavaScript kan du skriva ut sidan och fylla i formuläret för hand.",
        "en": "The profile and the learning plan are worked out by a script in your browser and shown here when JavaScript is on. Without JavaScript you can print the page and fill in the form by hand.",
    },
    "sa_no_ratings": {"sv": "Du har inte skattat någon kompetens ännu.", "en": "You have not rated any competence yet."},
    "sa_profile_caption": {
        "sv": "Genomsnittlig nivå per område, från 1 ({lowest}) till 4 ({highest}). ”Vet inte” räknas inte in.",
        "en": "Average level per area, from 1 ({lowest}) to 4 ({highest}). “Don't know” is not counted.",
    },
    "sa_area": {"sv": "Område", "en": "Area"},
    "sa_rated": {"sv": "Skattade kompetenser", "en": "Competences rated"},
    "sa_average": {"sv": "Genomsnittlig nivå", "en": "Average level"},
    "sa_unknown": {"sv": "Vet inte eller obesvarade", "en": "Don't know or unanswered"},
    "sa_average_value": {"sv": "{value} av 4 ({group})", "en": "{value} of 4 ({group})"},
    "sa_not_rated": {"sv": "inte skattat", "en": "not rated"},
    "sa_plan_heading": {"sv": "Din lärplan", "en": "Your learning plan"},
    "sa_plan_rules": {
        "sv": "Lärplanen föreslår de kurser som utvecklar kompetenser du vill utveckla, på din nivå eller en nivå över den (”Vet inte” räknas som att börja från början). Kurser på lägre nivå kommer först; på samma nivå kommer den kurs först som täcker flest av dina valda kompetenser, sedan den kortaste.",
        "en": "The plan proposes the courses that develop competences you want to develop, at your level or one level above it (“Don't know” counts as starting from the beginning). Courses at a lower level come first; at the same level the course that covers most of your chosen competences comes first, then the shortest.",
    },
    "sa_plan_empty": {
        "sv": "Lärplanen är tom. Kryssa i de kompetenser du vill utveckla och tryck på ”Visa profil och lärplan”, eller lägg till en kurs själv.",
        "en": "The plan is empty. Tick the competences you want to develop and press “Show profile and learning plan”, or add a course yourself.",
    },
    "sa_plan_caption": {"sv": "Kurser i lärplanen, i den ordning du läser dem", "en": "Courses in the plan, in the order you take them"},
    "sa_order": {"sv": "Ordning", "en": "Order"},
    "sa_course": {"sv": "Kurs", "en": "Course"},
    "sa_competences": {"sv": "Kompetenser", "en": "Competences"},
    "sa_done": {"sv": "Klar", "en": "Done"},
    "sa_move_up": {"sv": "Flytta upp", "en": "Move up"},
    "sa_move_down": {"sv": "Flytta ned", "en": "Move down"},
    "sa_remove": {"sv": "Ta bort", "en": "Remove"},
    "sa_add_label": {"sv": "Lägg till en kurs", "en": "Add a course"},
    "sa_add": {"sv": "Lägg till", "en": "Add"},
    "sa_total": {"sv": "Total tid: {total}. Kvar att läsa: {left}.", "en": "Total time: {total}. Still to take: {left}."},
    "sa_save_heading": {"sv": "Spara, skriv ut och dela", "en": "Save, print and share"},
    "sa_print": {"sv": "Skriv ut lärplanen", "en": "Print the plan"},
    "sa_download_json": {"sv": "Ladda ner som JSON", "en": "Download as JSON"},
    "sa_download_csv": {"sv": "Ladda ner som CSV (kalkylark)", "en": "Download as CSV (spreadsheet)"},
    "sa_load": {"sv": "Öppna en sparad lärplan (JSON)", "en": "Open a saved plan (JSON)"},
    "sa_loaded": {"sv": "Den sparade lärplanen är inläst.", "en": "The saved plan has been loaded."},
    "sa_load_error": {"sv": "Filen kunde inte läsas som en lärplan.", "en": "The file could not be read as a learning plan."},
    "sa_share_label": {"sv": "Länk till din lärplan", "en": "Link to your learning plan"},
    "sa_share_note": {
        "sv": "Lärplanen finns i själva länken, efter tecknet #, som webbläsaren aldrig skickar till någon server.",
        "en": "The plan is in the link itself, after the # sign, which the browser never sends to any server.",
    },
    "sa_copy": {"sv": "Kopiera länken", "en": "Copy the link"},
    "sa_copied": {"sv": "Länken är kopierad.", "en": "The link has been copied."},
    "sa_updated": {"sv": "Lärplanen är uppdaterad.", "en": "The plan has been updated."},
    "sa_from_link": {"sv": "Lärplanen öppnades från en länk.", "en": "The plan was opened from a link."},
    "sa_clear": {"sv": "Töm formuläret och lärplanen", "en": "Clear the form and the plan"},
    "sa_about_heading": {"sv": "Om DigComp och påståendena", "en": "About DigComp and the statements"},
    "sa_about": {
        "sv": "DigComp är EU:s ramverk för digital kompetens, framtaget av Europeiska kommissionens gemensamma forskningscentrum (JRC). Påståendena ”Jag kan …” har vi skrivit själva för medarbetare på museer, bibliotek och arkiv; de är inte JRC:s text.",
        "en": "DigComp is the EU's digital competence framework, made by the European Commission's Joint Research Centre (JRC). The “I can …” statements are our own, written for staff in museums, libraries and archives; they are not the JRC's text.",
    },
    "sa_source": {"sv": "Källa", "en": "Source"},
    "sa_csv_minutes": {"sv": "Tid (minuter)", "en": "Time (minutes)"},
    "sa_csv_address": {"sv": "Adress", "en": "Address"},
    "sa_yes": {"sv": "ja", "en": "yes"},
    "sa_no": {"sv": "nej", "en": "no"},
    "sa_intro_package": {
        "sv": "Skatta din digitala kompetens enligt {framework}, EU:s ramverk för digital kompetens, och se din profil per område.",
        "en": "Rate your digital competence against {framework}, the EU's digital competence framework, and see your profile per area.",
    },
    "sa_lms_note": {
        "sv": "När du visar din profil sparas dina skattningar i lärplattformen, där de som administrerar kursen kan se dem.",
        "en": "When you show your profile, your ratings are saved in the learning platform, where the course's administrators can see them.",
    },
    "sa_show_package": {"sv": "Visa profil och spara", "en": "Show profile and save"},
    "sa_needs_js_package": {
        "sv": "Profilen räknas fram av ett skript och dina skattningar sparas i lärplattformen när JavaScript är påslaget. Utan JavaScript kan du skriva ut sidan och fylla i formuläret för hand.",
        "en": "The profile is worked out by a script, and your ratings are saved in the learning platform, when JavaScript is on. Without JavaScript you can print the page and fill in the form by hand.",
    },
    "sa_saved": {"sv": "Dina skattningar är sparade i lärplattformen.", "en": "Your ratings have been saved in the learning platform."},
    # DigComp pages (site/competences.py) and the competences a course page links
    "digcomp_competences": {"sv": "DigComp-kompetenser", "en": "DigComp competences"},
    "digcomp_intro": {
        "sv": "DigComp är EU:s ramverk för digital kompetens. Här finns ramverkets områden och kompetenser, och kurserna på webbplatsen som utvecklar var och en av dem.",
        "en": "DigComp is the EU's digital competence framework. Here are its areas and competences, and the courses of this site that develop each of them.",
    },
    "digcomp_framework_intro": {
        "sv": "Ramverkets fem områden och deras kompetenser, med de kurser på webbplatsen som utvecklar dem.",
        "en": "The framework's five areas and their competences, with the courses of this site that develop them.",
    },
    "digcomp_versions": {"sv": "Versioner", "en": "Versions"},
    "digcomp_area": {"sv": "Område", "en": "Area"},
    "digcomp_in_framework": {"sv": "Ingår i", "en": "Part of"},
    "digcomp_descriptor": {"sv": "Beskrivning från JRC (på engelska)", "en": "Description by the JRC"},
    "digcomp_courses": {"sv": "Kurser som utvecklar kompetensen", "en": "Courses that develop the competence"},
    "digcomp_no_courses": {
        "sv": "Ingen kurs på webbplatsen utvecklar den här kompetensen ännu.",
        "en": "No course on this site develops this competence yet.",
    },
    "digcomp_course_count_none": {"sv": "ingen kurs ännu", "en": "no course yet"},
    "digcomp_course_count_one": {"sv": "1 kurs", "en": "1 course"},
    "digcomp_course_count": {"sv": "{count} kurser", "en": "{count} courses"},
    "digcomp_source": {"sv": "Källa", "en": "Source"},
    "digcomp_publication": {
        "sv": "ramverket hos EU-kommissionens forskningscentrum (JRC)",
        "en": "the framework at the European Commission's Joint Research Centre (JRC)",
    },
    # the catalogue's filter (theme/docs/_catalogue_filter.md.j2, runtime/catalogue-filter.js)
    "filter_legend": {"sv": "Filtrera kurserna", "en": "Filter the courses"},
    "filter_any": {"sv": "Alla", "en": "All"},
    "filter_area": {"sv": "DigComp-område", "en": "DigComp area"},
    "filter_competence": {"sv": "DigComp-kompetens", "en": "DigComp competence"},
    "filter_minutes_at_most": {"sv": "Högst {to} min", "en": "At most {to} min"},
    "filter_minutes_between": {"sv": "{start}–{to} min", "en": "{start}–{to} min"},
    "filter_minutes_over": {"sv": "Mer än {start} min", "en": "More than {start} min"},
    "filter_reset": {"sv": "Visa alla kurser", "en": "Show every course"},
    "filter_count": {"sv": "Visar {shown} av {total} kurser.", "en": "Showing {shown} of {total} courses."},
    "filter_none": {
        "sv": "Ingen kurs passar filtret. Välj Alla i någon av listorna för att se fler.",
        "en": "No course matches the filter. Choose All in one of the lists to see more.",
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


_MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


def format_date(iso: str, language: str = "sv") -> str:
    """'2026-11-22' as '22 november 2026' (or '22 November 2026'); anything else as it is."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    months = _MONTHS.get(language, _MONTHS["sv"])
    return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"


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

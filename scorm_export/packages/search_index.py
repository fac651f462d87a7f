"""The search of the single-SCO shell: a lunr index of the course's lessons, built here, searched by lunr.js offline.

The index is written as lunr.js 2.3.9 serializes its own, so that lunr.Index.load reads it as it is. A Swedish
course's words go through lunr-languages' Swedish pipeline (trimmer-sv, stopWordFilter-sv, stemmer-sv), implemented
here with the same Snowball stemmer and stop words, so that a word the learner types is stemmed in the browser as the
lessons' words were here (tests/test_package_search.py holds the two to that in Chromium); runtime/package-search.js
then lets a query word find the words it begins and the shorter stems that begin it: "licenserna" finds "licens".

The shell loads the libraries and the index (assets/search-index.js, a script: a page opened from the file
system may not fetch a JSON file) only when the learner first reaches the search field.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import snowballstemmer

from ..course.model import Course, Lesson
from ..vendor.refresh_lunr import BUNDLED

INDEX = "assets/search-index.js"
SCRIPT = "assets/package-search.js"
SCRIPT_SOURCE = Path(__file__).resolve().parent.parent / "runtime" / "package-search.js"
LIBRARIES = "assets/lunr"  # the vendored files, each with its licence beside it
GLOBAL = "ScormExportSearchIndex"  # what the index script assigns on window
LUNR_VERSION = "2.3.9"  # the lunr.js whose serialized index this writes (lunr.Index.load), vendored in vendor/lunr/
FIELDS = {"title": 10, "text": 1}  # each field with its boost: a word in a lesson's title counts as ten in its text
# lunr.Builder's scoring parameters (BM25), left at lunr's defaults
K1 = 1.2
B = 0.75

# lunr-languages' lunr.sv.wordCharacters, with the ASCII digits its generateTrimmer adds
WORD_CHARACTERS = (
    "A-Za-z\xaa\xba\xc0-\xd6\xd8-\xf6\xf8-\u02b8\u02e0-\u02e4\u1d00-\u1d25\u1d2c-\u1d5c\u1d62-\u1d65\u1d6b-\u1d77"
    "\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u212a\u212b\u2132\u214e\u2160-\u2188\u2c60-\u2c7f"
    "\ua722-\ua787\ua78b-\ua7ad\ua7b0-\ua7b7\ua7f7-\ua7ff\uab30-\uab5a\uab5c-\uab64\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a"
    "0-9"
)
_LEADING = re.compile(f"^[^{WORD_CHARACTERS}]+")
_TRAILING = re.compile(f"[^{WORD_CHARACTERS}]+\\Z")
# lunr.tokenizer.separator: lunr.js splits text into words at every space and hyphen
_SEPARATOR = re.compile(r"[\s\-]+")
# lunr.sv.stopWordFilter's list (Snowball's Swedish stop words, in part), written as lunr.sv.js writes it
_SWEDISH_STOP_LIST = (
    "alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt du där då efter ej "
    "eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur här i icke ingen inom inte jag ju kan "
    "kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin "
    "sina sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara varför varit varje vars vart "
    "vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över"
)
SWEDISH_STOP_WORDS = frozenset(_SWEDISH_STOP_LIST.split())
# Snowball 2's Swedish stemmer, as lunr.sv.js has it; Snowball 3 also strips "-et" ("biblioteket"), which the browser would not
_SWEDISH = snowballstemmer.stemmer("swedish")


def trim(word: str) -> str:
    """lunr.sv.trimmer: what is not a letter or digit off both ends of a word: "(licensen)," -> "licensen"."""
    return _TRAILING.sub("", _LEADING.sub("", word))


def swedish_stem(word: str) -> str:
    return _SWEDISH.stemWord(word)


def _swedish_stop_word(word: str) -> str | None:
    return None if word in SWEDISH_STOP_WORDS else word


# lunr.js pipeline functions by the label lunr-languages registers them under: a word in, a word or None (left out) back
PIPELINE_FUNCTIONS: dict[str, Callable[[str], str | None]] = {
    "trimmer-sv": trim,
    "stopWordFilter-sv": _swedish_stop_word,
    "stemmer-sv": swedish_stem,
}


@dataclass(frozen=True)
class Language:
    """How a language's words are indexed, and which vendored files the browser needs to treat a query the same way."""

    index: tuple[str, ...]  # every word of a lesson, and every word the learner types, goes through these
    search: tuple[str, ...]  # what lunr.js itself would run on a query term: the serialized index's pipeline (as lunr.sv)
    libraries: tuple[str, ...]  # files of vendor/lunr/: scripts in load order, then their licences


_LIBRARIES = ("lunr.min.js", "lunr.stemmer.support.js", "lunr.sv.js", "license-lunr.txt", "license-lunr-languages.txt")
SWEDISH = Language(("trimmer-sv", "stopWordFilter-sv", "stemmer-sv"), ("trimmer-sv", "stemmer-sv"), _LIBRARIES)
# no stemmer here for other languages: their words match as written, and as the beginning of longer words
UNSTEMMED = Language(("trimmer-sv",), ("trimmer-sv",), _LIBRARIES)
LANGUAGES = {"sv": SWEDISH}


def language(code: str) -> Language:
    return LANGUAGES.get(code.split("-")[0].lower(), UNSTEMMED)


@functools.lru_cache(maxsize=1 << 18)
def term(word: str, pipeline: tuple[str, ...]) -> str | None:
    """A word as the index holds it; None for a word left out. The same words recur: each is worked out once."""
    for label in pipeline:
        kept = PIPELINE_FUNCTIONS[label](word)
        if kept is None:
            return None
        word = kept
    return word


def terms(text: str, pipeline: tuple[str, ...]) -> list[str]:
    """lunr.js's tokenizer, then the pipeline: lower case, split at spaces and hyphens, each word through the pipeline."""
    # a plain dict in front of term(): a lesson has hundreds of words, most seen before, and this is the hot loop
    known = _KNOWN.setdefault(pipeline, {})
    if len(known) > _KNOWN_LIMIT:
        known.clear()
    found = []
    for word in _SEPARATOR.split(text.lower()):
        if word:
            try:
                kept = known[word]
            except KeyError:
                kept = known[word] = term(word, pipeline)
            if kept is not None:
                found.append(kept)
    return found


_KNOWN: dict[tuple[str, ...], dict[str, str | None]] = {}
_KNOWN_LIMIT = 1 << 18


# block elements: their text never runs into the next block's ("Rubrik" + "Text" is two words, not "RubrikText")
_BLOCK_TAGS = (
    "address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
_BLOCKS = tuple(_BLOCK_TAGS.split())
# a footnote's number in the text and its way back: "brukskonst¹" is the word "brukskonst"
_LEFT_OUT = "//a[contains(concat(' ', @class, ' '), ' footnote-ref ') or contains(concat(' ', @class, ' '), ' footnote-backref ')]"


def html_text(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it, on one line: blocks apart, inline markup joined."""
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in root.xpath(_LEFT_OUT):
        element.drop_tree()
    # a space at the start of every block and after it keeps blocks apart; lxml's text_content() (in C) does the rest
    for element in root.iter(*_BLOCKS):
        element.text = " " + (element.text or "")
        element.tail = " " + (element.tail or "")
    return " ".join(root.text_content().split())  # every kind of space as one: lunr.js splits on all of them


def lesson_text(lesson: Lesson) -> str:
    """What a learner reads on the lesson's page: its text, question prompts, its recordings' titles and transcripts,
    and its objectives (last: a snippet reads better from the text). Not the answer choices nor the feedback, which
    would give a test's answers away."""
    parts = [html_text(lesson.safe_html), *(html_text(question.prompt_html) for question in lesson.questions)]
    for media in lesson.media:
        parts += [media.title, *(html_text(transcript.html) for transcript in media.transcripts)]
    return " ".join(part for part in [*parts, *lesson.objectives] if part)


@dataclass(frozen=True)
class SearchPage:
    """A lesson as the search shows it: its title, where it stands, the page the link opens, and its text for snippets."""

    title: str
    module: str  # "Modul 2: Licenserna"
    href: str
    text: str


def search_pages(course: Course, lesson_paths: dict[str, str], module_label: str) -> list[SearchPage]:
    """`module_label` is the UI's word for a module ("Modul"); pages are numbered as the shell's menu numbers them."""
    return [
        SearchPage(lesson.title, f"{module_label} {number}: {module.title}", lesson_paths[lesson.key], lesson_text(lesson))
        for number, module in enumerate(course.modules, 1)
        for lesson in module.lessons
    ]


def lunr_index(documents: list[dict[str, list[str]]], search_pipeline: tuple[str, ...]) -> dict:
    """What lunr.js 2.3.9's Builder would serialize for these documents, each a list of terms per field of FIELDS;
    a document's ref is its position. Written here rather than with lunr.py, which is a few times slower: the
    browser test builds the same index with lunr.js and compares."""
    postings: dict[str, dict] = {}
    frequencies: dict[tuple[str, str], Counter[str]] = {}
    for ref, document in ((str(number), document) for number, document in enumerate(documents)):
        for field in FIELDS:
            frequencies[field, ref] = Counter(document[field])
            for word in frequencies[field, ref]:
                if word not in postings:  # a term's _index: the order in which the builder first met it
                    postings[word] = {**{name: {} for name in FIELDS}, "_index": len(postings)}
                postings[word][field][ref] = {}
    count = len(documents)
    average = {field: sum(len(document[field]) for document in documents) / (count or 1) for field in FIELDS}
    idf = {word: _idf(posting, count) for word, posting in postings.items()}
    vectors = []
    for (field, ref), counted in frequencies.items():
        length = len(documents[int(ref)][field])
        elements = sorted(
            (postings[word]["_index"], _score(idf[word], tf, length / average[field]) * FIELDS[field]) for word, tf in counted.items()
        )
        vectors.append([f"{field}/{ref}", [number for element in elements for number in (element[0], round(element[1], 3))]])
    return {
        "version": LUNR_VERSION,
        "fields": list(FIELDS),
        "fieldVectors": vectors,
        # lunr.js inserts the terms into its token set in JavaScript's string order (UTF-16 code units), and refuses any other
        "invertedIndex": [[word, postings[word]] for word in sorted(postings, key=lambda word: word.encode("utf-16-be"))],
        "pipeline": list(search_pipeline),
    }


def _idf(posting: dict, count: int) -> float:
    """lunr.idf: a document counts once for each field it has the term in."""
    having = sum(len(documents) for field, documents in posting.items() if field != "_index")
    return math.log(1 + abs((count - having + 0.5) / (having + 0.5)))


def _score(idf: float, tf: int, relative_length: float) -> float:
    return idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * relative_length) + tf)


def index_script(course: Course, lesson_paths: dict[str, str], module_label: str) -> bytes:
    """assets/search-index.js: the pages, the pipeline a query goes through, and the index, as one global."""
    words = language(course.language)
    pages = search_pages(course, lesson_paths, module_label)
    documents = [{"title": terms(page.title, words.index), "text": terms(page.text, words.index)} for page in pages]
    data = {
        "pipeline": list(words.index),
        "pages": [{"title": page.title, "module": page.module, "href": page.href, "text": page.text} for page in pages],
        "index": lunr_index(documents, words.search),
    }
    # JSON is a JavaScript expression; "<" escaped keeps the file inert even if something pasted it into a page, and
    # the two line separators are escaped for browsers older than ES2019, where they would end a string
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    body = body.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{GLOBAL}={body};\n".encode()


def search_files(course: Course, lesson_paths: dict[str, str], module_label: str) -> dict[str, bytes]:
    """Every file the shell's search adds to a package: its script, the vendored libraries with their licences, the index."""
    words = language(course.language)
    files = {f"{LIBRARIES}/{name}": (BUNDLED / name).read_bytes() for name in words.libraries}
    files[SCRIPT] = SCRIPT_SOURCE.read_bytes()
    files[INDEX] = index_script(course, lesson_paths, module_label)
    return files


# the vendored libraries as a package's LICENSE.txt names them: (files, what and whose, licence and its text)
NOTICES = (
    (f"{LIBRARIES}/lunr.min.js", "lunr 2.3.9, Oliver Nightingale", f"MIT, {LIBRARIES}/license-lunr.txt"),
    (
        f"{LIBRARIES}/lunr.stemmer.support.js, {LIBRARIES}/lunr.sv.js",
        "lunr-languages 1.22.0, Mihai Valentin",
        f"Mozilla Public License 1.1, {LIBRARIES}/license-lunr-languages.txt",
    ),
)


def scripts(course: Course) -> list[str]:
    """What the shell loads, in order, when the learner first reaches the search field: the libraries, then the index."""
    return [f"{LIBRARIES}/{name}" for name in language(course.language).libraries if name.endswith(".js")] + [INDEX]

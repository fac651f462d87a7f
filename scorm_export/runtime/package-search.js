/* scorm-export package search (ES2017; the single-SCO shell only). The form at the top of the shell's menu
 * (theme/package/shell.html) stays hidden until this script shows it. When the learner first reaches the field it
 * loads, in order, lunr and lunr-languages (assets/lunr/) and the course's index (assets/search-index.js, built by
 * packages/search_index.py): script elements, not fetch(), so that a package opened from the file system searches
 * too, and nothing is ever asked of the network. A query's words go through the index's own pipeline (for Swedish:
 * trimmed, stop words left out, stemmed), and the lesson must have each: "licenserna" finds "licens" (queryWords).
 * Results are links that open the lesson in the lesson frame, each with a snippet around its first matching word;
 * the count is announced by the role=status paragraph. Course text is written with textContent only. */
(() => {
  "use strict";

  const form = document.querySelector("form.search");
  const input = document.getElementById("search-query");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const configElement = document.getElementById("course-config");
  if (!form || !input || !status || !list || !configElement) return;
  let config = null;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (ignored) {
    return;
  }
  const search = config && config.search;
  if (!search || !Array.isArray(search.scripts)) return;
  const strings = config.strings || {};
  const SNIPPET = 160; // characters of a lesson's text shown under its link
  const BEFORE = 50; // of which before the matching word, at most
  const EXACT_BOOST = 10; // a whole word ranks above a longer word it begins
  const SHORTEST = 3; // letters of the shortest term a longer query word may find
  const WAIT = 200; // ms after the last key before searching: one search, one announcement

  const format = (template, values) => String(template || "").replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`${src} did not load`));
      document.head.appendChild(script);
    });
  }

  let loading = null;

  /** The libraries and the index, loaded once, one after the other: {lunr, index, pipeline, pages}. */
  function load() {
    if (!loading) {
      loading = search.scripts
        .reduce((previous, src) => previous.then(() => loadScript(src)), Promise.resolve())
        .then(() => {
          const lunr = window.lunr;
          const data = window[search.global];
          if (!lunr || !data) throw new Error("the search index did not load");
          return { lunr, index: lunr.Index.load(data.index), pipeline: lunr.Pipeline.load(data.pipeline), pages: data.pages || [] };
        });
    }
    return loading;
  }

  /** The query's words as the index holds them: tokenized and run through the index's pipeline, each once. */
  function queryTerms(engine, text) {
    const tokens = engine.lunr.tokenizer(text.replace(/\*/g, " ")); // "*" is lunr's wildcard, never a letter
    return Array.from(new Set(engine.pipeline.run(tokens).map(String).filter(Boolean)));
  }

  /** Each word of the query with what it finds: the terms it begins, and terms of the index that begin it and are at
   * least half as long. A stemmer often cuts the plain word shorter than its inflections: "licenserna" is "licens" to
   * Snowball's Swedish stemmer, "licens" is "lic"; "avtalet" stays "avtalet", "avtal" is "avtal". */
  function queryWords(engine, text) {
    const known = engine.index.invertedIndex;
    return queryTerms(engine, text).map((stem) => {
      const shorter = [];
      for (let length = Math.max(SHORTEST, Math.ceil(stem.length / 2)); length < stem.length; length++) {
        if (stem.slice(0, length) in known) shorter.push(stem.slice(0, length));
      }
      return { stem, shorter };
    });
  }

  const finds = (word, indexed) => indexed.startsWith(word.stem) || word.shorter.includes(indexed);

  /** The refs of the pages that every word of the query finds, best first; lunr scores each word, the scores add up. */
  function find(engine, words) {
    const { Query } = engine.lunr;
    let found = null; // ref -> score so far
    for (const word of words) {
      const matches = engine.index.query((query) => {
        query.term(word.stem, { usePipeline: false, wildcard: Query.wildcard.TRAILING });
        query.term(word.stem, { usePipeline: false, boost: EXACT_BOOST });
        for (const term of word.shorter) query.term(term, { usePipeline: false });
      });
      const scores = new Map();
      for (const match of matches) {
        if (!found || found.has(match.ref)) scores.set(match.ref, (found ? found.get(match.ref) : 0) + match.score);
      }
      found = scores;
    }
    return Array.from(found || []).sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0])).map(([ref]) => ref);
  }

  /** The first word of `text` that a word of the query finds, with some text around it: {before, match, after}. */
  function snippet(engine, text, words) {
    const separated = /[^\s-]+/g; // lunr.tokenizer's words: between spaces and hyphens
    let found = null;
    for (let word = separated.exec(text); word && !found; word = separated.exec(text)) {
      const [indexed] = engine.pipeline.run(engine.lunr.tokenizer(word[0])).map(String);
      if (indexed && words.some((query) => finds(query, indexed))) found = word;
    }
    const start = found ? found.index : 0;
    const end = found ? start + found[0].length : 0;
    let from = Math.max(0, start - BEFORE);
    const space = text.indexOf(" ", from);
    if (from > 0 && space >= 0 && space < start) from = space + 1; // begin at a whole word
    let to = Math.min(text.length, Math.max(end, from + SNIPPET));
    if (to < text.length && text.lastIndexOf(" ", to) > end) to = text.lastIndexOf(" ", to);
    return {
      before: (from > 0 ? "… " : "") + text.slice(from, start),
      match: text.slice(start, end),
      after: text.slice(end, to) + (to < text.length ? " …" : ""),
    };
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function result(engine, page, number, words) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.setAttribute("href", page.href);
    link.setAttribute("target", "lesson-frame");
    link.textContent = page.title;
    const where = document.createElement("span");
    where.className = "search__where";
    where.id = `search-result-${number}-where`;
    where.textContent = page.module;
    const text = document.createElement("p");
    text.className = "search__snippet";
    text.id = `search-result-${number}-text`;
    const parts = snippet(engine, page.text || "", words);
    const mark = document.createElement("mark");
    mark.textContent = parts.match;
    text.append(parts.before, ...(parts.match ? [mark] : []), parts.after);
    link.setAttribute("aria-describedby", `${where.id} ${text.id}`);
    item.append(link, where, text);
    return item;
  }

  function show(engine, value) {
    const query = value.trim();
    list.textContent = "";
    if (!query) {
      list.hidden = true;
      return say("");
    }
    const words = queryWords(engine, query);
    const pages = (words.length ? find(engine, words) : [])
      .map((ref) => engine.pages[Number(ref)])
      .filter((page) => page && /^[\w./-]+$/.test(page.href)); // a path inside the package, nothing else
    pages.forEach((page, n) => list.appendChild(result(engine, page, n + 1, words)));
    list.hidden = !pages.length;
    const template = pages.length === 0 ? strings.search_none : pages.length === 1 ? strings.search_hit : strings.search_hits;
    say(format(template, { count: pages.length, query }));
  }

  let waiting = 0;

  function update(delay) {
    window.clearTimeout(waiting);
    const run = () => load().then((engine) => show(engine, input.value), (error) => {
      console.warn("scorm-export search:", error);
      say(strings.search_failed || "");
    });
    if (delay) waiting = window.setTimeout(run, delay);
    else run();
  }

  const links = () => Array.from(list.querySelectorAll("a"));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(0);
  });
  input.addEventListener("focus", () => { load().catch(() => {}); }, { once: true });
  input.addEventListener("input", () => update(WAIT));
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      update(0);
    }
  });
  // Up and Down move between the results, Escape goes back to the field
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : all[Math.min(next, all.length - 1)]).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
    }
  });
  form.hidden = false;
})();

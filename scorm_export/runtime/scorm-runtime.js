/* scorm-export runtime: progress, bookmark and completion for SCORM 1.2/2004 packages (ES2017, no dependencies).
 * Modes (course-config): "shell" owns the LMS session of a single-SCO course; "lesson" tells its shell which lesson
 * is shown (postMessage: works from file:// too); "sco" is a lesson launched alone. No LMS: localStorage.
 * Commits on visibilitychange/pagehide, terminates once on pagehide; never unload, never synchronous XHR. */
(() => {
  "use strict";

  const LESSON_MESSAGE = "scorm-export:lesson";
  const ANSWER_MESSAGE = "scorm-export:answer"; // a lesson in the shell: a test question was answered
  const ANSWERS_MESSAGE = "scorm-export:answers"; // the shell to a lesson: what is kept of its test questions
  const SHELL_MESSAGE = "scorm-export:shell";
  const MAX_HOPS = 500;
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  // ---- suspend_data: "v1;<seen lessons, 6 per base64url char>;k=<fingerprint of the lesson list>[;q=...]"

  const encodeBits = (seen) => {
    let text = "";
    for (let i = 0; i < seen.length; i += 6) {
      let value = 0;
      for (let bit = 0; bit < 6; bit++) if (seen[i + bit]) value |= 1 << bit;
      text += B64[value];
    }
    return text;
  };

  const decodeBits = (text, count) =>
    Array.from({ length: count }, (_, i) => (B64.indexOf(text.charAt(Math.floor(i / 6))) & (1 << (i % 6))) > 0);

  /** {seen: [bool], sections: {name: value}} -> text; sections (k, later q=<key>:<score>,...) sorted by name. */
  function encodeState(state) {
    const sections = state.sections || {};
    const named = Object.keys(sections).sort().filter((name) => sections[name] != null).map((name) => `${name}=${sections[name]}`);
    return ["v1", encodeBits(state.seen || []), ...named].join(";");
  }

  /** Text -> state for `count` lessons. Sections it does not know are kept; anything unreadable is an empty state. */
  function decodeState(text, count) {
    const parts = typeof text === "string" ? text.split(";") : [];
    if (parts[0] !== "v1" || !/^[\w-]*$/.test(parts[1] || "")) return { seen: decodeBits("", count), sections: {} };
    const sections = {};
    for (const part of parts.slice(2)) {
      const match = /^([a-z][a-z0-9]*)=(.*)$/.exec(part);
      if (match) sections[match[1]] = match[2];
    }
    return { seen: decodeBits(parts[1] || "", count), sections };
  }

  /** Four characters that change when lessons are added, removed or reordered (FNV-1a). */
  function fingerprint(keys) {
    let hash = 0x811c9dc5;
    for (const char of keys.join("\n")) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    return [18, 12, 6, 0].map((shift) => B64[(hash >>> shift) & 63]).join("");
  }

  // ---- test questions: {key: {used, right}}, kept in suspend_data as one character per question (q=...)

  function decodeTests(keys, text) {
    const found = {};
    keys.forEach((key, i) => {
      const value = B64.indexOf(String(text || "").charAt(i));
      if (value > 0) found[key] = { used: value >> 1, right: (value & 1) === 1 };
    });
    return found;
  }

  const encodeTests = (keys, tests) =>
    keys.map((key) => (tests[key] ? B64[(Math.min(tests[key].used, 31) << 1) | (tests[key].right ? 1 : 0)] : B64[0])).join("");

  /** The test's outcome so far, or null for a course (or SCO) without test questions. */
  function outcome(keys, tests, attempts, passing) {
    if (!keys.length) return null;
    const right = keys.filter((key) => tests[key] && tests[key].right).length;
    const done = keys.every((key) => tests[key] && (tests[key].right || (attempts > 0 && tests[key].used >= attempts)));
    const scaled = right / keys.length;
    return { done, scaled, passed: scaled * 100 >= passing };
  }

  // ---- session time

  const pad = (number, width) => String(number).padStart(width, "0");

  /** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS */
  function timespan12(ms) {
    const cs = Math.min(Math.max(0, Math.round(ms / 10)), 3599999999);
    return `${pad(Math.floor(cs / 360000), 4)}:${pad(Math.floor(cs / 6000) % 60, 2)}:${pad(Math.floor(cs / 100) % 60, 2)}.${pad(cs % 100, 2)}`;
  }

  /** SCORM 2004 timeinterval (ISO 8601 duration), PT1H2M3.5S */
  function duration2004(ms) {
    const cs = Math.max(0, Math.round(ms / 10));
    const hours = Math.floor(cs / 360000);
    const minutes = Math.floor(cs / 6000) % 60;
    const seconds = (cs % 6000) / 100;
    return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds || (!hours && !minutes) ? `${seconds}S` : ""}`;
  }

  // ---- the LMS: SCORM 2004 call names; SCORM 1.2 prefixes them with "LMS" and says Finish for Terminate

  const BINDINGS = {
    scorm12: {
      api: "API", method: (name) => `LMS${name === "Terminate" ? "Finish" : name}`, location: "cmi.core.lesson_location",
      entry: "cmi.core.entry", exit: "cmi.core.exit", sessionTime: "cmi.core.session_time", status: "cmi.core.lesson_status",
      normalExit: "", time: timespan12, scoreRaw: "cmi.core.score.raw", scoreMin: "cmi.core.score.min", scoreMax: "cmi.core.score.max",
      response: "student_response", wrong: "wrong", choiceJoin: ",", truth: "t", falsehood: "f",
    },
    scorm2004: {
      api: "API_1484_11", method: (name) => name, location: "cmi.location", entry: "cmi.entry", exit: "cmi.exit",
      sessionTime: "cmi.session_time", status: "cmi.completion_status", progress: "cmi.progress_measure",
      normalExit: "normal", time: duration2004, navigation: true, success: "cmi.success_status", scoreRaw: "cmi.score.raw",
      scoreMin: "cmi.score.min", scoreMax: "cmi.score.max", scoreScaled: "cmi.score.scaled", response: "learner_response",
      wrong: "incorrect", choiceJoin: "[,]", truth: "true", falsehood: "false",
    },
  };
  // statuses only rise: "completed" or "passed" never goes back to "incomplete"
  const RANK = { incomplete: 1, completed: 2, passed: 2, failed: 2 };
  const rank = (status) => RANK[status] || 0;

  const warn = (...args) => console.warn("scorm-export:", ...args);

  function searchUp(win, name) {
    for (let hops = 0; win && hops <= MAX_HOPS; hops++) {
      try {
        if (win[name] && typeof win[name] === "object") return win[name];
      } catch (crossOrigin) { /* keep climbing */ }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  /** The standard search: this window and its parents, then the opener and its parents. */
  const findAPI = (win, name) => searchUp(win, name) || searchUp(win.opener, name) || searchUp(win.top.opener, name);

  /** One LMS session; every call survives an API that throws or answers "false". */
  class Session {
    constructor(api, binding) {
      Object.assign(this, { api, b: binding, started: Date.now(), terminated: false, status: "" });
    }

    call(name, ...args) {
      try {
        return this.api[this.b.method(name)](...args);
      } catch (error) {
        warn(`${name} threw`, error);
        return undefined;
      }
    }

    ok(name, ...args) {
      const result = this.call(name, ...args);
      if (String(result) === "true") return true;
      const code = this.call("GetLastError");
      warn(`${this.b.method(name)}(${args.join(", ")}) returned ${result}; error ${code}: ${this.call("GetErrorString", code)}`);
      return false;
    }

    get(element) {
      const value = this.call("GetValue", element);
      return value == null ? "" : String(value);
    }

    set(element, value) {
      return this.ok("SetValue", element, String(value));
    }

    /** Completion and progress for `seen` of `total` lessons, the test's outcome (`test`: {done, passed, scaled}
     * or null without one), and the exit that goes with them. Completed: every lesson read and the test taken;
     * passed or failed: the test's score against the passing score, sent with the score once the test is taken.
     * SCORM 1.2 has one status for both, so with a test it says passed or failed then, and incomplete until then. */
    report(seen, total, test) {
      const b = this.b;
      const read = seen >= total;
      // a score only once the test is taken: an LMS judges a score against the passing score as soon as it has one,
      // so 0 sent from the first lesson would make the learner "failed" (2004) or graded 0 (1.2) before starting
      if (test && test.done) {
        this.set(b.scoreRaw, Math.round(test.scaled * 100));
        this.set(b.scoreMin, 0);
        this.set(b.scoreMax, 100);
        if (b.scoreScaled) this.set(b.scoreScaled, test.scaled.toFixed(4));
      }
      if (test && !b.success) {
        const outcome = test.done ? (test.passed ? "passed" : "failed") : "incomplete";
        if (this.status !== "passed" && outcome !== this.status && (test.done || rank(this.status) === 0) && this.set(b.status, outcome)) this.status = outcome;
      } else {
        const target = read && (!test || test.done) ? "completed" : "incomplete";
        if (rank(target) > rank(this.status) && this.set(b.status, target)) this.status = target;
        if (test && test.done) this.set(b.success, test.passed ? "passed" : "failed");
      }
      const done = rank(this.status) >= 2;
      if (b.progress && (read || !done)) this.set(b.progress, read ? "1" : (seen / total).toFixed(4));
      this.set(b.exit, done ? b.normalExit : "suspend");
    }

    /** One answer to a test question, as the LMS's n-th interaction; a refusing LMS loses only this record. */
    interaction(n, detail) {
      const b = this.b;
      const at = `cmi.interactions.${n}.`;
      const item = detail.interaction;
      const patterns = item.type === "choice"
        ? item.correct.map((letters) => letters.join(b.choiceJoin))
        : item.type === "true-false"
          ? item.correct.map((truth) => (truth ? b.truth : b.falsehood))
          : item.correct.map((text) => String(text).slice(0, 250));
      const response = item.type === "choice"
        ? item.response.join(b.choiceJoin)
        : item.type === "true-false" ? (item.response ? b.truth : b.falsehood) : String(item.response).slice(0, 250);
      this.set(`${at}id`, detail.key.replace(/[^A-Za-z0-9_-]/g, "_"));
      this.set(`${at}type`, item.type);
      if (b.success) this.set(`${at}description`, String(detail.prompt || "").slice(0, 250));
      patterns.forEach((pattern, k) => this.set(`${at}correct_responses.${k}.pattern`, pattern));
      this.set(`${at}${b.response}`, response);
      this.set(`${at}result`, detail.right ? "correct" : b.wrong);
    }

    commit() {
      if (this.terminated) return;
      this.set(this.b.sessionTime, this.b.time(Date.now() - this.started));
      this.ok("Commit", "");
    }

    terminate() {
      if (this.terminated) return;
      this.commit();
      this.terminated = true;
      this.ok("Terminate", "");
    }
  }

  function connect(standard) {
    const binding = BINDINGS[standard];
    let api = null;
    try { api = binding && findAPI(window, binding.api); } catch (error) { warn("LMS search failed", error); }
    if (!api) return null;
    const session = new Session(api, binding);
    // SCORM 2004 error 103 (already initialized) still lets us work
    if (session.ok("Initialize", "") || (standard === "scorm2004" && String(session.call("GetLastError")) === "103")) {
      session.status = session.get(binding.status);
      document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") session.commit(); });
      window.addEventListener("pagehide", () => session.terminate());
      return session;
    }
    warn("the LMS did not initialize; progress is kept in this browser only");
    return null;
  }

  // ---- without an LMS: localStorage, which may be missing or throw

  function readLocal(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key)) || {};
    } catch (ignored) {
      return {};
    }
  }

  function writeLocal(key, saved) {
    try { window.localStorage.setItem(key, JSON.stringify(saved)); } catch (ignored) { /* blocked or full */ }
  }

  // ---- the shell of a single-SCO course: menu, progress, and the LMS session

  const format = (template, values) => String(template || "").replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));

  function runShell(config, exposed) {
    const lessons = Array.isArray(config.lessons) ? config.lessons : [];
    const frame = document.getElementById("lesson-frame");
    if (!lessons.length || !frame) return;
    const keys = lessons.map((lesson) => lesson.key);
    const position = new Map(keys.map((key, i) => [key, i]));
    const strings = config.strings || {};
    const session = connect(config.standard);
    const storageKey = `scorm-export:${config.course}:${config.version}`;
    const saved = session ? {} : readLocal(storageKey);
    const state = decodeState(session ? session.get("cmi.suspend_data") : saved.state, keys.length);
    const bookmark = session ? session.get(session.b.location) : saved.location;
    const entry = session ? session.get(session.b.entry) : "";
    const graded = Array.isArray(config.graded) ? config.graded : [];
    let tests = decodeTests(graded.map((item) => item.key), state.sections.q);
    let interactions = session ? Number(session.get("cmi.interactions._count")) || 0 : 0;
    const print = fingerprint(keys);
    // progress saved for another list of lessons cannot be mapped onto this one
    if (state.sections.k !== print) state.seen = decodeBits("", keys.length);
    state.sections.k = print;
    let current = null;
    let awaiting = null; // while resuming: the bookmarked lesson, so a late message from the first one is ignored

    const seenCount = () => state.seen.filter(Boolean).length;

    function render() {
      const count = seenCount();
      for (const link of document.querySelectorAll(".shell__menu a[data-lesson]")) {
        const key = link.getAttribute("data-lesson");
        if (key === current) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
        const mark = link.querySelector(".menu__seen");
        if (mark) mark.hidden = !state.seen[position.get(key)];
      }
      const bar = document.getElementById("course-progress");
      if (bar) {
        bar.max = keys.length;
        bar.value = count;
      }
      const status = document.getElementById("progress-text");
      const text = format(strings.progress_text, { seen: count, total: keys.length }) +
        (count === keys.length && strings.complete ? ` ${strings.complete}` : "");
      if (status && status.textContent !== text) status.textContent = text; // unchanged text is not announced again
    }

    function save() {
      if (graded.length) state.sections.q = encodeTests(graded.map((item) => item.key), tests);
      const encoded = encodeState(state);
      if (!session) return writeLocal(storageKey, { state: encoded, location: current || "" });
      if (session.terminated) return;
      session.set("cmi.suspend_data", encoded);
      if (current) session.set(session.b.location, current);
      session.report(seenCount(), keys.length, outcome(graded.map((item) => item.key), tests, config.attempts || 0, config.passing || 0));
      session.ok("Commit", "");
    }

    function lessonShown(key) {
      if (!position.has(key) || (session && session.terminated)) return;
      current = key;
      state.seen[position.get(key)] = true;
      render();
      save();
    }

    window.addEventListener("message", (event) => {
      const data = event.data;
      if (event.source !== frame.contentWindow || !data || typeof data !== "object") return;
      // file:// pages have opaque origins; over http(s) only our own origin may speak
      if (/^https?:$/.test(location.protocol) && event.origin !== location.origin) return;
      if (data.course !== config.course) return;
      if (data.type === ANSWER_MESSAGE && data.detail && graded.some((item) => item.key === data.detail.key)) {
        tests = { ...tests, [data.detail.key]: { used: data.detail.used, right: data.detail.right } };
        if (session && !session.terminated) session.interaction(interactions++, data.detail);
        return save();
      }
      if (data.type !== LESSON_MESSAGE || (awaiting && data.key !== awaiting)) return;
      // the lesson learns what is kept of its test questions, so that a resumed test stays answered
      frame.contentWindow.postMessage({ type: ANSWERS_MESSAGE, course: config.course, saved: tests }, "*");
      awaiting = null;
      lessonShown(data.key);
    });
    const menu = document.querySelector(".shell__menu");
    if (menu) menu.addEventListener("click", () => { awaiting = null; });

    render();
    if (position.get(bookmark) > 0 && entry !== "ab-initio") {
      awaiting = bookmark;
      frame.src = lessons[position.get(bookmark)].href;
    } else {
      // the first lesson may have announced itself before we listened: ask again
      frame.contentWindow.postMessage({ type: SHELL_MESSAGE, course: config.course }, "*");
    }
    exposed.lessonShown = lessonShown;
  }

  // ---- a lesson inside the shell: says which lesson is shown, nothing else

  // Other sites often refuse to be shown inside an LMS frame: their links open in a new window instead
  function openExternalLinksOutside() {
    document.querySelectorAll('a[href^="http://"], a[href^="https://"]').forEach((link) => {
      link.target = "_blank";
      link.rel = (link.rel ? link.rel + " " : "") + "noopener";
    });
  }

  function runLesson(config) {
    openExternalLinksOutside();
    const parent = window.parent;
    if (!parent || parent === window) return; // opened on its own
    const announce = () => parent.postMessage({ type: LESSON_MESSAGE, course: config.course, key: config.lesson }, "*");
    window.addEventListener("message", (event) => {
      const data = event.data;
      if (event.source !== parent || !data || data.course !== config.course) return;
      if (data.type === SHELL_MESSAGE) announce();
      if (data.type === ANSWERS_MESSAGE && window.ScormExportQuestions) window.ScormExportQuestions.apply(data.saved);
    });
    document.addEventListener("scorm-export:answered", (event) => {
      if (event.detail && event.detail.graded) parent.postMessage({ type: ANSWER_MESSAGE, course: config.course, detail: event.detail }, "*");
    });
    window.addEventListener("pageshow", (event) => { if (event.persisted) announce(); });
    announce();
  }

  // ---- one lesson as its own SCO: opening it completes it

  function runSco(config) {
    openExternalLinksOutside();
    const session = connect(config.standard);
    if (!session) return;
    const keys = Array.isArray(config.graded) ? config.graded.map((item) => item.key) : [];
    const state = decodeState(session.get("cmi.suspend_data"), 0);
    let tests = decodeTests(keys, state.sections.q);
    let interactions = Number(session.get("cmi.interactions._count")) || 0;
    const report = () => {
      if (keys.length) {
        state.sections.q = encodeTests(keys, tests);
        session.set("cmi.suspend_data", encodeState(state));
      }
      session.report(1, 1, outcome(keys, tests, config.attempts || 0, config.passing || 0));
      session.commit();
    };
    if (keys.length && window.ScormExportQuestions) window.ScormExportQuestions.apply(tests);
    document.addEventListener("scorm-export:answered", (event) => {
      const detail = event.detail;
      if (!detail || !detail.graded || session.terminated || !keys.includes(detail.key)) return;
      tests = { ...tests, [detail.key]: { used: detail.used, right: detail.right } };
      session.interaction(interactions++, detail);
      report();
    });
    report();
    offerLessonChoices(session);
  }

  // No SCO may load in another (its Initialize would fail): a lesson names those it refers to, and where
  // the LMS says it will follow a SCORM 2004 choice request, the name becomes a link asking for it
  function offerLessonChoices(session) {
    if (!session.b.navigation) return;
    document.querySelectorAll(".lesson-ref[data-sco-target]").forEach((reference) => {
      const target = reference.getAttribute("data-sco-target");
      if (session.get(`adl.nav.request_valid.choice.{target=${target}}`) !== "true") return;
      const link = document.createElement("a");
      link.href = "#";
      link.className = "lesson-ref";
      link.setAttribute("data-sco-target", target);
      const text = reference.querySelector(".lesson-ref__text");
      while (text && text.firstChild) link.appendChild(text.firstChild);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        if (!session.terminated && session.set("adl.nav.request", `{target=${target}}choice`)) session.terminate();
      });
      reference.replaceWith(link);
    });
  }

  // pure helpers for tests; the shell adds lessonShown(key), the handler its lessons' messages reach
  const exposed = { encodeState, decodeState, encodeTests, decodeTests, fingerprint, timespan12, duration2004, findAPI };
  window.ScormExportRuntime = exposed;
  try {
    const element = document.getElementById("course-config");
    const config = element && JSON.parse(element.textContent);
    const run = config && { shell: runShell, lesson: runLesson, sco: runSco }[config.mode];
    if (run) run(config, exposed);
  } catch (error) {
    warn("tracking stopped; the course itself still works", error);
  }
})();

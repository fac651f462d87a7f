// Served by `build.py serve` only (never part of a built site or a package): the test LMS for one SCO.
// scorm-again is the LMS's SCORM API. This script launches the package in the frame, logs every call the package
// makes, shows what the LMS holds after each one, and keeps what a Commit or Terminate saved, so that "Återuppta"
// can launch the package again with it. Everything the package sent is shown as text (textContent), never as markup.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("tl-config").textContent);
  const words = JSON.parse(document.getElementById("tl-words").textContent);
  const scorm12 = config.standard === "scorm12";
  const frame = document.getElementById("tl-sco");
  const log = document.getElementById("tl-log");
  const announcer = document.getElementById("tl-announce");
  const showReads = document.getElementById("tl-show-reads");
  const restart = document.getElementById("tl-restart");
  const resume = document.getElementById("tl-resume");
  const storageKey = `test-lms:${config.package}:${config.item}`;
  const items = new Map(config.items); // the SCOs in the organization's order: identifier -> page
  const MAX_LOG = 2000; // the oldest entries go first: a long session should not slow the page down
  const SHOWN_LENGTH = 160; // longer values (suspend_data) are cut in the log, with their length

  // SCORM 2004 call names; SCORM 1.2 prefixes them with "LMS" and calls Terminate LMSFinish
  const NAMES = {};
  for (const name of ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"]) {
    NAMES[name] = scorm12 ? `LMS${name === "Terminate" ? "Finish" : name}` : name;
  }
  // the calls that change what the LMS holds; the others only read, and the log hides them unless asked
  const WRITES = new Set([NAMES.Initialize, NAMES.SetValue, NAMES.Commit, NAMES.Terminate]);
  const INQUIRIES = new Set([NAMES.GetLastError, NAMES.GetErrorString, NAMES.GetDiagnostic]);
  const ENTRY = scorm12 ? "cmi.core.entry" : "cmi.entry";

  let api = null;
  let session = { initialized: false, terminated: false };
  let saved = readSaved();
  let pendingRender = false;
  let pendingNews = [];
  let announced = {}; // the status values last announced; filled silently by the first render of each session
  let baseline = true;

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  const clock = () => new Date().toLocaleTimeString("sv-SE");

  // ---- what the LMS keeps between sessions: as an LMS stores it after Commit or Terminate

  function readSaved() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function save() {
    const cmi = api.renderCMIToJSONObject().cmi;
    saved = scorm12 ? saved12(cmi) : saved2004(cmi);
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(saved));
    } catch (error) {
      // private mode or full storage: the copy in memory still serves "Återuppta" on this page
    }
  }

  function keep(data, element, value) {
    if (value !== undefined && value !== null && String(value) !== "") data[element] = String(value);
  }

  function saved12(cmi) {
    const data = {};
    const core = cmi.core;
    keep(data, "cmi.core.lesson_location", core.lesson_location);
    keep(data, "cmi.core.lesson_status", core.lesson_status);
    for (const part of ["raw", "min", "max"]) keep(data, `cmi.core.score.${part}`, core.score[part]);
    keep(data, "cmi.core.total_time", addTimes(core.total_time, core.session_time));
    keep(data, "cmi.suspend_data", cmi.suspend_data);
    keep(data, "cmi.core.entry", core.exit === "suspend" ? "resume" : "");
    // SCORM 1.2's interactions can only be written: an LMS gives none of them back
    return { data, exit: core.exit };
  }

  function saved2004(cmi) {
    const data = {};
    for (const element of ["location", "completion_status", "success_status", "progress_measure", "suspend_data"]) {
      keep(data, `cmi.${element}`, cmi[element]);
    }
    for (const part of ["scaled", "raw", "min", "max"]) keep(data, `cmi.score.${part}`, cmi.score[part]);
    keep(data, "cmi.total_time", addTimes(cmi.total_time, cmi.session_time));
    keep(data, "cmi.entry", cmi.exit === "suspend" ? "resume" : "");
    flatten("cmi.interactions", cmi.interactions, data);
    flatten("cmi.objectives", cmi.objectives, data);
    return { data, exit: cmi.exit };
  }

  function flatten(prefix, value, into) {
    if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, into);
    } else {
      keep(into, prefix, value);
    }
  }

  // total_time after a session, as the LMS adds it up: HHHH:MM:SS.SS in SCORM 1.2, an ISO 8601 duration in 2004
  function seconds(time) {
    if (!time) return 0;
    if (scorm12) {
      const parts = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(time);
      return parts ? Number(parts[1]) * 3600 + Number(parts[2]) * 60 + Number(parts[3]) : 0;
    }
    const number = "(\\d+(?:\\.\\d+)?)";
    const parts = new RegExp(`^P(?:${number}Y)?(?:${number}M)?(?:${number}D)?(?:T(?:${number}H)?(?:${number}M)?(?:${number}S)?)?$`).exec(time);
    if (!parts) return 0;
    const [years, months, days, hours, minutes, secs] = parts.slice(1).map((part) => Number(part || 0));
    return years * 31536000 + months * 2592000 + days * 86400 + hours * 3600 + minutes * 60 + secs;
  }

  function addTimes(total, session) {
    const sum = Math.round((seconds(total) + seconds(session)) * 100) / 100;
    const hours = Math.floor(sum / 3600);
    const minutes = Math.floor((sum % 3600) / 60);
    const secs = Math.round((sum % 60) * 100) / 100;
    if (!scorm12) return `PT${hours}H${minutes}M${secs}S`;
    const pad = (value, width) => String(value).padStart(width, "0");
    return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(secs.toFixed(2), 5)}`;
  }

  // ---- the API: scorm-again, with every call the package makes logged

  function install(data) {
    const settings = { logLevel: 5, autocommit: false };
    // the SCOs a SCORM 2004 navigation request may choose
    if (!scorm12) settings.scoItemIds = [...items.keys()];
    const created = scorm12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    try {
      created.loadFromFlattenedJSON(data);
    } catch (error) {
      // saved by an earlier version of the package, say: the SCO starts without what could not be loaded
      note(fill(words.notLoaded, { error: error && error.message ? error.message : String(error) }), true);
    }
    const originals = {};
    let depth = 0; // scorm-again calls its own methods: only the outermost call is the package's
    for (const name of Object.values(NAMES)) {
      originals[name] = created[name].bind(created);
      created[name] = function (...args) {
        depth += 1;
        let result;
        try {
          result = originals[name](...args);
        } finally {
          depth -= 1;
        }
        if (depth === 0 && created === api) called(name, args, result, originals);
        return result;
      };
    }
    if (!scorm12) {
      created.on("SequenceChoice", (target) => navigate(target));
      created.on("SequenceNext", () => navigate(neighbour(1)));
      created.on("SequencePrevious", () => navigate(neighbour(-1)));
    }
    window[scorm12 ? "API" : "API_1484_11"] = created;
    return created;
  }

  function called(name, args, result, originals) {
    const code = String(api.lastErrorCode);
    const failed = !INQUIRIES.has(name) && (String(result) === "false" || (code !== "0" && code !== ""));
    // SCORM 2004 answers 403 to reading an element nothing has set yet: how a SCO learns it is not resuming
    const unset = failed && !scorm12 && name === NAMES.GetValue && code === "403";
    const message = failed ? fill(words.error, { code, message: originals[NAMES.GetErrorString](code) }) : "";
    addEntry(name, args, result, unset ? "" : message, !WRITES.has(name), unset ? words.unset : "");
    if (failed || !WRITES.has(name)) return;
    if (name === NAMES.Initialize) {
      session.initialized = true;
      pendingNews.push(words.started);
    }
    if (name === NAMES.Commit || name === NAMES.Terminate) save();
    if (name === NAMES.Terminate) {
      session.terminated = true;
      pendingNews.push(words.ended);
    }
    scheduleRender();
  }

  function neighbour(step) {
    const order = [...items.keys()];
    return order[order.indexOf(config.item) + step];
  }

  // a SCORM 2004 navigation request: the LMS opens the chosen SCO once this one has terminated
  function navigate(target) {
    if (!target || !items.has(target)) return;
    note(fill(words.navigation, { target }));
    window.setTimeout(() => window.location.assign(items.get(target)));
  }

  // ---- launching: a new API for each session, the package loaded in the frame

  function launch(again) {
    const data = { ...config.start, [ENTRY]: "ab-initio" };
    if (again && saved) {
      // the saved data says "resume" after a suspended session; otherwise the entry is empty, as the standards say
      delete data[ENTRY];
      Object.assign(data, saved.data);
      note(fill(words.resumed, { entry: data[ENTRY] || "" }));
      if (!scorm12 && saved.exit !== "suspend") note(fill(words.notSuspended, { exit: saved.exit || "" }));
    } else {
      note(again ? words.nothingToResume : words.fresh);
    }
    session = { initialized: false, terminated: false };
    announced = {};
    baseline = true;
    api = install(data);
    frame.src = config.launch;
    scheduleRender();
  }

  // ends the running session as an LMS does: by replacing the package's page, which fires its pagehide
  function unload() {
    return new Promise((resolve) => {
      if (!frame.contentWindow || frame.contentWindow.location.href === "about:blank") {
        resolve();
        return;
      }
      frame.addEventListener("load", () => resolve(), { once: true });
      frame.src = "about:blank";
    });
  }

  function relaunch(again) {
    restart.disabled = resume.disabled = true;
    unload().then(() => {
      if (session.initialized && !session.terminated) {
        note(fill(words.notTerminated, { terminate: NAMES.Terminate, commit: NAMES.Commit }), true);
      }
      if (!again) {
        saved = null;
        try {
          sessionStorage.removeItem(storageKey);
        } catch (error) {
          // nothing stored to remove
        }
      }
      launch(again);
      restart.disabled = resume.disabled = false;
    });
  }

  // ---- the panel: every [data-element] shows what the LMS holds for that CMI element

  function scheduleRender() {
    if (pendingRender) return;
    pendingRender = true;
    window.setTimeout(render);
  }

  function lookup(cmi, element) {
    return element.split(".").slice(1).reduce((value, key) => (value === null || value === undefined ? undefined : value[key]), cmi);
  }

  function render() {
    pendingRender = false;
    const cmi = api.renderCMIToJSONObject().cmi;
    const news = pendingNews;
    pendingNews = [];
    for (const element of document.querySelectorAll("[data-element]")) {
      const value = lookup(cmi, element.dataset.element);
      const text = value === undefined || value === null || String(value) === "" ? words.none : String(value);
      element.textContent = text;
      const label = element.dataset.announce;
      if (label && announced[label] !== text) {
        if (!baseline) news.push(fill(words.changed, { label, value: text }));
        announced[label] = text;
      }
    }
    baseline = false;
    renderSuspendData(cmi);
    renderInteractions(cmi.interactions || {});
    // one polite message per change of state, never one per SetValue
    if (news.length) announcer.textContent = news.join(" ");
  }

  function renderSuspendData(cmi) {
    const length = String(lookup(cmi, "cmi.suspend_data") || "").length;
    const meter = document.getElementById("tl-suspend-meter");
    meter.value = Math.min(length, config.limit);
    document.getElementById("tl-suspend-length").textContent = fill(words.length, {
      length: length.toLocaleString("sv-SE"),
      limit: config.limit.toLocaleString("sv-SE"),
    });
    document.getElementById("tl-suspend-over").hidden = length <= config.limit;
  }

  function renderInteractions(interactions) {
    const body = document.getElementById("tl-interactions");
    const keys = Object.keys(interactions).filter((key) => /^\d+$/.test(key)).sort((a, b) => Number(a) - Number(b));
    const cell = (tag, text) => {
      const element = document.createElement(tag);
      element.textContent = text === undefined || text === null || String(text) === "" ? words.none : String(text);
      return element;
    };
    const rows = keys.map((key) => {
      const interaction = interactions[key];
      const patterns = Object.values(interaction.correct_responses || {}).map((response) => response.pattern);
      const row = document.createElement("tr");
      const number = cell("th", Number(key) + 1);
      number.scope = "row";
      row.append(
        number,
        cell("td", interaction.id),
        cell("td", interaction.type),
        cell("td", scorm12 ? interaction.student_response : interaction.learner_response),
        cell("td", patterns.join(" | ")),
        cell("td", interaction.result),
      );
      return row;
    });
    if (!rows.length) {
      const row = document.createElement("tr");
      const empty = cell("td", words.noInteractions);
      empty.colSpan = 6;
      row.append(empty);
      rows.push(row);
    }
    body.replaceChildren(...rows);
  }

  // ---- the log

  function shown(value) {
    const text = JSON.stringify(String(value));
    return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}… (${String(value).length} tecken)` : text;
  }

  function append(entry) {
    const following = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.append(entry);
    while (log.childElementCount > MAX_LOG) log.firstElementChild.remove();
    if (following) log.scrollTop = log.scrollHeight;
  }

  function addEntry(name, args, result, error, read, remark) {
    const entry = document.createElement("li");
    entry.className = "tl-log__entry" + (read ? " tl-log__entry--read" : "") + (error ? " tl-log__entry--error" : "");
    const time = document.createElement("span");
    time.className = "tl-log__time";
    time.textContent = clock();
    const call = document.createElement("code");
    call.textContent = `${name}(${args.map(shown).join(", ")}) → ${shown(result)}`;
    entry.append(time, " ", call);
    if (remark) entry.append(` (${remark})`);
    if (error) {
      const problem = document.createElement("span");
      problem.className = "tl-log__error";
      problem.textContent = error;
      entry.append(" ", problem);
    }
    append(entry);
  }

  function note(text, problem) {
    const entry = document.createElement("li");
    entry.className = "tl-log__note" + (problem ? " tl-log__entry--error" : "");
    const time = document.createElement("span");
    time.className = "tl-log__time";
    time.textContent = clock();
    entry.append(time, " ", text);
    append(entry);
  }

  showReads.addEventListener("change", () => log.classList.toggle("tl-log--reads", showReads.checked));
  restart.addEventListener("click", () => relaunch(false));
  resume.addEventListener("click", () => relaunch(true));
  // opening the page is launching the SCO from the LMS: with what it saved before in this tab, if anything
  launch(saved !== null);
})();

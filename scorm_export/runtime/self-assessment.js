/* scorm-export self-assessment: the profile and the learning plan of the page /sjalvskattning/ (ES2017, no
 * dependencies). Without this script the page is a printable form. With it the reader's ratings become a profile
 * per DigComp area (bars with their values in text, and the same data as a table) and a learning plan of this
 * site's courses, which the reader can change, print, download (JSON, CSV), open again from a JSON file and share
 * as a link. Everything stays in the browser: localStorage, and the link's fragment (#plan=…), which browsers
 * never send to a server. In a SCORM package (data-lms="scorm12" or "scorm2004" on the form's container) there is no
 * plan and nothing is kept in the browser: each rating goes to the LMS as a likert interaction and the SCO is completed.
 *
 * The plan's rules (plan() below; the page says the same in words):
 *  - A rating is the level group the reader chose for a competence: 1 grundläggande … 4 specialist;
 *    "Vet inte" and no answer are 0, starting from the beginning.
 *  - A course is proposed when it develops at least one competence the reader wants to develop (ticked), at the
 *    reader's level in that competence or one group above it (course group = rating or rating + 1). Competence
 *    ids are compared across DigComp 2.2 and 3.0, which keep the same 21 competences under the same numbers.
 *  - Order: lower course level first (build from the ground up); at the same level, the course that covers more
 *    of the wanted competences first; then the shorter one; then by title and id, so the order is always the same.
 */
(() => {
  "use strict";

  const LEVELS = ["grundläggande", "medel", "avancerad", "specialist"];
  const LIKERT = ["vet-inte", "grundlaggande", "medel", "avancerad", "specialist"]; // a rating's response in the LMS
  const LMS = {
    scorm12: { api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
      response: "student_response", status: "cmi.core.lesson_status", description: null, comment: () => "cmi.comments" },
    scorm2004: { api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
      response: "learner_response", status: "cmi.completion_status", description: "description",
      comment: (get) => `cmi.comments_from_learner.${Number(get("cmi.comments_from_learner._count")) || 0}.comment` },
  };
  const STORE = "scorm-export-self-assessment";
  const FRAGMENT = "#plan=";

  /** The course's level group, 1–4 (0 for a level this script does not know). */
  const group = (course) => LEVELS.indexOf(course.level) + 1;

  /** The proposed courses, in plan order, each with `matched`: the wanted competences it develops at the right level. */
  function plan(ratings, wishes, courses) {
    const wanted = Array.from(new Set(wishes || []));
    const fits = (course, competence) => {
      const rating = Number((ratings || {})[competence]) || 0;
      const level = group(course);
      return level === rating || level === rating + 1;
    };
    return (courses || [])
      .map((course) => ({ course, matched: wanted.filter((id) => (course.competences || []).includes(id) && fits(course, id)) }))
      .filter((found) => found.matched.length > 0)
      .sort((a, b) =>
        group(a.course) - group(b.course)
        || b.matched.length - a.matched.length
        || a.course.minutes - b.course.minutes
        || a.course.title.localeCompare(b.course.title, "sv")
        || (a.course.id < b.course.id ? -1 : a.course.id > b.course.id ? 1 : 0))
      .map((found) => Object.assign({}, found.course, { matched: found.matched }));
  }

  /** The state as the text after #plan=: base64url of its JSON (UTF-8). */
  function encode(state) {
    const compact = { v: 1, f: state.framework, r: state.ratings, w: state.wishes, p: (state.plan || []).map((item) => [item.id, item.done ? 1 : 0]) };
    const bytes = new TextEncoder().encode(JSON.stringify(compact));
    let binary = "";
    bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decode(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    const compact = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
    return clean({ framework: compact.f, ratings: compact.r, wishes: compact.w, plan: (compact.p || []).map((item) => ({ id: item[0], done: item[1] === 1 })) });
  }

  /** A state from untrusted JSON (a file, a link, localStorage): only known shapes survive. */
  function clean(value) {
    const source = value && typeof value === "object" ? value : {};
    const ratings = {};
    if (source.ratings && typeof source.ratings === "object") {
      for (const [id, rating] of Object.entries(source.ratings)) {
        const number = Number(rating);
        if (/^\d\.\d$/.test(id) && Number.isInteger(number) && number >= 0 && number <= 4) ratings[id] = number;
      }
    }
    const wishes = Array.isArray(source.wishes) ? source.wishes.filter((id) => typeof id === "string" && /^\d\.\d$/.test(id)) : [];
    const items = Array.isArray(source.plan) ? source.plan : null;
    const planned = items === null ? null : items
      .filter((item) => item && typeof item.id === "string")
      .map((item) => ({ id: item.id, done: item.done === true }));
    return { framework: typeof source.framework === "string" ? source.framework : "", ratings, wishes, plan: planned };
  }

  function formatMinutes(minutes) {
    const hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (!hours) return `${rest} min`;
    return `${hours} h` + (rest ? ` ${rest} min` : "");
  }

  /** The plan as CSV for a spreadsheet: semicolons (as Swedish Excel reads them), a BOM, CRLF. */
  function toCsv(rows, strings) {
    const cell = (value) => {
      const text = String(value);
      return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const header = [strings.sa_order, strings.sa_course, strings.level, strings.sa_csv_minutes, strings.sa_competences, strings.sa_done, strings.sa_csv_address];
    const lines = [header].concat(rows.map((row, index) => [
      index + 1, row.title, row.levelName, row.minutes, row.competences.join(", "), row.done ? strings.sa_yes : strings.sa_no, row.url,
    ]));
    return "\ufeff" + lines.map((line) => line.map(cell).join(";")).join("\r\n") + "\r\n";
  }

  /** The LMS's API object: in this window, a parent frame or the window that opened it (as SCORM's search goes). */
  function findApi(name) {
    const search = (start) => {
      for (let win = start, depth = 0; win && depth < 10; depth += 1) {
        try { if (win[name]) return win[name]; } catch (ignored) { /* a frame of another origin */ }
        if (win.parent === win) break;
        win = win.parent;
      }
      return null;
    };
    return search(window) || (window.opener ? search(window.opener) : null);
  }

  /** The ratings as the LMS's interactions: one likert interaction per competence rated, "Vet inte" included. */
  function interactions(ratings, framework) {
    return framework.areas.flatMap((area) => area.competences)
      .filter((competence) => ratings[competence.id] !== undefined)
      .map((competence) => ({
        id: `urn:scorm-export:digcomp-${framework.version}-${competence.id}`, response: LIKERT[ratings[competence.id]],
        description: `${competence.id} ${competence.title}`.slice(0, 250),
      }));
  }

  window.ScormExportSelfAssessment = { plan, encode, decode, clean, toCsv, interactions, LEVELS, LIKERT };

  const root = document.getElementById("self-assessment");
  const dataElement = document.getElementById("self-assessment-data");
  if (!root || !dataElement) return;
  const data = JSON.parse(dataElement.textContent);
  const strings = data.strings;
  const courses = data.courses;
  const byId = new Map(courses.map((course) => [course.id, course]));
  const form = root.querySelector("#sa-form");
  const find = (role) => root.querySelector(`[data-role="${role}"]`);
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
  const levelName = (value) => (data.levels.find((level) => level.value === value) || { name: value }).name;
  let state = { framework: data.framework.version, ratings: {}, wishes: [], plan: null };
  const binding = LMS[root.dataset.lms] || null;
  const api = binding ? findApi(binding.api) : null;
  if (api) api[binding.init]("");

  root.querySelectorAll("[data-with-script]").forEach((element) => { element.hidden = false; });
  root.querySelectorAll("[data-without-script]").forEach((element) => { element.hidden = true; });

  function say(text) {
    const status = find("status");
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function save() {
    if (binding) return; // in an LMS the ratings go to the LMS, never into this browser
    try { window.localStorage.setItem(STORE, JSON.stringify(state)); } catch (ignored) { /* blocked or full: not kept */ }
  }

  function readForm() {
    const ratings = {};
    root.querySelectorAll("fieldset[data-competence]").forEach((fieldset) => {
      const chosen = fieldset.querySelector("input[type=radio]:checked");
      if (chosen) ratings[fieldset.dataset.competence] = Number(chosen.value);
    });
    const wishes = Array.from(form.querySelectorAll("input[name=utveckla]:checked")).map((input) => input.value);
    return { ratings, wishes };
  }

  function fillForm() {
    root.querySelectorAll("fieldset[data-competence]").forEach((fieldset) => {
      const rating = state.ratings[fieldset.dataset.competence];
      fieldset.querySelectorAll("input[type=radio]").forEach((input) => { input.checked = rating !== undefined && Number(input.value) === rating; });
    });
    form.querySelectorAll("input[name=utveckla]").forEach((input) => { input.checked = state.wishes.includes(input.value); });
  }

  function element(tag, text, attributes) {
    const made = document.createElement(tag);
    if (text !== undefined && text !== null) made.textContent = text;
    for (const [name, value] of Object.entries(attributes || {})) made.setAttribute(name, value);
    return made;
  }

  function renderProfile() {
    const bars = find("bars"), rows = find("profile-rows");
    bars.textContent = "";
    rows.textContent = "";
    const rated = Object.values(state.ratings).some((rating) => rating > 0);
    find("no-ratings").hidden = rated;
    for (const area of data.framework.areas) {
      const values = area.competences.map((competence) => state.ratings[competence.id] || 0).filter((rating) => rating > 0);
      const average = values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
      const shown = values.length
        ? format(strings.sa_average_value, { value: average.toFixed(1).replace(".", ","), group: data.framework.groups[Math.max(0, Math.floor(average) - 1)] })
        : strings.sa_not_rated;
      const name = `${area.id}. ${area.title}`;
      const bar = element("li", null, { class: "sa-bar" });
      bar.append(element("span", name, { class: "sa-bar__name" }));
      const track = element("span", null, { class: "sa-bar__track", "aria-hidden": "true" });
      track.append(element("span", null, { class: "sa-bar__fill", style: `width: ${(average / 4) * 100}%` }));
      bar.append(track, element("span", shown, { class: "sa-bar__value" }));
      bars.append(bar);
      const row = element("tr");
      row.append(element("th", name, { scope: "row" }), element("td", shown), element("td", `${values.length} / ${area.competences.length}`),
        element("td", String(area.competences.length - values.length)));
      rows.append(row);
    }
  }

  function button(text, hiddenText, action, index) {
    const made = element("button", text, { type: "button", class: "md-button sa-small", "data-action": action, "data-index": String(index) });
    made.append(element("span", ` ${hiddenText}`, { class: "sa-visually-hidden" }));
    return made;
  }

  function planRows() {
    return (state.plan || []).filter((item) => byId.has(item.id)).map((item) => {
      const course = byId.get(item.id);
      return {
        id: course.id, title: course.title, url: new URL(course.url, window.location.href).href, minutes: course.minutes,
        level: course.level, levelName: levelName(course.level), competences: course.competences, version: course.version, done: item.done,
      };
    });
  }

  function renderPlan() {
    const rows = find("plan-rows");
    if (!rows) return; // a package has no plan
    rows.textContent = "";
    const items = planRows();
    const planned = state.plan !== null;
    if (planned) state.plan = items.map((item) => ({ id: item.id, done: item.done }));
    find("plan-empty").hidden = items.length > 0;
    find("plan-table").hidden = items.length === 0;
    items.forEach((item, index) => {
      const row = element("tr", null, { "data-course": item.id });
      const link = element("a", item.title, { href: item.url });
      const title = element("td");
      title.append(link);
      const done = element("td");
      const box = element("input", null, { type: "checkbox", id: `sa-done-${index}`, "data-action": "done", "data-index": String(index) });
      box.checked = item.done;
      const label = element("label", strings.sa_done, { for: `sa-done-${index}` });
      label.append(element("span", ` – ${item.title}`, { class: "sa-visually-hidden" }));
      done.append(box, " ", label);
      const change = element("div", null, { class: "sa-change" });
      change.append(button(strings.sa_move_up, item.title, "up", index), " ", button(strings.sa_move_down, item.title, "down", index), " ",
        button(strings.sa_remove, item.title, "remove", index));
      change.querySelector('[data-action="up"]').disabled = index === 0;
      change.querySelector('[data-action="down"]').disabled = index === items.length - 1;
      title.append(change);
      row.append(element("td", String(index + 1)), title, element("td", item.levelName), element("td", formatMinutes(item.minutes)),
        element("td", item.competences.join(", ")), done);
      if (item.done) row.classList.add("sa-done");
      rows.append(row);
    });
    const total = items.reduce((sum, item) => sum + item.minutes, 0);
    const left = items.filter((item) => !item.done).reduce((sum, item) => sum + item.minutes, 0);
    find("total").textContent = items.length ? format(strings.sa_total, { total: formatMinutes(total), left: formatMinutes(left) }) : "";
    const select = find("add-course");
    select.textContent = "";
    const inPlan = new Set(items.map((item) => item.id));
    for (const course of courses) {
      if (!inPlan.has(course.id)) select.append(element("option", `${course.title} (${levelName(course.level)}, ${formatMinutes(course.minutes)})`, { value: course.id }));
    }
    select.disabled = select.options.length === 0;
    root.querySelector('[data-action="add"]').disabled = select.options.length === 0;
    find("share").value = window.location.href.split("#")[0] + FRAGMENT + encode(state);
    root.classList.toggle("sa-planned", planned);
  }

  function render() {
    renderProfile();
    renderPlan();
    save();
  }

  function record() {
    if (!api) return;
    let index = Number(api[binding.get]("cmi.interactions._count")) || 0;
    for (const entry of interactions(state.ratings, data.framework)) {
      const prefix = `cmi.interactions.${index}.`;
      api[binding.set](prefix + "id", entry.id);
      api[binding.set](prefix + "type", "likert");
      api[binding.set](prefix + binding.response, entry.response);
      if (binding.description) api[binding.set](prefix + binding.description, entry.description);
      index += 1;
    }
    // the competences to develop, which are the plan inside an LMS (its courses are the site's): the learner's
    // comment for the LMS's reports, and with the ratings in suspend_data for whatever reads the attempt
    const wishes = (state.wishes || []).join(", ");
    api[binding.set](binding.comment((element) => api[binding.get](element)), `${strings.sa_comment}: ${wishes || "–"}`);
    api[binding.set]("cmi.suspend_data", JSON.stringify({ ratings: state.ratings, wishes: state.wishes || [] }).slice(0, 4000));
    api[binding.set](binding.status, "completed");
    if (String(api[binding.commit]("")) === "true") say(strings.sa_saved);
  }

  function propose() {
    const read = readForm();
    const before = new Map((state.plan || []).map((item) => [item.id, item.done]));
    state.ratings = read.ratings;
    state.wishes = read.wishes;
    state.plan = plan(read.ratings, read.wishes, courses).map((course) => ({ id: course.id, done: before.get(course.id) === true }));
    render();
  }

  function restore(restored) {
    state = Object.assign(clean(restored), { framework: data.framework.version });
    fillForm();
    if (state.plan) render();
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = element("a", null, { href: url, download: name });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function exported() {
    return {
      format: "scorm-export-self-assessment", version: 1, framework: state.framework, ratings: state.ratings, wishes: state.wishes,
      plan: planRows().map((row) => ({ id: row.id, title: row.title, url: row.url, minutes: row.minutes, level: row.level, competences: row.competences, done: row.done })),
    };
  }

  function change(action, index) {
    const items = state.plan || [];
    const focusAfter = { action, index };
    if (action === "up" && index > 0) { [items[index - 1], items[index]] = [items[index], items[index - 1]]; focusAfter.index = index - 1; }
    else if (action === "down" && index < items.length - 1) { [items[index + 1], items[index]] = [items[index], items[index + 1]]; focusAfter.index = index + 1; }
    else if (action === "remove") { items.splice(index, 1); focusAfter.index = Math.min(index, items.length - 1); }
    else if (action === "done") items[index].done = !items[index].done;
    state.plan = items;
    render();
    say(strings.sa_updated);
    // focus stays on the same control of the moved row; at the top or bottom on the other move button
    const other = { up: "down", down: "up", remove: "remove", done: "done" }[action];
    const target = [action, other]
      .map((name) => root.querySelector(`[data-action="${name}"][data-index="${focusAfter.index}"]`))
      .find((control) => control && !control.disabled);
    (target || find("add-course")).focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    propose();
    record();
    root.querySelector("#sa-result-heading").focus();
  });
  form.addEventListener("change", () => {
    const read = readForm();
    state.ratings = read.ratings;
    state.wishes = read.wishes;
    save();
  });
  root.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target || target.tagName === "INPUT") return;
    const action = target.dataset.action;
    if (["up", "down", "remove"].includes(action)) change(action, Number(target.dataset.index));
    else if (action === "add") {
      const id = find("add-course").value;
      if (!id) return;
      state.plan = (state.plan || []).concat([{ id, done: false }]);
      render();
      say(strings.sa_updated);
      find("add-course").focus();
    } else if (action === "print") window.print();
    else if (action === "json") download("larplan.json", "application/json", JSON.stringify(exported(), null, 2) + "\n");
    else if (action === "csv") download("larplan.csv", "text/csv;charset=utf-8", toCsv(planRows(), strings));
    else if (action === "copy") {
      const share = find("share");
      const copied = () => say(strings.sa_copied);
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(share.value).then(copied, () => { share.select(); });
      else { share.select(); if (document.execCommand("copy")) copied(); }
    } else if (action === "clear") {
      state = { framework: data.framework.version, ratings: {}, wishes: [], plan: null };
      form.reset();
      try { window.localStorage.removeItem(STORE); } catch (ignored) { /* nothing kept */ }
      if (window.location.hash.startsWith(FRAGMENT)) window.history.replaceState(null, "", window.location.pathname + window.location.search);
      renderProfile();
      renderPlan();
    }
  });
  root.addEventListener("change", (event) => {
    const target = event.target;
    if (target.dataset.action === "done") change("done", Number(target.dataset.index));
    if (target.dataset.role === "load" && target.files && target.files[0]) {
      target.files[0].text().then((text) => {
        const loaded = JSON.parse(text);
        if (!loaded || loaded.format !== "scorm-export-self-assessment" || !Array.isArray(loaded.plan)) throw new Error("not a plan");
        restore(loaded);
        if (!state.plan) render();
        say(strings.sa_loaded);
      }).catch(() => say(strings.sa_load_error)).then(() => { target.value = ""; });
    }
  });

  if (binding) {
    window.addEventListener("pagehide", () => { if (api) api[binding.finish](""); }, { once: true });
    renderProfile();
    return;
  }
  // a shared link wins over what this browser kept: it is what the reader just opened
  if (window.location.hash.startsWith(FRAGMENT)) {
    try {
      restore(decode(window.location.hash.slice(FRAGMENT.length)));
      if (!state.plan) { state.plan = []; render(); }
      say(strings.sa_from_link);
      root.querySelector("#sa-plan-heading").focus();
      return;
    } catch (ignored) { /* a broken link: fall back to what this browser kept */ }
  }
  let kept = null;
  try { kept = JSON.parse(window.localStorage.getItem(STORE)); } catch (ignored) { /* nothing usable kept */ }
  if (kept) restore(kept);
  if (!state.plan) { renderProfile(); renderPlan(); }
})();

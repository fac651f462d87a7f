/* scorm-export questions: a "Svara" button for every question (ES2017, no dependencies). Without this script a
 * question still reads and its answer is in a collapsed block; with it the learner checks an answer, sees the
 * chosen options' feedback and hears the result (a polite live region). On the site (data-store="local") the
 * answers are kept in this browser only, in localStorage, and nowhere else.
 * A test question (data-graded) counts its attempts and locks once right or out of attempts; every check raises
 * "scorm-export:answered", which the SCORM runtime reports to the LMS, and window.ScormExportQuestions.apply()
 * restores what the LMS kept ({key: {used, right}}). */
(() => {
  "use strict";

  const STORE = "scorm-export-answers:";
  const normal = (text, exact) => {
    const spaced = String(text).trim().replace(/\s+/g, " ");
    return exact ? spaced : spaced.toLocaleLowerCase();
  };

  function inputs(form) {
    return Array.from(form.querySelectorAll(".question__options input, .question__text input"));
  }

  function answer(form) {
    if (form.dataset.kind === "fill-in") {
      const field = form.querySelector(".question__text input");
      return field && field.value.trim() ? [field.value] : [];
    }
    return inputs(form).filter((input) => input.checked).map((input) => input.value);
  }

  function isRight(form) {
    if (form.dataset.kind === "fill-in") {
      const field = form.querySelector(".question__text input");
      let accepted = [];
      try { accepted = JSON.parse(field.dataset.answers || "[]"); } catch (ignored) { /* none */ }
      const exact = form.dataset.caseSensitive === "true";
      return accepted.some((text) => normal(text, exact) === normal(field.value, exact));
    }
    return inputs(form).every((input) => input.checked === (input.dataset.correct === "true"));
  }

  function say(form, text) {
    const status = form.querySelector(".question__result");
    if (!status) return;
    // the same words again are announced again only if the region changes in between
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function remember(form) {
    if (form.dataset.store !== "local") return;
    try {
      window.localStorage.setItem(STORE + form.dataset.question, JSON.stringify(answer(form)));
      if (progress.has(form.dataset.question)) window.localStorage.setItem(`${STORE}progress:${form.dataset.question}`, JSON.stringify(progress.get(form.dataset.question)));
    } catch (ignored) { /* blocked or full: the answer just is not kept */ }
  }

  function restore(form) {
    if (form.dataset.store !== "local") return;
    let saved = [];
    try { saved = JSON.parse(window.localStorage.getItem(STORE + form.dataset.question)) || []; } catch (ignored) { return; }
    if (!Array.isArray(saved)) return;
    if (form.dataset.kind === "fill-in") {
      const field = form.querySelector(".question__text input");
      if (field && typeof saved[0] === "string") field.value = saved[0];
      return;
    }
    for (const input of inputs(form)) input.checked = saved.includes(input.value);
  }

  const LETTERS = "abcdefghijklmnopqrstuvwxyz";
  const progress = new Map(); // test question key -> {used, right}

  function lock(form, text) {
    inputs(form).forEach((input) => { input.disabled = true; });
    const button = form.querySelector(".question__check");
    if (button) button.hidden = true;
    if (text) say(form, text);
  }

  function isLocked(form) {
    const state = progress.get(form.dataset.question) || { used: 0, right: false };
    const attempts = Number(form.dataset.attempts || 0);
    return state.right || (attempts > 0 && state.used >= attempts);
  }

  /** What the LMS records of an answer: SCORM interaction type, the learner's response and the right ones. */
  function interaction(form) {
    const kind = form.dataset.kind;
    if (kind === "fill-in") {
      const field = form.querySelector(".question__text input");
      let accepted = [];
      try { accepted = JSON.parse(field.dataset.answers || "[]"); } catch (ignored) { /* none */ }
      return { type: "fill-in", response: field.value.trim(), correct: accepted, caseMatters: form.dataset.caseSensitive === "true" };
    }
    const all = inputs(form);
    if (kind === "true-false") {
      const truth = (input) => /^(sant|true)$/i.test((input.labels[0] || input).textContent.trim());
      const chosen = all.find((input) => input.checked);
      const right = all.find((input) => input.dataset.correct === "true");
      return { type: "true-false", response: chosen ? truth(chosen) : null, correct: [right ? truth(right) : true] };
    }
    const letter = (input) => LETTERS[all.indexOf(input)] || "z";
    return {
      type: "choice",
      response: all.filter((input) => input.checked).map(letter),
      correct: [all.filter((input) => input.dataset.correct === "true").map(letter)],
    };
  }

  function check(form) {
    if (form.dataset.graded === "true" && isLocked(form)) return;
    form.querySelectorAll(".question__feedback").forEach((feedback) => { feedback.hidden = true; });
    form.classList.remove("question--right", "question--wrong");
    if (!answer(form).length) return say(form, form.dataset.labelMissing);
    const right = isRight(form);
    for (const input of inputs(form)) {
      const feedback = input.checked && document.getElementById(`${input.id}-feedback`);
      if (feedback) feedback.hidden = false;
    }
    form.classList.add(right ? "question--right" : "question--wrong");
    say(form, right ? form.dataset.labelRight : form.dataset.labelWrong);
    const detail = { key: form.dataset.question, right, answer: answer(form), graded: form.dataset.graded === "true" };
    if (detail.graded) {
      const state = progress.get(detail.key) || { used: 0, right: false };
      state.used += 1;
      state.right = right;
      progress.set(detail.key, state);
      Object.assign(detail, { used: state.used, interaction: interaction(form), prompt: form.querySelector(".question__prompt").textContent.trim() });
      if (isLocked(form)) lock(form);
    }
    remember(form);
    form.dispatchEvent(new CustomEvent("scorm-export:answered", { bubbles: true, detail }));
  }

  /** Restore what was kept of the test questions on this page: {key: {used, right}}. */
  function apply(saved) {
    document.querySelectorAll("form.question[data-graded]").forEach((form) => {
      const state = saved && saved[form.dataset.question];
      if (!state) return;
      progress.set(form.dataset.question, { used: Number(state.used) || 0, right: Boolean(state.right) });
      if (isLocked(form)) lock(form, form.dataset.labelDone);
    });
  }
  window.ScormExportQuestions = { apply };

  document.querySelectorAll("form.question").forEach((form) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "question__check";
    button.textContent = form.dataset.labelCheck;
    button.addEventListener("click", () => check(form));
    form.addEventListener("submit", (event) => { event.preventDefault(); check(form); });
    const status = form.querySelector(".question__result");
    status.parentNode.insertBefore(button, status);
    restore(form);
    if (form.dataset.store === "local" && form.dataset.graded === "true") {
      try {
        const kept = JSON.parse(window.localStorage.getItem(`${STORE}progress:${form.dataset.question}`));
        if (kept) apply({ [form.dataset.question]: kept });
      } catch (ignored) { /* nothing kept */ }
    }
  });
})();

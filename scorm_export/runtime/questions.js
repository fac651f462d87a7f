/* scorm-export questions: a "Svara" button for every question (ES2017, no dependencies). Without this script a
 * question still reads and its answer is in a collapsed block; with it the learner checks an answer, sees the
 * chosen options' feedback and hears the result (a polite live region). On the site (data-store="local") the
 * answers are kept in this browser only, in localStorage, and nowhere else. */
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

  function check(form) {
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
    remember(form);
    form.dispatchEvent(new CustomEvent("scorm-export:answered", { bubbles: true, detail: { right, answer: answer(form) } }));
  }

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
  });
})();

/* scorm-export catalogue filter (ES2017, no dependencies; the site only). The filter form
 * (theme/docs/_catalogue_filter.md.j2) is hidden until this script shows it, so without JavaScript every course
 * is listed and no form does nothing. Each select names the course cards' data-* attribute it compares with
 * (data-filter) and how (data-match: "token", "range" of minutes "from-to", or "equal"). Filtering is live;
 * the count is announced by the role=status paragraph, and the choices are kept in the URL query (replaced,
 * not pushed) and restored from it on load. Only text is written into the page (textContent). */
(() => {
  "use strict";

  const form = document.querySelector("form.catalogue-filter");
  if (!form) return;
  const cards = Array.from(document.querySelectorAll(".course-cards > .course-card"));
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const status = form.querySelector(".catalogue-filter__count");
  const reset = form.querySelector(".catalogue-filter__reset");

  function matches(card, select) {
    const wanted = select.value;
    if (!wanted) return true;
    const have = card.getAttribute(`data-${select.dataset.filter}`) || "";
    if (select.dataset.match === "token") return have.split(" ").includes(wanted);
    if (select.dataset.match === "range") {
      const [from, to] = wanted.split("-");
      const minutes = Number(have);
      return minutes >= Number(from) && (to === "" || minutes <= Number(to));
    }
    return have === wanted;
  }

  function count(shown) {
    const template = shown ? status.dataset.text : status.dataset.none;
    return template.replace("{shown}", String(shown)).replace("{total}", String(cards.length));
  }

  function keepInUrl() {
    const query = new URLSearchParams(window.location.search);
    selects.forEach((select) => {
      if (select.value) query.set(select.name, select.value);
      else query.delete(select.name);
    });
    const search = query.toString();
    const url = window.location.pathname + (search ? `?${search}` : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (ignored) { /* a page opened from a file: the filter still works */ }
  }

  let saying = 0;

  // `announce`: the same words again are announced again only if the region changes in between
  function apply(announce) {
    let shown = 0;
    cards.forEach((card) => {
      const visible = selects.every((select) => matches(card, select));
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    if (!status) return;
    window.clearTimeout(saying);
    if (!announce) {
      status.textContent = count(shown);
      return;
    }
    status.textContent = "";
    saying = window.setTimeout(() => { status.textContent = count(shown); }, 50);
  }

  function restore() {
    const query = new URLSearchParams(window.location.search);
    selects.forEach((select) => {
      const wanted = query.get(select.name);
      // only a value the select offers: anything else in the URL is ignored
      if (wanted !== null && Array.from(select.options).some((option) => option.value === wanted)) select.value = wanted;
    });
  }

  function changed() {
    apply(true);
    keepInUrl();
  }

  selects.forEach((select) => {
    select.addEventListener("change", changed);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  if (reset) {
    reset.addEventListener("click", () => {
      selects.forEach((select) => { select.value = ""; });
      changed();
    });
  }
  restore();
  apply(false);
  form.hidden = false;
})();

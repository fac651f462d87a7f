"""One visit per page in headless Chromium, shared by the accessibility and privacy gates.

Each page of a served folder is opened once: every request is recorded (requests to other hosts
are aborted), axe-core checks it against WCAG 2.1 A and AA, and Tab walks through every focus stop.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from .browser import NODE_MODULES, serve_directory

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_TAB_STOPS = 400

# Each frame document is its own page in the tour, so axe does not reach into frames here.
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, iframes: false, resultTypes: ["violations"]});
  return result.violations.flatMap(rule => rule.nodes.map(node => ({
    rule: rule.id, impact: node.impact || rule.impact || "", target: node.target.join(" "),
    summary: (node.failureSummary || rule.help).replace(/\\s+/g, " ").trim(),
  })));
}"""

# The focused element, looking into same-origin frames; null when focus is on the page itself.
FOCUSED = """() => {
  let element = document.activeElement, frames = [];
  while (element && element.tagName === "IFRAME" && element.contentDocument) {
    frames.push(element.id || element.name || "iframe");
    element = element.contentDocument.activeElement;
  }
  if (!element || element === element.ownerDocument.body || element === element.ownerDocument.documentElement) return null;
  const view = element.ownerDocument.defaultView, style = view.getComputedStyle(element);
  const box = element.getBoundingClientRect();
  if (!element.dataset.tourStop) { top.tourStops = (top.tourStops || 0) + 1; element.dataset.tourStop = top.tourStops; }
  const text = (element.getAttribute("aria-label") || element.textContent || element.getAttribute("title") || "").replace(/\\s+/g, " ").trim();
  const id = element.id ? "#" + element.id : "";
  const classes = typeof element.className === "string" && element.className.trim() ? "." + element.className.trim().split(/\\s+/).join(".") : "";
  return {
    stop: Number(element.dataset.tourStop),
    description: [...frames, element.tagName.toLowerCase() + id + classes].join(" > ") + (text ? ` "${text.slice(0, 40)}"` : ""),
    tag: element.tagName.toLowerCase(), href: element.getAttribute("href"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
    shadow: style.boxShadow !== "none",
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
             && box.top < view.innerHeight && box.left < view.innerWidth,
    insideMain: !!element.closest("main, [role=main]"),
  };
}"""

# Where a same-page link leads: whether its target exists and lies in the main content.
LINK_TARGET = """(href) => {
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  return {exists: !!target, inMain: !!(target && target.closest("main, [role=main]"))};
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    target: str
    summary: str


@dataclass(frozen=True)
class FocusStop:
    description: str
    tag: str
    href: str | None
    outline: bool
    shadow: bool
    visible: bool

    @property
    def indicated(self) -> bool:
        return self.outline or self.shadow


@dataclass
class PageVisit:
    page: str
    outside_requests: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    focus_stops: list[FocusStop] = field(default_factory=list)
    skip_target: dict | None = None  # where the first focus stop leads, when it is a same-page link


@dataclass
class Tour:
    root: Path
    visits: list[PageVisit]
    local_requests: int


_tours: dict[tuple[int, Path], Tour] = {}


def tour(browser, root: Path, pages: list[str]) -> Tour:
    """Visit every page under `root` once (cached per browser and folder for the session)."""
    key = (id(browser), root)
    if key not in _tours:
        _tours[key] = _visit_all(browser, root, pages)
    return _tours[key]


def _visit_all(browser, root: Path, pages: list[str]) -> Tour:
    state = {"local": 0, "pending": 0, "visit": PageVisit("")}
    visits: list[PageVisit] = []
    with serve_directory(root) as base:

        def started(request) -> None:
            state["pending"] += 1
            if request.url.startswith(base):
                state["local"] += 1
            elif not request.url.startswith(("data:", "blob:", "about:")):
                state["visit"].outside_requests.append(request.url)

        def ended(request) -> None:
            state["pending"] -= 1

        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.on("request", started)
        context.on("requestfinished", ended)
        context.on("requestfailed", ended)
        # a pattern (not a Python callback) so that local requests never wait for this process
        context.route(re.compile(f"^(?!{re.escape(base)})"), lambda route: route.abort())
        page = context.new_page()
        page.on("websocket", lambda socket: state["visit"].outside_requests.append(f"websocket {socket.url}"))
        try:
            for relative in pages:
                visit = state["visit"] = PageVisit(relative)
                page.goto(urljoin(base, relative), wait_until="load")
                page.add_script_tag(path=str(AXE))
                visit.violations = [Violation(**found) for found in page.evaluate(RUN_AXE, WCAG_TAGS)]
                _walk_focus(page, visit)
                # anything a page loads late or on scrolling
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                settle(page, state)
                visits.append(visit)
        finally:
            context.close()
    return Tour(root, visits, state["local"])


def _walk_focus(page, visit: PageVisit) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    seen: set[int] = set()
    on_page_itself = 0
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUSED)
        if found is None:
            on_page_itself += 1
            if on_page_itself > 1 or visit.focus_stops:
                break
            continue
        if found["stop"] in seen:
            break
        seen.add(found["stop"])
        stop = FocusStop(found["description"], found["tag"], found["href"], found["outline"], found["shadow"], found["visible"])
        if not visit.focus_stops and stop.tag == "a" and (stop.href or "").startswith("#"):
            visit.skip_target = page.evaluate(LINK_TARGET, stop.href)
        visit.focus_stops.append(stop)


# Resolves after the page has rendered two more frames: by then whatever the last change (a scroll, a
# response that arrived) makes the page load, lazy images and the like, has been requested.
NEXT_FRAMES = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))"


def settle(page, state: dict, limit_s: float = 10.0) -> None:
    """Wait until no request is in flight, twice in a row after the page has rendered new frames.

    Requests are counted by the context's listeners, which Playwright calls while this process waits
    for the page; each round trip also gives the page its turn to start what it loads late. After
    `limit_s` the tour goes on (a request that never ends is still recorded as made).
    """
    deadline = time.monotonic() + limit_s
    idle_rounds = 0
    while idle_rounds < 2 and time.monotonic() < deadline:
        page.evaluate(NEXT_FRAMES)
        idle_rounds = idle_rounds + 1 if state["pending"] <= 0 else 0

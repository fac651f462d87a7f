// Served by `build.py serve` only (never part of a built site): reloads the page after the next rebuild.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "0";
  function wait() {
    fetch("/__preview__/wait?build=" + encodeURIComponent(build), { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (now) { if (now !== build) { window.location.reload(); } else { wait(); } })
      // the preview server was stopped or restarted: ask again a little later
      .catch(function () { window.setTimeout(wait, 2000); });
  }
  wait();
})();

/* Videos on another host (theme/media.html): nothing is requested from the host until the reader presses
   "Visa videon från …"; then, and only then, the host's player replaces the placeholder. Ours, with no
   dependencies, the same on the site and in SCORM packages. */
(function () {
  "use strict";

  function show(button) {
    var box = button.closest(".media__consent");
    if (!box || !box.dataset.embed) return;
    var frame = document.createElement("iframe");
    frame.src = box.dataset.embed;
    frame.title = box.dataset.title || "";
    frame.className = "media__frame";
    frame.width = "640";
    frame.height = "360";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    // the host sees which site embeds it (YouTube refuses to play without it), never the page's full address
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    box.replaceWith(frame);
    frame.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".media__show");
    if (button) show(button);
  });
})();

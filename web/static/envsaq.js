// Small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js-enabled");
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
})();

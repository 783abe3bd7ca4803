// Small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js-enabled");
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });

  // An error summary links to the question; following the link also puts the focus on the
  // question's first control, so that keyboard and screen-reader users land in the field.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) { return; }
    var control = target.matches("input, select, textarea") ? target
      : target.querySelector("input:not([type=hidden]), select, textarea");
    if (!control) { return; }
    window.setTimeout(function () {
      target.scrollIntoView();
      control.focus({preventScroll: true});
    }, 0);
  });

  // Signing out forgets the unsaved answers this browser kept (workspace.js, keys "envsaq:"),
  // so that the next person at a shared computer cannot read them. The server's answer also
  // asks the browser to clear the site's storage (Clear-Site-Data); this covers browsers
  // without it.
  document.addEventListener("submit", function (event) {
    if (!event.target.hasAttribute || !event.target.hasAttribute("data-sign-out")) { return; }
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key && key.indexOf("envsaq:") === 0) { localStorage.removeItem(key); }
      }
    } catch (e) { /* storage disabled: nothing was kept */ }
  });

  // A form with a button marked data-prevent-double-submit is sent once: a second click
  // while the first request is on its way is ignored (the server refuses a second
  // submission anyway; this spares the user its message).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.querySelector("[data-prevent-double-submit]")) { return; }
    if (form.hasAttribute("data-submitting")) { event.preventDefault(); return; }
    form.setAttribute("data-submitting", "");
  });
  // Coming back to the page (the back button) makes the form usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      form.removeAttribute("data-submitting");
    });
  });
})();

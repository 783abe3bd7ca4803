// Attachments in the page: a file too large or of a type not accepted is refused here, before
// anything is sent, with the message at its question and in the status; the autosave then
// uploads an accepted file, and the page's script (workspace.js) swaps in the "Attached"
// block from its answer. Without this script the form sends the file and the server answers
// with the same messages at the field.
(function () {
  "use strict";

  var form = document.querySelector("form.section-form");
  if (!form || !form.dataset.autosaveUrl) { return; }

  function refusal(input, file) {
    var accepted = (input.getAttribute("accept") || "").split(",").map(function (type) {
      return type.trim().toLowerCase();
    }).filter(Boolean);
    var dot = file.name.lastIndexOf(".");
    var extension = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
    if (accepted.length && accepted.indexOf(extension) < 0) { return input.dataset.msgWrongType; }
    if (file.size > Number(input.dataset.maxBytes || Infinity)) { return input.dataset.msgTooLarge; }
    return null;
  }

  // Runs before the autosave's listener (this script comes first): a refused file is taken
  // out of the input and the change goes no further, so nothing is uploaded.
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !input.files || !input.files.length) { return; }
    var message = refusal(input, input.files[0]);
    if (!message) { return; }
    event.stopImmediatePropagation();
    input.value = "";
    var box = input.closest("[data-question]");
    var target = box && box.querySelector("[data-error]");
    if (target) {
      target.textContent = "";
      var prefix = document.createElement("span");
      prefix.className = "visually-hidden";
      prefix.textContent = form.dataset.msgErrorPrefix || "";
      target.appendChild(prefix);
      target.appendChild(document.createTextNode(" " + message));
      target.hidden = false;
      box.classList.add("field--error");
      input.setAttribute("aria-invalid", "true");
    }
    var status = form.querySelector("[data-save-status]");
    if (status) {
      status.textContent = form.dataset.msgFileNotSaved.replace("{reason}", message);
      status.className = "save-status save-status--error";
    }
  }, false);
})();

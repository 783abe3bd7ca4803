// Rules between the inputs of one answer, applied as the user chooses (the server's
// validation checks the same rules, so the page works without this script):
// - a box that says there is none ("No liability") is ticked alone: ticking it unticks the
//   others of its group, ticking another unticks it;
// - years and months of a penalty are enabled only for a term of imprisonment
//   (data-applies-if="kind=term");
// - in the crime matrix, the columns that exist only for offences (the penalty) are disabled
//   in a row whose first column says the conduct is not an offence (data-gate="criminalized=no").
// Disabled inputs keep what was typed (choosing "Yes" again brings it back) and are not sent.
// On loading, a part that already holds an answer is left enabled: the server's message says
// what to fix there, and nothing is dropped without the user's action.
(function () {
  "use strict";

  var form = document.querySelector("form.section-form");
  if (!form) { return; }

  function checkedValue(name) {
    var checked = form.querySelector("input[name='" + name + "']:checked");
    return checked ? checked.value : "";
  }

  function holdsAnswer(box) {
    return Array.prototype.some.call(box.querySelectorAll("input, textarea, select"), function (el) {
      if (el.type === "radio" || el.type === "checkbox") { return el.checked; }
      return el.value.trim() !== "";
    });
  }

  // Years and months: on only when the penalty's kind is a term (or not chosen yet).
  function applyKind(input, loading) {
    var rule = input.dataset.appliesIf.split("=");
    var chosen = checkedValue(input.name.replace(/[^-]+$/, rule[0]));
    var off = chosen !== "" && chosen !== rule[1];
    if (off && loading && input.value.trim() !== "") { return; }
    input.disabled = off;
  }

  // The offence-only cells of one matrix row.
  function applyGate(matrix, row, loading) {
    var rule = matrix.dataset.gate.split("=");
    var gateInput = row.querySelector("td[data-column='" + rule[0] + "'] input");
    if (!gateInput) { return; }
    var off = checkedValue(gateInput.name) === rule[1];
    matrix.dataset.offenceOnly.split(/\s+/).forEach(function (column) {
      var cell = row.querySelector("td[data-column='" + column + "']");
      var box = cell && cell.querySelector("fieldset, input, textarea, select");
      if (!box || (off && loading && holdsAnswer(cell))) { return; }
      box.disabled = off;
      var note = cell.querySelector("[data-gate-note]");
      if (note) { note.hidden = !off; }
    });
  }

  // The rules inside `scope`: the whole form on loading, then only the row or penalty the
  // user just changed (a contradiction kept from before stays until the user acts on it).
  function applyWithin(scope, loading) {
    var rows = scope.matches("tr[data-matrix-row]") ? [scope] :
      scope.querySelectorAll("tr[data-matrix-row]");
    Array.prototype.forEach.call(rows, function (row) {
      var matrix = row.closest("fieldset[data-gate]");
      if (matrix) { applyGate(matrix, row, loading); }
    });
    scope.querySelectorAll("[data-applies-if]").forEach(function (input) {
      applyKind(input, loading);
    });
  }

  // "None" ticked alone.
  function applyExclusive(box) {
    if (box.type !== "checkbox" || !box.checked) { return; }
    form.querySelectorAll("input[type=checkbox][name='" + box.name + "']").forEach(function (other) {
      if (other === box) { return; }
      if (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive")) {
        other.checked = false;
      }
    });
  }

  // Registered before the autosave's own listener (this script comes first), so that what is
  // kept and saved is the answer after the rules.
  form.addEventListener("change", function (event) {
    var target = event.target;
    applyExclusive(target);
    var scope = target.closest("tr[data-matrix-row]") || target.closest(".subform");
    if (scope) { applyWithin(scope, false); }
  });
  applyWithin(form, true);
})();

// Near a field's length limit, a counter under it says how many characters are left; it
// appears from 80% of the limit. Screen readers hear it politely, only when a new stage is
// reached (80%, 90%, the limit), not at every key. A paste that did not fit is said so.
// Without this script the browser still stops at the limit (maxlength), and the server says
// so for a text that is too long.
(function () {
  "use strict";

  var form = document.querySelector("form.section-form");
  if (!form || !form.dataset.msgCharsLeft) { return; }

  var SHOW_FROM = 0.8;
  var STAGES = [0.8, 0.9, 1];
  var numbers = new Intl.NumberFormat((document.documentElement.lang || "en") + "-u-nu-latn");
  var live = document.createElement("span");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  form.appendChild(live);

  function counterOf(field) {
    var counter = document.getElementById(field.id + "-counter");
    if (!counter) {
      counter = document.createElement("p");
      counter.id = field.id + "-counter";
      counter.className = "counter";
      counter.setAttribute("data-counter", "");
      counter.hidden = true;
      field.insertAdjacentElement("afterend", counter);
    }
    return counter;
  }

  function stageOf(length, limit) {
    var stage = 0;
    STAGES.forEach(function (share, index) { if (length >= share * limit) { stage = index + 1; } });
    return stage;
  }

  function update(field, pasteCut) {
    var limit = field.maxLength;
    var length = field.value.length;
    var counter = counterOf(field);
    var left = Math.max(0, limit - length);
    var text = form.dataset.msgCharsLeft.replace("{n}", numbers.format(left))
      .replace("{limit}", numbers.format(limit));
    var near = length >= SHOW_FROM * limit;
    counter.hidden = !near && !pasteCut;
    counter.classList.toggle("counter--limit", left === 0 || pasteCut);
    counter.textContent = pasteCut ? text + " " + form.dataset.msgPasteCut : text;
    var stage = stageOf(length, limit);
    var heard = Number(field.dataset.counterStage || 0);
    if (pasteCut || stage > heard) { live.textContent = counter.textContent; }
    field.dataset.counterStage = String(stage);
  }

  function limited(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT") &&
      target.maxLength > 0 && target.id;
  }

  form.addEventListener("input", function (event) {
    if (limited(event.target)) { update(event.target, false); }
  });
  // The browser cuts a paste at maxlength without a word: measure it before it lands.
  form.addEventListener("paste", function (event) {
    var field = event.target;
    if (!limited(field) || !event.clipboardData) { return; }
    var pasted = event.clipboardData.getData("text").replace(/\r\n?/g, "\n").length;
    var kept = field.value.length - (field.selectionEnd - field.selectionStart);
    if (kept + pasted > field.maxLength) {
      setTimeout(function () { update(field, true); }, 0);
    }
  });
  form.querySelectorAll("input[maxlength], textarea[maxlength]").forEach(function (field) {
    if (limited(field) && field.value.length >= SHOW_FROM * field.maxLength) {
      field.dataset.counterStage = String(stageOf(field.value.length, field.maxLength));
      update(field, false);
    }
  });
})();

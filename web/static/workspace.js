// The section page: instant show/hide of conditional questions, autosave with a visible
// status, a copy of unsaved changes in this browser, presence, and repeatable rows.
// The page works without this script; the server's evaluation is authoritative.
(function () {
  "use strict";

  var form = document.querySelector("form.section-form");
  if (!form) { return; }

  var SAVE_DELAY_MS = 2500;
  var RETRY_MS = [5000, 10000, 30000, 60000];
  var PRESENCE_MS = 45000;
  var relevance = JSON.parse(form.dataset.relevance || "{}");
  var statusBox = form.querySelector("[data-save-status]");
  var storageKey = form.dataset.storageKey;
  var autosaveUrl = form.dataset.autosaveUrl;
  var timer = null;
  var retries = 0;
  var saving = false;
  var dirtyAgain = false;

  function csrfToken() {
    var input = form.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  // The status bar: its text, a look that says how it went (saved; saved with problems; not
  // saved), and a link to what to do next (the first answer to fix; signing in again).
  var statusLink = null;  // made when first needed: an empty link is no link
  function setStatus(text, kind, link, linkText) {
    if (!statusBox) { return; }
    statusBox.textContent = text;
    statusBox.className = "save-status" + (kind ? " save-status--" + kind : "");
    if (link && linkText && !statusLink) {
      statusLink = document.createElement("a");
      statusLink.className = "save-link";
      statusLink.setAttribute("data-save-link", "");
      statusBox.insertAdjacentElement("afterend", statusLink);
    }
    if (!statusLink) { return; }
    statusLink.hidden = !(link && linkText);
    if (link && linkText) {
      statusLink.href = link;
      statusLink.textContent = linkText;
    }
  }

  function firstProblem() {
    var box = form.querySelector("[data-question].field--error:not([hidden])");
    return box ? "#" + box.id : null;
  }

  function signInLink() {
    return form.dataset.signInUrl + "?next=" + encodeURIComponent(location.pathname) + "&expired=1";
  }

  // ---- values of the form, by question field name -------------------------------------
  function valueOf(name) {
    var inputs = form.querySelectorAll("[name='" + name + "']");
    if (!inputs.length) { return null; }
    var first = inputs[0];
    if (first.type === "radio") {
      var checked = form.querySelector("[name='" + name + "']:checked");
      return checked ? checked.value : null;
    }
    if (first.type === "checkbox") {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }
    return first.value;
  }

  function isEmpty(v) {
    return v === null || v === undefined || (typeof v === "string" && v.trim() === "") ||
      (Array.isArray(v) && v.length === 0);
  }

  function asNumber(v) {
    if (typeof v === "number") { return v; }
    if (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))) { return Number(v); }
    return null;
  }

  function compare(op, a, b) {
    var aEmptyLiteral = a === "", bEmptyLiteral = b === "";
    if (isEmpty(a) || isEmpty(b)) {
      if ((op === "=" || op === "!=") && (aEmptyLiteral || bEmptyLiteral)) {
        var both = isEmpty(a) && isEmpty(b);
        return op === "=" ? both : !both;
      }
      return false;
    }
    var x = asNumber(a), y = asNumber(b);
    if (x === null || y === null || (typeof a === "string" && typeof b === "string")) {
      x = String(a); y = String(b);
    }
    switch (op) {
      case "=": return x === y;
      case "!=": return x !== y;
      case "<": return x < y;
      case "<=": return x <= y;
      case ">": return x > y;
      case ">=": return x >= y;
    }
    return false;
  }

  function truthy(v) {
    if (typeof v === "boolean") { return v; }
    if (typeof v === "number") { return v !== 0; }
    return !isEmpty(v);
  }

  function fieldNameOf(key) { return key.split(".").join("__"); }

  function evaluate(node) {
    if ("lit" in node) { return node.lit; }
    if ("ref" in node) { return valueOf(fieldNameOf(node.ref)); }
    if ("self" in node) { return null; }
    if ("cmp" in node) { return compare(node.cmp, evaluate(node.l), evaluate(node.r)); }
    if ("and" in node) { return node.and.every(function (n) { return truthy(evaluate(n)); }); }
    if ("or" in node) { return node.or.some(function (n) { return truthy(evaluate(n)); }); }
    if ("call" in node) {
      var args = node.args.map(evaluate);
      var value = args[0];
      if (node.call === "not") { return !truthy(value); }
      if (node.call === "selected") {
        return Array.isArray(value) ? value.indexOf(args[1]) >= 0 :
          (typeof value === "string" && value.split(/\s+/).indexOf(args[1]) >= 0);
      }
      if (node.call === "count-selected") {
        return Array.isArray(value) ? value.length : (isEmpty(value) ? 0 : 1);
      }
      if (node.call === "string-length") { return isEmpty(value) ? 0 : String(value).length; }
    }
    return false;
  }

  function applyRelevance() {
    Object.keys(relevance).forEach(function (name) {
      var box = form.querySelector("[data-question='" + name + "']");
      if (box) { box.hidden = !truthy(evaluate(relevance[name])); }
    });
  }

  // ---- a copy of unsaved changes in this browser ---------------------------------------
  function snapshot() {
    var data = {};
    new FormData(form).forEach(function (value, key) {
      if (key === "csrf_token" || value instanceof File) { return; }
      (data[key] = data[key] || []).push(value);
    });
    return data;
  }

  function keepLocally() {
    if (!storageKey) { return; }
    try {
      localStorage.setItem(storageKey, JSON.stringify({ at: Date.now(), fields: snapshot() }));
    } catch (e) { /* storage full or disabled: the server copy is still the fallback */ }
  }

  // Copies kept for another user of this browser (their session ended without signing out)
  // are not this user's to read: drop them. Keys end with the user's id.
  function forgetOtherUsers() {
    if (!storageKey) { return; }
    var suffix = storageKey.slice(storageKey.lastIndexOf(":"));
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key && key.indexOf("envsaq:") === 0 && key.slice(key.lastIndexOf(":")) !== suffix) {
          localStorage.removeItem(key);
        }
      }
    } catch (e) { /* storage disabled: nothing was kept */ }
  }
  forgetOtherUsers();

  function forgetLocal() {
    if (storageKey) { try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ } }
  }

  // The question a form field belongs to: its name up to the first "-" (rows, sub-forms).
  function questionOf(name) { return name.split("-")[0]; }

  function sameValues(a, b) {
    return JSON.stringify((a || []).slice().sort()) === JSON.stringify((b || []).slice().sort());
  }

  // Put back what this browser kept of unsaved edits. Only questions whose kept values differ
  // from the page are restored, each with the version it was typed on: if someone saved that
  // question since, the next save is a conflict the user resolves, never a silent overwrite.
  function restoreLocal() {
    if (!storageKey) { return false; }
    var stored;
    try { stored = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { return false; }
    if (!stored || !stored.fields) { return false; }
    var current = snapshot();
    var kept = stored.fields;
    var changed = {};
    Object.keys(kept).concat(Object.keys(current)).forEach(function (name) {
      if (name.indexOf("__v__") === 0 || name.indexOf("__h__") === 0) { return; }
      if (!sameValues(kept[name], current[name])) { changed[questionOf(name)] = true; }
    });
    var questions = Object.keys(changed);
    if (!questions.length) { forgetLocal(); return false; }
    // The page's names too: a question whose boxes were all unticked has no kept entry.
    var names = Object.keys(kept).concat(Object.keys(current).filter(function (name) {
      return !(name in kept);
    }));
    questions.forEach(function (question) {
      names.forEach(function (name) {
        if (questionOf(name) !== question || name.indexOf("__") === 0) { return; }
        var values = kept[name] || [];
        form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
          if (input.type === "radio" || input.type === "checkbox") {
            input.checked = values.indexOf(input.value) >= 0;
          } else if (input.type !== "file" && name in kept) {
            input.value = values[0];
          }
        });
      });
      ["__v__", "__h__"].forEach(function (prefix) {
        var hiddenInput = form.querySelector("[name='" + prefix + question + "']");
        if (hiddenInput && kept[prefix + question]) { hiddenInput.value = kept[prefix + question][0]; }
      });
    });
    return true;
  }

  // ---- autosave -------------------------------------------------------------------------
  // A question's own message stands under its label; a message about one part of a composite
  // answer (a statistics cell, a penalty's years) stands next to that input, which alone is
  // marked invalid. `parts` holds those by form field name (the id of the input or fieldset).
  function showErrors(errors, parts) {
    form.querySelectorAll("[data-question]").forEach(function (box) {
      var name = box.dataset.question;
      var target = box.querySelector("[data-error]");
      if (!target) { return; }
      var messages = errors[name] || [];
      setMessages(target, messages);
      target.hidden = messages.length === 0;
      box.classList.toggle("field--error", messages.length > 0);
      if (box.hasAttribute("data-composite")) { showPartErrors(box, parts || {}); return; }
      box.querySelectorAll("input, textarea, select").forEach(function (input) {
        if (input.type === "hidden" || input.type === "radio") { return; }
        if (messages.length) { input.setAttribute("aria-invalid", "true"); }
        else { input.removeAttribute("aria-invalid"); }
      });
    });
  }

  function setMessages(target, messages) {
    target.textContent = "";
    messages.forEach(function (message) {
      var prefix = document.createElement("span");
      prefix.className = "visually-hidden";
      prefix.textContent = form.dataset.msgErrorPrefix || "";
      target.appendChild(prefix);
      target.appendChild(document.createTextNode(" " + message + " "));
    });
  }

  function describedBy(el, id, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (on) { ids.push(id); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); }
    else { el.removeAttribute("aria-describedby"); }
  }

  function showPartErrors(box, parts) {
    box.querySelectorAll("[data-part-error]").forEach(function (span) {
      var owner = document.getElementById(span.id.replace(/-error$/, ""));
      if (owner) {
        describedBy(owner, span.id, false);
        owner.classList.remove("choices--invalid", "subform--invalid");
        markInvalid(owner, false);
      }
      span.remove();
    });
    Object.keys(parts).forEach(function (name) {
      var owner = document.getElementById(name);
      if (!owner || !box.contains(owner)) { return; }
      var span = document.createElement("span");
      span.className = "field__error field__error--part";
      span.id = name + "-error";
      span.setAttribute("data-part-error", "");
      setMessages(span, parts[name]);
      if (owner.tagName === "FIELDSET") {
        owner.querySelector("legend").insertAdjacentElement("afterend", span);
        owner.classList.add(owner.classList.contains("subform") ? "subform--invalid" : "choices--invalid");
      } else {
        owner.parentNode.insertBefore(span, owner);
      }
      describedBy(owner, span.id, true);
      markInvalid(owner, true);
    });
  }

  // aria-invalid on the input itself, or on the boxes of a group of checkboxes.
  function markInvalid(owner, on) {
    var inputs = owner.tagName === "FIELDSET" ?
      owner.querySelectorAll(":scope > div > .choice > input[type=checkbox]") : [owner];
    Array.prototype.forEach.call(inputs, function (input) {
      if (on) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    });
  }

  // The files a save carries: once it is stored, each goes from its input (a file is uploaded
  // once, not with every later save), unless another was picked while the save was on its way.
  function filesToSend() {
    return Array.prototype.filter.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length > 0;
    }).map(function (input) { return { input: input, file: input.files[0] }; });
  }

  function clearSent(sent) {
    sent.forEach(function (item) {
      if (item.input.files[0] === item.file) { item.input.value = ""; }
    });
  }

  function applySaved(payload) {
    Object.keys(payload.versions || {}).forEach(function (name) {
      var box = form.querySelector("[data-question='" + name + "']");
      if (!box) { return; }
      box.querySelector("[data-version]").value = payload.versions[name];
      box.querySelector("[data-hash]").value = payload.hashes[name];
    });
    showErrors(payload.errors || {}, payload.part_errors || {});
    showAttachments(payload.attachments || {});
    showPresence(payload.others || []);
  }

  // The "Attached: name (size) / Remove" block of each attachment question, as now stored
  // (markup rendered and escaped by the server); swapped in only when it changed.
  function showAttachments(blocks) {
    Object.keys(blocks).forEach(function (name) {
      var holder = form.querySelector("[data-attachment='" + name + "']");
      if (!holder || holder.dataset.shown === blocks[name]) { return; }
      if (holder.dataset.shown === undefined && holder.innerHTML.trim() === blocks[name].trim()) {
        holder.dataset.shown = blocks[name];
        return;
      }
      holder.innerHTML = blocks[name];
      holder.dataset.shown = blocks[name];
    });
  }

  function save() {
    if (!autosaveUrl) { return; }
    if (saving) { dirtyAgain = true; return; }
    saving = true;
    setStatus(form.dataset.msgSaving);
    var body = new FormData(form);
    var sent = filesToSend();
    fetch(autosaveUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (payload) {
        return { status: response.status, payload: payload };
      });
    }).then(function (result) {
      saving = false;
      if (result.status === 200) {
        retries = 0;
        applySaved(result.payload);
        clearSent(sent);
        var hasErrors = Object.keys(result.payload.errors || {}).length > 0;
        var problem = hasErrors ? firstProblem() : null;
        var refused = Object.keys(result.payload.upload_errors || {});
        if (refused.length) {
          setStatus(form.dataset.msgFileNotSaved.replace("{reason}",
            result.payload.upload_errors[refused[0]]), "error");
        } else {
          setStatus((hasErrors ? form.dataset.msgSavedErrors : form.dataset.msgSaved)
            .replace("{time}", result.payload.saved_at), hasErrors ? "warning" : "saved",
            problem, form.dataset.msgFirstProblem);
        }
        if (dirtyAgain) { dirtyAgain = false; schedule(); } else { forgetLocal(); }
      } else if (result.status === 409) {
        applySaved(result.payload);
        setStatus(result.payload.status === "locked" ? result.payload.message : form.dataset.msgConflict,
          "error");
      } else if (result.status === 401 || result.status === 400 || result.status === 403) {
        // Kept in local storage; restored after sign-in.
        setStatus(form.dataset.msgOffline, "error", signInLink(), form.dataset.msgSignIn);
      } else {
        retry();
      }
    }).catch(function () { saving = false; retry(); });
  }

  function retry() {
    setStatus(form.dataset.msgRetry, "error");
    var delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
    retries += 1;
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  }

  function changed() {
    applyRelevance();
    keepLocally();
    schedule();
  }

  // ---- presence ---------------------------------------------------------------------------
  var presenceBox = document.querySelector("[data-presence]");
  function showPresence(names) {
    if (!presenceBox) { return; }
    presenceBox.hidden = names.length === 0;
    presenceBox.querySelector("[data-presence-text]").textContent =
      form.dataset.msgEditing.replace("{names}", names.join(", "));
  }

  function heartbeat() {
    if (!form.dataset.presenceUrl || document.hidden) { return; }
    fetch(form.dataset.presenceUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch",
                 "X-EnvSAQ-Background": "1", "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) { if (p) { showPresence(p.others || []); } })
      .catch(function () { /* presence is best effort */ });
  }

  // ---- repeatable rows --------------------------------------------------------------------
  function renumber(list) {
    var prefix = list.closest("[data-rows]").dataset.rows;
    var rowWord = list.closest("[data-rows]").dataset.rowWord || "";
    list.querySelectorAll("[data-row]").forEach(function (row, index) {
      row.querySelectorAll("[data-row-name]").forEach(function (label) {
        label.textContent = rowWord.replace("{n}", String(index + 1));
      });
      row.querySelectorAll("[name],[id],[for]").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value && value.indexOf(prefix + "-") === 0) {
            el.setAttribute(attr, value.replace(new RegExp("^" + prefix + "-\\d+-"), prefix + "-" + index + "-"));
          }
        });
      });
    });
  }

  function showEmpty(list) {
    var empty = list.closest("[data-rows]").querySelector("[data-rows-empty]");
    if (empty) { empty.hidden = list.querySelectorAll("[data-row]").length > 0; }
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    var row = button.closest("[data-row]");
    var list = button.closest("[data-rows]") && button.closest("[data-rows]").querySelector("[data-rows-list]");
    if (button.hasAttribute("data-row-add")) {
      var template = button.closest("[data-rows]").querySelector("[data-row-template]");
      if (!template) { return; }  // the most rows there may be: the server says so
      event.preventDefault();
      var copy = template.content.querySelector("[data-row]").cloneNode(true);
      list.appendChild(copy);
      renumber(list);
      showEmpty(list);
      var firstInput = copy.querySelector("input, textarea, select");
      if (firstInput) { firstInput.focus(); }
      changed();
    } else if (row && button.hasAttribute("data-row-remove")) {
      event.preventDefault();
      row.remove();
      renumber(list);
      showEmpty(list);
      changed();
    } else if (row && button.hasAttribute("data-row-up") && row.previousElementSibling) {
      event.preventDefault();
      list.insertBefore(row, row.previousElementSibling);
      renumber(list);
      button.focus();
      changed();
    } else if (row && button.hasAttribute("data-row-down") && row.nextElementSibling) {
      event.preventDefault();
      list.insertBefore(row.nextElementSibling, row);
      renumber(list);
      button.focus();
      changed();
    }
  });

  // ---- start ------------------------------------------------------------------------------
  if (autosaveUrl) {
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { clearTimeout(timer); keepLocally(); });
    // Choosing between two versions settles those questions: the kept copy must not come back.
    document.querySelectorAll(".conflict-summary form").forEach(function (resolve) {
      resolve.addEventListener("submit", forgetLocal);
    });
    if (restoreLocal()) {
      setStatus(form.dataset.msgRestored);
      schedule();
    }
    heartbeat();  // announce this editor at once; then keep the presence fresh
    setInterval(heartbeat, PRESENCE_MS);
  }
  applyRelevance();
})();

// Follows a submission PDF being prepared: polls the job's status, shows the download link
// (and starts the download) when it is ready, or the reason when it failed. The page works
// without it (reload it).
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  function poll(box) {
    fetch(box.dataset.statusUrl, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) { window.setTimeout(function () { poll(box); }, INTERVAL_MS * 3); return; }
        var status = box.querySelector("[data-status-text]");
        if (status) { status.textContent = job.status_text; }
        if (job.status === "done") {
          var link = box.querySelector("[data-download]");
          var message = box.querySelector("[data-progress-message]");
          if (message) { message.hidden = true; }
          if (link) { link.hidden = false; link.focus(); window.location.assign(job.download); }
        } else if (job.status === "failed") {
          var failure = box.querySelector("[data-failure]");
          var progress = box.querySelector("[data-progress-message]");
          if (progress) { progress.hidden = true; }
          if (failure) { failure.textContent = job.error; failure.hidden = false; }
        } else {
          window.setTimeout(function () { poll(box); }, INTERVAL_MS);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(box); }, INTERVAL_MS * 3); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-pdf-job]");
    if (box && (box.dataset.status === "queued" || box.dataset.status === "running")) { poll(box); }
  });
})();

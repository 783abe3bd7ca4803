// Follows the builds on the reports page: polls each unfinished build's status and updates its
// progress bar; shows the download link when the build is done. The page works without it.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  function poll(row) {
    fetch(row.dataset.statusUrl, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        var bar = row.querySelector("[data-progress]");
        var text = row.querySelector("[data-progress-text]");
        var status = row.querySelector("[data-status-text]");
        if (bar) { bar.max = job.parts_total || 1; bar.value = job.parts_done; }
        if (text) { text.textContent = job.progress_text; }
        if (status) { status.textContent = job.status_text; }
        if (job.status === "done") {
          var link = row.querySelector("[data-download]");
          if (link) { link.hidden = false; }
        } else if (job.status === "failed" || job.can_retry) {  // the page shows Retry
          window.location.reload();
        } else {
          window.setTimeout(function () { poll(row); }, INTERVAL_MS);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, INTERVAL_MS * 3); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("tr[data-report-job]").forEach(function (row) {
      if (row.dataset.status === "queued" || row.dataset.status === "running") { poll(row); }
    });
  });
})();

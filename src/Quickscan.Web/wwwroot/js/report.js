// The report page: a Print button, and live updates while the scan is open.
// The page is complete without this script (a Refresh link reloads it); with it, the page asks the Live
// handler every 5 seconds whether anything was submitted (204 when not) and swaps each [data-live]
// section whose content changed, then says so through the polite live region "report-live-status".
(function () {
  "use strict";

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var body = document.querySelector("[data-report-body]");
  var status = document.getElementById("report-live-status");
  var url = body && body.getAttribute("data-live-url");
  if (!body || !status || !url || !window.fetch || !window.DOMParser) return;

  var interval = 5000;
  var stamp = body.getAttribute("data-stamp");
  var failures = 0;

  // A section the consultant is working in (focus inside, an open edit form) is left alone until later.
  function busy(section) {
    return section.contains(document.activeElement) || section.querySelector("details[open]") !== null;
  }

  function apply(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-report-body]");
    if (!fresh) return;
    var skipped = false;
    fresh.querySelectorAll("[data-live][id]").forEach(function (section) {
      var current = document.getElementById(section.id);
      if (!current) return;
      if (busy(current)) { skipped = true; return; }
      if (current.innerHTML !== section.innerHTML) current.replaceWith(document.importNode(section, true));
    });
    // Keep the old stamp while a section was skipped, so the next poll brings it again.
    if (!skipped) stamp = fresh.getAttribute("data-stamp");
    var responses = fresh.getAttribute("data-responses");
    if (responses !== body.getAttribute("data-responses")) {
      body.setAttribute("data-responses", responses);
      status.textContent = status.getAttribute(responses === 1 ? "data-template-one" : "data-template").replace("{0}", responses);
    }
  }

  function poll() {
    if (document.hidden) { setTimeout(poll, interval); return; }
    var separator = url.indexOf("?") < 0 ? "?" : "&";
    fetch(url + separator + "since=" + encodeURIComponent(stamp), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.status === 204) return null;
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        failures = 0;
        if (html) apply(html);
        setTimeout(poll, interval);
      })
      .catch(function () {
        // Back off while the network or the server is away; the page stays as it was.
        failures++;
        setTimeout(poll, Math.min(60000, interval * Math.pow(2, failures)));
      });
  }

  setTimeout(poll, interval);
})();

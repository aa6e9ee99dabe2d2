// Presenter mode: asks every second whether a response came in (204 when not) and swaps the live part.
// Without this script the page reloads itself (a meta refresh inside <noscript>).
(function () {
  "use strict";
  var live = document.querySelector("[data-present-live]");
  if (!live || !window.fetch) return;
  var url = live.getAttribute("data-live-url");
  var stamp = live.getAttribute("data-stamp");
  var failures = 0;

  function poll() {
    var separator = url.indexOf("?") < 0 ? "?" : "&";
    fetch(url + separator + "since=" + encodeURIComponent(stamp), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.status === 204) return null;
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        failures = 0;
        if (html) {
          live.innerHTML = html;
          var fresh = live.querySelector("[data-stamp]");
          if (fresh) stamp = fresh.getAttribute("data-stamp");
        }
        setTimeout(poll, 1000);
      })
      .catch(function () {
        failures++;
        setTimeout(poll, Math.min(30000, 1000 * Math.pow(2, failures)));
      });
  }

  setTimeout(poll, 1000);
})();

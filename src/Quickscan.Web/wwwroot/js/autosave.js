// Background saving of answers while a respondent works through a step.
// The page works without this script: every navigation button posts and saves the answers.
// A background save sends only the questions changed since the last save that landed.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;

  var status = document.getElementById("save-status");
  var progressText = document.getElementById("progress-text");
  var progressBar = document.getElementById("progress-bar");
  var url = form.getAttribute("data-autosave");
  var timer = null;
  var inFlight = false;
  var dirty = false;
  var attempt = 0;
  var stopped = false;
  var changed = {};   // field name -> change count at the time it was last changed
  var changes = 0;

  say(form.getAttribute("data-msg-idle"), false);

  function say(message, isError) {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("is-error", !!isError);
  }

  function updateProgress() {
    if (!progressText) return;
    var answered = Number(progressText.getAttribute("data-answered-elsewhere")) || 0;
    var total = Number(progressText.getAttribute("data-total")) || 0;
    form.querySelectorAll("fieldset[data-scored]").forEach(function (fieldset) {
      if (fieldset.querySelector("input:checked")) answered++;
    });
    progressText.textContent = form.getAttribute("data-msg-progress").replace("{0}", answered).replace("{1}", total);
    if (progressBar) progressBar.value = answered;
  }

  function schedule(delay) {
    if (stopped) return;
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  function retryLater() {
    attempt++;
    var delay = Math.min(30000, 1000 * Math.pow(2, attempt));
    say(navigator.onLine === false ? form.getAttribute("data-msg-offline") : form.getAttribute("data-msg-retry"), true);
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  // The anti-forgery token, the step, and the current value of every changed field (nothing else).
  function changedFields() {
    var all = new FormData(form);
    var body = new FormData();
    body.append("__RequestVerificationToken", all.get("__RequestVerificationToken") || "");
    body.append("Input.Step", all.get("Input.Step") || "");
    var sent = {};
    Object.keys(changed).forEach(function (name) {
      body.append(name, all.has(name) ? all.get(name) : "");
      sent[name] = changed[name];
    });
    return { body: body, sent: sent };
  }

  function save() {
    if (stopped || !dirty) return;
    if (inFlight) { timer = setTimeout(save, 300); return; }
    inFlight = true;
    dirty = false;
    say(form.getAttribute("data-msg-saving"), false);
    var request = changedFields();
    fetch(url, { method: "POST", body: request.body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        inFlight = false;
        if (response.ok) {
          attempt = 0;
          // Forget what landed, unless it changed again while the save was on its way.
          Object.keys(request.sent).forEach(function (name) {
            if (changed[name] === request.sent[name]) delete changed[name];
          });
          var time = new Date().toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
          say(form.getAttribute("data-msg-saved").replace("{0}", time), false);
        } else if (response.status === 409 || response.status === 410) {
          stopped = true;
          say(form.getAttribute("data-msg-locked"), true);
        } else if (response.status >= 500 || response.status === 429) {
          dirty = true;
          retryLater();
        } else {
          stopped = true;
          say(form.getAttribute("data-msg-locked"), true);
        }
      })
      .catch(function () {
        inFlight = false;
        dirty = true;
        retryLater();
      });
  }

  function remember(event) {
    var name = event.target && event.target.name;
    if (!name || name.indexOf("Input.Answers[") !== 0) return false;
    changed[name] = ++changes;
    return true;
  }

  form.addEventListener("change", function (event) { updateProgress(); if (remember(event)) schedule(300); });
  form.addEventListener("input", function (event) {
    if (event.target && event.target.tagName === "TEXTAREA" && remember(event)) schedule(1200);
  });
  // A page change posts the whole form. A background save still on its way carries an older copy of it,
  // so the page change waits for that save to land first; otherwise the older copy could arrive last.
  var pendingSubmitter = null;
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    if (inFlight) {
      event.preventDefault();
      pendingSubmitter = event.submitter || null;
      var wait = setInterval(function () {
        if (inFlight) return;
        clearInterval(wait);
        stopped = true;
        if (form.requestSubmit) form.requestSubmit(pendingSubmitter); else form.submit();
      }, 50);
      return;
    }
    stopped = true;
  });
  window.addEventListener("online", function () { if (dirty) { attempt = 0; save(); } });
})();

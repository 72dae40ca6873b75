// Nestwell's only hand-written script. The app works without it; it adds comfort:
// running timers tick every second, sign-up picks up the device's time zone, and a link or
// token shown once gets buttons to copy or share it.
(function () {
  "use strict";

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-started]").forEach(function (el) {
      var started = Date.parse(el.getAttribute("data-started"));
      if (isNaN(started)) return;
      var s = Math.max(0, Math.floor((now - started) / 1000));
      var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
      el.textContent = h > 0 ? h + ":" + pad(m) + ":" + pad(sec) : m + ":" + pad(sec);
    });
  }

  function detectTimeZone() {
    var select = document.querySelector("select[data-detect-time-zone]");
    if (!select || select.dataset.touched) return;
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
    } catch (e) { /* keep the default */ }
    select.addEventListener("change", function () { select.dataset.touched = "1"; });
  }

  function copyButtons() {
    // The Clipboard API exists only in a secure context (HTTPS or localhost): elsewhere the
    // buttons stay hidden and the box selects itself at a tap (CSS user-select: all).
    if (!navigator.clipboard || !window.isSecureContext) return;
    document.querySelectorAll("[data-copy-actions][hidden]").forEach(function (row) {
      row.hidden = false;
      row.querySelectorAll("[data-copy]").forEach(function (button) {
        var label = button.textContent;
        button.addEventListener("click", function () {
          var text = document.getElementById(button.dataset.copy).textContent.trim();
          navigator.clipboard.writeText(text).then(function () {
            button.textContent = button.dataset.done;
            setTimeout(function () { button.textContent = label; }, 4000);
          }, function () { /* refused: the box can still be selected and copied */ });
        });
      });
      row.querySelectorAll("[data-share]").forEach(function (button) {
        if (!navigator.share) return;
        button.hidden = false;
        button.addEventListener("click", function () {
          var text = document.getElementById(button.dataset.share).textContent.trim();
          navigator.share({ url: text }).catch(function () { /* closed: nothing to do */ });
        });
      });
    });
  }

  // A form sent through htmx (hx-boost) swaps the whole page, and the focus falls back to
  // the page itself: a screen reader hears nothing of what happened, and the keyboard
  // starts again from the top. What the new page says first gets the focus: a field to
  // correct, else an error, else the message ("Saved", a moment to undo). Only after a
  // form is sent, and only when nothing else took the focus (autofocus).
  function focusAfterForm(event) {
    var config = (event.detail || {}).requestConfig || {};
    if (!config.boosted || config.verb !== "post") return;
    var main = document.getElementById("main");
    if (!main) return;
    // A field to correct or a refusal is said even where htmx put the focus back on the
    // field she typed in (a wrong password: "Password, edit text", and never why).
    var refused = main.querySelector("[aria-invalid=true]") || main.querySelector(".errorlist");
    if (!refused && document.activeElement && document.activeElement !== document.body) return;
    // A new page or card otherwise (the support page after an answer, the crying card
    // after "Baby is crying", a warning before a dose): its heading, so that a screen
    // reader says where she is and the keyboard goes on from there, not from the top.
    var target = main.querySelector("[aria-invalid=true]") || main.querySelector(".errorlist")
      || main.querySelector("[role=status] .messages, .toast[role=status]")
      || main.querySelector("[data-focus-after-form]") || main.querySelector("h1");
    if (!target) return;
    if (!target.matches("input, select, textarea, button, a[href]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  // The birth form: its weeks of pregnancy were filled in for today; a birth time moved to
  // another day counts them to that day (as the server does when they are left as filled),
  // until she types weeks of her own (her midwife's).
  function weeksAtBirth() {
    var form = document.querySelector("form[data-due-date]");
    if (!form) return;
    var born = form.querySelector('[name="born_at"]');
    var weeks = form.querySelector('[name="gestation_weeks"]');
    var days = form.querySelector('[name="gestation_days"]');
    if (!born || !weeks || !days) return;
    [weeks, days].forEach(function (field) {
      field.addEventListener("input", function () { form.dataset.weeksTyped = "1"; });
    });
    born.addEventListener("change", function () {
      if (form.dataset.weeksTyped) return;
      var day = Date.parse(born.value.slice(0, 10) + "T00:00:00Z");
      var due = Date.parse(form.dataset.dueDate + "T00:00:00Z");
      if (isNaN(day) || isNaN(due)) return;
      var total = 280 - Math.round((due - day) / 86400000);
      if (total < 20 * 7 || total > 44 * 7 + 6) return;
      weeks.value = Math.floor(total / 7);
      days.value = total % 7;
    });
  }

  // Crying heard in the nursery: the tab's title says so, and a phone that can vibrates for
  // each new episode (Grace, who is Deaf, looks rather than listens; a notification may
  // not come). The title goes back once the banner has no crying left.
  var CRYING_MARK = "😢 ";
  var felt = {};
  function nurseryAlert() {
    var heard = document.querySelectorAll("[data-testid=listening-crying]");
    var plain = document.title.indexOf(CRYING_MARK) === 0
      ? document.title.slice(document.title.indexOf(" · ") + 3) : document.title;
    if (!heard.length) {
      document.title = plain;
      return;
    }
    document.title = CRYING_MARK + heard[0].dataset.title + " · " + plain;
    for (var i = 0; i < heard.length; i++) {
      var cue = heard[i].dataset.cue;
      if (cue && !felt[cue]) {
        felt[cue] = true;
        try { if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]); } catch (e) { /* */ }
      }
    }
  }

  function ready() { tick(); detectTimeZone(); copyButtons(); weeksAtBirth(); nurseryAlert(); }
  // A page that is loaded whole after each tap (the night screen, unboosted so that it
  // keeps the screen awake) says what the tap did: its message takes the focus, read out,
  // and the keyboard goes on from there rather than from the top of the page.
  function focusMessageOnLoad() {
    if (document.body.getAttribute("hx-boost") !== "false") return;
    var toast = document.querySelector("#main .toast[role=status]");
    if (!toast || (document.activeElement && document.activeElement !== document.body)) return;
    toast.setAttribute("tabindex", "-1");
    toast.focus({preventScroll: true});
  }
  document.addEventListener("DOMContentLoaded", ready);
  document.addEventListener("DOMContentLoaded", focusMessageOnLoad);
  document.addEventListener("htmx:afterSettle", ready);
  document.addEventListener("htmx:afterSettle", focusAfterForm);
  setInterval(tick, 1000);
})();

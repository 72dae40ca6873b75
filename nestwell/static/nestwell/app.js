// Nestwell's only hand-written script. The app works without it; it adds comfort:
// running timers tick every second, and sign-up picks up the device's time zone.
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

  function ready() { tick(); detectTimeZone(); }
  document.addEventListener("DOMContentLoaded", ready);
  document.addEventListener("htmx:afterSettle", ready);
  setInterval(tick, 1000);
})();

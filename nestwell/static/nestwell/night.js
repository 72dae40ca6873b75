// The night screen keeps the screen on while it is open (Screen Wake Lock API), asks again
// each time the page comes back into view (the browser lets go when it is hidden), and
// says so quietly when the browser cannot.
(function () {
  "use strict";

  var sentinel = null;

  function note(key) {
    var el = document.getElementById("wake-note");
    if (!el) return;
    var text = key ? el.getAttribute("data-" + key) : "";
    el.textContent = text || "";
    el.hidden = !text;
  }

  function keepAwake() {
    if (!("wakeLock" in navigator) || !navigator.wakeLock) {
      note("unsupported");
      return;
    }
    if (document.visibilityState !== "visible" || (sentinel && !sentinel.released)) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      sentinel = lock;
      note("");
    }, function () {
      note("refused");
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") keepAwake();
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", keepAwake);
  } else {
    keepAwake();
  }
})();

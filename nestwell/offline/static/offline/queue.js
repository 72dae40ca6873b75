// The queue of what she logged offline, kept in IndexedDB (through idb), shared by the
// page (offline.js) and the service worker (Background Sync). Each entry carries the id
// the phone made for it and the person who made it; it is sent only while that person is
// signed in, and leaves the queue only when the server has answered it.
(function (scope) {
  "use strict";
  var DB = "nestwell-offline", SYNC_TAG = "nestwell-sync", BATCH = 100;
  var opened = null;

  function db() {
    if (!opened) {
      opened = scope.idb.openDB(DB, 1, {
        upgrade: function (d) {
          var entries = d.createObjectStore("entries", {keyPath: "id"});
          entries.createIndex("person", "person");
          d.createObjectStore("refused", {keyPath: "id"});
          d.createObjectStore("meta");
        }
      });
    }
    return opened;
  }

  function uuid() {
    if (scope.crypto && scope.crypto.randomUUID) return scope.crypto.randomUUID();
    var b = scope.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); });
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("")
      + "-" + h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }

  // A UUID that is always the same for the same text (FNV-1a, four ways seeded): the id
  // of a check-in kept offline, made from its form's one-time key and its answers, so that
  // Save tapped twice keeps one entry (the second replaces the first, and the server keeps
  // an id once), while changed answers ("No" after "Yes, I feel safe") are a new entry.
  function uuidFrom(text) {
    var hex = "";
    for (var seed = 1; seed <= 4; seed++) {
      var h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
      for (var i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      hex += (h >>> 0).toString(16).padStart(8, "0");
    }
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-8" + hex.slice(13, 16) + "-"
      + ((parseInt(hex[16], 16) & 3) | 8).toString(16) + hex.slice(17, 20) + "-" + hex.slice(20);
  }

  // The device's time with its offset, e.g. 2026-12-02T03:10:00.000+01:00.
  function deviceTime(date) {
    var d = date || new Date(), off = -d.getTimezoneOffset();
    var local = new Date(d.getTime() + off * 60000).toISOString().slice(0, -1);
    var sign = off >= 0 ? "+" : "-", a = Math.abs(off);
    return local + sign + String(Math.floor(a / 60)).padStart(2, "0") + ":"
      + String(a % 60).padStart(2, "0");
  }

  async function getMeta() { return (await (await db()).get("meta", "current")) || {}; }
  async function setMeta(meta) {
    var d = await db(), old = (await d.get("meta", "current")) || {};
    await d.put("meta", Object.assign(old, meta), "current");
  }

  async function add(entry) {
    entry.id = entry.id || uuid();
    entry.at = entry.at || deviceTime();
    entry.queuedAt = Date.now();
    await (await db()).put("entries", entry);
    return entry;
  }

  async function waiting(person) {
    var rows = await (await db()).getAllFromIndex("entries", "person", String(person));
    return rows.sort(function (a, b) { return a.queuedAt - b.queuedAt; });
  }

  async function refused(person) {
    var rows = await (await db()).getAll("refused");
    return rows.filter(function (r) { return r.person === String(person); });
  }

  async function dismiss(id) { await (await db()).delete("refused", id); }

  var FIELDS = ["id", "type", "at", "child", "kind", "details", "signal", "moment", "timer",
                "cue", "episode", "way", "outcome", "answers"];

  function wire(entry) {
    var out = {};
    FIELDS.forEach(function (f) { if (entry[f] !== undefined && entry[f] !== "") out[f] = entry[f]; });
    return out;
  }

  // Send the signed-in person's entries, a batch at a time. Entries the server answered
  // (created, already there) leave the queue; refused ones move to "refused", shown to
  // her with the reason. A network failure leaves everything waiting for the next try.
  async function sendAll(who) {
    var meta = await getMeta(), person = (who && who.person) || meta.person, outcome = {sent: 0, refused: 0, support: false};
    if (!person) return outcome;
    for (;;) {
      var batch = (await waiting(person)).slice(0, BATCH);
      if (!batch.length) return outcome;
      var response = await fetch("/api/v1/sync", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": (who && who.csrf) || meta.csrf || ""},
        body: JSON.stringify({person: Number(person), entries: batch.map(wire)}),
      });
      if (!response.ok) { outcome.error = response.status; return outcome; }
      var results = (await response.json()).results, d = await db();
      var tx = d.transaction(["entries", "refused"], "readwrite");
      results.forEach(function (r) {
        var entry = batch.find(function (e) { return e.id === r.id; });
        if (!entry) return;
        tx.objectStore("entries").delete(r.id);
        if (r.status === "refused") {
          outcome.refused++;
          tx.objectStore("refused").put(Object.assign({}, entry, {reason: r.reason}));
        } else { outcome.sent++; }
        if (r.support_url) outcome.support = true;
      });
      await tx.done;
    }
  }

  // One sender at a time on this phone, whether a tab or the worker (Web Locks), so two
  // tabs coming back online together do not send the same batch twice at once.
  // The page names its own person; the worker sends for the person last signed in.
  function flush(who) {
    if (scope.navigator.locks) {
      return scope.navigator.locks.request("nestwell-sync", function () { return sendAll(who); });
    }
    return sendAll(who);
  }

  scope.NestwellQueue = {SYNC_TAG: SYNC_TAG, uuid: uuid, uuidFrom: uuidFrom, deviceTime: deviceTime, add: add,
    waiting: waiting, refused: refused, dismiss: dismiss, flush: flush, getMeta: getMeta,
    setMeta: setMeta};
})(self);

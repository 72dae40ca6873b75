// Working offline, on the page's side: registers the service worker, keeps what she logs
// while offline in the queue (queue.js) with an id made on the phone, shows it at once as
// "waiting to sync", and sends it when the connection is back. The app works without it.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("indexedDB" in window)) return;
  var person = script.dataset.person || "";
  // The household whose pages this is: her kept pages are that household's, and are
  // forgotten when she is no longer in it (removed, or gone to another).
  var household = script.dataset.household || "";
  var words = null, Q = null, queueReady = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, k) { return values[k]; });
  }

  // A time on her clock, as the pages write it: "05:42", or "5:42 AM" where the household
  // reads a 12-hour clock (the page says so: data-clock="12").
  function hhmm(iso) {
    var d = new Date(iso), root = document.documentElement;
    if (root.dataset.clock === "12") {
      return d.toLocaleTimeString(root.lang || undefined,
                                  {hour: "numeric", minute: "2-digit", hour12: true});
    }
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // --- What a form means, offline ---------------------------------------------------
  function labelOf(form, submitter) {
    // A running timer's Stop says which timer: "Skin-to-skin · Stop".
    var timer = form.closest("[data-testid=timer]");
    var what = timer && timer.querySelector(".what");
    var prefix = what ? what.textContent.replace(/\s+/g, " ").trim() + " · " : "";
    var source = submitter || form.querySelector("button");
    if (!source) return "";
    var copy = source.cloneNode(true);
    copy.querySelectorAll(".hint, .visually-hidden, .timer-badge").forEach(function (n) { n.remove(); });
    return prefix + copy.textContent.replace(/\s+/g, " ").trim();
  }

  // A form's own method and address. form.method and form.action are shadowed by a field
  // of that name (a feed's hidden "method", the milk store's "action" buttons), which had
  // made every offline tap on a feed button fail and leave the page.
  function formMethod(form) {
    return (form.getAttribute("method") || "get").toLowerCase();
  }

  function formPath(form) {
    return new URL(form.getAttribute("action") || location.href, location.href).pathname;
  }

  // A number as any keyboard types it, as the server reads it (lib/measures.typed_number):
  // Arabic-Indic and Persian digits as 0-9, the Arabic decimal mark as ".", and the
  // thousands mark and direction marks left out.
  function typedNumber(text) {
    return text.trim().replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (d) {
      return String(d.charCodeAt(0) & 0xf);
    }).replace(/\u066b/g, ".").replace(/[\u066c\u200e\u200f\u061c]/g, "");
  }

  // Hours of sleep as the server keeps them: empty, or 0 to 24 with at most one decimal
  // ("7,5" and "٧٫٥" too).
  function sleepHoursRefused(form) {
    var field = form.querySelector("[name=sleep_hours]");
    if (!field || !field.value.trim()) return false;
    var text = typedNumber(field.value).replace(",", ".");
    return !/^\d{1,2}(\.\d)?$/.test(text) || Number(text) > 24;
  }

  function entryFor(form, submitter) {
    var path = formPath(form), m;
    var data = new FormData(form, submitter || undefined);
    var value = function (name) { return data.get(name) || ""; };
    var child = value("child") ? Number(value("child")) : null;
    if (path === "/moments/quick/") {
      var details = {};
      ["method", "side"].forEach(function (k) { if (value(k)) details[k] = value(k); });
      return {type: "quick", child: child, kind: value("kind"), details: details,
              timed: words.timed.indexOf(value("kind")) >= 0};
    }
    if ((m = path.match(/^\/moments\/(\d+)\/stop\/$/))) {
      var entry = {type: "stop", moment: Number(m[1]), details: {}};
      if (form.querySelector("[name=eye_contact]")) entry.details.eye_contact = data.has("eye_contact");
      // A bottle's amount in the unit she reads, sent as ml (the field gives the ml in one
      // unit, as the server counts them), or in the unit she typed after it ("4 oz" in a
      // household of ml is 118 ml, as lib/measures.py reads it, never 4); one that is not
      // a number is left out. Arabic-script digits and decimal mark read as the server
      // reads them (٩٠, ٣٫٥).
      var amount = form.querySelector("[name=amount]");
      var text = typedNumber(value("amount")), perUnit = Number(amount && amount.dataset.mlPerUnit || 1);
      var unit = text.toLowerCase().match(/(fl\. oz|fl\.oz|fl oz|floz|oz|ml|مل)$/);
      if (unit) {
        text = text.slice(0, unit.index).trim();
        perUnit = unit[1].indexOf("oz") >= 0 ? 29.5735295625 : 1;
      }
      // Read as the server reads it (lib/measures.ml_typed): up to four digits and two
      // decimals, and what a bottle holds, 1 to 1000 ml; anything else is left out, as a
      // word would be (a stop refused for "34 oz" left the bottle running on the server).
      var frac = perUnit > 1 ? /^(?:(\d{1,2})\s+)?(\d{1,2})\s*\/\s*(\d{1,2})$/.exec(text) : null;
      if (frac) {  // "1 1/2 oz", as a bottle's marks are read
        var top = Number(frac[2]), bottom = Number(frac[3]);
        text = bottom && top < bottom ? String(Math.round((Number(frac[1] || 0) + top / bottom) * 100) / 100) : "";
      }
      var ml = /^\d{1,4}([.,]\d{1,2})?$/.test(text) ? Math.round(Number(text.replace(",", ".")) * perUnit) : 0;
      if (amount && ml >= 1 && ml <= 1000) entry.details.amount_ml = ml;
      if (value("milk")) entry.details.milk = value("milk");  // formula, breast milk, mixed
      if (value("ended_at")) entry.at = Q.deviceTime(new Date(value("ended_at")));
      return entry;
    }
    if (path === "/cues/crying/") return {type: "crying", child: child, signal: value("signal") || "cry"};
    if ((m = path.match(/^\/cues\/(\d+)\/respond\/$/))) return {type: "respond", cue: Number(m[1]), way: value("way")};
    if ((m = path.match(/^\/cues\/(\d+)\/settle\/$/))) {
      if (value("outcome") === "still") return {type: "still"};
      return {type: "settle", cue: Number(m[1]), outcome: value("outcome") || "settled"};
    }
    if (path === "/cues/positive/") return {type: "positive", child: child, signal: value("signal")};
    if (path === "/care-day/nappies/now/") return {type: "nappy", child: child, kind: value("kind")};
    if ((path === "/you/check-in/" || path === "/you/check-in/short/") && value("go") !== "continue") {
      var answers = {};
      data.forEach(function (v, k) {
        if (k !== "csrfmiddlewaretoken" && k !== "idempotency_key" && k !== "go") answers[k] = v;
      });
      if (path === "/you/check-in/short/") answers.kind = "short";
      var checkin = {type: "checkin", answers: answers};
      // Save tapped twice is one check-in; other answers on the same form are another.
      if (Q && value("idempotency_key")) {
        checkin.id = Q.uuidFrom(value("idempotency_key") + JSON.stringify(
          Object.keys(answers).sort().map(function (k) { return [k, answers[k]]; })));
      }
      return checkin;
    }
    return null;
  }

  // --- Showing the queue --------------------------------------------------------------
  function panel() {
    var main = document.getElementById("main");
    var box = document.getElementById("offline-queue");
    if (!box && main) {
      box = el("section", {id: "offline-queue", "class": "card calm stack offline-queue",
                           "aria-live": "polite", "data-testid": "offline-queue"});
      main.insertBefore(box, main.firstChild.nextSibling);
    }
    return box;
  }

  // A word of the page's catalogue, or "" while it is still loading (or could not be read).
  function say(key) {
    return (words && words[key]) || "";
  }

  function note(text) {
    if (!text) return;
    var box = panel();
    if (!box) return;
    var old = box.querySelector(".offline-note");
    if (old) old.remove();
    box.insertBefore(el("p", {"class": "offline-note", role: "status", text: text}), box.firstChild);
  }

  // A note said as soon as the page's words are here: at once when they are, else when
  // they arrive (a tap in the first moments of a page), unless it no longer holds by then.
  function tell(key, holds) {
    if (words) { note(say(key)); return; }
    loadWords(3).then(function () { if (!holds || holds()) note(say(key)); });
  }

  var shown = 0;  // entries waiting at the last look

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds)), h = Math.floor(s / 3600);
    var m = String(Math.floor((s % 3600) / 60)), sec = String(s % 60).padStart(2, "0");
    return h > 0 ? h + ":" + m.padStart(2, "0") + ":" + sec : m + ":" + sec;
  }

  // A running timer stopped on this phone while offline stops ticking on its card, which
  // says when it was stopped; its buttons are put away until the server has the stop (the
  // card is then drawn anew, as the server saved it).
  function markStopped(waiting) {
    var at = {};
    waiting.forEach(function (e) { if (e.type === "stop" && e.moment) at[e.moment] = e.at; });
    document.querySelectorAll("#timers [data-testid=timer]").forEach(function (card) {
      var form = card.querySelector("form[action]");
      var m = form && formPath(form).match(/^\/moments\/(\d+)\/stop\/$/);
      if (!m || !at[m[1]] || card.querySelector(".offline-stopped")) return;
      var elapsed = card.querySelector(".elapsed[data-started]");
      if (elapsed) {
        var started = Date.parse(elapsed.getAttribute("data-started"));
        elapsed.removeAttribute("data-started");
        if (!isNaN(started)) elapsed.textContent = clock((new Date(at[m[1]]) - started) / 1000);
      }
      card.querySelectorAll("form").forEach(function (f) { f.hidden = true; });
      (elapsed || card).after(el("p", {"class": "small offline-stopped", "data-testid": "stopped-here",
                                       text: fill(words.stopped_here, {time: hhmm(at[m[1]])})}));
    });
  }

  async function render() {
    if (!person || !words) return;
    var waiting = await Q.waiting(person), refused = await Q.refused(person);
    markStopped(waiting);
    // Whoever sent them (this tab, another, or the worker), say so once they are all in.
    if (shown && !waiting.length && !refused.length) note(words.all_sent);
    else if (shown && !waiting.length) {
      var old = document.querySelector("#offline-queue .offline-note");
      if (old) old.remove();
    }
    shown = waiting.length;
    var box = document.getElementById("offline-queue");
    if (!waiting.length && !refused.length) {
      if (box && !box.querySelector(".offline-note")) box.remove();
      if (box) box.querySelectorAll(":scope > :not(.offline-note)").forEach(function (n) { n.remove(); });
      return;
    }
    box = panel();
    var keepNote = box.querySelector(".offline-note");
    box.textContent = "";
    if (keepNote) box.appendChild(keepNote);
    if (waiting.length) {
      box.appendChild(el("h2", {text: words.kept}));
      if (!navigator.onLine) box.appendChild(el("p", {"class": "muted small", text: words.intro}));
      var list = el("ul", {"class": "offline-list"});
      var stopped = {}, answered = {}, settled = {};
      waiting.forEach(function (e) {
        if (e.type === "stop" && e.timer) stopped[e.timer] = e.at;
        if (e.type === "respond" && e.episode) answered[e.episode] = e.label;
        if (e.type === "settle" && e.episode) settled[e.episode] = e.at;
      });
      waiting.forEach(function (e) {
        if (e.hidden) return;
        var item = el("li", {"class": "offline-entry", "data-testid": "waiting-entry"}, [
          el("span", {text: e.label + " · " + hhmm(e.at)}),
          el("span", {"class": "badge", text: words.waiting})]);
        if (e.type === "quick" && e.timed) {
          if (stopped[e.id]) item.firstChild.textContent += " · " + fill(words.stopped, {time: hhmm(stopped[e.id])});
          else item.appendChild(button(words.stop, "calm", function () {
            queue({type: "stop", timer: e.id, details: {}, label: e.label, hidden: true});
          }, "offline-stop"));
        }
        if (e.type === "crying" && settled[e.id]) {
          // Settled on this phone: the card says so, and asks nothing more.
          item.firstChild.textContent += " · " + fill(say("settled_at"), {time: hhmm(settled[e.id])});
        }
        if (e.type === "crying" && !settled[e.id]) {
          item.classList.add("crying");
          if (answered[e.id]) {
            item.appendChild(el("p", {"class": "small", text: fill(words.answering, {way: answered[e.id]})}));
          } else {
            item.appendChild(el("p", {"class": "muted small", text: words.responding}));
            var grid = el("div", {"class": "way-grid"});
            words.ways.forEach(function (w) {
              grid.appendChild(button(w[1], "quiet", function () {
                queue({type: "respond", episode: e.id, way: w[0], label: w[1], hidden: true});
              }));
            });
            item.appendChild(grid);
          }
          item.appendChild(button(words.settled, "calm", function () {
            queue({type: "settle", episode: e.id, outcome: "settled", label: words.settled, hidden: true});
          }, "offline-settled"));
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (refused.length) {
      var part = el("div", {"class": "offline-refused stack", "data-testid": "refused"}, [
        el("h2", {text: words.not_saved}), el("p", {"class": "muted small", text: words.not_saved_intro})]);
      refused.forEach(function (r) {
        part.appendChild(el("div", {"class": "spread"}, [
          el("p", {}, [el("strong", {text: r.label + " · " + hhmm(r.at)}), el("br"),
                       el("span", {text: r.reason})]),
          button(words.dismiss, "secondary", function () { Q.dismiss(r.id).then(render); })]));
      });
      box.appendChild(part);
    }
  }

  function button(text, cls, onclick, testid) {
    var b = el("button", {type: "button", "class": cls, text: text});
    if (testid) b.setAttribute("data-testid", testid);
    b.addEventListener("click", onclick);
    return b;
  }

  async function queue(entry) {
    entry.person = String(person);
    await Q.add(entry);
    note(say("saved_here"));
    await render();
    askForBackgroundSync();
    if (navigator.onLine) sync();
  }

  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync) return reg.sync.register(Q.SYNC_TAG);
    }).catch(function () { /* sent on the next visit instead */ });
  }

  // Once entries reached the server, the parts of the page that show what was logged
  // (Today's list, the timers, the crying card: marked data-sync-refresh) are fetched again
  // and put in place, so what was "waiting to sync" shows as the real rows, without a reload.
  var refreshing = null;

  function refreshRegions() {
    if (!refreshing) refreshing = replaceRegions().finally(function () { refreshing = null; });
    return refreshing;
  }

  async function replaceRegions() {
    if (!document.querySelector("[data-sync-refresh][id]")) return;
    try {
      var response = await fetch(location.href, {credentials: "same-origin",
                                                 headers: {Accept: "text/html"}});
      if (!response.ok || response.redirected) return;
      var fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      document.querySelectorAll("[data-sync-refresh][id]").forEach(function (old) {
        var now = fresh.getElementById(old.id);
        if (!now) return;
        old.replaceWith(now);
        if (window.htmx) window.htmx.process(now);
      });
    } catch (e) { /* the connection dropped again: the next visit shows them */ }
  }

  // Other tabs of Nestwell on this phone hear that entries arrived, and refresh too.
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("nestwell-synced") : null;

  async function arrived(outcome) {
    if (!outcome || !outcome.sent) return;
    await refreshRegions();
    if (channel) channel.postMessage({type: "synced"});
  }

  var retry = null;

  async function sync() {
    if (!person || !navigator.onLine) return;
    var failed = false;
    try {
      var before = (await Q.waiting(person)).length;
      var outcome = await Q.flush({person: person, csrf: csrf()});
      failed = !!(outcome && outcome.error);
      if (before && outcome && !failed) {
        var old = document.querySelector("#offline-queue .offline-note");
        if (old) old.remove();
      }
      await arrived(outcome);
    } catch (e) { failed = true; /* the connection dropped on the way: the entries wait */ }
    render();
    // Sent again a little later; the server keeps what already arrived, once.
    if (failed && !retry) retry = setTimeout(function () { retry = null; sync(); }, 4000);
  }

  // --- Offline taps ---------------------------------------------------------------------
  // A check-in answer that signals risk: "not sure" or "not safe", or the short check-in's
  // lowest mood (as the server reads them).
  function risky(entry) {
    return !!entry && entry.type === "checkin" &&
      (["unsure", "not_safe"].indexOf(entry.answers.safety) >= 0 ||
       (entry.answers.kind === "short" && entry.answers.mood === "1") ||
       mentionsHarm(entry.answers.note));
  }

  // A note that speaks of ending her life, of self-harm or of harming the baby, read as
  // the server reads it (nestwell/wellbeing/harm_words.py): the page carries the phrase
  // file's lines (alternatives "{a|b}" and "*" kept), expanded and normalized here as
  // there; the note is normalized the same way.
  function normalizedNote(text) {
    var t = String(text || "").normalize("NFD")
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "").toLowerCase()
      .replace(/\u0649/g, "\u064a")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    return " " + t + " ";
  }

  function expanded(line) {
    var m = /\{([^{}]*)\}/.exec(line);
    if (!m) return [line];
    return m[1].split("|").reduce(function (all, choice) {
      return all.concat(expanded(line.slice(0, m.index) + choice + line.slice(m.index + m[0].length)));
    }, []);
  }

  function harmPhrases(lines) {
    var found = {};
    lines.forEach(function (line) {
      var before = line.charAt(0) === "*" ? "" : " ";
      var after = line.charAt(line.length - 1) === "*" ? "" : " ";
      expanded(line.replace(/^\*+|\*+$/g, "")).forEach(function (phrase) {
        var words = normalizedNote(phrase).trim();
        if (words) found[before + words + after] = true;
      });
    });
    return Object.keys(found).sort();
  }

  // ``words`` with each run of ``name`` replaced by ``put``, left to right; null when
  // ``name`` is not there (harm_words.named). Word by word: no look-behind, which older
  // iPhones' Safari cannot read (a regex that failed to build had let the check-in go out
  // as a plain form, offline, with no support page).
  function replacedName(words, name, put) {
    var out = [], i = 0, seen = false;
    while (i < words.length) {
      var match = i + name.length <= words.length;
      for (var j = 0; match && j < name.length; j++) if (words[i + j] !== name[j]) match = false;
      if (match) { out = out.concat(put); i += name.length; seen = true; }
      else { out.push(words[i]); i += 1; }
    }
    return seen ? out : null;
  }

  // ``words`` with each typed form of ``table`` ("wanna", "ion", "jveux", "shakin") in
  // its written words (harm_words.as_written).
  function asWritten(words, table) {
    var out = [];
    words.forEach(function (word) {
      out = out.concat(Object.prototype.hasOwnProperty.call(table, word) ? table[word] : [word]);
    });
    return out;
  }

  // The note, then once more for each way of saying "the baby" in place of each of her
  // babies' names it holds as whole words; then each of these as written out where that
  // differs (harm_words.readings).
  function readings(text, named) {
    var note = normalizedNote(text);
    var words = note.trim() ? note.trim().split(" ") : [];
    var bases = [words];
    ((named && named.names) || []).forEach(function (name) {
      var nameWords = normalizedNote(name).trim();
      if (!nameWords) return;
      nameWords = nameWords.split(" ");
      var babies = named.baby || [];
      for (var k = 0; k < babies.length; k++) {
        var put = replacedName(words, nameWords, normalizedNote(babies[k]).trim().split(" "));
        if (!put) break;
        bases.push(put);
      }
    });
    var table = (named && named.spoken) || {};
    var found = bases.map(function (base) { return " " + base.join(" ") + " "; });
    bases.forEach(function (base) {
      var written = asWritten(base, table);
      if (written.join(" ") !== base.join(" ")) found.push(" " + written.join(" ") + " ");
    });
    return found;
  }

  function mentionsHarm(text, named) {
    var script = document.getElementById("risk-phrases");
    if (!script || !text || !String(text).trim()) return false;
    var phrases;
    try { phrases = harmPhrases(JSON.parse(script.textContent)); } catch (e) { return false; }
    if (named === undefined) {
      var names = document.getElementById("risk-names");
      try { named = names ? JSON.parse(names.textContent) : null; } catch (e) { named = null; }
    }
    var unless = (named && named.unless) || {};
    return readings(text, named).some(function (note) {
      return phrases.some(function (phrase) { return heard(phrase, note, unless); });
    });
  }

  // Whether ``phrase`` is in ``note``, somewhere not followed by words that make it
  // everyday ("en finir avec le tire-lait"; harm_words.heard and unless_next).
  function heard(phrase, note, unless) {
    var start = note.indexOf(phrase);
    if (start < 0) return false;
    var cancel = null;
    Object.keys(unless).forEach(function (end) {
      if (phrase.length >= end.length && phrase.slice(-end.length) === end) cancel = unless[end];
    });
    if (!cancel || !cancel.length) return true;
    while (start >= 0) {
      var rest = note.slice(start + phrase.length);
      if (!cancel.some(function (words) { return rest.indexOf(words + " ") === 0; })) return true;
      start = note.indexOf(phrase, start + 1);
    }
    return false;
  }
  // For the test that holds this reading to the server's, phrase for phrase.
  window.NestwellHarm = {phrases: harmPhrases, mentions: mentionsHarm, readings: readings,
                         heard: heard};

  // A questionnaire's answer that signals risk (its page marks them: data-risk on the
  // answer, data-risk-from on a paper form's safety score), unless she is going back.
  function riskyAnswer(form, submitter) {
    if (submitter && submitter.name === "go" && submitter.value === "back") return false;
    if (form.querySelector("input[data-risk]:checked")) return true;
    var score = form.querySelector("input[data-risk-from]");
    if (!score) return false;
    var typed = typedNumber(score.value);  // "٢" on an Arabic keyboard is a 2
    if (!/^\d{1,3}$/.test(typed)) return false;
    return Number(typed) >= Number(score.dataset.riskFrom);
  }

  document.addEventListener("submit", function (event) {
    if (navigator.onLine || !person) return;
    var form = event.target;
    if (formMethod(form) !== "post") return;
    if (riskyAnswer(form, event.submitter)) {
      // Offline, a questionnaire cannot be sent; a risky answer opens the support page
      // (kept on the phone) at once, as the server would. Her answers so far stay in the
      // form she can come back to.
      event.preventDefault();
      event.stopPropagation();
      location.assign("/support/?from=questionnaire");
      return;
    }
    var entry = null;
    try { entry = entryFor(form, event.submitter); } catch (e) { entry = null; }
    // A check-in with a question left unanswered (or hours of sleep the server refuses)
    // would be refused when the connection is back, and lost then (Ingrid's walk; the
    // review): it is not kept in the queue.
    var incomplete = false, sleepRefused = false;
    try {
      if (entry && entry.type === "checkin") {
        sleepRefused = sleepHoursRefused(form);
        incomplete = sleepRefused || !form.checkValidity();
      }
    } catch (e) { incomplete = false; }
    if (risky(entry)) {
      // A safety answer never waits for the connection, nor for this script to finish
      // starting, nor for anything that can fail: the support page (kept on the phone) at
      // once; her answers are kept for the server first when the queue is there, waiting
      // for it at most a second and a half. Unfinished, they wait in this form instead, as
      // the support page online keeps them for her to finish later if she wants to.
      event.preventDefault();
      event.stopPropagation();
      entry.label = (document.querySelector("h1") || {}).textContent || "";
      if (incomplete) keepDraft(entry);
      var kept = incomplete || !Q ? Promise.resolve() : queue(entry).catch(function () {});
      var soon = new Promise(function (resolve) { setTimeout(resolve, 1500); });
      Promise.race([kept, soon]).then(function () { location.assign("/support/?from=checkin"); });
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (incomplete) {
      if (sleepRefused) {
        // In the page's own words (the field carries them), so it is said even before the
        // page's words for the phone have arrived.
        var hours = form.querySelector("[name=sleep_hours]");
        if (hours.dataset.refused) note(hours.dataset.refused);
        else tell("checkin_sleep", function () { return sleepHoursRefused(form); });
        hours.focus();
      } else {
        tell("checkin_incomplete", function () { return !form.checkValidity(); });
        form.reportValidity();  // the first question left, in the browser's own words
      }
      return;
    }
    var submitter = event.submitter;
    if (!Q) {
      // A tap in the first moments of a page opened offline, before the phone's queue has
      // loaded: htmx would have dropped it without a word. It is kept once the queue is
      // there; only a queue that cannot load at all says it needs the connection.
      (queueReady || Promise.reject()).then(function () {
        keep(form, submitter, entry);
      }, function () { tell("needs_connection"); });
      return;
    }
    keep(form, submitter, entry);
  }, true);

  // An unfinished check-in that opened the support page: her answers wait in this tab
  // (never sent, gone when the tab closes) and are put back when she opens the same
  // check-in again.
  function draftKey(path) {
    return "nestwell-checkin-draft:" + person + ":" + path;
  }

  function keepDraft(entry) {
    try {
      sessionStorage.setItem(draftKey(location.pathname), JSON.stringify(entry.answers));
    } catch (e) { /* storage full or refused: the support page comes first all the same */ }
  }

  function restoreDraft() {
    var form = document.querySelector("form.checkin-form");
    if (!form) return;
    var key = draftKey(location.pathname), answers = null;
    try { answers = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { answers = null; }
    if (!answers) return;
    sessionStorage.removeItem(key);
    Object.keys(answers).forEach(function (name) {
      var fields = form.querySelectorAll("[name='" + name.replace(/[^\w-]/g, "") + "']");
      fields.forEach(function (field) {
        if (field.type === "radio" || field.type === "checkbox") field.checked = field.value === answers[name];
        else if (field.type !== "hidden") field.value = answers[name];
      });
    });
    (words ? Promise.resolve() : loadWords(3)).then(function () { note(say("checkin_draft")); });
  }

  function keep(form, submitter, entry) {
    // The words name what she tapped; on a page whose words came late (a busy server when
    // it opened) they are read now, from the phone, and the tap is kept all the same.
    (words ? Promise.resolve() : loadWords(3)).then(function () {
      if (!entry) {
        try { entry = entryFor(form, submitter); } catch (e) { entry = null; }
      }
      if (!entry) { note(say("needs_connection")); return; }
      if (entry.type === "still") { note(say("still")); return; }
      if (entry.type === "crying") {
        // Crying tapped again while this baby's crying waits unsettled on the phone is the
        // same crying (the server would join them): one card, not two.
        Q.waiting(person).then(function (rows) {
          var settledIds = rows.filter(function (r) { return r.type === "settle"; })
            .map(function (r) { return r.episode; });
          var open = rows.filter(function (r) {
            return r.type === "crying" && r.child === entry.child && settledIds.indexOf(r.id) < 0;
          })[0];
          if (open) { note(fill(say("crying"), {time: hhmm(open.at)})); return; }
          entry.label = labelOf(form, submitter);
          queue(entry);
        });
        return;
      }
      entry.label = entry.type === "checkin" ? (document.querySelector("h1") || {}).textContent || ""
        : labelOf(form, submitter);
      queue(entry);
      // The long check-in form is scrolled to its end: "Saved on this phone" is at the top.
      if (entry.type === "checkin") window.scrollTo({top: 0});
    });
  }

  // Signing out with entries waiting asks first; the worker then forgets her pages.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!/\/logout\/$/.test(formPath(form)) || !Q) return;
    if (form.dataset.confirmed) return;
    event.preventDefault();
    event.stopPropagation();
    Q.waiting(person).then(function (rows) {
      var question = rows.length === 1 ? say("leave_waiting_one")
        : fill(say("leave_waiting"), {count: rows.length});
      if (rows.length && !window.confirm(question)) return;
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({type: "signed-out"});
      }
      form.dataset.confirmed = "1";
      form.submit();
    });
  }, true);

  // htmx asks the server for page parts; offline, a link opens the kept page instead and
  // the timers' refresh waits for the connection.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (navigator.onLine) return;
    event.preventDefault();
    var detail = event.detail || {};
    if (detail.boosted && detail.requestConfig && detail.requestConfig.verb === "get") {
      location.assign(detail.pathInfo.finalRequestPath || detail.pathInfo.requestPath);
    }
  });

  // Signing in (or up) is a boosted page change: htmx swaps the body and keeps this script,
  // so the person is read again from the new page's <main>; the worker is told, and her
  // entries waiting on this phone are sent.
  function adopt() {
    var main = document.getElementById("main");
    var now = main && main.dataset.person !== undefined ? main.dataset.person : person;
    var home = main && main.dataset.household !== undefined ? main.dataset.household : household;
    if (now === person && home === household) return;
    person = now;
    household = home;
    script.dataset.person = now;
    script.dataset.household = home;
    shown = 0;
    tellTheWorker();
    sync();
  }

  function tellTheWorker() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (reg) {
      reg.active.postMessage({type: "person", person: person, household: household,
                              csrf: csrf()});
    }).catch(function () { /* no worker: the app works online only */ });
  }

  function pause(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // The worker keeps the support page on the phone, so it is registered before anything
  // else, whatever else fails. A registration or an install cut short (the worker's own
  // script or a file it keeps did not arrive on weak Wi-Fi, a busy server) is tried again
  // a little later, a few times; the next page she opens tries again too.
  var WORKER_TRIES = 5;
  function registerWorker(tries) {
    if (!("serviceWorker" in navigator)) return;
    function again() {  // 3 s, then 6, 9 and 12: half a minute in all
      if (tries > 1) pause(3000 * (WORKER_TRIES + 1 - tries)).then(function () {
        registerWorker(tries - 1);
      });
    }
    navigator.serviceWorker.register(script.dataset.sw, {scope: "/"}).then(function (reg) {
      tellTheWorker();
      var installing = reg.installing;
      if (!installing) {
        if (!reg.waiting && !reg.active) again();  // its install already failed
        return;
      }
      installing.addEventListener("statechange", function () {
        if (installing.state === "redundant" && !reg.active && !reg.waiting && !reg.installing) {
          again();
        }
      });
    }).catch(again);
  }

  // The page's words for what waits on this phone; a server too busy to answer is asked
  // again, and the page works without them meanwhile (say() gives "").
  async function loadWords(tries) {
    for (var i = 0; i < tries && !words; i++) {
      if (i) await pause(1000 * i);
      try {
        var response = await fetch(script.dataset.words, {credentials: "same-origin"});
        if (response.ok) words = await response.json();
      } catch (e) { /* offline, or the worker not there yet: again */ }
    }
    return !!words;
  }

  async function start() {
    registerWorker(WORKER_TRIES);
    restoreDraft();
    window.addEventListener("pageshow", function (event) { if (event.persisted) restoreDraft(); });
    queueReady = load(script.dataset.idb).then(function () {
      return load(script.dataset.queue);
    }).then(function () { Q = window.NestwellQueue; });
    await queueReady;
    await loadWords(4);
    render();
    sync();
    window.addEventListener("online", function () {
      if (!words) loadWords(1).then(render);
      sync();
    });
    window.addEventListener("offline", render);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") sync();
    });
    document.addEventListener("htmx:afterSettle", function () { adopt(); render(); restoreDraft(); });
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.addEventListener("message", function (event) {
        var data = event.data || {};
        if (data.type !== "synced") return;
        (data.sent ? refreshRegions() : Promise.resolve()).then(render);
      });
    }
    if (channel) channel.addEventListener("message", function () { refreshRegions().then(render); });
  }
  start();
})();

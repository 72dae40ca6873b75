// Nestwell's service worker (rendered by nestwell/offline/views.py). It keeps the app's
// files and the pages she needs offline on the phone, and sends what she logged offline
// when the connection is back (Background Sync, where the browser has it). Built on
// Workbox (vendored from the npm registry by scripts/fetch-offline.py).
"use strict";
importScripts.apply(self, {{ imports|safe }});
const CONFIG = {{ config|safe }};
const PAGES = "nestwell-pages";    // one person's pages: cleared when the person changes
const PUBLIC = "nestwell-public";  // the support page as anyone sees it, and the offline page

workbox.core.setCacheNameDetails({prefix: "nestwell"});
self.skipWaiting();
workbox.core.clientsClaim();

// The app shell: hashed names, so a new release fetches only what changed.
workbox.precaching.precacheAndRoute(
  CONFIG.shell.map(url => ({url, revision: null})).concat([CONFIG.words]));
workbox.precaching.cleanupOutdatedCaches();

// Every other static file: its name changes with its content, so the kept copy is right.
workbox.routing.registerRoute(
  ({url, request}) => url.origin === location.origin && request.method === "GET"
    && url.pathname.startsWith(CONFIG.static),
  new workbox.strategies.CacheFirst({cacheName: "nestwell-static"}));

function pathOf(url) { return new URL(url, location.origin).pathname; }
const KEPT = new Set(CONFIG.pages.map(pathOf));

async function currentPerson() {
  const meta = await NestwellQueue.getMeta();
  return meta && meta.person ? String(meta.person) : "";
}

// Pages: the network first (she sees what is new), the phone's copy when offline. Only
// the pages she needs offline are kept, and only while someone is signed in.
const keepForHer = {
  cacheWillUpdate: async ({response}) => {
    if (!response || response.status !== 200 || response.redirected) return null;
    return (await currentPerson()) ? response : null;
  },
};
const pages = new workbox.strategies.NetworkFirst({
  cacheName: PAGES, networkTimeoutSeconds: 6, plugins: [keepForHer],
  matchOptions: {ignoreSearch: true, ignoreVary: true},
});
// The support page is kept as each address asked for it: after a check-in
// ("?from=checkin") it thanks her for her answer, and "Need support now?" with nothing
// sent opened that copy offline (Yasmin's walk). An address not kept gets the plain page.
const supportPages = new workbox.strategies.NetworkFirst({
  cacheName: PAGES, networkTimeoutSeconds: 6, plugins: [keepForHer],
  matchOptions: {ignoreVary: true},
});

async function offlineAnswer(request) {
  const path = pathOf(request.url);
  const kept = await caches.open(PAGES).then(c => path === CONFIG.support
    ? c.match(request, {ignoreVary: true}).then(found => found || c.match(CONFIG.support, {ignoreVary: true}))
    : c.match(request, {ignoreSearch: true, ignoreVary: true}));
  if (kept) return kept;
  const publicCache = await caches.open(PUBLIC);
  if (path === CONFIG.support) {
    const support = await publicCache.match(CONFIG.support, {ignoreVary: true});
    if (support) return support;
  }
  return (await publicCache.match(CONFIG.offline, {ignoreVary: true})) || Response.error();
}

workbox.routing.registerRoute(
  ({request, url}) => request.mode === "navigate" && url.origin === location.origin,
  async ({request, event}) => {
    const path = pathOf(request.url);
    if (KEPT.has(path)) {
      const strategy = path === CONFIG.support ? supportPages : pages;
      try { return await strategy.handle({request, event}); } catch (e) { /* offline */ }
      return offlineAnswer(request);
    }
    try { return await fetch(request); } catch (e) { return offlineAnswer(request); }
  });

// The public pages (the support page without anyone's contacts, the offline page) are
// kept from the start, fetched without the session.
async function keepPublic() {
  const cache = await caches.open(PUBLIC);
  await Promise.all([CONFIG.support, CONFIG.offline].map(async url => {
    try {
      const response = await fetch(url, {credentials: "omit", cache: "no-store"});
      if (response.ok) await cache.put(url, response);
    } catch (e) { /* next time */ }
  }));
}

// Her pages, fetched at once so that they open offline even before she visits them.
async function keepHerPages() {
  const cache = await caches.open(PAGES);
  for (const url of CONFIG.pages) {
    try {
      let response = await fetch(url, {credentials: "same-origin", redirect: "manual"});
      if (response.status >= 500) {
        // A busy server (a queue being saved at the same moment): once more, a little later.
        await new Promise(resolve => setTimeout(resolve, 1000));
        response = await fetch(url, {credentials: "same-origin", redirect: "manual"});
      }
      if (response.status === 200 && await currentPerson()) await cache.put(url, response);
    } catch (e) { /* offline: next time */ }
  }
}

async function forgetPages() { await caches.delete(PAGES); }

self.addEventListener("install", event => { event.waitUntil(keepPublic()); });

// Messages are handled one after the other: two tabs opening at once must not both find
// "a new person" and remove the pages the other is keeping.
let handling = Promise.resolve();
function inTurn(work) {
  handling = handling.then(work, work);
  return handling;
}

self.addEventListener("message", event => {
  const data = event.data || {};
  // Offline, a page kept for anyone (the offline page, the support page before hers was
  // kept) shows nobody signed in; that is not a sign-out, and her pages stay.
  if (data.type === "person" && !data.person && !self.navigator.onLine) return;
  if (data.type === "person") {
    // A new person on this phone (or nobody), or the same person in another household or
    // in none (taken out of it): the pages kept before are removed first. A member removed
    // from a household had kept its Today, with the baby's day, on her phone.
    event.waitUntil(inTurn(async () => {
      const meta = await NestwellQueue.getMeta();
      const now = data.person ? String(data.person) : "";
      // A page from before households were named (kept on the phone, or opened before
      // this worker) says nothing of its household: read as the one already kept. So does
      // a phone that kept pages before: the same person's pages are hers, not forgotten.
      const household = data.household !== undefined ? String(data.household)
        : (meta.pagesOf || "").split("@")[1] || "";
      const pagesOf = now ? now + "@" + household : "";
      const before = meta.pagesOf !== undefined ? meta.pagesOf
        : (meta.person ? String(meta.person) + "@" + household : "");
      // Offline, only another person is a reason to forget (a shared phone); another
      // household waits for the connection, when her pages can be fetched again.
      const otherPerson = before.split("@")[0] !== now;
      if (before !== pagesOf && (otherPerson || self.navigator.onLine)) await forgetPages();
      else if (before !== pagesOf) return;
      await NestwellQueue.setMeta({person: now, csrf: data.csrf || "", pagesOf});
      // Fetched once per person and household, and again when a page is missing (a new
      // release, an article added); each visit online refreshes the page it shows.
      if (now && (before !== pagesOf || (await caches.open(PAGES).then(c => c.keys())).length
                  < CONFIG.pages.length)) await keepHerPages();
      event.source && event.source.postMessage({type: "pages-kept"});
    }));
  } else if (data.type === "signed-out") {
    event.waitUntil(inTurn(() => Promise.all([
      forgetPages(), NestwellQueue.setMeta({person: "", csrf: "", pagesOf: ""})])));
  }
});

// Background Sync: the browser wakes the worker when the connection is back.
self.addEventListener("sync", event => {
  if (event.tag !== NestwellQueue.SYNC_TAG) return;
  // The open pages show what was sent; a failure is retried by the browser.
  event.waitUntil(NestwellQueue.flush().then(async outcome => {
    const sent = outcome ? outcome.sent : 0;
    (await self.clients.matchAll()).forEach(c => c.postMessage({type: "synced", sent}));
    if (outcome && outcome.error) throw new Error("not sent yet");
  }));
});

/* Nestwell's Web Push handlers, for the service worker to importScripts().
   A notification says only the generic words it was sent with; clicking it opens the
   list of due reminders inside the app (behind the sign-in). */
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  event.waitUntil(self.registration.showNotification(data.title || "Nestwell", {
    body: data.body || "A gentle reminder from Nestwell",
    tag: data.tag || "nestwell-reminder",
    renotify: false,
    silent: false,
    data: { url: data.url || "/reminders/" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const wanted = new URL((event.notification.data && event.notification.data.url) || "/reminders/",
                         self.location.origin);
  // Only ever a page of this app.
  const url = wanted.origin === self.location.origin ? wanted.href
    : new URL("/reminders/", self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true })
    .then((windows) => {
      for (const client of windows) {
        if (client.url.startsWith(self.location.origin) && "focus" in client) {
          return client.navigate(url).then((c) => (c || client).focus());
        }
      }
      return self.clients.openWindow(url);
    }));
});

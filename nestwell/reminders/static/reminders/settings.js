/* The reminders page: say plainly whether this browser can get notifications, and
   subscribe it when she asks. Without push, the reminders still show in the app. */
(function () {
  function start() {
    const box = document.getElementById("push");
    if (!box || box.dataset.pushReady) return;
    box.dataset.pushReady = "1";
    const status = document.getElementById("push-status");
    const texts = document.getElementById("push-texts").dataset;
    const button = document.getElementById("push-on");
    const buttonBox = document.getElementById("push-on-box");
    const say = (text) => { status.textContent = text; };

    if (!window.isSecureContext) return say(texts.insecure);
    if (!("serviceWorker" in navigator) || !("PushManager" in window)
        || !("Notification" in window)) return say(texts.unsupported);
    if (Notification.permission === "denied") return say(texts.denied);

    function key() {
      const base64 = box.dataset.key.replace(/-/g, "+").replace(/_/g, "/");
      const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
      return Uint8Array.from(raw, (c) => c.charCodeAt(0));
    }

    function registration() {
      return navigator.serviceWorker.getRegistration().then((found) =>
        found || navigator.serviceWorker.register(box.dataset.worker))
        .then(() => navigator.serviceWorker.ready);
    }

    function subscribe() {
      button.disabled = true;
      return Notification.requestPermission().then((permission) => {
        if (permission !== "granted") throw new Error("denied");
        return registration();
      }).then((reg) => reg.pushManager.subscribe({ userVisibleOnly: true,
                                                   applicationServerKey: key() }))
        .then((subscription) => fetch(box.dataset.add, {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json",
                     "X-CSRFToken": box.querySelector("[name=csrfmiddlewaretoken]").value },
          body: JSON.stringify(subscription.toJSON()),
        })).then((response) => {
          if (!response.ok) throw new Error("refused");
          window.location.reload();
        }).catch((error) => {
          button.disabled = false;
          say(Notification.permission === "denied" ? texts.denied : texts.failed);
          if (Notification.permission === "denied") buttonBox.hidden = true;
          console.info("Nestwell: notifications not turned on:", error && error.name);
        });
    }

    navigator.serviceWorker.getRegistration().then((reg) =>
      reg ? reg.pushManager.getSubscription() : null).then((subscription) => {
      // Known here only if the server still has it (a new password removes every device).
      const known = JSON.parse(document.getElementById("push-endpoints").textContent);
      if (subscription && Notification.permission === "granted"
          && known.includes(subscription.endpoint)) return say(texts.on);
      say(texts.ready);
      buttonBox.hidden = false;
      button.addEventListener("click", subscribe);
    }).catch(() => say(texts.unsupported));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:load", start);
})();

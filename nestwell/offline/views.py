"""The service worker, served from the site's root so that it may look after every page,
and the page shown offline when a page was never kept on the phone."""

import hashlib
import json
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_htmx.jinja import htmx_script

from nestwell.care import cues
from nestwell.insights import guidance
from nestwell.journal.kinds import KINDS

# What every page needs, kept on the phone when the worker installs (the names carry the
# files' hashes in production, so a new release brings new names and nothing stale stays).
SHELL = ["nestwell/app.css", "nestwell/app.js", "nestwell/icon.svg", "offline/offline.js",
         "offline/queue.js", "offline/vendor/idb.umd.js"]
# The night screen's own files and the home-screen icon, kept too where this Nestwell has them.
NIGHT = ["nestwell/night.css", "nestwell/night.js", "nestwell/icons/apple-touch-icon.png"]
PUSH = "reminders/push-handlers.js"
WORKBOX = ["workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching"]


def _htmx_url():
    return re.search(r'src="([^"]+)"', str(htmx_script())).group(1)


def _night_url():
    """The night screen, where this Nestwell has one."""
    for name in ("night", "journal:night", "night:screen"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def offline_pages():
    """The pages she can open offline, kept for the signed-in person: today, the night
    screen, the check-in (and the short one), the support page (her contacts, her
    country's lines) and every guidance article."""
    pages = [reverse("journal:home"), reverse("support"), reverse("wellbeing:checkin"),
             reverse("wellbeing:checkin_short"), reverse("guidance:list")]
    pages += [reverse("guidance:article", args=[slug]) for slug in guidance.library()]
    night = _night_url()
    return pages + ([night] if night else [])


@require_GET
@never_cache
def service_worker(request):
    imports = [static(f"offline/vendor/{name}.prod.js") for name in WORKBOX]
    imports += [static("offline/vendor/idb.umd.js"), static("offline/queue.js")]
    # The reminders' push handlers live with the reminders (this worker defines none).
    imports += [static(PUSH)] if finders.find(PUSH) else []
    words = json.dumps(_words(), sort_keys=True)
    config = {
        # Kept with the shell; its revision changes whenever a word does.
        "words": {"url": reverse("offline:words"),
                  "revision": hashlib.sha256(words.encode()).hexdigest()[:16]},
        "shell": [static(name) for name in SHELL + [n for n in NIGHT if finders.find(n)]]
        + [_htmx_url()],
        "pages": offline_pages(),
        "support": reverse("support"),
        "offline": reverse("offline:page"),
        "static": settings.STATIC_URL,
    }
    response = render(request, "offline/sw.js", {
        "imports": json.dumps(imports), "config": json.dumps(config),
    }, content_type="text/javascript; charset=utf-8")
    # The worker looks after every page of the site, from the root.
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline_page(request):
    """Shown when she opens, offline, a page the phone has not kept."""
    return render(request, "offline/offline.html")


def _words():
    return {
        "kept": _("Kept on this phone"),
        "waiting": _("Waiting to sync"),
        "intro": _("You are offline. What you log is kept safely here and sent when the "
                   "connection is back."),
        "saved_here": _("Saved on this phone."),
        "all_sent": _("Everything you logged offline has reached Nestwell."),
        "not_saved": _("Not saved"),
        "not_saved_intro": _("Nestwell could not save these. Nothing else was affected."),
        "dismiss": _("Got it"),
        "stop": _("Stop"),
        "running": _("running since %(time)s"),
        "crying": _("Crying since %(time)s"),
        "responding": _("I'm responding by…"),
        "answering": _("Answering: %(way)s"),
        "settled": _("Settled"),
        "settled_at": _("settled at %(time)s"),
        "still": _("Still crying: take your time. Try something else when you are ready."),
        "stopped": _("stopped at %(time)s"),
        "stopped_here": _("Stopped at %(time)s on this phone, waiting to sync"),
        "checkin_incomplete": _("A question is still unanswered: answer it to keep your "
                                "check-in. Nothing was saved yet."),
        "checkin_sleep": _("Between 0 and 24 hours, please (or leave it empty)."),
        "checkin_draft": _("Your answers from before are back here. Finish your check-in "
                           "when you are ready, and only if you want to."),
        "needs_connection": _("This needs a connection. Nothing was changed; please try "
                              "again when you are back online."),
        "leave_waiting_one": _("One entry made on this phone is still waiting to be sent. "
                               "If you sign out now, it stays here and is sent the next "
                               "time you sign in. Sign out anyway?"),
        # No plural to agree with the number (languages such as Arabic have six forms,
        # and this is filled in on the phone): the count stands apart.
        "leave_waiting": _("Entries made on this phone and still waiting to be sent: "
                           "%(count)s. If you sign out now, they stay here and are sent the "
                           "next time you sign in. Sign out anyway?"),
        "ways": [[code, str(cues.WAYS[code])] for code in cues.CRY_WAYS],
        "timed": [code for code, spec in KINDS.items() if spec.timed],
    }


@require_GET
def words(request):
    """The few sentences the offline script shows, in her language."""
    return JsonResponse(_words())

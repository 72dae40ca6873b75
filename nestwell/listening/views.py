"""The listening page: a spare phone, tablet or laptop near the baby runs the cry detector
in its browser and sends only "crying started / stopped" events (never sound) through the
listening API."""

from csp.decorators import csp_update
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nestwell.accounts.decorators import member_required
from nestwell.accounts.roles import Role
from nestwell.children.current import current_child, household_children

# MediaPipe's runtime is WebAssembly: compiling it needs 'wasm-unsafe-eval' (which allows
# WebAssembly only, never eval of JavaScript), on this page alone.
WASM = {"script-src": ["'wasm-unsafe-eval'"]}


def words():
    """What listen.js says, in the page's language."""
    return {
        "loading": _("Getting the detector ready (about 11 MB the first time)…"),
        "asking": _("Asking for the microphone…"),
        "listening": _("Listening"),
        "since": _("Listening since %(time)s. All quiet so far."),
        "crying": _("Crying heard"),
        "not_hearing": _("Not hearing anything"),
        "heard_crying": _("Crying heard at %(time)s; the household has been told."),
        "heard_quiet": _("Quiet again since %(time)s."),
        "heard_happy": _("Happy sounds at %(time)s."),
        "stopped": _("Stopped. Nothing is being heard."),
        "failed": _("Listening could not start. %(reason)s"),
        "unsupported": _("This browser cannot run the detector. A recent Chrome, Edge, "
                         "Firefox or Safari can."),
        "insecure": _("Browsers lend the microphone only to a site opened over HTTPS (or "
                      "on this very computer): open Nestwell by its https:// address."),
        "mic_denied": _("The microphone was not allowed. Allow it for this site in the "
                        "browser's settings, then start again."),
        "mic_lost": _("The microphone has stopped: nothing is being heard."),
        "mic_muted": _("The microphone is muted by the device: nothing is being heard."),
        "mic_silent": _("No sound is coming from the microphone: nothing is being heard."),
        "slept": _("This device was asleep for about %(minutes)s min (until %(time)s): "
                   "nothing was heard in that time."),
        "hidden": _("This page is hidden, so the browser may stop listening. Keep it open "
                    "on the screen."),
        "no_wake": _("The screen could not be kept on, so this device may fall asleep and "
                     "stop listening. Plug it in and turn off auto-lock."),
        "server": _("Nestwell cannot be reached. Listening goes on here, and what is heard "
                    "is sent as soon as Nestwell answers."),
        "refused": _("Nestwell did not accept this device (signed out?). Sign in again, "
                     "then start listening."),
    }


def page_link(request, child):
    """Today and the night screen offer the listening page beside the crying button; not
    for a baby still in a neonatal unit, with no nursery at home to listen in yet."""
    if child.is_in_unit:
        return {}
    return {"listen_url": reverse("listening:page")}


@require_GET
@member_required(role=Role.CAREGIVER)
@csp_update(WASM)
def listen(request):
    """Pick the baby, name the device, start: the rest happens in listen.js."""
    babies = [child for child in household_children(request)
              if child.is_born and not child.is_remembered]
    chosen = current_child(request, babies)
    return render(request, "listening/listen.html", {
        "babies": babies, "chosen": chosen, "theme": "night", "words": words(),
    })

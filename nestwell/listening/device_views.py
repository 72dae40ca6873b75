"""The pages' side of listening: the banner every open page of the household asks for
(crying heard, a device gone silent) and the list of the household's listening devices."""

import hashlib
import re

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required
from nestwell.children.current import back
from nestwell.listening import services
from nestwell.listening.models import ListeningDevice

# How often an open page asks: every 2 s while a device in the household was heard in the
# last minute (or crying is waiting for an answer), else every 5 s, so a device that
# starts listening is noticed soon without every page asking all the time.
# 20 s had let crying heard 9 s after a device started reach a page opened before it
# only after 6 s more (Grace): 5 s.
FAST, SLOW = 2, 5
SHOWN_DEVICES = 50
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@never_cache
@member_required()
def banner(request):
    """The small banner on every page: 204 (nothing to change) when the page already shows
    what there is to show, so an unchanged banner is not swapped (nor read out) again."""
    state = services.status(request.household)
    # The crying card to answer from: the night screen's when the banner is on it.
    state["next_page"] = "night" if "/night/" in request.headers.get("HX-Current-URL", "") \
        else "home"
    every = FAST if state["listening"] or state["crying"] else SLOW
    body = render_to_string("listening/_banner_body.html", state, request=request).strip()
    # The form's CSRF token is masked afresh each time: what the banner says is the rest.
    said = CSRF_INPUT.sub("", body)
    seen = hashlib.sha256(f"{every}|{said}".encode()).hexdigest()[:16]
    if request.GET.get("seen") == seen:
        return HttpResponse(status=204)
    return render(request, "listening/_banner.html", {
        "body": body, "every": every,
        "url": f"{reverse('listening:banner')}?seen={seen}"})


@member_required()
def devices(request):
    """When each listening device of the household was last heard from."""
    now = timezone.now()
    rows = list(ListeningDevice.objects.filter(household=request.household)
                .select_related("child", "created_by")[:SHOWN_DEVICES])
    for device in rows:
        device.lost = device.stopped_at is None and (
            now - device.last_heard_at > services.LOST_AFTER or device.deaf_at is not None)
        device.listening = device.stopped_at is None and not device.lost
    return render(request, "listening/devices.html", {"devices": rows})


@member_required()
@require_POST
def closed_seen(request, pk):
    """"Got it": the banner no longer says this device's page was closed."""
    device = get_object_or_404(ListeningDevice, pk=pk, household=request.household)
    services.seen_closed(device)
    return back(request)


@member_required()
@require_POST
def stop(request, pk):
    device = get_object_or_404(ListeningDevice, pk=pk, household=request.household)
    services.stop(device)
    messages.success(request, _("%(name)s is no longer shown as listening.")
                     % {"name": device.name})
    return redirect("listening:devices")

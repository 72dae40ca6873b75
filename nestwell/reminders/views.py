"""Her reminders: the list of what is due, the banner on Today, her choices and devices."""

import json

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.roles import Role
from nestwell.reminders import services, vapid
from nestwell.reminders.forms import DeviceForm, PreferencesForm
from nestwell.reminders.models import PushSubscription

# Her own reminders: every member has them, viewers too, and only she sees them.
personal = member_required(role=Role.VIEWER, write_role=Role.VIEWER)


@require_GET
@personal
def due_list(request):
    """Where a notification leads: what is due, in full, behind the sign-in."""
    return render(request, "reminders/due.html", {
        "reminders": services.due_for(request.user, request.household)})


@require_GET
@personal
def banner(request):
    """The calm line on Today, fetched after the page has loaded."""
    return render(request, "reminders/_banner.html", {
        "reminders": services.due_for(request.user, request.household)})


@require_POST
@personal
def put_away(request):
    if not services.put_away(request.user, request.household, request.POST.get("key", "")):
        messages.info(request, _("That reminder is no longer due."))
    return redirect("reminders:due")


@personal
def settings_page(request):
    prefs = services.preferences(request.user, request.household)
    form = PreferencesForm(request.POST or None, instance=prefs)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(form.save(commit=False))
        messages.success(request, _("Your reminders are saved."))
        return redirect("reminders:settings")
    devices = list(PushSubscription.objects.filter(user=request.user,
                                                   household=request.household))
    return render(request, "reminders/settings.html", {
        "form": form, "devices": devices, "public_key": vapid.public_key(),
        "endpoints": [d.endpoint for d in devices],
        "zone": request.household.time_zone,
    })


@require_POST
@personal
def device_add(request):
    """The page's script sends this browser's subscription as JSON."""
    try:
        data = json.loads(request.body or b"{}")
        fields = {"endpoint": data.get("endpoint"), **(data.get("keys") or {})}
    except (ValueError, AttributeError, TypeError):
        fields = None
    form = DeviceForm(fields) if isinstance(fields, dict) else None
    if form is None or not form.is_valid():
        return JsonResponse({"error": _("This browser sent a subscription we cannot use.")},
                            status=400)
    device = services.add_device(
        request.user, request.household, label=device_label(request.headers.get(
            "User-Agent", "")), **form.cleaned_data)
    return JsonResponse({"id": device.pk}, status=201)


@require_POST
@personal
def device_remove(request, pk):
    device = get_object_or_404(PushSubscription, pk=pk, user=request.user,
                               household=request.household)
    device.delete()
    messages.success(request, _("That device will get no more notifications."))
    return redirect("reminders:settings")


@require_POST
@personal
def send_test(request):
    sent = services.send_test(request.user, request.household)
    if sent:
        messages.success(request, _("A test notification is on its way."))
    else:
        messages.info(request, _("No device took the test notification. Your reminders "
                                 "still show in the app."))
    return redirect("reminders:settings")


@require_POST
@personal
def repeat(request, instrument_id):
    from nestwell.wellbeing import questionnaires

    if questionnaires.get(instrument_id) is None or (
            instrument_id in questionnaires.ABOUT_THE_BABY
            and instrument_id not in {q["id"] for q in questionnaires.offered(
                request.household)}):
        raise Http404  # one about a baby who has died is not asked again (no broken promise)
    services.ask_to_repeat(request.user, request.household, instrument_id)
    messages.success(request, _("We will remind you in two weeks."))
    return redirect(request.POST.get("back") if _own_path(request.POST.get("back"))
                    else "reminders:settings")


def _own_path(path):
    return isinstance(path, str) and path.startswith("/") and not path.startswith("//") \
        and "\\" not in path


def device_label(agent: str) -> str:
    """A short name for a browser she will recognise in the list ("Firefox on Android")."""
    browser = next((name for token, name in (
        ("Edg/", "Edge"), ("Firefox/", "Firefox"), ("SamsungBrowser/", "Samsung Internet"),
        ("Chrome/", "Chrome"), ("Safari/", "Safari")) if token in agent), _("A browser"))
    system = next((name for token, name in (
        ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
        ("Windows", "Windows"), ("Mac OS", "Mac"), ("Linux", "Linux")) if token in agent), "")
    return _("%(browser)s on %(system)s") % {"browser": browser, "system": system} \
        if system else browser

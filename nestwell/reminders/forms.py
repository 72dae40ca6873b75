import ipaddress
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from nestwell.reminders.models import Preferences


class PreferencesForm(forms.ModelForm):
    timer_minutes = forms.IntegerField(label=_("Minutes before a timer reminder"), min_value=5,
                                       max_value=24 * 60)
    checkin_days = forms.IntegerField(label=_("Days between check-in reminders"), min_value=1,
                                      max_value=60)
    pumping_hours = forms.IntegerField(label=_("Hours after the last pumping"), min_value=1,
                                       max_value=12, required=False)

    class Meta:
        model = Preferences
        fields = ["timer_on", "timer_minutes", "repeat_on", "checkin_on", "checkin_days",
                  "kangaroo_on", "kangaroo_at", "pumping_on", "pumping_hours", "partner_on",
                  "crying_on", "quiet_on",
                  "quiet_start", "quiet_end"]
        labels = {"kangaroo_at": _("Time of the skin-to-skin reminder"),
                  "quiet_on": _("Keep quiet hours")}
        widgets = {name: forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
                   for name in ("kangaroo_at", "quiet_start", "quiet_end")}


    def clean_pumping_hours(self):
        # Left empty (or sent by a page from before it was asked): as it was.
        return self.cleaned_data["pumping_hours"] or self.instance.pumping_hours or 3


class DeviceForm(forms.Form):
    """A browser's push subscription, as ``PushSubscription.toJSON()`` gives it."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.RegexField(regex=r"^[A-Za-z0-9_-]{80,100}={0,2}$", max_length=200)
    auth = forms.RegexField(regex=r"^[A-Za-z0-9_-]{16,30}={0,2}$", max_length=100)

    def clean_endpoint(self):
        endpoint = self.cleaned_data["endpoint"]
        # Push services are always reached over HTTPS; anything else is not a push service.
        # Push services are always reached over HTTPS by name; an address on this machine or
        # a bare IP address is not one, and the server never posts to it.
        host = (urlsplit(endpoint).hostname or "").lower()
        if not endpoint.startswith("https://") or _local_or_literal(host):
            raise forms.ValidationError(_("This is not a push service's address."))
        return endpoint


def _local_or_literal(host):
    if host in ("", "localhost") or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True

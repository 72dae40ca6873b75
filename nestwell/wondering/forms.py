from django import forms
from django.utils.translation import gettext_lazy as _

from nestwell.wondering.models import Choices
from nestwell.wondering.rule import MOST_PER_DAY


class ChoicesForm(forms.ModelForm):
    per_day = forms.TypedChoiceField(
        label=_("At most, each day"), coerce=int,
        choices=[(n, str(n)) for n in range(1, MOST_PER_DAY + 1)])

    class Meta:
        model = Choices
        fields = ["after_feed", "after_settle", "daily", "daily_at", "per_day"]
        labels = {"after_feed": _("After a feed you gave"),
                  "after_settle": _("After a cry you answered has settled"),
                  "daily": _("Once a day"), "daily_at": _("Time of the daily question")}
        widgets = {"daily_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

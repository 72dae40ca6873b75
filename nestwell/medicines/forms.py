from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.forms import SHARED_NOTE_HELP, DateTimeField, ServiceErrorsMixin, also_for_field
from nestwell.medicines import services
from nestwell.medicines.models import FORMS, SCHEDULES, UNITS

NOTE = forms.Textarea(attrs={"rows": 2})


class MedicineForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name, as on the label"), max_length=80,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))
    dose = forms.CharField(label=_("Usual dose (if you like)"), required=False, max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                         "autocomplete": "off"}))
    unit = forms.ChoiceField(label=_("Unit"), required=False,
                             choices=[("", _("Not noted")), *UNITS])
    form = forms.ChoiceField(label=_("Form"), required=False,
                             choices=[("", _("Not noted")), *FORMS])
    schedule = forms.ChoiceField(label=_("Schedule, as your pharmacist, doctor or the label "
                                         "says"), required=False, choices=SCHEDULES,
                                 widget=forms.RadioSelect)
    daily_at = forms.TimeField(label=_("Once a day: usually at"), required=False,
                               widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    min_hours = forms.CharField(label=_("Hours apart: no sooner than"), required=False,
                                max_length=5,
                                widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                              "autocomplete": "off"}))
    most_per_day = forms.IntegerField(label=_("Hours apart: at most this many doses in 24 "
                                              "hours (if the label says)"), required=False,
                                      min_value=1, max_value=24)
    remind = forms.BooleanField(label=_("Remind me (once a day: at its time, if not given "
                                        "yet; hours apart: when the next dose fits)"),
                                required=False)
    note = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=NOTE,
                           help_text=SHARED_NOTE_HELP)
    stopped = forms.BooleanField(label=_("No longer given (kept with its doses)"),
                                 required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, medicine=None, others=(), **kwargs):
        initial = {"schedule": ""}
        if medicine is not None:
            initial = {f: getattr(medicine, f) for f in (
                "name", "unit", "form", "schedule", "daily_at", "most_per_day", "remind",
                "note", "stopped", "version")}
            initial["dose"] = _plain(medicine.dose)
            initial["min_hours"] = _plain(medicine.min_hours)
        super().__init__(*args, initial=initial, **kwargs)
        if medicine is None:
            del self.fields["stopped"]
        if medicine is None and others:
            # Twins and triplets: vitamin D drops for each, added once (Bisi added the
            # same drops three times).
            self.fields["also_for"] = also_for_field(others, _(
                "The same medicine and schedule, kept for each baby ticked, with doses of "
                "their own."))

    def clean(self):
        data = super().clean()
        self.check_the_rest(services.check_medicine)
        return data


def _plain(number):
    return "" if number is None else f"{number.normalize():f}"


class DoseForm(ServiceErrorsMixin, forms.Form):
    medicine = forms.TypedChoiceField(label=_("Medicine"), coerce=int, choices=())
    given_at = DateTimeField(label=_("When"))
    amount = forms.CharField(label=_("Dose (the usual one if left empty)"), required=False,
                             max_length=12,
                             widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                           "autocomplete": "off"}))
    unit = forms.ChoiceField(label=_("Unit"), required=False,
                             choices=[("", _("The usual one")), *UNITS])
    note = forms.CharField(label=_("A note for later"), required=False, max_length=2000,
                           widget=NOTE,
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, medicines=(), dose=None, **kwargs):
        initial = {"given_at": timezone.localtime().replace(second=0, microsecond=0)}
        if dose is not None:
            initial = {"given_at": timezone.localtime(dose.given_at),
                       "amount": _plain(dose.amount), "unit": dose.unit, "note": dose.note,
                       "version": dose.version}
        super().__init__(*args, initial=initial, **kwargs)
        if dose is not None:
            del self.fields["medicine"]
            self.fields["amount"].label = _("Dose")
            self.fields["unit"].choices = [("", _("Not noted")), *UNITS]
        else:
            self.fields["medicine"].choices = [(m.pk, m.name) for m in medicines]

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.accounts import measures
from nestwell.forms import (
    SHARED_NOTE_HELP,
    BabyChoiceMixin,
    DateTimeField,
    ServiceErrorsMixin,
    also_for_field,
)
from nestwell.health import fever, nappies
from nestwell.lib.measures import fahrenheit


class NappyForm(BabyChoiceMixin, ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("The nappy was"), choices=nappies.KIND_CHOICES,
                             widget=forms.RadioSelect)
    changed_at = DateTimeField(label=_("When"))
    colour = forms.ChoiceField(label=_("Colour of the poo (if you like)"), required=False,
                               choices=[("", _("Not noted")), *nappies.COLOUR_CHOICES],
                               widget=forms.RadioSelect)
    consistency = forms.ChoiceField(label=_("Texture (if you like)"), required=False,
                                    choices=[("", _("Not noted")),
                                             *nappies.CONSISTENCY_CHOICES],
                                    widget=forms.RadioSelect)
    note = forms.CharField(label=_("A note for later"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, nappy=None, children=(), others=(), **kwargs):
        initial = {"changed_at": timezone.localtime().replace(second=0, microsecond=0),
                   "colour": "", "consistency": ""}
        if nappy is not None:
            initial = {"kind": nappy.kind, "colour": nappy.colour,
                       "consistency": nappy.consistency, "note": nappy.note,
                       "changed_at": timezone.localtime(nappy.changed_at),
                       "version": nappy.version}
        super().__init__(*args, initial=initial, **kwargs)
        if nappy is not None:
            self.offer_babies(nappy.child, children)
        elif others:
            # Twins and triplets changed one after the other: one form, a nappy for each
            # baby ticked (Bisi kept three the same, one at a time).
            self.fields["also_for"] = also_for_field(others, _(
                "The same nappy, at the same time, kept for each baby ticked."))


class TemperatureForm(BabyChoiceMixin, ServiceErrorsMixin, forms.Form):
    celsius = forms.CharField(label=_("Temperature"), max_length=8,
                              widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                            "autocomplete": "off"}))
    unit = forms.ChoiceField(label=_("In"), choices=[("C", "°C"), ("F", "°F")],
                             widget=forms.RadioSelect, initial="C")
    taken_at = DateTimeField(label=_("When"))
    note = forms.CharField(label=_("A note for later"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, temperature=None, children=(), **kwargs):
        initial = {"taken_at": timezone.localtime().replace(second=0, microsecond=0),
                   "unit": measures.current().temperature}
        if temperature is not None:
            # In the unit she reads: a reading shown as 100.9 °F opened as "38.3" with °C
            # ticked, and a tired parent could overwrite it thinking it was °F.
            unit = measures.current().temperature
            shown = (fahrenheit(temperature.celsius) if unit == "F"
                     else fever.as_typed(temperature.celsius))
            initial = {"celsius": str(shown), "unit": unit,
                       "taken_at": timezone.localtime(temperature.taken_at),
                       "note": temperature.note, "version": temperature.version}
        super().__init__(*args, initial=initial, **kwargs)
        if temperature is not None:
            self.offer_babies(temperature.child, children)

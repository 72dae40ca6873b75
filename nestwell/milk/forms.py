from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nestwell.accounts import measures
from nestwell.forms import SHARED_NOTE_HELP, DateTimeField, ServiceErrorsMixin
from nestwell.milk.models import Place, Side
from nestwell.milk.services import MOST_MINUTES

UNITS = [("ml", _("ml")), ("oz", _("fl oz"))]
AMOUNT = {"inputmode": "decimal", "autocomplete": "off"}
FRESH_PLACES = [(Place.FRIDGE, Place.FRIDGE.label), (Place.FREEZER, Place.FREEZER.label),
                (Place.ROOM, Place.ROOM.label)]


def _now():
    return timezone.localtime().replace(second=0, microsecond=0)


class PumpingForm(ServiceErrorsMixin, forms.Form):
    started_at = DateTimeField(label=_("When it began"))
    minutes = forms.IntegerField(label=_("How long (minutes, if you like)"), required=False,
                                 min_value=0, max_value=MOST_MINUTES,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    side = forms.ChoiceField(label=_("Side"), required=False,
                             choices=[("", _("Not noted")), *Side.choices],
                             widget=forms.RadioSelect)
    amount = forms.CharField(label=_("How much (if you like)"), required=False, max_length=8,
                             widget=forms.TextInput(attrs=AMOUNT))
    unit = forms.ChoiceField(label=_("In"), choices=UNITS, initial="ml",
                             widget=forms.RadioSelect)
    note = forms.CharField(label=_("A note for later"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, session=None, store=False, **kwargs):
        initial = {"started_at": _now(), "unit": measures.current().volume, "side": ""}
        if session is not None:  # in ml as kept: saving a changed note never rounds it
            initial = {"started_at": timezone.localtime(session.started_at),
                       "minutes": session.minutes, "side": session.side,
                       "amount": session.amount_ml or "", "unit": "ml",
                       "note": session.note, "version": session.version}
        super().__init__(*args, initial=initial, **kwargs)
        # In the form's words, not Django's "Ensure this value is less than or equal to".
        minutes = gettext("Between 0 and %(most)s minutes, please.") % {"most": MOST_MINUTES}
        self.fields["minutes"].error_messages.update(min_value=minutes, max_value=minutes)
        if store:  # only when keeping a new session: its milk into the store, one step
            self.fields["store"] = forms.ChoiceField(
                label=_("Put this milk in the store?"), required=False,
                choices=[("", _("No, it was used or given now")), *FRESH_PLACES],
                widget=forms.RadioSelect)
            self.order_fields(["started_at", "minutes", "side", "amount", "unit", "store",
                               "note"])
            self.initial.setdefault("store", "")


class BagForm(ServiceErrorsMixin, forms.Form):
    amount = forms.CharField(label=_("How much"), max_length=8,
                             widget=forms.TextInput(attrs=AMOUNT))
    unit = forms.ChoiceField(label=_("In"), choices=UNITS, initial="ml",
                             widget=forms.RadioSelect)
    expressed_at = DateTimeField(label=_("When it was expressed"))
    note = forms.CharField(label=_("A note for later"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, bag=None, **kwargs):
        initial = {"expressed_at": _now(), "unit": measures.current().volume,
                   "place": Place.FRIDGE}
        if bag is not None:  # in ml as kept: saving a changed note never rounds it
            initial = {"amount": bag.amount_ml, "unit": "ml",
                       "expressed_at": timezone.localtime(bag.expressed_at),
                       "note": bag.note, "version": bag.version}
        super().__init__(*args, initial=initial, **kwargs)
        if bag is None:  # a new bag says where it goes; a kept one moves with a button
            self.fields["place"] = forms.ChoiceField(label=_("Where it is kept"),
                                                     choices=FRESH_PLACES,
                                                     widget=forms.RadioSelect)
            self.order_fields(["amount", "unit", "expressed_at", "place", "note"])

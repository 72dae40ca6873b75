import unicodedata

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from nestwell.forms import TypedDecimalField, TypedIntegerField
from nestwell.wellbeing.models import (
    SCALES,
    CheckIn,
    CheckInKind,
    Safety,
    Share,
    SupportContact,
)


def scale(labels):
    return forms.TypedChoiceField(choices=list(enumerate(labels, start=1)), coerce=int,
                                  widget=forms.RadioSelect)


class CheckInForm(forms.ModelForm):
    kind = CheckInKind.FULL  # what it saves as (not a field)
    mood = scale(SCALES["mood"])
    connection = scale(SCALES["connection"])
    energy = scale(SCALES["energy"])
    stress = scale(SCALES["stress"])
    support = scale(SCALES["support"])
    safety = forms.ChoiceField(choices=Safety.choices, widget=forms.RadioSelect,
                               label=_("Do you feel safe right now — you and your baby?"))

    class Meta:
        model = CheckIn
        fields = ("mood", "connection", "sleep_hours", "energy", "stress", "support",
                  "safety", "note")
        labels = {
            "mood": _("How is your mood?"),
            "connection": _("How connected did you feel with your baby today?"),
            "sleep_hours": _("Roughly how many hours did you sleep in the last 24?"),
            "energy": _("How is your energy?"),
            "stress": _("How stressed do you feel?"),
            "support": _("How supported do you feel?"),
            "note": _("Anything else (only you see this)"),
        }
        help_texts = {
            "connection": _("Some days feel closer than others. Every answer is fine."),
        }
        field_classes = {"sleep_hours": TypedDecimalField}
        widgets = {
            "sleep_hours": forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 24,
                                                    "inputmode": "decimal"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, closeness=True, **kwargs):
        """``closeness``: ask how close she feels to her baby. Not when every baby of the
        household has died (``asks_closeness``): the check-in is then about her alone,
        and so is its safety question."""
        super().__init__(*args, **kwargs)
        for name in SCALES:
            if name in self.fields:
                self.fields[name].label = self.Meta.labels[name]
        if closeness:
            self.fields["connection"].help_text = self.Meta.help_texts["connection"]
        else:
            del self.fields["connection"]
            self.fields["safety"].label = _("Do you feel safe right now?")
        self.fields["sleep_hours"].required = False
        hours = _("Between 0 and 24 hours, please (or leave it empty).")
        self.fields["sleep_hours"].error_messages.update(min_value=hours, max_value=hours)
        # Said by the phone when a check-in kept offline has hours the server would refuse.
        self.fields["sleep_hours"].widget.attrs["data-refused"] = hours
        self.instance.kind = self.kind


class ShortCheckInForm(CheckInForm):
    """The same check-in in a few taps (a partner's, or anyone's on a full day): mood,
    sleep, support, closeness to the baby, and the same safety question."""

    energy = None
    stress = None
    kind = CheckInKind.SHORT

    class Meta(CheckInForm.Meta):
        fields = ("mood", "sleep_hours", "support", "connection", "safety", "note")
        labels = {**CheckInForm.Meta.labels,
                  "connection": _("How close to your baby do you feel?")}
        help_texts = {"connection": _("Closeness grows at its own pace, for every parent. "
                                      "Every answer is fine.")}


CHECKIN_FORMS = {CheckInKind.FULL: CheckInForm, CheckInKind.SHORT: ShortCheckInForm}


def checkin_form(kind, *args, **kwargs):
    """The check-in form of this kind ("full" or "short"); None for a kind we do not know.
    ``closeness=False`` leaves out the question about the baby (see ``CheckInForm``)."""
    form_class = CHECKIN_FORMS.get(kind) if isinstance(kind, str) else None
    return form_class(*args, **kwargs) if form_class else None


class SupportContactForm(forms.ModelForm):
    class Meta:
        model = SupportContact
        fields = ("name", "role", "phone", "email", "note", "for_household")
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Choose one"))] + [
            c for c in self.fields["role"].choices if c[0]]

    def clean_phone(self):
        phone = western_digits(self.cleaned_data["phone"]).strip()
        allowed = set("0123456789+ ()-.")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 3):
            raise forms.ValidationError(_("Use digits, spaces and + ( ) - only."))
        return phone

    def clean(self):
        from nestwell.wellbeing.contacts import GIVEN_TO_HOUSEHOLD

        data = super().clean()
        # Only the baby's care team is given to the household; her other contacts stay
        # hers whatever the tick says (a midwife's contact reused for a counsellor).
        if data.get("for_household") and data.get("role") and \
                data["role"] not in GIVEN_TO_HOUSEHOLD:
            self.add_error("for_household", _(
                "Only your baby's care team (midwife, health visitor, doctor, maternity "
                "unit) can be given to everyone in the household; untick it for this one."))
        # A number that could not be read is said on its field; not "add a number" too.
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            raise forms.ValidationError(_("Add a phone number or an e-mail address."))
        return data


# Marks a right-to-left keyboard or a copied number may carry around digits.
_DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u2066\u2067"
                                             "\u2068\u2069"))


def western_digits(text):
    """A phone number as typed on any keyboard, with 0-9: an Arabic phone types
    "٠١٠٠ ١٢٣ ٤٥٦٧" (Arabic-Indic digits; Persian and Urdu keyboards their own), which
    the tel: link and every dialler read as 0100 123 4567."""
    text = (text or "").translate(_DIRECTION_MARKS)
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


class ShareForm(forms.ModelForm):
    class Meta:
        model = Share
        fields = ("checkins", "screenings")


class ScoreByPlace(forms.RadioSelect):
    """The EPDS's question 10 from paper, chosen by the place of the answer she circled
    (its words are not ours to print): "the first answer" scores 3, "the last" 0. The
    answers that signal risk carry ``data-risk``, as a questionnaire's do, so that the
    page's offline script opens the support page at once."""

    def __init__(self, *args, risk_from=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.risk_from = risk_from

    def format_value(self, value):
        """The place checked again after the support page, however the score came ("٢",
        "02" from a page opened before the places, or typed by hand): its digits."""
        from nestwell.lib.measures import typed_number

        values = super().format_value(value)
        return [str(int(v)) if (v := typed_number(raw).strip()).isdigit() and v.isascii()
                else raw for raw in values]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if self.risk_from is not None and str(value).isdigit() \
                and int(value) >= self.risk_from:
            option["attrs"]["data-risk"] = True
        return option


EPDS_PLACES = [("3", _("The first answer (scores 3)")), ("2", _("The second answer (scores 2)")),
               ("1", _("The third answer (scores 1)")), ("0", _("The last answer (scores 0)")),
               ("", _("Not noted on the form"))]


class PaperScoreForm(forms.Form):
    """A questionnaire answered on paper: its total, and the score of its safety item."""

    total = TypedIntegerField(label=_("Total score"), min_value=0)
    safety_score = TypedIntegerField(
        label=_("Score of the question about harming yourself"), min_value=0, required=False,
        help_text=_("Optional but important: 0 to 3."))

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        from nestwell.wellbeing import questionnaires

        highest = questionnaires.max_total(instrument)
        self.fields["total"].validators.append(MaxValueValidator(highest))
        total = _("The total is a number from 0 to %(max)s.") % {"max": highest}
        self.fields["total"].error_messages.update(min_value=total, max_value=total)
        self.fields["total"].widget.attrs.pop("max", None)
        self.fields["total"].help_text = _("From 0 to %(max)s.") % {"max": highest}
        self.fields["safety_score"].validators.append(MaxValueValidator(3))
        one = _("One question scores 0, 1, 2 or 3.")
        self.fields["safety_score"].error_messages.update(min_value=one, max_value=one)
        self.fields["safety_score"].widget.attrs.pop("max", None)
        # The lowest score that signals risk, so that the page can open the support page
        # at once without the server (offline: offline.js reads it).
        risk_from = next((n for n in range(4) if questionnaires.paper_risk(instrument, str(n))),
                         None)
        if getattr(instrument, "id", "") == "epds":
            # On the paper form she circled words, not numbers: she picks the place of the
            # one she circled (Nadia had to work out that "the third" scores 1, and a 0
            # typed instead never reached support).
            self.fields["safety_score"].label = _(
                "Question 10, about harming yourself: which answer did you circle?")
            self.fields["safety_score"].help_text = _(
                "Optional but important. Its four answers score 3, 2, 1 and 0, from the "
                "first one down.")
            self.fields["safety_score"].widget = ScoreByPlace(choices=EPDS_PLACES,
                                                              risk_from=risk_from)
        elif risk_from is not None:
            self.fields["safety_score"].widget.attrs["data-risk-from"] = risk_from

    def clean(self):
        data = super().clean()
        total, item = data.get("total"), data.get("safety_score")
        if total is not None and item is not None and total < item:
            # The total adds up every question, this one too.
            self.add_error("total", _("The total includes that question's score, so it is "
                                      "at least %(n)s. Could you check it on the form?")
                           % {"n": item})
        return data

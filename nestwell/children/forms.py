from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.measures import day
from nestwell.children.models import Child
from nestwell.children.stages import PREGNANCY_DAYS
from nestwell.forms import (
    DateInput,
    DateTimeField,
    DateTimeInput,
    GestationField,
    split_gestation,
    weight_field,
)
from nestwell.lib.times import time_error

BIRTH_WEIGHT_RANGE = _("Enter a birth weight from 300 g to 7 kg (about 11 oz to 15 lb).")


class ChildForm(forms.ModelForm):
    born = forms.TypedChoiceField(
        label=_("Is your baby born yet?"), choices=[("yes", _("Yes")), ("no", _("Not yet"))],
        widget=forms.RadioSelect, initial="yes",
    )

    birth_at = DateTimeField(label=_("Born on"), required=False)
    birth_weight_grams = forms.Field()  # weight_field(), made for her units in __init__
    gestation_weeks = GestationField(
        label=capfirst(Child._meta.get_field("gestation_weeks").verbose_name), required=False,
        help_text=_("Optional. For a baby born early, this lets Nestwell show a corrected "
                    "age. Weeks and days can go here together, like 31+2."))

    class Meta:
        model = Child
        fields = ("name", "born", "birth_at", "due_date", "gestation_weeks", "gestation_days",
                  "sex", "birth_weight_grams", "birth_notes", "neonatal_care", "in_unit",
                  "home_on", "born_to_another", "medical_notes")
        widgets = {
            "birth_at": DateTimeInput(),
            "due_date": DateInput(),
            "home_on": DateInput(),
            "birth_notes": forms.Textarea(attrs={"rows": 3}),
            "medical_notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"name": _("Name (or a nickname for now)"), "birth_at": _("Born on"),
                  "due_date": _("Due date"), "in_unit": _("In a neonatal unit now"),
                  "home_on": _("Came home on"),
                  "born_to_another": _("Born to someone else: adopted, fostered or through "
                                       "surrogacy")}
        help_texts = {
            "in_unit": _("Today then begins with what can be done there: kangaroo care, "
                         "expressed milk, a familiar voice."),
            "home_on": _("Optional: the day your baby came home, from the unit or to you "
                         "(a baby adopted or fostered)."),
            "born_to_another": _("Nestwell then leaves out what is about recovering from "
                                 "a birth, and offers the bottle first."),
            "sex": _("Optional. The WHO growth charts are drawn separately for girls and "
                     "boys, so centiles need it."),
            # Said here, as the babies' pages show them to every member (a grandmother who
            # reads included): Jana had not expected her mother to read them.
            "medical_notes": _("Anything about your baby's health you would like to keep "
                               "in one place. Everyone in the household reads it, viewers "
                               "too."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["born"] = "yes" if self.instance.is_born else "no"
        self.fields["birth_weight_grams"] = weight_field(_("Birth weight"), optional=True)
        self.fields["gestation_days"].widget.attrs.update(min=0, max=6)
        self.fields["sex"].label = _("Girl or boy")
        self.fields["sex"].choices = [("", _("Not given")), ("female", _("Girl")),
                                      ("male", _("Boy"))]

    def clean(self):
        data = split_gestation(self, super().clean())
        now = timezone.now()
        if data.get("born") == "yes":
            data["due_date"] = None
            if not data.get("birth_at"):
                self.add_error("birth_at", _("When was your baby born?"))
            elif error := time_error(data["birth_at"], now):
                self.add_error("birth_at", error)
            elif (self.instance.died_on is not None
                  and timezone.localtime(data["birth_at"]).date() > self.instance.died_on):
                self.add_error("birth_at", _("This is after the day your baby died (%(died)s).")
                               % {"died": day(self.instance.died_on, "j F Y")})
        else:
            data["birth_at"] = None
            for name in ("gestation_weeks", "gestation_days", "birth_weight_grams"):
                # Hidden for a baby on the way: what they held is dropped, never refused
                # with an error she cannot see.
                data[name] = None
                self._errors.pop(name, None)
            data["birth_notes"], data["neonatal_care"], data["medical_notes"] = "", False, ""
            data["in_unit"], data["home_on"], data["born_to_another"] = False, None, False
            self._errors.pop("home_on", None)
            due = data.get("due_date")
            if not due:
                self.add_error("due_date", _("When is your baby due?"))
            elif (not (-30 <= (due - timezone.localdate()).days <= 300)
                  and not (self.instance.is_remembered and due == self.instance.due_date)):
                self.add_error("due_date", _("A due date is within the next 42 weeks."))
        home = data.get("home_on")
        if home is not None and data.get("born") == "yes":
            if home > timezone.localdate():
                self.add_error("home_on", _("This date is still to come: choose today or a "
                                            "day before it."))
            elif data.get("birth_at") and home < timezone.localtime(data["birth_at"]).date():
                self.add_error("home_on", _("This is before the birth: choose the birth day "
                                            "or a day after it."))
        if not data.get("neonatal_care"):
            # "In the unit now" shows only once neonatal care is ticked: a box left ticked
            # and then hidden (neonatal care unticked) is not a baby in a unit (review).
            data["in_unit"] = False
        elif home is not None and "home_on" in self.changed_data:
            data["in_unit"] = False  # the day she came home, given now: home

        days = data.get("gestation_days")
        if days is not None and days > 6:
            self.add_error("gestation_days", _("Enter from 0 to 6 days."))
        weight = data.get("birth_weight_grams")
        if weight is not None and not 300 <= weight <= 7000:
            self.add_error("birth_weight_grams", BIRTH_WEIGHT_RANGE)
        return data


class HomeForm(forms.Form):
    """The day a baby came home from a neonatal unit: today unless said, not still to
    come, not before the birth."""

    home_on = forms.DateField(required=False, widget=DateInput)

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child

    def clean_home_on(self):
        home = self.cleaned_data["home_on"] or timezone.localdate()
        if home > timezone.localdate():
            raise forms.ValidationError(_("This date is still to come: choose today or a "
                                          "day before it."))
        if not self.child.is_born or self.child.is_remembered:
            raise forms.ValidationError(_("Only a baby who is here can come home."))
        if home < timezone.localtime(self.child.birth_at).date():
            raise forms.ValidationError(_("This is before the birth: choose the birth day "
                                          "or a day after it."))
        return home


class RememberedForm(forms.Form):
    """The day a baby died, told by a parent. Not in the future, not before the baby's
    pregnancy began."""

    died_on = forms.DateField(label=_("The day your baby died"), widget=DateInput)

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child

    def clean_died_on(self):
        died = self.cleaned_data["died_on"]
        today = timezone.localdate()
        if died > today:
            raise forms.ValidationError(_("This date is still to come: choose today or a "
                                          "day before it."))
        child = self.child
        if child.birth_at is not None:
            born = timezone.localtime(child.birth_at).date()
            if died < born:
                raise forms.ValidationError(
                    _("This is before the birth (%(born)s): choose the birth day or a day "
                      "after it.") % {"born": day(born, "j F Y")})
        elif child.due_date is not None and died < child.due_date - timedelta(days=PREGNANCY_DAYS):
            raise forms.ValidationError(_("This is before the pregnancy began."))
        return died

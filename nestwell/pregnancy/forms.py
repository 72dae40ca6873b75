from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.children.forms import BIRTH_WEIGHT_RANGE
from nestwell.children.stages import gestation_on
from nestwell.forms import (
    DateTimeField,
    GestationField,
    ServiceErrorsMixin,
    split_gestation,
    weight_field,
)
from nestwell.lib.times import time_error


class BirthForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Your baby's name"), max_length=60, required=False,
                           help_text=_("Keep the name you used in pregnancy, or change it."))
    born_at = DateTimeField(label=_("Born at"))
    gestation_weeks = GestationField(label=_("Weeks of pregnancy at birth"), required=False)
    gestation_days = forms.IntegerField(label=_("And days"), required=False, min_value=0,
                                        max_value=6)
    weight_grams = forms.Field()  # weight_field(), made for her units in __init__
    neonatal_care = forms.BooleanField(label=_("Went to neonatal care"), required=False)
    in_unit = forms.BooleanField(
        label=_("Still in the unit now"), required=False,
        help_text=_("Today then begins with what you can do there: kangaroo care, your "
                    "milk, your voice."))
    notes = forms.CharField(label=_("Notes on the birth"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("Only if you would like to: how it went, who was "
                                        "there, what you want to remember."))

    def __init__(self, *args, child, **kwargs):
        now = timezone.now().replace(second=0, microsecond=0)
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("name", child.name)
        initial.setdefault("born_at", now)
        if child.due_date:
            days = gestation_on(child.due_date, timezone.localdate())
            if 20 * 7 <= days <= 44 * 7 + 6:
                initial.setdefault("gestation_weeks", days // 7)
                initial.setdefault("gestation_days", days % 7)
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["weight_grams"] = weight_field(_("Birth weight"), optional=True)
        self.fields["gestation_weeks"].help_text = _(
            "Worked out from the due date for the day of the birth; change it if your "
            "midwife said otherwise. Weeks and days can go here together, like 31+2.")

    @property
    def weeks_typed(self):
        """Whether she typed weeks of her own (her midwife's): the page then leaves them
        as they are when the birth time changes, after a refusal too."""
        return self.is_bound and bool({"gestation_weeks", "gestation_days"}
                                      & set(self.changed_data))

    def clean(self):
        data = split_gestation(self, super().clean())
        born_at = data.get("born_at")
        if born_at and (error := time_error(born_at)):
            self.add_error("born_at", error)
        elif born_at and self.child.due_date and not {
                "gestation_weeks", "gestation_days"} & set(self.changed_data):
            # The weeks were filled in for today; a birth recorded days later (born on
            # Monday, written down on Saturday) is counted to its own day, not today's.
            days = gestation_on(self.child.due_date, timezone.localdate(born_at))
            if 20 * 7 <= days <= 44 * 7 + 6:
                data["gestation_weeks"], data["gestation_days"] = days // 7, days % 7
        if data.get("gestation_days") is not None and data.get("gestation_weeks") is None \
                and "gestation_weeks" not in self.errors:  # 45 weeks: said once, as such
            self.add_error("gestation_weeks", _("Add the weeks too, or leave both empty."))
        weight = data.get("weight_grams")
        if weight is not None and not 300 <= weight <= 7000:
            self.add_error("weight_grams", BIRTH_WEIGHT_RANGE)
        return data


class FirstHourForm(ServiceErrorsMixin, forms.Form):
    """Three firsts after the birth; each is optional and needs a time when given."""

    ROWS = (
        ("skin_to_skin", _("First skin-to-skin")),
        ("feeding", _("First feed")),
        ("cuddle", _("First hold by your partner or another loved one")),
    )

    def __init__(self, *args, child, household, user, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        for kind, _label in self.ROWS:
            moment = existing.get(kind)
            self.fields[f"{kind}_at"] = DateTimeField(
                label=_("When"), required=False,
                initial=moment.started_at if moment else None)
            minutes = None
            if moment and moment.ended_at:
                minutes = int((moment.ended_at - moment.started_at).total_seconds() // 60)
            self.fields[f"{kind}_minutes"] = forms.IntegerField(
                label=_("For how many minutes"), required=False, min_value=0,
                max_value=24 * 60, initial=minutes)
            if kind == "feeding":
                # At the breast or from a bottle: without it the first feed showed a
                # bottle on Today, for a first breastfeed too.
                method = moment.details.get("method", "") if moment else ""
                self.fields["feeding_method"] = forms.ChoiceField(
                    label=_("How"), required=False, widget=forms.RadioSelect,
                    choices=[("breast", _("At the breast")), ("bottle", _("Bottle")),
                             ("", _("Not noted"))],
                    initial=method if method in ("breast", "bottle") else "")
            if kind == "cuddle":
                # Whoever held the baby first stays a choice after leaving the household.
                held = get_user_model().objects.filter(
                    Q(memberships__household=household) | Q(pk=moment.actor_id if moment
                                                             else None)
                ).distinct().order_by("display_name")
                self.fields["cuddle_who"] = forms.ModelChoiceField(
                    label=_("Who held the baby"), queryset=held, required=False,
                    empty_label=_("Not noted"),
                    help_text=_("Someone not listed (a partner not yet invited) can be "
                                "chosen here once they join the household."),
                    # Nobody until someone is chosen: the first other member by name
                    # was a guess (the mother herself when her partner filled it in).
                    initial=moment.actor_id if moment else None)

    def rows(self):
        result = []
        for kind, label in self.ROWS:
            names = [f"{kind}_at", f"{kind}_minutes"] + {
                "cuddle": ["cuddle_who"], "feeding": ["feeding_method"]}.get(kind, [])
            result.append({"kind": kind, "label": label, "fields": [self[n] for n in names]})
        return result

    def clean(self):
        data = super().clean()
        birth = self.child.birth_at
        for kind, _label in self.ROWS:
            at = data.get(f"{kind}_at")
            if at is None:
                if data.get(f"{kind}_minutes") is not None:
                    self.add_error(f"{kind}_at", _("When did it happen?"))
                continue
            if birth and at < birth:
                self.add_error(f"{kind}_at", _("This is before the birth."))
            elif error := time_error(at):
                self.add_error(f"{kind}_at", error)
            elif (minutes := data.get(f"{kind}_minutes")) and time_error(
                    at + timedelta(minutes=minutes)):
                # Said on the minutes: "this time is in the future" above the form
                # pointed at a start that was not.
                self.add_error(f"{kind}_minutes", _(
                    "With this many minutes it would end later than now."))
        return data

    def entries(self):
        data = self.cleaned_data
        result = {}
        for kind, _label in self.ROWS:
            at = data.get(f"{kind}_at")
            extra = {"method": data["feeding_method"]} if kind == "feeding" \
                and data.get("feeding_method") else {}
            result[kind] = None if at is None else (
                at, data.get(f"{kind}_minutes") or 0,
                data.get("cuddle_who") if kind == "cuddle" else None, extra)
        return result


class LetterForm(forms.Form):
    text = forms.CharField(label=_("Your letter"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": _("Write a few words first.")})
    shared = forms.BooleanField(label=_("Let the household read it"), required=False,
                                help_text=_("Letters are yours alone unless you tick this."))


class CareNotesForm(forms.Form):
    neonatal_care = forms.BooleanField(
        label=_("Cared for in a neonatal unit (now, or after the birth)"), required=False)
    medical_notes = forms.CharField(
        label=_("Medical notes"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Complications, treatments, names of the team: whatever you want to keep "
                    "in one place. Everyone in the household can read these."))

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from nestwell.accounts import measures
from nestwell.accounts.roles import Role
from nestwell.forms import BabyChoiceMixin, DateTimeField, ServiceErrorsMixin
from nestwell.journal.kinds import KINDS, Detail
from nestwell.lib import measures as measures_pure


class MillilitreField(forms.IntegerField):
    """Millilitres as she types them: "90", or "37,5" for a baby born early, whose feeds
    are counted in half millilitres (refused as "Enter a whole number"), kept to the whole
    ml as the milk store keeps a pumped "62,5"."""

    def __init__(self, **kwargs):
        # Text, not a number box: "4 oz" from a bottle marked in both can be typed (a
        # number box refuses the letters before they reach us), and the help says so.
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal",
                                                           "autocomplete": "off"}))
        kwargs.setdefault("help_text", _("Or in fl oz, like 3 oz."))
        super().__init__(**kwargs)

    default_error_messages = {
        "invalid": _("Enter the amount in ml, like 90 (or in fl oz, like 3 oz)."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            text = measures_pure.typed_number(value).strip()
            if measures_pure.names_volume_unit(text):
                # "4 oz" from a bottle marked in both, or "90 ml": as whole ml.
                ml = measures_pure.ml_typed(text, "ml")
                if ml is None:
                    raise forms.ValidationError(self.error_messages["invalid"],
                                                code="invalid")
                return ml
            text = text.replace(",", ".")
            try:
                if text and "." in text:
                    value = str(int(Decimal(text).quantize(Decimal("1"), ROUND_HALF_UP)))
            except InvalidOperation:
                pass  # said as for any other word that is not a number
        return super().to_python(value)


def detail_field(spec: Detail) -> forms.Field:
    if spec.type == "bool":
        return forms.BooleanField(label=spec.label, required=False, help_text=spec.help)
    if spec.type == "choice":
        return forms.ChoiceField(label=spec.label, required=False, widget=forms.RadioSelect,
                                 choices=[("", _("Not noted"))] + list(spec.choices))
    if spec.type == "multi":
        return forms.MultipleChoiceField(label=spec.label, required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         choices=spec.choices)
    if spec.type == "int":
        # The unit in her language ("الكمية (مل)"), as everywhere else amounts are written.
        unit = _("ml") if spec.unit == "ml" else spec.unit
        label = format_lazy("{} ({})", spec.label, unit) if unit else spec.label
        field = MillilitreField if spec.unit == "ml" else forms.IntegerField
        return field(label=label, required=False, min_value=spec.minimum,
                     max_value=spec.maximum)
    return forms.CharField(label=spec.label, required=False, max_length=spec.max_length)


class FlOzField(forms.DecimalField):
    """An amount in US fluid ounces as she writes it: "2", "2.5", "2 oz", "2 1/2",
    "٢٫٥"; said in her unit when it cannot be kept ("Enter a number." and "Ensure this
    value is less than or equal to 33.8." were Django's words)."""

    default_error_messages = {
        "invalid": _("Enter the amount in fl oz, like 3 or 2.5."),
        "max_value": _("That is more than one feed holds: at most %(limit_value)s fl oz."),
        "min_value": _("Enter an amount of at least %(limit_value)s fl oz."),
        "max_digits": _("Enter the amount in fl oz, like 3 or 2.5."),
        "max_decimal_places": _("Enter the amount in fl oz, like 3 or 2.5."),
        "max_whole_digits": _("Enter the amount in fl oz, like 3 or 2.5."),
    }

    def to_python(self, value):
        text, unit = measures_pure.split_volume_unit(value if value is not None else "")
        if unit == "ml":
            # "120 ml" from a bottle marked in both: as fl oz to two decimals, which give
            # the same whole ml back.
            ml = measures_pure.ml_typed(text, "ml")
            if ml is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            # 1000 ml is 33.81 fl oz, over the field's 33.8, which gives 1000 ml back.
            oz = measures_pure.fl_oz_exact(ml)
            return min(oz, self.max_value) if self.max_value is not None else oz
        text = measures_pure.ounces_as_decimal(text)  # "2 1/2"
        if text is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text)


SOLIDS_FROM_DAYS = 17 * 7  # about four months: the earliest any guidance mentions


def _too_young_for_solids(child) -> bool:
    if child is None or child.birth_at is None:
        return child is not None  # a baby not born yet has no feeds of any kind
    return timezone.now() - child.birth_at < timedelta(days=SOLIDS_FROM_DAYS)


class MomentForm(BabyChoiceMixin, ServiceErrorsMixin, forms.Form):
    """Common fields of a moment plus the details of its kind.

    The form only parses input; the rules (times, details, running timers) live in
    ``journal.services`` so the API and the command line apply the same ones.
    """

    started_at = DateTimeField(label=_("Started"))
    ended_at = DateTimeField(label=_("Ended"), required=False)
    # Empty: someone outside the household (the unit's team, a friend): no one is named
    # (Lena: the feed a nurse gave read as hers).
    actor = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False,
                                   empty_label=_("Someone else (a nurse, a friend)"))
    # Said on the form: a note goes on the household's timeline, where a partner and a
    # grandmother who reads see it (Aoife and Chloé had expected it to be theirs alone).
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Everyone in your household can read it on the "
                                       "timeline. For words only you see: your check-in, "
                                       "under For you."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind, household, adding=False, child=None, children=(),
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = KINDS[kind]
        self.adding = adding
        # Who can feed, hold or bathe the baby: not a viewer (a grandmother who reads);
        # the person an edited moment already names stays offered.
        current = self.initial.get("actor")
        current = getattr(current, "pk", current)
        self.fields["actor"].queryset = get_user_model().objects.filter(
            Q(memberships__household=household,
              memberships__role__in=(Role.PARENT, Role.CAREGIVER)) | Q(pk=current)
        ).distinct().order_by("display_name")
        self.offer_babies(child, children)
        if self.kind.timed:
            self.fields["ended_at"].help_text = _("Leave empty while it is still going on.")
        else:
            self.fields["started_at"].label = _("When")
            self.fields["ended_at"].label = _("Until (optional)")
        self.detail_names = []
        self.in_fl_oz = {}  # detail name: the ml it held before (None when new)
        for spec in self.kind.details:
            if not spec.editable:
                continue
            self.fields[spec.name] = detail_field(spec)
            self.detail_names.append(spec.name)
            if spec.unit == "ml" and measures.current().volume == "oz":
                self._read_in_fl_oz(spec)
        if "method" in self.fields and _too_young_for_solids(child) \
                and self.initial.get("method") != "solids":
            # Solids come at about six months (never before four): not offered to a
            # newborn, unless the moment being edited already says so.
            self.fields["method"].choices = [
                c for c in self.fields["method"].choices if c[0] != "solids"]
        if kind == "letter":
            # A letter is its writer's, private to her: never written in someone else's
            # name (it had been saved as "Letter to your baby · Diego", and Diego could not
            # read it).
            self.fields["actor"].queryset = get_user_model().objects.filter(pk=current)
            self.fields["actor"].widget = forms.HiddenInput()
            self.fields["actor"].required = True
            self.fields["note"].label = _("Your letter")
            self.fields["note"].help_text = ""  # a letter is hers alone, and says so
            self.fields["note"].required = True
            self.fields["note"].widget.attrs["rows"] = 10
        elif kind == "note":
            self.fields["note"].label = _("Your note")
            self.fields["note"].required = True
            self.fields["note"].widget.attrs["rows"] = 5

    def _read_in_fl_oz(self, spec):
        """She reads amounts in US fluid ounces: the field takes them (kept as ml)."""
        most = measures_pure.fl_oz(spec.maximum)
        self.fields[spec.name] = FlOzField(
            # two decimals: a bottle of 1.75 fl oz is a common US amount (it was refused)
            label=f"{spec.label} ({_('fl oz')})", required=False, min_value=Decimal("0.1"),
            max_value=most, max_digits=5, decimal_places=2, localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        kept = self.initial.get(spec.name)
        self.in_fl_oz[spec.name] = kept if isinstance(kept, int) else None
        if self.in_fl_oz[spec.name]:
            self.initial[spec.name] = measures_pure.fl_oz(kept)

    def clean(self):
        data = super().clean()
        # A feed added with its amount has ended: left without an end, it became a timer
        # running from the time she gave, and its length was wrong when it was stopped.
        if self.adding and self.kind.timed and data.get("amount_ml") \
                and data.get("started_at") and not data.get("ended_at"):
            if data.get("method") == "tube":
                # A tube feed the unit's nurse gave, noted afterwards: when it ended is
                # rarely known, and its length says nothing to her (Fatima). It is kept
                # at the time given, as one moment.
                data["ended_at"] = data["started_at"]
                return data
            self.add_error("ended_at", _(
                "With the amount noted, the feed has ended: add when it ended. (To time a "
                "bottle still going, start it on Today and add the amount as you stop it.)"))
        return data

    @property
    def detail_fields(self):
        return [self[name] for name in self.detail_names]

    def details(self):
        details = {name: self.cleaned_data.get(name) for name in self.detail_names}
        for name, kept in self.in_fl_oz.items():
            oz = details.get(name)
            if oz is None:
                continue
            # Unchanged on the form: the ml kept before, never rounded through fl oz.
            unchanged = kept and measures_pure.fl_oz(kept) == oz
            details[name] = kept if unchanged else measures_pure.ml_from_fl_oz(oz)
        return details



class StopForm(forms.Form):
    """'When did it end?' for a timer left running: optional, now when left out."""

    ended_at = DateTimeField(label=_("It ended at"), required=False)

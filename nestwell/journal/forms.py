from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.journal.kinds import KINDS, Detail
from nestwell.journal.models import Child

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


class DateTimeField(forms.DateTimeField):
    """A date-time within a sensible range: years far away cannot be converted between
    time zones, and no moment of a baby's life is there."""

    widget = DateTimeInput

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not 1900 <= result.year <= 2200:
            raise forms.ValidationError(_("Enter a date between 1900 and 2200."),
                                        code="out_of_range")
        return result


class ChildForm(forms.ModelForm):
    born = forms.TypedChoiceField(
        label=_("Is your baby born yet?"), choices=[("yes", _("Yes")), ("no", _("Not yet"))],
        widget=forms.RadioSelect, initial="yes",
    )

    birth_at = DateTimeField(label=_("Born on"), required=False)

    class Meta:
        model = Child
        fields = ("name", "born", "birth_at", "due_date", "gestation_weeks", "gestation_days",
                  "birth_weight_grams", "birth_notes", "neonatal_care", "medical_notes")
        widgets = {
            "birth_at": DateTimeInput(),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "birth_notes": forms.Textarea(attrs={"rows": 3}),
            "medical_notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"name": _("Name (or a nickname for now)"), "birth_at": _("Born on"),
                  "due_date": _("Due date")}
        help_texts = {
            "gestation_weeks": _("Optional. For a baby born early, this lets Nestwell show a "
                                 "corrected age."),
            "birth_weight_grams": _("Optional, in grams."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["born"] = "yes" if self.instance.is_born else "no"
        self.fields["gestation_weeks"].widget.attrs.update(min=20, max=44)
        self.fields["gestation_days"].widget.attrs.update(min=0, max=6)
        self.fields["birth_weight_grams"].widget.attrs.update(min=300, max=7000, step=10)

    def clean(self):
        data = super().clean()
        now = timezone.now()
        if data.get("born") == "yes":
            data["due_date"] = None
            if not data.get("birth_at"):
                self.add_error("birth_at", _("When was your baby born?"))
            elif data["birth_at"] > now:
                self.add_error("birth_at", _("This time is in the future."))
        else:
            data["birth_at"] = None
            for name in ("gestation_weeks", "gestation_days", "birth_weight_grams"):
                data[name] = None
            data["birth_notes"], data["neonatal_care"], data["medical_notes"] = "", False, ""
            due = data.get("due_date")
            if not due:
                self.add_error("due_date", _("When is your baby due?"))
            elif not (-30 <= (due - timezone.localdate()).days <= 300):
                self.add_error("due_date", _("A due date is within the next 42 weeks."))
        weeks = data.get("gestation_weeks")
        if weeks is not None and not 20 <= weeks <= 44:
            self.add_error("gestation_weeks", _("Enter a number of weeks from 20 to 44."))
        days = data.get("gestation_days")
        if days is not None and days > 6:
            self.add_error("gestation_days", _("Enter from 0 to 6 days."))
        weight = data.get("birth_weight_grams")
        if weight is not None and not 300 <= weight <= 7000:
            self.add_error("birth_weight_grams", _("Enter a weight from 300 to 7000 grams."))
        return data


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
        label = f"{spec.label} ({spec.unit})" if spec.unit else spec.label
        return forms.IntegerField(label=label, required=False, min_value=spec.minimum,
                                  max_value=spec.maximum)
    return forms.CharField(label=spec.label, required=False, max_length=spec.max_length)


class ServiceErrorsMixin:
    def add_service_error(self, error):
        """Attach a ValidationError from the services to the right fields."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


class MomentForm(ServiceErrorsMixin, forms.Form):
    """Common fields of a moment plus the details of its kind.

    The form only parses input; the rules (times, details, running timers) live in
    ``journal.services`` so the API and the command line apply the same ones.
    """

    started_at = DateTimeField(label=_("Started"))
    ended_at = DateTimeField(label=_("Ended"), required=False)
    actor = forms.ModelChoiceField(label=_("Who"), queryset=None, empty_label=None)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = KINDS[kind]
        self.fields["actor"].queryset = get_user_model().objects.filter(
            memberships__household=household).order_by("display_name")
        if self.kind.timed:
            self.fields["ended_at"].help_text = _("Leave empty while it is still going on.")
        else:
            self.fields["started_at"].label = _("When")
            self.fields["ended_at"].label = _("Until (optional)")
        self.detail_names = []
        for spec in self.kind.details:
            if not spec.editable:
                continue
            self.fields[spec.name] = detail_field(spec)
            self.detail_names.append(spec.name)
        if kind == "letter":
            self.fields["note"].label = _("Your letter")
            self.fields["note"].required = True
            self.fields["note"].widget.attrs["rows"] = 10

    @property
    def detail_fields(self):
        return [self[name] for name in self.detail_names]

    def details(self):
        return {name: self.cleaned_data.get(name) for name in self.detail_names}


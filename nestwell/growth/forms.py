from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.accounts import measures
from nestwell.forms import SHARED_NOTE_HELP, DateInput, ServiceErrorsMixin, weight_field
from nestwell.growth import services
from nestwell.growth.models import MEASURED_BY
from nestwell.lib import measures as pure


class LengthField(forms.DecimalField):
    """A length to one decimal in the unit she reads (centimetres or inches), kept as whole
    millimetres. ``shown`` turns millimetres into the unit, ``kept`` the unit into
    millimetres; validation (digits, not below zero) applies to the number as typed."""

    def __init__(self, *, shown, kept, max_digits, unit, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=1, required=False,
                         min_value=Decimal("0"), **kwargs)
        self.shown, self.kept, self.unit = shown, kept, unit
        self.widget.attrs.update(step="0.1", inputmode="decimal")

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            # In the field's unit, or in the one written after it ("57.8 cm" from a
            # clinic's card in a household reading inches; "22 3/4" on a tape measure).
            number, unit = pure.length_typed(value, self.unit)
            if number is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            return self.kept(number) if unit == self.unit else MM_FROM[unit](number)
        number = super().to_python(value)
        return None if number is None else self.kept(number)

    def validate(self, value):
        if value is not None:
            super().validate(self.shown(value))

    def run_validators(self, value):
        if value is not None:
            super().run_validators(self.shown(value))

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{self.shown(value):.1f}"
        return value


MM_FROM = {"cm": lambda cm: int(cm * 10), "in": pure.mm_from_inches}


def centimetres(**kwargs):
    return LengthField(shown=lambda mm: Decimal(mm) / 10, kept=MM_FROM["cm"],
                       max_digits=4, unit="cm", **kwargs)


def inches(**kwargs):
    return LengthField(shown=pure.inches, kept=MM_FROM["in"], max_digits=3, unit="in",
                       **kwargs)


class MeasurementForm(ServiceErrorsMixin, forms.Form):
    measured_on = forms.DateField(label=_("Measured on"), widget=DateInput)
    weight_grams = forms.Field()  # weight_field(), made for her units in __init__
    length_mm = centimetres(label=_("Length (cm)"),
                            help_text=_("Lying down, to the nearest 0.1 cm."))
    head_mm = centimetres(label=_("Head circumference (cm)"))
    measured_by = forms.ChoiceField(label=_("Who measured"), choices=MEASURED_BY)
    note = forms.CharField(label=_("A note for later"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, child, measurement=None, **kwargs):
        # A baby still in a neonatal unit is weighed there, not at home (Lena).
        initial = {"measured_on": timezone.localdate(),
                   "measured_by": "hospital" if child.is_in_unit else "parent"}
        if measurement is not None:
            initial = {"measured_on": measurement.measured_on,
                       "weight_grams": measurement.weight_grams,
                       "length_mm": measurement.length_mm, "head_mm": measurement.head_mm,
                       "measured_by": measurement.measured_by, "note": measurement.note,
                       "version": measurement.version}
        super().__init__(*args, initial=initial, **kwargs)
        self.child = child
        self.kept = {name: initial.get(name) for name in ("weight_grams", "length_mm",
                                                          "head_mm")}
        self.fields["weight_grams"] = weight_field(_("Weight"))  # in her units
        if measures.current().weight == "imperial":
            self.fields["length_mm"] = inches(
                label=_("Length (inches)"), help_text=_("Lying down, to the nearest 0.1 in."))
            self.fields["head_mm"] = inches(label=_("Head circumference (inches)"))

    def clean(self):
        data = super().clean()
        # A value shown in lb/oz or inches and sent back unchanged keeps its exact metric
        # value: editing the note never rounds a weight.
        for name, kept in self.kept.items():
            field = self.fields[name]
            if kept is not None and name in data and data[name] is not None and \
                    field.prepare_value(kept) == field.prepare_value(data[name]):
                data[name] = kept
        self.check_the_rest(lambda read: services.check_measurement(
            self.child, read.get("measured_on"), read.get("weight_grams"),
            read.get("length_mm"), read.get("head_mm"), read.get("measured_by"),
            read.get("note")))
        return data

    def clean_measured_on(self):
        value = self.cleaned_data["measured_on"]
        if not 2000 <= value.year <= 2200:
            raise forms.ValidationError(_("Enter a day from the year 2000 on."))
        return value

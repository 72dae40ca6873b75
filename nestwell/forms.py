"""What every form shares: the renderer, the date-time and weight fields, and service errors
on fields."""

import contextvars
from contextlib import contextmanager
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from nestwell.accounts import measures
from nestwell.lib import measures as pure

# Under a note that others of the household read (a nappy's, a dose's, a first's): Ben
# wrote words of harm in a dose's note, and his mother-in-law read them on Today.
SHARED_NOTE_HELP = _("Everyone in your household can read it. For words only you see: "
                     "your check-in, under For you.")


# The forms shown back refused (with errors) while one request is answered, for the
# safety path (``wellbeing.notes``): a note of harm in a form she must correct is read
# before she corrects it, or leaves it. ``None`` in the list: errors shown outside a form.
_refused = contextvars.ContextVar("nestwell_forms_refused", default=None)


@contextmanager
def refusals_watched():
    """Within it, each form rendered with errors (and each list of errors rendered on
    its own) is added to the list it yields."""
    shown = []
    token = _refused.set(shown)
    try:
        yield shown
    finally:
        _refused.reset(token)


def form_refused(form=None):
    """Say that ``form`` was refused without being shown again (an edit from an older
    version, led to the latest; a card's refusal led back to its page): the safety path
    reads what it carried all the same. ``None``: no form object, the request's fields."""
    shown = _refused.get()
    if shown is not None:
        shown.append(form)


def _watch(template_name, context):
    shown = _refused.get()
    if shown is None:
        return
    if template_name.startswith("django/forms/errors/"):
        if context.get("errors"):
            shown.append(None)
        return
    form = context.get("form")
    if form is None and context.get("field") is not None:
        form = getattr(context["field"], "form", None)
    if (form is not None and getattr(form, "is_bound", False)
            and getattr(form, "_errors", None)):
        shown.append(form)


class Renderer(TemplatesSetting):
    """Renders every form with Nestwell's large, touch-friendly field layout."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        _watch(template_name, context)
        if template_name == "django/forms/widgets/number.html":
            template_name, context = "django/forms/widgets/input.html", _digits(context)
        return super().render(template_name, context, request)


def _digits(context):
    """A number field as a text field that opens the digits keypad. A browser's number
    field drops the digits it does not know: "٢" typed on an Arabic keyboard arrived as
    nothing, without a word (on the paper questionnaire, a safety score that signals risk
    was lost so). Django reads digits of any script (int() and Decimal do), the bounds are
    checked on the server, and ``typed_number`` fields take the Arabic decimal mark too."""
    widget = dict(context["widget"])
    attrs = {name: value for name, value in widget["attrs"].items()
             if name not in ("min", "max", "step")}
    step = str(widget["attrs"].get("step", ""))
    attrs.setdefault("inputmode", "decimal" if step and step != "1" else "numeric")
    attrs.setdefault("autocomplete", "off")
    widget.update(type="text", attrs=attrs)
    return {**context, "widget": widget}


class TypedIntegerField(forms.IntegerField):
    """A whole number as she types it, on any keyboard, direction marks and all."""

    def to_python(self, value):
        if isinstance(value, str):
            value = pure.typed_number(value).strip()
        return super().to_python(value)


class TypedDecimalField(forms.DecimalField):
    """A decimal as she types it: "7.5", "7,5" or "٧٫٥"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = pure.typed_number(value).strip().replace(",", ".")
        return super().to_python(value)


def _attrs(attrs):
    """A widget's attributes as Django's attrs.html writes them (False left out, True as the
    bare name, everything else escaped)."""
    return format_html_join("", "{}", (
        (format_html(" {}", name) if value is True
         else format_html(' {}="{}"', name, str(value)),)
        for name, value in attrs.items() if value is not False))


class LongSelect(forms.Select):
    """A select of hundreds of options (the time zones: about 600), written out in Python
    instead of one template per option: the same HTML as Django's select, in a fraction
    of the time (the household's settings page spent most of its 200 ms there). Option
    groups are left to Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _choices, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        # Each option as Django's templates write it, with the newline its file ends in.
        options = format_html_join("", '\n  <option value="{}"{}>{}</option>\n', (
            (str(option["value"]), _attrs(option["attrs"]), option["label"])
            for _group, choices, _index in widget["optgroups"] for option in choices))
        return format_html('<select name="{}"{}>{}\n</select>', widget["name"],
                           _attrs(widget["attrs"]), options)


DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """A date picker. Its value is always written as the browser reads it (2026-02-26):
    written in her language's way (26/02/2026 in French) the picker showed nothing, and
    the form came back asking for a date she had not touched."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


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

    def _clean_bound_field(self, bf):
        """A time sent back as the form showed it keeps its seconds. The boxes read to
        the minute, so saving a correction of a cry's note (its times untouched) moved them
        to the minute, and "answered after 8 s" became "after 1 min" (Keisha's walk). Not
        when another time of the form was changed to that same minute: one typed to the
        minute beside one kept to the second could fall out of order ("settled at 10:43"
        refused as before a start kept at 10:43:40; the review). Django's own hook, as its
        FileField uses it to see the initial value."""
        value = super()._clean_bound_field(bf)
        initial = bf.form.get_initial_for_field(self, bf.name)
        if _same_minute(value, initial) and value not in _minutes_changed_to(bf.form):
            return initial
        return value


def _same_minute(value, initial) -> bool:
    return (isinstance(value, datetime) and isinstance(initial, datetime)
            and (value.tzinfo is None) == (initial.tzinfo is None)
            and value == initial.replace(second=0, microsecond=0))


def _minutes_changed_to(form) -> set:
    """The minutes the times of ``form`` that she changed were set to (one that cannot be
    read is left to its own error)."""
    found = set()
    for name, field in form.fields.items():
        if not isinstance(field, DateTimeField) or field.disabled:
            continue
        try:
            value = field.clean(field.widget.value_from_datadict(
                form.data, form.files, form.add_prefix(name)))
        except ValidationError:
            continue
        if isinstance(value, datetime) and not _same_minute(
                value, form.get_initial_for_field(field, name)):
            found.add(value.replace(second=0, microsecond=0))
    return found


class GestationField(forms.CharField):
    """Weeks of pregnancy at birth, as "31" or as a midwife writes them, "31+2": the
    days typed here fill the form's days box (``split_gestation``). Cleaned to
    ``(weeks, days or None)``; the keypad is the telephone one, which has the "+"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel",
                                                           "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, tuple):
            return value
        if isinstance(value, int):
            return value, None
        text = (super().to_python(value) or "").strip()
        if text == "":
            return None
        read = pure.gestation_typed(text)
        if read is None:
            raise forms.ValidationError(
                _("Enter the weeks, like 31, or weeks and days, like 31+2."), code="invalid")
        weeks, days = read
        if not 20 <= weeks <= 44:
            raise forms.ValidationError(_("Enter a number of weeks from 20 to 44."),
                                        code="out_of_range")
        if days is not None and days > 6:
            raise forms.ValidationError(
                _("After the “+”, the days run from 0 to 6 (31+2 is 31 weeks and 2 days)."),
                code="out_of_range")
        return weeks, days

    def prepare_value(self, value):
        if isinstance(value, tuple):
            weeks, days = value
            return f"{weeks}+{days}" if days is not None else str(weeks)
        return value

    def has_changed(self, initial, data):
        """Unchanged when it reads as the weeks already there (a "31" for 31)."""
        try:
            read = self.to_python(data)
        except ValidationError:
            return True
        if read is None:
            return initial not in (None, "")
        weeks, days = read
        return days is not None or initial in (None, "") or int(initial) != weeks


def split_gestation(form, data):
    """Turn the weeks field's (weeks, days) into the two numbers the form keeps: days
    typed after a "+" take the place of the days box's (and of its error)."""
    read = data.get("gestation_weeks")
    if isinstance(read, tuple):
        weeks, days = read
        data["gestation_weeks"] = weeks
        if days is not None:
            data["gestation_days"] = days
            form._errors.pop("gestation_days", None)
    return data


class _WeightField(forms.CharField):
    """A weight typed as text, kept as whole grams: ``read`` turns the text into grams (or
    None, refused with ``refused``)."""

    refused = ""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": self.inputmode,
                                                           "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if text == "":
            return None
        grams = self.read(text)
        if grams is None:
            raise forms.ValidationError(self.refused)
        return grams


class GramsField(_WeightField):
    """A metric weight in grams or kilograms ("3450", "3,450", "3.45 kg", "4.2")."""

    inputmode = "decimal"
    refused = _("Enter the weight in grams, like 3450, or in kilograms, like 3.45 kg.")
    read = staticmethod(pure.grams_typed)


class PoundsOuncesField(_WeightField):
    """A weight as pounds and ounces ("7 lb 10 oz", "7 10" or "7.5")."""

    inputmode = "text"
    refused = _("Enter the weight in pounds and ounces, like 7 lb 10 oz.")
    read = staticmethod(pure.grams_from_pounds_typed)

    def prepare_value(self, value):
        if isinstance(value, int):
            pounds, ounces = pure.pounds_ounces(value)
            return f"{pounds} lb {ounces} oz"
        return value


def weight_field(label, optional=False):
    """An optional weight field in the units of the person looking: pounds and ounces, or
    grams and kilograms. Either keeps whole grams; the form checks the range."""
    if measures.current().weight == "imperial":
        return PoundsOuncesField(label=label, required=False, help_text=(
            _("Optional. For example 7 lb 10 oz.") if optional
            else _("For example 7 lb 10 oz.")))
    return GramsField(label=label, required=False, help_text=(
        _("Optional. In grams or kilograms: 3450 or 3.45 kg.") if optional
        else _("In grams or kilograms: 3450 or 3.45 kg.")))


def other_babies(children, child):
    """The household's other babies a record kept for ``child`` may be kept for too: born,
    and not remembered after a loss."""
    return [c for c in children if c.pk != child.pk and c.is_born and not c.is_remembered]


def also_for_field(others, help_text):
    """"Also for": twins and triplets, the same record kept for each other baby ticked
    (Bisi kept vitamin D drops and nappies three times over). Read with ``ticked``."""
    return forms.TypedMultipleChoiceField(
        label=_("Also for"), coerce=int, required=False,
        choices=[(c.pk, c.name) for c in others], widget=forms.CheckboxSelectMultiple,
        help_text=help_text)


def ticked(form, child, others):
    """The babies a form with "Also for" keeps its record for: ``child`` first, then each
    of ``others`` ticked (never a baby the form did not offer)."""
    chosen = set(form.cleaned_data.get("also_for") or ())
    return [child, *(c for c in others if c.pk in chosen)]


class BabyChoiceMixin:
    """An edit form that, in a household of twins (or more), asks which baby it was for:
    logged for the wrong one, it moves to the other."""

    def offer_babies(self, child, children):
        if len(children) < 2:
            return
        self.fields["child"] = forms.TypedChoiceField(
            label=_("Baby"), coerce=int, initial=child.pk,
            choices=[(c.pk, c.name) for c in children])
        self.order_fields(["child"])
        self.children = {c.pk: c for c in children}

    @property
    def moves_between_children(self):
        return "child" in self.fields

    def chosen_child(self):
        """The baby picked on the form (None when the household has one)."""
        if not self.moves_between_children:
            return None
        return self.children[self.cleaned_data["child"]]


class ServiceErrorsMixin:
    def check_the_rest(self, check):
        """With a field already refused, run the service's own ``check`` (which raises a
        ValidationError by field) over what could be read, so that she sees every problem
        at once instead of one per try. Its errors land only on fields with none yet."""
        if not self.errors:
            return
        try:
            check(self.cleaned_data)
        except ValidationError as exc:
            for name, errors in getattr(exc, "error_dict", {}).items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, errors)

    def add_service_error(self, error):
        """Attach a ValidationError from the services to the right fields."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


def whole_number(text, max_digits=9):
    """The number a short string of ASCII digits spells, else None.

    ``str.isdigit()`` also accepts '²' and other digits that ``int()`` refuses, and
    ``int()`` refuses numbers of thousands of digits: read request values through here."""
    text = text if isinstance(text, str) else ""
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None

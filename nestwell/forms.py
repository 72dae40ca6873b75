"""What every form shares: the renderer, the date-time field, and service errors on fields."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class Renderer(TemplatesSetting):
    """Renders every form with Nestwell's large, touch-friendly field layout."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


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


class ServiceErrorsMixin:
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

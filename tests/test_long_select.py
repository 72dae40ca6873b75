"""The long selects (time zones, countries) are written out in Python, not one template per
option: what they write must be exactly what Django's own select writes."""

import pytest
from django import forms

from nestwell.accounts.forms import HouseholdForm, SignupForm, time_zone_choices
from nestwell.forms import LongSelect, Renderer

pytestmark = pytest.mark.database_independent

CHOICES = [("", "Not set"), ("a&b", "Fish & <chips>"), ("Europe/London", "Europe/London"),
           (3, "three"), ("q\"uote", 'say "hi"')]


def django_select(choices, name, value, attrs):
    return forms.Select(choices=choices).render(name, value, attrs, renderer=Renderer())


@pytest.mark.parametrize("value", [None, "", "a&b", "Europe/London", 3, "3", "nowhere"])
@pytest.mark.parametrize("attrs", [
    None,
    {"id": "id_tz", "required": True},
    {"id": "id_tz", "required": False, "aria-invalid": "true", "aria-describedby": "id_tz_h",
     "data-detect-time-zone": "1", "class": 'odd "class" <here>'},
])
def test_the_same_html_as_djangos_select(value, attrs):
    mine = LongSelect(choices=CHOICES).render("tz", value, attrs)
    assert mine == django_select(CHOICES, "tz", value, attrs)
    assert 'selected' in mine or value not in ("a&b", "Europe/London", 3, "3")


def test_the_same_html_for_all_the_time_zones():
    zones = time_zone_choices()
    assert len(zones) > 300
    mine = LongSelect(choices=zones).render("time_zone", "Europe/Paris", {"id": "id_tz"})
    assert mine == django_select(zones, "time_zone", "Europe/Paris", {"id": "id_tz"})
    assert mine.count("<option ") == len(zones)
    assert '<option value="Europe/Paris" selected>Europe/Paris</option>' in mine


def test_option_groups_are_left_to_django():
    grouped = [("Europe", [("Europe/Paris", "Paris")]), ("Asia", [("Asia/Tokyo", "Tokyo")])]
    mine = LongSelect(choices=grouped).render("tz", "Asia/Tokyo", None)
    assert mine == django_select(grouped, "tz", "Asia/Tokyo", None)
    assert "<optgroup" in mine


@pytest.mark.parametrize("form", [
    lambda: SignupForm(),
    lambda: SignupForm(data={"time_zone": "Not/AZone"}),
    lambda: HouseholdForm(data={"time_zone": "Europe/Paris", "country": "zz"}),
])
def test_the_forms_fields_render_as_before(form):
    """The whole field, as the page writes it: label, help, errors and widget attributes
    (required, aria-invalid, aria-describedby, data-detect-time-zone)."""
    made = form()
    if made.is_bound:
        made.is_valid()  # errors, and with them aria-invalid
    for name in ("time_zone", "country"):
        if name not in made.fields:
            continue
        field = made[name]
        mine = field.as_widget()
        django = field.as_widget(widget=forms.Select(choices=made.fields[name].choices,
                                                     attrs=made.fields[name].widget.attrs))
        assert mine == django, name

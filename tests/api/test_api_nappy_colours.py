"""A black poo through the API: the meconium in the first three days of life (refused as
"black", with the reason), perhaps blood after them."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.health.models import Nappy


def _born_five_days_ago(household):
    zone = ZoneInfo(household.time_zone)
    born = timezone.localtime(timezone=zone).replace(hour=0, minute=0, second=1,
                                                     microsecond=0) - timedelta(days=5)
    return Child.objects.create(household=household, name="Mila", birth_at=born)


def _noon_of_day(child, day):
    return (child.birth_at.replace(hour=12, minute=0, second=0)
            + timedelta(days=day - 1)).isoformat()


@pytest.mark.parametrize("day", [1, 2, 3])
def test_the_api_refuses_black_in_the_first_three_days_and_keeps_nothing(
        api_for, alice, household, day):
    mila = _born_five_days_ago(household)
    refused = api_for(alice).post("/api/v1/nappies", {
        "child": mila.pk, "kind": "dirty", "colour": "black",
        "changed_at": _noon_of_day(mila, day)})
    assert refused.status_code in (400, 422) and "meconium" in str(refused.data)
    assert not Nappy.objects.exists()


@pytest.mark.parametrize("day", [4, 5])
def test_a_black_poo_from_day_four_is_kept_and_may_be_blood(api_for, alice, household, day):
    mila = _born_five_days_ago(household)
    made = api_for(alice).post("/api/v1/nappies", {
        "child": mila.pk, "kind": "dirty", "colour": "black",
        "changed_at": _noon_of_day(mila, day)})
    assert made.status_code == 201 and made.data["blood"] is True

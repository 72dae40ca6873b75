"""Colostrum expressed before the birth: kept from 36 weeks of pregnancy (sessions and the
syringes in the store), refused before with the day it opens, and still valid, editable,
once the birth is recorded."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.milk import colostrum, services
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.pregnancy.birth import record_birth


def test_it_opens_at_36_weeks():
    due = date(2027, 3, 1)
    assert colostrum.opens_on(due) == date(2027, 2, 1)  # 28 days before: 36+0
    assert not colostrum.is_open(due, date(2027, 1, 31))
    assert colostrum.is_open(due, date(2027, 2, 1)) and colostrum.is_open(due, date(2027, 3, 9))
    assert not colostrum.is_open(None, date(2027, 2, 1))


def _bump(household, weeks_to_go):
    return Child.objects.create(household=household, name="Bean",
                                due_date=timezone.localdate() + timedelta(weeks=weeks_to_go))


def _local(at):
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def _ago(**kw):
    return (timezone.now() - timedelta(**kw)).replace(second=0, microsecond=0)


def test_from_36_weeks_a_session_and_its_syringe_are_kept(client_for, alice, household):
    bean = _bump(household, weeks_to_go=3)  # 37 weeks
    client = client_for(alice)
    page = client.get(f"/milk/pumping/?child={bean.pk}").content.decode()
    assert "Colostrum before the birth" in page and "36 or 37 weeks" in page
    assert 'name="amount"' in page
    page = client.post(f"/milk/pumping/?child={bean.pk}", {
        "started_at": _local(_ago(minutes=30)), "minutes": "10", "side": "both",
        "amount": "2", "unit": "ml", "store": "freezer", "note": "first try"},
        follow=True).content.decode()
    session = PumpingSession.objects.get()
    assert (session.child, session.amount_ml) == (bean, 2)
    bag = MilkBag.objects.get()
    assert (bag.session, bag.place, bag.amount_ml) == (session, "freezer", 2)
    home = client.get(f"/?child={bean.pk}").content.decode()
    assert 'data-testid="milk-today"' in home and 'data-testid="colostrum-link"' in home
    store = client.get(f"/milk/store/?child={bean.pk}").content.decode()
    assert 'data-testid="milk-bag"' in store and "Colostrum before the birth" in store


def test_before_36_weeks_the_page_says_when_and_nothing_is_kept(client_for, alice, household):
    bean = _bump(household, weeks_to_go=6)  # 34 weeks
    opens = colostrum.opens_on(bean.due_date)
    client = client_for(alice)
    page = client.get(f"/milk/pumping/?child={bean.pk}").content.decode()
    assert 'data-testid="colostrum-opens"' in page and 'name="amount"' not in page
    assert str(opens.day) in page
    response = client.post(f"/milk/pumping/?child={bean.pk}", {
        "started_at": _local(_ago(minutes=30)), "amount": "1", "unit": "ml"})
    assert response.status_code == 200
    assert "kept from 36 weeks of pregnancy" in response.content.decode()
    store = client.get(f"/milk/store/?child={bean.pk}").content.decode()
    assert "at 36 weeks" in store and 'name="amount"' not in store
    response = client.post(f"/milk/store/?child={bean.pk}", {
        "expressed_at": _local(_ago(minutes=30)), "amount": "1", "unit": "ml",
        "place": "freezer"})
    assert "kept from 36 weeks of pregnancy" in response.content.decode()
    assert not PumpingSession.objects.exists() and not MilkBag.objects.exists()


def test_after_the_birth_colostrum_from_before_stays_valid(alice, household):
    bean = _bump(household, weeks_to_go=2)
    early = _ago(days=10)  # 36+4
    session = services.add_session(child=bean, user=alice, started_at=early, amount_ml=1,
                                   store="freezer")
    born = record_birth(bean, born_at=_ago(hours=5))
    services.update_session(session, version=session.version, started_at=early,
                            amount_ml=2, note="kept for the first day")
    assert PumpingSession.objects.get().amount_ml == 2
    services.add_bag(child=born, user=alice, expressed_at=_ago(days=12), amount_ml=1,
                     place="freezer")  # 36+2, added after the birth
    with pytest.raises(ValidationError) as refused:
        services.add_session(child=born, user=alice, started_at=_ago(days=20))  # 35+1
    assert "36 weeks" in str(refused.value)


def test_without_a_due_date_milk_begins_at_the_birth(alice, nora):
    with pytest.raises(ValidationError) as refused:
        services.add_session(child=nora, user=alice,
                             started_at=nora.birth_at - timedelta(hours=2))
    assert "before the birth" in str(refused.value)
    services.add_session(child=nora, user=alice, started_at=nora.birth_at + timedelta(hours=1))


def test_the_first_day_begins_at_local_midnight(alice, household, settings):
    bean = _bump(household, weeks_to_go=3)
    opens = colostrum.opens_on(bean.due_date)
    zone = timezone.get_current_timezone()
    first = datetime.combine(opens, datetime.min.time(), tzinfo=zone)
    assert services.earliest(bean) == first
    with pytest.raises(ValidationError):
        services.add_session(child=bean, user=alice, started_at=first - timedelta(minutes=1))
    services.add_session(child=bean, user=alice, started_at=first)

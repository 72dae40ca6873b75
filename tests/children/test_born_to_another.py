"""A baby born to someone else (Rachel adopted Eli at three weeks): the support page says
nothing of recovering from a birth no one here went through, Today and the night screen
offer the bottle first, the first-hour page speaks of her first times together, and the
API, the export and the import carry it."""

import json
from datetime import timedelta

from django.utils import timezone

from nestwell.accounts.models import ApiToken
from nestwell.children.models import Child
from nestwell.journal import night
from nestwell.journal.models import Moment
from nestwell.journal.services import feeding_habit

AFTER_BIRTH = 'data-testid="worried-after-birth"'


def adopted(child):
    child.born_to_another = True
    child.home_on = timezone.localdate() - timedelta(days=2)
    child.save(update_fields=["born_to_another", "home_on"])


def test_the_baby_page_sets_it_and_a_pregnancy_cannot(client_for, alice, nora):
    client = client_for(alice)
    page = client.get(f"/children/{nora.pk}/edit/").content.decode()
    assert "Born to someone else: adopted, fostered or through surrogacy" in page
    response = client.post(f"/children/{nora.pk}/edit/", {
        "name": "Nora", "born": "yes",
        "birth_at": timezone.localtime(nora.birth_at).strftime("%Y-%m-%dT%H:%M"),
        "sex": "", "born_to_another": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    nora.refresh_from_db()
    assert nora.born_to_another
    bump = Child.objects.create(household=nora.household, name="Bean",
                                due_date=timezone.localdate() + timedelta(weeks=10))
    client.post(f"/children/{bump.pk}/edit/", {
        "name": "Bean", "born": "no", "due_date": bump.due_date.isoformat(),
        "born_to_another": "on"})
    bump.refresh_from_db()
    assert not bump.born_to_another  # hidden for a baby on the way, so never kept


def test_the_support_page_leaves_out_a_birth_mothers_warning_signs(client_for, alice,
                                                                   household, nora, client):
    member = client_for(alice)
    assert AFTER_BIRTH in member.get("/support/").content.decode()
    adopted(nora)
    page = member.get("/support/").content.decode()
    assert AFTER_BIRTH not in page and 'data-testid="worried-about-baby"' in page
    # A baby of her own as well (a birth here, or one on the way): said again.
    twin = Child.objects.create(household=household, name="Ada", birth_at=nora.birth_at)
    assert AFTER_BIRTH in member.get("/support/").content.decode()
    twin.delete()
    Child.objects.create(household=household, name="Bean",
                         due_date=timezone.localdate() + timedelta(weeks=10))
    assert AFTER_BIRTH in member.get("/support/").content.decode()
    # Signed out, nobody is known: the page says it, as before.
    assert AFTER_BIRTH in client.get("/support/?country=GB").content.decode()


def test_today_and_the_night_screen_offer_the_bottle_first(client_for, alice, nora):
    client = client_for(alice)
    assert 'data-testid="pumping-link"' in client.get("/").content.decode()
    adopted(nora)
    today = client.get("/").content.decode()
    assert 'name="method" value="bottle"' in today
    assert 'name="method" value="breast"' not in today
    assert 'data-testid="pumping-link"' not in today
    keys = night.choose([], night.BORN, bottle_first=True)
    assert "feeding:bottle" in keys and "feeding:breast" not in keys
    assert 'value="breast"' not in client.get("/night/").content.decode()
    # A breastfeed logged (an adoptive mother who nurses): the breast comes back.
    assert feeding_habit([("breast", "left")], born_to_another=True) == ("left", False)
    assert feeding_habit([("bottle", None)], born_to_another=True) == (None, True)
    assert feeding_habit([("bottle", None)]) == (None, False)
    Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                          started_at=timezone.now() - timedelta(hours=1),
                          ended_at=timezone.now() - timedelta(minutes=50),
                          details={"method": "breast", "side": "left"}, actor=alice,
                          created_by=alice)
    today = client.get("/").content.decode()
    assert 'name="method" value="breast"' in today
    # She nurses: pumping is offered again.
    assert 'data-testid="pumping-link"' in today


def test_the_first_hour_page_speaks_of_her_first_times_together(client_for, alice, nora):
    client = client_for(alice)
    assert "The first hour" in client.get(f"/children/{nora.pk}/first-hour/").content.decode()
    adopted(nora)
    page = client.get(f"/children/{nora.pk}/first-hour/").content.decode()
    assert 'data-testid="first-times-together"' in page
    assert "After a caesarean" not in page and "soon after birth" not in page
    assert "Your first times together" in client.get(
        f"/children/{nora.pk}/edit/").content.decode()


def test_the_api_export_and_import_carry_it(client, alice, household, nora):
    from tests.test_export_import import export_bytes, import_bytes, new_household

    token = ApiToken.issue(alice, household, "tests").token
    headers = {"Authorization": f"Bearer {token}"}
    made = client.patch(f"/api/v1/children/{nora.pk}", data=json.dumps(
        {"born_to_another": True}), content_type="application/json", headers=headers)
    assert made.status_code == 200 and made.json()["born_to_another"] is True
    renamed = client.patch(f"/api/v1/children/{nora.pk}", data=json.dumps(
        {"name": "Nora May"}), content_type="application/json", headers=headers)
    assert renamed.json()["born_to_another"] is True  # a PATCH keeps what it does not name
    data = export_bytes(household, alice)
    assert json.loads(data)["children"][0]["born_to_another"] is True
    target, jo = new_household("Target")
    assert import_bytes(target, jo, data).applied
    assert Child.objects.get(household=target).born_to_another
    # Anything but true (a hostile or older file) is read as a birth here.
    document = json.loads(data)
    document["children"][0]["born_to_another"] = "yes"
    again, ann = new_household("Again")
    assert import_bytes(again, ann, json.dumps(document).encode()).applied
    assert not Child.objects.get(household=again).born_to_another

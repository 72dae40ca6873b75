"""The API changes what it is given and keeps the rest: a PATCH of a baby's name had
emptied her birth and medical notes and her neonatal care (the form took their absence for
empty boxes). A baby in a unit, and the day she came home, go through it too."""

import json

from django.utils import timezone

from nestwell.accounts.models import ApiToken


def call(client, user, child, method, body=None):
    token = ApiToken.issue(user, child.household, "tests").token
    kwargs = {"headers": {"Authorization": f"Bearer {token}"}}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(f"/api/v1/children/{child.pk}", **kwargs)


def test_a_patch_keeps_what_it_does_not_name(client, alice, nora):
    nora.birth_notes, nora.medical_notes, nora.neonatal_care = "Born at dawn", "Jaundice", True
    nora.in_unit = True
    nora.save()
    renamed = call(client, alice, nora, "patch", {"name": "Nora May"})
    assert renamed.status_code == 200, renamed.content
    nora.refresh_from_db()
    assert (nora.name, nora.birth_notes, nora.medical_notes, nora.neonatal_care,
            nora.in_unit) == ("Nora May", "Born at dawn", "Jaundice", True, True)
    assert renamed.json()["in_unit"] is True and renamed.json()["home_on"] is None


def test_the_day_she_came_home(client, alice, nora):
    nora.neonatal_care = nora.in_unit = True
    nora.save()
    today = timezone.localdate().isoformat()
    home = call(client, alice, nora, "patch", {"in_unit": False, "home_on": today})
    assert home.status_code == 200 and home.json()["home_on"] == today
    nora.refresh_from_db()
    assert not nora.in_unit and nora.home_on.isoformat() == today and nora.neonatal_care
    late = call(client, alice, nora, "patch", {"home_on": "2099-01-01"})
    assert late.status_code == 422
    nora.refresh_from_db()
    assert nora.home_on.isoformat() == today


def test_a_baby_in_a_unit_moves_with_her_data_and_is_checked(household, alice, nora):
    from datetime import timedelta

    from nestwell.children.models import Child
    from tests.test_export_import import export_bytes, import_bytes, new_household

    nora.neonatal_care = True
    nora.home_on = timezone.localdate() - timedelta(days=2)
    nora.save()
    Child.objects.create(household=household, name="Rose", birth_at=nora.birth_at,
                         neonatal_care=True, in_unit=True)
    data = export_bytes(household, alice)
    document = json.loads(data)
    rows = {c["name"]: c for c in document["children"]}
    assert rows["Rose"]["in_unit"] is True and rows["Nora"]["home_on"] == nora.home_on.isoformat()
    target, jo = new_household("Target")
    report = import_bytes(target, jo, data)
    assert report.applied, report.lines()
    moved = {c.name: c for c in Child.objects.filter(household=target)}
    assert moved["Rose"].in_unit and not moved["Nora"].in_unit
    assert moved["Nora"].home_on == nora.home_on
    for bad in ("soon", "2099-01-01", (nora.birth_at - timedelta(days=3)).date().isoformat()):
        rows["Nora"]["home_on"] = bad
        again, ann = new_household(f"Again {bad}")
        refused = import_bytes(again, ann, json.dumps(document).encode())
        assert not refused.applied and not Child.objects.filter(household=again).exists(), bad


def test_neonatal_care_unticked_through_the_api_ends_the_stay(client, alice, nora):
    nora.neonatal_care = nora.in_unit = True
    nora.save()
    answer = call(client, alice, nora, "patch", {"neonatal_care": False})
    assert answer.status_code == 200
    nora.refresh_from_db()
    assert not nora.neonatal_care and not nora.in_unit
    told = call(client, alice, nora, "patch", {"in_unit": True})
    nora.refresh_from_db()
    assert told.status_code == 200 and nora.in_unit and nora.neonatal_care

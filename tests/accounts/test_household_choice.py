"""The household a person looks at: the one she chose last (kept in her session, read by a
statement built once), else her first. A household she no longer belongs to is never
shown, whatever her session says."""

from django.urls import reverse

from nestwell.accounts.middleware import SESSION_KEY
from nestwell.accounts.models import Membership
from nestwell.accounts.roles import Role
from nestwell.children.models import Child


def shown(client):
    response = client.get(reverse("journal:home"))
    assert response.status_code == 200
    return response.wsgi_request.household, response.context["children"]


def test_she_switches_and_comes_back_to_her_first(client_for, alice, household,
                                                  other_household, nora, sam):
    client = client_for(alice)
    assert shown(client) == (household, [nora])
    Membership.objects.create(user=alice, household=other_household, role=Role.CAREGIVER)
    client.post(reverse("accounts:switch", args=[other_household.pk]))
    assert client.session[SESSION_KEY] == other_household.pk
    chosen, children = shown(client)
    assert chosen == other_household and children == [sam]
    assert children[0].household is chosen  # held, not read again
    client.post(reverse("accounts:switch", args=[household.pk]))
    assert shown(client) == (household, [nora])


def test_a_household_she_left_is_never_shown(client_for, alice, household, other_household,
                                             nora, sam):
    client = client_for(alice)
    Membership.objects.create(user=alice, household=other_household, role=Role.CAREGIVER)
    client.post(reverse("accounts:switch", args=[other_household.pk]))
    assert shown(client)[0] == other_household
    Membership.objects.filter(user=alice, household=other_household).delete()
    assert shown(client) == (household, [nora])
    twin = Child.objects.create(household=household, name="Nell", birth_at=nora.birth_at)
    session = client.session
    session[SESSION_KEY] = other_household.pk + 1000  # never hers
    session.save()
    assert shown(client) == (household, [nora, twin])
    session[SESSION_KEY] = "not a household"  # a damaged session: her first, no error
    session.save()
    assert shown(client) == (household, [nora, twin])

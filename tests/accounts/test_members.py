from nestwell.accounts.models import Membership
from nestwell.accounts.roles import Role


def test_a_parent_changes_a_role(client_for, alice, bob):
    membership = Membership.objects.get(user=bob)
    response = client_for(alice).post(f"/household/members/{membership.pk}/",
                                      {"role": "viewer"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


def test_the_last_parent_cannot_step_down(client_for, alice):
    membership = Membership.objects.get(user=alice)
    client_for(alice).post(f"/household/members/{membership.pk}/", {"role": "viewer"})
    membership.refresh_from_db()
    assert membership.role == Role.PARENT


def test_a_parent_removes_someone(client_for, alice, carol):
    membership = Membership.objects.get(user=carol)
    client_for(alice).post(f"/household/members/{membership.pk}/", {"remove": "1"})
    assert not Membership.objects.filter(user=carol).exists()


def test_another_household_cannot_touch_members(client_for, bob, mallory):
    membership = Membership.objects.get(user=bob)
    response = client_for(mallory).post(f"/household/members/{membership.pk}/",
                                        {"role": "viewer"})
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == Role.CAREGIVER


def test_a_caregiver_cannot_promote_themselves(client_for, bob):
    membership = Membership.objects.get(user=bob)
    response = client_for(bob).post(f"/household/members/{membership.pk}/", {"role": "parent"})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.CAREGIVER

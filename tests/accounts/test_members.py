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


def test_a_parent_removes_someone_after_saying_yes(client_for, alice, carol):
    """Remove sat next to Change and took effect at once: one slip of a shaking hand
    removed a person, notes and all. It asks first now."""
    membership = Membership.objects.get(user=carol)
    client = client_for(alice)
    asked = client.post(f"/household/members/{membership.pk}/", {"remove": "1"})
    assert asked.status_code == 200 and Membership.objects.filter(user=carol).exists()
    page = asked.content.decode()
    assert "Remove Carol from the household?" in page and 'name="confirmed"' in page
    client.post(f"/household/members/{membership.pk}/", {"remove": "1", "confirmed": "1"})
    assert not Membership.objects.filter(user=carol).exists()


def test_the_question_is_not_asked_of_someone_who_may_not_remove(client_for, alice, bob):
    """Bob (a caregiver) is refused before any question, as before."""
    membership = Membership.objects.get(user=alice)
    response = client_for(bob).post(f"/household/members/{membership.pk}/", {"remove": "1"})
    assert response.status_code == 403
    assert Membership.objects.filter(user=alice).exists()


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


def test_the_question_is_neither_asked_nor_named_in_another_household(client_for, bob,
                                                                       mallory):
    membership = Membership.objects.get(user=bob)
    response = client_for(mallory).post(f"/household/members/{membership.pk}/",
                                        {"remove": "1"})
    assert response.status_code == 404 and b"Bob" not in response.content
    assert Membership.objects.filter(user=bob).exists()


def test_the_last_parent_is_refused_before_the_question(client_for, alice):
    """Asked "Remove Alice?" and then told a household needs a parent: refused at once."""
    membership = Membership.objects.get(user=alice)
    page = client_for(alice).post(f"/household/members/{membership.pk}/", {"remove": "1"},
                                  follow=True).content.decode()
    assert "A household needs at least one parent." in page and 'name="confirmed"' not in page
    assert Membership.objects.filter(user=alice).exists()

"""Anyone can step back from a household herself (the guides promise it): a caregiver or a
viewer too, who cannot open the household's settings. What she could reach ends with it."""

from nestwell.accounts.models import ApiToken, Membership


def test_a_caregiver_leaves_and_her_token_ends(client_for, client, alice, bob, household,
                                               nora):
    token = ApiToken.issue(bob, household, "script").token
    assert client.get("/api/v1/moments", headers={
        "Authorization": f"Bearer {token}"}).status_code == 200
    bobs = client_for(bob)
    assert 'data-testid="leave-link"' in bobs.get("/account/").content.decode()
    page = bobs.get(f"/household/{household.pk}/leave/")
    assert page.status_code == 200 and "stop working" in page.content.decode()
    assert Membership.objects.filter(user=bob).exists()  # looking changes nothing
    response = bobs.post(f"/household/{household.pk}/leave/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=bob, household=household).exists()
    assert client.get("/api/v1/moments", headers={
        "Authorization": f"Bearer {token}"}).status_code == 401
    assert bobs.get(f"/?child={nora.pk}").status_code in (302, 404)
    assert "Nora" not in bobs.get("/", follow=True).content.decode()


def test_a_viewer_can_leave_too(client_for, carol, household):
    assert client_for(carol).post(f"/household/{household.pk}/leave/").status_code == 302
    assert not Membership.objects.filter(user=carol).exists()


def test_the_last_parent_is_told_why_not(client_for, alice, household):
    page = client_for(alice).post(f"/household/{household.pk}/leave/")
    assert page.status_code == 400
    assert "needs at least one parent" in page.content.decode()
    assert Membership.objects.filter(user=alice, household=household).exists()


def test_nobody_leaves_for_someone_else_or_a_household_not_hers(client_for, bob, mallory,
                                                               household, other_household):
    assert client_for(mallory).post(f"/household/{household.pk}/leave/").status_code == 404
    assert client_for(bob).post(f"/household/{other_household.pk}/leave/").status_code == 404
    assert Membership.objects.filter(user=bob, household=household).exists()

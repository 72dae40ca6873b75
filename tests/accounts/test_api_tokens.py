from nestwell.accounts.models import ApiToken, hash_token


def test_a_token_is_shown_once_and_stored_hashed(client_for, alice):
    client = client_for(alice)
    page = client.post("/account/tokens/", {"name": "Home button"}).content.decode()
    token = ApiToken.objects.get()
    assert 'data-testid="new-token"' in page
    plain = page.split('data-testid="new-token-value">')[1].split("</p>")[0]
    assert plain.startswith("nw_") and token.token_hash == hash_token(plain)
    assert plain not in client.get("/account/tokens/").content.decode()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"}
                      ).status_code == 200


def test_a_revoked_token_stops_working(client_for, alice, household):
    made = ApiToken.issue(alice, household, "script")
    client = client_for(alice)
    client.post(f"/account/tokens/{made.pk}/revoke/")
    client.logout()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {made.token}"}
                      ).status_code == 401


def test_a_token_acts_with_todays_role(client, alice, household):
    from nestwell.accounts.models import Membership

    made = ApiToken.issue(alice, household, "script")
    Membership.objects.filter(user=alice).update(role="viewer")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {made.token}"})
    assert response.json()["role"] == "viewer"
    Membership.objects.filter(user=alice).delete()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {made.token}"}
                      ).status_code == 401


def test_nobody_else_revokes_or_sees_my_tokens(client_for, alice, bob, household):
    made = ApiToken.issue(alice, household, "Quillfeather script")
    client = client_for(bob)
    assert "Quillfeather" not in client.get("/account/tokens/").content.decode()
    assert client.post(f"/account/tokens/{made.pk}/revoke/").status_code == 404
    made.refresh_from_db()
    assert made.revoked_at is None


def test_the_app_session_needs_csrf_for_writes(alice, nora):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/api/v1/me").status_code == 200
    response = client.post("/api/v1/moments", {"child": nora.pk, "kind": "talk"},
                           content_type="application/json")
    assert response.status_code in (401, 403)


def test_a_token_used_a_moment_ago_says_just_now(client_for, alice, household):
    from datetime import timedelta

    from django.utils import timezone

    made = ApiToken.issue(alice, household, "shortcut")
    ApiToken.objects.filter(pk=made.pk).update(last_used_at=timezone.now())
    page = client_for(alice).get("/account/tokens/").content.decode()
    assert "used just now" in page and "0\xa0minutes" not in page
    ApiToken.objects.filter(pk=made.pk).update(
        last_used_at=timezone.now() - timedelta(hours=2, minutes=5))
    page = client_for(alice).get("/account/tokens/").content.decode()
    assert "used 2\xa0hours, 5\xa0minutes ago" in page

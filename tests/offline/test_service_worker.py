"""The service worker is served from the root, never kept stale, allowed by the policy,
and lists the app's files by their served names and the pages she needs offline."""

from nestwell.offline.views import offline_pages


def test_it_is_served_from_the_root_as_a_script(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_it_keeps_the_shell_and_her_pages(client, db):
    body = client.get("/sw.js").content.decode()
    assert "/static/nestwell/app.css" in body
    assert "/static/offline/vendor/workbox-precaching.prod.js" in body
    assert "importScripts" in body and "addEventListener(\"push\"" not in body
    assert "/static/reminders/push-handlers.js" in body  # the reminders' own handlers
    for page in ("/", "/support/", "/you/check-in/", "/guidance/"):
        assert page in offline_pages()
    assert any(p.startswith("/guidance/") and p != "/guidance/" for p in offline_pages())


def test_the_page_registers_it_for_the_signed_in_person(client_for, alice, nora):
    body = client_for(alice).get("/").content.decode()
    assert 'data-sw="/sw.js"' in body
    assert f'data-person="{alice.pk}"' in body


def test_the_offline_page_and_words_are_public(client):
    assert client.get("/offline/").status_code == 200
    words = client.get("/offline/words.json").json()
    assert words["waiting"] == "Waiting to sync"
    assert "skin_to_skin" in words["timed"]


def test_it_names_the_hashed_files_after_collectstatic(client, db, settings, tmp_path):
    """In production the manifest storage serves hashed names: the worker lists those."""
    import re

    from django.core.management import call_command

    # Changing these settings makes Django read the storage again (and again after).
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    body = client.get("/sw.js").content.decode()
    assert re.search(r"/static/offline/vendor/workbox-core\.prod\.[0-9a-f]{12}\.js", body)
    assert re.search(r"/static/nestwell/app\.[0-9a-f]{12}\.css", body)

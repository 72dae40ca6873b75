"""The listening page (GET /listen/): who may open it, the babies it offers, what it says
about sound and safety, the links to it, and the one relaxation of the page's CSP that
MediaPipe's WebAssembly needs."""

import re
from datetime import timedelta

from django.utils import timezone

from nestwell.children.models import Child


def test_a_caregiver_picks_the_baby_and_names_the_device(client_for, bob, nora):
    response = client_for(bob).get("/listen/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<option value="{nora.pk}" selected dir="auto">Nora</option>' in page
    assert 'name="name"' in page and "Start listening" in page


def test_the_page_says_no_sound_leaves_and_it_is_no_safety_monitor(client_for, alice, nora):
    page = client_for(alice).get("/listen/").content.decode()
    assert "No sound is stored or sent, ever" in page
    assert "never a safety monitor" in page
    assert "does not replace being in earshot" in page


def test_the_page_loads_everything_from_nestwell_itself(client_for, alice, nora):
    page = client_for(alice).get("/listen/").content.decode()
    for name in ("listening/vendor/audio_bundle.mjs", "listening/vendor/audio_wasm_internal.wasm",
                 "listening/yamnet.tflite", "listening/detector.json", "listening/listen.js"):
        assert f"/static/{name}" in page
    assert not re.search(r'(src|href|data-\w+)="(https?:)?//', page)


def test_only_this_page_may_compile_webassembly(client_for, alice, nora):
    client = client_for(alice)
    policy = client.get("/listen/")["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'", "'wasm-unsafe-eval'"]
    assert "wasm-unsafe-eval" not in client.get("/")["Content-Security-Policy"]


def test_a_viewer_cannot_listen(client_for, carol, nora):
    assert client_for(carol).get("/listen/").status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client, nora):
    response = client.get("/listen/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_households_baby_is_never_offered(client_for, mallory, nora, sam):
    page = client_for(mallory).get(f"/listen/?child={nora.pk}").content.decode()
    assert "Nora" not in page and f'value="{sam.pk}" selected' in page


def test_a_baby_not_yet_born_is_not_offered(client_for, alice, household):
    Child.objects.create(household=household, name="Bump",
                         due_date=timezone.localdate() + timedelta(days=30))
    page = client_for(alice).get("/listen/").content.decode()
    assert "Bump" not in page and "Start listening" not in page
    assert "add the birth first" in page


def test_the_page_makes_the_same_few_queries_for_many_babies(
        client_for, alice, household, django_assert_max_num_queries):
    for n in range(12):
        Child.objects.create(household=household, name=f"Twin {n}",
                             birth_at=timezone.now() - timedelta(days=20))
    client = client_for(alice)
    with django_assert_max_num_queries(6):
        assert client.get("/listen/").status_code == 200


def test_today_and_the_night_screen_offer_listening(client_for, alice, nora):
    client = client_for(alice)
    for path in ("/", "/night/"):
        assert 'href="/listen/"' in client.get(path).content.decode(), path

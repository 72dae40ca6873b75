"""Her wellbeing over the API: the safety path holds here too."""

import json

from nestwell.wellbeing.models import CheckIn, ScreeningResponse


def test_a_checkin_that_is_not_safe_points_to_support(api_for, alice):
    response = api_for(alice).post("/api/v1/checkins", {
        "mood": 1, "connection": 2, "energy": 1, "stress": 5, "support": 1,
        "safety": "not_safe", "sleep_hours": 3.5})
    assert response.status_code == 201
    assert response.data["needs_support"] and response.data["support_url"] == "/support/"
    assert CheckIn.objects.get().author == alice


def test_a_hard_time_after_i_feel_safe_offers_support_as_her_page_does(api_for, alice):
    """A full check-in at the lowest mood, alone and overwhelmed, answered "safe" said
    needs_support false and nothing else, while her page offered who she can reach."""
    client = api_for(alice)
    hard = client.post("/api/v1/checkins", {"mood": 1, "connection": 2, "energy": 1,
                                            "stress": 5, "support": 1, "safety": "safe"})
    assert hard.status_code == 201
    assert (hard.data["needs_support"], hard.data["support_url"],
            hard.data["offer_support"]) == (False, None, True)
    calm = client.post("/api/v1/checkins", {"mood": 4, "connection": 4, "energy": 3,
                                            "stress": 2, "support": 4, "safety": "safe"})
    assert (calm.data["needs_support"], calm.data["offer_support"]) == (False, False)
    unsure = client.post("/api/v1/checkins", {"mood": 3, "connection": 3, "energy": 3,
                                              "stress": 3, "support": 3, "safety": "unsure"})
    assert (unsure.data["needs_support"], unsure.data["offer_support"]) == (True, True)


def test_a_checkin_out_of_range_changes_nothing(api_for, alice):
    response = api_for(alice).post("/api/v1/checkins", {
        "mood": 9, "connection": 2, "energy": 1, "stress": 5, "support": 1, "safety": "safe"})
    assert response.status_code == 422 and "mood" in response.data["error"]["fields"]
    response = api_for(alice).post("/api/v1/checkins", {
        "mood": 3, "connection": 2, "energy": 1, "stress": 5, "support": 1, "safety": "maybe"})
    assert response.status_code == 422 and "safety" in response.data["error"]["fields"]
    assert not CheckIn.objects.exists()


def test_a_screening_is_scored_by_the_published_key(api_for, alice, nora):
    response = api_for(alice).post("/api/v1/screenings", {
        "instrument": "phq9", "answers": [1, 1, 2, 3, 1, 0, 0, 0, 1]})
    assert response.status_code == 201
    assert (response.data["total"], response.data["band"], response.data["safety"]) == (
        9, "mild", [9])
    assert response.data["support_url"] == "/support/"


def test_an_incomplete_screening_is_refused(api_for, alice, nora):
    response = api_for(alice).post("/api/v1/screenings", {"instrument": "phq9",
                                                          "answers": [1, 1]})
    assert response.status_code == 422
    assert "9 questions" in response.data["error"]["fields"]["answers"][0]
    response = api_for(alice).post("/api/v1/screenings", {"instrument": "bdi",
                                                          "answers": [1]})
    assert response.status_code == 422
    assert not ScreeningResponse.objects.exists()


def test_contacts_need_a_way_to_reach_them(api_for, alice):
    client = api_for(alice)
    response = client.post("/api/v1/contacts", {"name": "Jo", "role": "gp"})
    assert response.status_code == 422
    made = client.post("/api/v1/contacts", {"name": "Jo", "role": "gp", "phone": "0123 456"})
    assert made.status_code == 201
    changed = client.patch(f"/api/v1/contacts/{made.data['id']}", {"phone": "letters"})
    assert changed.status_code == 422
    assert client.get(f"/api/v1/contacts/{made.data['id']}").data["phone"] == "0123 456"


def test_a_refused_checkin_that_is_not_safe_still_points_to_support(api_for, alice):
    for body in ({"safety": "not_safe"}, {"safety": "unsure", "mood": 9},
                 {"safety": "not_safe", "mood": "low", "note": "x" * 3000}):
        response = api_for(alice).post("/api/v1/checkins", body)
        assert response.status_code == 422, body
        assert response.data["support_url"] == "/support/", body
    assert not CheckIn.objects.exists()


def test_a_refused_checkin_that_feels_safe_has_no_support_url(api_for, alice):
    response = api_for(alice).post("/api/v1/checkins", {"safety": "safe"})
    assert response.status_code == 422 and "support_url" not in response.data


def test_an_incomplete_screening_with_a_safety_answer_still_points_to_support(api_for, alice,
                                                                            nora):
    response = api_for(alice).post("/api/v1/screenings", {
        "instrument": "phq9", "answers": [0, 0, 0, 0, 0, 0, 0, 0, 2, 9]})
    assert response.status_code == 422 and response.data["support_url"] == "/support/"
    response = api_for(alice).post("/api/v1/screenings", {
        "instrument": "phq9", "answers": [0, 0, 0, 7, 0, 0, 0, 0, 1]})
    assert response.status_code == 422 and response.data["support_url"] == "/support/"
    response = api_for(alice).post("/api/v1/screenings", {"instrument": "phq9",
                                                          "answers": [1, 1]})
    assert response.status_code == 422 and "support_url" not in response.data
    assert not ScreeningResponse.objects.exists()


def test_the_api_takes_a_short_check_in_and_points_to_support(api_for, bob):
    response = api_for(bob).post("/api/v1/checkins", {
        "kind": "short", "mood": 1, "connection": 3, "support": 2, "safety": "safe"})
    assert response.status_code == 201
    assert response.data["kind"] == "short" and response.data["energy"] is None
    assert response.data["support_url"] == "/support/"
    refused = api_for(bob).post("/api/v1/checkins", {"mood": 3, "connection": 3,
                                                     "support": 2, "safety": "safe"})
    assert refused.status_code == 422 and CheckIn.objects.count() == 1  # full: energy asked
    listed = api_for(bob).get("/api/v1/checkins")
    assert listed.status_code == 200 and listed.data["items"][0]["stress"] is None


def test_a_risk_answer_next_to_json_too_deep_to_read_still_points_to_support(api_for, alice,
                                                                           nora):
    """Python's json reader gives up on nesting this deep (RecursionError): the request is
    refused, and the safety check reads what it needs without it."""
    api = api_for(alice)
    deep = "[" * 50000 + "]" * 50000

    def post(path, text):
        response = api.client.post(path, data=text, content_type="application/json",
                                   headers=api.headers)
        return response.status_code, json.loads(response.content)

    for path, text in (
            ("/api/v1/checkins", '{"extra": DEEP, "safety": "not_safe"}'),
            ("/api/v1/checkins", '{"kind": "short", "mood": 1, "x": {"y": DEEP}}'),
            ("/api/v1/screenings",
             '{"instrument": "phq9", "answers": [0, 0, 0, 0, DEEP, 0, 0, 0, 2]}')):
        status, data = post(path, text.replace("DEEP", deep))
        assert status == 400 and data["support_url"] == "/support/", text[:40]
    for path, text in (
            ("/api/v1/checkins", '{"extra": DEEP, "safety": "safe"}'),
            ("/api/v1/screenings", '{"instrument": "phq9", "answers": DEEP}'),
            ("/api/v1/checkins", '[DEEP, {"safety": "not_safe"}]')):
        status, data = post(path, text.replace("DEEP", deep))
        assert status == 400 and "support_url" not in data, text[:40]
    assert not CheckIn.objects.exists() and not ScreeningResponse.objects.exists()


def test_the_api_reads_and_sets_a_contact_given_to_the_household(api_for, alice, bob,
                                                                 household):
    from nestwell.wellbeing.models import SupportContact

    api = api_for(alice)
    made = api.post("/api/v1/contacts", {"name": "Pat Lee", "role": "health_visitor",
                                         "phone": "020 7946 0001", "for_household": True})
    assert made.status_code == 201 and made.data["for_household"] is True
    changed = api.patch(f"/api/v1/contacts/{made.data['id']}", {"for_household": False})
    assert changed.data["for_household"] is False
    assert not SupportContact.objects.get().for_household
    assert api_for(bob).get(f"/api/v1/contacts/{made.data['id']}").status_code == 404


def test_a_paper_total_without_its_harm_question_says_so(api_for, client_for, alice, nora):
    client_for(alice).post("/you/questionnaires/epds/paper/", {"total": "14"})
    client_for(alice).post("/you/questionnaires/epds/paper/",
                           {"total": "9", "safety_score": "0"})
    rows = api_for(alice).get("/api/v1/screenings").json()["items"]
    assert [r["safety_unanswered"] for r in rows] == [[], [10]]
    assert all(r["safety"] == [] and r["support_url"] is None for r in rows)


def test_a_checkin_said_safe_with_a_note_of_harm_points_to_support(api_for, alice):
    client = api_for(alice)
    made = client.post("/api/v1/checkins", {
        "mood": 3, "connection": 3, "energy": 3, "stress": 3, "support": 3,
        "safety": "safe", "note": "I want to kill myself"})
    assert made.status_code == 201
    assert (made.data["needs_support"], made.data["support_url"],
            made.data["offer_support"]) == (True, "/support/", True)
    refused = client.post("/api/v1/checkins", {"safety": "safe", "mood": 9,
                                               "note": "Ich möchte sterben"})
    assert refused.status_code == 422 and refused.data["support_url"] == "/support/"
    odd = client.post("/api/v1/checkins", {"safety": "safe", "note": ["kill myself"]})
    assert odd.status_code == 422  # not a note: nothing read in it, and no 500
    assert CheckIn.objects.count() == 1


def test_a_moment_or_cue_written_with_a_note_of_harm_points_to_support(api_for, alice,
                                                                       nora):
    """The app opens the support page after saving such a note; the API says where it is,
    once: a PATCH that leaves the note as it was says nothing."""
    client = api_for(alice)
    made = client.post("/api/v1/moments", {"child": nora.pk, "kind": "note",
                                           "note": "I want to kill myself"})
    assert made.status_code == 201 and made.data["support_url"] == "/support/"
    moved = client.patch(f"/api/v1/moments/{made.data['id']}",
                         {"version": made.data["version"], "actor": alice.pk})
    assert moved.status_code == 200 and moved.data["support_url"] is None
    calm = client.post("/api/v1/moments", {"child": nora.pk, "kind": "talk",
                                           "note": "Told her about the snow"})
    assert calm.data["support_url"] is None
    cry = client.post("/api/v1/cues", {"child": nora.pk, "signal": "cry"})
    written = client.patch(f"/api/v1/cues/{cry.data['id']}", {
        "version": cry.data["version"], "note": "scared I might shake the baby"})
    assert written.status_code == 200 and written.data["support_url"] == "/support/"
    # The baby by name, in a moment, a cue and a check-in (Aoife's walk).
    named = client.post("/api/v1/moments", {"child": nora.pk, "kind": "note",
                                            "note": f"I had thoughts of shaking {nora.name}"})
    assert named.data["support_url"] == "/support/"
    named_cue = client.patch(f"/api/v1/cues/{cry.data['id']}", {
        "version": written.data["version"], "note": f"scared I'll hurt {nora.name}"})
    assert named_cue.data["support_url"] == "/support/"
    checkin = client.post("/api/v1/checkins", {
        "mood": 3, "connection": 3, "energy": 3, "stress": 3, "support": 3,
        "safety": "safe", "note": f"I keep thinking of hurting {nora.name}"})
    assert checkin.data["support_url"] == "/support/"
    # Read back, the same (the review: the list and the check-in said false).
    listed = client.get("/api/v1/checkins").data["items"]
    assert [c["needs_support"] for c in listed if c["id"] == checkin.data["id"]] == [True]
    assert client.get(f"/api/v1/checkins/{checkin.data['id']}").data["needs_support"]
    # Refused for another reason, it still points to support.
    refused = client.post("/api/v1/checkins", {"safety": "safe", "mood": 99,
                                               "note": f"I'm scared I'll hurt {nora.name}"})
    assert refused.status_code == 422 and refused.data["support_url"] == "/support/"
    # Lists and reads carry no such field.
    assert "support_url" not in client.get("/api/v1/moments").data["items"][0]

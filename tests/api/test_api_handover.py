"""Handover notes over the API: only their writer and the person they are for ever see
them; the rules are the page's."""

from nestwell.handover.models import Note


def test_a_note_goes_from_one_to_the_other_and_no_further(api_for, alice, bob, carol):
    sent = api_for(bob).post("/api/v1/handover/notes",
                             {"addressee": alice.pk, "text": " Bottle in the fridge "})
    assert sent.status_code == 201, sent.content
    note = sent.data
    assert note["text"] == "Bottle in the fridge" and note["read_at"] is None
    assert note["author"] == bob.pk and note["addressee_name"] == str(alice)
    her = api_for(alice)
    assert [n["id"] for n in her.get("/api/v1/handover/notes?box=for_me").data["items"]] == \
        [note["id"]]
    assert her.get("/api/v1/handover/notes?box=by_me").data["items"] == []
    # Carol, in the same household, sees nothing of it and cannot touch it.
    viewer = api_for(carol)
    assert viewer.get("/api/v1/handover/notes").data["items"] == []
    for call in (viewer.get(f"/api/v1/handover/notes/{note['id']}"),
                 viewer.post(f"/api/v1/handover/notes/{note['id']}/read")):
        assert call.status_code == 404
    # Only Alice marks it read; only Bob takes it back.
    assert api_for(bob).post(f"/api/v1/handover/notes/{note['id']}/read").status_code == 404
    read = her.post(f"/api/v1/handover/notes/{note['id']}/read")
    assert read.status_code == 200 and read.data["read_at"] is not None
    assert her.get("/api/v1/handover/notes?unread=true").data["items"] == []
    assert her.delete(f"/api/v1/handover/notes/{note['id']}").status_code == 404
    assert api_for(bob).delete(f"/api/v1/handover/notes/{note['id']}").status_code == 204
    assert not Note.objects.exists()


def test_a_viewer_reads_and_marks_but_does_not_write(api_for, alice, carol):
    note = Note.objects.create(household=alice.memberships.first().household, author=alice,
                               addressee=carol, text="Nap at two")
    viewer = api_for(carol)
    assert viewer.post(f"/api/v1/handover/notes/{note.pk}/read").status_code == 200
    refused = viewer.post("/api/v1/handover/notes", {"addressee": alice.pk, "text": "Hi"})
    assert refused.status_code == 403


def test_refused_notes_say_why_and_keep_nothing(api_for, alice, bob, mallory):
    api = api_for(alice)
    for body, field in (({"addressee": bob.pk, "text": "  "}, "text"),
                        ({"addressee": alice.pk, "text": "Me"}, "addressee"),
                        ({"addressee": mallory.pk, "text": "Hi"}, "addressee")):
        refused = api.post("/api/v1/handover/notes", body)
        assert refused.status_code == 422 and field in refused.data["error"]["fields"]
    assert api.post("/api/v1/handover/notes",
                    {"addressee": bob.pk, "text": "x" * 281}).status_code == 422
    assert not Note.objects.exists()


def test_the_people_to_write_to(api_for, alice, bob, carol, mallory):
    people = api_for(alice).get("/api/v1/handover/people").data
    assert {p["id"] for p in people} == {bob.pk, carol.pk}


def test_the_list_costs_the_same_queries_with_more_notes(api_for, alice, bob, household):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_for(alice)

    def grow(n):
        Note.objects.bulk_create([Note(household=household, author=bob, addressee=alice,
                                       text=f"Note {i}") for i in range(n)])

    def queries():
        api.get("/api/v1/handover/notes")
        with CaptureQueriesContext(connection) as seen:
            assert api.get("/api/v1/handover/notes?count=true").data["count"] > 0
        return len(seen)

    grow(2)
    few = queries()
    grow(40)
    assert queries() == few


def test_a_handover_note_of_harm_sent_by_the_api_points_to_support(api_for, alice, bob,
                                                                   nora):
    """Aoife's walk: the API kept the note and said nothing of support."""
    client = api_for(alice)
    risky = client.post("/api/v1/handover/notes", {"addressee": bob.pk,
                                                   "text": "I want to end my life"})
    assert risky.status_code == 201 and risky.data["support_url"] == "/support/"
    named = client.post("/api/v1/handover/notes", {
        "addressee": bob.pk, "text": f"Take {nora.name} tonight, scared I'll hurt {nora.name}"})
    assert named.data["support_url"] == "/support/"
    calm = client.post("/api/v1/handover/notes", {"addressee": bob.pk,
                                                  "text": "Nappies are in the car"})
    assert calm.status_code == 201 and calm.data["support_url"] is None


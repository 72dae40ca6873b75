"""Every route, walked from the URL resolver, tried by people who must not get in.

A new route without an entry in ROUTES fails ``test_every_route_is_covered``.
"""

import io
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from nestwell.accounts.models import ApiToken, Invitation, Membership
from nestwell.care.models import Cue, Routine
from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.handover.models import Note
from nestwell.health.models import Nappy, Temperature
from nestwell.insights.models import ShareLink
from nestwell.journal.models import Moment
from nestwell.keepsake.models import KeepsakeNote
from nestwell.listening.models import ListeningDevice
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones.models import Milestone
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.photos import services as photos
from nestwell.reminders.models import PushSubscription
from nestwell.transfer.models import ImportJob
from nestwell.wellbeing.models import ScreeningResponse, Share, SupportContact
from nestwell.wondering.models import Wondering

PUBLIC = "public"        # anyone, signed in or not
SIGNED_IN = "signed_in"  # any signed-in person; touches only their own account
MEMBER = "member"        # any member may read; caregivers and parents may write
WRITER = "writer"        # caregivers and parents only, reading included
PARENT = "parent"        # parents only
PERSONAL = "personal"    # any member, for their own private data (viewers included)

# route name -> (who, object the URL points at or None, methods to try)
ROUTES = {
    "healthz": (PUBLIC, None, ["GET"]),
    "manifest": (PUBLIC, None, ["GET"]),
    "install_help": (PUBLIC, None, ["GET"]),
    "service_worker": (PUBLIC, None, ["GET"]),
    "offline:page": (PUBLIC, None, ["GET"]),
    "offline:words": (PUBLIC, None, ["GET"]),
    "export_schema": (PUBLIC, None, ["GET"]),
    "export_schema_v1": (PUBLIC, None, ["GET"]),
    "export_schema_v2": (PUBLIC, None, ["GET"]),
    "accounts:signup": (PUBLIC, None, ["GET"]),
    "accounts:login": (PUBLIC, None, ["GET"]),
    "accounts:logout": (PUBLIC, None, ["POST"]),
    "accounts:password_reset": (PUBLIC, None, ["GET"]),
    "accounts:password_reset_done": (PUBLIC, None, ["GET"]),
    "accounts:password_reset_confirm": (PUBLIC, "reset", ["GET"]),
    "accounts:join": (PUBLIC, "token", ["GET"]),
    "accounts:theme": (PUBLIC, None, ["POST"]),
    "accounts:language": (PUBLIC, None, ["POST"]),
    "accounts:account": (SIGNED_IN, None, ["GET"]),
    "accounts:sign_out_elsewhere": (SIGNED_IN, None, ["POST"]),
    "accounts:measures": (SIGNED_IN, None, ["POST"]),
    "own_data": (SIGNED_IN, None, ["GET", "POST"]),
    "own_data_export": (SIGNED_IN, None, ["GET"]),
    "delete_account": (SIGNED_IN, None, ["GET", "POST"]),
    "accounts:api_tokens": (PERSONAL, None, ["GET", "POST"]),
    "accounts:api_token_revoke": (PERSONAL, "token_obj", ["POST"]),
    "accounts:password_change": (SIGNED_IN, None, ["GET"]),
    "accounts:create_household": (SIGNED_IN, None, ["GET"]),
    "accounts:switch": (SIGNED_IN, "household", ["POST"]),
    "accounts:leave": (SIGNED_IN, "household", ["GET", "POST"]),
    "accounts:settings": (PARENT, None, ["GET", "POST"]),
    "accounts:invite": (PARENT, None, ["POST"]),
    "accounts:invitation_revoke": (PARENT, "invitation", ["POST"]),
    "accounts:member_update": (PARENT, "membership", ["POST"]),
    "journal:home": (MEMBER, None, ["GET"]),
    "journal:timeline": (MEMBER, None, ["GET"]),
    "journal:timers": (MEMBER, None, ["GET"]),
    "journal:night": (MEMBER, None, ["GET"]),
    "listening:page": (WRITER, None, ["GET"]),
    "listening:banner": (MEMBER, None, ["GET"]),
    "listening:devices": (MEMBER, None, ["GET"]),
    "listening:device_stop": (MEMBER, "listening_device", ["POST"]),
    "listening:device_closed_seen": (MEMBER, "listening_device", ["POST"]),
    "journal:quick_log": (MEMBER, None, ["POST"]),
    "journal:moment_add": (WRITER, "kind", ["GET", "POST"]),
    "journal:moment_edit": (WRITER, "moment", ["GET", "POST"]),
    "journal:stop": (MEMBER, "moment", ["POST"]),
    "journal:switch_side": (MEMBER, "moment", ["POST"]),
    "journal:moment_delete": (WRITER, "moment", ["GET", "POST"]),
    "journal:moment_undo": (MEMBER, "moment", ["POST"]),
    "journal:children": (PARENT, None, ["GET"]),
    "journal:child_add": (PARENT, None, ["GET", "POST"]),
    "journal:child_edit": (PARENT, "child", ["GET", "POST"]),
    "journal:child_select": (MEMBER, "child", ["POST"]),
    "journal:child_remove": (PARENT, "child", ["GET", "POST"]),
    "journal:child_remembered": (PARENT, "child", ["GET", "POST"]),
    "journal:child_remembered_undo": (PARENT, "child", ["POST"]),
    "journal:child_home": (PARENT, "child", ["POST"]),
    "journal:crying": (MEMBER, None, ["POST"]),
    "journal:positive_cue": (MEMBER, None, ["POST"]),
    "journal:cue_respond": (MEMBER, "cue", ["POST"]),
    "journal:cue_settle": (MEMBER, "cue", ["POST"]),
    "journal:cue_not_crying": (MEMBER, "cue", ["POST"]),
    "journal:cue_need": (MEMBER, "cue", ["POST"]),
    "journal:cue_answer": (MEMBER, "cue", ["POST"]),
    "journal:cue_undo": (MEMBER, "cue", ["POST"]),
    "journal:cue_edit": (WRITER, "cue", ["GET", "POST"]),
    "journal:responsive_care": (MEMBER, None, ["GET"]),
    "journal:routines": (MEMBER, None, ["GET"]),
    "journal:routine_add": (WRITER, None, ["GET", "POST"]),
    "journal:routine_edit": (WRITER, "routine", ["GET", "POST"]),
    "journal:milestones": (MEMBER, None, ["GET"]),
    "journal:milestone_edit": (WRITER, "milestone", ["GET", "POST"]),
    "photos:serve": (MEMBER, "photo", ["GET"]),
    "photos:change": (WRITER, "photo_owner", ["POST"]),
    "photos:caption": (WRITER, "photo_id", ["POST"]),
    "journal:growth": (MEMBER, None, ["GET"]),
    "journal:measurement_edit": (WRITER, "measurement", ["GET", "POST"]),
    "journal:movements": (MEMBER, None, ["GET", "POST"]),
    "health:nappies": (MEMBER, None, ["GET", "POST"]),
    "health:nappy_quick": (WRITER, None, ["POST"]),
    "health:nappy_edit": (WRITER, "nappy", ["GET", "POST"]),
    "health:nappy_undo": (WRITER, "nappy", ["POST"]),
    "health:temperatures": (MEMBER, None, ["GET", "POST"]),
    "health:temperature_edit": (WRITER, "temperature", ["GET", "POST"]),
    "milk:pumping": (MEMBER, None, ["GET", "POST"]),
    "milk:pumping_edit": (WRITER, "pumping", ["GET", "POST"]),
    "milk:store": (MEMBER, None, ["GET", "POST"]),
    "milk:bag_edit": (WRITER, "bag", ["GET", "POST"]),
    "milk:bag_action": (WRITER, "bag", ["POST"]),
    "milk:bag_undo": (WRITER, "bag", ["POST"]),
    "medicines:list": (MEMBER, None, ["GET", "POST"]),
    "medicines:add": (PARENT, None, ["GET", "POST"]),
    "medicines:give": (WRITER, None, ["POST"]),
    "medicines:edit": (PARENT, "medicine", ["GET", "POST"]),
    "medicines:dose_edit": (WRITER, "dose", ["GET", "POST"]),
    "medicines:dose_undo": (WRITER, "dose", ["POST"]),
    "transfer:data": (MEMBER, None, ["GET"]),
    "insights:dashboard": (MEMBER, None, ["GET"]),
    "insights:put_away": (PERSONAL, "suggestion", ["POST"]),
    "insights:suggestions_switch": (PERSONAL, None, ["POST"]),
    "guidance:list": (MEMBER, None, ["GET"]),
    "insights:report": (MEMBER, None, ["GET"]),
    "insights:protocol": (MEMBER, None, ["GET"]),
    "insights:week": (PERSONAL, None, ["GET", "POST"]),
    "insights:share_create": (MEMBER, None, ["POST"]),
    "insights:share_revoke": (PERSONAL, "share_link", ["POST"]),
    "shared_report": (PUBLIC, "report_token", ["GET"]),
    "shared_report_file": (PUBLIC, "report_file", ["GET"]),
    "guidance:article": (MEMBER, "article", ["GET"]),
    "transfer:export": (MEMBER, None, ["GET"]),
    "transfer:import_check": (PARENT, None, ["POST"]),
    "transfer:import_run": (PARENT, None, ["POST"]),
    "transfer:import_job": (PARENT, "import_job", ["GET"]),
    "transfer:delete": (PARENT, None, ["GET", "POST"]),
    "journal:movement_tap": (WRITER, "session", ["POST"]),
    "journal:movement_untap": (WRITER, "session", ["POST"]),
    "journal:movement_finish": (WRITER, "session", ["POST"]),
    "journal:letters": (MEMBER, None, ["GET", "POST"]),
    "journal:birth": (PARENT, "bump", ["GET", "POST"]),
    "journal:first_hour": (WRITER, "child", ["GET", "POST"]),
    "journal:kangaroo": (MEMBER, None, ["GET"]),
    "wellbeing:questionnaire": (PERSONAL, "instrument", ["GET", "POST"]),
    "wellbeing:paper": (PERSONAL, "instrument", ["GET", "POST"]),
    "wellbeing:screening": (PERSONAL, "screening", ["GET"]),
    "support": (PUBLIC, None, ["GET"]),
    "wellbeing:hub": (PERSONAL, None, ["GET"]),
    "wellbeing:checkin": (PERSONAL, None, ["GET", "POST"]),
    "wellbeing:checkin_short": (PERSONAL, None, ["GET", "POST"]),
    "wellbeing:checkin_history": (PERSONAL, None, ["GET"]),
    "wellbeing:contacts": (PERSONAL, None, ["GET"]),
    "wellbeing:contact_add": (PERSONAL, None, ["GET", "POST"]),
    "wellbeing:contact_edit": (PERSONAL, "contact", ["GET", "POST"]),
    "wellbeing:sharing": (PERSONAL, None, ["GET"]),
    "wellbeing:sharing_update": (PERSONAL, "member", ["POST"]),
    "wellbeing:shared": (PERSONAL, "sharer", ["GET"]),
    "wellbeing:audit": (PERSONAL, None, ["GET"]),
    "reminders:due": (PERSONAL, None, ["GET"]),
    "reminders:banner": (PERSONAL, None, ["GET"]),
    "reminders:put_away": (PERSONAL, None, ["POST"]),
    "reminders:settings": (PERSONAL, None, ["GET", "POST"]),
    "reminders:device_add": (PERSONAL, None, ["POST"]),
    "reminders:device_remove": (PERSONAL, "device", ["POST"]),
    "reminders:test": (PERSONAL, None, ["POST"]),
    "reminders:repeat": (PERSONAL, "instrument", ["POST"]),
    "wondering:noticed": (PERSONAL, None, ["GET"]),
    "wondering:answer": (PERSONAL, None, ["POST"]),
    "wondering:put_away": (PERSONAL, None, ["POST"]),
    "wondering:never": (PERSONAL, None, ["POST"]),
    "wondering:choices": (PERSONAL, None, ["GET", "POST"]),
    "wondering:remove": (PERSONAL, "wondering", ["POST"]),
    "handover:seen": (PERSONAL, None, ["POST"]),
    "handover:notes": (MEMBER, None, ["GET", "POST"]),
    "handover:note_read": (PERSONAL, "note", ["POST"]),
    "handover:note_take_back": (MEMBER, "note", ["POST"]),
    "keepsake:page": (WRITER, None, ["GET", "POST"]),
    "keepsake:book": (WRITER, None, ["GET"]),
    "keepsake:note_add": (WRITER, None, ["POST"]),
    "keepsake:note_remove": (WRITER, "keepsake_note", ["POST"]),
}


def walk(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else prefix + str(entry.pattern)


def test_every_route_is_covered():
    # The API's operations have their own matrix in tests/api/test_api_authorization.py.
    routes = {r for r in walk() if not r.startswith("api:")}
    assert routes - set(ROUTES) == set(), "add the new route to ROUTES with who may use it"
    assert set(ROUTES) - routes == set(), "ROUTES names a route that no longer exists"


@pytest.fixture
def objects(household, alice, bob, moment, nora):
    invitation = Invitation.issue(household, "viewer", alice)
    contact = SupportContact.objects.create(household=household, owner=alice, name="Jo",
                                            role="gp", phone="0123 456")
    Share.objects.create(household=household, owner=alice, member=bob, checkins=True)
    cue = Cue.objects.create(household=household, child=nora, signal="cry",
                             started_at=timezone.now())
    routine = Routine.objects.create(household=household, child=nora, name="Bedtime")
    milestone = Milestone.objects.create(household=household, child=nora, kind="first_smile",
                                         happened_on=timezone.localdate())
    measurement = Measurement.objects.create(household=household, child=nora,
                                             measured_on=timezone.localdate(),
                                             weight_grams=4200)
    nappy = Nappy.objects.create(household=household, child=nora, kind="wet",
                                 changed_at=timezone.now())
    temperature = Temperature.objects.create(household=household, child=nora, celsius=37,
                                             taken_at=timezone.now())
    pumping = PumpingSession.objects.create(household=household, child=nora, amount_ml=90,
                                            started_at=timezone.now())
    bag = MilkBag.objects.create(household=household, child=nora, amount_ml=90,
                                 expressed_at=timezone.now(), place="fridge",
                                 use_by=timezone.now() + timedelta(days=8))
    medicine = Medicine.objects.create(household=household, child=nora, name="Vitamin D")
    dose = Dose.objects.create(household=household, child=nora, medicine=medicine,
                               given_at=timezone.now())
    bump = Child.objects.create(household=household, name="Bump",
                                due_date=timezone.localdate() + timedelta(weeks=6))
    session = Moment.objects.create(household=household, child=bump, kind="movement_count",
                                    started_at=timezone.now(), details={"count": 0})
    screening = ScreeningResponse.objects.create(household=household, author=alice,
                                                 instrument="phq9", version="1", total=4)
    token = ApiToken.issue(alice, household, "script")
    device = PushSubscription.objects.create(household=household, user=alice,
                                             endpoint="https://push.example/alice",
                                             p256dh="x" * 87, auth="y" * 22)
    share = ShareLink.objects.create(household=household, child=nora, created_by=alice,
                                     token_hash="x" * 64, first=timezone.localdate(),
                                     last=timezone.localdate(),
                                     expires_at=timezone.now() + timedelta(days=3))
    job = ImportJob.objects.create(household=household, started_by=alice, file_name="f.csv",
                                   path="/nowhere")
    note = Note.objects.create(household=household, author=bob, addressee=alice,
                               text="Bottle in the fridge")
    listening = ListeningDevice.objects.create(household=household, child=nora, name="Phone",
                                               created_by=alice, created_at=timezone.now(),
                                               last_heard_at=timezone.now())
    wondering = Wondering.objects.create(household=household, author=alice, child=nora,
                                         occasion="daily", key="daily:2026-01-05",
                                         about_at=timezone.now(), feelings=["curious"])
    keepsake_note = KeepsakeNote.objects.create(household=household, child=nora, author=alice,
                                                written_on=timezone.localdate(), text="Sun")
    picture = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 120, 90)).save(picture, "PNG")
    photo = photos.attach(owner=milestone, data=picture.getvalue(), user=alice)
    return {
        "wondering": {"pk": wondering.pk},
        "listening_device": {"pk": listening.pk},
        "import_job": {"pk": job.pk}, "note": {"pk": note.pk},
        "keepsake_note": {"pk": keepsake_note.pk},
        "photo": {"pk": photo.pk, "size": "small"},
        "photo_owner": {"kind": "first", "pk": milestone.pk},
        "photo_id": {"pk": photo.pk},
        "token_obj": {"pk": token.pk}, "device": {"pk": device.pk}, "suggestion": {"code": "skin"},
        "article": {"slug": "skin-to-skin"}, "share_link": {"pk": share.pk},
        "report_token": {"token": "gone"}, "report_file": {"token": "gone", "fmt": "pdf"},
        "cue": {"pk": cue.pk}, "routine": {"pk": routine.pk},
        "milestone": {"pk": milestone.pk},
        "measurement": {"pk": measurement.pk}, "nappy": {"pk": nappy.pk},
        "temperature": {"pk": temperature.pk}, "pumping": {"pk": pumping.pk},
        "bag": {"pk": bag.pk}, "medicine": {"pk": medicine.pk},
        "dose": {"pk": dose.pk},
        "bump": {"pk": bump.pk}, "session": {"pk": session.pk},
        "screening": {"pk": screening.pk}, "instrument": {"instrument_id": "phq9"},
        "contact": {"pk": contact.pk}, "member": {"user_id": bob.pk},
        "sharer": {"user_id": alice.pk},
        None: {}, "kind": {"kind": "talk"}, "moment": {"pk": moment.pk},
        "child": {"pk": nora.pk}, "invitation": {"pk": invitation.pk},
        "membership": {"pk": Membership.objects.get(user=bob).pk},
        "household": {"household_id": household.pk}, "token": {"token": invitation.token},
        "reset": {"uidb64": "MQ", "token": "set-password"},
    }


def url_for(name, kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs)


def cases(*kinds):
    for name, (who, obj, methods) in ROUTES.items():
        if who in kinds:
            for method in methods:
                yield pytest.param(name, obj, method, id=f"{method} {name}")


def send(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, {"role": "viewer",
                                                                      "kind": "talk"})


@pytest.mark.parametrize(("name", "obj", "method"),
                         list(cases(SIGNED_IN, MEMBER, WRITER, PARENT, PERSONAL)))
def test_anonymous_visitors_are_sent_to_sign_in(client, objects, name, obj, method):
    response = send(client, method, url_for(name, objects[obj]))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response.url.startswith("/login/")


# Routes without an object read the person's own household; the view tests cover them.
@pytest.mark.parametrize(("name", "obj", "method"), [
    c for c in cases(MEMBER, WRITER, PARENT, SIGNED_IN, PERSONAL) if c.values[1] is not None])
def test_another_household_finds_nothing(client_for, mallory, sam, objects, name, obj,
                                         method):
    response = send(client_for(mallory), method, url_for(name, objects[obj]))
    if obj in ("kind", "instrument", "suggestion", "article"):
        # not another household's object: Mallory opening her own form, questionnaire,
        # suggestion or article
        assert response.status_code in (200, 302, 404)
        return
    assert response.status_code == 404


# Choosing which baby to look at (child_select) is reading, not writing.
@pytest.mark.parametrize(("name", "obj", "method"), [
    c for c in cases(MEMBER, WRITER, PARENT)
    if (c.values[2] == "POST" or ROUTES[c.values[0]][0] in (WRITER, PARENT))
    and c.values[0] != "journal:child_select"])
def test_a_viewer_can_never_write(client_for, carol, objects, name, obj, method):
    response = send(client_for(carol), method, url_for(name, objects[obj]))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "obj", "method"), list(cases(PARENT)))
def test_a_caregiver_cannot_do_a_parents_work(client_for, bob, objects, name, obj, method):
    response = send(client_for(bob), method, url_for(name, objects[obj]))
    assert response.status_code == 403


# Bob shares a household with Alice but none of her private things: her contacts, and
# what she shares only with him (tried here as Carol, with whom she shares nothing).
@pytest.mark.parametrize(("name", "obj", "method"), [
    c for c in cases(PERSONAL) if c.values[1] in ("contact", "sharer", "screening",
                                                  "token_obj", "share_link", "device",
                                                  "wondering", "note")])
def test_her_private_things_stay_hers_inside_the_household(client_for, carol, objects, name,
                                                          obj, method):
    response = send(client_for(carol), method, url_for(name, objects[obj]))
    assert response.status_code == 404

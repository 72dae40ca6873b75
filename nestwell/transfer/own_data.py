"""A person's own private data (check-ins, questionnaires, support contacts, wonderings,
the letters she wrote to her baby), whatever her membership: she can always download it
and delete it, even after she left a household or it was deleted. Nobody else reaches it
here. The download also holds what other apps keep of hers (her reminder settings, her
keepsake books), through ``accounts.own_data``; deleting leaves the settings, which she
changes on their own pages, and takes her notes and choices for the keepsake book, and
the letters she kept private, with the rest."""

import json

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from nestwell.accounts import own_data as others
from nestwell.accounts.decorators import signed_in_required
from nestwell.handover.models import Note, Seen
from nestwell.journal.models import Moment
from nestwell.keepsake.models import Keepsake, KeepsakeNote
from nestwell.transfer import export
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, Share, SupportContact
from nestwell.wondering.models import Wondering

FORMAT = "nestwell-own-data"
VERSION = 1
KINDS = ((CheckIn, "author", "checkins", export.checkin_row),
         (ScreeningResponse, "author", "screenings", export.screening_row),
         (SupportContact, "owner", "contacts", export.contact_row),
         (Wondering, "author", "wonderings", export.wondering_row))


class DeleteOwnDataForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password


# Notes for one person (the handover card): the ones she wrote and the ones written for
# her come with her data, and go with it. They belong to a household, and end with it.
NOTES = (("author", "notes_written"), ("addressee", "notes_received"))


def note_row(n):
    return {"created_at": n.created_at.isoformat(), "from": str(n.author),
            "for": str(n.addressee), "text": n.text,
            "read_at": n.read_at.isoformat() if n.read_at else None,
            "household": n.household.name}


def _letters_of(user):
    """The letters she wrote, in every household, even one she left: hers to take away.
    Those she kept private are hers alone to delete; a shared one stays with the family."""
    return Moment.objects.alive().filter(kind="letter", created_by=user)


def _private_letters_of(user):
    """Every letter of hers not shared, those in the bin for their undo minutes too. A
    letter that came by the API or an import may have no "shared" key at all: in SQL that
    compares as unknown, so the shared ones are named and the rest taken."""
    mine = Moment.objects.filter(kind="letter", created_by=user)
    return mine.exclude(pk__in=mine.filter(details__shared=True).values("pk"))


def letter_row(m):
    return {"written_at": m.started_at.isoformat(), "to": m.child.name if m.child else None,
            "text": m.note, "shared": bool((m.details or {}).get("shared")),
            "household": m.household.name if m.household else None}


def _notes_of(user):
    return Note.objects.filter(Q(author=user) | Q(addressee=user))


def _rows(model, owner_field, user):
    rows = model.objects.filter(**{owner_field: user}).select_related("household")
    return rows.select_related("child") if model is Wondering else rows


def summary(user):
    """How many of each she keeps, per household (None: a household she is no longer in,
    or one that was deleted). A handful of households: one query per kind."""
    places = {}
    for model, owner_field, name, _row in KINDS:
        counts = (model.objects.filter(**{owner_field: user}).values("household__name")
                  .annotate(n=Count("pk")).order_by("household__name"))
        for row in counts:
            places.setdefault(row["household__name"], {})[name] = row["n"]
    for row in (KeepsakeNote.objects.filter(author=user).values("household__name")
                .annotate(n=Count("pk")).order_by("household__name")):
        places.setdefault(row["household__name"], {})["keepsake_notes"] = row["n"]
    for row in (_letters_of(user).values("household__name").annotate(n=Count("pk"))
                .order_by("household__name")):
        places.setdefault(row["household__name"], {})["letters"] = row["n"]
    return places


def document(user):
    """Everything of hers, as one JSON-ready dict; each row names its household."""
    out = {"format": FORMAT, "version": VERSION, "exported_at": timezone.now().isoformat(),
           "exported_by": user.email}
    for model, owner_field, name, row in KINDS:
        out[name] = [{**row(item), "household": item.household.name if item.household
                      else None} for item in _rows(model, owner_field, user)]
    for name, rows in sorted(others.sections.items()):
        out[name] = rows(user)
    for owner_field, name in NOTES:
        out[name] = [note_row(n) for n in Note.objects.filter(**{owner_field: user})
                     .select_related("household", "author", "addressee")]
    out["letters"] = [letter_row(m) for m in _letters_of(user).select_related(
        "household", "child").order_by("started_at")]
    return out


@transaction.atomic
def delete_all(user):
    """Her check-ins, questionnaires, contacts and the sharing of them, the notes she
    wrote or was left, the letters she kept private (and their photos), and her notes and
    choices for the keepsake book, everywhere."""
    for model, owner_field, _name, _row in KINDS:
        model.objects.filter(**{owner_field: user}).delete()
    Share.objects.filter(owner=user).delete()
    _notes_of(user).delete()
    Seen.objects.filter(user=user).delete()
    KeepsakeNote.objects.filter(author=user).delete()
    Keepsake.objects.filter(user=user).delete()
    _private_letters_of(user).delete()


def delete_in(household, user):
    """Her own private data in one household (she is deleting the household; the keepsake
    notes and choices of everyone in it go with it, by cascade)."""
    for model, owner_field, _name, _row in KINDS:
        model.objects.filter(household=household, **{owner_field: user}).delete()
    _notes_of(user).filter(household=household).delete()


@never_cache
@signed_in_required
def own_data(request):
    form = DeleteOwnDataForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_all(request.user)
        messages.success(request, _("Your check-ins, questionnaires, contacts, wonderings, "
                                    "private letters and notes for the keepsake book are "
                                    "deleted."))
        return redirect("own_data")
    return render(request, "transfer/own_data.html",
                  {"places": summary(request.user), "form": form},
                  status=400 if form.errors else 200)


@never_cache
@signed_in_required
def own_data_export(request):
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(json.dumps(document(request.user), ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nestwell-mine-{stamp}.json"'
    return response

"""Keeping her choices and her notes: one transaction per action, the same rules wherever
they are called from."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nestwell.keepsake.models import Keepsake, KeepsakeNote


def own_keepsakes(user):
    """Her books' choices and her notes for them, in every household, for the download of
    her own data (two queries): one row each, ``kind`` "book" or "note"."""
    books = [{"kind": "book", "household": k.household.name, "baby": k.child.name,
              "title": k.title, "dedication": k.dedication,
              "first": k.first.isoformat() if k.first else None,
              "last": k.last.isoformat() if k.last else None, "paper": k.paper,
              "picked": k.picked, "cover": k.cover}
             for k in Keepsake.objects.filter(user=user).select_related("household", "child")
             .order_by("pk")]
    notes = [{"kind": "note", "household": n.household.name, "baby": n.child.name,
              "written_on": n.written_on.isoformat(), "text": n.text,
              "created_at": n.created_at.isoformat()}
             for n in KeepsakeNote.objects.filter(author=user)
             .select_related("household", "child").order_by("written_on", "pk")]
    return books + notes


@transaction.atomic
def save_choices(*, child, user, title, dedication, first, last, paper, picked, cover):
    """Keep this person's choices for ``child``'s book (the keys already checked against
    what she may pick)."""
    if last < first:
        raise ValidationError({"last": _("The end comes before the start.")})
    keepsake, _made = Keepsake.objects.update_or_create(
        user=user, child=child,
        defaults={"household": child.household, "title": title.strip(),
                  "dedication": dedication.strip(), "first": first, "last": last,
                  "paper": paper, "picked": sorted(set(picked)), "cover": cover})
    return keepsake


@transaction.atomic
def add_note(*, child, user, written_on, text):
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a few words first.")})
    return KeepsakeNote.objects.create(household=child.household, child=child, author=user,
                                       written_on=written_on, text=text)


@transaction.atomic
def remove_note(*, household, user, pk):
    """Remove one of her own notes; False when there is none of hers with this id."""
    return KeepsakeNote.objects.filter(household=household, author=user, pk=pk).delete()[0] > 0

"""Back and re-save never makes a duplicate.

Every create form carries a one-time key in a hidden field (``{% idempotency_key %}``);
its view is wrapped in ``@idempotent``. The first request with a key claims it in the
same transaction as the view's own writes, and remembers where the view led. The same
form sent again (Back then Save, a double tap, a retry) is sent to that page with a
note instead of creating a second row. Where what she answers matters more than a
duplicate (her check-ins, a paper score), the key is bound to the answers: changed
answers are saved as a new submission. A request whose form had errors keeps the key
unclaimed, so she can correct it and save. Two copies sent at the same moment meet at
the database's unique constraint: one wins, the other is led to its result.
"""

import hashlib
import logging
import uuid
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts.models import SubmittedForm

log = logging.getLogger(__name__)
FIELD = "idempotency_key"
KEPT_FOR = timedelta(days=7)


def new_key():
    return str(uuid.uuid4())


def key_sent(request):
    """The well-formed key this POST carries, or None."""
    value = request.POST.get(FIELD, "")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


class _NotSaved(Exception):
    def __init__(self, response):
        self.response = response


def _already_saved(request, found):
    # Read by the safety path (wellbeing.notes): nothing is saved this time, and the note
    # of harm the form carries is read as sent (the first answer may have gone unseen).
    request.form_sent_again = True
    messages.info(request, _("This was already saved; here it is."))
    return redirect(found.result_url or "/")


def content_key(request, key):
    """The key bound to what the form says: the same form with other answers is another
    submission (see ``idempotent(by_content=True)``)."""
    digest = hashlib.sha256()
    for name in sorted(request.POST):
        if name in (FIELD, "csrfmiddlewaretoken"):
            continue
        for value in request.POST.getlist(name):
            digest.update(f"{name}\0{value}\0".encode())
    return str(uuid.uuid5(uuid.UUID(key), digest.hexdigest()))


def idempotent(view=None, *, by_content=False):
    """Make a create view safe to submit twice with the same form (see module doc).

    With ``by_content``, only the same form *with the same answers* is a copy. For the
    check-ins and the paper scores: she answers, goes Back, changes "I feel safe" to
    "No" and saves. That is a new answer, and it has to be saved and lead to the support
    page, never to "already saved" and the page the first answer led to."""
    if view is None:
        return lambda found: idempotent(found, by_content=by_content)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        key = key_sent(request) if request.method == "POST" else None
        if key is not None and by_content:
            key = content_key(request, key)
        if key is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        try:
            found = SubmittedForm.objects.filter(user=request.user, key=key).first()
        except DatabaseError:
            # Never stand in the way of the view: the support page still answers a safety
            # answer when the database cannot be read.
            log.exception("Form keys unreadable; the form is handled without one")
            return view(request, *args, **kwargs)
        if found:
            return _already_saved(request, found)
        try:
            with transaction.atomic():
                claim = SubmittedForm.objects.create(user=request.user, key=key)
                response = view(request, *args, **kwargs)
                if not isinstance(response, HttpResponseRedirect):
                    raise _NotSaved(response)  # errors to correct: the key stays free
                claim.result_url = response["Location"][:500]
                claim.save(update_fields=["result_url"])
        except _NotSaved as unsaved:
            return unsaved.response
        except IntegrityError:
            found = SubmittedForm.objects.filter(user=request.user, key=key).first()
            if found is None:
                raise
            return _already_saved(request, found)
        return response

    return wrapped


def forget_old(now=None):
    """Remove keys older than ``KEPT_FOR`` (run by the daily job)."""
    return SubmittedForm.objects.filter(
        created_at__lt=(now or timezone.now()) - KEPT_FOR).delete()[0]

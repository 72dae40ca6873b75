"""A note written anywhere in the journal (a moment, a letter to the baby, a crying
episode) that speaks of ending one's life, of self-harm or of harming the baby: after
saving it, the one who wrote it sees the support page, as after a safety answer."""

import contextvars
import json
from functools import cache

from django.apps import apps
from django.core.exceptions import SuspiciousOperation
from django.db.models.signals import post_init, pre_save
from django.forms import PasswordInput
from django.http.request import RawPostDataException
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from nestwell.forms import refusals_watched
from nestwell.wellbeing.harm_words import mentions_harm, normalized
from nestwell.wellbeing.names import baby_names

SUPPORT_PATH = "/support/"


def note_needs_support(note, before="", household=None, names=None) -> bool:
    """Whether ``note``, new or changed from ``before``, speaks of harm, the baby called
    by name too (the names of ``household``'s babies are read only when the note holds
    no phrase without them, unless given as ``names``). A note left as it was (the time
    of a moment corrected) asks nothing again, even when the browser sends its line
    breaks as "\r\n" where it was kept with "\n"."""
    if not note or not str(note).strip() or normalized(note) == normalized(before or ""):
        return False
    return mentions_harm(note) or mentions_harm(
        note, baby_names(household) if names is None else names)


def support_url_after(note, before="", household=None):
    """For the API's answer to what was written with a note (a moment, a cue, a handover
    note): the support page's address when the note speaks of harm, else None."""
    return SUPPORT_PATH if note_needs_support(note, before, household) else None


def support_after(note, before="", household=None):
    """The support page, when ``note`` (new, or changed from ``before``) speaks of harm;
    else None."""
    if note_needs_support(note, before, household):
        return redirect(f"{reverse('support')}?from=note")
    return None


# The apps whose records keep a note (or a photo's caption) without reading it themselves:
# the journal, crying episodes, letters, handover and keepsake notes read theirs with the
# words they had before (``support_after``). Chloé's walk found a pumping note, a first's
# note and the note under "what she felt" after a feed kept without a word.
NOTE_LABELS = ("milk", "milestones", "growth", "health", "medicines", "photos", "wondering")
NOTE_APPS = tuple(f"nestwell.{label}." for label in NOTE_LABELS)
NOTE_FIELDS = ("note", "caption")

# The notes saved while one request is answered: (text, text before, household id).
_written = contextvars.ContextVar("nestwell_notes_written", default=None)
_AS_LOADED = "_nestwell_notes_as_loaded"


@cache
def _fields_of(model):
    names = {field.attname for field in model._meta.concrete_fields}
    return tuple(name for name in NOTE_FIELDS if name in names)


def _remember_as_loaded(sender, instance, **kwargs):
    """The note as it came from the database (a field left deferred is not read: that
    would cost a query; its note then counts as new)."""
    instance.__dict__[_AS_LOADED] = {name: instance.__dict__[name]
                                     for name in _fields_of(sender)
                                     if name in instance.__dict__}


def _note_written(sender, instance, raw=False, **kwargs):
    written = _written.get()
    if written is None or raw:
        return
    adding = instance._state.adding
    before = {} if adding else instance.__dict__.get(_AS_LOADED, {})
    for name in _fields_of(sender):
        text = instance.__dict__.get(name)
        if not text:
            continue
        if not adding and name not in before:
            # Loaded without its note (deferred), the note read later: what is kept now.
            before[name] = sender._default_manager.filter(pk=instance.pk).values_list(
                name, flat=True).first() or ""
        written.append((text, before.get(name, ""), getattr(instance, "household_id", None)))


def notes_before_update(model, pk, fields):
    """Called before a versioned edit writes ``fields`` to row ``pk`` of ``model`` with
    one UPDATE (no ``pre_save``): each note among them with the words the row had (one
    query, only for a note of ``NOTE_LABELS`` while a request is read). Hand the list to
    ``notes_updated`` once the UPDATE has been made: a stale edit saves nothing."""
    if _written.get() is None or model._meta.app_label not in NOTE_LABELS:
        return []
    names = [name for name in _fields_of(model) if fields.get(name)]
    if not names:
        return []
    home = ["household_id"] if "household_id" in {
        field.attname for field in model._meta.concrete_fields} else []
    row = model._default_manager.filter(pk=pk).values(*names, *home).first()
    if row is None:
        return []
    return [(fields[name], row[name] or "", row.get("household_id")) for name in names]


def notes_updated(notes):
    written = _written.get()
    if written is not None:
        written.extend(notes)


def connect_note_models():
    """Called once the apps are ready: every model of ``NOTE_LABELS`` with a note or a
    caption remembers it as loaded, and says when it is saved."""
    for model in apps.get_models():
        if model._meta.app_label in NOTE_LABELS and _fields_of(model):
            uid = f"notes_read_for_harm:{model._meta.label}"
            post_init.connect(_remember_as_loaded, sender=model, weak=False,
                              dispatch_uid=uid)
            pre_save.connect(_note_written, sender=model, weak=False, dispatch_uid=uid)


class NotesReadForHarm:
    """A note or caption saved by a form or an API call of one of ``NOTE_APPS`` that speaks
    of ending one's life, of self-harm or of harming the baby (by name too) sends its writer
    to the support page, as a check-in's note does: a redirect, or htmx's ``HX-Redirect``;
    under ``/api/``, the answer carries ``support_url``. What was saved is read (a form
    refused saves nothing), each note against the words it had before: changing the time
    of a record whose note already spoke of harm asks nothing again, as in the journal.
    What was saved stays saved; the page says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("POST", "PUT", "PATCH"):
            return self.get_response(request)
        written = []
        token = _written.set(written)
        try:
            with refusals_watched() as refused:
                response = self.get_response(request)
        finally:
            _written.reset(token)
        household = getattr(request, "household", None)
        if _form_refused(request, response, refused):
            # Refused, nothing kept (a save made before the refusal in the same action,
            # the other babies' nappies of "Also for", was rolled back with it).
            return _support_before_correcting(request, response, refused, household)
        if not _read_here(request, response):
            return response
        if request.path.startswith("/api/") and response.status_code >= 400:
            # Refused (a value out of range, an external_id already kept, a stale
            # version): nothing saved, and her words are read as she sent them.
            written = [(text, "", household.pk if household else None)
                       for text in _notes_in_body(request)]
        elif not written and _sent_again(request):
            # Nothing saved: the same form sent again (a double tap, Back then Save, a
            # retry), led to what the first one made, or a question answered already.
            # The first answer may have gone unseen: her words as sent are read.
            sent = (_notes_in_body(request) if request.path.startswith("/api/")
                    else [text for name in NOTE_FIELDS for text in request.POST.getlist(name)])
            written = [(text, "", household.pk if household else None) for text in sent]
        if not any(note_needs_support(text, before,
                                      household if household and household.pk == home
                                      else None)
                   for text, before, home in written):
            return response
        if request.path.startswith("/api/"):
            return _with_support_url(response)
        url = f"{reverse('support')}?from=note"
        if 300 <= response.status_code < 400:
            # A boosted form (htmx follows the redirect itself, and a header on the
            # redirect is never read) as much as a plain one.
            return redirect(url)
        response["HX-Redirect"] = url  # the card answered in place
        return response


def _read_here(request, response):
    """An API call answered with success, or a form of ``NOTE_APPS`` taken: a redirect to
    the next page (not to the support page already), or htmx's answer in place. An import
    of her data (transfer) keeps its notes without asking."""
    if request.path.startswith("/api/"):
        return ((200 <= response.status_code < 300 or 400 <= response.status_code < 500)
                and response.get("Content-Type", "").startswith("application/json"))
    match = getattr(request, "resolver_match", None)
    if match is None or not match.func.__module__.startswith(NOTE_APPS):
        return False
    if 300 <= response.status_code < 400:
        return not str(response.get("Location", "")).startswith(SUPPORT_PATH)
    return bool(getattr(request, "htmx", False)) and 200 <= response.status_code < 300


def _form_refused(request, response, refused):
    """A web form shown back to be corrected (its errors on the page, or a 400 or 422
    answer), or refused and led elsewhere (``forms.form_refused``: an edit from an older
    version, led to the latest), nothing saved. The check-in and the questionnaires read
    their own refusals, and a form sent again from the support page ("Back to my form")
    is not read twice."""
    if request.method != "POST" or request.path.startswith("/api/"):
        return False
    if request.POST.get("go") == "continue":
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.func.__module__.startswith("nestwell.wellbeing."):
        return False
    if 300 <= response.status_code < 400:
        return bool(refused) and not str(response.get("Location", "")).startswith(
            SUPPORT_PATH)
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return ((response.status_code == 200 and bool(refused))
            or response.status_code in (400, 422))


def _texts_refused(request, refused):
    """What a refused form carried, each value with the one it was opened with (an
    edit's note kept before is not news: its writer saw the support page when it was
    saved); what no form shown names, as sent."""
    from nestwell.wellbeing.safety_net import NOT_CARRIED

    texts, named = [], set()
    for form in {id(form): form for form in refused if form is not None}.values():
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            named.add(key)
            if name in NOT_CARRIED or isinstance(field.widget, PasswordInput):
                continue  # a password is never read (a sentence is a good password)
            before = form.get_initial_for_field(field, name)
            before = before if isinstance(before, str) else ""
            values = (form.data.getlist(key) if hasattr(form.data, "getlist")
                      else [form.data.get(key)])
            texts.extend((value, before) for value in values if isinstance(value, str))
    for key in request.POST:
        if key not in named and key not in NOT_CARRIED:
            texts.extend((value, "") for value in request.POST.getlist(key)
                         if isinstance(value, str))
    return texts


def _support_before_correcting(request, response, refused, household):
    """The support page first, when a refused form carries words of harm, with a button
    back to the form and what she entered (kept on that page only). A form answered in
    place by htmx (a card) is led to the support page itself."""
    names = baby_names(household)
    if not any(note_needs_support(text, before, names=names)
               for text, before in _texts_refused(request, refused)):
        return response
    url = f"{reverse('support')}?from=note"
    if 300 <= response.status_code < 400:
        return redirect(url)  # led elsewhere already: her form is not there to go back to
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        response["HX-Redirect"] = url
        return response
    from nestwell.wellbeing.safety_net import NOT_CARRIED
    from nestwell.wellbeing.views import support

    # Everything she typed goes back, however long (a note refused for its length too):
    # the page says it is kept there.
    fields = [(key, value) for key in request.POST if key not in NOT_CARRIED
              for value in request.POST.getlist(key) if isinstance(value, str)]
    return support(request, reason="note", continue_to={
        "action": request.get_full_path(), "fields": fields,
        "text": _("What you wrote is not saved yet: something in the form needs another "
                  "look. When you are ready, you can go back to it from here, with what "
                  "you entered (it is kept on this page only)."),
        "button": _("Back to my form"),
    })


def _sent_again(request):
    """A form or API call of ``NOTE_APPS`` sent again, led to what the first one made
    (``accounts.idempotency``), or a question of "what you noticed" answered already."""
    return getattr(request, "form_sent_again", False)


def _notes_in_body(request):
    """The notes and captions of an API call's body, as sent (JSON, or a multipart
    form)."""
    try:
        if request.content_type != "application/json":
            return [text for name in NOTE_FIELDS for text in request.POST.getlist(name)
                    if isinstance(text, str)]
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError, RawPostDataException, SuspiciousOperation):
        # Hostile, broken or too large (over the body limit): the refusal stands as it
        # is (its 413 too).
        return []
    if not isinstance(body, dict):
        return []
    return [body[name] for name in NOTE_FIELDS if isinstance(body.get(name), str)]


def _with_support_url(response):
    if response.streaming:
        return response
    try:
        body = json.loads(response.content)
    except ValueError:
        return response
    if not isinstance(body, dict):
        return response
    body["support_url"] = SUPPORT_PATH
    response.content = json.dumps(body)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response

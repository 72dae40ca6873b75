import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.models import Membership
from nestwell.accounts.roles import Role
from nestwell.forms import whole_number
from nestwell.lib.ask_first import ask_first
from nestwell.wellbeing import audit, crisis, questionnaires, services
from nestwell.wellbeing.contacts import GIVEN_TO_HOUSEHOLD, shared_with
from nestwell.wellbeing.forms import (
    PaperScoreForm,
    ShareForm,
    SupportContactForm,
    checkin_form,
)
from nestwell.wellbeing.models import (
    CheckIn,
    CheckInKind,
    ContactRole,
    Entry,
    ScreeningResponse,
    Share,
    SupportContact,
    asks_closeness,
    signals_risk,
)
from nestwell.wellbeing.names import baby_names

log = logging.getLogger(__name__)

# Personal data: every member may keep their own, whatever their role in the household.
personal = member_required(role=Role.VIEWER, write_role=Role.VIEWER)


def _mine(model, request):
    owner_field = "owner" if model is SupportContact else "author"
    return model.objects.filter(household=request.household, **{owner_field: request.user})


def _is_parent(request):
    return request.membership.role == Role.PARENT


def _named(checkins, household):
    """The newest check-in read with the babies' names (the page's callout is about it)."""
    if checkins and checkins[0].note:
        checkins[0].baby_names = baby_names(household)
    return checkins


@personal
def hub(request):
    shared_with_me = Share.objects.filter(
        Q(checkins=True) | Q(screenings=True), household=request.household, member=request.user)
    return render(request, "wellbeing/hub.html", {
        "shared_flags": services.shared_flags(request.household, request.user),
        "checkins": _named(list(_mine(CheckIn, request)[:7]), request.household),
        "screenings": list(_mine(ScreeningResponse, request)[:5]),
        "contacts_count": _mine(SupportContact, request).count(),
        "shared_with_me": list(shared_with_me.select_related("owner")),
        "questionnaires": questionnaires.offered(request.household,
                                                 parent=_is_parent(request)),
        "paper_entry": questionnaires.get("epds") is not None and _is_parent(request),
        "is_parent": _is_parent(request),
    })


@personal
@idempotent(by_content=True)  # Back, then "No, I don't feel safe": a new answer
def checkin(request, kind=CheckInKind.FULL):
    """Her check-in, or the short one (mood, sleep, support, closeness and the safety
    question: a partner's place, or anyone's on a full day). Both take the same path."""
    page = "wellbeing/checkin.html"
    if request.method != "POST":
        return render(request, page, {"kind": kind, "form": checkin_form(
            kind, closeness=asks_closeness(request.household))})
    # A page opened before a loss still sends its answer about the baby: it is kept.
    closeness = {"closeness": services.answered_closeness(request.POST, request.household)}
    fields = checkin_form(kind, **closeness).fields
    entered = {name: request.POST.get(name, "") for name in fields}
    if request.POST.get("go") == "continue":
        # Back from the support page: what she had entered, without error boxes.
        return render(request, page, {"form": checkin_form(kind, initial=entered, **closeness),
                                      "kind": kind})
    form = checkin_form(kind, request.POST, **closeness)
    if form.is_valid():
        entry = form.save(commit=False)
        entry.household = request.household
        entry.author = request.user
        entry.save()
        entry.baby_names = baby_names(request.household)
        if entry.needs_support:
            # Before anything else: the support page, at once.
            return redirect(f"{reverse('support')}?from=checkin")
        messages.success(request, _("Thank you for checking in with yourself."))
        return redirect("wellbeing:hub")
    if signals_risk(kind, entered, baby_names(request.household)):
        # A safety answer (or, in the short check-in, a very low mood) never waits for the
        # rest of the form: support first, and what she entered comes along so she can
        # finish the check-in later if she wants to.
        return support(request, reason="checkin", continue_to={
            "action": request.path,
            "fields": [(name, value) for name, value in entered.items() if value],
            "text": _("When you are ready, and only if you want to, you can finish your "
                      "check-in. What you entered is kept on this page only."),
            "button": _("Finish my check-in"),
        })
    return render(request, page, {"form": form, "kind": kind})


@personal
def checkin_history(request):
    return render(request, "wellbeing/checkin_history.html",
                  {"checkins": list(_mine(CheckIn, request)[:90])})


@personal
def contacts(request):
    return render(request, "wellbeing/contacts.html",
                  {"contacts": list(_mine(SupportContact, request)),
                   "given_roles": GIVEN_TO_HOUSEHOLD})


@personal
@idempotent
def contact_edit(request, pk=None):
    contact = get_object_or_404(_mine(SupportContact, request), pk=pk) if pk else None
    # Opened from the movements page ("add your maternity unit"): that role, chosen.
    asked = request.GET.get("role", "")
    initial = {"role": asked} if not contact and asked in ContactRole.values else None
    form = SupportContactForm(request.POST or None, instance=contact, initial=initial)
    if request.method == "POST":
        if "delete" in request.POST and contact:
            question = ask_first(request, what=contact.name)
            if question:
                return question
            contact.delete()
            messages.success(request, _("Contact removed."))
            return redirect("wellbeing:contacts")
        if form.is_valid():
            saved = form.save(commit=False)
            saved.household = request.household
            saved.owner = request.user
            saved.save()
            messages.success(request, _("Saved."))
            return redirect("wellbeing:contacts")
    return render(request, "wellbeing/contact_form.html", {"form": form, "contact": contact})


@personal
def sharing(request):
    members = (Membership.objects.filter(household=request.household)
               .exclude(user=request.user).select_related("user"))
    shares = {s.member_id: s for s in Share.objects.filter(household=request.household,
                                                            owner=request.user)}
    rows = [(m, shares.get(m.user_id)) for m in members]
    return render(request, "wellbeing/sharing.html", {"rows": rows})


@personal
@require_POST
def sharing_update(request, user_id):
    membership = get_object_or_404(Membership, household=request.household, user_id=user_id)
    if membership.user_id == request.user.pk:
        raise Http404
    form = ShareForm(request.POST)
    if not form.is_valid():
        raise Http404
    with transaction.atomic():
        share, _created = Share.objects.get_or_create(
            household=request.household, owner=request.user, member=membership.user)
        share.checkins = form.cleaned_data["checkins"]
        share.screenings = form.cleaned_data["screenings"]
        share.save()
        audit.record(household=request.household, actor=request.user, subject=request.user,
                     action="sharing_changed",
                     detail=f"member={membership.user_id} checkins={share.checkins} "
                            f"screenings={share.screenings}")
    messages.success(request, _("Sharing with %(name)s updated.") % {"name": membership.user})
    return redirect("wellbeing:sharing")


@personal
def shared(request, user_id):
    """What another member chose to share with the person looking."""
    share = get_object_or_404(Share, household=request.household, owner_id=user_id,
                              member=request.user)
    if not (share.checkins or share.screenings):
        raise Http404
    owner = share.owner
    checkins = list(CheckIn.objects.filter(household=request.household, author=owner)[:30]
                    ) if share.checkins else []
    screenings = list(ScreeningResponse.objects.filter(household=request.household,
                                                       author=owner)[:30]
                      ) if share.screenings else []
    audit.record(household=request.household, actor=request.user, subject=owner,
                 action="read_shared",
                 detail=f"checkins={len(checkins)} screenings={len(screenings)}")
    # A shared questionnaire of the last four weeks that signals a risk of harm says so in
    # plain words to the one looking, with what to do and the numbers to call, before
    # anything else (an older one stays in the list, with its date).
    recent = timezone.now() - timedelta(days=services.SHARED_FLAG_DAYS)
    flagged = next((s for s in screenings if s.safety and s.created_at >= recent), None)
    return render(request, "wellbeing/shared.html", {
        "owner": owner, "checkins": checkins, "screenings": screenings, "flagged": flagged,
        "harm_to_the_baby": flagged is not None
        and flagged.instrument in questionnaires.HARM_TO_THE_BABY,
        "emergency": crisis.emergency_number(request.household) if flagged else None})


@personal
def audit_log(request):
    """Who looked at what she shared, and when."""
    events = (request.user.audit_events.filter(household=request.household)
              .select_related("actor")[:100])
    return render(request, "wellbeing/audit.html", {"events": list(events)})


# The country whose lines she last chose on the support page, when not her household's.
SUPPORT_COUNTRY_COOKIE = "nestwell_support_country"


def _chosen_country(request) -> tuple[str, bool]:
    """The country asked for (?country=XX, else the remembered one) and whether it was
    asked now. Only letters are kept; an unknown code shows the default lines."""
    asked = request.GET.get("country")
    value = asked if asked is not None else request.COOKIES.get(SUPPORT_COUNTRY_COOKIE, "")
    code = "".join(ch for ch in value if ch.isascii() and ch.isalpha())[:3].upper()
    return code, asked is not None


def _remember_country(response, chosen: str, home: str, known) -> None:
    """The choice is kept for her next visit; choosing her household's country (or
    nothing, or a code we do not know) goes back to the household's."""
    if chosen and chosen in known and chosen != home:
        response.set_cookie(SUPPORT_COUNTRY_COOKIE, chosen, max_age=365 * 24 * 3600,
                            samesite="Lax", httponly=True, secure=settings.HTTPS)
    else:
        response.delete_cookie(SUPPORT_COUNTRY_COOKIE, samesite="Lax")


@never_cache
def support(request, continue_to=None, reason=None):
    """The support page. Public, no sign-in needed, and it renders even when the
    database is unavailable: crisis lines come from a file, contacts are a bonus.
    ``continue_to`` lets a check-in or questionnaire interrupted by a safety answer carry
    on: the form's action, its fields as (name, value) pairs, a sentence and a button."""
    household = None
    contacts_list, care_team = [], []
    # What the page says for a pregnancy and after a birth: both, unless her household
    # says which (a cot during pregnancy, "in pregnancy" after the birth, read oddly).
    expecting = born = True
    bereaved = False  # every baby of the household has died: nothing about a baby's health
    loss = False  # a baby of the household has died (a twin, too): lines for after a loss
    # Someone here gave birth: not when every baby was born to someone else (adopted,
    # fostered, surrogacy), where a birth mother's warning signs would be said to no one.
    own_birth = True
    # A baby in a neonatal unit: the unit's team first; a cot at home only for a baby there.
    in_unit, at_home = False, True
    try:
        household = getattr(request, "household", None)
        if request.user.is_authenticated and household is not None:
            contacts_list = list(SupportContact.objects.filter(
                household=household, owner=request.user).order_by("role", "name"))
            care_team = shared_with(request.user, household)
            rows = list(household.children.values_list("birth_at", "due_date", "died_on",
                                                       "in_unit", "born_to_another"))
            babies = [row[:3] for row in rows]
            here = [unit for at, _due, died, unit, _other in rows
                    if at is not None and died is None]
            own_birth = not rows or not all(other for *_row, other in rows)
            in_unit = any(here)
            at_home = not here or not all(here)
            if babies:
                # A pregnancy that ended in a loss asks nothing about movements; her own
                # warning signs after it are those after a birth.
                expecting = any(at is None and died is None for at, _due, died in babies)
                # A due date two weeks gone with no birth noted: the birth may not be in
                # Nestwell yet, so her own warning signs are said too.
                late = timezone.localdate() - timedelta(days=14)
                born = any(at is not None or died is not None
                           or (due is not None and due < late) for at, due, died in babies)
                bereaved = all(died is not None for _at, _due, died in babies)
                loss = any(died is not None for _at, _due, died in babies)
    except DatabaseError:
        log.exception("Support page without personal contacts: the database failed")
    # Another country she chose comes from the request alone: no query, so it works
    # with the database down.
    chosen, asked_now = _chosen_country(request)
    language = translation.get_language()
    try:
        time_zone = household.time_zone if household else ""
        if household:
            home = household.country.upper() or crisis.country_for_time_zone(time_zone)
        else:  # not signed in: the country her browser's language names
            home = crisis.country_for_languages(request.headers.get("Accept-Language", ""))
        lines = crisis.lines_for(chosen or home, time_zone, language=language)
        countries = crisis.country_choices(language=language)
    except Exception:
        log.exception("Support page with fallback lines")
        lines = crisis.lines_for("", "", crisis.FALLBACK, language=language)
        home, countries = "", []
    response = render(request, "wellbeing/support.html", {
        "lines": crisis.for_the_stage(crisis.for_a_loss(lines, loss), expecting),
        "contacts": contacts_list, "countries": countries,
        "care_team": care_team,
        # A country with no lines of its own picks none in the list (the first one, Spain
        # in Arabic, was shown picked, and "Show" gave Spain's numbers).
        "country_listed": any(code == lines.get("code") for code, _n in countries),
        "reason": reason or request.GET.get("from", ""),
        "signed_in": contacts_list or household is not None, "continue_to": continue_to,
        # No country set: the numbers are the time zone's country, and the page says so.
        "from_time_zone": bool(household is not None and not household.country
                               and not chosen and lines.get("code")),
        "screening_id": whole_number(request.GET.get("screening", "")) or "",
        "expecting": expecting, "born": born, "bereaved": bereaved, "own_birth": own_birth,
        "in_unit": in_unit, "at_home": at_home,
    })
    if asked_now:
        _remember_country(response, chosen, home, {code for code, _n in countries})
    return response


# --- Questionnaires ---------------------------------------------------------------

def _offered_instrument(request, instrument_id):
    """The questionnaire, if this household is offered it. Who is offered it matters only
    to begin one: an answer on its way (from someone whose role changed meanwhile, or a
    repeat reminder's) is always read, so that a safety answer reaches support."""
    begins = request.method != "POST" or request.POST.get("go") == "start"
    if begins and instrument_id not in {q["id"] for q in questionnaires.offered(
            request.household, parent=_is_parent(request))}:
        raise Http404
    if not begins:
        # An answer on its way is read whatever is offered now: the PBQ, begun before the
        # baby it is about died (and no longer offered since), must still bring a safety
        # answer to the support page, not a 404.
        known = questionnaires.get(instrument_id)
        if known is None or not questionnaires.can_answer_in_app(known):
            raise Http404
    # In her language when a validated translation exists; the key is the same in all.
    return questionnaires.get(instrument_id, language=translation.get_language())


def _item_page(request, instrument, instrument_id, answers, step, error=""):
    item = questionnaires.item_view(instrument, step)
    # The answers that signal risk are marked, so that the page opens the support page at
    # once even when the server cannot be reached (offline.js).
    risky = [position for position in range(len(item["options"]))
             if questionnaires.flagged(instrument, step, position)]
    return render(request, "wellbeing/questionnaire_item.html", {
        "instrument_id": instrument_id, "title": questionnaires.INTROS[instrument_id][0],
        "item": item, "step": step, "count": len(answers), "risky": risky,
        "answers": questionnaires.format_answers(answers), "chosen": answers[step],
        "error": error, "stem": questionnaires.stem(instrument),
        **_wording_language(instrument),
    })


def _wording_language(instrument):
    """A questionnaire's questions are shown only in validated wording: a translation for
    her language when one exists (issue 19, item 5), else the English. Marked with its
    language and direction so that a screen reader reads them in the right voice."""
    return questionnaires.wording(instrument)


def _continue_questionnaire(instrument_id, answers, step):
    return {
        "action": reverse("wellbeing:questionnaire", args=[instrument_id]),
        "fields": [("answers", questionnaires.format_answers(answers)), ("step", step)],
        "text": _("When you are ready, and only if you want to, you can finish the "
                  "questionnaire. Your answers so far are kept on this page only."),
        "button": _("Continue the questionnaire"),
    }


@personal
@idempotent(by_content=True)  # the last answer sent twice (a double tap) is kept once
def questionnaire(request, instrument_id):
    """One question per screen; answers travel with the form until the last one, so
    nothing is stored half-answered. A safety answer shows the support page at once."""
    if (request.method != "POST" and instrument_id == "epds" and _is_parent(request)
            and "epds" not in {q["id"] for q in questionnaires.offered(request.household,
                                                                      parent=True)}):
        # The EPDS without its wording here: her paper form's score is what she can enter.
        return redirect("wellbeing:paper", instrument_id="epds")
    instrument = _offered_instrument(request, instrument_id)
    count = questionnaires.item_count(instrument)
    if request.method != "POST":
        title, about = questionnaires.INTROS[instrument_id]
        return render(request, "wellbeing/questionnaire_intro.html", {
            "instrument_id": instrument_id, "title": title, "about": about, "count": count,
            "stem": questionnaires.stem(instrument),
            "citation": questionnaires.citation(instrument),
            "licence": questionnaires.licence(instrument),
            **_wording_language(instrument),
        })
    answers = questionnaires.parse_answers(request.POST.get("answers", ""), count)
    try:
        step = min(max(int(request.POST.get("step", 0)), 0), count - 1)
    except ValueError:
        step = 0
    go = request.POST.get("go", "next")
    choice = request.POST.get("choice", "")
    if choice != "":
        position = whole_number(choice, max_digits=3)
        position = -1 if position is None else position
        if not questionnaires.valid_position(instrument, step, position):
            return _item_page(request, instrument, instrument_id, answers, step,
                              _("Please choose one of the answers shown."))
        answers[step] = position
    if go in ("start", "continue"):
        return _item_page(request, instrument, instrument_id, answers, step)
    if go == "back":
        if choice != "" and questionnaires.flagged(instrument, step, answers[step]):
            # A safety answer chosen, then Back: it reached us, so support comes first.
            return support(request, reason="questionnaire", continue_to=_continue_questionnaire(
                instrument_id, answers, step))
        return _item_page(request, instrument, instrument_id, answers, max(step - 1, 0))
    if answers[step] is None:
        return _item_page(request, instrument, instrument_id, answers, step,
                          _("Choose the answer closest to how you have been feeling."))
    flagged = questionnaires.flagged(instrument, step, answers[step])
    if flagged and (step < count - 1 or None in answers):
        # The support page at once, whatever is still unanswered; she may carry on later.
        next_step = step + 1 if step < count - 1 else answers.index(None)
        return support(request, reason="questionnaire", continue_to=_continue_questionnaire(
            instrument_id, answers, next_step))
    if step < count - 1:
        return _item_page(request, instrument, instrument_id, answers, step + 1)
    if None in answers:
        first_gap = answers.index(None)
        return _item_page(request, instrument, instrument_id, answers, first_gap,
                          _("This one was not answered yet."))
    try:
        response = questionnaires.save(household=request.household, author=request.user,
                                       instrument=instrument, answers=answers)
    except questionnaires.AnswersRejected as exc:
        return _item_page(request, instrument, instrument_id, answers, 0, str(exc))
    if response.safety:
        return redirect(f"{reverse('support')}?from=questionnaire&screening={response.pk}")
    return redirect("wellbeing:screening", pk=response.pk)


@personal
@idempotent(by_content=True)  # Back, then a safety item that signals risk: a new answer
def paper(request, instrument_id):
    """A total (and the safety item's score) from a questionnaire answered on paper."""
    instrument = questionnaires.get(instrument_id)
    if instrument is None:
        raise Http404
    if request.POST.get("go") == "continue":
        # Back from the support page: what she had typed, and what in it needs a second
        # look (a total the form cannot have), so that saving it again does not go round.
        form = PaperScoreForm({name: request.POST.get(name, "")
                               for name in ("total", "safety_score")}, instrument=instrument)
        form.is_valid()
        return render(request, "wellbeing/paper.html", {
            "form": form, "title": questionnaires.INTROS.get(instrument_id, ("",))[0],
            "instrument_id": instrument_id})
    form = PaperScoreForm(request.POST or None, instrument=instrument)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = questionnaires.paper_result(instrument, form.cleaned_data["total"],
                                                     form.cleaned_data.get("safety_score"))
            except questionnaires.AnswersRejected as exc:
                form.add_error(None, str(exc))
            else:
                response = questionnaires.save(
                    household=request.household, author=request.user, instrument=instrument,
                    answers=None, entry=Entry.PAPER, result=result,
                    safety_unanswered=questionnaires.paper_unanswered(
                        instrument, form.cleaned_data.get("safety_score")))
                if response.safety:
                    return redirect(f"{reverse('support')}?from=questionnaire"
                                    f"&screening={response.pk}")
                # No score for the question about harm: the result says so, with help.
                return redirect("wellbeing:screening", pk=response.pk)
        if questionnaires.paper_risk(instrument, request.POST.get("safety_score")):
            # A mistyped total never holds back support: the safety score is enough.
            return support(request, reason="questionnaire", continue_to={
                "action": reverse("wellbeing:paper", args=[instrument_id]),
                "fields": [(name, request.POST[name]) for name in ("total", "safety_score")
                           if request.POST.get(name)],
                "text": _("When you are ready, you can check the total and save it."),
                "button": _("Back to the paper score"),
            })
    return render(request, "wellbeing/paper.html", {
        "form": form, "title": questionnaires.INTROS.get(instrument_id, ("",))[0],
        "instrument_id": instrument_id})


@personal
def screening(request, pk):
    response = get_object_or_404(ScreeningResponse, pk=pk, household=request.household,
                                 author=request.user)
    instrument = questionnaires.get(response.instrument)
    history = list(ScreeningResponse.objects.filter(
        household=request.household, author=request.user, instrument=response.instrument
    ).order_by("-created_at")[:12])
    return render(request, "wellbeing/screening.html", {
        "response": response, "title": questionnaires.INTROS[response.instrument][0],
        "explanation": questionnaires.explain(instrument, response),
        "harm_to_the_baby": response.instrument in questionnaires.HARM_TO_THE_BABY,
        "citation": questionnaires.citation(instrument) if instrument else "",
        "subscales": questionnaires.subscale_rows(instrument, response),
        "history": history, "max_total": questionnaires.max_total(instrument),
        "repeat_after": questionnaires.REPEAT_AFTER_DAYS,
        # Not for one about a baby who has died (the PBQ, the MAAS): it is not asked again.
        "can_repeat": response.instrument not in questionnaires.ABOUT_THE_BABY or any(
            q["id"] == response.instrument
            for q in questionnaires.offered(request.household)),
        # Its words hold for the EPDS's question 10 (only its last answer scores 0).
        "safety_unknown": (bool(response.safety_unanswered) and not response.safety
                           and response.instrument == "epds"),
    })

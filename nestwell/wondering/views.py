"""Her wondering: answering the card on Today, her choices, and what she noticed."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.roles import Role
from nestwell.children.current import back, household_children
from nestwell.forms import form_refused, whole_number
from nestwell.wondering import library, services
from nestwell.wondering.forms import ChoicesForm
from nestwell.wondering.words import feeling_label

# Her own, like a check-in: every member may wonder, viewers too, and only she sees it.
personal = member_required(role=Role.VIEWER, write_role=Role.VIEWER)
PER_PAGE = 60


def _child(request):
    """The baby a daily question was about (one of this household's, or None)."""
    pk = whole_number(str(request.POST.get("child", "")))
    return request.household.children.filter(pk=pk).first() if pk else None


def _done(request, text, status=200):
    """The card's last word: in its place (htmx), or as a message on the page it was on."""
    if request.htmx:
        return render(request, "wondering/_card_done.html", {"text": text}, status=status)
    if status != 200:
        form_refused()  # her words are read all the same (wellbeing.notes)
    (messages.success if status == 200 else messages.error)(request, text)
    return back(request)


@require_POST
@personal
def answer(request):
    key = request.POST.get("key", "")[:40]
    child = _child(request)
    try:
        saved = services.answer(user=request.user, household=request.household, key=key,
                                feelings=request.POST.getlist("feelings"),
                                note=request.POST.get("note", ""), child=child)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        if request.htmx and child is not None and "key" not in getattr(exc, "error_dict", {}):
            tz = timezone.get_current_timezone()
            shown = services.card(key, child, tz, timezone.localdate())
            shown["elsewhere"] = request.POST.get("elsewhere") == "1"  # "About Noor" kept
            return render(request, "wondering/_card.html",
                          {"wondering": shown, "error": message,
                           "note": request.POST.get("note", "")[:services.NOTE_LIMIT]},
                          status=400)
        return _done(request, message, status=400)
    if getattr(saved, "answered_before", False):
        request.form_sent_again = True  # read by the safety path (wellbeing.notes)
    return _done(request, _("Kept in “What you noticed”."))


@require_POST
@personal
def put_away(request):
    try:
        services.put_away(user=request.user, household=request.household,
                          key=request.POST.get("key", "")[:40], child=_child(request))
    except ValidationError as exc:
        return _done(request, " ".join(exc.messages), status=400)
    return _done(request, _("Put away. Another time, perhaps."))


@require_POST
@personal
def never_ask(request):
    services.never_ask(user=request.user, household=request.household)
    return _done(request, _("We won't ask again. You can turn the questions back on in "
                            "“What you noticed”."))


@personal
def choices(request):
    form = ChoicesForm(request.POST or None,
                       instance=services.choices_for(request.user, request.household))
    if request.method == "POST":
        if form.is_valid():
            services.save_choices(form.save(commit=False))
            messages.success(request, _("Your choices are saved."))
            return redirect("wondering:noticed")
        return render(request, "wondering/choices.html", {"form": form}, status=400)
    return render(request, "wondering/choices.html", {"form": form})


def _weeks(rows, tz):
    """Rows (newest first) in weeks that start on Monday, newest week first."""
    weeks = []
    for w in rows:
        day = w.about_at.astimezone(tz).date()
        monday = day - timedelta(days=day.weekday())
        if not weeks or weeks[-1][0] != monday:
            weeks.append((monday, []))
        weeks[-1][1].append({"w": w, "day": day,
                             "feelings": [feeling_label(f, w.child.sex if w.child else "")
                                          for f in w.feelings]})
    return weeks


@personal
def noticed(request):
    """The quiet thread of what she noticed, week by week; never counted, never scored."""
    children = household_children(request)
    child_id = whole_number(str(request.GET.get("child", "")))
    child = next((c for c in children if c.pk == child_id), None)
    rows = services.mine(request.user, request.household).select_related("child").only(
        "about_at", "occasion", "prompt", "feelings", "note", "child__name", "child__sex")
    if child:
        rows = rows.filter(child=child)
    page = Paginator(rows.order_by("-about_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "wondering/noticed.html", {
        "children": children, "chosen": child, "page": page,
        "weeks": _weeks(page.object_list, timezone.get_current_timezone()),
        "sources": library.sources().values(),
        "asked_when": _asked_when(services.choices_for(request.user, request.household)),
    })


def _asked_when(choices):
    """Her choices in one sentence ("" when every moment is off)."""
    moments = [str(label) for on, label in (
        (choices.after_feed, _("after a feed you gave")),
        (choices.after_settle, _("after a cry you answered has settled")),
        (choices.daily, _("once a day from %(time)s")
         % {"time": choices.daily_at.strftime("%H:%M")})) if on]
    if not moments:
        return ""
    return _("You are asked %(moments)s; %(most)s.") % {
        "moments": get_text_list(moments, _("and")),
        "most": ngettext("at most once a day", "at most %(n)d times a day",
                         choices.per_day) % {"n": choices.per_day}}


@require_POST
@personal
def remove(request, pk):
    wondering = get_object_or_404(services.mine(request.user, request.household), pk=pk)
    services.delete(wondering)
    messages.success(request, _("Removed."))
    return redirect("wondering:noticed")



"""Gathering "your week together" for one baby and one person, for the page and the
weekly e-mail: a few bounded queries, then the pure summary."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.care import cues as cue_words
from nestwell.care.models import Cue
from nestwell.insights import weekly
from nestwell.insights.analytics import Span
from nestwell.insights.report import feed_starts
from nestwell.journal.durations import duration_label
from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.wellbeing.models import CheckIn, ScreeningResponse
from nestwell.words import in_sentence, listed

logger = logging.getLogger("nestwell.weekly")


def gather(child, user, now=None):
    now = now or timezone.now()
    since = now - timedelta(days=7)
    rows = sorted(Moment.objects.alive().readable_by(user)
                  .filter(child=child, started_at__gte=since, started_at__lt=now)
                  .values_list("kind", "started_at", "ended_at", "details"),
                  key=lambda r: r[1])
    # A breastfeed switched to the other side is one feed, as the report counts it (the
    # week had said four feeds where the report said three).
    starts = set(feed_starts([Span(k, s, e) for k, s, e, _d in rows],
                             [d or {} for *_r, d in rows]))
    moments, last_feed = [], None
    for k, s, e, _d in rows:
        if k in KINDS and not KINDS[k].together:
            continue  # a night's sleep is not a moment together
        # Minutes with their seconds: whole minutes made 37 s of moments "0 s in all".
        minutes = ((e or now) - s).total_seconds() / 60
        if k == "feeding" and s not in starts and last_feed is not None:
            moments[last_feed] = (k, moments[last_feed][1] + minutes)
            continue
        if k == "feeding":
            last_feed = len(moments)
        moments.append((k, minutes))
    firsts = [k for k, _s, _e, d in rows if (d or {}).get("first")]
    # The firsts she kept on the firsts page (a first smile) are the week's firsts too.
    firsts += [str(m.label) for m in Milestone.objects.filter(
        child=child, happened_on__gt=timezone.localdate(now) - timedelta(days=7),
        happened_on__lte=timezone.localdate(now)).order_by("happened_on", "pk")]
    cues = list(Cue.objects.counted().filter(child=child, started_at__gte=since, started_at__lt=now)
                .values_list("signal", "ways"))
    earlier = set(Cue.objects.counted().filter(child=child, started_at__lt=since)
                  .exclude(signal__in=("cry", "fuss")).values_list("signal", flat=True)
                  .distinct())
    checkins = list(CheckIn.objects.filter(household=child.household, author=user,
                                           created_at__gte=since, created_at__lt=now)
                    .only("kind", "mood", "safety", "note", "sleep_hours"))
    mine = [float(c.sleep_hours) if c.sleep_hours is not None else None for c in checkins]
    if any(c.note for c in checkins):
        # A note may call the baby by name ("scared I'll hurt Cian"): one query.
        names = tuple(child.household.children.values_list("name", flat=True))
        for checkin in checkins:
            checkin.baby_names = names
    hard = sum(c.needs_support for c in checkins) + sum(
        bool(safety) for safety in ScreeningResponse.objects.filter(
            household=child.household, author=user, created_at__gte=since,
            created_at__lt=now).values_list("safety", flat=True))
    return weekly.summarize(moments, firsts, [(s, w or []) for s, w in cues], earlier, mine,
                            hard)


def lines(week):
    """The week in translated sentences."""
    out = []
    if week.moments:
        kinds = listed(f"{in_sentence(KINDS[k].label) if k in KINDS else k} ({n})"
                       for k, n in week.top_kinds)
        # In hours and minutes ("37 s" of moments read "0 hours in all").
        out.append(ngettext("%(n)s moment together, %(time)s in all; most often %(kinds)s.",
                            "%(n)s moments together, %(time)s in all; most often "
                            "%(kinds)s.", week.moments)
                   % {"n": week.moments,
                      "time": duration_label(timedelta(minutes=week.minutes_together)),
                      "kinds": kinds})
    else:
        # True of a week with only sleep logged too (sleep is not time together).
        out.append(_("No moments together were logged this week, and that is fine: they "
                     "happened anyway."))
    # The week's firsts in one sentence ("Una primera vez" said three times read oddly).
    firsts = [in_sentence(KINDS[kind].label if kind in KINDS else kind) for kind in week.firsts]
    if firsts:
        out.append(ngettext("A first this week: %(what)s.", "Firsts this week: %(what)s.",
                            len(firsts)) % {"what": listed(firsts)})
    for signal in week.first_signals:
        out.append(_("New this week: %(what)s.") % {
            "what": in_sentence(cue_words.SIGNALS.get(signal, (signal,))[0])})
    if week.cries:
        helped = listed(str(cue_words.WAYS.get(w, w)).lower() for w, _n in week.helped)
        out.append((ngettext("%(n)s crying spell; what helped most: %(helped)s.",
                             "%(n)s crying spells; what helped most: %(helped)s.", week.cries)
                    if helped else ngettext("%(n)s crying spell.", "%(n)s crying spells.",
                                            week.cries)) % {"n": week.cries, "helped": helped})
    care = {"support": _("If this week has felt heavy, you do not have to carry it alone: "
                         "the support page lists people you can reach, at any hour."),
            "no-checkins": _("A check-in takes half a minute, whenever you would like to "
                             "note how you are."),
            "some-rest": _("You found some rest on several days this week; may there be "
                           "more."),
            "tired": _("Thank you for checking in with yourself. Rest when you can, and let "
                       "others help where they can.")}.get(weekly.self_care_code(week))
    if care:
        out.append(care)
    return out


class WeeklyIncomplete(RuntimeError):
    """Some e-mails could not be sent; the job is retried for those only."""


def send_weekly(now=None):
    """E-mail each parent who wants it their week with each baby. Returns how many were
    sent. Does nothing when e-mail is not configured.

    Each e-mail is its own step: one that fails (a bad address, an unreadable row) is
    logged and left for the retry, the others still go. Each is claimed before it is sent
    (``WeeklyEmail``), so a retry never sends anyone the same week twice."""
    from nestwell.accounts.models import Membership
    from nestwell.insights.models import Prefs, WeeklyEmail

    if not getattr(settings, "EMAIL_CONFIGURED", False):
        return 0
    now = now or timezone.now()
    off = set(Prefs.objects.filter(weekly_email=False).values_list("user_id", "household_id"))
    sent, failed = 0, 0
    for membership in (Membership.objects.filter(role="parent")
                       .select_related("user", "household")):
        if (membership.user_id, membership.household_id) in off:
            continue
        household = membership.household
        with timezone.override(household.time_zone), translation.override(household.locale):
            today = timezone.localtime(now).date()
            monday = today - timedelta(days=today.weekday())
            # Not for a baby who has died: "your week with her" would look ahead for her.
            for child in household.children.filter(died_on__isnull=True):
                claim, new = WeeklyEmail.objects.get_or_create(
                    user=membership.user, child=child, week=monday)
                if not new:
                    continue
                try:
                    week = gather(child, membership.user, now)
                    body = render_to_string("insights/email/week.txt", {
                        "child": child, "lines": lines(week), "user": membership.user})
                    send_mail(_("Your week with %(name)s") % {"name": child.name}, body,
                              None, [membership.user.email])
                except Exception:
                    logger.exception("The weekly e-mail to user %s about child %s failed",
                                     membership.user_id, child.pk)
                    claim.delete()
                    failed += 1
                    continue
                sent += 1
    if failed:
        raise WeeklyIncomplete(f"{sent} weekly e-mails sent, {failed} failed (retried later).")
    return sent

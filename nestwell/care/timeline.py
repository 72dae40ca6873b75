"""What answering the baby adds to the journal: cues on the one timeline, the open crying
episode, the one-tap cues and today's routines on the home page, and a feed (or a cuddle)
logged while the baby cries counting as the answer. Registered in ``CareConfig.ready()``."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.care import cues, services
from nestwell.care.models import Cue
from nestwell.care.routines import today_routine_steps
from nestwell.journal.durations import duration_label
from nestwell.journal.rows import TimelineRow, short_note
from nestwell.lib.statements import IDS, Statement
from nestwell.words import in_sentence, listed


def entries(child, start, end):
    return Cue.objects.counted().filter(child=child, started_at__gte=start,
                              started_at__lt=end).select_related("responder")


def _cue_meta(cue):
    parts = []
    if cue.responded_at:
        if cue.responded_at != cue.started_at:
            answered = _("answered after %(d)s") % {
                "d": duration_label(cue.responded_at - cue.started_at)}
        else:
            answered = _("answered")
        if cue.ways:
            answered = _("%(answered)s: %(ways)s") % {
                "answered": answered, "ways": listed(cue.way_labels)}
        parts.append(answered)
        if cue.responder_id:
            parts.append(cue.responder.display_name)
    if cue.outcome == "settled" and cue.closed_at:
        # Within a few seconds (tapped one after the other): "settled after 0 s" read as
        # a measurement (Anna's walk).
        parts.append(_("settled") if (cue.closed_at - cue.started_at).total_seconds() < 5
                     else _("settled after %(d)s") % {
                         "d": duration_label(cue.closed_at - cue.started_at)})
    elif cue.outcome == "unsettled":
        parts.append(_("still unsettled"))
    if cue.need and cue.need != "unknown":
        parts.append(in_sentence(cue.get_need_display()))
    return " · ".join(parts)

def rows(can_write):
    """A function making the timeline row of one cue; the edit URL is reversed once."""
    mark = "999999999"
    cue_url = reverse("journal:cue_edit", args=[mark]) if can_write else ""
    edit = _("Edit %(kind)s")

    def row(entry, tz):
        local = timezone.localtime(entry.started_at, tz)
        label = str(entry.signal_label)
        return TimelineRow(
            is_cue=True, code=entry.signal, pk=entry.pk, iso=entry.started_at.isoformat(),
            clock=measures.clock(local), icon=entry.icon, what=label,
            live=_("now") if entry.is_open else "", meta=_cue_meta(entry),
            note=short_note(entry.note),
            edit_url=cue_url.replace(mark, str(entry.pk)),
            edit_label=edit % {"kind": label})

    return row


# The household's babies' crying not settled yet (one each at most), by the index of open
# episodes: a twin's crying shows on the other twin's page too.
_OPEN_CRIES = Statement(lambda children: Cue.objects.open_distress().filter(child__in=children)
                        .select_related("responder", "child").order_by("started_at"),
                        children=IDS)


def crying_card(request, child):
    """The crying button and the open episode's card: on the home page and the night
    screen. Another baby of the household crying is shown too, with the way to its card
    (a twin's crying had been hidden while the other twin was on the page)."""
    from nestwell.children.current import household_children
    from nestwell.journal import contributions

    read = contributions.today_read(request)
    children = read.children if read is not None else household_children(request)
    crying = _OPEN_CRIES(children=[c.pk for c in children if c.is_born]) if any(
        c.is_born for c in children) else []
    episode = next((e for e in crying if e.child_id == child.pk), None) \
        if child.is_born else None
    return {
        "elsewhere": [e for e in crying if e.child_id != child.pk],
        "episode": episode, "cry_ways": [(w, cues.WAYS[w]) for w in cues.CRY_WAYS],
        "needs": list(cues.NEEDS.items()), **_long_crying(request, episode),
        # After 'Settled': the timer the crying was answered with (shown if still running).
        "stop_offer_id": request.session.pop(services.STOP_OFFER_KEY, None),
        "stop_offer_settled": request.session.pop(services.STOP_OFFER_SETTLED_KEY, True),
    }


def home(request, child):
    return {
        **crying_card(request, child),
        "positive_signals": [(s, *cues.SIGNALS[s]) for s in ("smile", "coo", "reach")],
        "routines_today": today_routine_steps(child) if child.is_born else [],
    }


def _long_crying(request, episode):
    """The calm card inside a long crying episode, with her own care team's numbers and
    the country's emergency number (her midwife's line may be closed on a Saturday)."""
    from nestwell.wellbeing import crisis
    from nestwell.wellbeing.contacts import CARE_TEAM, numbers_to_call

    if episode is None:
        return {}
    if not services.is_long(episode):
        return {"can_take_back": services.can_take_back(episode)}
    return {"long_crying": True, "can_take_back": services.can_take_back(episode),
            "care_numbers": numbers_to_call(request.user, request.household, CARE_TEAM),
            "emergency": crisis.emergency_number(request.household)}

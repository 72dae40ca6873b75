"""The night screen's tiles: the few things a household logs most, worked out from its
recent moments, with calm defaults for a household that has logged nothing yet.

``choose`` is pure (rows in, tile keys out); ``recent_rows`` is its one query."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from nestwell.journal.kinds import BORN, KINDS, WRITTEN, icon_for, kinds_for_stage
from nestwell.journal.models import Moment

TILE_COUNT = 4
RECENT = timedelta(days=14)
RECENT_LIMIT = 300  # the newest moments read; a busy fortnight is well within it
FEED_METHODS = ("breast", "bottle", "solids")
# What a night with a baby mostly holds, in order, until her own moments say otherwise.
DEFAULTS = {BORN: ("feeding:breast", "skin_to_skin", "soothing", "sleep")}
OTHER_SIDE = {"left": "right", "right": "left"}


@dataclass(frozen=True)
class Tile:
    """One big button: a quick-log of ``kind`` with ``details`` posted alongside."""
    key: str
    kind: str
    label: object
    icon: str
    timed: bool
    details: dict = field(default_factory=dict)
    suggested: bool = False  # the breast side that was not used last
    lead: bool = False  # opened from its shortcut: first, marked and in focus


def key_of(kind, details):
    """A feed counts by how the baby fed (breast and bottle are different tiles)."""
    if kind == "feeding":
        method = (details or {}).get("method")
        return f"feeding:{method}" if method in FEED_METHODS else "feeding"
    return kind


def allowed_keys(stage_group):
    """Every tile the stage offers: the one-tap kinds, a feed split by method."""
    keys = []
    for kind in kinds_for_stage(stage_group):
        if kind.quick not in ("tile", "chip"):
            continue
        if kind.code == "feeding":
            keys += [f"feeding:{m}" for m in FEED_METHODS] + ["feeding"]
        else:
            keys.append(kind.code)
    return keys


OWN_WEIGHT = 3  # what she (or he) logs counts three times what the others do


def choose(rows, stage_group, count=TILE_COUNT, first=None, person=None,
           bottle_first=False):
    """The ``count`` tile keys logged most in ``rows`` (kind and details, and whose it
    was), ties and gaps filled from the defaults; ``first`` (a kind, from a shortcut)
    leads. What ``person`` logged weighs more: the night screen is on her phone, or on
    his (a father who gives the bottles had the household's breastfeeds instead).
    ``bottle_first``: a baby born to someone else (adopted, fostered) has the bottle
    among the defaults, not the breast."""
    allowed = allowed_keys(stage_group)
    defaults = [k for k in DEFAULTS.get(stage_group, ()) if k in allowed]
    if bottle_first:
        defaults = ["feeding:bottle" if k == "feeding:breast" else k for k in defaults]
    defaults += [k.code for k in kinds_for_stage(stage_group, quick="tile")
                 if k.code in allowed and k.code not in defaults]
    counts, own = {}, {}
    for kind, details, *whose in rows:
        key = key_of(kind, details)
        if key in allowed:
            theirs = person is not None and whose and whose[0] == person
            counts[key] = counts.get(key, 0) + (OWN_WEIGHT if theirs else 1)
            own[key] = own.get(key, 0) + bool(theirs)

    def rank(key):
        return (-counts.get(key, 0), -own.get(key, 0),
                defaults.index(key) if key in defaults else len(defaults), allowed.index(key))

    logged = sorted(counts, key=rank)
    chosen = (logged + [k for k in defaults if k not in logged])[:count]
    if (person is not None and "feeding:bottle" in allowed and "feeding:bottle" not in chosen
            and _feeds_by_others_only(rows, person) and count > 1):
        # Her partner's first night with the bottle: the household's breastfeeds are all
        # hers, and the bottle was not on his screen until he had logged one (Chloé's
        # walk, Marc). It takes the last place.
        chosen = chosen[:count - 1] + ["feeding:bottle"]
    if first:
        # A shortcut names a kind: the tile of that kind she uses, else its usual one.
        lead = next((k for k in chosen if k.partition(":")[0] == first), None)
        lead = lead or ("feeding:breast" if first == "feeding" else first)
        if lead in allowed:
            chosen = [lead] + [k for k in chosen if k != lead][:count - 1]
    return chosen


def _feeds_by_others_only(rows, person):
    """Whether the household has logged feeds and ``person`` none of them."""
    others = False
    for kind, _details, *whose in rows:
        if kind == "feeding" and whose:
            if whose[0] == person:
                return False
            others = True
    return others


def last_side(rows):
    """The side of the newest one-side breastfeed in ``rows`` (newest first), or None."""
    for kind, details, *_whose in rows:
        if kind == "feeding" and (details or {}).get("side") in OTHER_SIDE:
            return details["side"]
    return None


FEED_LABELS = {"left": _("Feed · left"), "right": _("Feed · right"), "bottle": _("Bottle"),
               "solids": _("Solids")}


def tiles(keys, side_last=None, lead=None, rtl=False):
    """The buttons for the chosen keys: a breastfeed is a pair (left and right), the side
    not used last marked as the likely next one. When the first key is of the ``lead``
    kind (a shortcut's), its button is the lead one: for a breastfeed, the likely side.
    ``rtl``: the page reads right to left, so the pair comes right first, and the left
    breast's button still sits on the left of the screen."""
    found = []
    for index, key in enumerate(keys):
        kind, _sep, method = key.partition(":")
        spec = KINDS[kind]
        icon = icon_for(kind, {"method": method})
        leads = index == 0 and kind == lead
        if method == "breast":
            next_side = OTHER_SIDE.get(side_last, "left")
            for side in (("right", "left") if rtl else ("left", "right")):
                found.append(Tile(key, kind, FEED_LABELS[side], icon, True,
                                  {"method": "breast", "side": side},
                                  suggested=side_last is not None and side == next_side,
                                  lead=leads and side == next_side))
        elif method:
            found.append(Tile(key, kind, FEED_LABELS[method], icon, spec.timed,
                              {"method": method}, lead=leads))
        else:
            found.append(Tile(key, kind, spec.label, icon, spec.timed, lead=leads))
    return found


def recent_rows(child, now):
    """Kind, details and whose (the actor) of the child's newest moments of the last
    fortnight: one query."""
    return list(Moment.objects.alive()
                .filter(child=child, started_at__gte=now - RECENT, started_at__lte=now)
                .exclude(kind__in=WRITTEN)
                .order_by("-started_at").values_list("kind", "details", "actor_id")[:RECENT_LIMIT])

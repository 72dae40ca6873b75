"""Household roles and what each may do. Plain data, no queries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARENT = "parent", _("Parent")
    CAREGIVER = "caregiver", _("Caregiver")
    VIEWER = "viewer", _("Viewer")


# Higher number, more rights: a parent can do all a caregiver can, and so on.
RANK = {Role.VIEWER: 1, Role.CAREGIVER: 2, Role.PARENT: 3}

ROLE_HELP = {
    Role.PARENT: _("Everything: log, edit, manage babies, settings and who is invited."),
    Role.CAREGIVER: _("Logs moments, timers, nappies, doses and growth, corrects or removes "
                      "what is logged, and sees the shared journal. A medicine and its "
                      "schedule are a parent's to add or change."),
    Role.VIEWER: _("Sees the shared journal, changes nothing."),
}


def at_least(role: str, needed: str) -> bool:
    """True when ``role`` carries at least the rights of ``needed``."""
    return RANK.get(role, 0) >= RANK[needed]


# Who may hand a report to someone outside the household through a link: the people who
# care for the baby. A viewer (a grandparent, say) reads the journal but does not pass it
# on; a parent can make the link for her. A link works only while its maker still has
# this role in the household.
SHARE_LINK_ROLE = Role.CAREGIVER


def roles_at_least(needed: str) -> list[str]:
    """Every role with at least the rights of ``needed`` (for a query)."""
    return [role for role, rank in RANK.items() if rank >= RANK[needed]]

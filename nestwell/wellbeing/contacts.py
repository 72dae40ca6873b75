"""Support contacts, for other screens to offer as a tap (the long-crying card, the
movement counter, the support page). Wellbeing data belongs to its author: a person sees
her own contacts, and of others' only the baby's care-team numbers their owner gave to
everyone in the household, while the owner is still in it."""

from django.db.models import Q

from nestwell.accounts.models import Membership
from nestwell.wellbeing.models import ContactRole, SupportContact

# Who to call when a baby's crying worries her, in the order they are offered.
CARE_TEAM = (ContactRole.MIDWIFE, ContactRole.HEALTH_VISITOR, ContactRole.PAEDIATRICIAN,
             ContactRole.GP)
# Who to call about the baby's movements in pregnancy.
MATERNITY = (ContactRole.MATERNITY_UNIT, ContactRole.MIDWIFE)
# The roles a mother may give to everyone in the household: the baby's (and the birth's)
# care team. A counsellor, a friend she trusts, stay hers alone whatever the tick says.
GIVEN_TO_HOUSEHOLD = (*CARE_TEAM, ContactRole.MATERNITY_UNIT)


def numbers_to_call(user, household, roles):
    """The person's own contacts with one of ``roles`` and a phone number, and those
    another member of the household gave to everyone in it: one query."""
    order = {role: i for i, role in enumerate(roles)}
    found = SupportContact.objects.filter(
        Q(owner=user) | household_care_team(household, excluding=user),
        household=household, role__in=roles).exclude(phone="").select_related("owner")
    return sorted(found, key=lambda c: (order[c.role], c.owner_id != user.pk, c.name))


def household_care_team(household, excluding):
    """The condition for the contacts other members gave to everyone in the household,
    while they are still in it (one who leaves takes hers with her)."""
    members = Membership.objects.filter(household=household).values("user_id")
    return (Q(for_household=True, owner__in=members, role__in=GIVEN_TO_HOUSEHOLD)
            & ~Q(owner=excluding))


def shared_with(user, household):
    """The numbers others in the household gave to everyone in it, with who gave them:
    one query."""
    return list(SupportContact.objects.filter(
        household_care_team(household, excluding=user), household=household)
        .exclude(phone="").select_related("owner").order_by("role", "name"))

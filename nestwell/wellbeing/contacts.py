"""Her own support contacts, for other screens to offer as a tap (the long-crying card,
the movement counter). Wellbeing data belongs to its author: only the viewing person's
own contacts are ever returned."""

from nestwell.wellbeing.models import ContactRole, SupportContact

# Who to call when a baby's crying worries her, in the order they are offered.
CARE_TEAM = (ContactRole.MIDWIFE, ContactRole.HEALTH_VISITOR, ContactRole.GP)
# Who to call about the baby's movements in pregnancy.
MATERNITY = (ContactRole.MATERNITY_UNIT, ContactRole.MIDWIFE)


def numbers_to_call(user, household, roles):
    """The person's own contacts with one of ``roles`` and a phone number: one query."""
    order = {role: i for i, role in enumerate(roles)}
    found = SupportContact.objects.filter(owner=user, household=household,
                                          role__in=roles).exclude(phone="")
    return sorted(found, key=lambda c: (order[c.role], c.name))

from nestwell.accounts.models import AuditEvent


def record(*, household, actor, subject, action, detail=""):
    """Note that ``actor`` did ``action`` with ``subject``'s private data."""
    AuditEvent.objects.create(household=household, actor=actor, subject=subject,
                              action=action, detail=detail[:200])

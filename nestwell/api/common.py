"""Helpers every router shares: roles, time zones, paging."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Schema
from pydantic import Field

from nestwell.accounts.roles import Role, at_least

MAX_LIMIT = 500


def require(request, role):
    if not at_least(request.membership.role, role):
        raise PermissionDenied(f"This needs the {role} role in the household.")


def writer(request):
    require(request, Role.CAREGIVER)


def parent(request):
    require(request, Role.PARENT)


def aware(value: datetime | None) -> datetime | None:
    """A time without a zone is read in the household's zone (as the app does)."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, timezone.get_current_timezone())


class Paging(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


def page(queryset: models.QuerySet, paging: Paging, out):
    """``{"count": n, "items": […]}`` for one page of a queryset."""
    count = queryset.count()
    items = list(queryset[paging.offset:paging.offset + paging.limit])
    return {"count": count, "limit": paging.limit, "offset": paging.offset,
            "items": [out(item) for item in items]}


def member_user(request, user_id):
    """A member of the household by id (the person asking when none is given), else 404."""
    if user_id is None:
        return request.user
    from django.contrib.auth import get_user_model

    return get_object_or_404(get_user_model(), pk=user_id,
                             memberships__household=request.household)


class MomentFilter(Schema):
    child: int | None = None
    kind: str | None = None
    since: datetime | None = Field(None, description="Started at or after")
    until: datetime | None = Field(None, description="Started before")


def filtered(rows, filters, *, kind="kind", when="started_at", at=aware):
    """Rows narrowed by the usual filters: a child, a kind (or signal), a time window."""
    if filters.child is not None:
        rows = rows.filter(child_id=filters.child)
    if filters.kind:
        rows = rows.filter(**{kind: filters.kind})
    if filters.since:
        rows = rows.filter(**{f"{when}__gte": at(filters.since)})
    if filters.until:
        rows = rows.filter(**{f"{when}__lt": at(filters.until)})
    return rows

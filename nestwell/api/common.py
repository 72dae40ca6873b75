"""Helpers every router shares: roles, time zones, paging."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
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

"""Helpers every router shares: roles, time zones, paging."""

from collections.abc import Callable
from datetime import datetime, time
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from nestwell.accounts.roles import Role, at_least
from nestwell.api.errors import Conflict

MAX_LIMIT = 500


class Body(Schema):
    """A request body whose every field must be known. A field the operation does not
    take (a typo such as "ended" for "ended_at", or "kind" in a PATCH) was ignored, and the
    call answered 200 having done less than asked; it is now refused (422), naming it.
    The check-in and questionnaire bodies stay lenient: her answers are never refused for
    an extra field."""

    model_config = ConfigDict(extra="forbid")


def _not_true_or_false(value):
    if isinstance(value, bool):
        raise ValueError("An id is a number, not true or false.")
    return value


# The id of a baby, a member or a record in a body: pydantic's lax numbers read ``true``
# as 1, so a client's slip (a flag where the id goes) logged for baby 1.
Id = Annotated[int, BeforeValidator(_not_true_or_false)]


def require(request, role):
    if not at_least(request.membership.role, role):
        raise PermissionDenied(f"This needs the {role} role in the household.")


def writer(request):
    require(request, Role.CAREGIVER)


def parent(request):
    require(request, Role.PARENT)


def refuse_taken_id(rows: Callable[[], models.QuerySet], external_id: str, what: str) -> None:
    """409 when ``rows()`` (what a new record would clash with) already hold
    ``external_id``: a client's retry never makes a second record. ``rows`` is only called
    when an id was sent: most calls send none, and building the queryset alone was a
    tenth of a quick-log's CPU.

    The ids live in partial unique indexes (``WHERE NOT external_id = ''``). SQLite uses
    such an index only when the query states its condition too, so the lookup says
    "not empty" although the id it looks for is not: otherwise it read every row of the
    household (105 ms on three years of twins; tests/test_query_plans.py)."""
    if external_id and rows().exclude(external_id="").filter(
            external_id=external_id).exists():
        raise Conflict(f"A {what} with this external_id already exists.")


def aware(value: datetime | None) -> datetime | None:
    """A time without a zone is read in the household's zone (as the app does)."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, timezone.get_current_timezone())


def _time_of_day(value: time) -> time:
    if value.tzinfo is not None:  # a number of seconds comes with UTC attached too
        raise ValueError("Give a time of day without a zone, like 08:00: it is read in the "
                         "household's time zone.")
    return value


# A time of day ("08:00"), as the household's clock shows it: a zone or offset is refused.
ClockTime = Annotated[time, AfterValidator(_time_of_day)]


def patched(record, payload: Schema, fields, *, times=(), clearable=()) -> dict:
    """What a PATCH leaves in each of ``fields``: the value sent, or the record's own when
    the field was left out or sent as null. A field in ``clearable`` is emptied by an
    explicit null instead; a field in ``times`` is read in the household's zone."""
    given = payload.dict(exclude_unset=True)
    values = {}
    for name in fields:
        value = aware(given.get(name)) if name in times else given.get(name)
        if value is None and not (name in clearable and name in given):
            value = getattr(record, name)
        values[name] = value
    return values


class Paging(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)
    count: bool = Field(False, description="Also give `count`, how many match in all. It "
                        "reads every match, which takes longer on a long history; without "
                        "it `count` is null, and `next_offset` says whether there is more.")


PAGE_DESCRIPTION = (
    "Answers `{\"items\": […], \"limit\", \"offset\", \"next_offset\", \"count\"}`: "
    "`next_offset` is the offset of the next page, or null on the last one; `count` (how "
    "many match in all) is given only with `count=true`, and is null otherwise.")


def paged(item_schema: str) -> dict:
    """A list operation's ``description`` and ``openapi_extra``: the shape of its page in
    the OpenAPI document (the items are the schema of the matching detail operation)."""
    maybe_int = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    return {"description": PAGE_DESCRIPTION, "openapi_extra": {"responses": {200: {
        "description": "OK", "content": {"application/json": {"schema": {
            "type": "object", "title": f"PageOf{item_schema}",
            "required": ["items", "limit", "offset", "next_offset", "count"],
            "properties": {
                "items": {"type": "array",
                          "items": {"$ref": f"#/components/schemas/{item_schema}"}},
                "limit": {"type": "integer"}, "offset": {"type": "integer"},
                "next_offset": maybe_int, "count": maybe_int}}}}}}}}


def page(queryset: models.QuerySet, paging: Paging, out):
    """One page of a queryset: the page's rows and one more, to tell whether a next page
    exists, in one query whatever the history's length. Counting every match is a second
    query that reads all of them (70 ms for three years of twins), so it is asked for."""
    rows = list(queryset[paging.offset:paging.offset + paging.limit + 1])
    more = len(rows) > paging.limit
    return {"count": queryset.count() if paging.count else None,
            "limit": paging.limit, "offset": paging.offset,
            "next_offset": paging.offset + paging.limit if more else None,
            "items": [out(item) for item in rows[:paging.limit]]}


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

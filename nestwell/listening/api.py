"""Listening devices over the API: the listening screen registers itself and sends its
events (never sound). The rules are the services'; these functions only translate."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from nestwell.api.common import Body, Id, writer
from nestwell.children.api import household_child
from nestwell.listening import services
from nestwell.listening.models import ListeningDevice

router = Router(tags=["listening"])


class DeviceIn(Body):
    child: Id
    name: str = Field(..., min_length=1, max_length=60,
                      description="What the household calls it, such as Nursery phone")


class DeviceOut(Schema):
    id: int
    name: str
    child: Id
    heartbeat_seconds: int = Field(..., description="Send a heartbeat this often; a device "
                                   "not heard for a minute is shown as not heard from")


@router.post("/listening/devices", response={201: DeviceOut},
             summary="A listening device starts listening for a child")
def create_device(request, payload: DeviceIn):
    writer(request)
    child = household_child(request, payload.child)
    device = services.register(child=child, user=request.user, name=payload.name)
    return Status(201, {"id": device.pk, "name": device.name, "child": device.child_id,
                        "heartbeat_seconds": int(services.HEARTBEAT.total_seconds())})


class EventIn(Body):
    kind: Literal[services.KINDS] = Field(..., description=", ".join(services.KINDS))
    confidence: float | None = Field(None, ge=0, le=1)
    scores: list[float] | None = Field(
        None, max_length=services.MAX_SCORES,
        description="The last ten seconds' scores of a detection; sent only when the "
                    "person agreed to keep them as feedback (never sound)")
    offset_seconds: float = Field(0, ge=0, le=services.MAX_OFFSET,
                                  description="cry_started: how many seconds ago the "
                                  "crying began")


class EventOut(Schema):
    episode: Id | None = Field(..., description="The child's open crying episode, if any")
    status: str = Field(..., description="listening, opened, already_open, quiet, "
                        "no_episode, laugh or stopped")


@router.post("/listening/devices/{int:device_id}/events", response=EventOut,
             summary="An event from a listening device: heartbeat, crying started or "
                     "stopped, a laugh, or stopped listening")
def device_event(request, device_id: int, payload: EventIn):
    device = get_object_or_404(ListeningDevice, pk=device_id, household=request.household)
    writer(request)
    answer = services.record(device, kind=payload.kind, user=request.user,
                             confidence=payload.confidence, scores=payload.scores,
                             offset_seconds=payload.offset_seconds)
    return {"episode": answer.episode, "status": answer.status}

from ninja import Router, Schema

router = Router(tags=["you"])


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    household: dict
    role: str


@router.get("/me", response=MeOut, summary="Who you are, in which household, with what role")
def me(request):
    household = request.household
    return {"id": request.user.pk, "email": request.user.email,
            "display_name": request.user.display_name,
            "household": {"id": household.pk, "name": household.name,
                          "time_zone": household.time_zone, "locale": household.locale},
            "role": request.membership.role}

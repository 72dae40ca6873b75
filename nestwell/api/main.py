"""The REST API, version 1, at /api/v1/. Each app contributes its router from its own
``api.py``; the OpenAPI document and the docs page are generated and served locally."""

from ninja import NinjaAPI
from ninja.parser import Parser

from nestwell.api import errors
from nestwell.api.auth import SessionAuth, TokenAuth
from nestwell.api.docs import ReferencePage
from nestwell.api.documented_errors import add_error_responses

# The apps whose operations were in nestwell.journal.api before journal was split: their
# operation ids (made from the module's name) stay as they were published.
_SPLIT_FROM_JOURNAL = {"nestwell.children.api", "nestwell.care.api", "nestwell.milestones.api"}


class NestwellAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        module = operation.view_func.__module__
        if module in _SPLIT_FROM_JOURNAL:
            module = "nestwell.journal.api"
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")

    def get_openapi_schema(self, **kwargs):
        """The generated document, with the refusals each operation can meet."""
        return add_error_responses(super().get_openapi_schema(**kwargs))


class ObjectParser(Parser):
    """Every JSON body is an object. ``null``, a list or a bare value was read as a body
    with no fields, so a PATCH of ``[]`` answered 200 having changed nothing; it is now
    refused as unreadable (400, errors.install words it)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return data


api = NestwellAPI(
    title="Nestwell API",
    version="1",
    description=(
        "Everything a person can see in the app, for scripts and other tools. Send a "
        "personal token (made in Account → API tokens) as `Authorization: Bearer <token>`. "
        "Times without a zone are read in the household's time zone. Errors are "
        '`{"error": {"code", "message", "fields"}}`.'),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs=ReferencePage(),
    parser=ObjectParser(),
)
errors.install(api)


def _mount():
    from nestwell.accounts.api import router as accounts
    from nestwell.care.api import router as care
    from nestwell.children.api import router as children
    from nestwell.growth.api import router as growth
    from nestwell.handover.api import router as handover
    from nestwell.health.api import router as health
    from nestwell.journal.api import router as journal
    from nestwell.listening.api import router as listening
    from nestwell.medicines.api import router as medicines
    from nestwell.milestones.api import router as milestones
    from nestwell.milk.api import router as milk
    from nestwell.offline.api import router as offline
    from nestwell.photos.api import router as photos
    from nestwell.wellbeing.api import router as wellbeing
    from nestwell.wondering.api import router as wondering

    api.add_router("", accounts)
    api.add_router("", children)
    api.add_router("", journal)
    api.add_router("", care)
    api.add_router("", milestones)
    api.add_router("", growth)
    api.add_router("", health)
    api.add_router("", milk)  # pumping and the milk store
    api.add_router("", medicines)
    api.add_router("", wellbeing)
    api.add_router("", wondering)
    api.add_router("", handover)
    api.add_router("", photos)
    api.add_router("", offline)
    api.add_router("", listening)


_mount()

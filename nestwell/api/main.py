"""The REST API, version 1, at /api/v1/. Each app contributes its router from its own
``api.py``; the OpenAPI document and the docs page are generated and served locally."""

from ninja import NinjaAPI

from nestwell.api import errors
from nestwell.api.auth import SessionAuth, TokenAuth

api = NinjaAPI(
    title="Nestwell API",
    version="1",
    description=(
        "Everything a person can see in the app, for scripts and other tools. Send a "
        "personal token (made in Account → API tokens) as `Authorization: Bearer <token>`. "
        "Times without a zone are read in the household's time zone. Errors are "
        '`{"error": {"code", "message", "fields"}}`.'),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
errors.install(api)


def _mount():
    from nestwell.accounts.api import router as accounts
    from nestwell.journal.api import router as journal
    from nestwell.wellbeing.api import router as wellbeing

    api.add_router("", accounts)
    api.add_router("", journal)
    api.add_router("", wellbeing)


_mount()

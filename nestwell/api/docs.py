"""/api/v1/docs: the reference as a plain, accessible page of the app (see reference.py)."""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

from nestwell.api import reference


class ReferencePage(DocsBase):
    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        return render(request, "api/docs.html", {
            "info": schema.get("info", {}), "groups": reference.operations(schema),
            "schemas": reference.schemas(schema),
            "openapi_url": self.get_openapi_url(api, kwargs)})

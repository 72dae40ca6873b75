from django.urls import include, path

from nestwell import views
from nestwell.api.main import api
from nestwell.insights import report_views
from nestwell.transfer import views as transfer_views
from nestwell.wellbeing import views as wellbeing_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("support/", wellbeing_views.support, name="support"),
    path("household/data/", include("nestwell.transfer.urls")),
    path("schemas/nestwell-export-1.json", transfer_views.export_schema,
         name="export_schema"),
    path("you/", include("nestwell.wellbeing.urls")),
    path("insights/", include("nestwell.insights.urls")),
    path("guidance/", include("nestwell.insights.guidance_urls")),
    path("r/<str:token>/", report_views.shared_report, name="shared_report"),
    path("r/<str:token>/report.<str:fmt>", report_views.shared_report,
         name="shared_report_file"),
    path("", include("nestwell.accounts.urls")),
    path("", include("nestwell.journal.urls")),
]

from django.urls import include, path

from nestwell import views
from nestwell.api.main import api
from nestwell.care import urls as care_urls
from nestwell.children import urls as children_urls
from nestwell.growth import urls as growth_urls
from nestwell.insights import report_views
from nestwell.journal import urls as journal_urls
from nestwell.milestones import urls as milestones_urls
from nestwell.offline import views as offline_views
from nestwell.pregnancy import urls as pregnancy_urls
from nestwell.transfer import farewell, own_data
from nestwell.transfer import views as transfer_views
from nestwell.wellbeing import views as wellbeing_views

# The pages of the baby's days, from each app's urls.py, share the one ``journal:`` namespace
# they had before the apps were split: links, templates and URL names stay as they were.
DAY_PAGES = [*journal_urls.urlpatterns, *children_urls.urlpatterns, *care_urls.urlpatterns,
             *pregnancy_urls.urlpatterns, *milestones_urls.urlpatterns,
             *growth_urls.urlpatterns]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("install/", views.install_help, name="install_help"),
    # The service worker looks after the whole site, so it is served from the root.
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("", include("nestwell.offline.urls")),
    path("api/v1/", api.urls),
    path("support/", wellbeing_views.support, name="support"),
    path("household/data/", include("nestwell.transfer.urls")),
    path("schemas/nestwell-export-3.json", transfer_views.export_schema,
         name="export_schema"),
    path("schemas/nestwell-export-2.json", transfer_views.export_schema, {"version": 2},
         name="export_schema_v2"),
    path("schemas/nestwell-export-1.json", transfer_views.export_schema, {"version": 1},
         name="export_schema_v1"),
    path("account/mine/", own_data.own_data, name="own_data"),
    path("account/mine/download/", own_data.own_data_export, name="own_data_export"),
    path("account/delete/", farewell.delete_account_page, name="delete_account"),
    path("you/", include("nestwell.wellbeing.urls")),
    path("insights/", include("nestwell.insights.urls")),
    path("photos/", include("nestwell.photos.urls")),
    path("reminders/", include("nestwell.reminders.urls")),
    path("noticed/", include("nestwell.wondering.urls")),
    path("handover/", include("nestwell.handover.urls")),
    path("keepsake/", include("nestwell.keepsake.urls")),
    path("care-day/medicines/", include("nestwell.medicines.urls")),
    path("care-day/", include("nestwell.health.urls")),
    path("", include("nestwell.listening.urls")),
    path("milk/", include("nestwell.milk.urls")),  # pumping and the milk store
    path("guidance/", include("nestwell.insights.guidance_urls")),
    path("r/<str:token>/", report_views.shared_report, name="shared_report"),
    path("r/<str:token>/report.<str:fmt>", report_views.shared_report,
         name="shared_report_file"),
    path("", include("nestwell.accounts.urls")),
    path("", include((DAY_PAGES, "journal"))),
]

# A risky form sent while the database fails opens the support page (nestwell.views).
handler500 = "nestwell.views.server_error"

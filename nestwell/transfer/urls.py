from django.urls import path

from nestwell.transfer import views

app_name = "transfer"

urlpatterns = [
    path("", views.data_home, name="data"),
    path("export/", views.export_download, name="export"),
    path("import/", views.import_check, name="import_check"),
    path("import/run/", views.import_run, name="import_run"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("delete/", views.delete_household, name="delete"),
]

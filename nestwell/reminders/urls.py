from django.urls import path

from nestwell.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.due_list, name="due"),
    path("banner/", views.banner, name="banner"),
    path("put-away/", views.put_away, name="put_away"),
    path("settings/", views.settings_page, name="settings"),
    path("devices/", views.device_add, name="device_add"),
    path("devices/<int:pk>/remove/", views.device_remove, name="device_remove"),
    path("test/", views.send_test, name="test"),
    path("repeat/<slug:instrument_id>/", views.repeat, name="repeat"),
]

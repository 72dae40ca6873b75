from django.urls import path

from nestwell.listening import device_views as views

app_name = "listening"  # included by urls.py, in its namespace

urlpatterns = [
    path("banner/", views.banner, name="banner"),
    path("devices/", views.devices, name="devices"),
    path("devices/<int:pk>/stop/", views.stop, name="device_stop"),
    path("devices/<int:pk>/closed-seen/", views.closed_seen, name="device_closed_seen"),
]

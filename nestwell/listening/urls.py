from django.urls import include, path

from nestwell.listening import device_urls, views

app_name = "listening"

# One namespace for the app: the listening page at /listen/, and under /listening/ what
# every page asks while a device listens (the banner) and the devices page.
urlpatterns = [
    path("listen/", views.listen, name="page"),
    path("listening/", include(device_urls.urlpatterns)),
]

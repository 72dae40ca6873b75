"""The app's URLs plus a test-only service worker that imports the push handlers (the
app's own worker, ``/sw.js``, comes from the offline work and may not be here)."""

from django.http import HttpResponse
from django.urls import path

from nestwell.urls import urlpatterns as app_urls


def worker(request):
    return HttpResponse('importScripts("/static/reminders/push-handlers.js");\n',
                        content_type="text/javascript")


urlpatterns = [path("sw-test.js", worker), *app_urls]

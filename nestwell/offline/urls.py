from django.urls import path

from nestwell.offline import views

app_name = "offline"

urlpatterns = [
    path("offline/", views.offline_page, name="page"),
    path("offline/words.json", views.words, name="words"),
]

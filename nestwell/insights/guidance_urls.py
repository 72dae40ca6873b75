from django.urls import path

from nestwell.insights import views

app_name = "guidance"

urlpatterns = [
    path("", views.guidance_list, name="list"),
    path("<slug:slug>/", views.guidance_article, name="article"),
]

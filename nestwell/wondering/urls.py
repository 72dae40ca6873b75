from django.urls import path

from nestwell.wondering import views

app_name = "wondering"

urlpatterns = [
    path("", views.noticed, name="noticed"),
    path("answer/", views.answer, name="answer"),
    path("put-away/", views.put_away, name="put_away"),
    path("never/", views.never_ask, name="never"),
    path("choices/", views.choices, name="choices"),
    path("<int:pk>/remove/", views.remove, name="remove"),
]

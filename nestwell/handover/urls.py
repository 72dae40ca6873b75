from django.urls import path

from nestwell.handover import views

app_name = "handover"

urlpatterns = [
    path("seen/", views.seen, name="seen"),
    path("notes/", views.notes, name="notes"),
    path("notes/<int:pk>/read/", views.note_read, name="note_read"),
    path("notes/<int:pk>/take-back/", views.note_take_back, name="note_take_back"),
]

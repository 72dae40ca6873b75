from django.urls import path

from nestwell.medicines import views

app_name = "medicines"
urlpatterns = [
    path("", views.medicine_list, name="list"),
    path("new/", views.medicine_add, name="add"),
    path("given/", views.give_now, name="give"),
    path("<int:pk>/", views.medicine_edit, name="edit"),
    path("doses/<int:pk>/", views.dose_edit, name="dose_edit"),
    path("doses/<int:pk>/undo/", views.dose_undo, name="dose_undo"),
]

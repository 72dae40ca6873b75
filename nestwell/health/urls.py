from django.urls import path

from nestwell.health import views

app_name = "health"
urlpatterns = [
    path("nappies/", views.nappy_list, name="nappies"),
    path("nappies/now/", views.nappy_quick, name="nappy_quick"),
    path("nappies/<int:pk>/", views.nappy_edit, name="nappy_edit"),
    path("nappies/<int:pk>/undo/", views.nappy_undo, name="nappy_undo"),
    path("temperatures/", views.temperature_list, name="temperatures"),
    path("temperatures/<int:pk>/", views.temperature_edit, name="temperature_edit"),
]

from django.urls import path

from nestwell.growth import views

urlpatterns = [
    path("growth/", views.growth, name="growth"),
    path("growth/<int:pk>/", views.measurement_edit, name="measurement_edit"),
]

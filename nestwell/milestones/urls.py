from django.urls import path

from nestwell.milestones import views

urlpatterns = [
    path("milestones/", views.milestones, name="milestones"),
    path("milestones/<int:pk>/", views.milestone_edit, name="milestone_edit"),
]

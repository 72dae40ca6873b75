from django.urls import path

from nestwell.care import views

urlpatterns = [
    path("cues/crying/", views.crying, name="crying"),
    path("cues/positive/", views.positive, name="positive_cue"),
    path("cues/<int:pk>/respond/", views.respond, name="cue_respond"),
    path("cues/<int:pk>/settle/", views.settle, name="cue_settle"),
    path("cues/<int:pk>/not-crying/", views.not_crying, name="cue_not_crying"),
    path("cues/<int:pk>/need/", views.need, name="cue_need"),
    path("cues/<int:pk>/answer/", views.answer, name="cue_answer"),
    path("cues/<int:pk>/undo/", views.cue_undo, name="cue_undo"),
    path("cues/<int:pk>/edit/", views.cue_edit, name="cue_edit"),
    path("care/", views.responsive_care, name="responsive_care"),
    path("routines/", views.routines, name="routines"),
    path("routines/new/", views.routine_edit, name="routine_add"),
    path("routines/<int:pk>/", views.routine_edit, name="routine_edit"),
]

from django.urls import path

from nestwell.journal import care_views, pregnancy_views, views

app_name = "journal"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("timers/", views.timers, name="timers"),
    path("moments/quick/", views.quick_log, name="quick_log"),
    path("moments/new/<str:kind>/", views.moment_add, name="moment_add"),
    path("moments/<int:pk>/edit/", views.moment_edit, name="moment_edit"),
    path("moments/<int:pk>/stop/", views.stop, name="stop"),
    path("moments/<int:pk>/delete/", views.moment_delete, name="moment_delete"),
    path("moments/<int:pk>/undo/", views.moment_undo, name="moment_undo"),
    path("children/", views.children, name="children"),
    path("children/new/", views.child_add, name="child_add"),
    path("children/<int:pk>/edit/", views.child_edit, name="child_edit"),
    path("children/<int:pk>/select/", views.child_select, name="child_select"),
    path("cues/crying/", care_views.crying, name="crying"),
    path("cues/positive/", care_views.positive, name="positive_cue"),
    path("cues/<int:pk>/respond/", care_views.respond, name="cue_respond"),
    path("cues/<int:pk>/settle/", care_views.settle, name="cue_settle"),
    path("cues/<int:pk>/answer/", care_views.answer, name="cue_answer"),
    path("cues/<int:pk>/undo/", care_views.cue_undo, name="cue_undo"),
    path("cues/<int:pk>/edit/", care_views.cue_edit, name="cue_edit"),
    path("care/", care_views.responsive_care, name="responsive_care"),
    path("routines/", care_views.routines, name="routines"),
    path("routines/new/", care_views.routine_edit, name="routine_add"),
    path("routines/<int:pk>/", care_views.routine_edit, name="routine_edit"),
    path("pregnancy/movements/", pregnancy_views.movement_counter, name="movements"),
    path("pregnancy/movements/<int:pk>/tap/", pregnancy_views.movement_tap,
         name="movement_tap"),
    path("pregnancy/movements/<int:pk>/untap/", pregnancy_views.movement_untap,
         name="movement_untap"),
    path("pregnancy/movements/<int:pk>/finish/", pregnancy_views.movement_finish,
         name="movement_finish"),
    path("letters/", pregnancy_views.letters, name="letters"),
    path("children/<int:pk>/birth/", pregnancy_views.record_birth, name="birth"),
    path("children/<int:pk>/first-hour/", pregnancy_views.first_hour, name="first_hour"),
    path("kangaroo/", pregnancy_views.kangaroo_care, name="kangaroo"),
]

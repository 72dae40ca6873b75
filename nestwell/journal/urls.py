from django.urls import path

from nestwell.journal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("timers/", views.timers, name="timers"),
    path("night/", views.night, name="night"),
    path("moments/quick/", views.quick_log, name="quick_log"),
    path("moments/new/<str:kind>/", views.moment_add, name="moment_add"),
    path("moments/<int:pk>/edit/", views.moment_edit, name="moment_edit"),
    path("moments/<int:pk>/stop/", views.stop, name="stop"),
    path("moments/<int:pk>/switch-side/", views.switch_side, name="switch_side"),
    path("moments/<int:pk>/delete/", views.moment_delete, name="moment_delete"),
    path("moments/<int:pk>/undo/", views.moment_undo, name="moment_undo"),
]

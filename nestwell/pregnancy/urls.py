from django.urls import path

from nestwell.pregnancy import views

urlpatterns = [
    path("pregnancy/movements/", views.movement_counter, name="movements"),
    path("pregnancy/movements/<int:pk>/tap/", views.movement_tap,
         name="movement_tap"),
    path("pregnancy/movements/<int:pk>/untap/", views.movement_untap,
         name="movement_untap"),
    path("pregnancy/movements/<int:pk>/finish/", views.movement_finish,
         name="movement_finish"),
    path("letters/", views.letters, name="letters"),
    path("children/<int:pk>/birth/", views.record_birth, name="birth"),
    path("children/<int:pk>/first-hour/", views.first_hour, name="first_hour"),
    path("kangaroo/", views.kangaroo_care, name="kangaroo"),
]

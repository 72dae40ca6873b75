from django.urls import path

from nestwell.milk import views

app_name = "milk"
urlpatterns = [
    path("pumping/", views.pumping, name="pumping"),
    path("pumping/<int:pk>/", views.pumping_edit, name="pumping_edit"),
    path("store/", views.store, name="store"),
    path("store/<int:pk>/", views.bag_edit, name="bag_edit"),
    path("store/<int:pk>/tap/", views.bag_action, name="bag_action"),
    path("store/<int:pk>/undo/", views.bag_undo, name="bag_undo"),
]

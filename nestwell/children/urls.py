from django.urls import path

from nestwell.children import views

urlpatterns = [
    path("children/", views.children, name="children"),
    path("children/new/", views.child_add, name="child_add"),
    path("children/<int:pk>/edit/", views.child_edit, name="child_edit"),
    path("children/<int:pk>/select/", views.child_select, name="child_select"),
    path("children/<int:pk>/remove/", views.child_remove, name="child_remove"),
    path("children/<int:pk>/remembered/", views.child_remembered, name="child_remembered"),
    path("children/<int:pk>/home/", views.child_home, name="child_home"),
    path("children/<int:pk>/remembered/undo/", views.child_remembered_undo,
         name="child_remembered_undo"),
]

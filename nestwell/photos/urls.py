from django.urls import path

from nestwell.photos import views

app_name = "photos"
urlpatterns = [
    path("<int:pk>/caption/", views.caption, name="caption"),  # before serve's <size>
    path("<int:pk>/<str:size>/", views.serve, name="serve"),
    path("<str:kind>/<int:pk>/", views.change, name="change"),
]

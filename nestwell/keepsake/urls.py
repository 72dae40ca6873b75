from django.urls import path

from nestwell.keepsake import views

app_name = "keepsake"

urlpatterns = [
    path("", views.page, name="page"),
    path("book.pdf", views.book_pdf, name="book"),
    path("notes/", views.note_add, name="note_add"),
    path("notes/<int:pk>/remove/", views.note_remove, name="note_remove"),
]

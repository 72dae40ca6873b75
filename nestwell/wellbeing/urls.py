from django.urls import path

from nestwell.wellbeing import views

app_name = "wellbeing"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("check-in/", views.checkin, name="checkin"),
    path("check-in/short/", views.checkin, {"kind": "short"}, name="checkin_short"),
    path("check-ins/", views.checkin_history, name="checkin_history"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/new/", views.contact_edit, name="contact_add"),
    path("contacts/<int:pk>/", views.contact_edit, name="contact_edit"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<int:user_id>/", views.sharing_update, name="sharing_update"),
    path("shared/<int:user_id>/", views.shared, name="shared"),
    path("audit/", views.audit_log, name="audit"),
    path("questionnaires/<str:instrument_id>/", views.questionnaire, name="questionnaire"),
    path("questionnaires/<str:instrument_id>/paper/", views.paper, name="paper"),
    path("screenings/<int:pk>/", views.screening, name="screening"),
]

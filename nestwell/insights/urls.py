from django.urls import path

from nestwell.insights import report_views, views
from nestwell.insights.protocol import views as protocol_views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("suggestions/<slug:code>/put-away/", views.put_away, name="put_away"),
    path("suggestions/switch/", views.suggestions_switch, name="suggestions_switch"),
    path("week/", views.week_page, name="week"),
    path("protocol/", protocol_views.protocol_page, name="protocol"),
    path("report/", report_views.report_page, name="report"),
    path("report/share/", report_views.share_create, name="share_create"),
    path("report/share/<int:pk>/revoke/", report_views.share_revoke, name="share_revoke"),
]

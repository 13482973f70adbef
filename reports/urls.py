from django.urls import path  # noqa: F401

from core.routing import object_urls

from . import dashboards
from . import views as report_views

app_name = "reports"

urlpatterns = [
    # --- dashboards (reports.dashboards) ---
    path("dashboard/", dashboards.DashboardHomeView.as_view(), name="dashboard"),
    path("dashboard/me/", dashboards.PersonDashboardView.as_view(), name="dashboard_personal"),
    path(
        "dashboard/person/<int:pk>/",
        dashboards.PersonDashboardView.as_view(),
        name="dashboard_person",
    ),
    path("dashboard/team/<int:pk>/", dashboards.TeamDashboardView.as_view(), name="dashboard_team"),
    path("dashboard/company/", dashboards.CompanyDashboardView.as_view(), name="dashboard_company"),
    # --- report snapshots (the archive, on-demand reports, downloads) ---
    *object_urls(
        "reportsnapshot",
        "snapshots",
        list=report_views.ReportListView,
        add=report_views.ReportCreateView,
        detail=report_views.ReportDetailView,
        history=report_views.ReportHistoryView,
    ),
    path(
        "snapshots/<int:pk>/download/<str:fmt>/",
        report_views.ReportDownloadView.as_view(),
        name="reportsnapshot_download",
    ),
    path(
        "snapshots/<int:pk>/retry/",
        report_views.ReportRetryView.as_view(),
        name="reportsnapshot_retry",
    ),
]

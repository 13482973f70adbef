from django.urls import path

from core.views import pages, pickers

app_name = "core"

urlpatterns = [
    path("notifications/", pages.NotificationListView.as_view(), name="notification_list"),
    path("notifications/menu/", pages.notification_menu, name="notification_menu"),
    path("notifications/read-all/", pages.notification_mark_all_read, name="notification_read_all"),
    path("notifications/<int:pk>/", pages.notification_open, name="notification"),
    path("jobs/<int:pk>/", pages.TaskRunDetailView.as_view(), name="taskrun"),
    path("access-log/", pages.AccessLogListView.as_view(), name="accesslog_list"),
    path("export-log/", pages.ExportLogListView.as_view(), name="exportlog_list"),
    path("settings/", pages.ParameterListView.as_view(), name="parameter_list"),
    path("settings/<str:key>/", pages.ParameterEditView.as_view(), name="parameter_edit"),
    path("pickers/<str:source>/", pickers.picker, name="picker"),
    path(
        "history/<str:model>/<int:pk>/<int:history_id>/<str:field>/",
        pages.history_unmask,
        name="history_unmask",
    ),
    path("audit-events/", pages.AuditEventListView.as_view(), name="auditevent_list"),
]

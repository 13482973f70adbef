from django.urls import path

from core.views import bulk, exports, pages, pickers, saved_views

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
    path("bulk/<str:list_name>/", bulk.bulk_action, name="bulk"),
    path("saved-views/", saved_views.savedview_save, name="savedview_save"),
    path("saved-views/<int:pk>/default/", saved_views.savedview_default, name="savedview_default"),
    path("saved-views/<int:pk>/delete/", saved_views.savedview_delete, name="savedview_delete"),
    path(
        "export-requests/",
        exports.ExportRequestListView.as_view(),
        name="exportrequest_list",
    ),
    path(
        "export-requests/<int:pk>/", exports.ExportRequestDetailView.as_view(), name="exportrequest"
    ),
    path(
        "export-requests/<int:pk>/approve/",
        exports.ExportRequestApproveView.as_view(),
        name="exportrequest_approve",
    ),
    path(
        "export-requests/<int:pk>/reject/",
        exports.ExportRequestRejectView.as_view(),
        name="exportrequest_reject",
    ),
    path(
        "export-requests/<int:pk>/download/",
        exports.ExportRequestDownloadView.as_view(),
        name="exportrequest_download",
    ),
]

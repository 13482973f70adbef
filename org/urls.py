from django.urls import path

from core.routing import object_urls

from . import views

app_name = "org"

urlpatterns = [
    *object_urls(
        "employee",
        "employees",
        list=views.EmployeeListView,
        add=views.EmployeeEditView,
        detail=views.EmployeeDetailView,
        edit=views.EmployeeEditView,
        history=views.EmployeeHistoryView,
        timeline=views.EmployeeTimelineView,
    ),
    path("employees/<int:pk>/leave/", views.EmployeeLeaveView.as_view(), name="employee_leave"),
    *object_urls(
        "calendarday",
        "calendar",
        list=views.CalendarDayListView,
        add=views.CalendarDayEditView,
        detail=views.CalendarDayDetailView,
        edit=views.CalendarDayEditView,
        delete=views.CalendarDayDeleteView,
        history=views.CalendarDayHistoryView,
    ),
    path("calendar/sync/", views.CalendarSyncView.as_view(), name="calendar_sync"),
    *object_urls(
        "team",
        "teams",
        list=views.TeamListView,
        add=views.TeamEditView,
        detail=views.TeamDetailView,
        edit=views.TeamEditView,
        history=views.TeamHistoryView,
    ),
]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Employee, Grade, Team


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "supervisor", "active")
    search_fields = ("code", "name")
    filter_horizontal = ("clerks",)


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ("employee_no", "name", "position", "team", "grade", "status")
    list_filter = ("position", "status", "team")
    search_fields = ("employee_no", "name", "user__username")
    autocomplete_fields = ("user",)


@admin.register(Grade)
class GradeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "level", "active")

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn

from .models import Employee, Team

STATUS_COLOURS = {"active": "success", "on_leave": "warning", "left": "secondary"}


class EmployeeTable(BaseTable):
    employee_no = tables.Column(linkify=True)
    name = tables.Column(linkify=True)
    status = ChoiceBadgeColumn(STATUS_COLOURS)

    class Meta(BaseTable.Meta):
        model = Employee
        fields = ("employee_no", "name", "position", "team", "grade", "hire_date", "status")


class TeamTable(BaseTable):
    name = tables.Column(linkify=True)
    member_count = tables.Column(verbose_name=_("members"), orderable=True)

    class Meta(BaseTable.Meta):
        model = Team
        fields = ("code", "name", "supervisor", "member_count", "active")

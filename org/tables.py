import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn

from .models import CalendarDay, Employee, Team

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


KIND_COLOURS = {"statutory": "danger", "in_lieu": "warning", "makeup": "primary", "company": "info"}
SOURCE_COLOURS = {"package": "secondary", "hr": "success"}


class CalendarDayTable(BaseTable):
    day = DateTimeColumn(linkify=True)
    weekday = tables.Column(verbose_name=_("weekday"), accessor="day", orderable=False)
    kind = ChoiceBadgeColumn(KIND_COLOURS)
    source = ChoiceBadgeColumn(SOURCE_COLOURS)

    class Meta(BaseTable.Meta):
        model = CalendarDay
        fields = ("day", "weekday", "name", "kind", "source", "note")

    def render_weekday(self, value):
        return date_format(value, "l")

    def value_weekday(self, value):
        return date_format(value, "l")

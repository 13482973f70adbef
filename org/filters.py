import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet

from .models import CalendarDay, Employee, Team


class EmployeeFilterSet(BaseFilterSet):
    search_fields = ("name", "employee_no", "user__username")

    class Meta:
        model = Employee
        fields = ["q", "team", "position", "status"]


class TeamFilterSet(BaseFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = Team
        fields = ["q", "active"]


class CalendarDayFilterSet(BaseFilterSet):
    search_fields = ("name", "note")
    year = django_filters.NumberFilter(
        field_name="day__year", label=_("Year"), min_value=1990, max_value=2100
    )

    class Meta:
        model = CalendarDay
        fields = ["q", "year", "kind", "source"]

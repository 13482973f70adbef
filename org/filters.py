from core.filters import BaseFilterSet

from .models import Employee, Team


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

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPostView,
    ObjectTimelineView,
)

from . import selectors, services
from .filters import EmployeeFilterSet, TeamFilterSet
from .forms import EmployeeCreateForm, EmployeeForm, EmployeeLeaveForm, TeamForm
from .models import Employee, Team
from .tables import EmployeeTable, TeamTable


class EmployeeListView(ObjectListView):
    model = Employee
    queryset = selectors.employee_list()
    table_class = EmployeeTable
    filterset_class = EmployeeFilterSet


class EmployeeDetailView(ObjectDetailView):
    model = Employee
    queryset = selectors.employee_list()
    template_name = "org/employee.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["leave_form"] = EmployeeLeaveForm()
        return context


class EmployeeHistoryView(ObjectHistoryView):
    model = Employee


class EmployeeTimelineView(ObjectTimelineView):
    model = Employee


class EmployeeEditView(ObjectEditView):
    model = Employee

    def get_form_class(self):
        return EmployeeCreateForm if self.action == "add" else EmployeeForm

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k in EmployeeForm.Meta.fields}
        if self.action == "add":
            return services.employee_create(
                actor=self.request.user, username=form.cleaned_data["username"], **data
            )
        reason = form.cleaned_data.get("change_reason")
        if reason:
            self.object._change_reason = reason
        return services.employee_update(actor=self.request.user, employee=self.object, **data)


class EmployeeLeaveView(ObjectDetailMixin, ObjectPostView):
    """Record a departure (POST); the login is disabled at once."""

    model = Employee
    action = "change"

    def perform(self, request, employee):
        form = EmployeeLeaveForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the date the employee left."))
        services.employee_leave(
            actor=request.user,
            employee=employee,
            left_on=form.cleaned_data["left_on"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Departure recorded; the login is disabled."))


class TeamListView(ObjectListView):
    model = Team
    queryset = selectors.team_list()
    table_class = TeamTable
    filterset_class = TeamFilterSet


class TeamDetailView(ObjectDetailView):
    model = Team
    queryset = selectors.team_detail()
    template_name = "org/team.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = selectors.team_members(user=self.request.user, team=self.object)
        return context


class TeamEditView(ObjectEditView):
    model = Team
    form_class = TeamForm


class TeamHistoryView(ObjectHistoryView):
    model = Team

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPostView,
    ObjectTimelineView,
    error_text,
    form_errors,
)

from . import selectors, services
from .filters import CalendarDayFilterSet, EmployeeFilterSet, TeamFilterSet
from .forms import (
    CalendarDayForm,
    CalendarSyncForm,
    EmployeeCreateForm,
    EmployeeForm,
    EmployeeLeaveForm,
    TeamForm,
)
from .models import CalendarDay, Employee, Team
from .tables import CalendarDayTable, EmployeeTable, TeamTable


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


class CalendarDayListView(ObjectListView):
    model = CalendarDay
    queryset = selectors.calendar_day_list()
    table_class = CalendarDayTable
    filterset_class = CalendarDayFilterSet
    template_name = "org/calendarday_list.html"
    empty_message = _lazy(
        "No days for this year yet: sync the year from the official schedule, or add a day."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_sync"] = self.request.user.has_perm("org.add_calendarday")
        context["sync_form"] = CalendarSyncForm(
            initial={"year": self.request.GET.get("year") or timezone.localdate().year}
        )
        return context


class CalendarDayDetailView(ObjectDetailView):
    model = CalendarDay
    template_name = "org/calendarday.html"


class CalendarDayEditView(ObjectEditView):
    model = CalendarDay
    form_class = CalendarDayForm

    def save(self, form):
        return services.calendar_day_save(actor=self.request.user, day=form.instance)


class CalendarDayDeleteView(ObjectDeleteView):
    model = CalendarDay


class CalendarDayHistoryView(ObjectHistoryView):
    model = CalendarDay


class CalendarSyncView(LoginRequiredMixin, View):
    """Sync one year of the calendar from the official schedule (POST; HR)."""

    def post(self, request):
        if not request.user.has_perm("org.add_calendarday"):
            raise PermissionDenied
        form = CalendarSyncForm(request.POST)
        url = reverse("org:calendarday_list")
        if not form.is_valid():
            messages.error(request, error_text(form_errors(form)))
            return HttpResponseRedirect(url)
        year = form.cleaned_data["year"]
        try:
            counts = services.calendar_sync_year(actor=request.user, year=year)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _(
                    "%(year)s synced: %(added)s days added, %(updated)s updated, "
                    "%(removed)s removed; %(kept_hr)s days corrected by HR kept."
                )
                % {"year": year, **counts},
            )
        return HttpResponseRedirect(f"{url}?year={year}")

"""Sales targets (with their actual figures), team plans, team meetings and sales tasks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic

from core import figures
from core.figures import Scope
from core.periods import PeriodKind, period_containing
from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    get_visible_or_404,
)

from .. import filters, forms, services, tables
from ..models import SalesTarget, SalesTask, TeamMeeting, TeamPlan
from .common import FieldsDetailView

# --- targets and team work ------------------------------------------------------------------


class SalesTargetListView(ObjectListView):
    model = SalesTarget
    queryset = SalesTarget.objects.select_related("team", "user")
    table_class = tables.SalesTargetTable
    filterset_class = filters.SalesTargetFilterSet


class SalesTargetDetailView(FieldsDetailView):
    model = SalesTarget
    queryset = SalesTarget.objects.select_related("team", "user", "set_by")
    template_name = "sales/salestarget.html"
    detail_fields = ("team", "user", "premium", "new_policies", "visits", "set_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"], context["premium_income"] = target_actuals(self.object)
        return context


def target_actuals(target):
    """The month's actual figures beside ``target``'s values, from ``core.figures`` (the
    definitions the dashboards and reports use): a line ``{"key", "label", "target",
    "actual", "money"}`` per target, then the premium income (all premium paid, which no
    target measures). A person's target is compared with that person's figures, a team's
    with the team's. One statement."""
    scope = Scope.person(target.user_id) if target.user_id else Scope.team(target.team_id)
    month = period_containing(PeriodKind.MONTH, target.month)
    compared = figures.target_measures()
    actual = figures.figures(
        scope=scope, period=month, measures=[*compared.values(), "premium_total"]
    )
    known = {m.key: m for m in figures.measures()}
    lines = [
        {
            "key": measure,
            "label": known[measure].label,
            "target": getattr(target, target_key),
            "actual": actual[measure],
            "money": known[measure].unit == "money",
        }
        for target_key, measure in compared.items()
    ]
    return lines, actual["premium_total"]


class SalesTargetEditView(ObjectEditView):
    model = SalesTarget
    form_class = forms.SalesTargetForm

    def save(self, form):
        data = form.cleaned_data
        target = self.object if self.object.pk else None
        try:
            return services.target_set(
                actor=self.request.user,
                team=target.team if target else data["team"],
                user=target.user if target else data["user"],
                month=target.month if target else data["month"],
                premium=data["premium"],
                new_policies=data["new_policies"],
                visits=data["visits"],
            )
        except PermissionDenied as exc:
            raise ValidationError(str(exc)) from exc


class SalesTargetHistoryView(ObjectHistoryView):
    model = SalesTarget


class TeamPlanListView(ObjectListView):
    model = TeamPlan
    queryset = TeamPlan.objects.select_related("team")
    table_class = tables.TeamPlanTable
    filterset_class = filters.TeamPlanFilterSet


class TeamPlanDetailView(FieldsDetailView):
    model = TeamPlan
    queryset = TeamPlan.objects.select_related("team", "author")
    detail_fields = ("team", "period_start", "period_end", "author", "content")


class TeamPlanEditView(ObjectEditView):
    model = TeamPlan
    form_class = forms.TeamPlanForm
    creator_field = "author"

    def save(self, form):
        if not services.leads_team(self.request.user, form.instance.team):
            raise PermissionDenied
        return super().save(form)


class TeamPlanHistoryView(ObjectHistoryView):
    model = TeamPlan


class TeamMeetingListView(ObjectListView):
    model = TeamMeeting
    queryset = TeamMeeting.objects.select_related("team", "chaired_by")
    table_class = tables.TeamMeetingTable
    filterset_class = filters.TeamMeetingFilterSet


class TeamMeetingDetailView(ObjectDetailView):
    model = TeamMeeting
    queryset = TeamMeeting.objects.select_related("team", "chaired_by").prefetch_related(
        "attendees",
        Prefetch("action_items", queryset=SalesTask.objects.select_related("assignee")),
    )
    template_name = "sales/teammeeting.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_assign"] = services.leads_team(self.request.user, self.object.team)
        context["action_form"] = forms.ActionItemForm(team=self.object.team, user=self.request.user)
        return context


class TeamMeetingEditView(ObjectEditView):
    model = TeamMeeting
    form_class = forms.TeamMeetingForm

    def save(self, form):
        meeting = form.save(commit=False)
        return services.meeting_save(
            actor=self.request.user, meeting=meeting, attendees=form.cleaned_data["attendees"]
        )


class TeamMeetingHistoryView(ObjectHistoryView):
    model = TeamMeeting


class TeamMeetingActionView(ObjectPermissionMixin, generic.View):
    """POST: an action item of the meeting becomes a task for the assignee."""

    model = SalesTask
    action = "add"

    def post(self, request, pk):
        meeting = get_visible_or_404(TeamMeeting, request.user, pk)
        form = forms.ActionItemForm(request.POST, team=meeting.team, user=request.user)
        if form.is_valid():
            try:
                services.task_assign(
                    actor=request.user,
                    team=meeting.team,
                    meeting=meeting,
                    **form.cleaned_data,
                )
                messages.success(request, _("Action item assigned as a task."))
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.error(request, _("Give the assignee, the action and its due date."))
        return redirect(meeting)


class SalesTaskListView(ObjectListView):
    model = SalesTask
    queryset = SalesTask.objects.select_related("team", "assignee", "assigned_by")
    table_class = tables.SalesTaskTable
    filterset_class = filters.SalesTaskFilterSet


class SalesTaskDetailView(FieldsDetailView):
    model = SalesTask
    queryset = SalesTask.objects.select_related("team", "assignee", "assigned_by", "meeting")
    template_name = "sales/salestask.html"
    detail_fields = (
        "title",
        "team",
        "assignee",
        "assigned_by",
        "due_date",
        "status",
        "meeting",
        "description",
        "done_at",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        task = self.object
        context["can_set_status"] = task.assignee_id == user.pk or services.leads_team(
            user, task.team
        )
        context["status_choices"] = SalesTask.Status.choices
        return context


class SalesTaskEditView(ObjectEditView):
    """Supervisors assign and edit their team's tasks; assignees only change the status."""

    model = SalesTask
    form_class = forms.SalesTaskForm

    def get_queryset(self):
        qs = super().get_queryset()
        user = self.request.user
        return qs if user.is_superuser else qs.filter(team__supervisor=user)

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "change_reason"}
        if self.action == "add":
            return services.task_assign(actor=self.request.user, **data)
        if not services.leads_team(self.request.user, self.object.team):
            raise PermissionDenied
        task = form.save(commit=False)
        task.full_clean()
        task.save()
        return task


class SalesTaskHistoryView(ObjectHistoryView):
    model = SalesTask


class SalesTaskStatusView(ObjectPermissionMixin, generic.View):
    model = SalesTask
    action = "change"

    def post(self, request, pk):
        task = get_visible_or_404(SalesTask, request.user, pk)
        form = forms.TaskStatusForm(request.POST)
        if form.is_valid():
            try:
                services.task_set_status(
                    actor=request.user, task=task, status=form.cleaned_data["status"]
                )
                messages.success(request, _("Task updated."))
            except PermissionDenied as exc:
                messages.error(request, str(exc))
        return redirect(task)

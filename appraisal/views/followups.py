"""What follows the results: an employee's results history with its trend chart, the
promotion candidates, improvement plans, a training plan from weak ability items."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.permissions import get_profile
from core.views.generic import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    add_validation_error,
)
from org.models import Employee

from .. import charts, selectors, services
from ..filters import ImprovementPlanFilterSet
from ..forms import ImprovementPlanForm, TrainingPlanForm
from ..models import ImprovementPlan
from ..tables import ImprovementPlanTable
from .appraisals import AppraisalPageMixin


def may_see_results(user, employee):
    """The employee, the supervisor of the employee's team, and HR or managers (the
    summary permission) read an employee's results."""
    if user.has_perm("appraisal.view_results_summary") or user.is_superuser:
        return True
    if employee.user_id == user.pk:
        return True
    profile = get_profile(user)
    return bool(employee.team_id and employee.team_id in profile.led_team_ids)


class EmployeeResultsView(LoginRequiredMixin, generic.TemplateView):
    """An employee's monthly and annual results with the trend of the monthly scores."""

    template_name = "appraisal/employee_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employee = Employee.objects.select_related("team").filter(pk=self.kwargs["pk"]).first()
        if employee is None or not may_see_results(self.request.user, employee):
            raise Http404
        monthly = selectors.employee_results(employee)
        context["employee"] = employee
        context["monthly"] = monthly
        context["annual"] = selectors.employee_results(employee, kind="annual")
        context["chart"] = charts.score_trend(monthly) if monthly else None
        context["promotion"] = selectors.is_promotion_candidate(employee)
        return context


class PromotionCandidatesView(LoginRequiredMixin, generic.TemplateView):
    template_name = "appraisal/promotion_candidates.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "appraisal.view_results_summary"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from core import params

        from .. import rules

        context = super().get_context_data(**kwargs)
        context["candidates"] = selectors.promotion_candidates()
        context["streak"] = params.get(rules.PROMOTION_STREAK)
        return context


class ImprovementPlanListView(ObjectListView):
    model = ImprovementPlan
    table_class = ImprovementPlanTable
    filterset_class = ImprovementPlanFilterSet
    empty_message = gettext_lazy("No improvement plans.")

    def get_queryset(self):
        return selectors.improvement_plan_list(user=self.request.user)


class ImprovementPlanPageMixin:
    model = ImprovementPlan

    def get_base_queryset(self):
        return ImprovementPlan.objects.select_related("employee", "appraisal__round", "supervisor")


class ImprovementPlanDetailView(ImprovementPlanPageMixin, ObjectDetailView):
    template_name = "appraisal/improvementplan.html"


class ImprovementPlanHistoryView(ImprovementPlanPageMixin, ObjectHistoryView):
    pass


class ImprovementPlanCreateView(AppraisalPageMixin, ObjectPermissionMixin, generic.FormView):
    """An improvement plan for a poor result (from the appraisal page)."""

    form_class = ImprovementPlanForm
    template_name = "generic/object_edit.html"

    def get_required_permission(self):
        return "appraisal.add_improvementplan"

    def get_appraisal(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["new"] = True
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appraisal = self.get_appraisal()
        context.update(
            object=appraisal,
            is_new=True,
            verbose_name=ImprovementPlan._meta.verbose_name,
            cancel_url=appraisal.get_absolute_url(),
        )
        return context

    def form_valid(self, form):
        appraisal = self.get_appraisal()
        data = form.cleaned_data
        try:
            plan = services.improvement_plan_create(
                actor=self.request.user,
                appraisal=appraisal,
                goals=data["goals"],
                support=data["support"],
                review_date=data["review_date"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": plan})
        return HttpResponseRedirect(plan.get_absolute_url())


class ImprovementPlanEditView(ImprovementPlanPageMixin, ObjectPermissionMixin, generic.UpdateView):
    form_class = ImprovementPlanForm
    template_name = "generic/object_edit.html"
    action = "change"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            plan = services.improvement_plan_update(
                actor=self.request.user,
                plan=self.object,
                goals=data["goals"],
                support=data["support"],
                review_date=data["review_date"],
                outcome=data["outcome"],
                outcome_note=data["outcome_note"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": plan})
        return HttpResponseRedirect(plan.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.get_absolute_url()
        return context


class TrainingPlanView(AppraisalPageMixin, ObjectPermissionMixin, generic.FormView):
    """HR creates the personal training plan (in training) for the weak ability items."""

    form_class = TrainingPlanForm
    template_name = "appraisal/training_plan.html"

    def get_required_permission(self):
        return "appraisal.consolidate_appraisal"

    def get_appraisal(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appraisal = self.get_appraisal()
        context["object"] = appraisal
        context["weak"] = services.weak_ability_items(appraisal)
        return context

    def form_valid(self, form):
        appraisal = self.get_appraisal()
        try:
            plan = services.training_plan_from_appraisal(
                actor=self.request.user,
                appraisal=appraisal,
                courses=list(form.cleaned_data["courses"]),
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": plan})
        return HttpResponseRedirect(appraisal.get_absolute_url())

"""Career development pages: development plans with their promotion path and progress,
who meets the next step, and job rotations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.permissions import can
from core.services import save_checked
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    Tab,
    form_errors,
)

from .. import selectors, services
from ..filters.careers import DevelopmentPlanFilterSet, JobRotationFilterSet
from ..forms import careers as forms
from ..models import DevelopmentPlan, JobRotation, PromotionStep
from ..tables.careers import DevelopmentPlanTable, JobRotationTable


def _tabs(obj, name):
    return [
        Tab("overview", _("Overview"), obj.get_absolute_url()),
        Tab("history", _("History"), reverse(f"training:{name}_history", args=[obj.pk])),
    ]


class DevelopmentPlanListView(ObjectListView):
    model = DevelopmentPlan
    table_class = DevelopmentPlanTable
    filterset_class = DevelopmentPlanFilterSet
    queryset = DevelopmentPlan.objects.select_related("employee__team")
    empty_message = gettext_lazy("No development plans.")


class DevelopmentPlanEditView(ObjectEditView):
    model = DevelopmentPlan
    form_class = forms.DevelopmentPlanForm


class PlanPageMixin(ObjectDetailMixin):
    model = DevelopmentPlan
    queryset = selectors.plan_list_base()

    def get_tabs(self, obj):
        return _tabs(obj, "developmentplan")


class DevelopmentPlanDetailView(PlanPageMixin, ObjectDetailView):
    template_name = "training/developmentplan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        (progress,) = selectors.plans_progress([self.object])
        context.update(
            progress=progress,
            step_form=forms.PromotionStepForm(
                initial={"order": len(progress.steps) + 1}, prefix="step"
            ),
        )
        # one form per step, each with its own field ids (the course picker finds its box)
        for sp in progress.steps:
            pk = sp.step.pk
            sp.requirement_form = forms.StepRequirementForm(
                user=self.request.user, prefix=f"req-{pk}"
            )
            sp.reached_form = forms.StepReachedForm(prefix=f"reached-{pk}")
        return context


class DevelopmentPlanHistoryView(PlanPageMixin, ObjectHistoryView):
    pass


class DevelopmentPlanStepView(PlanPageMixin, ObjectPostView):
    """HR shapes the promotion path: add or remove a step, add or remove a requirement,
    record a step reached."""

    perm = "training.change_developmentplan"

    def _step(self, plan, request):
        return get_object_or_404(PromotionStep, plan=plan, pk=request.POST.get("step_id") or 0)

    def perform(self, request, plan, step):
        user = request.user
        if not can(user, plan, "change"):
            raise PermissionDenied
        if step == "add_step":
            form = forms.PromotionStepForm(request.POST, prefix="step")
            form.instance.plan = plan
            if not form.is_valid():
                raise form_errors(form)
            save_checked(form.save(commit=False), user)  # the plan's step numbers are unique
            messages.success(request, _("Step added."))
        elif step == "remove_step":
            target = self._step(plan, request)
            if target.reached_on:
                raise PermissionDenied
            target.delete()
            messages.success(request, _("Step removed."))
        elif step == "add_requirement":
            target = self._step(plan, request)
            form = forms.StepRequirementForm(request.POST, user=user, prefix=f"req-{target.pk}")
            if not form.is_valid():
                raise form_errors(form)
            services.requirement_add(actor=user, step=target, **form.cleaned_data)
            messages.success(request, _("Requirement added."))
        elif step == "remove_requirement":
            requirement = get_object_or_404(
                self.object_requirements(plan), pk=request.POST.get("requirement_id") or 0
            )
            services.requirement_remove(actor=user, requirement=requirement)
            messages.success(request, _("Requirement removed."))
        elif step == "reached":
            target = self._step(plan, request)
            form = forms.StepReachedForm(request.POST, prefix=f"reached-{target.pk}")
            if not form.is_valid():
                raise form_errors(form)
            services.step_mark_reached(actor=user, step=target, **form.cleaned_data)
            messages.success(request, _("Step recorded as reached."))
        else:
            raise Http404

    def object_requirements(self, plan):
        from ..models import StepRequirement

        return StepRequirement.objects.filter(step__plan=plan)


class PromotionReadinessView(ObjectPermissionMixin, generic.TemplateView):
    """HR's "who meets the requirements of the next step", with each person's progress."""

    model = DevelopmentPlan
    template_name = "training/promotion_readiness.html"

    def get_required_permission(self):
        return "training.change_developmentplan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        only_ready = self.request.GET.get("ready") == "1"
        context["rows"] = selectors.promotion_readiness(
            user=self.request.user, only_ready=only_ready
        )
        context["only_ready"] = only_ready
        return context


# --- job rotations -------------------------------------------------------------------------


class JobRotationListView(ObjectListView):
    model = JobRotation
    table_class = JobRotationTable
    filterset_class = JobRotationFilterSet
    queryset = selectors.rotation_list_base()
    empty_message = gettext_lazy("No job rotations.")


class JobRotationEditView(ObjectEditView):
    model = JobRotation
    form_class = forms.JobRotationForm


class RotationPageMixin(ObjectDetailMixin):
    model = JobRotation
    queryset = selectors.rotation_list_base()

    def get_tabs(self, obj):
        return _tabs(obj, "jobrotation")

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        user = self.request.user
        actions["evaluate"] = (
            user.has_perm("training.evaluate_jobrotation")
            and (obj.to_team.supervisor_id == user.pk or user.is_superuser)
            and obj.evaluated_at is None
        )
        return actions


class JobRotationDetailView(RotationPageMixin, ObjectDetailView):
    template_name = "training/jobrotation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evaluation_form"] = forms.RotationEvaluationForm()
        return context


class JobRotationHistoryView(RotationPageMixin, ObjectHistoryView):
    pass


class JobRotationEvaluateView(RotationPageMixin, ObjectPostView):
    perm = "training.evaluate_jobrotation"

    def perform(self, request, rotation):
        form = forms.RotationEvaluationForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.rotation_evaluate(actor=request.user, rotation=rotation, **form.cleaned_data)
        messages.success(request, _("Evaluation recorded."))

"""Personal training plan pages: the list, a plan with its courses done or planned, and
HR's form to create or change one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.views.generic import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    add_validation_error,
)

from .. import services
from ..filters.sessions import TrainingPlanFilterSet
from ..forms.sessions import PlanForm
from ..models import TrainingPlan
from ..selectors import sessions as selectors
from ..tables.sessions import TrainingPlanTable


class PlanListView(ObjectListView):
    model = TrainingPlan
    table_class = TrainingPlanTable
    filterset_class = TrainingPlanFilterSet
    empty_message = gettext_lazy("No training plans.")
    add_label = gettext_lazy("New training plan")

    def get_queryset(self):
        return selectors.plan_list(user=self.request.user)


class PlanPageMixin:
    model = TrainingPlan
    queryset = TrainingPlan.objects.select_related("employee__team")


class PlanDetailView(PlanPageMixin, ObjectDetailView):
    template_name = "training/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = list(selectors.plan_items(plan=self.object))
        return context


class PlanHistoryView(PlanPageMixin, ObjectHistoryView):
    pass


class PlanFormView(PlanPageMixin, ObjectPermissionMixin, generic.FormView):
    """Create (no pk) or change a plan: employee, period, courses, reason."""

    form_class = PlanForm
    template_name = "generic/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = "change" if "pk" in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_plan(self):
        if self.action == "add":
            return None
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_plan()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_plan()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        plan = self.object
        if plan is None:
            employee = self.request.GET.get("employee", "")
            return {"employee": employee} if employee.isdigit() else {}
        return {
            "starts_on": plan.starts_on,
            "ends_on": plan.ends_on,
            "reason": plan.reason,
            "courses": [item.course_id for item in plan.items.all()],
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["plan"] = self.object
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        user = self.request.user
        try:
            if self.object is None:
                plan = services.training_plan_create(
                    actor=user,
                    employee=data["employee"],
                    courses=list(data["courses"]),
                    reason=data["reason"],
                    source=TrainingPlan.Source.MANUAL,
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                )
            else:
                plan = services.training_plan_update(
                    actor=user,
                    plan=self.object,
                    courses=list(data["courses"]),
                    reason=data["reason"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": plan})
        return redirect(plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_new"] = self.object is None
        context["object"] = self.object
        context["cancel_url"] = (
            self.object.get_absolute_url() if self.object else context.get("list_url")
        )
        return context

"""External course pages: the list, the request form, a request with its steps (the
supervisor's decision, the employee's evidence, HR's confirmation) and the evidence file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.services import access_log
from core.views.generic import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    add_validation_error,
    form_errors,
    get_visible_or_404,
)

from .. import services
from ..filters.sessions import ExternalCourseFilterSet
from ..forms.sessions import EvidenceForm, ExternalDecisionForm, ExternalRequestForm
from ..models import ExternalCourse
from ..selectors import sessions as selectors
from ..tables.sessions import ExternalCourseTable


class ExternalListView(ObjectListView):
    model = ExternalCourse
    table_class = ExternalCourseTable
    filterset_class = ExternalCourseFilterSet
    empty_message = gettext_lazy("No external courses.")
    add_label = gettext_lazy("Ask for an external course")

    def get_queryset(self):
        return selectors.external_list(user=self.request.user)


class ExternalCreateView(ObjectPermissionMixin, generic.FormView):
    model = ExternalCourse
    action = "add"
    form_class = ExternalRequestForm
    template_name = "generic/object_edit.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        if selectors.employee_of(self.request.user) is None:
            form.add_error(None, _("Only an employee may ask for an external course."))
            return self.form_invalid(form)
        try:
            external = services.external_request(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Request sent to your supervisor."))
        return redirect(external)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_new"] = True
        context["cancel_url"] = context.get("list_url")
        return context


def external_actions(user, external):
    S = ExternalCourse.Status
    own = external.employee.user_id == user.pk
    return {
        "add": False,
        "change": False,
        "delete": False,
        "decide": external.status == S.REQUESTED and services.may_decide_external(user, external),
        "evidence": own and external.status in (S.APPROVED, S.COMPLETED),
        "confirm": external.status == S.COMPLETED
        and user.has_perm("training.confirm_externalcourse"),
    }


class ExternalPageMixin:
    model = ExternalCourse
    queryset = ExternalCourse.objects.select_related(
        "employee__team", "course", "decided_by", "confirmed_by", "record"
    )

    def get_actions(self, obj=None):
        return external_actions(self.request.user, obj)


class ExternalDetailView(ExternalPageMixin, ObjectDetailView):
    template_name = "training/external.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision_form"] = ExternalDecisionForm()
        context["evidence_form"] = EvidenceForm()
        return context


class ExternalHistoryView(ExternalPageMixin, ObjectHistoryView):
    pass


class ExternalStepView(ExternalPageMixin, ObjectPermissionMixin, ObjectPostView):
    """decide (the supervisor), evidence (the employee), confirm (HR)."""

    def perform(self, request, external, step):
        user = request.user
        if step == "decide":
            form = ExternalDecisionForm(request.POST)
            if not form.is_valid():
                raise form_errors(form)
            services.external_decide(
                actor=user,
                external=external,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        elif step == "evidence":
            form = EvidenceForm(request.POST, request.FILES)
            if not form.is_valid():
                raise form_errors(form)
            services.external_upload_evidence(actor=user, external=external, **form.cleaned_data)
        elif step == "confirm":
            services.external_confirm(actor=user, external=external)
        else:
            raise Http404
        messages.success(request, _("Recorded."))


class ExternalEvidenceView(ObjectPermissionMixin, generic.View):
    """The evidence file, to whoever may see the request."""

    model = ExternalCourse

    def get(self, request, pk):
        external = get_visible_or_404(ExternalCourse, request.user, pk)
        if not external.evidence:
            raise Http404
        access_log(user=request.user, obj=external, request=request, field="evidence")
        return FileResponse(
            external.evidence.open("rb"),
            as_attachment=True,
            filename=external.evidence_name or external.evidence.name.rsplit("/", 1)[-1],
        )

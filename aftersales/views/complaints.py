"""Complaint pages: the list, the form, the record with its actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.permissions import can
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectTimelineView,
    add_validation_error,
)

from .. import forms, selectors, services
from ..filters import ComplaintFilterSet
from ..models import Complaint
from ..tables import ComplaintTable
from .common import _FormPageMixin, _PostView, _tabs


class ComplaintListView(ObjectListView):
    model = Complaint
    table_class = ComplaintTable
    filterset_class = ComplaintFilterSet
    empty_message = gettext_lazy("No complaints.")
    add_label = gettext_lazy("Log a complaint")

    def get_queryset(self):
        return selectors.complaint_list(user=self.request.user)


class ComplaintCreateView(_FormPageMixin, ObjectPermissionMixin, generic.FormView):
    model = Complaint
    action = "add"
    form_class = forms.ComplaintForm

    def get_initial(self):
        initial = {}
        for name in ("customer", "policy"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name]
        return initial

    def form_valid(self, form):
        try:
            complaint = services.complaint_log(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Complaint logged; the supervisor responsible is told."),
        )
        return redirect(complaint)


def complaint_actions(user, complaint):
    may = (
        user.has_perm("aftersales.change_complaint")
        and user.has_perm(services.HANDLE_COMPLAINT_PERM)
        and can(user, complaint, "change")
    )
    allowed = services.allowed_complaint_transitions(complaint)
    S = Complaint.Status
    return {
        "change": False,
        "delete": False,
        "add": False,
        "acknowledge": may and S.ACKNOWLEDGED in allowed,
        "start": may and S.IN_PROGRESS in allowed and complaint.status != S.RESOLVED,
        "act": may and complaint.status != S.CLOSED,
        "resolve": may and S.RESOLVED in allowed,
        "close": may and complaint.status == S.RESOLVED,
        "reopen": may and complaint.status == S.RESOLVED,
    }


COMPLAINT_FORMS = {
    "acknowledge": forms.NoteForm,
    "start": forms.NoteForm,
    "act": forms.ComplaintActionForm,
    "resolve": forms.ComplaintResolveForm,
    "close": forms.ComplaintCloseForm,
    "reopen": forms.ReasonForm,
}


class ComplaintPageMixin(ObjectDetailMixin):
    model = Complaint
    queryset = Complaint.objects.select_related(
        "customer__owner", "team", "supervisor", "policy", "logged_by", "claim"
    )

    def get_actions(self, obj=None):
        return complaint_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return _tabs(obj, "complaint")


class ComplaintDetailView(ComplaintPageMixin, ObjectDetailView):
    template_name = "aftersales/complaint.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = list(self.object.actions.select_related("by"))
        context["step_forms"] = {k: f() for k, f in COMPLAINT_FORMS.items()}
        context["days_overdue"] = self.object.days_overdue()
        return context


class ComplaintStepView(ComplaintPageMixin, _PostView):
    steps = COMPLAINT_FORMS
    perm = services.HANDLE_COMPLAINT_PERM

    def perform(self, request, complaint, step):
        data = self.step_form(request, step)
        user = request.user
        if step == "acknowledge":
            services.complaint_acknowledge(actor=user, complaint=complaint, **data)
        elif step == "start":
            services.complaint_start(actor=user, complaint=complaint, **data)
        elif step == "act":
            services.complaint_add_action(actor=user, complaint=complaint, **data)
        elif step == "resolve":
            services.complaint_resolve(actor=user, complaint=complaint, **data)
        elif step == "close":
            services.complaint_close(actor=user, complaint=complaint, **data)
        elif step == "reopen":
            services.complaint_reopen(actor=user, complaint=complaint, **data)
        messages.success(request, _("Recorded."))


class ComplaintTimelineView(ComplaintPageMixin, ObjectTimelineView):
    pass


class ComplaintHistoryView(ComplaintPageMixin, ObjectHistoryView):
    pass

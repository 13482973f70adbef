"""Follow-up pages: the list, the form, the record with its attempts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
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
    form_errors,
)

from .. import forms, selectors, services
from ..filters import FollowUpFilterSet
from ..models import FollowUp
from ..tables import FollowUpTable
from .common import _FormPageMixin, _PostView, _tabs


class FollowUpListView(ObjectListView):
    model = FollowUp
    table_class = FollowUpTable
    filterset_class = FollowUpFilterSet
    empty_message = gettext_lazy(
        "No follow-ups — they are scheduled when a contract is delivered and before each "
        "policy anniversary."
    )
    add_label = gettext_lazy("Arrange a follow-up")

    def get_queryset(self):
        return selectors.follow_up_list(user=self.request.user)


class FollowUpCreateView(_FormPageMixin, ObjectPermissionMixin, generic.FormView):
    model = FollowUp
    action = "add"
    form_class = forms.FollowUpForm

    def get_initial(self):
        return {"policy": self.request.GET.get("policy")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            follow_up = services.follow_up_create(
                actor=self.request.user,
                policy=data["policy"],
                due_date=data["due_date"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Follow-up arranged."))
        return redirect(follow_up)


def follow_up_actions(user, follow_up):
    may = user.has_perm(services.FOLLOW_UP_PERM) and can(user, follow_up, "change")
    return {
        "attempt": may and follow_up.is_open,
        "cancel": may and follow_up.is_open,
        "change": False,
        "delete": False,
        "add": False,
    }


class FollowUpPageMixin(ObjectDetailMixin):
    model = FollowUp
    queryset = FollowUp.objects.select_related(
        "customer__owner",
        "customer__team",
        "policy__product",
        "policy__insurer",
        "assigned_to",
        "sales_task",
        "complaint",
    )

    def get_actions(self, obj=None):
        return follow_up_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return _tabs(obj, "followup")


class FollowUpDetailView(FollowUpPageMixin, ObjectDetailView):
    template_name = "aftersales/followup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attempts"] = list(self.object.attempt_log.select_related("by"))
        context["attempt_url"] = reverse("aftersales:followup_attempt", args=[self.object.pk])
        context["cancel_form"] = forms.CancelFollowUpForm()
        return context


class FollowUpAttemptView(FollowUpPageMixin, generic.detail.SingleObjectMixin, generic.FormView):
    """Record one call or visit of a follow-up."""

    template_name = "aftersales/followup_attempt.html"
    form_class = forms.AttemptForm
    action = "change"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(services.FOLLOW_UP_PERM):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            follow_up = services.follow_up_record_attempt(
                actor=self.request.user, follow_up=self.object, **data
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        if follow_up.status == FollowUp.Status.DONE:
            text = _("Follow-up done.")
            if follow_up.sales_task_id:
                text += " " + _("A task was created for the salesperson.")
            if follow_up.complaint_id:
                text += " " + _("A complaint was logged for the supervisor.")
        elif follow_up.status == FollowUp.Status.ESCALATED:
            text = _("Customer not reached; the follow-up is escalated to the supervisor.")
        else:
            text = _("Customer not reached; try again on %(date)s.") % {
                "date": follow_up.next_attempt_on.isoformat()
            }
        messages.success(self.request, text)
        return redirect(follow_up)


class FollowUpCancelView(FollowUpPageMixin, _PostView):
    perm = services.FOLLOW_UP_PERM

    def perform(self, request, follow_up):
        form = forms.CancelFollowUpForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.follow_up_cancel(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        messages.success(request, _("Follow-up cancelled."))


class FollowUpTimelineView(FollowUpPageMixin, ObjectTimelineView):
    pass


class FollowUpHistoryView(FollowUpPageMixin, ObjectHistoryView):
    pass

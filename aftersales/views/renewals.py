"""The renewal worklist and each renewal's page."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import can
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectTimelineView,
    form_errors,
)

from .. import forms, selectors, services
from ..filters import RenewalFilterSet
from ..models import Renewal
from ..tables import RenewalTable
from .common import _PostView, _tabs


class RenewalListView(ObjectListView):
    """The renewal worklist."""

    model = Renewal
    table_class = RenewalTable
    filterset_class = RenewalFilterSet
    empty_message = gettext_lazy(
        "No renewals on the worklist — the daily job adds premiums due and policies ending."
    )

    def get_queryset(self):
        return selectors.renewal_list(user=self.request.user)


class RenewalPageMixin(ObjectDetailMixin):
    model = Renewal
    queryset = Renewal.objects.select_related(
        "customer__owner", "customer__team", "policy__product", "policy__insurer", "recorded_by"
    )

    def get_actions(self, obj=None):
        user = self.request.user
        may = (
            user.has_perm("aftersales.change_renewal")
            and user.has_perm(services.RENEWAL_PERM)
            and can(user, obj, "change")
        )
        return {
            "change": False,
            "delete": False,
            "add": False,
            "record": may and bool(services.allowed_outcomes(obj)),
        }

    def get_tabs(self, obj):
        return _tabs(obj, "renewal")


class RenewalDetailView(RenewalPageMixin, ObjectDetailView):
    template_name = "aftersales/renewal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reminders"] = list(self.object.reminders.all())
        context["outcome_form"] = forms.RenewalOutcomeForm(
            outcomes=services.allowed_outcomes(self.object)
        )
        days_left = self.object.days_left()
        context["days_left"] = days_left
        pending = self.object.outcome == Renewal.Outcome.PENDING
        context["days_overdue"] = -days_left if pending and days_left < 0 else 0
        return context


class RenewalOutcomeView(RenewalPageMixin, _PostView):
    perm = services.RENEWAL_PERM

    def perform(self, request, renewal):
        form = forms.RenewalOutcomeForm(request.POST, outcomes=services.allowed_outcomes(renewal))
        if not form.is_valid():
            raise form_errors(form)
        services.renewal_record_outcome(actor=request.user, renewal=renewal, **form.cleaned_data)
        messages.success(request, _("Renewal outcome recorded."))


class RenewalTimelineView(RenewalPageMixin, ObjectTimelineView):
    pass


class RenewalHistoryView(RenewalPageMixin, ObjectHistoryView):
    pass

"""Customer visits and needs analyses."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
)
from customers.models import Customer

from .. import calculations as calc
from .. import filters, forms, services, tables
from ..models import NeedsAnalysis, Opportunity, Visit
from .common import FieldsDetailView

# --- visits ----------------------------------------------------------------------------------


VISIT_QS = Visit.objects.select_related("customer", "owner", "opportunity")


class VisitListView(ObjectListView):
    model = Visit
    queryset = VISIT_QS
    table_class = tables.VisitTable
    filterset_class = filters.VisitFilterSet
    template_name = "sales/visit_list.html"


class VisitAgendaView(ObjectPermissionMixin, generic.TemplateView):
    """Upcoming planned visits: mine, and my teams' (for supervisors and clerks)."""

    model = Visit
    template_name = "sales/visit_agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        end = start + timezone.timedelta(days=14)
        qs = (
            VISIT_QS.visible_to(user)
            .filter(status=Visit.Status.PLANNED, starts_at__gte=start, starts_at__lt=end)
            .select_related("owner__employee__team")
            .order_by("starts_at")
        )
        mine, team = [], []
        for visit in qs:
            (mine if visit.owner_id == user.pk else team).append(visit)
        days = {}
        for visit in mine:
            days.setdefault(timezone.localtime(visit.starts_at).date(), []).append(visit)
        context["my_days"] = sorted(days.items())
        context["team_visits"] = team
        context["until"] = (end - timezone.timedelta(days=1)).date()
        return context


class VisitDetailView(FieldsDetailView):
    model = Visit
    queryset = VISIT_QS
    detail_fields = (
        "customer",
        "opportunity",
        "kind",
        "status",
        "starts_at",
        "duration_minutes",
        "location",
        "participants",
        "purpose",
        "outcome",
        "next_step",
        "owner",
    )


class VisitEditView(ObjectEditView):
    model = Visit
    form_class = forms.VisitForm

    def get_initial(self):
        initial = super().get_initial()
        for name in ("customer", "opportunity"):
            value = self.request.GET.get(name)
            if value and value.isdigit():
                initial[name] = int(value)
        if self.request.GET.get("opportunity", "").isdigit():
            opp = (
                Opportunity.objects.visible_to(self.request.user)
                .filter(pk=int(self.request.GET["opportunity"]))
                .first()
            )
            if opp:
                initial["customer"] = opp.customer_id
        if self.action == "add":
            initial.setdefault("starts_at", timezone.localtime().replace(second=0, microsecond=0))
        return initial

    def save(self, form):
        visit = form.save(commit=False)
        reason = form.cleaned_data.get("change_reason")
        if reason:
            visit._change_reason = reason
        return services.visit_save(actor=self.request.user, visit=visit)


class VisitHistoryView(ObjectHistoryView):
    model = Visit


# --- needs analysis ----------------------------------------------------------------------------


class NeedsAnalysisListView(ObjectListView):
    model = NeedsAnalysis
    queryset = NeedsAnalysis.objects.select_related("customer", "prepared_by")
    table_class = tables.NeedsAnalysisTable
    filterset_class = filters.NeedsAnalysisFilterSet

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_label"] = _("New needs analysis")
        return context


def needs_working(analysis):
    """The working of an analysis, as lines for the page and the PDF."""
    life = calc.life_gap(
        support_years=analysis.support_years,
        annual_expenses=analysis.annual_expenses,
        liabilities=analysis.liabilities,
        liquid_assets=analysis.liquid_assets,
        existing_life_cover=analysis.existing_life_cover,
    )
    ci = calc.ci_gap(
        multiple=analysis.ci_multiple,
        annual_income=analysis.annual_income,
        existing_ci_cover=analysis.existing_ci_cover,
    )
    return {"life": life, "ci": ci}


class NeedsAnalysisDetailView(ObjectDetailView):
    model = NeedsAnalysis
    queryset = NeedsAnalysis.objects.select_related("customer", "prepared_by")
    template_name = "sales/needsanalysis.html"

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        actions["change"] = False  # versions are never edited: a new version is recorded
        return actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["working"] = needs_working(self.object)
        context["versions"] = NeedsAnalysis.objects.filter(customer=self.object.customer).order_by(
            "-version"
        )
        context["can_add"] = self.request.user.has_perm("sales.add_needsanalysis")
        return context


class NeedsAnalysisCreateView(ObjectEditView):
    """A new version: the form starts from the customer's latest analysis."""

    model = NeedsAnalysis
    form_class = forms.NeedsAnalysisForm

    def get_initial(self):
        initial = super().get_initial()
        customer = self.request.GET.get("customer")
        if customer and customer.isdigit():
            found = Customer.objects.visible_to(self.request.user).filter(pk=int(customer)).first()
            if found:
                latest = services.latest_needs_analysis(found)
                if latest:
                    for name in forms.NeedsAnalysisForm.Meta.fields:
                        initial[name] = getattr(latest, name)
                initial["customer"] = found.pk
                initial["analysed_on"] = timezone.localdate()
        return initial

    def save(self, form):
        analysis = form.save(commit=False)
        return services.needs_analysis_create(actor=self.request.user, analysis=analysis)


class NeedsAnalysisHistoryView(ObjectHistoryView):
    model = NeedsAnalysis

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import exports, params
from core.permissions import can
from core.services import access_log
from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectTimelineView,
    get_visible_or_404,
)
from customers.models import Customer

from . import calculations as calc
from . import filters, forms, rules, services, tables
from .models import (
    Campaign,
    CompetitorComparison,
    Insurer,
    MarketNote,
    NeedsAnalysis,
    Opportunity,
    Product,
    Proposal,
    SalesTarget,
    SalesTask,
    TeamMeeting,
    TeamPlan,
    Visit,
)

Stage = Opportunity.Stage


def _errors(request, exc):
    for message in exc.messages:
        messages.error(request, message)


class FieldsDetailView(ObjectDetailView):
    """A plain overview: the fields in ``detail_fields``, money formatted."""

    template_name = "sales/detail.html"
    detail_fields = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = detail_rows(self.object, self.detail_fields)
        return context


def detail_rows(obj, names):
    """[(label, display value, is_money)] for an overview list."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    from core.templatetags.core_tags import field_value

    rows = []
    for name in names:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            value = getattr(obj, name)
            rows.append((PROPERTY_LABELS.get(name, name), value, isinstance(value, Decimal)))
            continue
        is_money = isinstance(field, models.DecimalField) and field.decimal_places == 2
        value = getattr(obj, name) if is_money else field_value(obj, name)
        rows.append((field.verbose_name, value, is_money))
    return rows


PROPERTY_LABELS = {"premium_difference": gettext_lazy("premium difference (ours − theirs)")}


# --- insurers and products -------------------------------------------------------------------


class InsurerListView(ObjectListView):
    model = Insurer
    queryset = Insurer.objects.annotate(product_count=Count("products")).order_by("code")
    table_class = tables.InsurerTable
    filterset_class = filters.InsurerFilterSet


class InsurerDetailView(FieldsDetailView):
    model = Insurer
    template_name = "sales/insurer.html"
    detail_fields = (
        "code",
        "contact_name",
        "contact_phone",
        "contact_email",
        "underwriting_contact",
        "claims_contact",
        "active",
        "notes",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = self.object.products.all()
        return context


class InsurerEditView(ObjectEditView):
    model = Insurer
    form_class = forms.InsurerForm


class InsurerHistoryView(ObjectHistoryView):
    model = Insurer


class ProductListView(ObjectListView):
    model = Product
    queryset = Product.objects.select_related("insurer")
    table_class = tables.ProductTable
    filterset_class = filters.ProductFilterSet


class ProductDetailView(FieldsDetailView):
    model = Product
    queryset = Product.objects.select_related("insurer")
    template_name = "sales/product.html"
    detail_fields = (
        "insurer",
        "code",
        "category",
        "investment_type",
        "term_options",
        "payment_periods",
        "min_age",
        "max_age",
        "min_sum_insured",
        "max_sum_insured",
        "commission_rate",
        "active",
        "description",
    )


class ProductEditView(ObjectEditView):
    model = Product
    form_class = forms.ProductForm


class ProductHistoryView(ObjectHistoryView):
    model = Product


class ProductBrochureView(ObjectPermissionMixin, generic.View):
    """Download a product brochure (logged like every file read)."""

    model = Product

    def get(self, request, pk):
        product = get_visible_or_404(Product, request.user, pk)
        if not product.brochure:
            raise Http404
        access_log(user=request.user, obj=product, request=request, action="download")
        return FileResponse(product.brochure.open("rb"), as_attachment=True)


# --- campaigns -------------------------------------------------------------------------------


class CampaignListView(ObjectListView):
    model = Campaign
    queryset = Campaign.objects.select_related("team").annotate(
        lead_count=Count("opportunities"),
        won_count=Count("opportunities", filter=Q(opportunities__stage="won")),
    )
    table_class = tables.CampaignTable
    filterset_class = filters.CampaignFilterSet


class CampaignDetailView(FieldsDetailView):
    model = Campaign
    queryset = Campaign.objects.select_related("team", "owner")
    template_name = "sales/campaign.html"
    detail_fields = ("channel", "start_date", "end_date", "budget", "team", "owner", "description")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        all_leads = self.object.opportunities.all()
        stats = all_leads.aggregate(
            leads=Count("pk"),
            won=Count("pk", filter=Q(stage="won")),
            lost=Count("pk", filter=Q(stage="lost")),
            won_premium=Sum("expected_premium", filter=Q(stage="won")),
        )
        closed = stats["won"] + stats["lost"]
        stats["conversion"] = (
            (Decimal(stats["won"]) / Decimal(closed)).quantize(Decimal("0.001")) if closed else None
        )
        stats["lead_conversion"] = (
            (Decimal(stats["won"]) / Decimal(stats["leads"])).quantize(Decimal("0.001"))
            if stats["leads"]
            else None
        )
        budget = self.object.budget
        stats["cost_per_lead"] = calc.to_money(budget / stats["leads"]) if stats["leads"] else None
        context["stats"] = stats
        context["leads"] = (
            Opportunity.objects.visible_to(self.request.user)
            .filter(campaign=self.object)
            .select_related("customer", "owner")[:100]
        )
        return context


class CampaignEditView(ObjectEditView):
    model = Campaign
    form_class = forms.CampaignForm
    creator_field = "owner"


class CampaignHistoryView(ObjectHistoryView):
    model = Campaign


# --- opportunities -------------------------------------------------------------------------


OPPORTUNITY_QS = Opportunity.objects.select_related("customer", "owner", "team", "campaign")


class OpportunityListView(ObjectListView):
    model = Opportunity
    queryset = OPPORTUNITY_QS
    table_class = tables.OpportunityTable
    filterset_class = filters.OpportunityFilterSet
    template_name = "sales/opportunity_list.html"


class OpportunityBoardView(ObjectPermissionMixin, generic.TemplateView):
    """The pipeline by stage; each card moves on through the transition service."""

    model = Opportunity
    template_name = "sales/opportunity_board.html"

    def board(self, *, mine=False, team=None):
        """The board's columns: one query whatever the number of cards."""
        user = self.request.user
        recent = timezone.now() - timezone.timedelta(days=30)
        qs = (
            OPPORTUNITY_QS.visible_to(user)
            .filter(
                ~Q(stage__in=[Stage.WON, Stage.LOST])
                | Q(stage__in=[Stage.WON, Stage.LOST], stage_changed_at__gte=recent)
            )
            .order_by("next_action_date", "-last_action_at", "pk")
        )
        if mine:
            qs = qs.filter(owner=user)
        if team and str(team).isdigit():
            qs = qs.filter(team_id=int(team))
        columns = {stage: [] for stage in Stage.values}
        stalled_before = services.stalled_since()
        can_change = user.has_perm("sales.change_opportunity")
        for opportunity in qs:
            opportunity.stalled = (
                opportunity.is_open and opportunity.last_action_at < stalled_before
            )
            opportunity.next = services.next_stage(opportunity.stage) if can_change else None
            columns[opportunity.stage].append(opportunity)
        labels = dict(Stage.choices)
        return [
            {
                "stage": stage,
                "label": labels[stage],
                "cards": cards,
                "total": calc.total(o.expected_premium for o in cards),
                "next_label": labels.get(services.next_stage(stage) or "", ""),
            }
            for stage, cards in columns.items()
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = bool(self.request.GET.get("mine"))
        context["columns"] = self.board(mine=mine, team=self.request.GET.get("team"))
        context["stalled_days"] = params.get(rules.STALLED_DAYS)
        context["mine"] = mine
        return context

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return ["sales/opportunity_board.html#board"]
        return [self.template_name]


class OpportunityDetailView(ObjectDetailView):
    model = Opportunity
    queryset = OPPORTUNITY_QS
    template_name = "sales/opportunity.html"

    def get_tabs(self, obj):
        tabs = super().get_tabs(obj)
        return tabs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        labels = dict(Stage.choices)
        context["transitions"] = (
            [(s, labels[s]) for s in services.TRANSITIONS[obj.stage] if s != Stage.LOST]
            if context["actions"]["change"]
            else []
        )
        context["can_lose"] = (
            context["actions"]["change"] and Stage.LOST in services.TRANSITIONS[obj.stage]
        )
        context["visits"] = (
            Visit.objects.visible_to(user).filter(opportunity=obj).select_related("owner")[:50]
        )
        context["proposals"] = (
            Proposal.objects.visible_to(user)
            .filter(opportunity=obj)
            .select_related("prepared_by", "reviewed_by")
            .order_by("-version")
        )
        context["can_propose"] = user.has_perm("sales.add_proposal") and obj.stage in (
            Stage.NEEDS_ANALYSED,
            Stage.PROPOSAL,
        )
        context["stalled"] = obj.is_stalled(params.get(rules.STALLED_DAYS))
        context["latest_analysis"] = services.latest_needs_analysis(obj.customer)
        return context


class OpportunityEditView(ObjectEditView):
    model = Opportunity
    form_class = forms.OpportunityForm

    def get_initial(self):
        initial = super().get_initial()
        customer = self.request.GET.get("customer")
        if customer and customer.isdigit():
            initial["customer"] = int(customer)
        return initial

    def save(self, form):
        data = dict(form.cleaned_data)
        data.pop("change_reason", None)
        if self.action == "add":
            customer = data.pop("customer")
            return services.opportunity_create(actor=self.request.user, customer=customer, **data)
        data.pop("customer", None)
        reason = form.cleaned_data.get("change_reason")
        if reason:
            self.object._change_reason = reason
        return services.opportunity_update(actor=self.request.user, opportunity=self.object, **data)


class OpportunityHistoryView(ObjectHistoryView):
    model = Opportunity


class OpportunityTimelineView(ObjectTimelineView):
    model = Opportunity


class OpportunityTransitionView(ObjectPermissionMixin, generic.View):
    """POST: move the opportunity to another stage through opportunity_transition."""

    model = Opportunity
    action = "change"

    def post(self, request, pk):
        opportunity = get_visible_or_404(Opportunity, request.user, pk, "change")
        form = forms.TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a stage."))
        else:
            try:
                services.opportunity_transition(
                    opportunity=opportunity,
                    to=form.cleaned_data["to"],
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Stage changed."))
            except ValidationError as exc:
                _errors(request, exc)
        if request.POST.get("from") == "board":
            if getattr(request, "htmx", False):
                view = OpportunityBoardView()
                view.setup(request)
                mine = bool(request.POST.get("mine"))
                return render(
                    request,
                    "sales/opportunity_board.html#board",
                    {
                        "columns": view.board(mine=mine),
                        "mine": mine,
                        "board_only": True,
                    },
                )
            return redirect("sales:opportunity_board")
        return redirect(opportunity)


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


# --- proposals -------------------------------------------------------------------------------


PROPOSAL_QS = Proposal.objects.select_related(
    "opportunity__customer", "opportunity__team", "prepared_by", "reviewed_by", "needs_analysis"
)


def _total_premium():
    return Coalesce(
        Sum("lines__annual_premium"),
        Value(Decimal("0")),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


class ProposalListView(ObjectListView):
    model = Proposal
    queryset = Proposal.objects.select_related(
        "opportunity__customer", "prepared_by", "reviewed_by"
    ).annotate(
        total_premium=Subquery(
            Proposal.objects.filter(pk=OuterRef("pk")).annotate(t=_total_premium()).values("t")[:1]
        )
    )
    table_class = tables.ProposalTable
    filterset_class = filters.ProposalFilterSet


class ProposalDetailView(ObjectDetailView):
    model = Proposal
    queryset = PROPOSAL_QS
    template_name = "sales/proposal.html"

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        actions["change"] = actions["change"] and obj.is_editable
        return actions

    def get_tabs(self, obj):
        tabs = super().get_tabs(obj)
        return tabs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        may_change = user.has_perm("sales.change_proposal") and can(user, obj, "change")
        lines = list(obj.lines.select_related("product__insurer", "insured_member"))
        total, ratio = services.proposal_totals(obj, lines)
        live = obj.status in (
            Proposal.Status.DRAFT,
            Proposal.Status.RETURNED,
            Proposal.Status.SUBMITTED,
        )
        context.update(
            {
                "lines": lines,
                "total": total,
                "ratio": ratio,
                "checklist": (
                    [c.as_dict() for c in services.proposal_checklist(obj)]
                    if live
                    else obj.checklist
                ),
                "checklist_live": live,
                "can_submit": may_change and obj.is_editable,
                "can_review": obj.status == Proposal.Status.SUBMITTED
                and services.can_review(user, obj),
                "can_decide": may_change and obj.status == Proposal.Status.APPROVED,
                "can_revise": may_change
                and Proposal.Status.REVISED in services.PROPOSAL_TRANSITIONS[obj.status],
                "review_form": forms.ReviewForm(),
                "decision_form": forms.DecisionForm(),
                "revise_form": forms.ReviseForm(),
                "versions": Proposal.objects.filter(opportunity=obj.opportunity)
                .select_related("reviewed_by")
                .order_by("-version"),
                "ceiling": params.get(rules.PREMIUM_INCOME_CEILING),
                "status_colour": tables.PROPOSAL_COLOURS.get(obj.status, "secondary"),
            }
        )
        return context


class ProposalEditView(ObjectEditView):
    """Draft or edit a proposal with its cover lines (one formset); add from an opportunity."""

    model = Proposal
    form_class = forms.ProposalForm
    template_name = "sales/proposal_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = "change" if "pk" in kwargs else "add"
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.get_required_permission()):
            raise PermissionDenied
        if self.action == "add":
            self.opportunity = get_visible_or_404(
                Opportunity, request.user, kwargs["opportunity"], "change"
            )
        return super(ObjectEditView, self).dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if self.action == "add":
            return Proposal(opportunity=self.opportunity)
        obj = super().get_object(queryset)
        if not obj.is_editable:
            raise PermissionDenied
        return obj

    def get_formset(self):
        customer = self.object.opportunity.customer
        data = self.request.POST if self.request.method == "POST" else None
        return forms.ProposalLineFormSet(
            data, instance=self.object, customer=customer, prefix="lines"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["opportunity"] = self.object.opportunity
        context["analysis"] = services.latest_needs_analysis(self.object.opportunity.customer)
        if self.action == "add":
            context["cancel_url"] = self.object.opportunity.get_absolute_url()
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        formset = self.get_formset()
        if form.is_valid() and formset.is_valid():
            lines = [
                {k: v for k, v in f.cleaned_data.items() if k not in ("DELETE", "id", "proposal")}
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                with transaction.atomic():
                    if self.action == "add":
                        proposal = services.proposal_create(
                            actor=request.user,
                            opportunity=self.opportunity,
                            title=form.cleaned_data["title"],
                            notes=form.cleaned_data["notes"],
                        )
                    else:
                        proposal = self.object
                    services.proposal_update(
                        actor=request.user,
                        proposal=proposal,
                        lines=lines,
                        title=form.cleaned_data["title"],
                        notes=form.cleaned_data["notes"],
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("%(name)s saved.") % {"name": proposal})
                return HttpResponseRedirect(proposal.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class ProposalHistoryView(ObjectHistoryView):
    model = Proposal


class ProposalTimelineView(ObjectTimelineView):
    model = Proposal


class ProposalActionView(ObjectPermissionMixin, generic.View):
    """POST-only workflow steps on a proposal: submit, review, decide, revise."""

    model = Proposal
    step = None

    def get_required_permission(self):
        return "sales.review_proposal" if self.step == "review" else "sales.change_proposal"

    def post(self, request, pk):
        proposal = get_visible_or_404(Proposal, request.user, pk)
        target = proposal
        try:
            if self.step == "submit":
                services.proposal_submit(actor=request.user, proposal=proposal)
                messages.success(request, _("Submitted for compliance review."))
            elif self.step == "review":
                form = forms.ReviewForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose approve or return."))
                data = form.cleaned_data
                services.proposal_review(
                    actor=request.user,
                    proposal=proposal,
                    approve=data["decision"] == "approve",
                    compliant=data["compliant"],
                    reasonable=data["reasonable"],
                    feasible=data["feasible"],
                    comment=data["comment"],
                )
                messages.success(request, _("Review recorded."))
            elif self.step == "decide":
                form = forms.DecisionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose the customer's decision."))
                services.proposal_decide(
                    actor=request.user,
                    proposal=proposal,
                    accepted=form.cleaned_data["decision"] == "accept",
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("Customer decision recorded."))
            elif self.step == "revise":
                form = forms.ReviseForm(request.POST)
                form.is_valid()
                target = services.proposal_revise(
                    actor=request.user,
                    proposal=proposal,
                    reason=form.cleaned_data.get("reason", ""),
                )
                messages.success(request, _("New version created; edit it and submit again."))
                return redirect("sales:proposal_edit", target.pk)
        except ValidationError as exc:
            _errors(request, exc)
        return redirect(target)


class ProposalPdfView(ObjectPermissionMixin, generic.View):
    """The proposal for the customer, in Chinese: header, cover table, premiums, needs."""

    model = Proposal

    def get(self, request, pk):
        proposal = get_visible_or_404(Proposal, request.user, pk)
        proposal = PROPOSAL_QS.get(pk=proposal.pk)
        lines = list(proposal.lines.select_related("product__insurer", "insured_member"))
        total, ratio = services.proposal_totals(proposal, lines)
        analysis = proposal.needs_analysis
        context = {
            "proposal": proposal,
            "customer": proposal.opportunity.customer,
            "lines": lines,
            "total": total,
            "ratio": ratio,
            "analysis": analysis,
            "working": needs_working(analysis) if analysis else None,
        }
        title = _("Insurance proposal — %(name)s (version %(version)s)") % {
            "name": proposal.opportunity.customer.name,
            "version": proposal.version,
        }
        return exports.pdf_response(
            request,
            template_name="sales/pdf/proposal.html",
            context=context,
            filename=f"proposal-{proposal.pk}-v{proposal.version}.pdf",
            what=title,
            row_count=len(lines),
        )


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
        from core.periods import PeriodKind, period_containing

        context = super().get_context_data(**kwargs)
        target = self.object
        start, end = period_containing(PeriodKind.MONTH, target.month).bounds()
        opps = Opportunity.objects.filter(
            team=target.team, stage="won", stage_changed_at__gte=start, stage_changed_at__lt=end
        )
        visits = Visit.objects.filter(
            customer__team=target.team, status="done", starts_at__gte=start, starts_at__lt=end
        )
        if target.user_id:
            opps = opps.filter(owner=target.user)
            visits = visits.filter(owner=target.user)
        won = opps.aggregate(n=Count("pk"), premium=Sum("expected_premium"))
        context["actual"] = {
            "premium": won["premium"] or Decimal("0"),
            "new_policies": won["n"],
            "visits": visits.count(),
        }
        return context


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
        context["action_form"] = forms.ActionItemForm(team=self.object.team)
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
        form = forms.ActionItemForm(request.POST, team=meeting.team)
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


# --- market research --------------------------------------------------------------------------


class MarketNoteListView(ObjectListView):
    model = MarketNote
    table_class = tables.MarketNoteTable
    filterset_class = filters.MarketNoteFilterSet


class MarketNoteDetailView(FieldsDetailView):
    model = MarketNote
    queryset = MarketNote.objects.select_related("author")
    detail_fields = (
        "noted_on",
        "competitor",
        "product_name",
        "pricing",
        "source",
        "tags",
        "author",
        "content",
    )


class MarketNoteEditView(ObjectEditView):
    model = MarketNote
    form_class = forms.MarketNoteForm
    creator_field = "author"


class MarketNoteDeleteView(ObjectDeleteView):
    model = MarketNote


class MarketNoteHistoryView(ObjectHistoryView):
    model = MarketNote


class CompetitorComparisonListView(ObjectListView):
    model = CompetitorComparison
    queryset = CompetitorComparison.objects.select_related("our_product")
    table_class = tables.CompetitorComparisonTable
    filterset_class = filters.CompetitorComparisonFilterSet


class CompetitorComparisonDetailView(FieldsDetailView):
    model = CompetitorComparison
    queryset = CompetitorComparison.objects.select_related("our_product__insurer", "author")
    detail_fields = (
        "our_product",
        "competitor",
        "competitor_product",
        "sum_insured",
        "our_premium",
        "competitor_premium",
        "premium_difference",
        "strengths",
        "weaknesses",
        "author",
    )


class CompetitorComparisonEditView(MarketNoteEditView):
    model = CompetitorComparison
    form_class = forms.CompetitorComparisonForm


class CompetitorComparisonHistoryView(ObjectHistoryView):
    model = CompetitorComparison

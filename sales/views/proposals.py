"""Proposals: editing, compliance review actions and the PDF."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic

from core import exports, params
from core.permissions import can
from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectTimelineView,
    get_visible_or_404,
)

from .. import filters, forms, rules, services, tables
from ..models import Opportunity, Proposal
from .common import _errors
from .visits import needs_working

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

"""Opportunities: the list, the pipeline board, the detail page and stage transitions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from core import params
from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectTimelineView,
    get_visible_or_404,
)

from .. import calculations as calc
from .. import filters, forms, rules, services, tables
from ..models import Opportunity, Proposal, Visit
from .common import Stage, _errors

# --- opportunities -------------------------------------------------------------------------


OPPORTUNITY_QS = Opportunity.objects.select_related("customer", "owner", "team", "campaign")


class OpportunityListView(ObjectListView):
    model = Opportunity
    queryset = OPPORTUNITY_QS
    table_class = tables.OpportunityTable
    filterset_class = filters.OpportunityFilterSet
    template_name = "sales/opportunity_list.html"


def _board_card(opportunity, *, labels, can_change, stalled_before, today):
    """Mark an opportunity for its card: stalled, overdue, and the stages it may move to."""
    opportunity.stalled = opportunity.is_open and opportunity.last_action_at < stalled_before
    opportunity.overdue = opportunity.is_action_overdue(today)
    opportunity.targets = (
        [(to, labels[to]) for to in services.TRANSITIONS[opportunity.stage]] if can_change else []
    )
    return opportunity


class OpportunityBoardView(ObjectPermissionMixin, generic.TemplateView):
    """The pipeline by stage; a card moves by drag and drop or its "move to" menu, both
    through the transition service (OpportunityMoveView)."""

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
        labels = dict(Stage.choices)
        mark = {
            "labels": labels,
            "can_change": user.has_perm("sales.change_opportunity"),
            "stalled_before": services.stalled_since(),
            "today": timezone.localdate(),
        }
        for opportunity in qs:
            columns[opportunity.stage].append(_board_card(opportunity, **mark))
        return [
            {
                "stage": stage,
                "label": labels[stage],
                "cards": cards,
                "total": calc.total(o.expected_premium for o in cards),
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
        context["stage_steps"] = services.stage_steps(obj)
        choices = services.transition_choices(obj) if context["actions"]["change"] else []
        position = {stage: i for i, stage in enumerate(services.PIPELINE)}
        context["transitions"] = [
            (to, label, reasons, position[to] < position[obj.stage])
            for to, label, reasons in choices
            if to != Stage.LOST
        ]
        context["can_lose"] = any(c[0] == Stage.LOST for c in choices)
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


class OpportunityMoveView(ObjectPermissionMixin, generic.View):
    """POST (the board's drag and drop and "move to" menu): move the card's opportunity to
    another stage through opportunity_transition; answers JSON.

    200 {"ok": true, "stage", "label", "message", "card": the card's new HTML};
    otherwise {"ok": false, "errors": [reasons]} with 400 (a step is missing or the move is
    not allowed) or 403 (the user may not change this record). Rows the user cannot see are
    a 404."""

    model = Opportunity
    action = "view"  # the service decides whether the user may change this very record

    def post(self, request, pk):
        opportunity = get_visible_or_404(Opportunity, request.user, pk)
        to = request.POST.get("to", "")
        reason = request.POST.get("reason", "")[:300]
        try:
            opportunity = services.opportunity_transition(
                opportunity=opportunity, to=to, actor=request.user, reason=reason
            )
        except PermissionDenied as exc:
            message = str(exc) or _("You may not change this record.")
            return JsonResponse({"ok": False, "errors": [message]}, status=403)
        except ValidationError as exc:
            return JsonResponse({"ok": False, "errors": exc.messages}, status=400)
        opportunity = OPPORTUNITY_QS.get(pk=opportunity.pk)
        labels = dict(Stage.choices)
        card = _board_card(
            opportunity,
            labels=labels,
            can_change=request.user.has_perm("sales.change_opportunity"),
            stalled_before=services.stalled_since(),
            today=timezone.localdate(),
        )
        html = render_to_string("sales/opportunity_board.html#card", {"o": card}, request=request)
        return JsonResponse(
            {
                "ok": True,
                "stage": opportunity.stage,
                "label": labels[opportunity.stage],
                "message": _("%(name)s moved to “%(stage)s”.")
                % {"name": opportunity.customer.name, "stage": labels[opportunity.stage]},
                "card": html,
            }
        )

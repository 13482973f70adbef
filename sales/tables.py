import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn, MoneyColumn

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

STAGE_COLOURS = {
    "new": "secondary",
    "contacted": "info",
    "meeting": "info",
    "needs_analysed": "primary",
    "proposal": "primary",
    "application": "warning",
    "won": "success",
    "lost": "dark",
}
PROPOSAL_COLOURS = {
    "draft": "secondary",
    "submitted": "warning",
    "approved": "success",
    "returned": "danger",
    "accepted": "success",
    "rejected": "dark",
    "revised": "light",
}
VISIT_COLOURS = {"planned": "info", "done": "success", "cancelled": "secondary"}
TASK_COLOURS = {"open": "warning", "done": "success", "cancelled": "secondary"}


class InsurerTable(BaseTable):
    name = tables.Column(accessor="localized_name", order_by=("name",), linkify=True)
    product_count = tables.Column(verbose_name=_("products"))

    class Meta(BaseTable.Meta):
        model = Insurer
        fields = ("code", "name", "contact_name", "contact_phone", "product_count", "active")


class ProductTable(BaseTable):
    name = tables.Column(accessor="localized_name", order_by=("name",), linkify=True)
    insurer = tables.Column(
        accessor="insurer__localized_name", order_by=("insurer__name",), verbose_name=_("insurer")
    )
    min_sum_insured = MoneyColumn()
    max_sum_insured = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = Product
        fields = (
            "code",
            "name",
            "insurer",
            "category",
            "min_age",
            "max_age",
            "min_sum_insured",
            "max_sum_insured",
            "commission_rate",
            "active",
        )


class CampaignTable(BaseTable):
    name = tables.Column(linkify=True)
    budget = MoneyColumn()
    lead_count = tables.Column(verbose_name=_("leads"))
    won_count = tables.Column(verbose_name=_("won"))

    class Meta(BaseTable.Meta):
        model = Campaign
        fields = (
            "name",
            "channel",
            "start_date",
            "end_date",
            "team",
            "budget",
            "lead_count",
            "won_count",
        )


class OpportunityTable(BaseTable):
    customer = tables.Column(
        accessor="customer__name",
        verbose_name=_("customer"),
        linkify=lambda record: record.get_absolute_url(),
    )
    stage = ChoiceBadgeColumn(STAGE_COLOURS)
    expected_premium = MoneyColumn()
    owner = tables.Column(accessor="owner__full_name", verbose_name=_("salesperson"))
    team = tables.Column(accessor="team", order_by=("team__name",), verbose_name=_("team"))
    campaign = tables.Column(accessor="campaign__name", verbose_name=_("campaign"))
    last_action_at = DateTimeColumn()

    card_facts = ("customer", "stage", "next_action", "next_action_date")

    class Meta(BaseTable.Meta):
        model = Opportunity
        fields = (
            "customer",
            "need",
            "stage",
            "channel",
            "campaign",
            "expected_premium",
            "next_action",
            "next_action_date",
            "last_action_at",
            "owner",
            "team",
        )


class VisitTable(BaseTable):
    starts_at = DateTimeColumn(linkify=True)
    customer = tables.Column(accessor="customer__name", verbose_name=_("customer"))
    status = ChoiceBadgeColumn(VISIT_COLOURS)
    owner = tables.Column(accessor="owner__full_name", verbose_name=_("salesperson"))

    card_facts = ("starts_at", "customer", "status", "next_step")

    class Meta(BaseTable.Meta):
        model = Visit
        fields = (
            "starts_at",
            "customer",
            "kind",
            "status",
            "duration_minutes",
            "purpose",
            "next_step",
            "owner",
        )


class NeedsAnalysisTable(BaseTable):
    customer = tables.Column(
        accessor="customer__name",
        verbose_name=_("customer"),
        linkify=lambda record: record.get_absolute_url(),
    )
    annual_income = MoneyColumn()
    life_gap = MoneyColumn()
    ci_gap = MoneyColumn()
    premium_budget = MoneyColumn()
    prepared_by = tables.Column(accessor="prepared_by__full_name", verbose_name=_("prepared by"))

    class Meta(BaseTable.Meta):
        model = NeedsAnalysis
        fields = (
            "customer",
            "version",
            "analysed_on",
            "annual_income",
            "risk_level",
            "life_gap",
            "ci_gap",
            "premium_budget",
            "prepared_by",
        )


class ProposalTable(BaseTable):
    customer = tables.Column(
        accessor="opportunity__customer__name",
        verbose_name=_("customer"),
        linkify=lambda record: record.get_absolute_url(),
    )
    need = tables.Column(accessor="opportunity__need", verbose_name=_("need"))
    status = ChoiceBadgeColumn(PROPOSAL_COLOURS)
    total_premium = MoneyColumn(verbose_name=_("annual premium"))
    prepared_by = tables.Column(accessor="prepared_by__full_name", verbose_name=_("prepared by"))
    reviewed_by = tables.Column(accessor="reviewed_by__full_name", verbose_name=_("reviewed by"))
    submitted_at = DateTimeColumn()

    class Meta(BaseTable.Meta):
        model = Proposal
        fields = (
            "customer",
            "need",
            "version",
            "status",
            "total_premium",
            "prepared_by",
            "submitted_at",
            "reviewed_by",
        )

    def render_need(self, record):
        return record.opportunity.get_need_display()


class SalesTargetTable(BaseTable):
    month = tables.DateColumn(format="Y-m", linkify=True)
    team = tables.Column(accessor="team", order_by=("team__name",), verbose_name=_("team"))
    user = tables.Column(accessor="user__full_name", verbose_name=_("salesperson"), default="—")
    premium = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = SalesTarget
        fields = ("month", "team", "user", "premium", "new_policies", "visits")


class TeamPlanTable(BaseTable):
    title = tables.Column(linkify=True)
    team = tables.Column(accessor="team", order_by=("team__name",), verbose_name=_("team"))

    class Meta(BaseTable.Meta):
        model = TeamPlan
        fields = ("title", "team", "period_start", "period_end")


class TeamMeetingTable(BaseTable):
    date = tables.DateColumn(format="Y-m-d", linkify=True)
    team = tables.Column(accessor="team", order_by=("team__name",), verbose_name=_("team"))
    chaired_by = tables.Column(accessor="chaired_by__full_name", verbose_name=_("chaired by"))

    class Meta(BaseTable.Meta):
        model = TeamMeeting
        fields = ("date", "team", "chaired_by", "agenda")


class SalesTaskTable(BaseTable):
    title = tables.Column(linkify=True)
    status = ChoiceBadgeColumn(TASK_COLOURS)
    assignee = tables.Column(accessor="assignee__full_name", verbose_name=_("assigned to"))
    assigned_by = tables.Column(accessor="assigned_by__full_name", verbose_name=_("assigned by"))
    team = tables.Column(accessor="team", order_by=("team__name",), verbose_name=_("team"))

    card_facts = ("title", "status", "due_date")

    class Meta(BaseTable.Meta):
        model = SalesTask
        fields = ("title", "due_date", "status", "assignee", "assigned_by", "team")


class MarketNoteTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = MarketNote
        fields = ("noted_on", "title", "competitor", "product_name", "pricing", "source", "tags")


class CompetitorComparisonTable(BaseTable):
    title = tables.Column(linkify=True)
    our_product = tables.Column(accessor="our_product__name", verbose_name=_("our product"))
    our_premium = MoneyColumn()
    competitor_premium = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = CompetitorComparison
        fields = (
            "title",
            "our_product",
            "competitor",
            "competitor_product",
            "our_premium",
            "competitor_premium",
        )

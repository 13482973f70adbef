import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from core.permissions import get_profile

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

_YES = [("1", _("Yes"))]


class MineFilterMixin(django_filters.FilterSet):
    """``mine=1``: only the signed-in user's own rows (``mine_field``)."""

    mine_field = "owner"
    mine = django_filters.ChoiceFilter(label=_("Only mine"), choices=_YES, method="only_mine")

    def only_mine(self, queryset, name, value):
        if value and self.request is not None:
            return queryset.filter(**{self.mine_field: self.request.user})
        return queryset


class InsurerFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "contact_name")

    class Meta:
        model = Insurer
        fields = ["q", "active"]


class ProductFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "insurer__name")

    class Meta:
        model = Product
        fields = ["q", "insurer", "category", "active"]


class CampaignFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = Campaign
        fields = ["q", "channel", "team"]


class OpportunityFilterSet(MineFilterMixin, BaseFilterSet):
    search_fields = ("customer__name_key", "next_action", "notes")
    stalled = django_filters.ChoiceFilter(label=_("Stalled"), choices=_YES, method="only_stalled")

    class Meta:
        model = Opportunity
        fields = ["q", "stage", "need", "channel", "campaign", "team", "stalled", "mine"]

    def only_stalled(self, queryset, name, value):
        from .services import stalled_since

        if value:
            return queryset.exclude(stage__in=["won", "lost"]).filter(
                last_action_at__lt=stalled_since()
            )
        return queryset


class VisitFilterSet(MineFilterMixin, BaseFilterSet):
    search_fields = ("customer__name_key", "purpose", "outcome", "participants")
    date_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("From")
    )
    date_to = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("To")
    )

    class Meta:
        model = Visit
        fields = ["q", "kind", "status", "date_from", "date_to", "mine"]


class NeedsAnalysisFilterSet(BaseFilterSet):
    search_fields = ("customer__name_key",)

    class Meta:
        model = NeedsAnalysis
        fields = ["q", "risk_level"]


class ProposalFilterSet(BaseFilterSet):
    search_fields = ("opportunity__customer__name_key", "title")
    mine = django_filters.ChoiceFilter(label=_("Prepared by me"), choices=_YES, method="only_mine")
    review = django_filters.ChoiceFilter(
        label=_("Mine to review"), choices=[("mine", _("Yes"))], method="to_review"
    )

    class Meta:
        model = Proposal
        fields = ["q", "status", "mine", "review"]

    def only_mine(self, queryset, name, value):
        return queryset.filter(prepared_by=self.request.user) if value else queryset

    def to_review(self, queryset, name, value):
        if not value:
            return queryset
        user = self.request.user
        teams = sorted(get_profile(user).team_ids)
        return queryset.filter(
            Q(opportunity__team__clerks=user) | Q(opportunity__customer__clerk=user),
            opportunity__team_id__in=teams,
        ).distinct()


class SalesTargetFilterSet(BaseFilterSet):
    search_fields = ("user__full_name", "team__name")

    class Meta:
        model = SalesTarget
        fields = ["q", "team", "month"]


class TeamPlanFilterSet(BaseFilterSet):
    search_fields = ("title", "content")

    class Meta:
        model = TeamPlan
        fields = ["q", "team"]


class TeamMeetingFilterSet(BaseFilterSet):
    search_fields = ("agenda", "minutes")

    class Meta:
        model = TeamMeeting
        fields = ["q", "team"]


class SalesTaskFilterSet(MineFilterMixin, BaseFilterSet):
    mine_field = "assignee"
    search_fields = ("title", "description")

    class Meta:
        model = SalesTask
        fields = ["q", "status", "team", "mine"]


class MarketNoteFilterSet(BaseFilterSet):
    search_fields = ("title", "competitor", "product_name", "pricing", "source", "tags", "content")

    class Meta:
        model = MarketNote
        fields = ["q", "competitor"]


class CompetitorComparisonFilterSet(BaseFilterSet):
    search_fields = ("title", "competitor", "competitor_product", "our_product__name")

    class Meta:
        model = CompetitorComparison
        fields = ["q", "our_product"]

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from org.models import Team

from .models import (
    Claim,
    ClaimRequiredDocument,
    Complaint,
    FollowUp,
    Renewal,
    ServiceRequest,
)

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class MineFilterMixin(django_filters.FilterSet):
    """``mine=1``: the customer's salesperson or supporting clerk is me."""

    mine = django_filters.ChoiceFilter(
        label=_("Only mine"), choices=[("1", _("Yes"))], method="only_mine"
    )

    def only_mine(self, queryset, name, value):
        if value and self.request is not None:
            user = self.request.user
            return queryset.filter(Q(customer__owner=user) | Q(customer__clerk=user))
        return queryset


class FollowUpFilterSet(MineFilterMixin, BaseFilterSet):
    search_fields = ("customer__name_key", "policy__policy_number", "opinions")
    WORK = [
        ("due", _("Due today")),
        ("overdue", _("Overdue")),
        ("open", _("Open")),
        ("low", _("Low satisfaction")),
    ]
    work = django_filters.ChoiceFilter(label=_("Work"), choices=WORK, method="by_work")
    due_from = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due from"), **_DATE
    )
    due_to = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due to"), **_DATE
    )

    class Meta:
        model = FollowUp
        fields = ["q", "status", "kind", "work", "due_from", "due_to", "mine"]

    def by_work(self, queryset, name, value):
        from core import params

        from . import rules

        today = timezone.localdate()
        open_ = [FollowUp.Status.SCHEDULED, FollowUp.Status.ESCALATED]
        if value == "due":
            return queryset.filter(
                Q(due_date=today) | Q(due_date__gt=today, next_attempt_on__lte=today),
                status__in=open_,
            )
        if value == "overdue":
            return queryset.filter(status__in=open_, due_date__lt=today)
        if value == "open":
            return queryset.filter(status__in=open_)
        if value == "low":
            return queryset.filter(satisfaction__lte=params.get(rules.LOW_SATISFACTION))
        return queryset


class ClaimFilterSet(MineFilterMixin, BaseFilterSet):
    search_fields = (
        "customer__name_key",
        "policy__policy_number",
        "insurer_reference",
        "insured_name",
    )
    WORK = [("mine", _("Waiting on the clerk")), ("overdue", _("Past the deadline"))]
    work = django_filters.ChoiceFilter(label=_("Work"), choices=WORK, method="by_work")
    reported_from = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="gte", label=_("Reported from"), **_DATE
    )
    reported_to = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="lte", label=_("Reported to"), **_DATE
    )

    class Meta:
        model = Claim
        fields = ["q", "status", "claim_type", "work", "reported_from", "reported_to", "mine"]

    def by_work(self, queryset, name, value):
        S = Claim.Status
        if value == "mine":
            return queryset.exclude(status__in=[S.SUBMITTED, S.DISPUTED, S.CLOSED])
        if value == "overdue":
            return queryset.exclude(status=S.CLOSED).filter(deadline__lt=timezone.localdate())
        return queryset


class ComplaintFilterSet(MineFilterMixin, BaseFilterSet):
    search_fields = ("customer__name_key", "subject", "description")
    WORK = [("open", _("Open")), ("overdue", _("Past the deadline"))]
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.all())
    work = django_filters.ChoiceFilter(label=_("Work"), choices=WORK, method="by_work")

    class Meta:
        model = Complaint
        fields = ["q", "status", "severity", "category", "team", "work", "mine"]

    def by_work(self, queryset, name, value):
        from .services import overdue_complaints_q

        if value == "open":
            return queryset.exclude(status__in=[Complaint.Status.RESOLVED, Complaint.Status.CLOSED])
        if value == "overdue":
            return queryset.filter(overdue_complaints_q(timezone.localdate()))
        return queryset


class ServiceRequestFilterSet(MineFilterMixin, BaseFilterSet):
    search_fields = ("customer__name_key", "policy__policy_number", "insurer_reference")

    class Meta:
        model = ServiceRequest
        fields = ["q", "status", "kind", "mine"]


class RenewalFilterSet(MineFilterMixin, BaseFilterSet):
    search_fields = ("customer__name_key", "policy__policy_number")
    WORK = [
        ("due", _("Due in 30 days")),
        ("overdue", _("Past due without an outcome")),
        ("pending", _("Pending")),
    ]
    work = django_filters.ChoiceFilter(label=_("Work"), choices=WORK, method="by_work")
    due_from = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due from"), **_DATE
    )
    due_to = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due to"), **_DATE
    )

    class Meta:
        model = Renewal
        fields = ["q", "kind", "outcome", "work", "due_from", "due_to", "mine"]

    def by_work(self, queryset, name, value):
        import datetime as dt

        today = timezone.localdate()
        pending = queryset.filter(outcome=Renewal.Outcome.PENDING)
        if value == "due":
            return pending.filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=30))
        if value == "overdue":
            return pending.filter(due_date__lt=today)
        if value == "pending":
            return pending
        return queryset


class ClaimRequiredDocumentFilterSet(BaseFilterSet):
    search_fields = ("note",)

    class Meta:
        model = ClaimRequiredDocument
        fields = ["q", "claim_type", "active"]


class PolicyFileFilterSet(BaseFilterSet):
    search_fields = ("customer__name_key", "policy_number")

    class Meta:
        from underwriting.models import Policy

        model = Policy
        fields = ["q"]

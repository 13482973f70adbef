import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from customers.selectors import assignable_owners
from org.models import Team
from sales.models import Insurer, Product

from .models import Application, ApplicationDocument, Policy, RequiredDocument

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _owners(request):
    """The salespeople in the user's scope (another team's are neither listed nor accepted)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return get_user_model().objects.none()
    return assignable_owners(user).only("pk", "username", "full_name", "first_name", "last_name")


class OwnerTeamFilterMixin(django_filters.FilterSet):
    """Filters on the customer file's salesperson and team, and ``mine=1``."""

    owner = django_filters.ModelChoiceFilter(
        field_name="customer__owner", label=_("Salesperson"), queryset=_owners
    )
    team = django_filters.ModelChoiceFilter(
        field_name="customer__team", label=_("Team"), queryset=Team.objects.all()
    )
    mine = django_filters.ChoiceFilter(
        label=_("Only mine"), choices=[("1", _("Yes"))], method="only_mine"
    )

    def only_mine(self, queryset, name, value):
        if value and self.request is not None:
            user = self.request.user
            return queryset.filter(Q(customer__owner=user) | Q(customer__clerk=user))
        return queryset


class ApplicationFilterSet(OwnerTeamFilterMixin, BaseFilterSet):
    search_fields = ("customer__name_key", "insurer__name", "insurer_reference")

    WORK_CHOICES = [
        ("to_check", _("Documents to check")),
        ("ready", _("Ready to submit")),
        ("rejected", _("Documents rejected")),
        ("overdue", _("Underwriting overdue")),
        ("pending", _("Waiting for the insurer")),
    ]

    insurer = django_filters.ModelChoiceFilter(label=_("Insurer"), queryset=Insurer.objects.all())
    work = django_filters.ChoiceFilter(label=_("Work"), choices=WORK_CHOICES, method="by_work")
    submitted_from = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="gte", label=_("Submitted from"), **_DATE
    )
    submitted_to = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="lte", label=_("Submitted to"), **_DATE
    )

    class Meta:
        model = Application
        fields = [
            "q",
            "status",
            "insurer",
            "owner",
            "team",
            "work",
            "submitted_from",
            "submitted_to",
            "mine",
        ]

    def by_work(self, queryset, name, value):
        from .models import PENDING_STATUSES
        from .selectors import overdue_since

        Status = ApplicationDocument.Status
        if value == "to_check":
            return queryset.filter(documents__status=Status.PENDING).distinct()
        if value == "ready":
            blocked = ApplicationDocument.objects.filter(
                status__in=[Status.PENDING, Status.REJECTED]
            ).values("application")
            return (
                queryset.filter(status=Application.Status.DRAFT, documents__isnull=False)
                .exclude(pk__in=blocked)
                .distinct()
            )
        if value == "rejected":
            return queryset.filter(
                documents__status=Status.REJECTED,
                status__in=[Application.Status.DRAFT, Application.Status.INFO_REQUESTED],
            ).distinct()
        if value == "overdue":
            return queryset.filter(status__in=PENDING_STATUSES, submitted_on__lt=overdue_since())
        if value == "pending":
            return queryset.filter(status__in=PENDING_STATUSES)
        return queryset


class PolicyFilterSet(OwnerTeamFilterMixin, BaseFilterSet):
    search_fields = ("policy_number", "customer__name_key", "insured_name", "product__name")

    insurer = django_filters.ModelChoiceFilter(label=_("Insurer"), queryset=Insurer.objects.all())
    product = django_filters.ModelChoiceFilter(
        label=_("Product"), queryset=Product.objects.select_related("insurer")
    )
    delivered = django_filters.ChoiceFilter(
        label=_("Contract delivered"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        method="by_delivered",
    )
    effective_from = django_filters.DateFilter(
        field_name="effective_date", lookup_expr="gte", label=_("Effective from"), **_DATE
    )
    effective_to = django_filters.DateFilter(
        field_name="effective_date", lookup_expr="lte", label=_("Effective to"), **_DATE
    )

    class Meta:
        model = Policy
        fields = [
            "q",
            "status",
            "insurer",
            "product",
            "owner",
            "team",
            "delivered",
            "effective_from",
            "effective_to",
            "mine",
        ]

    def by_delivered(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(delivered_on__isnull=False)
        if value == "no":
            return queryset.filter(delivered_on__isnull=True)
        return queryset


class RequiredDocumentFilterSet(BaseFilterSet):
    search_fields = ("note",)

    class Meta:
        model = RequiredDocument
        fields = ["q", "category", "kind", "condition", "active"]

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn, MoneyColumn
from core.templatetags.core_tags import overdue_badge

from .models import POLICY_COLOURS, STATUS_COLOURS, Application, Policy, RequiredDocument


class ApplicationTable(BaseTable):
    reference = tables.Column(
        verbose_name=_("application"), linkify=True, accessor="pk", order_by=("pk",)
    )
    customer = tables.Column(accessor="customer__name", verbose_name=_("policyholder"))
    insurer = tables.Column(
        accessor="insurer__localized_name", order_by=("insurer__name",), verbose_name=_("insurer")
    )
    status = ChoiceBadgeColumn(STATUS_COLOURS, verbose_name=_("status"))
    total_premium = MoneyColumn(verbose_name=_("annual premium"))
    total_sum_insured = MoneyColumn(verbose_name=_("sum insured"))
    documents = tables.Column(
        verbose_name=_("documents"), accessor="pending_documents", orderable=False
    )
    submitted_on = DateTimeColumn(verbose_name=_("submitted on"))
    days_pending = tables.Column(verbose_name=_("days pending"), empty_values=(), orderable=False)
    owner = tables.Column(accessor="customer__owner", verbose_name=_("salesperson"))
    team = tables.Column(
        accessor="customer__team", order_by=("customer__team__name",), verbose_name=_("team")
    )

    class Meta(BaseTable.Meta):
        model = Application
        fields = (
            "reference",
            "customer",
            "insurer",
            "status",
            "total_premium",
            "total_sum_insured",
            "documents",
            "submitted_on",
            "days_pending",
            "owner",
            "team",
        )

    def __init__(self, *args, overdue_days=None, **kwargs):
        self.overdue_days = overdue_days
        super().__init__(*args, **kwargs)

    def render_reference(self, record):
        return record.reference

    def value_reference(self, record):
        return record.reference

    def render_documents(self, record):
        parts = []
        if record.pending_documents:
            parts.append(
                format_html(
                    '<span class="badge text-bg-warning">{} {}</span>',
                    record.pending_documents,
                    _("to check"),
                )
            )
        if record.rejected_documents:
            parts.append(
                format_html(
                    '<span class="badge text-bg-danger">{} {}</span>',
                    record.rejected_documents,
                    _("rejected"),
                )
            )
        return format_html(" ".join(["{}"] * len(parts)), *parts) if parts else "—"

    def value_documents(self, record):
        return f"{record.pending_documents}/{record.rejected_documents}"

    def render_days_pending(self, record):
        days = record.days_pending()
        if days is None:
            return "—"
        if self.overdue_days is not None and days > self.overdue_days:
            return format_html("{} {}", days, overdue_badge(days - self.overdue_days))
        return days

    def value_days_pending(self, record):
        return record.days_pending()


class PolicyTable(BaseTable):
    policy_number = tables.Column(linkify=True, verbose_name=_("policy number"))
    customer = tables.Column(accessor="customer__name", verbose_name=_("policyholder"))
    insured_name = tables.Column(verbose_name=_("insured"))
    insurer = tables.Column(
        accessor="insurer__localized_name", order_by=("insurer__name",), verbose_name=_("insurer")
    )
    product = tables.Column(
        accessor="product__localized_name", order_by=("product__name",), verbose_name=_("product")
    )
    sum_insured = MoneyColumn()
    annual_premium = MoneyColumn()
    effective_date = DateTimeColumn(verbose_name=_("effective date"))
    next_premium_due = DateTimeColumn(verbose_name=_("next premium due"))
    status = ChoiceBadgeColumn(POLICY_COLOURS, verbose_name=_("status"))
    delivered_on = DateTimeColumn(verbose_name=_("delivered on"))
    owner = tables.Column(accessor="customer__owner", verbose_name=_("salesperson"))

    class Meta(BaseTable.Meta):
        model = Policy
        fields = (
            "policy_number",
            "customer",
            "insured_name",
            "insurer",
            "product",
            "sum_insured",
            "annual_premium",
            "frequency",
            "effective_date",
            "next_premium_due",
            "status",
            "delivered_on",
            "owner",
        )


class RequiredDocumentTable(BaseTable):
    kind = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = RequiredDocument
        fields = ("category", "kind", "condition", "note", "active")

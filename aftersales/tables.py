import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn, MoneyColumn
from core.templatetags.core_tags import overdue_badge
from underwriting.models import Policy

from .models import (
    CLAIM_COLOURS,
    Claim,
    ClaimRequiredDocument,
    Complaint,
    FollowUp,
    Renewal,
    ServiceRequest,
)

FOLLOW_UP_COLOURS = {"scheduled": "primary", "done": "success", "escalated": "danger"}
COMPLAINT_COLOURS = {
    "open": "danger",
    "acknowledged": "warning",
    "in_progress": "primary",
    "resolved": "success",
    "closed": "dark",
}
SEVERITY_COLOURS = {"low": "secondary", "medium": "info", "high": "warning", "critical": "danger"}
REQUEST_COLOURS = {
    "draft": "secondary",
    "submitted": "primary",
    "completed": "success",
    "rejected": "danger",
    "cancelled": "dark",
}
OUTCOME_COLOURS = {
    "pending": "primary",
    "paid": "success",
    "grace": "warning",
    "lapsed": "danger",
    "renewed": "success",
    "not_renewed": "dark",
}


class ReferenceColumn(tables.Column):
    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("order_by", ("pk",))
        kwargs.setdefault("linkify", True)
        super().__init__(**kwargs)

    def render(self, record):
        return record.reference

    def value(self, record):
        return record.reference


class _CustomerColumns(tables.Table):
    customer = tables.Column(
        accessor="customer__name",
        verbose_name=_("customer"),
        linkify=lambda record: record.customer.get_absolute_url(),
    )
    owner = tables.Column(accessor="customer__owner", verbose_name=_("salesperson"))


class FollowUpTable(_CustomerColumns, BaseTable):
    reference = ReferenceColumn(verbose_name=_("follow-up"))
    policy = tables.Column(accessor="policy__policy_number", verbose_name=_("policy"))
    status = ChoiceBadgeColumn(FOLLOW_UP_COLOURS, verbose_name=_("status"))
    due_date = DateTimeColumn(verbose_name=_("due date"))
    overdue = tables.Column(verbose_name=_("overdue"), empty_values=(), orderable=False)
    assigned_to = tables.Column(verbose_name=_("assigned to"))
    satisfaction = tables.Column(verbose_name=_("satisfaction"))

    card_facts = ("reference", "customer", "status", "overdue", "due_date")

    class Meta(BaseTable.Meta):
        model = FollowUp
        fields = (
            "reference",
            "customer",
            "policy",
            "kind",
            "status",
            "due_date",
            "overdue",
            "attempts",
            "assigned_to",
            "satisfaction",
            "owner",
        )
        row_attrs = {"data-overdue": lambda record: "1" if record.days_overdue() else "0"}

    def render_overdue(self, record):
        return overdue_badge(record.days_overdue()) or "—"

    def value_overdue(self, record):
        return record.days_overdue()

    def render_satisfaction(self, value):
        return f"{value}/5"


class ClaimTable(_CustomerColumns, BaseTable):
    reference = ReferenceColumn(verbose_name=_("claim"))
    policy = tables.Column(accessor="policy__policy_number", verbose_name=_("policy"))
    insurer = tables.Column(
        accessor="policy__insurer__localized_name",
        order_by=("policy__insurer__name",),
        verbose_name=_("insurer"),
    )
    status = ChoiceBadgeColumn(CLAIM_COLOURS, verbose_name=_("status"))
    reported_on = DateTimeColumn(verbose_name=_("reported on"))
    amount_claimed = MoneyColumn(verbose_name=_("amount claimed"))
    amount_approved = MoneyColumn(verbose_name=_("amount approved"))
    amount_paid = MoneyColumn(verbose_name=_("amount paid"))
    deadline = DateTimeColumn(verbose_name=_("next step due by"))
    overdue = tables.Column(verbose_name=_("overdue"), empty_values=(), orderable=False)

    card_facts = ("reference", "customer", "status", "reported_on")

    class Meta(BaseTable.Meta):
        model = Claim
        fields = (
            "reference",
            "customer",
            "policy",
            "insurer",
            "claim_type",
            "status",
            "reported_on",
            "amount_claimed",
            "amount_approved",
            "amount_paid",
            "deadline",
            "overdue",
            "owner",
        )

    def render_overdue(self, record):
        return overdue_badge(record.days_overdue()) or "—"

    def value_overdue(self, record):
        return record.days_overdue()


class ComplaintTable(_CustomerColumns, BaseTable):
    reference = ReferenceColumn(verbose_name=_("complaint"))
    subject = tables.Column(verbose_name=_("subject"))
    severity = ChoiceBadgeColumn(SEVERITY_COLOURS, verbose_name=_("severity"))
    status = ChoiceBadgeColumn(COMPLAINT_COLOURS, verbose_name=_("status"))
    received_on = DateTimeColumn(verbose_name=_("received on"))
    resolve_by = DateTimeColumn(verbose_name=_("resolve by"))
    overdue = tables.Column(verbose_name=_("overdue"), empty_values=(), orderable=False)
    team = tables.Column(accessor="team", order_by=("team__name",), verbose_name=_("team"))
    supervisor = tables.Column(verbose_name=_("supervisor responsible"))

    class Meta(BaseTable.Meta):
        model = Complaint
        fields = (
            "reference",
            "customer",
            "subject",
            "category",
            "severity",
            "status",
            "received_on",
            "resolve_by",
            "overdue",
            "team",
            "supervisor",
            "satisfaction",
        )

    def render_overdue(self, record):
        return overdue_badge(record.days_overdue()) or "—"

    def value_overdue(self, record):
        return record.days_overdue()


class ServiceRequestTable(_CustomerColumns, BaseTable):
    reference = ReferenceColumn(verbose_name=_("service request"))
    policy = tables.Column(accessor="policy__policy_number", verbose_name=_("policy"))
    status = ChoiceBadgeColumn(REQUEST_COLOURS, verbose_name=_("status"))
    requested_on = DateTimeColumn(verbose_name=_("requested on"))
    submitted_on = DateTimeColumn(verbose_name=_("submitted on"))
    completed_on = DateTimeColumn(verbose_name=_("completed on"))
    handled_by = tables.Column(verbose_name=_("clerk"))

    class Meta(BaseTable.Meta):
        model = ServiceRequest
        fields = (
            "reference",
            "customer",
            "policy",
            "kind",
            "status",
            "requested_on",
            "submitted_on",
            "completed_on",
            "handled_by",
            "owner",
        )


class RenewalTable(_CustomerColumns, BaseTable):
    policy = tables.Column(accessor="policy__policy_number", verbose_name=_("policy"), linkify=True)
    product = tables.Column(
        accessor="policy__product__localized_name",
        order_by=("policy__product__name",),
        verbose_name=_("product"),
    )
    due_date = DateTimeColumn(verbose_name=_("due date"))
    days_left = tables.Column(verbose_name=_("days left"), empty_values=(), orderable=False)
    amount = MoneyColumn(verbose_name=_("amount"))
    outcome = ChoiceBadgeColumn(OUTCOME_COLOURS, verbose_name=_("outcome"))
    reminder_count = tables.Column(verbose_name=_("reminders sent"))

    class Meta(BaseTable.Meta):
        model = Renewal
        fields = (
            "policy",
            "customer",
            "product",
            "kind",
            "due_date",
            "days_left",
            "amount",
            "outcome",
            "reason",
            "reminder_count",
            "owner",
        )

    def render_policy(self, record, value):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)

    def render_days_left(self, record):
        days = record.days_left()
        if record.outcome == Renewal.Outcome.PENDING and days < 0:
            return overdue_badge(-days)
        return days

    def value_days_left(self, record):
        return record.days_left()


class PolicyFileTable(BaseTable):
    policy_number = tables.Column(verbose_name=_("policy"), linkify=True)
    customer = tables.Column(accessor="customer__name", verbose_name=_("policyholder"))
    product = tables.Column(accessor="product__name", verbose_name=_("product"))
    issued_on = DateTimeColumn(verbose_name=_("issued on"))
    delivered_on = DateTimeColumn(verbose_name=_("delivered on"))
    missing = tables.Column(verbose_name=_("missing"), empty_values=(), orderable=False)
    owner = tables.Column(accessor="customer__owner", verbose_name=_("salesperson"))
    team = tables.Column(
        accessor="customer__team", order_by=("customer__team__name",), verbose_name=_("team")
    )

    class Meta(BaseTable.Meta):
        model = Policy
        fields = (
            "policy_number",
            "customer",
            "product",
            "issued_on",
            "delivered_on",
            "missing",
            "owner",
            "team",
        )

    def _gaps(self, record):
        from .services import policy_file_gaps

        return policy_file_gaps(record, delivery_follow_up_status=record.follow_up_status)

    def render_missing(self, record):
        return format_html(
            "{}",
            "、".join(str(g) for g in self._gaps(record)),
        )

    def value_missing(self, record):
        return "、".join(str(g) for g in self._gaps(record))


class ClaimRequiredDocumentTable(BaseTable):
    kind = tables.Column(verbose_name=_("document"), linkify=True)

    class Meta(BaseTable.Meta):
        model = ClaimRequiredDocument
        fields = ("claim_type", "kind", "note", "active")

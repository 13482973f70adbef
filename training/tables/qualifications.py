"""Tables of qualifications: kinds, certificates, rewards, expiries."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn, MoneyColumn

from ..models import Certificate, QualificationKind, QualificationReward

CERTIFICATE_COLOURS = {"pending": "warning", "verified": "success", "rejected": "danger"}
REWARD_COLOURS = {
    "pending": "warning",
    "approved": "primary",
    "rejected": "secondary",
    "paid": "success",
}


class QualificationKindTable(BaseTable):
    name = tables.Column(
        verbose_name=_("name"), linkify=("training:qualificationkind_edit", [tables.A("pk")])
    )
    default_reward = MoneyColumn(verbose_name=_("default reward"))

    class Meta(BaseTable.Meta):
        model = QualificationKind
        fields = (
            "name",
            "issuing_body",
            "validity_years",
            "licence_required",
            "default_reward",
            "active",
        )


class CertificateTable(BaseTable):
    employee = tables.Column(verbose_name=_("employee"), accessor="employee__name")
    team = tables.Column(
        verbose_name=_("team"), accessor="employee__team", order_by=("employee__team__name",)
    )
    kind = tables.Column(verbose_name=_("qualification"), accessor="kind__name", linkify=False)
    number = tables.Column(verbose_name=_("certificate number"), linkify=True)
    issued_on = DateTimeColumn(verbose_name=_("issued on"))
    expires_on = DateTimeColumn(verbose_name=_("expires on"))
    status = ChoiceBadgeColumn(CERTIFICATE_COLOURS, verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = Certificate
        fields = ("employee", "team", "kind", "number", "issued_on", "expires_on", "status")


class ExpiryTable(CertificateTable):
    days_left = tables.Column(
        verbose_name=_("days left"), accessor="expires_on", orderable=False, empty_values=()
    )

    def render_days_left(self, record):
        return record.days_to_expiry()

    def value_days_left(self, record):
        return record.days_to_expiry()

    class Meta(CertificateTable.Meta):
        fields = (*CertificateTable.Meta.fields, "days_left")


class RewardTable(BaseTable):
    employee = tables.Column(verbose_name=_("employee"), accessor="certificate__employee__name")
    employee_no = tables.Column(
        verbose_name=_("employee number"), accessor="certificate__employee__employee_no"
    )
    kind = tables.Column(verbose_name=_("qualification"), accessor="certificate__kind__name")
    certificate = tables.Column(
        verbose_name=_("certificate number"),
        accessor="certificate__number",
        linkify=("training:certificate", [tables.A("certificate_id")]),
    )
    amount = MoneyColumn(verbose_name=_("amount"))
    status = ChoiceBadgeColumn(REWARD_COLOURS, verbose_name=_("status"))
    approved_at = DateTimeColumn(verbose_name=_("decided at"))
    paid_month = tables.Column(verbose_name=_("paid in payroll month"))

    def render_paid_month(self, value):
        return value.strftime("%Y-%m")

    def value_paid_month(self, value):
        return value.strftime("%Y-%m") if value else ""

    class Meta(BaseTable.Meta):
        model = QualificationReward
        fields = (
            "employee",
            "employee_no",
            "kind",
            "certificate",
            "amount",
            "status",
            "approved_at",
            "paid_month",
        )

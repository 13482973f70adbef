"""Tables of confidentiality: agreement texts, agreements (with the confidentiality
training beside them), employees without an agreement, breaches, data requests."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn, MoneyColumn
from core.templatetags.core_tags import ymd
from org.models import Employee

from .models import Agreement, AgreementVersion, Breach, CustomerDataRequest

STATE_COLOURS = {
    "unsigned": "warning",
    "not_started": "info",
    "in_force": "success",
    "expired": "danger",
}


class TrainingColumn(tables.Column):
    """The date of the employee's latest confidentiality course, or "none"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("confidentiality training"))
        kwargs.setdefault("accessor", "training_completed_on")
        kwargs.setdefault("empty_values", ())
        super().__init__(**kwargs)

    def render(self, value):
        if value:
            return ymd(value)
        return format_html('<span class="badge text-bg-warning">{}</span>', _("Not taken"))

    def value(self, value):
        return value


class AgreementVersionTable(BaseTable):
    code = tables.Column(verbose_name=_("version"), linkify=True)
    effective_from = DateTimeColumn(verbose_name=_("in use from"))

    class Meta(BaseTable.Meta):
        model = AgreementVersion
        fields = ("code", "title", "effective_from", "active")


class AgreementTable(BaseTable):
    employee = tables.Column(verbose_name=_("employee"), accessor="employee__name", linkify=False)
    team = tables.Column(verbose_name=_("team"), accessor="employee__team__name")
    version = tables.Column(
        verbose_name=_("agreement text"),
        accessor="version__code",
        linkify=lambda record: record.get_absolute_url(),
    )
    signed_on = DateTimeColumn(verbose_name=_("signed on"))
    expires_on = DateTimeColumn(verbose_name=_("expires on"))
    state = tables.Column(verbose_name=_("state"), accessor="pk", orderable=False)
    non_compete = tables.BooleanColumn(verbose_name=_("non-compete clause"))
    non_compete_compensation = MoneyColumn(verbose_name=_("compensation"))
    training = TrainingColumn()

    class Meta(BaseTable.Meta):
        model = Agreement
        fields = (
            "employee",
            "team",
            "version",
            "signed_on",
            "expires_on",
            "state",
            "non_compete",
            "non_compete_compensation",
            "training",
        )

    def render_state(self, record):
        state = record.state()
        return format_html(
            '<span class="badge text-bg-{}">{}</span>',
            STATE_COLOURS[state],
            Agreement.State(state).label,
        )

    def value_state(self, record):
        return str(Agreement.State(record.state()).label)


class UnsignedTable(BaseTable):
    name = tables.Column(verbose_name=_("employee"))
    employee_no = tables.Column(verbose_name=_("employee number"))
    team = tables.Column(verbose_name=_("team"), accessor="team__name")
    position = tables.Column(verbose_name=_("position"))
    hire_date = DateTimeColumn(verbose_name=_("hire date"))
    training = TrainingColumn()

    class Meta(BaseTable.Meta):
        model = Employee
        fields = ("name", "employee_no", "team", "position", "hire_date", "training")


class BreachTable(BaseTable):
    found_on = DateTimeColumn(verbose_name=_("found on"), linkify=True)
    employee = tables.Column(verbose_name=_("employee"), accessor="employee__name")
    team = tables.Column(verbose_name=_("team"), accessor="employee__team__name")
    severity = ChoiceBadgeColumn(
        {"minor": "secondary", "serious": "warning", "severe": "danger"},
        verbose_name=_("severity"),
    )
    status = ChoiceBadgeColumn({"open": "warning", "closed": "success"}, verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = Breach
        fields = ("found_on", "employee", "team", "severity", "what", "status")


class DataRequestTable(BaseTable):
    received_on = DateTimeColumn(verbose_name=_("received on"), linkify=True)
    customer = tables.Column(verbose_name=_("customer"), accessor="customer__name")
    status = ChoiceBadgeColumn(
        {"open": "warning", "done": "success", "refused": "secondary"}, verbose_name=_("status")
    )
    handled_by = tables.Column(verbose_name=_("handled by"), accessor="handled_by__display_name")

    class Meta(BaseTable.Meta):
        model = CustomerDataRequest
        fields = ("received_on", "customer", "kind", "details", "status", "handled_by")

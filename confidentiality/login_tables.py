"""The table of login rules."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable

from .models import LoginRule


class LoginRuleTable(BaseTable):
    role = tables.Column(verbose_name=_("role"), linkify=True)
    days = tables.Column(
        verbose_name=_("days"), accessor="weekdays", orderable=False, empty_values=()
    )
    hours = tables.Column(
        verbose_name=_("hours"), accessor="starts_at", orderable=False, empty_values=()
    )
    networks = tables.Column(
        verbose_name=_("allowed address ranges"),
        accessor="networks",
        orderable=False,
        empty_values=(),
    )

    class Meta(BaseTable.Meta):
        model = LoginRule
        fields = ("role", "active", "days", "hours", "networks", "note")

    def render_days(self, record):
        return record.weekday_labels()

    def render_hours(self, record):
        return record.hours_label()

    def render_networks(self, record):
        return "、".join(record.network_list()) or _("Anywhere")

    def value_days(self, record):
        return record.weekday_labels()

    def value_hours(self, record):
        return record.hours_label()

    def value_networks(self, record):
        return ", ".join(record.network_list())

"""Filters of the report archive: period kind, scope, period dates, status."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from core.periods import PeriodKind

from .models import ReportSnapshot


class ReportSnapshotFilterSet(BaseFilterSet):
    search_fields = ("scope_label",)

    period_kind = django_filters.ChoiceFilter(label=_("Period"), choices=PeriodKind.choices)
    scope_key = django_filters.ChoiceFilter(label=_("Scope"), choices=())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportSnapshot.Status.choices)
    date_from = django_filters.DateFilter(
        field_name="period_end",
        lookup_expr="gt",
        label=_("Covering from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="period_start",
        lookup_expr="lte",
        label=_("Covering until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ReportSnapshot
        fields = ["q", "period_kind", "scope_key", "status", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from . import services

        user = getattr(self.request, "user", None)
        scopes = services.visible_scopes(user) if user is not None else []
        # The company and the teams; a person's reports are found by searching their name.
        choices = services.scope_choices([s for s in scopes if s.kind != "person"])
        self.filters["scope_key"].extra["choices"] = choices
        self.form.fields["scope_key"].choices = choices

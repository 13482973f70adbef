"""The form that requests a report: a period (kind and any day in it, or a custom range) and
a scope among those the user may request."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import periods
from core.forms import BaseForm

from . import services, statistics


class ReportRequestForm(BaseForm):
    """Which report to generate; ``clean`` gives ``period`` and ``scope_obj``."""

    KINDS = [
        (kind.value, kind.label)
        for kind in (
            periods.PeriodKind.DAY,
            periods.PeriodKind.WEEK,
            periods.PeriodKind.MONTH,
            periods.PeriodKind.QUARTER,
            periods.PeriodKind.YEAR,
            periods.PeriodKind.CUSTOM,
        )
    ]

    period_kind = forms.ChoiceField(
        label=_("Period"), choices=KINDS, initial="month", widget=forms.RadioSelect
    )
    day = forms.DateField(
        label=_("Any day in the period"),
        required=False,
        help_text=_("E.g. any day of the month for a monthly report."),
        widget=forms.DateInput(),
    )
    start = forms.DateField(label=_("First day"), required=False, widget=forms.DateInput())
    last_day = forms.DateField(label=_("Last day"), required=False, widget=forms.DateInput())
    scope = forms.ChoiceField(label=_("Scope"))

    sections = [
        (_("Period"), ["period_kind", "day", "start", "last_day"]),
        (_("Scope"), ["scope"]),
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["scope"].choices = services.scope_choices(
            services.generatable_scopes(user) if user is not None else []
        )
        last_month = periods.today().replace(day=1) - dt.timedelta(days=1)
        self.fields["day"].initial = last_month.replace(day=1)
        self.fields["start"].help_text = _("For a custom range only.")

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        if not kind:
            return data
        if kind != periods.PeriodKind.CUSTOM and not data.get("day"):
            self.add_error("day", _("Choose a day in the period."))
            return data
        try:
            data["period"] = services.period_for(
                kind, day=data.get("day"), start=data.get("start"), last_day=data.get("last_day")
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    self.add_error(name if name in self.fields else None, errors)
            else:
                self.add_error(None, exc)
        key = data.get("scope")
        if key:
            try:
                data["scope_obj"] = statistics.Scope.from_key(key)
            except ValueError:
                self.add_error("scope", _("Choose a scope from the list."))
        return data

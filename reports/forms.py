"""The form that requests a report: a period (kind and any day in it, or a custom range) and
a scope among those the user may request."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import periods
from core.forms import BaseForm
from core.pickers import TypeaheadChoiceField

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
    # A person is chosen by typing (there may be hundreds): the scope says "a person".
    person = TypeaheadChoiceField(
        "reports.person",
        label=_("Person"),
        required=False,
        help_text=_("For a person's report only."),
    )

    PERSON = "person"

    sections = [
        (_("Period"), ["period_kind", "day", "start", "last_day"]),
        (_("Scope"), ["scope", "person"]),
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        scopes = services.generatable_scopes(user) if user is not None else []
        # The company and the teams are few: a choice. The people are a type-ahead.
        choices = services.scope_choices([s for s in scopes if s.kind != statistics.Scope.PERSON])
        if any(s.kind == statistics.Scope.PERSON for s in scopes):
            choices.append((self.PERSON, _("A person (choose below)")))
        self.fields["scope"].choices = choices
        # A link may name a person's scope ("person:12"): it preselects the person.
        initial = self.initial.get("scope")
        if isinstance(initial, str) and initial.startswith(self.PERSON + ":"):
            self.initial["scope"] = self.PERSON
            self.initial["person"] = initial.partition(":")[2]
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
        if key == self.PERSON:
            person = data.get("person")
            if person is None:
                if "person" not in self.errors:
                    self.add_error("person", _("Choose the person."))
                return data
            scope = statistics.Scope.person(person.pk)
            # The picker offered only these people; the rule itself decides.
            if self.user is None or not services.may_generate(self.user, scope):
                self.add_error("person", _("You may not request reports for this person."))
                return data
            data["scope_obj"] = scope
        elif key:
            try:
                data["scope_obj"] = statistics.Scope.from_key(key)
            except ValueError:
                self.add_error("scope", _("Choose a scope from the list."))
        return data

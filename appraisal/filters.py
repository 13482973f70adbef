"""List filters of appraisal."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet

from .models import Appraisal, AppraisalRound, AppraisalTemplate, ImprovementPlan, Kind, Stage
from .scoring import GRADES


class AppraisalFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "team__name")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=GRADES)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Kind.choices, field_name="round__kind"
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="round__year")
    month = django_filters.NumberFilter(label=_("Month"), field_name="round__month")

    class Meta:
        model = Appraisal
        fields = ["q", "stage", "grade", "kind", "year", "month"]


class RoundFilterSet(BaseFilterSet):
    search_fields = ()

    class Meta:
        model = AppraisalRound
        fields = ["kind", "status", "year"]


class TemplateFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = AppraisalTemplate
        fields = ["q", "position", "kind", "active"]


class ImprovementPlanFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no")

    class Meta:
        model = ImprovementPlan
        fields = ["q", "outcome"]

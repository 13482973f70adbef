"""List tables of appraisal."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, ChoiceBadgeColumn

from .models import Appraisal, AppraisalRound, AppraisalTemplate, ImprovementPlan

STAGE_COLOURS = {
    "self": "secondary",
    "supervisor": "primary",
    "hr": "info",
    "interview": "warning",
    "closed": "success",
}


class GradeColumn(tables.Column):
    def render(self, value, record):
        return record.grade_label()


class AppraisalTable(BaseTable):
    round = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("round__year", "round__month")
    )
    employee = tables.Column(accessor="employee__name", verbose_name=_("employee"))
    team = tables.Column(accessor="team__name", verbose_name=_("team"))
    stage = ChoiceBadgeColumn(STAGE_COLOURS)
    final_score = tables.Column(attrs={"td": {"class": "text-end"}})
    grade = GradeColumn()

    class Meta(BaseTable.Meta):
        model = Appraisal
        fields = ("round", "employee", "team", "stage", "final_score", "grade")


class RoundTable(BaseTable):
    round = tables.Column(
        accessor="pk", verbose_name=_("round"), linkify=lambda record: record.get_absolute_url()
    )
    appraisal_count = tables.Column(
        verbose_name=_("appraisals"), attrs={"td": {"class": "text-end"}}
    )
    closed_count = tables.Column(verbose_name=_("closed"), attrs={"td": {"class": "text-end"}})
    status = ChoiceBadgeColumn({"open": "success", "closed": "secondary"})

    class Meta(BaseTable.Meta):
        model = AppraisalRound
        fields = (
            "round",
            "kind",
            "self_due",
            "interview_due",
            "appraisal_count",
            "closed_count",
            "status",
        )

    def render_round(self, record):
        return str(record)


class TemplateTable(BaseTable):
    name = tables.Column(linkify=True)
    item_count = tables.Column(verbose_name=_("items"), attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = AppraisalTemplate
        fields = (
            "name",
            "position",
            "kind",
            "weight_results",
            "weight_ability",
            "weight_attitude",
            "item_count",
            "active",
        )


class ImprovementPlanTable(BaseTable):
    employee = tables.Column(
        accessor="employee__name",
        verbose_name=_("employee"),
        linkify=lambda record: record.get_absolute_url(),
    )
    appraisal = tables.Column(accessor="appraisal__round", verbose_name=_("round"), orderable=False)
    review_date = tables.DateColumn(format="Y-m-d")
    outcome = tables.Column()

    class Meta(BaseTable.Meta):
        model = ImprovementPlan
        fields = ("employee", "appraisal", "review_date", "outcome")

    def render_outcome(self, record):
        return record.get_outcome_display()

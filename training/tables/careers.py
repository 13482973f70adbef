"""Tables of career development: plans and rotations."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, DateTimeColumn

from ..models import DevelopmentPlan, JobRotation


class DevelopmentPlanTable(BaseTable):
    employee = tables.Column(
        verbose_name=_("employee"),
        accessor="employee__name",
        linkify=("training:developmentplan", [tables.A("pk")]),
    )
    team = tables.Column(
        verbose_name=_("team"), accessor="employee__team", order_by=("employee__team__name",)
    )

    class Meta(BaseTable.Meta):
        model = DevelopmentPlan
        fields = ("employee", "team", "direction", "target_position", "target_title")


class JobRotationTable(BaseTable):
    employee = tables.Column(
        verbose_name=_("employee"),
        accessor="employee__name",
        linkify=("training:jobrotation", [tables.A("pk")]),
    )
    from_team = tables.Column(
        verbose_name=_("from team"), accessor="from_team", order_by=("from_team__name",)
    )
    to_team = tables.Column(
        verbose_name=_("to team"), accessor="to_team", order_by=("to_team__name",)
    )
    starts_on = DateTimeColumn(verbose_name=_("starts on"))
    ends_on = DateTimeColumn(verbose_name=_("ends on"))

    class Meta(BaseTable.Meta):
        model = JobRotation
        fields = (
            "employee",
            "from_team",
            "from_position",
            "to_team",
            "to_position",
            "starts_on",
            "ends_on",
            "rating",
        )

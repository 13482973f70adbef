"""The company settings (core.params) the reports and dashboards read, defined once."""

from decimal import Decimal

from django.utils.translation import gettext_lazy

from core import params

PACE_TOLERANCE = "reports.pace_tolerance"

params.define(
    PACE_TOLERANCE,
    Decimal("0.10"),
    gettext_lazy("Tolerance before a team member counts as behind pace"),
    gettext_lazy(
        "A member whose month-to-date figure is below the pace expected by today (the monthly "
        "target spread evenly over the working days) by more than this share, e.g. 0.10, is "
        "flagged on the team dashboard."
    ),
    kind=params.DECIMAL,
    max_value=1,
)

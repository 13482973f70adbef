"""The computed items of a round equal the reports' figures for the same person and month,
to the cent (one source: ``core.figures`` / ``reports.statistics``), with their working."""

from decimal import Decimal

import pytest

from core import figures
from core.figures import Scope
from reports import statistics
from tests.reports import factories as f
from tests.reports.report_data import LAST_MONTH, day_in, sell

from .factories import make_template

pytestmark = pytest.mark.django_db

CODES = ("premium_vs_target", "new_policies_vs_target", "profit_contribution")


def test_computed_items_equal_the_reports_figures(hr, personas, team_a):
    salesperson, other = personas["salesperson"], personas["other_salesperson"]
    day = day_in(LAST_MONTH)
    sell(salesperson, day, "12000.50")
    sell(salesperson, day, "3000.25")
    sell(other, day, "999.99")
    f.target(team_a, LAST_MONTH.start, user=salesperson, premium="20000", new_policies=4)
    make_template(hr, "salesperson", computed=CODES, targets={"profit_contribution": Decimal(1000)})
    from appraisal import services

    round_ = services.round_open(
        actor=hr, kind="monthly", year=LAST_MONTH.start.year, month=LAST_MONTH.start.month
    )
    for user in (salesperson, other):
        scope = Scope.person(user)
        values = figures.figures(scope=scope, period=LAST_MONTH)
        assert values == statistics.compute(scope, LAST_MONTH.start, LAST_MONTH.end)
        appraisal = round_.appraisals.get(employee__user=user)
        rows = {
            row.item.computed_code: row
            for row in appraisal.items.select_related("item")
            if row.item.is_computed
        }
        assert rows["premium_vs_target"].actual == values["premium_first_year"]
        assert rows["new_policies_vs_target"].actual == values["new_policies"]
        assert rows["profit_contribution"].actual == values["commission"]
        assert all(row.working for row in rows.values())
    mine = round_.appraisals.get(employee__user=salesperson)
    premium = mine.items.get(item__computed_code="premium_vs_target")
    assert premium.actual == Decimal("15000.75")
    assert premium.target == Decimal("20000.00")
    assert premium.achievement == Decimal("75.00")  # 15000.75 / 20000 = 75.00375 %
    # curve 0:0, 100:90, 120:100: 75.00375 × 0.9 = 67.503375 → 67.50
    assert premium.score == Decimal("67.50")
    policies = mine.items.get(item__computed_code="new_policies_vs_target")
    assert (policies.actual, policies.target, policies.achievement) == (2, 4, Decimal("50.00"))

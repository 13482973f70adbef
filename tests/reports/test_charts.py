"""Charts: server-side SVG without script or inline style, the table behind each chart, the
stylesheet kept in step, the same charts in a PDF."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from core.periods import PeriodKind, period_containing
from reports import charts, statistics
from reports.statistics import Scope
from tests.reports import factories as f

MARCH = period_containing(PeriodKind.MONTH, dt.date(2026, 3, 1))
CSS_FILE = Path(charts.__file__).parent / "static" / "reports" / "charts.css"


@pytest.fixture
def world(db):
    return f.march_world()


@pytest.fixture
def team_charts(world):
    return charts.standard_charts(Scope.team(world["team_a"]), MARCH)


def test_static_stylesheet_is_the_generated_one():
    text = CSS_FILE.read_text(encoding="utf-8")
    assert text.split("\n", 1)[1] == charts.chart_css(), (
        "regenerate reports/static/reports/charts.css from reports.charts.chart_css()"
    )
    assert "Noto Sans CJK TC" in text and "Microsoft JhengHei" in text


def test_page_svg_has_no_script_no_inline_style(team_charts):
    assert [c.key for c in team_charts] == [
        "trend_premium",
        "trend_activity",
        "target_premium_first_year",
        "funnel",
        "channels",
    ]
    for chart in team_charts:
        svg = str(chart.svg)
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
        assert "<script" not in svg
        assert "<style" not in svg
        assert not re.search(r'\sstyle="', svg)
        assert 'id="chart-' not in svg
        assert 'class="pygal-chart"' in svg
        # every rule this chart needs is in the shared stylesheet
        css = charts._strip(chart.svg_source)[1]
        for rule in re.findall(r"[^{}]+\{[^{}]*\}", css):
            assert rule.strip() in charts.chart_css(), rule
        standalone = str(chart.standalone_svg)
        assert "<style>" in standalone and "<script" not in standalone
        assert chart.title in standalone  # the PDF's chart carries its title


def test_chinese_labels_and_units(team_charts, world):
    from django.utils.translation import gettext

    trend, _activity, target, funnel, channels = team_charts
    assert world["p1"].display_name in str(target.svg)  # 業務…-1: CJK text as it is
    assert f">{gettext('Target')}<" in str(target.svg)  # the legend
    assert "安心壽" not in str(channels.svg)
    assert trend.unit == "money" and trend.unit_label
    assert funnel.unit == "count"


def test_trend_table_is_the_statistics(team_charts, world):
    trend = team_charts[0]
    series = statistics.trend(
        Scope.team(world["team_a"]), PeriodKind.MONTH, n=12, ending=MARCH.last_day
    )
    assert len(trend.rows) == 12
    assert trend.rows[-1] == [
        "2026-03",
        series[-1][1]["premium_first_year"],
        Decimal("8000.00"),
    ]
    assert trend.rows[-1][1] == Decimal("12000.00")
    assert trend.display_rows[-1] == ["2026-03", "¥12,000.00", "¥8,000.00"]
    assert trend.columns[0] and len(trend.columns) == 3


def test_target_chart_table(team_charts, world):
    target = team_charts[2]
    rows = {r[0]: r for r in target.rows}
    p1 = rows[world["p1"].display_name]
    assert p1[1:] == [Decimal("12000.00"), Decimal("15000.00"), Decimal("0.8000")]
    assert target.display_rows[[r[0] for r in target.rows].index(p1[0])][3] == "80.0%"


def test_funnel_lists_stages_in_pipeline_order(team_charts):
    funnel = team_charts[3]
    stages = [r[0] for r in funnel.rows]
    assert len(stages) == 7  # six open stages and the won ones of the month
    svg = str(funnel.svg)
    positions = [svg.find(f">{s}<") for s in stages]
    assert all(p > 0 for p in positions)


def test_channel_chart_table(team_charts):
    rows = {r[0]: r for r in team_charts[4].rows}
    assert sum(r[1] for r in rows.values()) == 3  # the three March leads of team A


def test_standard_charts_cost_constant_queries(world, django_assert_num_queries):
    scope = Scope.team(world["team_a"])
    with django_assert_num_queries(7):
        charts.standard_charts(scope, MARCH)
    for i in range(5):
        pol = f.policy(world["c1"], issued_on=dt.date(2026, 3, 2 + i))
        f.premium(pol, amount="100", paid_on=dt.date(2026, 3, 2 + i))
    with django_assert_num_queries(7):
        charts.standard_charts(scope, MARCH)


def test_charts_render_in_a_pdf(team_charts):
    from weasyprint import HTML

    body = "".join(f"<h2>{c.title}</h2>{c.standalone_svg}" for c in team_charts)
    pdf = HTML(string=f"<html><body>{body}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 5000


def test_empty_scope_still_draws(db):
    team, *_rest = f.sales_team(members=1)
    result = charts.standard_charts(Scope.team(team), MARCH)
    assert all(str(c.svg).startswith("<svg") for c in result)
    assert charts.fmt(None, "money") == "—"
    assert charts.fmt(Decimal("0.125"), "percent") == "12.5%"

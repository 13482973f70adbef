"""Charts drawn on the server as SVG with pygal, from the statistics service's figures: the
same chart on the dashboard and in the PDF report.

Each builder returns a :class:`Chart`: its title, unit, the SVG, and the table behind it
(columns and rows, raw and formatted) that the page shows one click away (``<details>``) and
the PDF prints beside the chart.

The content security policy forbids inline scripts *and* inline styles, so the SVG put in a
page (``Chart.svg``) carries neither: pygal's ``<script>`` (only needed for its JavaScript
tooltips) is dropped, and its stylesheet, the same for every chart of the house style, is
served as the static file ``reports/charts.css`` (``chart_css()`` produces it; a test keeps
the file in step). Files without such a policy (the PDF through WeasyPrint) use
``Chart.standalone_svg``, which embeds the stylesheet. Labels use the platform's CJK font
family, as the pages do.
"""

import html
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import pygal
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from core.templatetags.core_tags import money, pct

from . import statistics

FONT_FAMILY = (
    '"PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Noto Sans TC", '
    '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'
)
MAX_SERIES = 12
COLOURS = ("#1f5fbf", "#9aa7b8", "#2e8b57", "#d9822b", "#8e44ad", "#c0392b", "#16a085")
STYLE = Style(
    background="transparent",
    plot_background="#ffffff",
    foreground="#343a40",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    opacity=".9",
    opacity_hover="1",
    transition="0ms",
    colors=COLOURS,
    font_family=FONT_FAMILY,
    title_font_size=14,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    value_font_size=12,
    value_label_font_size=12,
    tooltip_font_size=12,
)
_COMMON = {
    "style": STYLE,
    "js": [],
    "disable_xml_declaration": True,
    "width": 640,
    "height": 330,
    "margin": 12,
    "margin_bottom": 20,  # pygal under-reserves room for a bottom legend in CJK text
    "legend_box_size": 12,
    "legend_at_bottom": True,
    "legend_at_bottom_columns": 4,
    "truncate_legend": -1,
    "truncate_label": -1,
    "print_values": False,
    "show_minor_x_labels": True,
}


def nice_ticks(values, count=5, integer=False):
    """Round axis ticks from 0 to at least the largest value: steps of 1, 2, 2.5 or 5 × 10^k
    (pygal's own choice of major labels gives ¥7,000 next to ¥9,000)."""
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1, math.ceil(step))
    ticks = [0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 6))
    return ticks


def unit_label(unit):
    """The unit as shown beside a chart title: 元, 件, %, 天, 分."""
    return {
        "money": _("yuan"),
        "count": _("count"),
        "percent": "%",
        "days": _("days"),
        "score": _("score 1–5"),
    }.get(unit, "")


def fmt(value, unit):
    """A value as the pages and files show it."""
    if value is None:
        return "—"
    if unit == "money":
        return money(value)
    if unit == "percent":
        return pct(value)
    if isinstance(value, Decimal) and unit in ("count", "days", "score"):
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    return str(value)


def _number(value, unit):
    """A value for pygal (floats; percentages as 0–100)."""
    if value is None:
        return None
    number = float(value)
    return number * 100 if unit == "percent" else number


def _formatter(unit):
    if unit == "money":
        return lambda v: f"¥{v:,.0f}" if v is not None else ""
    if unit == "percent":
        return lambda v: f"{v:.1f}%" if v is not None else ""
    return lambda v: f"{v:,.1f}".rstrip("0").rstrip(".") if v is not None else ""


@dataclass
class Chart:
    """A chart and the table behind it."""

    key: str
    title: str
    unit: str
    svg_source: str = field(repr=False)  # without the title (the page's card shows it)
    standalone_source: str = field(repr=False)  # with the title, for the PDF and files
    columns: list
    column_units: list
    rows: list  # raw values, for files

    @property
    def unit_label(self):
        return unit_label(self.unit)

    @property
    def svg(self):
        """The SVG for a page: no script, no inline style (see the module docstring)."""
        return mark_safe(_strip(self.svg_source)[0])  # noqa: S308 - pygal's own markup

    @property
    def standalone_svg(self):
        """The SVG with its stylesheet embedded, for the PDF (WeasyPrint) and files."""
        body, css = _strip(self.standalone_source)
        style = f"<defs><style>{html.escape(css, quote=False)}</style></defs>"
        return mark_safe(body.replace(">", ">" + style, 1))  # noqa: S308

    @property
    def display_rows(self):
        """The rows formatted as on the page."""
        return [
            [fmt(v, u) if u != "text" else v for v, u in zip(row, self.column_units, strict=True)]
            for row in self.rows
        ]


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_STYLE_ATTR = re.compile(r'\sstyle="[^"]*"')
_CHART_ID = re.compile(r"#chart-[0-9a-f-]+")
_ID_ATTR = re.compile(r'\sid="chart-[0-9a-f-]+"')


def _strip(source):
    """(svg without script, style, comments and the random id; the stylesheet, scoped to
    ``svg.pygal-chart``)."""
    css = "\n".join(html.unescape(m) for m in _STYLE.findall(source))
    css = _CHART_ID.sub("svg.pygal-chart", css)
    body = _SCRIPT.sub("", source)
    body = _STYLE.sub("", body)
    body = _COMMENT.sub("", body)
    body = _STYLE_ATTR.sub("", body)
    body = _ID_ATTR.sub("", body)
    body = body.replace("<defs></defs>", "")
    return body, css


@cache
def chart_css():
    """The stylesheet of every chart (house style); static/reports/charts.css holds it."""
    sample = pygal.Line(**_COMMON)
    for i in range(MAX_SERIES):  # pygal writes a colour rule per series drawn
        sample.add(f"s{i}", [1, 2])
    _body, css = _strip(sample.render(is_unicode=True))
    extra = (
        "\n/* house additions */\n"
        "svg.pygal-chart .tooltip{display:none}\n"
        "svg.pygal-chart .line-graph .series .line{stroke-width:2}\n"
        "svg.pygal-chart{width:100%;height:auto;max-height:22rem}\n"
    )
    return css + extra


def _render(chart, title):
    """(the SVG without the title, the SVG with it)."""
    chart.title = None
    bare = chart.render(is_unicode=True)
    chart.title = title
    return bare, chart.render(is_unicode=True)


# --- the charts ------------------------------------------------------------------------------


def trend_chart(series, keys, *, title=None, key="trend"):
    """Lines over the periods of ``series`` (from statistics.trend) for the figures ``keys``
    (all of one unit)."""
    figures = [statistics.FIGURES_BY_KEY[k] for k in keys]
    unit = figures[0].unit
    chart = pygal.Line(
        **_COMMON,
        x_label_rotation=0,
        value_formatter=_formatter(unit),
        dots_size=3,
        show_y_guides=True,
        show_x_guides=False,
    )
    title = title or ", ".join(str(f.label) for f in figures)
    full_title = f"{title} ({unit_label(unit)})"
    chart.x_labels = [p.label for p, _v in series]
    values = []
    for figure in figures:
        numbers = [_number(v.get(figure.key), unit) for _p, v in series]
        values.extend(numbers)
        chart.add(str(figure.label), numbers)
    chart.y_labels = nice_ticks(values, integer=unit == "count")
    rows = [[p.label, *(v.get(f.key) for f in figures)] for p, v in series]
    bare, standalone = _render(chart, full_title)
    return Chart(
        key=key,
        title=title,
        unit=unit,
        svg_source=bare,
        standalone_source=standalone,
        columns=[_("Period"), *(str(f.label) for f in figures)],
        column_units=["text", *(unit for _f in figures)],
        rows=rows,
    )


def target_chart(rows, figure_key, *, title=None, key=None):
    """Actual against target per person (or team): ``rows`` are dicts with ``label``, the
    figure's value under ``figure_key`` and ``target`` (None: no target)."""
    figure = statistics.FIGURES_BY_KEY[figure_key]
    unit = figure.unit
    chart = pygal.Bar(
        **_COMMON,
        value_formatter=_formatter(unit),
        x_label_rotation=-20 if len(rows) > 6 else 0,
        show_x_guides=False,
    )
    title = title or _("%(figure)s: actual and target") % {"figure": figure.label}
    full_title = f"{title} ({unit_label(unit)})"
    chart.x_labels = [str(r["label"]) for r in rows]
    actual = [_number(r.get(figure_key), unit) for r in rows]
    goal = [_number(r.get("target"), unit) for r in rows]
    chart.add(_("Actual"), actual)
    chart.add(_("Target"), goal)
    chart.y_labels = nice_ticks(actual + goal, integer=unit == "count")
    table = []
    for r in rows:
        value, target = r.get(figure_key), r.get("target")
        completion = (
            (Decimal(value) / Decimal(target)).quantize(statistics.RATE)
            if target and value is not None
            else None
        )
        table.append([str(r["label"]), value, target, completion])
    bare, standalone = _render(chart, full_title)
    return Chart(
        key=key or f"target_{figure_key}",
        title=title,
        unit=unit,
        svg_source=bare,
        standalone_source=standalone,
        columns=[_("Name"), _("Actual"), _("Target"), _("Completion")],
        column_units=["text", unit, unit, "percent"],
        rows=table,
    )


def funnel_chart(stages, *, title=None, key="funnel"):
    """The pipeline funnel: ``stages`` from statistics.pipeline, first stage on top."""
    chart = pygal.HorizontalBar(
        **{
            **_COMMON,
            "show_legend": False,
            "margin_bottom": 12,
            "margin_left": 36,  # room for the longest stage name in CJK
            "value_formatter": _formatter("count"),
            "print_values": True,
            "show_y_guides": False,
        }
    )
    title = title or _("Pipeline funnel")
    full_title = f"{title} ({unit_label('count')})"
    ordered = list(reversed(stages))  # pygal draws the first label at the bottom
    chart.x_labels = [str(s["label"]) for s in ordered]
    chart.add(_("Opportunities"), [s["count"] for s in ordered])
    chart.y_labels = nice_ticks([s["count"] for s in ordered], integer=True)
    bare, standalone = _render(chart, full_title)
    return Chart(
        key=key,
        title=title,
        unit="count",
        svg_source=bare,
        standalone_source=standalone,
        columns=[_("Stage"), _("Opportunities"), _("Expected annual premium")],
        column_units=["text", "count", "money"],
        rows=[[str(s["label"]), s["count"], s["premium"]] for s in stages],
    )


def channel_chart(rows, *, title=None, key="channels"):
    """New leads by channel (a donut), from statistics.breakdown(..., "channel")."""
    chart = pygal.Pie(
        **{
            **_COMMON,
            "legend_at_bottom": False,
            "inner_radius": 0.45,
            "value_formatter": _formatter("count"),
            "print_values": True,
        }
    )
    title = title or _("New leads by channel")
    full_title = f"{title} ({unit_label('count')})"
    for r in rows:
        chart.add(str(r["label"]), [r.get("leads") or 0])
    bare, standalone = _render(chart, full_title)
    return Chart(
        key=key,
        title=title,
        unit="count",
        svg_source=bare,
        standalone_source=standalone,
        columns=[
            _("Channel"),
            str(statistics.FIGURES_BY_KEY["leads"].label),
            str(statistics.FIGURES_BY_KEY["opportunities_won"].label),
            str(statistics.FIGURES_BY_KEY["conversion_rate"].label),
            str(statistics.FIGURES_BY_KEY["new_policies"].label),
        ],
        column_units=["text", "count", "count", "percent", "count"],
        rows=[
            [
                str(r["label"]),
                r.get("leads"),
                r.get("opportunities_won"),
                r.get("conversion_rate"),
                r.get("new_policies"),
            ]
            for r in rows
        ],
    )


# --- the standard set, for the dashboards and the PDF ------------------------------------------


def standard_charts(scope, period, *, trend_kind="month", ending=None, breakdowns=None):
    """The charts of a dashboard or report for ``scope`` around ``period``: premium and
    new-policy trends over 12 periods, actual vs target per person (team scope) or per team
    (company scope), the pipeline funnel and the channel mix. Constant queries.

    ``breakdowns`` ({by: statistics.breakdown rows} of the same scope and period, as a report
    has them already) saves computing them again."""
    breakdowns = breakdowns or {}

    def rows_by(by, keys):
        if by in breakdowns:
            return [dict(row) for row in breakdowns[by]]
        return statistics.breakdown(scope, period.start, period.end, by, keys=keys)

    ending = ending or period.last_day
    series = statistics.trend(
        scope,
        trend_kind,
        n=12,
        ending=ending,
        keys=("premium_first_year", "premium_renewal", "new_policies", "visits"),
    )
    charts = [
        trend_chart(
            series,
            ("premium_first_year", "premium_renewal"),
            title=_("Premium income, last 12 periods"),
            key="trend_premium",
        ),
        trend_chart(
            series,
            ("new_policies", "visits"),
            title=_("New policies and visits, last 12 periods"),
            key="trend_activity",
        ),
    ]
    if scope.kind in (statistics.Scope.TEAM, statistics.Scope.COMPANY):
        by = "person" if scope.kind == statistics.Scope.TEAM else "team"
        rows = rows_by(by, ("premium_first_year",))
        goals = statistics.targets_by(scope, period.start, period.end, by)
        for row in rows:
            row["target"] = goals.get(row["key"], {}).get("premium")
        charts.append(target_chart(rows, "premium_first_year"))
    charts.append(funnel_chart(statistics.pipeline(scope, period.start, period.end)))
    charts.append(
        channel_chart(
            rows_by("channel", ("leads", "opportunities_won", "conversion_rate", "new_policies"))
        )
    )
    return charts

"""The trend chart of an employee's monthly scores, drawn like the dashboards' charts
(``reports.charts``: server-side SVG, no script, the table one click away)."""

import pygal
from django.utils.translation import gettext as _

from reports.charts import _COMMON, Chart, _render


def score_trend(appraisals):
    """A line of the final scores over the months, with the grade bands' lowest scores."""
    chart = pygal.Line(
        **_COMMON,
        x_label_rotation=0,
        value_formatter=lambda v: f"{v:.2f}" if v is not None else "",
        dots_size=3,
        show_y_guides=True,
        show_x_guides=False,
        range=(0, 100),
    )
    labels = [f"{a.round.year}-{a.round.month or 0:02d}" for a in appraisals]
    chart.x_labels = labels
    chart.y_labels = [0, 20, 40, 60, 80, 100]
    chart.add(
        _("Final score"),
        [float(a.final_score) if a.final_score is not None else None for a in appraisals],
    )
    title = _("Monthly appraisal scores")
    bare, standalone = _render(chart, title)
    return Chart(
        key="appraisal-trend",
        title=title,
        unit="score100",
        svg_source=bare,
        standalone_source=standalone,
        columns=[_("Month"), _("Final score"), _("Grade")],
        column_units=["text", "score100", "text"],
        rows=[
            [label, a.final_score, str(a.grade_label())]
            for label, a in zip(labels, appraisals, strict=True)
        ],
    )

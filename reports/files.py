"""The Excel and PDF files of a report, built from one ``ReportData`` so both show the same
numbers (and the page shows them too: they are stored as the snapshot's figures).

Excel: a summary sheet, one sheet per breakdown (salesperson, team, product, insurer,
channel) and the new policies in detail, written row by row (write-only mode, flat memory).
PDF: A4 with the company header, the period and scope, the key figures and their change, the
charts of reports.charts, the breakdown tables, page numbers and a watermark.
"""

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core import exports
from core.periods import Period

# Each breakdown of a report: (``by`` of statistics.breakdown, sheet and section title).
BREAKDOWNS = (
    ("person", "By salesperson"),
    ("team", "By team"),
    ("product", "By product"),
    ("insurer", "By insurer"),
    ("channel", "By channel"),
)
# The PDF lists at most this many new policies; the Excel file has them all.
PDF_DETAIL_LIMIT = 200
# The new-policy columns the PDF prints (by index in statistics.NEW_POLICY_COLUMNS): number,
# issue date, policyholder, salesperson, team, insurer, product, annual premium, channel.
PDF_DETAIL_COLUMNS = (0, 1, 3, 4, 5, 6, 7, 9, 13)
# The key figures the PDF shows as boxes, and the columns of its breakdown tables (A4 is
# narrow; the Excel file has every figure).
KEY_FIGURES = (
    "premium_total",
    "premium_first_year",
    "new_policies",
    "visits",
    "conversion_rate",
    "commission",
)
PDF_COLUMNS = (
    "premium_total",
    "premium_first_year",
    "commission",
    "new_policies",
    "new_policy_premium",
    "visits",
    "leads",
    "conversion_rate",
)

UNIT_FORMATS = {
    "money": exports.MONEY,
    "count": exports.INTEGER,
    "percent": exports.PERCENT,
    "days": "#,##0.0",
    "score": "#,##0.0",
}


def breakdown_title(by):
    return {
        "person": _("By salesperson"),
        "team": _("By team"),
        "product": _("By product"),
        "insurer": _("By insurer"),
        "channel": _("By channel"),
    }[by]


@dataclass
class Author:
    """Who a stored file names in its watermark: the requester, or the scheduled job."""

    display_name: str
    username: str = "insidesales"

    def __str__(self):
        return self.display_name


@dataclass
class ReportData:
    """Everything a report shows, computed once (reports.services.report_data)."""

    scope: object
    period: Period
    summary: list
    breakdowns: dict  # by -> list of dicts ("key", "label", figure keys)
    figures: list  # statistics.FIGURES
    detail_columns: list
    detail_units: list
    detail_rows: object  # callable() -> iterator of tuples (new policies)
    charts: list = field(default_factory=list)  # reports.charts.Chart

    @property
    def title(self):
        return _("Sales report %(period)s — %(scope)s") % {
            "period": self.period.label,
            "scope": self.scope.label(),
        }

    def figure_columns(self, rows):
        """The figures a breakdown carries, in FIGURES order."""
        present = set()
        for row in rows:
            present.update(row.keys())
        return [f for f in self.figures if f.key in present]


def _number(value):
    if isinstance(value, float):
        return Decimal(str(value))
    return value


# --- Excel ------------------------------------------------------------------------------


class _RowFormat:
    """The number format of the row being written (set as each row is yielded)."""

    current = None


class _RowFormatColumn(exports.Column):
    """A column whose number format follows its row: the summary mixes money, counts and
    days in one column, each row in its figure's unit."""

    def __init__(self, header, width, holder):
        self.holder = holder
        super().__init__(header, width)

    @property
    def number_format(self):
        return self.holder.current

    @number_format.setter
    def number_format(self, value):
        pass  # the row decides


def summary_sheet(data):
    holder = _RowFormat()
    columns = [
        exports.Column(_("Figure"), width=22),
        _RowFormatColumn(_("Actual"), 16, holder),
        _RowFormatColumn(_("Target"), 16, holder),
        exports.Column(_("Completion"), width=11, number_format=exports.PERCENT),
        _RowFormatColumn(_("Previous period"), 16, holder),
        exports.Column(
            pgettext("figure change", "Change"), width=11, number_format=exports.PERCENT
        ),
        _RowFormatColumn(_("Same period last year"), 18, holder),
        exports.Column(_("Change on last year"), width=14, number_format=exports.PERCENT),
    ]

    def rows():
        for row in data.summary:
            holder.current = UNIT_FORMATS.get(row.figure.unit)
            yield (
                str(row.figure.label),
                _number(row.value),
                _number(row.target),
                _number(row.completion),
                _number(row.previous),
                _number(row.change),
                _number(row.last_year),
                _number(row.change_last_year),
            )

    return exports.Sheet(_("Summary"), columns, rows())


def breakdown_sheet(data, by):
    rows = data.breakdowns.get(by) or []
    figures = data.figure_columns(rows)
    label_header = {
        "person": _("Salesperson"),
        "team": _("Team"),
        "product": _("Product"),
        "insurer": _("Insurer"),
        "channel": _("Channel"),
    }[by]
    columns = [exports.Column(label_header, width=24)]
    for f in figures:
        summable = f.unit in ("money", "count")
        columns.append(
            exports.Column(
                str(f.label),
                width=max(12, min(24, len(str(f.label)) * 2 + 4)),
                number_format=UNIT_FORMATS.get(f.unit),
                total=summable,
            )
        )
    values = [
        (str(row.get("label") or "—"), *(_number(row.get(f.key)) for f in figures)) for row in rows
    ]
    return exports.Sheet(breakdown_title(by), columns, values)


DETAIL_FORMATS = {"date": exports.DATE, "money": exports.MONEY, "count": exports.INTEGER}


def detail_sheet(data):
    """New policies, one row each, streamed from the database into the write-only sheet."""
    columns = []
    for label, unit in zip(data.detail_columns, data.detail_units, strict=False):
        label = str(label)
        columns.append(
            exports.Column(
                label,
                width=max(11, min(30, len(label) * 2 + 4)),
                number_format=DETAIL_FORMATS.get(unit),
                total=unit == "money",
            )
        )
    return exports.Sheet(_("New policy details"), columns, data.detail_rows())


def build_excel(out, data, *, author, stamped=True):
    """Write the report's workbook to ``out``; returns the number of new-policy rows.

    ``stamped=False`` writes the stored original that each download stamps for its
    downloader (``core.stamping``)."""
    summary = summary_sheet(data)
    sheets = [summary, *(breakdown_sheet(data, by) for by, _title in BREAKDOWNS)]
    detail = detail_sheet(data)
    sheets.append(detail)
    exports.write_workbook(
        out,
        sheets,
        user=author,
        title=data.title,
        stamped=stamped,
        filters=[
            (_("Period"), f"{data.period.label} ({data.period.start} – {data.period.last_day})"),
            (_("Scope"), data.scope.label()),
        ],
    )
    return detail.row_count


# --- PDF --------------------------------------------------------------------------------


def pdf_context(data):
    """What templates/reports/report_pdf.html shows."""
    sections = []
    for by, _title in BREAKDOWNS:
        rows = data.breakdowns.get(by) or []
        if not rows:
            continue
        figures = [f for f in data.figure_columns(rows) if f.key in PDF_COLUMNS]
        sections.append(
            {
                "by": by,
                "title": breakdown_title(by),
                "figures": figures,
                "rows": [
                    {"label": row.get("label"), "values": [(f, row.get(f.key)) for f in figures]}
                    for row in rows
                ],
                "totals": [
                    (f, _total(rows, f.key) if f.unit in ("money", "count") else None)
                    for f in figures
                ],
            }
        )
    detail = list(itertools.islice(data.detail_rows(), PDF_DETAIL_LIMIT + 1))
    return {
        "data": data,
        "period": data.period,
        "scope_label": data.scope.label(),
        "summary": data.summary,
        "key_figures": [row for row in data.summary if row.figure.key in KEY_FIGURES],
        "charts": data.charts,
        "sections": sections,
        "detail_columns": [
            data.detail_columns[i] for i in PDF_DETAIL_COLUMNS if i < len(data.detail_columns)
        ],
        "detail_rows": [
            [_shown(row[i]) for i in PDF_DETAIL_COLUMNS if i < len(row)]
            for row in detail[:PDF_DETAIL_LIMIT]
        ],
        "detail_truncated": len(detail) > PDF_DETAIL_LIMIT,
        "detail_limit": PDF_DETAIL_LIMIT,
    }


def _shown(value):
    """A detail cell as the PDF prints it."""
    from core.templatetags.core_tags import money, ymd

    if value is None or value == "":
        return "—"
    if isinstance(value, (dt.date, dt.datetime)):
        return ymd(value)
    if isinstance(value, (Decimal, float)):
        return money(value)
    return str(value)


def _total(rows, key):
    total = Decimal(0)
    for row in rows:
        value = row.get(key)
        if isinstance(value, (int, Decimal, float)):
            total += Decimal(str(value))
    return total


def build_pdf(data, *, author, stamped=True):
    """The report as PDF bytes (``stamped=False``: the stored original, see build_excel)."""
    return exports.render_pdf(
        "reports/report_pdf.html",
        pdf_context(data),
        user=author,
        title=data.title,
        stamped=stamped,
    )

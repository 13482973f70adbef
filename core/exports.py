"""Excel and PDF: the one place every export and report builds its files.

Excel uses openpyxl's write-only mode (flat memory whatever the row count): a styled, frozen
header with an autofilter, number formats, widths, optional totals, and every string that
a spreadsheet could read as a formula written as text. PDF uses WeasyPrint on A4 with the
company header, page numbers, a CJK font and a watermark naming who downloaded it and when.
"""

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from . import stamping
from .services import export_log

TEXT = "@"
INTEGER = "#,##0"
MONEY = '"¥"#,##0.00'
DECIMAL = "#,##0.00"
PERCENT = "0.0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Column:
    """One column of a sheet: its header, width in characters, number format, total or not."""

    header: str
    width: float = 14
    number_format: str | None = None
    total: bool = False


@dataclass
class Sheet:
    """A table to write: a title, its columns and an iterable of row tuples."""

    title: str
    columns: list
    rows: object
    note: str = ""
    row_count: int = field(default=0, init=False)


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="305496")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOTAL_FONT = Font(bold=True)
_TOTAL_BORDER = Border(top=Side(style="thin"))


def safe_cell_value(value, tz=None):
    """Values as Excel should store them; aware datetimes become local naive ones (in ``tz``,
    by default the current time zone)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value.astimezone(tz or timezone.get_current_timezone()).replace(tzinfo=None)
    if value is None:
        return None
    if isinstance(value, (int, float, Decimal, dt.date, dt.datetime, bool)):
        return value
    return str(value)


def _cell(ws, value, number_format=None):
    value = safe_cell_value(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        # Never a formula: text typed by a user must not run in the reader's Excel.
        cell.data_type = "s"
    if number_format and not isinstance(value, str):
        cell.number_format = number_format
    elif isinstance(value, dt.datetime):
        cell.number_format = DATETIME
    elif isinstance(value, dt.date):
        cell.number_format = DATE
    return cell


_PLAIN_NUMBERS = frozenset((int, float, Decimal, bool))


def _row_value(ws, value, number_format=None, styled=None, column=0, tz=None):
    """A data cell: the plain value where openpyxl's own cell is the same, else a cell.

    openpyxl's write-only sheet reuses one cell for plain values, but a cell object passed
    in costs it a failed assignment and a new cell: on a report's 200,000 cells that was
    half the time of writing the workbook. Text that could read as a formula, and numbers
    or date-times with a format of their own, still get their cell.

    ``styled`` ({(column, format): cell}, one per sheet) reuses a column's formatted cell
    from row to row: openpyxl writes a row's cells out as ``append`` takes them, so the
    same cell can carry the next row's value, without a new cell and a style lookup each.
    ``tz``: the time zone of date-times (looked up once per sheet, not once per cell).
    """
    # The common cases first, by exact type (a 100,000-row export passes 2.8 million).
    kind = type(value)
    if kind is str:
        return _cell(ws, value) if value.startswith(FORMULA_PREFIXES) else value
    if value is None or (number_format is None and kind in _PLAIN_NUMBERS):
        return value
    value = safe_cell_value(value, tz)
    if value is None:
        return None
    if isinstance(value, str):
        return _cell(ws, value) if value.startswith(FORMULA_PREFIXES) else value
    if isinstance(value, dt.datetime):
        fmt = number_format or DATETIME
    elif isinstance(value, dt.date):
        fmt = number_format or DATE
        if fmt == DATE:
            return value  # openpyxl gives a date this very format
    else:
        fmt = number_format
    if not fmt:
        return value
    if styled is None:
        return _cell(ws, value, fmt)
    cell = styled.get((column, fmt))
    if cell is None:
        cell = styled[(column, fmt)] = _cell(ws, value, fmt)
    else:
        cell.value = value
    return cell


def _watermark(user, level=None):
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    who = getattr(user, "display_name", None) or str(user or "")
    return _("%(mark)s — exported by %(who)s at %(when)s") % {
        "mark": stamping.class_mark(level),
        "who": who,
        "when": when,
    }


def write_workbook(out, sheets, *, user, title="", filters=None, stamped=True, level=None):
    """Write ``sheets`` as an .xlsx to the binary file ``out``; returns total data rows.

    ``filters`` are listed on the information sheet: (label, shown value) pairs, or a dict.
    ``stamped=False`` writes a file to store: it holds ``core.stamping.PLACEHOLDER`` where
    each download gets its downloader's mark (``core.stamping.stamp_xlsx``). ``level``: the
    confidentiality class whose mark the file carries (``core.classification``).
    """
    wb = Workbook(write_only=True)
    wb.properties.title = title
    wb.properties.creator = getattr(user, "username", "") or "insidesales"
    mark = _watermark(user, level) if stamped else stamping.PLACEHOLDER
    wb.properties.description = mark
    total_rows = 0
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.title[:31])
        ncols = len(sheet.columns)
        for i, col in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = "A2"
        ws.oddHeader.center.text = mark
        ws.oddFooter.center.text = "&P / &N"
        header = []
        for col in sheet.columns:
            c = WriteOnlyCell(ws, value=str(col.header))
            c.font, c.fill, c.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
            header.append(c)
        ws.append(header)
        totals = [Decimal(0) if col.total else None for col in sheet.columns]
        n = 0
        styled = {}
        tz = timezone.get_current_timezone()
        summed = [i for i, col in enumerate(sheet.columns) if col.total]
        # A column's format is read on every row: a summary's columns change it by row.
        for row in sheet.rows:
            ws.append(
                [
                    _row_value(ws, v, col.number_format, styled, i, tz)
                    for i, (v, col) in enumerate(zip(row, sheet.columns, strict=False))
                ]
            )
            for i in summed:
                if isinstance(row[i], (int, float, Decimal)):
                    totals[i] += Decimal(str(row[i]))
            n += 1
        sheet.row_count = n
        total_rows += n
        last_col = get_column_letter(max(ncols, 1))
        ws.auto_filter.ref = f"A1:{last_col}{n + 1}"
        if any(col.total for col in sheet.columns):
            cells = []
            for i, col in enumerate(sheet.columns):
                value = totals[i] if col.total else (_("Total") if i == 0 else None)
                c = _cell(ws, value, col.number_format)
                c.font, c.border = _TOTAL_FONT, _TOTAL_BORDER
                cells.append(c)
            ws.append(cells)
    info = wb.create_sheet(title=_("Export information")[:31])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 60
    info.append([_cell(info, _("Title")), _cell(info, title)])
    info.append([_cell(info, _("Exported by")), _cell(info, getattr(user, "display_name", user))])
    info.append([_cell(info, _("Exported at")), _cell(info, timezone.now())])
    info.append([_cell(info, _("Rows")), _cell(info, total_rows)])
    pairs = filters.items() if isinstance(filters, dict) else (filters or ())
    for key, value in pairs:
        if value not in ("", None, []):
            info.append([_cell(info, _("Filter: %(name)s") % {"name": key}), _cell(info, value)])
    info.append([_cell(info, _("Classification")), _cell(info, mark)])
    wb.save(out)
    return total_rows


def _attachment(response, filename):
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(filename)
    return response


def excel_response(
    request,
    *,
    filename,
    sheets,
    what,
    filters=None,
    filter_labels=None,
    clear_values=False,
    purpose="",
    level=None,
):
    """Build the workbook in a spooled temporary file, log the export, return the download.

    The export log keeps ``filters`` as sent (query keys and raw values, so the same export can
    be reproduced); the information sheet shows ``filter_labels`` — (label, shown value) pairs —
    when given. ``clear_values`` and ``purpose``: a clear export's (core.clear_exports).
    """
    # FileResponse closes it after streaming.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    shown = filter_labels if filter_labels is not None else filters
    rows = write_workbook(
        out, sheets, user=request.user, title=str(what), filters=shown, level=level
    )
    out.seek(0)
    export_log(
        user=request.user,
        what=what,
        file_format="xlsx",
        row_count=rows,
        filters=filters,
        filter_labels=filter_labels if isinstance(filter_labels, (list, tuple)) else None,
        request=request,
        clear_values=clear_values,
        purpose=purpose,
    )
    response = FileResponse(out, content_type=XLSX_TYPE)
    return _attachment(response, filename)


# --- PDF ----------------------------------------------------------------------------------


def cjk_font_family():
    """The CJK font for the active language (a bare sans-serif would pick the Japanese one)."""
    lang = translation.get_language() or settings.LANGUAGE_CODE
    if lang.lower() in ("zh-hans", "zh-cn"):
        return '"Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'
    return '"Noto Sans CJK TC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'


def render_pdf(template_name, context, *, user, title, stamped=True, level=None):
    """Render a template that extends ``pdf/base.html`` to PDF bytes.

    ``stamped=False`` renders a file to store: the class mark without a person's watermark,
    which each download adds for its downloader (``core.stamping.stamp_pdf``).
    """
    from weasyprint import HTML

    context = {
        **context,
        "title": title,
        "company_name": settings.COMPANY_NAME or _("Inside-Sales Management"),
        "watermark": _watermark(user, level) if stamped else stamping.class_mark(level),
        "class_mark": stamping.class_mark(level),
        "stamped": stamped,
        "font_family": cjk_font_family(),
        "generated_at": timezone.localtime(),
        "user": user,
    }
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(
    request,
    *,
    template_name,
    context,
    filename,
    what,
    row_count=0,
    filters=None,
    level=None,
):
    """Render the PDF, log the export, return the download (``level``: its class mark)."""
    data = render_pdf(template_name, context, user=request.user, title=str(what), level=level)
    export_log(
        user=request.user,
        what=what,
        file_format="pdf",
        row_count=row_count,
        filters=filters,
        request=request,
    )
    response = HttpResponse(data, content_type="application/pdf")
    return _attachment(response, filename)

"""The attendance Excel import: the template, checking each row, and saving every row or
none (the pattern of the question bank's import, ``training.services.online_import``).

The file's headers and status words are Chinese and fixed (Traditional, with Simplified
and English accepted on upload): the file is a data contract, not page text. A row for an
employee and day already recorded replaces that record.
"""

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from core.i18n import Text
from core.services import audit_event, save_checked
from training.services.online_import import ImportResult, ImportRow

from ..models import AttendanceRecord

DATA_SHEET = "考勤"
TEMPLATE_ROWS = 1000
Status = AttendanceRecord.Status
STATUS_WORDS = {
    Status.PRESENT: ("出勤", "正常", "present"),
    Status.LATE: ("遲到", "迟到", "late"),
    Status.ABSENT: ("缺勤", "曠工", "旷工", "absent"),
    Status.LEAVE: ("請假", "请假", "leave", "on leave"),
    Status.TRIP: ("出差", "trip", "business trip"),
}
# key, header, aliases, required, width
COLUMNS = (
    ("employee_no", "工號", ("工号", "employee no", "employee_no"), True, 12),
    ("name", "姓名", ("name",), False, 12),
    ("day", "日期", ("date", "day"), True, 12),
    ("status", "狀態", ("状态", "status"), True, 10),
    ("check_in", "上班時間", ("上班时间", "check-in", "check_in"), False, 10),
    ("check_out", "下班時間", ("下班时间", "check-out", "check_out"), False, 10),
    ("note", "備註", ("备注", "note"), False, 30),
)


def _key(text):
    return re.sub(r"[\s*＊_-]", "", str(text or "")).lower()


def _label(key):
    return next(header for k, header, *_rest in COLUMNS if k == key)


def build_template(out):
    """The template: the data sheet with a status drop-down, and an instructions sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    for i, (_k, header, _a, required, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i, value=header + ("*" if required else ""))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C00000" if required else "305496")
        ws.column_dimensions[cell.column_letter].width = width
    statuses = DataValidation(type="list", formula1='"出勤,遲到,缺勤,請假,出差"', allow_blank=True)
    statuses.add(f"D2:D{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(statuses)
    ws.freeze_panes = "A2"
    guide = wb.create_sheet("填寫說明")
    guide.column_dimensions["A"].width = 90
    for line in (
        "考勤匯入說明",
        "1. 在「考勤」工作表第 2 行起每行填一人一天，不要改動第 1 行標題。",
        "2. 標 * 的欄位必填：工號、日期（YYYY-MM-DD）、狀態（出勤、遲到、缺勤、請假、出差）。",
        "3. 上班、下班時間可留空，格式 HH:MM；姓名僅供核對。",
        "4. 同一員工同一天已有記錄時，以檔案為準更新。",
        "5. 上傳後逐行檢查；只要有一行有誤，整個檔案都不匯入，頁面列出每個錯誤的行與欄。",
    ):
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    wb.save(out)


def read_sheet(f):
    result = ImportResult()
    try:
        f.seek(0)
        wb = load_workbook(f, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        result.file_errors.append(_("This file is not an Excel workbook (.xlsx)."))
        return result
    try:
        ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        index = {}
        for key, title, aliases, *_rest in COLUMNS:
            for alias in (title, key, *aliases):
                index[_key(alias)] = key
        keys = [index.get(_key(h)) for h in header]
        missing = [c[1] for c in COLUMNS if c[3] and c[0] not in keys]
        if missing:
            result.file_errors.append(
                _("The first row must hold the template's headers; missing: %(names)s.")
                % {"names": "、".join(missing)}
            )
            return result
        for number, cells in enumerate(rows, start=2):
            cells = tuple(cells[: len(keys)])
            if all(c is None or not str(c).strip() for c in cells):
                continue
            result.rows.append(
                ImportRow(number, {k: c for k, c in zip(keys, cells, strict=False) if k})
            )
    finally:
        wb.close()
    if not result.rows and not result.file_errors:
        result.file_errors.append(_("The file has no attendance rows."))
    return result


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(_text(value).replace("/", "-"))


def _time(value):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    hours, minutes = _text(value).replace("：", ":").split(":")[:2]
    return dt.time(int(hours), int(minutes))


def attendance_import(*, actor, upload):
    """Import the rows of ``upload``: every row or none; the result lists each bad row's
    errors, each naming its column."""
    if not actor.has_perm("payroll.add_attendancerecord") or not actor.has_perm(
        "payroll.change_attendancerecord"
    ):
        raise PermissionDenied
    from org.models import Employee

    result = read_sheet(upload)
    if result.file_errors:
        return result
    numbers = {_text(r.values.get("employee_no")) for r in result.rows}
    employees = {e.employee_no: e for e in Employee.objects.filter(employee_no__in=numbers)}
    words = {_key(w): status for status, ws in STATUS_WORDS.items() for w in ws}
    parsed, seen = [], {}
    for row in result.rows:
        values, errors = row.values, []
        number = _text(values.get("employee_no"))
        employee = employees.get(number)
        if not number:
            errors.append(_("%(column)s is required.") % {"column": _label("employee_no")})
        elif employee is None:
            errors.append(
                _("%(column)s: no employee numbered “%(value)s”.")
                % {"column": _label("employee_no"), "value": number}
            )
        day = None
        try:
            day = _date(values.get("day"))
        except (TypeError, ValueError):
            errors.append(
                _("%(column)s: “%(value)s” is not a date (YYYY-MM-DD).")
                % {"column": _label("day"), "value": _text(values.get("day"))}
            )
        status_text = _text(values.get("status"))
        status = words.get(_key(status_text))
        if status is None:
            errors.append(
                _(
                    "%(column)s: “%(value)s” is not one of the choices "
                    "(出勤, 遲到, 缺勤, 請假, 出差)."
                )
                % {"column": _label("status"), "value": status_text}
            )
        times = {}
        for key in ("check_in", "check_out"):
            try:
                times[key] = _time(values.get(key))
            except (TypeError, ValueError):
                errors.append(
                    _("%(column)s: “%(value)s” is not a time (HH:MM).")
                    % {"column": _label(key), "value": _text(values.get(key))}
                )
        note = _text(values.get("note"))
        if len(note) > 200:
            errors.append(
                _("%(column)s is longer than %(max)d characters.")
                % {"column": _label("note"), "max": 200}
            )
        if employee is not None and day is not None:
            first = seen.setdefault((employee.pk, day), row.number)
            if first != row.number:
                errors.append(
                    _("%(column)s: the same employee and day as row %(row)d.")
                    % {"column": _label("day"), "row": first}
                )
        for message in errors:
            result.add(row.number, message)
        if not errors:
            parsed.append((row.number, employee, day, status, times, note))
    if not result.ok:
        return result
    existing = {
        (r.employee_id, r.day): r
        for r in AttendanceRecord.objects.filter(
            employee__in=[p[1] for p in parsed], day__in={p[2] for p in parsed}
        )
    }
    with transaction.atomic():
        for number, employee, day, status, times, note in parsed:
            record = existing.get((employee.pk, day)) or AttendanceRecord(
                employee=employee, day=day
            )
            record.status = status
            record.check_in, record.check_out = times.get("check_in"), times.get("check_out")
            record.note = note
            try:
                save_checked(record, actor)
            except ValidationError as exc:
                transaction.set_rollback(True)
                for message in exc.messages:
                    result.add(number, message)
                result.imported = 0
                return result
            result.imported += 1
        audit_event(
            actor=actor,
            verb="attendance_imported",
            message=Text(
                gettext_noop("%(count)s attendance rows imported"), {"count": result.imported}
            ),
        )
    return result

"""The Excel import: its template, reading an upload, checking one row, the error report.

The file's headers and choice words are Chinese and fixed (Traditional, with Simplified and
English accepted on upload), so a template downloaded in one UI language imports in any
other: the file is a data contract, not page text.
"""

import datetime as dt
import re
from contextlib import suppress
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core import exports

from . import selectors
from .models import Customer, CustomerTag, Need

DATA_SHEET = "客戶資料"
LISTS_SHEET = "選項"
HELP_SHEET = "填寫說明"
TEMPLATE_ROWS = 2000
ERROR_HEADER = "錯誤說明"


def _choices(pairs):
    """{code: (Traditional, Simplified)}."""
    return dict(pairs)


KIND = _choices([("individual", ("個人", "个人")), ("company", ("企業", "企业"))])
GENDER = _choices([("male", ("男", "男")), ("female", ("女", "女"))])
ID_TYPE = _choices(
    [
        ("prc_id", ("居民身份證", "居民身份证")),
        ("passport", ("護照", "护照")),
        ("hk_macau", ("港澳居民來往內地通行證", "港澳居民来往内地通行证")),
        ("taiwan", ("臺灣居民來往大陸通行證", "台湾居民来往大陆通行证")),
        ("uscc", ("統一社會信用代碼", "统一社会信用代码")),
        ("other", ("其他", "其他")),
    ]
)
OCCUPATION_CLASS = _choices([(str(i), (f"{i}類", f"{i}类")) for i in range(1, 7)])
INCOME = _choices(
    [
        ("lt100k", ("10萬以下", "10万以下")),
        ("100k_300k", ("10–30萬", "10–30万")),
        ("300k_500k", ("30–50萬", "30–50万")),
        ("500k_1m", ("50–100萬", "50–100万")),
        ("gt1m", ("100萬以上", "100万以上")),
    ]
)
MARITAL = _choices(
    [
        ("single", ("未婚", "未婚")),
        ("married", ("已婚", "已婚")),
        ("divorced", ("離異", "离异")),
        ("widowed", ("喪偶", "丧偶")),
    ]
)
CHANNEL = _choices(
    [
        ("telemarketing", ("電話營銷", "电话营销")),
        ("online", ("網絡推廣", "网络推广")),
        ("social_event", ("社交活動", "社交活动")),
        ("referral", ("客戶推薦", "客户推荐")),
        ("walk_in", ("自行上門", "自行上门")),
        ("other", ("其他", "其他")),
    ]
)
STAGE = _choices(
    [
        ("prospect", ("潛在客戶", "潜在客户")),
        ("intending", ("意向客戶", "意向客户")),
        ("customer", ("成交客戶", "成交客户")),
        ("lapsed", ("失效客戶", "失效客户")),
    ]
)
GRADE = _choices([("vip", ("VIP", "VIP")), ("a", ("A", "A")), ("b", ("B", "B")), ("c", ("C", "C"))])
NEED = _choices(
    [
        ("life", ("壽險", "寿险")),
        ("critical_illness", ("重疾險", "重疾险")),
        ("medical", ("醫療險", "医疗险")),
        ("accident", ("意外險", "意外险")),
        ("annuity", ("年金/養老", "年金/养老")),
        ("education", ("教育金", "教育金")),
        ("property", ("財產險", "财产险")),
        ("other", ("其他", "其他")),
    ]
)
_MODEL_CHOICES = {
    "kind": Customer.Kind,
    "gender": Customer.Gender,
    "id_type": Customer.IdType,
    "occupation_class": Customer.OccupationClass,
    "income_band": Customer.IncomeBand,
    "marital_status": Customer.MaritalStatus,
    "source_channel": Customer.Channel,
    "stage": Customer.Stage,
    "grade": Customer.Grade,
    "needs": Need,
}


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str  # Traditional Chinese, as in the template
    simplified: str
    kind: str = "text"  # text, date, choice, multi, owner, tags
    choices: dict | None = None
    required: bool = False
    width: int = 14
    help: str = ""


COLUMNS = [
    ImportColumn("name", "姓名", "姓名", required=True, width=14, help="中文姓名或公司名稱"),
    ImportColumn("kind", "客戶類型", "客户类型", "choice", KIND, help="個人／企業，空白為個人"),
    ImportColumn("contact_person", "聯絡人", "联络人", help="企業客戶必填"),
    ImportColumn("gender", "性別", "性别", "choice", GENDER, width=8, help="填身份證號可留空"),
    ImportColumn("birth_date", "出生日期", "出生日期", "date", help="YYYY-MM-DD，填身份證號可留空"),
    ImportColumn("id_type", "證件類型", "证件类型", "choice", ID_TYPE, width=18),
    ImportColumn("id_number", "證件號碼", "证件号码", width=22, help="18 位身份證號碼，末位可為 X"),
    ImportColumn("mobile", "手機號碼", "手机号码", required=True, width=16, help="11 位手機號碼"),
    ImportColumn("email", "電子郵件", "电子邮件", width=22),
    ImportColumn("province", "省份", "省份", help="填身份證號可留空"),
    ImportColumn("city", "城市", "城市"),
    ImportColumn("district", "區縣", "区县"),
    ImportColumn("street", "街道地址", "街道地址", width=28),
    ImportColumn("occupation", "職業", "职业"),
    ImportColumn("occupation_class", "職業風險類別", "职业风险类别", "choice", OCCUPATION_CLASS),
    ImportColumn("employer", "工作單位", "工作单位", width=20),
    ImportColumn("income_band", "年收入", "年收入", "choice", INCOME),
    ImportColumn("marital_status", "婚姻狀況", "婚姻状况", "choice", MARITAL),
    ImportColumn("source_channel", "客戶來源", "客户来源", "choice", CHANNEL),
    ImportColumn("stage", "客戶階段", "客户阶段", "choice", STAGE, help="空白為潛在客戶"),
    ImportColumn("grade", "客戶等級", "客户等级", "choice", GRADE, width=10),
    ImportColumn("tags", "標籤", "标签", "tags", help="多個以「、」分隔，須為已有標籤"),
    ImportColumn("needs", "保險需求", "保险需求", "multi", NEED, width=20, help="多個以「、」分隔"),
    ImportColumn(
        "owner", "負責業務員", "负责业务员", "owner", required=True, help="登入帳號或姓名"
    ),
    ImportColumn("notes", "備註", "备注", width=30),
]
_BY_KEY = {c.key: c for c in COLUMNS}


def _header_key(text):
    return re.sub(r"[\s*＊]", "", str(text or "")).lower()


def _header_index():
    """{normalised header: column key}: Traditional, Simplified, the key, the English label."""
    index = {}
    with translation.override("en"):
        for c in COLUMNS:
            aliases = [c.header, c.simplified, c.key]
            with suppress(FieldDoesNotExist, AttributeError):  # "needs": a reverse relation
                aliases.append(str(Customer._meta.get_field(c.key).verbose_name))
            for alias in aliases:
                index[_header_key(alias)] = c.key
    return index


def _choice_index(column):
    """{normalised word: code} accepting Traditional, Simplified, English and the code."""
    index = {}
    model_choices = _MODEL_CHOICES.get(column.key)
    with translation.override("en"):
        english = {v: str(label) for v, label in model_choices.choices} if model_choices else {}
    for code, (trad, simp) in column.choices.items():
        for word in (code, trad, simp, english.get(code, "")):
            if word:
                index[_word(word)] = code
    return index


def _word(text):
    return re.sub(r"\s", "", str(text)).lower()


# --- the template ---------------------------------------------------------------------------


def _write_data_sheet(ws, lists, owners):
    """The data sheet: a header row (required columns marked), text and date formats,
    and drop-down lists (kept on the hidden ``lists`` sheet) for choices and owners."""
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="305496")
    required_fill = PatternFill("solid", fgColor="C00000")
    list_col = 0
    for i, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=column.header + ("*" if column.required else ""))
        cell.font = bold
        cell.fill = required_fill if column.required else fill
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[letter].width = column.width
        if column.kind in ("text", "owner", "tags") and column.key not in ("name", "notes"):
            # Text, so Excel keeps 18-digit ID numbers and leading zeros as typed.
            for row in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=row, column=i).number_format = "@"
        if column.kind == "date":
            for row in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=row, column=i).number_format = "yyyy-mm-dd"
        words = None
        if column.kind == "choice":
            words = [trad for trad, _simp in column.choices.values()]
        elif column.kind == "owner":
            words = owners
        if words:
            list_col += 1
            lletter = get_column_letter(list_col)
            lists.cell(row=1, column=list_col, value=column.header)
            for r, word in enumerate(words, start=2):
                lists.cell(row=r, column=list_col, value=word)
            dv = DataValidation(
                type="list",
                formula1=f"'{LISTS_SHEET}'!${lletter}$2:${lletter}${len(words) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column.header,
                error="請從下拉清單選擇",
            )
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    lists.sheet_state = "hidden"


def _write_guide(guide, tags):
    """The instructions sheet: how to fill in the file, then each column's help and choices."""
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 8
    guide.column_dimensions["C"].width = 60
    guide.append(["客戶資料匯入說明"])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(["1. 在「客戶資料」工作表第 2 行起每行填一位客戶，不要改動第 1 行標題。"])
    guide.append(["2. 標 * 的欄位必填；其他欄位視客戶階段而定：成交客戶須有完整資料。"])
    guide.append(
        ["3. 上傳後逐行檢查；只要有一行有誤，整個檔案都不匯入，並退回附「錯誤說明」欄的檔案。"]
    )
    guide.append(
        ["4. 同一證件號碼、手機號碼或同名同生日的客戶視為重複，不論在檔案內或已在系統中。"]
    )
    guide.append([])
    guide.append(["欄位", "必填", "說明"])
    for c in guide[7]:
        c.font = Font(bold=True)
    for column in COLUMNS:
        note = column.help
        if column.kind == "choice":
            note = (
                (note + "；" if note else "")
                + "可選："
                + "、".join(t for t, _s in column.choices.values())
            )
        if column.kind == "multi":
            note = note + "；可選：" + "、".join(t for t, _s in column.choices.values())
        if column.kind == "tags" and tags:
            note = note + "；現有標籤：" + "、".join(tags)
        guide.append([column.header, "是" if column.required else "", note])
    guide.append([])
    guide.append(
        ["範例", "", "王小明、男、1990-03-07、居民身份證、110101199003071234（示例）、13800138000"]
    )


def build_template(out, *, user):
    """Write the import template: data sheet, instructions, and drop-down lists."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    lists = wb.create_sheet(LISTS_SHEET)
    guide = wb.create_sheet(HELP_SHEET)
    owners = [u.username for u in selectors.assignable_owners(user)]
    tags = list(CustomerTag.objects.values_list("name", flat=True))
    _write_data_sheet(ws, lists, owners)
    _write_guide(guide, tags)
    wb.save(out)


# --- reading an upload -----------------------------------------------------------------------


@dataclass
class ImportRow:
    number: int  # the row number in the sheet (header is row 1)
    values: dict  # key -> cell value
    raw: tuple  # the cells as uploaded, for the error report


@dataclass
class ImportSheet:
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)


def read_sheet(f):
    """Read the first (or the 客戶資料) sheet of an uploaded workbook into an ImportSheet."""
    sheet = ImportSheet()
    try:
        f.seek(0)
        wb = load_workbook(f, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        sheet.file_errors.append(_("This file is not an Excel workbook (.xlsx)."))
        return sheet
    try:
        names = wb.sheetnames
        ws = (
            wb[DATA_SHEET]
            if DATA_SHEET in names
            else wb["客户资料"]
            if "客户资料" in names
            else wb.worksheets[0]
        )
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        index = _header_index()
        keys = [index.get(_header_key(h)) for h in header]
        sheet.headers = ["" if h is None else str(h) for h in header]
        missing = [c.header for c in COLUMNS if c.required and c.key not in keys]
        if missing:
            sheet.file_errors.append(
                _("The first row must hold the template's headers; missing: %(names)s.")
                % {"names": "、".join(missing)}
            )
            return sheet
        width = len(header)
        for number, cells in enumerate(rows, start=2):
            cells = tuple(cells[:width]) + (None,) * (width - len(cells))
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            values = {k: v for k, v in zip(keys, cells, strict=True) if k}
            sheet.rows.append(ImportRow(number, values, cells))
    finally:
        wb.close()
    if not sheet.rows and not sheet.file_errors:
        sheet.file_errors.append(_("The file has no customer rows."))
    return sheet


# --- one row ---------------------------------------------------------------------------------


class ImportContext:
    """What every row is checked against, loaded once: owners, tags, clerks of each team."""

    def __init__(self, actor):
        self.actor = actor
        owners = list(selectors.assignable_owners(actor).select_related("employee__team"))
        self.owners = {}
        for u in owners:
            self.owners[u.username.lower()] = u
            if u.full_name:
                self.owners.setdefault(u.full_name.strip().lower(), u)
        self.tags = {t.name.lower(): t for t in CustomerTag.objects.all()}
        self.choice_index = {c.key: _choice_index(c) for c in COLUMNS if c.choices}
        self._clerks = {}

    def clerk_for(self, team):
        if team.pk not in self._clerks:
            clerks = list(team.clerks.filter(is_active=True).order_by("pk"))
            mine = [c for c in clerks if c.pk == self.actor.pk]
            self._clerks[team.pk] = (mine or clerks or [None])[0]
        return self._clerks[team.pk]


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _split(text):
    return [p.strip() for p in re.split(r"[、,，;；/\n]", text) if p.strip()]


def parse_row(values, context):
    """(model fields, {"tags", "needs"}, [errors]) for one row's cells."""
    fields, extras, errors = {}, {"tags": [], "needs": []}, []
    for column in COLUMNS:
        value = values.get(column.key)
        label = column.header
        if column.key == "id_number" and isinstance(value, float):
            errors.append(
                _("%(column)s: type the number as text, Excel has rounded it.") % {"column": label}
            )
            continue
        if column.kind == "date":
            try:
                fields[column.key] = _date(value)
            except ValueError:
                errors.append(
                    _("%(column)s: “%(value)s” is not a date (YYYY-MM-DD).")
                    % {"column": label, "value": _text(value)}
                )
            continue
        text = _text(value)
        if column.required and not text:
            errors.append(_("%(column)s is required.") % {"column": label})
            continue
        if column.kind == "choice":
            if text:
                code = context.choice_index[column.key].get(_word(text))
                if code is None:
                    errors.append(
                        _("%(column)s: “%(value)s” is not one of the choices.")
                        % {"column": label, "value": text}
                    )
                else:
                    fields[column.key] = code
        elif column.kind == "multi":
            for word in _split(text):
                code = context.choice_index[column.key].get(_word(word))
                if code is None:
                    errors.append(
                        _("%(column)s: “%(value)s” is not one of the choices.")
                        % {"column": label, "value": word}
                    )
                elif code not in extras["needs"]:
                    extras["needs"].append(code)
        elif column.kind == "tags":
            for word in _split(text):
                tag = context.tags.get(word.lower())
                if tag is None:
                    errors.append(
                        _("%(column)s: there is no tag “%(value)s”.")
                        % {"column": label, "value": word}
                    )
                elif tag not in extras["tags"]:
                    extras["tags"].append(tag)
        elif column.kind == "owner":
            owner = context.owners.get(text.lower())
            if owner is None:
                errors.append(
                    _("%(column)s: “%(value)s” is not a salesperson you may assign files to.")
                    % {"column": label, "value": text}
                )
            else:
                team = owner.employee.team
                if team is None:
                    errors.append(
                        _("%(column)s: the salesperson belongs to no team.") % {"column": label}
                    )
                else:
                    fields.update(owner=owner, team=team, clerk=context.clerk_for(team))
        else:
            fields[column.key] = text
    fields.setdefault("kind", "individual")
    fields.setdefault("stage", "prospect")
    if fields.get("id_number") and not fields.get("id_type"):
        fields["id_type"] = "uscc" if fields["kind"] == "company" else "prc_id"
    fields.setdefault("id_type", "" if not fields.get("id_number") else "prc_id")
    return fields, extras, errors


# --- the error report ---------------------------------------------------------------------------


def error_report(out, result, *, user):
    """The uploaded rows back, with an error column: fix them there and upload the file again."""
    sheet = result.sheet
    columns = [exports.Column(h or "", width=14) for h in sheet.headers]
    columns.append(exports.Column(ERROR_HEADER, width=60))

    def rows():
        for row in sheet.rows:
            yield (*row.raw, "；".join(result.errors.get(row.number, [])))

    exports.write_workbook(
        out,
        [exports.Sheet(DATA_SHEET, columns, rows())],
        user=user,
        title=_("Customer import: error report"),
    )

"""The question bank's Excel import: the template, reading an upload, checking each row,
and saving every row or none.

As in the customer import, the file's headers and choice words are Chinese and fixed
(Traditional, with Simplified and English accepted on upload): the file is a data contract,
not page text.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..models import Question
from .online import check_question, question_save, true_false_options

DATA_SHEET = "題庫"
HELP_SHEET = "填寫說明"
TEMPLATE_ROWS = 500
LETTERS = "ABCDEF"

KINDS = {
    Question.Kind.SINGLE: ("單選", "单选", "single"),
    Question.Kind.MULTIPLE: ("多選", "多选", "multiple"),
    Question.Kind.TRUE_FALSE: ("是非", "是非", "true_false", "true/false", "判斷", "判断"),
}
TRUE_WORDS = {"對", "对", "是", "正確", "正确", "true", "t", "yes", "y", "√", "o"}
FALSE_WORDS = {"錯", "错", "否", "錯誤", "错误", "false", "f", "no", "n", "×", "x"}


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str  # Traditional Chinese, as in the template
    aliases: tuple
    required: bool = False
    width: int = 14
    help: str = ""


COLUMNS = [
    ImportColumn("kind", "題型", ("题型", "type", "kind"), True, 10, "單選、多選或是非"),
    ImportColumn("text", "題目", ("题目", "question", "text"), True, 50, "題目文字"),
    *[
        ImportColumn(
            f"option_{letter}",
            f"選項{letter}",
            (f"选项{letter}", f"option{letter}".lower()),
            False,
            24,
            "單選、多選至少填兩個選項；是非題留空" if letter == "A" else "",
        )
        for letter in LETTERS
    ],
    ImportColumn(
        "answer",
        "正確答案",
        ("正确答案", "answer", "correct"),
        True,
        12,
        "單選填一個字母（如 B）；多選填全部正確字母（如 A、C 或 AC）；是非題填 對 或 錯",
    ),
    ImportColumn("explanation", "解析", ("解析", "explanation"), False, 40, "答錯時顯示"),
]


def _key(text):
    return re.sub(r"[\s*＊]", "", str(text or "")).lower()


def _header_index():
    index = {}
    for column in COLUMNS:
        for alias in (column.header, column.key, *column.aliases):
            index[_key(alias)] = column.key
    return index


def _kind_index():
    return {_key(word): kind for kind, words in KINDS.items() for word in words}


def build_template(out, *, course):
    """Write the question template: the data sheet (with a drop-down of the types and two
    example rows to replace) and an instructions sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="305496")
    required_fill = PatternFill("solid", fgColor="C00000")
    for i, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i, value=column.header + ("*" if column.required else ""))
        cell.font = bold
        cell.fill = required_fill if column.required else fill
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = column.width
    kinds = DataValidation(
        type="list",
        formula1='"單選,多選,是非"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="題型",
        error="請從下拉清單選擇",
    )
    kinds.add(f"A2:A{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(kinds)
    ws.freeze_panes = "A2"

    guide = wb.create_sheet(HELP_SHEET)
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 8
    guide.column_dimensions["C"].width = 70
    guide.append([f"題庫匯入說明：{course.code} {course.title}"])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(["1. 在「題庫」工作表第 2 行起每行填一題，不要改動第 1 行標題。"])
    guide.append(["2. 標 * 的欄位必填。題型：單選、多選、是非。"])
    guide.append(
        ["3. 單選題恰有一個正確答案；多選題至少一個，須全部選對才算答對；是非題答案填 對 或 錯。"]
    )
    guide.append(
        ["4. 上傳後逐行檢查；只要有一行有誤，整個檔案都不匯入，頁面列出每個錯誤的行與欄。"]
    )
    guide.append([])
    guide.append(["欄位", "必填", "說明"])
    for c in guide[7]:
        c.font = Font(bold=True)
    for column in COLUMNS:
        guide.append([column.header, "是" if column.required else "", column.help])
    guide.append([])
    guide.append(
        [
            "範例",
            "",
            "單選｜重疾險的等待期一般為？｜30 天｜90 天｜180 天｜｜｜｜B｜多數產品為 90 天",
        ]
    )
    guide.append(["", "", "是非｜確診即賠的疾病無需等待期。｜｜｜｜｜｜｜錯｜意外導致者除外"])
    wb.save(out)


@dataclass
class ImportRow:
    number: int
    values: dict


@dataclass
class ImportResult:
    """What an import found: rows read, questions imported, errors by row (each naming its
    column), errors of the whole file."""

    rows: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)
    file_errors: list = field(default_factory=list)
    imported: int = 0

    @property
    def ok(self):
        return not self.errors and not self.file_errors

    def add(self, row, message):
        self.errors.setdefault(row, []).append(str(message))

    def error_rows(self):
        return sorted(self.errors.items())


def read_sheet(f):
    """Read the 題庫 sheet (or the first) of an uploaded workbook."""
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
        index = _header_index()
        keys = [index.get(_key(h)) for h in header]
        missing = [c.header for c in COLUMNS if c.required and c.key not in keys]
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
            values = {k: c for k, c in zip(keys, cells, strict=False) if k}
            result.rows.append(ImportRow(number, values))
    finally:
        wb.close()
    if not result.rows and not result.file_errors:
        result.file_errors.append(_("The file has no question rows."))
    return result


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _label(key):
    return next(c.header for c in COLUMNS if c.key == key)


def parse_row(values, kinds):
    """({kind, text, explanation, options: [(text, correct)]}, [errors]) of one row."""
    errors = []
    kind_text = _text(values.get("kind"))
    text = _text(values.get("text"))
    answer = _text(values.get("answer"))
    explanation = _text(values.get("explanation"))
    kind = kinds.get(_key(kind_text))
    if not kind_text:
        errors.append(_("%(column)s is required.") % {"column": _label("kind")})
    elif kind is None:
        errors.append(
            _("%(column)s: “%(value)s” is not one of the choices (單選, 多選, 是非).")
            % {"column": _label("kind"), "value": kind_text}
        )
    if not text:
        errors.append(_("%(column)s is required.") % {"column": _label("text")})
    elif len(text) > 2000:
        errors.append(
            _("%(column)s is longer than %(max)d characters.")
            % {"column": _label("text"), "max": 2000}
        )
    if len(explanation) > 2000:
        errors.append(
            _("%(column)s is longer than %(max)d characters.")
            % {"column": _label("explanation"), "max": 2000}
        )
    if not answer:
        errors.append(_("%(column)s is required.") % {"column": _label("answer")})
    options = []
    if kind == Question.Kind.TRUE_FALSE and answer:
        word = _key(answer)
        if word in TRUE_WORDS or word in FALSE_WORDS:
            options = true_false_options(word in TRUE_WORDS)
        else:
            errors.append(
                _("%(column)s: a true/false question's answer is 對 or 錯, not “%(value)s”.")
                % {"column": _label("answer"), "value": answer}
            )
    elif kind is not None and answer:
        letters = {c for c in answer.upper() if c.isalpha()}
        given = {}
        for letter in LETTERS:
            option = _text(values.get(f"option_{letter}"))
            if len(option) > 500:
                errors.append(
                    _("%(column)s is longer than %(max)d characters.")
                    % {"column": _label(f"option_{letter}"), "max": 500}
                )
            if option:
                given[letter] = option
        unknown = sorted(letters - set(given))
        if unknown:
            errors.append(
                _("%(column)s: “%(value)s” names an empty option.")
                % {"column": _label("answer"), "value": "、".join(unknown)}
            )
        options = [(given[letter], letter in letters) for letter in LETTERS if letter in given]
        if not unknown:
            for message in check_question(kind, options):
                errors.append(f"{_label('answer')}: {message}")
    return {"kind": kind, "text": text, "explanation": explanation, "options": options}, errors


def question_import(*, actor, course, upload):
    """Import the questions of ``upload`` into ``course``'s bank: every row or none. The
    result lists each bad row's errors, each naming its column."""
    if not actor.has_perm("training.add_question"):
        raise PermissionDenied
    result = read_sheet(upload)
    if result.file_errors:
        return result
    kinds = _kind_index()
    parsed = []
    seen = {}
    for row in result.rows:
        data, errors = parse_row(row.values, kinds)
        for message in errors:
            result.add(row.number, message)
        if not errors:
            first = seen.setdefault(data["text"], row.number)
            if first != row.number:
                result.add(
                    row.number,
                    _("%(column)s: the same question as row %(row)d.")
                    % {"column": _label("text"), "row": first},
                )
            parsed.append((row.number, data))
    if not result.ok:
        return result
    with transaction.atomic():
        for number, data in parsed:
            question = Question(
                course=course,
                kind=data["kind"],
                text=data["text"],
                explanation=data["explanation"],
            )
            try:
                question_save(actor=actor, question=question, options=data["options"])
            except ValidationError as exc:  # pragma: no cover - parse_row checks the same
                transaction.set_rollback(True)
                for message in exc.messages:
                    result.add(number, message)
                result.imported = 0
                return result
            result.imported += 1
    return result

"""Excel import (template, row checks, all or nothing, error report, background job) and export."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from core.models import ExportLog, TaskRun
from customers.imports import COLUMNS, DATA_SHEET, ERROR_HEADER, HELP_SHEET, LISTS_SHEET
from customers.models import Customer, CustomerTag
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("customers.xlsx", out.getvalue(), content_type=XLSX)


def _row(owner, **values):
    row = {
        "姓名": "王小明",
        "手機號碼": "13800000001",
        "負責業務員": owner.username,
        "客戶階段": "潛在客戶",
    }
    row.update(values)
    return row


def _read(content):
    wb = load_workbook(io.BytesIO(content))
    return wb


def test_template_has_chinese_headers_instructions_and_dropdowns(client_for, clerk, salesperson):
    response = client_for(clerk).get("/customers/imports/template/")
    assert response.status_code == 200
    wb = _read(b"".join(response.streaming_content) if response.streaming else response.content)
    assert wb.sheetnames == [DATA_SHEET, LISTS_SHEET, HELP_SHEET]
    ws = wb[DATA_SHEET]
    headers = [c.value for c in ws[1]]
    assert headers[0] == "姓名*" and "證件號碼" in headers and "負責業務員*" in headers
    validations = ws.data_validations.dataValidation
    assert len(validations) == len([c for c in COLUMNS if c.kind in ("choice", "owner")])
    assert all(v.type == "list" for v in validations)
    lists = wb[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    columns = {
        lists.cell(1, i).value: [c.value for c in col[1:] if c.value]
        for i, col in enumerate(lists.iter_cols(), start=1)
    }
    assert columns["客戶階段"] == ["潛在客戶", "意向客戶", "成交客戶", "失效客戶"]
    assert columns["負責業務員"] == [salesperson.username]  # only whom the clerk may assign
    assert "逐行檢查" in "".join(str(c.value) for c in wb[HELP_SHEET]["A"] if c.value)


def test_good_file_imports_every_row(client_for, clerk, salesperson):
    CustomerTag.objects.create(name="待回訪")
    number = id_number()
    upload = _workbook(
        [
            _row(
                salesperson,
                姓名="李四",
                證件號碼=number,
                保險需求="壽險、醫療險",
                標籤="待回訪",
                客戶來源="客戶推薦",
            ),
            _row(
                salesperson,
                姓名="張三",
                手機號碼="+86 139-0000-0002",
                性別="女",
                出生日期="1990-01-02",
            ),
        ]
    )
    response = client_for(clerk).post("/customers/imports/", {"file": upload})
    assert response.status_code == 200
    assert Customer.objects.count() == 2
    li = Customer.objects.get(name="李四")
    assert li.id_number == number and li.birth_date and li.gender  # derived from the ID
    assert (
        li.source_channel == "referral"
        and li.team == salesperson.employee.team
        and li.clerk == clerk
    )
    assert sorted(li.needs.values_list("kind", flat=True)) == ["life", "medical"]
    assert list(li.tags.values_list("name", flat=True)) == ["待回訪"]
    assert Customer.objects.get(name="張三").mobile == "13900000002"
    assert li.history.get().history_user == clerk
    run = TaskRun.objects.get(name="customer_import")
    assert run.status == "success" and run.result["imported"] == 2


def test_one_bad_row_imports_nothing_and_returns_the_file_with_errors(
    client_for, clerk, salesperson, other_salesperson
):
    make_customer(salesperson, name="舊客戶", mobile="13800000009")
    good = id_number()
    bad_checksum = good[:17] + ("0" if good[17] != "0" else "1")
    upload = _workbook(
        [
            _row(salesperson, 姓名="好的一行"),
            _row(salesperson, 姓名="壞身份證", 手機號碼="13800000002", 證件號碼=bad_checksum),
            _row(salesperson, 姓名="壞手機", 手機號碼="12345"),
            _row(salesperson, 姓名="壞選項", 手機號碼="13800000004", 客戶階段="大客戶"),
            _row(salesperson, 姓名="檔案內重複", 手機號碼="13800000001"),
            _row(salesperson, 姓名="系統內重複", 手機號碼="13800000009"),
            _row(other_salesperson, 姓名="別組業務員", 手機號碼="13800000007"),
            _row(salesperson, 姓名="成交缺資料", 手機號碼="13800000008", 客戶階段="成交客戶"),
        ]
    )
    client = client_for(clerk)
    response = client.post("/customers/imports/", {"file": upload})
    assert response.status_code == 200
    assert Customer.objects.count() == 1  # only the one that was there before
    run = TaskRun.objects.get(name="customer_import")
    assert run.result["imported"] == 0 and run.result["errors"] == 7
    html = response.content.decode()
    assert 'id="error-report"' in html
    report = client.get(run.result["url"])
    assert report.status_code == 200
    wb = _read(b"".join(report.streaming_content))
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[1]]
    assert header[-1] == ERROR_HEADER and header[: len(HEADERS)] == HEADERS
    errors = {row[0]: row[-1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert not errors["好的一行"]
    assert errors["壞身份證"] and errors["壞手機"] and errors["壞選項"]
    assert "2" in errors["檔案內重複"]  # same mobile as row 2 of the file
    assert errors["系統內重複"] and "舊客戶" in errors["系統內重複"]  # visible: named
    assert errors["別組業務員"] and errors["成交缺資料"]
    assert ExportLog.objects.filter(user=clerk).count() == 1  # the report download is logged


def test_duplicate_of_another_teams_file_is_reported_neutrally(
    client_for, clerk, other_salesperson, salesperson
):
    make_customer(other_salesperson, name="別組客戶", mobile="13800000005")
    client = client_for(clerk)
    client.post(
        "/customers/imports/", {"file": _workbook([_row(salesperson, 手機號碼="13800000005")])}
    )
    run = TaskRun.objects.get(name="customer_import")
    wb = _read(b"".join(client.get(run.result["url"]).streaming_content))
    error = list(wb[DATA_SHEET].iter_rows(min_row=2, values_only=True))[0][-1]
    assert error and "別組客戶" not in error and other_salesperson.username not in error


def test_not_a_workbook_is_refused(client_for, clerk):
    upload = SimpleUploadedFile("x.xlsx", b"not a zip", content_type=XLSX)
    response = client_for(clerk).post("/customers/imports/", {"file": upload})
    assert response.status_code == 200 and response.context["form"].errors
    assert not TaskRun.objects.exists()


def test_large_file_runs_as_a_tracked_task(
    client_for, clerk, salesperson, settings, django_capture_on_commit_callbacks
):
    settings.CUSTOMER_IMPORT_SYNC_ROWS = 3
    rows = [_row(salesperson, 姓名=f"客戶{i}", 手機號碼=f"1370000{i:04d}") for i in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(clerk).post("/customers/imports/", {"file": _workbook(rows)})
    run = TaskRun.objects.get(name="customer_import")
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    run.refresh_from_db()
    assert run.status == "success" and run.progress == 100 and run.result["imported"] == 5
    assert Customer.objects.count() == 5
    assert clerk.notifications.filter(dedupe_key=f"customer-import:{run.pk}").exists()
    # Running the job again changes nothing.
    from customers.tasks import import_customers

    import_customers.delay(run.pk)
    assert Customer.objects.count() == 5


def test_plain_export_is_masked_for_everyone_watermarked_and_logged(
    client_for, clerk, manager, salesperson
):
    number = id_number()
    make_customer(
        salesperson,
        name="甲",
        mobile="13812345678",
        id_type="prc_id",
        id_number=number,
        needs=["life"],
    )
    make_customer(salesperson, name="乙", stage="prospect")
    # even for a clerk who may unmask numbers one by one (a clear export: test_clear_export)
    for user in (clerk, manager):
        response = client_for(user).get("/customers/customers/?export=xlsx&q=甲")
        assert response.status_code == 200
        wb = _read(b"".join(response.streaming_content))
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        assert len(rows) == 2  # header and the one filtered row
        row = dict(zip(rows[0], rows[1], strict=True))
        values = list(row.values())
        assert number not in values and "138****5678" in values
        assert "13812345678" not in values
        assert "甲" in values and any("壽險" in str(v) or "Life" in str(v) for v in values)
        assert ws.oddHeader.center.text and user.display_name in ws.oddHeader.center.text
        log = ExportLog.objects.filter(user=user).latest("when")
        assert log.row_count == 1 and log.filters.get("q") == "甲"
    assert client_for(salesperson).get("/customers/customers/?export=xlsx").status_code == 403


def test_export_button_only_for_those_who_may_export(client_for, clerk, salesperson):
    make_customer(owner=salesperson)
    page = client_for(clerk).get("/customers/customers/").content.decode()
    assert 'id="export-xlsx"' in page
    client = client_for(salesperson)
    assert 'id="export-xlsx"' not in client.get("/customers/customers/").content.decode()
    assert client.get("/customers/customers/?export=xlsx").status_code == 403


def test_export_information_sheet_names_the_filters_as_shown(client_for, clerk, salesperson):
    make_customer(salesperson, name="甲", stage="prospect")
    team = salesperson.employee.team
    query = f"?export=xlsx&q=甲&stage=prospect&team={team.pk}&incomplete=true"
    client = client_for(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/customers/customers/" + query)
    wb = _read(b"".join(response.streaming_content))
    info = {row[0]: row[1] for row in wb.worksheets[-1].iter_rows(values_only=True)}
    shown = {k: v for k, v in info.items() if str(k).startswith("Filter: ")}
    assert shown == {
        "Filter: Search": "甲",
        "Filter: customer stage": "Prospect",
        "Filter: team": str(team),
        "Filter: incomplete files": "Yes",
    }
    # the export log keeps what was asked, so the export can be reproduced
    log = ExportLog.objects.filter(user=clerk).latest("when")
    assert log.filters["team"] == str(team.pk) and log.filters["stage"] == "prospect"

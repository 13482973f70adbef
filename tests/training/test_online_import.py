"""The question bank's Excel import: the template, a good file, a bad file's report by row
and column, and all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from tests.training import factories_online as f
from training.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


GOOD = [
    (
        "單選",
        "重疾險的等待期一般為？",
        "30 天",
        "90 天",
        "180 天",
        None,
        None,
        None,
        "B",
        "多為 90 天",
    ),
    (
        "多選",
        "以下哪些屬於重疾？",
        "惡性腫瘤",
        "感冒",
        "急性心肌梗塞",
        None,
        None,
        None,
        "A、C",
        "",
    ),
    ("是非", "確診即賠的疾病無需等待期。", None, None, None, None, None, None, "錯", ""),
    ("单选", "简体也可以？", "可以", "不可以", None, None, None, None, "a", ""),
]


def _upload(client, course, rows, headers=None):
    data = f.workbook_bytes(rows, headers)
    return client.post(
        f"/training/online/manage/{course.pk}/questions/import/",
        {"file": SimpleUploadedFile("questions.xlsx", data)},
    )


def test_the_template_has_the_headers_and_instructions(hr, client_for):
    course = f.make_course()
    response = client_for(hr).get(f"/training/online/manage/{course.pk}/questions/template/")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["題庫", "填寫說明"]
    headers = [c.value for c in wb["題庫"][1]]
    assert headers[0] == "題型*" and headers[1] == "題目*" and "正確答案*" in headers
    guide = " ".join(str(c.value) for row in wb["填寫說明"].iter_rows() for c in row if c.value)
    assert course.code in guide and "是非" in guide


def test_a_good_file_is_imported(hr, client_for):
    course = f.make_course()
    response = _upload(client_for(hr), course, GOOD)
    assert response.status_code == 302
    questions = {q.text: q for q in Question.objects.filter(course=course)}
    assert len(questions) == 4
    single = questions["重疾險的等待期一般為？"]
    assert single.kind == "single" and single.explanation == "多為 90 天"
    assert [(o.text, o.correct) for o in single.options.all()] == [
        ("30 天", False),
        ("90 天", True),
        ("180 天", False),
    ]
    multiple = questions["以下哪些屬於重疾？"]
    assert [o.correct for o in multiple.options.all()] == [True, False, True]
    truth = questions["確診即賠的疾病無需等待期。"]
    assert [(o.text, o.correct) for o in truth.options.all()] == [("對", False), ("錯", True)]
    assert questions["简体也可以？"].kind == "single"
    assert single.history.first().history_user == hr


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_imported(hr, client_for):
    course = f.make_course()
    rows = [
        GOOD[0],
        ("填空", "什麼？", "a", "b", None, None, None, None, "A", ""),  # row 3: type
        ("單選", "", "a", "b", None, None, None, None, "A", ""),  # row 4: no question
        ("單選", "兩個答案？", "a", "b", None, None, None, None, "AB", ""),  # row 5
        ("多選", "選了空白？", "a", "b", None, None, None, None, "D", ""),  # row 6
        ("是非", "是嗎？", None, None, None, None, None, None, "也許", ""),  # row 7
        ("單選", "重疾險的等待期一般為？", "a", "b", None, None, None, None, "A", ""),  # row 8
    ]
    response = _upload(client_for(hr), course, rows)
    assert response.status_code == 200
    result = response.context["result"]
    errors = dict(result.error_rows())
    assert set(errors) == {3, 4, 5, 6, 7, 8}
    assert "題型" in errors[3][0] and "填空" in errors[3][0]
    assert "題目" in errors[4][0]
    assert "正確答案" in errors[5][0] and "exactly one" in errors[5][0]
    assert "正確答案" in errors[6][0] and "D" in errors[6][0]
    assert "正確答案" in errors[7][0]
    assert "row 2" in errors[8][0]
    assert not Question.objects.filter(course=course).exists()  # not even row 2
    page = response.content.decode()
    assert 'id="import-errors"' in page


def test_a_file_without_the_headers_or_not_excel(hr, client_for):
    course = f.make_course()
    client = client_for(hr)
    response = _upload(client, course, [("x", "y")], headers=["甲", "乙"])
    assert "missing" in response.context["result"].file_errors[0]
    response = client.post(
        f"/training/online/manage/{course.pk}/questions/import/",
        {"file": SimpleUploadedFile("q.xlsx", b"not excel")},
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Question.objects.exists()


def test_only_hr_imports(manager, client_for):
    course = f.make_course()
    assert _upload(client_for(manager), course, GOOD).status_code == 403
    assert not Question.objects.exists()

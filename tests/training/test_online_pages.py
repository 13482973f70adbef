"""Online learning pages as people use them: the learner's courses and player, progress
posts, the test and its result; HR's units editor, question form, settings and results;
and the query counts of the lists and the player."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.training import factories_online as f
from training.models import CourseUnit, OnlineTest, Question, TestAttempt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def course(hr):
    course = f.make_course(title="重疾險產品")
    f.make_unit(course, f.make_resource("video", actor=hr), title="影片", actor=hr)
    f.make_unit(course, f.make_resource("link", actor=hr), title="產品頁", actor=hr)
    for kind in ("single", "multiple", "true_false"):
        f.make_question(course, kind, actor=hr)
    f.make_test(course, question_count=3, actor=hr)
    return course


def test_my_learning_lists_the_course_and_where_to_continue(course, salesperson, client_for):
    client = client_for(salesperson)
    page = client.get("/training/online/")
    assert page.status_code == 200 and "重疾險產品" in page.content.decode()
    assert page.context["last"] is None
    unit = course.units.get(title="產品頁")
    client.post(f"/training/online/units/{unit.pk}/progress/", {"seconds": "5"})
    page = client.get("/training/online/")
    assert page.context["last"]["progress"]["resume"] == unit
    assert f"?unit={unit.pk}" in page.content.decode()


def test_the_player_records_progress_and_opens_the_test(course, salesperson, client_for):
    client = client_for(salesperson)
    page = client.get(f"/training/online/courses/{course.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="unit-video"' in body and 'id="test-locked"' in body
    video = course.units.get(title="影片")
    answer = client.post(
        f"/training/online/units/{video.pk}/progress/",
        {"seconds": "3", "position": "3", "ended": "1"},
        headers={"X-Requested-With": "XMLHttpRequest"},
    ).json()
    assert answer["ok"] and answer["done"] and answer["course_percent"] == 50
    link = course.units.get(title="產品頁")
    page = client.get(f"/training/online/courses/{course.pk}/?unit={link.pk}")
    assert page.context["unit"] == link
    client.post(f"/training/online/units/{link.pk}/progress/", {"seconds": "5"})
    page = client.get(f"/training/online/courses/{course.pk}/")
    assert 'id="start-test"' in page.content.decode()


def test_a_test_taken_through_the_pages(course, salesperson, client_for):
    client = client_for(salesperson)
    f.finish_units(salesperson, course)
    response = client.post(f"/training/online/courses/{course.pk}/test/start/")
    attempt = TestAttempt.objects.get(employee=salesperson.employee)
    assert response.url == attempt.get_absolute_url()
    page = client.get(attempt.get_absolute_url())
    assert page.status_code == 200 and 'id="timer"' in page.content.decode()
    answers = f.right_answers(attempt)
    wrong = attempt.answers.select_related("question").first().question
    answers[wrong.pk] = f.wrong_answer(wrong)
    data = {f"q{k}": [str(v) for v in values] for k, values in answers.items()}
    saved = client.post(f"/training/online/attempts/{attempt.pk}/save/", data)
    assert saved.json()["ok"]
    client.post(f"/training/online/attempts/{attempt.pk}/submit/", data)
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.correct_count == 2
    result = client.get(attempt.get_absolute_url())
    body = result.content.decode()
    assert 'id="result"' in body and "66.7%" in body
    assert [i["question"] for i in result.context["wrong"]] == [wrong]
    assert result.context["status"]["left"] == 2
    assert f'id="answer-{wrong.pk}"' in body


def test_a_colleague_cannot_open_a_test_in_progress(course, salesperson, supervisor, client_for):
    f.finish_units(salesperson, course)
    attempt = f.services.attempt_start(actor=salesperson, course=course)
    assert client_for(supervisor).get(attempt.get_absolute_url()).status_code == 404


def test_hr_edits_units_in_order(course, hr, client_for):
    client = client_for(hr)
    first, second = course.units.order_by("position")
    client.post(f"/training/online/units/{second.pk}/up/")
    assert list(course.units.order_by("position")) == [second, first]
    response = client.post(
        f"/training/online/manage/{course.pk}/units/add/",
        {
            "title": "講義",
            "resource": f.make_resource("document", actor=hr).pk,
            "completion": "mark",
            "min_seconds": "30",
        },
    )
    assert response.status_code == 302
    assert course.units.get(title="講義").position == 3
    client.post(f"/training/online/units/{first.pk}/delete/")
    assert list(course.units.values_list("position", flat=True)) == [1, 2]
    page = client.get(f"/training/online/manage/{course.pk}/units/")
    assert [u.title for u in page.context["units"]] == ["產品頁", "講義"]


def test_hr_adds_questions_and_settings(course, hr, client_for):
    client = client_for(hr)
    data = {
        "kind": "multiple",
        "text": "哪些是重疾？",
        "explanation": "",
        "active": "on",
        "option_1": "癌症",
        "correct_1": "on",
        "option_2": "感冒",
        "option_3": "中風",
        "correct_3": "on",
    }
    response = client.post(f"/training/online/manage/{course.pk}/questions/add/", data)
    assert response.status_code == 302
    question = Question.objects.get(text="哪些是重疾？")
    assert [(o.text, o.correct) for o in question.options.all()] == [
        ("癌症", True),
        ("感冒", False),
        ("中風", True),
    ]
    # a single-choice question with two right options is refused, next to the form
    data.update(kind="single", text="只能一個")
    response = client.post(f"/training/online/manage/{course.pk}/questions/add/", data)
    assert response.status_code == 200 and response.context["form"].errors
    # a true/false question
    response = client.post(
        f"/training/online/manage/{course.pk}/questions/add/",
        {
            "kind": "true_false",
            "text": "等待期內出險不賠。",
            "statement_is": "true",
            "active": "on",
        },
    )
    assert response.status_code == 302
    # edit keeps the option ids
    ids = list(question.options.values_list("pk", flat=True))
    data = {
        "kind": "multiple",
        "text": "哪些是重疾？（修訂）",
        "active": "on",
        "option_1": "癌症",
        "correct_1": "on",
        "option_2": "感冒",
        "option_3": "急性心梗",
        "correct_3": "on",
    }
    assert client.post(f"/training/online/questions/{question.pk}/edit/", data).status_code == 302
    assert list(question.options.values_list("pk", flat=True)) == ids
    # test settings
    response = client.post(
        f"/training/online/manage/{course.pk}/test-settings/",
        {"question_count": "5", "time_limit_minutes": "15", "pass_mark": "80", "max_attempts": "2"},
    )
    assert response.status_code == 302
    test = OnlineTest.objects.get(course=course)
    assert (test.question_count, test.pass_mark, test.units_required) == (5, 80, False)
    response = client.post(
        f"/training/online/manage/{course.pk}/test-settings/",
        {
            "question_count": "0",
            "time_limit_minutes": "15",
            "pass_mark": "101",
            "max_attempts": "2",
        },
    )
    assert set(response.context["form"].errors) == {"question_count", "pass_mark"}


def test_results_overview(course, hr, salesperson, other_salesperson, supervisor, client_for):
    f.finish_units(salesperson, course)
    f.make_attempt(salesperson, course, right=0)
    f.make_attempt(salesperson, course)
    f.finish_units(other_salesperson, course)
    rows = client_for(hr).get(f"/training/online/manage/{course.pk}/results/").context["rows"]
    by_name = {r["employee"].user: r for r in rows}
    mine = by_name[salesperson]
    assert mine["attempts"] == 2 and mine["passed"] and mine["best"] == 100
    assert mine["percent"] == 100 and mine["completed"]
    assert by_name[other_salesperson]["attempts"] == 0
    team = client_for(supervisor).get(f"/training/online/manage/{course.pk}/results/")
    assert [r["employee"].user for r in team.context["rows"]] == [salesperson]


# --- query counts ---------------------------------------------------------------------------


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill_attempts(n, hr, users):
    course = f.make_course()
    for _i in range(2):
        f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=2, units_required=False, max_attempts=20, actor=hr)
    for i in range(n):
        f.make_attempt(users[i % len(users)], course, right=0)


@pytest.mark.parametrize(
    "url",
    [
        "/training/online/resources/?per_page=100",
        "/training/online/questions/?per_page=100",
        "/training/online/attempts/?per_page=100",
        "/training/online/manage/?per_page=100",
    ],
)
def test_hr_lists_are_constant(url, hr, salesperson, other_salesperson, client_for):
    client = client_for(hr)
    _fill_attempts(2, hr, [salesperson, other_salesperson])
    for _i in range(2):
        f.make_resource("link", actor=hr)
    few = _count(client, url)
    _fill_attempts(20, hr, [salesperson, other_salesperson])
    for _i in range(20):
        f.make_resource("link", actor=hr)
    many = _count(client, url)
    assert few == many


LIST_QUERIES = 6  # session, user, employee, notifications (the frame); the count; the rows
# the frame (session, user, notifications; the employee comes from the access cache once
# warm), the course, its units with their resources, the learner's progress, the test
# settings, the attempts
PLAYER_QUERIES = 8


def test_list_exact(hr, salesperson, client_for, django_assert_num_queries):
    _fill_attempts(10, hr, [salesperson])
    client = client_for(hr)
    client.get("/training/online/attempts/")
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get("/training/online/attempts/?per_page=50").status_code == 200


def test_player_and_my_learning_are_constant(
    hr, salesperson, client_for, django_assert_num_queries
):
    course = f.make_course()
    for _i in range(2):
        f.make_unit(course, actor=hr)
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=1, units_required=False, max_attempts=20, actor=hr)
    client = client_for(salesperson)
    url = f"/training/online/courses/{course.pk}/"
    few_player = _count(client, url)
    few_mine = _count(client, "/training/online/")
    for unit in course.units.all():
        f.services.progress_record(actor=salesperson, unit=unit, seconds=5)
    for _i in range(20):
        f.make_unit(course, actor=hr)
    for _i in range(5):
        f.make_attempt(salesperson, course, right=0)
    other = f.make_course()
    f.make_unit(other, actor=hr)
    assert _count(client, url) == few_player
    assert _count(client, "/training/online/") == few_mine
    with django_assert_num_queries(PLAYER_QUERIES):
        assert client.get(url).status_code == 200


def test_unit_editor_is_constant(hr, client_for):
    course = f.make_course()
    f.make_unit(course, actor=hr)
    client = client_for(hr)
    url = f"/training/online/manage/{course.pk}/units/"
    few = _count(client, url)
    for _i in range(15):
        f.make_unit(course, actor=hr)
    assert _count(client, url) == few
    assert CourseUnit.objects.filter(course=course).count() == 16


def test_the_training_file_summary(course, hr, salesperson, other_salesperson, supervisor):
    from training.selectors.online import employee_online_summary

    f.finish_units(salesperson, course)
    f.make_attempt(salesperson, course, right=0)
    f.make_attempt(salesperson, course)
    [row] = employee_online_summary(hr, salesperson.employee)
    assert (row["course"], row["done"], row["units"], row["percent"]) == (course, 2, 2, 100)
    assert row["attempts"] == 2 and row["passed"] and row["best"] == 100
    assert row["last_attempt"].number == 2
    assert len(employee_online_summary(supervisor, salesperson.employee)) == 1
    assert employee_online_summary(other_salesperson, salesperson.employee) == []


def test_the_training_file_section(course, hr, salesperson, manager):
    from training.providers import online_file_section

    f.finish_units(salesperson, course)
    f.make_attempt(salesperson, course, right=0)
    section = online_file_section(salesperson.employee, manager)
    assert section["key"] == "online" and len(section["columns"]) == 6
    [row] = section["rows"]
    assert row[1:] == ["2 / 2", "100%", 1, 0, "Not passed"]
    assert online_file_section(salesperson.employee, f.make_employee_without_rights()) is None

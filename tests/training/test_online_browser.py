"""In the browser: an employee plays a unit of an online course, takes the final test with a
wrong answer (fail), tries again and passes, and sees the result; the training file then has
the course with its score and hours."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.training import factories_online as f
from training.models import TestAttempt, TrainingRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer(page, attempt, *, wrong_first):
    """Tick the right options of every question, except the first one if ``wrong_first``."""
    for answer in attempt.answers.select_related("question").order_by("position"):
        question = answer.question
        right = [o.pk for o in question.options.all() if o.correct]
        chosen = f.wrong_answer(question) if (wrong_first and answer.position == 1) else right
        for pk in chosen:
            page.check(f"#o{pk}")


def test_an_employee_learns_fails_retries_and_passes(
    login, hr, salesperson, live_server, screenshot
):
    course = f.make_course(title="公司產品：重疾險", credit_hours="2.0")
    f.make_unit(
        course, f.make_resource("video", title="產品介紹影片", actor=hr), title="產品介紹", actor=hr
    )
    f.make_question(
        course,
        "single",
        text="等待期一般為？",
        options=[("30 天", False), ("90 天", True)],
        actor=hr,
    )
    f.make_question(course, "multiple", text="哪些屬於重疾？", actor=hr)
    f.make_question(
        course,
        "true_false",
        text="可以承諾收益。",
        options=f.services.online.true_false_options(False),
        actor=hr,
    )
    f.make_test(course, question_count=3, pass_mark=100, max_attempts=3, actor=hr)

    page = login(salesperson)
    page.goto(f"{live_server.url}/training/online/")
    page.click(f"text={course.title}")
    expect(page.locator("#test-locked")).to_be_visible()
    # play the video to its end: the unit is done and the test opens
    # (polled from here: the page's CSP forbids the eval that wait_for_function would use)
    for _ in range(200):
        if page.evaluate("document.getElementById('unit-video').readyState") >= 1:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the unit's video never loaded")
    page.evaluate("document.getElementById('unit-video').muted = true")
    page.evaluate("document.getElementById('unit-video').play()")
    expect(page.locator("#start-test")).to_be_visible(timeout=20000)
    expect(page.locator("#unit-list .badge.text-bg-success")).to_have_count(1)
    screenshot(page, "unit-done")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#start-test")
    expect(page.locator("#timer")).to_be_visible()
    attempt = TestAttempt.objects.get(employee=salesperson.employee, number=1)
    _answer(page, attempt, wrong_first=True)
    screenshot(page, "test")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit-test")
    expect(page.locator("#verdict")).to_have_text("未通過")
    expect(page.locator(".answer .wrong")).to_have_count(1)
    expect(page.locator("#attempts-left")).to_have_text("2")
    screenshot(page, "failed")

    page.click("#retry")
    expect(page.locator("#timer")).to_be_visible()
    attempt = TestAttempt.objects.get(employee=salesperson.employee, number=2)
    _answer(page, attempt, wrong_first=False)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit-test")
    expect(page.locator("#verdict")).to_have_text("通過")
    expect(page.locator("#score")).to_have_text("100.0%")
    expect(page.locator("#record-hours")).to_contain_text("2.0")
    screenshot(page, "passed")

    record = TrainingRecord.objects.get(employee=salesperson.employee, course=course)
    assert record.kind == "online" and record.passed is True
    assert record.score == Decimal("100.0") and record.hours == Decimal("2.0")
    page.goto(f"{live_server.url}/training/online/")
    expect(page.locator("#my-courses")).to_contain_text("通過")
    # the training file shows the passed course with its hours and score
    page.goto(f"{live_server.url}/training/file/")
    line = page.locator("main tr", has_text=course.title).first
    expect(line).to_contain_text("2.0")
    expect(line).to_contain_text("100.0")
    screenshot(page, "training-file")

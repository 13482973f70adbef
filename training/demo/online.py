"""Demo online learning: a product course with a video, a PDF and a company page, a question
bank of ten questions, the test settings, one learner who passed and one who failed once.
Idempotent: a second run adds nothing."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from core import demo
from core.exports import render_pdf
from core.services import acting_as, save_checked

from .. import services
from ..models import Course, CourseUnit, LearningResource, OnlineTest, Question, TestAttempt

VIDEO = Path(__file__).resolve().parent / "files" / "products-intro.webm"
CODE = "ONL-PRD-101"

# kind, question, options (text, right), explanation
QUESTIONS = [
    (
        "single",
        "重疾險的等待期一般為多少天？",
        [("30 天", False), ("90 天", True), ("365 天", False)],
        "多數重疾險產品的等待期為 90 天。",
    ),
    (
        "single",
        "重疾險確診後如何給付？",
        [("按實際醫療費用報銷", False), ("按保險金額一次性給付", True), ("按住院天數給付", False)],
        "重疾險是定額給付型保險。",
    ),
    (
        "single",
        "建議的重疾險保額通常為年收入的幾倍？",
        [("1 倍", False), ("3–5 倍", True), ("10 倍以上", False)],
        "保額應覆蓋治療費用和收入損失，一般為年收入的 3–5 倍。",
    ),
    (
        "single",
        "投保時健康告知應當：",
        [("只告知重大疾病", False), ("如實告知所有詢問事項", True), ("由業務員代為判斷", False)],
        "如實告知是投保人的法定義務。",
    ),
    (
        "multiple",
        "以下哪些通常屬於重疾險保障的疾病？",
        [("惡性腫瘤", True), ("急性心肌梗塞", True), ("普通感冒", False), ("腦中風後遺症", True)],
        "感冒不屬於重大疾病。",
    ),
    (
        "multiple",
        "向客戶介紹重疾險時應說明哪些內容？",
        [("等待期", True), ("責任免除", True), ("保證收益率", False)],
        "重疾險不是理財產品，不得承諾收益。",
    ),
    (
        "multiple",
        "以下哪些情形可能導致重疾險理賠爭議？",
        [("投保時未如實告知", True), ("等待期內確診", True), ("按時繳納保費", False)],
        "未如實告知和等待期內確診是常見爭議原因。",
    ),
    (
        "true_false",
        "等待期內因意外導致的重大疾病，一般不受等待期限制。",
        True,
        "意外導致的情形通常不適用等待期。",
    ),
    ("true_false", "重疾險可以向客戶承諾固定投資收益。", False, "不得承諾收益，這屬於誤導銷售。"),
    ("true_false", "輕症給付後，重症保障通常仍然有效。", True, "多數產品輕症給付不影響重症保額。"),
]


def _resource(hr, title, kind, **fields):
    resource = LearningResource.objects.filter(title=title).first()
    if resource is None:
        resource = save_checked(LearningResource(title=title, kind=kind, **fields), hr)
    return resource


@demo.register
def seed_training_online(context):
    """The online course 公司產品：重疾險 with its units, questions, settings and results."""
    users = get_user_model().objects.select_related("employee")
    hr = users.filter(username="hr1").first()
    if hr is None or Course.objects.filter(code=CODE, units__isnull=False).exists():
        return
    with acting_as(hr):
        course, _created = Course.objects.get_or_create(
            code=CODE,
            defaults={
                "title": "公司產品：重疾險",
                "content_type": Course.ContentType.PRODUCTS,
                "delivery": Course.Delivery.ONLINE,
                "description": "重疾險產品的保障、等待期與銷售要點，結業測驗及格後計入培訓檔案。",
                "duration_hours": Decimal("1.5"),
                "credit_hours": Decimal("2.0"),
            },
        )
        video = _resource(
            hr,
            "重疾險產品介紹（影片）",
            "video",
            file=ContentFile(VIDEO.read_bytes(), name="products-intro.webm"),
            content_type="video/webm",
            original_name="products-intro.webm",
            duration_seconds=4,
            description="產品定位與保障範圍的簡短介紹。",
        )
        notes = _resource(
            hr,
            "重疾險產品重點講義",
            "document",
            file=ContentFile(
                render_pdf(
                    "training/online/demo_notes.html", {}, user=hr, title="重疾險產品重點講義"
                ),
                name="critical-illness-notes.pdf",
            ),
            content_type="application/pdf",
            original_name="critical-illness-notes.pdf",
        )
        page = _resource(hr, "公司產品目錄", "link", url="/sales/products/")
        for title, resource, completion, seconds in (
            ("產品介紹影片", video, CourseUnit.Completion.VIEW, 0),
            ("閱讀產品講義", notes, CourseUnit.Completion.MARK, 30),
            ("瀏覽公司產品目錄", page, CourseUnit.Completion.MARK, 0),
        ):
            services.unit_save(
                actor=hr,
                unit=CourseUnit(
                    course=course,
                    title=title,
                    resource=resource,
                    completion=completion,
                    min_seconds=seconds,
                ),
            )
        for kind, text, options, explanation in QUESTIONS:
            if kind == "true_false":
                options = services.online.true_false_options(options)
            services.question_save(
                actor=hr,
                question=Question(course=course, kind=kind, text=text, explanation=explanation),
                options=options,
            )
        services.online_test_save(
            actor=hr,
            test=OnlineTest(
                course=course, question_count=5, time_limit_minutes=10, pass_mark=60, max_attempts=3
            ),
        )
    passed = users.filter(username="sales1").first()
    failed = users.filter(username="sales2").first()
    start = timezone.now() - dt.timedelta(days=3)
    for user, results in ((passed, (False, True)), (failed, (False,))):
        if user is None:
            continue
        with acting_as(user):
            for unit in course.units.all():
                services.progress_record(
                    actor=user, unit=unit, seconds=60, ended=True, mark_done=True, now=start
                )
            for i, right in enumerate(results):
                when = start + dt.timedelta(hours=1 + i)
                attempt = services.attempt_start(actor=user, course=course, now=when)
                answers = {}
                for answer in attempt.answers.select_related("question"):
                    options = list(answer.question.options.all())
                    good = [o.pk for o in options if o.correct]
                    bad = [o.pk for o in options if not o.correct][:1]
                    # a fail: only the first question right; a pass: all but one right
                    ok = answer.position == 1 if not right else answer.position != 2
                    answers[answer.question_id] = good if ok else bad
                services.attempt_submit(
                    actor=user,
                    attempt=attempt,
                    answers=answers,
                    now=when + dt.timedelta(minutes=6),
                )
    if "stdout" in context:
        attempts = TestAttempt.objects.filter(course=course).count()
        context["stdout"].write(f"training (online): 1 course, {attempts} attempts")

"""Factories of online learning, through the services (HR as the actor)."""

import io
import itertools
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.roles import Role
from core.services import save_checked
from tests.factories import make_employee
from training import services
from training.models import Course, CourseUnit, LearningResource, OnlineTest, Question

SAMPLE_VIDEO = (
    Path(__file__).resolve().parents[2] / "training" / "demo" / "files" / "products-intro.webm"
)
_seq = itertools.count(1)


def video_bytes():
    return SAMPLE_VIDEO.read_bytes()


def pdf_bytes():
    """A minimal one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def hr_actor():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="online-hr").first()
    return user or make_employee(Role.HR, username="online-hr")


def make_course(*, code=None, title=None, credit_hours="2.0", active=True, delivery="online"):
    n = next(_seq)
    return Course.objects.create(
        code=code or f"ONL-{n}",
        title=title or f"Online course {n}",
        content_type=Course.ContentType.PRODUCTS,
        delivery=delivery,
        duration_hours=Decimal("1.5"),
        credit_hours=Decimal(credit_hours),
        active=active,
    )


def make_resource(kind="video", *, title=None, actor=None, url="/sales/products/", content=None):
    resource = LearningResource(title=title or f"Resource {next(_seq)}", kind=kind)
    if kind == LearningResource.Kind.VIDEO:
        resource.file = SimpleUploadedFile("intro.webm", content or video_bytes(), "video/webm")
    elif kind == LearningResource.Kind.DOCUMENT:
        resource.file = SimpleUploadedFile("notes.pdf", content or pdf_bytes(), "application/pdf")
    else:
        resource.url = url
    return save_checked(resource, actor or hr_actor())


def make_unit(course, resource=None, *, title=None, completion="view", min_seconds=0, actor=None):
    unit = CourseUnit(
        course=course,
        resource=resource or make_resource("link", actor=actor),
        title=title or f"Unit {next(_seq)}",
        completion=completion,
        min_seconds=min_seconds,
    )
    return services.unit_save(actor=actor or hr_actor(), unit=unit)


def make_test(course, *, actor=None, **fields):
    fields.setdefault("question_count", 3)
    fields.setdefault("time_limit_minutes", 10)
    fields.setdefault("pass_mark", 60)
    fields.setdefault("max_attempts", 3)
    fields.setdefault("units_required", True)
    return services.online_test_save(
        actor=actor or hr_actor(), test=OnlineTest(course=course, **fields)
    )


def make_question(course, kind="single", *, text=None, options=None, actor=None, **fields):
    if options is None:
        options = {
            "single": [("A", True), ("B", False), ("C", False)],
            "multiple": [("A", True), ("B", True), ("C", False)],
            "true_false": services.online.true_false_options(True),
        }[kind]
    question = Question(course=course, kind=kind, text=text or f"Question {next(_seq)}?", **fields)
    return services.question_save(actor=actor or hr_actor(), question=question, options=options)


def right_answers(attempt):
    """{question id: [right option ids]} of every question of ``attempt``."""
    return {
        a.question_id: [o.pk for o in a.question.options.all() if o.correct]
        for a in attempt.answers.select_related("question")
    }


def wrong_answer(question):
    return [o.pk for o in question.options.all() if not o.correct][:1]


def finish_units(user, course):
    for unit in course.units.all():
        services.progress_record(actor=user, unit=unit, ended=True, mark_done=True, seconds=60)


def make_attempt(user, course, *, right=None, now=None):
    """Start and submit an attempt of ``user``; ``right``: how many questions to answer right
    (all by default)."""
    attempt = services.attempt_start(actor=user, course=course, now=now)
    answers = right_answers(attempt)
    if right is not None:
        for i, answer in enumerate(attempt.answers.select_related("question").order_by("position")):
            if i >= right:
                answers[answer.question_id] = wrong_answer(answer.question)
    services.attempt_submit(actor=user, attempt=attempt, answers=answers, now=now or timezone.now())
    attempt.refresh_from_db()
    return attempt


def workbook_bytes(rows, headers=None):
    from openpyxl import Workbook

    from training.services.online_import import COLUMNS, DATA_SHEET

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append(headers or [c.header for c in COLUMNS])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def make_employee_without_rights():
    """A login without any training permission."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(f"nobody{next(_seq)}", password="x")

"""Personal training plans (the service appraisal calls), the reports, the catalogue's
forms, and the demo data."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core.roles import Role
from training import services
from training.models import Course, MandatoryTraining, TrainingPlan
from training.selectors.sessions import plan_items, plan_list

from .factories_sessions import make_course, make_plan, make_record

pytestmark = pytest.mark.django_db


def test_plan_items_done_after_the_start(salesperson, hr):
    a, b = make_course(), make_course()
    make_record(salesperson, course=a, completed_on=dt.date(2026, 1, 5))  # before the plan
    plan = make_plan(
        salesperson,
        [a, (b, dt.date(2026, 9, 30))],
        actor=hr,
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    assert {i.course: i.done for i in plan_items(plan=plan)} == {a: False, b: False}
    make_record(salesperson, course=a, completed_on=dt.date(2026, 4, 1))
    assert {i.course: i.done for i in plan_items(plan=plan)} == {a: True, b: False}
    listed = plan_list(user=salesperson).get()
    assert (listed.item_count, listed.done_count) == (2, 1)


def test_plan_create_for_appraisal(salesperson, supervisor, hr):
    course = make_course()
    with pytest.raises(PermissionDenied):
        services.training_plan_create(
            actor=supervisor,
            employee=salesperson.employee,
            courses=[course],
            reason="r",
            source=TrainingPlan.Source.APPRAISAL,
        )
    plan = services.training_plan_create(
        actor=supervisor,
        employee=salesperson.employee,
        courses=[course],
        reason="產品知識偏弱",
        source=TrainingPlan.Source.APPRAISAL,
        source_ref="appraisal:7",
        check=False,
    )
    assert (plan.source, plan.source_ref) == ("appraisal", "appraisal:7")
    assert plan.items.get().due_on == plan.ends_on
    with pytest.raises(ValidationError):
        services.training_plan_create(
            actor=hr, employee=salesperson.employee, courses=[], reason="r", source="manual"
        )


def test_plan_pages(salesperson, hr, client_for):
    a, b = make_course(), make_course()
    client = client_for(hr)
    response = client.post(
        reverse("training:trainingplan_add"),
        {
            "employee": salesperson.employee.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-06-30",
            "courses": [a.pk, b.pk],
            "reason": "加強",
        },
    )
    plan = TrainingPlan.objects.get()
    assert response.url == plan.get_absolute_url()
    response = client.post(
        reverse("training:trainingplan_edit", args=[plan.pk]),
        {"starts_on": "2026-01-01", "ends_on": "2026-03-31", "courses": [b.pk], "reason": "改"},
    )
    assert response.status_code == 302
    assert [i.course for i in plan.items.all()] == [b]
    bad = client.post(
        reverse("training:trainingplan_edit", args=[plan.pk]),
        {"starts_on": "2026-05-01", "ends_on": "2026-03-31", "courses": [b.pk], "reason": "x"},
    )
    assert "ends_on" in bad.context["form"].errors
    page = client_for(salesperson).get(plan.get_absolute_url())
    assert page.status_code == 200 and b.title in page.content.decode()


def test_hours_report_by_team_for_supervisor(
    salesperson, other_salesperson, supervisor, hr, client_for
):
    make_record(salesperson, hours="3")
    make_record(other_salesperson, hours="5")
    page = client_for(supervisor).get(reverse("training:report_hours"))
    names = {row[0][0] for row in page.context["table"]}
    assert salesperson.employee.name in names
    assert other_salesperson.employee.name not in names
    xlsx = client_for(hr).get(reverse("training:report_hours") + "?by=team&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).worksheets[0]
    values = {r[0]: r[4] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Team A"] == 3 and values["Team B"] == 5


def test_pass_rate_and_mandatory_reports(salesperson, other_salesperson, hr, client_for, settings):
    settings.LANGUAGE_CODE = "zh-hant"
    course = make_course(title="需求分析與異議處理")
    make_record(salesperson, course=course, passed=True)
    make_record(other_salesperson, course=course, passed=False)
    page = client_for(hr).get(reverse("training:report_pass_rates"))
    (row,) = page.context["table"]
    assert [cell for cell, _fmt in row][1:4] == [2, 1, Decimal("0.5")]
    pdf = client_for(hr).get(reverse("training:report_pass_rates") + "?export=pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "需求分析與異議處理" in text and "50.0%" in text
    MandatoryTraining.objects.create(course=course, position=Role.SALESPERSON, refresh_months=12)
    page = client_for(hr).get(reverse("training:report_mandatory"))
    (row,) = page.context["table"]
    assert [cell for cell, _fmt in row][1:5] == [2, 1, 0, 1]  # the failed one is overdue
    bad = client_for(hr).get(
        reverse("training:report_hours") + "?date_from=2026-05-01&date_to=2026-01-01"
    )
    assert "date_to" in bad.context["form"].errors


def test_course_form_bounds_and_rules(hr, client_for):
    client = client_for(hr)
    bad = client.post(
        reverse("training:course_add"),
        {
            "code": "X" * 21,
            "title": "t",
            "content_type": "sales_skills",
            "delivery": "internal",
            "duration_hours": "501",
            "credit_hours": "-1",
        },
    )
    assert {"code", "duration_hours", "credit_hours"} <= set(bad.context["form"].errors)
    client.post(
        reverse("training:course_add"),
        {
            "code": "CNF-1",
            "title": "保密",
            "content_type": "confidentiality",
            "delivery": "internal",
            "duration_hours": "2",
            "credit_hours": "2",
            "active": "on",
        },
    )
    course = Course.objects.get(code="CNF-1")
    url = reverse("training:course_rule_set", args=[course.pk])
    client.post(url, {"position": "clerk"})  # neither deadline: refused
    assert not course.mandatory_for.exists()
    client.post(url, {"position": "clerk", "refresh_months": "12"})
    client.post(url, {"position": "clerk", "refresh_months": "24"})
    assert course.mandatory_for.get().refresh_months == 24
    page = client.get(course.get_absolute_url())
    assert 'id="course-rules"' in page.content.decode()


def test_demo_is_idempotent(db):
    from org.demo import seed_people
    from training.demo.sessions import seed_training_sessions

    context = {"rng": None}
    seed_people(context)
    seed_training_sessions(context)
    counts = (Course.objects.count(), TrainingPlan.objects.count())
    seed_training_sessions(context)
    assert (Course.objects.count(), TrainingPlan.objects.count()) == counts
    assert counts[0] == 12
    from training.models import ExternalCourse, TrainingRecord

    assert ExternalCourse.objects.filter(status="confirmed").count() == 1
    assert TrainingRecord.objects.filter(kind="session").count() >= 10

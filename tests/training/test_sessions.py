"""Sessions: enrolment (seats, duplicates, closed sessions), sign-up, and attendance writing
the training file once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from training import services
from training.models import Enrolment, Session, TrainingRecord

from .factories_sessions import attend, enrol, make_course, make_session

pytestmark = pytest.mark.django_db


def _past_session(**kwargs):
    return make_session(starts_at=timezone.now() - dt.timedelta(hours=2), **kwargs)


def test_seats_are_enforced(hr, salesperson, other_salesperson, clerk):
    session = make_session(seats=2, actor=hr)
    enrol(session, salesperson, other_salesperson, actor=hr)
    with pytest.raises(ValidationError, match="1|0"):
        enrol(session, clerk, actor=hr)
    assert session.enrolments.count() == 2


def test_enrolling_twice_is_refused(hr, salesperson):
    session = make_session(actor=hr)
    enrol(session, salesperson, actor=hr)
    with pytest.raises(ValidationError) as exc:
        enrol(session, salesperson, actor=hr)
    assert "employees" in exc.value.message_dict
    assert session.enrolments.count() == 1


def test_cancelled_session_takes_nobody(hr, salesperson):
    session = make_session(actor=hr, status=Session.Status.CANCELLED)
    with pytest.raises(ValidationError):
        enrol(session, salesperson, actor=hr)


def test_only_trainer_or_hr_enrol(hr, salesperson, other_salesperson, clerk):
    session = make_session(actor=hr, trainer=salesperson.employee)
    enrol(session, clerk, actor=salesperson)  # the trainer
    with pytest.raises(PermissionDenied):
        enrol(session, salesperson, actor=other_salesperson)
    assert [e.employee for e in session.enrolments.all()] == [clerk.employee]


def test_sign_up_open_session(hr, salesperson):
    session = make_session(actor=hr)
    services.session_sign_up(actor=salesperson, session=session)
    assert session.enrolments.get().employee == salesperson.employee
    with pytest.raises(ValidationError):
        services.session_sign_up(actor=salesperson, session=session)
    assert session.enrolments.count() == 1


@pytest.mark.parametrize("state", ["closed", "past", "full"])
def test_sign_up_refused(state, hr, salesperson, other_salesperson):
    fields = {"seats": 1}
    if state == "closed":
        fields["status"] = Session.Status.CLOSED
    if state == "past":
        fields["starts_at"] = timezone.now() - dt.timedelta(days=1)
    session = make_session(actor=hr, **fields)
    if state == "full":
        enrol(session, other_salesperson, actor=hr)
    with pytest.raises(ValidationError):
        services.session_sign_up(actor=salesperson, session=session)
    assert not session.enrolments.filter(employee=salesperson.employee).exists()


def test_sign_up_page(hr, salesperson, client_for):
    session = make_session(actor=hr)
    client = client_for(salesperson)
    page = client.get(session.get_absolute_url())
    assert b'id="sign-up"' in page.content
    client.post(reverse("training:session_sign_up", args=[session.pk]))
    page = client.get(session.get_absolute_url())
    assert b'id="sign-up"' not in page.content
    assert session.enrolments.filter(employee=salesperson.employee).exists()


def test_attendance_writes_the_record_once(hr, salesperson):
    course = make_course(credit_hours=Decimal("4"))
    session = _past_session(course=course, actor=hr, hours=Decimal("3.5"))
    (enrolment,) = enrol(session, salesperson, actor=hr)
    attend(enrolment, score=72, actor=hr)
    record = TrainingRecord.objects.get(employee=salesperson.employee)
    assert record.kind == TrainingRecord.Kind.SESSION
    assert record.course == course
    assert record.hours == Decimal("3.5")
    assert record.score == Decimal("72")
    assert record.passed is True
    assert record.completed_on == timezone.localtime(session.starts_at).date()
    # A correction updates the same line.
    enrolment.refresh_from_db()
    attend(enrolment, score=55, passed=False, actor=hr)
    assert TrainingRecord.objects.filter(employee=salesperson.employee).count() == 1
    record.refresh_from_db()
    assert (record.score, record.passed) == (Decimal("55"), False)
    assert AuditEvent.objects.filter(verb="result recorded").count() == 2


def test_absent_after_all_removes_the_record(hr, salesperson):
    session = _past_session(actor=hr)
    (enrolment,) = enrol(session, salesperson, actor=hr)
    attend(enrolment, actor=hr)
    enrolment.refresh_from_db()
    services.enrolment_record_result(
        actor=hr, enrolment=enrolment, attendance=Enrolment.Attendance.ABSENT
    )
    enrolment.refresh_from_db()
    assert enrolment.record is None
    assert not TrainingRecord.objects.filter(employee=salesperson.employee).exists()


def test_result_before_the_session_is_refused(hr, salesperson):
    session = make_session(actor=hr)
    (enrolment,) = enrol(session, salesperson, actor=hr)
    with pytest.raises(ValidationError):
        attend(enrolment, actor=hr)


def test_trainer_records_results_others_cannot(hr, supervisor, salesperson, other_salesperson):
    session = _past_session(actor=hr, trainer=supervisor.employee)
    (enrolment,) = enrol(session, salesperson, actor=hr)
    with pytest.raises(PermissionDenied):
        attend(enrolment, actor=other_salesperson)
    attend(enrolment, actor=supervisor)
    assert TrainingRecord.objects.filter(employee=salesperson.employee).count() == 1


def test_results_page(hr, supervisor, salesperson, clerk, client_for):
    session = _past_session(actor=hr, trainer=supervisor.employee)
    first, second = enrol(session, salesperson, clerk, actor=hr)
    client = client_for(supervisor)
    url = reverse("training:session_results", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    rows = {f.initial["enrolment"]: i for i, f in enumerate(page.context["formset"].forms)}
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for enrolment, attendance, score, passed in (
        (first, "attended", "88", "yes"),
        (second, "absent", "", ""),
    ):
        i = rows[enrolment.pk]
        data |= {
            f"form-{i}-enrolment": enrolment.pk,
            f"form-{i}-attendance": attendance,
            f"form-{i}-score": score,
            f"form-{i}-passed": passed,
            f"form-{i}-comment": "",
        }
    assert client.post(url, data).status_code == 302
    assert TrainingRecord.objects.get(employee=salesperson.employee).score == Decimal("88")
    assert not TrainingRecord.objects.filter(employee=clerk.employee).exists()
    # Bounds: a score above 100 is refused next to the field, nothing saved.
    data[f"form-{rows[first.pk]}-score"] = "150"
    page = client.post(url, data)
    assert page.status_code == 200
    assert page.context["formset"].forms[rows[first.pk]].errors["score"]


def test_session_form_bounds(hr, client_for):
    course = make_course()
    client = client_for(hr)
    page = client.post(
        reverse("training:session_add"),
        {
            "course": course.pk,
            "format": "lecture",
            "starts_at": "2026-12-20T09:00",
            "place": "x" * 201,
            "seats": "0",
            "status": "open",
            "trainer_name": "",
        },
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert "place" in errors and "seats" in errors and "trainer_name" in errors
    assert not Session.objects.exists()


def test_session_form_defaults_hours_to_the_course(hr, client_for):
    course = make_course(credit_hours=Decimal("2.5"))
    response = client_for(hr).post(
        reverse("training:session_add"),
        {
            "course": course.pk,
            "format": "role_play",
            "starts_at": "2026-12-20T09:00",
            "place": "培訓室",
            "seats": "12",
            "status": "open",
            "trainer_name": "王老師",
        },
    )
    assert response.status_code == 302
    assert Session.objects.get().hours == Decimal("2.5")


def test_enrol_page_with_the_multiple_picker(hr, salesperson, clerk, other_salesperson, client_for):
    session = make_session(actor=hr, seats=2)
    client = client_for(hr)
    url = reverse("training:session_enrol", args=[session.pk])
    assert client.get(url).status_code == 200
    full = client.post(
        url,
        {"employees": [salesperson.employee.pk, clerk.employee.pk, other_salesperson.employee.pk]},
    )
    assert full.status_code == 200 and full.context["form"].non_field_errors()
    response = client.post(url, {"employees": [salesperson.employee.pk, clerk.employee.pk]})
    assert response.status_code == 302
    assert session.enrolments.count() == 2
    again = client.post(url, {"employees": [salesperson.employee.pk]})
    assert "employees" in again.context["form"].errors

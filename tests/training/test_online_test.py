"""The final test: grading of each question type, the score and pass mark, the random draw
kept per attempt, the time limit measured on the server, attempts, the unit gate, and the
training-file line written once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests.training import factories_online as f
from training import services
from training.models import AttemptAnswer, TestAttempt, TrainingRecord, UnitProgress

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def course(hr):
    course = f.make_course(credit_hours="2.5")
    f.make_unit(course, f.make_resource("link", actor=hr), actor=hr)
    return course


# --- grading --------------------------------------------------------------------------------


def test_single_choice_needs_exactly_the_right_option():
    assert services.grade("single", [1], [1])
    assert not services.grade("single", [1], [2])
    assert not services.grade("single", [1], [])
    assert not services.grade("single", [1], [1, 2])


def test_multiple_choice_needs_all_and_only_the_right_options():
    assert services.grade("multiple", [1, 3], [3, 1])
    assert not services.grade("multiple", [1, 3], [1])  # partly right is wrong
    assert not services.grade("multiple", [1, 3], [1, 2, 3])  # one too many
    assert not services.grade("multiple", [1, 3], [])


def test_true_false():
    assert services.grade("true_false", [7], [7])
    assert not services.grade("true_false", [7], [8])
    assert not services.grade("true_false", [7], [7, 8])


def test_score_is_rounded_half_up_to_one_decimal():
    assert services.score_of(2, 3) == Decimal("66.7")
    assert services.score_of(1, 3) == Decimal("33.3")
    assert services.score_of(1, 8) == Decimal("12.5")
    assert services.score_of(0, 0) == Decimal("0.0")


def test_each_type_graded_in_an_attempt(course, salesperson, hr):
    single = f.make_question(course, "single", actor=hr)
    multiple = f.make_question(course, "multiple", actor=hr)
    truth = f.make_question(course, "true_false", actor=hr)
    f.make_test(course, question_count=3, units_required=False, actor=hr)
    attempt = services.attempt_start(actor=salesperson, course=course)
    right = {o.text: o.pk for o in multiple.options.all()}
    answers = {
        single.pk: [single.options.get(correct=True).pk],
        multiple.pk: [right["A"]],  # only one of the two right options
        truth.pk: [truth.options.get(correct=True).pk],
    }
    services.attempt_submit(actor=salesperson, attempt=attempt, answers=answers)
    attempt.refresh_from_db()
    result = {a.question_id: a.correct for a in attempt.answers.all()}
    assert result == {single.pk: True, multiple.pk: False, truth.pk: True}
    assert attempt.score == Decimal("66.7") and attempt.passed is True
    kept = AttemptAnswer.objects.get(attempt=attempt, question=multiple)
    assert kept.chosen == [right["A"]]  # the answers are kept


def test_an_option_of_another_question_is_ignored(course, salesperson, hr):
    q1 = f.make_question(course, "single", actor=hr)
    q2 = f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=2, units_required=False, actor=hr)
    attempt = services.attempt_start(actor=salesperson, course=course)
    services.attempt_submit(
        actor=salesperson,
        attempt=attempt,
        answers={q1.pk: [q2.options.get(correct=True).pk]},
    )
    assert AttemptAnswer.objects.get(attempt=attempt, question=q1).chosen == []


# --- pass mark ------------------------------------------------------------------------------


@pytest.mark.parametrize(("right", "passed"), [(3, True), (2, False)])
def test_exactly_the_pass_mark_passes(course, salesperson, hr, right, passed):
    for _i in range(5):
        f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=5, pass_mark=60, units_required=False, actor=hr)
    attempt = f.make_attempt(salesperson, course, right=right)
    assert attempt.score == Decimal(right * 20)
    assert attempt.passed is passed


# --- draw -----------------------------------------------------------------------------------


def test_the_draw_is_random_kept_and_reproducible(course, salesperson, hr, client_for):
    questions = [f.make_question(course, "single", actor=hr) for _i in range(10)]
    f.make_test(course, question_count=4, units_required=False, actor=hr)
    attempt = services.attempt_start(actor=salesperson, course=course, seed=12345)
    drawn = list(attempt.answers.order_by("position").values_list("question_id", flat=True))
    assert len(drawn) == 4 and len(set(drawn)) == 4
    assert set(drawn) <= {q.pk for q in questions}
    # the same seed draws the same questions and option orders: the draw can be checked
    again = services.online._draw(attempt.course.online_test, 12345)
    assert [q.pk for q, _o in again] == drawn
    # starting again returns the attempt in progress, with the same questions
    assert services.attempt_start(actor=salesperson, course=course).pk == attempt.pk
    # a reload of the page shows the same questions in the same order
    client = client_for(salesperson)
    first = client.get(attempt.get_absolute_url()).content.decode()
    second = client.get(attempt.get_absolute_url()).content.decode()
    order = [first.index(f'id="question-{pk}"') for pk in drawn]
    assert order == sorted(order)
    assert first.count('class="card mb-3 question"') == 4
    assert [second.index(f'id="question-{pk}"') for pk in drawn] == sorted(order)


def test_two_seeds_draw_differently(course, hr, salesperson, supervisor):
    for _i in range(10):
        f.make_question(course, "single", actor=hr)
    test = f.make_test(course, question_count=5, units_required=False, actor=hr)
    draws = {tuple(q.pk for q, _o in services.online._draw(test, seed)) for seed in range(1, 6)}
    assert len(draws) > 1


def test_fewer_questions_than_asked_draws_them_all(course, salesperson, hr):
    f.make_question(course, "single", actor=hr)
    f.make_question(course, "true_false", actor=hr)
    f.make_question(course, "single", actor=hr, active=False)
    f.make_test(course, question_count=5, units_required=False, actor=hr)
    attempt = services.attempt_start(actor=salesperson, course=course)
    assert attempt.question_count == 2  # the inactive question is never drawn


# --- time limit -----------------------------------------------------------------------------


def _started(course, user, hr, minutes_ago):
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=1, time_limit_minutes=10, units_required=False, actor=hr)
    past = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return services.attempt_start(actor=user, course=course, now=past)


def test_answers_within_the_grace_are_accepted(course, salesperson, hr):
    attempt = _started(course, salesperson, hr, minutes_ago=10)  # deadline: now, grace 30 s
    answers = f.right_answers(attempt)
    services.attempt_submit(actor=salesperson, attempt=attempt, answers=answers)
    attempt.refresh_from_db()
    assert attempt.status == TestAttempt.Status.SUBMITTED and attempt.passed


def test_answers_after_the_deadline_are_refused_and_the_attempt_closed(course, salesperson, hr):
    attempt = _started(course, salesperson, hr, minutes_ago=11)
    with pytest.raises(ValidationError):
        services.attempt_submit(
            actor=salesperson, attempt=attempt, answers=f.right_answers(attempt)
        )
    attempt.refresh_from_db()
    assert attempt.status == TestAttempt.Status.EXPIRED
    assert attempt.score == Decimal("0.0") and attempt.passed is False
    assert attempt.submitted_at == attempt.deadline


def test_answers_saved_in_time_count_when_the_time_runs_out(course, salesperson, hr):
    attempt = _started(course, salesperson, hr, minutes_ago=9)
    services.attempt_save_answers(
        actor=salesperson, attempt=attempt, answers=f.right_answers(attempt)
    )
    later = timezone.now() + dt.timedelta(minutes=2)
    with pytest.raises(ValidationError):
        services.attempt_save_answers(actor=salesperson, attempt=attempt, answers={}, now=later)
    attempt.refresh_from_db()
    assert attempt.status == TestAttempt.Status.EXPIRED and attempt.passed is True


def test_the_scheduled_job_closes_forgotten_attempts_once(course, salesperson, hr):
    attempt = _started(course, salesperson, hr, minutes_ago=30)
    assert services.close_due_attempts() == 1
    assert services.close_due_attempts() == 0
    attempt.refresh_from_db()
    assert attempt.status == TestAttempt.Status.EXPIRED


def test_the_page_of_an_expired_attempt_shows_the_result(course, salesperson, hr, client_for):
    attempt = _started(course, salesperson, hr, minutes_ago=30)
    response = client_for(salesperson).get(attempt.get_absolute_url())
    assert response.status_code == 200
    assert 'id="result"' in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == TestAttempt.Status.EXPIRED


# --- attempts -------------------------------------------------------------------------------


def test_attempts_are_limited(course, salesperson, hr):
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=1, max_attempts=2, units_required=False, actor=hr)
    f.make_attempt(salesperson, course, right=0)
    second = f.make_attempt(salesperson, course, right=0)
    assert second.number == 2
    status = services.test_status(salesperson.employee, course)
    assert status["left"] == 0 and not status["can_start"]
    with pytest.raises(ValidationError, match="No attempts left"):
        services.attempt_start(actor=salesperson, course=course)


def test_a_submitted_attempt_cannot_be_submitted_again(course, salesperson, hr):
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=1, units_required=False, actor=hr)
    attempt = f.make_attempt(salesperson, course, right=0)
    with pytest.raises(ValidationError):
        services.attempt_submit(
            actor=salesperson, attempt=attempt, answers=f.right_answers(attempt)
        )


def test_only_the_learner_submits_their_attempt(course, salesperson, supervisor, manager, hr):
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=1, units_required=False, actor=hr)
    attempt = services.attempt_start(actor=salesperson, course=course)
    with pytest.raises(PermissionDenied):
        services.attempt_submit(actor=supervisor, attempt=attempt, answers={})
    with pytest.raises(PermissionDenied):
        services.attempt_start(actor=manager, course=course)  # managers only read


def test_an_inactive_or_classroom_course_cannot_be_taken(salesperson, hr):
    closed = f.make_course(active=False)
    classroom = f.make_course(delivery="internal")
    for course in (closed, classroom):
        with pytest.raises(PermissionDenied):
            services.attempt_start(actor=salesperson, course=course)


# --- the unit gate --------------------------------------------------------------------------


def test_the_test_opens_when_every_unit_is_done(course, salesperson, hr):
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=1, units_required=True, actor=hr)
    with pytest.raises(ValidationError, match="Finish every unit"):
        services.attempt_start(actor=salesperson, course=course)
    f.finish_units(salesperson, course)
    assert services.attempt_start(actor=salesperson, course=course).number == 1


def test_the_gate_can_be_turned_off(course, salesperson, hr):
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=1, units_required=False, actor=hr)
    assert services.attempt_start(actor=salesperson, course=course).number == 1


# --- the training file ----------------------------------------------------------------------


def test_the_first_pass_writes_the_training_file_once(course, salesperson, hr):
    f.make_question(course, "single", actor=hr)
    f.make_question(course, "single", actor=hr)
    f.make_test(course, question_count=2, units_required=False, actor=hr)
    failed = f.make_attempt(salesperson, course, right=0)
    assert failed.record_id is None
    assert not TrainingRecord.objects.filter(employee=salesperson.employee).exists()
    passed = f.make_attempt(salesperson, course)
    record = TrainingRecord.objects.get(employee=salesperson.employee)
    assert passed.record_id == record.pk
    assert record.kind == TrainingRecord.Kind.ONLINE and record.course == course
    assert record.score == Decimal("100.0") and record.passed is True
    assert record.hours == Decimal("2.5")
    assert record.completed_on == timezone.localdate()
    assert record.history.first().history_user == salesperson
    # passing closes the test: no further attempt, no second line
    with pytest.raises(ValidationError, match="passed"):
        services.attempt_start(actor=salesperson, course=course)
    services.online._finish(passed, actor=salesperson, status="submitted", when=timezone.now())
    assert TrainingRecord.objects.filter(employee=salesperson.employee).count() == 1


# --- progress -------------------------------------------------------------------------------


def test_time_spent_is_capped_by_the_time_that_passed(salesperson, hr):
    course = f.make_course()
    unit = f.make_unit(course, f.make_resource("document", actor=hr), min_seconds=100, actor=hr)
    now = timezone.now()
    p = services.progress_record(actor=salesperson, unit=unit, seconds=60, now=now)
    assert p.seconds_spent == 60 and not p.done
    # 10 seconds later the player cannot claim 60
    p = services.progress_record(
        actor=salesperson, unit=unit, seconds=60, now=now + dt.timedelta(seconds=10)
    )
    assert p.seconds_spent == 72 and not p.done
    p = services.progress_record(
        actor=salesperson, unit=unit, seconds=40, now=now + dt.timedelta(seconds=60)
    )
    assert p.seconds_spent == 112 and p.done


def test_a_video_is_done_when_played_to_the_end(salesperson, hr):
    course = f.make_course()
    unit = f.make_unit(course, f.make_resource("video", actor=hr), actor=hr)
    p = services.progress_record(actor=salesperson, unit=unit, seconds=3, position=3)
    assert not p.done and p.position_seconds == 3
    p = services.progress_record(actor=salesperson, unit=unit, seconds=1, position=4, ended=True)
    assert p.done


def test_mark_as_done_waits_for_the_minimum_time(salesperson, hr):
    course = f.make_course()
    unit = f.make_unit(
        course, f.make_resource("link", actor=hr), completion="mark", min_seconds=30, actor=hr
    )
    with pytest.raises(ValidationError):
        services.progress_record(actor=salesperson, unit=unit, mark_done=True)
    services.progress_record(actor=salesperson, unit=unit, seconds=30)
    p = services.progress_record(actor=salesperson, unit=unit, mark_done=True)
    assert p.done
    assert UnitProgress.objects.filter(employee=salesperson.employee).count() == 1


def test_course_progress_and_where_to_continue(salesperson, hr):
    course = f.make_course()
    units = [f.make_unit(course, actor=hr) for _i in range(4)]
    services.progress_record(actor=salesperson, unit=units[0], seconds=5)  # a link: opened = done
    services.progress_record(
        actor=salesperson, unit=units[2], seconds=5, now=timezone.now() + dt.timedelta(seconds=5)
    )
    state = services.course_progress(salesperson.employee, course)
    assert state["done"] == 2 and state["percent"] == 50
    assert state["next_unit"] == units[1]
    assert state["resume"] == units[2]


def test_the_scheduled_task_records_its_run(course, salesperson, hr):
    from core.models import TaskRun
    from training.tasks.online import close_due_online_tests

    _started(course, salesperson, hr, minutes_ago=30)
    close_due_online_tests.delay()
    close_due_online_tests.delay()
    runs = TaskRun.objects.filter(name="close_due_online_tests").order_by("pk")
    assert [r.result["closed"] for r in runs] == [1, 0]

"""Online learning: units in order, progress as the learner plays, the final test (draw,
time limit measured on the server, grading, attempts) and the training-file line of a pass."""

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text
from core.services import audit_event, require_permission, save_checked

from .. import rules
from ..models import (
    AttemptAnswer,
    Course,
    CourseUnit,
    OnlineTest,
    Question,
    QuestionOption,
    TestAttempt,
    TrainingRecord,
    UnitProgress,
)
from .records import record_completion

TAKE_PERM = "training.take_online_course"
# A progress report may add at most this many seconds (the player reports every ~15 s).
MAX_PROGRESS_STEP = 60


def learner_employee(actor):
    """The employee record of ``actor`` if they may take online courses, else refuse."""
    employee = getattr(actor, "employee", None)
    if not actor.has_perm(TAKE_PERM) or employee is None:
        raise PermissionDenied(_("You may not take online courses."))
    return employee


def require_learnable(actor, course):
    """Refuse unless ``actor`` may take ``course`` now (an active online course)."""
    employee = learner_employee(actor)
    if course.delivery != Course.Delivery.ONLINE or not course.active:
        raise PermissionDenied(_("This course is not open for online learning."))
    return employee


# --- HR: units ----------------------------------------------------------------------------


def _check_online_course(course):
    if course.delivery != Course.Delivery.ONLINE:
        raise ValidationError({"course": _("Units and tests belong to online courses only.")})


@transaction.atomic
def unit_save(*, actor, unit):
    """Add or change a unit of an online course; a new unit goes to the end."""
    require_permission(actor, unit.course, "training.change_courseunit", action="view")
    _check_online_course(unit.course)
    if not unit.pk:
        last = unit.course.units.order_by("-position").values_list("position", flat=True).first()
        unit.position = (last or 0) + 1
    return save_checked(unit, actor)


@transaction.atomic
def unit_move(*, actor, unit, step):
    """Move a unit one place up (``step`` -1) or down (+1) in its course."""
    if not actor.has_perm("training.change_courseunit"):
        raise PermissionDenied
    units = list(unit.course.units.order_by("position", "pk"))
    index = next(i for i, u in enumerate(units) if u.pk == unit.pk)
    target = index + step
    if not 0 <= target < len(units):
        return unit
    units[index], units[target] = units[target], units[index]
    for position, u in enumerate(units, start=1):
        if u.position != position:
            u.position = position
            save_checked(u, actor)
    return unit


@transaction.atomic
def unit_delete(*, actor, unit):
    """Remove a unit (and its learners' progress on it); the others close the gap."""
    if not actor.has_perm("training.delete_courseunit"):
        raise PermissionDenied
    course = unit.course
    unit.delete()
    for position, u in enumerate(course.units.order_by("position", "pk"), start=1):
        if u.position != position:
            u.position = position
            save_checked(u, actor)


@transaction.atomic
def online_test_save(*, actor, test):
    """Save a course's test settings."""
    perm = "training.change_onlinetest" if test.pk else "training.add_onlinetest"
    if not actor.has_perm(perm):
        raise PermissionDenied
    _check_online_course(test.course)
    return save_checked(test, actor)


# --- HR: questions ------------------------------------------------------------------------

TRUE_FALSE_OPTIONS = (("對", "Right"), ("錯", "Wrong"))


def check_question(kind, options):
    """The errors of a question's ``options`` ([(text, correct)]) for its ``kind``."""
    errors = []
    texts = [t for t, _c in options]
    right = sum(1 for _t, c in options if c)
    if kind == Question.Kind.TRUE_FALSE:
        if right != 1:
            errors.append(_("Say whether the statement is true or false."))
        return errors
    if len(texts) < 2:
        errors.append(_("Give at least two options."))
    if len({t.strip() for t in texts}) != len(texts):
        errors.append(_("Two options have the same text."))
    if kind == Question.Kind.SINGLE and right != 1:
        errors.append(_("A single-choice question has exactly one right option."))
    if kind == Question.Kind.MULTIPLE and right < 1:
        errors.append(_("Mark at least one right option."))
    return errors


@transaction.atomic
def question_save(*, actor, question, options):
    """Save ``question`` with its ``options`` ([(text, correct)], in order), replacing the
    old options. A true/false question gets the two options "right" and "wrong"."""
    perm = "training.change_question" if question.pk else "training.add_question"
    if not actor.has_perm(perm):
        raise PermissionDenied
    _check_online_course(question.course)
    options = [(str(t).strip(), bool(c)) for t, c in options if str(t).strip()]
    errors = check_question(question.kind, options)
    if errors:
        raise ValidationError(errors)
    save_checked(question, actor)
    kept = list(question.options.order_by("position", "pk"))
    for position, (text, correct) in enumerate(options, start=1):
        option = kept[position - 1] if position <= len(kept) else QuestionOption(question=question)
        if not option.pk or (option.position, option.text, option.correct) != (
            position,
            text,
            correct,
        ):
            option.position, option.text, option.correct = position, text, correct
            save_checked(option, actor)
    for extra in kept[len(options) :]:
        extra.delete()
    return question


def true_false_options(answer_is_true):
    """The two options of a true/false question, "right" first."""
    return [
        (TRUE_FALSE_OPTIONS[0][0], answer_is_true),
        (TRUE_FALSE_OPTIONS[1][0], not answer_is_true),
    ]


# --- learners: progress -------------------------------------------------------------------


def unit_required_seconds(unit):
    """Seconds a learner must spend on ``unit`` before it is done by viewing."""
    return unit.min_seconds


def progress_record(*, actor, unit, seconds=0, position=0, ended=False, mark_done=False, now=None):
    """Record what the player reports for ``actor`` on ``unit``: time spent (capped by the
    time that really passed since the last report), where playback stopped, the end of a
    video, or the learner marking the unit done. Returns the UnitProgress.

    A unit is done when its minimum time is reached and — for a unit completed by viewing —
    a video was played to the end (or has a minimum time), any other unit was opened; for a
    unit marked by the learner, when they mark it.

    Two first reports can arrive together (at the end of a short video the player sends
    "paused" and "ended" at once): the one whose row insert loses the race is recorded again
    on the row the other created, so neither is lost.
    """
    employee = require_learnable(actor, unit.course)
    now = now or timezone.now()
    kwargs = {
        "seconds": seconds,
        "position": position,
        "ended": ended,
        "mark_done": mark_done,
        "now": now,
    }
    rows = UnitProgress.objects.filter(employee=employee, unit=unit)
    with transaction.atomic():
        existed = rows.exists()
        try:
            with transaction.atomic():
                return _progress_record(actor, employee, unit, **kwargs)
        except (IntegrityError, ValidationError):
            # the unique check (full_clean) or the insert met the other report's row
            if existed or not rows.exists():
                raise
            return _progress_record(actor, employee, unit, **kwargs)


def _progress_record(actor, employee, unit, *, seconds, position, ended, mark_done, now):
    progress = UnitProgress.objects.select_for_update().filter(employee=employee, unit=unit).first()
    if progress is None:
        progress = UnitProgress(employee=employee, unit=unit, last_seen=now)
        elapsed = MAX_PROGRESS_STEP
    else:
        elapsed = max(0, int((now - progress.last_seen).total_seconds())) + 2
    step = max(0, min(int(seconds or 0), MAX_PROGRESS_STEP, elapsed))
    progress.seconds_spent += step
    progress.position_seconds = max(0, min(int(position or 0), 36000))
    progress.last_seen = now
    if progress.completed_at is None:
        reached = progress.seconds_spent >= unit_required_seconds(unit)
        if unit.completion == CourseUnit.Completion.MARK:
            if mark_done and not reached:
                raise ValidationError(
                    _("Spend at least %(seconds)d seconds on this unit first.")
                    % {"seconds": unit.min_seconds}
                )
            done = mark_done and reached
        elif unit.resource.kind == "video" and unit.min_seconds == 0:
            done = bool(ended)
        else:
            done = reached
        if done:
            progress.completed_at = now
    return save_checked(progress, actor)


def course_progress(employee, course, units=None, progress=None):
    """{"units", "done", "percent", "next_unit", "resume"} for ``employee`` on ``course``:
    the units with their progress, how many are done, the percentage, the first unit not
    done, and the unit last worked on (where to continue)."""
    units = list(units if units is not None else course.units.select_related("resource"))
    if progress is None:
        progress = {
            p.unit_id: p
            for p in UnitProgress.objects.filter(employee=employee, unit__course=course)
        }
    done = sum(1 for u in units if progress.get(u.pk) and progress[u.pk].done)
    percent = round(100 * done / len(units)) if units else 0
    next_unit = next((u for u in units if not (progress.get(u.pk) and progress[u.pk].done)), None)
    seen = [progress[u.pk] for u in units if u.pk in progress]
    last = max(seen, key=lambda p: p.last_seen, default=None)
    resume = next((u for u in units if last and u.pk == last.unit_id), None)
    return {
        "units": [(u, progress.get(u.pk)) for u in units],
        "done": done,
        "total": len(units),
        "percent": percent,
        "next_unit": next_unit,
        "resume": resume,
        "resume_progress": last,
    }


# --- learners: the test -------------------------------------------------------------------


def grace():
    return dt.timedelta(seconds=params.get(rules.TEST_GRACE_SECONDS))


def grade(kind, right_ids, chosen_ids):
    """Whether ``chosen_ids`` answer a question of ``kind`` whose right options are
    ``right_ids``: single choice and true/false need exactly the right option, multiple
    choice all the right options and no other (partly right is wrong)."""
    chosen = {int(i) for i in chosen_ids}
    right = {int(i) for i in right_ids}
    if kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
        return len(chosen) == 1 and chosen == right
    return bool(chosen) and chosen == right


def score_of(correct, total):
    """The score in % (one decimal, half up) of ``correct`` right answers of ``total``."""
    if not total:
        return Decimal("0.0")
    return (Decimal(correct) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


_UNKNOWN = object()


def test_status(employee, course, test=_UNKNOWN, attempts=None, progress=None):
    """What the learner may do with the test now: {"test", "attempts", "used", "left",
    "passed", "best", "open_attempt", "can_start", "reason"}."""
    if test is _UNKNOWN:  # not read by the caller (a page of many courses reads them at once)
        test = OnlineTest.objects.filter(course=course).first()
    if attempts is None:
        attempts = list(TestAttempt.objects.filter(employee=employee, course=course))
    attempts = sorted(attempts, key=lambda a: a.number)
    passed = any(a.passed for a in attempts)
    scores = [a.score for a in attempts if a.score is not None]
    open_attempt = next((a for a in attempts if a.is_open), None)
    used = len(attempts)
    left = max(0, test.max_attempts - used) if test else 0
    reason = ""
    if test is None:
        reason = _("This course has no test yet.")
    elif passed:
        reason = _("You have passed this test.")
    elif open_attempt is None and left == 0:
        reason = _("No attempts left.")
    elif test.units_required:
        progress = progress if progress is not None else course_progress(employee, course)
        if progress["done"] < progress["total"]:
            reason = _("Finish every unit first (%(done)d of %(total)d done).") % {
                "done": progress["done"],
                "total": progress["total"],
            }
    return {
        "test": test,
        "attempts": attempts,
        "used": used,
        "left": left,
        "passed": passed,
        "best": max(scores, default=None),
        "open_attempt": open_attempt,
        "can_start": not reason or (open_attempt is not None and not passed),
        "reason": reason,
    }


def _draw(test, seed):
    """The questions of an attempt: ``question_count`` active questions drawn with ``seed``,
    and each one's options in a drawn order (true/false keeps "right, wrong")."""
    rng = random.Random(seed)
    bank = list(
        Question.objects.filter(course=test.course, active=True)
        .prefetch_related("options")
        .order_by("pk")
    )
    count = min(test.question_count, len(bank))
    drawn = rng.sample(bank, count)
    result = []
    for question in drawn:
        options = [o.pk for o in question.options.all()]
        if question.kind != Question.Kind.TRUE_FALSE:
            rng.shuffle(options)
        result.append((question, options))
    return result


@transaction.atomic
def attempt_start(*, actor, course, now=None, seed=None):
    """Start an attempt at ``course``'s test (or return the one in progress): draw the
    questions with a seed kept on the attempt, and set the deadline on the server clock."""
    employee = require_learnable(actor, course)
    now = now or timezone.now()
    for attempt in TestAttempt.objects.filter(
        employee=employee, course=course, status="in_progress"
    ):
        attempt_close_if_due(attempt=attempt, now=now)
    status = test_status(employee, course)
    if status["open_attempt"] is not None:
        return status["open_attempt"]
    if status["reason"]:
        raise ValidationError(status["reason"])
    test = status["test"]
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
    drawn = _draw(test, seed)
    if not drawn:
        raise ValidationError(_("The question bank of this course is empty."))
    attempt = save_checked(
        TestAttempt(
            employee=employee,
            course=course,
            number=status["used"] + 1,
            seed=seed,
            started_at=now,
            deadline=now + dt.timedelta(minutes=test.time_limit_minutes),
            pass_mark=test.pass_mark,
            question_count=len(drawn),
        ),
        actor,
    )
    for position, (question, options) in enumerate(drawn, start=1):
        save_checked(
            AttemptAnswer(
                attempt=attempt, question=question, position=position, option_order=options
            ),
            actor,
        )
    return attempt


def _require_own_open(actor, attempt):
    employee = learner_employee(actor)
    if attempt.employee_id != employee.pk:
        raise PermissionDenied(_("This is not your test."))


def _store_answers(attempt, answers, actor):
    """Keep the options chosen: ``answers`` is {question id: [option ids]}; an option that
    is not one of the question's is ignored."""
    for answer in attempt.answers.all():
        if answer.question_id not in answers:
            continue
        allowed = set(answer.option_order)
        chosen = sorted({int(i) for i in answers[answer.question_id] if int(i) in allowed})
        if chosen != answer.chosen:
            answer.chosen = chosen
            save_checked(answer, actor)


def _close_or_refuse(attempt, now, message):
    """Close ``attempt`` if its time (and grace) is up — kept even though the caller's
    request is then refused — and refuse with ``message``."""
    with transaction.atomic():
        closed = attempt_close_if_due(attempt=attempt, now=now)
    if closed:
        raise ValidationError(message)


def attempt_save_answers(*, actor, attempt, answers, now=None):
    """Keep the answers given so far (the page saves them as the learner goes); refused
    once the time limit and its grace have passed, which closes the attempt."""
    _require_own_open(actor, attempt)
    now = now or timezone.now()
    _close_or_refuse(attempt, now, _("The time is up: the test was closed with the answers saved."))
    with transaction.atomic():
        if not attempt.is_open:
            raise ValidationError(_("This test is already submitted."))
        _store_answers(attempt, answers, actor)
    return attempt


def attempt_submit(*, actor, attempt, answers, now=None):
    """Submit the attempt: keep the answers (unless the time limit and grace have passed:
    then only the answers saved in time count), grade it, and on the learner's first pass
    write the training file's line (once)."""
    _require_own_open(actor, attempt)
    now = now or timezone.now()
    _close_or_refuse(
        attempt, now, _("The time is up: answers sent after the time limit were not accepted.")
    )
    with transaction.atomic():
        locked = TestAttempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            raise ValidationError(_("This test is already submitted."))
        _store_answers(locked, answers, actor)
        _finish(locked, actor=actor, status=TestAttempt.Status.SUBMITTED, when=now)
    return locked


def attempt_close_if_due(*, attempt, now=None):
    """Close an attempt whose time limit (plus grace) has passed, grading the answers saved
    in time; True if it was closed now. Safe to call again."""
    now = now or timezone.now()
    if not attempt.is_open or now <= attempt.deadline + grace():
        return False
    user = attempt.employee.user
    _finish(attempt, actor=user, status=TestAttempt.Status.EXPIRED, when=attempt.deadline)
    return True


def _finish(attempt, *, actor, status, when):
    answers = list(attempt.answers.select_related("question").prefetch_related("question__options"))
    correct = 0
    for answer in answers:
        right = [o.pk for o in answer.question.options.all() if o.correct]
        answer.correct = grade(answer.question.kind, right, answer.chosen)
        correct += answer.correct
        save_checked(answer, actor)
    total = len(answers)
    attempt.status = status
    attempt.submitted_at = when
    attempt.correct_count = correct
    attempt.question_count = total
    attempt.score = score_of(correct, total)
    attempt.passed = bool(total) and correct * 100 >= attempt.pass_mark * total
    if attempt.passed:
        already = (
            TestAttempt.objects.filter(
                employee=attempt.employee, course=attempt.course, record__isnull=False
            )
            .exclude(pk=attempt.pk)
            .exists()
        )
        if not already and attempt.record_id is None:
            attempt.record = record_completion(
                actor=actor,
                employee=attempt.employee,
                kind=TrainingRecord.Kind.ONLINE,
                course=attempt.course,
                completed_on=timezone.localdate(when),
                hours=attempt.course.credit_hours,
                score=attempt.score,
                passed=True,
                note=_("Online test, attempt %(number)d") % {"number": attempt.number},
                check=False,
            )
    save_checked(attempt, actor)
    audit_event(
        actor=actor,
        verb="passed" if attempt.passed else "failed",
        target=attempt,
        message=Text(
            gettext_noop("Online test %(course)s: %(score)s%%"),
            {"course": attempt.course.title, "score": attempt.score},
        ),
    )
    return attempt


def close_due_attempts(now=None):
    """Close every attempt whose time is up (the scheduled job); returns how many."""
    now = now or timezone.now()
    closed = 0
    cutoff = now - grace()
    for attempt in TestAttempt.objects.filter(
        status="in_progress", deadline__lt=cutoff
    ).select_related("employee__user"):
        with transaction.atomic():
            closed += attempt_close_if_due(attempt=attempt, now=now)
    return closed

"""Writes of internal sessions (enrolment, sign-up, attendance and results), external
courses (request, supervisor's decision, evidence, HR's confirmation), the mandatory rules
of a course and personal training plans. Every completed piece of training reaches the
training file through ``record_completion``.
"""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text, choice, name_of
from core.permissions import get_profile
from core.services import audit_event, notify, require_permission, save_checked

from .. import rules
from ..models import (
    Enrolment,
    ExternalCourse,
    MandatoryTraining,
    Session,
    TrainingPlan,
    TrainingPlanItem,
    TrainingRecord,
)
from .records import record_completion

MANAGE_ANY_SESSION = "training.manage_any_session"


# --- sessions --------------------------------------------------------------------------------


def may_run_session(user, session):
    """Whether ``user`` runs ``session``: HR (``manage_any_session``) or the employee named
    as its trainer. The one check of the trainer's rights (enrol, record attendance)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm(MANAGE_ANY_SESSION):
        return True
    return bool(session.trainer_id) and session.trainer.user_id == user.pk


def _require_runs(actor, session):
    if not (actor.has_perm("training.view_session") and may_run_session(actor, session)):
        raise PermissionDenied(_("Only the session's trainer or HR may do this."))


@transaction.atomic
def session_save(*, actor, session):
    """Create or change a session (HR)."""
    perm = "training.change_session" if session.pk else "training.add_session"
    if not actor.has_perm(perm):
        raise PermissionDenied(_("You may not do this on this record."))
    if session.pk and session.enrolments.count() > session.seats:
        raise ValidationError(
            {"seats": _("More people are already enrolled than this number of seats.")}
        )
    new = session.pk is None
    save_checked(session, actor)
    audit_event(
        actor=actor, verb="created" if new else "changed", target=session, message=str(session)
    )
    return session


def _check_seats(session, adding):
    taken = session.enrolments.count()
    if taken + adding > session.seats:
        raise ValidationError(
            _("Not enough seats: %(left)d left, %(wanted)d asked for.")
            % {"left": max(session.seats - taken, 0), "wanted": adding}
        )


@transaction.atomic
def session_enrol(*, actor, session, employees):
    """Enrol ``employees`` (HR or the trainer); every seat counted, nobody twice."""
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("trainer").get(pk=session.pk)
    )
    _require_runs(actor, session)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("The session is cancelled."))
    employees = list(employees)
    if not employees:
        raise ValidationError({"employees": _("Choose at least one employee.")})
    already = set(
        session.enrolments.filter(employee__in=employees).values_list("employee__name", flat=True)
    )
    if already:
        raise ValidationError(
            {"employees": _("Already enrolled: %(names)s.") % {"names": "、".join(sorted(already))}}
        )
    _check_seats(session, len(employees))
    made = []
    for employee in employees:
        made.append(
            save_checked(Enrolment(session=session, employee=employee, enrolled_by=actor), actor)
        )
        notify(
            recipient=employee.user,
            title=Text(gettext_noop("You are enrolled in %(session)s"), {"session": session}),
            body=Text(
                gettext_noop("%(when)s at %(place)s"),
                {
                    "when": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
                    "place": session.place,
                },
            ),
            url=session.get_absolute_url(),
            dedupe_key=f"training-enrolled:{session.pk}:{employee.pk}",
        )
    audit_event(
        actor=actor,
        verb="enrolled",
        target=session,
        message="、".join(e.name for e in employees),
    )
    return made


@transaction.atomic
def session_sign_up(*, actor, session):
    """An employee takes a seat in an open session that has not started."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    employee = getattr(actor, "employee", None)
    if employee is None or not actor.has_perm("training.view_session"):
        raise PermissionDenied(_("Only an employee may sign up."))
    if session.status != Session.Status.OPEN or session.starts_at <= timezone.now():
        raise ValidationError(_("The session is not open for sign-up."))
    if session.enrolments.filter(employee=employee).exists():
        raise ValidationError(_("You are already enrolled in this session."))
    _check_seats(session, 1)
    enrolment = save_checked(
        Enrolment(session=session, employee=employee, enrolled_by=actor), actor
    )
    audit_event(actor=actor, verb="signed up", target=session, message=employee.name)
    return enrolment


@transaction.atomic
def enrolment_record_result(*, actor, enrolment, attendance, score=None, passed=None, comment=""):
    """Record one attendee's attendance and result (the trainer or HR). An attended session
    writes the attendee's training record once; a correction updates that record, and an
    attendee marked absent after all loses it."""
    session = enrolment.session
    _require_runs(actor, session)
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the session has started."))
    if attendance not in Enrolment.Attendance.values:
        raise ValidationError({"attendance": _("Say whether the employee attended.")})
    if attendance == Enrolment.Attendance.ABSENT and (score is not None or passed):
        raise ValidationError({"score": _("An absent employee has no score or pass.")})
    enrolment.attendance = attendance
    enrolment.score = score
    enrolment.passed = passed if attendance == Enrolment.Attendance.ATTENDED else None
    enrolment.comment = comment
    record = enrolment.record
    if attendance == Enrolment.Attendance.ATTENDED:
        completed_on = timezone.localtime(session.starts_at).date()
        if record is None:
            record = record_completion(
                actor=actor,
                employee=enrolment.employee,
                kind=TrainingRecord.Kind.SESSION,
                completed_on=completed_on,
                hours=session.hours,
                course=session.course,
                score=score,
                passed=enrolment.passed,
                note=comment,
                check=False,  # the trainer's right was checked above
            )
            enrolment.record = record
        else:
            record.completed_on = completed_on
            record.hours = session.hours
            record.score = score
            record.passed = enrolment.passed
            record.note = comment
            save_checked(record, actor)
    elif record is not None:
        enrolment.record = None
        save_checked(enrolment, actor)
        record.delete()
    save_checked(enrolment, actor)
    audit_event(
        actor=actor,
        verb="result recorded",
        target=session,
        message=Text(
            gettext_noop("%(name)s: %(attendance)s"),
            {
                "name": enrolment.employee.name,
                "attendance": choice(enrolment, "attendance", enrolment.attendance),
            },
        ),
    )
    return enrolment


# --- external courses ------------------------------------------------------------------------


def _team_supervisor(employee):
    team = employee.team
    return team.supervisor if team is not None else None


@transaction.atomic
def external_request(
    *, actor, provider, title, starts_on, ends_on, hours, cost, reason, course=None
):
    """An employee asks to attend an outside course; the team's supervisor is told."""
    employee = getattr(actor, "employee", None)
    if employee is None or not actor.has_perm("training.add_externalcourse"):
        raise PermissionDenied(_("Only an employee may ask for an external course."))
    external = save_checked(
        ExternalCourse(
            employee=employee,
            provider=provider,
            title=title,
            course=course,
            starts_on=starts_on,
            ends_on=ends_on,
            hours=hours,
            cost=cost,
            reason=reason,
        ),
        actor,
    )
    supervisor = _team_supervisor(employee)
    if supervisor is not None and supervisor.pk != actor.pk:
        notify(
            recipient=supervisor,
            title=Text(gettext_noop("External course to approve: %(title)s"), {"title": title}),
            body=employee.name,
            url=external.get_absolute_url(),
            dedupe_key=f"training-external-request:{external.pk}",
        )
    audit_event(actor=actor, verb="requested", target=external, message=title)
    return external


def may_decide_external(user, external):
    """The supervisor of the employee's team (not the employee) decides a request."""
    if not user.has_perm("training.approve_externalcourse"):
        return False
    if external.employee.user_id == user.pk:
        return False
    if user.is_superuser:
        return True
    return external.employee.team_id in get_profile(user).led_team_ids


@transaction.atomic
def external_decide(*, actor, external, approve, note=""):
    """The supervisor approves or rejects (with the reason) a requested external course."""
    if not may_decide_external(actor, external):
        raise PermissionDenied(_("Only the supervisor of the employee's team may decide."))
    if external.status != ExternalCourse.Status.REQUESTED:
        raise ValidationError(_("Only a request waiting for approval can be decided."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Give the reason for the rejection.")})
    S = ExternalCourse.Status
    external.status = S.APPROVED if approve else S.REJECTED
    external.decided_by = actor
    external.decided_at = timezone.now()
    external.decision_note = note
    save_checked(external, actor)
    notify(
        recipient=external.employee.user,
        title=Text(
            gettext_noop("External course approved: %(title)s")
            if approve
            else gettext_noop("External course rejected: %(title)s"),
            {"title": external.title},
        ),
        body=note,
        url=external.get_absolute_url(),
        dedupe_key=f"training-external-decided:{external.pk}",
    )
    audit_event(
        actor=actor, verb="approved" if approve else "rejected", target=external, message=note
    )
    return external


@transaction.atomic
def external_upload_evidence(*, actor, external, file, score=None):
    """The employee uploads the certificate or attendance proof of an approved course."""
    if external.employee.user_id != actor.pk:
        raise PermissionDenied(_("Only the employee uploads the evidence."))
    S = ExternalCourse.Status
    if external.status not in (S.APPROVED, S.COMPLETED):
        raise ValidationError(_("Evidence is uploaded for an approved course."))
    if external.ends_on > timezone.localdate():
        raise ValidationError(_("Upload the evidence once the course has ended."))
    external.evidence = file
    external.evidence_name = getattr(file, "name", "")[:200]
    external.score = score
    external.status = S.COMPLETED
    save_checked(external, actor)
    audit_event(actor=actor, verb="evidence uploaded", target=external, message=external.title)
    return external


@transaction.atomic
def external_confirm(*, actor, external):
    """HR checks the evidence and writes the course to the employee's training file."""
    require_permission(actor, external, "training.confirm_externalcourse", action="view")
    if not actor.has_perm("training.add_trainingrecord"):
        raise PermissionDenied(_("You may not do this on this record."))
    if external.status != ExternalCourse.Status.COMPLETED or not external.evidence:
        raise ValidationError(_("Only a course with its evidence uploaded can be confirmed."))
    external.record = record_completion(
        actor=actor,
        employee=external.employee,
        kind=TrainingRecord.Kind.EXTERNAL,
        completed_on=external.ends_on,
        hours=external.hours,
        course=external.course,
        title=external.title,
        score=external.score,
        passed=True,
        note=external.provider,
        check=False,  # checked above, on the request the record comes from
    )
    external.status = ExternalCourse.Status.CONFIRMED
    external.confirmed_by = actor
    save_checked(external, actor)
    notify(
        recipient=external.employee.user,
        title=Text(
            gettext_noop("External course added to your training file: %(title)s"),
            {"title": external.title},
        ),
        url=reverse("training:file", args=[external.employee_id]),
        dedupe_key=f"training-external-confirmed:{external.pk}",
    )
    audit_event(actor=actor, verb="confirmed", target=external, message=external.title)
    return external


# --- mandatory rules of a course -------------------------------------------------------------


@transaction.atomic
def mandatory_rule_set(*, actor, course, position, within_days_of_hire=None, refresh_months=None):
    """Make ``course`` mandatory for ``position`` (or change the deadlines of that rule)."""
    rule = MandatoryTraining.objects.filter(course=course, position=position).first()
    perm = "training.change_mandatorytraining" if rule else "training.add_mandatorytraining"
    if not actor.has_perm(perm):
        raise PermissionDenied(_("You may not do this on this record."))
    rule = rule or MandatoryTraining(course=course, position=position)
    rule.within_days_of_hire = within_days_of_hire
    rule.refresh_months = refresh_months
    save_checked(rule, actor)
    audit_event(actor=actor, verb="mandatory rule set", target=course, message=name_of(rule))
    return rule


@transaction.atomic
def mandatory_rule_delete(*, actor, rule):
    if not actor.has_perm("training.delete_mandatorytraining"):
        raise PermissionDenied(_("You may not do this on this record."))
    audit_event(
        actor=actor, verb="mandatory rule removed", target=rule.course, message=name_of(rule)
    )
    rule.delete()


# --- personal training plans -----------------------------------------------------------------


def _plan_items(plan, courses, actor):
    for entry in courses:
        course, due_on = entry if isinstance(entry, (tuple, list)) else (entry, plan.ends_on)
        if not plan.starts_on <= due_on <= plan.ends_on:
            raise ValidationError({"courses": _("Each course is due within the plan's period.")})
        save_checked(TrainingPlanItem(plan=plan, course=course, due_on=due_on), actor)


@transaction.atomic
def training_plan_create(
    *,
    actor,
    employee,
    courses,
    reason,
    source,
    source_ref="",
    starts_on=None,
    ends_on=None,
    check=True,
):
    """Create a personal training plan for ``employee``: the public entry of appraisal.

    ``courses``: catalogue courses, or ``(course, due_on)`` pairs (a bare course is due at the
    plan's end). ``source``: ``TrainingPlan.Source.APPRAISAL`` or ``MANUAL``; ``source_ref``
    says where it comes from (e.g. ``"appraisal:42"``). The period runs from ``starts_on``
    (today) for the ``training.plan_months`` setting unless ``ends_on`` is given. The actor
    needs ``training.add_trainingplan`` on the employee's rows unless ``check=False`` (a
    caller that has checked its own rights, e.g. an appraisal signed off by its workflow).
    An item is done once the file holds the course completed on or after the plan's start.
    The employee is notified."""
    starts_on = starts_on or timezone.localdate()
    ends_on = ends_on or starts_on + relativedelta(months=params.get(rules.PLAN_MONTHS))
    courses = list(courses)
    if not courses:
        raise ValidationError({"courses": _("Choose at least one course.")})
    plan = TrainingPlan(
        employee=employee,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
        source_ref=source_ref,
        reason=reason,
    )
    if check and not actor.has_perm("training.add_trainingplan"):
        raise PermissionDenied(_("You may not do this on this record."))
    save_checked(plan, actor)
    if check:
        require_permission(actor, plan, "training.add_trainingplan", action="view")
    _plan_items(plan, courses, actor)
    notify(
        recipient=employee.user,
        title=Text(gettext_noop("A training plan for you: %(n)d courses"), {"n": len(courses)}),
        body=reason[:200],
        url=plan.get_absolute_url(),
        dedupe_key=f"training-plan:{plan.pk}",
    )
    audit_event(actor=actor, verb="created", target=plan, message=reason[:200])
    return plan


@transaction.atomic
def training_plan_update(*, actor, plan, courses, reason, starts_on, ends_on):
    """HR changes a plan: its period, reason and courses (the items are replaced)."""
    require_permission(actor, plan, "training.change_trainingplan")
    plan.reason, plan.starts_on, plan.ends_on = reason, starts_on, ends_on
    save_checked(plan, actor)
    courses = list(courses)
    if not courses:
        raise ValidationError({"courses": _("Choose at least one course.")})
    kept = {item.course_id: item for item in plan.items.all()}
    wanted = {(c[0] if isinstance(c, (tuple, list)) else c).pk: c for c in courses}
    for course_id, item in kept.items():
        if course_id not in wanted:
            item.delete()
    for course_id, entry in wanted.items():
        course, due_on = entry if isinstance(entry, (tuple, list)) else (entry, None)
        item = kept.get(course_id)
        if item is None:
            _plan_items(plan, [entry if due_on else (course, ends_on)], actor)
            continue
        item.due_on = due_on or min(max(item.due_on, starts_on), ends_on)
        if not starts_on <= item.due_on <= ends_on:
            raise ValidationError({"courses": _("Each course is due within the plan's period.")})
        save_checked(item, actor)
    audit_event(actor=actor, verb="changed", target=plan, message=reason[:200])
    return plan

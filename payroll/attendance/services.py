"""Writes of attendance and leave: attendance and overtime records, leave requests and
their decisions, annual leave accounts, untaken leave marked for pay."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text
from core.permissions import can
from core.services import audit_event, notify, require_permission, save_checked
from org import calendar

from .. import rules
from ..models import AnnualLeaveAccount, Approval, LeaveRequest, LeaveType
from . import balance as rules_balance
from .days import leave_days

# The leave types a company starts with (a data migration creates the same rows).
DEFAULT_LEAVE_TYPES = (
    # code, name, pay, counting, is_annual, max_days, order
    ("annual", "年休假", "paid", "working", True, None, 10),
    ("sick", "病假", "partial", "working", False, None, 20),
    ("personal", "事假", "unpaid", "working", False, None, 30),
    ("marriage", "婚假", "paid", "calendar", False, Decimal("3"), 40),
    ("maternity", "產假", "paid", "calendar", False, Decimal("158"), 50),
    ("bereavement", "喪假", "paid", "working", False, Decimal("3"), 60),
    ("comp_time", "調休", "paid", "working", False, None, 70),
)


def leave_types_ensure():
    """Create the default leave types that are missing (idempotent); returns them by code."""
    existing = {t.code: t for t in LeaveType.objects.all()}
    for code, name, pay, counting, is_annual, max_days, order in DEFAULT_LEAVE_TYPES:
        if code not in existing:
            existing[code] = save_checked(
                LeaveType(
                    code=code,
                    name=name,
                    pay=pay,
                    counting=counting,
                    is_annual=is_annual,
                    max_days=max_days,
                    order=order,
                ),
                None,
            )
    return existing


def _is_hr(user):
    return user.has_perm("payroll.change_leaverequest")


# --- annual leave balance -----------------------------------------------------------------


def _carry_settings():
    return Decimal(str(params.get(rules.LEAVE_CARRY_DAYS))), int(
        params.get(rules.LEAVE_CARRY_UNTIL_MONTH)
    )


def _annual_taken(employee, year, statuses=(Approval.APPROVED,), until=None):
    rows = LeaveRequest.objects.filter(
        employee=employee, leave_type__is_annual=True, start__year=year, status__in=statuses
    )
    if until is not None:
        rows = rows.filter(start__lte=until)
    return sum((r.days for r in rows.only("days")), Decimal("0"))


def employee_entitlement(employee, year):
    """``balance.Entitlement`` of ``employee`` in ``year`` from their record."""
    return rules_balance.entitlement(
        year=year,
        hire_date=employee.hire_date,
        prior_years=employee.prior_years_service,
        left_on=employee.left_on,
    )


def annual_leave_balance(employee, year=None, as_of=None):
    """The ``balance.Balance`` of ``employee`` for ``year`` as of ``as_of`` (today): the
    account's figures when HR opened the year, else the entitlement computed now and nothing
    carried over. A few queries, whatever the number of requests."""
    as_of = as_of or timezone.localdate()
    year = year or as_of.year
    account = AnnualLeaveAccount.objects.filter(employee=employee, year=year).first()
    _max_days, until_month = _carry_settings()
    deadline = rules_balance.carry_deadline(year, until_month)
    rows = list(
        LeaveRequest.objects.filter(
            employee=employee,
            leave_type__is_annual=True,
            start__year=year,
            status__in=(Approval.APPROVED, Approval.PENDING),
        ).values_list("status", "start", "days")
    )
    taken = sum((d for s, _start, d in rows if s == Approval.APPROVED), Decimal("0"))
    pending = sum((d for s, _start, d in rows if s == Approval.PENDING), Decimal("0"))
    by_deadline = sum(
        (d for s, start, d in rows if s == Approval.APPROVED and start <= deadline), Decimal("0")
    )
    entitled = account.entitlement if account else employee_entitlement(employee, year).days
    return rules_balance.balance(
        year=year,
        entitlement_days=entitled,
        carried_over=account.carried_over if account else 0,
        taken=taken,
        taken_by_deadline=by_deadline,
        pending=pending,
        paid_out=account.untaken_paid_days if account else 0,
        deadline=deadline,
        as_of=as_of,
    )


@transaction.atomic
def annual_leave_account_open(*, actor, employee, year):
    """Open (or refresh) ``employee``'s account for ``year``: the entitlement from their
    record, and the days carried over from the year before (at most the setting's days)."""
    if actor is not None and not actor.has_perm("payroll.add_annualleaveaccount"):
        raise PermissionDenied
    ent = employee_entitlement(employee, year)
    account = AnnualLeaveAccount.objects.filter(employee=employee, year=year).first()
    account = account or AnnualLeaveAccount(employee=employee, year=year)
    max_days, _month = _carry_settings()
    previous = AnnualLeaveAccount.objects.filter(employee=employee, year=year - 1).exists()
    if previous:
        before = annual_leave_balance(employee, year - 1, as_of=dt.date(year - 1, 12, 31))
        account.carried_over = rules_balance.carry_over(
            remaining=before.remaining, max_days=max_days
        )
    account.entitlement = ent.days
    save_checked(account, actor)
    audit_event(
        actor=actor,
        verb="leave_account_opened",
        target=account,
        message=Text(
            gettext_noop(
                "%(name)s: annual leave %(year)s, %(days)s days, %(carried)s carried over"
            ),
            {
                "name": employee.name,
                "year": year,
                "days": account.entitlement,
                "carried": account.carried_over,
            },
        ),
    )
    return account


def annual_leave_year_open(*, actor, year):
    """Open the year's accounts of every employee not gone before it; returns how many."""
    from org.models import Employee

    employees = Employee.objects.exclude(left_on__lt=dt.date(year, 1, 1)).exclude(
        hire_date__gt=dt.date(year, 12, 31)
    )
    count = 0
    for employee in employees:
        annual_leave_account_open(actor=actor, employee=employee, year=year)
        count += 1
    return count


@transaction.atomic
def annual_leave_mark_untaken(*, actor, account, days, month):
    """HR marks ``days`` of the year's remaining annual leave as not arranged by the
    company: the payroll run of ``month`` pays them at 300% of the daily wage."""
    require_permission(actor, account, "payroll.change_annualleaveaccount")
    days = Decimal(days)
    if days < 0:
        raise ValidationError({"days": _("The days cannot be negative.")})
    current = annual_leave_balance(
        account.employee, account.year, as_of=dt.date(account.year, 12, 31)
    )
    most = current.remaining + account.untaken_paid_days
    if days > most:
        raise ValidationError(
            {"days": _("Only %(days)s days of annual leave remain.") % {"days": most}}
        )
    account.untaken_paid_days = days
    account.paid_in_month = month.replace(day=1) if days else None
    save_checked(account, actor)
    audit_event(
        actor=actor,
        verb="untaken_leave_marked",
        target=account,
        message=Text(
            gettext_noop("%(name)s: %(days)s untaken annual leave days paid in %(month)s"),
            {"name": account.employee.name, "days": days, "month": f"{month:%Y-%m}"},
        ),
    )
    return account


# --- leave requests -------------------------------------------------------------------------


def _check_request(request, *, exclude_pk=None):
    """Refusals of a leave request as field errors (an empty dict when it may stand)."""
    errors = {}
    employee = request.employee
    if request.end < request.start:
        errors["end"] = _("The last day cannot be before the first.")
        return errors
    if request.start == request.end and request.start_afternoon and request.end_noon:
        errors["end_noon"] = _("A one-day leave is either from the afternoon or until noon.")
        return errors
    if employee.left_on and request.end > employee.left_on:
        errors["end"] = _("The employee leaves the company on %(day)s.") % {
            "day": f"{employee.left_on:%Y-%m-%d}"
        }
    if request.days <= 0:
        errors["start"] = _("These dates hold no working day.")
    leave_type = request.leave_type
    if not leave_type.active:
        errors["leave_type"] = _("This leave type is no longer in use.")
    if leave_type.max_days is not None and request.days > leave_type.max_days:
        errors["end"] = _("%(type)s is at most %(days)s days a request.") % {
            "type": leave_type.name,
            "days": leave_type.max_days,
        }
    overlap = (
        LeaveRequest.objects.filter(
            employee=employee,
            status__in=(Approval.PENDING, Approval.APPROVED),
            start__lte=request.end,
            end__gte=request.start,
        )
        .exclude(pk=exclude_pk)
        .order_by("start")
        .first()
    )
    if overlap is not None and not _halves_fit(request, overlap):
        errors["start"] = _("These dates overlap the request of %(start)s to %(end)s.") % {
            "start": f"{overlap.start:%Y-%m-%d}",
            "end": f"{overlap.end:%Y-%m-%d}",
        }
    if leave_type.is_annual and not errors:
        if request.start.year != request.end.year:
            errors["end"] = _("Annual leave is requested within one year; split it in two.")
        else:
            current = annual_leave_balance(employee, request.start.year, as_of=request.start)
            bookable = current.bookable
            if exclude_pk is not None:
                bookable += request.days if request.status == Approval.PENDING else 0
            if request.days > bookable:
                errors["end"] = _(
                    "Only %(left)s days of annual leave are left for %(year)s; this request "
                    "takes %(days)s."
                ) % {"left": bookable, "year": request.start.year, "days": request.days}
    return errors


def _halves_fit(a, b):
    """Two requests sharing one day fit when one takes its morning, the other its
    afternoon."""
    day = max(a.start, b.start)
    if day != min(a.end, b.end):
        return False

    def halves(r):
        morning = not (day == r.start and r.start_afternoon)
        afternoon = not (day == r.end and r.end_noon)
        return morning, afternoon

    (a_am, a_pm), (b_am, b_pm) = halves(a), halves(b)
    return not ((a_am and b_am) or (a_pm and b_pm))


def _supervisor_of(employee):
    team = employee.team
    return team.supervisor if team is not None else None


def _notify_supervisor(request):
    supervisor = _supervisor_of(request.employee)
    if supervisor is None or supervisor.pk == request.employee.user_id:
        return
    notify(
        recipient=supervisor,
        title=Text(
            gettext_noop("Leave request of %(name)s: %(type)s, %(days)s days"),
            {"name": request.employee.name, "type": request.leave_type.name, "days": request.days},
        ),
        body=Text(
            gettext_noop("From %(start)s to %(end)s. Reason: %(reason)s"),
            {"start": request.start, "end": request.end, "reason": request.reason or "—"},
        ),
        url=request.get_absolute_url(),
    )


@transaction.atomic
def leave_request_submit(
    *,
    actor,
    employee,
    leave_type,
    start,
    end,
    start_afternoon=False,
    end_noon=False,
    reason="",
):
    """Request leave: by the employee, or by HR for them. Refused (with the field named)
    for a day range without working days, an overlap with another request, more annual
    leave than is left, or beyond the leave type's days."""
    if employee.user_id != actor.pk and not _is_hr(actor):
        raise PermissionDenied(_("You may request leave only for yourself."))
    if not actor.has_perm("payroll.add_leaverequest"):
        raise PermissionDenied
    request = LeaveRequest(
        employee=employee,
        leave_type=leave_type,
        start=start,
        end=end,
        start_afternoon=start_afternoon,
        end_noon=end_noon,
        reason=reason,
    )
    request.days = leave_days(
        start,
        end,
        start_afternoon=start_afternoon,
        end_noon=end_noon,
        calendar_days=leave_type.counting == LeaveType.Counting.CALENDAR_DAYS,
    )
    errors = _check_request(request)
    if errors:
        raise ValidationError(errors)
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="leave_requested",
        target=request,
        message=Text(
            gettext_noop("%(name)s requested %(type)s, %(start)s to %(end)s (%(days)s days)"),
            {
                "name": employee.name,
                "type": leave_type.name,
                "start": start,
                "end": end,
                "days": request.days,
            },
        ),
    )
    _notify_supervisor(request)
    return request


def can_decide(user, request):
    """Whether ``user`` may approve or refuse ``request``: its team's supervisor or HR,
    never the employee themself."""
    if not user.has_perm("payroll.approve_leaverequest"):
        return False
    if request.employee.user_id == user.pk and not user.is_superuser:
        return False
    return can(user, request, "approve")


def _decide(actor, request, status, note):
    if not can_decide(actor, request):
        raise PermissionDenied(_("Only the team's supervisor or HR decides this request."))
    if request.status != Approval.PENDING:
        raise ValidationError(_("Only a pending request can be decided."))
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    save_checked(request, actor)
    notify(
        recipient=request.employee.user,
        title=Text(
            gettext_noop("Your leave request (%(type)s, %(start)s) was approved")
            if status == Approval.APPROVED
            else gettext_noop("Your leave request (%(type)s, %(start)s) was refused"),
            {"type": request.leave_type.name, "start": request.start},
        ),
        body=note,
        url=request.get_absolute_url(),
        level="success" if status == Approval.APPROVED else "warning",
    )
    return request


@transaction.atomic
def leave_request_approve(*, actor, request, note=""):
    """The supervisor (or HR) approves a pending request; annual leave is checked against
    the balance again."""
    if request.leave_type.is_annual and request.status == Approval.PENDING:
        errors = _check_request(request, exclude_pk=request.pk)
        if errors:
            raise ValidationError(" ".join(str(e) for e in errors.values()))
    _decide(actor, request, Approval.APPROVED, note)
    audit_event(
        actor=actor,
        verb="leave_approved",
        target=request,
        message=Text(gettext_noop("Leave of %(name)s approved"), {"name": request.employee.name}),
    )
    return request


@transaction.atomic
def leave_request_refuse(*, actor, request, note):
    """The supervisor (or HR) refuses a pending request, saying why."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the request is refused.")})
    _decide(actor, request, Approval.REFUSED, note.strip())
    audit_event(
        actor=actor,
        verb="leave_refused",
        target=request,
        message=Text(
            gettext_noop("Leave of %(name)s refused: %(note)s"),
            {"name": request.employee.name, "note": note.strip()},
        ),
    )
    return request


def can_cancel(user, request):
    if request.status not in (Approval.PENDING, Approval.APPROVED):
        return False
    if _is_hr(user):
        return True
    if request.employee.user_id != user.pk:
        return False
    return request.status == Approval.PENDING or request.start > timezone.localdate()


@transaction.atomic
def leave_request_cancel(*, actor, request):
    """The employee withdraws a pending request, or an approved one before it starts; HR
    cancels any."""
    if request.employee.user_id != actor.pk and not _is_hr(actor):
        raise PermissionDenied(_("Only the employee or HR cancels a leave request."))
    if not can_cancel(actor, request):
        raise ValidationError(_("This request can no longer be cancelled."))
    request.status = Approval.CANCELLED
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="leave_cancelled",
        target=request,
        message=Text(gettext_noop("Leave of %(name)s cancelled"), {"name": request.employee.name}),
    )
    supervisor = _supervisor_of(request.employee)
    if supervisor is not None and supervisor.pk != actor.pk:
        notify(
            recipient=supervisor,
            title=Text(
                gettext_noop("%(name)s cancelled the leave from %(start)s"),
                {"name": request.employee.name, "start": request.start},
            ),
            url=request.get_absolute_url(),
        )
    return request


# --- attendance and overtime ----------------------------------------------------------------


def attendance_record_save(*, actor, record):
    """Save one day's attendance (HR)."""
    if not actor.has_perm(
        "payroll.change_attendancerecord" if record.pk else "payroll.add_attendancerecord"
    ):
        raise PermissionDenied
    return save_checked(record, actor)


def overtime_record_save(*, actor, record):
    """Record overtime (the employee for themself, or HR): the kind of day comes from the
    working calendar; a changed record waits for approval again."""
    if record.employee.user_id != actor.pk and not actor.has_perm(
        "payroll.change_attendancerecord"
    ):
        raise PermissionDenied(_("You may record overtime only for yourself."))
    if (
        record.pk
        and record.status != Approval.PENDING
        and not actor.has_perm("payroll.change_attendancerecord")
    ):
        raise ValidationError(_("A decided overtime record cannot be changed."))
    record.day_kind = calendar.day_kind(record.day)
    record.status = Approval.PENDING
    record.decided_by, record.decided_at = None, None
    save_checked(record, actor)
    _notify_overtime(record)
    return record


def _notify_overtime(record):
    supervisor = _supervisor_of(record.employee)
    if supervisor is None or supervisor.pk == record.employee.user_id:
        return
    notify(
        recipient=supervisor,
        title=Text(
            gettext_noop("Overtime of %(name)s to approve: %(day)s, %(hours)s h"),
            {"name": record.employee.name, "day": record.day, "hours": record.hours},
        ),
        url=record.get_absolute_url(),
        dedupe_key=f"overtime:{record.pk}:{record.updated:%Y%m%d%H%M%S%f}",
    )


@transaction.atomic
def overtime_record_decide(*, actor, record, approve):
    """The supervisor (or HR) approves or refuses pending overtime."""
    if not actor.has_perm("payroll.approve_overtimerecord") or not can(actor, record, "approve"):
        raise PermissionDenied
    if record.employee.user_id == actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("Your own overtime is approved by your supervisor."))
    if record.status != Approval.PENDING:
        raise ValidationError(_("Only pending overtime can be decided."))
    record.status = Approval.APPROVED if approve else Approval.REFUSED
    record.decided_by = actor
    record.decided_at = timezone.now()
    save_checked(record, actor)
    audit_event(
        actor=actor,
        verb="overtime_approved" if approve else "overtime_refused",
        target=record,
        message=Text(
            gettext_noop("Overtime of %(name)s on %(day)s: %(status)s"),
            {"name": record.employee.name, "day": record.day, "status": record.status},
        ),
    )
    return record

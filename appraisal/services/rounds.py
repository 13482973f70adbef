"""Rounds: open one (deadlines from the working-day calendar, one appraisal per employee,
the computed items filled from the record), remind the late, close it."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text, choice
from core.models import Notification
from core.roles import Role
from core.services import audit_event, notify, save_checked
from org import calendar
from org.models import Employee

from .. import rules, scoring
from ..models import (
    Appraisal,
    AppraisalItem,
    AppraisalRound,
    Kind,
    RoundForm,
    RoundItem,
    Stage,
)
from .templates import check_template, usable_templates

_COPIED = (
    "dimension",
    "order",
    "label",
    "weight",
    "method",
    "computed_code",
    "curve",
    "target",
    "cap",
    "scale",
    "evidence_code",
    "anchors",
)


def previous_month(today=None):
    """(year, month) of the month before ``today``'s."""
    today = today or timezone.localdate()
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


def window_month(kind, year, month=None):
    """(year, month) in which a round of the period is held: the next month of a monthly
    round, January of the next year for an annual one."""
    if kind == Kind.MONTHLY:
        return (year + (month == 12), month % 12 + 1)
    return (year + 1, 1)


def round_deadlines(kind, year, month=None):
    """{stage: date} of a round's deadlines: the configured working days of the window
    month (self, supervisor, HR), the interviews on the window's last working day; working
    days from ``org.calendar`` (statutory holidays and make-up days included)."""
    wyear, wmonth = window_month(kind, year, month)
    first = dt.date(wyear, wmonth, 1)
    days = calendar.calendar_days(first, first + dt.timedelta(days=31))
    window = int(params.get(rules.WINDOW_DAYS))
    stage_days = [int(n) for n in params.get(rules.STAGE_DAYS)][:3]
    if len(stage_days) < 3 or not all(1 <= n <= window for n in stage_days):
        raise ValidationError(
            _("The stage deadlines setting needs three working days within the window.")
        )
    try:
        dates = [calendar.nth_working_day(wyear, wmonth, n, days) for n in [*stage_days, window]]
    except ValueError as exc:
        raise ValidationError(_("The window is longer than the month's working days.")) from exc
    return dict(zip([Stage.SELF, Stage.SUPERVISOR, Stage.HR, Stage.INTERVIEW], dates, strict=True))


def _copy_form(round_, template, actor):
    form, created = RoundForm.objects.get_or_create(
        round=round_,
        position=template.position,
        defaults={
            "template": template,
            "name": template.name,
            "weight_results": template.weight_results,
            "weight_ability": template.weight_ability,
            "weight_attitude": template.weight_attitude,
        },
    )
    if created:
        for item in template.items.all():
            copy = RoundItem(form=form, **{name: getattr(item, name) for name in _COPIED})
            save_checked(copy, actor)
    return form


def _employees(round_, positions):
    employees = Employee.objects.filter(
        position__in=positions,
        status__in=[Employee.Status.ACTIVE, Employee.Status.ON_LEAVE],
        hire_date__lte=round_.end,
    ).select_related("team__supervisor", "user")
    if not round_.all_teams:
        employees = employees.filter(team__in=round_.teams.all())
    return list(employees)


def _assessor(employee, holders=None):
    """Who assesses ``employee``: the team's supervisor; a manager for a supervisor (their
    own appraisal); for a manager, the holder of the role the ``MANAGER_ASSESSOR`` setting
    names, or nobody (HR assesses). Nobody (HR) when there is no such person.
    ``holders`` caches {role: [employees]} across one round's employees."""
    holders = {} if holders is None else holders

    def holder(role):
        if role not in holders:
            holders[role] = list(
                Employee.objects.filter(position=role, status=Employee.Status.ACTIVE)
                .select_related("user")
                .order_by("employee_no")
            )
        found = next((e for e in holders[role] if e.pk != employee.pk), None)
        return found.user if found else None

    if employee.position == Role.MANAGER:
        role = params.get(rules.MANAGER_ASSESSOR)
        return None if role == "hr" else holder(role)
    team = employee.team
    leads_team = team is not None and team.supervisor_id == employee.user_id
    if employee.position == Role.SUPERVISOR or leads_team:
        return holder(Role.MANAGER)
    if team is None or team.supervisor_id is None:
        return None
    return team.supervisor


@transaction.atomic
def round_open(*, actor, kind, year, month=None, teams=None):
    """Open the round of a month (or a year) for all teams (``teams`` None) or the chosen
    ones: copy the active templates into the round, create one appraisal per employee whose
    position has a template, and fill the computed items. Opening it again adds only the
    appraisals missing (a new employee), never a second one per person."""
    if not actor.has_perm("appraisal.add_appraisalround"):
        raise PermissionDenied(_("You may not do this on this record."))
    if kind == Kind.MONTHLY and not month:
        raise ValidationError({"month": _("Choose the month.")})
    if kind == Kind.ANNUAL:
        month = None
    templates = usable_templates(kind)
    if not templates:
        raise ValidationError(_("There is no active template of this kind."))
    for template in templates:
        check_template(template, list(template.items.all()))
    round_ = (
        AppraisalRound.objects.select_for_update().filter(kind=kind, year=year, month=month).first()
    )
    created = round_ is None
    if created:
        if dt.date(year, month or 12, 1) > timezone.localdate():
            raise ValidationError(_("A round is opened once its period has begun."))
        deadlines = round_deadlines(kind, year, month)
        round_ = AppraisalRound(
            kind=kind,
            year=year,
            month=month,
            all_teams=not teams,
            self_due=deadlines[Stage.SELF],
            supervisor_due=deadlines[Stage.SUPERVISOR],
            hr_due=deadlines[Stage.HR],
            interview_due=deadlines[Stage.INTERVIEW],
            supervisor_share=params.get(rules.SUPERVISOR_SHARE),
            bands=[[str(minimum), code] for minimum, code in rules.bands()],
            opened_by=actor,
        )
        save_checked(round_, actor)
        if teams:
            round_.teams.set(teams)
    elif not round_.is_open:
        raise ValidationError(_("The round is closed."))
    forms = {t.position: _copy_form(round_, t, actor) for t in templates}
    existing = set(round_.appraisals.values_list("employee_id", flat=True))
    new = []
    holders = {}
    for employee in _employees(round_, list(forms)):
        if employee.pk in existing:
            continue
        form = forms[employee.position]
        appraisal = save_checked(
            Appraisal(
                round=round_,
                form=form,
                employee=employee,
                team=employee.team,
                supervisor=_assessor(employee, holders),
            ),
            actor,
        )
        for item in form.items.all():
            save_checked(AppraisalItem(appraisal=appraisal, item=item), actor)
        new.append(appraisal)
    apply_computed(new, actor=actor)
    audit_event(
        actor=actor,
        verb="round_opened" if created else "round_topped_up",
        target=round_,
        message=Text(gettext_noop("%(n)d appraisals created."), {"n": len(new)}),
    )
    for appraisal in new:
        notify(
            recipient=appraisal.employee.user,
            title=Text(gettext_noop("Your appraisal is open: %(round)s"), {"round": round_}),
            body=Text(gettext_noop("Self-assessment due %(day)s."), {"day": round_.self_due}),
            url=appraisal.get_absolute_url(),
            dedupe_key=f"appraisal-open:{appraisal.pk}",
        )
    return round_


def apply_computed(appraisals, *, actor):
    """Fill the computed items of ``appraisals`` (one round's) from the record: one
    ``computed.compute_many`` call per figure, whatever the number of people."""
    appraisals = list(appraisals)
    if not appraisals:
        return 0
    round_ = appraisals[0].round
    items = list(
        AppraisalItem.objects.filter(
            appraisal__in=appraisals, item__method="computed"
        ).select_related("item", "appraisal__employee")
    )
    by_item = {}
    for row in items:
        by_item.setdefault(row.item_id, []).append(row)
    if not by_item:
        return 0
    from .. import computed

    end = round_.end + dt.timedelta(days=1)  # compute_many's periods are half-open
    for rows in by_item.values():
        rule = rows[0].item
        employees = list(
            {row.appraisal.employee_id: row.appraisal.employee for row in rows}.values()
        )
        results = computed.compute_many(
            rule.computed_code, employees, round_.start, end, targets=rule.target
        )
        for row in rows:
            result = results.get(row.appraisal.employee_id)
            if result is None:
                continue
            row.actual = _money(result.actual)
            row.target = _money(result.target)
            row.achievement = _money(result.achievement)
            score = scoring.curve_score(result.achievement, row.item.curve, row.item.cap)
            row.score = scoring.round_score(score)
            row.working = [str(line) for line in result.working]
            if result.achievement is None and result.reason:
                row.working.append(str(result.reason))
            save_checked(row, actor)
    return len(items)


def _money(value):
    return None if value is None else scoring.round_score(value)


def _working_days_left(today, due, days):
    if due < today:
        return -1
    return len(calendar.working_days(today + dt.timedelta(days=1), due, days))


def _who_acts(appraisal, hr_users):
    """The people who have the appraisal's next step to do."""
    stage = appraisal.stage
    if stage == Stage.SELF:
        return [appraisal.employee.user]
    if stage == Stage.SUPERVISOR:
        return [appraisal.supervisor] if appraisal.supervisor else hr_users
    if stage == Stage.HR:
        return hr_users
    if stage == Stage.INTERVIEW:
        if appraisal.interview_date is None:
            return [appraisal.supervisor] if appraisal.supervisor else hr_users
        if not appraisal.response:
            return [appraisal.employee.user]
        return hr_users
    return []


def _hr_users():
    return [
        e.user
        for e in Employee.objects.filter(position=Role.HR, status="active").select_related("user")
    ]


def reminders_send(*, today=None, round_=None, late_only=False):
    """Remind whoever has an appraisal step due within the reminder lead (working days) or
    late: once a day per appraisal, stage and person (a second run the same day sends
    nothing). Returns how many reminders were sent."""
    today = today or timezone.localdate()
    rounds = AppraisalRound.objects.filter(status=AppraisalRound.Status.OPEN)
    if round_ is not None:
        rounds = rounds.filter(pk=round_.pk)
    appraisals = list(
        Appraisal.objects.filter(round__in=rounds)
        .exclude(stage=Stage.CLOSED)
        .select_related("round", "employee__user", "supervisor")
    )
    if not appraisals:
        return 0
    lead = int(params.get(rules.REMINDER_LEAD))
    days = calendar.calendar_days(today, today + dt.timedelta(days=62))
    hr_users = _hr_users()
    due_now = []
    for appraisal in appraisals:
        due = appraisal.round.due_for(appraisal.stage)
        if due is None:
            continue
        late = due < today
        if (late_only and not late) or (not late and _working_days_left(today, due, days) > lead):
            continue
        for user in _who_acts(appraisal, hr_users):
            key = f"appraisal-remind:{appraisal.pk}:{appraisal.stage}:{user.pk}:{today}"
            due_now.append((appraisal, due, late, user, key))
    done = set(
        Notification.objects.filter(dedupe_key__in=[row[-1] for row in due_now]).values_list(
            "recipient_id", "dedupe_key"
        )
    )
    sent = 0
    for appraisal, due, late, user, key in due_now:
        if (user.pk, key) in done:
            continue
        if late:
            title = gettext_noop("Late: %(stage)s of %(name)s (due %(day)s)")
        else:
            title = gettext_noop("Due soon: %(stage)s of %(name)s (due %(day)s)")
        notify(
            recipient=user,
            title=Text(
                title,
                {
                    "stage": choice(Appraisal, "stage", appraisal.stage),
                    "name": appraisal.employee.name,
                    "day": due,
                },
            ),
            url=appraisal.get_absolute_url(),
            level=Notification.Level.WARNING if late else Notification.Level.INFO,
            dedupe_key=key,
        )
        done.add((user.pk, key))
        sent += 1
    return sent


@transaction.atomic
def round_remind(*, actor, round_):
    """HR's "remind the late" button on the round board."""
    if not actor.has_perm("appraisal.remind_appraisalround"):
        raise PermissionDenied(_("You may not do this on this record."))
    count = reminders_send(round_=round_, late_only=True)
    audit_event(
        actor=actor,
        verb="round_reminded",
        target=round_,
        message=Text(gettext_noop("%(n)d reminders sent."), {"n": count}),
    )
    return count


@transaction.atomic
def round_close(*, actor, round_):
    """Close a round once every appraisal of it is closed."""
    if not actor.has_perm("appraisal.consolidate_appraisal"):
        raise PermissionDenied(_("You may not do this on this record."))
    round_ = AppraisalRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("The round is closed already."))
    pending = round_.appraisals.exclude(stage=Stage.CLOSED).count()
    if pending:
        raise ValidationError(
            _("%(n)d appraisals of the round are not closed yet.") % {"n": pending}
        )
    round_.status = AppraisalRound.Status.CLOSED
    round_.closed_at = timezone.now()
    save_checked(round_, actor)
    audit_event(
        actor=actor,
        verb="round_closed",
        target=round_,
        message=Text(gettext_noop("%(round)s closed."), {"round": round_}),
    )
    return round_


_DEADLINE_FIELDS = [
    (Stage.SELF, "self_due"),
    (Stage.SUPERVISOR, "supervisor_due"),
    (Stage.HR, "hr_due"),
    (Stage.INTERVIEW, "interview_due"),
]


def check_deadlines(round_, deadlines):
    """Field errors of new deadlines ``{field name: date}``: each a working day (the
    ``org.calendar`` table), after the round's period, each stage on or after the one
    before it. Returns {field: message}."""
    errors = {}
    dates = [deadlines.get(name) for _stage, name in _DEADLINE_FIELDS]
    present = [day for day in dates if day]
    days = calendar.calendar_days(min(present), max(present)) if present else {}
    previous = None
    for (stage, name), day in zip(_DEADLINE_FIELDS, dates, strict=True):
        if day is None:
            errors[name] = _("Give the date.")
            continue
        if day <= round_.end:
            errors[name] = _("The deadline must fall after the period (%(end)s).") % {
                "end": round_.end.isoformat()
            }
        elif not calendar.is_working_day(day, days):
            errors[name] = _("%(day)s is not a working day.") % {"day": day.isoformat()}
        elif previous is not None and day < previous[1]:
            errors[name] = _("%(stage)s cannot be due before %(previous)s (%(day)s).") % {
                "stage": stage.label,
                "previous": previous[0].label,
                "day": previous[1].isoformat(),
            }
        previous = (stage, day)
    return errors


@transaction.atomic
def round_deadlines_change(*, actor, round_, deadlines, reason):
    """HR moves the stage deadlines of an open round (``deadlines``: {"self_due": date,
    ...}), with a reason; the round's history keeps the old dates, an audit event says what
    moved, and the reminders and the late marks read the new dates from then on."""
    if not actor.has_perm("appraisal.change_appraisalround"):
        raise PermissionDenied(_("You may not do this on this record."))
    round_ = AppraisalRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("The round is closed."))
    before = {name: getattr(round_, name) for _stage, name in _DEADLINE_FIELDS}
    if all(before[name] == deadlines.get(name) for name in before):
        raise ValidationError(_("The deadlines are unchanged."))
    errors = check_deadlines(round_, deadlines)
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Say why the deadlines change.")
    if errors:
        raise ValidationError(errors)
    for name in before:
        setattr(round_, name, deadlines[name])
    save_checked(round_, actor)
    audit_event(
        actor=actor,
        verb="round_deadlines_changed",
        target=round_,
        message=Text(
            gettext_noop(
                "Deadlines now: self-assessment %(self)s, supervisor assessment "
                "%(supervisor)s, HR consolidation %(hr)s, interview %(interview)s (%(reason)s)."
            ),
            {
                "self": round_.self_due,
                "supervisor": round_.supervisor_due,
                "hr": round_.hr_due,
                "interview": round_.interview_due,
                "reason": reason[:200],
            },
        ),
        data={
            "reason": reason,
            "before": {name: day.isoformat() for name, day in before.items()},
            "after": {name: deadlines[name].isoformat() for name in before},
        },
    )
    return round_


def deadline_changes(round_):
    """The round's deadline changes (audit events), newest first, each with its before and
    after dates by stage label and its reason (one query)."""
    from core.services import events_for

    rows = []
    for event in events_for(round_).filter(verb="round_deadlines_changed"):
        data = event.data or {}
        rows.append(
            {
                "when": event.when,
                "who": event.actor,
                "reason": data.get("reason", ""),
                "stages": [
                    (
                        stage.label,
                        (data.get("before") or {}).get(name, ""),
                        (data.get("after") or {}).get(name, ""),
                    )
                    for stage, name in _DEADLINE_FIELDS
                ],
            }
        )
    return rows

"""Writes on people (hiring, team moves, position changes, departures) and on the working
calendar (the yearly sync from the official schedule, HR's corrections)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.permissions import clear_profile
from core.roles import Role
from core.services import audit_event, save_checked, saved_by

from .models import CalendarDay, Employee

ROLE_GROUPS = {role.value for role in Role}


def _sync_role_group(user, position):
    """The user's role group is the one named by their position (other groups are kept)."""
    keep = user.groups.exclude(name__in=ROLE_GROUPS)
    user.groups.set([*keep, Group.objects.get_or_create(name=position)[0]])
    clear_profile(user)


@transaction.atomic
def employee_create(*, actor, username, password=None, **fields):
    """Hire: create the login and the employee, in the role group of the position."""
    User = get_user_model()
    user = User(username=username, full_name=fields.get("name", ""), email=fields.get("email", ""))
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    employee = Employee(user=user, **fields)
    save_checked(employee, actor)
    _sync_role_group(user, employee.position)
    audit_event(
        actor=actor,
        verb="hired",
        target=employee,
        message=Text(
            gettext_noop("Joined as %(position)s"),
            {"position": choice(employee, "position", employee.position)},
        ),
    )
    return employee


@transaction.atomic
def employee_update(*, actor, employee, **fields):
    """Change an employee's details; a new position moves them to its role group."""
    # From the database: a bound ModelForm has already copied its data onto ``employee``.
    old_position = (
        Employee.objects.filter(pk=employee.pk).values_list("position", flat=True).first()
    )
    for name, value in fields.items():
        setattr(employee, name, value)
    save_checked(employee, actor)
    user = employee.user
    if employee.name and user.full_name != employee.name:
        user.full_name = employee.name
        user.save(update_fields=["full_name"])
    if employee.position != old_position:
        _sync_role_group(user, employee.position)
    return employee


@transaction.atomic
def employee_leave(*, actor, employee, left_on, reason=""):
    """A departure: status Left with its date, and the login disabled at once."""
    if employee.status == Employee.Status.LEFT:
        raise ValidationError(_("%(name)s has already left.") % {"name": employee.name})
    employee.status = Employee.Status.LEFT
    employee.left_on = left_on
    employee._change_reason = reason or _("Left the company")
    save_checked(employee, actor)
    user = employee.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_event(
        actor=actor,
        verb="left",
        target=employee,
        message=Text(gettext_noop("Left on %(date)s"), {"date": left_on.isoformat()}),
        data={"reason": reason},
    )
    return employee


# --- the working calendar -----------------------------------------------------------------

# The official schedule's holiday names (chinese_calendar.Holiday values) in Chinese.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春節",
    "Tomb-sweeping Day": "清明節",
    "Labour Day": "勞動節",
    "Dragon Boat Festival": "端午節",
    "National Day": "國慶節",
    "Mid-autumn Festival": "中秋節",
    "Anti-Fascist 70th Day": "抗戰勝利紀念日",
}


def _holiday_name(holiday):
    english = getattr(holiday, "value", holiday)  # an enum in some versions, a string in others
    return HOLIDAY_NAMES.get(english, english)


def official_schedule(year):
    """{date: (kind, name)} of the year's days off and make-up working days as published by
    the State Council, from the maintained package ``chinesecalendar``. A weekday off that
    the package marks as in lieu of a make-up working day is a day off in lieu; the other
    days of a holiday period are statutory holidays; weekend days that are worked are
    make-up working days. The package does not say which days of a break are the
    statutory days themselves (e.g. of 1–7 October only the 1st–3rd): a weekend day of a
    break is recorded as a statutory holiday, and HR corrects it where overtime on it is
    paid at 200% rather than 300%. ValueError when the package does not cover the year yet."""
    from chinese_calendar import constants

    holidays = {d: h for d, h in constants.holidays.items() if d.year == year}
    if not holidays:
        raise ValueError(year)
    schedule = {}
    for day, holiday in holidays.items():
        kind = (
            CalendarDay.Kind.IN_LIEU
            if day in constants.in_lieu_days
            else CalendarDay.Kind.STATUTORY
        )
        schedule[day] = (kind, _holiday_name(holiday))
    for day, holiday in constants.workdays.items():
        if day.year == year:
            schedule[day] = (
                CalendarDay.Kind.MAKEUP,
                _holiday_name(holiday),
            )
    return schedule


@transaction.atomic
def calendar_sync_year(*, actor, year):
    """Bring one year of the calendar in line with the official schedule: add the days it
    lists, update package days it changed, remove package days it no longer lists; a day
    HR entered or corrected is never touched. Safe to run again: a second run changes
    nothing. Returns {"added": n, "updated": n, "removed": n, "kept_hr": n}."""
    try:
        schedule = official_schedule(year)
    except ValueError as exc:
        raise ValidationError(
            _("The official schedule of %(year)s is not known yet (update chinesecalendar).")
            % {"year": year}
        ) from exc
    existing = {
        row.day: row
        for row in CalendarDay.objects.filter(
            day__gte=dt.date(year, 1, 1), day__lte=dt.date(year, 12, 31)
        )
    }
    counts = {"added": 0, "updated": 0, "removed": 0, "kept_hr": 0}
    for day, (kind, name) in sorted(schedule.items()):
        row = existing.get(day)
        if row is None:
            row = CalendarDay(day=day, kind=kind, name=name, source=CalendarDay.Source.PACKAGE)
            save_checked(row, actor)
            counts["added"] += 1
        elif row.source == CalendarDay.Source.HR:
            counts["kept_hr"] += 1
        elif (row.kind, row.name) != (kind, name):
            row.kind, row.name = kind, name
            save_checked(row, actor)
            counts["updated"] += 1
    for day, row in existing.items():
        if day not in schedule and row.source == CalendarDay.Source.PACKAGE:
            saved_by(row, actor).delete()
            counts["removed"] += 1
    if any(counts[k] for k in ("added", "updated", "removed")):
        audit_event(
            actor=actor,
            verb="calendar_synced",
            message=Text(
                gettext_noop(
                    "Calendar %(year)s synced: %(added)s added, %(updated)s updated, "
                    "%(removed)s removed, %(kept_hr)s HR days kept."
                ),
                {"year": year, **counts},
            ),
        )
    return counts


@transaction.atomic
def calendar_day_save(*, actor, day):
    """Save a day HR entered or corrected: from now on the yearly sync leaves it alone."""
    perm = "org.change_calendarday" if day.pk else "org.add_calendarday"
    if not actor.has_perm(perm):  # reference data: the model permission is the whole rule
        raise PermissionDenied(_("Only HR corrects the working calendar."))
    day.source = CalendarDay.Source.HR
    return save_checked(day, actor)

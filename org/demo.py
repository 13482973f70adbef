"""Demo people: two teams and every role."""

import bisect
import datetime as dt

from django.contrib.auth import get_user_model

from core import demo
from core.roles import Role
from core.services import save_checked

from . import services
from .models import Employee, Grade, Team

# code, name, English name, level (the Simplified interface converts the Chinese name)
GRADES = [
    ("S1", "專員", "Associate", 1),
    ("S2", "資深專員", "Senior associate", 2),
    ("S3", "主任", "Principal", 3),
    ("M1", "經理", "Manager", 4),
]
TEAMS = [("A", "一組", "Team 1"), ("B", "二組", "Team 2")]

# username, name, position, team code, grade, hire date
PEOPLE = [
    ("clerk1", "張秀英", Role.CLERK, "A", "S2", dt.date(2019, 3, 1)),
    ("clerk2", "劉芳", Role.CLERK, "B", "S1", dt.date(2022, 7, 15)),
    ("sales1", "王偉", Role.SALESPERSON, "A", "S2", dt.date(2018, 5, 2)),
    ("sales2", "陳靜", Role.SALESPERSON, "A", "S1", dt.date(2023, 2, 20)),
    ("sales3", "楊洋", Role.SALESPERSON, "B", "S2", dt.date(2020, 9, 1)),
    ("sales4", "黃敏", Role.SALESPERSON, "B", "S1", dt.date(2024, 4, 8)),
    ("sup1", "李娜", Role.SUPERVISOR, "A", "S3", dt.date(2015, 6, 1)),
    ("sup2", "趙強", Role.SUPERVISOR, "B", "S3", dt.date(2016, 10, 10)),
    ("hr1", "周婷", Role.HR, None, "S3", dt.date(2017, 1, 3)),
    ("mgr1", "吳剛", Role.MANAGER, None, "M1", dt.date(2012, 8, 1)),
    ("comp1", "孫麗", Role.COMPLIANCE, None, "S3", dt.date(2019, 11, 11)),
]


@demo.register
def seed_people(context):
    User = get_user_model()
    accounts = context.setdefault("accounts", [])
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True, "full_name": "管理員"}
    )
    if created:
        admin.set_password(demo.DEMO_PASSWORD)
        admin.save()
    accounts.append(("admin", "superuser (administration)"))
    grades = {}
    for code, name, name_en, level in GRADES:
        grades[code], _c = Grade.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "level": level}
        )
    teams = {}
    for code, name, name_en in TEAMS:
        teams[code], _c = Team.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en}
        )
    for obj, name_en in [(grades[g[0]], g[2]) for g in GRADES] + [
        (teams[t[0]], t[2]) for t in TEAMS
    ]:
        if not obj.name_en:  # a demo seeded before the names were translated
            obj.name_en = name_en
            save_checked(obj, admin)
    for i, (username, name, position, team, grade, hired) in enumerate(PEOPLE, start=1):
        accounts.append(
            (username, f"{name} — {position.label} {teams[team] if team else ''}".strip())
        )
        if Employee.objects.filter(user__username=username).exists():
            continue
        employee = services.employee_create(
            actor=admin,
            username=username,
            password=demo.DEMO_PASSWORD,
            employee_no=f"E{i:04d}",
            name=name,
            position=position,
            team=teams[team] if team else None,
            grade=grades[grade],
            hire_date=hired,
            email=f"{username}@example.com",
        )
        if position == Role.SUPERVISOR:
            t = teams[team]
            t.supervisor = employee.user
            t.save()
        if position == Role.CLERK:
            teams[team].clerks.add(employee.user)
    context["teams"] = teams
    context["admin"] = admin


@demo.register
def seed_calendar(context):
    """The working calendar of the demo years (last year to next year, as far as the
    official schedule is published), synced as the yearly job does (idempotent)."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year, this_year + 1):
        try:
            services.calendar_sync_year(actor=context.get("admin"), year=year)
        except ValidationError:
            continue  # not published yet


class Workdays:
    """The working days (org.calendar: weekends, statutory holidays and make-up days) from
    ``start`` to ``end``, for dating the demo company's past on days people worked."""

    def __init__(self, start, end):
        from .calendar import working_days

        self.days = working_days(start, end)
        self.end = end

    def _index(self, day):
        return bisect.bisect_left(self.days, day)

    def on_or_after(self, day):
        """The first working day on or after ``day`` (``day`` itself past the end)."""
        i = self._index(day)
        return self.days[i] if i < len(self.days) else day

    def add(self, day, n):
        """The working day ``n`` working days after ``day`` (dates past the end are
        counted in calendar days: they are only compared with today)."""
        i = self._index(day) + n
        if i < len(self.days):
            return self.days[i]
        return day + dt.timedelta(days=max(n, 0) * 7 // 5)

    def in_month(self, month):
        """The working days of the month starting ``month``."""
        following = (month + dt.timedelta(days=32)).replace(day=1)
        return self.days[self._index(month) : self._index(following)]

"""Permission matrix of the people pages."""

from tests.access import EVERYONE, FORBIDDEN, NOT_FOUND, OK, STAFF, Case, each

# The salesperson's own employee record (team A).
_SEE_RECORD = {
    "salesperson": OK,  # own record
    "supervisor": OK,  # leads team A
    "clerk": OK,  # supports team A
    "hr": OK,
    "manager": OK,
    "compliance": OK,
    "superuser": OK,
    "other_salesperson": NOT_FOUND,  # team B
    "shared_colleague": NOT_FOUND,  # team B (a customer share gives nothing here)
}
_PEOPLE_ADMINS = {"hr": OK, "superuser": OK}


def scenario(personas):
    import datetime as dt

    from org.models import CalendarDay

    objects = {
        # get_or_create: a POST case builds the scenario again for each persona
        "holiday": CalendarDay.objects.get_or_create(
            day=dt.date(2026, 10, 1), kind="statutory", name="國慶節", source="package"
        )[0],
        "makeup": CalendarDay.objects.get_or_create(
            day=dt.date(2026, 10, 10), kind="makeup", name="國慶節", source="package"
        )[0],
        "employee": personas["salesperson"].employee,
        "team": personas["salesperson"].employee.team,
        "team_b": personas["other_salesperson"].employee.team,
    }
    for name, user in personas.items():
        if user is not None and hasattr(user, "employee"):
            objects[f"emp_{name}"] = user.employee
    return objects


_TEAM_A = {"emp_clerk", "emp_salesperson", "emp_supervisor"}
_ALL_EMPLOYEES = {f"emp_{name}" for name in EVERYONE if name != "superuser"}
# Employee records: one's own; the teams one leads or supports; every one company-wide.
_EMPLOYEE_ROWS = {
    "salesperson": {"emp_salesperson"},
    "other_salesperson": {"emp_other_salesperson"},
    "shared_colleague": {"emp_shared_colleague"},
    "clerk": _TEAM_A,
    "supervisor": _TEAM_A,
    **dict.fromkeys(("hr", "manager", "compliance", "superuser"), _ALL_EMPLOYEES),
}
# Teams: one's own, those one leads or supports; every team company-wide.
_TEAM_ROWS = {
    **dict.fromkeys(("salesperson", "clerk", "supervisor"), {"team"}),
    **dict.fromkeys(("other_salesperson", "shared_colleague"), {"team_b"}),
    **dict.fromkeys(("hr", "manager", "compliance", "superuser"), {"team", "team_b"}),
}


CASES = [
    Case("org:employee_list", each(EVERYONE, OK), rows=_EMPLOYEE_ROWS),
    Case("org:employee_list", each(EVERYONE, OK), query="?export=xlsx"),
    Case("org:employee", _SEE_RECORD, args=lambda o: [o["employee"].pk]),
    Case("org:employee_history", _SEE_RECORD, args=lambda o: [o["employee"].pk]),
    Case("org:employee_timeline", _SEE_RECORD, args=lambda o: [o["employee"].pk]),
    Case("org:employee_add", _PEOPLE_ADMINS),
    Case("org:employee_edit", _PEOPLE_ADMINS, args=lambda o: [o["employee"].pk]),
    Case(
        "org:employee_leave",
        {"hr": 405, "superuser": 405},
        args=lambda o: [o["employee"].pk],
        default=FORBIDDEN,
    ),
    Case("org:team_list", each(EVERYONE, OK), rows=_TEAM_ROWS),
    Case(
        "org:team",
        {
            **each(STAFF, OK),
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
            "superuser": OK,
        },
        args=lambda o: [o["team"].pk],
    ),
    Case(
        "org:team_history",
        {
            **each(STAFF, OK),
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
            "superuser": OK,
        },
        args=lambda o: [o["team"].pk],
    ),
    Case("org:team_add", _PEOPLE_ADMINS),
    Case("org:team_edit", _PEOPLE_ADMINS, args=lambda o: [o["team"].pk]),
]

# The working calendar: everyone reads it; HR keeps it.
_DAYS = lambda o: [o["holiday"].pk]  # noqa: E731
CASES += [
    Case(
        "org:calendarday_list",
        each(EVERYONE, OK),
        rows=dict.fromkeys(EVERYONE, {"holiday", "makeup"}),
    ),
    Case("org:calendarday_list", each(EVERYONE, OK), query="?export=xlsx"),
    Case("org:calendarday_list", each(EVERYONE, OK), query="?year=2026&kind=makeup"),
    Case("org:calendarday", each(EVERYONE, OK), args=_DAYS),
    Case("org:calendarday_history", each(EVERYONE, OK), args=_DAYS),
    Case("org:calendarday_add", _PEOPLE_ADMINS),
    Case("org:calendarday_edit", _PEOPLE_ADMINS, args=_DAYS),
    Case("org:calendarday_delete", _PEOPLE_ADMINS, args=_DAYS),
    Case(
        "org:calendar_sync",
        {"hr": 302, "superuser": 302},
        method="post",
        data={"year": "2099"},
    ),
]

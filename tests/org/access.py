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
}
_PEOPLE_ADMINS = {"hr": OK, "superuser": OK}


def scenario(personas):
    return {
        "employee": personas["salesperson"].employee,
        "team": personas["salesperson"].employee.team,
    }


CASES = [
    Case("org:employee_list", each(EVERYONE, OK)),
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
    Case("org:team_list", each(EVERYONE, OK)),
    Case(
        "org:team",
        {**each(STAFF, OK), "other_salesperson": NOT_FOUND, "superuser": OK},
        args=lambda o: [o["team"].pk],
    ),
    Case(
        "org:team_history",
        {**each(STAFF, OK), "other_salesperson": NOT_FOUND, "superuser": OK},
        args=lambda o: [o["team"].pk],
    ),
    Case("org:team_add", _PEOPLE_ADMINS),
    Case("org:team_edit", _PEOPLE_ADMINS, args=lambda o: [o["team"].pk]),
]

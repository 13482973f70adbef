"""Permission matrix of attendance and leave: each employee sees their own, the team's
supervisor the team's attendance, leave and overtime (not its leave accounts or benefits),
HR and management everyone's; only HR keeps the records, only the supervisor or HR decides."""

import datetime as dt
import itertools

from tests.access import EVERYONE, NOT_FOUND, OK, Case, each

from .factories_attendance import (
    leave_types,
    make_attendance,
    make_benefit,
    make_leave,
    make_overtime,
)

_weeks = itertools.count()
ALL_ROWS = ("hr", "manager", "superuser")
NOBODY = ("clerk", "shared_colleague", "compliance")


def scenario(personas):
    from payroll.attendance import services

    week = next(_weeks)
    monday = dt.date(2030, 1, 7) + dt.timedelta(weeks=week)
    a, b = personas["salesperson"], personas["other_salesperson"]
    types = leave_types()
    return {
        "leavetypes": list(types.values()),
        "leave_a": make_leave(a, start=monday),
        "leave_b": make_leave(b, start=monday),
        "att_a": make_attendance(a, day=monday),
        "att_b": make_attendance(b, day=monday),
        "ot_a": make_overtime(a, day=monday),
        "ot_b": make_overtime(b, day=monday),
        "acct_a": services.annual_leave_account_open(actor=None, employee=a.employee, year=2030),
        "acct_b": services.annual_leave_account_open(actor=None, employee=b.employee, year=2030),
        "benefit_a": make_benefit(a, day=monday),
        "benefit_b": make_benefit(b, day=monday),
    }


def _pk(name):
    return lambda o: [o[name].pk]


def _team_rows(a, b):
    rows = {p: set() for p in NOBODY}
    rows.update(salesperson={a}, other_salesperson={b}, supervisor={a})
    rows.update(dict.fromkeys(ALL_ROWS, {a, b}))
    return rows


def _own_rows(a, b):
    rows = {p: set() for p in (*NOBODY, "supervisor")}
    rows.update(salesperson={a}, other_salesperson={b})
    rows.update(dict.fromkeys(ALL_ROWS, {a, b}))
    return rows


TEAM_SEES = {
    **each(("salesperson", "supervisor", *ALL_ROWS), OK),
    **each(("clerk", "other_salesperson", "shared_colleague", "compliance"), NOT_FOUND),
}
OWN_SEES = {
    **each(("salesperson", *ALL_ROWS), OK),
    **each(
        ("clerk", "other_salesperson", "shared_colleague", "compliance", "supervisor"), NOT_FOUND
    ),
}
HR = {"hr": OK, "superuser": OK}
HR_POST = {"hr": 302, "superuser": 302}
DECIDE = {
    "supervisor": 302,
    "hr": 302,
    "superuser": 302,
    "salesperson": 403,
    "manager": 403,
    **each(("clerk", "other_salesperson", "shared_colleague", "compliance"), NOT_FOUND),
}


def _pages(model, a, b, rows, sees):
    return [
        Case(f"payroll:{model}_list", each(EVERYONE, OK), rows=rows(a, b)),
        Case(f"payroll:{model}", sees, args=_pk(a)),
        Case(f"payroll:{model}_history", sees, args=_pk(a)),
    ]


CASES = [
    Case("payroll:leave_mine", each(EVERYONE, OK)),
    *_pages("leaverequest", "leave_a", "leave_b", _team_rows, TEAM_SEES),
    Case("payroll:leaverequest_add", each(EVERYONE, OK)),
    Case("payroll:leaverequest_approve", DECIDE, method="post", args=_pk("leave_a")),
    Case(
        "payroll:leaverequest_refuse",
        DECIDE,
        method="post",
        args=_pk("leave_a"),
        data={"note": "人手不足"},
    ),
    Case(
        "payroll:leaverequest_cancel",
        {
            "salesperson": 302,
            "hr": 302,
            "superuser": 302,
            "supervisor": 403,
            "manager": 403,
            **each(("clerk", "other_salesperson", "shared_colleague", "compliance"), NOT_FOUND),
        },
        method="post",
        args=_pk("leave_a"),
    ),
    Case("payroll:attendance_month", each(EVERYONE, OK)),
    Case("payroll:attendance_import", HR),
    Case("payroll:attendance_template", HR),
    *_pages("attendancerecord", "att_a", "att_b", _team_rows, TEAM_SEES),
    Case("payroll:attendancerecord_add", HR),
    Case("payroll:attendancerecord_edit", HR, args=_pk("att_a")),
    Case("payroll:attendancerecord_delete", HR, args=_pk("att_a")),
    *_pages("overtimerecord", "ot_a", "ot_b", _team_rows, TEAM_SEES),
    Case("payroll:overtimerecord_add", each(EVERYONE, OK)),
    Case("payroll:overtimerecord_approve", DECIDE, method="post", args=_pk("ot_a")),
    Case("payroll:overtimerecord_refuse", DECIDE, method="post", args=_pk("ot_a")),
    *_pages("annualleaveaccount", "acct_a", "acct_b", _own_rows, OWN_SEES),
    Case("payroll:annualleaveaccount_edit", HR, args=_pk("acct_a")),
    Case("payroll:annualleaveaccount_open", HR_POST, method="post", data={"year": "2030"}),
    Case(
        "payroll:annualleaveaccount_untaken",
        {
            **HR_POST,
            "salesperson": 403,
            "manager": 403,
            **each(
                ("clerk", "other_salesperson", "shared_colleague", "compliance", "supervisor"),
                NOT_FOUND,
            ),
        },
        method="post",
        args=_pk("acct_a"),
        data={"days": "0", "month": "2030-12-01"},
    ),
    Case(
        "payroll:leavetype_list",
        each(EVERYONE, OK),
        rows=dict.fromkeys(EVERYONE, {"leavetypes"}),
    ),
    Case("payroll:leavetype", each(EVERYONE, OK), args=lambda o: [o["leavetypes"][0].pk]),
    Case("payroll:leavetype_history", each(EVERYONE, OK), args=lambda o: [o["leavetypes"][0].pk]),
    Case("payroll:leavetype_add", HR),
    Case("payroll:leavetype_edit", HR, args=lambda o: [o["leavetypes"][0].pk]),
    *_pages("benefitrecord", "benefit_a", "benefit_b", _own_rows, OWN_SEES),
    Case("payroll:benefitrecord_add", HR),
    Case("payroll:benefitrecord_edit", HR, args=_pk("benefit_a")),
    Case("payroll:benefitrecord_delete", HR, args=_pk("benefit_a")),
    Case("payroll:benefit_summary", each(EVERYONE, OK), args=lambda o: [2030]),
]

"""Permission matrix of the salary structures and the monthly run: HR keeps them,
management reads them; every employee sees only their own payslips of locked months
(a supervisor sees none of the team's pay)."""

import datetime as dt
from decimal import Decimal as D

from core.services import save_checked
from org.models import Grade
from payroll import services
from payroll.models import BonusTier, GradePay, PayItem, SalaryAccount, SalaryChange
from tests.access import NOT_FOUND, OK, STAFF, Case

READ = {"hr": OK, "manager": OK, "superuser": OK}
EDIT = {"hr": OK, "superuser": OK}
POST = {"hr": 302, "superuser": 302}
ROWS_FOR = ("hr", "manager", "superuser")


def _salary(user, amount):
    return save_checked(
        SalaryChange(
            employee=user.employee,
            effective_from=dt.date(2025, 1, 1),
            amount=amount,
            reason=SalaryChange.Reason.HIRE,
        ),
        None,
    )


def pay_scenario(personas):
    hr = personas["hr"]
    grade = Grade.objects.create(code="PAY1", name="薪級一", level=1)
    objects = {
        "gradepay": GradePay.objects.create(
            grade=grade, band_min=D("5000"), band_max=D("30000"), performance_base=D("1000")
        ),
        "salary_a": _salary(personas["salesperson"], D("10000")),
        "salary_b": _salary(personas["other_salesperson"], D("9000")),
        "salary_sup": _salary(personas["supervisor"], D("15000")),
        "item_a": save_checked(
            PayItem(
                employee=personas["salesperson"].employee,
                kind=PayItem.Kind.ALLOWANCE,
                label="交通補貼",
                amount=D("300"),
                start_month=dt.date(2026, 1, 1),
            ),
            None,
        ),
        "item_b": save_checked(
            PayItem(
                employee=personas["other_salesperson"].employee,
                kind=PayItem.Kind.DEDUCTION,
                label="餐費",
                amount=D("100"),
                start_month=dt.date(2026, 3, 1),
            ),
            None,
        ),
        "tier": BonusTier.objects.create(
            basis=BonusTier.Basis.PERSON,
            measure=BonusTier.Measure.PREMIUM,
            effective_from=dt.date(2025, 1, 1),
            lower=D("0"),
            rate=D("1"),
        ),
    }
    for key, persona, number in (
        ("account_a", "salesperson", "6225880212345678"),
        ("account_b", "other_salesperson", "6222020200112233"),
    ):
        objects[key] = services.salary_account_save(
            actor=hr,
            account=SalaryAccount(
                employee=personas[persona].employee,
                bank_name="招商銀行",
                account_name=personas[persona].employee.name,
                account_number=number,
            ),
        )
    locked = services.payroll_month_open(actor=hr, year=2026, month=1)
    services.payroll_compute(actor=hr, run=locked)
    locked.refresh_from_db()
    services.payroll_approve(actor=hr, run=locked)
    services.payroll_lock(actor=hr, run=locked)
    current = services.payroll_month_open(actor=hr, year=2026, month=2)
    services.payroll_compute(actor=hr, run=current)
    objects.update(
        {
            "run_locked": locked,
            "run_open": current,
            "slip_a": locked.payslips.get(employee=personas["salesperson"].employee),
            "slip_b": locked.payslips.get(employee=personas["other_salesperson"].employee),
            "slip_sup": locked.payslips.get(employee=personas["supervisor"].employee),
            "slip_open_a": current.payslips.get(employee=personas["salesperson"].employee),
        }
    )
    return objects


def _pk(name):
    return lambda o: [o[name].pk]


def _pages(model, obj, rows, *, detail=True, delete=False):
    cases = [
        Case(f"payroll:{model}_list", READ, rows=dict.fromkeys(ROWS_FOR, rows)),
        Case(f"payroll:{model}_list", READ, query="?export=xlsx"),
        Case(f"payroll:{model}_history", READ, args=_pk(obj)),
        Case(f"payroll:{model}_add", EDIT),
        Case(f"payroll:{model}_edit", EDIT, args=_pk(obj)),
    ]
    if detail:
        cases.append(Case(f"payroll:{model}", READ, args=_pk(obj)))
    if delete:
        cases.append(Case(f"payroll:{model}_delete", EDIT, args=_pk(obj)))
    return cases


# every staff persona holds view_payslip; a payslip not theirs is not found
HIDDEN = dict.fromkeys(STAFF, NOT_FOUND)
OWN_LOCKED = {**HIDDEN, **READ, "salesperson": OK}

PAY_CASES = [
    *_pages("gradepay", "gradepay", {"gradepay"}),
    *_pages("salarychange", "salary_a", {"salary_a", "salary_b", "salary_sup"}),
    Case("payroll:salarychange", READ, args=_pk("salary_a"), query="?export=pdf"),
    *_pages("payitem", "item_a", {"item_a", "item_b"}, delete=True),
    *_pages("bonustier", "tier", {"tier"}, detail=False, delete=True),
    Case("payroll:payrollrun_list", READ, rows=dict.fromkeys(ROWS_FOR, {"run_locked", "run_open"})),
    Case("payroll:payrollrun_list", READ, query="?export=xlsx"),
    Case("payroll:payrollrun", READ, args=_pk("run_open")),
    Case("payroll:payrollrun_history", READ, args=_pk("run_locked")),
    Case("payroll:payrollrun_add", EDIT),
    Case("payroll:payrollrun_compute", POST, method="post", args=_pk("run_open")),
    Case("payroll:payrollrun_approve", POST, method="post", args=_pk("run_open")),
    Case("payroll:payrollrun_reopen", POST, method="post", args=_pk("run_open")),
    Case("payroll:payrollrun_lock", POST, method="post", args=_pk("run_open")),
    Case("payroll:payrollrun_annual_bonus", POST, method="post", args=_pk("run_open")),
    Case("payroll:payrollrun_register", READ, args=_pk("run_locked")),
    Case("payroll:payrollrun_contributions", READ, args=_pk("run_locked")),
    Case("payroll:payrollrun_tax", READ, args=_pk("run_locked")),
    Case("payroll:payrollrun_bank", READ, args=_pk("run_locked")),
    Case(
        "payroll:salaryaccount_list", READ, rows=dict.fromkeys(ROWS_FOR, {"account_a", "account_b"})
    ),
    Case("payroll:salaryaccount_list", READ, query="?export=xlsx"),
    Case("payroll:salaryaccount", READ, args=_pk("account_a")),
    Case("payroll:salaryaccount", READ, args=_pk("account_a"), query="?show=1"),
    Case("payroll:salaryaccount_history", READ, args=_pk("account_a")),
    Case("payroll:salaryaccount_add", EDIT),
    Case("payroll:salaryaccount_edit", EDIT, args=_pk("account_a")),
    Case("payroll:payslip", OWN_LOCKED, args=_pk("slip_a")),
    Case("payroll:payslip", OWN_LOCKED, args=_pk("slip_a"), query="?export=pdf"),
    Case("payroll:payslip", {**HIDDEN, **READ}, args=_pk("slip_open_a")),
    Case(
        "payroll:payslip_mine",
        {**dict.fromkeys(STAFF, OK), "superuser": OK},
        rows={
            **{persona: set() for persona in (*STAFF, "superuser")},
            "salesperson": {"slip_a"},
            "other_salesperson": {"slip_b"},
            "supervisor": {"slip_sup"},
        },
    ),
]
